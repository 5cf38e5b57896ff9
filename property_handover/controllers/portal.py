import base64

from babel.dates import get_date_format

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.http import request
from odoo.tools.misc import babel_locale_parse, format_date, format_datetime, get_lang

from odoo.addons.property_base.controllers.portal import PropertyCustomerPortal

PORTAL_RESULTS = ("todo", "pass", "fail", "na")
#: Photos an owner may attach to one failed check.
MAX_PHOTOS_PER_CHECK = 5
#: Time zone of the estates when neither the user nor the company has one.
DEFAULT_TZ = "Asia/Shanghai"


class PropertyHandoverPortal(PropertyCustomerPortal):
    """Owner portal of the unit deliveries: the owner's deliveries, the
    checklist they fill in during the inspection (with photos of what fails),
    the defects found and their progress, and the signature.

    Pages read as the signed-in user (the record rules of
    ``property_handover_security.xml`` keep owners apart). The two POST
    routes write through ``sudo()`` only after ``_document_check_access``
    checked that the user may read the delivery, and only the result, note
    and photos of that delivery's own checks, or its signature: portal users
    have no write access to the models.
    """

    # ------------------------------------------------------------
    # Home
    # ------------------------------------------------------------

    def _get_property_attention_items(self, partner):
        items = super()._get_property_attention_items(partner)
        Delivery = request.env["property.handover.delivery"]
        if not Delivery.has_access("read"):
            return items
        count = Delivery.search_count(
            self._prepare_property_handover_domain(partner) & Domain("state", "=", "inspection")
        )
        if count:
            items.append(
                {
                    "key": "handover_to_sign",
                    "sequence": 40,
                    "icon": "fa-key",
                    "title": request.env._("Unit deliveries to inspect and sign"),
                    "value": count,
                    "url": "/my/handover",
                    "button": request.env._("Inspect and sign"),
                    "level": "warning",
                }
            )
        return items

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_handover_count" in counters:
            Delivery = request.env["property.handover.delivery"]
            values["property_handover_count"] = (
                Delivery.search_count(
                    self._prepare_property_handover_domain(request.env.user.partner_id)
                )
                if Delivery.has_access("read")
                else 0
            )
        return values

    def _prepare_property_handover_domain(self, partner):
        return Domain("state", "!=", "cancel") & Domain(
            "partner_id", "in", (partner | partner.commercial_partner_id).ids
        )

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _get_property_handover_tz(self):
        user = request.env.user
        return user.tz or user.company_id.partner_id.tz or DEFAULT_TZ

    def _get_property_handover_date_pattern(self):
        """The long date of the owner's language ("2026年3月1日")."""
        locale = babel_locale_parse(get_lang(request.env).code)
        return get_date_format("long", locale=locale).pattern

    def _format_property_handover_datetime(self, value):
        """A datetime as the owner reads it: in their time zone, in their
        language's long date format, to the minute."""
        if not value:
            return ""
        return format_datetime(
            request.env,
            value,
            tz=self._get_property_handover_tz(),
            dt_format=f"{self._get_property_handover_date_pattern()} HH:mm",
        )

    def _format_property_handover_date(self, value):
        if not value:
            return ""
        return format_date(
            request.env, value, date_format=self._get_property_handover_date_pattern()
        )

    def _get_property_handover_format_values(self):
        return {
            "format_local_datetime": self._format_property_handover_datetime,
            "format_local_date": self._format_property_handover_date,
        }

    # ------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------

    @http.route(
        ["/my/handover", "/my/handover/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_handovers(self, page=1, **kwargs):
        domain = self._prepare_property_handover_domain(request.env.user.partner_id)
        values = self._prepare_portal_layout_values()
        deliveries, pager_values = self._property_paged_search(
            "property.handover.delivery", domain, "/my/handover", page
        )
        values.update(
            {
                "deliveries": deliveries,
                "page_name": "property_handover",
                "pager": pager_values,
                "default_url": "/my/handover",
                **self._get_property_handover_format_values(),
            }
        )
        return request.render("property_handover.portal_my_property_handovers", values)

    def _render_property_handover_page(
        self, delivery, error=None, message=None, posted=None, status=200
    ):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_handover",
                "delivery": delivery,
                "lines": delivery.line_ids,
                "defects": delivery.defect_ids,
                # Their photos, read as superuser: portal users cannot read
                # attachments, the photo route checks the delivery again.
                "line_photos": {line.id: line.photo_ids for line in delivery.sudo().line_ids},
                "defect_photos": {
                    defect.id: defect.photo_ids for defect in delivery.sudo().defect_ids
                },
                "error": error,
                "message": message,
                # What the owner typed, shown again after an error.
                "posted": posted or {},
                "photo_hint": request.env._(
                    "JPEG, PNG, GIF, WebP or BMP, at most %(size)s MB each, %(count)s photos "
                    "per check.",
                    size=f"{request.env['helpdesk.ticket']._get_photo_max_size() / 1024 / 1024:g}",
                    count=MAX_PHOTOS_PER_CHECK,
                ),
                "todo_hint": request.env._(
                    "%(count)s checks left: choose a result for each, then save.",
                    count=delivery.todo_count,
                ),
                **self._get_property_handover_format_values(),
            }
        )
        response = request.render("property_handover.portal_my_property_handover", values)
        response.status_code = status
        return response

    def _get_property_handover(self, delivery_id):
        """The delivery as the portal user (after the access check), or None."""
        try:
            self._document_check_access("property.handover.delivery", delivery_id)
        except (AccessError, MissingError):
            return None
        return request.env["property.handover.delivery"].browse(delivery_id)

    @http.route(
        ["/my/handover/<int:delivery_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_handover(self, delivery_id, **kwargs):
        delivery = self._get_property_handover(delivery_id)
        if delivery is None:
            return request.redirect("/my")
        return self._render_property_handover_page(delivery, message=kwargs.get("message"))

    def _get_property_handover_photos_sudo(self, delivery):
        """The photos shown on a delivery the user passed the access check for:
        those of its checks and of its defects (portal users may not read
        attachments themselves)."""
        delivery_sudo = delivery.sudo()
        return delivery_sudo.line_ids.photo_ids | delivery_sudo.defect_ids.photo_ids

    @http.route(
        [
            "/my/handover/<int:delivery_id>/photo/<int:photo_id>",
            "/my/handover/<int:delivery_id>/photo/<int:photo_id>/<int:size>",
        ],
        type="http",
        auth="user",
        readonly=True,
    )
    def portal_property_handover_photo(self, delivery_id, photo_id, size=0, **kwargs):
        delivery = self._get_property_handover(delivery_id)
        if delivery is None:
            raise request.not_found()
        photo_sudo = self._get_property_handover_photos_sudo(delivery).filtered(
            lambda photo: photo.id == photo_id
        )
        if not photo_sudo:
            raise request.not_found()
        size = min(size, 1024)
        stream = request.env["ir.binary"]._get_image_stream_from(
            photo_sudo, width=size, height=size
        )
        return stream.get_response()

    # ------------------------------------------------------------
    # Checks and photos
    # ------------------------------------------------------------

    def _get_property_handover_photos(self, lines):
        """The photos uploaded for each check: {line: [(name, bytes)]}."""
        photos = {}
        files = request.httprequest.files
        for line in lines:
            uploads = [
                (upload.filename, upload.read())
                for upload in files.getlist(f"photos_{line.id}")
                if upload.filename
            ]
            if uploads:
                photos[line] = uploads
        return photos

    def _check_property_handover_photos(self, line, result, uploads):
        """Raise a ValidationError (nothing written yet) when the photos of a
        check cannot be taken: the helpdesk's photo checks (type from the
        content, size), a failed check only, and a few per check."""
        if result != "fail":
            raise ValidationError(
                request.env._(
                    "Photos record a defect: mark “%(check)s” as failed to attach them.",
                    check=line.name,
                )
            )
        if len(line.photo_ids) + len(uploads) > MAX_PHOTOS_PER_CHECK:
            raise ValidationError(
                request.env._(
                    "At most %(count)s photos per check (“%(check)s”).",
                    count=MAX_PHOTOS_PER_CHECK,
                    check=line.name,
                )
            )
        Ticket = request.env["helpdesk.ticket"]
        for name, data in uploads:
            Ticket._check_photo_data(name, data)

    def _attach_property_handover_photos(self, line_sudo, uploads):
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(data),
                        "res_model": line_sudo._name,
                        "res_id": line_sudo.id,
                    }
                    for name, data in uploads
                ]
            )
        )
        return [Command.link(attachment.id) for attachment in attachments]

    def _prepare_property_handover_check_values(self, line_sudo, post):
        vals = {}
        result = post.get(f"result_{line_sudo.id}")
        note = post.get(f"note_{line_sudo.id}")
        if result in PORTAL_RESULTS and result != line_sudo.result:
            vals["result"] = result
        if note is not None and note.strip() != (line_sudo.note or ""):
            vals["note"] = note.strip()[:500]
        return vals

    @http.route(
        ["/my/handover/<int:delivery_id>/check"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_property_handover_check(self, delivery_id, **post):
        delivery = self._get_property_handover(delivery_id)
        if delivery is None:
            return request.redirect("/my")
        # Only the result, note and photos of this delivery's own checks are written.
        lines_sudo = delivery.sudo().line_ids
        try:
            photos = self._get_property_handover_photos(lines_sudo)
            # Every photo is checked before anything is written.
            for line_sudo, uploads in photos.items():
                result = post.get(f"result_{line_sudo.id}") or line_sudo.result
                self._check_property_handover_photos(line_sudo, result, uploads)
            with request.env.cr.savepoint():
                for line_sudo in lines_sudo:
                    vals = self._prepare_property_handover_check_values(line_sudo, post)
                    new_photos = []
                    if line_sudo in photos:
                        new_photos = self._attach_property_handover_photos(
                            line_sudo, photos[line_sudo]
                        )
                        # Written with the result: a new defect takes the photos along.
                        vals["photo_ids"] = new_photos
                    if vals:
                        line_sudo.write(vals)
                    if new_photos:
                        # A defect recorded earlier gets the new photos too.
                        for defect in line_sudo.defect_ids.filtered(lambda d: d.state != "closed"):
                            defect.photo_ids = new_photos
                            if defect.ticket_id:
                                defect.ticket_id.photo_ids = new_photos
        except (UserError, ValidationError) as error:
            return self._render_property_handover_page(
                delivery, error=error.args[0], posted=post, status=400
            )
        return request.redirect(f"/my/handover/{delivery_id}?message=saved")

    # ------------------------------------------------------------
    # Signature
    # ------------------------------------------------------------

    @http.route(
        ["/my/handover/<int:delivery_id>/sign"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_property_handover_sign(self, delivery_id, signed_by=None, **post):
        delivery = self._get_property_handover(delivery_id)
        if delivery is None:
            return request.redirect("/my")
        signed_by = (signed_by or "").strip()[:100]
        if delivery.state == "signed":
            return self._render_property_handover_page(
                delivery,
                error=request.env._(
                    "This delivery was already signed on %(date)s.",
                    date=self._format_property_handover_datetime(delivery.date_signed),
                ),
                status=400,
            )
        if not signed_by:
            return self._render_property_handover_page(
                delivery, error=request.env._("Type your full name to sign."), status=400
            )
        try:
            with request.env.cr.savepoint():
                delivery.sudo().action_sign(signed_by=signed_by)
        except (UserError, ValidationError) as error:
            return self._render_property_handover_page(
                delivery, error=error.args[0], posted={"signed_by": signed_by}, status=400
            )
        return request.redirect(f"/my/handover/{delivery_id}?message=signed")
