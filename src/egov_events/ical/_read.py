"""Reading a calendar back into an :class:`~egov_events.Event`.

Problems are reported all at once in one :class:`~egov_events.ValidationError`,
each message ending with the path of what could not be read: the component
path, each kind of component counted from 0 within its parent, then the
property, e.g. ``@ $.VCALENDAR.VEVENT[3].DTSTART`` (the scheme of
:func:`~egov_events.ical.lint`).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, vText
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.timezone import tzp

from egov_events._checks import zone_names
from egov_events.errors import PathPart, Problem, Problems, ValidationError
from egov_events.ical import _common as k
from egov_events.ical._common import parse
from egov_events.model import (
    Event,
    Organization,
    OrganizationKind,
    ParticipantGroup,
    Session,
    SessionKind,
    SessionStatus,
)
from egov_events.text import LocalizedText, normalize_language_tag

__all__ = ["read"]

_UNTITLED = LocalizedText.of(sw="Kalenda", en="Calendar")
_UNKNOWN_ORGANIZER = LocalizedText.of(sw="Mwandaaji asiyejulikana", en="Unknown organizer")
_STATUSES = {
    "CONFIRMED": SessionStatus.CONFIRMED,
    "TENTATIVE": SessionStatus.TENTATIVE,
    "CANCELLED": SessionStatus.CANCELLED,
}
_FIELDS = {"start": "DTSTART", "end": "DTEND", "title": "SUMMARY", "id": "UID"}
"""Session fields and the properties they are read from, for messages."""
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")
_LINE_BREAKS = re.compile("\r\n|[\r\n\t\x85\u2028\u2029]")
"""What becomes a space in a title or name read from a calendar: the model's are one line."""


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


@contextmanager
def _reading(problems: Problems, path: tuple[PathPart, ...]) -> Iterator[None]:
    """Turn whatever goes wrong while reading the property at *path* into a problem.

    icalendar parses values on first use, and a damaged or foreign calendar
    can make that fail in many ways (a broken date, a SEQUENCE that is not a
    number, a DURATION that is a date); every one of them is reported at
    its component and property, never raised.
    """
    try:
        yield
    except ValidationError as exc:
        problems.absorb(exc, *path)
    except Exception as exc:
        problems.add(path, f"cannot read the value: {_shorten(f'{type(exc).__name__}: {exc}')}")


def zone_for_tzid(tzid: str) -> ZoneInfo | None:
    """The IANA zone a TZID names, or ``None``.

    An IANA name is taken as it is. Calendars from Outlook and Exchange name
    Windows zones (``W. Europe Standard Time``), and Mozilla, Evolution and
    libical write globally unique ids (``/mozilla.org/20050126_1/Europe/Berlin``,
    RFC 5545 section 3.2.19): these are mapped as icalendar maps them (the
    CLDR table of Windows zones; the IANA name at the end of the id). Names
    that are not IANA zones (``localtime``, ``posix/...``, a folder such as
    ``Europe``) name no zone.

    >>> zone_for_tzid("W. Europe Standard Time"), zone_for_tzid("Europe")
    (zoneinfo.ZoneInfo(key='Europe/Berlin'), None)
    """
    names = zone_names()
    if tzid in names:
        return ZoneInfo(tzid)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # icalendar warns that it guesses
            zone = tzp.timezone(tzid)
    except Exception:
        return None
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    return ZoneInfo(key) if isinstance(key, str) and key in names else None


_SESSION_KINDS: dict[str, SessionKind] = {kind.value: kind for kind in SessionKind}
"""Each session kind by its value, as X-EGOV-KIND carries it."""


def _tag(prop: Any, default: str) -> str:
    raw = getattr(prop, "params", {}).get("LANGUAGE")
    if raw:
        try:
            return normalize_language_tag(str(raw))
        except ValueError:
            pass
    return default


def _plain(prop: Any) -> str:
    """The text of a property, unescaped.

    TEXT values come as read; others (``NAME``, ``X-`` properties, read as
    unknown by icalendar 7.3) are unescaped here.
    """
    return str(prop) if isinstance(prop, vText) else k.unescape(str(prop))


