from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        """A company given a chart of accounts can take payments at the counter
        and bill: a cash journal, and the fee items of a property company
        (rates to fill in)."""
        result = super()._post_load_data(template_code, company, template_data)
        company = company or self.env.company
        company._property_ensure_cash_journal()
        if not self.env.context.get("property_no_fee_items"):
            company._property_create_fee_items()
        return result
