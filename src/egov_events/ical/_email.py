"""Invitation e-mail (iMIP, RFC 6047): a readable message with the calendar inside.

Each invitation calendar (one per group of the participant, see
:func:`egov_events.ical.invitations`) travels in its own message, as iTIP
asks for one scheduling object per message:

- ``multipart/alternative`` with a plain-text part and an HTML part in the
  chosen language, and **last** the calendar as ``text/calendar;
  charset="utf-8"; method=REQUEST`` (RFC 6047 section 2.4), not an attachment,
  so that mail clients offer accept and decline;
- the MIME ``method`` equals the calendar's ``METHOD`` (RFC 5545 section
  3.7.2), in upper case;
- ``From`` is the organizer (RFC 6047 section 3) unless a sender is given;
- the same event gives the same bytes: the ``Date`` is the event's
  ``updated``, and the ``Message-ID`` and MIME boundary derive from the
  calendar's UID and SEQUENCE, never from the clock or chance.
"""

from __future__ import annotations

import base64
import hashlib
import html
import smtplib
from collections.abc import Callable, Sequence
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, Policy
from email.utils import format_datetime
from typing import TYPE_CHECKING

import attrs

from egov_events.ical._bulk import invitation_bytes
from egov_events.ical._common import group_uid
from egov_events.ical._itip import SchedulingObject, check_instances, scheduling_objects
from egov_events.locale import format_date, format_time, language
from egov_events.model import Event, Participant, ParticipantGroup, Session

if TYPE_CHECKING:
    import icalendar

__all__ = [
    "SendReport",
    "change_email",
    "change_lines",
    "emails_by_group",
    "emails_by_object",
    "invitation_emails",
    "send_emails",
]

_TEXT: dict[str, dict[str, str]] = {
    "sw": {
        "subject": "Mwaliko: {title} ({group})",
        "greeting": "Ndugu {name},",
        "invited": "Unaalikwa kushiriki {title}, {group}.",
        "when": "Siku na saa:",
        "where": "Mahali",
        "theme": "Kaulimbiu",
        "respond": "Mwaliko wa kalenda uko katika ujumbe huu: tafadhali ukubali au ukatae "
        "katika kalenda yako.",
        "regards": "Wako,",
        "update_subject": "Mabadiliko: {title} ({group})",
        "cancel_subject": "Imefutwa: {title} ({group})",
        "updated": "Mwaliko wako wa {title}, {group}, umebadilika:",
        "cancelled": "Mwaliko wako wa {title}, {group}, umefutwa:",
        "respond_update": "Mwaliko uliosasishwa uko katika ujumbe huu: kalenda yako itaubadilisha.",
        "respond_cancel": "Ujumbe huu unaondoa mwaliko katika kalenda yako.",
    },
    "en": {
        "subject": "Invitation: {title} ({group})",
        "greeting": "Dear {name},",
        "invited": "You are invited to {title}, {group}.",
        "when": "Days and hours:",
        "where": "Venue",
        "theme": "Theme",
        "respond": "The calendar invitation is in this message: please accept or decline it "
        "in your calendar.",
        "regards": "Yours sincerely,",
        "update_subject": "Changed: {title} ({group})",
        "cancel_subject": "Cancelled: {title} ({group})",
        "updated": "Your invitation to {title}, {group}, has changed:",
        "cancelled": "Your invitation to {title}, {group}, is cancelled:",
        "respond_update": "The updated invitation is in this message: your calendar will "
        "update it.",
        "respond_cancel": "This message removes the invitation from your calendar.",
    },
}


def _days(event: Event, group: ParticipantGroup) -> list[tuple[date, Session, Session]]:
    """Each day of *group* with its first and last session (by start and end)."""
    sessions = event.sessions_for_group(group)
    out = []
    for day in group.days:
        on_day = [s for s in sessions if event.day_of(s.start) == day]
        if on_day:
            first = min(on_day, key=lambda s: s.start)
            last = max(on_day, key=lambda s: s.end)
            out.append((day, first, last))
    return out


