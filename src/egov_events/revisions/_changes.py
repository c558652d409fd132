"""What changed between two revisions of an event: typed changes, in Swahili and English.

Each change is a frozen attrs class with the ids and the values a reader
needs (titles, times in the event's zone), so that it renders without the
events it came from and survives a JSON round trip (:meth:`Changes.to_json`,
:meth:`Changes.from_json`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, ClassVar, Final, overload
from zoneinfo import ZoneInfo

import attrs
import cattrs

from egov_events.enum_names import name
from egov_events.locale import format_date, format_time, language
from egov_events.model import EventStatus, RegistrationStatus, SessionStatus
from egov_events.text import LocalizedText

__all__ = [
    "Change",
    "Changes",
    "DocumentAdded",
    "DocumentRemoved",
    "EventRelocated",
    "EventRescheduled",
    "EventRetitled",
    "EventStatusChanged",
    "GroupAdded",
    "GroupChange",
    "GroupDaysChanged",
    "GroupHoursChanged",
    "GroupRemoved",
    "ParticipantAdded",
    "ParticipantChange",
    "ParticipantMoved",
    "ParticipantRemoved",
    "ParticipantStatusChanged",
    "SessionAdded",
    "SessionCancelled",
    "SessionChange",
    "SessionMoved",
    "SessionRedescribed",
    "SessionRelocated",
    "SessionRemoved",
    "SessionRetitled",
    "SessionStatusChanged",
]


def _q(text: LocalizedText | None, lang: str) -> str:
    return f"'{text.get(lang)}'" if text is not None else "-"


def _time(moment: datetime, lang: str) -> str:
    return format_time(moment, lang=lang, swahili_clock=lang == "sw")


def _span(start: datetime, end: datetime, lang: str) -> str:
    return f"{_time(start, lang)} {'hadi' if lang == 'sw' else 'to'} {_time(end, lang)}"


def _day(moment: datetime | date, lang: str) -> str:
    return format_date(moment.date() if isinstance(moment, datetime) else moment, lang=lang)


def _when(start: datetime, end: datetime, lang: str) -> str:
    return f"{_span(start, end, lang)}, {_day(start, lang)}"


def _days(days: Sequence[date], lang: str) -> str:
    return ", ".join(format_date(d, lang=lang) for d in days)


def _groups(names: Sequence[LocalizedText], lang: str) -> str:
    return ", ".join(n.get(lang) for n in names) or ("hakuna" if lang == "sw" else "none")


@attrs.frozen(kw_only=True)
class Change:
    """One change between two revisions; ``kind`` names its class in JSON."""

    kind: ClassVar[str] = ""
    concerns_everyone: ClassVar[bool] = False
    """Whether every member of every group is concerned (a change of the event)."""

    def render(self, lang: str = "sw") -> str:
        """The change as one sentence in *lang* (``sw`` or ``en``)."""
        code = language(lang)
        return self._render(code, code == "sw")

    def _render(self, lang: str, sw: bool) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.render("sw")


# -- sessions ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SessionChange(Change):
    """A change of one session (the base of the session changes)."""

    session: str
    """The session's id."""
    title: LocalizedText
    """The session's title (the new one, where both revisions have it)."""


@attrs.frozen(kw_only=True)
class SessionAdded(SessionChange):
    """A session added to the programme."""

    kind: ClassVar[str] = "session_added"
    start: datetime
    end: datetime

    def _render(self, lang: str, sw: bool) -> str:
        when = _when(self.start, self.end, lang)
        if sw:
            return f"Kikao {_q(self.title, lang)} kimeongezwa: {when}"
        return f"Session {_q(self.title, lang)} added: {when}"


@attrs.frozen(kw_only=True)
class SessionRemoved(SessionChange):
    """A session removed from the programme (not cancelled: gone)."""

    kind: ClassVar[str] = "session_removed"
    start: datetime
    end: datetime

    def _render(self, lang: str, sw: bool) -> str:
        when = _when(self.start, self.end, lang)
        if sw:
            return f"Kikao {_q(self.title, lang)} kimeondolewa: {when}"
        return f"Session {_q(self.title, lang)} removed: {when}"


@attrs.frozen(kw_only=True)
class SessionCancelled(SessionChange):
    """A session whose status became cancelled."""

    kind: ClassVar[str] = "session_cancelled"
    start: datetime
    end: datetime

    def _render(self, lang: str, sw: bool) -> str:
        when = _when(self.start, self.end, lang)
        if sw:
            return f"Kikao {_q(self.title, lang)} kimefutwa: {when}"
        return f"Session {_q(self.title, lang)} cancelled: {when}"


