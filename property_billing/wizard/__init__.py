from . import property_late_fee_waive
