"""The programme for apps, search engines and scripts: c3voc schedules, schema.org, jCal.

The c3voc schemas and two real schedules (from frab and pretalx) are read
from ``../shared/reference/c3voc/`` beside the repository; the tests that
need them skip, saying so, where that folder is missing.

The JSON-LD is expanded with PyLD against ``fixtures/schemaorg/context.jsonld``,
a subset of the schema.org context with the terms the library writes, served
by a document loader (no network): a term missing from it is dropped by the
expansion, which the tests catch.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import extruct  # type: ignore[import-untyped]
import jsonschema  # type: ignore[import-untyped]
import pytest
import xmlschema
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from pyld import jsonld  # type: ignore[import-untyped]

import egov_events as ee
from egov_events import ical, interchange
from egov_events.cli import main
from egov_events.examples import kikao_kazi_2019
from tests.cli_runs import run
from tests.strategies import events

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """What XML 1.0 keeps of a text: no control characters, lines ending in LF."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


C3VOC = Path(__file__).resolve().parent.parent / ".." / "shared" / "reference" / "c3voc"
FIXTURES = Path(__file__).parent / "fixtures" / "schemaorg"
needs_c3voc = pytest.mark.skipif(
    not C3VOC.is_dir(), reason=f"the c3voc schemas and examples are not at {C3VOC}"
)
LANGS = ("sw", "en")
TZ = ZoneInfo("Africa/Dar_es_Salaam")


@pytest.fixture(scope="module")
def event() -> ee.Event:
    return kikao_kazi_2019()


