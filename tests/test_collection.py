"""The suite gives the same answer whichever files it is asked to run first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_a_source_module_named_first_does_not_load_the_package_twice() -> None:
    # pytest collected src/egov_events/model.py as a test module and ran the
    # package again: the v1 test then compared events of two `Event` classes.
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "src/egov_events/model.py",
            "tests/test_serialization.py",
            "-k",
            "v1_document_loads_to_its_event",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]
