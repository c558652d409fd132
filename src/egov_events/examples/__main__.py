"""Regenerate or check the bundled example's JSON document.

``python -m egov_events.examples --write`` writes
``egov_events/examples/kikao_kazi_2019.json`` from the builder;
``--check`` exits with status 1 if the shipped file differs from it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from egov_events._files import write_or_check
from egov_events.examples import KIKAO_KAZI_2019_JSON
from egov_events.examples._kikao_kazi_2019 import build
from egov_events.serialization import dumps


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m egov_events.examples",
        description="Regenerate or check the bundled 2019 workshop's JSON document.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help=f"write {KIKAO_KAZI_2019_JSON}")
    action.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    return write_or_check(
        KIKAO_KAZI_2019_JSON,
        dumps(build()),
        write=args.write,
        command="python -m egov_events.examples --write",
    )


if __name__ == "__main__":
    sys.exit(main())