@pytest.fixture(scope="module")
def json_validator() -> Any:
    if not C3VOC.is_dir():
        pytest.skip(f"the c3voc schemas are not at {C3VOC}")
    schema = json.loads((C3VOC / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def xsd() -> xmlschema.XMLSchema:
    if not C3VOC.is_dir():
        pytest.skip(f"the c3voc schemas are not at {C3VOC}")
    return xmlschema.XMLSchema(str(C3VOC / "schedule.xml.xsd"))


def json_errors(validator: Any, document: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def xml_errors(schema: xmlschema.XMLSchema, data: bytes) -> list[str]:
    return [str(e.reason) for e in schema.iter_errors(data.decode("utf-8"))]


def items(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for day in document["schedule"]["conference"]["days"]:
        for room_items in day["rooms"].values():
            yield from room_items


# -- schedule.json and schedule.xml --------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_json_of_the_workshop_is_valid_with_formats(
    event: ee.Event, json_validator: Any, lang: str
) -> None:
    document = interchange.schedule_json(event, lang=lang)
    assert [] == json_errors(json_validator, document)
    assert len(event.sessions) == len(list(items(document)))


def test_the_validator_checks_formats(event: ee.Event, json_validator: Any) -> None:
    document = interchange.schedule_json(event)
    next(items(document))["guid"] = "not-a-uuid"
    assert ["$.schedule.conference.days[0].rooms['Ukumbi mkuu'][0].guid: 'not-a-uuid' is not a 'uuid'"] == json_errors(json_validator, document)  # fmt: skip # noqa: E501


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_xml_of_the_workshop_is_valid(
    event: ee.Event, xsd: xmlschema.XMLSchema, lang: str
) -> None:
    data = interchange.schedule_xml(event, lang=lang)
    assert [] == xml_errors(xsd, data)
    assert data.count(b"<event ") == len(event.sessions)
    assert data.index(b"<conference>") < 200  # Giggity looks at the first kilobyte


def test_the_xsd_refuses_a_broken_file(event: ee.Event, xsd: xmlschema.XMLSchema) -> None:
    data = interchange.schedule_xml(event).replace(b'index="1"', b'index="0"', 1)
    assert xml_errors(xsd, data)


def test_one_file_per_language(event: ee.Event) -> None:
    sw = interchange.schedule_json(event, lang="sw")["schedule"]["conference"]
    en = interchange.schedule_json(event, lang="en")["schedule"]["conference"]
    assert "Kikao Kazi cha 2 cha Serikali Mtandao 2019" == sw["title"]
    assert "2nd e-Government Workshop 2019" == en["title"]
    sw_items, en_items = list(items({"schedule": {"conference": sw}})), []
    en_items = list(items({"schedule": {"conference": en}}))
    assert {"sw"} == {i["language"] for i in sw_items}
    assert {"en"} == {i["language"] for i in en_items}
    # the same sessions with the same identifiers in both languages
    assert sorted((i["guid"], i["id"], i["slug"]) for i in sw_items) == sorted(
        (i["guid"], i["id"], i["slug"]) for i in en_items
    )
    assert ["Main hall", "Discussion room A", "Discussion room B", "Discussion room C"] == list(
        en["days"][0]["rooms"]
    )[:4]


def test_identifiers_are_stable_and_derived_from_the_uids(event: ee.Event) -> None:
    document = interchange.schedule_json(event)
    opening = next(i for i in items(document) if i["slug"].endswith("-s-2019-01-30-opening"))
    namespace = uuid.uuid5(uuid.NAMESPACE_DNS, "egov-events")
    uid = "s-2019-01-30-opening@kikao-kazi-2019.egov-events"
    assert str(uuid.uuid5(namespace, uid)) == opening["guid"]
    assert "kikao_kazi_2019-s-2019-01-30-opening" == opening["slug"]
    assert interchange.schedule_xml(event) == interchange.schedule_xml(kikao_kazi_2019())
    ids = [i["id"] for i in items(document)]
    assert len(set(ids)) == len(ids)
    assert all(0 < n < 2**31 for n in ids)


def test_days_are_counted_from_one_and_hold_the_sessions_of_their_day(event: ee.Event) -> None:
    days = interchange.schedule_json(event)["schedule"]["conference"]["days"]
    assert [1, 2, 3, 4] == [d["index"] for d in days]
    assert ["2019-01-30", "2019-01-31", "2019-02-01", "2019-02-02"] == [d["date"] for d in days]
    first = days[0]
    assert "2019-01-30T08:00:00+03:00" == first["day_start"]
    assert "2019-01-30T17:00:00+03:00" == first["day_end"]
    for day in days:
        for item in items({"schedule": {"conference": {"days": [day]}}}):
            assert item["date"].startswith(day["date"])


def test_groups_are_the_tracks(event: ee.Event) -> None:
    conference = interchange.schedule_json(event, lang="en")["schedule"]["conference"]
    assert [
        {"name": "Group 1", "slug": "group-1"},
        {"name": "Group 2", "slug": "group-2"},
        {"name": "Group 3", "slug": "group-3"},
    ] == conference["tracks"]
    tracks = {
        i["slug"].split("-", 1)[1]: i["track"]
        for i in items({"schedule": {"conference": conference}})
    }
    assert "Group 2" == tracks["s-2019-02-01-panel"]
    assert b'<track name="Kundi la Pili" slug="group-2" />' in interchange.schedule_xml(event)


def test_speakers_are_persons_without_email(event: ee.Event) -> None:
    document = interchange.schedule_json(event, lang="en")
    panel = next(i for i in items(document) if i["slug"].endswith("s-2019-02-01-panel"))
    session = event.session("s-2019-02-01-panel")
    assert [event.person(p).display_name for p in session.speakers] == [
        p["name"] for p in panel["persons"]
    ]
    assert all(set(p) == {"name", "guid"} for p in panel["persons"])
    text = json.dumps(document) + interchange.schedule_xml(event).decode()
    assert "@" not in re.sub(r"@(context|id|type|value|language)", "", text)


def workshop_variant(event: ee.Event, **changes: Any) -> ee.Event:
    return attrs.evolve(event, **changes)


def test_traps_of_the_patterns(json_validator: Any, xsd: xmlschema.XMLSchema) -> None:
    """Ids the patterns refuse as they are: hyphens, capitals, short ids, odd zone names."""
    base = kikao_kazi_2019()
    zone = ZoneInfo("Etc/GMT-3")
    moved = tuple(
        attrs.evolve(s, id=f"X.{i}", start=s.start.astimezone(zone), end=s.end.astimezone(zone))
        for i, s in enumerate(base.sessions)
    )
    event = attrs.evolve(
        base, id="eGA", timezone=zone, sessions=moved, calls=(), url="https://example.go.tz/k"
    )
    document = interchange.schedule_json(event)
    conference = document["schedule"]["conference"]
    assert "ega_" == conference["acronym"]
    assert "time_zone_name" not in conference  # the schema's pattern refuses Etc/GMT-3
    assert [] == json_errors(json_validator, document)
    data = interchange.schedule_xml(event)
    assert [] == xml_errors(xsd, data)
    assert b"<time_zone_name>Etc/GMT-3</time_zone_name>" in data
    for read in (interchange.read_schedule(document), interchange.read_schedule(data)):
        assert "Etc/GMT-3" == read.timezone.key
        assert {s.start for s in event.sessions} == {s.start for s in read.sessions}


def test_an_empty_day_and_a_session_without_room(
    json_validator: Any, xsd: xmlschema.XMLSchema
) -> None:
    base = kikao_kazi_2019()
    kept = [s for s in base.sessions if s.start.date() != date(2019, 1, 31)]
    kept[0] = attrs.evolve(kept[0], room=None)
    event = attrs.evolve(base, sessions=tuple(kept), calls=())
    document = interchange.schedule_json(event, lang="en")
    assert [] == json_errors(json_validator, document)
    assert [] == xml_errors(xsd, interchange.schedule_xml(event))
    day = document["schedule"]["conference"]["days"][1]
    assert ("2019-01-31", {}) == (day["date"], day["rooms"])
    venue = "Hall of the College of Computer Science, Information and Communication, University of Dodoma (UDOM)"  # noqa: E501
    (roomless,) = (i for i in items(document) if i["slug"].endswith(kept[0].id))
    assert venue == roomless["room"]
    assert venue == list(document["schedule"]["conference"]["days"][0]["rooms"])[-1]


def test_an_unsupported_language_is_refused(event: ee.Event) -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        interchange.schedule_xml(event, lang="fr")


# -- reading -----------------------------------------------------------------------


@needs_c3voc
def test_reads_the_frab_example_which_fails_the_schema(json_validator: Any) -> None:
    document = json.loads((C3VOC / "frab-camp2019.json").read_text(encoding="utf-8"))
    assert json_errors(json_validator, document)  # upstream skips it for that reason
    event = interchange.read_schedule((C3VOC / "frab-camp2019.json").read_bytes())
    assert "Camp2019" == event.id
    assert "Chaos Communication Camp 2019" == event.title.get("en")
    assert "Europe/Berlin" == event.timezone.key
    assert (date(2019, 8, 21), date(2019, 8, 26)) == (event.first_day, event.last_day)
    assert 79 == len(event.sessions)
    opening = event.session("Camp2019-10386-opening_ceremony")
    assert "Opening Ceremony" == opening.title["en"]
    assert datetime(2019, 8, 21, 11, 0, tzinfo=ZoneInfo("Europe/Berlin")) == opening.start
    assert "Europe/Berlin" == opening.start.tzinfo.key  # type: ignore[union-attr]
    assert timedelta(minutes=30) == opening.duration
    assert "Curie" == next(r for r in event.venue.rooms if r.id == opening.room).name["en"]  # type: ignore[union-attr]
    assert ["jinxx", "smtw"] == [event.person(p).name for p in opening.speakers]
    assert ee.SessionKind.PLENARY == opening.kind


@needs_c3voc
def test_reads_the_pretalx_example() -> None:
    event = interchange.read_schedule((C3VOC / "pretalx-democon.json").read_text("utf-8"))
    assert ("democon", "DemoCon", "UTC") == (event.id, event.title["en"], event.timezone.key)
    assert 36 == len(event.sessions)
    talk = event.session("democon-25-focused-5thgeneration-hardware")
    # 09:00+01:00 in a conference whose zone is UTC
    assert datetime(2020, 12, 14, 8, 0, tzinfo=ZoneInfo("UTC")) == talk.start
    assert ["Brian Robinson"] == [event.person(p).name for p in talk.speakers]
    assert "Gray Room" == next(r for r in event.venue.rooms if r.id == talk.room).name["en"]  # type: ignore[union-attr]
    assert event.person(talk.speakers[0]).biography is not None
    assert {"gray-room", "tan-room"} == {r.id for r in event.venue.rooms}  # type: ignore[union-attr]


# A schedule.xml as pretalx writes it (its element order, a recording block,
# persons with a code), written for this test after the XSD.
FOREIGN_XML = b"""<?xml version='1.0' encoding='utf-8' ?>
<schedule>
  <generator name="pretalx" version="2024.1.0"/>
  <version>0.5</version>
  <conference>
    <acronym>democon</acronym>
    <title>DemoCon</title>
    <start>2020-12-14</start>
    <end>2020-12-16</end>
    <days>3</days>
    <timeslot_duration>00:05</timeslot_duration>
    <base_url>http://localhost/democon/schedule/</base_url>
    <time_zone_name>Europe/Berlin</time_zone_name>
  </conference>
  <day index="1" date="2020-12-14"
       start="2020-12-14T04:00:00+01:00" end="2020-12-15T03:59:00+01:00">
    <room name="Gray Room" guid="b379c473-93b9-4eae-9a09-d482e86cede3">
      <event guid="8079583e-8321-506c-95af-fd2903a5f075" id="25" code="G9JGWY">
        <date>2020-12-14T23:45:00+01:00</date>
        <start>23:45</start>
        <duration>00:30</duration>
        <room>Gray Room</room>
        <slug>democon-25-focused-hardware</slug>
        <url>http://localhost/democon/talk/G9JGWY/</url>
        <recording><license></license><optout>false</optout></recording>
        <title>Focused hardware &amp; more</title>
        <subtitle></subtitle>
        <track>Phased</track>
        <type>Talk</type>
        <language>de</language>
        <abstract>Brand back-end models!</abstract>
        <description>Station provide certain mean.</description>
        <logo></logo>
        <persons>
          <person id="26">Brian Robinson</person><person id="27">Asha Mrisho</person>
        </persons>
        <links><link href="https://example.org/slides.pdf">Slides</link></links>
        <attachments></attachments>
      </event>
    </room>
  </day>
</schedule>
"""


def test_reads_a_foreign_schedule_xml(xsd: xmlschema.XMLSchema) -> None:
    assert [] == xml_errors(xsd, FOREIGN_XML)
    event = interchange.read_schedule(FOREIGN_XML)
    assert ("democon", "Europe/Berlin", 0) == (event.id, event.timezone.key, event.revision)
    (talk,) = event.sessions
    berlin = ZoneInfo("Europe/Berlin")
    assert "democon-25-focused-hardware" == talk.id
    assert {"de": "Focused hardware & more"} == dict(talk.title.texts)
    # past midnight: the event's days reach the next day
    assert (
        datetime(2020, 12, 14, 23, 45, tzinfo=berlin),
        datetime(2020, 12, 15, 0, 15, tzinfo=berlin),
    ) == (talk.start, talk.end)
    assert (date(2020, 12, 14), date(2020, 12, 16)) == (event.first_day, event.last_day)
    assert ["Brian Robinson", "Asha Mrisho"] == [event.person(p).name for p in talk.speakers]
    assert "Brand back-end models!\n\nStation provide certain mean." == talk.description["de"]  # type: ignore[index]
    assert "Gray Room" == event.venue.rooms[0].name["de"]  # type: ignore[union-attr]


def _sessions(event: ee.Event, lang: str) -> list[tuple[Any, ...]]:
    rooms = {r.id: r.name.get(lang) for r in event.venue.rooms} if event.venue else {}
    return sorted(
        (
            s.id,
            s.kind,
            s.title.get(lang),
            s.start,
            s.start.tzinfo.key,  # type: ignore[union-attr]
            s.end,
            rooms.get(s.room) if s.room else None,
            tuple(event.person(p).display_name for p in s.speakers),
            s.description.get(lang) if s.description else None,
        )
        for s in event.sessions
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", ["json", "text", "xml"])
def test_our_export_reads_back(event: ee.Event, lang: str, form: str) -> None:
    if form == "xml":
        data: Any = interchange.schedule_xml(event, lang=lang)
    elif form == "text":
        data = json.dumps(interchange.schedule_json(event, lang=lang))
    else:
        data = interchange.schedule_json(event, lang=lang)
    again = interchange.read_schedule(data)
    assert _sessions(event, lang) == _sessions(again, lang)
    assert (event.first_day, event.last_day, event.timezone) == (
        again.first_day,
        again.last_day,
        again.timezone,
    )
    assert event.title.get(lang) == again.title[lang]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(), st.sampled_from(LANGS))
def test_any_event_exports_valid_files_that_read_back(generated: ee.Event, lang: str) -> None:
    if not C3VOC.is_dir():
        pytest.skip(f"the c3voc schemas are not at {C3VOC}")
    validator, schema = _validators()
    assume(all(xml_text(s.title.get(lang)).strip() for s in generated.sessions))
    document = interchange.schedule_json(generated, lang=lang)
    assert [] == json_errors(validator, document)
    data = interchange.schedule_xml(generated, lang=lang)
    assert [] == xml_errors(schema, data)
    for again, clean in (
        (interchange.read_schedule(document), str.strip),
        (interchange.read_schedule(data), lambda text: xml_text(text).strip()),
    ):
        assert sorted(
            (s.start, s.end, clean(s.title.get(lang))) for s in generated.sessions
        ) == sorted((s.start, s.end, s.title.get(lang)) for s in again.sessions)


_CACHE: dict[str, Any] = {}


def _validators() -> tuple[Any, xmlschema.XMLSchema]:
    if not _CACHE:
        schema = json.loads((C3VOC / "schema.json").read_text(encoding="utf-8"))
        _CACHE["json"] = jsonschema.Draft6Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )
        _CACHE["xml"] = xmlschema.XMLSchema(str(C3VOC / "schedule.xml.xsd"))
    return _CACHE["json"], _CACHE["xml"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "not UTF-8: invalid start byte at byte 0 @ $"),
        ("[]", "expected a JSON object with 'schedule', got list @ $"),
        (
            "{",
            "neither JSON nor XML: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1) @ $",
        ),
        ("<calendar/>", "expected a <schedule> element, got <calendar> @ $"),
        ("<schedule>", "not well-formed XML: no element found: line 1, column 10 @ $"),
        (
            '<!DOCTYPE s [<!ENTITY a "aaaa">]><schedule/>',
            "XML with a DTD or entities is not read @ $",
        ),
        ("{}", "expected 'schedule', an object (a c3voc, frab or pretalx schedule) @ $.schedule"),
        (
            '{"schedule": {}}',
            "expected 'conference', an object with the title and the days @ $.schedule.conference",
        ),
        (42, "expected bytes, a string or a mapping, got int @ $"),
    ],
)
def test_unreadable_input(data: Any, message: str) -> None:
    with pytest.raises(ee.ValidationError) as caught:
        interchange.read_schedule(data)
    assert [message] == caught.value.errors


