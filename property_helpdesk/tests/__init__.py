from . import test_calendar_workday
from . import test_tour_dashboard_service
