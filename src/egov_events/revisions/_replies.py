"""Replies read back: iTIP REPLY (RFC 5546 section 3.2.3) into the participants' answers.

An attendee's calendar answers an invitation with a METHOD:REPLY calendar:
the invitation's UID, the attendee alone as ATTENDEE with a PARTSTAT
(ACCEPTED, DECLINED, TENTATIVE), the SEQUENCE of the invitation answered,
a DTSTAMP, maybe a COMMENT, and for an answer to one day of a recurring
invitation a VEVENT with that instance's RECURRENCE-ID.

:func:`read_replies` reads them from calendar bytes, e-mail messages or a
mailbox; :func:`sort_replies` tells which an event accepts and why the
others are refused; :func:`apply_replies` records the accepted ones as
:class:`~egov_events.model.Answer` in the event.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from email.message import Message
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs
import icalendar

from egov_events.errors import Problem, ValidationError
from egov_events.model import Answer, AnswerStatus, Event, ParticipantGroup
from egov_events.uids import parse_uid

__all__ = [
    "AnswerCount",
    "InstanceReply",
    "Refusal",
    "Reply",
    "ReplyReport",
    "answer_counts",
    "apply_replies",
    "read_replies",
    "sort_replies",
]

_UTC: Final = ZoneInfo("UTC")
_ANSWERS: Final = {s.name: s for s in AnswerStatus}
MAX_BYTES: Final = 1_000_000
"""The largest calendar read from one message or file; larger ones are refused."""


@attrs.frozen(kw_only=True)
class InstanceReply:
    """The answer to one instance (one day) of a recurring invitation."""

    recurrence_id: datetime
    partstat: str
    comment: str | None = None


@attrs.frozen(kw_only=True)
class Reply:
    """One iTIP REPLY: who answered which invitation, how, and when."""

    uid: str
    address: str
    """The attendee's address, without ``mailto:``, in lower case."""
    name: str | None
    """The attendee's CN, if given."""
    partstat: str | None
    """The answer to the whole invitation (``ACCEPTED``, ``DECLINED``, ...);
    ``None`` when the reply answers single instances only."""
    sequence: int
    stamp: datetime
    """DTSTAMP, in UTC."""
    comment: str | None = None
    instances: tuple[InstanceReply, ...] = ()
    """Answers to single days, by RECURRENCE-ID."""
    attendees: int = 1
    """How many ATTENDEE properties the reply carried (RFC 5546 allows one)."""

    @property
    def group(self) -> str | None:
        """The group the UID names (``group+<id>@...`` or ``group-day+<id>+<day>@...``)."""
        return _parse_uid(self.uid)[1]

    @property
    def day(self) -> date | None:
        """The day a ``per-day`` invitation's UID names; ``None`` for a group's."""
        return _parse_uid(self.uid)[2]


def _parse_uid(uid: str) -> tuple[str | None, str | None, date | None]:
    """``(event id, group id, day)`` of an invitation UID this library writes."""
    parsed = parse_uid(uid)
    if parsed is None:
        return None, None, None
    kind, rest, event_id = parsed
    if kind == "group":
        return event_id, rest, None
    if kind == "group-day":
        group, _, day = rest.rpartition("+")
        try:
            return event_id, group, date.fromisoformat(day)
        except ValueError:
            return event_id, None, None
    return event_id, None, None


def _text(component: icalendar.cal.Component, name: str) -> str | None:
    value = component.get(name)
    return None if value is None else str(value)


def _address(value: object) -> str:
    text = str(value)
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip().lower()


