from odoo.tests import tagged

from .common import PropertyHelpdeskCase
from .test_workflow import PNG


@tagged("post_install", "-at_install")
class TestTicketFormQueries(PropertyHelpdeskCase):
    """Opening a ticket in the desk's form reads a fixed number of queries,
    whatever the number of photos, materials and pauses it holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Ticket = cls.env["helpdesk.ticket"]
        fields_info = Ticket.get_views([(False, "form")])["models"]["helpdesk.ticket"]["fields"]
        cls.form_spec = {
            name: (
                {"fields": {"display_name": {}}}
                if Ticket._fields[name].type in ("many2one", "one2many", "many2many")
                else {}
            )
            for name in fields_info
        }

    def _ticket_with(self, count):
        ticket = self.create_ticket()
        ticket._dispatch_to(self.tech_1)
        for index in range(count):
            ticket.action_wait_owner()
            ticket.action_resume()
            ticket.material_ids = [(0, 0, {"name": f"PHT part {index}", "quantity": 1})]
            photo = self.env["ir.attachment"].create(
                {
                    "name": f"p{index}.png",
                    "raw": PNG,
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
            )
            ticket.photo_ids = [(4, photo.id)]
        return ticket

    def _read_form(self, ticket):
        self.env.invalidate_all()
        ticket.with_user(self.clerk).web_read(self.form_spec)

    def test_form_read_queries(self):
        small, big = self._ticket_with(1), self._ticket_with(6)
        self._read_form(small)  # warm the caches of views, rules and translations
        counts = []
        for ticket in (small, big):
            before = self.env.cr.sql_log_count
            self._read_form(ticket)
            counts.append(self.env.cr.sql_log_count - before)
        # The photos, materials and pauses are read in one query each, whatever their number.
        self.assertEqual(counts[0], counts[1])
        # 26 queries with property_base and property_helpdesk; the modules that add
        # fields to the ticket form (accounting's partner fields, maintenance requests,
        # delivery defects) bring the whole suite to 30; the estate boundary of the
        # materials and pauses one more.
        with self.assertQueryCount(__system__=33):
            self._read_form(big)
