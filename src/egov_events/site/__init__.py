"""The published programme: a static site of the event, in Swahili and English.

:func:`build` writes plain HTML and CSS (no JavaScript is needed to read it)
with, per language, the programme day by day (a table per day: rooms as
columns, times as rows), a page per session with its schema.org JSON-LD, a
page per participant group, the iCalendar feeds, and the c3voc
``schedule.xml`` and ``schedule.json`` that conference apps read.

>>> import tempfile
>>> from pathlib import Path
>>> from egov_events import site
>>> from egov_events.examples import kikao_kazi_2019
>>> with tempfile.TemporaryDirectory() as folder:
...     index = site.build(kikao_kazi_2019(), folder)
...     print(index.relative_to(folder).as_posix())
...     print(sorted(p.name for p in (Path(folder) / "en").iterdir()))
sw/index.html
['groups', 'index.html', 'programme.ics', 'schedule.json', 'schedule.xml', 'sessions']

This module needs Jinja2: ``pip install 'egov-events[site]'``.
"""

from __future__ import annotations

from egov_events.site._build import build

__all__ = ["build"]
