"""The domain model: an event, its sessions, groups, people and documents.

All classes are frozen attrs classes with keyword-only fields; collections
are tuples (ordered) or frozensets (unordered). Change an object with
:func:`attrs.evolve`, which builds and checks a new one.

Objects refer to each other by id (strings unique within their collection of
the event). Each object checks its own fields when it is built; the
:class:`Event` checks everything that needs the whole picture (references,
duplicate ids, days) and reports every problem at once in one
:class:`~egov_events.errors.ValidationError`::

    end (2019-01-30T08:00:00+03:00) must be after start (...) @ $.sessions[2].end

Every datetime is timezone-aware in a :class:`zoneinfo.ZoneInfo` zone, so
that the zone's *name* reaches calendars and JSON, not only its offset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from egov_events import _checks as c
from egov_events.enums import (
    DocumentKind,
    EventStatus,
    OrganizationKind,
    RegistrationStatus,
    SessionKind,
    SessionStatus,
)
from egov_events.errors import Problems
from egov_events.rules import Rule
from egov_events.rules.attributes import Attribute, rule_attributes
from egov_events.rules.checking import rule_problems
from egov_events.submissions import CallForSubmissions
from egov_events.text import LocalizedText, check_language

__all__ = [
    "RULE_ATTRIBUTES",
    "Document",
    "DocumentKind",
    "Event",
    "EventStatus",
    "Organization",
    "OrganizationKind",
    "Participant",
    "ParticipantGroup",
    "Person",
    "RegistrationStatus",
    "Role",
    "Room",
    "Session",
    "SessionKind",
    "SessionStatus",
    "Sponsor",
    "Venue",
]


def _html_table(caption: str, rows: Iterable[tuple[str, object]]) -> str:
    """A compact two-column HTML table for Jupyter, every text escaped."""
    import html  # noqa: PLC0415 (lazy: only notebooks need it)

    body = "".join(
        f"<tr><th style='text-align:left'>{html.escape(key)}</th>"
        f"<td style='text-align:left'>{html.escape(str(value))}</td></tr>"
        for key, value in rows
    )
    return f"<table><caption>{html.escape(caption)}</caption>{body}</table>"


@attrs.frozen(kw_only=True)
class Organization:
    """An institution: the organizer, a participant's employer, a sponsor."""

    id: str
    name: LocalizedText
    kind: OrganizationKind
    acronym: str | None = None
    region: str | None = None
    """The region (mkoa) of its seat, e.g. ``"Dodoma"``."""
    country: str | None = None
    """ISO 3166-1 alpha-2 code, e.g. ``"TZ"``."""
    url: str | None = None
    email: str | None = None
    """The organization's public address, e.g. its secretariat's; invitations
    name it as ORGANIZER (RFC 5545 section 3.8.4.3)."""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_enum(problems, ("kind",), self.kind, OrganizationKind)
        c.check_text(problems, ("acronym",), self.acronym, optional=True)
        c.check_text(problems, ("region",), self.region, optional=True)
        c.check_country(problems, ("country",), self.country)
        c.check_url(problems, ("url",), self.url)
        c.check_email(problems, ("email",), self.email)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Person:
    """Someone named by the event: a participant, speaker, chair or reviewer."""

    id: str
    name: str
    honorific: str | None = None
    """E.g. ``"Dkt."``, ``"Prof."``, ``"Mhe."``."""
    email: str | None = None
    """Private: never written to public feeds."""
    organization: str | None = None
    """Affiliation, an organization id."""
    position: LocalizedText | None = None
    """Job title, e.g. ``Mkurugenzi Mkuu / Director General``."""
    biography: LocalizedText | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_text(problems, ("name",), self.name)
        c.check_text(problems, ("honorific",), self.honorific, optional=True)
        c.check_email(problems, ("email",), self.email)
        if self.organization is not None:
            c.check_id(problems, ("organization",), self.organization)
        problems.raise_if_any()

    @property
    def display_name(self) -> str:
        """The name as a person reads it, with the honorific: ``Dkt. Asha Mrisho``."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


@attrs.frozen(kw_only=True)
class Role:
    """A role a participant can hold, e.g. ICT officer; rules refer to its id."""

    id: str
    name: LocalizedText
    description: LocalizedText | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Participant:
    """A person's registration at this event."""

    id: str
    person: str
    """The person's id in :attr:`Event.people`."""
    organization: str
    """The organization the person represents at this event."""
    roles: frozenset[str] = frozenset()
    """Role ids (:attr:`Event.roles`)."""
    groups: frozenset[str] = frozenset()
    """The participant groups the person is registered in."""
    status: RegistrationStatus = RegistrationStatus.CONFIRMED
    days_attended: frozenset[date] = frozenset()
    """The days the person was recorded present."""
    region: str | None = None
    """The region (mkoa) the person comes from."""

    def __attrs_post_init__(self) -> None:
        if not self._looks_valid():
            self._problems().raise_if_any()

    def _looks_valid(self) -> bool:
        """Whether :meth:`_problems` would find nothing, answered quickly."""
        return (
            c.is_new_id(self.id)
            and c.is_id(self.person)
            and c.is_id(self.organization)
            and c.are_ids(self.roles)
            and c.are_ids(self.groups)
            and self.status.__class__ is RegistrationStatus
            and c.are_dates(self.days_attended)
            and (self.region is None or c.is_text(self.region))
        )

    def _problems(self) -> Problems:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_id(problems, ("person",), self.person)
        c.check_id(problems, ("organization",), self.organization)
        c.check_ids(problems, ("roles",), self.roles)
        c.check_ids(problems, ("groups",), self.groups)
        c.check_enum(problems, ("status",), self.status, RegistrationStatus)
        for day in sorted(self.days_attended, key=str):
            c.check_date(problems, ("days_attended",), day)
        c.check_text(problems, ("region",), self.region, optional=True)
        return problems

    def _repr_html_(self) -> str:
        """A compact table for Jupyter.

        >>> import egov_events as ee
        >>> html = ee.examples.kikao_kazi_2019().participants[0]._repr_html_()
        >>> html.startswith("<table><caption>Participant p-0001</caption>")
        True
        >>> "<td style='text-align:left'>group-1, group-3</td>" in html
        True
        """
        return _html_table(
            f"Participant {self.id}",
            [
                ("person", self.person),
                ("organization", self.organization),
                ("roles", ", ".join(sorted(self.roles))),
                ("groups", ", ".join(sorted(self.groups))),
                ("status", self.status),
                ("days attended", ", ".join(d.isoformat() for d in sorted(self.days_attended))),
                ("region", self.region or "-"),
            ],
        )


