from odoo import Command

from odoo.addons.property_base.tests.common import PropertyTestCommon


class EnergyTestCommon(PropertyTestCommon):
    """Estate PEN (1,000 m²: four flats of 250 m² in two towers) and estate
    PEO (another estate, 500 m²). PEN's common meters: the lifts and the
    lights (electricity), the master meter of tower 1 (electricity, left out
    of the energy totals) and the pump room (water), read at the end of
    February and of March, in 2025 and in 2026 (February 2026's reading counts
    what was used since March 2025)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate = cls._create_estate("PEN Garden", "PEN")
        cls.other_estate = cls._create_estate("PEO Garden", "PEO")
        tower_1 = cls._create_building(cls.estate, "PEN T1", "1")
        tower_2 = cls._create_building(cls.estate, "PEN T2", "2")
        cls.units = cls.env["property.unit"]
        for tower, code in ((tower_1, "101"), (tower_1, "102"), (tower_2, "201"), (tower_2, "202")):
            cls.units |= cls._create_unit(tower, code, 250.0)
        other_tower = cls._create_building(cls.other_estate, "PEO T1", "1")
        cls._create_unit(other_tower, "101", 500.0)
        cls.lift = cls._meter("PEN lifts", "electricity", building=tower_1)
        cls.lights = cls._meter("PEN lights", "electricity")
        cls.master = cls._meter("PEN T1 master", "electricity", building=tower_1)
        cls.master.exclude_from_energy = True
        cls.pump = cls._meter("PEN pump room", "water")
        cls.other_meter = cls._meter("PEO lights", "electricity", estate=cls.other_estate)
        # Read at the end of February and March 2025 and 2026: March 2025
        # lifts 300 + lights 100 = 400 kWh; February 2026 (since March 2025)
        # 3,300 + 1,100; March 2026 380 + 140 = 520 kWh (+30 %). The master
        # meter counts 9,000 a month but is left out. The pump room: 40 m³ in
        # March 2025, 36 m³ in March 2026. The other estate: 200 kWh in March
        # 2026 (its meter starts in February).
        cls._read(cls.lift, 1000.0, 1300.0, 4600.0, 4980.0)
        cls._read(cls.lights, 500.0, 600.0, 1700.0, 1840.0)
        cls._read(cls.master, 10000.0, 19000.0, 28000.0, 37000.0)
        cls._read(cls.pump, 100.0, 140.0, 500.0, 536.0)
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": cls.other_meter.id, "date": "2026-02-28", "value": 100.0},
                {"meter_id": cls.other_meter.id, "date": "2026-03-31", "value": 300.0},
            ]
        )
        cls.Target = cls.env["property.energy.target"].with_context(lang="zh_CN")

    @classmethod
    def _meter(cls, name, meter_type, building=None, estate=None):
        return cls.env["property.meter"].create(
            {
                "name": name,
                "meter_type": meter_type,
                "estate_id": (estate or cls.estate).id,
                "building_id": building.id if building else False,
            }
        )

    @classmethod
    def _read(cls, meter, *values):
        """Readings of ``meter`` at the end of February and March 2025, then
        of February and March 2026."""
        dates = ("2025-02-28", "2025-03-31", "2026-02-28", "2026-03-31")
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": date, "value": value}
                for date, value in zip(dates, values, strict=True)
            ]
        )

    @classmethod
    def _supplier_bill(cls, amount, date="2026-03-31", estate=None, meter_type="electricity"):
        """The power company's bill of ``amount``, shared by gross area in
        the month of ``date`` and confirmed."""
        estate = estate or cls.estate
        vendor = cls._create_partner("PEN 国网供电公司")
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": vendor.id,
                "invoice_date": date,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "公区电费",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        rule = cls.env["property.allocation.rule"].create(
            {
                "name": "公区电费",
                "estate_id": estate.id,
                "source": "bill",
                "meter_type": meter_type,
                "key": "gross_area",
            }
        )
        period = cls.env["property.billing.period"]._get_month_period(
            estate.company_id, bill.invoice_date
        )
        allocation = cls.env["property.allocation"].create(
            {"rule_id": rule.id, "period_id": period.id, "bill_id": bill.id}
        )
        allocation.action_confirm()
        return allocation