def _lines(
    event: Event,
    participant: Participant,
    group: ParticipantGroup,
    lang: str,
    day_only: date | None = None,
) -> list[str]:
    text = _TEXT[lang]
    person = event.person(participant.person)
    title = event.title.get(lang)
    lines = [
        text["greeting"].format(name=person.display_name),
        "",
        text["invited"].format(title=title, group=group.name.get(lang)),
        "",
        text["when"],
    ]
    for day, first, last in _days(event, group):
        if day_only is not None and day != day_only:
            continue
        start = first.start.astimezone(event.timezone).time()
        end = last.end.astimezone(event.timezone).time()
        hours = f"{format_time(start, lang=lang)}–{format_time(end, lang=lang)}"
        if lang == "sw":  # and as a Swahili reader counts the hours
            clock = [format_time(t, lang=lang, swahili_clock=True) for t in (start, end)]
            hours += f" ({clock[0]} hadi {clock[1]})"
        lines.append(f"  {format_date(day, lang=lang, weekday=True)}, {hours}")
    lines.append(f"  ({event.timezone.key})")
    if event.venue is not None:
        lines.append("")
        lines.append(f"{text['where']}: {event.venue.name.get(lang)}, {event.venue.city}")
    if event.theme is not None:
        lines.append(f"{text['theme']}: {event.theme.get(lang)}")
    organizer = event.organization(event.organizer)
    signature = organizer.name.get(lang)
    if organizer.acronym:
        signature += f" ({organizer.acronym})"
    lines += ["", text["respond"], "", text["regards"], signature]
    return lines


def change_lines(
    event: Event,
    participant: Participant,
    group: ParticipantGroup,
    *,
    method: str,
    changes: Sequence[str],
    lang: str,
) -> list[str]:
    """The text of an update (REQUEST) or a cancellation (CANCEL): what changed first."""
    text = _TEXT[lang]
    person = event.person(participant.person)
    names = {"title": event.title.get(lang), "group": group.name.get(lang)}
    lead = text["cancelled" if method == "CANCEL" else "updated"].format(**names)
    lines = [text["greeting"].format(name=person.display_name), "", lead]
    lines += [f"- {change}" for change in changes]
    if method == "CANCEL":
        organizer = event.organization(event.organizer)
        lines += ["", text["respond_cancel"], "", text["regards"], organizer.name.get(lang)]
        return lines
    body = _lines(event, participant, group, lang)
    body[body.index(text["respond"])] = text["respond_update"]
    return lines + body[3:]  # the days, place and signature, without greeting and lead


def _html(lines: Sequence[str], lang: str) -> str:
    body = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line:
            paragraph.append(html.escape(line.strip()))
        elif paragraph:
            body.append("<p>" + "<br>\n".join(paragraph) + "</p>")
            paragraph = []
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"></head>\n'
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


_WORD_BYTES = 42
"""UTF-8 bytes per encoded word: ``=?utf-8?b?`` and 56 base64 characters and ``?=``
make 68, which with a header's name stays within 78 characters a line
(RFC 2047 section 2 allows 75 per encoded word, RFC 5322 section 2.1.1 78 a line)."""


