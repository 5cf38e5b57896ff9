from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.property_base.models.property_meter import METER_TYPES, METER_UOMS


class PropertyKpi(models.AbstractModel):
    """The energy figures of the dashboard (能耗): one per energy of the
    common meters, never two energies (kWh, m³, GJ) added together."""

    _inherit = "property.kpi"

    @api.model
    def _kpi_sections(self):
        return [
            *super()._kpi_sections(),
            {"key": "energy", "label": self.env._("Energy Use"), "sequence": 45},
        ]

    @api.model
    def _kpi_energy_types(self):
        """The energies the user's estates have common meters of."""
        Meter = self.env["property.meter"]
        if not Meter.has_access("read"):
            return set()
        return {
            meter_type
            for (meter_type,) in Meter._read_group([("is_common", "=", True)], ["meter_type"])
        }

    @api.model
    def _kpi_figures(self):
        figures = super()._kpi_figures()
        present = self._kpi_energy_types()
        labels = dict(
            self.env["property.energy.report"]
            ._fields["meter_type"]
            ._description_selection(self.env)
        )
        for sequence, (meter_type, _label) in enumerate(METER_TYPES, start=1):
            if meter_type not in present:
                continue
            uom = METER_UOMS[meter_type]
            figures.append(
                {
                    "key": f"energy_intensity_{meter_type}",
                    "section": "energy",
                    "sequence": 450 + sequence,
                    "label": self.env._(
                        "%(energy)s per m² (%(uom)s/m²)", energy=labels[meter_type], uom=uom
                    ),
                    "unit": "number",
                    "digits": 3,
                    "better": "down",
                    "help": self.env._(
                        "Consumption of the common meters (%(uom)s, those left out of the "
                        "energy totals excepted) in the period ÷ gross area of the estates "
                        "read (m²; an estate without area is left out); parts: the target "
                        "per m² of the period and the consumption. As the Energy Saving "
                        "report counts it.",
                        uom=uom,
                    ),
                }
            )
        return figures

    # ------------------------------------------------------------
    # Energy per m²
    # ------------------------------------------------------------

    def _kpi_energy_intensity(self, estates, periods, meter_type):
        """Energy per m² (单位面积能耗) of ``meter_type``: the consumption of
        the estates' common meters of that energy (less those left out of
        the energy totals; a meter's first reading counts nothing) in the
        readings dated in the period ÷ the gross area of the active units of
        the estates that have such a consumption in the period, in kWh/m²
        (electricity), m³/m² (water, gas) or GJ/m² (heat). An estate without
        area (no units yet) is left out of both; ``None`` when nothing was
        read in an estate with area. Parts: the target per m² (the estates' monthly targets
        of the months of the period read, over the same area; ``None``
        without target) and the consumption. The rows and definitions of the
        Energy Saving report (``property.energy.report._energy_ctes``)."""
        self.env["property.energy.report"].check_access("read")
        # The tables the report reads (its _depends), written before the query.
        for model, names in self.env["property.energy.report"]._depends.items():
            self.env[model].flush_model(names)
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """
                WITH %(ctes)s, by_estate AS (
                    SELECT period.idx,
                           used.estate_id,
                           SUM(used.quantity) AS quantity,
                           SUM(target.target_quantity) AS target
                      FROM %(periods)s AS period(idx, date_from, date_to)
                      JOIN used ON used.month BETWEEN period.date_from AND period.date_to
                      LEFT JOIN target ON target.estate_id = used.estate_id
                                      AND target.meter_type = used.meter_type
                                      AND target.month = used.month
                     WHERE used.meter_type = %(meter_type)s
                     GROUP BY period.idx, used.estate_id
                )
                -- An estate without area has no consumption per m²: left out.
                SELECT by_estate.idx,
                       SUM(by_estate.quantity),
                       SUM(by_estate.target),
                       SUM(area.area)
                  FROM by_estate
                  JOIN area ON area.estate_id = by_estate.estate_id
                 WHERE area.area > 0
                 GROUP BY by_estate.idx
                """,
                ctes=self.env["property.energy.report"]._energy_ctes(today, estates.ids),
                periods=self._kpi_periods_sql(periods),
                meter_type=meter_type,
            )
        )
        rows = {
            index: (quantity, target, area)
            for index, quantity, target, area in self.env.cr.fetchall()
        }
        values = []
        for index in range(len(periods)):
            quantity, target, area = rows.get(index, (None, None, 0))
            if quantity is None or not area:
                values.append(None)
                continue
            uom = METER_UOMS[meter_type]
            values.append(
                {
                    "value": quantity / area,
                    "parts": [
                        {
                            "key": "target",
                            "label": self.env._("Target per m²"),
                            "value": target / area if target else None,
                        },
                        {
                            "key": "consumption",
                            "label": self.env._("Consumption (%(uom)s)", uom=uom),
                            "value": quantity,
                        },
                    ],
                }
            )
        return values

    def _kpi_action_energy_intensity(self, estates, period, meter_type):
        """The Energy Saving report's rows of the estates, the energy and the
        months of the period: the figure is the sum of their consumption ÷
        the sum of the area of the estates read."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_energy.property_energy_report_action"
        )
        action.update(
            domain=[
                ("estate_id", "in", estates.ids),
                ("meter_type", "=", meter_type),
                ("date", ">=", period.date_from),
                ("date", "<=", period.date_to),
            ],
            context={},
        )
        return action

    def _kpi_energy_intensity_electricity(self, estates, periods):
        """Electricity per m² (单位面积用电量, kWh/m²): ``_kpi_energy_intensity``."""
        return self._kpi_energy_intensity(estates, periods, "electricity")

    def _kpi_action_energy_intensity_electricity(self, estates, period):
        return self._kpi_action_energy_intensity(estates, period, "electricity")

    def _kpi_energy_intensity_water(self, estates, periods):
        """Water per m² (单位面积用水量, m³/m²): ``_kpi_energy_intensity``."""
        return self._kpi_energy_intensity(estates, periods, "water")

    def _kpi_action_energy_intensity_water(self, estates, period):
        return self._kpi_action_energy_intensity(estates, period, "water")

    def _kpi_energy_intensity_gas(self, estates, periods):
        """Gas per m² (单位面积用气量, m³/m²): ``_kpi_energy_intensity``."""
        return self._kpi_energy_intensity(estates, periods, "gas")

    def _kpi_action_energy_intensity_gas(self, estates, period):
        return self._kpi_action_energy_intensity(estates, period, "gas")

    def _kpi_energy_intensity_heat(self, estates, periods):
        """Heat per m² (单位面积用热量, GJ/m²): ``_kpi_energy_intensity``."""
        return self._kpi_energy_intensity(estates, periods, "heat")

    def _kpi_action_energy_intensity_heat(self, estates, period):
        return self._kpi_action_energy_intensity(estates, period, "heat")
