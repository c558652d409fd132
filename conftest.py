"""Run the code in README.md, docs/ and docstrings as part of the test suite."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

_markdown = Sybil(
    parsers=[
        PythonCodeBlockParser(),
        DocTestParser(optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
    ],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)],
    patterns=["src/egov_events/*.py", "src/egov_events/**/*.py"],
)

pytest_collect_file = (_markdown + _docstrings).pytest()

_SOURCE = Path(__file__).parent / "src" / "egov_events"


class _SourceModule(pytest.File):
    """A source module named on the command line: its docstrings are Sybil's."""

    def collect(self) -> list[pytest.Item]:
        return []


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.File | None:
    """Collect nothing from the package's modules: they hold no tests.

    pytest collects a file named on the command line as a test module even
    when its name is not test_*.py, and the importlib import mode then runs
    the package a second time: two `Event` classes, and a test comparing
    events made by each fails.
    """
    if _SOURCE in module_path.parents:
        return _SourceModule.from_parent(parent, path=module_path)
    return None
