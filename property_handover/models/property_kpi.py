from odoo import api, models
from odoo.tools import SQL

# Ages of the open defects, in days since they were reported: (key, first
# day, last day). The default rectification deadline is 15 days.
DEFECT_AGES = [
    ("0_15", 0, 15),
    ("16_30", 16, 30),
    ("31_90", 31, 90),
    ("91_more", 91, None),
]

# Responsible parties shown by name; the others are summed.
TOP_PARTIES = 5


class PropertyKpi(models.AbstractModel):
    """The handover figures of the dashboard (承接查验与交付): open defects
    by age and by responsible party, document completeness."""

    _inherit = "property.kpi"

    @api.model
    def _kpi_sections(self):
        return [
            *super()._kpi_sections(),
            {"key": "handover", "label": self.env._("Takeover and Delivery"), "sequence": 60},
        ]

    @api.model
    def _kpi_figures(self):
        figure = {"section": "handover"}
        return [
            *super()._kpi_figures(),
            dict(
                figure,
                key="open_defect_count",
                sequence=610,
                label=self.env._("Open Defects"),
                unit="count",
                better="down",
                help=self.env._(
                    "Takeover and delivery defects reported and not closed at the end of the "
                    "period, by days since they were reported."
                ),
            ),
            dict(
                figure,
                key="open_defect_party",
                sequence=620,
                label=self.env._("Open Defects by Responsible Party"),
                unit="count",
                better="down",
                help=self.env._(
                    "The open defects at the end of the period, by the party responsible for "
                    "their rectification (developer, contractor)."
                ),
            ),
            dict(
                figure,
                key="document_completeness",
                sequence=630,
                label=self.env._("Document Completeness"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Required handover documents received by the end of the period ÷ required "
                    "documents, of the takeovers started (or planned to start) by then."
                ),
            ),
        ]

    # ------------------------------------------------------------
    # Defects
    # ------------------------------------------------------------

    def _kpi_open_defects(self, estates, periods):
        """{period index: {responsible partner id or None: [count per age
        of DEFECT_AGES]}} of the defects open at the end of each period."""
        Defect = self.env["property.handover.defect"]
        Defect.check_access("read")
        Defect.flush_model(
            ["estate_id", "state", "date_reported", "date_closed", "responsible_partner_id"]
        )
        age = SQL("(period.date_to - defect.date_reported)")
        buckets = self._kpi_age_sums_sql(age, DEFECT_AGES)
        self.env.cr.execute(
            SQL(
                """
                SELECT period.idx, defect.responsible_partner_id, %(buckets)s
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN property_handover_defect defect
                    ON defect.date_reported <= period.date_to
                 WHERE defect.estate_id IN %(estates)s
                   AND (defect.state != 'closed' OR defect.date_closed > period.date_to)
                 GROUP BY period.idx, defect.responsible_partner_id
                """,
                buckets=buckets,
                periods=self._kpi_periods_sql(periods),
                estates=tuple(estates.ids),
            )
        )
        defects = {}
        for index, partner_id, *ages in self.env.cr.fetchall():
            defects.setdefault(index, {})[partner_id] = ages
        return defects

    def _kpi_open_defect_count(self, estates, periods):
        """Open defects (未关闭整改问题) by age: takeover and delivery
        defects reported on or before the last day of the period and not
        closed by then (still open, rectifying or re-inspected, or closed
        after that day; one sent back from re-inspection stays open), split
        by days from the report to that day: 0-15 (the default
        rectification time), 16-30, 31-90, over 90."""
        defects = self._kpi_open_defects(estates, periods)
        labels = {
            "0_15": self.env._("0-15 days"),
            "16_30": self.env._("16-30 days"),
            "31_90": self.env._("31-90 days"),
            "91_more": self.env._("Over 90 days"),
        }
        return [
            self._kpi_age_parts(
                DEFECT_AGES,
                [sum(counts) for counts in zip(*defects.get(index, {}).values(), strict=True)],
                labels,
            )
            for index in range(len(periods))
        ]

    def _kpi_defect_domain(self, estates, period):
        return [
            ("estate_id", "in", estates.ids),
            ("date_reported", "<=", period.date_to),
            "|",
            ("state", "!=", "closed"),
            ("date_closed", ">", period.date_to),
        ]

    def _kpi_action_open_defect_count(self, estates, period):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_handover.property_handover_defect_action"
        )
        action.update(domain=self._kpi_defect_domain(estates, period), context={})
        return action

    def _kpi_open_defect_party(self, estates, periods):
        """Open defects by responsible party (整改责任方): the open defects
        of ``_kpi_open_defect_count``, split by the party responsible for
        their rectification: the five with most open defects in the
        period, the others together, and those without a party."""
        defects = self._kpi_open_defects(estates, periods)
        partner_ids = {pid for by_party in defects.values() for pid in by_party if pid}
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        names = dict(partners.mapped(lambda partner: (partner.id, partner.display_name)))
        values = []
        for index in range(len(periods)):
            counts = {pid: sum(ages) for pid, ages in defects.get(index, {}).items()}
            ranked = sorted(
                (pid for pid in counts if pid), key=lambda pid: (-counts[pid], names[pid])
            )
            parts = [
                {"key": str(pid), "label": names[pid], "value": counts[pid]}
                for pid in ranked[:TOP_PARTIES]
            ]
            others = sum(counts[pid] for pid in ranked[TOP_PARTIES:])
            if others:
                parts.append(
                    {"key": "others", "label": self.env._("Other parties"), "value": others}
                )
            if counts.get(None):
                parts.append(
                    {
                        "key": "none",
                        "label": self.env._("No responsible party"),
                        "value": counts[None],
                    }
                )
            values.append({"value": sum(counts.values()), "parts": parts})
        return values

    def _kpi_action_open_defect_party(self, estates, period):
        action = self._kpi_action_open_defect_count(estates, period)
        action["context"] = {"group_by": ["responsible_partner_id"]}
        return action

    # ------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------

    def _kpi_document_completeness(self, estates, periods):
        """Document completeness (资料移交完整率): required documents
        received by the last day of the period (a document received without
        a date counts as received) ÷ required documents, of the estates'
        takeover projects started by that day (or, not started yet, planned
        to start by then), in %; ``None`` without such a document."""
        Document = self.env["property.handover.document"]
        Document.check_access("read")
        Document.flush_model(["project_id", "is_required", "is_received", "date_received"])
        self.env["property.handover.project"].flush_model(
            ["estate_id", "date_start", "date_planned_start"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT period.idx,
                       COUNT(*),
                       COUNT(*) FILTER (WHERE document.is_received
                                          AND (document.date_received IS NULL
                                               OR document.date_received <= period.date_to))
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN property_handover_project project
                    ON COALESCE(project.date_start, project.date_planned_start) <= period.date_to
                  JOIN property_handover_document document ON document.project_id = project.id
                 WHERE project.estate_id IN %(estates)s
                   AND document.is_required
                 GROUP BY period.idx
                """,
                periods=self._kpi_periods_sql(periods),
                estates=tuple(estates.ids),
            )
        )
        counts = {
            index: (required, received) for index, required, received in self.env.cr.fetchall()
        }
        values = []
        for index in range(len(periods)):
            required, received = counts.get(index, (0, 0))
            values.append(self._kpi_rate(received, required))
        return values

    def _kpi_action_document_completeness(self, estates, period):
        """The required documents of the takeovers counted (the
        denominator), by status."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_handover.property_handover_document_action"
        )
        day = period.date_to
        action.update(
            domain=[
                ("project_id.estate_id", "in", estates.ids),
                ("is_required", "=", True),
                "|",
                ("project_id.date_start", "<=", day),
                "&",
                ("project_id.date_start", "=", False),
                ("project_id.date_planned_start", "<=", day),
            ],
            context={"group_by": ["state"]},
        )
        return action
