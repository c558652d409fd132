"""A real CalDAV server accepts the feed and finds its sessions by time (RFC 4791).

The test starts Radicale on 127.0.0.1, on a free port, with a temporary
folder and no configuration files, and stops it at the end; nothing leaves
the machine. Each session is PUT as its own resource (one UID per resource,
RFC 4791 section 4.1, without METHOD), then ``calendar-query`` REPORTs with
time ranges in UTC must find exactly the sessions of each window: proof
that the server read the TZID and its VTIMEZONE.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

import egov_events as ee
from egov_events import ical
from egov_events.model import Event

AUTH = "Basic " + base64.b64encode(b"egov:x").decode()
COLLECTION = "/egov/kikao-kazi-2019/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """A Radicale process and plain HTTP requests to it."""

    def __init__(self, port: int) -> None:
        self.port = port

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(
                method, path, body=body, headers={"Authorization": AUTH, **(headers or {})}
            )
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder: Path = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    env = {**os.environ, "RADICALE_CONFIG": ""}
    proc = subprocess.Popen(  # noqa: S603 (a fixed command line)
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
            "--rights-type",
            "owner_only",
            "--storage-filesystem-folder",
            str(folder),
            "--logging-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(port)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                server.request("GET", "/")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    _, err = proc.communicate(timeout=5)
                    pytest.fail(f"Radicale did not start: {err.decode(errors='replace')}")
                time.sleep(0.05)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def _resources(event: Event) -> dict[str, bytes]:
    """The feed split into one calendar per UID, without METHOD (RFC 4791 section 4.1)."""
    feed = ical.calendar(event)
    out = {}
    for vevent in feed.walk("VEVENT"):
        cal = icalendar.Calendar()
        for name in ("PRODID", "VERSION", "CALSCALE"):
            cal[name] = feed[name]
        for tz in feed.walk("VTIMEZONE"):
            cal.add_component(tz)
        cal.add_component(vevent)
        out[str(vevent["UID"])] = cal.to_ical()
    return out


def _query(server: Server, start: datetime, end: datetime) -> set[str]:
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start:%Y%m%dT%H%M%SZ}" end="{end:%Y%m%dT%H%M%SZ}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
    status, answer = server.request(
        "REPORT",
        COLLECTION,
        body,
        {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
    )
    assert 207 == status
    unfolded = answer.decode().replace("\r\n ", "").replace("\n ", "")
    return set(re.findall(r"UID:([^\r\n<]+)", unfolded))


def test_radicale_stores_every_session_and_finds_them_by_utc_time(server: Server) -> None:
    event = ee.examples.kikao_kazi_2019()
    assert 201 == server.request("MKCALENDAR", COLLECTION)[0]
    resources = _resources(event)
    assert 38 == len(resources)
    for uid, data in resources.items():
        status, _ = server.request(
            "PUT",
            f"{COLLECTION}{uid.split('@')[0]}.ics",
            data,
            {"Content-Type": "text/calendar; charset=utf-8"},
        )
        assert (uid, 201) == (uid, status)
    status, stored = server.request("GET", f"{COLLECTION}s-2019-01-30-opening.ics")
    assert 200 == status
    opening: Any = icalendar.Calendar.from_ical(stored).walk("VEVENT")[0]
    assert event.session("s-2019-01-30-opening").start == opening["DTSTART"].dt

    windows = [
        # 09:00-10:00 in Dodoma is 06:00-07:00 UTC: the opening, nothing else.
        (datetime(2019, 1, 30, 6, tzinfo=UTC), datetime(2019, 1, 30, 7, tzinfo=UTC)),
        # 14:00-16:00 on day 1: the four breakouts.
        (datetime(2019, 1, 30, 11, 30, tzinfo=UTC), datetime(2019, 1, 30, 12, tzinfo=UTC)),
        # 08:00-09:30 UTC (11:00-12:30 in Dodoma) on 1 February.
        (datetime(2019, 2, 1, 8, tzinfo=UTC), datetime(2019, 2, 1, 9, 30, tzinfo=UTC)),
        # 15:00-16:00 UTC is after every session of every day.
        (datetime(2019, 1, 31, 15, tzinfo=UTC), datetime(2019, 1, 31, 16, tzinfo=UTC)),
    ]
    for start, end in windows:
        expected = {
            f"{s.id}@kikao-kazi-2019.egov-events"
            for s in event.sessions
            if s.start < end and s.end > start
        }
        assert (start, expected) == (start, _query(server, start, end))
    assert {"s-2019-01-30-opening@kikao-kazi-2019.egov-events"} == _query(server, *windows[0])
    assert set() == _query(server, *windows[3])
