from . import portal
from . import portal_shared_cost
from . import portal_prepay
