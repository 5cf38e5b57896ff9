from . import controllers, models, report, wizard
from . import demo  # after models: it extends them


def post_init_hook(env):
    """The counter takes cash and the company bills: give the companies that
    have a chart of accounts a cash journal if they have none, and the fee
    items of a property company (the demo company has its own)."""
    companies = env["res.company"].search([("chart_template", "!=", False)])
    companies._property_ensure_cash_journal()
    companies._property_create_fee_items()
    env["property.fee.ledger"]._rebuild()
    env["property.fee.unit.month"]._rebuild()
