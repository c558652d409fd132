"""Invitation e-mail (iMIP): structure, determinism, and a real SMTP server on loopback."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import attrs
import pytest

import egov_events as ee
from egov_events import ical
from egov_events.ical import SendReport, invitation_emails, send_emails
from tests.cli_runs import run
from tests.smtp import Mailbox, free_port


@pytest.fixture(scope="module")
def event() -> ee.Event:
    return ee.examples.kikao_kazi_2019()


def calendar_part(message: EmailMessage) -> EmailMessage:
    parts = list(message.iter_parts())
    return parts[-1]  # type: ignore[return-value]


# -- structure ------------------------------------------------------------------------------


def test_one_message_per_group_with_the_calendar_last(event: ee.Event) -> None:
    messages = invitation_emails(event, "p-0001")
    assert 2 == len(messages)
    for message in messages:
        assert "multipart/alternative" == message.get_content_type()
        assert ["text/plain", "text/html", "text/calendar"] == [
            p.get_content_type() for p in message.iter_parts()
        ]
        part = calendar_part(message)
        assert "REQUEST" == part.get_param("method")
        assert "utf-8" == part.get_content_charset()
        assert part.get_content_disposition() is None  # inline, not an attachment
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        assert b"METHOD:REQUEST\r\n" in data
        assert [] == ical.lint(data)


def test_the_calendars_are_the_invitations(event: ee.Event) -> None:
    messages = invitation_emails(event, "p-0001")
    calendars = ical.invitations(event, "p-0001")
    assert [c.to_ical() for c in calendars] == [
        calendar_part(m).get_payload(decode=True) for m in messages
    ]


def test_text_in_swahili_by_default_and_english_on_request(event: ee.Event) -> None:
    person = event.person(event.participant("p-0521").person)
    sw = invitation_emails(event, "p-0521")[0]
    assert "Mwaliko: Kikao Kazi cha 2 cha Serikali Mtandao 2019 (Kundi la Pili)" == sw["Subject"]
    text = sw.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith(f"Ndugu {person.display_name},\n")
    # the hours also as a Swahili reader counts them
    assert "  Ijumaa, 1 Februari 2019, 08:00–17:00 (saa 2:00 asubuhi hadi saa 11:00 jioni)" in text
    en = invitation_emails(event, "p-0521", lang="en")[0]
    assert "Invitation: 2nd e-Government Workshop 2019 (Group 2)" == en["Subject"]
    english = en.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert english.startswith(f"Dear {person.display_name},\n")
    assert "  Friday, 1 February 2019, " in english
    html = en.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<html lang="en">' in html


def test_addresses_from_the_organizer_to_the_participant(event: ee.Event) -> None:
    message = invitation_emails(event, "p-0001", lang="en")[0]
    person = event.person(event.participant("p-0001").person)
    organizer = event.organization(event.organizer)
    assert f"e-Government Agency <{organizer.email}>" == message["From"]
    assert f"{person.display_name} <{person.email}>" == message["To"]
    other = invitation_emails(event, "p-0001", sender="mialiko@example.go.tz")[0]
    assert "Wakala ya Serikali Mtandao <mialiko@example.go.tz>" == other["From"]


def test_same_event_same_bytes(event: ee.Event) -> None:
    first = [m.as_bytes() for m in invitation_emails(event, "p-0700")]
    again = [m.as_bytes() for m in invitation_emails(event, "p-0700")]
    assert first == again
    assert 1 == len(first)


def test_a_participant_without_an_address_gets_a_clear_error(event: ee.Event) -> None:
    pid = event.participant("p-0001").person
    people = tuple(attrs.evolve(p, email=None) if p.id == pid else p for p in event.people)
    changed = attrs.evolve(event, people=people)
    with pytest.raises(
        ValueError, match=r"^participant 'p-0001' \(person '[^']+'\) has no e-mail address"
    ):
        invitation_emails(changed, "p-0001")


def test_no_sender_gets_a_clear_error(event: ee.Event) -> None:
    organizations = tuple(
        attrs.evolve(o, email=None) if o.id == event.organizer else o for o in event.organizations
    )
    changed = attrs.evolve(event, organizations=organizations)
    with pytest.raises(ValueError, match="organizer 'ega' has no e-mail address"):
        invitation_emails(changed, "p-0001")


# -- a real SMTP server on loopback ---------------------------------------------------------


def test_messages_arrive_and_their_calendars_lint_clean(
    event: ee.Event, mailbox: tuple[Mailbox, int]
) -> None:
    handler, port = mailbox
    messages = [m for pid in ("p-0001", "p-0521", "p-0700") for m in invitation_emails(event, pid)]
    seen: list[tuple[int, int]] = []
    report = send_emails(
        messages, host="127.0.0.1", port=port, progress=lambda n, total: seen.append((n, total))
    )
    assert SendReport(sent=tuple(str(m["Message-ID"]) for m in messages), not_sent=()) == report
    assert report.complete
    assert [(n, 5) for n in range(1, 6)] == seen
    assert 5 == len(handler.received)
    for raw, sent in zip(handler.received, messages, strict=True):
        got = email.message_from_bytes(raw, policy=email.policy.SMTP)
        assert sent["Message-ID"] == got["Message-ID"]
        part = list(got.iter_parts())[-1]
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        assert [] == ical.lint(data)
        assert "REQUEST" == part.get_param("method")


def test_sending_stops_cleanly_at_the_first_refused_message(
    event: ee.Event, mailbox: tuple[Mailbox, int]
) -> None:
    handler, port = mailbox
    pids = ("p-0700", "p-0701", "p-0702", "p-0703")
    messages = [m for pid in pids for m in invitation_emails(event, pid)]
    refused = event.person(event.participant("p-0702").person).email
    assert refused is not None
    handler.refuse.add(refused)
    report = send_emails(messages, host="127.0.0.1", port=port)
    ids = [str(m["Message-ID"]) for m in messages]
    assert (
        SendReport(
            sent=tuple(ids[:2]),
            not_sent=tuple(ids[2:]),
            refusal=f"{refused}: 550 5.1.1 mailbox unavailable",
        )
        == report
    )
    assert 2 == len(handler.received)


def test_a_server_that_is_not_there_is_reported_not_raised(event: ee.Event) -> None:
    messages = invitation_emails(event, "p-0700")
    port = free_port()
    report = send_emails(messages, host="127.0.0.1", port=port, timeout=5)
    assert () == report.sent
    assert (str(messages[0]["Message-ID"]),) == report.not_sent
    assert report.refusal is not None
    assert report.refusal.startswith(f"connection to 127.0.0.1:{port} failed: ")


# -- the command line -----------------------------------------------------------------------


def expected_count(event: ee.Event) -> int:
    """One message per group with sessions, for every participant."""
    return sum(len(ical.invitations(event, p)) for p in event.participants)


@pytest.fixture
def small(event: ee.Event, tmp_path: Path) -> Path:
    """The bundled event with its first six participants only, as a file."""
    path = tmp_path / "kikao-ndogo.json"
    ee.dump(attrs.evolve(event, participants=event.participants[:6]), path)
    return path


def test_invites_writes_and_sends_every_message_with_progress(
    event: ee.Event,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mailbox: tuple[Mailbox, int],
) -> None:
    handler, port = mailbox
    out_dir = tmp_path / "barua"
    status, out, err = run(
        capsys, "invites", "--out-dir", str(out_dir), "--smtp", f"127.0.0.1:{port}", "--lang", "en"
    )
    assert 0 == status
    # group 1 and group 2 members are also in group 3: 520 * 2 + 170 * 2 + 96
    assert 1476 == expected_count(event)
    assert (
        f"1476 invitation messages written to {out_dir}\n"
        f"All 1476 messages sent through 127.0.0.1:{port}.\n"
    ) == out
    progress = err.splitlines()
    assert "sent 73/1476" == progress[0]
    assert "sent 1476/1476" == progress[-1]
    assert 21 == len(progress)
    files = sorted(out_dir.iterdir())
    assert 1476 == len(files)
    assert ["p-0001.group-1.eml", "p-0001.group-3.eml"] == [f.name for f in files[:2]]
    assert files[0].read_bytes() == invitation_emails(event, "p-0001", lang="en")[0].as_bytes()
    assert 1476 == len(handler.received)
    last = email.message_from_bytes(handler.received[-1], policy=email.policy.SMTP)
    assert "Invitation: 2nd e-Government Workshop 2019 (Group 3)" == last["Subject"]
    data = list(last.iter_parts())[-1].get_payload(decode=True)
    assert isinstance(data, bytes)
    assert [] == ical.lint(data)


def test_invites_without_smtp_only_writes(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "barua"
    status, out, err = run(capsys, "invites", str(small), "--out-dir", str(out_dir))
    assert (0, "") == (status, err)
    assert f"Barua za mwaliko 12 zimeandikwa katika {out_dir}\n" == out
    assert 12 == len(list(out_dir.iterdir()))


def test_invites_stops_at_the_first_refusal_and_lists_what_was_not_sent(
    event: ee.Event,
    small: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mailbox: tuple[Mailbox, int],
) -> None:
    handler, port = mailbox
    refused = event.person(event.participant("p-0003").person).email
    assert refused is not None
    handler.refuse.add(refused)
    out_dir = tmp_path / "barua"
    status, _, err = run(
        capsys,
        "invites",
        str(small),
        "--out-dir",
        str(out_dir),
        "--smtp",
        f"127.0.0.1:{port}",
        "--lang",
        "en",
    )
    assert 1 == status
    assert 4 == len(handler.received)  # p-0001 and p-0002, two groups each
    listing = out_dir / "not-sent.txt"
    assert (
        f"Sending stopped: 4 of 12 sent; refused: {refused}: 550 5.1.1 mailbox unavailable; "
        f"8 not sent (listed in {listing})"
    ) == err.splitlines()[-1]
    assert [
        "p-0003.group-1.eml",
        "p-0003.group-3.eml",
        "p-0004.group-1.eml",
        "p-0004.group-3.eml",
        "p-0005.group-1.eml",
        "p-0005.group-3.eml",
        "p-0006.group-1.eml",
        "p-0006.group-3.eml",
    ] == listing.read_text(encoding="utf-8").splitlines()


def test_invites_needs_a_valid_smtp_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "invites", "--out-dir", str(tmp_path), "--smtp", "localhost")
    assert 2 == status
    assert "invalid --smtp 'localhost': expected HOST:PORT, e.g. 127.0.0.1:1025" in err
    assert [] == list(tmp_path.iterdir())


def test_invites_writes_nothing_when_an_address_is_missing(
    event: ee.Event, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = event.participant("p-0006").person
    people = tuple(attrs.evolve(p, email=None) if p.id == pid else p for p in event.people)
    source = tmp_path / "tukio.json"
    ee.dump(attrs.evolve(event, people=people, participants=event.participants[:6]), source)
    out_dir = tmp_path / "barua"
    status, out, err = run(capsys, "invites", str(source), "--out-dir", str(out_dir))
    assert (2, "") == (status, out)
    assert err.startswith("egov-events: participant 'p-0006' (person ")
    assert err.endswith(
        ") has no e-mail address: an invitation needs one for ATTENDEE (RFC 5546 section 3.2.2)\n"
    )
    assert not out_dir.exists()
