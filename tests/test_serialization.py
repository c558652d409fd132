"""JSON documents: lossless round trips, strict reading, versions, files."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar, cast
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events import ical, serialization
from egov_events.rules import All, AttributeIn, HasRole, Not, OrganizationKindIn, Rule
from egov_events.serialization import _json
from egov_events.serialization._converter import rule_tag
from egov_events.serialization._versions import upgrade
from tests import strategies

FIXTURES = Path(__file__).parent / "fixtures"
V1_WORKSHOP = FIXTURES / "v1" / "workshop.json"
V2_WORKSHOP = FIXTURES / "v2" / "workshop.json"
"""What ``dumps`` writes for the event of the v1 document: version 2, frozen too."""
CATALOGUE = FIXTURES / "invalid" / "catalogue.json"
ROOT = Path(__file__).resolve().parent.parent

EAT = ZoneInfo("Africa/Dar_es_Salaam")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
T = ee.LocalizedText.of

BACKENDS = ["json", *(["orjson"] if _json.ORJSON_INSTALLED else [])]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with the standard library and once with orjson (if installed)."""
    name: str = request.param
    monkeypatch.setattr(_json, "backend", name)
    return name


# -- the frozen version-1 document ----------------------------------------------


def v1_workshop() -> ee.Event:
    """The event ``fixtures/v1/workshop.json`` must load to, forever."""
    rooms = (ee.Room(id="hall", name=T(sw="Ukumbi wa CIVE", en="CIVE hall"), capacity=800),)
    people = (
        ee.Person(
            id="p-dg",
            name="Asha Mrisho",
            honorific="Dkt.",
            email="dg@example.go.tz",
            organization="ega",
            position=T(sw="Mkurugenzi Mkuu", en="Director General"),
        ),
        ee.Person(id="p-ict", name="Juma Said", organization="ega"),
        ee.Person(id="p-ps", name="Neema Kileo", honorific="Bi.", organization="mof"),
        ee.Person(
            id="p-researcher",
            name="Baraka Mushi",
            organization="udom",
            biography=T(en="Researcher in e-government services."),
        ),
    )
    call = ee.CallForSubmissions(
        id="call-2019",
        title=T(sw="Wito wa Tafiti na Bunifu", en="Call for research and innovation"),
        opens=datetime(2018, 11, 1, 8, 0, tzinfo=EAT),
        closes=datetime(2018, 12, 15, 19, 30, 0, 123456, tzinfo=KOLKATA),
        description=T(sw="Tafiti na bunifu kwa maonesho.", en="Research and innovation."),
        kinds=frozenset({ee.SubmissionKind.RESEARCH, ee.SubmissionKind.INNOVATION}),
        criteria=(
            ee.Criterion(id="relevance", name=T(sw="Umuhimu", en="Relevance"), weight=2.0),
            ee.Criterion(id="novelty", name=T(en="Novelty"), weight=2.5e-05),
        ),
        score_min=1,
        score_max=5,
        places=10,
        max_per_submitter=1,
        eligibility=OrganizationKindIn(
            kinds={ee.OrganizationKind.RESEARCH_INSTITUTE, ee.OrganizationKind.UNIVERSITY}
        ),
        session="s-exhibition",
        submissions=(
            ee.Submission(
                id="sub-1",
                title=T(sw="Mfumo wa malipo", en="A payment system"),
                kind=ee.SubmissionKind.INNOVATION,
                submitters=("p-researcher", "p-ict"),
                organization="udom",
                abstract=T(en="Paying for public services by phone."),
                state=ee.SubmissionState.ACCEPTED,
                pending_state=ee.SubmissionState.CONFIRMED,
                history=(
                    ee.StateChange(
                        state=ee.SubmissionState.SUBMITTED,
                        at=datetime(2018, 12, 1, 10, 0, tzinfo=EAT),
                        by="p-researcher",
                    ),
                    ee.StateChange(
                        state=ee.SubmissionState.UNDER_REVIEW,
                        at=datetime(2018, 12, 16, 12, 30, tzinfo=KOLKATA),
                        by="committee",
                    ),
                    ee.StateChange(
                        state=ee.SubmissionState.ACCEPTED,
                        at=datetime(2019, 1, 10, 7, 0, tzinfo=ZoneInfo("UTC")),
                        by="committee",
                        note="Imechaguliwa / Selected",
                    ),
                ),
                reviews=(
                    ee.Review(
                        reviewer="p-dg",
                        scores={"relevance": 4, "novelty": 4.5},
                        comment="Inafaa / Useful",
                        at=datetime(2019, 1, 5, 15, 0, tzinfo=EAT),
                    ),
                    ee.Review(reviewer="p-ps", scores={"relevance": 5.0, "novelty": 3.25}),
                ),
                booth="B-07",
            ),
            ee.Submission(
                id="sub-2",
                title=T(en="A survey of ICT skills"),
                kind=ee.SubmissionKind.RESEARCH,
                submitters=("p-researcher",),
                organization="udom",
                state=ee.SubmissionState.REJECTED,
                history=(
                    ee.StateChange(
                        state=ee.SubmissionState.SUBMITTED,
                        at=datetime(2018, 12, 2, 9, 0, tzinfo=EAT),
                    ),
                    ee.StateChange(
                        state=ee.SubmissionState.REJECTED,
                        at=datetime(2019, 1, 10, 10, 0, tzinfo=EAT),
                    ),
                ),
            ),
        ),
    )
    event = ee.Event(
        id="kikao-kazi-2019",
        title=T(
            sw="Kikao Kazi cha 2 cha Serikali Mtandao 2019",
            en="2nd e-Government Workshop 2019",
            fr="2e atelier de l'administration en ligne",
        ),
        organizer="ega",
        timezone=EAT,
        first_day=date(2019, 1, 30),
        last_day=date(2019, 2, 2),
        # The second 02:30 of the night the clocks went back: fold=1, +01:00.
        updated=datetime(2018, 10, 28, 2, 30, fold=1, tzinfo=BERLIN),
        series="egov-workshop",
        edition=2,
        theme=T(sw="Uwianishaji wa Rasilimali za TEHAMA kwa Maendeleo ya Viwanda"),
        motto=T(sw="Uadilifu na Ubunifu kwa Utoaji Huduma Bora kwa Umma"),
        description=T(sw="Kikao kazi (mfano).", en="A workshop (illustrative)."),
        objectives=(T(sw="Kubadilishana uzoefu"), T(en="A common understanding", sw="Uelewa")),
        venue=ee.Venue(
            name=T(sw="Chuo Kikuu cha Dodoma", en="University of Dodoma"),
            city="Dodoma",
            country="TZ",
            region="Dodoma",
            latitude=-6.2,
            longitude=35.8,
            rooms=rooms,
            url="https://www.udom.ac.tz/",
        ),
        status=ee.EventStatus.CONFIRMED,
        url="https://www.ega.go.tz/",
        sessions=(
            ee.Session(
                id="s-opening",
                kind=ee.SessionKind.OPENING,
                title=T(sw="Ufunguzi", en="Opening"),
                start=datetime(2019, 1, 30, 9, 0, tzinfo=EAT),
                end=datetime(2019, 1, 30, 10, 0, tzinfo=EAT),
                room="hall",
                groups=frozenset({"group-1"}),
                speakers=("p-dg",),
                documents=("programme",),
            ),
            ee.Session(
                id="s-breakout",
                kind=ee.SessionKind.BREAKOUT,
                title=T(sw="Majadiliano ya vikundi", en="Group discussions"),
                start=datetime(2019, 1, 31, 8, 0, tzinfo=ZoneInfo("UTC")),
                end=datetime(2019, 1, 31, 9, 30, tzinfo=ZoneInfo("UTC")),
                groups=frozenset({"group-1", "group-2"}),
                chairs=("p-ict", "p-dg"),
                capacity=120,
                status=ee.SessionStatus.TENTATIVE,
            ),
            ee.Session(
                id="s-exhibition",
                kind=ee.SessionKind.EXHIBITION,
                title=T(sw="Maonesho ya Tafiti na Bunifu", en="Research and innovation fair"),
                start=datetime(2019, 2, 2, 10, 0, tzinfo=EAT),
                end=datetime(2019, 2, 2, 16, 0, tzinfo=EAT),
                description=T(en="The ten selected submissions."),
                groups=frozenset({"group-3"}),
            ),
        ),
        groups=(
            ee.ParticipantGroup(
                id="group-1",
                name=T(sw="Kundi la kwanza", en="Group 1"),
                days=(date(2019, 1, 30), date(2019, 1, 31)),
                rule=All(
                    rules=(
                        HasRole(role="ict_officer"),
                        Not(rule=AttributeIn(attribute="region", values={"Mwanza"})),
                    ),
                    label=T(sw="Maofisa TEHAMA", en="ICT officers"),
                    basis=T(en="Letter of invitation (illustrative)"),
                ),
            ),
            ee.ParticipantGroup(
                id="group-2",
                name=T(sw="Kundi la pili", en="Group 2"),
                days=(date(2019, 2, 1),),
                members=frozenset({"part-2"}),
            ),
            ee.ParticipantGroup(
                id="group-3",
                name=T(sw="Kundi la tatu", en="Group 3"),
                days=(date(2019, 2, 2),),
                description=T(en="Groups 1 and 2, with innovators and researchers."),
                members=frozenset({"part-3", "part-1", "part-2"}),
            ),
        ),
        participants=(
            ee.Participant(
                id="part-1",
                person="p-ict",
                organization="ega",
                roles=frozenset({"ict_officer"}),
                groups=frozenset({"group-3", "group-1"}),
                days_attended=frozenset({date(2019, 2, 2), date(2019, 1, 30), date(2019, 1, 31)}),
                region="Dodoma",
            ),
            ee.Participant(
                id="part-2",
                person="p-ps",
                organization="mof",
                roles=frozenset({"permanent_secretary", "ict_officer"}),
                groups=frozenset({"group-2", "group-3"}),
                days_attended=frozenset({date(2019, 2, 1)}),
            ),
            ee.Participant(
                id="part-3",
                person="p-researcher",
                organization="udom",
                roles=frozenset({"researcher"}),
                groups=frozenset({"group-3"}),
                status=ee.RegistrationStatus.WAITLISTED,
            ),
        ),
        people=people,
        organizations=(
            ee.Organization(
                id="ega",
                name=T(sw="Wakala ya Serikali Mtandao", en="e-Government Agency"),
                kind=ee.OrganizationKind.EXECUTIVE_AGENCY,
                acronym="eGA",
                region="Dodoma",
                country="TZ",
                url="https://www.ega.go.tz/",
            ),
            ee.Organization(
                id="mof",
                name=T(sw="Wizara ya Fedha", en="Ministry of Finance"),
                kind=ee.OrganizationKind.MINISTRY,
            ),
            ee.Organization(
                id="udom",
                name=T(sw="Chuo Kikuu cha Dodoma", en="University of Dodoma"),
                kind=ee.OrganizationKind.UNIVERSITY,
                acronym="UDOM",
            ),
        ),
        roles=(
            ee.Role(id="ict_officer", name=T(sw="Afisa TEHAMA", en="ICT officer")),
            ee.Role(id="permanent_secretary", name=T(sw="Katibu Mkuu", en="Permanent secretary")),
            ee.Role(
                id="researcher",
                name=T(sw="Mtafiti", en="Researcher"),
                description=T(en="From a university or research institute."),
            ),
        ),
        keynote_speakers=("p-dg",),
        sponsors=(ee.Sponsor(organization="udom", tier="host"),),
        documents=(
            ee.Document(
                id="programme",
                title=T(sw="Programu", en="Programme"),
                url="https://www.ega.go.tz/programu.pdf",
                kind=ee.DocumentKind.PROGRAMME,
                language="sw",
                media_type="application/pdf",
            ),
            ee.Document(
                id="photos",
                title=T(sw="Picha", en="Photos"),
                url="https://www.ega.go.tz/picha",
                kind=ee.DocumentKind.PHOTO,
            ),
        ),
        calls=(call,),
        reported_attendance=786,
        revision=3,
    )
    # Version 2 gave each session and group its own SEQUENCE: a version-1
    # document gives each the document's revision, which version 1 wrote.
    return attrs.evolve(
        event,
        sessions=tuple(attrs.evolve(s, sequence=3) for s in event.sessions),
        groups=tuple(attrs.evolve(g, sequence=3) for g in event.groups),
    )


