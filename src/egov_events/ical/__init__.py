"""iCalendar for every calendar client: feeds, invitations, cancellations, linting, reading.

- :func:`calendar`: the programme as a feed (METHOD:PUBLISH), for the whole
  event, one group or one participant, in Swahili or English; :func:`feeds`
  the event's and every group's feed at once, as bytes; :class:`FeedExport`
  any of these feeds as bytes, quicker, each VEVENT written once per export;
- :func:`invitations` and :func:`cancellations`: iTIP scheduling objects
  (METHOD:REQUEST, METHOD:CANCEL), one per group of a participant (or, with
  ``instances="per-day"``, one per day of each group); :func:`scheduling_objects`
  gives each with its group, UID, SEQUENCE and day; :class:`ItipExport` the
  updates and cancellations of a revision as bytes, each group's calendar
  written once;
- :func:`lint`: the checks that parsers do not make;
- :func:`read`: a calendar back into an :class:`~egov_events.Event`.

Output is deterministic: the same event gives the same bytes, with UIDs that
never change (``<session-id>@<event-id>.egov-events``) and DTSTAMP from the
event's ``updated``, never the clock.

>>> from egov_events import ical
>>> from egov_events.examples import kikao_kazi_2019
>>> data = ical.calendar(kikao_kazi_2019()).to_ical()
>>> ical.lint(data)
[]
>>> len(ical.read(data).sessions)
38

This module imports icalendar; ``import egov_events`` does not.
"""

from __future__ import annotations

from egov_events.ical._bulk import FeedExport, ItipExport, feeds
from egov_events.ical._email import (
    SendReport,
    change_email,
    emails_by_group,
    emails_by_object,
    invitation_emails,
    send_emails,
)
from egov_events.ical._feed import calendar
from egov_events.ical._itip import (
    SchedulingObject,
    cancel_object,
    cancellations,
    invitations,
    scheduling_objects,
)
from egov_events.ical._lint import lint
from egov_events.ical._read import read

__all__ = [
    "FeedExport",
    "ItipExport",
    "SchedulingObject",
    "SendReport",
    "calendar",
    "cancel_object",
    "cancellations",
    "change_email",
    "emails_by_group",
    "emails_by_object",
    "feeds",
    "invitation_emails",
    "invitations",
    "lint",
    "read",
    "scheduling_objects",
    "send_emails",
]
