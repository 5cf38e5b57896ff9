from . import (
    arrears_xlsx,
    property_arrears_report,
    property_collection_report,
    property_unit_statement_report,
)
