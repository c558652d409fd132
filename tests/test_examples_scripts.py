"""The scripts in examples/ run as a developer would run them, each in its own process."""

from __future__ import annotations

import csv
import email
import email.policy
import subprocess
import sys
from pathlib import Path

import egov_events as ee
from egov_events import ical
from tests.smtp import Mailbox, free_port

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (this interpreter, a script of this repository)
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_build_event(tmp_path: Path) -> None:
    result = run("build_event.py", "--out", "event.json", cwd=tmp_path)
    assert (0, "") == (result.returncode, result.stderr)
    assert [
        "Warsha ya TEHAMA 2019 / ICT Workshop 2019",
        "30–31 Januari 2019",
        "2019-01-30 saa 3:00 asubuhi: Mjadala wa asubuhi",
        "2019-01-31 saa 3:00 asubuhi: Mjadala wa asubuhi",
        "wrote event.json",
    ] == result.stdout.splitlines()
    event = ee.load(tmp_path / "event.json")
    assert ("warsha-tehama-2019", 2, 1) == (event.id, len(event.sessions), len(event.participants))


def test_publish_feed(tmp_path: Path) -> None:
    result = run("publish_feed.py", "--out", "feed.ics", "--group", "group-2", cwd=tmp_path)
    assert (0, "") == (result.returncode, result.stderr)
    assert "wrote feed.ics: 12 sessions of kikao-kazi-2019\n" == result.stdout
    data = (tmp_path / "feed.ics").read_bytes()
    assert [] == ical.lint(data)
    assert b"ATTENDEE" not in data


def test_participants_csv(tmp_path: Path) -> None:
    result = run("participants_csv.py", "--out", "participants.csv", "--lang", "en", cwd=tmp_path)
    assert (0, "") == (result.returncode, result.stderr)
    with (tmp_path / "participants.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert 786 == len(rows)
    assert {
        "id": "p-0001",
        "name": "Rukia Chaula",
        "organization": "Ministry of Finance and Planning",
        "organization_kind": "ministry",
        "region": "Dar es Salaam",
        "roles": "ict_officer",
        "groups": "group-1 group-3",
        "status": "confirmed",
        "days_attended": "2019-01-30 2019-01-31",
    } == rows[0]
    assert "@" not in (tmp_path / "participants.csv").read_text(encoding="utf-8")


def test_send_invitations(tmp_path: Path, mailbox: tuple[Mailbox, int]) -> None:
    handler, port = mailbox
    args = ("--host", "127.0.0.1", "--port", str(port), "--limit", "2")
    result = run("send_invitations.py", *args, cwd=tmp_path)
    assert (0, "") == (result.returncode, result.stderr)
    event = ee.examples.kikao_kazi_2019()
    expected = sum(len(p.groups) for p in event.participants[:2])
    assert f"sent {expected} of {expected} messages to 127.0.0.1:{port}\n" == result.stdout
    assert expected == len(handler.received)
    message = email.message_from_bytes(handler.received[0], policy=email.policy.default)
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert ["REQUEST"] == [part.get_param("method") for part in calendars]


def test_send_invitations_reports_a_server_that_is_not_there(tmp_path: Path) -> None:
    port = free_port()
    result = run("send_invitations.py", "--port", str(port), "--limit", "1", cwd=tmp_path)
    assert 1 == result.returncode
    assert result.stdout.startswith(f"sent 0 of 2 messages to 127.0.0.1:{port}\nstopped: ")
