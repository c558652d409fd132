"""Every invitation shows each of its group's days, at that day's hours, in real clients.

Three readers expand each invitation as a calendar shows it: recurring-ical-events
(Python), Mozilla's ical.js (Thunderbird's parser, run with node from
``tests/js``, installed there by :func:`_node_modules`) and calcurse (a
Debian package, ``.ci/debian-packages``). A reader that is not installed
skips its tests, never fails them.

The scenarios: the bundled workshop, a day cancelled (the first and the
last of group 1), a single session cancelled, a group whose days all share
their hours, and a group with a day left out between its days. Both forms
are checked: ``instances="recurring"`` (RRULE, EXDATE, RECURRENCE-ID
overrides) and ``instances="per-day"`` (one object per day). calcurse
ignores RECURRENCE-ID overrides, so for it the recurring form is exact only
where a group's days share their hours, and the tests say so: that is the
evidence ``docs/explanation/itip.md`` gives for offering ``per-day``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
import recurring_ical_events

import egov_events as ee
from egov_events import ical
from egov_events.ical._itip import group_days
from egov_events.model import Event, SessionStatus

EAT = ZoneInfo("Africa/Dar_es_Salaam")
JS = Path(__file__).parent / "js"
SAMPLE = ("p-0001", "p-0521", "p-0786")
"""Groups 1 and 3, groups 2 and 3, group 3 only: every group of the workshop."""

Instance = tuple[str, datetime, datetime]
"""UID, start and end (UTC) of one instance a reader shows."""


def _cancel(event: Event, prefix: str) -> Event:
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=SessionStatus.CANCELLED) if s.id.startswith(prefix) else s
            for s in event.sessions
        ),
    )


def _same_hours(event: Event) -> Event:
    """Group 1 meets 08:00-17:00 on both its days (its second day is 08:30-16:30)."""
    day = date(2019, 1, 31)
    on_day = [s for s in event.sessions_for_group("group-1") if event.day_of(s.start) == day]
    first = min(on_day, key=lambda s: s.start)
    last = max(on_day, key=lambda s: s.end)
    changes: dict[str, dict[str, Any]] = {first.id: {}, last.id: {}}
    changes[first.id]["start"] = datetime(2019, 1, 31, 8, tzinfo=EAT)
    changes[last.id]["end"] = datetime(2019, 1, 31, 17, tzinfo=EAT)
    return attrs.evolve(
        event,
        sessions=tuple(attrs.evolve(s, **changes.get(s.id, {})) for s in event.sessions),
    )


def _day_left_out(event: Event) -> Event:
    """Group 1 meets on 30 January and 1 February, not on the day between."""
    feb1 = date(2019, 2, 1)
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, groups=s.groups | {"group-1"})
            if event.day_of(s.start) == feb1 and s.groups
            else s
            for s in event.sessions
        ),
        groups=tuple(
            attrs.evolve(g, days=(date(2019, 1, 30), feb1)) if g.id == "group-1" else g
            for g in event.groups
        ),
    )


def _scenarios() -> dict[str, Event]:
    event = ee.examples.kikao_kazi_2019()
    return {
        "workshop": event,
        "last-day-cancelled": _cancel(event, "s-2019-01-31"),
        "first-day-cancelled": _cancel(event, "s-2019-01-30"),
        "one-session-cancelled": _cancel(event, "s-2019-01-30-opening"),
        "same-hours": _same_hours(event),
        "day-left-out": _day_left_out(event),
    }


SCENARIOS = _scenarios()
FORMS = ("recurring", "per-day")


@attrs.frozen
class Case:
    """One participant's invitations to one group in one scenario and form."""

    name: str
    scenario: str
    form: str
    group: str
    calendars: tuple[bytes, ...]
    expected: tuple[Instance, ...]
    same_hours: bool
    """Whether the group's remaining days all share their hours."""


def _cases() -> Iterator[Case]:
    for scenario, event in SCENARIOS.items():
        for form in FORMS:
            for pid in SAMPLE:
                objects = ical.scheduling_objects(event, pid, instances=form)
                for group in [g for g in event.groups if g.id in event.participant(pid).groups]:
                    days = [d for d in group_days(event, group) if not d.cancelled]
                    uids = {
                        d.day: (
                            f"group+{group.id}@{event.id}.egov-events"
                            if form == "recurring"
                            else f"group-day+{group.id}+{d.day}@{event.id}.egov-events"
                        )
                        for d in days
                    }
                    hours = {(d.start.timetz(), d.end.timetz()) for d in days}
                    yield Case(
                        name=f"{scenario}-{form}-{pid}-{group.id}",
                        scenario=scenario,
                        form=form,
                        group=group.id,
                        calendars=tuple(
                            o.calendar.to_ical() for o in objects if o.group.id == group.id
                        ),
                        expected=tuple(
                            (uids[d.day], d.start.astimezone(UTC), d.end.astimezone(UTC))
                            for d in days
                        ),
                        same_hours=len(hours) == 1,
                    )


CASES = list(_cases())
IDS = [c.name for c in CASES]


def test_the_cases_cover_every_form_and_both_kinds_of_hours() -> None:
    assert len(CASES) == len(SCENARIOS) * len(FORMS) * 5  # p-0001 and p-0521 in two groups
    assert {True, False} == {c.same_hours for c in CASES if c.group == "group-1"}
    per_day = [c for c in CASES if c.form == "per-day"]
    assert all(len(c.calendars) == len(c.expected) for c in per_day)
    assert all(len(c.calendars) == 1 for c in CASES if c.form == "recurring")


