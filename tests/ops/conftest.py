# The outreach fixtures (a sequence with a welcome step sent 9:00–19:00 on weekdays).
from tests.outreach.conftest import sequence  # noqa: F401
