"""Invitations and cancellations: iTIP scheduling objects (RFC 5546).

A group's days are its instances, each from the start of the group's first
session that day to the end of its last. They are written in one of two
forms, chosen by ``instances=`` (``docs/explanation/itip.md`` gives the
evidence for the default):

``"recurring"`` (the default): one scheduling object per group, UID
``group+<group-id>@<event-id>.egov-events``, the same for every member and
every export, one message per participant and group:

- the master VEVENT holds the first day not cancelled (DTSTART, DTEND)
  and, when the group meets on more than one day,
  ``RRULE:FREQ=DAILY;UNTIL=...`` (RFC 5545 section 3.8.5.3) over every
  day from there to the group's last, at the first day's hours (UNTIL in UTC, as
  section 3.3.10 asks when DTSTART has a TZID; not COUNT, which calcurse
  counts after removing EXDATEs); no recurrence rests on RDATE, which
  Outlook does not open without an RRULE and several readers do not expand;
- a day of that span on which the group does not meet, or whose sessions are
  all cancelled, is an EXDATE (section 3.8.5.1);
- a day whose hours differ from the first day's is an override VEVENT with
  RECURRENCE-ID (section 3.8.4.4: the rule's start that day) and the day's
  own DTSTART and DTEND.

``"per-day"``: one scheduling object per group day, UID
``group-day+<group-id>+<YYYY-MM-DD>@<event-id>.egov-events``, one message
each, no recurrence at all: every reader shows each day at its hours, also
those that ignore overrides, at the cost of one message (and one answer) per
day. A day's objects carry the group's SEQUENCE.

SEQUENCE is the group's own :attr:`~egov_events.ParticipantGroup.sequence`,
for a REQUEST and a CANCEL alike: :func:`egov_events.revisions.revise` raises
it whenever a change makes a message necessary (the days, hours, status or
place of the group's object, or its members), and
:func:`egov_events.revisions.outbox` sends one message per UID and
participant, so a CANCEL and a REQUEST never share a sequence nor invert
(RFC 5546 section 2.1.5).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from typing import Final, Literal

import attrs
from icalendar import Calendar, Component, vCalAddress, vUri
from icalendar import Event as VEvent

from egov_events.ical import _common as k
from egov_events.ical._feed import add_header, add_place, new_calendar
from egov_events.locale import format_date
from egov_events.model import (
    Event,
    EventStatus,
    GroupDay,
    Organization,
    Participant,
    ParticipantGroup,
    RegistrationStatus,
    SessionStatus,
)

__all__ = [
    "INSTANCES",
    "GroupDay",
    "Instances",
    "SchedulingObject",
    "attendee_address",
    "cancel_object",
    "cancellations",
    "check_instances",
    "group_days",
    "invitation",
    "invitation_calendars",
    "invitations",
    "scheduling_objects",
]

Instances = Literal["recurring", "per-day"]
"""The form of a group's days in invitations: see the module's notes."""
INSTANCES: Final[tuple[str, ...]] = ("recurring", "per-day")


def check_instances(instances: str) -> Instances:
    """*instances* if it names a form of invitations, else a :class:`ValueError`.

    >>> check_instances("per-day")
    'per-day'
    >>> check_instances("rdate")
    Traceback (most recent call last):
    ...
    ValueError: instances must be 'recurring' or 'per-day', not 'rdate'
    """
    if instances == "recurring":
        return "recurring"
    if instances == "per-day":
        return "per-day"
    msg = f"instances must be 'recurring' or 'per-day', not {instances!r}"
    raise ValueError(msg)


def group_days(event: Event, group: ParticipantGroup) -> tuple[GroupDay, ...]:
    """The group's days that have sessions, each with its hours (:meth:`Event.group_days`).

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> [(d.day.isoformat(), d.start.strftime("%H:%M"), d.end.strftime("%H:%M"))
    ...  for d in group_days(event, event.group("group-1"))]
    [('2019-01-30', '08:00', '17:00'), ('2019-01-31', '08:30', '16:30')]
    """
    return event.group_days(group)


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

    The sessions themselves are in the group's feed (:func:`~egov_events.ical.calendar`);
    a cancelled session of a day that still takes place is named under its day.
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
        if not day.cancelled:
            lines += [
                f"  - {k.choose(s.title, lang)[1]}, "
                f"{s.start.astimezone(day.start.tzinfo):%H:%M}–"
                f"{s.end.astimezone(day.start.tzinfo):%H:%M} ({k.label('cancelled', lang)})"
                for s in sorted(day.sessions, key=lambda s: (s.start, s.id))
                if s.status is SessionStatus.CANCELLED
            ]
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


def _rule_start(first: GroupDay, day: date) -> datetime:
    """Where the master's RRULE puts the instance of *day*: at the first day's hours."""
    return datetime.combine(day, first.start.timetz())


@attrs.frozen
class _Object:
    """One scheduling object of a group: its UID and VEVENTs, without ATTENDEE."""

    uid: str
    day: date | None
    """The day of a ``per-day`` object; ``None`` for a group's recurring object."""
    vevents: tuple[VEvent, ...]


