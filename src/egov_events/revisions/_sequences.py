"""revise and check: which calendar objects changed, and their SEQUENCE numbers.

RFC 5545 section 3.8.7.4: the organizer raises an object's SEQUENCE when
it makes a significant change to it: DTSTART, DTEND, DURATION, RRULE,
RDATE, EXDATE, STATUS (and, for whoever reads the calendar, the place).
Each session (its feed VEVENT) and each group (its invitation) keeps its
own number, so a change reaches only the objects it touches.

A group's invitation also changes when its members change: the member who
leaves gets a CANCEL, whose SEQUENCE must be above the last REQUEST it
received, and a member who comes back later must get a REQUEST above that
CANCEL (RFC 5546 section 2.1.5). The group's sequence is therefore raised
when members join or leave too; the other members receive nothing, as
their invitation did not change, and any later update reaches them with a
higher sequence than the one they hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

import attrs

from egov_events.errors import Problem, Problems, ValidationError
from egov_events.model import (
    Event,
    EventStatus,
    ParticipantGroup,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from egov_events.revisions._diff import room_name, venue_name

__all__ = ["GroupState", "check", "group_state", "problems", "revise", "session_state"]


def _place(event: Event) -> tuple[Any, ...]:
    venue = event.venue
    if venue is None:
        return ()
    return (venue_name(venue), venue.latitude, venue.longitude)


def _session_status(event: Event, session: Session) -> str:
    """The STATUS a session's VEVENT carries (as the feeds write it)."""
    if event.status is EventStatus.CANCELLED or session.status is SessionStatus.CANCELLED:
        return "CANCELLED"
    if session.status is SessionStatus.TENTATIVE or event.status in {
        EventStatus.TENTATIVE,
        EventStatus.POSTPONED,
    }:
        return "TENTATIVE"
    return "CONFIRMED"


@attrs.frozen
class SessionState:
    """What a session's feed VEVENT says that is significant (RFC 5545 section 3.8.7.4)."""

    start: datetime
    end: datetime
    status: str
    place: tuple[Any, ...]

    def changed(self, other: SessionState) -> list[str]:
        """The names of what differs, in the words of the calendar properties."""
        return [
            label
            for label, same in (
                ("start", self.start == other.start),
                ("end", self.end == other.end),
                ("status", self.status == other.status),
                ("place", self.place == other.place),
            )
            if not same
        ]


def session_state(event: Event, session: Session) -> SessionState:
    """The significant properties of *session*'s feed VEVENT."""
    return SessionState(
        start=session.start,
        end=session.end,
        status=_session_status(event, session),
        place=(room_name(event, session.room), *_place(event)),
    )


@attrs.frozen
class GroupState:
    """What a group's invitation says that is significant, and who holds it."""

    invited: bool
    """Whether the group's members hold an invitation at all: the event is not
    cancelled and the group has days with sessions, not all cancelled."""
    days: tuple[tuple[date, datetime, datetime, bool], ...]
    """Each day with sessions: its date, start, end and whether it is cancelled."""
    status: str
    place: tuple[Any, ...]
    members: frozenset[str]
    """The participants who hold the invitation (none when not invited)."""

    def changed(self, other: GroupState) -> list[str]:
        """The names of what differs."""
        return [
            label
            for label, same in (
                ("invitation", self.invited == other.invited),
                ("days or hours", self.days == other.days),
                ("status", self.status == other.status),
                ("place", self.place == other.place),
                ("members", self.members == other.members),
            )
            if not same
        ]


def _members(event: Event) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {g.id: set() for g in event.groups}
    if event.status is EventStatus.CANCELLED:
        return found
    for p in event.participants:
        if p.status is not RegistrationStatus.WITHDRAWN:
            for g in p.groups:
                found[g].add(p.id)
    return found


def _group_state(event: Event, group: ParticipantGroup, members: set[str]) -> GroupState:
    days = event.group_days(group)
    invited = (
        event.status is not EventStatus.CANCELLED
        and bool(days)
        and not all(d.cancelled for d in days)
    )
    tentative = event.status in {EventStatus.TENTATIVE, EventStatus.POSTPONED}
    return GroupState(
        invited=invited,
        days=tuple((d.day, d.start, d.end, d.cancelled) for d in days),
        status="TENTATIVE" if tentative else "CONFIRMED",
        place=_place(event),
        members=frozenset(members) if invited else frozenset(),
    )


def group_state(event: Event, group: str | ParticipantGroup) -> GroupState:
    """The significant properties of *group*'s invitation in *event*, and its holders."""
    g = event.group(group)
    return _group_state(event, g, _members(event)[g.id])


def group_states(event: Event) -> dict[str, GroupState]:
    """:func:`group_state` of every group, by id, the participants read once."""
    members = _members(event)
    return {g.id: _group_state(event, g, members[g.id]) for g in event.groups}


@attrs.frozen
class _Raise:
    """One object whose sequence must be at least ``needed``."""

    collection: str
    """``"sessions"`` or ``"groups"``."""
    index: int
    what: str
    old: int
    needed: int
    reasons: tuple[str, ...]


def _raises(old: Event, new: Event) -> Iterator[_Raise]:
    """Every session and group of *new* with the least sequence it may carry."""
    before = {s.id: s for s in old.sessions}
    for i, s in enumerate(new.sessions):
        o = before.get(s.id)
        if o is None:
            continue
        changed = (
            []
            if o is s and old.venue is new.venue and old.status is new.status
            else session_state(old, o).changed(session_state(new, s))
        )
        yield _Raise(
            "sessions",
            i,
            f"session {s.id!r}",
            o.sequence,
            o.sequence + 1 if changed else o.sequence,
            tuple(changed),
        )
    states_old, states_new = group_states(old), group_states(new)
    groups = {g.id: g for g in old.groups}
    for i, g in enumerate(new.groups):
        was = groups.get(g.id)
        if was is None:
            continue
        changed = states_old[g.id].changed(states_new[g.id])
        yield _Raise(
            "groups",
            i,
            f"group {g.id!r}",
            was.sequence,
            was.sequence + 1 if changed else was.sequence,
            tuple(changed),
        )


