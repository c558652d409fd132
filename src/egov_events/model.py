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

from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast
from zoneinfo import ZoneInfo

import attrs

from egov_events import _checks as c
from egov_events import _fields as f
from egov_events.enums import (
    AnswerStatus,
    DocumentKind,
    EventStatus,
    OrganizationKind,
    RegistrationStatus,
    SessionKind,
    SessionStatus,
)
from egov_events.errors import Problem, Problems
from egov_events.rules import Rule
from egov_events.rules.attributes import Attribute, rule_attributes
from egov_events.submissions import CallForSubmissions
from egov_events.text import LocalizedText

if TYPE_CHECKING:
    from egov_events.conflicts import Conflict

__all__ = [
    "RULE_ATTRIBUTES",
    "Answer",
    "AnswerStatus",
    "Document",
    "DocumentKind",
    "Event",
    "EventStatus",
    "GroupDay",
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


# -- converters: what a user's intent makes unambiguous becomes the declared type ----
# (named functions with typed parameters, so that type checkers show what each
# field accepts; each leaves what it cannot convert for the field's check)


def _ids(value: Iterable[str]) -> frozenset[str]:
    if value.__class__ is frozenset:
        return value
    converted: frozenset[str] = f.to_frozenset(value)
    return converted


def _optional_ids(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else _ids(value)


def _id_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return cast("tuple[str, ...]", f.to_tuple(value))


def _dates(value: Iterable[date]) -> frozenset[date]:
    if value.__class__ is frozenset:
        return value
    converted: frozenset[date] = f.to_frozenset(value)
    return converted


def _text(value: LocalizedText | Mapping[str, str]) -> LocalizedText:
    return cast("LocalizedText", f.to_text(value))


def _optional_text(value: LocalizedText | Mapping[str, str] | None) -> LocalizedText | None:
    return cast("LocalizedText | None", f.to_text(value))


def _texts(value: Iterable[LocalizedText | Mapping[str, str]]) -> tuple[LocalizedText, ...]:
    items = f.to_tuple(value)
    if type(items) is tuple:
        items = tuple(map(f.to_text, items))
    return cast("tuple[LocalizedText, ...]", items)


def _organization_kind(value: OrganizationKind | str) -> OrganizationKind:
    return cast("OrganizationKind", f.to_enum(OrganizationKind, value))


def _session_kind(value: SessionKind | str) -> SessionKind:
    return cast("SessionKind", f.to_enum(SessionKind, value))


def _session_status(value: SessionStatus | str) -> SessionStatus:
    return cast("SessionStatus", f.to_enum(SessionStatus, value))


def _event_status(value: EventStatus | str) -> EventStatus:
    return cast("EventStatus", f.to_enum(EventStatus, value))


def _registration_status(value: RegistrationStatus | str) -> RegistrationStatus:
    if value.__class__ is RegistrationStatus:
        return value
    converted: RegistrationStatus = f.to_enum(RegistrationStatus, value)
    return converted


def _document_kind(value: DocumentKind | str) -> DocumentKind:
    return cast("DocumentKind", f.to_enum(DocumentKind, value))


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

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    name: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    kind: OrganizationKind = attrs.field(
        metadata=f.meta(f.member(OrganizationKind)), converter=_organization_kind
    )
    acronym: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    region: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    """The region (mkoa) of its seat, e.g. ``"Dodoma"``."""
    country: str | None = attrs.field(metadata=f.meta(f.optional(f.COUNTRY)), default=None)
    """ISO 3166-1 alpha-2 code, e.g. ``"TZ"``."""
    url: str | None = attrs.field(metadata=f.meta(f.optional(f.URL)), default=None)
    email: str | None = attrs.field(metadata=f.meta(f.optional(f.EMAIL)), default=None)
    """The organization's public address, e.g. its secretariat's; invitations
    name it as ORGANIZER (RFC 5545 section 3.8.4.3)."""

    def __attrs_post_init__(self) -> None:
        f.validate(self)


@attrs.frozen(kw_only=True)
class Person:
    """Someone named by the event: a participant, speaker, chair or reviewer."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    name: str = attrs.field(metadata=f.meta(f.TEXT))
    honorific: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    """E.g. ``"Dkt."``, ``"Prof."``, ``"Mhe."``."""
    email: str | None = attrs.field(metadata=f.meta(f.optional(f.EMAIL)), default=None)
    """Private: never written to public feeds."""
    phone: str | None = attrs.field(metadata=f.meta(f.optional(f.PHONE)), default=None)
    """E.164 (``+255712345678``). Private: never written to public feeds."""
    organization: str | None = attrs.field(metadata=f.meta(f.optional(f.ID)), default=None)
    """Affiliation, an organization id."""
    position: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    """Job title, e.g. ``Mkurugenzi Mkuu / Director General``."""
    biography: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )

    def __attrs_post_init__(self) -> None:
        f.validate(self)

    @property
    def display_name(self) -> str:
        """The name as a person reads it, with the honorific: ``Dkt. Asha Mrisho``."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


@attrs.frozen(kw_only=True)
class Role:
    """A role a participant can hold, e.g. ICT officer; rules refer to its id."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    name: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    description: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )

    def __attrs_post_init__(self) -> None:
        f.validate(self)


@attrs.frozen(kw_only=True)
class Participant:
    """A person's registration at this event."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    person: str = attrs.field(metadata=f.meta(f.ID))
    """The person's id in :attr:`Event.people`."""
    organization: str = attrs.field(metadata=f.meta(f.ID))
    """The organization the person represents at this event."""
    roles: frozenset[str] = attrs.field(
        metadata=f.meta(f.ID_SET), converter=_ids, default=frozenset()
    )
    """Role ids (:attr:`Event.roles`)."""
    groups: frozenset[str] = attrs.field(
        metadata=f.meta(f.ID_SET), converter=_ids, default=frozenset()
    )
    """The participant groups the person is registered in."""
    status: RegistrationStatus = attrs.field(
        metadata=f.meta(f.member(RegistrationStatus)),
        converter=_registration_status,
        default=RegistrationStatus.CONFIRMED,
    )
    days_attended: frozenset[date] = attrs.field(
        metadata=f.meta(f.DATES), converter=_dates, default=frozenset()
    )
    """The days the person was recorded present."""
    region: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    """The region (mkoa) the person comes from."""

    def __attrs_post_init__(self) -> None:
        f.validate(self)

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
    items = f.to_tuple(days)
    if type(items) is not tuple:
        return cast("tuple[date, ...]", items)  # not a collection: for the check
    try:
        return tuple(sorted(set(items)))
    except TypeError:  # mixed or wrong types: keep as given for the check
        return items


@attrs.frozen(kw_only=True)
class ParticipantGroup:
    """A group of participants invited on given days (kundi).

    Who belongs is said by :attr:`rule` (an eligibility rule), by
    :attr:`members` (a plain list of participant ids), or by the participants'
    own :attr:`Participant.groups`.
    """

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    name: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    days: tuple[date, ...] = attrs.field(metadata=f.meta(f.DAYS), converter=_sorted_days)
    """The days the group meets, sorted, without repeats."""
    description: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    rule: Rule | None = attrs.field(metadata=f.meta(f.optional(f.instance(Rule))), default=None)
    """Who is eligible to join the group."""
    members: frozenset[str] | None = attrs.field(
        metadata=f.meta(f.optional(f.ID_SET)), converter=_optional_ids, default=None
    )
    """An explicit list of participant ids, where no rule says who belongs."""
    sequence: int = attrs.field(metadata=f.meta(f.SEQUENCE), default=0)
    """The SEQUENCE of the group's invitation (RFC 5545 section 3.8.7.4), raised by
    :func:`egov_events.revisions.revise` when its days, hours, status, place or
    members change, and carried by every REQUEST and CANCEL sent for it."""

    def __attrs_post_init__(self) -> None:
        f.validate(self, self._more)

    def _more(self, problems: Problems) -> None:
        if type(self.days) is tuple and not self.days:
            problems.add(
                ("days",),
                "a group meets on at least one day",
                "kundi hukutana angalau siku moja",
            )


@attrs.frozen(kw_only=True)
class Room:
    """A room or hall of the venue."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    name: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    capacity: int | None = attrs.field(metadata=f.meta(f.optional(f.integer(0))), default=None)

    def __attrs_post_init__(self) -> None:
        f.validate(self)


def _rooms(value: Iterable[Room]) -> tuple[Room, ...]:
    return cast("tuple[Room, ...]", f.to_tuple(value))


@attrs.frozen(kw_only=True)
class Venue:
    """Where the event takes place."""

    name: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    city: str = attrs.field(metadata=f.meta(f.TEXT))
    country: str = attrs.field(metadata=f.meta(f.COUNTRY))
    """ISO 3166-1 alpha-2 code, e.g. ``"TZ"``."""
    address: str | None = attrs.field(metadata=f.meta(f.optional(f.LINES)), default=None)
    region: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    latitude: float | None = attrs.field(
        metadata=f.meta(f.optional(f.number(-90, 90))), default=None
    )
    longitude: float | None = attrs.field(
        metadata=f.meta(f.optional(f.number(-180, 180))), default=None
    )
    rooms: tuple[Room, ...] = attrs.field(
        metadata=f.meta(f.objects(Room)), converter=_rooms, default=()
    )
    url: str | None = attrs.field(metadata=f.meta(f.optional(f.URL)), default=None)

    def __attrs_post_init__(self) -> None:
        f.validate(self, self._more)

    def _more(self, problems: Problems) -> None:
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            problems.add(
                (missing,),
                "latitude and longitude go together: give both or neither",
                "latitude na longitude huenda pamoja: toa zote mbili au usitoe yoyote",
            )
        c.index_ids(problems, ("rooms",), f.each(self.rooms), what="room")


@attrs.frozen(kw_only=True)
class Document:
    """A document or link about the event: programme, presentation, report, photos."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    title: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    url: str = attrs.field(metadata=f.meta(f.URL))
    kind: DocumentKind = attrs.field(
        metadata=f.meta(f.member(DocumentKind)),
        converter=_document_kind,
        default=DocumentKind.OTHER,
    )
    language: str | None = attrs.field(metadata=f.meta(f.optional(f.LANGUAGE)), default=None)
    """The language of the document's content (a BCP 47 tag)."""
    media_type: str | None = attrs.field(metadata=f.meta(f.optional(f.MEDIA_TYPE)), default=None)
    """E.g. ``application/pdf`` or ``text/html``."""

    def __attrs_post_init__(self) -> None:
        f.validate(self)


@attrs.frozen(kw_only=True)
class Sponsor:
    """An organization that supports the event (mdhamini)."""

    organization: str = attrs.field(metadata=f.meta(f.ID))
    tier: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    """E.g. ``"gold"``; free text, as tiers differ between events."""

    def __attrs_post_init__(self) -> None:
        f.validate(self)


def _answer_status(value: AnswerStatus | str) -> AnswerStatus:
    return cast("AnswerStatus", f.to_enum(AnswerStatus, value))


@attrs.frozen(kw_only=True)
class Answer:
    """A participant's answer to a group's invitation, for all its days or for one.

    Recorded by :func:`egov_events.revisions.apply_replies` from the
    participant's iTIP REPLY (RFC 5546 section 3.2.3).
    """

    participant: str = attrs.field(metadata=f.meta(f.ID))
    group: str = attrs.field(metadata=f.meta(f.ID))
    status: AnswerStatus = attrs.field(
        metadata=f.meta(f.member(AnswerStatus)), converter=_answer_status
    )
    stamp: datetime = attrs.field(metadata=f.meta(f.AWARE))
    """When the participant answered (the REPLY's DTSTAMP)."""
    sequence: int = attrs.field(metadata=f.meta(f.SEQUENCE))
    """The SEQUENCE of the invitation answered."""
    day: date | None = attrs.field(metadata=f.meta(f.optional(f.DATE)), default=None)
    """The day answered; ``None``: every day of the group."""
    comment: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)

    def __attrs_post_init__(self) -> None:
        f.validate(self)


@attrs.frozen(kw_only=True)
class Session:
    """One block of the programme on one day: a keynote, a discussion, a break.

    A session with no :attr:`groups` is for everyone present that day.
    """

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    kind: SessionKind = attrs.field(metadata=f.meta(f.member(SessionKind)), converter=_session_kind)
    title: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    start: datetime = attrs.field(metadata=f.meta(f.AWARE))
    end: datetime = attrs.field(metadata=f.meta(f.AWARE))
    description: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    room: str | None = attrs.field(metadata=f.meta(f.optional(f.ID)), default=None)
    """A room id of the event's venue."""
    groups: frozenset[str] = attrs.field(
        metadata=f.meta(f.ID_SET), converter=_ids, default=frozenset()
    )
    """The audience: participant group ids; empty for everyone present."""
    speakers: tuple[str, ...] = attrs.field(metadata=f.meta(f.IDS), converter=_id_tuple, default=())
    """Person ids, in the order they speak."""
    chairs: tuple[str, ...] = attrs.field(metadata=f.meta(f.IDS), converter=_id_tuple, default=())
    """Person ids of whoever chairs or moderates."""
    documents: tuple[str, ...] = attrs.field(
        metadata=f.meta(f.IDS), converter=_id_tuple, default=()
    )
    capacity: int | None = attrs.field(metadata=f.meta(f.optional(f.integer(0))), default=None)
    status: SessionStatus = attrs.field(
        metadata=f.meta(f.member(SessionStatus)),
        converter=_session_status,
        default=SessionStatus.CONFIRMED,
    )
    online_url: str | None = attrs.field(metadata=f.meta(f.optional(f.URL)), default=None)
    """Where to join the session online, if it can be joined online
    (calendars carry it as RFC 7986 CONFERENCE)."""
    sequence: int = attrs.field(metadata=f.meta(f.SEQUENCE), default=0)
    """The SEQUENCE of the session in feeds (RFC 5545 section 3.8.7.4), raised by
    :func:`egov_events.revisions.revise` when its start, end, status or place change."""

    def __attrs_post_init__(self) -> None:
        f.validate(self, self._more)

    def _more(self, problems: Problems) -> None:
        if (
            f.is_moment(self.start)
            and f.is_moment(self.end)
            and c.utc_order(self.end) <= c.utc_order(self.start)
        ):
            problems.add(
                ("end",),
                f"end ({self.end.isoformat()}) must be after start ({self.start.isoformat()})",
                f"mwisho ({self.end.isoformat()}) lazima uwe baada ya mwanzo "
                f"({self.start.isoformat()})",
            )

    @property
    def duration(self) -> timedelta:
        """How long the session lasts."""
        return c.utc_order(self.end) - c.utc_order(self.start)

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


@attrs.frozen
class GroupDay:
    """One day of a group that has sessions: the instance of the group's invitation that day."""

    day: date
    start: datetime
    """The start of the group's first session that day, in the event's zone."""
    end: datetime
    """The end of the group's last session that day, in the event's zone."""
    sessions: tuple[Session, ...]
    """The group's sessions that day, by start."""
    cancelled: bool
    """Every session of the group that day is cancelled."""


_T = TypeVar("_T")

DERIVED_LIMIT = 1024
"""How many derived values (:meth:`Event.derived`) an event keeps at most."""


def _sessions(value: Iterable[Session]) -> tuple[Session, ...]:
    return cast("tuple[Session, ...]", f.to_tuple(value))


def _groups(value: Iterable[ParticipantGroup]) -> tuple[ParticipantGroup, ...]:
    return cast("tuple[ParticipantGroup, ...]", f.to_tuple(value))


def _participants(value: Iterable[Participant]) -> tuple[Participant, ...]:
    return cast("tuple[Participant, ...]", f.to_tuple(value))


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    return cast("tuple[Person, ...]", f.to_tuple(value))


def _organizations(value: Iterable[Organization]) -> tuple[Organization, ...]:
    return cast("tuple[Organization, ...]", f.to_tuple(value))


def _roles(value: Iterable[Role]) -> tuple[Role, ...]:
    return cast("tuple[Role, ...]", f.to_tuple(value))


def _sponsors(value: Iterable[Sponsor]) -> tuple[Sponsor, ...]:
    return cast("tuple[Sponsor, ...]", f.to_tuple(value))


def _documents(value: Iterable[Document]) -> tuple[Document, ...]:
    return cast("tuple[Document, ...]", f.to_tuple(value))


def _calls(value: Iterable[CallForSubmissions]) -> tuple[CallForSubmissions, ...]:
    return cast("tuple[CallForSubmissions, ...]", f.to_tuple(value))


def _answers(value: Iterable[Answer]) -> tuple[Answer, ...]:
    return cast("tuple[Answer, ...]", f.to_tuple(value))


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

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    title: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    organizer: str = attrs.field(metadata=f.meta(f.ID))
    """The organizing organization's id."""
    timezone: ZoneInfo = attrs.field(metadata=f.meta(f.ZONE))
    """The zone in which the event's days are counted."""
    first_day: date = attrs.field(metadata=f.meta(f.DATE))
    last_day: date = attrs.field(metadata=f.meta(f.DATE))
    """The last day, inclusive."""
    updated: datetime = attrs.field(metadata=f.meta(f.AWARE))
    """When this revision was made; exports use it (DTSTAMP), never the clock."""
    series: str | None = attrs.field(metadata=f.meta(f.optional(f.ID)), default=None)
    """An id shared by the editions of a recurring event."""
    edition: int | None = attrs.field(metadata=f.meta(f.optional(f.integer(1))), default=None)
    """The edition's number in its series (2 for the 2nd workshop)."""
    theme: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    """Kaulimbiu."""
    motto: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    """The organizer's motto."""
    description: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    objectives: tuple[LocalizedText, ...] = attrs.field(
        metadata=f.meta(f.objects(LocalizedText)), converter=_texts, default=()
    )
    venue: Venue | None = attrs.field(metadata=f.meta(f.optional(f.instance(Venue))), default=None)
    status: EventStatus = attrs.field(
        metadata=f.meta(f.member(EventStatus)),
        converter=_event_status,
        default=EventStatus.CONFIRMED,
    )
    url: str | None = attrs.field(metadata=f.meta(f.optional(f.URL)), default=None)
    sessions: tuple[Session, ...] = attrs.field(
        metadata=f.meta(f.objects(Session)), converter=_sessions, default=()
    )
    groups: tuple[ParticipantGroup, ...] = attrs.field(
        metadata=f.meta(f.objects(ParticipantGroup)), converter=_groups, default=()
    )
    participants: tuple[Participant, ...] = attrs.field(
        metadata=f.meta(f.objects(Participant)), converter=_participants, default=()
    )
    people: tuple[Person, ...] = attrs.field(
        metadata=f.meta(f.objects(Person)), converter=_people, default=()
    )
    organizations: tuple[Organization, ...] = attrs.field(
        metadata=f.meta(f.objects(Organization)), converter=_organizations, default=()
    )
    roles: tuple[Role, ...] = attrs.field(
        metadata=f.meta(f.objects(Role)), converter=_roles, default=()
    )
    keynote_speakers: tuple[str, ...] = attrs.field(
        metadata=f.meta(f.IDS), converter=_id_tuple, default=()
    )
    """Person ids of the keynote speakers (wazungumzaji wakuu)."""
    sponsors: tuple[Sponsor, ...] = attrs.field(
        metadata=f.meta(f.objects(Sponsor)), converter=_sponsors, default=()
    )
    documents: tuple[Document, ...] = attrs.field(
        metadata=f.meta(f.objects(Document)), converter=_documents, default=()
    )
    calls: tuple[CallForSubmissions, ...] = attrs.field(
        metadata=f.meta(f.objects(CallForSubmissions)), converter=_calls, default=()
    )
    reported_attendance: int | None = attrs.field(
        metadata=f.meta(f.optional(f.integer(0))), default=None
    )
    """The attendance the organizer reported, which may differ from the
    number of participant records held."""
    answers: tuple[Answer, ...] = attrs.field(
        metadata=f.meta(f.objects(Answer)), converter=_answers, default=()
    )
    """Participants' answers to their invitations, as replies brought them
    (:func:`egov_events.revisions.apply_replies`)."""
    revision: int = attrs.field(metadata=f.meta(f.integer(0)), default=0)
    """Raised at every published change (:func:`egov_events.revisions.revise`).
    Calendars take SEQUENCE from each session's and group's own
    :attr:`Session.sequence` and :attr:`ParticipantGroup.sequence`."""

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

    @cached_property
    def _derived(self) -> dict[Hashable, object]:
        return {}

    def derived(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """*build()*, computed once per *key* for this event and kept as long as the event lives.

        The event is immutable, so what is computed from it stays true: the
        rules module keeps each checked, planned and compiled rule here, the
        iCalendar module the parts of invitations shared by a group. At most
        :data:`DERIVED_LIMIT` values are kept; a full store starts again
        empty. *key* says who computed what (``("rules.compile", ...)``).

        >>> import egov_events as ee
        >>> event = ee.examples.kikao_kazi_2019()
        >>> event.derived(("doc", "answer"), lambda: 42), event.derived(("doc", "answer"), list)
        (42, 42)
        """
        store = self._derived
        try:
            return store[key]  # type: ignore[return-value]
        except KeyError:
            pass
        value = build()
        if len(store) >= DERIVED_LIMIT:
            store.clear()
        store[key] = value
        return value

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
                key=lambda s: (c.utc_order(s.start), s.id),
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
                key=lambda s: (c.utc_order(s.start), s.id),
            )
        )

    def sessions_of(self, participant: str | Participant) -> tuple[Session, ...]:
        """The sessions of every group the participant is registered in, by start."""
        p = self.participant(participant)
        found: dict[str, Session] = {}
        for group_id in sorted(p.groups):
            for s in self.sessions_for_group(group_id):
                found.setdefault(s.id, s)
        return tuple(sorted(found.values(), key=lambda s: (c.utc_order(s.start), s.id)))

    def participants_in(self, group: str | ParticipantGroup) -> tuple[Participant, ...]:
        """The participants registered in a group (:attr:`Participant.groups`)."""
        gid = self.group(group).id
        return tuple(p for p in self.participants if gid in p.groups)

    def days_of(self, group: str | ParticipantGroup) -> tuple[date, ...]:
        """The days a group meets."""
        return self.group(group).days

    def group_days(self, group: str | ParticipantGroup) -> tuple[GroupDay, ...]:
        """The group's days that have sessions, each with its hours, first day first.

        These are the instances of the group's invitation: each runs from the
        start of the group's first session that day to the end of its last.

        >>> import egov_events as ee
        >>> event = ee.examples.kikao_kazi_2019()
        >>> [(d.day.isoformat(), f"{d.start:%H:%M}", f"{d.end:%H:%M}")
        ...  for d in event.group_days("group-1")]
        [('2019-01-30', '08:00', '17:00'), ('2019-01-31', '08:30', '16:30')]
        """
        g = self.group(group)
        tz = self.timezone
        by_day: dict[date, list[Session]] = {}
        for s in self.sessions_for_group(g):
            by_day.setdefault(self.day_of(s.start), []).append(s)
        days = []
        for day in g.days:
            sessions = by_day.get(day)
            if sessions:
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

    def conflicts(self) -> list[Conflict]:
        """The schedule's conflicts: rooms, groups and people in two places, rooms too small.

        They are warnings, not errors: the event is valid. Each has a path
        and a message in Swahili and English (:meth:`Conflict.render`).

        >>> import attrs, datetime
        >>> import egov_events as ee
        >>> event = ee.examples.kikao_kazi_2019()
        >>> event.conflicts()
        []
        >>> opening = event.session("s-2019-01-30-opening")
        >>> hour = datetime.timedelta(hours=1)
        >>> moved = attrs.evolve(opening, start=opening.start + hour, end=opening.end + hour)
        >>> sessions = tuple(moved if s.id == moved.id else s for s in event.sessions)
        >>> for conflict in attrs.evolve(event, sessions=sessions).conflicts()[:2]:
        ...     print(conflict.render("en"))  # doctest: +ELLIPSIS
        room 'ukumbi-mkuu' is also used by session 's-2019-01-30-opening' ... @ $.sessions[2].room
        group 'group-1' is also expected at session ... @ $.sessions[2].groups
        """
        from egov_events.conflicts import find_conflicts  # noqa: PLC0415 (lazy: on first use)

        return find_conflicts(self)

    def attendance(self) -> dict[date, int]:
        """How many participants were recorded present on each day of the event."""
        counts = dict.fromkeys(self.days, 0)
        for p in self.participants:
            for day in p.days_attended:
                if day in counts:
                    counts[day] += 1
        return counts


