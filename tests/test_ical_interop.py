"""Four independent readers parse every calendar egov_events.ical writes.

icalendar (the writer's own library), vobject (``readOne(validate=True)``,
the parser of Radicale), ical (its own pydantic grammar) and
recurring-ical-events (expansion of recurrences): each reads the feeds
(whole event, each group, a sample of participants, both languages), the
invitations and the cancellations, and finds the model's times in the
model's zones.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
import recurring_ical_events
import vobject
from ical.calendar_stream import IcsCalendarStream

import egov_events as ee
from egov_events import ical
from egov_events.ical._itip import group_days
from egov_events.model import Event, EventStatus, SessionStatus
from egov_events.revisions import revise

EAT = ZoneInfo("Africa/Dar_es_Salaam")
SAMPLE = ("p-0001", "p-0333", "p-0521", "p-0690", "p-0691", "p-0786")
"""Participants of every kind: groups 1 and 3, groups 2 and 3, group 3 only."""


def _event() -> Event:
    return ee.examples.kikao_kazi_2019()


def _feeds() -> Iterator[tuple[str, bytes, tuple[str, ...]]]:
    """``(name, data, session ids)`` of every feed the tests check."""
    event = _event()
    for lang in ("sw", "en"):
        yield (
            f"event-{lang}",
            ical.calendar(event, lang=lang).to_ical(),
            tuple(s.id for s in event.sessions),
        )
        for g in event.groups:
            yield (
                f"{g.id}-{lang}",
                ical.calendar(event, group=g, lang=lang).to_ical(),
                tuple(s.id for s in event.sessions_for_group(g)),
            )
        for pid in SAMPLE:
            yield (
                f"{pid}-{lang}",
                ical.calendar(event, participant=pid, lang=lang).to_ical(),
                tuple(s.id for s in event.sessions_of(pid)),
            )


FEEDS = list(_feeds())


def _invitations() -> Iterator[tuple[str, bytes, str]]:
    """``(name, data, group id)`` of every invitation the tests check."""
    event = _event()
    for lang in ("sw", "en"):
        for pid in SAMPLE:
            groups = [g.id for g in event.groups if g.id in event.participant(pid).groups]
            for gid, cal in zip(groups, ical.invitations(event, pid, lang=lang), strict=True):
                yield f"{pid}-{gid}-{lang}", cal.to_ical(), gid


INVITATIONS = list(_invitations())


def _day_off(event: Event) -> Event:
    """*event* with every session of 31 January cancelled (group 1's second day)."""
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=SessionStatus.CANCELLED)
            if s.id.startswith("s-2019-01-31")
            else s
            for s in event.sessions
        ),
    )


def _cancellations() -> Iterator[tuple[str, bytes]]:
    event = _event()
    at = event.updated + timedelta(days=1)
    called_off = revise(event, attrs.evolve(event, status=EventStatus.CANCELLED), at=at)
    day_off = revise(event, _day_off(event), at=at)
    for lang in ("sw", "en"):
        for pid in SAMPLE[:3]:
            for n, cal in enumerate(ical.cancellations(called_off, pid, lang=lang)):
                yield f"event-{pid}-{n}-{lang}", cal.to_ical()
        for n, cal in enumerate(ical.cancellations(day_off, "p-0001", lang=lang)):
            yield f"day-p-0001-{n}-{lang}", cal.to_ical()


CANCELLATIONS = list(_cancellations())
EVERY = [(n, d) for n, d, _ in FEEDS] + [(n, d) for n, d, _ in INVITATIONS] + CANCELLATIONS


def _vevents(data: bytes) -> list[Any]:
    """icalendar's VEVENTs, typed loosely: tests read their properties' attributes."""
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def _uid(session_id: str) -> str:
    return f"{session_id}@kikao-kazi-2019.egov-events"


def _model_times() -> dict[str, tuple[datetime, datetime]]:
    return {_uid(s.id): (s.start, s.end) for s in _event().sessions}


def test_there_is_something_to_check() -> None:
    assert (20, 20, 14) == (len(FEEDS), len(INVITATIONS), len(CANCELLATIONS))


@pytest.mark.parametrize(("name", "data"), EVERY, ids=[n for n, _ in EVERY])
def test_icalendar_and_vobject_read_it_and_it_lints_clean(name: str, data: bytes) -> None:
    assert [] == ical.lint(data)
    cal = icalendar.Calendar.from_ical(data)
    assert [] == [e for c in cal.walk() for e in getattr(c, "errors", [])]
    parsed = vobject.readOne(data.decode("utf-8"), validate=True)
    assert len(cal.walk("VEVENT")) == len(parsed.vevent_list)
    for mine, theirs in zip(_vevents(data), parsed.vevent_list, strict=True):
        assert str(mine["UID"]) == theirs.uid.value
        assert mine["DTSTART"].dt == theirs.dtstart.value
        assert "Africa/Dar_es_Salaam" == theirs.dtstart.params["X-VOBJ-ORIGINAL-TZID"][0]
        assert str(mine["SUMMARY"]) == theirs.summary.value


