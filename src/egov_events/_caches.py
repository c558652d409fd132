"""One call that forgets every value the library keeps between calls.

Most of what the library remembers belongs to an object and goes with it:
an event keeps its lookups and the rules checked and compiled for it
(:meth:`~egov_events.Event.derived`), the JSON converter its parsed dates
and zones, a bulk export of invitations the parts shared by a group. A few
values that depend on nothing but their input are kept per process, each
bounded: normalized language tags, date parsers per language, the VTIMEZONE
of each zone, the bundled 2019 workshop. :func:`clear_caches` forgets all
of these (for tests, or after the system's zone database changed).
"""

from __future__ import annotations

import sys

__all__ = ["clear_caches"]


def clear_caches() -> None:
    """Forget every value kept between calls, in every module of the library loaded so far.

    Each module that keeps values defines its own ``clear_caches()``; this
    calls them all. Nothing is loaded to do so.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> ee.clear_caches()
    >>> ee.examples.kikao_kazi_2019() is event, ee.examples.kikao_kazi_2019() == event
    (False, True)
    """
    for name, module in sorted(sys.modules.items()):
        if name.startswith("egov_events.") and module is not sys.modules[__name__]:
            clear = getattr(module, "clear_caches", None)
            if callable(clear):
                clear()
