import calendar
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import PropertyTestCommon


def create_company_in_china(env, name):
    """A new company in China with l10n_cn's chart of accounts in CNY, as a
    company set up for a production start (it gets the fee items ready)."""
    company = env["res.company"].create(
        {
            "name": name,
            "country_id": env.ref("base.cn").id,
            "currency_id": env.ref("base.CNY").id,
        }
    )
    env["account.chart.template"].try_loading("cn", company, install_demo=False)
    return company


def fee_ledger_rows(env):
    """The fee ledger's sums per key and the units' months, as sets."""
    env["property.fee.ledger"]._flush_sources()
    env.cr.execute(
        """
        SELECT company_id, estate_id, kind, is_fee, billed_on, date_due, day, SUM(amount)
          FROM property_fee_ledger
         GROUP BY company_id, estate_id, kind, is_fee, billed_on, date_due, day
        HAVING SUM(amount) <> 0
        """
    )
    sums = set(env.cr.fetchall())
    env.cr.execute(
        "SELECT company_id, estate_id, unit_id, month, settled_on FROM property_fee_unit_month"
    )
    return sums, set(env.cr.fetchall())


def assert_fee_ledger_as_rebuilt(case):
    """The fee ledger and the units' months, as kept while the test posted,
    paid and reconciled, equal them rebuilt from the bills."""
    kept_sums, kept_months = fee_ledger_rows(case.env)
    case.env["property.fee.ledger"]._rebuild()
    case.env["property.fee.unit.month"]._rebuild()
    sums, months = fee_ledger_rows(case.env)
    case.assertEqual((kept_sums - sums, sums - kept_sums), (set(), set()), "fee ledger")
    case.assertEqual((kept_months - months, months - kept_months), (set(), set()), "units' months")


def bill_in_background(env, fail=None):
    """Do, in the test's transaction, what the background does for the runs
    started from the form: with queue_job, run the pending jobs of the billing
    runs as queue_job's runner does (each in a savepoint, the jobs waiting on
    them enqueued when they are done, a failed job marked failed) until none
    is pending; else, the cron that bills the queued runs. Return the failed
    jobs (queue.job records). ``fail(job)`` may raise to make a job fail."""
    if "queue.job" not in env:
        env["property.billing.run"]._cron_process_runs()
        return None
    from odoo.addons.queue_job.job import Job  # noqa: PLC0415 - queue_job is optional

    failed = env["queue.job"]
    while True:
        pending = env["queue.job"].search(
            [("model_name", "=", "property.billing.run"), ("state", "=", "pending")], order="id"
        )
        if not pending:
            return failed
        for record in pending:
            job = Job.load(env, record.uuid)
            job.set_started()
            try:
                with env.cr.savepoint(), mute_logger("odoo.addons.queue_job"):
                    if fail:
                        fail(job)
                    job.perform()
            except Exception as error:  # noqa: BLE001 - recorded as queue_job does
                job.set_failed(exc_info=repr(error))
                job.store()
                failed |= record
                continue
            job.set_done()
            job.store()
            job.enqueue_waiting()
            env.flush_all()


