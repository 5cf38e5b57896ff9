from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import PropertyCase

ROOT = "property_base.menu_property_root"


@tagged("post_install", "-at_install")
class TestPropertyHome(PropertyCase):
    """Each role lands on its own work in the Property app and sees its menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "property_base.group_property_"
        cls.desk = cls._create_user("pbt_home_desk", groups + "user")
        cls.cashier = cls._create_user("pbt_home_cashier", groups + "cashier")
        cls.reader = cls._create_user("pbt_home_reader", groups + "meter_reader")
        cls.technician = cls._create_user("pbt_home_technician", groups + "technician")
        cls.director = cls._create_user("pbt_home_director", groups + "company_manager")
        cls.internal = cls._create_user("pbt_home_internal", "base.group_user")

    def _home(self, user):
        action = self.env.ref("property_base.action_property_home").with_user(user).run()
        return action.get("res_model") or action["tag"], action.get("xml_id")

    def _property_menus(self, user):
        """The xml ids of the Property app's menus ``user`` sees."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        by_xmlid = {menu["xmlid"]: menu for menu in menus.values() if menu.get("xmlid")}
        if ROOT not in by_xmlid:
            return set()
        seen, todo = set(), list(by_xmlid[ROOT]["children"])
        while todo:
            menu = menus[todo.pop()]
            seen.add(menu["xmlid"])
            todo += menu["children"]
        return seen

    def test_home_action_per_role(self):
        self.assertEqual(
            self._home(self.desk), ("property.move.in", "property_base.property_move_in_action")
        )
        # the cashier lands on the bills to collect where billing is installed
        billing = self.env["ir.module.module"]._get("property_billing").state == "installed"
        self.assertEqual(
            self._home(self.cashier)[0], "account.move" if billing else "property.move.in"
        )
        self.assertEqual(
            self._home(self.reader),
            ("property.meter", "property_base.property_meter_action_to_read"),
        )
        for manager in (self.user_manager, self.director):
            self.assertEqual(
                self._home(manager),
                ("property_base.dashboard", "property_base.property_dashboard_action"),
            )
        # field staff land on their work where a module gives them some (the
        # service desk's tickets), on the estates otherwise
        helpdesk = self.env["ir.module.module"]._get("property_helpdesk").state == "installed"
        self.assertEqual(
            self._home(self.technician)[0], "helpdesk.ticket" if helpdesk else "property.estate"
        )
        # the desk starts with the move-ins still to do
        action = self.env.ref("property_base.action_property_home").with_user(self.desk).run()
        self.assertEqual(action["context"]["search_default_draft"], 1)

    def test_reader_lands_on_his_open_rounds(self):
        """A reader with a round to walk starts from his open rounds; once it
        is finished, from the meters still to read."""
        meter = self.env["property.meter"].create(
            {"name": "PBT-HOME-R1", "unit_id": self.unit_a1.id, "meter_type": "water"}
        )
        route = self.env["property.meter.route"].create(
            {
                "name": "PBT home route",
                "estate_id": self.estate_a.id,
                "user_id": self.reader.id,
                "line_ids": [Command.create({"meter_id": meter.id})],
            }
        )
        reading_round = self.env["property.meter.round"].create({"route_id": route.id})
        action = self.env.ref("property_base.action_property_home").with_user(self.reader).run()
        self.assertEqual(action["xml_id"], "property_base.property_meter_round_action_mine")
        self.assertEqual(action["res_model"], "property.meter.round")
        context = safe_eval(action["context"])
        self.assertEqual(
            (context["search_default_filter_mine"], context["search_default_filter_open"]), (1, 1)
        )
        # another reader, with no round of his, still starts from the meters to read
        other = self._create_user("pbt_home_reader2", "property_base.group_property_meter_reader")
        self.assertEqual(
            self._home(other), ("property.meter", "property_base.property_meter_action_to_read")
        )
        reading_round.action_finish()
        self.assertEqual(
            self._home(self.reader),
            ("property.meter", "property_base.property_meter_action_to_read"),
        )

    @mute_logger("odoo.addons.base.models.ir_actions")
    def test_home_action_refused_outside_the_app(self):
        with self.assertRaises(AccessError):
            self.env.ref("property_base.action_property_home").with_user(self.internal).run()

    def test_home_action_extended_by_other_modules(self):
        Home = self.registry["property.home"]
        original = Home._property_home_action_for

        def home_for(home, user):
            if user.has_group("property_base.group_property_technician"):
                return {"type": "ir.actions.act_window", "res_model": "res.partner"}
            return original(home, user)

        with patch.object(Home, "_property_home_action_for", home_for):
            self.assertEqual(self._home(self.technician)[0], "res.partner")
            self.assertEqual(self._home(self.desk)[0], "property.move.in")

    def test_menus_per_role(self):
        reader_menus = self._property_menus(self.reader)
        self.assertTrue(
            {
                "property_base.menu_property_meters",
                "property_base.menu_property_meter_to_read",
                "property_base.menu_property_meter_reading",
                "property_base.menu_property_meter",
            }
            <= reader_menus,
            reader_menus,
        )
        # his own rounds come first in meter reading
        meters_menu = self.env.ref("property_base.menu_property_meters")
        first = meters_menu.child_id.with_user(self.reader)._filter_visible_menus()
        self.assertEqual(
            first.sorted("sequence")[:1],
            self.env.ref("property_base.menu_property_meter_round_mine"),
        )
        for menu in (
            "property_base.menu_property_front_desk",
            "property_base.menu_property_estates",
            "property_base.menu_property_reporting",
            "property_base.menu_property_config",
        ):
            self.assertNotIn(menu, reader_menus)
        desk_menus = self._property_menus(self.desk)
        self.assertIn("property_base.menu_property_register", desk_menus)
        self.assertIn("property_base.menu_property_meters", desk_menus)
        self.assertNotIn("property_base.menu_property_config", desk_menus)
        # the desk has no rounds of his own to walk
        self.assertNotIn("property_base.menu_property_meter_round_mine", desk_menus)
        self.assertIn("property_base.menu_property_meter_round", desk_menus)
        # the desk's work comes first in the app
        root = self.env.ref(ROOT)
        first = root.child_id.with_user(self.desk)._filter_visible_menus().sorted("sequence")[:1]
        self.assertEqual(first, self.env.ref("property_base.menu_property_front_desk"))
        self.assertIn("property_base.menu_property_config", self._property_menus(self.director))
        # no Property app for an employee outside it
        self.assertEqual(self._property_menus(self.internal), set())

    @freeze_time("2025-06-15")
    def test_meters_to_read(self):
        meter_a = self.env["property.meter"].create(
            {"name": "PBT-HOME-W1", "unit_id": self.unit_a1.id, "meter_type": "water"}
        )
        meter_b = self.env["property.meter"].create(
            {"name": "PBT-HOME-W2", "unit_id": self.unit_a2.id, "meter_type": "water"}
        )
        meter_c = self.env["property.meter"].create(
            {"name": "PBT-HOME-W3", "unit_id": self.unit_c1.id, "meter_type": "water"}
        )
        Reading = self.env["property.meter.reading"]
        Reading.create({"meter_id": meter_a.id, "date": "2025-05-31", "value": 10})
        Reading.create({"meter_id": meter_b.id, "date": "2025-06-01", "value": 12})
        meters = meter_a | meter_b | meter_c
        due = self.env["property.meter"].search(
            [("id", "in", meters.ids), ("reading_due", "=", True)]
        )
        self.assertEqual(due, meter_a | meter_c)
        self.assertEqual(meters.filtered("reading_due"), meter_a | meter_c)
        self.assertEqual(
            self.env["property.meter"].search(
                [("id", "in", meters.ids), ("reading_due", "=", False)]
            ),
            meter_b,
        )
        # the reader's round: his estates only (estate_c is another company's)
        reader_pinned = self._create_user(
            "pbt_home_reader_a", "property_base.group_property_meter_reader", estates=self.estate_a
        )
        round_ = (
            self.env["property.meter"]
            .with_user(reader_pinned)
            .search([("id", "in", meters.ids), ("reading_due", "=", True)])
        )
        self.assertEqual(round_, meter_a)
        action = meter_a.with_user(reader_pinned).action_enter_reading()
        self.assertEqual(action["res_model"], "property.meter.reading")
        self.assertEqual(action["context"], {"default_meter_id": meter_a.id})
        Reading.with_user(reader_pinned).with_context(**action["context"]).create({"value": 15})
        self.assertFalse(meter_a.reading_due)