def test_every_problem_of_the_sessions_with_its_path() -> None:
    at = "$.schedule.conference.days[0].rooms.Ukumbi"
    NINE = "2019-01-30T09:00:00+03:00"  # noqa: N806
    document = {
        "schedule": {
            "conference": {
                "title": "Kikao",
                "time_zone_name": "Mars/Olympus_Mons",
                "days": [
                    {
                        "date": "2019-01-30",
                        "rooms": {
                            "Ukumbi": [
                                {"date": "2019-01-30T09:00:00+03:00", "duration": "1:00"},
                                {"title": "A", "date": "30 Jan", "duration": "1:00"},
                                {"title": "B", "date": NINE, "duration": "1h"},
                                {"title": "C", "date": NINE, "duration": "0:00"},
                                {"title": "D", "date": NINE, "duration": "1:00",
                                 "persons": [{"id": 3}, "Asha"]},
                                "talk",
                            ]
                        },
                    }
                ],
            }
        }
    }  # fmt: skip
    with pytest.raises(ee.ValidationError) as caught:
        interchange.read_schedule(document)
    assert [
        "unknown time zone 'Mars/Olympus_Mons': expected an IANA name such as 'Africa/Dar_es_Salaam' @ $.schedule.conference.time_zone_name",  # noqa: E501
        f"a session needs a title @ {at}[0].title",
        f"not an ISO 8601 date and time: '30 Jan' @ {at}[1].date",
        f"expected a duration as H:MM, e.g. '01:30', got '1h' @ {at}[2].duration",
        f"a session must last longer than 0:00 @ {at}[3].duration",
        f"a person needs a name (name or public_name) @ {at}[4].persons[0].name",
        f"expected an object with a name, got str @ {at}[4].persons[1]",
        f"expected an event object, got str @ {at}[5]",
    ] == caught.value.errors


