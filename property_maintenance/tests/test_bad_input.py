from odoo import Command
from odoo.tests import tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestMaintenanceBadInput(PropertyMaintenanceCase):
    """Asset codes are indexed: a code longer than 64 characters is refused
    naming the field; patrol ranges refuse NaN and infinities."""

    def test_asset_code_too_long(self):
        Equipment = self.env["maintenance.equipment"]
        domain = [("estate_id", "=", self.estate.id)]
        self.assertInputRefused(
            "maintenance.equipment",
            domain,
            lambda: Equipment.create(
                {"name": "PMT Pump X", "estate_id": self.estate.id, "asset_code": "A" * 2**21}
            ),
            "“Asset Code” may have at most 64 characters",
        )
        self.assertInputRefused(
            "maintenance.equipment",
            domain + [("asset_code", "=", False)],
            lambda: self.pump_1.write({"asset_code": "A" * 65}),
            "“Asset Code”",
        )
        self.pump_1.asset_code = "A" * 64
        self.assertEqual(self.pump_1.asset_code, "A" * 64)

    def test_patrol_range_not_finite(self):
        checkpoint = self.env["property.patrol.checkpoint"].create(
            {"name": "PMT Pump room", "estate_id": self.estate.id, "equipment_id": self.pump_1.id}
        )
        self.assertInputRefused(
            "property.patrol.checkpoint",
            [("estate_id", "=", self.estate.id)],
            lambda: self.env["property.patrol.checkpoint"].create(
                {
                    "name": "PMT Boiler room",
                    "estate_id": self.estate.id,
                    "item_ids": [
                        Command.create(
                            {
                                "name": "PMT pressure",
                                "item_type": "reading",
                                "min_value": 0.2,
                                "max_value": float("inf"),
                            }
                        )
                    ],
                }
            ),
            "“Normal up to” must be a finite number",
        )
        self.assertInputRefused(
            "property.patrol.item",
            [("checkpoint_id", "=", checkpoint.id)],
            lambda: self.env["property.patrol.item"].create(
                {"checkpoint_id": checkpoint.id, "name": "PMT pressure", "min_value": "nan"}
            ),
            "“Normal from” must be a finite number",
        )