def _encoded_word(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def _pieces(text: str) -> list[str]:
    """*text* cut into runs of at most :data:`_WORD_BYTES` bytes, anywhere."""
    out: list[str] = []
    piece: list[str] = []
    size = 0
    for char in text:
        n = len(char.encode("utf-8"))
        if piece and size + n > _WORD_BYTES:
            out.append("".join(piece))
            piece, size = [], 0
        piece.append(char)
        size += n
    if piece:
        out.append("".join(piece))
    return out


def _word_groups(text: str) -> list[str]:
    """*text*'s words, joined by spaces into runs of about :data:`_WORD_BYTES` bytes.

    Cut only at spaces, which the cut takes away: readers put one space
    between the encoded words of a display name (Python's ``email`` does).
    A single longer word stays whole, in one long encoded word.
    """
    out: list[str] = []
    current = ""
    for word in text.split(" "):
        joined = f"{current} {word}" if current else word
        if current and len(joined.encode("utf-8")) > _WORD_BYTES:
            out.append(current)
            current = word
        else:
            current = joined
    if current:
        out.append(current)
    return out


class _Header(str):
    """A header whose folded form is written here, read as its plain value.

    ``email`` folds some values wrongly: a long word in a name gives an
    empty line that ends the header block (Date, Message-ID and the MIME
    structure are lost), and a name that looks like an RFC 2047 encoded
    word is read back decoded. Names and subjects are therefore always
    written as encoded words (RFC 2047, UTF-8, base64), folded so that no
    line exceeds 78 characters; every reader decodes them to the text itself.
    """

    name: str
    folded: str

    def __new__(cls, name: str, value: str, folded: str) -> _Header:
        header = super().__new__(cls, value)
        header.name = name
        header.folded = folded
        return header

    def fold(self, *, policy: Policy) -> str:
        """The header as written, for the ``email`` generator."""
        return f"{self.name}: {self.folded}{policy.linesep}"


def _one_line(text: str) -> str:
    """*text* with every run of white space (line breaks included) as one space."""
    return " ".join(text.split())


def _subject(text: str) -> _Header:
    text = _one_line(text)
    return _Header("Subject", text, "\r\n ".join(_encoded_word(p) for p in _pieces(text)))


def _address(header: str, name: str, email: str) -> _Header:
    name = _one_line(name)
    local, _, domain = email.rpartition("@")
    plain = Address(display_name=name, username=local, domain=domain)
    folded = "\r\n ".join(_encoded_word(p) for p in _word_groups(name))
    return _Header(header, str(plain), f"{folded}\r\n <{local}@{domain}>")


def _message(
    event: Event,
    participant: Participant,
    group: ParticipantGroup,
    ics: bytes,
    *,
    lang: str,
    sender: str | None,
    method: str = "REQUEST",
    changes: Sequence[str] | None = None,
    object_uid: str | None = None,
    day: date | None = None,
) -> EmailMessage:
    """The message of one calendar; with *changes*, an update or cancellation saying them."""
    person = event.person(participant.person)
    if not person.email:
        msg = (
            f"participant {participant.id!r} (person {person.id!r}) has no e-mail address "
            "to send an invitation to"
        )
        raise ValueError(msg)
    organizer = event.organization(event.organizer)
    from_address = sender or organizer.email
    if not from_address:
        msg = (
            f"no sender: the organizer {organizer.id!r} has no e-mail address; "
            "pass sender='name@domain'"
        )
        raise ValueError(msg)
    # The UID and SEQUENCE that invitations() writes. An update may keep its
    # SEQUENCE (RFC 5546 section 2.1.5), so the moment and the method tell
    # its Message-ID from the earlier message's.
    uid, sequence = object_uid or group_uid(event.id, group.id), group.sequence
    seed = f"{uid}\n{sequence}\n{person.email}"
    if changes is not None:
        seed += f"\n{method}\n{event.updated.isoformat()}"
    digest = hashlib.sha256(seed.encode()).hexdigest()[:24]

    message = EmailMessage(policy=SMTP)
    subject = "subject"
    if changes is not None:
        subject = "cancel_subject" if method == "CANCEL" else "update_subject"
    named = group.name.get(lang)
    if day is not None:  # one day of the group, its own invitation
        named += f", {format_date(day, lang=lang)}"
    message["Subject"] = _subject(
        _TEXT[lang][subject].format(title=event.title.get(lang), group=named)
    )
    message["From"] = _address("From", organizer.name.get(lang), from_address)
    message["To"] = _address("To", person.display_name, person.email)
    message["Date"] = format_datetime(event.updated)
    message["Message-ID"] = f"<{digest}.{sequence}@{event.id}.egov-events>"
    message["Content-Language"] = lang
    if changes is None:
        lines = _lines(event, participant, group, lang, day)
    else:
        lines = change_lines(event, participant, group, method=method, changes=changes, lang=lang)
    message.set_content("\n".join(lines) + "\n", subtype="plain", charset="utf-8")
    message.add_alternative(_html(lines, lang), subtype="html", charset="utf-8")
    message.add_alternative(
        ics,
        maintype="text",
        subtype="calendar",
        params={"method": method, "charset": "utf-8"},
        cte="base64",
    )
    message.set_boundary(f"=_egov_events_{digest}")
    return message


def change_email(
    event: Event,
    participant: Participant,
    group: ParticipantGroup,
    calendar: icalendar.Calendar,
    *,
    changes: Sequence[str],
    lang: str = "sw",
    sender: str | None = None,
    data: bytes | None = None,
) -> EmailMessage:
    """The message that carries an update or a cancellation, with what changed first.

    *calendar* is the METHOD:REQUEST or METHOD:CANCEL calendar; *changes*
    are sentences in *lang*, listed under the opening line. The rest is as
    :func:`invitation_emails` (parts, headers, determinism), but for the
    subject, which says the invitation changed or is cancelled. *data*, when
    given, is ``calendar.to_ical()`` already written (by :class:`~egov_events.ical.ItipExport`,
    as :func:`egov_events.revisions.outbox` does): the message carries it.
    """
    return _message(
        event,
        participant,
        group,
        calendar.to_ical() if data is None else data,
        lang=language(lang),
        sender=sender,
        method=str(calendar.get("METHOD", "REQUEST")).upper(),
        changes=changes,
    )


def invitation_emails(
    event: Event,
    participant: str | Participant,
    *,
    lang: str = "sw",
    sender: str | None = None,
    instances: str = "recurring",
) -> list[EmailMessage]:
    """The invitation messages of *participant*: one per group, each with its calendar.

    *sender* overrides ``From`` (the organizer's address by default).
    *instances* is the form of the calendars (see
    :func:`~egov_events.ical.invitations`): with ``"per-day"`` each day of
    each group travels in its own message, its date in the subject.

    >>> import egov_events as ee
    >>> from egov_events.ical import invitation_emails
    >>> event = ee.examples.kikao_kazi_2019()
    >>> [m["Subject"] for m in invitation_emails(event, "p-0001", lang="en")]
    ['Invitation: 2nd e-Government Workshop 2019 (Group 1)',
     'Invitation: 2nd e-Government Workshop 2019 (Group 3)']
    >>> message = invitation_emails(event, "p-0001")[0]
    >>> [part.get_content_type() for part in message.iter_parts()]
    ['text/plain', 'text/html', 'text/calendar']
    >>> message.get_content_type(), message.iter_parts().__next__().get_content_charset()
    ('multipart/alternative', 'utf-8')
    >>> [m["Subject"] for m in invitation_emails(event, "p-0001", lang="en", instances="per-day")]
    ['Invitation: 2nd e-Government Workshop 2019 (Group 1, 30 January 2019)',
     'Invitation: 2nd e-Government Workshop 2019 (Group 1, 31 January 2019)',
     'Invitation: 2nd e-Government Workshop 2019 (Group 3, 2 February 2019)']

    Raises:
        KeyError: no participant has that id.
        ValueError: the participant's person has no e-mail address, there
            is no sender (neither *sender* nor an organizer address), or
            *instances* is not a form of invitations.

    """
    return [
        message
        for _, message in emails_by_object(
            event, participant, lang=lang, sender=sender, instances=instances
        )
    ]


def emails_by_group(
    event: Event,
    participant: str | Participant,
    *,
    lang: str = "sw",
    sender: str | None = None,
    instances: str = "recurring",
) -> list[tuple[ParticipantGroup, EmailMessage]]:
    """:func:`invitation_emails`, each message with the group it invites to.

    The recurring form goes through the bulk writer, which writes what the
    members of a group share once (:mod:`egov_events.ical._bulk`).
    """
    if check_instances(instances) == "recurring":
        code = language(lang)
        p = event.participant(participant)
        return [
            (group, _message(event, p, group, ics, lang=code, sender=sender))
            for group, ics in invitation_bytes(event, p, code)
        ]
    found = emails_by_object(event, participant, lang=lang, sender=sender, instances=instances)
    return [(o.group, message) for o, message in found]


def emails_by_object(
    event: Event,
    participant: str | Participant,
    *,
    lang: str = "sw",
    sender: str | None = None,
    instances: str = "recurring",
) -> list[tuple[SchedulingObject, EmailMessage]]:
    """:func:`invitation_emails`, each message with its scheduling object."""
    code = language(lang)
    p = event.participant(participant)
    return [
        (
            o,
            _message(
                event,
                p,
                o.group,
                o.calendar.to_ical(),
                lang=code,
                sender=sender,
                object_uid=o.uid,
                day=o.day,
            ),
        )
        for o in scheduling_objects(event, p, lang=code, instances=instances)
    ]


@attrs.frozen(kw_only=True)
class SendReport:
    """What :func:`send_emails` sent, what was refused, and what it did not send."""

    sent: tuple[str, ...]
    """The ``Message-ID`` of each message the server accepted, in order."""
    not_sent: tuple[str, ...]
    """The ``Message-ID`` of each message not sent: the refused one first."""
    refusal: str | None = None
    """Why sending stopped (the server's answer), or ``None`` when all were sent."""

    @property
    def complete(self) -> bool:
        """Whether every message was sent."""
        return not self.not_sent


def send_emails(
    messages: Sequence[EmailMessage],
    *,
    host: str,
    port: int,
    progress: Callable[[int, int], None] | None = None,
    timeout: float = 30.0,
) -> SendReport:
    """Send *messages* in order over one SMTP connection; stop at the first refusal.

    *progress* is called with ``(sent, total)`` after each message. A message
    the server refuses (any recipient refused, or the data refused) stops
    the sending cleanly: the connection is closed and the report says which
    message was refused, why, and which were not sent. A connection that
    cannot be made or breaks is reported the same way, never as a traceback.
    """
    sent: list[str] = []
    ids = [str(m["Message-ID"]) for m in messages]
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as client:
            for index, message in enumerate(messages):
                try:
                    refused = client.send_message(message)
                except smtplib.SMTPRecipientsRefused as exc:
                    answer = "; ".join(
                        f"{rcpt}: {code} {text.decode(errors='replace')}"
                        for rcpt, (code, text) in sorted(exc.recipients.items())
                    )
                    return SendReport(sent=tuple(sent), not_sent=tuple(ids[index:]), refusal=answer)
                except smtplib.SMTPResponseException as exc:
                    answer = f"{exc.smtp_code} {_decode(exc.smtp_error)}"
                    return SendReport(sent=tuple(sent), not_sent=tuple(ids[index:]), refusal=answer)
                if refused:
                    answer = "; ".join(
                        f"{rcpt}: {code} {text.decode(errors='replace')}"
                        for rcpt, (code, text) in sorted(refused.items())
                    )
                    return SendReport(sent=tuple(sent), not_sent=tuple(ids[index:]), refusal=answer)
                sent.append(ids[index])
                if progress is not None:
                    progress(len(sent), len(messages))
    except (OSError, smtplib.SMTPException) as exc:
        answer = f"connection to {host}:{port} failed: {exc}"
        return SendReport(sent=tuple(sent), not_sent=tuple(ids[len(sent) :]), refusal=answer)
    return SendReport(sent=tuple(sent), not_sent=())


def _decode(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else value