def test_a_session_given_by_day_and_clock_in_the_conference_zone() -> None:
    document = {
        "schedule": {
            "version": "3",
            "conference": {
                "title": "Kikao",
                "acronym": "kikao",
                "time_zone_name": "Africa/Dar_es_Salaam",
                "days": [
                    {
                        "date": "2019-01-30",
                        "rooms": {
                            "Ukumbi": [
                                {
                                    "title": "Ufunguzi",
                                    "start": "09:00",
                                    "duration": "0:45",
                                    "language": "sw",
                                    "type": "Workshop",
                                }
                            ]
                        },
                    }
                ],
            },
        }
    }
    event = interchange.read_schedule(document)
    (session,) = event.sessions
    assert datetime(2019, 1, 30, 9, 0, tzinfo=TZ) == session.start
    assert datetime(2019, 1, 30, 9, 45, tzinfo=TZ) == session.end
    assert ("Ufunguzi", ee.SessionKind.BREAKOUT, 3) == (
        session.title["sw"],
        session.kind,
        event.revision,
    )


# -- schema.org JSON-LD ------------------------------------------------------------


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") not in {"https://schema.org", "http://schema.org"}:
        msg = f"no network in the tests: {url}"
        raise jsonld.JsonLdError(msg, "loading document failed")
    document = json.loads((FIXTURES / "context.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _keys(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _schema_keys(value: object) -> set[str]:
    return {k for k in _keys(value) if not k.startswith("@")}


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_expands_offline_with_every_term_known(event: ee.Event, lang: str) -> None:
    document = interchange.json_ld(event, lang=lang)
    expanded = jsonld.expand(document, {"documentLoader": _loader})
    # each term became its schema.org IRI; a term unknown to the context would be dropped
    assert {f"https://schema.org/{k}" for k in _schema_keys(document)} == set(_keys(expanded)) - {
        "@id",
        "@type",
        "@value",
    }
    (workshop,) = expanded
    assert ["https://schema.org/EducationEvent"] == workshop["@type"]
    assert [{"@value": event.title.get(lang)}] == workshop["https://schema.org/name"]
    organizer = workshop["https://schema.org/organizer"][0]
    assert ["https://schema.org/GovernmentOrganization"] == organizer["@type"]
    assert [{"@id": "https://schema.org/EventScheduled"}] == workshop[
        "https://schema.org/eventStatus"
    ]
    assert 38 == len(workshop["https://schema.org/subEvent"])


@pytest.fixture(scope="module")
def google() -> Any:
    schema = json.loads((FIXTURES / "google-event.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_has_what_google_requires_and_recommends(
    event: ee.Event, google: Any, lang: str
) -> None:
    document = interchange.json_ld(event, lang=lang)
    assert [] == json_errors(google, document)
    assert lang == document["inLanguage"]
    assert "https://schema.org/OfflineEventAttendanceMode" == document["eventAttendanceMode"]
    place = document["location"]
    assert {
        "@type": "PostalAddress",
        "addressLocality": "Dodoma",
        "addressRegion": "Dodoma",
        "addressCountry": "TZ",
    } == place["address"]
    for session in event.sessions:
        page = interchange.json_ld(event, lang=lang, session=session)
        assert [] == json_errors(google, {**page, "subEvent": []})
        assert document["@id"] == page["superEvent"]["@id"]


def test_the_google_schema_catches_what_google_refuses(event: ee.Event, google: Any) -> None:
    document = interchange.json_ld(event)
    no_address = {**document, "location": {"@type": "Place", "name": "UDOM"}}
    date_only = {**document, "startDate": "2019-01-30"}
    stray = {**document, "previousStartDate": document["startDate"]}
    assert json_errors(google, no_address)
    assert json_errors(google, date_only)
    assert json_errors(google, stray)


def test_json_ld_names_performers_and_sponsors_without_email(event: ee.Event) -> None:
    sponsor = ee.Sponsor(organization="udom")
    with_sponsor = attrs.evolve(event, sponsors=(sponsor,), calls=())
    document = interchange.json_ld(with_sponsor, lang="en")
    assert "CollegeOrUniversity" == document["sponsor"][0]["@type"]
    panel = next(s for s in document["subEvent"] if s["name"].startswith("Panel"))
    names = [event.person(p).display_name for p in event.session("s-2019-02-01-panel").speakers]
    assert names == [p["name"] for p in panel["performer"]]
    assert {"@type": "Audience", "audienceType": "Group 2"} == panel["audience"][0]
    assert "@" not in re.sub(r'"@\w+"', "", json.dumps(document))


def test_a_cancelled_event_keeps_its_start(event: ee.Event) -> None:
    cancelled = attrs.evolve(event, status=ee.EventStatus.CANCELLED, calls=())
    document = interchange.json_ld(cancelled)
    assert "https://schema.org/EventCancelled" == document["eventStatus"]
    assert interchange.json_ld(event)["startDate"] == document["startDate"]
    assert "previousStartDate" not in document
    assert {"https://schema.org/EventCancelled"} == {s["eventStatus"] for s in document["subEvent"]}


def test_a_moved_session_and_a_moved_event_are_rescheduled(event: ee.Event, google: Any) -> None:
    later = timedelta(days=7)
    moved = attrs.evolve(
        event,
        first_day=event.first_day + later,
        last_day=event.last_day + later,
        sessions=tuple(
            attrs.evolve(s, start=s.start + later, end=s.end + later) for s in event.sessions
        ),
        groups=tuple(attrs.evolve(g, days=[d + later for d in g.days]) for g in event.groups),
        participants=(),
        calls=(),
    )  # fmt: skip
    document = interchange.json_ld(moved, lang="en", previous=event)
    assert "https://schema.org/EventRescheduled" == document["eventStatus"]
    assert "2019-01-30T08:00:00+03:00" == document["previousStartDate"]
    assert "2019-02-06T08:00:00+03:00" == document["startDate"]
    page = interchange.json_ld(moved, session="s-2019-02-01-panel", previous=event)
    assert ("https://schema.org/EventRescheduled", "2019-02-01T12:30:00+03:00") == (
        page["eventStatus"],
        page["previousStartDate"],
    )
    assert [] == json_errors(google, document)
    one_cancelled = attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=ee.SessionStatus.CANCELLED)
            if s.id == "s-2019-02-01-panel"
            else s
            for s in event.sessions
        ),
        calls=(),
    )
    page = interchange.json_ld(one_cancelled, session="s-2019-02-01-panel", previous=event)
    assert "https://schema.org/EventCancelled" == page["eventStatus"]
    assert "https://schema.org/EventScheduled" == interchange.json_ld(one_cancelled)["eventStatus"]


