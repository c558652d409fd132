"""Hostile and odd input at every door: bounded cost, only the documented errors, and
nothing written that cannot be read back.

Each section is one class of problem (see docs/explanation/refusals.md); the
tests use the inputs that broke the library, and Hypothesis where inputs are
generated.
"""

from __future__ import annotations

import difflib
import email
import email.policy
import gc
import json
import os
import stat
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events import ical
from egov_events.errors import MAX_PROBLEMS, MAX_SUGGESTIONS
from egov_events.locale import parse_date, parse_date_range
from egov_events.rules import MAX_RULE_DEPTH, All, HasRole, Not, check, compile, evaluate, explain
from egov_events.serialization import MAX_DOCUMENT_BYTES, _json
from egov_events.submissions import transition
from tests.strategies import events

LONDON = ZoneInfo("Europe/London")
EAT = ZoneInfo("Africa/Dar_es_Salaam")

MEMORY_FACTOR = 32
"""Peak memory of a read, at most this many times the document's size (docs: refusals.md) ..."""
MEMORY_CONSTANT = 16 * 1024 * 1024
"""... plus this much, for the library itself and the problems kept."""
HELD_AFTER_READS = 16 * 1024 * 1024
FIXTURE = Path(__file__).parent / "fixtures" / "v1" / "workshop.json"
"""Memory the library may hold after any number of reads (its bounded caches)."""


@pytest.fixture(scope="module")
def event() -> ee.Event:
    return ee.examples.kikao_kazi_2019()


@pytest.fixture(scope="module")
def document(event: ee.Event) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(ee.dumps(event))
    return document


@pytest.fixture(params=["json", "orjson"])
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "orjson" and not _json.ORJSON_INSTALLED:
        pytest.skip("orjson is not installed")
    old = _json.backend
    _json.backend = request.param
    yield request.param
    _json.backend = old


def _errors(data: str | bytes) -> list[str]:
    with pytest.raises(ee.ValidationError) as caught:
        ee.loads(data)
    return caught.value.errors


def _fields(obj: Any) -> dict[str, Any]:
    return {a.name: getattr(obj, a.name) for a in attrs.fields(type(obj))}


# -- 1. memory: problems are bounded, peak memory is a multiple of the input ---------


def _peak(data: str) -> tuple[int, list[str]]:
    gc.collect()
    tracemalloc.start()
    try:
        errors = _errors(data)
        return tracemalloc.get_traced_memory()[1], errors
    finally:
        tracemalloc.stop()


def test_a_million_wrong_values_give_a_thousand_messages_and_a_count(
    document: dict[str, Any],
) -> None:
    data = json.dumps({**document, "participants": [0] * 1_000_000}, separators=(",", ":"))
    errors = _errors(data)
    assert MAX_PROBLEMS + 1 == len(errors)
    assert "expected an object (Participant), got number 0 @ $.participants[999]" == errors[999]
    assert "and 999000 more problems (only the first 1000 are listed) @ $" == errors[-1]


def test_peak_memory_of_a_wrong_list_is_a_multiple_of_its_size(
    document: dict[str, Any], backend: str
) -> None:
    data = json.dumps({**document, "participants": [0] * 200_000}, separators=(",", ":"))
    peak, errors = _peak(data)
    assert "and 199000 more problems (only the first 1000 are listed) @ $" == errors[-1]
    assert peak < MEMORY_FACTOR * len(data) + MEMORY_CONSTANT


@pytest.mark.parametrize(
    "participants",
    [
        [{}] * 10_000,  # three problems each
        [{"roles": [1, 1, 1]}] * 10_000,  # and a wrong set inside each
    ],
    ids=["empty objects", "wrong sets"],
)
def test_peak_memory_stays_a_multiple_of_the_input(
    document: dict[str, Any], participants: list[Any]
) -> None:
    data = json.dumps({**document, "participants": participants}, separators=(",", ":"))
    peak, errors = _peak(data)
    assert errors[-1].startswith("and ")
    assert errors[-1].endswith(" more problems (only the first 1000 are listed) @ $")
    assert peak < MEMORY_FACTOR * len(data) + MEMORY_CONSTANT


def test_a_wrong_set_past_the_limit_still_makes_the_document_wrong(
    document: dict[str, Any],
) -> None:
    person = dict(document["participants"][0], roles=["x"] * 1500)
    errors = _errors(json.dumps({**document, "participants": [person, 0, person]}))
    # 1499 repeated items in each of two participants, and a number: 2999 problems
    assert "and 1999 more problems (only the first 1000 are listed) @ $" == errors[-1]


