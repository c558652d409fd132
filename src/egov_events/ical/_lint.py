"""The checks that calendar parsers do not make, and clients fail on.

Messages end like :class:`~egov_events.ValidationError` messages do, with
where the problem is:

- ``@ line N`` for the bytes: encoding, line ends, line length (the first
  offending line, with how many more lines break the same rule);
- ``@ $.VCALENDAR.VEVENT[3].DTSTART`` for the content: the component
  path, each kind of component counted from 0 within its parent, then the
  property name (``$.VCALENDAR['X-WR-CALNAME']`` for names that are not
  identifiers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Component

from egov_events.errors import PathPart, format_path
from egov_events.ical._common import parse

__all__ = ["lint"]

MAX_OCTETS = 75
"""RFC 5545 section 3.1: lines longer than 75 octets SHOULD be folded."""

_METHODS = frozenset(
    {"PUBLISH", "REQUEST", "REPLY", "ADD", "CANCEL", "REFRESH", "COUNTER", "DECLINECOUNTER"}
)
_DATE_PROPS = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "RDATE", "EXDATE")
_SCHEDULED = ("VEVENT", "VTODO", "VJOURNAL")
_ESCAPED_TEXT = frozenset(
    {
        "NAME",
        "X-WR-CALNAME",
        "X-WR-CALDESC",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "COMMENT",
        "CONTACT",
    }
)
_BARE_MAILTO = re.compile(r"^mailto:[^\s<>\"@]+@[^\s<>\"@]+$", re.IGNORECASE)
# In an escaped TEXT value: a backslash escape, or a character that must be escaped.
_TEXT_TOKEN = re.compile(r"\\.|[,;\\]", re.DOTALL)
_GOOD_ESCAPES = frozenset({"\\\\", "\\;", "\\,", "\\n", "\\N"})


class _Found:
    """Collects messages; per-line byte problems are counted, not repeated."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.lines: dict[str, list[int]] = {}

    def at(self, path: tuple[PathPart, ...], message: str) -> None:
        self.messages.append(f"{message} @ {format_path(path)}")

    def line(self, lineno: int, message: str) -> None:
        self.lines.setdefault(message, []).append(lineno)

    def result(self) -> list[str]:
        out = []
        for message, numbers in self.lines.items():
            more = len(numbers) - 1
            suffix = f" (and {more} more line{'s' if more > 1 else ''})" if more else ""
            out.append(f"{message}{suffix} @ line {numbers[0]}")
        return out + self.messages


def _check_bytes(data: bytes, found: _Found) -> str:
    """Encoding and line checks (RFC 5545 section 3.1); returns the text."""
    if data.startswith(b"\xef\xbb\xbf"):
        found.line(1, "starts with a byte order mark (U+FEFF), which many clients refuse")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lineno = data.count(b"\n", 0, exc.start) + 1
        found.line(lineno, f"not UTF-8: {exc.reason} at byte {exc.start} (RFC 5545 section 6)")
        text = data.decode("utf-8", errors="replace")
    lines = data.split(b"\n")
    last = len(lines) - 1
    for n, raw in enumerate(lines, start=1):
        if n - 1 == last:
            if raw:
                found.line(n, "the last line does not end in CRLF (RFC 5545 section 3.1)")
            line = raw.removesuffix(b"\r")
        elif raw.endswith(b"\r"):
            line = raw[:-1]
        else:
            line = raw
            found.line(n, "line ends in LF without CR; lines end in CRLF (RFC 5545 section 3.1)")
        if b"\r" in line:
            found.line(n, "bare CR inside a line (RFC 5545 section 3.1)")
        if len(line) > MAX_OCTETS:
            found.line(
                n,
                f"line of {len(line)} octets; fold lines at {MAX_OCTETS} octets "
                "(RFC 5545 section 3.1)",
            )
    return text


