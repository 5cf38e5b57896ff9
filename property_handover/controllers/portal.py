from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PORTAL_RESULTS = ("todo", "pass", "fail", "na")


class PropertyHandoverPortal(CustomerPortal):
    """Owner portal of the unit deliveries: the owner's deliveries, the
    checklist they fill in during the inspection, the defects found and
    their progress, and the signature.

    Pages read as the signed-in user (the record rules of
    ``property_handover_security.xml`` keep owners apart). The two POST
    routes write through the ``sudo()`` record returned by
    ``_document_check_access`` after it checked that the user may read the
    delivery, and only the result and note of that delivery's own checks, or
    its signature: portal users have no write access to the models.
    """

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

    @http.route(
        ["/my/handover", "/my/handover/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_handovers(self, page=1, **kwargs):
        Delivery = request.env["property.handover.delivery"]
        domain = self._prepare_property_handover_domain(request.env.user.partner_id)
        values = self._prepare_portal_layout_values()
        pager_values = portal_pager(
            url="/my/handover",
            total=Delivery.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        deliveries = Delivery.search(
            domain, limit=self._items_per_page, offset=pager_values["offset"]
        )
        values.update(
            {
                "deliveries": deliveries,
                "page_name": "property_handover",
                "pager": pager_values,
                "default_url": "/my/handover",
            }
        )
        return request.render("property_handover.portal_my_property_handovers", values)

    def _render_property_handover_page(self, delivery, error=None, message=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_handover",
                "delivery": delivery,
                "lines": delivery.line_ids,
                "defects": delivery.defect_ids,
                "error": error,
                "message": message,
            }
        )
        return request.render("property_handover.portal_my_property_handover", values)

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
        # Only the result and note of this delivery's own checks are written.
        lines_sudo = delivery.sudo().line_ids
        try:
            for line in lines_sudo:
                result = post.get(f"result_{line.id}")
                note = post.get(f"note_{line.id}")
                vals = {}
                if result in PORTAL_RESULTS and result != line.result:
                    vals["result"] = result
                if note is not None and note.strip() != (line.note or ""):
                    vals["note"] = note.strip()[:500]
                if vals:
                    line.write(vals)
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._render_property_handover_page(
                delivery.with_env(request.env), error=error.args[0]
            )
        return request.redirect(f"/my/handover/{delivery_id}?message=saved")

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
        if not signed_by:
            return self._render_property_handover_page(
                delivery, error=request.env._("Type your full name to sign.")
            )
        try:
            delivery.sudo().action_sign(signed_by=signed_by)
        except (UserError, ValidationError) as error:
            request.env.cr.rollback()
            return self._render_property_handover_page(
                delivery.with_env(request.env), error=error.args[0]
            )
        return request.redirect(f"/my/handover/{delivery_id}?message=signed")
