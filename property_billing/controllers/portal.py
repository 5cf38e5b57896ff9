from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.property_base.controllers.portal import PropertyCustomerPortal


class PropertyBillingPortal(PropertyCustomerPortal):
    """Bills of a unit on the owner portal. Everything is read as the portal
    user: account's record rule limits invoices to the user's own, so an
    owner never sees the bills of a co-owner or of a former owner."""

    _bills_per_page = 20

    def _prepare_property_unit_bills_domain(self, unit):
        return (
            Domain("property_unit_id", "=", unit.id)
            & Domain("move_type", "=", "out_invoice")
            & Domain("state", "=", "posted")
        )

    def _prepare_property_unit_page_values(self, unit):
        values = super()._prepare_property_unit_page_values(unit)
        Move = request.env["account.move"]
        if not Move.has_access("read"):
            return values
        domain = self._prepare_property_unit_bills_domain(unit)
        values["property_bills"] = Move.search(domain, order="invoice_date desc, id desc", limit=6)
        values["property_balance_due"] = sum(
            Move.search(domain & Domain("payment_state", "in", ("not_paid", "partial"))).mapped(
                "amount_residual"
            )
        )
        return values

    @http.route(
        ["/my/units/<int:unit_id>/bills", "/my/units/<int:unit_id>/bills/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_unit_bills(self, unit_id, page=1, **kwargs):
        try:
            self._document_check_access("property.unit", unit_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        unit = request.env["property.unit"].browse(unit_id)
        Move = request.env["account.move"]
        domain = self._prepare_property_unit_bills_domain(unit)
        count = Move.search_count(domain)
        pager = portal_pager(
            url=f"/my/units/{unit.id}/bills",
            total=count,
            page=page,
            step=self._bills_per_page,
        )
        bills = Move.search(
            domain,
            order="invoice_date desc, id desc",
            limit=self._bills_per_page,
            offset=pager["offset"],
        )
        unpaid = Move.search(domain & Domain("payment_state", "in", ("not_paid", "partial")))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_unit_bills",
                "property_unit": unit,
                "property_bills": bills,
                "property_balance_due": sum(unpaid.mapped("amount_residual")),
                "currency": unit.company_id.currency_id,
                "pager": pager,
            }
        )
        return request.render("property_billing.portal_my_property_unit_bills", values)

    @http.route("/my/bills/<int:bill_id>", type="http", auth="user", website=True, sitemap=False)
    def portal_my_property_bill(self, bill_id, **kwargs):
        """Odoo's page of a bill (PDF, online payment), with its access token
        as /my/invoices links it. The token is generated here, on the owner's
        click, so that the unit and bills pages only read."""
        try:
            self._document_check_access("account.move", bill_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        bill = request.env["account.move"].browse(bill_id)
        if not bill.property_unit_id or bill.move_type != "out_invoice":
            return request.redirect("/my")
        return request.redirect(bill.get_portal_url())
