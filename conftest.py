"""Run the code in README.md, docs/ and docstrings as part of the test suite."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

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