def test_json_ld_is_extracted_from_every_page_of_the_site(
    event: ee.Event, google: Any, tmp_path: Path
) -> None:
    """What a crawler reads from the published site is the JSON-LD, intact, on each page."""
    pytest.importorskip("jinja2", reason="the site extra (Jinja2) is not installed")
    from egov_events import site  # noqa: PLC0415

    site.build(event, tmp_path)
    for lang in LANGS:
        index = (tmp_path / lang / "index.html").read_text(encoding="utf-8")
        (found,) = extruct.extract(index, syntaxes=["json-ld"])["json-ld"]
        assert interchange.json_ld(event, lang=lang) == found
        for session in event.sessions:
            page = tmp_path / lang / "sessions" / f"{session.id}.html"
            (found,) = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"])[
                "json-ld"
            ]
            assert interchange.json_ld(event, lang=lang, session=session) == found
            assert [] == json_errors(google, {**found, "subEvent": []})


def test_json_ld_identifiers_never_collide(event: ee.Event) -> None:
    renamed = tuple(
        attrs.evolve(s, id="event") if s.id == "s-2019-01-30-opening" else s for s in event.sessions
    )
    document = interchange.json_ld(attrs.evolve(event, sessions=renamed, calls=()))
    ids = [document["@id"], document["superEvent"]["@id"]]
    ids += [s["@id"] for s in document["subEvent"]]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("urn:uuid:") for i in ids)
    with_url = attrs.evolve(event, url="https://example.go.tz/kikao-kazi-2019", calls=())
    page = interchange.json_ld(with_url, session="s-2019-01-30-opening")
    assert "https://example.go.tz/kikao-kazi-2019#event" == page["superEvent"]["@id"]
    assert "https://example.go.tz/kikao-kazi-2019#s-2019-01-30-opening" == page["url"]


