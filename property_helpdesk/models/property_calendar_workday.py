from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class PropertyCalendarWorkday(models.Model):
    """An adjusted working day (调休上班日): a day off in the calendar's week
    (a Sunday, say) worked to make up for a public holiday, as the State
    Council's holiday notice sets them each year. On that day the calendar
    works the hours of the weekday it ``works as``; SLA clocks counted in
    working hours run on it."""

    _name = "property.calendar.workday"
    _description = "Adjusted Working Day"
    _order = "calendar_id, date"

    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    date = fields.Date(required=True)
    name = fields.Char(string="Reason", translate=True, help="e.g. 国庆节调休上班.")
    works_as = fields.Selection(
        selection=WEEKDAYS,
        string="Hours of",
        required=True,
        default="0",
        help="The day is worked with the hours of this weekday.",
    )

    _calendar_date_uniq = models.Constraint(
        "UNIQUE(calendar_id, date)", "A day is entered once as an adjusted working day."
    )

    @api.constrains("calendar_id", "works_as")
    def _check_works_as(self):
        for workday in self:
            hours = workday.calendar_id.attendance_ids.filtered(
                lambda a, day=workday.works_as: a.dayofweek == day and not a.display_type
            )
            if not hours:
                raise ValidationError(
                    self.env._(
                        "%(calendar)s has no working hours on %(weekday)s: the adjusted "
                        "working day %(date)s cannot take them.",
                        calendar=workday.calendar_id.name,
                        weekday=dict(self._fields["works_as"]._description_selection(self.env))[
                            workday.works_as
                        ],
                        date=workday.date,
                    )
                )

    @api.depends("date", "name")
    def _compute_display_name(self):
        for workday in self:
            workday.display_name = " ".join(filter(None, [str(workday.date or ""), workday.name]))
