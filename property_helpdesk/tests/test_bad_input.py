from odoo.tests import tagged

from .common import PropertyHelpdeskCase


@tagged("post_install", "-at_install")
class TestHelpdeskBadInput(PropertyHelpdeskCase):
    """Service-level hours refuse NaN and infinities, naming the field (a
    deadline of NaN hours cannot be planned); nothing is written."""

    def test_sla_hours_not_finite(self):
        Rule = self.env["property.helpdesk.sla.rule"]
        self.assertInputRefused(
            "property.helpdesk.sla.rule",
            [("name", "=", "PHT Bad rule")],
            lambda: Rule.create(
                {
                    "name": "PHT Bad rule",
                    "ticket_kind": "repair",
                    "response_hours": float("nan"),
                    "resolution_hours": 8.0,
                }
            ),
            "“First Response (hours)” must be a finite number",
        )
        hours = self.rule_repair.resolution_hours
        self.assertInputRefused(
            "property.helpdesk.sla.rule",
            [("id", "=", self.rule_repair.id), ("resolution_hours", "=", hours)],
            lambda: self.rule_repair.write({"resolution_hours": "inf"}),
            "“Resolution (hours)” must be a finite number",
        )
