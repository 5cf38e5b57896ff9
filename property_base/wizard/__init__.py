from . import property_meter_reading_import
from . import property_meter_reading_import_error
