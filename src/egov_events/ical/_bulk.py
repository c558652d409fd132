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
:class:`ItipExport` writes the messages of
:func:`egov_events.revisions.outbox` the same way, updates (REQUEST) and
cancellations (CANCEL) alike, with the same splitting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
from icalendar import Calendar, Component, vCalAddress, vCategory, vDDDTypes, vText, vUri
from icalendar import Event as VEvent
from icalendar.caselessdict import canonsort_keys
from icalendar.parser import Contentline
from icalendar.parser_tools import to_unicode

from egov_events.enums import EventStatus, RegistrationStatus
from egov_events.ical import _common as k
from egov_events.ical._common import Categories, Text
from egov_events.ical._feed import (
    FeedContext,
    Property,
    feed_context,
    feed_header,
    feed_scope,
    session_properties,
)
from egov_events.ical._itip import attendee_address, cancel_object, invitation

if TYPE_CHECKING:
    from egov_events.model import Event, Participant, ParticipantGroup, Session

__all__ = ["FeedExport", "ItipExport", "feeds", "invitation_bytes"]


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


def _spliced(found: _Parts | None, line: bytes, whole: Callable[[], bytes]) -> bytes:
    """The calendar of *found* with *line* as its ATTENDEE lines (*whole()*: written whole)."""
    if found is None or found.parts is None:
        return whole()
    return line.join(found.parts)


def _written(calendar: Calendar | None, line: bytes) -> _Parts | None:
    """*calendar*, whose ATTENDEE lines are *line*, written by icalendar and split at them."""
    return None if calendar is None else _split(calendar.to_ical(), line)


def _group_bytes(
    event: Event, group: ParticipantGroup, address: vCalAddress, line: bytes, lang: str
) -> bytes | None:
    """``to_ical()`` of the group's recurring invitation to *address* (ATTENDEE *line*).

    ``None``: the group has nothing to invite to.
    """

    def parts() -> _Parts | None:
        return _written(invitation(event, group, lambda: address, lang), line)

    found = event.derived(("egov_events.ical.invitation", group.id, lang), parts)
    if found is None:
        return None

    def whole() -> bytes:
        cal = invitation(event, group, lambda: address, lang)
        assert cal is not None  # noqa: S101 (the same inputs gave a calendar before)
        data: bytes = cal.to_ical()
        return data

    return _spliced(found, line, whole)


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
    line = _attendee_line(address)
    out = []
    for group in event.groups:
        if group.id in participant.groups:
            data = _group_bytes(event, group, address, line, lang)
            if data is not None:
                out.append((group, data))
    return out


