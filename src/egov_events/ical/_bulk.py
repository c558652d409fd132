"""The bulk writer of invitations: many participants' calendars as bytes, shared parts written once.

Sending invitations to every participant of a large event writes the same
calendar again and again, changed only in its ATTENDEE: the group's
VTIMEZONE, VEVENTs, descriptions and organizer are the same for every
member. :func:`invitation_bytes` writes a group's calendar once through
icalendar (``to_ical()``), splits it at the ATTENDEE lines, and for every
other participant joins the parts with that participant's ATTENDEE line,
as icalendar writes it. The result is byte for byte what ``to_ical()`` of
the participant's own calendar gives; the tests prove it on the bundled
workshop, the golden files and generated events.

Nothing here knows what an invitation holds: it builds each group's
calendar with :func:`egov_events.ical._itip.invitation` for the first
participant it is asked about, so whatever that function writes is kept,
as long as the attendee is the only part that depends on the participant.
The parts are kept by the event (:meth:`egov_events.Event.derived`), per
group and language, as long as the event lives. :func:`invitation_emails`,
:func:`send_emails` (through the messages) and the command line use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
from icalendar import Component, vCalAddress, vText, vUri
from icalendar import Event as VEvent
from icalendar.caselessdict import canonsort_keys
from icalendar.parser import Contentline
from icalendar.parser_tools import to_unicode

from egov_events.enums import EventStatus, RegistrationStatus
from egov_events.ical import _common as k
from egov_events.ical._common import Text
from egov_events.ical._feed import (
    FeedContext,
    Property,
    feed_context,
    feed_header,
    feed_scope,
    session_properties,
)
from egov_events.ical._itip import attendee_address, invitation

if TYPE_CHECKING:
    from egov_events.model import Event, Participant, ParticipantGroup, Session

__all__ = ["FeedExport", "feeds", "invitation_bytes"]


@attrs.frozen
class _Parts:
    """A group's invitation split at its ATTENDEE lines (``None``: written whole each time)."""

    parts: tuple[bytes, ...] | None


def _attendee_line(address: vCalAddress) -> bytes:
    """The ATTENDEE content line as icalendar writes it in a component, with the CRLF before it."""
    line: bytes = VEvent().content_line("ATTENDEE", address).to_ical()
    return b"\r\n" + line + b"\r\n"


def _split(data: bytes, marker: bytes) -> _Parts:
    parts = data.split(marker)
    if len(parts) - 1 != data.count(b"\r\nBEGIN:VEVENT\r\n"):
        return _Parts(None)  # not one ATTENDEE per VEVENT: no reuse, still correct
    return _Parts(tuple(parts))


def invitation_bytes(
    event: Event, participant: Participant, lang: str
) -> list[tuple[ParticipantGroup, bytes]]:
    """``to_ical()`` of each calendar :func:`~egov_events.ical.invitations` gives, with its group.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> from egov_events.ical import invitations
    >>> event = kikao_kazi_2019()
    >>> p = event.participant("p-0002")
    >>> [data for _, data in invitation_bytes(event, p, "sw")] == [
    ...     cal.to_ical() for cal in invitations(event, p)]
    True

    Raises:
        ValueError: *lang* is not supported, or the organizer or the
            participant has no e-mail address.

    """
    lang = k.check_language(lang)
    if event.status is EventStatus.CANCELLED or participant.status is RegistrationStatus.WITHDRAWN:
        return []
    address = attendee_address(event, participant, lang)
    marker: bytes | None = None
    out = []
    for group in event.groups:
        if group.id not in participant.groups:
            continue

        def parts(group: ParticipantGroup = group) -> _Parts | None:
            cal = invitation(event, group, lambda: address, lang)
            return None if cal is None else _split(cal.to_ical(), _attendee_line(address))

        found = event.derived(("egov_events.ical.invitation", group.id, lang), parts)
        if found is None:
            continue
        if found.parts is None:
            whole = invitation(event, group, lambda: address, lang)
            assert whole is not None  # noqa: S101 (the same inputs gave a calendar before)
            out.append((group, whole.to_ical()))
            continue
        if marker is None:
            marker = _attendee_line(address)
        out.append((group, marker.join(found.parts)))
    return out


_END = b"END:VCALENDAR\r\n"
_SHORT = 75
"""icalendar folds a content line only once it reaches 75 octets."""


