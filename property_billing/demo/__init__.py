from . import property_billing_demo
from . import payment_provider_demo
from . import res_company_demo
from . import property_allocation_rule_demo
