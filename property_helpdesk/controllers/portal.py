from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

# Kinds an owner may report on the portal.
PORTAL_KINDS = ("repair", "complaint", "inquiry", "suggestion")


class PropertyHelpdeskTicketController(HelpdeskTicketController):
    """The owner's new-request form: one of their units or a common area of
    their estate, a kind, photos checked before anything is written."""

    def _get_property_new_ticket_values(self, **kw):
        Ticket = request.env["helpdesk.ticket"]
        partner = request.env.user.partner_id
        units = Ticket._get_reporter_units(partner)
        common_areas = (
            request.env["property.common.area"]
            .sudo()
            .search([("estate_id", "in", units.estate_id.ids)])
        )
        categories = (
            request.env["helpdesk.ticket.category"]
            .sudo()
            .search(
                [
                    ("show_in_portal", "=", True),
                    ("company_id", "in", [False, *units.company_id.ids]),
                ]
            )
        )
        kinds = [
            (key, label)
            for key, label in Ticket._fields["ticket_kind"]._description_selection(request.env)
            if key in PORTAL_KINDS
        ]
        return {
            "units": units,
            "common_areas": common_areas,
            "categories": categories,
            "kinds": kinds,
            "values": kw,
            "max_photo_mb": Ticket._get_photo_max_size() / 1024 / 1024,
            "page_name": "ticket",
        }

    def _is_property_reporter(self):
        """Whether the user owns or lives in a unit: their requests are about
        one of their places. Other users (customers of the helpdesk, not of
        the estates) get helpdesk_mgmt's form, for a ticket about no place."""
        Ticket = request.env["helpdesk.ticket"]
        return bool(Ticket._get_reporter_units(request.env.user.partner_id))

    @http.route("/new/ticket", type="http", auth="user", website=True)
    def create_new_ticket(self, **kw):
        if not self._is_property_reporter():
            return super().create_new_ticket(**kw)
        values = self._get_property_new_ticket_values(**kw)
        return request.render("property_helpdesk.portal_create_property_ticket", values)

    def _prepare_property_ticket_values(self, **kw):
        """Values of a ticket from the portal form; raises a UserError on
        anything the form cannot hold."""
        kind = kw.get("ticket_kind")
        if kind not in PORTAL_KINDS:
            raise UserError(request.env._("Choose what you are reporting."))
        subject = (kw.get("subject") or "").strip()
        description = (kw.get("description") or "").strip()
        if not subject or not description:
            raise UserError(request.env._("Give your request a title and a description."))
        values = {
            "ticket_kind": kind,
            "name": subject,
            "description": plaintext2html(description),
            "contact_phone": (kw.get("contact_phone") or "").strip() or False,
            "location_note": (kw.get("location_note") or "").strip() or False,
            "partner_id": request.env.user.partner_id.id,
            "partner_name": request.env.user.partner_id.name,
            "partner_email": request.env.user.partner_id.email,
            "channel_id": request.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
        }
        location = kw.get("location") or ""
        try:
            location_type, location_id = location.split("-", 1)
            location_id = int(location_id)
        except ValueError as error:
            raise UserError(
                request.env._("Choose one of your units or a common area of your estate.")
            ) from error
        if location_type == "unit":
            values.update({"location_type": "unit", "unit_id": location_id})
        elif location_type == "area":
            values.update({"location_type": "common", "common_area_id": location_id})
        else:
            raise UserError(
                request.env._("Choose one of your units or a common area of your estate.")
            )
        if kw.get("category"):
            try:
                category = (
                    request.env["helpdesk.ticket.category"].sudo().browse(int(kw["category"]))
                )
            except ValueError as error:
                raise UserError(request.env._("Unknown category.")) from error
            if not category.exists() or not category.show_in_portal:
                raise UserError(request.env._("Unknown category."))
            if category.ticket_kind and category.ticket_kind != kind:
                raise UserError(
                    request.env._(
                        "Category %(category)s is not for a %(kind)s.",
                        category=category.name,
                        kind=dict(
                            request.env["helpdesk.ticket"]
                            ._fields["ticket_kind"]
                            ._description_selection(request.env)
                        )[kind],
                    )
                )
            values["category_id"] = category.id
        return values

    def _get_uploaded_photos(self):
        files = []
        for upload in request.httprequest.files.getlist("attachment"):
            if upload.filename:
                files.append((upload.filename, upload.read()))
        return files

    @http.route(
        "/submitted/ticket", type="http", auth="user", website=True, csrf=True, methods=["POST"]
    )
    def submit_ticket(self, **kw):
        if not ({"ticket_kind", "location"} & kw.keys() or self._is_property_reporter()):
            return super().submit_ticket(**kw)
        Ticket = request.env["helpdesk.ticket"]
        try:
            values = self._prepare_property_ticket_values(**kw)
            photos = self._get_uploaded_photos()
            for name, data in photos:
                Ticket._check_photo_data(name, data)
            with request.env.cr.savepoint():
                # The portal user may not create tickets through the ORM: the
                # reporter checks of create() still run as that user.
                ticket = Ticket.sudo().create(values)
                ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
                if photos:
                    ticket._attach_photos(photos)
        except (UserError, ValidationError) as error:
            values = self._get_property_new_ticket_values(**kw)
            values["error"] = error.args[0]
            response = request.render("property_helpdesk.portal_create_property_ticket", values)
            response.status_code = 400
            return response
        return request.redirect(f"/my/ticket/{ticket.id}")

    @http.route("/ticket/close", type="http", auth="user")
    def support_ticket_close(self, **kw):
        """helpdesk_mgmt closes any ticket by id: here only a ticket the user
        may read, and a ticket about a place only by the owner's confirmation."""
        try:
            ticket_id = int(kw.get("ticket_id") or 0)
            ticket = request.env["helpdesk.ticket"].browse(ticket_id).exists()
            ticket.check_access("read")
        except (AccessError, MissingError, ValueError):
            return request.redirect("/my")
        if not ticket:
            return request.redirect("/my")
        if not ticket._is_about_place():
            return super().support_ticket_close(**kw)
        return request.redirect(f"/my/ticket/{ticket.id}")


class PropertyCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        # Owners confirm or reopen; helpdesk_mgmt's "close" buttons would skip both.
        if ticket._is_about_place():
            values["closed_stages"] = request.env["helpdesk.ticket.stage"]
        is_reporter = (
            not request.env.user._is_public()
            and ticket.partner_id.commercial_partner_id
            == request.env.user.partner_id.commercial_partner_id
        )
        values.update(
            {
                "property_can_confirm": is_reporter
                and ticket.property_state == "done"
                and (not ticket.quality_check_required or ticket.qc_state == "passed"),
                "property_can_reopen": is_reporter and ticket.property_state in ("done", "closed"),
                "property_can_rate": is_reporter
                and ticket.property_state == "closed"
                and not ticket.owner_rating,
                "property_error": kwargs.get("property_error"),
            }
        )
        return values

    def _ticket_get_searchbar_groupby(self):
        values = super()._ticket_get_searchbar_groupby()
        values["kind"] = {"input": "kind", "label": request.env._("Kind"), "order": 4}
        return values

    def _ticket_get_groupby_mapping(self):
        values = super()._ticket_get_groupby_mapping()
        values["kind"] = "ticket_kind"
        return values

    def _property_ticket_action(self, ticket_id, callback):
        try:
            ticket_sudo = self._document_check_access("helpdesk.ticket", ticket_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if ticket_sudo.partner_id.commercial_partner_id != (
            request.env.user.partner_id.commercial_partner_id
        ):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                callback(ticket_sudo)
        except (UserError, ValidationError) as error:
            values = self._ticket_get_page_view_values(
                ticket_sudo, None, property_error=error.args[0]
            )
            response = request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values)
            response.status_code = 400
            return response
        return request.redirect(f"/my/ticket/{ticket_sudo.id}")

    @http.route(
        "/my/ticket/<int:ticket_id>/confirm",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_property_ticket_confirm(self, ticket_id, **kw):
        return self._property_ticket_action(ticket_id, lambda t: t.action_owner_confirm())

    @http.route(
        "/my/ticket/<int:ticket_id>/reopen",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_property_ticket_reopen(self, ticket_id, reason=None, **kw):
        return self._property_ticket_action(ticket_id, lambda t: t._reopen(reason))

    @http.route(
        "/my/ticket/<int:ticket_id>/rate", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_property_ticket_rate(self, ticket_id, rating=None, comment=None, **kw):
        return self._property_ticket_action(ticket_id, lambda t: t._rate(rating, comment))