def test_constructors_bound_their_problems_too(event: ee.Event) -> None:
    people = tuple(
        attrs.evolve(p, person=f"nobody-{i}") for i, p in enumerate(event.participants * 3)
    )
    with pytest.raises(ee.ValidationError) as caught:
        ee.Event(**{**_fields(event), "participants": people})
    assert MAX_PROBLEMS == len(caught.value.problems)
    assert caught.value.omitted > len(people) - MAX_PROBLEMS
    assert f"and {caught.value.omitted} more problems" in caught.value.errors[-1]


def test_memory_held_after_200_distinct_documents_stays_bounded() -> None:
    small: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    texts = []
    for i in range(200):
        changed = {
            **small,
            "id": f"kikao-{i}",
            "updated": f"2019-01-{1 + i % 28:02d}T10:{i % 60:02d}:00+03:00[Africa/Dar_es_Salaam]",
            "title": {"sw": f"Kikao {i}", "en": f"Workshop {i}"},
            "participants": [
                dict(p, region=f"Mkoa {i}-{j}") for j, p in enumerate(small["participants"])
            ],
        }
        texts.append(json.dumps(changed))
    ee.loads(texts[0])  # what is loaded once per process (modules, zones) is not counted
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for text in texts:
            ee.loads(text)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < HELD_AFTER_READS


