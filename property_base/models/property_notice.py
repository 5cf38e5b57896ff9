from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL


class PropertyNotice(models.Model):
    _name = "property.notice"
    _description = "Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "is_pinned desc, date_published desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Html(string="Content", required=True, sanitize_style=True)
    category = fields.Selection(
        selection=[
            ("general", "General"),
            ("maintenance", "Maintenance and Outages"),
            ("safety", "Safety"),
            ("fees", "Fees"),
            ("event", "Community Event"),
        ],
        required=True,
        default="general",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    estate_ids = fields.Many2many(
        comodel_name="property.estate",
        string="Estates",
        check_company=True,
        help="Every owner and resident of these estates receives the notice.",
    )
    building_ids = fields.Many2many(
        comodel_name="property.building",
        string="Buildings",
        check_company=True,
        help="Owners and residents of these buildings receive the notice.",
    )
    is_pinned = fields.Boolean(string="Pinned", help="Shown first on the portal.")
    date_published = fields.Datetime(string="Published on", readonly=True, copy=False)
    date_expiry = fields.Date(
        string="Archive on", help="The notice is archived automatically after this day."
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Author", default=lambda self: self.env.user
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count")
    read_partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="property_notice_read_partner_rel",
        column1="notice_id",
        column2="partner_id",
        string="Readers",
        copy=False,
        readonly=True,
        groups="property_base.group_property_user",
        help="Owners and residents who opened the published notice on the portal.",
    )
    read_count = fields.Integer(
        string="Number of Readers",
        compute="_compute_read_count",
        groups="property_base.group_property_user",
    )
    is_read = fields.Boolean(
        string="Read",
        compute="_compute_is_read",
        search="_search_is_read",
        help="Whether the signed-in user has opened the notice.",
    )

    @api.depends("estate_ids", "building_ids")
    def _compute_recipient_count(self):
        for notice in self:
            notice.recipient_count = len(notice._get_recipients())

    @api.depends("read_partner_ids")
    def _compute_read_count(self):
        for notice in self:
            notice.read_count = len(notice.read_partner_ids)

    @api.depends_context("uid")
    def _compute_is_read(self):
        # Only whether the user himself read a notice: who else did is staff's.
        ids = self._origin.ids
        read_ids = set()
        if ids:
            read_ids = set(
                self.sudo().search(Domain("id", "in", ids) & Domain("is_read", "=", True)).ids
            )
        for notice in self:
            notice.is_read = notice._origin.id in read_ids

    def _search_is_read(self, operator, value):
        if operator != "in":
            return NotImplemented
        self.flush_model(["read_partner_ids"])
        read_by_me = SQL(
            "(SELECT notice_id FROM property_notice_read_partner_rel WHERE partner_id = %s)",
            self.env.user.partner_id.id,
        )
        return Domain("id", "in" if True in value else "not in", read_by_me)

    def _mark_read(self):
        """Record that the signed-in user opened these notices, those that are
        published; the portal calls it after its access check. Written
        without the ORM's write so that a reading does not count as a change
        of the notice (its last update, its author of the last change)."""
        partner = self.env.user.partner_id
        unread = self.filtered(lambda notice: notice.state == "published" and not notice.is_read)
        if not unread:
            return
        self.env.cr.execute(
            SQL(
                """INSERT INTO property_notice_read_partner_rel (notice_id, partner_id)
                   SELECT notice.id, %s FROM unnest(%s::int[]) AS notice(id)
                   ON CONFLICT DO NOTHING""",
                partner.id,
                unread.ids,
            )
        )
        unread.invalidate_recordset(["read_partner_ids", "read_count", "is_read"])

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for notice in self:
            notice.access_url = f"/my/notices/{notice.id}"

    def _get_target_unit_domain(self):
        self.ensure_one()
        return Domain("estate_id", "in", self.estate_ids.ids) | Domain(
            "building_id", "in", self.building_ids.ids
        )

    def _get_recipients(self):
        """Today's owners and residents of the targeted estates and buildings."""
        self.ensure_one()
        if not self.estate_ids and not self.building_ids:
            return self.env["res.partner"]
        units_domain = self._get_target_unit_domain()
        today = fields.Date.context_today(self)
        owners = (
            self.env["property.ownership"]
            .sudo()
            .search(
                Domain("unit_id", "any", units_domain)
                & self.env["property.ownership"]._domain_at(today)
            )
            .partner_id
        )
        residents = (
            self.env["property.occupancy"]
            .sudo()
            .search(
                Domain("unit_id", "any", units_domain)
                & self.env["property.occupancy"]._domain_at(today)
            )
            .partner_id
        )
        return (owners | residents).sudo(False)

    def action_publish(self):
        for notice in self:
            if notice.state != "draft":
                raise UserError(self.env._("Only draft notices can be published."))
            if not notice.estate_ids and not notice.building_ids:
                raise UserError(
                    self.env._(
                        "Choose the estates or buildings notice “%(name)s” is for.",
                        name=notice.name,
                    )
                )
        self.write({"state": "published", "date_published": fields.Datetime.now()})
        for notice in self:
            notice._notify_recipients()
        return True

    def _notify_recipients(self):
        self.ensure_one()
        recipients = self._get_recipients().filtered("email")
        if recipients:
            self.message_notify(
                partner_ids=recipients.ids,
                subject=self.name,
                body=self.body,
                email_layout_xmlid="mail.mail_notification_light",
            )

    def action_archive_notice(self):
        self.write({"state": "archived"})

    def action_reset_to_draft(self):
        self.write({"state": "draft", "date_published": False})

    @api.model
    def _cron_archive_expired(self):
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "published"), ("date_expiry", "<", today)])
        expired.action_archive_notice()
        return len(expired)
