"""Schedule conflicts: rooms, groups and people in two places at once, rooms too small."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest

import egov_events as ee
from egov_events.conflicts import Conflict, ConflictKind

EVENT = ee.examples.kikao_kazi_2019()
HOUR = timedelta(hours=1)


def replaced(event: ee.Event, *sessions: ee.Session) -> ee.Event:
    new = {s.id: s for s in sessions}
    return attrs.evolve(event, sessions=[new.get(s.id, s) for s in event.sessions])


def moved(session_id: str, by: timedelta, **changes: Any) -> ee.Session:
    s = EVENT.session(session_id)
    return attrs.evolve(s, start=s.start + by, end=s.end + by, **changes)


def test_the_bundled_workshop_has_no_conflicts() -> None:
    assert [] == EVENT.conflicts()


def test_parallel_breakouts_of_one_group_are_not_a_conflict() -> None:
    breakouts = [s for s in EVENT.sessions if s.kind is ee.SessionKind.BREAKOUT]
    assert len({(s.start, s.end) for s in breakouts}) < len(breakouts)  # they do run at once
    assert [] == EVENT.conflicts()


def test_a_moved_opening_overlaps_the_next_sessions_in_its_room_and_for_its_group() -> None:
    event = replaced(EVENT, moved("s-2019-01-30-opening", HOUR))
    found = event.conflicts()
    assert [
        (ConflictKind.ROOM, ("sessions", 2, "room")),
        (ConflictKind.GROUP, ("sessions", 2, "groups")),
        (ConflictKind.ROOM, ("sessions", 3, "room")),
        (ConflictKind.GROUP, ("sessions", 3, "groups")),
    ] == [(c.kind, c.path) for c in found]
    assert ("s-2019-01-30-opening", "s-2019-01-30-tea") == found[0].sessions
    assert (
        "kundi 'group-1' linatarajiwa pia katika kikao 's-2019-01-30-opening' "
        "(2019-01-30 10:00–11:00) kwa wakati mmoja @ $.sessions[2].groups"
    ) == found[1].render("sw")
    assert found[1].render("en") == str(found[1])
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        found[1].render("fr")


def test_a_chair_in_two_places_at_once() -> None:
    # The chair of the opening also chairs a breakout moved to the same hour, in another room.
    breakout = moved(
        "s-2019-01-30-breakout-a",
        EVENT.session("s-2019-01-30-opening").start
        - EVENT.session("s-2019-01-30-breakout-a").start,
        chairs=("person-ega-1",),
        groups=frozenset({"group-2"}),
    )
    event = replaced(EVENT, breakout)
    people = [c for c in event.conflicts() if c.kind is ConflictKind.PERSON]
    # Both start at 09:00: the pair is reported at the later by id, the opening.
    assert [("sessions", 1, "chairs", 0)] == [c.path for c in people]
    assert people[0].message.startswith(
        "person 'person-ega-1' is also expected at session 's-2019-01-30-breakout-a' "
    )


def test_a_room_smaller_than_its_groups() -> None:
    assert EVENT.venue is not None
    small = attrs.evolve(EVENT.venue.rooms[1], capacity=100)  # chumba-a, group 1 has 520
    venue = attrs.evolve(EVENT.venue, rooms=[EVENT.venue.rooms[0], small, *EVENT.venue.rooms[2:]])
    event = attrs.evolve(EVENT, venue=venue)
    found = [c for c in event.conflicts() if c.kind is ConflictKind.CAPACITY]
    # Two breakouts of group 1 (520) and one of group 2 (170) in chumba-a.
    assert ["group-1", "group-1", "group-2"] == [c.message.rsplit("(", 1)[1][:-1] for c in found]
    assert (
        "room 'chumba-a' holds 100 but the session is for 520 participants (group-1)"
        == found[0].message
    )
    assert "chumba 'chumba-a' kinachukua watu 100 lakini kikao ni cha washiriki 520 (group-1)" == (
        found[0].sw
    )


def test_a_cancelled_session_takes_no_room() -> None:
    cancelled = moved("s-2019-01-30-opening", HOUR, status=ee.SessionStatus.CANCELLED)
    assert [] == replaced(EVENT, cancelled).conflicts()


def test_conflicts_are_typed() -> None:
    event = replaced(EVENT, moved("s-2019-01-30-opening", HOUR))
    assert all(isinstance(c, Conflict) for c in event.conflicts())
    assert ["room", "group", "person", "capacity"] == [k.value for k in ConflictKind]