@attrs.frozen(kw_only=True)
class SessionStatusChanged(SessionChange):
    """A session's status changed otherwise than to cancelled (e.g. reinstated)."""

    kind: ClassVar[str] = "session_status_changed"
    old: SessionStatus
    new: SessionStatus

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{name(self.old, lang)} → {name(self.new, lang)}"
        if sw:
            return f"Hali ya kikao {_q(self.title, lang)}: {change}"
        return f"Status of session {_q(self.title, lang)}: {change}"


@attrs.frozen(kw_only=True)
class SessionMoved(SessionChange):
    """A session's start or end changed.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> tz = ZoneInfo("Africa/Dar_es_Salaam")
    >>> moved = SessionMoved(
    ...     session="ufunguzi", title=LocalizedText.of(sw="Ufunguzi", en="Opening"),
    ...     old_start=datetime(2019, 1, 30, 9, tzinfo=tz),
    ...     old_end=datetime(2019, 1, 30, 10, tzinfo=tz),
    ...     new_start=datetime(2019, 1, 30, 10, tzinfo=tz),
    ...     new_end=datetime(2019, 1, 30, 11, tzinfo=tz))
    >>> print(moved.render("sw"))
    Kikao 'Ufunguzi' kimehamishwa: saa 3:00 asubuhi → saa 4:00 asubuhi, 30 Januari 2019
    >>> print(moved.render("en"))
    Session 'Opening' moved: 09:00 → 10:00, 30 January 2019
    """

    kind: ClassVar[str] = "session_moved"
    old_start: datetime
    old_end: datetime
    new_start: datetime
    new_end: datetime

    def _render(self, lang: str, sw: bool) -> str:
        old, new = (self.old_start, self.old_end), (self.new_start, self.new_end)
        same_day = old[0].date() == new[0].date()
        if same_day and old[1] - old[0] == new[1] - new[0]:
            change = f"{_time(old[0], lang)} → {_time(new[0], lang)}, {_day(new[0], lang)}"
        elif same_day:
            change = f"{_span(*old, lang)} → {_span(*new, lang)}, {_day(new[0], lang)}"
        else:
            change = f"{_when(*old, lang)} → {_when(*new, lang)}"
        if sw:
            return f"Kikao {_q(self.title, lang)} kimehamishwa: {change}"
        return f"Session {_q(self.title, lang)} moved: {change}"


@attrs.frozen(kw_only=True)
class SessionRelocated(SessionChange):
    """A session's room changed."""

    kind: ClassVar[str] = "session_relocated"
    old_room: LocalizedText | None
    new_room: LocalizedText | None

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{_q(self.old_room, lang)} → {_q(self.new_room, lang)}"
        if sw:
            return f"Kikao {_q(self.title, lang)} kimehamishiwa ukumbi mwingine: {change}"
        return f"Session {_q(self.title, lang)} changed room: {change}"


@attrs.frozen(kw_only=True)
class SessionRetitled(SessionChange):
    """A session's title changed (``title`` is the new one)."""

    kind: ClassVar[str] = "session_retitled"
    old_title: LocalizedText

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Kikao {_q(self.old_title, lang)} sasa kinaitwa {_q(self.title, lang)}"
        return f"Session {_q(self.old_title, lang)} is now called {_q(self.title, lang)}"


@attrs.frozen(kw_only=True)
class SessionRedescribed(SessionChange):
    """A session's description, speakers or chairs changed."""

    kind: ClassVar[str] = "session_redescribed"

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Maelezo ya kikao {_q(self.title, lang)} yamebadilishwa"
        return f"The description of session {_q(self.title, lang)} changed"


# -- groups -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GroupChange(Change):
    """A change of one group (the base of the group changes)."""

    group: str
    """The group's id."""
    name: LocalizedText
    """The group's name."""


@attrs.frozen(kw_only=True)
class GroupAdded(GroupChange):
    """A participant group added."""

    kind: ClassVar[str] = "group_added"
    days: tuple[date, ...]

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Kundi {_q(self.name, lang)} limeongezwa: {_days(self.days, lang)}"
        return f"Group {_q(self.name, lang)} added: {_days(self.days, lang)}"


@attrs.frozen(kw_only=True)
class GroupRemoved(GroupChange):
    """A participant group removed."""

    kind: ClassVar[str] = "group_removed"

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Kundi {_q(self.name, lang)} limeondolewa"
        return f"Group {_q(self.name, lang)} removed"


