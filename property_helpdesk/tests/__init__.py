from . import test_calendar_workday
