"""One pause of Python's cyclic garbage collector, shared by every thread doing bulk work.

Reading or writing a large event builds a tree of some hundred thousand
objects (or walks one) without a single reference cycle, yet every 700
allocations the collector walks the young objects, and every few of those
walks the older ones too: for a large event that was about half the time of
a read (``bench/bench_json.py``). So :func:`egov_events.loads`,
:func:`egov_events.dumps` and the bulk iCalendar writer run inside
:data:`COLLECTOR`, which pauses the collector; reference counting still frees
everything that is dropped.

The collector is one per process, so the pause is counted: the first thread
to enter disables it, the last one to leave enables it again, and only if it
was enabled when the first one entered. A collector the application disabled
(``gc.disable()``) stays disabled; one the application enables again while a
pause is on is left enabled.

>>> import gc
>>> with COLLECTOR:
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

__all__ = ["COLLECTOR", "CollectorPause"]


class CollectorPause:
    """A reference-counted pause of the cyclic garbage collector (a context manager)."""

    def __init__(self) -> None:
        """Start with nobody inside."""
        self._lock = threading.Lock()
        self._inside = 0
        self._resume = False

    @property
    def inside(self) -> int:
        """How many blocks (in all threads) are inside the pause now."""
        return self._inside

    def __enter__(self) -> None:
        with self._lock:
            if self._inside == 0:
                self._resume = gc.isenabled()
                if self._resume:
                    gc.disable()
            self._inside += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._lock:
            self._inside -= 1
            if self._inside == 0 and self._resume:
                self._resume = False
                gc.enable()


COLLECTOR = CollectorPause()
"""The pause every bulk read and write of the library enters (the collector is one per process)."""