def _all(component: Component, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _localized(
    component: Component, name: str, default: str, *, one_line: bool = False
) -> LocalizedText | None:
    """The texts of a property in their languages.

    With *one_line*, line breaks become spaces: the model's titles and names are one line.
    """
    texts: dict[str, str] = {}
    for prop in _all(component, name):
        value = _plain(prop)
        if one_line:
            value = _LINE_BREAKS.sub(" ", value)
        if value.strip():
            texts.setdefault(_tag(prop, default), value)
    return LocalizedText(texts=texts) if texts else None


def _localized_at(
    component: Component,
    name: str,
    default: str,
    path: tuple[PathPart, ...],
    problems: Problems,
    *,
    one_line: bool = False,
) -> LocalizedText | None:
    with _reading(problems, (*path, name)):
        return _localized(component, name, default, one_line=one_line)
    return None


def _moment(
    component: Component, name: str, path: tuple[PathPart, ...], problems: Problems
) -> datetime | None:
    with _reading(problems, (*path, name)):
        return _read_moment(component, name, path, problems)
    return None


def _read_moment(  # noqa: PLR0911 (one return per kind of value)
    component: Component, name: str, path: tuple[PathPart, ...], problems: Problems
) -> datetime | None:
    """An aware datetime in a named zone from a DATE-TIME property."""
    prop = component.get(name)
    if prop is None:
        return None
    at = (*path, name)
    if isinstance(prop, list):
        problems.add(at, f"{name} appears {len(prop)} times: a session has one")
        return None
    tzid = prop.params.get("TZID")
    zone = None if tzid is None else zone_for_tzid(str(tzid))
    if tzid is not None and zone is None:
        problems.add(
            at,
            f"unknown time zone {_shorten(str(tzid), 64)!r}: expected an IANA name such as "
            "'Africa/Dar_es_Salaam' (or a Windows zone name)",
            f"kanda ya saa {_shorten(str(tzid), 64)!r} haijulikani: jina la IANA kama "
            "'Africa/Dar_es_Salaam' (au jina la kanda la Windows) linatarajiwa",
        )
        return None
    value = prop.dt
    if not isinstance(value, datetime):
        problems.add(
            at,
            "an all-day date has no hours: a session needs a start and an end time "
            "(VALUE=DATE-TIME)",
            "tarehe ya siku nzima haina saa: kikao kinahitaji saa ya kuanza na ya kuisha "
            "(VALUE=DATE-TIME)",
        )
        return None
    if zone is not None:
        return value.replace(tzinfo=zone)
    if value.tzinfo is None:
        problems.add(
            at,
            f"floating time {value.isoformat()} (no TZID, no Z): the zone cannot be known "
            "(RFC 5545 section 3.3.5)",
            f"saa isiyo na kanda {value.isoformat()} (hakuna TZID wala Z): kanda haiwezi "
            "kujulikana (RFC 5545 kifungu 3.3.5)",
        )
        return None
    return value.astimezone(ZoneInfo("UTC"))


def _session_id(uid: str | None, index: int, taken: set[str]) -> tuple[str, str | None]:
    """The session id for a VEVENT, and the event id its UID names (our UIDs only)."""
    parsed = k.parse_uid(uid) if uid else None
    if parsed is not None and parsed[0] == "session":
        candidate, event_id = parsed[1], parsed[2]
    else:
        candidate = _NOT_ID.sub("-", uid or "").strip("-._")[:120].strip("-._")
        event_id = None
    if not candidate or candidate in taken:
        candidate = f"{candidate}-{index}" if candidate else f"vevent-{index}"
    taken.add(candidate)
    return candidate, event_id


def _session(
    component: Component,
    index: int,
    lang: str,
    taken: set[str],
    problems: Problems,
) -> tuple[Session | None, str | None]:
    path: tuple[PathPart, ...] = ("VCALENDAR", "VEVENT", index)
    found = Problems()
    for name in ("RRULE", "RDATE", "RECURRENCE-ID"):
        if name in component:
            found.add(
                (*path, name),
                f"a recurring event ({name}) is not one session: export its instances "
                "as separate events",
                f"tukio linalojirudia ({name}) si kikao kimoja: hamisha matukio yake "
                "kama matukio tofauti",
            )
    start = _moment(component, "DTSTART", path, found)
    if "DTSTART" not in component:
        found.add(
            (*path, "DTSTART"),
            "DTSTART missing: a session needs a start",
            "DTSTART haipo: kikao kinahitaji mwanzo",
        )
    end = _moment(component, "DTEND", path, found)
    if "DTEND" not in component:
        duration = component.get("DURATION")
        if duration is not None and start is not None:
            with _reading(found, (*path, "DURATION")):
                length = duration.dt
                if not isinstance(length, timedelta):
                    msg = f"DURATION is not a duration: {type(length).__name__}"
                    raise TypeError(msg)
                end = start + length
        elif duration is None:
            found.add(
                (*path, "DTEND"),
                "neither DTEND nor DURATION: a session needs an end (RFC 5545 section 3.6.1)",
                "hakuna DTEND wala DURATION: kikao kinahitaji mwisho (RFC 5545 kifungu 3.6.1)",
            )
    title = _localized_at(component, "SUMMARY", lang, path, found, one_line=True)
    if (title is None and "SUMMARY" not in component) or (title is None and not found):
        found.add(
            (*path, "SUMMARY"),
            "SUMMARY missing or empty: a session needs a title",
            "SUMMARY haipo au ni tupu: kikao kinahitaji kichwa",
        )
    sequence = str(component.get("SEQUENCE", "0"))
    if not sequence.isdigit():
        found.add(
            (*path, "SEQUENCE"),
            f"SEQUENCE {sequence!r} is not a number of 0 or more",
            f"SEQUENCE {sequence!r} si namba ya 0 au zaidi",
        )
    uid = None
    with _reading(found, (*path, "UID")):
        raw_uid = component.get("UID")
        uid = None if raw_uid is None else str(_all(component, "UID")[0])
    session_id, event_id = _session_id(uid, index, taken)
    description = _localized_at(component, "DESCRIPTION", lang, path, found)
    kind, status, groups = SessionKind.OTHER, SessionStatus.CONFIRMED, frozenset[str]()
    with _reading(found, path):
        kinds = _all(component, k.X_KIND)
        kind_text = _plain(kinds[0]) if kinds else ""
        kind = _SESSION_KINDS.get(kind_text, SessionKind.OTHER)
        statuses = _all(component, "STATUS")
        status = _STATUSES.get(str(statuses[0]).upper() if statuses else "CONFIRMED") or status
        groups = frozenset(_plain(g) for g in _all(component, k.X_GROUP))
    if found or start is None or end is None or title is None:
        problems.extend(found)
        return None, event_id
    try:
        session = Session(
            id=session_id,
            kind=kind,
            title=title,
            start=start,
            end=end,
            description=description,
            groups=groups,
            status=status,
            sequence=int(sequence),
        )
    except ValidationError as exc:
        for p in exc.problems:
            first = p.path[0] if p.path else None
            prop: str | None = _FIELDS.get(first, first) if isinstance(first, str) else None
            problems.add((*path, prop) if prop else path, p.message, p.sw)
        return None, event_id
    return session, event_id


def _organizer(cal: Calendar, lang: str) -> Organization:
    for component in cal.walk("VEVENT"):
        for prop in _all(component, "ORGANIZER"):
            address = str(prop)
            email = address[7:] if address.lower().startswith("mailto:") else None
            cn = _LINE_BREAKS.sub(" ", str(prop.params.get("CN", ""))).strip()
            try:
                return Organization(
                    id="organizer",
                    name=LocalizedText(texts={lang: cn}) if cn else _UNKNOWN_ORGANIZER,
                    kind=OrganizationKind.OTHER,
                    email=email,
                )
            except Exception:  # noqa: S112 (a name or address the model refuses: go on)
                continue
    return Organization(id="organizer", name=_UNKNOWN_ORGANIZER, kind=OrganizationKind.OTHER)


def _timezone(cal: Calendar, sessions: list[Session]) -> ZoneInfo:
    hint = cal.get("X-WR-TIMEZONE")
    if hint is not None and not isinstance(hint, list):
        zone = zone_for_tzid(_plain(hint).strip())
        if zone is not None:
            return zone
    zones = Counter(k.zone_name(s.start) for s in sessions)
    return ZoneInfo(zones.most_common(1)[0][0])  # the first met, on a tie


def _groups(
    cal: Calendar, sessions: list[Session], tz: ZoneInfo, lang: str
) -> tuple[ParticipantGroup, ...]:
    names: dict[str, dict[str, str]] = {}
    for prop in _all(cal, k.X_GROUP_NAME):
        gid = prop.params.get(k.X_GROUP)
        value = _LINE_BREAKS.sub(" ", _plain(prop))
        if gid and value.strip():
            names.setdefault(str(gid), {}).setdefault(_tag(prop, lang), value)
    days: dict[str, set[date]] = {}
    for s in sessions:
        for gid in s.groups:
            days.setdefault(gid, set()).add(s.start.astimezone(tz).date())
    return tuple(
        ParticipantGroup(
            id=gid,
            name=LocalizedText(texts=names.get(gid) or {lang: gid}),
            days=tuple(sorted(days[gid])),
        )
        for gid in sorted(days)
    )


def _stamp(component: Component) -> object:
    """DTSTAMP, if it can be read: a damaged one only does not count."""
    try:
        stamp: Any = component.get("DTSTAMP")
        return None if stamp is None else stamp.dt
    except Exception:
        return None


def _sequence(prop: Any) -> int:
    if isinstance(prop, list):
        msg = f"SEQUENCE appears {len(prop)} times"
        raise TypeError(msg)
    value = int(str(prop))
    if not 0 <= value < 2**31:  # RFC 5545 section 3.8.7.4: a non-negative INTEGER
        msg = f"SEQUENCE {value} is out of range"
        raise ValueError(msg)
    return value


def _decode(data: bytes) -> Calendar:
    if not isinstance(data, bytes | bytearray):
        kind = type(data).__name__
        raise ValidationError(
            [Problem((), f"expected bytes, got {kind}", sw=f"baiti zinatarajiwa, imepewa {kind}")]
        )
    raw = bytes(data).removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8: {exc.reason} at byte {exc.start} (RFC 5545 section 6)"
        sw = f"si UTF-8: {exc.reason} kwenye baiti {exc.start} (RFC 5545 kifungu 6)"
        raise ValidationError([Problem((), msg, sw=sw)]) from None
    cal, problem = parse(text)
    if cal is None:
        sw = problem.replace("not an iCalendar object", "si kitu cha iCalendar").replace(
            "it does not begin with", "hakianzi na"
        )
        raise ValidationError([Problem((), problem, sw=sw)])
    return cal


def read(data: bytes, *, lang: str = "und") -> Event:
    r"""Read a calendar (a feed of this library, or another tool's) into an :class:`Event`.

    Each VEVENT becomes a session: SUMMARY its title and DESCRIPTION its
    description, in the language of their LANGUAGE parameter (*lang* for
    text without one; ``und`` is "undetermined", RFC 5646 section 4.1),
    DTSTART and DTEND (or DURATION) its times, in the zone named by TZID
    (an IANA name) or UTC, STATUS its status. From this library's feeds
    also: the session id (from the UID), kind, groups (with their names;
    a group's days are the days of its sessions), the event id and its title
    in every language (NAME). The event's zone is X-WR-TIMEZONE or its
    sessions' most used zone (the first met, on a tie); its days span the
    sessions; ``updated`` is the latest DTSTAMP; each session's ``sequence`` its SEQUENCE and
    ``revision`` the highest; the organizer comes from ORGANIZER. Speakers, rooms and documents are not read back.

    What cannot be a session is reported, all at once: recurring events,
    all-day events, floating times, unknown zones, missing ends or titles.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> from egov_events.ical import calendar
    >>> event = read(calendar(kikao_kazi_2019(), lang="en").to_ical())
    >>> event.id, event.title["en"], len(event.sessions), event.timezone.key
    ('kikao-kazi-2019', '2nd e-Government Workshop 2019', 38, 'Africa/Dar_es_Salaam')
    >>> read(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Kikao\r\n"
    ...      b"DTSTART:20190130T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    Traceback (most recent call last):
    ...
    egov_events.errors.ValidationError: 2 problems:
      - floating time 2019-01-30T09:00:00 (no TZID, no Z): the zone cannot be known (RFC 5545 section 3.3.5) @ $.VCALENDAR.VEVENT[0].DTSTART
      - neither DTEND nor DURATION: a session needs an end (RFC 5545 section 3.6.1) @ $.VCALENDAR.VEVENT[0].DTEND

    Raises:
        ValidationError: what cannot be read, each problem with its path.

    """  # noqa: E501 (doctest output)
    cal = _decode(data)
    try:
        with warnings.catch_warnings():
            # A Mozilla-style TZID is mapped as icalendar maps it (zone_for_tzid),
            # which it reports each time as a guess.
            warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
            return _read(cal, lang)
    except ValidationError:
        raise
    except Exception as exc:
        message = f"cannot read the calendar: {_shorten(f'{type(exc).__name__}: {exc}')}"
        raise ValidationError([Problem(("VCALENDAR",), message)]) from None


def _read(cal: Calendar, lang: str) -> Event:
    problems = Problems()
    sessions: list[Session] = []
    event_ids: list[str] = []
    taken: set[str] = set()
    vevents = [c for c in cal.subcomponents if c.name == "VEVENT"]
    for index, component in enumerate(vevents):
        session, event_id = _session(component, index, lang, taken, problems)
        if session is not None:
            sessions.append(session)
        if event_id is not None:
            event_ids.append(event_id)
    if not vevents:
        problems.add(
            ("VCALENDAR",), "no VEVENT: nothing to read", "hakuna VEVENT: hakuna cha kusoma"
        )
    problems.raise_if_any()
    tz = _timezone(cal, sessions)
    days = [s.start.astimezone(tz).date() for s in sessions]
    days += [(s.end.astimezone(tz) - timedelta(microseconds=1)).date() for s in sessions]
    stamps = [_stamp(c) for c in vevents]
    aware = [s for s in stamps if isinstance(s, datetime) and s.tzinfo is not None]
    sequences: list[int] = []
    for index, c in enumerate(vevents):
        if "SEQUENCE" in c:
            with _reading(problems, ("VCALENDAR", "VEVENT", index, "SEQUENCE")):
                sequences.append(_sequence(c["SEQUENCE"]))
    problems.raise_if_any()
    feed = k.parse_uid(str(cal["UID"])) if "UID" in cal else None
    event_id = event_ids[0] if event_ids else (feed[2] if feed else "calendar")
    organizer = _organizer(cal, lang if lang != "und" else "sw")
    title = (
        _localized_at(cal, "NAME", lang, ("VCALENDAR",), problems, one_line=True)
        or _localized_at(cal, "X-WR-CALNAME", lang, ("VCALENDAR",), problems, one_line=True)
        or _UNTITLED
    )
    description = _localized_at(cal, "DESCRIPTION", lang, ("VCALENDAR",), problems)
    problems.raise_if_any()
    return Event(
        id=event_id,
        title=title,
        organizer=organizer.id,
        timezone=tz,
        first_day=min(days),
        last_day=max(days),
        updated=(max(aware) if aware else datetime(1970, 1, 1, tzinfo=UTC)).astimezone(tz),
        description=description,
        sessions=tuple(sessions),
        groups=_groups(cal, sessions, tz, lang),
        organizations=(organizer,),
        revision=max(sequences, default=0),
    )
