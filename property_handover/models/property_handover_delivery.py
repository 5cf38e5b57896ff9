from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_datetime

DELIVERY_STATES = [
    ("draft", "Draft"),
    ("inspection", "Owner Inspection"),
    ("signed", "Signed"),
    ("cancel", "Cancelled"),
]


class PropertyHandoverDelivery(models.Model):
    """Unit delivery (交房): the owner inspects the unit with the unit-interior
    checklist, defects are recorded, keys and first readings handed over, the
    owner signs and the unit is delivered."""

    _name = "property.handover.delivery"
    _description = "Unit Delivery"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "property.input.mixin"]
    _order = "date_planned desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    state = fields.Selection(
        selection=DELIVERY_STATES,
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    unit_id = fields.Many2one(
        comodel_name="property.unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    building_id = fields.Many2one(related="unit_id.building_id", store=True)
    # Shown on the portal, where the owner may not read the unit before the
    # ownership is registered: related fields read as superuser.
    unit_full_code = fields.Char(related="unit_id.full_code", string="Unit Reference")
    estate_name = fields.Char(related="estate_id.name", string="Estate Name")
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        help="The owner who inspects and receives the unit; sees the delivery on the portal.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    date_planned = fields.Date(
        string="Appointment", default=fields.Date.context_today, tracking=True
    )
    checklist_id = fields.Many2one(
        comodel_name="property.handover.checklist",
        string="Checklist",
        default=lambda self: self._default_checklist(),
        help="Template whose unit-interior items the owner checks.",
    )
    responsible_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Responsible Party",
        help="Developer or contractor who rectifies the defects found at delivery.",
    )
    line_ids = fields.One2many(
        comodel_name="property.handover.delivery.line",
        inverse_name="delivery_id",
        string="Checks",
    )
    defect_ids = fields.One2many(
        comodel_name="property.handover.defect", inverse_name="delivery_id", string="Defects"
    )
    open_defect_count = fields.Integer(compute="_compute_defect_counts")
    defect_count = fields.Integer(compute="_compute_defect_counts")
    todo_count = fields.Integer(string="Checks Left", compute="_compute_todo_count")
    key_count = fields.Integer(string="Keys Handed Over", tracking=True)
    key_note = fields.Char(string="Keys and Cards")
    water_reading = fields.Float(string="Water Meter (m³)", digits=(16, 2))
    electricity_reading = fields.Float(string="Electricity Meter (kWh)", digits=(16, 2))
    gas_reading = fields.Float(string="Gas Meter (m³)", digits=(16, 2))
    signed_by = fields.Char(string="Signed by", readonly=True, copy=False)
    date_signed = fields.Datetime(string="Signed on", readonly=True, copy=False)
    note = fields.Html()

    _readings_positive = models.Constraint(
        "CHECK (key_count >= 0 AND water_reading >= 0 AND electricity_reading >= 0 "
        "AND gas_reading >= 0)",
        "Keys and meter readings cannot be negative.",
    )

    @api.model
    def _default_checklist(self):
        return self.env["property.handover.checklist"].search(
            [("item_ids.scope", "=", "unit")], limit=1
        )

    @api.depends("defect_ids.state")
    def _compute_defect_counts(self):
        for delivery in self:
            delivery.defect_count = len(delivery.defect_ids)
            delivery.open_defect_count = len(
                delivery.defect_ids.filtered(lambda d: d.state != "closed")
            )

    @api.depends("line_ids.result")
    def _compute_todo_count(self):
        for delivery in self:
            delivery.todo_count = len(
                delivery.line_ids.filtered(lambda line: line.result == "todo")
            )

    def _compute_access_url(self):
        for delivery in self:
            delivery.access_url = f"/my/handover/{delivery.id}"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") in (None, False, "/", self.env._("New")):
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("property.handover.delivery") or "/"
                )
        deliveries = super().create(vals_list)
        for delivery in deliveries.filtered(lambda d: not d.responsible_partner_id):
            delivery.responsible_partner_id = delivery._default_responsible_partner()
        return deliveries

    def _default_responsible_partner(self):
        self.ensure_one()
        project = self.env["property.handover.project"].search(
            [("estate_id", "=", self.estate_id.id), ("developer_id", "!=", False)],
            order="date_planned_start desc, id desc",
            limit=1,
        )
        return project.developer_id

    @api.constrains("unit_id", "state")
    def _check_one_signed_per_unit(self):
        for delivery in self.filtered(lambda d: d.state == "signed"):
            others = self.search_count(
                [
                    ("unit_id", "=", delivery.unit_id.id),
                    ("state", "=", "signed"),
                    ("id", "!=", delivery.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s has already been delivered.",
                        unit=delivery.unit_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(delivery.state == "signed" for delivery in self):
            raise UserError(self.env._("A signed unit delivery cannot be deleted."))

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def _prepare_line_values(self):
        self.ensure_one()
        return [
            {
                "delivery_id": self.id,
                "item_id": item.id,
                "sequence": item.sequence,
                "category": item.category,
            }
            for item in self.checklist_id.item_ids.filtered(lambda i: i.scope == "unit")
        ]

    def action_start_inspection(self):
        for delivery in self:
            if delivery.state != "draft":
                raise UserError(
                    self.env._(
                        "The owner inspection of %(delivery)s has already started.",
                        delivery=delivery.name,
                    )
                )
            if not delivery.checklist_id.item_ids.filtered(lambda i: i.scope == "unit"):
                raise UserError(
                    self.env._(
                        "Choose a checklist with unit-interior items for %(delivery)s.",
                        delivery=delivery.name,
                    )
                )
        self.env["property.handover.delivery.line"].create(
            [vals for delivery in self for vals in delivery._prepare_line_values()]
        )
        self.write({"state": "inspection"})
        return True

    def _check_can_sign(self):
        for delivery in self:
            if delivery.state == "signed":
                raise UserError(
                    self.env._(
                        "Delivery %(delivery)s was already signed on %(date)s.",
                        delivery=delivery.name,
                        date=format_datetime(self.env, delivery.date_signed),
                    )
                )
            if delivery.state != "inspection":
                raise UserError(
                    self.env._(
                        "Delivery %(delivery)s is not under owner inspection.",
                        delivery=delivery.name,
                    )
                )
            if self.search_count(
                [
                    ("unit_id", "=", delivery.unit_id.id),
                    ("state", "=", "signed"),
                    ("id", "!=", delivery.id),
                ]
            ):
                raise UserError(
                    self.env._(
                        "Unit %(unit)s has already been delivered.",
                        unit=delivery.unit_id.display_name,
                    )
                )
            if delivery.todo_count:
                raise UserError(
                    self.env._(
                        "%(count)s checks of delivery %(delivery)s are not done yet.",
                        count=delivery.todo_count,
                        delivery=delivery.name,
                    )
                )

    def action_sign(self, signed_by=None):
        """The owner signs the delivery: the unit is delivered."""
        self._check_can_sign()
        for delivery in self:
            delivery.write(
                {
                    "state": "signed",
                    "signed_by": signed_by or delivery.partner_id.name,
                    "date_signed": fields.Datetime.now(),
                }
            )
            if delivery.unit_id.state == "vacant":
                delivery.unit_id.state = "delivered"
            delivery.message_post(
                body=self.env._("Unit delivery signed by %(name)s.", name=delivery.signed_by)
            )
        return True

    def action_cancel(self):
        for delivery in self:
            if delivery.state == "signed":
                raise UserError(
                    self.env._(
                        "A signed delivery (%(delivery)s) cannot be cancelled.",
                        delivery=delivery.name,
                    )
                )
        self.write({"state": "cancel"})
        return True

    def action_view_defects(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_handover.property_handover_defect_action"
        )
        action["domain"] = [("delivery_id", "=", self.id)]
        action["context"] = {"default_delivery_id": self.id}
        return action
