from . import property_energy_target_demo
