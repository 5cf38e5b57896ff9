from . import property_maintenance_plan_demo
