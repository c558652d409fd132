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

from typing import TYPE_CHECKING

import attrs
from icalendar import Event as VEvent

from egov_events.enums import EventStatus, RegistrationStatus
from egov_events.ical import _common as k
from egov_events.ical._itip import attendee_address, invitation

if TYPE_CHECKING:
    from icalendar import vCalAddress

    from egov_events.model import Event, Participant, ParticipantGroup

__all__ = ["invitation_bytes"]


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
