"""Building an event by hand: every field checked, intent converted, messages in sw and en."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events import rules
from egov_events.rules import All, AttributeIn, HasRole, InGroup, Not, OrganizationKindIn
from egov_events.submissions import Criterion, StateChange
from tests.test_serialization import _catalogue, _patched

TZ = ZoneInfo("Africa/Dar_es_Salaam")
EVENT = ee.examples.kikao_kazi_2019()
CALL = EVENT.calls[0]
SUBMISSION = next(s for s in CALL.submissions if s.reviews and s.history)

# One canonical, valid instance of every model class, rule nodes included.
CANONICAL: dict[type, Any] = {
    ee.Event: EVENT,
    ee.LocalizedText: EVENT.title,
    ee.Organization: EVENT.organizations[0],
    ee.Person: next(p for p in EVENT.people if p.position is not None),
    ee.Role: EVENT.roles[0],
    ee.Participant: EVENT.participants[0],
    ee.ParticipantGroup: EVENT.groups[2],
    ee.Room: attrs.evolve(EVENT.venue.rooms[0], capacity=900) if EVENT.venue else None,
    ee.Venue: EVENT.venue,
    ee.Document: EVENT.documents[0],
    ee.Sponsor: ee.Sponsor(organization="ega", tier="gold"),
    ee.Session: next(s for s in EVENT.sessions if s.speakers and s.chairs),
    ee.CallForSubmissions: CALL,
    Criterion: CALL.criteria[0],
    ee.Submission: SUBMISSION,
    StateChange: SUBMISSION.history[0],
    ee.Review: SUBMISSION.reviews[0],
    All: All(rules=(HasRole(role="researcher"), InGroup(group="group-1"))),
    rules.Any: rules.Any(rules=(HasRole(role="researcher"),), label={"sw": "Watafiti"}),
    Not: Not(rule=HasRole(role="researcher")),
    HasRole: HasRole(role="researcher"),
    InGroup: InGroup(group="group-1"),
    AttributeIn: AttributeIn(attribute="region", values={"Dodoma"}),
    OrganizationKindIn: OrganizationKindIn(kinds={ee.OrganizationKind.UNIVERSITY}),
}
CLASSES = sorted(CANONICAL, key=lambda cls: cls.__name__)


def fields_of(obj: Any) -> dict[str, Any]:
    return attrs.asdict(obj, recurse=False)


class _Opaque:
    """A value no field accepts."""

    def __repr__(self) -> str:
        return "<opaque>"


# Values of a type no field of any model class declares or converts from.
WRONG = st.sampled_from(
    [_Opaque(), b"bytes", 1 + 2j, [_Opaque()], {"sw": _Opaque()}, (_Opaque(),), ...]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), cls=st.sampled_from(CLASSES))
def test_wrong_types_in_any_fields_are_a_validation_error_naming_each_field(
    data: st.DataObject, cls: type
) -> None:
    fields = fields_of(CANONICAL[cls])
    names = data.draw(st.sets(st.sampled_from(sorted(fields)), min_size=1), label="fields")
    for name in names:
        fields[name] = data.draw(WRONG, label=name)
    with pytest.raises(ee.ValidationError) as info:
        cls(**fields)
    reported = {p.path[0] for p in info.value.problems if p.path}
    if cls is not ee.LocalizedText:  # its paths are its tags: it is written as its mapping
        assert names <= reported
    for problem in info.value.problems:
        assert problem.sw, problem  # every construction message has its Swahili text


def loosen(value: Any, how: int) -> Any:
    """*value* as a user might write it: a list or set for a tuple, a value for an enum."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, ee.LocalizedText):
        return dict(value.texts)
    if isinstance(value, tuple):
        items = [loosen(item, how) for item in value]
        return items if how else iter(items)
    if isinstance(value, frozenset):
        items = [loosen(item, how) for item in value]
        return set(items) if how else items
    return value


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), cls=st.sampled_from(CLASSES), how=st.integers(0, 1))
def test_what_a_user_means_unambiguously_is_converted_to_the_canonical_object(
    data: st.DataObject, cls: type, how: int
) -> None:
    canonical = CANONICAL[cls]
    fields = fields_of(canonical)
    names = data.draw(st.sets(st.sampled_from(sorted(fields))), label="fields")
    for name in names:
        fields[name] = loosen(fields[name], how)
    built = cls(**fields)
    assert canonical == built
    assert hash(canonical) == hash(built)
    if cls is ee.Event:
        assert built == ee.loads(ee.dumps(built))


