"""jCal (RFC 7265): a calendar as JSON, and back to the same iCalendar bytes.

Both directions are icalendar's own (``Component.to_jcal`` and
``Component.from_jcal``). Going back, two of its choices would change the
bytes of the library's calendars, and both are corrected here by the rules
of the RFCs:

- jCal has no ``VALUE`` parameter: the value's type travels instead, and the
  way back writes ``VALUE=`` wherever the type is not the property's default
  as icalendar knows it. For non-standard ``X-`` properties (RFC 5545 section
  3.8.8.2) and RFC 7986 ``NAME`` the default is TEXT, which icalendar does not
  know, so it would add ``VALUE=TEXT``: that parameter is dropped again (and
  ``VALUE=DURATION`` from X-PUBLISHED-TTL, a duration by convention).
- RFC 7986 requires ``VALUE=DURATION`` on REFRESH-INTERVAL (section 5.7)
  and ``VALUE=URI`` on CONFERENCE (section 5.11), and the library writes
  ATTACH with ``VALUE=URI`` (the default, RFC 5545 section 3.8.1.1);
  icalendar drops them as defaults: they are restored.
"""

from __future__ import annotations

import json
from typing import Any

from icalendar import Calendar, Component
from icalendar.error import JCalParsingError

from egov_events.errors import Problem, ValidationError

__all__ = ["from_jcal", "jcal"]

_DEFAULT_TYPES = {"NAME": "TEXT", "X-PUBLISHED-TTL": "DURATION"}
"""Default value types that icalendar 7.3 does not know: RFC 7986 NAME, and
X-PUBLISHED-TTL, a DURATION written without VALUE by convention (Outlook's);
any other ``X-`` property is TEXT by default (RFC 5545 section 3.8.8.2)."""
_EXPLICIT_TYPES = {"REFRESH-INTERVAL": "DURATION", "CONFERENCE": "URI", "ATTACH": "URI"}
"""Value types written out although they are the default."""


def _fail(message: str, sw: str, path: tuple[int, ...] = ()) -> ValidationError:
    return ValidationError([Problem(path, message, sw=sw)])


def jcal(calendar: Component) -> list[Any]:
    """The calendar as jCal (RFC 7265): lists, dicts and strings for :func:`json.dumps`.

    Any calendar the library writes (:func:`egov_events.ical.calendar`,
    invitations, cancellations) goes to jCal and back (:func:`from_jcal`)
    to identical iCalendar bytes.

    >>> import json
    >>> from egov_events import ical
    >>> from egov_events.examples import kikao_kazi_2019
    >>> feed = ical.calendar(kikao_kazi_2019(), lang="en")
    >>> data = jcal(feed)
    >>> data[0], data[2][0][0], data[2][1][0]
    ('vcalendar', 'vtimezone', 'vevent')
    >>> from_jcal(json.dumps(data)).to_ical() == feed.to_ical()
    True
    """
    return calendar.to_jcal()


def _restore(component: Component) -> None:
    for name, value in component.property_items(recursive=False, sorted=False):
        params = getattr(value, "params", None)
        if params is None:
            continue
        default = _DEFAULT_TYPES.get(name, "TEXT" if name.startswith("X-") else None)
        if default is not None and params.get("VALUE") == default:
            del params["VALUE"]
        elif name in _EXPLICIT_TYPES and "VALUE" not in params:
            params["VALUE"] = _EXPLICIT_TYPES[name]
    for sub in component.subcomponents:
        _restore(sub)


def from_jcal(data: str | bytes | list[Any]) -> Calendar:
    r"""Read jCal (a JSON text or the parsed list) back into an :class:`icalendar.Calendar`.

    >>> from_jcal('["vcalendar", [["version", {}, "text", "2.0"]], []]').to_ical()
    b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'
    >>> from_jcal('["vevent", [], []]')
    Traceback (most recent call last):
    ...
    egov_events.errors.ValidationError: expected a 'vcalendar', got 'vevent' @ $[0]

    Raises:
        ValidationError: not JSON, not jCal, or not a calendar.

    """
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(f"not UTF-8: {exc.reason}", f"si UTF-8: {exc.reason}") from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise _fail(f"not JSON: {exc}", f"si JSON: {exc}") from None
    if not isinstance(data, list) or not data or not isinstance(data[0], str):
        raise _fail(
            "expected jCal: a list ['vcalendar', [properties], [components]] (RFC 7265 section 3)",
            "jCal ilitarajiwa: orodha ['vcalendar', [sifa], [vipengele]] (RFC 7265 kifungu 3)",
        )
    if data[0].lower() != "vcalendar":
        raise _fail(
            f"expected a 'vcalendar', got {data[0]!r}",
            f"'vcalendar' ilitarajiwa, imepatikana {data[0]!r}",
            (0,),
        )
    try:
        calendar = Calendar.from_jcal(data)
    except (
        JCalParsingError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        RecursionError,
    ) as exc:
        raise _fail(f"not valid jCal: {exc}", f"si jCal sahihi: {exc}") from None
    if not isinstance(calendar, Calendar):  # pragma: no cover (from_jcal on Calendar)
        raise _fail("not a calendar", "si kalenda")
    _restore(calendar)
    return calendar