@attrs.frozen(kw_only=True)
class GroupDaysChanged(GroupChange):
    """A group meets on other days."""

    kind: ClassVar[str] = "group_days_changed"
    added: tuple[date, ...]
    removed: tuple[date, ...]

    def _render(self, lang: str, sw: bool) -> str:
        parts = []
        if self.added:
            parts.append(f"{'zimeongezwa' if sw else 'added'} {_days(self.added, lang)}")
        if self.removed:
            parts.append(f"{'zimeondolewa' if sw else 'removed'} {_days(self.removed, lang)}")
        if sw:
            return f"Siku za kundi {_q(self.name, lang)} zimebadilika: {'; '.join(parts)}"
        return f"Days of group {_q(self.name, lang)} changed: {'; '.join(parts)}"


@attrs.frozen(kw_only=True)
class GroupHoursChanged(GroupChange):
    """A group's hours on one of its days changed (its first or last session moved)."""

    kind: ClassVar[str] = "group_hours_changed"
    day: date
    old_start: datetime
    old_end: datetime
    new_start: datetime
    new_end: datetime

    def _render(self, lang: str, sw: bool) -> str:
        old, new = (
            _span(self.old_start, self.old_end, lang),
            _span(self.new_start, self.new_end, lang),
        )
        change = f"{old} → {new}"
        if sw:
            return f"Saa za kundi {_q(self.name, lang)} {_day(self.day, lang)}: {change}"
        return f"Hours of group {_q(self.name, lang)} on {_day(self.day, lang)}: {change}"


# -- participants -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class ParticipantChange(Change):
    """A change of one participant (the base of the participant changes)."""

    participant: str
    """The participant's id."""
    person: str
    """The participant's name as a person reads it."""


@attrs.frozen(kw_only=True)
class ParticipantAdded(ParticipantChange):
    """A participant registered."""

    kind: ClassVar[str] = "participant_added"
    groups: tuple[LocalizedText, ...]

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Mshiriki {self.person} ameongezwa: {_groups(self.groups, lang)}"
        return f"Participant {self.person} added: {_groups(self.groups, lang)}"


@attrs.frozen(kw_only=True)
class ParticipantRemoved(ParticipantChange):
    """A participant's registration removed."""

    kind: ClassVar[str] = "participant_removed"
    groups: tuple[LocalizedText, ...]

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Mshiriki {self.person} ameondolewa: {_groups(self.groups, lang)}"
        return f"Participant {self.person} removed: {_groups(self.groups, lang)}"


@attrs.frozen(kw_only=True)
class ParticipantMoved(ParticipantChange):
    """A participant's groups changed."""

    kind: ClassVar[str] = "participant_moved"
    old_groups: tuple[LocalizedText, ...]
    new_groups: tuple[LocalizedText, ...]

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{_groups(self.old_groups, lang)} → {_groups(self.new_groups, lang)}"
        if sw:
            return f"Makundi ya mshiriki {self.person} yamebadilika: {change}"
        return f"Groups of participant {self.person} changed: {change}"


@attrs.frozen(kw_only=True)
class ParticipantStatusChanged(ParticipantChange):
    """A participant's registration status changed (e.g. withdrawn)."""

    kind: ClassVar[str] = "participant_status_changed"
    old: RegistrationStatus
    new: RegistrationStatus

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{name(self.old, lang)} → {name(self.new, lang)}"
        if sw:
            return f"Usajili wa mshiriki {self.person}: {change}"
        return f"Registration of participant {self.person}: {change}"


# -- the event --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EventRetitled(Change):
    """The event's title changed."""

    kind: ClassVar[str] = "event_retitled"
    concerns_everyone: ClassVar[bool] = True
    old_title: LocalizedText
    new_title: LocalizedText

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{_q(self.old_title, lang)} → {_q(self.new_title, lang)}"
        return f"{'Jina la tukio' if sw else 'Title of the event'}: {change}"


@attrs.frozen(kw_only=True)
class EventRelocated(Change):
    """The event's venue changed."""

    kind: ClassVar[str] = "event_relocated"
    concerns_everyone: ClassVar[bool] = True
    old_venue: LocalizedText | None
    """The old venue's name and city."""
    new_venue: LocalizedText | None

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{_q(self.old_venue, lang)} → {_q(self.new_venue, lang)}"
        return f"{'Mahali pa tukio' if sw else 'Venue of the event'}: {change}"


@attrs.frozen(kw_only=True)
class EventStatusChanged(Change):
    """The event's status changed (e.g. cancelled, postponed)."""

    kind: ClassVar[str] = "event_status_changed"
    concerns_everyone: ClassVar[bool] = True
    old: EventStatus
    new: EventStatus

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{name(self.old, lang)} → {name(self.new, lang)}"
        return f"{'Hali ya tukio' if sw else 'Status of the event'}: {change}"