# -- 2. CPU: did-you-mean work is remembered and bounded ------------------------------


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every did-you-mean search made (difflib.get_close_matches calls)."""
    calls: list[str] = []
    real = difflib.get_close_matches

    def counting(word: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(word)
        return real(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return calls


def _with_session_zones(document: dict[str, Any], zones: list[str]) -> str:
    session = document["sessions"][0]
    sessions = [
        dict(session, id=f"s-{i}", start=f"2019-01-30T09:00:00+03:00[{zone}]")
        for i, zone in enumerate(zones)
    ]
    return json.dumps({**document, "sessions": sessions})


def test_a_misspelt_zone_is_searched_once(document: dict[str, Any], searches: list[str]) -> None:
    errors = _errors(_with_session_zones(document, ["Africa/Dar_es_Salam"] * 500))
    assert 500 == len([e for e in errors if "did you mean 'Africa/Dar_es_Salaam'?" in e])
    assert 1 == len(searches)


def test_distinct_misspellings_make_a_bounded_number_of_searches(
    document: dict[str, Any], searches: list[str]
) -> None:
    errors = _errors(_with_session_zones(document, [f"Africa/Dar_es_Salam{i}" for i in range(500)]))
    assert 500 <= len(errors)
    assert len(searches) <= MAX_SUGGESTIONS


def test_unknown_references_at_construction_make_bounded_searches(
    event: ee.Event, searches: list[str]
) -> None:
    people = tuple(attrs.evolve(p, person=f"mtu-{i}") for i, p in enumerate(event.participants))
    with pytest.raises(ee.ValidationError):
        ee.Event(**{**_fields(event), "participants": people})
    assert len(searches) <= MAX_SUGGESTIONS


# -- 3. depth: the reader's limit holds at construction --------------------------------


@pytest.mark.parametrize("kind", ["not", "all", "any", "operators"])
def test_rules_deeper_than_the_limit_are_refused_when_built(kind: str) -> None:
    rule: ee.rules.Rule = HasRole(role="researcher")

    def deeper(rule: ee.rules.Rule) -> ee.rules.Rule:
        if kind == "not":
            return Not(rule=rule)
        if kind == "operators":
            return ~rule
        return (All if kind == "all" else ee.rules.Any)(rules=(rule,))

    for _ in range(MAX_RULE_DEPTH - 1):
        rule = deeper(rule)
    with pytest.raises(ee.ValidationError) as caught:
        deeper(rule)
    assert ["rules nest more than 32 deep (MAX_RULE_DEPTH) @ $"] == caught.value.errors
    assert MAX_RULE_DEPTH == ee.rules.rule_depth(rule)


def test_a_rule_at_the_limit_works_everywhere(event: ee.Event) -> None:
    rule: ee.rules.Rule = HasRole(role="researcher")
    for _ in range(MAX_RULE_DEPTH - 1):
        rule = Not(rule=rule)
    group = attrs.evolve(event.groups[0], rule=rule)
    changed = ee.Event(**{**_fields(event), "groups": (group, *event.groups[1:])})
    assert [] == check(rule, event=changed)
    assert evaluate(rule, "p-0001", event=changed) == compile(rule, event=changed)(
        changed.participants[0]
    )
    assert explain(rule, "p-0001", event=changed).render()
    assert changed == ee.loads(ee.dumps(changed))


def test_reading_and_building_refuse_the_same_depth(document: dict[str, Any]) -> None:
    leaf: dict[str, Any] = {"op": "has_role", "role": "researcher", "label": {"sw": "Mtafiti"}}
    for depth, accepted in ((MAX_RULE_DEPTH, True), (MAX_RULE_DEPTH + 1, False)):
        rule = leaf
        for _ in range(depth - 1):
            rule = {"op": "not", "rule": rule}
        groups = [dict(document["groups"][0], rule=rule), *document["groups"][1:]]
        text = json.dumps({**document, "groups": groups})
        if accepted:
            ee.loads(text)
        else:
            assert ["rules nest more than 32 deep @ $.groups[0].rule"] == _errors(text)


# -- 4. what the constructors accept, dumps writes and loads reads -----------------------


def test_a_nonexistent_local_time_is_refused_at_construction(event: ee.Event) -> None:
    skipped = datetime(2019, 3, 31, 1, 30, tzinfo=LONDON)
    with pytest.raises(ee.ValidationError) as caught:
        attrs.evolve(event, updated=skipped)
    assert [
        "2019-03-31T01:30:00 does not exist in time zone Europe/London: the clocks skip it "
        "@ $.updated"
    ] == caught.value.errors
    with pytest.raises(ee.ValidationError, match="does not exist"):
        attrs.evolve(event.sessions[0], start=skipped, end=skipped + timedelta(hours=2))


_ZONE_NAMES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Africa/Dar_es_Salaam"]


@st.composite
def odd_events(draw: st.DrawFn) -> ee.Event:
    """An event from tests.strategies with odd values put in: any datetime a caller
    could build (skipped and repeated hours, both folds), any text, odd addresses."""
    event = draw(events())
    wall = draw(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)))
    moment = wall.replace(
        tzinfo=ZoneInfo(draw(st.sampled_from(_ZONE_NAMES))), fold=draw(st.integers(0, 1))
    )
    text = draw(st.text(min_size=1, max_size=20))
    changes: dict[str, Any] = {"updated": moment}
    try:
        changes["title"] = ee.LocalizedText.of(sw=text)
        organization = attrs.evolve(
            event.organizations[0],
            email=draw(st.emails() | st.text(max_size=20)),
            url=draw(st.none() | st.text(max_size=30) | st.just("https://ega.go.tz/\r\nX: y")),
        )
        changes["organizations"] = (organization, *event.organizations[1:])
        return attrs.evolve(event, **changes)
    except ee.ValidationError:
        assume(False)
        raise


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(odd_events())
def test_what_the_constructors_accept_loads_reads_back_equal(event: ee.Event) -> None:
    assert event == ee.loads(ee.dumps(event))
    assert event.updated.utcoffset() == ee.loads(ee.dumps(event)).updated.utcoffset()


# -- 5. folds: instants are compared in UTC where order matters ---------------------------


def test_a_session_that_ends_before_it_starts_in_a_repeated_hour_is_refused(
    event: ee.Event,
) -> None:
    start = datetime(2019, 10, 27, 1, 15, fold=1, tzinfo=LONDON)  # 01:15 GMT, the second pass
    end = datetime(2019, 10, 27, 1, 45, fold=0, tzinfo=LONDON)  # 01:45 BST, 30 minutes earlier
    with pytest.raises(ee.ValidationError, match="must be after start"):
        attrs.evolve(event.sessions[0], start=start, end=end)
    ok = attrs.evolve(event.sessions[0], start=end, end=start)  # 00:45 to 01:15 UTC
    assert timedelta(minutes=30) == ok.duration


def test_history_is_ordered_by_instant_across_a_repeated_hour(event: ee.Event) -> None:
    submission = next(s for s in event.calls[0].submissions if s.state.value == "accepted")
    first = datetime(2019, 10, 27, 1, 45, fold=0, tzinfo=LONDON)  # 00:45 UTC
    later = datetime(2019, 10, 27, 1, 15, fold=1, tzinfo=LONDON)  # 01:15 UTC
    history = (*submission.history[:-1], attrs.evolve(submission.history[-1], at=first))
    sub = attrs.evolve(submission, history=history)
    moved = transition(sub, "withdrawn", at=later)  # forward in time: accepted
    assert later == moved.history[-1].at
    back = attrs.evolve(sub, history=(*history[:-1], attrs.evolve(history[-1], at=later)))
    with pytest.raises(ee.submissions.InvalidTransition, match="before its last change"):
        transition(back, "withdrawn", at=first)  # back in time: refused


# -- 6. zone names: IANA only -----------------------------------------------------------


@pytest.mark.parametrize("key", ["localtime", "posix/Africa/Dar_es_Salaam", "right/UTC"])
def test_zones_that_are_not_iana_names_are_refused(event: ee.Event, key: str) -> None:
    try:
        zone = ZoneInfo(key)
    except Exception:
        zone = None
    if zone is not None:
        with pytest.raises(ee.ValidationError, match="is not an IANA time zone name"):
            attrs.evolve(event, timezone=zone)
        with pytest.raises(ee.ValidationError, match="is not an IANA time zone name"):
            attrs.evolve(event, updated=event.updated.astimezone(zone))
    text = ee.dumps(event).replace('"timezone": "Africa/Dar_es_Salaam"', f'"timezone": "{key}"')
    [error] = _errors(text)
    assert error.startswith(f"unknown time zone {key!r} (IANA time zone database)")
    assert error.endswith(" @ $.timezone")


def test_utc_is_accepted(event: ee.Event) -> None:
    changed = attrs.evolve(
        event,
        timezone=ZoneInfo("UTC"),
        updated=event.updated.astimezone(UTC).astimezone(ZoneInfo("UTC")),
    )
    assert changed == ee.loads(ee.dumps(changed))


# -- 7. repeated keys --------------------------------------------------------------------


def test_repeated_keys_are_refused_with_their_path(document: dict[str, Any], backend: str) -> None:
    text = json.dumps(document)
    text = '{"schema_version": 1, ' + text[1:]  # schema_version twice
    text = text.replace('"organizer": "ega"', '"organizer": "ega", "organizer": "udom"', 1)
    assert [
        "key 'schema_version' appears more than once in this object: two readers could take "
        "different values (RFC 8259 section 4) @ $.schema_version",
        "key 'organizer' appears more than once in this object: two readers could take "
        "different values (RFC 8259 section 4) @ $.organizer",
    ] == _errors(text)


# -- 8. calendars: read and lint never leak other errors ---------------------------------

_VEVENT = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
    b"DTSTAMP:20190102T070000Z\r\nSUMMARY:Kikao\r\n%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            b"DTSTART;TZID=Europe:20190130T090000\r\nDTEND;TZID=Europe:20190130T100000",
            "TZID names no time zone",
        ),
        (
            b"DTSTART:2019013XT090000Z\r\nDTEND:20190130T100000Z",
            "cannot read the value: BrokenCalendarProperty",
        ),
        (
            b"DTSTART:20190130T090000Z\r\nDTEND:20190130T100000Z\r\nSEQUENCE:x",
            "SEQUENCE 'x' is not a number of 0 or more",
        ),
        (
            b"DTSTART:20190130T090000Z\r\nDTSTART:20190130T090000Z\r\nDTEND:20190130T100000Z",
            "DTSTART appears 2 times",
        ),
        (b"DTSTART:20190130T090000Z\r\nDURATION:20190130T100000Z", "DURATION is not a duration"),
    ],
)
def test_read_turns_every_failure_into_a_validation_error(lines: bytes, expected: str) -> None:
    with pytest.raises(ee.ValidationError) as caught:
        ical.read(_VEVENT % lines)
    assert any(expected in e for e in caught.value.errors), caught.value.errors
    assert not any("/" in e.split(" @ ")[0] and "site-packages" in e for e in caught.value.errors)
    ical.lint(_VEVENT % lines)  # no exception either


def test_lint_reports_a_repeated_dtstart() -> None:
    lines = b"DTSTART:20190130T090000Z\r\nDTSTART:20190130T090000Z\r\nDTEND:20190130T100000Z"
    assert (
        "DTSTART appears 2 times; it may appear once (RFC 5545 section 3.6.1) "
        "@ $.VCALENDAR.VEVENT[0].DTSTART"
    ) in ical.lint(_VEVENT % lines)


@pytest.mark.parametrize(
    ("tzid", "key"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("E. Africa Standard Time", "Africa/Nairobi"),
        ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
        ("/freeassociation.sourceforge.net/Tzfile/Africa/Dar_es_Salaam", "Africa/Dar_es_Salaam"),
    ],
)
def test_foreign_tzids_are_mapped_as_icalendar_maps_them(tzid: str, key: str) -> None:
    lines = f"DTSTART;TZID={tzid}:20190130T090000\r\nDTEND;TZID={tzid}:20190130T100000"
    session = ical.read(_VEVENT % lines.encode()).sessions[0]
    assert datetime(2019, 1, 30, 9, tzinfo=ZoneInfo(key)) == session.start
    assert key == session.start.tzinfo.key  # type: ignore[union-attr]


def test_lint_flags_control_characters_in_any_property() -> None:
    data = _VEVENT % b"DTSTART:20190130T090000Z\r\nDTEND:20190130T100000Z\r\nLOCATION:UDOM\x1b[31m"
    assert (
        "control character '\\x1b' in a content line; only tab is allowed "
        "(RFC 5545 section 3.1 and 3.3.11) @ $.VCALENDAR.VEVENT[0].LOCATION"
    ) in ical.lint(data)


# -- 9. dates: only ValueError ----------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["13/13/2019", "1/1/99999999999", "1e9999 Januari 2019", "0/0/0", "x" * 10_000]
)
@pytest.mark.parametrize("parse", [parse_date, parse_date_range])
def test_date_readers_raise_only_value_error(text: str, parse: Any) -> None:
    for lang in ("sw", "en"):
        with pytest.raises(ValueError):  # noqa: PT011 (any ValueError, and nothing else)
            parse(text, lang=lang)


# -- 10-12. text that reaches headers and calendars --------------------------------------

_LINE_BREAKS = [
    "\r",
    "\n",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\t",
    "\x00",
    "\x7f",
    "\x1b",
    "\x9b",
]


@pytest.mark.parametrize("char", _LINE_BREAKS)
def test_single_line_fields_refuse_line_breaks_and_controls(event: ee.Event, char: str) -> None:
    name = f"Asha{char}Bcc: mvamizi@example.com"
    person = event.people[0]
    for build in (
        lambda: attrs.evolve(person, name=name),
        lambda: attrs.evolve(person, honorific=name),
        lambda: attrs.evolve(event, title=ee.LocalizedText.of(sw=name)),
        lambda: attrs.evolve(event.groups[0], name=ee.LocalizedText.of(sw=name)),
        lambda: attrs.evolve(event.sessions[0], title=ee.LocalizedText.of(en=name)),
        lambda: attrs.evolve(event.organizations[0], name=ee.LocalizedText.of(sw=name)),
    ):
        with pytest.raises(ee.ValidationError, match="control character"):
            build()


def test_multi_line_fields_keep_line_breaks_but_refuse_other_controls(event: ee.Event) -> None:
    changed = attrs.evolve(event, description=ee.LocalizedText.of(sw="Mstari 1\nMstari 2\tB"))
    assert "Mstari 1\nMstari 2\tB" == changed.description["sw"]  # type: ignore[index]
    with pytest.raises(ee.ValidationError, match="control character"):
        attrs.evolve(event, description=ee.LocalizedText.of(sw="Mstari\x00"))


def test_an_encoded_word_is_refused_as_a_name(event: ee.Event) -> None:
    with pytest.raises(ee.ValidationError, match="RFC 2047 encoded word"):
        attrs.evolve(event.people[0], name="=?utf-8?q?Mkurugenzi_Mkuu?=")


@pytest.mark.parametrize(
    "address",
    [
        "a\x00b@ega.go.tz",
        "mkurugenzi.mkuu\u00e9@ega.go.tz",
        "a b@ega.go.tz",
        "a@ega.go.tz\r\nBcc: x@y.tz",
        ".a@ega.go.tz",
        "a" * 65 + "@ega.go.tz",
    ],
)
def test_addresses_are_ascii_dot_atoms(event: ee.Event, address: str) -> None:
    with pytest.raises(ee.ValidationError, match="malformed e-mail address"):
        attrs.evolve(event.people[0], email=address)


def test_a_url_is_checked_as_given(event: ee.Event) -> None:
    with pytest.raises(ee.ValidationError, match="is not allowed in a URL"):
        attrs.evolve(event, url="https://ega.go.tz/\r\nX-EVIL: 1")
    with pytest.raises(ee.ValidationError, match="is not allowed in a URL"):
        attrs.evolve(event.documents[0], url="https://ega.go.tz/a b")


def _without_defects(raw: bytes) -> email.message.EmailMessage:
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    assert [] == [(part.get_content_type(), part.defects) for part in parsed.walk() if part.defects]
    assert parsed["Date"] is not None
    assert parsed["Message-ID"] is not None
    assert ["text/plain", "text/html", "text/calendar"] == [
        p.get_content_type() for p in parsed.iter_parts()
    ]
    return parsed


def test_a_long_name_does_not_end_the_header_block(event: ee.Event) -> None:
    long_name = "x" * 77 + " " + "y" * 78
    person = attrs.evolve(event.person(event.participant("p-0001").person), name=long_name)
    changed = attrs.evolve(
        event, people=tuple(person if p.id == person.id else p for p in event.people)
    )
    for message in ical.invitation_emails(changed, "p-0001"):
        parsed = _without_defects(message.as_bytes())
        assert f"{person.display_name}" == parsed["To"].addresses[0].display_name


_NAMES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip() != "")
_LOCALS = st.from_regex(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,20}(\.[A-Za-z0-9_-]{1,10})?", fullmatch=True
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    name=_NAMES,
    honorific=st.none() | _NAMES,
    title=_NAMES,
    group=_NAMES,
    organizer=_NAMES,
    local=_LOCALS,
)
def test_every_message_parses_without_defects(  # noqa: PLR0917 (one per drawn value)
    name: str, honorific: str | None, title: str, group: str, organizer: str, local: str
) -> None:
    event = ee.examples.kikao_kazi_2019()
    try:
        person = attrs.evolve(
            event.person(event.participant("p-0001").person),
            name=name,
            honorific=honorific,
            email=f"{local}@ega.go.tz",
        )
        first = attrs.evolve(event.groups[0], name=ee.LocalizedText.of(sw=group, en=group))
        boss = attrs.evolve(event.organizations[0], name=ee.LocalizedText.of(sw=organizer))
        changed = attrs.evolve(
            event,
            title=ee.LocalizedText.of(sw=title, en=title),
            people=tuple(person if p.id == person.id else p for p in event.people),
            groups=(first, *event.groups[1:]),
            organizations=tuple(boss if o.id == boss.id else o for o in event.organizations),
        )
    except ee.ValidationError:
        assume(False)
        raise
    for message in ical.invitation_emails(changed, "p-0001"):
        parsed = _without_defects(message.as_bytes())
        to = parsed["To"].addresses[0]
        assert " ".join(person.display_name.split()) == to.display_name
        assert (local, "ega.go.tz") == (to.username, to.domain)
        assert title.split(maxsplit=1)[0] in str(parsed["Subject"])
        assert all(len(line) <= 998 for line in message.as_bytes().split(b"\r\n"))


# -- 14-16. files -------------------------------------------------------------------------


def test_dump_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path, event: ee.Event) -> None:
    path = tmp_path / "kikao.json"
    path.write_text("{}")
    path.chmod(0o600)
    ee.dump(event, path)
    assert 0o600 == stat.S_IMODE(path.stat().st_mode)
    path.chmod(0o640)
    ee.dump(event, path)
    assert 0o640 == stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_private_unless_asked(tmp_path: Path, event: ee.Event) -> None:
    old = os.umask(0o022)
    try:
        ee.dump(event, tmp_path / "a.json")
        ee.dump(event, tmp_path / "b.json", mode=0o644)
    finally:
        os.umask(old)
    assert 0o600 == stat.S_IMODE((tmp_path / "a.json").stat().st_mode)
    assert 0o644 == stat.S_IMODE((tmp_path / "b.json").stat().st_mode)


def test_dump_writes_through_a_symbolic_link(tmp_path: Path, event: ee.Event) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    ee.dump(event, link)
    assert link.is_symlink()
    assert ee.dumps(event) == target.read_text(encoding="utf-8")


def test_load_refuses_a_fifo_without_blocking(tmp_path: Path, event: ee.Event) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        ee.load(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        ee.dump(event, fifo)
    with pytest.raises(OSError, match="not a regular file"):
        ee.load("/dev/zero")


def test_document_size_limit_is_checked_before_reading_more(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as file:
        file.truncate(MAX_DOCUMENT_BYTES + 10)
    with pytest.raises(ee.ValidationError) as caught:
        ee.load(path)
    assert [
        "document is larger than the limit of 67108864 bytes (64 MiB) @ $"
    ] == caught.value.errors
