from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import OwnerPhoneMixin, PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourPortalHandover(OwnerPhoneMixin, PropertyTestCommon, HttpCase):
    """An owner on a phone inspects the unit in the browser, records a defect
    with a photo and signs (tour ``property_handover_portal_tour``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls._create_user(
            "tourph_owner",
            "base.group_portal",
            name="TOURPH 王小明",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        estate = cls._create_estate("TOURPH 翠湖苑", "TOURPH")
        building = cls._create_building(estate, "TOURPH 1 号楼", "T1")
        cls.unit = cls._create_unit(building, "0808", 96, entrance=False)
        checklist = cls.env["property.handover.checklist"].create(
            {
                "name": "TOURPH 交房验收表",
                "item_ids": [
                    Command.create({"name": "TOURPH 墙面平整", "scope": "unit", "sequence": 1}),
                    Command.create({"name": "TOURPH 地漏排水", "scope": "unit", "sequence": 2}),
                    Command.create({"name": "TOURPH 燃气接口", "scope": "unit", "sequence": 3}),
                ],
            }
        )
        cls.delivery = cls.env["property.handover.delivery"].create(
            {
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.partner_id.id,
                "checklist_id": checklist.id,
                "key_count": 3,
                "key_note": "TOURPH 入户门钥匙",
            }
        )
        cls.delivery.action_start_inspection()

    def test_owner_signs_delivery_with_defect_on_phone(self):
        self.start_tour("/my", "property_handover_portal_tour", login="tourph_owner")
        self.env.invalidate_all()
        lines = {line.name: line for line in self.delivery.line_ids}
        self.assertEqual(lines["TOURPH 墙面平整"].result, "pass")
        self.assertEqual(lines["TOURPH 燃气接口"].result, "na")
        drain = lines["TOURPH 地漏排水"]
        self.assertEqual(drain.result, "fail")
        self.assertEqual(drain.note, "卫生间地漏排水缓慢，有积水")

        defect = drain.defect_ids
        self.assertEqual(len(defect), 1)
        self.assertIn("卫生间地漏排水缓慢，有积水", defect.description)
        self.assertEqual(defect.photo_ids.mapped("name"), ["drain.png"])
        self.assertEqual(defect.photo_ids.mimetype, "image/png")
        self.assertTrue(defect.photo_ids.raw.startswith(b"\x89PNG"))
        self.assertEqual(drain.photo_ids, defect.photo_ids)
        # The repair ticket of the defect carries the photo to the technician.
        self.assertEqual(defect.ticket_id.photo_ids, defect.photo_ids)

        self.assertEqual(self.delivery.state, "signed")
        self.assertEqual(self.delivery.signed_by, "王小明")
        self.assertTrue(self.delivery.date_signed)
        self.assertEqual(self.unit.state, "delivered")
