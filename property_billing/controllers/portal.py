from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.fields import Command, Domain
from odoo.http import content_disposition, request
from odoo.tools import format_amount

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.property_base.controllers.portal import PropertyCustomerPortal

UNPAID_STATES = ("not_paid", "partial")
PAID_STATES = ("paid", "in_payment")


# A subclass of Accounting's portal too, not only of the portal: its
# override of the bill's page values (``_invoice_get_page_view_values``) comes
# before Accounting's whatever order the modules' controllers are imported in.
class PropertyBillingPortal(PropertyCustomerPortal, PortalAccount):
    """Bills of the owner on the portal: all of them on /my/bills, those of a
    unit on its page, and the payment of one or several at once through Odoo's
    payment framework. Everything is read as the portal user: account's record
    rule limits invoices to the user's own, so an owner never sees the bills
    of a co-owner or of a former owner."""

    _bills_per_page = 20

    # ------------------------------------------------------------
    # Domains and values
    # ------------------------------------------------------------

    def _prepare_property_bills_domain(self):
        """The posted property bills the portal user may read."""
        return (
            Domain("property_unit_id", "!=", False)
            & Domain("move_type", "=", "out_invoice")
            & Domain("state", "=", "posted")
        )

    def _prepare_property_unit_bills_domain(self, unit):
        return self._prepare_property_bills_domain() & Domain("property_unit_id", "=", unit.id)

    def _get_property_bill_state_filters(self):
        return {
            "all": {"label": request.env._("All bills"), "domain": Domain.TRUE},
            "unpaid": {
                "label": request.env._("Unpaid bills"),
                "domain": Domain("payment_state", "in", UNPAID_STATES),
            },
            "paid": {
                "label": request.env._("Paid"),
                "domain": Domain("payment_state", "in", PAID_STATES),
            },
        }

    def _get_property_unpaid_bills(self):
        Move = request.env["account.move"]
        if not Move.has_access("read"):
            return Move
        return Move.search(
            self._prepare_property_bills_domain()
            & Domain("payment_state", "in", UNPAID_STATES)
            & Domain("amount_residual", ">", 0)
        )

    def _prepare_property_unit_page_values(self, unit):
        values = super()._prepare_property_unit_page_values(unit)
        Move = request.env["account.move"]
        if not Move.has_access("read"):
            return values
        domain = self._prepare_property_unit_bills_domain(unit)
        values["property_bills"] = Move.search(domain, order="invoice_date desc, id desc", limit=6)
        values["property_balance_due"] = sum(
            Move.search(domain & Domain("payment_state", "in", UNPAID_STATES)).mapped(
                "amount_residual"
            )
        )
        values["property_receipts_by_bill"] = self._get_property_receipts_by_bill(
            values["property_bills"]
        )
        values["today"] = fields.Date.context_today(unit)
        return values

    def _get_property_receipts_by_bill(self, bills):
        """{bill id: the owner's payments of the bill} for ``bills``."""
        receipts = {}
        paid = bills.filtered(lambda bill: bill.payment_state in PAID_STATES + ("partial",))
        if not paid:
            return receipts
        for payment in self._get_property_payments(Domain("invoice_ids", "in", paid.ids), None):
            for bill_id in payment.invoice_ids.ids:
                receipts.setdefault(bill_id, []).append(payment)
        return receipts

    def _invoice_get_page_view_values(self, invoice, access_token, **kwargs):
        values = super()._invoice_get_page_view_values(invoice, access_token, **kwargs)
        if invoice.property_unit_id:
            values["property_receipts"] = self._get_property_receipts_by_bill(invoice).get(
                invoice.id, []
            )
        return values

    # ------------------------------------------------------------
    # Home
    # ------------------------------------------------------------

    def _get_property_attention_items(self, partner):
        items = super()._get_property_attention_items(partner)
        unpaid = self._get_property_unpaid_bills()
        if unpaid:
            company = unpaid[0].company_id
            currency = company.currency_id
            total = sum(unpaid.mapped("amount_residual"))
            items.append(
                {
                    "key": "unpaid_bills",
                    "sequence": 10,
                    "icon": "fa-credit-card",
                    "title": request.env._("Unpaid bills (%(count)s)", count=len(unpaid)),
                    "value": format_amount(request.env, total, currency),
                    "url": "/my/bills?filterby=unpaid",
                    "button": request.env._("Pay now"),
                    "level": "danger"
                    if any(
                        bill.invoice_date_due and bill.invoice_date_due < fields.Date.today()
                        for bill in unpaid
                    )
                    else "warning",
                }
            )
        return items

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Move = request.env["account.move"]
        if "property_bill_count" in counters:
            values["property_bill_count"] = (
                Move.search_count(self._prepare_property_bills_domain())
                if Move.has_access("read")
                else 0
            )
        if not counters:
            # Account's generic "Invoices" entries repeat the bills for an
            # owner who has no other invoice: hidden for them.
            values["property_hide_account_invoices"] = (
                Move.has_access("read")
                and bool(Move.search_count(self._prepare_property_bills_domain(), limit=1))
                and not Move.search_count(
                    Domain("property_unit_id", "=", False)
                    & Domain("state", "=", "posted")
                    & Domain("move_type", "in", ("out_invoice", "out_refund", "out_receipt")),
                    limit=1,
                )
            )
        return values

    # ------------------------------------------------------------
    # /my/bills
    # ------------------------------------------------------------

    def _prepare_property_bills_portal_rendering_values(
        self, page=1, unit=None, period=None, filterby=None, **kwargs
    ):
        Move = request.env["account.move"]
        values = self._prepare_portal_layout_values()
        base_domain = self._prepare_property_bills_domain()
        # The units and periods to filter by: those of the user's bills.
        units = request.env["property.unit"]
        periods = request.env["property.billing.period"]
        for group_unit, group_period in Move._read_group(
            base_domain, ["property_unit_id", "property_period_id"]
        ):
            units |= group_unit
            periods |= group_period
        units = units.sorted("full_code")
        periods = periods.sorted("date_start", reverse=True)

        state_filters = self._get_property_bill_state_filters()
        if filterby not in state_filters:
            filterby = "all"
        domain = base_domain & state_filters[filterby]["domain"]
        unit_id = self._cast_as_int(unit)
        if unit_id and unit_id in units.ids:
            domain &= Domain("property_unit_id", "=", unit_id)
        else:
            unit_id = None
        period_id = self._cast_as_int(period)
        if period_id and period_id in periods.ids:
            domain &= Domain("property_period_id", "=", period_id)
        else:
            period_id = None
        url_args = {"filterby": filterby, "unit": unit_id or "", "period": period_id or ""}
        pager = portal_pager(
            url="/my/bills",
            total=Move.search_count(domain),
            page=page,
            step=self._bills_per_page,
            url_args=url_args,
        )
        bills = Move.search(
            domain,
            order="invoice_date desc, id desc",
            limit=self._bills_per_page,
            offset=pager["offset"],
        )
        unpaid = self._get_property_unpaid_bills()
        values.update(
            {
                "page_name": "property_bills",
                "property_bills": bills,
                "property_filter_units": units,
                "property_filter_periods": periods,
                "property_state_filters": state_filters,
                "filterby": filterby,
                "unit_id": unit_id,
                "period_id": period_id,
                "property_unpaid_bills": unpaid,
                # The bank transfers the owner announced, with the bank details
                # (the user's own bills, read in sudo for their transactions).
                "property_pending_transfers": unpaid.sudo().transaction_ids.filtered(
                    lambda tx: tx.state == "pending" and tx.provider_code == "custom"
                ),
                "property_balance_due": sum(unpaid.mapped("amount_residual")),
                "property_payments": self._get_property_payments(),
                "property_receipts_by_bill": self._get_property_receipts_by_bill(bills),
                "today": fields.Date.context_today(Move),
                "currency": request.env.company.currency_id,
                "pager": pager,
            }
        )
        return values

    def _get_property_payments(self, domain=Domain.TRUE, limit=20):
        """The owner's payments of property bills and prepayments of their
        units, newest first. Portal users may not read payments: read in
        sudo, restricted to the user's own commercial partner, only what the
        page shows."""
        partner = request.env.user.partner_id.commercial_partner_id
        return (
            request.env["account.payment"]
            .sudo()
            .search(
                Domain("partner_id", "=", partner.id)
                & Domain("payment_type", "=", "inbound")
                & Domain("state", "in", ("in_process", "paid"))
                # Payments of bills, and prepayments of a unit (at the
                # counter or online) not applied to a bill yet.
                & (
                    Domain("invoice_ids.property_unit_id", "!=", False)
                    | Domain("property_unit_id", "!=", False)
                )
                & domain,
                order="date desc, id desc",
                limit=limit,
            )
        )

    @http.route(
        ["/my/bills", "/my/bills/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_bills(self, error=None, **kwargs):
        values = self._prepare_property_bills_portal_rendering_values(**kwargs)
        values["property_bill_error"] = self._get_property_bill_error_message(error)
        return request.render("property_billing.portal_my_property_bills", values)

    def _get_property_bill_error_message(self, error):
        return {
            "none": request.env._("Choose at least one unpaid bill to pay."),
            "not_found": request.env._("One of the chosen bills is not yours or does not exist."),
            "paid": request.env._(
                "One of the chosen bills is already paid: choose only unpaid bills."
            ),
            "currency": request.env._(
                "The chosen bills cannot be paid together: pay them one by one."
            ),
        }.get(error)

    @http.route(
        ["/my/units/<int:unit_id>/bills", "/my/units/<int:unit_id>/bills/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_unit_bills(self, unit_id, page=1, **kwargs):
        """The bills of a unit: /my/bills filtered by the unit."""
        try:
            self._document_check_access("property.unit", unit_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return request.redirect(f"/my/bills?unit={unit_id}")

    @http.route("/my/bills/<int:bill_id>", type="http", auth="user", website=True, sitemap=False)
    def portal_my_property_bill(self, bill_id, **kwargs):
        """Odoo's page of a bill (PDF, online payment), with its access token
        as /my/invoices links it. The token is generated here, on the owner's
        click, so that the unit and bills pages only read."""
        try:
            self._document_check_access("account.move", bill_id)
        except (AccessError, MissingError):
            return request.redirect("/my/bills")
        bill = request.env["account.move"].browse(bill_id)
        if not bill.property_unit_id or bill.move_type != "out_invoice":
            return request.redirect("/my/bills")
        return request.redirect(bill.get_portal_url())

    # ------------------------------------------------------------
    # Paying one or several bills
    # ------------------------------------------------------------

    def _get_property_bills_to_pay(self, bill_ids):
        """The bills of ``bill_ids`` (ids, or a comma-separated string) when
        they are all the user's own and unpaid, as ``(bills, False)``; else
        ``(empty, error key)``."""
        Move = request.env["account.move"]
        if isinstance(bill_ids, str):
            bill_ids = bill_ids.split(",")
        ids = {self._cast_as_int(bill_id) for bill_id in bill_ids or ()}
        if not ids:
            return Move, "none"
        if None in ids or not Move.has_access("read"):
            return Move, "not_found"
        bills = Move.search(self._prepare_property_bills_domain() & Domain("id", "in", list(ids)))
        if len(bills) != len(ids):
            return Move, "not_found"
        if any(
            bill.payment_state not in UNPAID_STATES
            or bill.currency_id.is_zero(bill.amount_residual)
            for bill in bills
        ):
            return Move, "paid"
        if len(bills.currency_id) > 1 or len(bills.company_id) > 1:
            return Move, "currency"
        return bills, False

    @http.route("/my/bills/pay", type="http", auth="user", website=True, sitemap=False)
    def portal_my_property_bills_pay(self, bill_ids=None, **kwargs):
        """The payment form of the chosen unpaid bills (account_payment's
        page of overdue invoices, for these bills)."""
        # One bill (?bill_ids=7) or the bills ticked on /my/bills (repeated).
        bill_ids = request.httprequest.args.getlist("bill_ids") or bill_ids
        bills, error = self._get_property_bills_to_pay(bill_ids)
        if error:
            return request.redirect(f"/my/bills?filterby=unpaid&error={error}")
        if len(bills) == 1:
            return request.redirect(bills.get_portal_url(query_string="&payment=True"))
        values = self._overdue_invoices_get_page_view_values(bills)
        total = sum(bills.mapped("amount_residual"))
        ids = ",".join(str(bill_id) for bill_id in bills.ids)
        values.update(
            {
                "page_name": "property_bills_pay",
                "property_bills": bills,
                "amount": total,
                "transaction_route": f"/my/bills/transaction/{ids}",
                "landing_route": "/my/bills",
            }
        )
        values["payment"]["amount"] = total
        return request.render("property_billing.portal_property_bills_payment_page", values)

    @http.route("/my/bills/transaction/<string:bill_ids>", type="jsonrpc", auth="user")
    def portal_my_property_bills_transaction(
        self, bill_ids, payment_reference=None, access_token=None, **kwargs
    ):
        """A transaction for the chosen bills, checked again: all the user's
        own and unpaid; the amount is what they still owe."""
        bills, error = self._get_property_bills_to_pay(bill_ids)
        if error:
            raise ValidationError(self._get_property_bill_error_message(error))
        self._validate_transaction_kwargs(kwargs)
        kwargs["amount"] = sum(bills.mapped("amount_residual"))
        partner = request.env.user.partner_id
        kwargs.update(
            {
                "currency_id": bills.currency_id.id,
                "partner_id": partner.id,
                "reference_prefix": payment_reference,
            }
        )
        tx_sudo = self._create_transaction(
            custom_create_values={"invoice_ids": [Command.set(bills.ids)]}, **kwargs
        )
        return tx_sudo._get_processing_values()

    # ------------------------------------------------------------
    # Receipts
    # ------------------------------------------------------------

    @http.route(
        "/my/bills/receipts/<int:payment_id>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def portal_my_property_receipt(self, payment_id, download=False, **kwargs):
        """The receipt (收据) of one of the owner's payments, as a PDF."""
        payment_sudo = self._get_property_payments(Domain("id", "=", payment_id), limit=1)
        if not payment_sudo:
            return request.redirect("/my/bills")
        report = request.env["ir.actions.report"].sudo().with_context(lang=request.env.lang)
        pdf, _type = report._render_qweb_pdf(
            "property_billing.action_report_property_receipt", payment_sudo.ids
        )
        filename = request.env._("Receipt %(number)s.pdf", number=payment_sudo.name)
        disposition = "attachment" if download else "inline"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(filename, disposition)),
            ],
        )