class _EventChecker:
    """The checks that need the whole event; every problem is collected.

    Each part is looked at only where it has the declared type, so that a
    wrong type in one field is reported together with the problems of the
    others (a dangling reference among them), never instead of them.
    """

    def __init__(self, event: Event, unread: Collection[str] = ()) -> None:
        self.e = event
        self.p = Problems()
        self.typed = False
        self.unread = unread

    def run(self) -> None:
        self.find()
        self.p.raise_if_any()

    def find(self) -> None:
        self.own_fields()
        ids = self.unique_ids()
        for name, kind in _KINDS_OF_FIELDS.items():
            if name in self.unread:
                ids[kind] = _ANYTHING
        self.references(ids)
        self.answer_references(ids)
        if self.typed and not self.unread:  # the rule checker reads the event's parts
            self.rules()
        self.days()

    def own_fields(self) -> None:
        e, p = self.e, self.p
        self.typed = f.looks_valid(e)
        if not self.typed:
            f.field_problems(e, p)
            self.typed = not p
        if type(e.first_day) is date and type(e.last_day) is date and e.last_day < e.first_day:
            p.add(
                ("last_day",),
                f"last_day ({e.last_day.isoformat()}) is before first_day "
                f"({e.first_day.isoformat()})",
                f"last_day ({e.last_day.isoformat()}) ni kabla ya first_day "
                f"({e.first_day.isoformat()})",
            )

    def unique_ids(self) -> dict[str, dict[str, int]]:
        e, p = self.e, self.p
        venue = e.venue if isinstance(e.venue, Venue) else None
        ids = {
            "session": c.index_ids(p, ("sessions",), f.each(e.sessions), what="session"),
            "group": c.index_ids(p, ("groups",), f.each(e.groups), what="group"),
            "participant": c.index_ids(
                p, ("participants",), f.each(e.participants), what="participant"
            ),
            "person": c.index_ids(p, ("people",), f.each(e.people), what="person"),
            "organization": c.index_ids(
                p, ("organizations",), f.each(e.organizations), what="organization"
            ),
            "document": c.index_ids(p, ("documents",), f.each(e.documents), what="document"),
            "role": c.index_ids(p, ("roles",), f.each(e.roles), what="role"),
            "call": c.index_ids(p, ("calls",), f.each(e.calls), what="call"),
            "room": {r.id: i for i, r in enumerate(venue.rooms)} if venue else {},
        }
        submissions: dict[str, tuple[int, int]] = {}
        for i, call in _each(e.calls, CallForSubmissions):
            for j, sub in enumerate(call.submissions):
                if sub.id in submissions:
                    ci, sj = submissions[sub.id]
                    p.add(
                        ("calls", i, "submissions", j, "id"),
                        f"duplicate submission id {sub.id!r} (first used at "
                        f"$.calls[{ci}].submissions[{sj}])",
                        f"kitambulisho {sub.id!r} cha wasilisho kimerudiwa (kilitumika kwanza "
                        f"$.calls[{ci}].submissions[{sj}])",
                    )
                submissions.setdefault(sub.id, (i, j))
        sponsors: dict[str, int] = {}
        for i, sponsor in _each(e.sponsors, Sponsor):
            if sponsor.organization in sponsors:
                p.add(
                    ("sponsors", i, "organization"),
                    f"organization {sponsor.organization!r} is already a sponsor "
                    f"($.sponsors[{sponsors[sponsor.organization]}])",
                    f"taasisi {sponsor.organization!r} tayari ni mdhamini "
                    f"($.sponsors[{sponsors[sponsor.organization]}])",
                )
            sponsors.setdefault(sponsor.organization, i)
        return ids

    def answer_references(self, ids: dict[str, dict[str, int]]) -> None:
        """Each recorded answer names a participant and a group of the event."""
        e, p = self.e, self.p
        for i, answer in _each(e.answers, Answer):
            at = ("answers", i)
            c.check_refs(
                p, (*at, "participant"), answer.participant, ids["participant"], what="participant"
            )
            c.check_refs(p, (*at, "group"), answer.group, ids["group"], what="group")

    def references(self, ids: dict[str, dict[str, int]]) -> None:
        e, p = self.e, self.p
        people, orgs = ids["person"], ids["organization"]
        if isinstance(e.organizer, str):
            c.check_refs(p, ("organizer",), e.organizer, orgs, what="organization")
        c.check_refs(p, ("keynote_speakers",), f.each(e.keynote_speakers), people, what="person")
        for i, s in _each(e.sessions, Session):
            at = ("sessions", i)
            c.check_refs(p, (*at, "room"), s.room, ids["room"], what="room")
            c.check_refs(p, (*at, "groups"), s.groups, ids["group"], what="group")
            c.check_refs(p, (*at, "speakers"), s.speakers, people, what="person")
            c.check_refs(p, (*at, "chairs"), s.chairs, people, what="person")
            c.check_refs(p, (*at, "documents"), s.documents, ids["document"], what="document")
        for i, g in _each(e.groups, ParticipantGroup):
            if g.members is not None:
                c.check_refs(
                    p, ("groups", i, "members"), g.members, ids["participant"], what="participant"
                )
        parts = [x for x in f.each(e.participants) if isinstance(x, Participant)]
        if (
            all(x in people for x in {x.person for x in parts})
            and all(x in orgs for x in {x.organization for x in parts})
            and all(x in ids["role"] for x in frozenset().union(*(x.roles for x in parts)))
            and all(x in ids["group"] for x in frozenset().union(*(x.groups for x in parts)))
        ):
            pass  # every reference resolves: no need to look at each participant
        else:
            for i, part in _each(e.participants, Participant):
                at = ("participants", i)
                c.check_refs(p, (*at, "person"), part.person, people, what="person")
                c.check_refs(p, (*at, "organization"), part.organization, orgs, what="organization")
                c.check_refs(p, (*at, "roles"), part.roles, ids["role"], what="role")
                c.check_refs(p, (*at, "groups"), part.groups, ids["group"], what="group")
        for i, person in _each(e.people, Person):
            c.check_refs(
                p, ("people", i, "organization"), person.organization, orgs, what="organization"
            )
        for i, sponsor in _each(e.sponsors, Sponsor):
            c.check_refs(
                p, ("sponsors", i, "organization"), sponsor.organization, orgs, what="organization"
            )
        for i, call in _each(e.calls, CallForSubmissions):
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
        from egov_events.rules.checking import rule_problems  # noqa: PLC0415 (lazy: first check)

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
            type(d) is date for d in (e.first_day, e.last_day)
        ):
            return
        first, last = e.first_day, e.last_day
        span = f"{first.isoformat()}..{last.isoformat()}"
        for i, s in _each(e.sessions, Session):
            if not (f.is_moment(s.start) and f.is_moment(s.end)):
                continue
            start_day = e.day_of(s.start)
            end_day = (s.end.astimezone(e.timezone) - timedelta(microseconds=1)).date()
            if not first <= start_day <= last:
                p.add(
                    ("sessions", i, "start"),
                    f"starts on {start_day.isoformat()} in {e.timezone.key}, outside the "
                    f"event's days {span}",
                    f"kinaanza {start_day.isoformat()} katika {e.timezone.key}, nje ya siku "
                    f"za tukio {span}",
                )
            elif not first <= end_day <= last:
                p.add(
                    ("sessions", i, "end"),
                    f"ends on {end_day.isoformat()} in {e.timezone.key}, outside the "
                    f"event's days {span}",
                    f"kinaisha {end_day.isoformat()} katika {e.timezone.key}, nje ya siku "
                    f"za tukio {span}",
                )
        for i, g in _each(e.groups, ParticipantGroup):
            for j, day in enumerate(g.days):
                if isinstance(day, date) and not first <= day <= last:
                    p.add(
                        ("groups", i, "days", j),
                        f"{day.isoformat()} is outside the event's days {span}",
                        f"{day.isoformat()} iko nje ya siku za tukio {span}",
                    )
        parts = [x for x in f.each(e.participants) if isinstance(x, Participant)]
        if all(first <= d <= last for d in frozenset().union(*(x.days_attended for x in parts))):
            return  # every day attended is one of the event's
        for i, part in _each(e.participants, Participant):
            for day in sorted(part.days_attended):
                if not first <= day <= last:
                    p.add(
                        ("participants", i, "days_attended"),
                        f"{day.isoformat()} is outside the event's days {span}",
                        f"{day.isoformat()} iko nje ya siku za tukio {span}",
                    )


