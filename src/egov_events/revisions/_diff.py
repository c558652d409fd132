"""diff: the changes between two revisions of one event."""

from __future__ import annotations

from collections.abc import Iterable

from egov_events.model import (
    Event,
    Participant,
    ParticipantGroup,
    Session,
    SessionStatus,
    Venue,
)
from egov_events.revisions import _changes as ch
from egov_events.text import LocalizedText

__all__ = ["diff", "room_name", "venue_name"]


def venue_name(venue: Venue | None) -> LocalizedText | None:
    """The venue's name and city, in every language of its name."""
    if venue is None:
        return None
    return LocalizedText(
        texts={
            tag: text if venue.city in text else f"{text}, {venue.city}"
            for tag, text in venue.name.texts.items()
        }
    )


def room_name(event: Event, room: str | None) -> LocalizedText | None:
    """The name of a room of the event's venue (its id where the venue does not know it)."""
    if room is None:
        return None
    rooms = event.venue.rooms if event.venue is not None else ()
    found = next((r for r in rooms if r.id == room), None)
    return found.name if found is not None else LocalizedText.of(sw=room)


def _event(old: Event, new: Event) -> Iterable[ch.Change]:
    if old.title != new.title:
        yield ch.EventRetitled(old_title=old.title, new_title=new.title)
    if old.status is not new.status:
        yield ch.EventStatusChanged(old=old.status, new=new.status)
    if (old.first_day, old.last_day) != (new.first_day, new.last_day):
        yield ch.EventRescheduled(
            old_days=(old.first_day, old.last_day), new_days=(new.first_day, new.last_day)
        )
    before, after = venue_name(old.venue), venue_name(new.venue)
    if before != after:
        yield ch.EventRelocated(old_venue=before, new_venue=after)


def _session(old: Event, new: Event, o: Session, n: Session) -> Iterable[ch.Change]:
    tz = new.timezone
    if (o.start, o.end) != (n.start, n.end):
        yield ch.SessionMoved(
            session=n.id,
            title=n.title,
            old_start=o.start.astimezone(tz),
            old_end=o.end.astimezone(tz),
            new_start=n.start.astimezone(tz),
            new_end=n.end.astimezone(tz),
        )
    if o.status is not n.status:
        if n.status is SessionStatus.CANCELLED:
            yield ch.SessionCancelled(
                session=n.id, title=n.title, start=n.start.astimezone(tz), end=n.end.astimezone(tz)
            )
        else:
            yield ch.SessionStatusChanged(session=n.id, title=n.title, old=o.status, new=n.status)
    before, after = room_name(old, o.room), room_name(new, n.room)
    if before != after:
        yield ch.SessionRelocated(session=n.id, title=n.title, old_room=before, new_room=after)
    if o.title != n.title:
        yield ch.SessionRetitled(session=n.id, title=n.title, old_title=o.title)
    if (o.description, o.speakers, o.chairs) != (n.description, n.speakers, n.chairs):
        yield ch.SessionRedescribed(session=n.id, title=n.title)


def _sessions(old: Event, new: Event) -> Iterable[ch.Change]:
    if old.sessions is new.sessions and old.venue == new.venue:
        return
    before = {s.id: s for s in old.sessions}
    after = {s.id: s for s in new.sessions}
    for s in old.sessions:
        if s.id not in after:
            tz = old.timezone
            yield ch.SessionRemoved(
                session=s.id,
                title=s.title,
                start=s.start.astimezone(tz),
                end=s.end.astimezone(tz),
            )
    for s in new.sessions:
        o = before.get(s.id)
        if o is None:
            tz = new.timezone
            yield ch.SessionAdded(
                session=s.id,
                title=s.title,
                start=s.start.astimezone(tz),
                end=s.end.astimezone(tz),
            )
        elif o is not s:
            yield from _session(old, new, o, s)