@attrs.define
class ItipExport:
    """The iTIP messages of one revision as bytes, each group's calendar written once.

    What :func:`egov_events.revisions.outbox` sends, written the way
    :func:`invitation_bytes` writes invitations: the calendar of a group
    (per language, and for a cancellation per SEQUENCE and DTSTAMP) is
    written once by icalendar (``to_ical()``), split at its ATTENDEE lines,
    and each participant's message joins the parts with that participant's
    ATTENDEE line. The bytes are those of ``to_ical()`` of the participant's
    own calendar: :meth:`request` those of the group's recurring invitation
    (:func:`~egov_events.ical.scheduling_objects`), :meth:`cancel` those of
    :func:`~egov_events.ical.cancel_object`. Invitations are kept by the
    event (:meth:`egov_events.Event.derived`, shared with the invitation
    e-mails), cancellations by the export.

    >>> from datetime import datetime
    >>> from egov_events.examples import kikao_kazi_2019
    >>> from egov_events.ical import cancel_object, scheduling_objects
    >>> event = kikao_kazi_2019()
    >>> export = ItipExport(event)
    >>> export.request("p-0002", "group-1", lang="en") == scheduling_objects(
    ...     event, "p-0002", lang="en", groups=("group-1",))[0].calendar.to_ical()
    True
    >>> at = datetime.fromisoformat("2019-02-05T09:00:00+03:00")
    >>> export.cancel("p-0002", "group-1", sequence=2, stamp=at) == cancel_object(
    ...     event, "p-0002", "group-1", sequence=2, stamp=at).to_ical()
    True

    """

    event: Event
    _cancels: dict[tuple[str, str, int, datetime], _Parts | None] = attrs.field(
        factory=dict, init=False
    )
    _attendees: dict[tuple[str, str], tuple[vCalAddress, bytes]] = attrs.field(
        factory=dict, init=False
    )

    def _attendee(self, participant: Participant, lang: str) -> tuple[vCalAddress, bytes]:
        """The participant's ATTENDEE and its content line, made once per person and language."""
        key = (participant.person, lang)
        found = self._attendees.get(key)
        if found is None:
            address = attendee_address(self.event, participant, lang)
            found = self._attendees[key] = (address, _attendee_line(address))
        return found

    def request(
        self, participant: str | Participant, group: str | ParticipantGroup, *, lang: str = "sw"
    ) -> bytes:
        """The group's recurring invitation (METHOD:REQUEST) to *participant*, as bytes.

        Raises:
            KeyError: the participant or the group is not in the event.
            ValueError: the participant holds no invitation to the group,
                *lang* is not supported, or an address is missing.

        """
        lang = k.check_language(lang)
        p = self.event.participant(participant)
        g = self.event.group(group)
        data = None
        if (
            self.event.status is not EventStatus.CANCELLED
            and p.status is not RegistrationStatus.WITHDRAWN
            and g.id in p.groups
        ):
            data = _group_bytes(self.event, g, *self._attendee(p, lang), lang)
        if data is None:
            msg = f"participant {p.id!r} holds no invitation to group {g.id!r}"
            raise ValueError(msg)
        return data

    def cancel(
        self,
        participant: str | Participant,
        group: str | ParticipantGroup,
        *,
        sequence: int,
        stamp: datetime,
        lang: str = "sw",
    ) -> bytes:
        """``cancel_object(event, participant, group, ...).to_ical()``, with the same arguments.

        Raises:
            KeyError: the participant or the group is not in the event.
            ValueError: as :func:`~egov_events.ical.cancel_object`.

        """
        lang = k.check_language(lang)
        p = self.event.participant(participant)
        g = self.event.group(group)
        line = self._attendee(p, lang)[1]

        def build() -> Calendar:
            return cancel_object(self.event, p, g, sequence=sequence, stamp=stamp, lang=lang)

        key = (g.id, lang, sequence, stamp)
        if key not in self._cancels:
            self._cancels[key] = _written(build(), line)
        return _spliced(self._cancels[key], line, lambda: build().to_ical())


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
    _lines: dict[tuple[tuple[object, ...], object], bytes] = attrs.field(factory=dict, init=False)
    _templates: dict[tuple[object, ...], _Template] = attrs.field(factory=dict, init=False)
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

    def _line(self, name: str, value: object, params: dict[str, Any]) -> bytes:
        """The content line of one property with its CRLF, written once per distinct value."""
        shape = _shape(name, value, params)
        if shape is None:  # icalendar may write it in ways not told by its type
            return b"".join(_octets(line) for line in _through_component(name, value, params)[0])
        key = (shape, _value_key(value))
        raw = self._lines.get(key)
        if raw is None:
            template = self._templates.get(shape)
            if template is not None:
                lines = [template.line(value)]
            else:
                lines, template = _through_component(name, value, params)
                if template is not None:
                    self._templates[shape] = template
            raw = self._lines[key] = b"".join(_octets(line) for line in lines)
        return raw


@attrs.frozen
class _Template:
    """How icalendar writes the values of one shape (name, type, zone, parameters).

    ``Contentline.from_parts`` writes the name and the parameters, then the
    value's text: *prefix* is that first part, *kind* the icalendar type
    whose ``to_ical()`` writes the text (``None``: the value is of an
    icalendar type already, which ``Component.add`` keeps as it is).
    """

    prefix: str
    kind: Callable[[Any], Any] | None

    def text(self, value: object) -> str:
        encoded: Any = value if self.kind is None else self.kind(value)
        return to_unicode(encoded.to_ical())  # as Contentline.from_parts decodes it

    def line(self, value: object) -> str:
        return _contentline(self.prefix + self.text(value))