def _describe(
    ev: Component, event: Event, group: ParticipantGroup, days: tuple[GroupDay, ...], lang: str
) -> None:
    ev.add("DESCRIPTION", k.text(_programme(group, days, lang)), parameters={"LANGUAGE": lang})
    ev.add("STATUS", _status(event))
    ev.add(
        "CATEGORIES", k.categories([k.choose(group.name, lang)[1]]), parameters={"LANGUAGE": lang}
    )
    if event.url is not None:
        ev.add("URL", vUri(event.url))


def _objects(
    event: Event, group: ParticipantGroup, lang: str, instances: Instances
) -> list[_Object] | None:
    """A group's scheduling objects; ``None``: nothing to invite to."""
    days = group_days(event, group)
    if not days or all(d.cancelled for d in days):
        return None
    shared = _Shared(
        uid=k.group_uid(event.id, group.id),
        stamp=k.utc(event.updated),
        sequence=group.sequence,
        summary=_summary(event, group, lang),
        organizer=_organizer(event, lang),
        attendee=None,
    )
    if instances == "per-day":
        objects = []
        for day in days:
            if day.cancelled:
                continue
            own = attrs.evolve(shared, uid=k.day_uid(event.id, group.id, day.day))
            ev = VEvent()
            _common_props(ev, own, event, lang)
            ev.add("DTSTART", day.start)
            ev.add("DTEND", day.end)
            _describe(ev, event, group, days, lang)
            objects.append(_Object(uid=own.uid, day=day.day, vevents=(ev,)))
        return objects
    live = [d for d in days if not d.cancelled]
    # from the first day not cancelled (a cancelled first day as DTSTART would
    # need an override for the next day in every client) to the last day
    first, last = live[0], days[-1]
    by_day = {d.day: d for d in days}
    span = (last.day - first.day).days + 1
    master = VEvent()
    _common_props(master, shared, event, lang)
    master.add("DTSTART", first.start)
    master.add("DTEND", first.end)
    if span > 1:  # UNTIL, not COUNT: calcurse counts COUNT after taking EXDATE out
        master.add("RRULE", {"FREQ": "DAILY", "UNTIL": k.utc(_rule_start(first, last.day))})
    dates = [first.day + timedelta(days=n) for n in range(span)]
    left_out = [_rule_start(first, d) for d in dates if d not in by_day or by_day[d].cancelled]
    if left_out:
        master.add("EXDATE", left_out)
    _describe(master, event, group, days, lang)
    vevents = [master]
    length = first.end - first.start
    for day in live[1:]:
        ruled = _rule_start(first, day.day)
        if (day.start, day.end - day.start) == (ruled, length):
            continue
        override = VEvent()
        _common_props(override, shared, event, lang)
        override.add("RECURRENCE-ID", ruled)
        override.add("DTSTART", day.start)
        override.add("DTEND", day.end)
        override.add("STATUS", _status(event))
        vevents.append(override)
    return [_Object(uid=shared.uid, day=None, vevents=tuple(vevents))]


def invitation_calendars(
    event: Event,
    group: ParticipantGroup,
    attendee: Callable[[], vCalAddress],
    lang: str,
    instances: Instances = "recurring",
) -> list[tuple[_Object, Calendar]]:
    """The METHOD:REQUEST calendars of *group*, one per scheduling object, with the objects.

    None when there is nothing to invite to.

    *attendee* makes the ATTENDEE of each VEVENT (a new one for each, so
    that changing one changes nothing else). It is the only part of a
    calendar that depends on the participant: the bulk writer
    (:mod:`egov_events.ical._bulk`) relies on that, and its tests prove it
    byte for byte.
    """
    objects = _objects(event, group, lang, instances)
    out = []
    for obj in objects or ():
        cal = Calendar()
        add_header(cal, "REQUEST")
        cal.add_component(k.vtimezone(event.timezone.key))
        for ev in obj.vevents:
            ev["ATTENDEE"] = attendee()
            cal.add_component(ev)
        out.append((obj, cal))
    return out


def invitation(
    event: Event, group: ParticipantGroup, attendee: Callable[[], vCalAddress], lang: str
) -> Calendar | None:
    """The recurring METHOD:REQUEST calendar of *group*; ``None``: nothing to invite to."""
    found = invitation_calendars(event, group, attendee, lang)
    return found[0][1] if found else None


