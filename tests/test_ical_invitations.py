"""Invitations are plain calendars of their own; the bulk writer gives their exact bytes.

:func:`egov_events.ical.invitations` returns ordinary
:class:`icalendar.Calendar` objects: changing one changes its own output and
nothing else. The bulk writer behind :func:`~egov_events.ical.invitation_emails`
(and ``send_emails`` and the command line) writes what a group's members
share once; these tests prove its bytes are what ``to_ical()`` gives, for
every participant of the bundled workshop, the golden file and generated
events.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from icalendar import Alarm, Calendar

import egov_events as ee
from egov_events import ical
from egov_events.ical import _bulk, _common
from egov_events.model import Event, EventStatus, SessionStatus
from tests import strategies


@pytest.fixture(scope="module")
def event() -> Event:
    return ee.examples.kikao_kazi_2019()


def _events(cal: Calendar) -> list[Any]:
    """The VEVENTs, typed loosely: tests change their properties' attributes directly."""
    return list(cal.walk("VEVENT"))


def _plain(cal: Calendar) -> Calendar:
    """An ordinary icalendar Calendar holding *cal*'s properties and components."""
    plain = Calendar()
    plain.update(cal)
    plain.subcomponents = list(cal.subcomponents)
    return plain


def _variants(event: Event) -> list[Event]:
    day_off = tuple(
        attrs.evolve(s, status=SessionStatus.CANCELLED) if s.id.startswith("s-2019-01-31") else s
        for s in event.sessions
    )
    return [
        event,
        attrs.evolve(event, sessions=day_off),
        attrs.evolve(event, status=EventStatus.TENTATIVE, url="https://example.go.tz/a?b=1,c;d"),
    ]


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_an_invitation_writes_what_icalendar_writes_for_its_components(
    event: Event, lang: str
) -> None:
    for changed in _variants(event):
        for pid in ("p-0001", "p-0600", "p-0786"):
            written = [cal.to_ical() for cal in ical.invitations(changed, pid, lang=lang)]
            calendars = ical.invitations(changed, pid, lang=lang)
            assert all(isinstance(cal, Calendar) for cal in calendars)
            assert written == [_plain(cal).to_ical() for cal in calendars]  # builds them
            assert written == [cal.to_ical() for cal in calendars]  # built, same bytes
            assert [_plain(cal).to_ical(sorted=False) for cal in calendars] == [
                cal.to_ical(sorted=False) for cal in ical.invitations(changed, pid, lang=lang)
            ]


def test_changing_one_invitation_changes_it_and_nothing_else(event: Event) -> None:
    feed = ical.calendar(event).to_ical()
    mine, other_group = ical.invitations(event, "p-0001")
    (theirs,) = ical.invitations(event, "p-0002")[:1]
    before = [mine.to_ical(), other_group.to_ical(), theirs.to_ical()]

    master, override = _events(mine)
    master["ATTENDEE"].params["PARTSTAT"] = "ACCEPTED"
    master["ORGANIZER"].params["CN"] = "Mratibu Mwingine"
    master["SUMMARY"] = "Kikao kilichobadilishwa"
    override["DTEND"].dt += timedelta(hours=1)
    master.add_component(Alarm({"ACTION": "DISPLAY", "TRIGGER": timedelta(hours=-1)}))
    mine.walk("VTIMEZONE")[0].add("X-CHANGED", "ndiyo")
    mine["PRODID"].params["X-CHANGED"] = "ndiyo"

    data = mine.to_ical().decode().replace("\r\n ", "")
    assert "PARTSTAT=ACCEPTED" in data
    assert 'CN="Mratibu Mwingine"' in data
    assert "SUMMARY:Kikao kilichobadilishwa\r\n" in data
    assert "DTEND;TZID=Africa/Dar_es_Salaam:20190131T173000\r\n" in data
    assert "BEGIN:VALARM\r\n" in data
    assert "X-CHANGED:ndiyo\r\n" in data
    assert "PRODID;X-CHANGED=ndiyo:" in data
    assert mine.to_ical() == _plain(mine).to_ical()
    # The participant's other invitation, another participant's, the same one
    # asked for again, and the feed that shares the time zone: unchanged.
    again = ical.invitations(event, "p-0001")
    assert before == [again[0].to_ical(), other_group.to_ical(), theirs.to_ical()]
    assert before[1] == again[1].to_ical()
    assert [str(e["ATTENDEE"].params["PARTSTAT"]) for e in _events(again[0])] == [
        "NEEDS-ACTION",
        "NEEDS-ACTION",
    ]
    assert feed == ical.calendar(event).to_ical()


def test_changing_the_calendar_properties_alone_shows_in_its_output(event: Event) -> None:
    cal, _ = ical.invitations(event, "p-0001")
    untouched = cal.to_ical()
    cal.add("X-WR-CALNAME", _common.text("Mwaliko"))
    cal["METHOD"].params["X-NOTE"] = "1"
    data = cal.to_ical()
    assert b"X-WR-CALNAME:Mwaliko\r\n" in data
    assert b"METHOD;X-NOTE=1:REQUEST\r\n" in data
    assert data == _plain(cal).to_ical()
    assert untouched == ical.invitations(event, "p-0001")[0].to_ical()


