"""``python -m egov_events``: the same as the ``egov-events`` command."""

import sys

from egov_events.cli import main

sys.exit(main())
