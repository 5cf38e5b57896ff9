from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class PropertyMaintenancePlan(models.Model):
    """Demo data only: called from ``demo/property_maintenance_demo.xml``."""

    _inherit = "property.maintenance.plan"

    @api.model
    def _demo_plan_history(self, plan_ids, months=6):
        """The plans' requests of the last ``months`` months (from each
        plan's start), as a team works them: most done on their due date,
        one in seven done a few days late, one in eleven not done — so that
        the dashboard's plan completion rate has a history."""
        today = fields.Date.context_today(self)
        plans = self.browse(plan_ids)
        requests = plans.task_ids._generate_requests(
            date_from=today - relativedelta(months=months), date_to=today - relativedelta(days=1)
        )
        done_stage = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        for index, request in enumerate(requests.sorted(lambda r: (r.plan_due_date, r.id))):
            if index % 11 == 5:
                continue  # not done
            closed = request.plan_due_date + relativedelta(days=3 if index % 7 == 3 else 0)
            closed = min(closed, today)
            request.write({"stage_id": done_stage.id})
            request.write(
                {
                    "close_date": closed,
                    "done_at": datetime.combine(closed, time(10, 0)),
                }
            )
        requests.activity_ids.unlink()
        return requests
