from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.property_base.models.property_meter import METER_TYPES, METER_UOMS

ENERGY_STATUSES = [
    ("over", "Over Target"),
    ("within", "Within Target"),
    ("no_target", "No Target"),
    ("not_read", "Not Read"),
]


class PropertyEnergyReport(models.Model):
    """Energy saving (节能降耗): for each estate, energy and month, the
    consumption of the estate's common meters (less those left out of the
    totals), per m² of the estate's gross area, against the estate's target
    of the year and the same month of the year before, and the cost of the
    supplier bills shared in the month against the budget.

    A month has a row when it has readings, a target (from the first month
    read up to the current one) or a shared supplier bill. The consumption of a month is that of
    the readings dated in it, as the shared costs count it. Ratios (per m²,
    %, unit cost) are the row's: a group of rows shows its sums only."""

    _name = "property.energy.report"
    _description = "Energy Saving Analysis"
    _auto = False
    _order = "date desc, estate_id, meter_type"
    _rec_name = "date"
    # What the query reads: flushed before each search.
    _depends = {
        "property.meter.reading": [
            "meter_id",
            "estate_id",
            "meter_type",
            "is_common",
            "date",
            "consumption",
        ],
        "property.meter": ["exclude_from_energy"],
        "property.unit": ["estate_id", "gross_area", "active"],
        "property.estate": ["company_id"],
        "property.energy.target": [
            "estate_id",
            "meter_type",
            "meter_id",
            "year",
            "target_quantity",
            "budget_amount",
            "active",
        ],
        "property.allocation": ["estate_id", "rule_id", "period_start", "amount_total", "state"],
        "property.allocation.rule": ["source", "meter_type"],
    }

    estate_id = fields.Many2one(comodel_name="property.estate", string="Estate", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    meter_type = fields.Selection(selection=METER_TYPES, string="Energy", readonly=True)
    uom = fields.Char(string="Unit of Measure", readonly=True)
    date = fields.Date(string="Month Start", readonly=True)
    period = fields.Char(string="Month", readonly=True, help="The month, as 2026-03.")
    consumption = fields.Float(readonly=True, digits=(16, 2))
    last_year_consumption = fields.Float(
        string="Same Month Last Year", readonly=True, digits=(16, 2)
    )
    yoy_pct = fields.Float(string="Year on Year (%)", readonly=True, aggregator=False)
    target_quantity = fields.Float(string="Target", readonly=True, digits=(16, 2))
    variance = fields.Float(
        string="Against Target",
        readonly=True,
        digits=(16, 2),
        help="Consumption less the target, in the months that have both.",
    )
    variance_pct = fields.Float(
        string="Against Target (%)", readonly=True, aggregator=False, digits=(16, 1)
    )
    area = fields.Float(string="Gross Area (m²)", readonly=True, aggregator=False)
    intensity = fields.Float(string="Per m²", readonly=True, aggregator=False, digits=(16, 4))
    target_intensity = fields.Float(
        string="Target per m²", readonly=True, aggregator=False, digits=(16, 4)
    )
    cost = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Amount of the supplier bills of this energy shared in the month.",
    )
    budget_amount = fields.Monetary(string="Budget", readonly=True, currency_field="currency_id")
    cost_variance = fields.Monetary(
        string="Against Budget",
        readonly=True,
        currency_field="currency_id",
        help="Cost less the budget, in the months that have both.",
    )
    unit_cost = fields.Float(
        string="Cost per Unit", readonly=True, aggregator=False, digits=(16, 4)
    )
    status = fields.Selection(selection=ENERGY_STATUSES, readonly=True)

    @property
    def _table_query(self):
        # Targets count up to the user's current month, not the database's.
        return SQL(
            """
            WITH %(ctes)s
            SELECT row_number() OVER (ORDER BY keys.month, keys.estate_id, keys.meter_type) AS id,
                   keys.estate_id,
                   estate.company_id,
                   company.currency_id,
                   keys.meter_type,
                   CASE keys.meter_type %(uoms)s END AS uom,
                   keys.month AS date,
                   to_char(keys.month, 'YYYY-MM') AS period,
                   COALESCE(used.quantity, 0) AS consumption,
                   last_year.quantity AS last_year_consumption,
                   CASE WHEN used.quantity IS NOT NULL AND last_year.quantity > 0
                        THEN 100.0 * (used.quantity - last_year.quantity) / last_year.quantity
                   END AS yoy_pct,
                   COALESCE(target.target_quantity, 0) AS target_quantity,
                   CASE WHEN used.quantity IS NOT NULL AND target.target_quantity > 0
                        THEN used.quantity - target.target_quantity
                   END AS variance,
                   CASE WHEN used.quantity IS NOT NULL AND target.target_quantity > 0
                        THEN 100.0 * (used.quantity - target.target_quantity)
                             / target.target_quantity
                   END AS variance_pct,
                   area.area,
                   CASE WHEN area.area > 0 THEN COALESCE(used.quantity, 0) / area.area
                   END AS intensity,
                   CASE WHEN area.area > 0 AND target.target_quantity > 0
                        THEN target.target_quantity / area.area
                   END AS target_intensity,
                   COALESCE(cost.amount, 0) AS cost,
                   COALESCE(target.budget_amount, 0) AS budget_amount,
                   CASE WHEN cost.amount IS NOT NULL AND target.budget_amount > 0
                        THEN cost.amount - target.budget_amount
                   END AS cost_variance,
                   CASE WHEN used.quantity > 0 AND cost.amount IS NOT NULL
                        THEN cost.amount / used.quantity
                   END AS unit_cost,
                   CASE
                       WHEN used.quantity IS NULL THEN 'not_read'
                       WHEN COALESCE(target.target_quantity, 0) <= 0 THEN 'no_target'
                       WHEN used.quantity > target.target_quantity THEN 'over'
                       ELSE 'within'
                   END AS status
              FROM keys
              JOIN property_estate estate ON estate.id = keys.estate_id
              JOIN res_company company ON company.id = estate.company_id
              LEFT JOIN area ON area.estate_id = keys.estate_id
              LEFT JOIN used ON used.estate_id = keys.estate_id
                            AND used.meter_type = keys.meter_type
                            AND used.month = keys.month
              LEFT JOIN used last_year ON last_year.estate_id = keys.estate_id
                                      AND last_year.meter_type = keys.meter_type
                                      AND last_year.month = (keys.month - interval '1 year')::date
              LEFT JOIN target ON target.estate_id = keys.estate_id
                              AND target.meter_type = keys.meter_type
                              AND target.month = keys.month
              LEFT JOIN cost ON cost.estate_id = keys.estate_id
                            AND cost.meter_type = keys.meter_type
                            AND cost.month = keys.month
            """,
            ctes=self._energy_ctes(fields.Date.context_today(self)),
            uoms=SQL(" ").join(
                SQL("WHEN %s THEN %s", meter_type, uom) for meter_type, uom in METER_UOMS.items()
            ),
        )

    @api.model
    def _energy_ctes(self, today, estate_ids=None):
        """The common tables of the energy figures, for a ``WITH``: ``area``
        (estate_id, area: the gross area of its active units), ``used``
        (estate_id, meter_type, month, quantity: the consumption of its
        common meters left in the totals, by the month of the readings, a
        meter's first reading counting nothing), ``target`` (estate_id,
        meter_type, month, target_quantity, budget_amount: the estate's
        monthly target, from the first month read up to ``today``'s),
        ``cost`` (estate_id, meter_type, month, amount: the supplier bills
        shared in the month) and ``keys`` (the estate, energy and months of
        any of them). Only the estates of ``estate_ids`` when given.

        The rows of the energy report and the dashboard's energy figures
        (``property.kpi``) are computed from them."""
        if estate_ids is None:
            only = {name: SQL() for name in ("unit", "reading", "target", "allocation")}
        else:
            ids = tuple(estate_ids) or (None,)
            only = {
                name: SQL("AND %s.estate_id IN %s", SQL.identifier(name), ids)
                for name in ("unit", "reading", "target", "allocation")
            }
        return SQL(
            """
            area AS (
                SELECT estate_id, SUM(gross_area) AS area
                  FROM property_unit unit
                 WHERE active %(unit)s
                 GROUP BY estate_id
            ), common_reading AS (
                -- A meter's first reading is where it starts counting: no consumption.
                SELECT reading.estate_id,
                       reading.meter_type,
                       reading.date,
                       reading.consumption,
                       row_number() OVER (
                           PARTITION BY reading.meter_id ORDER BY reading.date, reading.id
                       ) AS rank
                  FROM property_meter_reading reading
                  JOIN property_meter meter ON meter.id = reading.meter_id
                 WHERE reading.is_common
                   AND NOT COALESCE(meter.exclude_from_energy, FALSE)
                   %(reading)s
            ), used AS (
                SELECT estate_id,
                       meter_type,
                       date_trunc('month', date)::date AS month,
                       SUM(COALESCE(consumption, 0)) AS quantity
                  FROM common_reading
                 WHERE rank > 1
                 GROUP BY 1, 2, 3
            ), target AS (
                SELECT target.estate_id,
                       target.meter_type,
                       make_date(target.year, month.number, 1) AS month,
                       target.target_quantity,
                       target.budget_amount
                  FROM property_energy_target target
                 CROSS JOIN generate_series(1, 12) AS month(number)
                 WHERE target.active
                   AND target.meter_id IS NULL
                   %(target)s
                   AND make_date(target.year, month.number, 1)
                       <= date_trunc('month', %(today)s::date)::date
                   AND make_date(target.year, month.number, 1) >= (
                       SELECT MIN(used.month)
                         FROM used
                        WHERE used.estate_id = target.estate_id
                          AND used.meter_type = target.meter_type
                   )
            ), cost AS (
                SELECT allocation.estate_id,
                       rule.meter_type,
                       date_trunc('month', allocation.period_start)::date AS month,
                       SUM(allocation.amount_total) AS amount
                  FROM property_allocation allocation
                  JOIN property_allocation_rule rule ON rule.id = allocation.rule_id
                 WHERE allocation.state = 'done'
                   AND rule.source = 'bill'
                   AND rule.meter_type IS NOT NULL
                   %(allocation)s
                 GROUP BY 1, 2, 3
            ), keys AS (
                SELECT estate_id, meter_type, month FROM used
                 UNION
                SELECT estate_id, meter_type, month FROM target
                 UNION
                SELECT estate_id, meter_type, month FROM cost
            )
            """,
            today=today,
            **only,
        )