def test_the_v1_document_loads_to_its_event() -> None:
    assert v1_workshop() == ee.load(V1_WORKSHOP)


def test_the_v1_migration_gives_every_object_the_revision_as_its_sequence() -> None:
    document = json.loads(V1_WORKSHOP.read_text(encoding="utf-8"))
    frozen = json.dumps(document)
    upgraded = ee.serialization.upgrade(document)
    assert frozen == json.dumps(document)  # the input is left as it was
    assert 2 == upgraded["schema_version"]
    assert [3, 3, 3] == [s["sequence"] for s in upgraded["sessions"]]
    assert [3, 3, 3] == [g["sequence"] for g in upgraded["groups"]]
    # The calendars of the upgraded document are those version 1 wrote.
    assert {3} == {
        int(str(e["SEQUENCE"])) for e in ical.calendar(ee.load(V1_WORKSHOP)).walk("VEVENT")
    }


def test_a_malformed_v1_revision_is_reported_not_guessed() -> None:
    text = V1_WORKSHOP.read_text(encoding="utf-8").replace('"revision": 3', '"revision": "3"')
    assert ["expected an integer, got string '3' @ $.revision"] == _errors(lambda: ee.loads(text))


def test_a_v1_revision_too_large_for_a_sequence_is_one_problem_at_revision() -> None:
    text = V1_WORKSHOP.read_text(encoding="utf-8")
    too_large = text.replace('"revision": 3', '"revision": 3000000000')
    with pytest.raises(ee.ValidationError) as caught:
        ee.loads(too_large)
    assert 1 == len(caught.value.problems)
    problem = caught.value.problems[0]
    assert ("revision",) == problem.path
    assert "at most 2,147,483,647; got 3000000000" in problem.message
    assert problem.sw is not None
    assert "isiyozidi 2,147,483,647" in problem.sw
    # The largest SEQUENCE itself is still read.
    largest = ee.loads(text.replace('"revision": 3', '"revision": 2147483647'))
    assert {2**31 - 1} == {s.sequence for s in largest.sessions}


