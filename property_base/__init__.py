from . import controllers, models, wizard
from . import demo  # after models: it extends them
