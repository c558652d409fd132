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

from datetime import datetime
from typing import TYPE_CHECKING

import attrs
from icalendar import Component, vCalAddress, vDDDTypes, vText, vUri
from icalendar import Event as VEvent

from egov_events.enums import EventStatus, RegistrationStatus
from egov_events.ical import _common as k
from egov_events.ical._common import Text
from egov_events.ical._feed import (
    FeedContext,
    feed_context,
    feed_header,
    feed_scope,
    session_vevent,
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
    the feed's own properties are written by icalendar, each session's VEVENT
    is built by :func:`~egov_events.ical._feed.session_vevent` as the feed
    builds it, and its content lines are written from icalendar's content
    lines (``Component.content_line``), folded only when a whole line is
    too long, by icalendar's own ``Contentline.to_ical()``. What an export
    writes once (each session's VEVENT per language, each VTIMEZONE, each
    long line) it keeps for its later feeds: the command line and a site
    writing every group's and participant's feed use one export.

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
    _contexts: dict[str, FeedContext] = attrs.field(factory=dict, init=False)

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
            found = self._component(session_vevent(self.event, session, lang, context))
            self._vevents[lang, session.id] = found
        return found

    def _component(self, component: Component) -> bytes:
        """``component.to_ical()``: its content lines, each written once per distinct value."""
        out = []
        lines = self._lines
        for name, value in component.property_items():
            key = _line_key(name, value)
            raw = None if key is None else lines.get(key)
            if raw is None:
                line = component.content_line(name, value)
                raw = line.encode()
                if len(raw) >= _SHORT:
                    raw = line.to_ical()
                if key is not None:
                    lines[key] = raw
            out.append(raw)
        out.append(b"")
        return b"\r\n".join(out)


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


def _line_key(name: str, value: object) -> tuple[object, ...] | None:
    """What a content line depends on: name, value type, value, parameters (``None``: unsure)."""
    kind = type(value)
    if kind in _BY_TEXT:
        text: object = str(value)
    elif kind is bytes or kind is str:
        return (name, kind, value)  # BEGIN and END, as property_items gives them
    elif isinstance(value, vDDDTypes) and kind is vDDDTypes and type(value.dt) is datetime:
        # Written as its wall time, with "Z" in UTC: the same text in the same zone.
        moment = value.dt
        text = (moment.isoformat(), type(moment.tzinfo), str(moment.tzinfo))
    elif hasattr(value, "to_ical"):
        text = value.to_ical()
    else:
        return None
    params = getattr(value, "params", None)
    if not params:
        return (name, kind, text)
    items: list[tuple[str, object]] = []
    for pname, pvalue in params.items():
        if isinstance(pvalue, str):
            items.append((pname, pvalue))
        elif isinstance(pvalue, list) and all(isinstance(v, str) for v in pvalue):
            items.append((pname, tuple(pvalue)))
        else:
            return None
    return (name, kind, text, tuple(items))
