from decimal import Decimal, InvalidOperation

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from .portal import PropertyBillingPortal

# The most an owner may prepay online at once (yuan); more goes through the counter.
PREPAY_MAX_AMOUNT = Decimal("100000")


class PropertyPrepayPortal(PropertyBillingPortal):
    """Prepayment top-up (预存) on the portal: the owner picks one of their units and an
    amount, pays it with any published payment provider, and the payment is posted as a
    prepayment of the unit (an unreconciled payment of the unit, applied to its next
    bills as the counter's prepayments are)."""

    def _get_property_prepay_units(self):
        """The units the user may prepay for, read as the user."""
        partner = request.env.user.partner_id
        return request.env["property.unit"].search(
            self._prepare_property_units_domain(partner), order="full_code"
        )

    def _get_property_prepay_unit(self, unit_id):
        unit_id = self._cast_as_int(unit_id)
        if not unit_id:
            return request.env["property.unit"]
        return self._get_property_prepay_units().filtered(lambda unit: unit.id == unit_id)

    @staticmethod
    def _parse_property_prepay_amount(amount):
        """The amount as a Decimal of yuan, or an error key."""
        try:
            value = Decimal(str(amount).strip())
        except (InvalidOperation, ValueError):
            return None, "amount"
        if not value.is_finite() or value <= 0 or value > PREPAY_MAX_AMOUNT:
            return None, "amount"
        if value != value.quantize(Decimal("0.01")):
            return None, "decimals"
        return value, False

    def _get_property_prepay_error_message(self, error):
        return {
            "unit": request.env._("Choose one of your units."),
            "amount": request.env._("Enter an amount between 0.01 and 100,000.00."),
            "decimals": request.env._("Enter an amount with at most two decimals."),
        }.get(error, "")

    @http.route("/my/prepay", type="http", auth="user", website=True, sitemap=False)
    def portal_my_property_prepay(self, unit_id=None, amount=None, **kwargs):
        """Choose the unit and the amount; once both are valid, Odoo's payment form."""
        units = self._get_property_prepay_units()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_prepay",
                "property_units": units,
                "property_unit": units[:1] if len(units) == 1 else units.browse(),
                "property_amount": amount or "",
                "error_message": "",
            }
        )
        if unit_id is not None or amount is not None:
            unit = self._get_property_prepay_unit(unit_id)
            value, error = self._parse_property_prepay_amount(amount)
            if not unit:
                error = "unit"
            if error:
                values["error_message"] = self._get_property_prepay_error_message(error)
            else:
                values.update(self._prepare_property_prepay_payment_values(unit, value))
        return request.render("property_billing.portal_property_prepay_page", values)

    def _prepare_property_prepay_payment_values(self, unit, amount):
        company = unit.estate_id.company_id
        currency = company.currency_id
        reference = request.env._("Prepayment %(unit)s", unit=unit.full_code)
        values = self._get_common_page_view_values(
            invoices_data={
                "partner": request.env.user.partner_id,
                "company": company,
                "total_amount": float(amount),
                "currency": currency,
                "amount_residual": float(amount),
                "payment_reference": reference,
                "landing_route": "/my/prepay",
                "transaction_route": f"/my/prepay/transaction/{unit.id}",
            }
        )
        values.update(
            {
                "property_unit": unit,
                "property_amount": f"{amount:.2f}",
                "amount": float(amount),
                "payment": {"amount": float(amount), "reference": reference, "currency": currency},
                "currency": currency,
            }
        )
        return values

    @http.route("/my/prepay/transaction/<int:unit_id>", type="jsonrpc", auth="user")
    def portal_my_property_prepay_transaction(
        self, unit_id, payment_reference=None, access_token=None, **kwargs
    ):
        """The transaction of a prepayment, checked again: the user's unit, a valid amount."""
        unit = self._get_property_prepay_unit(unit_id)
        if not unit:
            raise ValidationError(self._get_property_prepay_error_message("unit"))
        amount, error = self._parse_property_prepay_amount(kwargs.get("amount"))
        if error:
            raise ValidationError(self._get_property_prepay_error_message(error))
        self._validate_transaction_kwargs(kwargs)
        company = unit.estate_id.company_id
        kwargs.update(
            {
                "amount": float(amount),
                "currency_id": company.currency_id.id,
                "partner_id": request.env.user.partner_id.id,
                "reference_prefix": f"PRE-{unit.full_code}",
            }
        )
        tx_sudo = self._create_transaction(
            custom_create_values={"property_prepay_unit_id": unit.id}, **kwargs
        )
        return tx_sudo._get_processing_values()
