"""The input budget shared by the fuzz modules, ``test_fuzz.py`` and ``test_fuzz_readers.py``.

``EGOV_FUZZ_EXAMPLES`` sets the inputs per fuzz test; ``EGOV_FUZZ_INPUTS``
sets the inputs in all, shared out over every test decorated with ``@FUZZ``
in both modules. The tests are counted from the modules' text, so a fuzz
test added later takes its share without a count to update by hand.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

MODULES = ("test_fuzz.py", "test_fuzz_readers.py")
_DECORATOR = re.compile(r"^@FUZZ$", re.MULTILINE)


def fuzz_test_count() -> int:
    """How many tests of the fuzz modules share ``EGOV_FUZZ_INPUTS``."""
    here = Path(__file__).parent
    return sum(len(_DECORATOR.findall((here / m).read_text(encoding="utf-8"))) for m in MODULES)


def examples_per_test(default: int) -> int:
    """The inputs each fuzz test runs: a share of ``EGOV_FUZZ_INPUTS``, or the per-test number."""
    total = os.environ.get("EGOV_FUZZ_INPUTS")
    if total:
        return -(-int(total) // fuzz_test_count())
    return int(os.environ.get("EGOV_FUZZ_EXAMPLES", str(default)))


def fuzz_settings(default: int) -> settings:
    """Hypothesis settings for a fuzz test: the budget above, no deadline."""
    return settings(
        max_examples=examples_per_test(default),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def print_count(request: pytest.FixtureRequest, ran: Counter[str], what: str) -> None:
    """Print how many inputs of each kind *ran*, whatever pytest captures."""
    kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(ran.items()))
    line = f"fuzz: {sum(ran.values())} inputs{what} ({kinds})"
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\n{line}")
