"""Invitations and cancellations: iTIP scheduling objects (RFC 5546).

Each group a participant belongs to is one scheduling object with one UID,
``group+<group-id>@<event-id>.egov-events``, the same for every member and
every export. Its instances are the group's days, each from the start of the
group's first session that day to the end of its last:

- the master VEVENT holds the first day (DTSTART, DTEND);
- when there are more days, RDATE (RFC 5545 section 3.8.5.2) lists every
  day's start, the first day's too: RFC 5545 section 3.8.5.3 ignores the
  duplicate of DTSTART, and readers that build the set from RDATE alone
  (vobject, ical) would otherwise lose the first day;
- a further day whose hours differ from the first day's is also written as
  an override VEVENT with RECURRENCE-ID (section 3.8.4.4) and that day's
  DTEND, since one DTEND cannot give different days different lengths;
- a day whose sessions are all cancelled is an EXDATE (section 3.8.5.1).

RDATE with overrides is what calendar clients read most widely for days
that follow no rule (RDATE ``VALUE=PERIOD`` is ignored by several).

SEQUENCE is :attr:`Event.revision` for a REQUEST and ``revision + 1`` for a
CANCEL, so a cancellation always supersedes the invitation written from the
same revision (RFC 5546 section 2.1.5). Re-inviting after a cancellation
needs a revision at least two above the one cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import attrs
from icalendar import Calendar, Component, vCalAddress, vUri
from icalendar import Event as VEvent

from egov_events.ical import _common as k
from egov_events.ical._feed import add_header, add_place, new_calendar
from egov_events.locale import format_date
from egov_events.model import (
    Event,
    EventStatus,
    Organization,
    Participant,
    ParticipantGroup,
    RegistrationStatus,
    Session,
    SessionStatus,
)

__all__ = ["GroupDay", "cancellations", "group_days", "invitations", "invitations_by_group"]


@attrs.frozen
class GroupDay:
    """One instance of a group's scheduling object: a day and its hours."""

    day: date
    start: datetime
    """The start of the group's first session that day, in the event's zone."""
    end: datetime
    """The end of the group's last session that day, in the event's zone."""
    sessions: tuple[Session, ...]
    cancelled: bool
    """Every session of the group that day is cancelled."""


def group_days(event: Event, group: ParticipantGroup) -> tuple[GroupDay, ...]:
    """The group's days that have sessions, each with its hours, first day first.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> [(d.day.isoformat(), d.start.strftime("%H:%M"), d.end.strftime("%H:%M"))
    ...  for d in group_days(event, event.group("group-1"))]
    [('2019-01-30', '08:00', '17:00'), ('2019-01-31', '08:30', '16:30')]
    """
    tz = event.timezone
    by_day: dict[date, list[Session]] = {}
    for s in event.sessions_for_group(group):
        by_day.setdefault(event.day_of(s.start), []).append(s)
    days = []
    for day in group.days:
        sessions = by_day.get(day)
        if not sessions:
            continue
        days.append(
            GroupDay(
                day=day,
                start=min(s.start for s in sessions).astimezone(tz),
                end=max(s.end for s in sessions).astimezone(tz),
                sessions=tuple(sessions),
                cancelled=all(s.status is SessionStatus.CANCELLED for s in sessions),
            )
        )
    return tuple(days)


def _organizer(event: Event, lang: str) -> vCalAddress:
    address = k.organizer_address(event, lang)
    if address is None:
        org: Organization = event.organization(event.organizer)
        msg = (
            f"the organizer {org.id!r} has no e-mail address: invitations and "
            "cancellations need one for ORGANIZER (RFC 5546 section 3.2.2)"
        )
        raise ValueError(msg)
    return address


def attendee_address(event: Event, participant: Participant, lang: str) -> vCalAddress:
    """ATTENDEE (RFC 5545 section 3.8.4.1): the participant, a required individual."""
    person = event.person(participant.person)
    if person.email is None:
        msg = (
            f"participant {participant.id!r} (person {person.id!r}) has no e-mail "
            "address: an invitation needs one for ATTENDEE (RFC 5546 section 3.2.2)"
        )
        raise ValueError(msg)
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = k.clean(person.display_name)
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "TRUE"
    return address


def _summary(event: Event, group: ParticipantGroup, lang: str) -> str:
    return f"{k.choose(event.title, lang)[1]}: {k.choose(group.name, lang)[1]}"


