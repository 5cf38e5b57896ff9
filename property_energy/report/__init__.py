from . import property_energy_report
