from odoo import api, models
from odoo.tools import SQL


class PropertyKpi(models.AbstractModel):
    """The owner-relations figure of the dashboard: the overall satisfaction
    of the satisfaction surveys."""

    _inherit = "property.kpi"

    @api.model
    def _kpi_sections(self):
        return [
            *super()._kpi_sections(),
            {"key": "community", "label": self.env._("Owner Relations"), "sequence": 70},
        ]

    @api.model
    def _kpi_figures(self):
        return [
            *super()._kpi_figures(),
            {
                "key": "survey_satisfaction_rate",
                "section": "community",
                "sequence": 710,
                "label": self.env._("Overall Satisfaction (Surveys)"),
                "unit": "percent",
                "better": "up",
                "help": self.env._(
                    "Answers to the overall satisfaction question of the satisfaction surveys "
                    "given in the period with one of the two best marks ÷ those answers."
                ),
            },
        ]

    def _kpi_survey_satisfaction_rate(self, estates, periods):
        """Overall satisfaction (总体满意度): the answers to the campaigns'
        overall question given in the period that are satisfied ÷ those
        answers, in % (the average of the report's ``satisfied_percent``)."""
        Report = self.env["property.survey.answer.report"]
        Report.check_access("read")
        for model in ("survey.user_input", "survey.user_input.line", "property.survey.invitation"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT period.idx, AVG(report.satisfied_percent)
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN (%(report)s) report
                    ON report.date_answered BETWEEN period.date_from AND period.date_to
                   AND report.estate_id IN %(estates)s
                   AND report.is_overall
                 GROUP BY period.idx
                """,
                periods=self._kpi_periods_sql(periods),
                report=Report._table_query,
                estates=tuple(estates.ids),
            )
        )
        rates = dict(self.env.cr.fetchall())
        return [rates.get(index) for index in range(len(periods))]

    def _kpi_action_survey_satisfaction_rate(self, estates, period):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_community.property_survey_answer_report_action"
        )
        action["domain"] = [
            ("estate_id", "in", estates.ids),
            ("is_overall", "=", True),
            ("date_answered", ">=", period.date_from),
            ("date_answered", "<=", period.date_to),
        ]
        action["context"] = {}
        return action