def _programme(group: ParticipantGroup, days: tuple[GroupDay, ...], lang: str) -> str:
    """DESCRIPTION: the group's description, then its days with their hours.

    The sessions themselves are in the group's feed (:func:`~egov_events.ical.calendar`).
    """
    blocks = []
    if group.description is not None:
        blocks.append(k.choose(group.description, lang)[1])
    lines = [f"{k.label('programme', lang)}:"]
    for day in days:
        line = (
            f"- {format_date(day.day, lang=lang, weekday=True)}, {day.start:%H:%M}–{day.end:%H:%M}"
        )
        if day.cancelled:
            line += f" ({k.label('cancelled', lang)})"
        lines.append(line)
    blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@attrs.frozen
class _Shared:
    """What every VEVENT of one scheduling object carries."""

    uid: str
    stamp: datetime
    sequence: int
    summary: str
    organizer: vCalAddress
    attendee: vCalAddress | None


def _common_props(ev: Component, shared: _Shared, event: Event, lang: str) -> None:
    ev.add("UID", shared.uid)
    ev.add("DTSTAMP", shared.stamp)
    ev.add("SEQUENCE", shared.sequence)
    ev.add("SUMMARY", k.text(shared.summary), parameters={"LANGUAGE": lang})
    add_place(ev, event, None, lang)
    ev.add("ORGANIZER", shared.organizer)
    if shared.attendee is not None:
        ev.add("ATTENDEE", shared.attendee)


def _status(event: Event) -> str:
    if event.status in {EventStatus.TENTATIVE, EventStatus.POSTPONED}:
        return "TENTATIVE"
    return "CONFIRMED"


def _vevents(event: Event, group: ParticipantGroup, lang: str) -> list[VEvent] | None:
    """A group's invitation VEVENTs without ATTENDEE; ``None``: nothing to invite to."""
    days = group_days(event, group)
    if not days or all(d.cancelled for d in days):
        return None
    shared = _Shared(
        uid=k.group_uid(event.id, group.id),
        stamp=k.utc(event.updated),
        sequence=event.revision,
        summary=_summary(event, group, lang),
        organizer=_organizer(event, lang),
        attendee=None,
    )
    first, rest = days[0], days[1:]
    master = VEvent()
    _common_props(master, shared, event, lang)
    master.add("DTSTART", first.start)
    master.add("DTEND", first.end)
    if rest:
        master.add("RDATE", [d.start for d in days])
    cancelled = [d.start for d in days if d.cancelled]
    if cancelled:
        master.add("EXDATE", cancelled)
    master.add("DESCRIPTION", k.text(_programme(group, days, lang)), parameters={"LANGUAGE": lang})
    master.add("STATUS", _status(event))
    master.add(
        "CATEGORIES", [k.clean(k.choose(group.name, lang)[1])], parameters={"LANGUAGE": lang}
    )
    if event.url is not None:
        master.add("URL", vUri(event.url))
    vevents = [master]
    length = first.end - first.start
    for day in rest:
        if day.end - day.start == length or day.cancelled:
            continue
        override = VEvent()
        _common_props(override, shared, event, lang)
        override.add("RECURRENCE-ID", day.start)
        override.add("DTSTART", day.start)
        override.add("DTEND", day.end)
        override.add("STATUS", _status(event))
        vevents.append(override)
    return vevents


def _groups(event: Event, participant: Participant) -> list[ParticipantGroup]:
    return [g for g in event.groups if g.id in participant.groups]


def invitation(
    event: Event, group: ParticipantGroup, attendee: Callable[[], vCalAddress], lang: str
) -> Calendar | None:
    """The METHOD:REQUEST calendar of *group*; ``None``: nothing to invite to.

    *attendee* makes the ATTENDEE of each VEVENT (a new one for each, so
    that changing one changes nothing else). It is the only part of the
    calendar that depends on the participant:
    the bulk writer (:mod:`egov_events.ical._bulk`) relies on that, and its
    tests prove it byte for byte.
    """
    vevents = _vevents(event, group, lang)
    if vevents is None:
        return None
    cal = Calendar()
    add_header(cal, "REQUEST")
    cal.add_component(k.vtimezone(event.timezone.key))
    for ev in vevents:
        ev["ATTENDEE"] = attendee()
        cal.add_component(ev)
    return cal


def invitations_by_group(
    event: Event, participant: str | Participant, *, lang: str = "sw"
) -> list[tuple[ParticipantGroup, Calendar]]:
    """:func:`invitations`, each calendar with the group it invites to."""
    lang = k.check_language(lang)
    p = event.participant(participant)
    if event.status is EventStatus.CANCELLED or p.status is RegistrationStatus.WITHDRAWN:
        return []
    attendee_address(event, p, lang)  # raises if the participant has no address
    out = []
    for group in _groups(event, p):
        cal = invitation(event, group, lambda: attendee_address(event, p, lang), lang)
        if cal is not None:
            out.append((group, cal))
    return out


