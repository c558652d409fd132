"""What ``import egov_events`` costs, as a ratio to ``import cattrs``, in fresh processes.

    .venv/bin/python bench/bench_imports.py [--quick]

Every sample is a new interpreter that times its one import statement
(``time.perf_counter`` around it), so nothing is already in ``sys.modules``.
The cases run round robin, 21 rounds (9 with --quick), after one untimed
warm-up each.

Compiled bytecode is warm for every module, as it is for an installed
package: the processes write and read their ``.pyc`` files under a temporary
``PYTHONPYCACHEPREFIX`` (the development shell may set
``PYTHONDONTWRITEBYTECODE``, which would otherwise make this project's
modules, and only them, compile from source on every import).

Rows:
- ``import egov_events`` against ``import cattrs`` (goal, issue 8: <= 1.3x);
- ``import egov_events`` then the first use of ``ee.loads`` (which loads the
  cattrs converter) against ``import cattrs``: informative;
- ``import egov_events.ical`` against ``import icalendar``: informative.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Options, Row, finish, parse

CASES = {
    "egov_events": "import egov_events",
    "egov_events + loads": "import egov_events; egov_events.loads",
    "cattrs": "import cattrs",
    "egov_events.ical": "import egov_events.ical",
    "icalendar": "import icalendar",
}


def one(statement: str, env: dict[str, str]) -> float:
    code = (
        "import time\n"
        "start = time.perf_counter()\n"
        f"{statement}\n"
        "print(time.perf_counter() - start)\n"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def measure(options: Options) -> list[Row]:
    rounds = 9 if options.quick else 21
    with tempfile.TemporaryDirectory(prefix="egov-bench-pyc-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for statement in CASES.values():  # warm-up: writes the bytecode
            one(statement, env)
        t: dict[str, list[float]] = {name: [] for name in CASES}
        for _ in range(rounds):
            for name, statement in CASES.items():
                t[name].append(one(statement, env))
    return [
        Row("import egov_events", "import cattrs", t["egov_events"], t["cattrs"], "s", 1.3, "#8"),
        Row(
            "import egov_events; ee.loads (JSON loaded)",
            "import cattrs",
            t["egov_events + loads"],
            t["cattrs"],
        ),
        Row("import egov_events.ical", "import icalendar", t["egov_events.ical"], t["icalendar"]),
    ]


def main() -> None:
    options = parse(__doc__.splitlines()[0])
    finish(measure(options), options, "Imports (fresh interpreters, same run)")


if __name__ == "__main__":
    main()