@attrs.define
class FeedExport:
    """Feeds of one event as bytes, each VEVENT and VTIMEZONE written once per export.

    ``feed(...)`` gives ``calendar(event, ...).to_ical()``, byte for byte:
    the feed's own properties are written by icalendar. Each session's
    VEVENT is not built as a component: its properties come from
    :func:`~egov_events.ical._feed.session_properties`, the list that
    :func:`~egov_events.ical._feed.session_vevent` adds to the VEVENT of
    ``calendar()``, and each property's content line is written by icalendar
    (``Component.add``, ``Component.content_line``, folded by
    ``Contentline.to_ical()`` only when the whole line is too long) the first
    time its name, value and parameters occur in the export, then reused.
    The lines are put in the order ``to_ical()`` writes them, icalendar's
    canonical order for a VEVENT (``canonsort_keys``). What an export writes
    once (each session's VEVENT per language, each VTIMEZONE, each line) it
    keeps for its later feeds: the command line and a site writing every
    group's and participant's feed use one export.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> from egov_events.ical import calendar
    >>> event = kikao_kazi_2019()
    >>> export = FeedExport(event)
    >>> export.feed(lang="en", group="group-2") == calendar(
    ...     event, lang="en", group="group-2").to_ical()
    True

    """

    event: Event
    _zones: dict[str, bytes] = attrs.field(factory=dict, init=False)
    _vevents: dict[tuple[str, str], bytes] = attrs.field(factory=dict, init=False)
    _lines: dict[tuple[object, ...], bytes] = attrs.field(factory=dict, init=False)
    _prefixes: dict[tuple[str, tuple[tuple[str, object], ...]], str] = attrs.field(
        factory=dict, init=False
    )
    _orders: dict[tuple[str, ...], tuple[int, ...]] = attrs.field(factory=dict, init=False)
    _contexts: dict[str, FeedContext] = attrs.field(factory=dict, init=False)
    _frame: tuple[bytes, bytes] = attrs.field(factory=lambda: _frame(VEvent()), init=False)

    def feed(
        self,
        *,
        lang: str = "sw",
        group: str | ParticipantGroup | None = None,
        participant: str | Participant | None = None,
        source: str | None = None,
    ) -> bytes:
        """``calendar(event, lang=..., group=..., participant=..., source=...).to_ical()``."""
        scope = feed_scope(self.event, lang, group, participant)
        head = feed_header(self.event, scope, source, zones=False).to_ical()
        parts = [head[: -len(_END)]]
        parts += [self._zone(key) for key in sorted(scope.zones) if key != "UTC"]
        parts += [self._vevent(session, scope.lang) for session in scope.sessions]
        parts.append(_END)
        return b"".join(parts)

    def _zone(self, key: str) -> bytes:
        found = self._zones.get(key)
        if found is None:
            found = self._zones[key] = k.vtimezone(key).to_ical()
        return found

    def _vevent(self, session: Session, lang: str) -> bytes:
        found = self._vevents.get((lang, session.id))
        if found is None:
            context = self._contexts.get(lang)
            if context is None:
                context = self._contexts[lang] = feed_context(self.event, lang)
            found = self._component(session_properties(self.event, session, lang, context))
            self._vevents[lang, session.id] = found
        return found

    def _component(self, props: list[Property]) -> bytes:
        """``to_ical()`` of a VEVENT to which *props* were added, in their order."""
        names = tuple(name for name, _, _ in props)
        order = self._orders.get(names)
        if order is None:
            order = self._orders[names] = _order(names, VEvent.canonical_order)
        begin, end = self._frame
        return b"".join([begin, *[self._line(*props[i]) for i in order], end])

    def _line(self, name: str, value: object, params: dict[str, Any] | None) -> bytes:
        """The content line(s) of one property, with CRLF, written once per distinct key."""
        key = _line_key(name, value, params)
        raw = None if key is None else self._lines.get(key)
        if raw is None:
            raw = self._written(name, value, params)
            if key is not None:
                self._lines[key] = raw
        return raw

    def _written(self, name: str, value: object, params: dict[str, Any] | None) -> bytes:
        """The content line(s) icalendar writes for the property, each ending in CRLF.

        The value is encoded by ``Component.add``; the line is what
        ``Contentline.from_parts`` makes of it, the name and parameters then
        the value's text, and the part before the text is kept for the next
        value written with the same name and parameters.
        """
        component = VEvent()
        component.add(name, value, parameters=None if params is None else dict(params))
        added = component[name]
        out = []
        for encoded in added if isinstance(added, list) else [added]:
            text = to_unicode(encoded.to_ical())  # as Contentline.from_parts decodes it
            key = _params_key(getattr(encoded, "params", None))
            line = None if key is None else self._prefixes.get((name, key))
            if line is None:
                line = component.content_line(name, encoded)
                if key is not None:
                    self._prefixes[name, key] = line[: len(line) - len(text)]
            else:
                line = Contentline(line + text)
            raw = line.encode()
            out.append(line.to_ical() if len(raw) >= _SHORT else raw)
        out.append(b"")
        return b"\r\n".join(out)


