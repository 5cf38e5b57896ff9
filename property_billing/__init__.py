from . import controllers, models, report, wizard
from . import demo  # after models: it extends them
