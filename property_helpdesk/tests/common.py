from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.property_base.tests.common import PropertyTestCommon


def utc(value):
    """A naive UTC datetime from 'YYYY-MM-DD HH:MM' in China time (UTC+8)."""
    return datetime.strptime(value, "%Y-%m-%d %H:%M") - timedelta(hours=8)


class PropertyHelpdeskCommon(PropertyTestCommon):
    """Data of the property_helpdesk tests; every name starts with "PHT".

    Estate "PHT Garden" works Monday to Friday 9:00-12:00 and 13:00-18:00
    China time, with the National Day week 2026-10-01..07 as a public holiday.
    Its manager is ``manager``; unit 1-1-101 is owned by the portal user
    ``owner``, unit 1-1-102 by ``owner_other``; "PHT Lobby" is a common area.
    Team "PHT Engineering" (leader ``leader``, technicians tech_1..3) gets the
    repair categories; SLA rules:
        repair, any category/urgency: respond 2 h, resolve 8 h, estate hours
        repair, urgency "3": respond 0.5 h, resolve 4 h, 24×7
        complaint: respond 24 h, resolve 72 h, 24×7, escalation after 2 h
    """

    @classmethod
    def setup_property_helpdesk(cls):
        env = cls.env
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.calendar = env["resource.calendar"].create(
            {
                "name": "PHT Office hours",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"PHT {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, hour_from, hour_to in (
                        ("morning", 9.0, 12.0),
                        ("afternoon", 13.0, 18.0),
                    )
                ],
            }
        )
        env["resource.calendar.leaves"].create(
            {
                "name": "PHT National Day",
                "calendar_id": cls.calendar.id,
                "date_from": utc("2026-10-01 00:00"),
                "date_to": utc("2026-10-08 00:00"),
                "time_type": "leave",
            }
        )
        cls.manager = cls._create_user(
            "pht_manager", "property_base.group_property_manager", name="PHT Manager"
        )
        cls.leader = cls._create_user(
            "pht_leader", "helpdesk_mgmt.group_helpdesk_user", name="PHT Leader"
        )
        cls.clerk = cls._create_user(
            "pht_clerk",
            "helpdesk_mgmt.group_helpdesk_user,property_base.group_property_user",
            name="PHT Clerk",
        )
        cls.techs = env["res.users"]
        for index in (1, 2, 3):
            cls.techs |= cls._create_user(
                f"pht_tech_{index}",
                "helpdesk_mgmt.group_helpdesk_user_team",
                name=f"PHT Tech {index}",
            )
        cls.tech_1, cls.tech_2, cls.tech_3 = cls.techs
        cls.owner = cls._create_user("pht_owner", "base.group_portal", name="PHT Owner")
        cls.owner_other = cls._create_user(
            "pht_owner_other", "base.group_portal", name="PHT Other Owner"
        )

        cls.estate = cls._create_estate(
            "PHT Garden",
            "PHT",
            manager_id=cls.manager.id,
            resource_calendar_id=cls.calendar.id,
        )
        cls.estate_other = cls._create_estate(
            "PHT Other Estate", "PHT-O", resource_calendar_id=cls.calendar.id
        )
        building = cls._create_building(cls.estate, "PHT Tower 1", "1")
        building_other = cls._create_building(cls.estate_other, "PHT Tower 9", "9")
        cls.unit = cls._create_unit(building, "101", 90.0)
        cls.unit_other = cls._create_unit(building, "102", 90.0)
        cls.unit_far = cls._create_unit(building_other, "101", 90.0)
        cls._create_ownership(cls.unit, cls.owner.partner_id, "2020-01-01")
        cls._create_ownership(cls.unit_other, cls.owner_other.partner_id, "2020-01-01")
        cls.lobby = env["property.common.area"].create(
            {"name": "PHT Lobby", "estate_id": cls.estate.id, "building_id": building.id}
        )
        cls.far_area = env["property.common.area"].create(
            {"name": "PHT Far Gate", "estate_id": cls.estate_other.id}
        )

        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "PHT Engineering",
                "service_type": "engineering",
                "user_id": cls.leader.id,
                "user_ids": [Command.set((cls.techs | cls.leader).ids)],
                "dispatch_rule": "manual",
            }
        )
        cls.team_service = env["helpdesk.ticket.team"].create(
            {
                "name": "PHT Customer Service",
                "service_type": "customer_service",
                "user_id": cls.leader.id,
                "user_ids": [Command.set((cls.clerk | cls.leader).ids)],
            }
        )
        Category = env["helpdesk.ticket.category"]
        cls.cat_plumbing = Category.create(
            {
                "name": "PHT Plumbing",
                "ticket_kind": "repair",
                "property_team_id": cls.team.id,
                "quality_check_required": True,
            }
        )
        cls.cat_electric = Category.create(
            {"name": "PHT Electrical", "ticket_kind": "repair", "property_team_id": cls.team.id}
        )
        cls.cat_service = Category.create(
            {
                "name": "PHT Service attitude",
                "ticket_kind": "complaint",
                "property_team_id": cls.team_service.id,
            }
        )
        # Rules of the demo data would compete with ours: keep only these.
        env["property.helpdesk.sla.rule"].search([]).active = False
        Rule = env["property.helpdesk.sla.rule"]
        cls.rule_repair = Rule.create(
            {
                "name": "PHT Repair",
                "ticket_kind": "repair",
                "response_hours": 2.0,
                "resolution_hours": 8.0,
                "calendar_mode": "estate",
            }
        )
        cls.rule_urgent = Rule.create(
            {
                "name": "PHT Urgent repair",
                "ticket_kind": "repair",
                "priority": "3",
                "response_hours": 0.5,
                "resolution_hours": 4.0,
                "calendar_mode": "always",
            }
        )
        cls.rule_complaint = Rule.create(
            {
                "name": "PHT Complaint",
                "ticket_kind": "complaint",
                "response_hours": 24.0,
                "resolution_hours": 72.0,
                "calendar_mode": "always",
                "escalation_delay_hours": 2.0,
            }
        )

    @classmethod
    def create_ticket(cls, **values):
        vals = {
            "name": "PHT Leaking pipe",
            "description": "<p>Water under the kitchen sink</p>",
            "ticket_kind": "repair",
            "unit_id": cls.unit.id,
            "category_id": cls.cat_electric.id,
            "partner_id": cls.owner.partner_id.id,
        }
        vals.update(values)
        return cls.env["helpdesk.ticket"].create(vals)


class PropertyHelpdeskCase(PropertyHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_property_helpdesk()