def test_the_v1_document_keeps_zone_names_folds_and_microseconds() -> None:
    event = ee.load(V1_WORKSHOP)
    call = event.calls[0]
    expected = [
        ("Europe/Berlin", 1, "2018-10-28T02:30:00+01:00"),
        ("UTC", 0, "2019-01-31T08:00:00+00:00"),
        ("Asia/Kolkata", 0, "2018-12-15T19:30:00.123456+05:30"),
        ("Asia/Kolkata", 0, "2018-12-16T12:30:00+05:30"),
    ]
    actual = [
        (d.tzinfo.key, d.fold, d.isoformat())  # type: ignore[union-attr]
        for d in (
            event.updated,
            event.sessions[1].start,
            call.closes,
            call.submissions[0].history[1].at,
        )
    ]
    assert expected == actual
    assert event.timezone is EAT


@pytest.mark.skipif(
    serialization.SCHEMA_VERSION != 2, reason="a newer version writes a newer document"
)
def test_the_v2_document_is_what_this_version_writes(backend: str) -> None:
    assert V2_WORKSHOP.read_text(encoding="utf-8") == ee.dumps(v1_workshop())
    assert v1_workshop() == ee.load(V2_WORKSHOP)


# -- round trips ------------------------------------------------------------------


def _datetimes(value: object, path: str = "$") -> Iterator[tuple[str, str, str, int]]:
    """Every datetime inside *value* with its path, zone name, text and fold."""
    if isinstance(value, datetime):
        zone = value.tzinfo
        assert isinstance(zone, ZoneInfo)
        yield path, zone.key, value.isoformat(), value.fold
    elif attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from _datetimes(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _datetimes(item, f"{path}[{i}]")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events())
def test_a_round_trip_gives_the_same_event_with_the_same_zones(event: ee.Event) -> None:
    text = ee.dumps(event)
    back = ee.loads(text)
    assert event == back
    assert list(_datetimes(event)) == list(_datetimes(back))
    assert event.timezone.key == back.timezone.key
    assert text == ee.dumps(back)


@settings(max_examples=300, deadline=None)
@given(strategies.aware_datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)))
def test_any_datetime_in_a_named_zone_survives(moment: datetime) -> None:
    event = attrs.evolve(v1_workshop(), updated=moment)
    back = ee.loads(ee.dumps(event)).updated
    assert (moment.isoformat(), moment.tzinfo, moment.fold) == (
        back.isoformat(),
        back.tzinfo,
        back.fold,
    )


def test_an_offset_with_seconds_survives() -> None:
    # Liberia kept -00:44:30 until 1972.
    moment = datetime(1970, 6, 1, 12, 0, tzinfo=ZoneInfo("Africa/Monrovia"))
    document = ee.dumps(attrs.evolve(v1_workshop(), updated=moment))
    assert '"updated": "1970-06-01T12:00:00-00:44:30[Africa/Monrovia]"' in document
    assert moment.isoformat() == ee.loads(document).updated.isoformat()


def test_the_bundled_example_round_trips() -> None:
    event = ee.examples.kikao_kazi_2019()
    back = ee.loads(ee.dumps(event))
    assert event == back
    assert list(_datetimes(event)) == list(_datetimes(back))


def test_the_document_has_the_version_first_and_plain_values() -> None:
    document = json.loads(V1_WORKSHOP.read_text(encoding="utf-8"))
    assert "schema_version" == next(iter(document))
    assert 1 == document["schema_version"]
    assert {
        "en": "2nd e-Government Workshop 2019",
        "fr": "2e atelier de l'administration en ligne",
        "sw": "Kikao Kazi cha 2 cha Serikali Mtandao 2019",
    } == document["title"]
    assert "Africa/Dar_es_Salaam" == document["timezone"]
    assert "2019-01-30" == document["first_day"]
    assert ["part-1", "part-2", "part-3"] == document["groups"][2]["members"]
    assert ["ict_officer", "permanent_secretary"] == document["participants"][1]["roles"]
    assert {"op": "not", "rule": {"op": "attribute_in", "attribute": "region"}} == {
        "op": document["groups"][0]["rule"]["rules"][1]["op"],
        "rule": {
            k: v
            for k, v in document["groups"][0]["rule"]["rules"][1]["rule"].items()
            if k in ("op", "attribute")
        },
    }
    assert {"novelty": 4.5, "relevance": 4.0} == document["calls"][0]["submissions"][0]["reviews"][
        0
    ]["scores"]
    assert ["innovation", "research"] == document["calls"][0]["kinds"]
    assert "waitlisted" == document["participants"][2]["status"]