def test_a_hand_built_event_with_plain_values_round_trips(tmp_path: Path) -> None:
    fields = {name: loosen(value, 1) for name, value in fields_of(EVENT).items()}
    fields["sessions"] = [
        ee.Session(**{k: loosen(v, 0) for k, v in fields_of(s).items()}) for s in EVENT.sessions
    ]
    event = ee.Event(**fields)
    assert EVENT == event
    assert hash(EVENT) == hash(event)
    path = tmp_path / "event.json"
    ee.dump(event, path)
    assert event == ee.load(path)


def errors(build: Callable[[], object], lang: str = "en") -> list[str]:
    with pytest.raises(ee.ValidationError) as info:
        build()
    return info.value.messages(lang)


def test_a_bare_string_where_text_in_languages_is_due_shows_the_fix() -> None:
    def build() -> object:
        return ee.Organization(id="wizara", name="Wizara", kind="ministry")  # type: ignore[arg-type]

    assert [
        "expected a LocalizedText, got str 'Wizara': the language of a bare string is unknown; "
        "write LocalizedText.of(sw='Wizara', en=...) or {'sw': 'Wizara', 'en': ...} @ $.name"
    ] == errors(build)
    assert [
        "LocalizedText inatarajiwa, imepewa str 'Wizara': lugha ya maandishi haijulikani; "
        "andika LocalizedText.of(sw='Wizara', en=...) au {'sw': 'Wizara', 'en': ...} @ $.name"
    ] == errors(build, "sw")


def test_an_enumeration_value_is_converted_and_a_wrong_one_named_with_a_suggestion() -> None:
    org = ee.Organization(id="wizara", name={"sw": "Wizara"}, kind="ministry")
    assert ee.OrganizationKind.MINISTRY is org.kind
    assert ee.LocalizedText.of(sw="Wizara") == org.name

    def build() -> object:
        return ee.Organization(id="wizara", name={"sw": "Wizara"}, kind="minstry")

    allowed = ", ".join(repr(k.value) for k in ee.OrganizationKind)
    assert [
        f"expected an OrganizationKind ({allowed}), got 'minstry'; did you mean 'ministry'? "
        "@ $.kind"
    ] == errors(build)
    assert [
        f"OrganizationKind inatarajiwa ({allowed}), imepewa 'minstry'; je, ulimaanisha "
        "'ministry'? @ $.kind"
    ] == errors(build, "sw")
    assert ["expected a SessionKind ("] == [
        e[: len("expected a SessionKind (")]
        for e in errors(lambda: attrs.evolve(EVENT.sessions[0], kind="keynot"))
    ]


def test_a_string_is_not_a_set_of_ids() -> None:
    assert ["expected a set of ids, e.g. {'a', 'b'}, got str 'ict_officer' @ $.roles"] == errors(
        lambda: attrs.evolve(EVENT.participants[0], roles="ict_officer")
    )


def test_wrong_types_and_dangling_references_are_reported_together() -> None:
    def build() -> object:
        return attrs.evolve(EVENT, edition="2", organizer="eGA", keynote_speakers=["nobody"])  # type: ignore[arg-type]

    assert [
        "expected an integer, got str @ $.edition",
        "unknown organization 'eGA': expected one of 'aru', 'arusha-cc', 'arusha-dc', 'atc', "
        "'babati-tc', 'bagamoyo-dc', 'bahi-dc', 'bariadi-tc', ... (182 in all); did you "
        "mean 'ega'? @ $.organizer",
        "unknown person 'nobody': expected one of 'person-0001', 'person-0002', "
        "'person-0003', 'person-0004', 'person-0005', 'person-0006', 'person-0007', "
        "'person-0008', ... (797 in all) @ $.keynote_speakers[0]",
    ] == errors(build)


def test_a_document_with_a_wrong_type_reports_its_dangling_references_too() -> None:
    document = json.loads(ee.dumps(EVENT))
    document["edition"] = "2"
    document["sessions"][0]["room"] = "ukumbi-x"
    document["participants"][3]["organization"] = "nowhere"
    # A part that could not be read is not taken for missing: no false references to it.
    document["sessions"][1]["start"] = "2019-01-30 09:00"
    lines = errors(lambda: ee.loads(json.dumps(document)), "sw")
    assert "namba kamili inatarajiwa, imepewa string '2' @ $.edition" == lines[0]
    assert [
        "taasisi 'nowhere' haijulikani: mojawapo ya 'aru', 'arusha-cc', 'arusha-dc', 'atc', "
        "'babati-tc', 'bagamoyo-dc', 'bahi-dc', 'bariadi-tc', ... (182 kwa jumla) "
        "@ $.participants[3].organization"
    ] == lines[2:]
    assert lines[1].endswith("@ $.sessions[1].start")


