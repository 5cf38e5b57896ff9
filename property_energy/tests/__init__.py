from . import test_energy_report
from . import test_energy_target
from . import test_tour_energy
from . import test_tour_dashboard_energy