def _group(old: Event, new: Event, o: ParticipantGroup, n: ParticipantGroup) -> Iterable[ch.Change]:
    if o.days != n.days:
        yield ch.GroupDaysChanged(
            group=n.id,
            name=n.name,
            added=tuple(d for d in n.days if d not in o.days),
            removed=tuple(d for d in o.days if d not in n.days),
        )
    hours = {d.day: d for d in old.group_days(o)}
    for day in new.group_days(n):
        was = hours.get(day.day)
        if was is not None and (was.start, was.end) != (day.start, day.end):
            yield ch.GroupHoursChanged(
                group=n.id,
                name=n.name,
                day=day.day,
                old_start=was.start,
                old_end=was.end,
                new_start=day.start,
                new_end=day.end,
            )


def _groups(old: Event, new: Event) -> Iterable[ch.Change]:
    after = {g.id: g for g in new.groups}
    before = {g.id: g for g in old.groups}
    for g in old.groups:
        if g.id not in after:
            yield ch.GroupRemoved(group=g.id, name=g.name)
    for g in new.groups:
        o = before.get(g.id)
        if o is None:
            yield ch.GroupAdded(group=g.id, name=g.name, days=g.days)
        else:
            yield from _group(old, new, o, g)


def _names(event: Event, groups: frozenset[str]) -> tuple[LocalizedText, ...]:
    return tuple(g.name for g in event.groups if g.id in groups)


def _who(event: Event, participant: Participant) -> dict[str, str]:
    return {
        "participant": participant.id,
        "person": event.person(participant.person).display_name,
    }


def _participants(old: Event, new: Event) -> Iterable[ch.Change]:
    if old.participants is new.participants:
        return
    before = {p.id: p for p in old.participants}
    after = {p.id: p for p in new.participants}
    for p in old.participants:
        if p.id not in after:
            yield ch.ParticipantRemoved(**_who(old, p), groups=_names(old, p.groups))
    for p in new.participants:
        o = before.get(p.id)
        if o is None:
            yield ch.ParticipantAdded(**_who(new, p), groups=_names(new, p.groups))
        elif o is not p and o != p:
            if o.groups != p.groups:
                yield ch.ParticipantMoved(
                    **_who(new, p),
                    old_groups=_names(old, o.groups),
                    new_groups=_names(new, p.groups),
                )
            if o.status is not p.status:
                yield ch.ParticipantStatusChanged(**_who(new, p), old=o.status, new=p.status)


def _documents(old: Event, new: Event) -> Iterable[ch.Change]:
    if old.documents is new.documents:
        return
    before = {d.id for d in old.documents}
    after = {d.id for d in new.documents}
    for d in old.documents:
        if d.id not in after:
            yield ch.DocumentRemoved(document=d.id, title=d.title)
    for d in new.documents:
        if d.id not in before:
            yield ch.DocumentAdded(document=d.id, title=d.title, url=d.url)


def diff(old: Event, new: Event) -> ch.Changes:
    """What changed from *old* to *new*: a typed list, each change in Swahili and English.

    Sessions added, removed, cancelled, moved, given another room, retitled
    or re-described; groups added or removed, their days or hours changed;
    participants added, removed, moved between groups or whose registration
    changed; the event's title, venue, status and days; documents added or
    removed. Sequence numbers and ``revision`` are not changes: :func:`revise`
    keeps them.

    >>> import attrs, egov_events as ee
    >>> from datetime import timedelta
    >>> old = ee.examples.kikao_kazi_2019()
    >>> s = old.sessions[1]
    >>> moved = attrs.evolve(s, start=s.start + timedelta(hours=1), end=s.end + timedelta(hours=1))
    >>> new = attrs.evolve(old, sessions=(old.sessions[0], moved, *old.sessions[2:]))
    >>> changes = diff(old, new)
    >>> print(changes.render("sw"))
    Kikao 'Ufunguzi wa Kikao Kazi (Kundi la Kwanza)' kimehamishwa: saa 3:00 asubuhi → ...
    >>> print(changes.render("en"))
    Session 'Opening of the workshop (Group 1)' moved: 09:00 → 10:00, 30 January 2019
    """
    if old.id != new.id:
        msg = f"not two revisions of one event: {old.id!r} and {new.id!r}"
        raise ValueError(msg)
    items = [
        *_event(old, new),
        *_sessions(old, new),
        *_groups(old, new),
        *_participants(old, new),
        *_documents(old, new),
    ]
    return ch.Changes(tuple(items))
