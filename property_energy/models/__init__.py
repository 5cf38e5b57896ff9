from . import property_energy_target
from . import property_meter
from . import property_meter_reading
from . import property_kpi