def test_every_field_is_written_defaults_included() -> None:
    document = ee.serialization.to_document(v1_workshop())
    expected = ["schema_version", *(f.name for f in attrs.fields(ee.Event))]
    assert expected == list(document)
    assert [f.name for f in attrs.fields(ee.Session)] == list(document["sessions"][0])
    assert document["sessions"][0]["description"] is None
    assert [] == document["sessions"][0]["chairs"]


def test_fields_with_defaults_may_be_left_out() -> None:
    document = {
        "schema_version": 1,
        "id": "mini",
        "title": {"sw": "Kikao"},
        "organizer": "ega",
        "timezone": "Africa/Dar_es_Salaam",
        "first_day": "2019-01-30",
        "last_day": "2019-01-30",
        "updated": "2019-01-02T10:00:00+03:00[Africa/Dar_es_Salaam]",
        "organizations": [{"id": "ega", "name": {"sw": "eGA"}, "kind": "executive_agency"}],
    }
    event = ee.loads(json.dumps(document))
    assert (ee.EventStatus.CONFIRMED, 0, (), None) == (
        event.status,
        event.revision,
        event.sessions,
        event.venue,
    )


def test_equal_events_give_equal_documents() -> None:
    # A score given as 4 and as 4.0: equal events, one document.
    event = v1_workshop()
    call = event.calls[0]
    submission = call.submissions[0]
    review = attrs.evolve(submission.reviews[0], scores={"relevance": 4.0, "novelty": 4.5})
    other = attrs.evolve(
        event,
        calls=(
            attrs.evolve(
                call,
                submissions=(
                    attrs.evolve(submission, reviews=(review, *submission.reviews[1:])),
                    *call.submissions[1:],
                ),
            ),
        ),
    )
    assert event == other
    assert ee.dumps(event) == ee.dumps(other)


# -- determinism and the two JSON libraries ---------------------------------------


_DUMP_IN_A_CHILD = """
import sys
import egov_events as ee
from egov_events.serialization import _json
from tests.test_serialization import v1_workshop
_json.backend = sys.argv[1]
sys.stdout.buffer.write(ee.dumps(v1_workshop()).encode("utf-8"))
"""


@pytest.mark.parametrize("seed", ["0", "1", "4242"])
def test_dumps_gives_the_same_bytes_in_every_process(seed: str) -> None:
    expected = V2_WORKSHOP.read_bytes()
    for name in BACKENDS:
        result = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", _DUMP_IN_A_CHILD, name],
            capture_output=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert expected == result.stdout


@pytest.mark.skipif(not _json.ORJSON_INSTALLED, reason="orjson is not installed")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events())
def test_orjson_and_the_standard_library_write_the_same_bytes(event: ee.Event) -> None:
    document = ee.serialization.to_document(event)
    old = _json.backend
    try:
        _json.backend = "json"
        expected = [_json.encode(document, compact=c) for c in (False, True)]
        expected_text = [_json.encode_text(document, compact=c) for c in (False, True)]
        _json.backend = "orjson"
        actual = [_json.encode(document, compact=c) for c in (False, True)]
        actual_text = [_json.encode_text(document, compact=c) for c in (False, True)]
    finally:
        _json.backend = old
    assert expected == actual
    assert expected_text == actual_text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events(), st.sampled_from(BACKENDS))
def test_dumps_writes_the_bytes_of_the_document_to_document_gives(
    event: ee.Event, name: str
) -> None:
    # dumps builds its document with per-class writers of its own; the text is
    # the one the converter's document gives, with either library, both layouts.
    old = _json.backend
    try:
        _json.backend = name
        for compact in (False, True):
            expected = _json.encode_text(ee.serialization.to_document(event), compact=compact)
            assert expected == ee.dumps(event, compact=compact)
            assert expected == ee.dumps(event, compact=compact)  # sets sorted before: the same
    finally:
        _json.backend = old


def test_a_document_handed_out_is_the_callers_even_after_dumps() -> None:
    event = ee.examples.kikao_kazi_2019()
    text = ee.dumps(event)
    document = ee.serialization.to_document(event)
    document["participants"][0]["groups"].append("changed")
    document["groups"][0]["days"].append("changed")
    assert text == ee.dumps(event)
    assert "changed" not in ee.serialization.to_document(event)["participants"][0]["groups"]


def test_a_fresh_converter_writes_rule_classes_defined_later_as_its_document_says() -> None:
    converter = serialization.make_converter()
    rule = _AnyOf(rules=(_ICT, _Negation(rule=_AnyOf(label="inner"))), label="outer")
    event = _with_rule(rule)
    written = json.dumps(converter.for_text.to_document(event))  # sets as tuples: the same JSON
    assert json.dumps(converter.to_document(event)) == written
    assert '"op": "test_not", "rule": {"op": "test_any_of"' in written


