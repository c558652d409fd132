"""Replies read back: iTIP REPLY messages recorded as answers, or refused with a reason."""

from __future__ import annotations

import mailbox
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest

import egov_events as ee
from egov_events import ical
from egov_events.cli import main
from egov_events.model import AnswerStatus, Event
from egov_events.revisions import (
    Reply,
    answer_counts,
    apply_replies,
    read_replies,
    sort_replies,
)
from egov_events.serialization import dumps, load, loads

STAMP = datetime(2019, 1, 20, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def event() -> Event:
    return ee.examples.kikao_kazi_2019()


def _address(event: Event, pid: str) -> str:
    email = event.person(event.participant(pid).person).email
    assert email is not None
    return email


def reply_calendar(
    invitation: icalendar.Calendar,
    partstat: str | None,
    *,
    days: dict[date, str] | None = None,
    address: str | None = None,
    sequence: int | None = None,
    stamp: datetime = STAMP,
    comment: str | None = None,
) -> bytes:
    """The REPLY a calendar client writes to *invitation*, as an attendee answers it.

    *partstat* answers the whole invitation (``None``: no master VEVENT);
    *days* answers single instances, each by the RECURRENCE-ID the RRULE
    gives that day.
    """
    masters: list[Any] = [e for e in invitation.walk("VEVENT") if "RECURRENCE-ID" not in e]
    (master,) = masters
    attendee = master["ATTENDEE"]
    reply = icalendar.Calendar()
    reply.add("VERSION", "2.0")
    reply.add("PRODID", "-//Example Client//Replies//EN")
    reply.add("METHOD", "REPLY")

    def vevent(answer: str, recurrence: datetime | None) -> icalendar.Event:
        ev = icalendar.Event()
        ev.add("UID", str(master["UID"]))
        ev.add("DTSTAMP", stamp)
        ev.add("SEQUENCE", master["SEQUENCE"] if sequence is None else sequence)
        ev.add("ORGANIZER", master["ORGANIZER"])
        if recurrence is not None:
            ev.add("RECURRENCE-ID", recurrence)
        who = icalendar.vCalAddress(f"mailto:{address}" if address else str(attendee))
        who.params["CN"] = attendee.params["CN"]
        who.params["PARTSTAT"] = answer
        ev.add("ATTENDEE", who)
        if comment is not None:
            ev.add("COMMENT", comment)
        return ev

    if partstat is not None:
        reply.add_component(vevent(partstat, None))
    start = master["DTSTART"].dt
    for day, answer in (days or {}).items():
        reply.add_component(vevent(answer, datetime.combine(day, start.timetz())))
    data: bytes = reply.to_ical()
    return data


def _invitation(event: Event, pid: str, group: str) -> icalendar.Calendar:
    (found,) = [o.calendar for o in ical.scheduling_objects(event, pid) if o.group.id == group]
    return found


def test_answers_of_every_kind_round_trip(event: Event) -> None:
    day1, day2 = date(2019, 1, 30), date(2019, 1, 31)
    replies = [
        reply_calendar(_invitation(event, "p-0001", "group-1"), "ACCEPTED", comment="Nitafika"),
        reply_calendar(_invitation(event, "p-0002", "group-1"), "DECLINED"),
        reply_calendar(_invitation(event, "p-0003", "group-1"), "TENTATIVE"),
        reply_calendar(
            _invitation(event, "p-0004", "group-1"),
            None,
            days={day1: "ACCEPTED", day2: "DECLINED"},
        ),
        reply_calendar(_invitation(event, "p-0786", "group-3"), "ACCEPTED"),
    ]
    read = [r for data in replies for r in read_replies(data)]
    assert ["ACCEPTED", "DECLINED", "TENTATIVE", None, "ACCEPTED"] == [r.partstat for r in read]
    assert ["group-1"] * 4 + ["group-3"] == [r.group for r in read]
    assert {1} == {r.sequence for r in read}
    assert {STAMP} == {r.stamp for r in read}
    assert "Nitafika" == read[0].comment
    assert [(day1, "ACCEPTED"), (day2, "DECLINED")] == [
        (i.recurrence_id.date(), i.partstat) for i in read[3].instances
    ]
    assert _address(event, "p-0001").lower() == read[0].address

    updated = apply_replies(event, read)
    got = {(a.participant, a.group, a.day): a.status for a in updated.answers}
    assert {
        ("p-0001", "group-1", None): AnswerStatus.ACCEPTED,
        ("p-0002", "group-1", None): AnswerStatus.DECLINED,
        ("p-0003", "group-1", None): AnswerStatus.TENTATIVE,
        ("p-0004", "group-1", day1): AnswerStatus.ACCEPTED,
        ("p-0004", "group-1", day2): AnswerStatus.DECLINED,
        ("p-0786", "group-3", None): AnswerStatus.ACCEPTED,
    } == got
    assert (updated.revision, updated.updated) == (event.revision, event.updated)
    assert updated == loads(dumps(updated))  # the answers are kept in the JSON document

    counts = {(c.group, c.day): c for c in answer_counts(updated)}
    first, second = counts["group-1", day1], counts["group-1", day2]
    assert (2, 1, 1, 516, 3) == (
        first.accepted,
        first.tentative,
        first.declined,
        first.no_answer,
        first.expected,
    )
    assert (1, 1, 2, 516) == (
        second.accepted,
        second.tentative,
        second.declined,
        second.no_answer,
    )
    assert (1, 785) == (
        counts["group-3", date(2019, 2, 2)].accepted,
        counts["group-3", date(2019, 2, 2)].no_answer,
    )


def test_the_latest_answer_counts_and_an_older_one_is_refused(event: Event) -> None:
    invitation = _invitation(event, "p-0001", "group-1")
    yes = read_replies(reply_calendar(invitation, "ACCEPTED"))
    later_no = read_replies(
        reply_calendar(
            invitation, None, days={date(2019, 1, 31): "DECLINED"}, stamp=STAMP + timedelta(hours=1)
        )
    )
    once = apply_replies(event, yes + later_no)
    counts = {c.day: c for c in answer_counts(once) if c.group == "group-1"}
    assert (1, 0) == (counts[date(2019, 1, 30)].accepted, counts[date(2019, 1, 30)].declined)
    assert (0, 1) == (counts[date(2019, 1, 31)].accepted, counts[date(2019, 1, 31)].declined)
    older = read_replies(reply_calendar(invitation, "DECLINED", stamp=STAMP - timedelta(days=1)))
    report = sort_replies(once, older)
    assert once.answers == report.answers
    (refusal,) = report.refused
    assert refusal.reason.startswith("older than the answer recorded (2019-01-20T08:00:00Z)")
    assert apply_replies(once, older) is once


def _reasons(event: Event, data: bytes) -> list[str]:
    replies = read_replies(data)
    report = sort_replies(event, replies)
    assert event.answers == report.answers  # nothing applied
    assert apply_replies(event, replies) == event
    return [r.reason for r in report.refused]


def test_forged_stale_and_unknown_replies_are_refused_with_reasons(event: Event) -> None:
    invitation = _invitation(event, "p-0001", "group-1")
    uid = "group+group-1@kikao-kazi-2019.egov-events"
    stranger = "mgeni@example.com"
    assert [f"forged: {stranger} is not an attendee of {uid}"] == _reasons(
        event, reply_calendar(invitation, "ACCEPTED", address=stranger)
    )
    outsider = _address(event, "p-0786")  # group 3 only: not invited to group 1
    assert [f"forged: {outsider.lower()} is not an attendee of {uid}"] == _reasons(
        event, reply_calendar(invitation, "ACCEPTED", address=outsider)
    )
    assert ["stale: it answers SEQUENCE 0, the latest sent is 1"] == _reasons(
        event, reply_calendar(invitation, "ACCEPTED", sequence=0)
    )
    other = reply_calendar(invitation, "ACCEPTED").replace(
        uid.encode(), b"group+group-1@another-event.egov-events"
    )
    assert [
        "unknown UID 'group+group-1@another-event.egov-events': no invitation of this event"
    ] == _reasons(event, other)
    foreign = reply_calendar(invitation, "ACCEPTED").replace(
        uid.encode(), b"040000008200E00074C5B7101A82E008@example.com"
    )
    assert [
        "unknown UID '040000008200E00074C5B7101A82E008@example.com': no invitation of this event"
    ] == _reasons(event, foreign)
    assert ["PARTSTAT DELEGATED is not an answer (ACCEPTED, DECLINED or TENTATIVE)"] == _reasons(
        event, reply_calendar(invitation, "DELEGATED")
    )
    assert ["2019-02-02 is not a day of group-1's invitation"] == _reasons(
        event, reply_calendar(invitation, None, days={date(2019, 2, 2): "ACCEPTED"})
    )


def test_replies_to_per_day_invitations_answer_their_day(event: Event) -> None:
    objects = [
        o
        for o in ical.scheduling_objects(event, "p-0001", instances="per-day")
        if o.group.id == "group-1"
    ]
    replies = [
        r
        for o, answer in zip(objects, ("ACCEPTED", "TENTATIVE"), strict=True)
        for r in read_replies(reply_calendar(o.calendar, answer))
    ]
    assert [date(2019, 1, 30), date(2019, 1, 31)] == [r.day for r in replies]
    updated = apply_replies(event, replies)
    assert [(date(2019, 1, 30), "accepted"), (date(2019, 1, 31), "tentative")] == [
        (a.day, a.status.value) for a in updated.answers
    ]


def _email(event: Event, pid: str, data: bytes) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["From"] = _address(event, pid)
    message["To"] = "kikaokazi@example.go.tz"
    message["Subject"] = "Accepted: Kikao Kazi"
    message.set_content("Nimekubali.\n")
    message.add_alternative(
        data, maintype="text", subtype="calendar", params={"method": "REPLY", "charset": "utf-8"}
    )
    return message


def _members(event: Event, group: str, n: int) -> list[str]:
    return [p.id for p in event.participants_in(group)][:n]


def test_an_mbox_with_200_replies_is_read(event: Event, tmp_path: Path) -> None:
    box = mailbox.mbox(tmp_path / "replies.mbox")
    statuses = ("ACCEPTED", "DECLINED", "TENTATIVE")
    pids = _members(event, "group-1", 200)
    for n, pid in enumerate(pids):
        data = reply_calendar(_invitation(event, pid, "group-1"), statuses[n % 3])
        box.add(_email(event, pid, data))
    plain = EmailMessage()
    plain["Subject"] = "Swali"
    plain.set_content("Hakuna kalenda hapa.\n")
    box.add(plain)  # mail that is not a reply is left out
    box.flush()
    box.close()
    reading = mailbox.mbox(tmp_path / "replies.mbox", create=False)
    try:
        replies = read_replies(reading)
    finally:
        reading.close()
    assert 200 == len(replies)
    assert pids == [
        next(p.id for p in event.participants if _address(event, p.id).lower() == r.address)
        for r in replies
    ]
    updated = apply_replies(event, replies)
    assert 200 == len(updated.answers)
    (first, _) = [c for c in answer_counts(updated) if c.group == "group-1"]
    assert (67, 67, 66, 320) == (first.accepted, first.declined, first.tentative, first.no_answer)


def test_a_maildir_and_single_messages_are_read(event: Event, tmp_path: Path) -> None:
    folder = mailbox.Maildir(tmp_path / "Maildir")
    pids = _members(event, "group-2", 3)
    messages = [
        _email(event, pid, reply_calendar(_invitation(event, pid, "group-2"), "ACCEPTED"))
        for pid in pids
    ]
    for message in messages:
        folder.add(message)
    assert 3 == len(read_replies(mailbox.Maildir(tmp_path / "Maildir", create=False)))
    assert 1 == len(read_replies(messages[0]))
    assert 3 == len(read_replies(messages))


def test_calendars_that_are_not_replies_give_nothing_and_garbage_is_refused(
    event: Event,
) -> None:
    assert [] == read_replies(ical.invitations(event, "p-0001")[0].to_ical())
    with pytest.raises(ee.ValidationError, match="not an iCalendar object"):
        read_replies(b"BEGIN:VCALENDAR\r\nthis is not a calendar")
    with pytest.raises(ee.ValidationError, match="at most 1000000 are read"):
        read_replies(b"X" * 1_000_001)


def test_a_reply_keeps_what_it_says(event: Event) -> None:
    (reply,) = read_replies(reply_calendar(_invitation(event, "p-0001", "group-1"), "ACCEPTED"))
    assert isinstance(reply, Reply)
    assert reply == attrs.evolve(reply)
    assert (None, "Rukia Chaula") == (reply.day, reply.name)


def test_cli_replies_prints_a_summary_and_writes_the_event(
    event: Event, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "event.json"
    source.write_text(dumps(event), encoding="utf-8")
    box = mailbox.mbox(tmp_path / "replies.mbox")
    for pid, answer in (("p-0001", "ACCEPTED"), ("p-0002", "DECLINED")):
        box.add(_email(event, pid, reply_calendar(_invitation(event, pid, "group-1"), answer)))
    box.add(
        _email(
            event,
            "p-0003",
            reply_calendar(_invitation(event, "p-0003", "group-1"), "ACCEPTED", sequence=0),
        )
    )
    box.flush()
    box.close()
    out = tmp_path / "updated.json"
    assert 0 == main(
        ["replies", str(source), str(tmp_path / "replies.mbox"), "-o", str(out), "--lang", "en"]
    )
    printed = capsys.readouterr().out.splitlines()
    assert "3 replies read: 2 answers recorded, 1 refused." == printed[0]
    assert printed[1].startswith("refused: ")
    assert printed[1].endswith("stale: it answers SEQUENCE 0, the latest sent is 1")
    assert (
        "group-1, Wednesday, 30 January 2019: 1 accepted, 0 tentative, 1 declined, "
        "518 without answer (of 520)"
    ) == printed[2]
    assert f"Event written: {out}" == printed[-1]
    assert 2 == len(load(out).answers)


def test_cli_replies_needs_a_mailbox_that_exists(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(dumps(ee.examples.kikao_kazi_2019()), encoding="utf-8")
    assert 2 == main(["replies", str(event), str(tmp_path / "nothing.mbox"), "-o", "x.json"])
