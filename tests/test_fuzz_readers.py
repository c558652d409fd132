"""Fuzzing the other readers: calendars, dates and rules, with only the allowed exceptions.

- ``ical.read`` returns an Event or raises a ValidationError whose messages
  have paths; ``ical.lint`` returns messages with their place (``@ line N``
  or ``@ $...``) and raises nothing.
- ``locale.parse_date`` and ``parse_date_range`` return dates or raise
  ValueError, for any string.
- Rules read from JSON (inside an event document) give an Event or a
  ValidationError; rules built in Python, however deep, give a rule or a
  ValidationError, and a rule that is built can be checked, evaluated,
  compiled, explained and written without a RecursionError.

The inputs per test are ``EGOV_FUZZ_EXAMPLES`` (default 100), or, when
``EGOV_FUZZ_INPUTS`` is set, that many inputs shared out over every fuzz test
of this module and of ``test_fuzz.py``::

    EGOV_FUZZ_INPUTS=50000 .venv/bin/pytest -p no:cacheprovider \\
        tests/test_fuzz.py tests/test_fuzz_readers.py

The number run is printed at the end.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import egov_events as ee
from egov_events import ical
from egov_events.locale import parse_date, parse_date_range
from egov_events.rules import All, HasRole, InGroup, Not, check, evaluate, explain
from egov_events.rules import Any as AnyOf
from tests.fuzzing import fuzz_settings, print_count

GOLDEN = Path(__file__).parent / "golden"
CALENDAR = (GOLDEN / "kikao-kazi-2019-p-0001-group-1.ics").read_bytes()
FOREIGN = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
    b"X-WR-TIMEZONE:E. Africa Standard Time\r\n"
    b"BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008\r\nDTSTAMP:20190102T070000Z\r\n"
    b"SUMMARY;LANGUAGE=sw:Ufunguzi\r\nDESCRIPTION:Karibu\\, wote\r\n"
    b"DTSTART;TZID=E. Africa Standard Time:20190130T090000\r\n"
    b"DTEND;TZID=E. Africa Standard Time:20190130T100000\r\nSEQUENCE:2\r\n"
    b"ORGANIZER;CN=Wakala:mailto:info@ega.go.tz\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20190102T070000Z\r\nSUMMARY:Chai\r\n"
    b"DTSTART;TZID=/mozilla.org/20050126_1/Africa/Dar_es_Salaam:20190130T100000\r\n"
    b"DURATION:PT30M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
DOCUMENT: dict[str, Any] = json.loads(
    (Path(__file__).parent / "fixtures" / "v1" / "workshop.json").read_text(encoding="utf-8")
)
_PLACE = re.compile(r" @ (?:line \d+|\$(?:$|[.\[]))")
RAN: Counter[str] = Counter()

FUZZ = fuzz_settings(100)


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print how many inputs the fuzz tests ran, whatever pytest captures."""
    yield
    print_count(request, RAN, " to the other readers")


# -- calendars ---------------------------------------------------------------------

_ODD_VALUES = st.sampled_from(
    [
        "",
        "x",
        "20190130",
        "20190130T090000",
        "20190130T090000Z",
        "2019013XT090000Z",
        "99999999T999999",
        "PT30M",
        "-P1D",
        "P99999999W",
        "FREQ=DAILY;COUNT=2",
        "mailto:",
        "mailto:a\x00b@example.com",
        "1",
        "-1",
        "99999999999999999999",
        "Kikao\\nKazi",
        "\\",
        "=?utf-8?q?Mkurugenzi_Mkuu?=",
        "\x07\x1b[31m",
        "x" * 300,
    ]
)
_NAMES = st.sampled_from(
    [
        "DTSTART",
        "DTEND",
        "DURATION",
        "DTSTAMP",
        "UID",
        "SUMMARY",
        "DESCRIPTION",
        "SEQUENCE",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "ORGANIZER",
        "ATTENDEE",
        "STATUS",
        "NAME",
        "X-WR-TIMEZONE",
        "X-WR-CALNAME",
        "METHOD",
        "X-EGOV-KIND",
        "X-EGOV-GROUP",
        "BEGIN",
        "END",
    ]
)
_TZIDS = st.sampled_from(
    [
        "Europe",
        "localtime",
        "posix/Africa/Dar_es_Salaam",
        "right/UTC",
        "../../../etc/passwd",
        "W. Europe Standard Time",
        "E. Africa Standard Time",
        "/mozilla.org/20050126_1/Europe/Berlin",
        "/freeassociation.sourceforge.net/Tzfile/Africa/Nairobi",
        "Africa/Dar_es_Salam",
        "UTC",
        "",
        "\x00",
    ]
)
_PARAMS = st.one_of(
    st.just(""),
    _TZIDS.map(lambda tzid: f";TZID={tzid}"),
    st.sampled_from(
        [";VALUE=DATE", ";VALUE=PERIOD", ";LANGUAGE=xx-", ';CN="a"b"', ";X-EGOV-GROUP="]
    ),
)


