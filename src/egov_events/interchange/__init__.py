"""The programme for conference apps, search engines and scripts.

- :func:`schedule_xml` and :func:`schedule_json`: the c3voc/frab schedule
  (``schedule.xml``, read by the phone apps EventFahrplan, Giggity and
  ConfClerk; ``schedule.json`` version 1), one file per language;
- :func:`read_schedule`: a frab, pretalx or c3voc schedule (JSON or XML)
  into an :class:`~egov_events.Event`;
- :func:`json_ld`: schema.org JSON-LD of the event or of one session, for
  search engines;
- :func:`jcal` and :func:`from_jcal`: any calendar as jCal (RFC 7265), the
  JSON form of iCalendar, and back to the same bytes.

Output is deterministic: GUIDs are UUID 5 of the ids the calendars already
use, so the same session has the same GUID in every file and every language.

>>> from egov_events import interchange
>>> from egov_events.examples import kikao_kazi_2019
>>> event = kikao_kazi_2019()
>>> again = interchange.read_schedule(interchange.schedule_xml(event, lang="en"))
>>> len(again.sessions), again.timezone.key
(38, 'Africa/Dar_es_Salaam')

Writing needs nothing beyond the standard library; :func:`jcal` and
:func:`from_jcal` use icalendar, as :mod:`egov_events.ical` does.
"""

from __future__ import annotations

from egov_events.interchange._jcal import from_jcal, jcal
from egov_events.interchange._jsonld import json_ld
from egov_events.interchange._read import read_schedule
from egov_events.interchange._schedule import schedule_json, schedule_xml

__all__ = ["from_jcal", "jcal", "json_ld", "read_schedule", "schedule_json", "schedule_xml"]
