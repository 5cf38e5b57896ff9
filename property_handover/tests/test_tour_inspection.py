from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourInspection(HttpCase):
    """An inspector records results in the browser, in the editable list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = new_test_user(
            cls.env, login="inspector_tour", groups="property_base.group_property_user"
        )
        developer = cls.env["res.partner"].create({"name": "TOUR Developer"})
        estate = cls.env["property.estate"].create({"name": "TOUR Estate Peony"})
        cls.inspector.property_estate_ids = [Command.link(estate.id)]
        cls.unit = cls.env["property.unit"].create(
            {"estate_id": estate.id, "code": "TOURHO-0901", "gross_area": 90.0}
        )
        checklist = cls.env["property.handover.checklist"].create(
            {
                "name": "TOUR Checklist",
                "item_ids": [
                    Command.create({"name": "TOUR Walls", "scope": "unit", "sequence": 1}),
                    Command.create({"name": "TOUR Window seals", "scope": "unit", "sequence": 2}),
                    Command.create({"name": "TOUR Sockets", "scope": "unit", "sequence": 3}),
                ],
            }
        )
        cls.project = cls.env["property.handover.project"].create(
            {
                "name": "TOUR Takeover",
                "estate_id": estate.id,
                "developer_id": developer.id,
                "unit_ids": [Command.set(cls.unit.ids)],
                "checklist_ids": [Command.set(checklist.ids)],
            }
        )
        cls.project.action_start()

    def test_inspection_tour(self):
        self.start_tour("/odoo", "property_handover_inspection_tour", login="inspector_tour")
        self.env.invalidate_all()
        results = {line.name: line for line in self.project.line_ids}
        self.assertEqual(results["TOUR Walls"].result, "pass")
        self.assertEqual(results["TOUR Sockets"].result, "na")
        seals = results["TOUR Window seals"]
        self.assertEqual(seals.result, "fail")
        self.assertEqual(seals.note, "TOUR seal missing in bedroom")
        self.assertEqual(seals.inspector_id, self.inspector)
        defect = seals.defect_ids
        self.assertEqual(len(defect), 1)
        self.assertEqual(defect.responsible_partner_id.name, "TOUR Developer")
        self.assertIn("TOUR seal missing in bedroom", defect.description)
