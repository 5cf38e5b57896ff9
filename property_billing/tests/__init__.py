from . import (
    test_arrears,
    test_billing_run,
    test_late_fee,
    test_portal,
    test_tour_billing_run,
    test_fee_computation,
    test_fee_bad_input,
)
from . import test_billing_roles
from . import test_tour_roles
from . import test_bill_exact
from . import test_bill_dates
from . import test_tour_fee_rate
from . import test_fee_templates
from . import test_allocation
from . import test_portal_shared_cost
from . import test_kpi_fees
from . import test_tour_dashboard_fees
from . import test_portal_online_providers
from . import test_portal_prepay
from . import test_amount_words
