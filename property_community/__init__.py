from . import controllers, models
from . import demo  # after models: it extends them
