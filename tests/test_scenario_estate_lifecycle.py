"""An estate's life across the property modules, as the staff live it: the
takeover from the developer (property_handover), the delivery of a unit to its
owner with a repair ticket for the defect found (property_helpdesk), the
owner's move-in and first bill (property_base, property_billing), and the
repair handed to the engineers as a maintenance request (property_maintenance).

Demo data is installed too: every name here starts with "SCN" and the test
only looks at records it created."""

from datetime import date

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.property_base.tests.common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestEstateLifecycle(PropertyTestCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.today = fields.Date.context_today(cls.env["property.unit"])
        cls.manager = cls._create_user(
            "scn_manager", "property_base.group_property_manager", name="SCN Manager"
        )
        cls.clerk = cls._create_user(
            "scn_clerk", "property_base.group_property_user", name="SCN Clerk"
        )
        cls.developer = cls._create_partner("SCN Developer", is_company=True)
        cls.owner = cls._create_partner("SCN Owner Liu", "scn.liu@example.com")
        cls.agreement = cls.env["property.move.in.document"].create(
            {"name": "SCN Service agreement", "sequence": 1}
        )
        cls.estate = cls._create_estate(
            "SCN Magnolia Court",
            "SCN",
            manager_id=cls.manager.id,
            move_in_document_ids=[Command.set(cls.agreement.ids)],
        )
        cls.building = cls._create_building(cls.estate, "SCN Tower 1", "1")
        cls.unit = cls._create_unit(cls.building, "101", 90.0)
        cls.checklist = cls.env["property.handover.checklist"].create({"name": "SCN Checklist"})
        Item = cls.env["property.handover.checklist.item"]
        common = {"checklist_id": cls.checklist.id, "scope": "unit", "standard": "SCN standard"}
        cls.item_wall = Item.create(
            {"name": "SCN Walls without hollows", "category": "finishing"} | common
        )
        cls.item_heater = Item.create(
            {"name": "SCN Water heater heats", "category": "plumbing"} | common
        )
        cls.heater = cls.env["maintenance.equipment"].create(
            {
                "name": "SCN Water heater 1-1-101",
                "estate_id": cls.estate.id,
                "building_id": cls.building.id,
                "system": "water",
            }
        )
        # Billing: a monthly service fee of 2.50 per m² on the estate (no taxes).
        income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.env.company.ids)],
            limit=1,
        )
        product = cls.env["product.product"].create(
            {"name": "SCN Property services", "type": "service", "taxes_id": [Command.clear()]}
        )
        cls.fee = cls.env["property.fee.item"].create(
            {
                "name": "SCN Service fee",
                "code": "SCN-SVC",
                "method": "gross_area",
                "rate": 2.5,
                "product_id": product.id,
                "account_id": income.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(cls.estate.ids)],
            }
        )
        cls.env.company.property_bill_at_move_in = True
        cls.meter = cls.env["property.meter"].create(
            {"name": "SCN-W-101", "meter_type": "water", "unit_id": cls.unit.id}
        )

    def test_estate_lifecycle(self):
        # 1. Takeover from the developer: lines generated, a failed check raises a defect.
        project = self.env["property.handover.project"].create(
            {
                "name": "SCN Takeover",
                "estate_id": self.estate.id,
                "developer_id": self.developer.id,
                "manager_id": self.manager.id,
                "member_ids": [Command.set(self.clerk.ids)],
                "checklist_ids": [Command.set(self.checklist.ids)],
            }
        )
        project.with_user(self.clerk).action_generate_lines()
        project.action_start()
        self.assertEqual(project.state, "in_progress")
        self.assertEqual(project.line_ids.unit_id, self.unit)
        self.assertEqual(project.line_ids.item_id, self.item_wall | self.item_heater)
        wall = project.line_ids.filtered(lambda line: line.item_id == self.item_wall)
        wall.with_user(self.clerk).write({"result": "fail", "note": "SCN hollow in bedroom"})
        takeover_defect = wall.defect_ids
        self.assertEqual(len(takeover_defect), 1)
        self.assertEqual(takeover_defect.unit_id, self.unit)
        self.assertEqual(takeover_defect.responsible_partner_id, self.developer)
        self.assertFalse(takeover_defect.ticket_id, "a takeover defect is no owner's ticket")
        self.assertEqual(project.open_defect_count, 1)
        self.assertEqual(self.unit.state, "vacant")

        # 2. Delivery to the owner (owner since last year): the heater check fails,
        # the defect becomes a repair ticket; the owner signs, the unit is delivered.
        self.env["property.ownership"].create(
            {
                "unit_id": self.unit.id,
                "partner_id": self.owner.id,
                "date_start": date(self.today.year - 1, 1, 1),
            }
        )
        delivery = (
            self.env["property.handover.delivery"]
            .with_user(self.clerk)
            .create(
                {
                    "unit_id": self.unit.id,
                    "partner_id": self.owner.id,
                    "checklist_id": self.checklist.id,
                }
            )
        )
        self.assertEqual(delivery.responsible_partner_id, self.developer)
        delivery.action_start_inspection()
        self.assertEqual(delivery.state, "inspection")
        self.assertEqual(delivery.todo_count, 2)
        heater_check = delivery.line_ids.filtered(lambda line: line.item_id == self.item_heater)
        heater_check.write({"result": "fail", "note": "SCN no hot water"})
        (delivery.line_ids - heater_check).write({"result": "pass"})
        defect = heater_check.defect_ids
        ticket = defect.ticket_id
        self.assertTrue(ticket, "the delivery defect has its repair ticket")
        self.assertEqual(ticket.ticket_kind, "repair")
        self.assertEqual(ticket.unit_id, self.unit)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.partner_id, self.owner)
        self.assertEqual(ticket.handover_defect_ids, defect)
        self.assertEqual(ticket.property_state, "new")
        delivery.write({"key_count": 2, "water_reading": 3.0})
        delivery.action_sign(signed_by="SCN Owner Liu")
        self.assertEqual(delivery.state, "signed")
        self.assertEqual(self.unit.state, "delivered")
        self.assertEqual(delivery.open_defect_count, 1)

        # 3. Move-in of the owner: identity checked, agreement signed; the occupancy is
        # recorded, the first meter reading dated and the first bill raised.
        move_in = (
            self.env["property.move.in"]
            .with_user(self.clerk)
            .create(
                {
                    "unit_id": self.unit.id,
                    "partner_id": self.owner.id,
                    "role": "owner_occupier",
                    "date": self.today,
                    "key_count": 2,
                    "meter_reading_ids": [
                        Command.create({"meter_id": self.meter.id, "value": 3.0})
                    ],
                }
            )
        )
        self.assertEqual(move_in.document_line_ids.document_id, self.agreement)
        self.assertEqual(move_in.owner_ids, self.owner)
        move_in.identity_checked = True
        move_in.document_line_ids.is_signed = True
        move_in.action_done()
        self.assertEqual(move_in.state, "done")
        occupancy = move_in.occupancy_id
        self.assertEqual(occupancy.partner_id, self.owner)
        self.assertEqual(occupancy.role, "owner_occupier")
        self.assertEqual(occupancy.date_start, self.today)
        self.assertEqual(self.unit.state, "occupied")
        self.assertIn(self.owner, self.unit.current_resident_ids)
        self.assertEqual(self.meter.reading_ids.date, self.today)
        self.assertEqual(self.meter.last_reading_value, 3.0)
        bill = move_in.first_bill_id
        self.assertTrue(bill, "the move-in raises the first bill")
        self.assertEqual(bill.partner_id, self.owner)
        self.assertEqual(bill.property_unit_id, self.unit)
        self.assertEqual(bill.property_period_id.date_start, self.today.replace(day=1))
        self.assertEqual(bill.state, "posted")
        # Owner since last year: the whole month of 90 m² × 2.50.
        self.assertAlmostEqual(bill.amount_total, 225.0)

        # 4. The ticket is about the water heater: the engineers get a maintenance
        # request, repair it, and the ticket moves to work done.
        ticket = ticket.with_env(self.env)
        ticket.equipment_id = self.heater
        action = ticket.action_create_maintenance_request()
        request = self.env["maintenance.request"].browse(action["res_id"])
        self.assertEqual(ticket.maintenance_request_ids, request)
        self.assertEqual(request.ticket_id, ticket)
        self.assertEqual(request.equipment_id, self.heater)
        self.assertEqual(request.estate_id, self.estate)
        self.assertEqual(request.maintenance_type, "corrective")
        self.assertEqual(ticket.property_state, "progress")
        request.diagnosis = "SCN Heating element replaced"
        request.stage_id = self.env.ref("maintenance.stage_3")
        self.assertEqual(ticket.property_state, "done")
        self.assertEqual(ticket.work_description, "SCN Heating element replaced")
        self.assertTrue(ticket.work_done_date)
        self.assertEqual(defect.ticket_stage_id, ticket.stage_id)