RULE_ATTRIBUTES: Mapping[str, Attribute] = rule_attributes(Participant, Organization)
"""What eligibility rules can read: each text or enumeration field of a
:class:`Participant` (``region``) and of its :class:`Organization`
(``organization.kind``), by name (:func:`egov_events.rules.attribute_names`)."""


class _Anything:
    """Stands for the ids of a part that could not be read: every reference to it may hold."""

    def __contains__(self, _: object) -> bool:
        return True


_ANYTHING: Any = _Anything()
_KINDS_OF_FIELDS: Final = {
    "sessions": "session",
    "groups": "group",
    "participants": "participant",
    "people": "person",
    "organizations": "organization",
    "documents": "document",
    "roles": "role",
    "calls": "call",
    "venue": "room",
}
"""The fields of an event that others refer to by id, and what they hold."""


def problems_beside(fields: Mapping[str, Any], unread: Collection[str]) -> list[Problem]:
    """The problems of an event whose fields *unread* could not be read, in the others.

    A reader that could not read some fields (their problems already reported)
    still reports what is wrong in the rest, references included; a reference
    into a part that could not be read is not reported.
    """
    event = object.__new__(Event)
    for a in attrs.fields(Event):
        default = None if a.default is attrs.NOTHING else a.default
        object.__setattr__(event, a.name, fields.get(a.name, default))
    checker = _EventChecker(event, unread)
    checker.find()
    return [p for p in checker.p if not p.path or p.path[0] not in unread]


def _each(items: object, cls: type[_T]) -> Iterator[tuple[int, _T]]:
    """The positions and items of a tuple field that have the declared type."""
    for i, item in enumerate(f.each(items)):
        if isinstance(item, cls):
            yield i, item
