"""The two forms of invitations wherever invitations flow: calendars, cancellations, e-mail, CLI."""

from __future__ import annotations

from datetime import date, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import egov_events as ee
from egov_events import ical
from egov_events.cli import main
from egov_events.model import Event, SessionStatus

EAT = ZoneInfo("Africa/Dar_es_Salaam")


@pytest.fixture(scope="module")
def event() -> Event:
    return ee.examples.kikao_kazi_2019()


def _day_off(event: Event, day: str) -> Event:
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=SessionStatus.CANCELLED) if s.id.startswith(f"s-{day}") else s
            for s in event.sessions
        ),
    )


def test_per_day_invitations_are_single_events_one_per_day(event: Event) -> None:
    objects = ical.scheduling_objects(event, "p-0001", instances="per-day")
    assert [("group-1", date(2019, 1, 30)), ("group-1", date(2019, 1, 31))] == [
        (o.group.id, o.day) for o in objects[:2]
    ]
    for o in objects:
        vevents: list[Any] = o.calendar.events
        (vevent,) = vevents
        assert o.uid == str(vevent["UID"])
        assert o.sequence == vevent["SEQUENCE"] == o.group.sequence
        assert [] == [p for p in ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID") if p in vevent]
        assert [] == ical.lint(o.calendar.to_ical())
    second: Any = objects[1].calendar.events[0]
    assert (
        datetime(2019, 1, 31, 8, 30, tzinfo=EAT),
        datetime(2019, 1, 31, 16, 30, tzinfo=EAT),
    ) == (
        second["DTSTART"].dt,
        second["DTEND"].dt,
    )
    recurring = ical.scheduling_objects(event, "p-0001")
    assert [None, None] == [o.day for o in recurring]


def test_a_cancelled_day_in_each_form(event: Event) -> None:
    changed = _day_off(event, "2019-01-31")
    (recurring,) = ical.cancellations(changed, "p-0001")
    found: list[Any] = recurring.events
    (ev,) = found
    assert datetime(2019, 1, 31, 8, tzinfo=EAT) == ev["RECURRENCE-ID"].dt
    per_day = ical.cancellations(changed, "p-0001", instances="per-day")
    assert ["group-day+group-1+2019-01-31@kikao-kazi-2019.egov-events"] == [
        str(c.events[0]["UID"]) for c in per_day
    ]
    assert all("RECURRENCE-ID" not in c.events[0] for c in per_day)
    assert [date(2019, 1, 30), date(2019, 2, 2)] == [
        o.day for o in ical.scheduling_objects(changed, "p-0001", instances="per-day")
    ]
    called_off = attrs.evolve(event, status=ee.EventStatus.CANCELLED)
    assert 3 == len(ical.cancellations(called_off, "p-0001", instances="per-day"))


def test_the_first_day_cancelled_moves_the_rule_to_the_next_day(event: Event) -> None:
    changed = _day_off(event, "2019-01-30")
    masters: list[Any] = ical.invitations(changed, "p-0001")[0].events
    (master,) = masters
    assert datetime(2019, 1, 31, 8, 30, tzinfo=EAT) == master["DTSTART"].dt
    assert "RRULE" not in master  # one day left: nothing recurs
    (cancel,) = ical.cancellations(changed, "p-0001")
    cancelled: Any = cancel.events[0]
    # the instance the invitation sent before held: the rule from the first day
    assert datetime(2019, 1, 30, 8, tzinfo=EAT) == cancelled["RECURRENCE-ID"].dt


def test_an_unknown_form_is_refused_everywhere(event: Event) -> None:
    message = "instances must be 'recurring' or 'per-day', not 'rdate'"
    with pytest.raises(ValueError, match=message):
        ical.invitations(event, "p-0001", instances="rdate")
    with pytest.raises(ValueError, match=message):
        ical.cancellations(event, "p-0001", instances="rdate")
    with pytest.raises(ValueError, match=message):
        ical.invitation_emails(event, "p-0001", instances="rdate")


def test_per_day_e_mails_carry_one_day_each(event: Event) -> None:
    messages = ical.invitation_emails(event, "p-0001", lang="en", instances="per-day")
    assert 3 == len(messages)
    assert 3 == len({m["Message-ID"] for m in messages})
    assert "(Group 1, 31 January 2019)" in str(messages[1]["Subject"])
    text = messages[1].get_body(preferencelist=("plain",))
    assert text is not None
    body = text.get_content()
    assert "Thursday, 31 January 2019" in body
    assert "30 January" not in body
    calendar = messages[1].get_body(preferencelist=("calendar",))
    assert calendar is None or "REQUEST" == calendar.get_param("method")
    again = ical.invitation_emails(event, "p-0001", lang="en", instances="per-day")
    assert [m.as_bytes() for m in messages] == [m.as_bytes() for m in again]


def test_cli_invites_per_day_writes_one_message_per_day(
    event: Event, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    few = attrs.evolve(event, participants=event.participants[:4])
    source = tmp_path / "event.json"
    source.write_text(ee.dumps(few), encoding="utf-8")
    expected = sum(
        len(ical.scheduling_objects(few, p, instances="per-day")) for p in few.participants
    )
    out = tmp_path / "barua"
    assert 0 == main(["invites", str(source), "--out-dir", str(out), "--instances", "per-day"])
    names = sorted(p.name for p in out.iterdir())
    assert expected == len(names) > len(few.participants)
    assert ["p-0001.group-1.2019-01-30.eml", "p-0001.group-1.2019-01-31.eml"] == names[:2]
    message = message_from_bytes(
        (out / "p-0001.group-1.2019-01-31.eml").read_bytes(), policy=policy.default
    )
    assert "31 Januari 2019" in str(message["Subject"])
    assert f"{expected} " in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["invites", "--out-dir", str(out), "--instances", "rdate"])
    assert 2 == usage.value.code


def test_lint_finds_a_recurrence_resting_on_rdate_or_exdate_alone(event: Event) -> None:
    data = ical.invitations(event, "p-0001")[0].to_ical()
    assert [] == ical.lint(data)
    rdate = data.replace(
        b"RRULE:FREQ=DAILY;UNTIL=20190131T050000Z",
        b"RDATE;TZID=Africa/Dar_es_Salaam:20190131T080000",
    )
    exdate = data.replace(
        b"RRULE:FREQ=DAILY;UNTIL=20190131T050000Z",
        b"EXDATE;TZID=Africa/Dar_es_Salaam:20190131T080000",
    )
    advice = (
        "without RRULE: Outlook does not open such a recurrence and several clients do not "
        "expand it; use an RRULE (with EXDATE for the days left out) or one event per day"
    )
    assert [f"RDATE {advice} @ $.VCALENDAR.VEVENT[0].RDATE"] == ical.lint(rdate)
    assert [f"EXDATE {advice} @ $.VCALENDAR.VEVENT[0].EXDATE"] == ical.lint(exdate)
