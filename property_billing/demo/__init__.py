from . import property_billing_demo
