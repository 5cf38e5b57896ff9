from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class PropertyCustomerPortal(CustomerPortal):
    """Owner portal: the units an owner or resident holds today and the
    notices of their estates and buildings.

    Pages read as the signed-in user, so the record rules of
    ``property_base_security.xml`` decide what is shown; the domains below
    only narrow the pages down to the user's own units for internal users,
    who may read every unit. Two reads go through ``sudo()``: the names of
    the owners and residents of a unit that passed the access check, and a
    published notice opened with its access token.
    """

    def _get_property_attention_items(self, partner):
        """What needs the owner's attention, shown first on the home page: a
        list of dicts, one per thing to do, each with

        - ``key``: a unique name (``unpaid_bills``, ``open_tickets``, ...),
        - ``sequence``: the order on the page (lower first),
        - ``icon``: a Font Awesome class (``fa-credit-card``),
        - ``title``: what it is (translated),
        - ``value``: the count or the formatted amount,
        - ``url``: where to attend to it,
        - ``button``: the label of the button to that url, or ``False``,
        - ``level``: ``danger``, ``warning`` or ``info``.

        Each module adds its own items (only when there is something to do)
        by overriding this method; read as the signed-in user."""
        items = []
        Notice = request.env["property.notice"]
        unread_count = (
            Notice.search_count(self._prepare_property_unread_notices_domain(partner))
            if Notice.has_access("read")
            else 0
        )
        if unread_count:
            items.append(
                {
                    "key": "unread_notices",
                    "sequence": 40,
                    "icon": "fa-bullhorn",
                    "title": request.env._("Unread notices"),
                    "value": unread_count,
                    "url": "/my/notices?filterby=unread",
                    "button": request.env._("Read now"),
                    "level": "info",
                }
            )
        return items

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        if not counters:
            # The home page itself (the counters come later, one request each).
            values["property_attention_items"] = sorted(
                self._get_property_attention_items(partner), key=lambda item: item["sequence"]
            )
        if "property_unit_count" in counters:
            Unit = request.env["property.unit"]
            values["property_unit_count"] = (
                Unit.search_count(self._prepare_property_units_domain(partner))
                if Unit.has_access("read")
                else 0
            )
        if "property_notice_count" in counters:
            Notice = request.env["property.notice"]
            values["property_notice_count"] = (
                Notice.search_count(self._prepare_property_notices_domain(partner))
                if Notice.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------
    # Domains
    # ------------------------------------------------------------

    def _property_paged_search(self, model, domain, url, page, order=None, url_args=None):
        """The records of ``model`` in ``domain`` on portal page ``page`` of
        ``url``, as the user reads them, and the pager: (records, pager)."""
        Model = request.env[model]
        pager = portal_pager(
            url=url,
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
            url_args=url_args,
        )
        records = Model.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        return records, pager

    def _get_property_owner_partner_ids(self, partner):
        """Partners whose ownerships count as the user's: the user's own and,
        for a contact of a company, the company's (as in the record rules)."""
        return (partner | partner.commercial_partner_id).ids

    def _prepare_property_units_domain(self, partner):
        """Units ``partner`` owns or lives in today."""
        return Domain(
            "ownership_ids",
            "any",
            Domain("is_current", "=", True)
            & Domain("partner_id", "in", self._get_property_owner_partner_ids(partner)),
        ) | Domain(
            "occupancy_ids",
            "any",
            Domain("is_current", "=", True) & Domain("partner_id", "=", partner.id),
        )

    def _prepare_property_notices_domain(self, partner):
        """Published notices of the estates and buildings of ``partner``'s units."""
        my_units = Domain("unit_ids", "any", self._prepare_property_units_domain(partner))
        return Domain("state", "=", "published") & (
            Domain("estate_ids", "any", my_units) | Domain("building_ids", "any", my_units)
        )

    def _prepare_property_unread_notices_domain(self, partner):
        """Published notices of ``partner``'s estates the user has not opened."""
        return self._prepare_property_notices_domain(partner) & Domain("is_read", "=", False)

    # ------------------------------------------------------------
    # My Units
    # ------------------------------------------------------------

    def _get_property_unit_searchbar_sortings(self):
        return {
            "reference": {
                "label": request.env._("Reference"),
                "order": "estate_id, building_id, entrance, floor, code, id",
            },
            "type": {
                "label": request.env._("Type"),
                "order": "unit_type, estate_id, full_code, id",
            },
        }

    def _prepare_property_units_portal_rendering_values(self, page=1, sortby=None, **kwargs):
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()

        searchbar_sortings = self._get_property_unit_searchbar_sortings()
        if sortby not in searchbar_sortings:
            sortby = "reference"
        domain = self._prepare_property_units_domain(partner)
        units, pager_values = self._property_paged_search(
            "property.unit",
            domain,
            "/my/units",
            page,
            order=searchbar_sortings[sortby]["order"],
            url_args={"sortby": sortby},
        )
        values.update(
            {
                "units": units,
                "unit_relations": self._get_property_unit_relations(units, partner),
                "page_name": "property_unit",
                "pager": pager_values,
                "default_url": "/my/units",
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
            }
        )
        return values

    def _get_property_unit_relations(self, units, partner):
        """How ``partner`` holds each unit today, as a label per unit id
        ("Owner · 60%", "Tenant"), in two queries for the whole page."""
        relations = {}
        Occupancy = request.env["property.occupancy"]
        role_labels = dict(Occupancy._fields["role"]._description_selection(request.env))
        for occupancy in Occupancy.search_fetch(
            Domain("unit_id", "in", units.ids)
            & Domain("is_current", "=", True)
            & Domain("partner_id", "=", partner.id),
            ["unit_id", "role"],
        ):
            relations[occupancy.unit_id.id] = role_labels[occupancy.role]
        for ownership in request.env["property.ownership"].search_fetch(
            Domain("unit_id", "in", units.ids)
            & Domain("is_current", "=", True)
            & Domain("partner_id", "in", self._get_property_owner_partner_ids(partner)),
            ["unit_id", "share"],
        ):
            relations[ownership.unit_id.id] = request.env._(
                "Owner · %(share)s%%", share=f"{ownership.share:g}"
            )
        return relations

    @http.route(
        ["/my/units", "/my/units/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_units(self, **kwargs):
        values = self._prepare_property_units_portal_rendering_values(**kwargs)
        return request.render("property_base.portal_my_property_units", values)

    def _prepare_property_unit_page_values(self, unit):
        """Values of the unit page; ``unit`` is in the portal user's environment
        and has passed the access check."""
        today_ownerships = request.env["property.ownership"].search(
            Domain("unit_id", "=", unit.id) & Domain("is_current", "=", True),
            order="share desc, date_start, id",
        )
        today_occupancies = request.env["property.occupancy"].search(
            Domain("unit_id", "=", unit.id) & Domain("is_current", "=", True),
            order="date_start, id",
        )
        notices = request.env["property.notice"].search(
            Domain("state", "=", "published")
            & (
                Domain("estate_ids", "in", unit.estate_id.ids)
                | Domain("building_ids", "in", unit.building_id.ids)
            ),
            limit=5,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_unit",
                "property_unit": unit,
                # The names of the other owners and residents of a unit the user
                # may read; their partners are not readable by portal users.
                "co_ownerships": today_ownerships.sudo(),
                "occupancies": today_occupancies.sudo(),
                "notices": notices,
            }
        )
        return values

    @http.route(["/my/units/<int:unit_id>"], type="http", auth="user", website=True, readonly=True)
    def portal_my_property_unit(self, unit_id, **kwargs):
        try:
            self._document_check_access("property.unit", unit_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        unit = request.env["property.unit"].browse(unit_id)
        values = self._prepare_property_unit_page_values(unit)
        return request.render("property_base.portal_my_property_unit", values)

    # ------------------------------------------------------------
    # Notices
    # ------------------------------------------------------------

    def _get_property_notice_searchbar_filters(self):
        Notice = request.env["property.notice"]
        filters = {
            "all": {"label": request.env._("All"), "domain": Domain.TRUE},
            "unread": {"label": request.env._("Unread"), "domain": Domain("is_read", "=", False)},
        }
        for category, label in Notice._fields["category"]._description_selection(request.env):
            filters[category] = {"label": label, "domain": Domain("category", "=", category)}
        return filters

    def _prepare_property_notices_portal_rendering_values(self, page=1, filterby=None, **kwargs):
        Notice = request.env["property.notice"]
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()

        searchbar_filters = self._get_property_notice_searchbar_filters()
        if filterby not in searchbar_filters:
            filterby = "all"
        domain = (
            self._prepare_property_notices_domain(partner) & searchbar_filters[filterby]["domain"]
        )
        # The model's order: pinned first, then the newest.
        notices, pager_values = self._property_paged_search(
            "property.notice", domain, "/my/notices", page, url_args={"filterby": filterby}
        )
        values.update(
            {
                "notices": notices,
                "page_name": "property_notice",
                "pager": pager_values,
                "default_url": "/my/notices",
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "unread_notice_count": Notice.search_count(
                    self._prepare_property_unread_notices_domain(partner)
                ),
            }
        )
        return values

    @http.route(
        ["/my/notices", "/my/notices/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_property_notices(self, **kwargs):
        values = self._prepare_property_notices_portal_rendering_values(**kwargs)
        return request.render("property_base.portal_my_property_notices", values)

    # Not read-only: opening a notice records that the user read it.
    @http.route(["/my/notices/<int:notice_id>"], type="http", auth="public", website=True)
    def portal_my_property_notice(self, notice_id, access_token=None, **kwargs):
        try:
            notice_sudo = self._document_check_access(
                "property.notice", notice_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if access_token:
            # A shared link shows the notice only while it is published.
            if notice_sudo.state != "published":
                return request.redirect("/my")
            notice = notice_sudo
        else:
            notice = notice_sudo.with_user(request.env.user)
        user = request.env.user
        if not user._is_public():
            # Read by the user when it is a notice of the user's own estates
            # (a shared link to another estate's notice shows it without
            # counting it, and staff reading any notice do not count).
            my_notice = request.env["property.notice"].search(
                Domain("id", "=", notice.id)
                & self._prepare_property_notices_domain(user.partner_id)
            )
            my_notice._mark_read()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_notice",
                "property_notice": notice,
                "no_breadcrumbs": bool(access_token) and request.env.user._is_public(),
            }
        )
        return request.render("property_base.portal_my_property_notice", values)
