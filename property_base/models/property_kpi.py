from collections import namedtuple
from datetime import datetime, time, timedelta

import babel.dates
import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, get_lang

# One period a figure is computed for: both dates included.
KpiPeriod = namedtuple("KpiPeriod", "date_from date_to")

PERIOD_TYPES = ("month", "quarter", "year")

# How a period is named: 2026年11月, 2026年第4季度, 2026年 (CLDR skeletons
# give each language its form).
PERIOD_SKELETONS = {"month": "yMMMM", "quarter": "yQQQ", "year": "y"}

# The trend of every figure: this many months up to the end of the period.
TREND_MONTHS = 12


class KpiMemo:
    """What several figures of one dashboard read in common, read once
    (identity-hashed, so that it may sit in a context): see ``_kpi_memo``."""

    def __init__(self):
        self.values = {}


class PropertyKpi(models.AbstractModel):
    """The figures of the manager's dashboard (物业经营看板).

    Each figure is one server method, ``_kpi_<key>(estates, periods)``,
    documented where it is defined: it returns, for each period of
    ``periods`` (``KpiPeriod`` tuples, dates included), its value — a number,
    or ``None`` where the figure is undefined (a rate without anything to
    divide by shows "—", never 0 % or 100 %) — or a dict ``{"value": total,
    "parts": [{"key", "label", "value"}]}`` for a figure split in parts (ages,
    kinds). Its records are opened by ``_kpi_action_<key>(estates, period)``,
    a window action whose records are the ones the figure counts, so that
    the dashboard and the list behind it agree. The dashboard, the reports
    and their exports call the same methods.

    Figures are declared by ``_kpi_figures()`` and grouped in the sections
    of ``_kpi_sections()``; each module adds its own. ``estates`` is always
    a recordset the user may read (``_kpi_scope``): a figure computed in SQL
    filters on it and so sees nothing else."""

    _name = "property.kpi"
    _description = "Property Dashboard Figures"

    # ------------------------------------------------------------
    # Registry
    # ------------------------------------------------------------

    @api.model
    def _kpi_sections(self):
        """The sections of the dashboard, in order."""
        return [
            {"key": "units", "label": self.env._("Estates and Units"), "sequence": 10},
        ]

    @api.model
    def _kpi_figures(self):
        """The figures: key (the methods ``_kpi_<key>`` and
        ``_kpi_action_<key>``), section, sequence, label, unit (``percent``,
        ``amount``, ``count``, ``hours``, ``number``; ``digits`` for a
        number, 2 by default), help (the definition,
        shown on the card) and ``better`` (``up`` or ``down``: which way is
        good, to colour the change)."""
        return [
            {
                "key": "unit_count",
                "section": "units",
                "sequence": 10,
                "label": self.env._("Units"),
                "unit": "count",
                "better": "up",
                "help": self.env._("The units of the estates."),
            },
            {
                "key": "occupancy_rate",
                "section": "units",
                "sequence": 20,
                "label": self.env._("Occupancy Rate"),
                "unit": "percent",
                "better": "up",
                "help": self.env._(
                    "Units with a resident at the end of the period ÷ units at the end of "
                    "the period."
                ),
            },
        ]

    # ------------------------------------------------------------
    # Scope and periods
    # ------------------------------------------------------------

    @api.model
    def _kpi_scope(self, estate_ids=None):
        """The estates of the figures: the chosen ones, or every estate the
        user works on. An estate the user may not read is refused, not
        silently left out of or added to the figures."""
        if not self.env.user._is_internal():
            raise AccessError(self.env._("The dashboard is for the staff of the estates."))
        allowed = self.env["property.estate"].search([])
        if not estate_ids:
            return allowed
        wanted = {int(estate_id) for estate_id in estate_ids}
        if wanted - set(allowed.ids):
            raise AccessError(
                self.env._("You are not allowed to see the figures of some of these estates.")
            )
        return allowed.filtered(lambda estate: estate.id in wanted)

    @api.model
    def _kpi_period(self, period_type="month", date=None):
        """The month, quarter or year containing ``date`` (default today)."""
        if period_type not in PERIOD_TYPES:
            raise UserError(self.env._("Unknown period: %(period)s.", period=period_type))
        day = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        return KpiPeriod(
            fields.Date.start_of(day, period_type), fields.Date.end_of(day, period_type)
        )

    @api.model
    def _kpi_period_label(self, period, period_type):
        locale = get_lang(self.env).code
        return babel.dates.format_skeleton(
            PERIOD_SKELETONS[period_type], period.date_from, locale=locale
        )

    @api.model
    def _kpi_trend_periods(self, period):
        """The ``TREND_MONTHS`` months up to the end of ``period``."""
        last = period.date_to.replace(day=1)
        months = []
        for back in range(TREND_MONTHS - 1, -1, -1):
            start = last - relativedelta(months=back)
            months.append(KpiPeriod(start, fields.Date.end_of(start, "month")))
        return months

    @api.model
    def _kpi_last_year(self, period):
        return KpiPeriod(
            period.date_from - relativedelta(years=1),
            fields.Date.end_of(period.date_to - relativedelta(years=1), "month"),
        )

    @api.model
    def _kpi_periods_sql(self, periods, indexes=None):
        """``periods`` as an SQL table ``(idx, date_from, date_to)`` to join
        and group a figure's rows by, in one query for every period; only
        those at ``indexes`` (their index kept) when given."""
        if indexes is None:
            indexes = range(len(periods))
        return SQL(
            "(VALUES %s)",
            SQL(", ").join(
                SQL("(%s, %s::date, %s::date)", index, *periods[index]) for index in indexes
            ),
        )

    @api.model
    def _kpi_memo(self, key, compute):
        """``compute()``, read once per dashboard for ``key``: the rows that
        several figures of a module count (their bills, their tickets) are
        read by the first of them and reused by the others of the same call.
        Outside a dashboard call, computed each time."""
        memo = self.env.context.get("property_kpi_memo")
        if memo is None:
            return compute()
        if key not in memo.values:
            memo.values[key] = compute()
        return memo.values[key]

    @api.model
    def _kpi_span(self, periods):
        """The first and last day of ``periods``."""
        return min(p.date_from for p in periods), max(p.date_to for p in periods)

    @api.model
    def _kpi_cutoff(self, period):
        """The day a state at the end of ``period`` is read on: its last
        day, or today while it runs (what is due later is not late yet)."""
        return min(period.date_to, fields.Date.context_today(self))

    @api.model
    def _kpi_local_date_sql(self, column):
        """SQL: the date of the UTC datetime ``column`` in the user's time
        zone (the day a manager in Shanghai calls it)."""
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", column, str(self.env.tz))

    @api.model
    def _kpi_utc_bounds(self, period):
        """The first moment of ``period`` and of the day after it, in the
        user's time zone, as UTC datetimes (naive, as stored): ``[start,
        end)`` of a domain or a query on a datetime field."""
        tz = self.env.tz
        return tuple(
            tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
            for day in (period.date_from, period.date_to + timedelta(days=1))
        )

    @api.model
    def _kpi_age_sums_sql(self, age, ages, value=None):
        """SQL: one aggregate per age of ``ages`` (``(key, first day, last
        day or None)``, in order), the sum of ``value`` (1: a count) over the
        rows whose ``age`` (an SQL number of days) is in it; 0 when none."""
        value = value if value is not None else SQL("1")
        return SQL(", ").join(
            SQL(
                "COALESCE(SUM(%s) FILTER (WHERE %s >= %s AND (%s IS NULL OR %s <= %s)), 0)",
                value,
                age,
                first,
                last,
                age,
                last,
            )
            for _key, first, last in ages
        )

    @api.model
    def _kpi_age_parts(self, ages, values, labels):
        """A figure split by age: ``{"value": total, "parts": [...]}``, one
        part per age of ``ages`` with its value of ``values`` (in the same
        order) and its label of ``labels`` (by key)."""
        values = list(values) or [0] * len(ages)
        return {
            "value": sum(values),
            "parts": [
                {"key": key, "label": labels[key], "value": value}
                for (key, _first, _last), value in zip(ages, values, strict=True)
            ],
        }

    @api.model
    def _kpi_rate(self, numerator, denominator):
        """``numerator ÷ denominator`` in %, or ``None`` when there is
        nothing to divide by."""
        if not denominator:
            return None
        return 100.0 * numerator / denominator

    # ------------------------------------------------------------
    # Dashboard
    # ------------------------------------------------------------

    @api.model
    def get_dashboard(self, estate_ids=None, period_type="month", date=None):
        """Every figure the user may read, for the chosen estates and
        period, with the same period a year before and the 12-month trend."""
        return self.with_context(property_kpi_memo=KpiMemo())._kpi_dashboard(
            estate_ids, period_type, date
        )

    @api.model
    def _kpi_dashboard(self, estate_ids, period_type, date):
        estates = self._kpi_scope(estate_ids)
        period = self._kpi_period(period_type, date)
        trend = self._kpi_trend_periods(period)
        periods = [period, self._kpi_last_year(period), *trend]
        allowed = self.env["property.estate"].search([])
        sections = {section["key"]: dict(section, figures=[]) for section in self._kpi_sections()}
        for figure in sorted(self._kpi_figures(), key=lambda f: f["sequence"]):
            if figure["section"] not in sections:
                continue
            try:
                values = self._kpi_compute(figure["key"], estates, periods)
            except AccessError:
                continue  # a figure of records the user has no access to
            current, last_year, *months = values
            sections[figure["section"]]["figures"].append(
                dict(
                    figure,
                    value=_value(current),
                    parts=current.get("parts") if isinstance(current, dict) else None,
                    last_year=_value(last_year),
                    trend=[_value(value) for value in months],
                    has_action=hasattr(self, f"_kpi_action_{figure['key']}"),
                )
            )
        company = self.env.company
        return {
            "estates": [{"id": estate.id, "name": estate.name} for estate in allowed],
            "estate_ids": estates.ids if estate_ids else [],
            "period_type": period_type,
            "date_from": fields.Date.to_string(period.date_from),
            "date_to": fields.Date.to_string(period.date_to),
            "period_label": self._kpi_period_label(period, period_type),
            "trend_labels": [self._kpi_period_label(month, "month") for month in trend],
            "currency": {
                "symbol": company.currency_id.symbol,
                "position": company.currency_id.position,
                "digits": company.currency_id.decimal_places,
            },
            "sections": [
                section
                for section in sorted(sections.values(), key=lambda s: s["sequence"])
                if section["figures"]
            ],
        }

    @api.model
    def get_figure_action(self, key, estate_ids=None, period_type="month", date=None):
        """The records behind a figure, for the chosen estates and period."""
        method = getattr(self, f"_kpi_action_{key}", None)
        if method is None or not key.isidentifier():
            raise UserError(self.env._("The figure %(key)s has no list to open.", key=key))
        estates = self._kpi_scope(estate_ids)
        action = method(estates, self._kpi_period(period_type, date))
        # The list under the figure's own name (the web client shows the
        # action's display name), opened as a list: a figure counts records.
        action["display_name"] = action.get("name")
        views = action.get("views")
        if views and any(view_type == "list" for _view_id, view_type in views):
            action["views"] = sorted(views, key=lambda view: view[1] != "list")
            action["view_mode"] = ",".join(view_type for _view_id, view_type in action["views"])
        return action

    @api.model
    def _kpi_compute(self, key, estates, periods):
        """The values of figure ``key`` for ``periods``."""
        if not estates:
            return [None] * len(periods)
        # A period asked for twice (the month shown is the trend's last) is
        # computed once.
        unique = list(dict.fromkeys(periods))
        values = dict(zip(unique, getattr(self, f"_kpi_{key}")(estates, unique), strict=True))
        return [values[period] for period in periods]

    # ------------------------------------------------------------
    # Figures: estates and units
    # ------------------------------------------------------------

    def _kpi_unit_counts(self, estates, periods):
        """(units, occupied units) at the end of each period: the estates'
        units; occupied, those with an occupancy covering the last day. Read
        once per dashboard (the complaint rate divides by the units too)."""
        key = ("unit_counts", tuple(estates.ids), tuple(periods))
        return self._kpi_memo(key, lambda: self._kpi_unit_counts_read(estates, periods))

    def _kpi_unit_counts_read(self, estates, periods):
        self.env["property.unit"].flush_model(["estate_id", "active"])
        self.env["property.occupancy"].flush_model(
            ["estate_id", "unit_id", "date_start", "date_end"]
        )
        # Each unit's occupancies merged into the days it was lived in (a
        # family has several, overlapping), then each period's last day
        # looked up in them: no unit is counted twice and no unit is looked
        # up in the occupancies once per period.
        first, last = self._kpi_span(periods)
        self.env.cr.execute(
            SQL(
                """
                WITH unit AS MATERIALIZED (
                    SELECT id FROM property_unit WHERE estate_id IN %(estates)s AND active
                ),
                lived AS (
                    SELECT UNNEST(RANGE_AGG(
                               DATERANGE(occupancy.date_start, occupancy.date_end, '[]')
                           )) AS days
                      FROM property_occupancy occupancy
                      JOIN unit ON unit.id = occupancy.unit_id
                     WHERE occupancy.estate_id IN %(estates)s
                       AND occupancy.date_start <= %(last)s
                       AND (occupancy.date_end IS NULL OR occupancy.date_end >= %(first)s)
                     GROUP BY occupancy.unit_id
                )
                SELECT period.idx, COUNT(*)
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN lived ON lived.days @> period.date_to
                 GROUP BY period.idx
                 UNION ALL
                SELECT NULL, COUNT(*) FROM unit
                """,
                periods=self._kpi_periods_sql(periods),
                estates=tuple(estates.ids),
                first=first,
                last=last,
            )
        )
        occupied = dict(self.env.cr.fetchall())
        total = occupied.pop(None)
        return [(total, occupied.get(index, 0)) for index in range(len(periods))]

    def _kpi_unit_count(self, estates, periods):
        """Units (房屋总数): the estates' units (archived ones left out)."""
        return [total for total, _occupied in self._kpi_unit_counts(estates, periods)]

    def _kpi_action_unit_count(self, estates, period):
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [("estate_id", "in", estates.ids)]
        action["context"] = {}
        return action

    def _kpi_occupancy_rate(self, estates, periods):
        """Occupancy rate (入住率): units with a resident (an occupancy
        covering the last day of the period) ÷ units, in %."""
        return [
            self._kpi_rate(occupied, total)
            for total, occupied in self._kpi_unit_counts(estates, periods)
        ]


def _value(value):
    return value.get("value") if isinstance(value, dict) else value