def _sorted_days(days: Iterable[date]) -> tuple[date, ...]:
    try:
        return tuple(sorted(set(days)))
    except TypeError:  # mixed or wrong types: keep as given for the check
        return tuple(days)


@attrs.frozen(kw_only=True)
class ParticipantGroup:
    """A group of participants invited on given days (kundi).

    Who belongs is said by :attr:`rule` (an eligibility rule), by
    :attr:`members` (a plain list of participant ids), or by the participants'
    own :attr:`Participant.groups`.
    """

    id: str
    name: LocalizedText
    days: tuple[date, ...] = attrs.field(converter=_sorted_days)
    """The days the group meets, sorted, without repeats."""
    description: LocalizedText | None = None
    rule: Rule | None = None
    """Who is eligible to join the group."""
    members: frozenset[str] | None = None
    """An explicit list of participant ids, where no rule says who belongs."""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        if not self.days:
            problems.add(("days",), "a group meets on at least one day")
        for i, day in enumerate(self.days):
            c.check_date(problems, ("days", i), day)
        if self.members is not None:
            c.check_ids(problems, ("members",), self.members)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Room:
    """A room or hall of the venue."""

    id: str
    name: LocalizedText
    capacity: int | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_int(problems, ("capacity",), self.capacity, minimum=0, optional=True)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Venue:
    """Where the event takes place."""

    name: LocalizedText
    city: str
    country: str
    """ISO 3166-1 alpha-2 code, e.g. ``"TZ"``."""
    address: str | None = None
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    rooms: tuple[Room, ...] = ()
    url: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_text(problems, ("city",), self.city)
        c.check_country(problems, ("country",), self.country)
        c.check_text(problems, ("address",), self.address, optional=True)
        c.check_text(problems, ("region",), self.region, optional=True)
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            problems.add((missing,), "latitude and longitude go together: give both or neither")
        if self.latitude is not None:
            c.check_number(problems, ("latitude",), self.latitude, low=-90, high=90)
        if self.longitude is not None:
            c.check_number(problems, ("longitude",), self.longitude, low=-180, high=180)
        c.index_ids(problems, ("rooms",), self.rooms, what="room")
        c.check_url(problems, ("url",), self.url)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Document:
    """A document or link about the event: programme, presentation, report, photos."""

    id: str
    title: LocalizedText
    url: str
    kind: DocumentKind = DocumentKind.OTHER
    language: str | None = None
    """The language of the document's content (a BCP 47 tag)."""
    media_type: str | None = None
    """E.g. ``application/pdf`` or ``text/html``."""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_url(problems, ("url",), self.url)
        c.check_enum(problems, ("kind",), self.kind, DocumentKind)
        check_language(problems, ("language",), self.language)
        c.check_media_type(problems, ("media_type",), self.media_type)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Sponsor:
    """An organization that supports the event (mdhamini)."""

    organization: str
    tier: str | None = None
    """E.g. ``"gold"``; free text, as tiers differ between events."""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("organization",), self.organization)
        c.check_text(problems, ("tier",), self.tier, optional=True)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Session:
    """One block of the programme on one day: a keynote, a discussion, a break.

    A session with no :attr:`groups` is for everyone present that day.
    """

    id: str
    kind: SessionKind
    title: LocalizedText
    start: datetime
    end: datetime
    description: LocalizedText | None = None
    room: str | None = None
    """A room id of the event's venue."""
    groups: frozenset[str] = frozenset()
    """The audience: participant group ids; empty for everyone present."""
    speakers: tuple[str, ...] = ()
    """Person ids, in the order they speak."""
    chairs: tuple[str, ...] = ()
    """Person ids of whoever chairs or moderates."""
    documents: tuple[str, ...] = ()
    capacity: int | None = None
    status: SessionStatus = SessionStatus.CONFIRMED
    online_url: str | None = None
    """Where to join the session online, if it can be joined online
    (calendars carry it as RFC 7986 CONFERENCE)."""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_enum(problems, ("kind",), self.kind, SessionKind)
        c.check_enum(problems, ("status",), self.status, SessionStatus)
        start_ok = c.check_aware(problems, ("start",), self.start)
        end_ok = c.check_aware(problems, ("end",), self.end)
        if start_ok and end_ok and self.end <= self.start:
            problems.add(
                ("end",),
                f"end ({self.end.isoformat()}) must be after start ({self.start.isoformat()})",
            )
        if self.room is not None:
            c.check_id(problems, ("room",), self.room)
        c.check_ids(problems, ("groups",), self.groups)
        c.check_ids(problems, ("speakers",), self.speakers)
        c.check_ids(problems, ("chairs",), self.chairs)
        c.check_ids(problems, ("documents",), self.documents)
        c.check_int(problems, ("capacity",), self.capacity, minimum=0, optional=True)
        c.check_url(problems, ("online_url",), self.online_url)
        problems.raise_if_any()

    @property
    def duration(self) -> timedelta:
        """How long the session lasts."""
        return self.end - self.start

    def days(self, tz: ZoneInfo) -> tuple[date, ...]:
        """The days the session touches, as calendar days in *tz*."""
        first = self.start.astimezone(tz).date()
        last = (self.end.astimezone(tz) - timedelta(microseconds=1)).date()
        return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))

    def _repr_html_(self) -> str:
        """A compact table for Jupyter; times in the session's own zone.

        >>> import egov_events as ee
        >>> html = ee.examples.kikao_kazi_2019().sessions[1]._repr_html_()
        >>> "<td style='text-align:left'>2019-01-30 09:00–10:00 (saa 3:00 asubuhi)</td>" in html
        True
        """
        from egov_events.locale import format_time  # noqa: PLC0415 (lazy: see _html_table)

        start, end = self.start, self.end
        when = (
            f"{start.date().isoformat()} {format_time(start)}\N{EN DASH}{format_time(end)} "
            f"({format_time(start, swahili_clock=True)})"
        )
        return _html_table(
            f"Session {self.id}",
            [
                ("title", self.title),
                ("kind", self.kind),
                ("when", when),
                ("room", self.room or "-"),
                ("groups", ", ".join(sorted(self.groups)) or "all"),
                ("status", self.status),
            ],
        )


