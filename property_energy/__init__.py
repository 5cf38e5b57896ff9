from . import models
from . import report
from . import demo  # after models: it extends them