def _lines(data: bytes) -> list[bytes]:
    return data.replace(b"\r\n ", b"").split(b"\r\n")


@st.composite
def damaged_calendars(draw: st.DrawFn) -> bytes:
    """A calendar of this library or another tool with one to four damaged lines."""
    lines = _lines(draw(st.sampled_from([CALENDAR, FOREIGN])))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["value", "line", "repeat", "remove", "tzid", "bytes"]))
        if change == "value":
            name = lines[at].split(b":", 1)[0]
            lines[at] = name + b":" + draw(_ODD_VALUES).encode()
        elif change == "line":
            line = f"{draw(_NAMES)}{draw(_PARAMS)}:{draw(_ODD_VALUES)}"
            lines.insert(at, line.encode("utf-8", "surrogatepass"))
        elif change == "repeat":
            lines.insert(at, lines[at])
        elif change == "remove":
            del lines[at]
        elif change == "tzid" and b"TZID=" in lines[at]:
            head, _, rest = lines[at].partition(b"TZID=")
            lines[at] = head + b"TZID=" + draw(_TZIDS).encode() + b":" + rest.partition(b":")[2]
        elif lines[at]:
            flipped = bytearray(lines[at])
            flipped[draw(st.integers(0, len(flipped) - 1))] = draw(st.integers(0, 255))
            lines[at] = bytes(flipped)
    return b"\r\n".join(lines)


def _read(kind: str, data: bytes) -> None:
    RAN[kind] += 1
    try:
        event = ical.read(data)
    except ee.ValidationError as exc:
        errors = exc.errors
    else:
        errors = []
        assert isinstance(event, ee.Event)
        assert event == ee.loads(ee.dumps(event))
    for message in errors:
        assert _PLACE.search(message), message


def _lint(kind: str, data: bytes) -> None:
    RAN[kind] += 1
    messages = ical.lint(data)
    assert isinstance(messages, list)
    for message in messages:
        assert _PLACE.search(message), message


@FUZZ
@given(damaged_calendars())
def test_read_damaged_calendars(data: bytes) -> None:
    _read("ical.read damaged", data)


@FUZZ
@given(damaged_calendars())
def test_lint_damaged_calendars(data: bytes) -> None:
    _lint("ical.lint damaged", data)


@FUZZ
@given(st.binary(max_size=512).map(lambda b: b"BEGIN:VCALENDAR\r\n" + b))
def test_read_and_lint_random_bytes(data: bytes) -> None:
    _read("ical.read bytes", data)
    _lint("ical.lint bytes", data)


# -- dates -------------------------------------------------------------------------

_DATE_WORDS = st.sampled_from(
    [
        "1",
        "13",
        "31",
        "0",
        "2019",
        "99999999999",
        "1e9999",
        "NaN",
        "Januari",
        "Februari",
        "January",
        "Jumatano",
        "tarehe",
        "hadi",
        "mpaka",
        "to",
        "-",
        "\N{EN DASH}",
        "/",
        ",",
        ".",
        ":",
        "12:00",
        "2019-01-30",
        "2019-13-45",
        "1/1/99999999999",
        "13/13/2019",
        "\u0661\u0662",
        "\U0001d7cf",
        "\x00",
    ]
)
_DATE_TEXTS = st.one_of(
    st.text(max_size=60),
    st.lists(_DATE_WORDS, max_size=8).map(" ".join),
    st.lists(_DATE_WORDS, max_size=8).map("".join),
)


@FUZZ
@given(_DATE_TEXTS, st.sampled_from(["sw", "en"]), st.none() | st.integers(-5, 99999))
def test_parse_date_raises_only_value_error(text: str, lang: str, year: int | None) -> None:
    RAN["parse_date"] += 1
    try:
        day = parse_date(text, lang=lang, year=year)
    except ValueError:
        day = date.min
    assert isinstance(day, date)


