from . import property_arrears_report, property_collection_report
