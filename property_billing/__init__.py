from . import controllers, models, report, wizard
from . import demo  # after models: it extends them


def post_init_hook(env):
    """The counter takes cash: give the companies a cash journal if their
    chart of accounts has none."""
    env["res.company"].search([("chart_template", "!=", False)])._property_ensure_cash_journal()