@pytest.mark.skipif(not _json.ORJSON_INSTALLED, reason="orjson is not installed")
@settings(max_examples=300, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
def test_orjson_and_the_standard_library_write_numbers_and_text_alike(
    number: float, text: str
) -> None:
    unstructure = serialization._CONVERTER.get_unstructure_hook(float)
    document = {"n": unstructure(number), "t": text, "l": [number, -number]}
    document["l"] = [unstructure(n) for n in document["l"]]
    old = _json.backend
    try:
        _json.backend = "json"
        expected = [_json.encode(document, compact=c) for c in (False, True)]
        _json.backend = "orjson"
        actual = [_json.encode(document, compact=c) for c in (False, True)]
    finally:
        _json.backend = old
    assert expected == actual


# -- files --------------------------------------------------------------------------


def test_dump_writes_what_dumps_returns_and_load_reads_it(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "event.json"
    ee.dump(v1_workshop(), path)
    assert ee.dumps(v1_workshop()) == path.read_text(encoding="utf-8")
    assert v1_workshop() == ee.load(str(path))
    assert ["event.json"] == [p.name for p in tmp_path.iterdir()]


def test_a_compact_document_is_the_same_document_on_one_line(tmp_path: Path, backend: str) -> None:
    event = v1_workshop()
    compact = ee.dumps(event, compact=True)
    assert json.loads(ee.dumps(event)) == json.loads(compact)
    assert 1 == compact.count("\n")
    assert compact.endswith("}\n")
    assert not re.search(r'[,:] "', compact)  # no space after a separator
    assert len(compact) < 0.75 * len(ee.dumps(event))
    assert event == ee.loads(compact)
    path = tmp_path / "event.json"
    ee.dump(event, path, compact=True)
    assert compact == path.read_text(encoding="utf-8")


def test_a_failed_dump_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "event.json"
    path.write_text("the old document", encoding="utf-8")

    def fail(self: Path, target: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="No space left on device"):
        ee.dump(v1_workshop(), path)
    assert "the old document" == path.read_text(encoding="utf-8")
    assert ["event.json"] == [p.name for p in tmp_path.iterdir()]


def test_load_raises_oserror_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ee.load(tmp_path / "missing.json")


def test_load_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as file:
        file.truncate(serialization.MAX_DOCUMENT_BYTES + 1)
    assert ["document is larger than the limit of 67108864 bytes (64 MiB) @ $"] == _errors(
        lambda: ee.load(path)
    )


# -- strict input: exact messages -------------------------------------------------


def _errors(read: Callable[[], object]) -> list[str]:
    with pytest.raises(ee.ValidationError) as info:
        read()
    return info.value.errors


def _patched(patch: list[dict[str, Any]]) -> dict[str, Any]:
    """The v1 document, upgraded to the current version, changed by RFC 6902 operations."""
    document = serialization.upgrade(json.loads(V1_WORKSHOP.read_text(encoding="utf-8")))
    for operation in patch:
        *parents, last = [
            p.replace("~1", "/").replace("~0", "~") for p in operation["path"].split("/")[1:]
        ]
        target: Any = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key: Any = int(last) if isinstance(target, list) else last
        if operation["op"] == "remove":
            del target[key]
        elif operation["op"] == "add" and isinstance(target, list):
            target.insert(key, operation["value"])
        else:
            target[key] = operation["value"]
    return document


def _catalogue() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(CATALOGUE.read_text(encoding="utf-8"))["cases"]
    return cases


@pytest.mark.parametrize("case", _catalogue(), ids=lambda case: case["name"])
def test_each_invalid_document_gets_its_exact_messages(case: dict[str, Any], backend: str) -> None:
    text = json.dumps(_patched(case["patch"]))
    assert case["errors"] == _errors(lambda: ee.loads(text))


def test_every_problem_is_reported_at_once() -> None:
    document = _patched(
        [
            {"op": "replace", "path": "/revision", "value": "3"},
            {"op": "add", "path": "/sessions/2/capcity", "value": 1},
            {"op": "remove", "path": "/sessions/1/title"},
            {"op": "replace", "path": "/sessions/0/kind", "value": "keynot"},
            {"op": "replace", "path": "/people/0/honorific", "value": ""},
            {"op": "replace", "path": "/groups/0/rule/op", "value": "al"},
            {"op": "replace", "path": "/participants/1/days_attended/0", "value": "2019-02-31"},
        ]
    )
    assert [
        "unknown SessionKind 'keynot': expected one of 'break', 'breakout', 'closing', "
        "'exhibition', 'keynote', 'opening', 'other', 'panel', ... (9 in all); "
        "did you mean 'keynote'? @ $.sessions[0].kind",
        "required field missing @ $.sessions[1].title",
        "unknown field 'capcity' for Session; did you mean 'capacity'? @ $.sessions[2].capcity",
        "unknown rule op 'al': expected one of 'all', 'any', 'attribute_in', 'has_role', "
        "'in_group', 'not', 'organization_kind_in'; did you mean 'all'? @ $.groups[0].rule.op",
        "invalid date '2019-02-31': day is out of range for month @ "
        "$.participants[1].days_attended[0]",
        "must not be empty @ $.people[0].honorific",
        "expected an integer, got string '3' @ $.revision",
    ] == _errors(lambda: ee.loads(json.dumps(document)))


def test_a_model_rule_is_reported_at_the_field_under_its_object() -> None:
    document = _patched(
        [
            {
                "op": "replace",
                "path": "/sessions/2/end",
                "value": "2019-02-02T09:00:00+03:00[Africa/Dar_es_Salaam]",
            }
        ]
    )
    assert [
        "end (2019-02-02T09:00:00+03:00) must be after start (2019-02-02T10:00:00+03:00) "
        "@ $.sessions[2].end"
    ] == _errors(lambda: ee.loads(json.dumps(document)))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff{}", "document is not UTF-8 (RFC 8259 section 8.1): invalid start byte at byte 0"),
        (b"", "document is not valid JSON: Expecting value at line 1, column 1"),
        (b'{"a" 1}', "document is not valid JSON: Expecting ':' delimiter at line 1, column 6"),
        (
            b"\xef\xbb\xbf{}",
            "document is not valid JSON: Unexpected UTF-8 BOM (decode using utf-8-sig) at line 1, "
            "column 1",
        ),
        (
            b'{"a": NaN}',
            "document is not valid JSON: NaN is not a JSON number (RFC 8259 section 6)",
        ),
        (
            b'{"a": -Infinity}',
            "document is not valid JSON: -Infinity is not a JSON number (RFC 8259 section 6)",
        ),
        (b"[" * 100_000, "document is not valid JSON: nested too deeply"),
        (b"1" * 5000, "document is not valid JSON: a number has more than 4300 digits"),
        (
            '{"id": "\ud800"}',
            "document is not valid Unicode: surrogates not allowed at character 8",
        ),
        (b"[]", "expected an object (an event document), got an array"),
        (b'"kikao"', "expected an object (an event document), got string 'kikao'"),
        (b"null", "expected an object (an event document), got null"),
        (
            b" " * (64 * 1024 * 1024 + 1),
            "document is larger than the limit of 67108864 bytes (64 MiB)",
        ),
        (
            " " * (64 * 1024 * 1024 + 1),
            "document is larger than the limit of 67108864 bytes (64 MiB)",
        ),
        (
            b'{"schema_version": 7}',
            "schema_version 7 is newer than this library understands (2); upgrade egov_events",
        ),
    ],
    ids=[
        "not UTF-8",
        "empty",
        "not JSON",
        "a byte order mark",
        "NaN",
        "-Infinity",
        "nested too deeply",
        "a number of 5000 digits",
        "a lone surrogate in text",
        "an array",
        "a string",
        "null",
        "too large as bytes",
        "too large as text",
        "newer",
    ],
)
def test_input_that_is_not_an_event_document(
    data: str | bytes, expected: str, backend: str
) -> None:
    path = "$.schema_version" if "schema_version" in expected else "$"
    assert [f"{expected} @ {path}"] == _errors(lambda: ee.loads(data))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9007199254740991", None),
        (
            "9007199254740992",
            "integer out of range: integers are read from -9007199254740991 to 9007199254740991 "
            "(RFC 7493 section 2.2)",
        ),
        (
            "-9007199254740992",
            "integer out of range: integers are read from -9007199254740991 to 9007199254740991 "
            "(RFC 7493 section 2.2)",
        ),
        (
            "1" + "0" * 30,
            "integer out of range: integers are read from -9007199254740991 to 9007199254740991 "
            "(RFC 7493 section 2.2)",
        ),
        ("1e400", "number inf is out of range"),
        ("3.0", "expected an integer, got number 3.0"),
        ("false", "expected an integer, got false"),
    ],
)
def test_integers_are_read_alike_by_both_libraries(
    value: str, expected: str | None, backend: str
) -> None:
    # Version 2: a version-1 document's revision also becomes every SEQUENCE,
    # which a calendar bounds far below the largest JSON integer.
    text = V2_WORKSHOP.read_text(encoding="utf-8").replace('"revision": 3', f'"revision": {value}')
    if expected is None:
        assert int(value) == ee.loads(text).revision
    elif "inf" in expected:
        text = text.replace('"latitude": -6.2', f'"latitude": {value}')
        text = text.replace(f'"revision": {value}', '"revision": 3')
        assert [f"{expected} @ $.venue.latitude"] == _errors(lambda: ee.loads(text))
    else:
        assert [f"{expected} @ $.revision"] == _errors(lambda: ee.loads(text))