def test_json_ld_unknown_session(event: ee.Event) -> None:
    with pytest.raises(KeyError, match="no session with id 'nope'"):
        interchange.json_ld(event, session="nope")


# -- jCal ----------------------------------------------------------------------------


def _calendars(event: ee.Event) -> Iterator[Calendar]:
    for lang in LANGS:
        yield ical.calendar(event, lang=lang)
        for group in event.groups:
            yield ical.calendar(event, lang=lang, group=group)
    participant = event.participants[0]
    yield ical.calendar(event, participant=participant)
    yield from ical.invitations(event, participant, lang="en")
    yield from ical.cancellations(event, participant, lang="en")
    for message in ical.invitation_emails(event, participant):
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                yield Calendar.from_ical(payload)


def test_every_calendar_goes_to_jcal_and_back_to_the_same_bytes(event: ee.Event) -> None:
    cancelled = attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=ee.SessionStatus.CANCELLED)
            if s.start.date() == date(2019, 1, 31)
            else s
            for s in event.sessions
        ),
        revision=1,
        calls=(),
    )
    called_off = attrs.evolve(event, status=ee.EventStatus.CANCELLED, revision=2, calls=())
    calendars = [*_calendars(event), *_calendars(cancelled), *_calendars(called_off)]
    assert any(c.get("METHOD") == "CANCEL" for c in calendars)
    for calendar in calendars:
        data = interchange.jcal(calendar)
        assert "vcalendar" == data[0]
        text = json.dumps(data)
        assert calendar.to_ical() == interchange.from_jcal(text).to_ical()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(), st.sampled_from(LANGS))