def invitations(
    event: Event, participant: str | Participant, *, lang: str = "sw"
) -> list[Calendar]:
    """METHOD:REQUEST invitations, one per group of the participant (RFC 5546 section 3.2.2).

    Each is one scheduling object: UID ``group+<group-id>@<event-id>.egov-events``,
    instances on the group's days with their hours (see the module's notes),
    the organizer as a bare ``mailto:`` with CN, and the participant as the
    only ATTENDEE (CN, CUTYPE=INDIVIDUAL, ROLE=REQ-PARTICIPANT,
    PARTSTAT=NEEDS-ACTION, RSVP=TRUE). Groups are taken in the event's
    order; a group with no sessions has nothing to invite to and is left
    out, and so is a group all of whose days are cancelled. A withdrawn
    participant and a cancelled event get no invitations:
    :func:`cancellations` says what to send them.

    Each calendar is a plain :class:`icalendar.Calendar` with components of
    its own: changing one changes that calendar and no other. (For many
    participants at once, :func:`invitation_emails` writes what they share
    once.)

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> [str(cal.events[0]["UID"]) for cal in invitations(event, "p-0001")]
    ['group+group-1@kikao-kazi-2019.egov-events', 'group+group-3@kikao-kazi-2019.egov-events']
    >>> print(invitations(event, "p-0001")[0].events[0]["ATTENDEE"].to_ical().decode())
    mailto:...@example.go.tz

    Raises:
        KeyError: the participant is not in the event.
        ValueError: *lang* is not supported, or the organizer or the
            participant has no e-mail address.

    """
    return [cal for _, cal in invitations_by_group(event, participant, lang=lang)]


def _cancel_vevent(
    event: Event, shared: _Shared, day: GroupDay, lang: str, *, instance: bool
) -> VEvent:
    ev = VEvent()
    _common_props(ev, shared, event, lang)
    if instance:
        ev.add("RECURRENCE-ID", day.start)
    ev.add("DTSTART", day.start)
    ev.add("DTEND", day.end)
    ev.add("STATUS", "CANCELLED")
    return ev


def cancellations(
    event: Event, participant: str | Participant, *, lang: str = "sw"
) -> list[Calendar]:
    """METHOD:CANCEL messages for what was cancelled (RFC 5546 section 3.2.5).

    - A cancelled event or a withdrawn participant: every group's whole
      scheduling object is cancelled (no RECURRENCE-ID).
    - Otherwise, a group day whose sessions are all cancelled: that instance,
      by RECURRENCE-ID, one VEVENT per cancelled day in the group's message;
      when every day of the group is cancelled, the whole object.

    Each message keeps the invitation's UID and ORGANIZER, names the
    participant as ATTENDEE, has SEQUENCE ``revision + 1`` (above the
    invitation's) and STATUS:CANCELLED. Nothing cancelled, nothing returned.

    >>> import attrs
    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> cancellations(event, "p-0001")
    []
    >>> called_off = attrs.evolve(event, status=EventStatus.CANCELLED)
    >>> [(str(c["METHOD"]), c.events[0]["SEQUENCE"]) for c in cancellations(called_off, "p-0700")]
    [('CANCEL', 2)]

    Raises:
        KeyError: the participant is not in the event.
        ValueError: *lang* is not supported, or the organizer or the
            participant has no e-mail address.

    """
    lang = k.check_language(lang)
    p = event.participant(participant)
    whole = event.status is EventStatus.CANCELLED or p.status is RegistrationStatus.WITHDRAWN
    organizer = _organizer(event, lang)
    attendee = attendee_address(event, p, lang)
    out = []
    for group in _groups(event, p):
        days = group_days(event, group)
        if not days:
            continue
        shared = _Shared(
            uid=k.group_uid(event.id, group.id),
            stamp=k.utc(event.updated),
            sequence=event.revision + 1,
            summary=_summary(event, group, lang),
            organizer=organizer,
            attendee=attendee,
        )
        cal = new_calendar(event, "CANCEL", [event.timezone.key])
        if whole or all(d.cancelled for d in days):
            cal.add_component(_cancel_vevent(event, shared, days[0], lang, instance=False))
        else:
            cancelled = [d for d in days if d.cancelled]
            if not cancelled:
                continue
            for day in cancelled:
                cal.add_component(_cancel_vevent(event, shared, day, lang, instance=True))
        out.append(cal)
    return out