def _frame(component: Component) -> tuple[bytes, bytes]:
    """The BEGIN and END lines of an empty *component*, as icalendar writes them."""
    begin, end, _ = component.to_ical().split(b"\r\n")
    return begin + b"\r\n", end + b"\r\n"


def _order(names: tuple[str, ...], canonical: Iterable[str]) -> tuple[int, ...]:
    """Positions of properties named *names*, in the order a component writes them.

    Names in icalendar's canonical order first, the others alphabetically;
    properties of the same name in the order they were added.
    """
    rank = {name: n for n, name in enumerate(canonsort_keys(dict.fromkeys(names), canonical))}
    return tuple(sorted(range(len(names)), key=lambda i: rank[names[i]]))


def feeds(event: Event, *, lang: str = "sw") -> dict[str | None, bytes]:
    """The whole event's feed (key ``None``) and each group's (key: its id), as bytes.

    Each is exactly ``calendar(event, lang=lang, group=...).to_ical()``,
    written by one :class:`FeedExport`: each session's VEVENT is written once
    and its bytes shared by every feed that holds it, what a site publishing
    all the feeds needs.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> from egov_events.ical import calendar
    >>> event = kikao_kazi_2019()
    >>> written = feeds(event, lang="en")
    >>> list(written)
    [None, 'group-1', 'group-2', 'group-3']
    >>> written["group-2"] == calendar(event, lang="en", group="group-2").to_ical()
    True

    Raises:
        ValueError: *lang* is not supported.

    """
    export = FeedExport(event)
    out: dict[str | None, bytes] = {None: export.feed(lang=lang)}
    for group in event.groups:
        out[group.id] = export.feed(lang=lang, group=group)
    return out


_BY_TEXT = frozenset({Text, vText, vCalAddress, vUri})
"""Value types whose ``to_ical()`` depends on their text alone."""
_BY_REPR = frozenset({str, int, float, bool})
"""Plain values whose ``repr`` tells apart every value written differently."""


def _params_key(params: object) -> tuple[tuple[str, object], ...] | None:
    """Parameters as a key (``None``: not only texts and lists of texts)."""
    if not params:
        return ()
    if not isinstance(params, dict):
        return None
    items: list[tuple[str, object]] = []
    for pname, pvalue in params.items():
        if isinstance(pvalue, str):
            items.append((pname, pvalue))
        elif isinstance(pvalue, list) and all(isinstance(v, str) for v in pvalue):
            items.append((pname, tuple(pvalue)))
        else:
            return None
    return tuple(items)


def _line_key(name: str, value: object, params: dict[str, Any] | None) -> tuple[object, ...] | None:
    """What a property's content line depends on: name, value, parameters (``None``: unsure)."""
    kind = type(value)
    text: object
    if kind in _BY_TEXT:
        text = str(value)
    elif kind in _BY_REPR:
        text = repr(value)
    elif kind is tuple and all(type(v) in _BY_REPR for v in value):  # type: ignore[attr-defined]
        text = repr(value)  # GEO
    elif kind is datetime:
        # Written as its wall time in its zone (with "Z" in UTC), or converted to
        # UTC (DTSTAMP): the same text for the same wall time, fold and zone.
        moment: datetime = value  # type: ignore[assignment]
        text = (moment.isoformat(), moment.fold, type(moment.tzinfo), str(moment.tzinfo))
    elif hasattr(value, "to_ical"):
        text = value.to_ical()
    else:
        return None
    own = _params_key(getattr(value, "params", None))
    given = _params_key(params)
    if own is None or given is None:
        return None
    return (name, kind, text, own, given)
