from . import property_helpdesk_dispatch_wizard
from . import property_helpdesk_reason_wizard
from . import property_helpdesk_follow_up_wizard
from . import property_helpdesk_sla_start_wizard