def _by_recurring_ical_events(data: bytes) -> list[Instance]:
    return [
        (str(e["UID"]), e["DTSTART"].dt.astimezone(UTC), e["DTEND"].dt.astimezone(UTC))
        for e in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(
            date(2019, 1, 1), date(2019, 3, 1)
        )
    ]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_recurring_ical_events_shows_every_day_at_its_hours(case: Case) -> None:
    found = [i for data in case.calendars for i in _by_recurring_ical_events(data)]
    assert list(case.expected) == sorted(found, key=lambda i: i[1])


# -- Mozilla's ical.js (node) ---------------------------------------------------------


def _node_modules() -> Path | None:
    """``tests/js/node_modules`` with ical.js, installed with npm when missing.

    ``None`` when node or npm is not on this machine.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return None
    folder = JS / "node_modules"
    if not (folder / "ical.js" / "package.json").exists():
        subprocess.run(  # noqa: S603 (a fixed command line)
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(JS)],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return folder


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Instance]]:
    """What ical.js shows for every calendar of every case, by ``case/n``."""
    if _node_modules() is None:
        pytest.skip("node and npm are not installed")
    folder = tmp_path_factory.mktemp("icaljs")
    files = {}
    for case in CASES:
        for n, data in enumerate(case.calendars):
            path = folder / f"{case.name}-{n}.ics"
            path.write_bytes(data)
            files[str(path)] = f"{case.name}/{n}"
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(  # noqa: S603 (a fixed command line)
        [node, str(JS / "expand.mjs"), *files],
        check=True,
        capture_output=True,
        timeout=120,
    )
    out: dict[str, list[Instance]] = {}
    for path, rows in json.loads(done.stdout).items():
        assert {"Africa/Dar_es_Salaam"} == {tzid for *_, tzid in rows}, path
        out[files[path]] = [
            (uid, datetime.fromisoformat(start), datetime.fromisoformat(end))
            for uid, start, end, _ in rows
        ]
    return out


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_icaljs_shows_every_day_at_its_hours(case: Case, icaljs: dict[str, list[Instance]]) -> None:
    found = [i for n in range(len(case.calendars)) for i in icaljs[f"{case.name}/{n}"]]
    assert list(case.expected) == sorted(found, key=lambda i: i[1])


# -- calcurse ------------------------------------------------------------------------------


def _calcurse(data: bytes, folder: Path) -> list[tuple[datetime, datetime]]:
    """Import *data* into a new calcurse folder; the instances it lists, in UTC."""
    binary = shutil.which("calcurse")
    assert binary is not None
    folder.mkdir()
    (folder / "invitation.ics").write_bytes(data)
    env = {**os.environ, "TZ": "UTC", "HOME": str(folder)}
    base = [binary, "-D", str(folder), "-C", str(folder)]
    imported = subprocess.run(  # noqa: S603 (a fixed command line)
        [*base, "-i", str(folder / "invitation.ics")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "0 skipped" in imported.stdout, imported.stdout
    shape = "@ %(start:%Y-%m-%dT%H:%M) %(end:%Y-%m-%dT%H:%M)\\n"
    listed = subprocess.run(  # noqa: S603 (a fixed command line)
        [
            *base,
            "-Q",
            "--input-datefmt",
            "4",
            "--filter-type",
            "cal",
            "--from",
            "2019-01-01",
            "--days",
            "60",
            "--format-apt",
            shape,
            "--format-recur-apt",
            shape,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    out = []
    for line in listed.stdout.splitlines():
        if line.startswith("@ "):
            start, end = line[2:].split()
            out.append(
                (
                    datetime.fromisoformat(start).replace(tzinfo=UTC),
                    datetime.fromisoformat(end).replace(tzinfo=UTC),
                )
            )
    return out


needs_calcurse = pytest.mark.skipif(
    shutil.which("calcurse") is None, reason="calcurse is not installed (apt-get install calcurse)"
)


def _expected_times(case: Case) -> list[tuple[datetime, datetime]]:
    return [(start, end) for _, start, end in case.expected]


@needs_calcurse
@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.form == "per-day" or c.same_hours],
    ids=[c.name for c in CASES if c.form == "per-day" or c.same_hours],
)
def test_calcurse_shows_every_day_at_its_hours(case: Case, tmp_path: Path) -> None:
    found = [i for n, data in enumerate(case.calendars) for i in _calcurse(data, tmp_path / str(n))]
    assert _expected_times(case) == sorted(found)


@needs_calcurse
@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.form == "recurring" and not c.same_hours],
    ids=[c.name for c in CASES if c.form == "recurring" and not c.same_hours],
)
def test_calcurse_ignores_overrides_so_other_hours_need_the_per_day_form(
    case: Case, tmp_path: Path
) -> None:
    """calcurse shows a day with other hours twice: at the rule's hours and at its own."""
    (data,) = case.calendars
    master: Any = next(
        e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "RECURRENCE-ID" not in e
    )
    start, end = master["DTSTART"].dt, master["DTEND"].dt
    ruled = [
        (datetime.combine(a.astimezone(EAT).date(), start.timetz()).astimezone(UTC), None)
        for a, _ in _expected_times(case)
    ]
    doubled = [
        (a, a + (end - start))
        for (a, _), (b, c) in zip(ruled, _expected_times(case), strict=True)
        if (a, a + (end - start)) != (b, c)
    ]
    assert doubled  # the group has a day with other hours
    assert sorted(_expected_times(case) + doubled) == sorted(_calcurse(data, tmp_path / "0"))
