"""Reading and writing events from several threads at once, and the pause of the collector.

The library pauses Python's cyclic garbage collector during bulk reads and
writes (:mod:`egov_events._collector`). The collector is one per process,
so the pause is counted across threads: these tests check that every
result is right when 8 threads work at once, and that afterwards the
collector is in the state the application left it, enabled or disabled.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import egov_events as ee
from egov_events import ical, rules
from egov_events._collector import COLLECTOR, CollectorPause

THREADS = 8


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.parametrize("application_disabled", [False, True], ids=["enabled", "disabled"])
def test_eight_threads_read_and_write_events_at_once(application_disabled: bool) -> None:
    event = ee.examples.kikao_kazi_2019()
    indented, compact = ee.dumps(event), ee.dumps(event, compact=True)
    participants = [p.id for p in event.participants[::97]]
    expected_invitations = {
        pid: [m.as_bytes() for m in ical.invitation_emails(event, pid)] for pid in participants
    }
    members = [len(rules.members(event, g)) for g in event.groups]
    (gc.disable if application_disabled else gc.enable)()
    start = threading.Barrier(THREADS)

    def work(i: int) -> list[bool]:
        start.wait()
        checks = []
        for round_ in range(3):
            again = ee.loads(indented if (i + round_) % 2 else compact)
            checks.append(again == event)
            checks.append(ee.dumps(again) == indented)
            checks.append(ee.dumps(again, compact=True) == compact)
            pid = participants[(i + round_) % len(participants)]
            written = [m.as_bytes() for m in ical.invitation_emails(again, pid)]
            checks.append(written == expected_invitations[pid])
            checks.append(members == [len(rules.members(again, g)) for g in again.groups])
        return checks

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    assert [[True] * 15] * THREADS == results
    assert (not application_disabled) == gc.isenabled()
    assert 0 == COLLECTOR.inside


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_stays_paused_until_the_last_thread_leaves() -> None:
    gc.enable()
    pause = CollectorPause()
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with pause:
            inside.set()
            leave.wait(timeout=30)

    other = threading.Thread(target=hold)
    with pause:
        other.start()
        inside.wait(timeout=30)
        assert 2 == pause.inside
    assert not gc.isenabled()  # the other thread is still inside
    leave.set()
    other.join(timeout=30)
    assert gc.isenabled()
    assert 0 == pause.inside


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_the_application_disabled_stays_disabled() -> None:
    gc.disable()
    pause = CollectorPause()
    with pause, pause:
        assert not gc.isenabled()
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_the_application_enables_during_a_pause_stays_enabled() -> None:
    gc.disable()
    pause = CollectorPause()
    with pause:
        gc.enable()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_the_pause_ends_when_the_block_raises() -> None:
    gc.enable()
    pause = CollectorPause()
    with pytest.raises(ee.ValidationError), pause:
        ee.loads("{}")
    assert gc.isenabled()
    assert 0 == pause.inside