def _content_lines(text: str) -> Iterator[tuple[tuple[PathPart, ...], str, str, str]]:
    """``(component path, property name, raw value, line)`` of every unfolded content line."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    stack: list[tuple[str, int]] = []
    counts: list[dict[str, int]] = [{}]
    for line in re.split(r"\r\n|\n|\r", unfolded):
        if not line:
            continue
        name, value = _split(line)
        upper = name.upper()
        if upper == "BEGIN":
            kind = value.strip().upper()
            index = counts[-1].get(kind, 0)
            counts[-1][kind] = index + 1
            stack.append((kind, index))
            counts.append({})
        elif upper == "END":
            if stack:
                stack.pop()
                counts.pop()
        else:
            yield _path(stack), upper, value, line


def _split(line: str) -> tuple[str, str]:
    """The name and the value of a content line.

    The value starts after the first colon outside a quoted parameter value.
    """
    quoted = False
    name_end = None
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in ";:" and name_end is None:
            name_end = i
        if not quoted and char == ":":
            return line[: name_end if name_end is not None else i], line[i + 1 :]
    return line, ""


def _path(stack: list[tuple[str, int]]) -> tuple[PathPart, ...]:
    out: list[PathPart] = []
    for n, (kind, index) in enumerate(stack):
        out.append(kind)
        if n:  # the VCALENDAR itself is not counted
            out.append(index)
    return tuple(out)


def _check_escaping(text: str, found: _Found) -> None:
    """TEXT values escaped (RFC 5545 section 3.3.11).

    The guard against writers such as icalendar 7.3.0 that write NAME and
    X-WR-* verbatim.
    """
    for path, name, value, _ in _content_lines(text):
        if name not in _ESCAPED_TEXT:
            continue
        for token in _TEXT_TOKEN.findall(value):
            if token in _GOOD_ESCAPES:
                continue
            what = f"unescaped {token!r}" if len(token) == 1 else f"unknown escape {token!r}"
            found.at(
                (*path, name),
                f"{what} in a TEXT value; write \\, \\; \\\\ and \\n (RFC 5545 section 3.3.11)",
            )
            break


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def _check_controls(text: str, found: _Found) -> None:
    r"""No control character but tab in any content line (RFC 5545 section 3.1, 3.3.11).

    Clients differ on what such a character means (NUL ends a C string, ESC
    starts a terminal sequence); line breaks in values are written ``\n``.
    """
    for path, name, _, line in _content_lines(text):
        bad = _CONTROL.search(line)
        if bad is not None:
            found.at(
                (*path, name),
                f"control character {bad.group()!r} in a content line; only tab is allowed "
                "(RFC 5545 section 3.1 and 3.3.11)",
            )


def _values(component: Component, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _walk(
    component: Component, path: tuple[PathPart, ...]
) -> Iterator[tuple[Component, tuple[PathPart, ...]]]:
    yield component, path
    counts: dict[str, int] = {}
    for sub in component.subcomponents:
        name = sub.name or ""
        index = counts.get(name, 0)
        counts[name] = index + 1
        yield from _walk(sub, (*path, name, index))


def _moments(prop: Any) -> list[Any]:
    if hasattr(prop, "dts"):
        return [d.dt for d in prop.dts]
    return [prop.dt] if hasattr(prop, "dt") else []


def _check_times(cal: Calendar, found: _Found) -> None:
    zones = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
    for comp, path in _walk(cal, ("VCALENDAR",)):
        try:
            _check_times_of(comp, path, zones, found)
        except Exception as exc:
            found.at(path, _unreadable(exc))


def _check_times_of(  # noqa: PLR0912 (rule by rule)
    comp: Component, path: tuple[PathPart, ...], zones: set[str], found: _Found
) -> None:
    if comp.name == "VTIMEZONE":
        if not any(sub.name in {"STANDARD", "DAYLIGHT"} for sub in comp.subcomponents):
            found.at(
                path,
                f"VTIMEZONE {str(comp.get('TZID'))!r} has no STANDARD or DAYLIGHT "
                "(RFC 5545 section 3.6.5)",
            )
        return
    if comp.name in {"STANDARD", "DAYLIGHT"}:
        return  # their DTSTART is local time by definition
    for name in comp:
        for prop in _values(comp, name):
            params = getattr(prop, "params", {})
            tzid = params.get("TZID")
            if tzid is None:
                continue
            if str(tzid).upper() == "UTC":
                found.at(
                    (*path, name),
                    "TZID=UTC: write UTC times with a Z suffix (RFC 5545 section 3.3.5)",
                )
            elif str(tzid) not in zones:
                found.at(
                    (*path, name),
                    f"TZID {str(tzid)!r} has no VTIMEZONE (RFC 5545 section 3.2.19)",
                )
    for name in _DATE_PROPS:
        for prop in _values(comp, name):
            if "TZID" in getattr(prop, "params", {}):
                continue
            for moment in _moments(prop):
                if isinstance(moment, datetime) and moment.tzinfo is None:
                    found.at(
                        (*path, name),
                        f"floating time {moment.isoformat()} (no TZID, no Z): readers "
                        "place it in their own zone (RFC 5545 section 3.3.5)",
                    )


def _check_recurrence(comp: Component, path: tuple[PathPart, ...], found: _Found) -> None:
    """No recurrence resting on RDATE or EXDATE alone."""
    if "RRULE" in comp:
        return
    for name in ("RDATE", "EXDATE"):
        if name in comp:
            found.at(
                (*path, name),
                f"{name} without RRULE: Outlook does not open such a recurrence and "
                "several clients do not expand it; use an RRULE (with EXDATE for the "
                "days left out) or one event per day",
            )


_ONCE = (
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "DURATION",
    "SEQUENCE",
    "SUMMARY",
    "STATUS",
    "ORGANIZER",
    "RECURRENCE-ID",
    "CLASS",
    "LOCATION",
    "URL",
    "LAST-MODIFIED",
    "CREATED",
)
"""Properties a VEVENT holds at most once (RFC 5545 section 3.6.1, eventprop)."""


def _unreadable(exc: Exception) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return f"cannot check this component: {text[:160]}"


def _check_component(  # noqa: PLR0912 (rule by rule)
    comp: Component, path: tuple[PathPart, ...], found: _Found
) -> bool:
    """The checks of one scheduled component; ``False`` if it is too damaged to go on."""
    repeated = [name for name in _ONCE if isinstance(comp.get(name), list)]
    for name in repeated:
        found.at(
            (*path, name),
            f"{name} appears {len(comp.get(name))} times; it may appear once "
            "(RFC 5545 section 3.6.1)",
        )
    if repeated:
        return False
    for name in ("UID", "DTSTAMP"):
        if name not in comp:
            found.at((*path, name), f"{name} missing (RFC 5545 section 3.6.1)")
    stamp = comp.get("DTSTAMP")
    if stamp is not None:
        moment = getattr(stamp, "dt", None)
        if not (isinstance(moment, datetime) and moment.utcoffset() == timedelta(0)) or (
            "TZID" in stamp.params
        ):
            found.at((*path, "DTSTAMP"), "DTSTAMP is not in UTC (RFC 5545 section 3.8.7.2)")
    if comp.name != "VEVENT":
        return True
    _check_recurrence(comp, path, found)
    start, end = comp.get("DTSTART"), comp.get("DTEND")
    if start is None:
        found.at((*path, "DTSTART"), "DTSTART missing (RFC 5545 section 3.6.1)")
    if end is not None and "DURATION" in comp:
        found.at((*path, "DURATION"), "DTEND and DURATION together (RFC 5545 section 3.6.1)")
    if start is None or end is None:
        return True
    a, b = start.dt, end.dt
    if isinstance(a, datetime) != isinstance(b, datetime) or not isinstance(a, date):
        found.at(
            (*path, "DTEND"),
            "DTSTART and DTEND are not of the same kind (DATE and DATE-TIME) "
            "(RFC 5545 section 3.6.1)",
        )
        return True
    if isinstance(a, datetime) and (a.tzinfo is None) != (b.tzinfo is None):
        return True  # a floating end next to a zoned start: reported as floating
    if b <= a:
        found.at(
            (*path, "DTEND"),
            f"DTEND ({b.isoformat()}) is not after DTSTART ({a.isoformat()}); an all-day "
            "DTEND is the day after the last day (RFC 5545 section 3.6.1)",
        )
    return True


def _address(prop: Any) -> str:
    return str(prop)


def _check_method(cal: Calendar, found: _Found) -> None:
    method = str(cal.get("METHOD", "")).upper() or None
    if method is not None and method not in _METHODS:
        found.at(("VCALENDAR", "METHOD"), f"unknown METHOD {method!r} (RFC 5546 section 1.4)")
    seen: dict[tuple[str, str], tuple[PathPart, ...]] = {}
    uids: dict[str, None] = {}
    for comp, path in _walk(cal, ("VCALENDAR",)):
        if comp.name not in _SCHEDULED:
            continue
        try:
            _check_scheduled(comp, path, method, seen, uids, found)
        except Exception as exc:
            found.at(path, _unreadable(exc))
    _check_uids(method, uids, found)


def _check_scheduled(  # noqa: PLR0917 (the state shared by the components)
    comp: Component,
    path: tuple[PathPart, ...],
    method: str | None,
    seen: dict[tuple[str, str], tuple[PathPart, ...]],
    uids: dict[str, None],
    found: _Found,
) -> None:
    if not _check_component(comp, path, found):
        return
    for name in ("ORGANIZER", "ATTENDEE"):
        for prop in _values(comp, name):
            if not _BARE_MAILTO.match(_address(prop)):
                found.at(
                    (*path, name),
                    f"{name} {_address(prop)!r} is not a bare mailto: address; the name "
                    "goes in CN (RFC 5545 section 3.8.4.3)",
                )
    uid = str(comp.get("UID", ""))
    if uid:
        uids.setdefault(uid)
        rid = comp.get("RECURRENCE-ID")
        key = (uid, rid.to_ical().decode() if rid is not None else "")
        if key in seen:
            found.at(
                (*path, "UID"),
                f"UID {uid!r} is used by {format_path(seen[key])} too; UIDs must be "
                "unique (RFC 5545 section 3.8.4.7)",
            )
        seen.setdefault(key, path)
    if method == "PUBLISH" and "ATTENDEE" in comp:
        found.at(
            (*path, "ATTENDEE"),
            "ATTENDEE in a PUBLISH calendar: feeds list no attendees (RFC 5546 section 3.2.1)",
        )
    if method in {"REQUEST", "CANCEL"}:
        section = "3.2.2" if method == "REQUEST" else "3.2.5"
        if "ORGANIZER" not in comp:
            found.at(
                (*path, "ORGANIZER"),
                f"ORGANIZER missing in METHOD:{method} (RFC 5546 section {section})",
            )
        if method == "REQUEST" and "ATTENDEE" not in comp:
            found.at(
                (*path, "ATTENDEE"),
                "ATTENDEE missing in METHOD:REQUEST (RFC 5546 section 3.2.2)",
            )
        status = comp.get("STATUS")
        if method == "CANCEL" and status is not None and str(status).upper() != "CANCELLED":
            found.at(
                (*path, "STATUS"),
                f"STATUS:{status} in METHOD:CANCEL; it must be CANCELLED (RFC 5546 section 3.2.5)",
            )


def _check_uids(method: str | None, uids: dict[str, None], found: _Found) -> None:
    if method in {"REQUEST", "CANCEL"} and len(uids) > 1:
        found.at(
            ("VCALENDAR", "METHOD"),
            f"METHOD:{method} with {len(uids)} UIDs; one scheduling object per message "
            "(RFC 5546 section 3.2)",
        )


def lint(data: bytes) -> list[str]:
    r"""Problems in an iCalendar object that parsers accept and clients fail on.

    Returns one message per problem, an empty list when there is none. The
    checks:

    - bytes (RFC 5545 section 3.1): UTF-8 without a byte order mark, every
      line ends in CRLF, no bare CR or LF, no line over 75 octets;
    - VERSION and PRODID present (section 3.7);
    - every TZID has a VTIMEZONE (section 3.2.19), no ``TZID=UTC``, no
      VTIMEZONE without STANDARD or DAYLIGHT, no floating times (3.3.5);
    - UID and DTSTAMP present, DTSTAMP in UTC (3.8.7.2), DTSTART present,
      DTEND of the same kind as DTSTART and after it, not DTEND and DURATION
      together (3.6.1); each UID (with its RECURRENCE-ID) used once; no
      RDATE or EXDATE without an RRULE (Outlook does not open it);
    - ORGANIZER and ATTENDEE bare ``mailto:`` addresses (3.8.4.3);
    - METHOD (RFC 5546 section 3.2): a known method; PUBLISH lists no
      ATTENDEE; REQUEST and CANCEL carry one UID and an ORGANIZER, REQUEST
      an ATTENDEE, CANCEL no STATUS other than CANCELLED;
    - NAME, X-WR-CALNAME, X-WR-CALDESC, SUMMARY, DESCRIPTION, LOCATION,
      COMMENT and CONTACT escaped (3.3.11).

    >>> lint(b"BEGIN:VCALENDAR\nVERSION:2.0\r\nNAME:Kikao, 2019\r\nEND:VCALENDAR\r\n")
    ['line ends in LF without CR; lines end in CRLF (RFC 5545 section 3.1) @ line 1',
     'PRODID missing (RFC 5545 section 3.7.3) @ $.VCALENDAR.PRODID',
     "unescaped ',' in a TEXT value; write \\, \\; \\\\ and \\n (RFC 5545 section 3.3.11)
     @ $.VCALENDAR.NAME"]
    """
    found = _Found()
    text = _check_bytes(data, found)
    cal, problem = parse(text.removeprefix("\ufeff"))
    if cal is None:
        found.at((), problem)
        return found.result()
    for name, section in (("VERSION", "3.7.4"), ("PRODID", "3.7.3")):
        if name not in cal:
            found.at(("VCALENDAR", name), f"{name} missing (RFC 5545 section {section})")
    for comp, path in _walk(cal, ("VCALENDAR",)):
        for prop, error in getattr(comp, "errors", ()):
            found.at((*path, str(prop)), f"unreadable value: {error}")
    _check_times(cal, found)
    _check_method(cal, found)
    _check_escaping(text, found)
    _check_controls(text, found)
    return found.result()