def test_copies_and_pickles_are_calendars_of_their_own(event: Event) -> None:
    expected = ical.invitations(event, "p-0001")[0].to_ical()
    makers: list[Callable[[Calendar], Calendar]] = [
        lambda cal: cal.copy(recursive=True),
        copy.deepcopy,
        lambda cal: pickle.loads(pickle.dumps(cal)),  # noqa: S301 (our own bytes)
    ]
    for make in makers:
        original = ical.invitations(event, "p-0001")[0]
        duplicate = make(original)
        assert expected == duplicate.to_ical() == original.to_ical()
        _events(duplicate)[0]["ATTENDEE"].params["RSVP"] = "FALSE"
        assert b"RSVP=FALSE" in duplicate.to_ical().replace(b"\r\n ", b"")
        assert expected == original.to_ical()
    shallow = ical.invitations(event, "p-0001")[0].copy()
    assert ([], "REQUEST") == (shallow.subcomponents, shallow["METHOD"])  # as icalendar's copy()


def test_a_vtimezone_is_copied_for_each_invitation_not_shared(event: Event) -> None:
    first = ical.invitations(event, "p-0001")
    second = ical.invitations(event, "p-0002")
    zones = [cal.walk("VTIMEZONE")[0] for cal in [*first, *second]]
    assert len({id(zone) for zone in zones}) == len(zones)
    assert all(zone is not _common.vtimezone("Africa/Dar_es_Salaam") for zone in zones)
    assert all(zone == zones[0] for zone in zones)


def test_invitations_are_plain_icalendar_calendars(event: Event) -> None:
    assert [Calendar, Calendar] == [type(cal) for cal in ical.invitations(event, "p-0001")]


def _written(event: Event, pid: str, lang: str) -> list[tuple[str, bytes]] | str:
    """The bulk writer's bytes by group, or the error it raised."""
    try:
        found = _bulk.invitation_bytes(event, event.participant(pid), lang)
    except ValueError as exc:
        return str(exc)
    return [(group.id, data) for group, data in found]


def _expected(event: Event, pid: str, lang: str) -> list[tuple[str, bytes]] | str:
    """What ``to_ical()`` of each of the participant's invitations gives, or the error."""
    try:
        calendars = ical.invitations(event, pid, lang=lang)
    except ValueError as exc:
        return str(exc)
    groups = [str(cal.events[0]["UID"]).split("+")[1].split("@")[0] for cal in calendars]
    return [(g, cal.to_ical()) for g, cal in zip(groups, calendars, strict=True)]


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_the_bulk_writer_writes_what_to_ical_writes_for_every_participant(
    event: Event, lang: str
) -> None:
    for p in event.participants:
        assert _expected(event, p.id, lang) == _written(event, p.id, lang)
    for changed in _variants(event)[1:]:
        for p in changed.participants[::37]:
            assert _expected(changed, p.id, lang) == _written(changed, p.id, lang)


def test_the_bulk_writer_writes_the_golden_invitation(event: Event) -> None:
    golden = (
        Path(__file__).with_name("golden") / "kikao-kazi-2019-p-0001-group-1.ics"
    ).read_bytes()
    assert ("group-1", golden) == _written(event, "p-0001", "sw")[0]


def _reachable(event: Event) -> Event:
    """*event* with an address for everyone and every group meeting every day: invitations."""
    # Addresses by position: an id may not make one ("0..0@example.org" is malformed).
    return attrs.evolve(
        event,
        organizations=tuple(
            attrs.evolve(o, email=f"org-{i}@example.org") for i, o in enumerate(event.organizations)
        ),
        people=tuple(
            attrs.evolve(p, email=f"person-{i}@example.org") for i, p in enumerate(event.people)
        ),
        groups=tuple(attrs.evolve(g, days=event.days) for g in event.groups),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events())
def test_the_bulk_writer_writes_what_to_ical_writes_for_generated_events(generated: Event) -> None:
    event = _reachable(generated)
    for lang in ("sw", "en"):
        for p in event.participants:
            assert _expected(event, p.id, lang) == _written(event, p.id, lang)


def test_the_bulk_writer_keeps_its_parts_with_the_event(event: Event) -> None:
    # Group 1's invitation at another SEQUENCE (each group keeps its own).
    raised = attrs.evolve(event.groups[0], sequence=event.groups[0].sequence + 2)
    changed = attrs.evolve(event, groups=(raised, *event.groups[1:]))
    first = _written(changed, "p-0001", "sw")
    again = _written(changed, "p-0001", "sw")
    assert first == again
    assert first != _written(event, "p-0001", "sw")  # another event, its own parts