_T = TypeVar("_T")


def _lookup(items: Mapping[str, _T], key: str, what: str) -> _T:
    try:
        return items[key]
    except KeyError:
        msg = f"no {what} with id {key!r}: {c.suggest(key, items)}"
        raise KeyError(msg) from None


def _ident(value: str | Any) -> str:
    """Accept an id or an object with an ``id``, as the public functions promise."""
    return value if isinstance(value, str) else str(value.id)


@attrs.frozen(kw_only=True, repr=False)
class Event:
    """An event: a workshop with its programme, groups, people and calls.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> event.first_day, event.last_day
    (datetime.date(2019, 1, 30), datetime.date(2019, 2, 2))
    >>> [g.id for g in event.groups]
    ['group-1', 'group-2', 'group-3']
    """

    id: str
    title: LocalizedText
    organizer: str
    """The organizing organization's id."""
    timezone: ZoneInfo
    """The zone in which the event's days are counted."""
    first_day: date
    last_day: date
    """The last day, inclusive."""
    updated: datetime
    """When this revision was made; exports use it (DTSTAMP), never the clock."""
    series: str | None = None
    """An id shared by the editions of a recurring event."""
    edition: int | None = None
    """The edition's number in its series (2 for the 2nd workshop)."""
    theme: LocalizedText | None = None
    """Kaulimbiu."""
    motto: LocalizedText | None = None
    """The organizer's motto."""
    description: LocalizedText | None = None
    objectives: tuple[LocalizedText, ...] = ()
    venue: Venue | None = None
    status: EventStatus = EventStatus.CONFIRMED
    url: str | None = None
    sessions: tuple[Session, ...] = ()
    groups: tuple[ParticipantGroup, ...] = ()
    participants: tuple[Participant, ...] = ()
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    roles: tuple[Role, ...] = ()
    keynote_speakers: tuple[str, ...] = ()
    """Person ids of the keynote speakers (wazungumzaji wakuu)."""
    sponsors: tuple[Sponsor, ...] = ()
    documents: tuple[Document, ...] = ()
    calls: tuple[CallForSubmissions, ...] = ()
    reported_attendance: int | None = None
    """The attendance the organizer reported, which may differ from the
    number of participant records held."""
    revision: int = 0
    """Raised at every published change; calendars use it as SEQUENCE."""

    def __attrs_post_init__(self) -> None:
        _EventChecker(self).run()

    def __repr__(self) -> str:
        # The full field-by-field form of a real event runs to megabytes;
        # show what identifies it and how big it is.
        return (
            f"<Event {self.id!r} {str(self.title)!r} "
            f"{self.first_day.isoformat()}..{self.last_day.isoformat()} "
            f"{self.timezone.key}: {len(self.sessions)} sessions, {len(self.groups)} groups, "
            f"{len(self.participants)} participants, revision {self.revision}>"
        )

    def _repr_html_(self) -> str:
        """A compact table for Jupyter: what identifies the event and how big it is.

        >>> import egov_events as ee
        >>> html = ee.examples.kikao_kazi_2019()._repr_html_()
        >>> "<td style='text-align:left'>30 Januari – 2 Februari 2019</td>" in html
        True
        """
        from egov_events.locale import format_date_range  # noqa: PLC0415 (lazy: see _html_table)

        venue = f"{self.venue.name}, {self.venue.city}" if self.venue else "-"
        return _html_table(
            f"Event {self.id}",
            [
                ("title", self.title),
                ("days", format_date_range(self.first_day, self.last_day)),
                ("time zone", self.timezone.key),
                ("venue", venue),
                ("sessions", len(self.sessions)),
                ("groups", ", ".join(g.id for g in self.groups)),
                ("participants", len(self.participants)),
                ("calls", len(self.calls)),
                ("revision", self.revision),
            ],
        )

    # -- days -------------------------------------------------------------

    @property
    def days(self) -> tuple[date, ...]:
        """Every day of the event, first to last."""
        n = (self.last_day - self.first_day).days
        return tuple(self.first_day + timedelta(days=i) for i in range(n + 1))

    def day_of(self, moment: datetime) -> date:
        """The calendar day of *moment* in the event's zone."""
        return moment.astimezone(self.timezone).date()

    # -- lookups ----------------------------------------------------------

    @cached_property
    def _index(self) -> dict[str, dict[str, Any]]:
        return {
            "session": {s.id: s for s in self.sessions},
            "group": {g.id: g for g in self.groups},
            "participant": {p.id: p for p in self.participants},
            "person": {p.id: p for p in self.people},
            "organization": {o.id: o for o in self.organizations},
            "document": {d.id: d for d in self.documents},
            "role": {r.id: r for r in self.roles},
            "call": {x.id: x for x in self.calls},
        }

    def session(self, session_id: str) -> Session:
        """The session with this id (``KeyError`` naming close ids otherwise)."""
        return _lookup(self._index["session"], session_id, "session")  # type: ignore[no-any-return]

    def group(self, group: str | ParticipantGroup) -> ParticipantGroup:
        """The participant group with this id."""
        return _lookup(self._index["group"], _ident(group), "group")  # type: ignore[no-any-return]

    def participant(self, participant: str | Participant) -> Participant:
        """The participant with this id."""
        return _lookup(  # type: ignore[no-any-return]
            self._index["participant"], _ident(participant), "participant"
        )

    def person(self, person_id: str) -> Person:
        """The person with this id."""
        return _lookup(self._index["person"], person_id, "person")  # type: ignore[no-any-return]

    def organization(self, organization_id: str) -> Organization:
        """The organization with this id."""
        return _lookup(  # type: ignore[no-any-return]
            self._index["organization"], organization_id, "organization"
        )

    def document(self, document_id: str) -> Document:
        """The document with this id."""
        return _lookup(self._index["document"], document_id, "document")  # type: ignore[no-any-return]

    def role(self, role_id: str) -> Role:
        """The role with this id."""
        return _lookup(self._index["role"], role_id, "role")  # type: ignore[no-any-return]

    def call(self, call_id: str) -> CallForSubmissions:
        """The call for submissions with this id."""
        return _lookup(self._index["call"], call_id, "call")  # type: ignore[no-any-return]

    # -- selections -------------------------------------------------------

    def sessions_on(self, day: date) -> tuple[Session, ...]:
        """The sessions that take place on *day* (in the event's zone), by start."""
        return tuple(
            sorted(
                (s for s in self.sessions if day in s.days(self.timezone)),
                key=lambda s: (s.start, s.id),
            )
        )

    def sessions_for_group(self, group: str | ParticipantGroup) -> tuple[Session, ...]:
        """The sessions a group attends, by start.

        Those addressed to the group, and those addressed to everyone that
        fall on one of the group's days.
        """
        g = self.group(group)
        days = set(g.days)
        return tuple(
            sorted(
                (
                    s
                    for s in self.sessions
                    if g.id in s.groups
                    or (not s.groups and days.intersection(s.days(self.timezone)))
                ),
                key=lambda s: (s.start, s.id),
            )
        )

    def sessions_of(self, participant: str | Participant) -> tuple[Session, ...]:
        """The sessions of every group the participant is registered in, by start."""
        p = self.participant(participant)
        found: dict[str, Session] = {}
        for group_id in sorted(p.groups):
            for s in self.sessions_for_group(group_id):
                found.setdefault(s.id, s)
        return tuple(sorted(found.values(), key=lambda s: (s.start, s.id)))

    def participants_in(self, group: str | ParticipantGroup) -> tuple[Participant, ...]:
        """The participants registered in a group (:attr:`Participant.groups`)."""
        gid = self.group(group).id
        return tuple(p for p in self.participants if gid in p.groups)

    def days_of(self, group: str | ParticipantGroup) -> tuple[date, ...]:
        """The days a group meets."""
        return self.group(group).days

    def attendance(self) -> dict[date, int]:
        """How many participants were recorded present on each day of the event."""
        counts = dict.fromkeys(self.days, 0)
        for p in self.participants:
            for day in p.days_attended:
                if day in counts:
                    counts[day] += 1
        return counts


