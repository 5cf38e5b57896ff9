from odoo import Command, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import consteq, plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.property_base.controllers.portal import PropertyCustomerPortal

from ..models.ticket_constants import OPEN_STATES

# Kinds an owner may report on the portal.
PORTAL_KINDS = ("repair", "complaint", "inquiry", "suggestion")
# Units offered first as the place of a request: homes before shops and offices,
# never a parking space or a storeroom first.
UNIT_TYPE_ORDER = {"apartment": 0, "shop": 1, "office": 2, "parking": 3, "storeroom": 4}


class PropertyHelpdeskTicketController(HelpdeskTicketController):
    """The owner's new-request form: one of their units or a common area of
    their estate, a kind, photos checked before anything is written."""

    def _get_property_new_ticket_values(self, pending_photos=None, **kw):
        Ticket = request.env["helpdesk.ticket"]
        partner = request.env.user.partner_id
        units = Ticket._get_reporter_units(partner)
        common_areas = (
            request.env["property.common.area"]
            .sudo()
            .search([("estate_id", "in", units.estate_id.ids)])
        )
        # The estate's own categories: those meant for a kind of request or
        # routed to a service team (not helpdesk_mgmt's generic ones).
        categories = (
            request.env["helpdesk.ticket.category"]
            .sudo()
            .search(
                Domain("show_in_portal", "=", True)
                & Domain("company_id", "in", [False, *units.company_id.ids])
                & (Domain("ticket_kind", "!=", False) | Domain("property_team_id", "!=", False))
            )
        )
        kinds = [
            (key, label)
            for key, label in Ticket._fields["ticket_kind"]._description_selection(request.env)
            if key in PORTAL_KINDS
        ]
        values = dict(kw)
        if not values.get("location") and units:
            values["location"] = f"unit-{self._get_default_unit(units, partner).id}"
        return {
            "units": units,
            "common_areas": common_areas,
            "categories": categories,
            "kinds": kinds,
            "values": values,
            "pending_photos": pending_photos or request.env["ir.attachment"],
            "max_photo_mb": Ticket._get_photo_max_size() / 1024 / 1024,
            # Larger than any request the server takes (see the template).
            "max_upload_size": 1024 * 1024 * 1024,
            "page_name": "ticket",
        }

    def _get_default_unit(self, units, partner):
        """The unit a request is most likely about: the home the user lives
        in, else their first home, never a parking space or storeroom first."""
        lived_in = units.filtered(
            lambda unit: any(
                occupancy.is_current and occupancy.partner_id == partner
                for occupancy in unit.occupancy_ids
            )
        )
        return (lived_in or units).sorted(
            lambda unit: (UNIT_TYPE_ORDER.get(unit.unit_type, 9), unit.full_code or "")
        )[:1]

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

    def _read_pending_photos(self):
        """Photos kept from an earlier failed submission of this user, named
        in the form by id and access token: (valid photos, error message).
        A photo is valid while it is linked to no ticket yet, was uploaded by
        this user and the token matches."""
        form = request.httprequest.form
        ids, tokens = form.getlist("pending_photo_id"), form.getlist("pending_photo_token")
        Attachment = request.env["ir.attachment"].sudo()
        photos, error = Attachment, False
        for raw_id, token in zip(ids, tokens, strict=False):
            photo = Attachment.browse(int(raw_id)).exists() if raw_id.isdigit() else Attachment
            if (
                not photo
                or photo.res_model != "helpdesk.ticket"
                or photo.res_id
                or photo.res_field
                or photo.create_uid != request.env.user
                or not consteq(photo.access_token or "", token or "")
            ):
                error = request.env._(
                    "A photo added earlier is no longer available: please add it again."
                )
                continue
            photos |= photo
        if len(ids) != len(tokens):
            error = request.env._(
                "A photo added earlier is no longer available: please add it again."
            )
        return photos, error

    def _store_pending_photos(self, files):
        """Keep the valid photos of a failed submission, linked to no ticket,
        so that the owner need not choose them again."""
        if not files:
            return request.env["ir.attachment"]
        photos = (
            request.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "res_model": "helpdesk.ticket",
                        "res_id": 0,
                    }
                    for name, data in files
                ]
            )
        )
        photos.generate_access_token()
        return photos

    @http.route(
        "/submitted/ticket", type="http", auth="user", website=True, csrf=True, methods=["POST"]
    )
    def submit_ticket(self, **kw):
        if not ({"ticket_kind", "location"} & kw.keys() or self._is_property_reporter()):
            return super().submit_ticket(**kw)
        Ticket = request.env["helpdesk.ticket"]
        kw = {key: value for key, value in kw.items() if not key.startswith("pending_photo_")}
        pending_photos, error = self._read_pending_photos()
        photos = []
        for name, data in self._get_uploaded_photos():
            try:
                Ticket._check_photo_data(name, data)
            except ValidationError as photo_error:
                error = error or photo_error.args[0]
                continue
            photos.append((name, data))
        max_photos = Ticket._get_photo_max_count()
        if len(pending_photos) + len(photos) > max_photos:
            error = error or request.env._(
                "At most %(count)s photos per request.", count=max_photos
            )
            photos = photos[: max(max_photos - len(pending_photos), 0)]
        if not error:
            try:
                with request.env.cr.savepoint():
                    values = self._prepare_property_ticket_values(**kw)
                    # The portal user may not create tickets through the ORM:
                    # the reporter checks of create() still run as that user.
                    ticket = Ticket.sudo().create(values)
                    ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
                    if photos:
                        ticket._attach_photos(photos)
                    if pending_photos:
                        pending_photos.write({"res_id": ticket.id})
                        ticket.sudo().photo_ids = [
                            Command.link(photo.id) for photo in pending_photos
                        ]
            except (UserError, ValidationError) as ticket_error:
                error = ticket_error.args[0]
            else:
                return request.redirect(f"/my/ticket/{ticket.id}")
        # Nothing is written but the valid photos, kept for the next try.
        pending_photos |= self._store_pending_photos(photos)
        values = self._get_property_new_ticket_values(pending_photos=pending_photos, **kw)
        values["error"] = error
        response = request.render("property_helpdesk.portal_create_property_ticket", values)
        response.status_code = 400
        return response

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
    """helpdesk_mgmt's ticket list and page for owners: labels in the
    reader's language (the labels helpdesk_mgmt's code translates are looked
    up in helpdesk_mgmt's own files, which have no Chinese), the timeline, the
    technician, the photos, confirm, reopen, rate."""

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    @staticmethod
    def _property_relabel(values, labels):
        """helpdesk_mgmt's searchbar entries (``values``) with the labels of
        ``labels`` (translated here: helpdesk_mgmt's own are not)."""
        for key, label in labels.items():
            if key in values:
                values[key]["label"] = label
        return values

    def _ticket_get_searchbar_sortings(self):
        return self._property_relabel(
            super()._ticket_get_searchbar_sortings(),
            {
                "date": request.env._("Newest"),
                "name": request.env._("Title"),
                "stage": request.env._("Stage"),
                "update": request.env._("Last Stage Update"),
            },
        )

    def _ticket_get_searchbar_inputs(self):
        return self._property_relabel(
            super()._ticket_get_searchbar_inputs(),
            {
                "all": request.env._("Search in All"),
                "number": request.env._("Search in Number"),
                "name": request.env._("Search in Title"),
            },
        )

    @http.route()
    def portal_my_tickets(self, *args, **kw):
        response = super().portal_my_tickets(*args, **kw)
        qcontext = getattr(response, "qcontext", None)
        # helpdesk_mgmt builds the "All" filter inside its route.
        if qcontext and "all" in qcontext.get("searchbar_filters", {}):
            qcontext["searchbar_filters"]["all"]["label"] = request.env._("All")
        return response

    # ------------------------------------------------------------------
    # Page
    # ------------------------------------------------------------------
    def _get_property_ticket_timeline(self, ticket_sudo):
        """The steps of a ticket for its reporter, oldest first: a list of
        dicts (``kind``, ``date``, ``label``, ``icon``, ``note``), from the
        tracked changes of its stage and technician, completed by its own
        dates for what was not tracked (a ticket entered in its stage)."""
        # A ticket taken by phone may be entered later than reported: its SLA
        # clock starts when it was reported.
        reported = min(filter(None, (ticket_sudo.create_date, ticket_sudo.sla_start_date)))
        steps = [
            {
                "kind": "reported",
                "date": reported,
                "label": request.env._("Reported"),
                "icon": "fa-flag",
            }
        ]
        Stage = request.env["helpdesk.ticket.stage"].sudo()
        trackings = (
            request.env["mail.tracking.value"]
            .sudo()
            .search(
                Domain("mail_message_id.model", "=", "helpdesk.ticket")
                & Domain("mail_message_id.res_id", "=", ticket_sudo.id)
                & Domain("field_id.name", "in", ["stage_id", "user_id"]),
                order="id",
            )
        )
        for tracking in trackings:
            date = tracking.mail_message_id.date or tracking.create_date
            if tracking.field_id.name == "user_id":
                if tracking.new_value_integer:
                    steps.append(self._get_property_dispatch_step(tracking.new_value_char, date))
                continue
            step = self._get_property_timeline_step(
                ticket_sudo,
                Stage.browse(tracking.old_value_integer).property_state,
                Stage.browse(tracking.new_value_integer).property_state,
            )
            if step:
                steps.append(dict(step, date=date))
        steps += self._get_property_untracked_steps(ticket_sudo, {step["kind"] for step in steps})
        # Steps of one change (a dispatch starts the work) in the order they happen.
        rank = {"reported": 0, "dispatched": 1}
        return sorted(steps, key=lambda step: (step["date"], rank.get(step["kind"], 2)))

    def _get_property_dispatch_step(self, name, date):
        return {
            "kind": "dispatched",
            "date": date,
            "label": request.env._("Dispatched to %(name)s", name=name),
            "icon": "fa-user",
        }

    def _get_property_untracked_steps(self, ticket_sudo, known):
        """Steps told by the ticket's own dates, for the kinds of step that
        were not tracked."""
        state = ticket_sudo.property_state
        steps = []
        if "dispatched" not in known and ticket_sudo.user_id:
            date = min(
                filter(
                    None,
                    (
                        ticket_sudo.assigned_date,
                        ticket_sudo.first_response_date,
                        ticket_sudo.create_date,
                    ),
                )
            )
            steps.append(self._get_property_dispatch_step(ticket_sudo.user_id.name, date))
        dated = [
            ("started", "new", "progress", ticket_sudo.first_response_date),
            ("done", "progress", "done", ticket_sudo.work_done_date),
        ]
        if state in ("closed", "cancelled"):
            dated.append(
                (state, "progress", state, ticket_sudo.closed_date or ticket_sudo.last_stage_update)
            )
        for kind, old_state, new_state, date in dated:
            if kind in known or not date or state in ("new",):
                continue
            step = self._get_property_timeline_step(ticket_sudo, old_state, new_state)
            steps.append(dict(step, date=date))
        return steps

    def _get_property_timeline_step(self, ticket_sudo, old_state, new_state):
        if new_state == "progress":
            if old_state in ("done", "closed"):
                return {
                    "kind": "reopened",
                    "label": request.env._("Reopened"),
                    "icon": "fa-undo",
                    "note": ticket_sudo.reopen_reason if ticket_sudo.reopen_count else False,
                }
            if old_state == "waiting":
                return {
                    "kind": "resumed",
                    "label": request.env._("Work resumed"),
                    "icon": "fa-wrench",
                }
            return {"kind": "started", "label": request.env._("Work started"), "icon": "fa-wrench"}
        if new_state == "waiting":
            return {
                "kind": "waiting",
                "label": request.env._("Waiting on you"),
                "icon": "fa-hourglass-half",
            }
        if new_state == "done":
            return {
                "kind": "done",
                "label": request.env._("Work done, waiting for your confirmation"),
                "icon": "fa-check",
            }
        if new_state == "closed":
            label = {
                "owner": request.env._("Confirmed by you and closed"),
                "auto": request.env._("Closed automatically"),
            }.get(ticket_sudo.closing_mode, request.env._("Closed"))
            return {"kind": "closed", "label": label, "icon": "fa-check-circle"}
        if new_state == "cancelled":
            return {"kind": "cancelled", "label": request.env._("Cancelled"), "icon": "fa-times"}
        return False

    def _get_property_ticket_photos(self, ticket_sudo):
        """(photos of the reporter, photos of the work): the reporter's are
        the ticket's photos; the work's, the other images attached by staff."""
        before = ticket_sudo.photo_ids
        after = ticket_sudo.attachment_ids.filtered(
            lambda a: a not in before
            and (a.mimetype or "").startswith("image/")
            and not a.create_uid.share
        )
        (before | after).generate_access_token()
        return before, after

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        # Owners confirm or reopen; helpdesk_mgmt's "close" buttons would skip both.
        if ticket._is_about_place():
            values["closed_stages"] = request.env["helpdesk.ticket.stage"]
        # The ticket passed the access check; its technician's name and phone
        # are read as superuser (a portal user may not read users).
        ticket_sudo = ticket.sudo()
        user_sudo = ticket_sudo.user_id
        technician = user_sudo and {
            "name": user_sudo.name,
            "phone": user_sudo.partner_id.phone or False,
        }
        photos_before, photos_after = self._get_property_ticket_photos(ticket_sudo)
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
                "property_can_reopen": is_reporter
                and ticket.property_state in ("done", "closed")
                and not ticket._is_reopen_window_over(),
                "property_timeline": self._get_property_ticket_timeline(ticket_sudo),
                "property_technician": technician,
                "property_photos_before": photos_before,
                "property_photos_after": photos_after,
                "property_values": kwargs.get("property_values") or {},
                "property_can_rate": is_reporter
                and ticket.property_state == "closed"
                and not ticket.owner_rating,
                "property_error": kwargs.get("property_error"),
            }
        )
        return values

    def _ticket_get_searchbar_groupby(self):
        values = self._property_relabel(
            super()._ticket_get_searchbar_groupby(),
            {
                "none": request.env._("None"),
                "category": request.env._("Category"),
                "stage": request.env._("Stage"),
            },
        )
        values["kind"] = {"input": "kind", "label": request.env._("Kind"), "order": 4}
        return values

    def _ticket_get_groupby_mapping(self):
        values = super()._ticket_get_groupby_mapping()
        values["kind"] = "ticket_kind"
        return values

    def _property_ticket_action(self, ticket_id, callback, **kw):
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
                ticket_sudo, None, property_error=error.args[0], property_values=kw
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
        return self._property_ticket_action(
            ticket_id, lambda t: t._reopen(reason, by_owner=True), reason=reason
        )

    @http.route(
        "/my/ticket/<int:ticket_id>/rate", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_property_ticket_rate(self, ticket_id, rating=None, comment=None, **kw):
        return self._property_ticket_action(
            ticket_id, lambda t: t._rate(rating, comment), rating=rating, comment=comment
        )


class PropertyHelpdeskHomePortal(PropertyCustomerPortal):
    """The owner's open tickets and the work waiting for their confirmation,
    first on the portal home."""

    def _get_property_attention_items(self, partner):
        items = super()._get_property_attention_items(partner)
        Ticket = request.env["helpdesk.ticket"]
        if not Ticket.has_access("read"):
            return items
        mine = Domain("partner_id", "child_of", partner.commercial_partner_id.id)
        to_confirm_domain = (
            mine
            & Domain("property_state", "=", "done")
            & (Domain("quality_check_required", "=", False) | Domain("qc_state", "=", "passed"))
        )
        to_confirm = Ticket.search(to_confirm_domain, limit=2)
        if to_confirm:
            count = Ticket.search_count(to_confirm_domain)
            items.append(
                {
                    "key": "tickets_to_confirm",
                    "sequence": 20,
                    "icon": "fa-check-square-o",
                    "title": request.env._("Work done, waiting for your confirmation"),
                    "value": count,
                    "url": f"/my/ticket/{to_confirm.id}" if count == 1 else "/my/tickets",
                    "button": request.env._("Confirm"),
                    "level": "warning",
                }
            )
        open_count = Ticket.search_count(mine & Domain("property_state", "in", OPEN_STATES))
        if open_count:
            items.append(
                {
                    "key": "open_tickets",
                    "sequence": 21,
                    "icon": "fa-wrench",
                    "title": request.env._("Requests in progress"),
                    "value": open_count,
                    "url": "/my/tickets",
                    "button": request.env._("Follow"),
                    "level": "info",
                }
            )
        return items