def test_a_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected the document as str or bytes, got int"):
        ee.loads(5)  # type: ignore[arg-type]


def test_an_ambiguous_time_with_a_wrong_offset_names_both_offsets() -> None:
    document = _patched(
        [{"op": "replace", "path": "/updated", "value": "2018-10-28T02:30:00+03:00[Europe/Berlin]"}]
    )
    assert [
        "offset +03:00 contradicts time zone Europe/Berlin, which is at +02:00 or +01:00 "
        "at 2018-10-28T02:30:00 @ $.updated"
    ] == _errors(lambda: ee.loads(json.dumps(document)))


def test_the_first_of_two_repeated_hours_is_read_with_its_offset() -> None:
    document = _patched(
        [{"op": "replace", "path": "/updated", "value": "2018-10-28T02:30:00+02:00[Europe/Berlin]"}]
    )
    updated = ee.loads(json.dumps(document)).updated
    assert (0, "2018-10-28T02:30:00+02:00") == (updated.fold, updated.isoformat())


def test_a_zone_name_in_the_wrong_case_gets_a_suggestion() -> None:
    document = _patched([{"op": "replace", "path": "/timezone", "value": "africa/dar_es_salaam"}])
    assert [
        "unknown time zone 'africa/dar_es_salaam' (IANA time zone database); "
        "did you mean 'Africa/Dar_es_Salaam'? @ $.timezone"
    ] == _errors(lambda: ee.loads(json.dumps(document)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            5,
            "expected a datetime such as '2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]', got "
            "number 5",
        ),
        (
            "2019-01-30 09:00:00",
            "naive datetime '2019-01-30 09:00:00': expected a UTC offset and a time zone name, "
            "e.g. '2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]' (RFC 9557)",
        ),
        (
            "2019-01-30T09:00:00[Africa/Dar_es_Salaam]",
            "naive datetime '2019-01-30T09:00:00[Africa/Dar_es_Salaam]': expected a UTC offset "
            "and a time zone name, e.g. '2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]' (RFC "
            "9557)",
        ),
        (
            "30 January 2019",
            "malformed datetime '30 January 2019': expected RFC 9557, e.g. "
            "'2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]'",
        ),
        (
            "2019-01-30T25:00:00+03:00[Africa/Dar_es_Salaam]",
            "invalid datetime '2019-01-30T25:00:00+03:00[Africa/Dar_es_Salaam]': hour must be in "
            "0..23",
        ),
        (
            "9999-12-31T23:00:00-05:00[America/New_York]",
            "invalid datetime '9999-12-31T23:00:00-05:00[America/New_York]': date value out of "
            "range",
        ),
        (
            "2019-01-30T09:00:00+03:00[../../etc/passwd]",
            "malformed datetime '2019-01-30T09:00:00+03:00[../../etc/passwd]': expected RFC 9557, "
            "e.g. '2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]'",
        ),
    ],
)
def test_malformed_datetimes(value: object, expected: str) -> None:
    document = _patched([{"op": "replace", "path": "/updated", "value": value}])
    assert [f"{expected} @ $.updated"] == _errors(lambda: ee.loads(json.dumps(document)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["2019-01-30"], "expected a time zone name such as 'Africa/Dar_es_Salaam', got an array"),
        ("../../etc/passwd", "unknown time zone '../../etc/passwd' (IANA time zone database)"),
        ("", "unknown time zone '' (IANA time zone database)"),
    ],
)
def test_malformed_zone_names(value: object, expected: str) -> None:
    document = _patched([{"op": "replace", "path": "/timezone", "value": value}])
    assert [f"{expected} @ $.timezone"] == _errors(lambda: ee.loads(json.dumps(document)))


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            "/title",
            "Kikao",
            'expected an object of language tag to text, e.g. {"sw": "...", "en": "..."}, got '
            "string 'Kikao' @ $.title",
        ),
        ("/title", {"sw": 5}, "expected a string, got number 5 @ $.title.sw"),
        ("/sessions", {}, "expected an array, got an object @ $.sessions"),
        ("/sessions/0", [], "expected an object (Session), got an array @ $.sessions[0]"),
        (
            "/sessions/0/groups",
            "group-1",
            "expected an array, got string 'group-1' @ $.sessions[0].groups",
        ),
        (
            "/calls/0/submissions/0/reviews/0/scores",
            [4, 5],
            "expected an object, got an array @ $.calls[0].submissions[0].reviews[0].scores",
        ),
        (
            "/calls/0/submissions/0/reviews/0/scores/relevance",
            "4",
            "expected a number, got string '4' @ "
            "$.calls[0].submissions[0].reviews[0].scores.relevance",
        ),
        (
            "/groups/0/rule",
            "rule",
            "expected an object (a rule with an \"op\"), got string 'rule' @ $.groups[0].rule",
        ),
        ("/groups/0/rule", {"op": 1}, "expected a string, got number 1 @ $.groups[0].rule.op"),
        (
            "/status",
            1,
            "expected EventStatus ('tentative', 'confirmed', 'postponed', 'cancelled'), got "
            "number 1 @ $.status",
        ),
        (
            "/first_day",
            20190130,
            "expected a date such as '2019-01-30', got number 20190130 @ $.first_day",
        ),
        (
            "/first_day",
            "20190130",
            "malformed date '20190130': expected YYYY-MM-DD, e.g. '2019-01-30' @ $.first_day",
        ),
    ],
)
def test_values_of_the_wrong_shape(path: str, value: object, expected: str) -> None:
    document = _patched([{"op": "replace", "path": path, "value": value}])
    assert [expected] == _errors(lambda: ee.loads(json.dumps(document)))


