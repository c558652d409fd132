"""Invitations through their changes on a real CalDAV server (Radicale on 127.0.0.1).

Each step of a scenario (invite, move a day's sessions, cancel a day) is a
revision made with :func:`egov_events.revisions.revise`; after it the
invitations of that revision are stored, one resource per UID without
METHOD (RFC 4791 section 4.1), replacing what the server held, and a
resource whose object is gone is deleted. Then the server must hold
exactly what the latest revision gives, and its time-range queries (its
own expansion of RRULE, EXDATE and overrides) must find the group's object
on each remaining day at its hours and not on a cancelled day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import icalendar
import pytest

import egov_events as ee
from egov_events import ical
from egov_events.model import Event, SessionStatus
from egov_events.revisions import revise
from tests.test_caldav import Server, server

__all__ = ["server"]  # the Radicale fixture, shared with tests/test_caldav.py

PID = "p-0001"
DAY2 = date(2019, 1, 31)


def _resources(event: Event, form: str) -> dict[str, bytes]:
    """The participant's invitations, one calendar per UID, without METHOD."""
    out = {}
    for obj in ical.scheduling_objects(event, PID, instances=form):
        if obj.group.id != "group-1":
            continue
        cal = icalendar.Calendar.from_ical(obj.calendar.to_ical())
        del cal["METHOD"]
        out[obj.uid] = cal.to_ical()
    return out


def _path(collection: str, uid: str) -> str:
    return f"{collection}{uid.split('@', maxsplit=1)[0].replace('+', '_')}.ics"


def _store(server: Server, collection: str, held: set[str], wanted: dict[str, bytes]) -> set[str]:
    for uid, data in wanted.items():
        status, _ = server.request(
            "PUT", _path(collection, uid), data, {"Content-Type": "text/calendar; charset=utf-8"}
        )
        assert status in {201, 204}, (uid, status)
    for uid in held - set(wanted):
        assert 200 <= server.request("DELETE", _path(collection, uid))[0] < 300
    return set(wanted)


def _significant(data: bytes) -> list[tuple[Any, ...]]:
    """What a client compares: each VEVENT's UID, times, recurrence and SEQUENCE."""
    out = []
    vevents: list[Any] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    for ev in vevents:
        out.append(
            (
                str(ev["UID"]),
                ev["DTSTART"].dt,
                ev["DTEND"].dt,
                ev["RECURRENCE-ID"].dt if "RECURRENCE-ID" in ev else None,
                ev["RRULE"].to_ical() if "RRULE" in ev else None,
                tuple(d.dt for d in ev["EXDATE"].dts) if "EXDATE" in ev else (),
                int(ev["SEQUENCE"]),
                str(ev["DESCRIPTION"]) if "DESCRIPTION" in ev else None,
            )
        )
    return sorted(out, key=lambda row: (row[0], row[3] is not None, str(row[3])))


def _found(server: Server, collection: str, start: datetime, end: datetime) -> bool:
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start:%Y%m%dT%H%M%SZ}" end="{end:%Y%m%dT%H%M%SZ}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
    status, answer = server.request(
        "REPORT", collection, body, {"Depth": "1", "Content-Type": "application/xml"}
    )
    assert 207 == status
    return b".ics" in answer


def _move_day2(event: Event) -> Event:
    hour = timedelta(hours=1)
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, start=s.start + hour, end=s.end + hour)
            if event.day_of(s.start) == DAY2
            else s
            for s in event.sessions
        ),
    )


def _cancel_day2(event: Event) -> Event:
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=SessionStatus.CANCELLED) if event.day_of(s.start) == DAY2 else s
            for s in event.sessions
        ),
    )


def _unchanged(event: Event) -> Event:
    return event


STEPS: list[tuple[str, Callable[[Event], Event]]] = [
    ("move the second day by an hour", _move_day2),
    ("cancel the second day", _cancel_day2),
]


@pytest.mark.parametrize("form", ["recurring", "per-day"])
def test_invite_move_and_cancel_a_day_on_a_caldav_server(server: Server, form: str) -> None:
    collection = f"/egov/invitations-{form}/"
    assert 201 == server.request("MKCALENDAR", collection)[0]
    event = ee.examples.kikao_kazi_2019()
    held = _store(server, collection, set(), _resources(event, form))
    at = event.updated
    for step, change in [("invite", _unchanged), *STEPS]:
        if step != "invite":
            at += timedelta(days=1)
            event = revise(event, change(event), at=at)
            held = _store(server, collection, held, _resources(event, form))
        for uid, data in _resources(event, form).items():
            status, stored = server.request("GET", _path(collection, uid))
            assert (step, uid, 200) == (step, uid, status)
            assert (step, _significant(data)) == (step, _significant(stored))
        for day in event.group_days("group-1"):
            start, end = day.start.astimezone(UTC), day.end.astimezone(UTC)
            inside = start + timedelta(minutes=1), start + timedelta(minutes=2)
            before = start - timedelta(minutes=2), start - timedelta(minutes=1)
            after = end + timedelta(minutes=1), end + timedelta(minutes=2)
            assert (step, day.day, not day.cancelled) == (
                step,
                day.day,
                _found(server, collection, *inside),
            )
            assert (step, day.day, False, False) == (
                step,
                day.day,
                _found(server, collection, *before),
                _found(server, collection, *after),
            )
    status, listing = server.request("PROPFIND", collection, b"", {"Depth": "1"})
    assert 207 == status
    assert len(held) == listing.count(b".ics</")