def _sequence_of(new: Event, r: _Raise) -> int:
    items = new.sessions if r.collection == "sessions" else new.groups
    return items[r.index].sequence


def problems(old: Event, new: Event) -> list[Problem]:
    """:func:`check`, as problems with their paths."""
    found = Problems()
    if new.id != old.id:
        found.add(("id",), f"not a revision of event {old.id!r}")
        return list(found)
    if new.revision <= old.revision:
        found.add(("revision",), f"must be raised above {old.revision}, is {new.revision}")
    if new.updated <= old.updated:
        found.add(
            ("updated",),
            f"must be later than the previous revision's ({old.updated.isoformat()}), "
            f"is {new.updated.isoformat()}: DTSTAMP comes from it",
        )
    for r in _raises(old, new):
        have = _sequence_of(new, r)
        path = (r.collection, r.index, "sequence")
        if have < r.old:
            found.add(path, f"{r.what}: sequence went down from {r.old} to {have}")
        elif have < r.needed:
            found.add(
                path,
                f"{r.what}: {', '.join(r.reasons)} changed but the sequence stayed {have}; "
                f"raise it to {r.needed} (RFC 5545 section 3.8.7.4) or use revise()",
            )
    return list(found)


def check(old: Event, new: Event) -> list[str]:
    """What is wrong with *new* as the revision after *old*; empty when nothing.

    An event edited by hand must raise ``revision``, set a later ``updated``
    and raise the sequence of every session and group whose calendar object
    changed significantly; :func:`revise` does all three.

    >>> import attrs, egov_events as ee
    >>> from datetime import timedelta
    >>> old = ee.examples.kikao_kazi_2019()
    >>> first = old.sessions[0]  # group 1's registration, at 08:00
    >>> later = attrs.evolve(first, start=first.start + timedelta(hours=1),
    ...                      end=first.end + timedelta(hours=1))
    >>> new = attrs.evolve(old, sessions=(later, *old.sessions[1:]))
    >>> for problem in check(old, new):
    ...     print(problem)
    must be raised above 1, is 1 @ $.revision
    must be later than the previous revision's (2019-02-04T10:00:00+03:00), ... @ $.updated
    session 's-2019-01-30-registration': start, end changed but the sequence stayed 1; ...
    group 'group-1': days or hours changed but the sequence stayed 1; raise it to 2 ...
    """
    return [str(p) for p in problems(old, new)]


def _raised(items: Iterable[Any], needed: dict[int, int]) -> tuple[Any, ...]:
    return tuple(
        attrs.evolve(x, sequence=needed[i]) if i in needed and needed[i] > x.sequence else x
        for i, x in enumerate(items)
    )


def revise(old: Event, new: Event, *, at: datetime) -> Event:
    """*new* as the revision after *old*: ``revision`` raised, ``updated=at``, sequences raised.

    Each session and group whose calendar object changed significantly
    (times, days, status, place; a group's members too) gets the sequence
    after *old*'s; every other keeps *old*'s. A sequence already raised by
    hand is kept; one that went down is an error. *at* is when the revision
    is made, later than *old*'s ``updated``: every message about it carries
    it as DTSTAMP. It is kept in the event's zone.

    >>> import attrs, egov_events as ee
    >>> from datetime import datetime, timedelta
    >>> old = ee.examples.kikao_kazi_2019()
    >>> first = old.sessions[0]  # group 1's registration, at 08:00
    >>> later = attrs.evolve(first, start=first.start + timedelta(hours=1),
    ...                      end=first.end + timedelta(hours=1))
    >>> new = revise(old, attrs.evolve(old, sessions=(later, *old.sessions[1:])),
    ...              at=datetime.fromisoformat("2019-02-05T09:00:00+03:00"))
    >>> new.revision, str(new.updated)
    (2, '2019-02-05 09:00:00+03:00')
    >>> [(g.id, g.sequence) for g in new.groups]
    [('group-1', 2), ('group-2', 1), ('group-3', 1)]
    >>> new.sessions[0].sequence, new.sessions[1].sequence
    (2, 1)

    Raises:
        ValueError: *at* is naive or not later than *old*'s ``updated``.
        ValidationError: *new* is not a revision of *old*, or a sequence went down.

    """
    if at.tzinfo is None or at.utcoffset() is None:
        msg = f"at ({at.isoformat()}) must be timezone-aware"
        raise ValueError(msg)
    if at <= old.updated:
        msg = (
            f"at ({at.isoformat()}) must be later than the previous revision's updated "
            f"({old.updated.isoformat()})"
        )
        raise ValueError(msg)
    if new.id != old.id:
        raise ValidationError([Problem(("id",), f"not a revision of event {old.id!r}")])
    sessions: dict[int, int] = {}
    groups: dict[int, int] = {}
    down = Problems()
    for r in _raises(old, new):
        have = _sequence_of(new, r)
        if have < r.old:
            down.add(
                (r.collection, r.index, "sequence"),
                f"{r.what}: sequence went down from {r.old} to {have}",
            )
        (sessions if r.collection == "sessions" else groups)[r.index] = r.needed
    down.raise_if_any()
    return attrs.evolve(
        new,
        sessions=_raised(new.sessions, sessions),
        groups=_raised(new.groups, groups),
        revision=max(new.revision, old.revision + 1),
        updated=at.astimezone(new.timezone),
    )