def test_non_ascii_keys_in_paths_are_quoted() -> None:
    document = _patched(
        [{"op": "add", "path": "/calls/0/submissions/0/reviews/1/scores/ubunifu mpya", "value": 3}]
    )
    assert [
        "unknown criterion 'ubunifu mpya': expected one of 'novelty', 'relevance' "
        "@ $.calls[0].submissions[0].reviews[1].scores['ubunifu mpya']"
    ] == _errors(lambda: ee.loads(json.dumps(document)))


# -- versions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (3, "schema_version 3 is newer than this library understands (2); upgrade egov_events"),
        (0, "unknown schema_version 0: versions start at 1"),
        (-3, "unknown schema_version -3: versions start at 1"),
        ("1", "expected an integer, got string '1'"),
        (1.0, "expected an integer, got number 1.0"),
        (True, "expected an integer, got true"),
        (None, "expected an integer, got null"),
    ],
)
def test_schema_versions_that_are_refused(version: object, expected: str) -> None:
    document = _patched([{"op": "replace", "path": "/schema_version", "value": version}])
    assert [f"{expected} @ $.schema_version"] == _errors(lambda: ee.loads(json.dumps(document)))


def _rename_name_to_title(document: dict[str, Any]) -> dict[str, Any]:
    """A made-up migration from version 1 to 2: ``name`` became ``title``."""
    return {("title" if k == "name" else k): v for k, v in document.items()}


def _add_tags(document: dict[str, Any]) -> dict[str, Any]:
    """A made-up migration from version 2 to 3: a new field ``tags``."""
    return {**document, "tags": []}


def test_migrations_upgrade_an_old_document_step_by_step() -> None:
    old = {"schema_version": 1, "id": "x", "name": "Kikao"}
    kept = copy.deepcopy(old)
    upgraded = upgrade(old, current=3, migrations={1: _rename_name_to_title, 2: _add_tags})
    assert {"schema_version": 3, "id": "x", "title": "Kikao", "tags": []} == upgraded
    assert kept == old  # migrations are pure


def test_a_current_document_is_not_migrated() -> None:
    document = {"schema_version": 3, "id": "x"}
    assert document is upgrade(document, current=3, migrations={1: _rename_name_to_title})


def test_a_missing_migration_is_reported() -> None:
    assert [
        "cannot read schema_version 2: no migration to version 3 (a bug in egov_events) "
        "@ $.schema_version"
    ] == _errors(
        lambda: upgrade({"schema_version": 1}, current=3, migrations={1: _rename_name_to_title})
    )


def test_a_failing_migration_is_reported() -> None:
    def needs_name(document: dict[str, Any]) -> dict[str, Any]:
        return {**document, "title": document["name"]}

    assert ["cannot upgrade from schema_version 1 to 2: KeyError: 'name' @ $"] == _errors(
        lambda: upgrade({"schema_version": 1}, current=2, migrations={1: needs_name})
    )


def test_the_registry_holds_a_migration_for_every_older_version() -> None:
    assert list(range(1, serialization.SCHEMA_VERSION)) == sorted(serialization.MIGRATIONS)


# -- rules: classes added later are picked up -------------------------------------


@attrs.frozen(kw_only=True)
class _AnyOf(Rule):
    """A throwaway rule class, unknown to the library's own converter."""

    op: ClassVar[str] = "test_any_of"
    rules: tuple[Rule, ...] = ()
    label: str | None = None


@attrs.frozen(kw_only=True)
class _Negation(Rule):
    """A throwaway rule class holding one rule."""

    op: ClassVar[str] = "test_not"
    rule: Rule


_ICT = HasRole(role="ict_officer")


def _with_rule(rule: Rule) -> ee.Event:
    event = v1_workshop()
    group = attrs.evolve(event.groups[0], rule=rule)
    return attrs.evolve(event, groups=(group, *event.groups[1:]))


def _nested(depth: int) -> Rule:
    rule: Rule = _AnyOf()
    for _ in range(depth - 1):
        rule = _Negation(rule=rule)
    return rule


