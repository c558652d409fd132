"""The reference page of enumerations lists every value, with the names the code gives it."""

from __future__ import annotations

import enum
import re
from pathlib import Path

import pytest

import egov_events as ee
from egov_events.conflicts import ConflictKind
from egov_events.enum_names import name
from egov_events.submissions import SubmissionKind, SubmissionState

PAGE = Path(__file__).parent.parent / "docs" / "reference" / "enumerations.md"
NAMED = (
    ee.OrganizationKind,
    ee.SessionKind,
    ee.SessionStatus,
    ee.EventStatus,
    ee.RegistrationStatus,
    ee.DocumentKind,
    SubmissionKind,
    SubmissionState,
)


def table(title: str) -> list[list[str]]:
    text = PAGE.read_text(encoding="utf-8")
    section = text.split(f"## `{title}`\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows]


@pytest.mark.parametrize("cls", NAMED, ids=lambda cls: cls.__name__)
def test_every_value_is_listed_with_its_names(cls: type[enum.Enum]) -> None:
    assert [[str(m.value), name(m, "sw"), name(m, "en")] for m in cls] == table(cls.__name__)


def test_every_conflict_kind_is_listed() -> None:
    assert [str(m.value) for m in ConflictKind] == [row[0] for row in table("ConflictKind")]
    assert re.search(r"^enumerations$", (PAGE.parent / "index.md").read_text(), re.MULTILINE)