def _groups(event: Event, participant: Participant) -> list[ParticipantGroup]:
    return [g for g in event.groups if g.id in participant.groups]


@attrs.frozen
class SchedulingObject:
    """One invitation of a participant: a scheduling object, its group and its calendar."""

    group: ParticipantGroup
    uid: str
    sequence: int
    day: date | None
    """The day of a ``per-day`` object; ``None`` for a group's recurring object."""
    calendar: Calendar = attrs.field(eq=False)


def scheduling_objects(
    event: Event,
    participant: str | Participant,
    *,
    lang: str = "sw",
    instances: str = "recurring",
    groups: Collection[str] | None = None,
) -> list[SchedulingObject]:
    """:func:`invitations`, each calendar with its group, UID, SEQUENCE and day.

    *groups* (ids), when given, keeps only those of the participant's groups:
    the others' objects are not built.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> [(o.group.id, o.uid, str(o.day)) for o in
    ...  scheduling_objects(event, "p-0001", instances="per-day")]
    [('group-1', 'group-day+group-1+2019-01-30@kikao-kazi-2019.egov-events', '2019-01-30'),
     ('group-1', 'group-day+group-1+2019-01-31@kikao-kazi-2019.egov-events', '2019-01-31'),
     ('group-3', 'group-day+group-3+2019-02-02@kikao-kazi-2019.egov-events', '2019-02-02')]
    """
    lang = k.check_language(lang)
    form = check_instances(instances)
    p = event.participant(participant)
    if event.status is EventStatus.CANCELLED or p.status is RegistrationStatus.WITHDRAWN:
        return []
    attendee_address(event, p, lang)  # raises if the participant has no address
    out: list[SchedulingObject] = []
    for group in _groups(event, p):
        if groups is not None and group.id not in groups:
            continue
        for obj, cal in invitation_calendars(
            event, group, lambda: attendee_address(event, p, lang), lang, form
        ):
            out.append(
                SchedulingObject(
                    group=group, uid=obj.uid, sequence=group.sequence, day=obj.day, calendar=cal
                )
            )
    return out


def invitations(
    event: Event,
    participant: str | Participant,
    *,
    lang: str = "sw",
    instances: str = "recurring",
) -> list[Calendar]:
    """METHOD:REQUEST invitations, one per group of the participant (RFC 5546 section 3.2.2).

    Each is one scheduling object: UID ``group+<group-id>@<event-id>.egov-events``,
    instances on the group's days with their hours (an RRULE, EXDATE for the
    days left out, RECURRENCE-ID overrides for days with other hours; see the
    module's notes). With ``instances="per-day"`` each day of each group is
    an invitation of its own instead (UID
    ``group-day+<group-id>+<YYYY-MM-DD>@<event-id>.egov-events``), for
    calendars that ignore overrides; ``docs/explanation/itip.md`` compares
    the two forms. Other values of *instances* raise :class:`ValueError`.
    The rest:
    the organizer as a bare ``mailto:`` with CN, and the participant as the
    only ATTENDEE (CN, CUTYPE=INDIVIDUAL, ROLE=REQ-PARTICIPANT,
    PARTSTAT=NEEDS-ACTION, RSVP=TRUE). Groups are taken in the event's
    order; a group with no sessions has nothing to invite to and is left
    out, and so is a group all of whose days are cancelled. A withdrawn
    participant and a cancelled event get no invitations:
    :func:`cancellations` says what to send them.

    What does not depend on the participant is written once per event,
    group and language, and ``to_ical()`` reuses those bytes. Each calendar
    returned is still its own: its VTIMEZONE and VEVENTs are built when
    first reached (``walk()``, ``events``, ``subcomponents``), and changing
    them changes that calendar's ``to_ical()`` and no other.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> [str(cal.events[0]["UID"]) for cal in invitations(event, "p-0001")]
    ['group+group-1@kikao-kazi-2019.egov-events', 'group+group-3@kikao-kazi-2019.egov-events']
    >>> print(invitations(event, "p-0001")[0].events[0]["ATTENDEE"].to_ical().decode())
    mailto:...@example.go.tz

    Raises:
        KeyError: the participant is not in the event.
        ValueError: *lang* or *instances* is not supported, or the organizer
            or the participant has no e-mail address.

    """
    return [
        o.calendar for o in scheduling_objects(event, participant, lang=lang, instances=instances)
    ]


def _cancel_vevent(
    event: Event, shared: _Shared, day: GroupDay, lang: str, *, instance: datetime | None
) -> VEvent:
    """A cancelled VEVENT; *instance*: the RECURRENCE-ID of the one day it cancels."""
    ev = VEvent()
    _common_props(ev, shared, event, lang)
    if instance is not None:
        ev.add("RECURRENCE-ID", instance)
    ev.add("DTSTART", day.start)
    ev.add("DTEND", day.end)
    ev.add("STATUS", "CANCELLED")
    return ev