def test_a_fresh_converter_reads_and_writes_rule_classes_defined_later() -> None:
    converter = serialization.make_converter()
    rule = _AnyOf(rules=(_ICT, _Negation(rule=_AnyOf(label="inner"))), label="outer")
    document = converter.to_document(_with_rule(rule))
    assert {
        "op": "test_any_of",
        "rules": [
            {"op": "has_role", "role": "ict_officer", "label": None, "basis": None},
            {"op": "test_not", "rule": {"op": "test_any_of", "rules": [], "label": "inner"}},
        ],
        "label": "outer",
    } == document["groups"][0]["rule"]
    assert _with_rule(rule) == converter.from_document(json.loads(json.dumps(document)))
    assert {"has_role", "test_any_of", "test_not"} <= set(converter.rules)


def test_the_library_converter_knows_only_the_library_rules() -> None:
    assert [
        "all",
        "any",
        "attribute_in",
        "has_role",
        "in_group",
        "not",
        "organization_kind_in",
    ] == list(serialization._CONVERTER.rules)
    with pytest.raises(TypeError, match="rule class _Negation is unknown to this converter"):
        ee.dumps(_with_rule(_Negation(rule=_ICT)))
    document = _patched(
        [
            {
                "op": "replace",
                "path": "/groups/0/rule",
                "value": {"op": "test_not", "rule": {"op": "has_role", "role": "ict_officer"}},
            }
        ]
    )
    assert [
        "unknown rule op 'test_not': expected one of 'all', 'any', 'attribute_in', 'has_role', "
        "'in_group', 'not', 'organization_kind_in' @ $.groups[0].rule.op"
    ] == _errors(lambda: ee.loads(json.dumps(document)))


def test_rules_nest_at_most_the_limit() -> None:
    converter = serialization.make_converter()
    deepest = _with_rule(_nested(serialization.MAX_RULE_DEPTH))
    assert deepest == converter.from_document(converter.to_document(deepest))
    too_deep = converter.to_document(_with_rule(_nested(serialization.MAX_RULE_DEPTH + 1)))
    assert ["rules nest more than 32 deep @ $.groups[0].rule"] == _errors(
        lambda: converter.from_document(too_deep)
    )


def test_problems_inside_nested_rules_have_their_paths() -> None:
    converter = serialization.make_converter()
    document = converter.to_document(_with_rule(_AnyOf(rules=(_AnyOf(), _Negation(rule=_ICT)))))
    document["groups"][0]["rule"]["rules"][1]["rule"] = {"op": "test_any_of", "label": 5}
    document["groups"][0]["rule"]["rules"][0]["extra"] = True
    assert [
        "unknown field 'extra' for _AnyOf @ $.groups[0].rule.rules[0].extra",
        "expected a string, got number 5 @ $.groups[0].rule.rules[1].rule.label",
    ] == _errors(lambda: converter.from_document(document))


def test_a_rule_class_without_a_tag_is_refused() -> None:
    class Untagged:  # not derived from Rule: a real subclass would outlive the test
        pass

    with pytest.raises(TypeError, match=r"declares no tag: give it op: ClassVar\[str\]"):
        rule_tag(cast("type[Rule]", Untagged))
    assert "test_not" == rule_tag(_Negation)
    with pytest.raises(TypeError, match=r"egov_events.rules._nodes.Rule declares no tag"):
        rule_tag(Rule)  # the abstract base is never on the wire


def test_a_zone_named_utc_keeps_its_name() -> None:
    moment = datetime(2019, 1, 2, 7, 0, tzinfo=UTC).astimezone(ZoneInfo("Etc/UTC"))
    back = ee.loads(ee.dumps(attrs.evolve(v1_workshop(), updated=moment))).updated
    assert "Etc/UTC" == back.tzinfo.key  # type: ignore[union-attr]


def test_the_library_converter_knows_only_the_library_rule_kinds() -> None:
    # A rule class defined before the library's converter is built (any import
    # order) must not change what ee.dumps writes or ee.loads reads.
    code = (
        "import attrs, typing\n"
        "from egov_events.rules import NODES, Rule\n"
        "@attrs.frozen(kw_only=True)\n"
        "class Early(Rule):\n"
        "    op: typing.ClassVar[str] = 'early'\n"
        "import egov_events as ee\n"
        "print(sorted(ee.json_schema()['$defs']['Rule']['properties']['op']['enum']))\n"
        "print(sorted(cls.op for cls in NODES))\n"
    )
    run = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    schema_ops, library_ops = run.stdout.splitlines()
    assert library_ops == schema_ops
    assert "early" not in schema_ops


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events(), st.sampled_from(BACKENDS))
def test_text_written_field_by_field_is_the_documents_text_in_both_layouts(
    event: ee.Event, name: str
) -> None:
    # The converter writes the text itself (one generated function per class);
    # it is what the JSON library writes for the converter's document.
    converter = serialization.make_converter()
    old = _json.backend
    try:
        _json.backend = name
        for compact in (False, True):
            expected = _json.encode_text(converter.to_document(event), compact=compact)
            assert expected == converter.to_text(event, compact=compact)
            assert expected == converter.to_text(event, compact=compact)  # memos filled: the same
    finally:
        _json.backend = old


def test_text_written_field_by_field_writes_odd_values_as_the_json_library_does() -> None:
    # Numbers orjson and repr write differently, and text that needs escaping.
    event = ee.examples.kikao_kazi_2019()
    odd = 'a "quoted" \\ backslash na \u00e9 \U0001f600'
    assert event.venue is not None
    event = attrs.evolve(
        event,
        venue=attrs.evolve(event.venue, latitude=1e-7, longitude=-0.0),
        people=(attrs.evolve(event.people[0], name=odd), *event.people[1:]),
    )
    converter = serialization.make_converter()
    for compact in (False, True):
        expected = _json.encode_text(converter.to_document(event), compact=compact)
        assert expected == converter.to_text(event, compact=compact)
    assert '"latitude":1e-07,"longitude":-0.0' in converter.to_text(event, compact=True)
    assert '"name":"a \\"quoted\\" \\\\ backslash na \u00e9 \U0001f600"' in converter.to_text(
        event, compact=True
    )