@FUZZ
@given(_DATE_TEXTS, st.sampled_from(["sw", "en"]), st.none() | st.integers(-5, 99999))
def test_parse_date_range_raises_only_value_error(text: str, lang: str, year: int | None) -> None:
    RAN["parse_date_range"] += 1
    try:
        start, end = parse_date_range(text, lang=lang, year=year)
    except ValueError:
        pass
    else:
        assert start <= end


# -- rules ---------------------------------------------------------------------------

_OPS = st.sampled_from(
    ["all", "any", "not", "has_role", "in_group", "attribute_in", "organization_kind_in", "x"]
)
_RULE_LEAVES = st.one_of(
    st.builds(lambda role: {"op": "has_role", "role": role}, st.sampled_from(["researcher", "x"])),
    st.builds(lambda g: {"op": "in_group", "group": g}, st.sampled_from(["group-1", "nope"])),
    st.builds(
        lambda a, v: {"op": "attribute_in", "attribute": a, "values": v},
        st.sampled_from(["region", "organization.kind", "regoin"]),
        st.lists(st.sampled_from(["Dodoma", "university", 1, None]), max_size=3),
    ),
    st.dictionaries(st.sampled_from(["op", "rule", "rules", "label", "x"]), _OPS, max_size=3),
    st.none() | st.integers() | st.text(max_size=5),
)
_RULE_JSON = st.recursive(
    _RULE_LEAVES,
    lambda children: st.one_of(
        st.builds(lambda rs: {"op": "all", "rules": rs}, st.lists(children, max_size=3)),
        st.builds(lambda rs: {"op": "any", "rules": rs}, st.lists(children, max_size=3)),
        st.builds(lambda r: {"op": "not", "rule": r}, children),
    ),
    max_leaves=20,
)


def _nested(rule: dict[str, Any], depth: int, op: str) -> dict[str, Any]:
    for _ in range(depth):
        rule = {"op": "not", "rule": rule} if op == "not" else {"op": op, "rules": [rule]}
    return rule


@FUZZ
@given(
    _RULE_JSON,
    st.integers(0, 200),
    st.sampled_from(["not", "all", "any"]),
    st.sampled_from(["groups", "calls"]),
)
def test_rule_json(rule: Any, depth: int, op: str, where: str) -> None:
    RAN["rule JSON"] += 1
    document = copy.deepcopy(DOCUMENT)
    nested = _nested(rule, depth, op) if isinstance(rule, dict) else rule
    if where == "groups":
        document["groups"][0]["rule"] = nested
    elif document.get("calls"):
        document["calls"][0]["eligibility"] = nested
    try:
        event = ee.loads(json.dumps(document))
    except ee.ValidationError as exc:
        errors = exc.errors
    else:
        errors = []
        assert event == ee.loads(ee.dumps(event))
    for message in errors:
        assert _PLACE.search(message), message


@FUZZ
@given(st.integers(1, 300), st.sampled_from(["not", "all", "any"]))
def test_rules_built_in_python_at_any_depth(depth: int, op: str) -> None:
    RAN["rule objects"] += 1
    rule: Any = HasRole(role="researcher")
    errors: list[str] = []
    try:
        for _ in range(depth - 1):
            rule = Not(rule=rule) if op == "not" else (All if op == "all" else AnyOf)(rules=(rule,))
    except ee.ValidationError as exc:
        errors = exc.errors
    if errors:
        assert depth > ee.rules.MAX_RULE_DEPTH
        assert ["rules nest more than 32 deep (MAX_RULE_DEPTH) @ $"] == errors
        return
    assert depth <= ee.rules.MAX_RULE_DEPTH
    event = ee.examples.kikao_kazi_2019()
    group = ee.ParticipantGroup(
        id="fuzz", name=ee.LocalizedText.of(sw="Fuzz"), days=event.groups[0].days, rule=rule
    )
    changed = ee.Event(**{**_fields(event), "groups": (*event.groups, group)})
    assert [] == check(rule, event=changed)
    evaluate(rule, "p-0001", event=changed)
    explain(rule, "p-0001", event=changed).render()
    assert changed == ee.loads(ee.dumps(changed))
    assert isinstance(InGroup(group="fuzz"), InGroup)


def _fields(event: ee.Event) -> dict[str, Any]:
    import attrs  # noqa: PLC0415 (lazy: only this test needs it)

    return {a.name: getattr(event, a.name) for a in attrs.fields(type(event))}
