"""Regenerate or check the shipped JSON Schema.

``python -m egov_events.serialization --write-schema`` writes the schema
generated from the model to ``egov_events/schema/event.schema.json``;
``--check-schema`` exits with status 1 if the shipped file differs from it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from egov_events._files import write_or_check
from egov_events.serialization import SCHEMA_PATH, schema_text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m egov_events.serialization",
        description="Regenerate or check the JSON Schema shipped with egov_events.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write-schema", action="store_true", help=f"write {SCHEMA_PATH}")
    action.add_argument(
        "--check-schema", action="store_true", help="exit 1 if the shipped schema is stale"
    )
    args = parser.parse_args(argv)
    return write_or_check(
        SCHEMA_PATH,
        schema_text(),
        write=args.write_schema,
        command="python -m egov_events.serialization --write-schema",
    )


if __name__ == "__main__":
    sys.exit(main())
