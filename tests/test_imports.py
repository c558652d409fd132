"""``import egov_events`` loads only what the models need (issue 8).

Each check runs in a fresh interpreter, so that modules imported by other
tests in this process do not hide what the import itself pulls in. The
checks are about behaviour (which modules are loaded), never about time:
``bench/bench_imports.py`` measures the time.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import egov_events
import egov_events.rules
import egov_events.submissions

# Loaded only by the modules that use them: iCalendar export, date parsing,
# notebook tables.
HEAVY = ("icalendar", "dateutil.parser", "pandas", "polars")


def fresh(code: str) -> str:
    """Run *code* in a new interpreter and return what it printed."""
    done = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def loaded_after(code: str) -> set[str]:
    out = fresh(f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))")
    return set(json.loads(out.splitlines()[-1]))


def test_import_loads_no_heavy_module() -> None:
    loaded = loaded_after("import egov_events")
    assert [] == [m for m in HEAVY if m in loaded]


def test_import_leaves_json_and_example_for_first_use() -> None:
    loaded = loaded_after("import egov_events")
    assert "egov_events.model" in loaded
    assert [] == [
        m for m in ("cattrs", "egov_events.serialization", "egov_events.examples") if m in loaded
    ]


@pytest.mark.parametrize(
    "code",
    [
        "import egov_events.rules",
        "import egov_events.submissions",
        "import egov_events as ee; ee.Event; ee.ValidationError",
    ],
)
def test_submodules_load_no_heavy_module(code: str) -> None:
    loaded = loaded_after(code)
    assert [] == [m for m in HEAVY if m in loaded]


def test_lazy_names_work_in_a_fresh_interpreter() -> None:
    out = fresh(
        "import egov_events as ee\n"
        "event = ee.examples.kikao_kazi_2019()\n"
        "again = ee.loads(ee.dumps(event))\n"
        "print(again == event, len(again.participants), ee.SCHEMA_VERSION)\n"
        "print(issubclass(ee.ValidationError, ValueError), '$defs' in ee.json_schema())\n"
    )
    assert f"True 786 {egov_events.SCHEMA_VERSION}\nTrue True\n" == out


def test_star_import_binds_every_public_name() -> None:
    out = fresh(
        "from egov_events import *\n"
        "import egov_events\n"
        "missing = [n for n in egov_events.__all__ if n not in globals()]\n"
        "print(missing)\n"
    )
    assert "[]\n" == out


@pytest.mark.parametrize("module", [egov_events, egov_events.rules, egov_events.submissions])
def test_every_public_name_resolves_and_is_listed(module: object) -> None:
    names: list[str] = getattr(module, "__all__", [])
    assert names
    assert [] == [n for n in names if getattr(module, n, None) is None]
    assert [] == [n for n in names if n not in dir(module)]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = egov_events.no_such_name  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = egov_events.rules.no_such_name  # type: ignore[attr-defined]


def test_errors_name_their_public_home() -> None:
    from egov_events.submissions import InvalidReview, InvalidTransition  # noqa: PLC0415

    assert "egov_events.submissions" == InvalidTransition.__module__
    assert "egov_events.submissions" == InvalidReview.__module__


PUBLIC = {
    "egov_events": [
        "SCHEMA_VERSION", "CallForSubmissions", "Criterion", "Document", "DocumentKind", "Event",
        "EventStatus", "LocalizedText", "Organization", "OrganizationKind", "Participant",
        "ParticipantGroup", "Person", "Problem", "RegistrationStatus", "Review", "Role", "Room",
        "Session", "SessionKind", "SessionStatus", "Sponsor", "StateChange", "Submission",
        "SubmissionKind", "SubmissionState", "ValidationError", "Venue", "__version__",
        "clear_caches", "dump", "dumps", "examples", "json_schema", "load", "loads",
    ],
    "egov_events.rules": [
        "MAX_RULE_DEPTH", "NODES", "All", "Any", "AttributeIn", "Explanation", "ExplanationNode",
        "HasRole", "InGroup", "Not", "OrganizationKindIn", "Rule", "RuleVisitor",
        "attribute_names", "check", "compile", "evaluate", "explain", "explain_frame",
        "find_problems", "members", "rule_depth", "rule_frame", "rule_table", "to_ibis",
        "to_polars", "to_sql",
    ],
    "egov_events.submissions": [
        "FINAL_STATES", "SELECTED_STATES", "TRANSITIONS", "CallForSubmissions", "Criterion",
        "InvalidReview", "InvalidTransition", "Outcome", "Placement", "Reason", "Review",
        "ReviewSummary", "Selection", "StateChange", "Submission", "SubmissionKind",
        "SubmissionState", "add_review", "announce", "apply", "assign_booths", "before",
        "can_transition", "decide", "exhibits", "format_score", "promote", "rank_key",
        "review_score", "scores", "select", "transition", "withdraw",
    ],
}  # fmt: skip
"""The public names of each facade (a contract: DESIGN.md "The public surface")."""


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_dir_shows_the_public_names_only(name: str) -> None:
    out = fresh(f"import {name} as m\nprint(dir(m))\nprint(m.__all__)\n")
    shown, listed = out.splitlines()
    assert str(sorted(PUBLIC[name])) == shown  # dir() sorts what __dir__ gives
    assert str(PUBLIC[name]) == listed


def test_the_old_name_of_enum_names_still_works() -> None:
    from egov_events import enum_names, vocabulary  # noqa: PLC0415

    assert enum_names.name is vocabulary.name