def _moment(component: icalendar.cal.Component, name: str) -> datetime:
    """A DATE or DATE-TIME property as an aware datetime (floating and DATE: UTC)."""
    value: Any = getattr(component[name], "dt", None)
    if not isinstance(value, date):
        msg = f"{name} is not a date or a date-time"
        raise ValueError(msg)
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _replies_in(calendar: icalendar.Calendar) -> Iterator[Reply]:
    """The replies of one METHOD:REPLY calendar, one per UID."""
    if str(calendar.get("METHOD", "")).upper() != "REPLY":
        return
    by_uid: dict[str, list[icalendar.cal.Component]] = {}
    for vevent in calendar.walk("VEVENT"):
        uid = _text(vevent, "UID")
        if uid is not None:
            by_uid.setdefault(uid, []).append(vevent)
    for uid, vevents in by_uid.items():
        try:
            reply = _reply(uid, vevents)
        except (ValueError, TypeError, KeyError):
            continue  # a malformed reply answers nothing
        if reply is not None:
            yield reply


def _reply(uid: str, vevents: list[icalendar.cal.Component]) -> Reply | None:
    master = next((v for v in vevents if "RECURRENCE-ID" not in v), None)
    first = master if master is not None else vevents[0]
    attendees = first.get("ATTENDEE")
    listed = attendees if isinstance(attendees, list) else [attendees]
    listed = [a for a in listed if a is not None]
    if not listed or "DTSTAMP" not in first:
        return None
    attendee = listed[0]
    instances = []
    for v in vevents:
        if "RECURRENCE-ID" not in v or "ATTENDEE" not in v:
            continue
        one = v["ATTENDEE"]
        one = one[0] if isinstance(one, list) else one
        instances.append(
            InstanceReply(
                recurrence_id=_moment(v, "RECURRENCE-ID"),
                partstat=str(one.params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
                comment=_text(v, "COMMENT"),
            )
        )
    return Reply(
        uid=uid,
        address=_address(attendee),
        name=attendee.params.get("CN"),
        partstat=(
            str(attendee.params.get("PARTSTAT", "NEEDS-ACTION")).upper()
            if master is not None
            else None
        ),
        sequence=int(first.get("SEQUENCE", 0)),
        stamp=_moment(first, "DTSTAMP").astimezone(UTC),
        comment=_text(first, "COMMENT"),
        instances=tuple(sorted(instances, key=lambda i: i.recurrence_id)),
        attendees=len(listed),
    )


def _calendars_in(message: Message) -> Iterator[bytes]:
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            yield payload


def _parse(data: bytes, where: str) -> icalendar.Calendar:
    if len(data) > MAX_BYTES:
        raise ValidationError(
            [Problem((where,), f"a calendar of {len(data)} bytes: at most {MAX_BYTES} are read")]
        )
    try:
        return icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise ValidationError([Problem((where,), f"not an iCalendar object: {exc}")]) from exc


def read_replies(
    source: bytes | Message | mailbox.Mailbox[Any] | Iterable[bytes | Message],
) -> list[Reply]:
    r"""The iTIP replies in *source*, in the order found.

    *source* is the bytes of one ``.ics`` calendar (METHOD:REPLY), one
    e-mail message (:class:`email.message.EmailMessage` or any
    :class:`email.message.Message`, whose ``text/calendar`` parts are read),
    a mailbox (:class:`mailbox.mbox`, :class:`mailbox.Maildir`, ...), or an
    iterable of calendars and messages. Calendars whose METHOD is not REPLY
    are left out; so are messages without a calendar, and in a mailbox or a
    message a calendar that does not parse (mail holds more than replies).

    >>> data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:REPLY\r\n"
    ...         b"BEGIN:VEVENT\r\nUID:group+group-1@kikao-kazi-2019.egov-events\r\n"
    ...         b"DTSTAMP:20190120T080000Z\r\nSEQUENCE:1\r\n"
    ...         b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:Asha@example.go.tz\r\n"
    ...         b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    >>> (reply,) = read_replies(data)
    >>> reply.address, reply.group, reply.partstat, reply.sequence
    ('asha@example.go.tz', 'group-1', 'ACCEPTED', 1)

    Raises:
        ValidationError: *source* is calendar bytes that do not parse, or
            larger than :data:`MAX_BYTES`.

    """
    if isinstance(source, bytes | bytearray):
        return list(_replies_in(_parse(bytes(source), "source")))
    if isinstance(source, Message):
        items: Iterable[bytes | Message] = [source]
    else:
        items = source
    out: list[Reply] = []
    for item in items:
        if isinstance(item, bytes | bytearray):
            out += _replies_in(_parse(bytes(item), "source"))
            continue
        for data in _calendars_in(item):
            try:
                calendar = _parse(data, "message")
            except ValidationError:
                continue
            out += _replies_in(calendar)
    return out


@attrs.frozen(kw_only=True)
class Refusal:
    """A reply (or one day of it) that was not applied, and why."""

    reply: Reply
    reason: str
    day: date | None = None
    """The day refused, for an answer to one instance."""


@attrs.frozen(kw_only=True)
class ReplyReport:
    """What :func:`sort_replies` found: the answers to record and the refusals."""

    answers: tuple[Answer, ...]
    refused: tuple[Refusal, ...]


def _attendee(event: Event, group: ParticipantGroup, address: str) -> str | None:
    """The id of the group member whose address is *address*."""
    for p in event.participants_in(group):
        email = event.person(p.person).email
        if email is not None and email.lower() == address:
            return p.id
    return None


def _judge(event: Event, reply: Reply) -> tuple[list[Answer], list[Refusal]]:
    event_id, group_id, uid_day = _parse_uid(reply.uid)
    if event_id != event.id or group_id is None or group_id not in {g.id for g in event.groups}:
        return [], [
            Refusal(reply=reply, reason=f"unknown UID {reply.uid!r}: no invitation of this event")
        ]
    group = event.group(group_id)
    if reply.attendees != 1:
        reason = f"{reply.attendees} ATTENDEE properties: a REPLY names its one attendee"
        return [], [Refusal(reply=reply, reason=reason)]
    participant = _attendee(event, group, reply.address)
    if participant is None:
        reason = f"forged: {reply.address} is not an attendee of {reply.uid}"
        return [], [Refusal(reply=reply, reason=reason)]
    if reply.sequence < group.sequence:
        reason = f"stale: it answers SEQUENCE {reply.sequence}, the latest sent is {group.sequence}"
        return [], [Refusal(reply=reply, reason=reason)]
    days = {d.day for d in event.group_days(group) if not d.cancelled}
    stamp = reply.stamp.astimezone(_UTC)
    answers: list[Answer] = []
    refused: list[Refusal] = []

    def answer(partstat: str, day: date | None, comment: str | None) -> None:
        status = _ANSWERS.get(partstat)
        if status is None:
            reason = f"PARTSTAT {partstat} is not an answer (ACCEPTED, DECLINED or TENTATIVE)"
            refused.append(Refusal(reply=reply, reason=reason, day=day))
        elif day is not None and day not in days:
            reason = f"{day.isoformat()} is not a day of {group.id}'s invitation"
            refused.append(Refusal(reply=reply, reason=reason, day=day))
        else:
            answers.append(
                Answer(
                    participant=participant,
                    group=group.id,
                    status=status,
                    stamp=stamp,
                    sequence=reply.sequence,
                    day=day,
                    comment=comment,
                )
            )

    if reply.partstat is not None:
        answer(reply.partstat, uid_day, reply.comment)
    for one in reply.instances:
        answer(one.partstat, one.recurrence_id.astimezone(event.timezone).date(), one.comment)
    return answers, refused


def _key(a: Answer) -> tuple[str, str, date]:
    return (a.group, a.participant, a.day or date.min)


def sort_replies(event: Event, replies: Iterable[Reply]) -> ReplyReport:
    """Which answers of *replies* *event* records, and which replies it refuses and why.

    Refused, never applied: a UID that is not one of the event's
    invitations (unknown), an address that is not a member of the group
    invited (forged), a SEQUENCE below the group's latest (stale: it answers
    an invitation since replaced), a reply with more or fewer than one
    ATTENDEE, a PARTSTAT that is no answer, a day that is not one of the
    group's. Of several answers of one participant to one group (and day),
    the one with the latest DTSTAMP counts; an earlier one is refused as
    older than the answer recorded.
    """
    latest: dict[tuple[str, str, date], Answer] = {_key(a): a for a in event.answers}
    refused: list[Refusal] = []
    by_reply: list[tuple[Reply, Answer]] = []
    for reply in replies:
        found, refusals = _judge(event, reply)
        refused += refusals
        by_reply += [(reply, a) for a in found]
    for reply, a in by_reply:
        held = latest.get(_key(a))
        if held is not None and held.stamp > a.stamp:
            reason = (
                f"older than the answer recorded ({held.stamp.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ})"
            )
            refused.append(Refusal(reply=reply, reason=reason, day=a.day))
            continue
        latest[_key(a)] = a
    return ReplyReport(
        answers=tuple(latest[k] for k in sorted(latest)),
        refused=tuple(refused),
    )


def apply_replies(event: Event, replies: Iterable[Reply]) -> Event:
    r"""*event* with the answers of *replies* recorded in :attr:`Event.answers`.

    Each answer is kept per participant, group and day (``None``: every
    day); :func:`sort_replies` says which replies are refused and why, and
    those change nothing. The revision, sequences and ``updated`` stay: an
    answer changes no invitation.

    >>> import egov_events as ee
    >>> from egov_events.revisions import apply_replies, read_replies
    >>> event = ee.examples.kikao_kazi_2019()
    >>> email = event.person(event.participant("p-0001").person).email
    >>> data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:REPLY\r\n"
    ...         "BEGIN:VEVENT\r\nUID:group+group-1@kikao-kazi-2019.egov-events\r\n"
    ...         "DTSTAMP:20190120T080000Z\r\nSEQUENCE:1\r\n"
    ...         f"ATTENDEE;PARTSTAT=TENTATIVE:mailto:{email}\r\n"
    ...         "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    >>> [(a.participant, a.group, a.status.value) for a in
    ...  apply_replies(event, read_replies(data)).answers]
    [('p-0001', 'group-1', 'tentative')]
    """
    report = sort_replies(event, replies)
    if report.answers == event.answers:
        return event
    return attrs.evolve(event, answers=report.answers)


@attrs.frozen(kw_only=True)
class AnswerCount:
    """The answers of a group's members for one of its days."""

    group: str
    day: date
    registered: int
    """The group's participants."""
    accepted: int
    tentative: int
    declined: int
    no_answer: int

    @property
    def expected(self) -> int:
        """Those who accepted, and those who may come (tentative)."""
        return self.accepted + self.tentative


def answer_counts(event: Event) -> list[AnswerCount]:
    """For each group and each of its days, how its members answered.

    A member's answer for a day is the latest (by DTSTAMP) of their answer
    to the whole invitation and their answer to that day.

    >>> import egov_events as ee
    >>> [(c.group, str(c.day), c.registered, c.no_answer)
    ...  for c in answer_counts(ee.examples.kikao_kazi_2019())]
    [('group-1', '2019-01-30', 520, 520), ('group-1', '2019-01-31', 520, 520),
     ('group-2', '2019-02-01', 170, 170), ('group-3', '2019-02-02', 786, 786)]
    """
    answers: dict[tuple[str, str], list[Answer]] = {}
    for a in event.answers:
        answers.setdefault((a.group, a.participant), []).append(a)
    out = []
    for group in event.groups:
        members = event.participants_in(group)
        for day in group.days:
            counts = dict.fromkeys(AnswerStatus, 0)
            for p in members:
                given = [a for a in answers.get((group.id, p.id), ()) if a.day in {None, day}]
                if given:
                    counts[max(given, key=lambda a: (a.stamp, a.day is not None)).status] += 1
            out.append(
                AnswerCount(
                    group=group.id,
                    day=day,
                    registered=len(members),
                    accepted=counts[AnswerStatus.ACCEPTED],
                    tentative=counts[AnswerStatus.TENTATIVE],
                    declined=counts[AnswerStatus.DECLINED],
                    no_answer=len(members) - sum(counts.values()),
                )
            )
    return out
