from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestDocumentRegister(HandoverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Document = cls.env["property.handover.document"]
        cls.documents = Document.create(
            [
                {"project_id": cls.project.id, "name": "PHT As-built drawings",
                 "document_type": "drawing"},
                {"project_id": cls.project.id, "name": "PHT Elevator manual",
                 "document_type": "manual"},
                {"project_id": cls.project.id, "name": "PHT Warranty of the pumps",
                 "document_type": "warranty"},
                {"project_id": cls.project.id, "name": "PHT Fire acceptance certificate",
                 "document_type": "certificate"},
                {"project_id": cls.project.id, "name": "PHT Marketing brochure",
                 "document_type": "other", "is_required": False},
            ]
        )  # fmt: skip

    def test_completeness(self):
        self.assertEqual(self.project.document_required_count, 4)
        self.assertEqual(self.project.document_received_count, 0)
        self.assertEqual(self.project.document_completeness, 0.0)
        self.assertEqual(set(self.documents.mapped("state")), {"missing"})

        drawings, manual = self.documents[0], self.documents[1]
        drawings.with_user(self.inspector).action_receive()
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.inspector)
            .create(
                {"name": "PHT manual.pdf", "raw": b"%PDF-1.4 PHT", "mimetype": "application/pdf"}
            )
        )
        manual.with_user(self.inspector).write(
            {"is_received": True, "attachment_ids": [(6, 0, attachment.ids)]}
        )
        self.documents[4].is_received = True  # optional: does not count
        self.assertEqual(drawings.state, "received")
        self.assertEqual(drawings.received_by_id, self.inspector)
        self.assertTrue(drawings.date_received)
        self.assertEqual(manual.attachment_ids, attachment)
        self.assertEqual(self.project.document_received_count, 2)
        self.assertEqual(self.project.document_completeness, 50.0)

        drawings.is_received = False
        self.assertEqual(drawings.state, "missing")
        self.assertFalse(drawings.date_received)
        self.assertFalse(drawings.received_by_id)
        self.assertEqual(self.project.document_completeness, 25.0)

    def test_no_required_document_is_complete(self):
        self.documents.filtered("is_required").is_required = False
        self.assertEqual(self.project.document_completeness, 100.0)

    def test_closed_project_register_is_frozen(self):
        self.project.action_start()
        self.project.with_user(self.manager).action_sign_off()
        with self.assertRaisesText(UserError, "is closed"):
            self.documents[0].action_receive()
        self.assertFalse(self.documents[0].is_received)