@pytest.mark.parametrize(("name", "data", "sessions"), FEEDS, ids=[n for n, _, _ in FEEDS])
def test_feeds_agree_with_the_model_in_every_reader(
    name: str, data: bytes, sessions: tuple[str, ...]
) -> None:
    expected = {_uid(sid): _model_times()[_uid(sid)] for sid in sessions}
    text = data.decode("utf-8")
    readers = {}
    readers["icalendar"] = {str(e["UID"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in _vevents(data)}
    readers["vobject"] = {
        e.uid.value: (e.dtstart.value, e.dtend.value)
        for e in vobject.readOne(text, validate=True).vevent_list
    }
    readers["ical"] = {
        e.uid: (e.dtstart, e.dtend) for e in IcsCalendarStream.calendar_from_ics(text).events
    }
    readers["recurring-ical-events"] = {
        str(e["UID"]): (e["DTSTART"].dt, e["DTEND"].dt)
        for e in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(
            date(2019, 1, 1), date(2019, 3, 1)
        )
    }
    for reader, found in readers.items():
        assert (reader, expected) == (reader, found)
    zones = {
        "icalendar": {str(e["DTSTART"].dt.tzinfo) for e in _vevents(data)},
        "ical": {
            str(e.dtstart.tzinfo)  # type: ignore[union-attr]
            for e in IcsCalendarStream.calendar_from_ics(text).events
        },
    }
    assert {"icalendar": {"Africa/Dar_es_Salaam"}, "ical": {"Africa/Dar_es_Salaam"}} == zones


@pytest.mark.parametrize(("name", "data", "group"), INVITATIONS, ids=[n for n, _, _ in INVITATIONS])
def test_invitations_expand_to_the_groups_days_and_hours(
    name: str, data: bytes, group: str
) -> None:
    event = _event()
    expected = [(d.start, d.end) for d in group_days(event, event.group(group))]
    assert expected  # every group of the sample has days
    days = [d.day for d in group_days(event, event.group(group))]
    assert list(event.group(group).days) == days
    by_recurring = [
        (e["DTSTART"].dt, e["DTEND"].dt)
        for e in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(
            datetime(2019, 1, 1, tzinfo=EAT), datetime(2019, 3, 1, tzinfo=EAT)
        )
    ]
    assert expected == by_recurring
    text = data.decode("utf-8")
    by_ical = [(i.start, i.end) for i in IcsCalendarStream.calendar_from_ics(text).timeline]
    assert expected == by_ical
    master = vobject.readOne(text, validate=True).vevent
    # vobject expands the rule alone (no overrides): one instance on each day
    assert days == [d.date() for d in (master.getrruleset(addRDate=True) or [master.dtstart.value])]
    hours = {
        "group-1": [(time(8), time(17)), (time(8, 30), time(16, 30))],
        "group-2": [(time(8), time(17))],
        "group-3": [(time(8, 30), time(16, 30))],
    }[group]
    assert hours == [
        (a.timetz().replace(tzinfo=None), b.timetz().replace(tzinfo=None)) for a, b in by_recurring
    ]
    assert {EAT} == {a.tzinfo for a, _ in by_recurring}


def test_a_cancelled_day_disappears_from_the_expansion() -> None:
    event = _event()
    day_off = _day_off(event)
    request = ical.invitations(day_off, "p-0001")[0].to_ical()
    instances = recurring_ical_events.of(icalendar.Calendar.from_ical(request)).between(
        date(2019, 1, 1), date(2019, 3, 1)
    )
    assert [datetime(2019, 1, 30, 8, tzinfo=EAT)] == [e["DTSTART"].dt for e in instances]
    assert [datetime(2019, 1, 30, 8, tzinfo=EAT)] == [
        i.start for i in IcsCalendarStream.calendar_from_ics(request.decode()).timeline
    ]


def test_cancellations_parse_in_every_reader() -> None:
    for name, data in CANCELLATIONS:
        text = data.decode("utf-8")
        cal = icalendar.Calendar.from_ical(data)
        assert "CANCEL" == cal["METHOD"], name
        parsed = vobject.readOne(text, validate=True)
        assert {"CANCELLED"} == {e.status.value for e in parsed.vevent_list}
        events = IcsCalendarStream.calendar_from_ics(text).events
        assert {2} == {e.sequence for e in events}
        recurring_ical_events.of(cal).between(date(2019, 1, 1), date(2019, 3, 1))


def test_read_gives_back_what_every_feed_holds() -> None:
    times = _model_times()
    for name, data, sessions in FEEDS:
        back = ical.read(data)
        assert [times[_uid(s)] for s in sorted(sessions, key=lambda s: (times[_uid(s)][0], s))] == [
            (s.start, s.end) for s in back.sessions
        ], name
        assert timedelta(0) == back.updated - _event().updated
