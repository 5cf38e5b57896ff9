from odoo import api, models

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class ResCompany(models.Model):
    """Demo data only: called from ``demo/property_billing_demo.xml``."""

    _inherit = "res.company"

    @api.model
    def _demo_property_chinese_ledger(self, company_id):
        """Demo data: the demo property company keeps its books as a Chinese
        company does, on l10n_cn's chart of accounts in CNY, rounding each
        line, and charges VAT price-included (a general taxpayer's 6 % on
        property services, 9 % on parking).

        account's demo has already put a generic chart and a few US-dollar
        invoices on the main company; as when a company's first localisation
        is installed, those entries and that chart are replaced (the chart's
        loading gives it its cash journal). Returns the
        two taxes (6 %, 9 %), also named ``property_billing.demo_tax_vat_6``
        and ``property_billing.demo_tax_vat_9``."""
        company = self.browse(company_id)
        if company.chart_template != "cn":
            moves = (
                self.env["account.move"]
                .sudo()
                .with_context(active_test=False)
                .search([("company_id", "child_of", company.id)])
            )
            moves.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
            # As l10n_cn's demo company loads it (try_loading warns before the
            # registry is loaded, which demo data always is).
            # The demo's own fee items follow, with their rates.
            self.env["account.chart.template"].with_context(property_no_fee_items=True)._load(
                "cn", company, install_demo=False
            )
        taxes = self.env["account.tax"]
        for amount, demo_xmlid in ((6.0, "demo_tax_vat_6"), (9.0, "demo_tax_vat_9")):
            included = company._property_included_sale_tax(amount)
            self.env["ir.model.data"]._update_xmlids(
                [{"xml_id": f"property_billing.{demo_xmlid}", "record": included, "noupdate": True}]
            )
            taxes |= included
        return taxes.ids
