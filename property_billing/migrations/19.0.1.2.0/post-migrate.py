from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The fee ledger and the units' months are new: made from the bills,
    payments and reconciliations there are."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["property.fee.ledger"]._rebuild()
    env["property.fee.unit.month"]._rebuild()
