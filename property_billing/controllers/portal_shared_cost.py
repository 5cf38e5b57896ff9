from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal import PropertyBillingPortal


class PropertySharedCostPortal(PropertyBillingPortal):
    """Shared costs published to the owners and residents (公摊公示): each
    confirmed allocation of their buildings, with the source, its total, the
    key and every unit's share in their buildings. Read as the portal user:
    the record rules give them the allocations and shares of their own
    buildings only."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_allocation_count" in counters:
            Allocation = request.env["property.allocation"]
            values["property_allocation_count"] = (
                Allocation.search_count([]) if Allocation.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/shared-costs", "/my/shared-costs/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_allocations(self, page=1, **kwargs):
        Allocation = request.env["property.allocation"]
        domain = Domain("state", "=", "done")
        pager_values = portal_pager(
            url="/my/shared-costs",
            total=Allocation.search_count(domain) if Allocation.has_access("read") else 0,
            page=page,
            step=self._items_per_page,
        )
        allocations = (
            Allocation.search(domain, limit=self._items_per_page, offset=pager_values["offset"])
            if Allocation.has_access("read")
            else Allocation
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "allocations": allocations,
                "page_name": "property_allocation",
                "pager": pager_values,
                "default_url": "/my/shared-costs",
            }
        )
        return request.render("property_billing.portal_my_property_allocations", values)

    @http.route(
        ["/my/shared-costs/<int:allocation_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_allocation(self, allocation_id, **kwargs):
        allocation = request.env["property.allocation"].browse(allocation_id).exists()
        try:
            allocation.check_access("read")
        except (AccessError, MissingError):
            return request.redirect("/my/shared-costs")
        if not allocation:
            return request.redirect("/my/shared-costs")
        # The shares the user may read: those of his own buildings.
        lines = request.env["property.allocation.line"].search(
            Domain("allocation_id", "=", allocation.id), order="building_id, unit_code, id"
        )
        my_units = request.env["property.unit"].search(
            self._prepare_property_units_domain(request.env.user.partner_id)
        )
        buildings = {}
        for line in lines:
            buildings.setdefault(line.building_id.name or "", []).append(line)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "allocation": allocation,
                "lines_by_building": buildings,
                "my_unit_ids": set(my_units.ids),
                "page_name": "property_allocation",
            }
        )
        return request.render("property_billing.portal_my_property_allocation", values)
