from . import test_move_in
from . import test_notice
from . import test_occupancy
from . import test_ownership
from . import test_portal
from . import test_security
from . import test_tour_move_in
from . import test_unit