def test_any_feed_goes_to_jcal_and_back(generated: ee.Event, lang: str) -> None:
    feed = ical.calendar(generated, lang=lang)
    assert feed.to_ical() == interchange.from_jcal(json.dumps(interchange.jcal(feed))).to_ical()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "{",
            "not JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1) @ $",
        ),
        (
            "{}",
            "expected jCal: a list ['vcalendar', [properties], [components]] "
            "(RFC 7265 section 3) @ $",
        ),
        ('["vevent", [], []]', "expected a 'vcalendar', got 'vevent' @ $[0]"),
        (b"\xff", "not UTF-8: invalid start byte @ $"),
    ],
)
def test_unreadable_jcal(data: Any, message: str) -> None:
    with pytest.raises(ee.ValidationError) as caught:
        interchange.from_jcal(data)
    assert [message] == caught.value.errors


def test_malformed_jcal_is_a_validation_error() -> None:
    with pytest.raises(ee.ValidationError, match="not valid jCal"):
        interchange.from_jcal('["vcalendar", [["dtstart", {}, "date-time"]], []]')


# -- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("form", ["xml", "json", "jsonld", "jcal"])
def test_cli_writes_each_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, event: ee.Event, form: str
) -> None:
    out_file = tmp_path / f"programme.{form}"
    status, out, err = run(
        capsys, "schedule", "--format", form, "--lang", "en", "-o", str(out_file)
    )
    assert (0, "") == (status, err)
    assert f"Programme written: {out_file} ({form}, 38 sessions)\n" == out
    data = out_file.read_bytes()
    expected: Any
    if form == "xml":
        assert interchange.schedule_xml(event, lang="en") == data
        return
    if form == "json":
        expected = interchange.schedule_json(event, lang="en")
    elif form == "jsonld":
        expected = interchange.json_ld(event, lang="en")
    else:
        expected = interchange.jcal(ical.calendar(event, lang="en"))
    assert expected == json.loads(data)