def cancellations(
    event: Event,
    participant: str | Participant,
    *,
    lang: str = "sw",
    instances: str = "recurring",
) -> list[Calendar]:
    """METHOD:CANCEL messages for what was cancelled (RFC 5546 section 3.2.5).

    - A cancelled event or a withdrawn participant: every group's whole
      scheduling object is cancelled (no RECURRENCE-ID).
    - Otherwise, a group day whose sessions are all cancelled: that instance,
      by RECURRENCE-ID (the instance's start in the invitation's RRULE), one
      VEVENT per cancelled day in the group's message; when every day of the
      group is cancelled, the whole object.

    With ``instances="per-day"`` (the form of :func:`invitations`), each day
    is an object of its own: a cancelled day's object, or every day's when
    the whole group is cancelled, gets its own message without RECURRENCE-ID.

    Each message keeps the invitation's UID and ORGANIZER, names the
    participant as ATTENDEE, has the group's SEQUENCE (which
    :func:`egov_events.revisions.revise` raised above the last invitation's
    when the cancellation was made) and STATUS:CANCELLED. Nothing cancelled,
    nothing returned.

    >>> import attrs
    >>> from datetime import datetime
    >>> from egov_events.examples import kikao_kazi_2019
    >>> from egov_events.revisions import revise
    >>> event = kikao_kazi_2019()
    >>> cancellations(event, "p-0001")
    []
    >>> called_off = revise(event, attrs.evolve(event, status=EventStatus.CANCELLED),
    ...                     at=datetime.fromisoformat("2019-02-05T09:00:00+03:00"))
    >>> [(str(c["METHOD"]), c.events[0]["SEQUENCE"]) for c in cancellations(called_off, "p-0700")]
    [('CANCEL', 2)]

    Raises:
        KeyError: the participant is not in the event.
        ValueError: *lang* or *instances* is not supported, or the
            organizer or the participant has no e-mail address.

    """
    lang = k.check_language(lang)
    form = check_instances(instances)
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
            sequence=group.sequence,
            summary=_summary(event, group, lang),
            organizer=organizer,
            attendee=attendee,
        )
        gone = whole or all(d.cancelled for d in days)
        if form == "per-day":
            for day in days:
                if gone or day.cancelled:
                    own = attrs.evolve(shared, uid=k.day_uid(event.id, group.id, day.day))
                    cal = new_calendar(event, "CANCEL", [event.timezone.key])
                    cal.add_component(_cancel_vevent(event, own, day, lang, instance=None))
                    out.append(cal)
            continue
        cal = new_calendar(event, "CANCEL", [event.timezone.key])
        if gone:
            cal.add_component(_cancel_vevent(event, shared, days[0], lang, instance=None))
        else:
            cancelled = [d for d in days if d.cancelled]
            if not cancelled:
                continue
            live = [d for d in days if not d.cancelled]
            for day in cancelled:
                # the instance in the invitation that held the day: the rule
                # starts on the first day not cancelled, or before it
                anchor = live[0] if live[0].day < day.day else days[0]
                ruled = _rule_start(anchor, day.day)
                cal.add_component(_cancel_vevent(event, shared, day, lang, instance=ruled))
        out.append(cal)
    return out


def cancel_object(
    event: Event,
    participant: str | Participant,
    group: str | ParticipantGroup,
    *,
    sequence: int,
    stamp: datetime,
    lang: str = "sw",
) -> Calendar:
    """METHOD:CANCEL of a group's whole scheduling object, for one participant.

    What :func:`egov_events.revisions.outbox` sends when a participant leaves
    a group, the group is removed or the event is cancelled (RFC 5546
    section 3.2.5): built from *event*, the revision in which the
    participant still held the invitation, with the *sequence* and the
    DTSTAMP (*stamp*) of the revision that withdraws it.

    Raises:
        KeyError: the participant or the group is not in the event.
        ValueError: the group has no days to cancel, or an address is missing.

    """
    lang = k.check_language(lang)
    p = event.participant(participant)
    g = event.group(group)
    days = group_days(event, g)
    if not days:
        msg = f"group {g.id!r} has no days with sessions: there is no invitation to cancel"
        raise ValueError(msg)
    shared = _Shared(
        uid=k.group_uid(event.id, g.id),
        stamp=k.utc(stamp),
        sequence=sequence,
        summary=_summary(event, g, lang),
        organizer=_organizer(event, lang),
        attendee=attendee_address(event, p, lang),
    )
    cal = new_calendar(event, "CANCEL", [event.timezone.key])
    cal.add_component(_cancel_vevent(event, shared, days[0], lang, instance=None))
    return cal
