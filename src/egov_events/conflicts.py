"""Schedule conflicts a programme committee wants to know before publishing.

An event can be valid and still ask the impossible of people and rooms: two
sessions in one room at overlapping times, a group expected in two sessions
at once, a speaker or chair in two places at once, a room too small for the
groups a session is for. :meth:`egov_events.Event.conflicts` finds them;
they are warnings, not errors (``egov-events validate`` prints them, and
fails on them only with ``--strict``).

Parallel breakouts are not a conflict for the group they are for: its
members split between them. Cancelled sessions take no room and no one's
time.

>>> import egov_events as ee
>>> ee.examples.kikao_kazi_2019().conflicts()
[]
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs

from egov_events.errors import PathPart, format_path
from egov_events.locale import language

__all__ = ["Conflict", "ConflictKind", "find_conflicts"]


class ConflictKind(enum.StrEnum):
    """What a conflict is about."""

    ROOM = "room"
    """Two sessions in one room at overlapping times."""
    GROUP = "group"
    """A group expected in two sessions at once."""
    PERSON = "person"
    """A speaker or chair expected in two sessions at once."""
    CAPACITY = "capacity"
    """A room smaller than the groups its session is for."""


@attrs.frozen(kw_only=True)
class Conflict:
    """One schedule conflict: what, where (a path into the event), and why, in sw and en."""

    kind: ConflictKind
    path: tuple[PathPart, ...]
    """The field of the later session that conflicts, e.g. ``('sessions', 3, 'room')``."""
    sessions: tuple[str, ...]
    """The ids of the sessions involved."""
    message: str
    """What conflicts, in English."""
    sw: str
    """What conflicts, in Swahili."""

    def render(self, lang: str = "sw") -> str:
        """The message in *lang* (``"sw"`` or ``"en"``) with its path.

        Raises:
            ValueError: *lang* is not a supported language.

        """
        text = self.sw if language(lang) == "sw" else self.message
        return f"{text} @ {format_path(self.path)}"

    def __str__(self) -> str:
        return self.render("en")


def _span(event: Any, session: Any) -> str:
    start = session.start.astimezone(event.timezone)
    end = session.end.astimezone(event.timezone)
    return f"{start:%Y-%m-%d %H:%M}\N{EN DASH}{end:%H:%M}"


def _overlapping(sessions: list[tuple[int, Any]]) -> Iterator[tuple[int, Any, int, Any]]:
    """Pairs of sessions whose times overlap, the earlier first (by start, then id)."""
    ordered = sorted(sessions, key=lambda item: (item[1].start, item[1].id))
    for a, (i, first) in enumerate(ordered):
        for j, second in ordered[a + 1 :]:
            if second.start >= first.end:
                break
            yield i, first, j, second


def _audience(event: Any, session: Any) -> frozenset[str]:
    """The groups a session is for: its own, or every group meeting on its days."""
    if session.groups:
        return frozenset(session.groups)
    days = set(session.days(event.timezone))
    return frozenset(g.id for g in event.groups if days.intersection(g.days))


def find_conflicts(event: Any) -> list[Conflict]:
    """Every schedule conflict of *event* (an :class:`~egov_events.Event`), in a stable order.

    Each pair is reported once, at the session that starts later.
    """
    # The model imports this module: its enumerations are compared by value.
    live = [(i, s) for i, s in enumerate(event.sessions) if s.status != "cancelled"]
    found: list[Conflict] = []
    audiences = {s.id: _audience(event, s) for _, s in live}
    for _, first, j, second in _overlapping(live):
        ids = (first.id, second.id)
        other = f"{first.id!r} ({_span(event, first)})"
        if first.room is not None and first.room == second.room:
            found.append(
                Conflict(
                    kind=ConflictKind.ROOM,
                    path=("sessions", j, "room"),
                    sessions=ids,
                    message=f"room {second.room!r} is also used by session {other} "
                    "at overlapping times",
                    sw=f"chumba {second.room!r} kinatumiwa pia na kikao {other} kwa wakati "
                    "unaoingiliana",
                )
            )
        parallel = first.kind == "breakout" == second.kind
        if not parallel:
            for group in sorted(audiences[first.id] & audiences[second.id]):
                found.append(
                    Conflict(
                        kind=ConflictKind.GROUP,
                        path=("sessions", j, "groups"),
                        sessions=ids,
                        message=f"group {group!r} is also expected at session {other} "
                        "at the same time",
                        sw=f"kundi {group!r} linatarajiwa pia katika kikao {other} kwa wakati "
                        "mmoja",
                    )
                )
        busy = set(first.speakers) | set(first.chairs)
        for field in ("speakers", "chairs"):
            for k, person in enumerate(getattr(second, field)):
                if person in busy:
                    found.append(
                        Conflict(
                            kind=ConflictKind.PERSON,
                            path=("sessions", j, field, k),
                            sessions=ids,
                            message=f"person {person!r} is also expected at session {other} "
                            "at the same time",
                            sw=f"mtu {person!r} anatarajiwa pia katika kikao {other} kwa "
                            "wakati mmoja",
                        )
                    )
    found.extend(_capacity(event, live))
    return found


def _capacity(event: Any, live: list[tuple[int, Any]]) -> Iterator[Conflict]:
    rooms = {r.id: r for r in event.venue.rooms} if event.venue is not None else {}
    for i, session in live:
        room = rooms.get(session.room)
        if room is None or room.capacity is None or not session.groups:
            continue
        size = sum(1 for p in event.participants if p.groups & session.groups)
        if size > room.capacity:
            groups = ", ".join(sorted(session.groups))
            yield Conflict(
                kind=ConflictKind.CAPACITY,
                path=("sessions", i, "room"),
                sessions=(session.id,),
                message=f"room {room.id!r} holds {room.capacity} but the session is for "
                f"{size} participants ({groups})",
                sw=f"chumba {room.id!r} kinachukua watu {room.capacity} lakini kikao ni cha "
                f"washiriki {size} ({groups})",
            )