class BillingCase(PropertyTestCommon, TransactionCase):
    """Shared data of the property_billing tests (names start with "PBB";
    demo data is installed too, so tests count only what they create).

    estate "PBB Garden" (company A): building 1 with
        unit_1 1-1-101 (89.5 m², net 72.3), unit_2 1-1-102 (120 m²),
        parking P-001 (12.5 m², type parking)
    estate "PBB Plaza": building 1 with unit_3 1-1-301 (64 m²)
    Owners: Li owns unit_1, Wang unit_2, Zhao unit_3 and the parking space, all since 2025.
    Fee items (no taxes): service fee 2.50/m² gross monthly; garbage 15.00 fixed monthly
    (only occupied days); parking 150.00 per space monthly; water tiered 3.45 / 4.83 from
    20 m³ / 6.90 from 30 m³. Period: March 2026 (31 days).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.income_account = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.company.ids)], limit=1
        )
        cls.estate = cls._create_estate("PBB Garden", "PBB-G")
        cls.estate_2 = cls._create_estate("PBB Plaza", "PBB-P")
        cls.building = cls._create_building(cls.estate, "PBB T1", "1")
        cls.building_2 = cls._create_building(cls.estate_2, "PBB P1", "1")
        cls.unit_1 = cls._create_unit(cls.building, "101", 89.5, net_area=72.3)
        cls.unit_2 = cls._create_unit(cls.building, "102", 120.0)
        cls.parking = cls._create_unit(cls.estate, "P-001", 12.5, unit_type="parking")
        cls.unit_3 = cls._create_unit(cls.building_2, "301", 64.0)
        cls.li = cls._create_partner("PBB Li Wei", "pbb.li@example.com")
        cls.wang = cls._create_partner("PBB Wang Fang", "pbb.wang@example.com")
        cls.zhao = cls._create_partner("PBB Zhao Lei", "pbb.zhao@example.com")
        cls.chen = cls._create_partner("PBB Chen Jing", "pbb.chen@example.com")
        cls.ownership_1 = cls._own(cls.unit_1, cls.li, "2025-01-01")
        cls._own(cls.unit_2, cls.wang, "2025-01-01")
        cls._own(cls.unit_3, cls.zhao, "2025-01-01")
        cls._own(cls.parking, cls.zhao, "2025-01-01")

        cls.product = cls.env["product.product"].create(
            {"name": "PBB Property services", "type": "service", "taxes_id": [Command.clear()]}
        )
        Fee = cls.env["property.fee.item"]
        common = {
            "product_id": cls.product.id,
            "account_id": cls.income_account.id,
            "tax_ids": [Command.clear()],
            "estate_ids": [Command.set((cls.estate | cls.estate_2).ids)],
        }
        cls.fee_service = Fee.create(
            {"name": "PBB Service fee", "code": "PBB-SVC", "method": "gross_area", "rate": 2.5}
            | common
            | {
                "unit_type_ids": [
                    Command.set(cls.env.ref("property_billing.unit_type_apartment").ids)
                ]
            }
        )
        cls.fee_garbage = Fee.create(
            {
                "name": "PBB Garbage",
                "code": "PBB-GRB",
                "method": "fixed",
                "rate": 15.0,
                "charge_vacant": False,
            }
            | common
            | {
                "unit_type_ids": [
                    Command.set(cls.env.ref("property_billing.unit_type_apartment").ids)
                ]
            }
        )
        cls.fee_parking = Fee.create(
            {"name": "PBB Parking", "code": "PBB-PRK", "method": "parking", "rate": 150.0} | common
        )
        cls.fee_water = Fee.create(
            {
                "name": "PBB Water",
                "code": "PBB-WTR",
                "method": "meter",
                "meter_type": "water",
                "meter_pricing": "tiered",
                "tier_ids": [
                    Command.create({"quantity_from": 0, "rate": 3.45}),
                    Command.create({"quantity_from": 20, "rate": 4.83}),
                    Command.create({"quantity_from": 30, "rate": 6.90}),
                ],
            }
            | common
        )
        cls.fees = cls.fee_service | cls.fee_garbage | cls.fee_parking | cls.fee_water
        cls.period = cls.env["property.billing.period"].create(
            {"name": "PBB 2026-03", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        cls.user_billing = cls._create_user(
            "pbb_billing", "account.group_account_invoice,property_base.group_property_user"
        )
        cls.user_property = cls._create_user("pbb_property", "property_base.group_property_user")

    @classmethod
    def _own(cls, unit, partner, date_start, date_end=False, **values):
        return cls._create_ownership(unit, partner, date_start, date_end, **values)

    @classmethod
    def _occupy(cls, unit, partner, date_start, date_end=False):
        return cls._create_occupancy(unit, partner, date_start, date_end, role="owner_occupier")

    def _charges(self, units, fees=None, period=None):
        charges, skips = (period or self.period)._compute_unit_charges(units, fees or self.fees)
        return charges, skips

    def _amounts(self, units, fees=None, period=None):
        """{(unit, fee, partner): amount} of the charges."""
        charges, _skips = self._charges(units, fees, period)
        return {(c["unit"], c["fee"], c["partner"]): c["amount"] for c in charges}

    def _run(self, estates=None, period=None, **values):
        run = self.env["property.billing.run"].create(
            {
                "period_id": (period or self.period).id,
                "estate_ids": [Command.set((estates or self.estate | self.estate_2).ids)],
                "post_invoices": True,
                # As if the run were made on the period's invoice date.
                "date_bill": (period or self.period).invoice_date,
                **values,
            }
        )
        run._execute()
        return run


class PortalBillsCommon(PropertyTestCommon):
    """The owner-portal bills fixture (a mixin of an ``HttpCase``): owners A
    and B of units A (100 m²) and B (80 m²) of one estate, a service fee of
    3.00/m² gross without tax, and the billing of a month. Names start with
    ``prefix``."""

    @classmethod
    def _setup_portal_bills(cls, prefix, owner_names, fee_name, lang):
        login = prefix.lower()
        cls.bills_prefix = prefix
        cls.owner_a = cls._create_user(
            f"{login}_owner_a", "base.group_portal", name=owner_names[0], lang=lang
        )
        cls.owner_b = cls._create_user(
            f"{login}_owner_b", "base.group_portal", name=owner_names[1], lang=lang
        )
        cls.estate = cls._create_estate(f"{prefix} Estate", prefix)
        cls.unit_a = cls._create_unit(cls.estate, f"{prefix}-A", 100.0)
        cls.unit_b = cls._create_unit(cls.estate, f"{prefix}-B", 80.0)
        cls._create_ownership(cls.unit_a, cls.owner_a.partner_id, "2020-01-01")
        cls._create_ownership(cls.unit_b, cls.owner_b.partner_id, "2020-01-01")
        product = cls.env["product.product"].create(
            {"name": f"{prefix} service", "type": "service", "taxes_id": [Command.clear()]}
        )
        income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.env.company.ids)],
            limit=1,
        )
        cls.fee_item = cls.env["property.fee.item"].create(
            {
                "name": fee_name,
                "method": "gross_area",
                "rate": 3.0,
                "product_id": product.id,
                "account_id": income.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(cls.estate.ids)],
            }
        )

    @classmethod
    def _bill_month(cls, year, month):
        """Run (and post) the billing of the test estate for ``year``-``month``;
        the bills made."""
        date_end = date(year, month, calendar.monthrange(year, month)[1])
        period = cls.env["property.billing.period"].create(
            {
                "name": f"{cls.bills_prefix} {year}-{month:02d}",
                "date_start": date_end.replace(day=1),
                "date_end": date_end,
            }
        )
        run = cls.env["property.billing.run"].create(
            {
                "period_id": period.id,
                "estate_ids": [Command.set(cls.estate.ids)],
                "post_invoices": True,
            }
        )
        run._execute()
        return run.invoice_ids
