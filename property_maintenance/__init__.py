from . import models, report
from . import demo  # after models: it extends them

# Odoo Maintenance's own rules, as Odoo ships them: this module narrows them to
# the estates of property staff (security/property_maintenance_security.xml).
ODOO_MAINTENANCE_RULES = {
    "maintenance.equipment_rule_user": "[('message_partner_ids', 'in', [user.partner_id.id])]",
    "maintenance.equipment_request_rule_user": "['|', '|', ('owner_user_id', '=', user.id), "
    "('message_partner_ids', 'in', [user.partner_id.id]), ('user_id', '=', user.id)]",
}


def uninstall_hook(env):
    """Give Odoo Maintenance its rules back: they name the users' estates,
    which leave with the property modules."""
    for xmlid, domain in ODOO_MAINTENANCE_RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
