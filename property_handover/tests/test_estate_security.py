from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestHandoverEstateSecurity(HandoverCase):
    """The estate is the boundary of takeovers and unit deliveries: each role
    sees and changes those of its own estates (in lists, by id, in counts and
    totals, in the acceptance report); the estate manager signs off the
    takeovers of his estates only; a technician sees the defects he follows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_b = cls._create_estate("PHT Estate Birch", "PHB")
        cls.building_b = cls._create_building(cls.estate_b, "PHT Birch Tower", "B1")
        cls.unit_b1 = cls._create_unit(cls.building_b, "0101")
        cls.desk_a = cls._create_user(
            "pht_desk_a", "property_base.group_property_user", estates=cls.estate
        )
        cls.tech_a = cls._create_user(
            "pht_tech_a", "property_base.group_property_technician", estates=cls.estate
        )
        cls.manager_a = cls._create_user(
            "pht_manager_a", "property_base.group_property_manager", estates=cls.estate
        )
        cls.manager_b = cls._create_user(
            "pht_manager_b", "property_base.group_property_manager", estates=cls.estate_b
        )
        cls.director = cls._create_user(
            "pht_director", "property_base.group_property_company_manager", estates=cls.estate
        )
        cls.project_b = cls.env["property.handover.project"].create(
            {
                "name": "PHT Takeover Birch",
                "estate_id": cls.estate_b.id,
                "developer_id": cls.developer.id,
                "checklist_ids": [Command.set(cls.checklist.ids)],
            }
        )
        (cls.project | cls.project_b).action_start()
        Document = cls.env["property.handover.document"]
        cls.document_a = Document.create({"project_id": cls.project.id, "name": "PHT drawings A"})
        cls.document_b = Document.create({"project_id": cls.project_b.id, "name": "PHT drawings B"})
        cls._line(cls, cls.item_lobby, building=cls.building_1).result = "fail"
        cls._line(
            cls, cls.item_lobby, building=cls.building_b, project=cls.project_b
        ).result = "fail"
        cls.owner_a = cls._create_partner("PHT Owner A")
        cls.owner_b = cls._create_partner("PHT Owner B")
        Delivery = cls.env["property.handover.delivery"]
        cls.delivery_a = Delivery.create(
            {
                "unit_id": cls.unit_21.id,
                "partner_id": cls.owner_a.id,
                "checklist_id": cls.checklist.id,
            }
        )
        cls.delivery_b = Delivery.create(
            {
                "unit_id": cls.unit_b1.id,
                "partner_id": cls.owner_b.id,
                "checklist_id": cls.checklist.id,
            }
        )
        (cls.delivery_a | cls.delivery_b).action_start_inspection()
        cls.defect_a = cls.project.defect_ids
        cls.defect_b = cls.project_b.defect_ids
        cls.defect_a.user_id = cls.tech_a

    def _records(self):
        """{model: (records of estate A, records of estate B)}."""
        return {
            "property.handover.project": (self.project, self.project_b),
            "property.handover.line": (self.project.line_ids, self.project_b.line_ids),
            "property.handover.defect": (self.defect_a, self.defect_b),
            "property.handover.document": (self.document_a, self.document_b),
            "property.handover.delivery": (self.delivery_a, self.delivery_b),
            "property.handover.delivery.line": (
                self.delivery_a.line_ids,
                self.delivery_b.line_ids,
            ),
        }

    def test_fixture(self):
        for model, (of_a, of_b) in self._records().items():
            self.assertTrue(of_a and of_b, model)

    def test_each_role_sees_its_estates(self):
        for model, (of_a, of_b) in self._records().items():
            both = of_a | of_b
            self.assertSeesOnly(self.desk_a, model, of_a, both)
            self.assertSeesOnly(self.manager_a, model, of_a, both)
            self.assertSeesOnly(self.manager_b, model, of_b, both)
            self.assertSeesOnly(self.director, model, both, both)

    def test_totals_by_estate(self):
        lines = self.project.line_ids | self.project_b.line_ids
        Line = self.env["property.handover.line"]
        domain = [("id", "in", lines.ids)]
        for user, projects in (
            (self.manager_a, self.project),
            (self.manager_b, self.project_b),
            (self.director, self.project | self.project_b),
        ):
            totals = dict(Line.with_user(user)._read_group(domain, ["project_id"], ["__count"]))
            self.assertEqual(
                totals, {project: len(project.line_ids) for project in projects}, user.login
            )

    def test_manager_signs_off_his_estate_only(self):
        with self.assertRaises(AccessError):
            self.project_b.with_user(self.manager_a).action_sign_off()
        with self.assertRaises(AccessError):
            self.project_b.with_user(self.manager_a).write(
                {"override_critical": True, "override_reason": "PHT not mine"}
            )
        self.assertEqual(self.project_b.state, "in_progress")
        self.assertFalse(self.project_b.override_critical)
        self.project.with_user(self.manager_a).action_sign_off()
        self.assertEqual(self.project.state, "closed")
        self.assertEqual(self.project.signed_by_id, self.manager_a)
        self.project_b.with_user(self.manager_b).action_sign_off()
        self.assertEqual(self.project_b.state, "closed")

    def test_desk_cannot_sign_off(self):
        with self.assertRaisesText(UserError, "Only a property manager"):
            self.project.with_user(self.desk_a).action_sign_off()
        self.assertEqual(self.project.state, "in_progress")

    def test_desk_runs_deliveries_of_its_estates(self):
        Delivery = self.env["property.handover.delivery"].with_user(self.desk_a)
        delivery = Delivery.create(
            {
                "unit_id": self.unit_22.id,
                "partner_id": self.owner_a.id,
                "checklist_id": self.checklist.id,
            }
        )
        delivery.action_start_inspection()
        delivery.line_ids[0].write({"result": "pass"})
        self.assertEqual(delivery.state, "inspection")
        self.assertEqual(delivery.line_ids[0].result, "pass")
        with self.assertRaises(AccessError):
            Delivery.create(
                {
                    "unit_id": self.unit_b1.id,
                    "partner_id": self.owner_a.id,
                    "checklist_id": self.checklist.id,
                }
            )
        with self.assertRaises(AccessError):
            self.delivery_b.line_ids[0].with_user(self.desk_a).write({"result": "pass"})
        with self.assertRaises(AccessError):
            self.delivery_b.with_user(self.desk_a).action_cancel()
        self.assertEqual(self.delivery_b.line_ids[0].result, "todo")
        self.assertEqual(self.delivery_b.state, "inspection")

    def test_technician_sees_the_defects_he_follows(self):
        defects = self.project.defect_ids | self.project_b.defect_ids | self.delivery_b.defect_ids
        self.assertSeesOnly(self.tech_a, "property.handover.defect", self.defect_a, defects)
        with self.assertRaises(AccessError):
            self.defect_a.with_user(self.tech_a).write({"rectification_note": "PHT done"})
        for model in (
            "property.handover.project",
            "property.handover.line",
            "property.handover.delivery",
            "property.handover.document",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.tech_a).search([])

    def test_technician_opens_his_defect(self):
        """The defect form opens for the technician, read-only, without the
        desk's buttons."""
        defect = self.defect_a.with_user(self.tech_a)
        views = defect.get_views([(False, "form")])
        arch = views["views"]["form"]["arch"]
        self.assertIn('edit="false"', arch.lower())
        self.assertNotIn('name="action_accept"', arch)
        fields = views["models"][defect._name]["fields"]
        specification = {
            name: {"fields": {"display_name": {}}} if field.get("relation") else {}
            for name, field in fields.items()
            if f'name="{name}"' in arch and field["type"] != "one2many"
        }
        values = defect.web_read(specification)[0]
        self.assertEqual(values["description"], self.defect_a.description)

    def test_acceptance_report_of_his_estate(self):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        report = "property_handover.action_report_handover_project"
        html, _format = Report.with_user(self.manager_a)._render_qweb_html(report, self.project.ids)
        self.assertIn("PHT Takeover", html.decode())
        with self.assertRaises(AccessError):
            Report.with_user(self.manager_a)._render_qweb_pdf(report, self.project_b.ids)
        with self.assertRaises(AccessError):
            Report.with_user(self.manager_b)._render_qweb_html(report, self.project.ids)
