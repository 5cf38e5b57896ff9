from odoo import Command, fields, models

# The fee items a company starts with (README "Production start"): code,
# product (its name, in each language, is the fee's), calculation, charge of
# vacant units, unit types, VAT rate charged price-included (None: no VAT, the
# fee is collected on behalf of the utility or the city). Their rates are left
# to fill in: a fee at rate 0 charges nothing.
FEE_ITEM_TEMPLATES = [
    ("WYF", "product_property_service", "gross_area", True, ("apartment", "shop", "office"), 6.0),
    ("GTSD", "product_shared_utilities", "gross_area", True, ("apartment",), None),
    ("LJF", "product_waste_disposal", "fixed", False, ("apartment",), None),
    ("TCF", "product_parking_management", "parking", True, (), 6.0),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    property_billing_post = fields.Boolean(
        string="Post Bills", default=True, help="Billing runs post the bills they create."
    )
    property_billing_auto = fields.Boolean(
        string="Monthly Billing", default=True, help="The monthly scheduled action bills the month."
    )
    property_billing_due_days = fields.Integer(
        string="Days to Pay", default=15, help="Days between the bill date and its due date."
    )
    property_bill_at_move_in = fields.Boolean(
        string="Bill at Move-in",
        default=True,
        help="Completing a move-in bills the unit for the rest of the month.",
    )
    property_apply_prepayments = fields.Boolean(
        string="Apply Prepayments",
        default=True,
        help="Payments received in advance are reconciled with new bills when they are posted.",
    )

    # The journal each way of paying at the counter is booked in; left empty,
    # the company's first cash journal takes cash and its first bank journal
    # the others.
    property_counter_journal_cash_id = fields.Many2one(
        comodel_name="account.journal",
        string="Cash Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_card_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Card Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_transfer_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Transfer Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_wechat_id = fields.Many2one(
        comodel_name="account.journal",
        string="WeChat (offline) Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_alipay_id = fields.Many2one(
        comodel_name="account.journal",
        string="Alipay (offline) Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )

    def _property_counter_journal(self, method):
        """The journal of ``method`` (a code of ``COUNTER_METHODS``)."""
        self.ensure_one()
        journal = self[f"property_counter_journal_{method}_id"]
        if journal:
            return journal
        Journal = self.env["account.journal"]
        journal_type = "cash" if method == "cash" else "bank"
        return Journal.search(
            [("company_id", "=", self.id), ("type", "=", journal_type)], limit=1
        ) or Journal.search(
            [("company_id", "=", self.id), ("type", "in", ("cash", "bank"))], limit=1
        )

    def _property_ensure_cash_journal(self):
        """Create a cash journal (现金) in the companies that have none."""
        Journal = self.env["account.journal"].sudo()
        for company in self:
            if Journal.search_count([("company_id", "=", company.id), ("type", "=", "cash")]):
                continue
            codes = set(Journal.search([("company_id", "=", company.id)]).mapped("code"))
            code = next(code for code in ("CSH", "PCSH", "CSH9", "PCS9") if code not in codes)
            journal = Journal.create(
                {"name": "Cash", "type": "cash", "code": code, "company_id": company.id}
            )
            if "zh_CN" in dict(self.env["res.lang"].get_installed()):
                journal.update_field_translations("name", {"zh_CN": "现金"})

    def _property_included_sale_tax(self, amount):
        """The company's sales VAT of ``amount`` % charged price-included, as
        property fees are quoted (物业服务费 2.80 元/m² includes its 6 %).

        Made from the chart's price-excluded tax of that rate when the company
        has none yet (l10n_cn ships its sales VAT price-excluded); an empty
        recordset when the chart has no such tax."""
        self.ensure_one()
        Tax = self.env["account.tax"].sudo()
        domain = [
            ("company_id", "=", self.id),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("amount", "=", amount),
        ]
        included = Tax.search(domain + [("price_include", "=", True)], order="id", limit=1)
        if included:
            return included
        excluded = Tax.search(domain + [("price_include", "=", False)], order="id", limit=1)
        if not excluded:
            return Tax
        included = excluded.copy(
            {
                "name": self.env._("%(tax)s incl.", tax=excluded.name),
                "price_include_override": "tax_included",
                "description": excluded.description,
                "invoice_label": excluded.invoice_label,
            }
        )
        names = {
            lang: self.with_context(lang=lang).env._(
                "%(tax)s incl.", tax=excluded.with_context(lang=lang).name
            )
            for lang, _name in self.env["res.lang"].get_installed()
        }
        included.update_field_translations("name", names)
        return included

    def _property_create_fee_items(self):
        """Give each company the fee items of a property company (物业服务费,
        公摊水电, 垃圾处理费, 停车管理费), rates to fill in. Fee items whose
        code the company already has are left alone, so that calling it again
        creates nothing. Companies without a chart of accounts are skipped:
        a fee item needs an income account."""
        FeeItem = self.env["property.fee.item"].sudo().with_context(active_test=False)
        langs = [lang for lang, _name in self.env["res.lang"].get_installed()]
        Tax = self.env["account.tax"]
        created = FeeItem
        for company in self.filtered("chart_template"):
            existing = set(FeeItem.search([("company_id", "=", company.id)]).mapped("code"))
            for sequence, (code, product_ref, method, vacant, types, vat) in enumerate(
                FEE_ITEM_TEMPLATES, 1
            ):
                product = self.env.ref(f"property_billing.{product_ref}", raise_if_not_found=False)
                if code in existing or not product:
                    continue
                unit_types = self.env["property.billing.unit.type"].search([("code", "in", types)])
                # VAT as China charges it; elsewhere the company sets its taxes.
                china = company.account_fiscal_country_id.code == "CN"
                taxes = company._property_included_sale_tax(vat) if vat and china else Tax
                fee = FeeItem.with_company(company).create(
                    {
                        "name": product.with_context(lang="en_US").name,
                        "code": code,
                        "sequence": sequence,
                        "company_id": company.id,
                        "product_id": product.id,
                        "method": method,
                        "rate": 0.0,
                        "cycle": "monthly",
                        "charge_vacant": vacant,
                        "unit_type_ids": [Command.set(unit_types.ids)],
                        "tax_ids": [Command.set(taxes.ids)],
                    }
                )
                fee.update_field_translations(
                    "name", {lang: product.with_context(lang=lang).name for lang in langs}
                )
                created |= fee
        return created