@attrs.frozen(kw_only=True)
class EventRescheduled(Change):
    """The event's first or last day changed."""

    kind: ClassVar[str] = "event_rescheduled"
    concerns_everyone: ClassVar[bool] = True
    old_days: tuple[date, date]
    new_days: tuple[date, date]

    def _render(self, lang: str, sw: bool) -> str:
        change = f"{_days(self.old_days, lang)} → {_days(self.new_days, lang)}"
        return f"{'Siku za tukio' if sw else 'Days of the event'}: {change}"


# -- documents --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DocumentAdded(Change):
    """A document added to the event."""

    kind: ClassVar[str] = "document_added"
    document: str
    title: LocalizedText
    url: str

    def _render(self, lang: str, sw: bool) -> str:
        what = "Hati mpya" if sw else "New document"
        return f"{what}: {_q(self.title, lang)} ({self.url})"


@attrs.frozen(kw_only=True)
class DocumentRemoved(Change):
    """A document removed from the event."""

    kind: ClassVar[str] = "document_removed"
    document: str
    title: LocalizedText

    def _render(self, lang: str, sw: bool) -> str:
        if sw:
            return f"Hati {_q(self.title, lang)} imeondolewa"
        return f"Document {_q(self.title, lang)} removed"


# -- the list ---------------------------------------------------------------


KINDS: Final[dict[str, type[Change]]] = {
    cls.kind: cls
    for cls in (
        SessionAdded,
        SessionRemoved,
        SessionCancelled,
        SessionStatusChanged,
        SessionMoved,
        SessionRelocated,
        SessionRetitled,
        SessionRedescribed,
        GroupAdded,
        GroupRemoved,
        GroupDaysChanged,
        GroupHoursChanged,
        ParticipantAdded,
        ParticipantRemoved,
        ParticipantMoved,
        ParticipantStatusChanged,
        EventRetitled,
        EventRelocated,
        EventStatusChanged,
        EventRescheduled,
        DocumentAdded,
        DocumentRemoved,
    )
}
"""Every kind of change by its JSON ``kind``."""


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter()

    def datetime_out(value: datetime) -> str:
        zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        return value.isoformat() + (f"[{zone}]" if zone else "")

    def datetime_in(value: Any, _: Any) -> datetime:
        text, _, zone = str(value).partition("[")
        moment = datetime.fromisoformat(text)
        return moment.astimezone(ZoneInfo(zone.rstrip("]"))) if zone else moment

    conv.register_unstructure_hook(datetime, datetime_out)
    conv.register_structure_hook(datetime, datetime_in)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    conv.register_unstructure_hook(LocalizedText, lambda value: dict(value.texts))
    conv.register_structure_hook(LocalizedText, lambda value, _: LocalizedText(texts=value))
    conv.register_unstructure_hook(enum.Enum, lambda value: value.value)
    return conv


_JSON: Final = _converter()


@attrs.frozen
class Changes(Sequence[Change]):
    """What changed between two revisions, in a stable order.

    The event first, then sessions, groups, participants and documents.
    Empty (and false) when nothing did.

    >>> import attrs, egov_events as ee
    >>> from egov_events.revisions import diff
    >>> old = ee.examples.kikao_kazi_2019()
    >>> new = attrs.evolve(old, title=ee.LocalizedText.of(sw="Kikao Kazi", en="Workshop"))
    >>> changes = diff(old, new)
    >>> print(changes.render("en"))
    Title of the event: '2nd e-Government Workshop 2019' → 'Workshop'
    >>> changes.to_json()[0]["kind"]
    'event_retitled'
    >>> Changes.from_json(changes.to_json()) == changes
    True
    """

    items: tuple[Change, ...] = ()

    @overload
    def __getitem__(self, index: int) -> Change: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Change]: ...
    def __getitem__(self, index: int | slice) -> Change | Sequence[Change]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.items)

    def render(self, lang: str = "sw") -> str:
        """Every change, one line each, in *lang*."""
        return "\n".join(change.render(lang) for change in self.items)

    def to_json(self) -> list[dict[str, Any]]:
        """Plain JSON values: one object per change, its ``kind`` first."""
        return [{"kind": c.kind, **_JSON.unstructure(c)} for c in self.items]

    @classmethod
    def from_json(cls, data: Sequence[dict[str, Any]]) -> Changes:
        """Read back what :meth:`to_json` wrote.

        Raises:
            ValueError: an unknown kind or a malformed change.

        """
        items = []
        for i, value in enumerate(data):
            fields = dict(value)
            kind = fields.pop("kind", None)
            if kind not in KINDS:
                msg = f"unknown kind of change {kind!r} @ $[{i}].kind"
                raise ValueError(msg)
            try:
                items.append(_JSON.structure(fields, KINDS[kind]))
            except Exception as exc:
                msg = f"malformed {kind} change: {exc} @ $[{i}]"
                raise ValueError(msg) from None
        return cls(tuple(items))