def test_every_problem_renders_in_either_language_with_its_count() -> None:
    with pytest.raises(ee.ValidationError) as info:
        attrs.evolve(EVENT.sessions[0], capacity=-1, end=EVENT.sessions[0].start)
    err = info.value
    assert err.errors == err.messages("en")
    assert err.render("sw").endswith("\n  - isiwe hasi, imepewa -1 @ $.capacity")
    assert err.render("sw").startswith("matatizo 2:\n  - mwisho (2019-01-30T08:00:00+03:00)")
    assert err.render("en").endswith("\n  - must not be negative, got -1 @ $.capacity")
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        err.render("fr")
    assert ["tatizo 1", "matatizo 2", "1 problem", "2 problems"] == [
        ee.errors.count_problems(1, "sw"),
        ee.errors.count_problems(2, "sw"),
        ee.errors.count_problems(1, "en"),
        ee.errors.count_problems(2, "en"),
    ]


def test_the_quick_check_of_every_class_never_accepts_what_the_full_check_refuses() -> None:
    from egov_events import _fields  # noqa: PLC0415

    for cls in CLASSES:
        for name, value in fields_of(CANONICAL[cls]).items():
            spec = attrs.fields_dict(cls)[name].metadata.get(_fields.SPEC)
            assert spec is not None, f"{cls.__name__}.{name} has no description"
            candidates: tuple[object, ...] = (value, None, "", " ", "x y", 0, -1, 2.5, ())
            for candidate in (*candidates, frozenset(), _Opaque()):
                if spec.quick(candidate):
                    problems = ee.errors.Problems()
                    spec.check(problems, (name,), candidate)
                    assert not problems, (cls.__name__, name, candidate)


def test_days_given_in_any_order_and_form_are_the_same_group() -> None:
    group = EVENT.groups[0]
    days = [date(2019, 1, 31), date(2019, 1, 30), date(2019, 1, 30)]
    assert group == attrs.evolve(group, days=days)
    assert group == attrs.evolve(group, days=iter(days))
    assert [
        "expected a sequence of dates, got str '2019-01-30' @ $.days",
    ] == errors(lambda: attrs.evolve(group, days="2019-01-30"))  # type: ignore[arg-type]


def test_session_times_of_a_moved_session_are_still_checked() -> None:
    s = EVENT.sessions[0]
    moved = attrs.evolve(s, start=s.start + timedelta(hours=1), end=s.end + timedelta(hours=1))
    assert moved.start == datetime(2019, 1, 30, 9, tzinfo=TZ)


def test_every_problem_of_the_invalid_documents_catalogue_has_its_swahili_text() -> None:
    without: list[str] = []
    for case in _catalogue():
        with pytest.raises(ee.ValidationError) as info:
            ee.loads(json.dumps(_patched(case["patch"])))
        without.extend(p.message for p in info.value.problems if p.sw is None)
    assert [] == without


def test_an_unknown_key_is_reported_with_the_problems_of_the_known_ones() -> None:
    document = json.loads(ee.dumps(EVENT))
    document["sessions"][0]["titel"] = {"sw": "Usajili"}
    document["sessions"][0]["end"] = document["sessions"][0]["start"]
    assert [
        "end (2019-01-30T08:00:00+03:00) must be after start (2019-01-30T08:00:00+03:00) "
        "@ $.sessions[0].end",
        "unknown field 'titel' for Session; did you mean 'title'? @ $.sessions[0].titel",
    ] == errors(lambda: ee.loads(json.dumps(document)))


def test_calendar_reading_problems_have_their_swahili_text_too() -> None:
    from egov_events import ical  # noqa: PLC0415 (lazy: icalendar only for this test)

    assert [
        "si kitu cha iCalendar: hakianzi na BEGIN:VCALENDAR @ $",
    ] == errors(lambda: ical.read(b"hello"), "sw")
    lines_of_calendar = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//t//t//EN",
        "BEGIN:VEVENT",
        "UID:x",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    calendar = "\r\n".join([*lines_of_calendar, ""]).encode()
    lines = errors(lambda: ical.read(calendar), "sw")
    assert "DTSTART haipo: kikao kinahitaji mwanzo @ $.VCALENDAR.VEVENT[0].DTSTART" in lines
    assert all(p.sw for p in _problems(lambda: ical.read(calendar)))


def _problems(build: Callable[[], object]) -> tuple[ee.Problem, ...]:
    with pytest.raises(ee.ValidationError) as info:
        build()
    return info.value.problems
