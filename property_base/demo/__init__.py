from . import property_meter_route_demo