def _through_component(
    name: str, value: object, params: dict[str, Any]
) -> tuple[list[str], _Template | None]:
    """The property's content lines as icalendar writes them in a VEVENT, and its template.

    ``Component.add`` keeps a value of an icalendar type and encodes a plain
    one with the type it picks for the name (``vDDDTypes`` writes a date-time
    as ``vDatetime``): the template writes the next values of the same shape
    with that type. There is none where ``add`` changes the value before
    encoding it (a DTSTAMP is converted to UTC), nor where the template
    does not write this value's line as icalendar did: each line of that
    shape is then written whole.
    """
    component = VEvent()
    component.add(name, value, parameters=dict(params))
    added = component[name]
    if isinstance(added, list):  # a list of values given as one
        return [component.content_line(name, each) for each in added], None
    line: str = component.content_line(name, added)
    kind: type | None
    if added is value:
        kind = None
    elif isinstance(added, vDDDTypes):
        if added.dt is not value:  # changed by add (DTSTAMP to UTC): no template
            return [line], None
        kind = type(added.to_property_type())
    else:
        kind = type(added)
    text = _Template("", kind).text(value)
    if not line.endswith(":" + text):
        return [line], None
    return [line], _Template(line[: len(line) - len(text)], kind)


def _contentline(text: str) -> str:
    """*text* as an icalendar content line, which holds no bare line break."""
    line: str = Contentline(text)  # type: ignore[no-untyped-call]
    return line


def _octets(line: str) -> bytes:
    """The content line and its CRLF, folded by icalendar once it reaches 75 octets."""
    raw = line.encode()
    if len(raw) >= _SHORT:
        raw = Contentline(line).to_ical()  # type: ignore[no-untyped-call]
    return raw + b"\r\n"


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
"""icalendar's value types whose ``to_ical()`` depends on their text alone."""
_BY_CATEGORIES = frozenset({Categories, vCategory})
"""Category lists whose ``to_ical()`` depends on their categories' texts alone."""
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


def _shape(name: str, value: object, params: dict[str, Any]) -> tuple[object, ...] | None:
    """What decides how icalendar writes a property, apart from its value's text.

    Name, value type, parameters given and the value's own, and a
    date-time's zone (its TZID parameter). ``None`` for values whose
    parameters icalendar may take from the value itself (periods, lists)
    and for parameters other than texts.
    """
    kind = type(value)
    own = getattr(value, "params", None)
    own_key = _params_key(own) if own else ()
    given = _params_key(params) if params else ()
    if own_key is None or given is None:
        return None
    if isinstance(value, datetime) and kind is datetime:
        zone = value.tzinfo
        return (name, kind, type(zone), str(zone), own_key, given)
    if isinstance(value, tuple):
        if kind is not tuple or not all(type(v) in _BY_REPR for v in value):
            return None
    elif kind not in _BY_REPR and not hasattr(value, "to_ical"):
        return None
    return (name, kind, own_key, given)


def _value_key(value: object) -> object:
    """What tells apart the values of one shape that icalendar writes differently."""
    kind = type(value)
    if kind in _BY_TEXT:
        return str(value)
    if kind in _BY_REPR or kind is tuple:
        return repr(value)
    if isinstance(value, vCategory) and kind in _BY_CATEGORIES:  # each written from its text
        return tuple(str(c) for c in value.cats)
    if isinstance(value, datetime):  # its zone is in the shape; "fold" in a conversion to UTC
        return (value.isoformat(), value.fold)
    to_ical = getattr(value, "to_ical")  # noqa: B009 (the shape holds only values that have one)
    return to_ical()
