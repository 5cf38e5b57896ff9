from . import property_helpdesk_sla_rule
from . import helpdesk_ticket_stage
from . import helpdesk_ticket_category
from . import helpdesk_ticket_team
from . import helpdesk_ticket
from . import res_users
from . import res_config_settings
from . import property_helpdesk_ticket_report