class _EventChecker:
    """The checks that need the whole event; every problem is collected."""

    def __init__(self, event: Event) -> None:
        self.e = event
        self.p = Problems()

    def run(self) -> None:
        self.own_fields()
        ids = self.unique_ids()
        self.references(ids)
        self.rules()
        self.days()
        self.p.raise_if_any()

    def own_fields(self) -> None:
        e, p = self.e, self.p
        c.check_id(p, ("id",), e.id)
        if not isinstance(e.timezone, ZoneInfo):
            p.add(
                ("timezone",),
                f"expected a zoneinfo.ZoneInfo, e.g. ZoneInfo('Africa/Dar_es_Salaam'), "
                f"got {type(e.timezone).__name__}",
            )
        first_ok = c.check_date(p, ("first_day",), e.first_day)
        last_ok = c.check_date(p, ("last_day",), e.last_day)
        if first_ok and last_ok and e.last_day < e.first_day:
            p.add(
                ("last_day",),
                f"last_day ({e.last_day.isoformat()}) is before first_day "
                f"({e.first_day.isoformat()})",
            )
        c.check_aware(p, ("updated",), e.updated)
        if e.series is not None:
            c.check_id(p, ("series",), e.series)
        c.check_int(p, ("edition",), e.edition, minimum=1, optional=True)
        c.check_enum(p, ("status",), e.status, EventStatus)
        c.check_url(p, ("url",), e.url)
        c.check_int(p, ("reported_attendance",), e.reported_attendance, minimum=0, optional=True)
        c.check_int(p, ("revision",), e.revision, minimum=0)

    def unique_ids(self) -> dict[str, dict[str, int]]:
        e, p = self.e, self.p
        ids = {
            "session": c.index_ids(p, ("sessions",), e.sessions, what="session"),
            "group": c.index_ids(p, ("groups",), e.groups, what="group"),
            "participant": c.index_ids(p, ("participants",), e.participants, what="participant"),
            "person": c.index_ids(p, ("people",), e.people, what="person"),
            "organization": c.index_ids(
                p, ("organizations",), e.organizations, what="organization"
            ),
            "document": c.index_ids(p, ("documents",), e.documents, what="document"),
            "role": c.index_ids(p, ("roles",), e.roles, what="role"),
            "call": c.index_ids(p, ("calls",), e.calls, what="call"),
            "room": {r.id: i for i, r in enumerate(e.venue.rooms)} if e.venue else {},
        }
        submissions: dict[str, tuple[int, int]] = {}
        for i, call in enumerate(e.calls):
            for j, sub in enumerate(call.submissions):
                if sub.id in submissions:
                    ci, sj = submissions[sub.id]
                    p.add(
                        ("calls", i, "submissions", j, "id"),
                        f"duplicate submission id {sub.id!r} (first used at "
                        f"$.calls[{ci}].submissions[{sj}])",
                    )
                submissions.setdefault(sub.id, (i, j))
        sponsors: dict[str, int] = {}
        for i, sponsor in enumerate(e.sponsors):
            if sponsor.organization in sponsors:
                p.add(
                    ("sponsors", i, "organization"),
                    f"organization {sponsor.organization!r} is already a sponsor "
                    f"($.sponsors[{sponsors[sponsor.organization]}])",
                )
            sponsors.setdefault(sponsor.organization, i)
        return ids

    def references(self, ids: dict[str, dict[str, int]]) -> None:
        e, p = self.e, self.p
        people, orgs = ids["person"], ids["organization"]
        c.check_refs(p, ("organizer",), e.organizer, orgs, what="organization")
        c.check_refs(p, ("keynote_speakers",), e.keynote_speakers, people, what="person")
        for i, s in enumerate(e.sessions):
            at = ("sessions", i)
            c.check_refs(p, (*at, "room"), s.room, ids["room"], what="room")
            c.check_refs(p, (*at, "groups"), s.groups, ids["group"], what="group")
            c.check_refs(p, (*at, "speakers"), s.speakers, people, what="person")
            c.check_refs(p, (*at, "chairs"), s.chairs, people, what="person")
            c.check_refs(p, (*at, "documents"), s.documents, ids["document"], what="document")
        for i, g in enumerate(e.groups):
            if g.members is not None:
                c.check_refs(
                    p, ("groups", i, "members"), g.members, ids["participant"], what="participant"
                )
        parts = e.participants
        if (
            all(x in people for x in {x.person for x in parts})
            and all(x in orgs for x in {x.organization for x in parts})
            and all(x in ids["role"] for x in frozenset().union(*(x.roles for x in parts)))
            and all(x in ids["group"] for x in frozenset().union(*(x.groups for x in parts)))
        ):
            parts = ()  # every reference resolves: no need to look at each participant
        for i, part in enumerate(parts):
            at = ("participants", i)
            c.check_refs(p, (*at, "person"), part.person, people, what="person")
            c.check_refs(p, (*at, "organization"), part.organization, orgs, what="organization")
            c.check_refs(p, (*at, "roles"), part.roles, ids["role"], what="role")
            c.check_refs(p, (*at, "groups"), part.groups, ids["group"], what="group")
        for i, person in enumerate(e.people):
            c.check_refs(
                p, ("people", i, "organization"), person.organization, orgs, what="organization"
            )
        for i, sponsor in enumerate(e.sponsors):
            c.check_refs(
                p, ("sponsors", i, "organization"), sponsor.organization, orgs, what="organization"
            )
        for i, call in enumerate(e.calls):
            c.check_refs(p, ("calls", i, "session"), call.session, ids["session"], what="session")
            for j, sub in enumerate(call.submissions):
                sat = ("calls", i, "submissions", j)
                c.check_refs(p, (*sat, "submitters"), sub.submitters, people, what="person")
                c.check_refs(p, (*sat, "organization"), sub.organization, orgs, what="organization")
                for k, review in enumerate(sub.reviews):
                    c.check_refs(
                        p, (*sat, "reviews", k, "reviewer"), review.reviewer, people, what="person"
                    )

    def rules(self) -> None:
        """Check every group's rule and every call's eligibility (egov_events.rules.check)."""
        e, p = self.e, self.p
        for i, g in enumerate(e.groups):
            if g.rule is not None:
                group = g.id if isinstance(g.id, str) else None
                found = rule_problems(g.rule, event=e, attributes=RULE_ATTRIBUTES, owner=group)
                p.extend(found, "groups", i, "rule")
        for i, call in enumerate(e.calls):
            if call.eligibility is not None:
                found = rule_problems(call.eligibility, event=e, attributes=RULE_ATTRIBUTES)
                p.extend(found, "calls", i, "eligibility")

    def days(self) -> None:
        e, p = self.e, self.p
        if not isinstance(e.timezone, ZoneInfo) or not all(
            isinstance(d, date) and not isinstance(d, datetime) for d in (e.first_day, e.last_day)
        ):
            return
        first, last = e.first_day, e.last_day
        span = f"{first.isoformat()}..{last.isoformat()}"
        for i, s in enumerate(e.sessions):
            if not (isinstance(s.start, datetime) and s.start.tzinfo):
                continue
            start_day = e.day_of(s.start)
            end_day = (s.end.astimezone(e.timezone) - timedelta(microseconds=1)).date()
            if not first <= start_day <= last:
                p.add(
                    ("sessions", i, "start"),
                    f"starts on {start_day.isoformat()} in {e.timezone.key}, outside the "
                    f"event's days {span}",
                )
            elif not first <= end_day <= last:
                p.add(
                    ("sessions", i, "end"),
                    f"ends on {end_day.isoformat()} in {e.timezone.key}, outside the "
                    f"event's days {span}",
                )
        for i, g in enumerate(e.groups):
            for j, day in enumerate(g.days):
                if isinstance(day, date) and not first <= day <= last:
                    p.add(
                        ("groups", i, "days", j),
                        f"{day.isoformat()} is outside the event's days {span}",
                    )
        parts = e.participants
        if all(first <= d <= last for d in frozenset().union(*(x.days_attended for x in parts))):
            parts = ()  # every day attended is one of the event's
        for i, part in enumerate(parts):
            for day in sorted(part.days_attended):
                if not first <= day <= last:
                    p.add(
                        ("participants", i, "days_attended"),
                        f"{day.isoformat()} is outside the event's days {span}",
                    )


RULE_ATTRIBUTES: Mapping[str, Attribute] = rule_attributes(Participant, Organization)
"""What eligibility rules can read: each text or enumeration field of a
:class:`Participant` (``region``) and of its :class:`Organization`
(``organization.kind``), by name (:func:`egov_events.rules.attribute_names`)."""
