"""``python -m egov_events``: the same as the ``egov-events`` command."""

import sys

from egov_events.cli import main

if __name__ == "__main__":
    sys.exit(main())