def test_cli_writes_schedule_xml_in_swahili_to_stdout(
    capfdbinary: pytest.CaptureFixture[bytes], event: ee.Event
) -> None:
    assert 0 == main(["schedule"])
    assert interchange.schedule_xml(event) == capfdbinary.readouterr().out


def test_cli_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "schedule", "--format", "pdf")
    assert 2 == status
    assert "invalid choice: 'pdf'" in err


@needs_c3voc
def test_cli_reads_a_foreign_schedule_into_an_event(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "camp.json"
    source = C3VOC / "frab-camp2019.json"
    status, out, _ = run(capsys, "read-schedule", str(source), "-o", str(out_file), "--lang", "en")
    assert (0, f"Event written: {out_file} (79 sessions)\n") == (status, out)
    assert interchange.read_schedule(source.read_bytes()) == ee.load(out_file)


def test_cli_read_schedule_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schedule": {}}', encoding="utf-8")
    status, out, err = run(capsys, "read-schedule", str(bad), "-o", str(tmp_path / "out.json"))
    assert (1, "") == (status, out)
    assert "'conference' ilitarajiwa, kitu chenye kichwa na siku @ $.schedule.conference\n" == err
    status, out, err = run(
        capsys, "read-schedule", str(bad), "-o", str(tmp_path / "out.json"), "--lang", "en"
    )
    assert (1, "") == (status, out)
    assert (
        "expected 'conference', an object with the title and the days @ $.schedule.conference\n"
        == err
    )
    assert not (tmp_path / "out.json").exists()
    status, _, err = run(capsys, "read-schedule", str(tmp_path / "missing.json"), "--lang", "en")
    assert 2 == status
    assert f"egov-events: cannot read {tmp_path / 'missing.json'}: no such file\n" == err
