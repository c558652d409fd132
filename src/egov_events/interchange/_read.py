"""Reading a frab, pretalx or c3voc schedule (JSON or XML) into an :class:`~egov_events.Event`.

Real files stray from the schemas (frab's own export fails the JSON Schema),
so the reader is lenient about everything it does not need: unknown keys,
deprecated fields, numbers written as text, missing GUIDs. It is strict
about what it needs for a session: a title, a start with a UTC offset (or a
day and a time in the conference's zone) and a duration or an end. What it
cannot read is reported all at once, with the path of each value:
``... @ $.schedule.conference.days[0].rooms['Gray Room'][2].date``. The XML
is first read into the JSON layout, so its paths name the same places.

Input is bounded: at most :data:`MAX_BYTES` bytes, no XML DTDs or entities,
and at most :data:`MAX_PROBLEMS` problems reported.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from egov_events.errors import PathPart, Problem, Problems, ValidationError
from egov_events.interchange import _ids
from egov_events.interchange._schedule import GENERATOR
from egov_events.model import (
    Event,
    Organization,
    OrganizationKind,
    Person,
    Room,
    Session,
    SessionKind,
    Venue,
)
from egov_events.text import LocalizedText, normalize_language_tag

__all__ = ["MAX_BYTES", "MAX_PROBLEMS", "read_schedule"]

MAX_BYTES: Final = 64 * 1024 * 1024
"""The largest schedule read (64 MiB); a congress of 1,000 talks is about 3 MiB."""
MAX_PROBLEMS: Final = 100
"""At most this many problems are reported; the last one says how many more there were."""

_UNTITLED = "Schedule"
_UNKNOWN_ORGANIZER = LocalizedText.of(sw="Mwandaaji asiyejulikana", en="Unknown organizer")
_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")
_DURATION = re.compile(r"^\s*(\d{1,4}):([0-5]\d)(?::([0-5]\d))?\s*$")
_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?\s*$")

_KINDS: Final = {
    "talk": SessionKind.PLENARY,
    "lecture": SessionKind.PLENARY,
    "workshop": SessionKind.BREAKOUT,
    "hands-on": SessionKind.BREAKOUT,
    "meeting": SessionKind.BREAKOUT,
    "discussion": SessionKind.PANEL,
    "podium": SessionKind.PANEL,
    "pause": SessionKind.BREAK,
    "exhibition": SessionKind.EXHIBITION,
}
"""Common frab and pretalx types, in lower case; the model's own kinds read as themselves."""


class _LimitError(Exception):
    """Raised when the problems reach :data:`MAX_PROBLEMS`."""


class _Problems(Problems):
    def add(self, path: Any, message: str, sw: str | None = None) -> None:
        super().add(path, message, sw)
        if len(self.found) >= MAX_PROBLEMS:
            raise _LimitError


def _fail(message: str, sw: str, path: tuple[PathPart, ...] = ()) -> ValidationError:
    """One problem, in English and Swahili, as the error to raise."""
    return ValidationError([Problem(path, message, sw=sw)])


# -- XML into the JSON layout ------------------------------------------------


def _children(element: ET.Element, tag: str) -> list[ET.Element]:
    return [child for child in element if child.tag == tag]


def _child_text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    return None if child is None else (child.text or "")


def _xml_event(element: ET.Element) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for key in ("guid", "id", "code"):
        if key in element.attrib:
            item[key] = element.attrib[key]
    for child in element:
        if child.tag == "persons":
            item["persons"] = [
                {"name": (p.text or "").strip(), **p.attrib} for p in _children(child, "person")
            ]
        elif child.tag == "links":
            item["links"] = [
                {"url": link.get("href", ""), "title": (link.text or "").strip()}
                for link in _children(child, "link")
            ]
        elif len(child) == 0:
            item[child.tag] = child.text or ""
    return item


def _from_xml(text: str) -> dict[str, Any]:  # noqa: PLR0912 (one branch per element)
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise _fail("XML with a DTD or entities is not read", "XML yenye DTD au entity haisomwi")
    try:
        root = ET.fromstring(text)  # noqa: S314 (no DTD, so no entity expansion)
    except ET.ParseError as exc:
        raise _fail(f"not well-formed XML: {exc}", f"XML si sahihi kimuundo: {exc}") from None
    if root.tag != "schedule":
        raise _fail(
            f"expected a <schedule> element, got <{root.tag}>",
            f"kipengele <schedule> kilitarajiwa, kimepatikana <{root.tag}>",
        )
    conference: dict[str, Any] = {}
    head = root.find("conference")
    if head is not None:
        for child in head:
            if child.tag == "track":
                conference.setdefault("tracks", []).append(dict(child.attrib))
            elif child.tag == "days":
                conference["daysCount"] = child.text or ""
            elif len(child) == 0:
                conference[child.tag] = child.text or ""
    rooms: dict[str, str] = {}
    days = []
    for day in _children(root, "day"):
        day_rooms: dict[str, list[dict[str, Any]]] = {}
        for room in _children(day, "room"):
            name = room.get("name", "")
            if room.get("guid"):
                rooms.setdefault(name, room.get("guid", ""))
            day_rooms.setdefault(name, []).extend(_xml_event(e) for e in _children(room, "event"))
        days.append(
            {
                "index": day.get("index"),
                "date": day.get("date"),
                "day_start": day.get("start"),
                "day_end": day.get("end"),
                "rooms": day_rooms,
            }
        )
    conference["rooms"] = [{"name": name, "guid": guid} for name, guid in rooms.items()]
    conference["days"] = days
    schedule: dict[str, Any] = {
        "version": _child_text(root, "version") or "",
        "conference": conference,
    }
    if head is None:
        del schedule["conference"]
    generator = root.find("generator")
    out: dict[str, Any] = {"schedule": schedule}
    if generator is not None:
        out["generator"] = dict(generator.attrib)
    return out


def _decode(data: object) -> Mapping[str, Any]:
    if isinstance(data, Mapping):
        return data
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > MAX_BYTES:
            raise _fail(
                f"{len(raw)} bytes: more than the {MAX_BYTES} read",
                f"baiti {len(raw)}: zaidi ya {MAX_BYTES} zinazosomwa",
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fail(
                f"not UTF-8: {exc.reason} at byte {exc.start}",
                f"si UTF-8: {exc.reason} kwenye baiti {exc.start}",
            ) from None
    elif isinstance(data, str):
        if len(data) > MAX_BYTES:
            raise _fail(
                f"{len(data)} characters: more than the {MAX_BYTES} read",
                f"herufi {len(data)}: zaidi ya {MAX_BYTES} zinazosomwa",
            )
        text = data.removeprefix("\ufeff")
    else:
        kind = type(data).__name__
        raise _fail(
            f"expected bytes, a string or a mapping, got {kind}",
            f"zilitarajiwa baiti, maandishi au kamusi (mapping), imepatikana {kind}",
        )
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return _from_xml(stripped)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _fail(f"neither JSON nor XML: {exc}", f"si JSON wala XML: {exc}") from None
    if not isinstance(value, dict):
        kind = type(value).__name__
        raise _fail(
            f"expected a JSON object with 'schedule', got {kind}",
            f"kitu cha JSON chenye 'schedule' kilitarajiwa, imepatikana {kind}",
        )
    return value


# -- values --------------------------------------------------------------------


def _str(value: object) -> str | None:
    """A non-blank string, stripped, or ``None``."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _zone(conference: Mapping[str, Any], problems: Problems) -> ZoneInfo | None:
    name = _str(conference.get("time_zone_name"))
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add(
            ("schedule", "conference", "time_zone_name"),
            f"unknown time zone {name!r}: expected an IANA name such as 'Africa/Dar_es_Salaam'",
            f"kanda ya saa {name!r} haijulikani: jina la IANA lilitarajiwa, kwa mfano "
            "'Africa/Dar_es_Salaam'",
        )
        return None


def _offset_zone(moment: datetime) -> ZoneInfo:
    """An IANA zone for a fixed offset (``Etc/GMT-3`` is UTC+3), or UTC."""
    offset = moment.utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -14 <= hours <= 12:
        return ZoneInfo("UTC")
    return ZoneInfo("UTC" if hours == 0 else f"Etc/GMT{-hours:+d}")


def _datetime(value: object) -> datetime | None:
    text = _str(value)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return moment


def _date(value: object) -> date | None:
    text = _str(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _duration(value: object) -> timedelta | None:
    text = _str(value)
    match = _DURATION.match(text) if text else None
    if match is None:
        return None
    hours, minutes, seconds = (int(x) if x else 0 for x in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _language(value: object) -> str | None:
    text = _str(value)
    if text is None:
        return None
    try:
        return normalize_language_tag(text)
    except ValueError:
        return None


def _as_id(text: str | None, fallback: str) -> str:
    if text and _ID.match(text):
        return text
    cleaned = _NOT_ID.sub("-", text or "").strip("-._")[:128].strip("-._")
    return cleaned if cleaned and _ID.match(cleaned) else fallback


def _unique(value: str, taken: set[str]) -> str:
    out, n = value, 1
    while out in taken:
        n += 1
        out = f"{value[:120]}-{n}"
    taken.add(out)
    return out


# -- the reader ----------------------------------------------------------------


class _Reader:
    def __init__(self, document: Mapping[str, Any], problems: Problems) -> None:
        self.p = problems
        generator = document.get("generator")
        self.ours = isinstance(generator, Mapping) and generator.get("name") == GENERATOR
        self.session_ids: set[str] = set()
        self.people: dict[tuple[str, str], Person] = {}
        self.person_ids: set[str] = set()
        self.rooms: dict[str, Room] = {}
        self.room_ids: set[str] = set()
        self.acronym = ""
        self.zone: ZoneInfo | None = None
        self.languages: Counter[str] = Counter()

    def room(self, name: str, slug: object = None, capacity: object = None) -> str:
        name = name.strip() or "-"  # a room without a name is still a room
        if name not in self.rooms:
            rid = _unique(_as_id(_str(slug) or name.lower(), "room"), self.room_ids)
            cap = capacity if isinstance(capacity, int) and not isinstance(capacity, bool) else None
            self.rooms[name] = Room(
                id=rid,
                name=LocalizedText(texts={"und": name}),
                capacity=cap if cap is not None and cap >= 0 else None,
            )
        return self.rooms[name].id

    def person(self, value: object, path: tuple[PathPart, ...]) -> str | None:
        if not isinstance(value, Mapping):
            kind = type(value).__name__
            self.p.add(
                path,
                f"expected an object with a name, got {kind}",
                f"kitu chenye jina kilitarajiwa, imepatikana {kind}",
            )
            return None
        name = _str(value.get("name")) or _str(value.get("public_name"))
        if name is None:
            self.p.add(
                (*path, "name"),
                "a person needs a name (name or public_name)",
                "mtu anahitaji jina (name au public_name)",
            )
            return None
        code = _str(value.get("code")) or _str(value.get("guid")) or _str(value.get("id"))
        key = ("code", code) if code else ("name", name)
        if key not in self.people:
            pid = _unique(_as_id(f"person-{code or name.lower()}", "person"), self.person_ids)
            bio = _str(value.get("biography"))
            self.people[key] = Person(
                id=pid,
                name=name,
                biography=LocalizedText(texts={"und": bio}) if bio else None,
            )
        return self.people[key].id

    def start(
        self, item: Mapping[str, Any], day: date | None, path: tuple[PathPart, ...]
    ) -> datetime | None:
        moment = _datetime(item.get("date"))
        try:
            if moment is not None and moment.tzinfo is not None:
                if self.zone is None:
                    self.zone = _offset_zone(moment)
                return moment.astimezone(self.zone)
            clock = _CLOCK.match(_str(item.get("start")) or "")
            when = moment.date() if moment is not None else day
            if clock is not None and when is not None and self.zone is not None:
                h, m, s = (int(x) if x else 0 for x in clock.groups())
                return datetime.combine(when, time(h, m, s), self.zone).astimezone(self.zone)
        except OverflowError:
            value = item.get("date")
            self.p.add(
                (*path, "date"),
                f"out of the range of dates: {value!r}",
                f"nje ya tarehe zinazowezekana: {value!r}",
            )
            return None
        if "date" in item and moment is None:
            value = item.get("date")
            self.p.add(
                (*path, "date"),
                f"not an ISO 8601 date and time: {value!r}",
                f"si tarehe na saa ya ISO 8601: {value!r}",
            )
        else:
            self.p.add(
                (*path, "date"),
                "no start: expected a date with a UTC offset, e.g. '2019-01-30T09:00:00+03:00'",
                "hakuna mwanzo: tarehe yenye tofauti yake na UTC ilitarajiwa, kwa mfano "
                "'2019-01-30T09:00:00+03:00'",
            )
        return None

    def end(
        self, item: Mapping[str, Any], start: datetime, path: tuple[PathPart, ...]
    ) -> datetime | None:
        end = _datetime(item.get("end"))
        if end is not None and end.tzinfo is not None and end > start:
            return end.astimezone(start.tzinfo)
        duration = _duration(item.get("duration"))
        if duration is None:
            self.p.add(
                (*path, "duration"),
                f"expected a duration as H:MM, e.g. '01:30', got {item.get('duration')!r}",
                f"muda ulitarajiwa kama H:MM, kwa mfano '01:30', imepatikana "
                f"{item.get('duration')!r}",
            )
            return None
        if duration <= timedelta(0):
            self.p.add(
                (*path, "duration"),
                "a session must last longer than 0:00",
                "kikao lazima kidumu zaidi ya 0:00",
            )
            return None
        try:
            return (start.astimezone(UTC) + duration).astimezone(start.tzinfo)
        except OverflowError:
            self.p.add(
                (*path, "duration"),
                "the session would end after the year 9999",
                "kikao kingeisha baada ya mwaka 9999",
            )
            return None

    def session(
        self, item: object, room: str, day: date | None, path: tuple[PathPart, ...]
    ) -> Session | None:
        if not isinstance(item, Mapping):
            kind = type(item).__name__
            self.p.add(
                path,
                f"expected an event object, got {kind}",
                f"kitu cha tukio (event) kilitarajiwa, imepatikana {kind}",
            )
            return None
        title = _str(item.get("title"))
        if title is None:
            self.p.add((*path, "title"), "a session needs a title", "kikao kinahitaji kichwa")
        start = self.start(item, day, path)
        end = self.end(item, start, path) if start is not None else None
        if title is None or start is None or end is None:
            return None
        lang = _language(item.get("language")) or "und"
        self.languages[lang] += 1
        slug = _str(item.get("slug"))
        wanted: str | None
        if self.ours and slug:
            wanted = _ids.session_id_from_slug(self.acronym, slug)
        else:
            wanted = slug or _str(item.get("code")) or _str(item.get("id"))
        sid = _unique(_as_id(wanted, "session"), self.session_ids)
        kind_text = (_str(item.get("type")) or "").lower()
        try:
            kind = SessionKind(kind_text)
        except ValueError:
            kind = _KINDS.get(kind_text, SessionKind.OTHER)
        texts = [_str(item.get("abstract"))]
        if not self.ours:
            texts.append(_str(item.get("description")))
        body = "\n\n".join(dict.fromkeys(t for t in texts if t))
        speakers: list[str] = []
        persons = item.get("persons") or []
        if isinstance(persons, list):
            for i, person in enumerate(persons):
                pid = self.person(person, (*path, "persons", i))
                if pid is not None and pid not in speakers:
                    speakers.append(pid)
        else:
            self.p.add(
                (*path, "persons"), "expected a list of persons", "orodha ya watu ilitarajiwa"
            )
        try:
            return Session(
                id=sid,
                kind=kind,
                title=LocalizedText(texts={lang: title}),
                start=start,
                end=end,
                description=LocalizedText(texts={lang: body}) if body else None,
                room=room,
                speakers=tuple(speakers),
            )
        except ValidationError as exc:
            self.p.extend(exc.problems, *path)
            return None

    def day_sessions(self, day: object, at: tuple[PathPart, ...]) -> list[Session]:
        if not isinstance(day, Mapping):
            kind = type(day).__name__
            self.p.add(
                at,
                f"expected a day object, got {kind}",
                f"kitu cha siku kilitarajiwa, imepatikana {kind}",
            )
            return []
        rooms = day.get("rooms")
        if not isinstance(rooms, Mapping):
            self.p.add(
                (*at, "rooms"),
                "expected an object from room names to lists of events",
                "kitu kinachooanisha majina ya vyumba na orodha za matukio kilitarajiwa",
            )
            return []
        day_date = _date(day.get("date"))
        sessions = []
        for name, items in rooms.items():
            if not isinstance(items, list):
                self.p.add(
                    (*at, "rooms", str(name)),
                    "expected a list of events",
                    "orodha ya matukio ilitarajiwa",
                )
                continue
            for j, item in enumerate(items):
                room_name = _str(item.get("room")) if isinstance(item, Mapping) else None
                room = self.room(room_name or str(name))
                s = self.session(item, room, day_date, (*at, "rooms", str(name), j))
                if s is not None:
                    sessions.append(s)
        return sessions


def _conference(document: Mapping[str, Any]) -> Mapping[str, Any]:
    schedule = document.get("schedule")
    if not isinstance(schedule, Mapping):
        raise _fail(
            "expected 'schedule', an object (a c3voc, frab or pretalx schedule)",
            "'schedule' ilitarajiwa, kitu (ratiba ya c3voc, frab au pretalx)",
            ("schedule",),
        )
    conference = schedule.get("conference")
    if not isinstance(conference, Mapping):
        raise _fail(
            "expected 'conference', an object with the title and the days",
            "'conference' ilitarajiwa, kitu chenye kichwa na siku",
            ("schedule", "conference"),
        )
    return conference


def _read(document: Mapping[str, Any], problems: Problems) -> Event:
    conference = _conference(document)
    r = _Reader(document, problems)
    r.zone = _zone(conference, problems)
    r.acronym = _str(conference.get("acronym")) or ""
    listed = conference.get("rooms")
    for room in listed if isinstance(listed, list) else []:
        if isinstance(room, Mapping) and _str(room.get("name")):
            r.room(str(_str(room.get("name"))), room.get("slug"), room.get("capacity"))
    days = conference.get("days")
    if not isinstance(days, list):
        problems.add(
            ("schedule", "conference", "days"),
            "expected a list of days",
            "orodha ya siku ilitarajiwa",
        )
        days = []
    sessions: list[Session] = []
    for i, day in enumerate(days):
        sessions += r.day_sessions(day, ("schedule", "conference", "days", i))
    title = _str(conference.get("title"))
    tz = r.zone or ZoneInfo("UTC")
    first = _date(conference.get("start"))
    last = _date(conference.get("end"))
    spans = [d for s in sessions for d in s.days(tz)] + [d for d in (first, last) if d]
    if not spans and not problems:
        problems.add(
            ("schedule", "conference", "start"),
            "no sessions and no start date: the event's days cannot be known",
            "hakuna vikao wala tarehe ya kuanza: siku za tukio haziwezi kujulikana",
        )
    problems.raise_if_any()
    lang = r.languages.most_common(1)[0][0] if r.languages else "und"
    event_id = _as_id(r.acronym, "schedule")
    organizer = Organization(id="organizer", name=_UNKNOWN_ORGANIZER, kind=OrganizationKind.OTHER)
    rooms = tuple(
        attrs.evolve(room, name=LocalizedText(texts={lang: room.name.get()}))
        for room in r.rooms.values()
    )
    venue = (
        Venue(
            name=LocalizedText(texts={lang: title or _UNTITLED}),
            city="-",
            country="ZZ",
            rooms=rooms,
        )
        if rooms
        else None
    )
    version = _str(document["schedule"].get("version"))
    first_day = min(spans)
    return Event(
        id=event_id,
        title=LocalizedText(texts={lang: title or _UNTITLED}),
        organizer=organizer.id,
        timezone=tz,
        first_day=first_day,
        last_day=max(spans),
        updated=datetime.combine(first_day, time(0), tz),
        description=(
            LocalizedText(texts={lang: d}) if (d := _str(conference.get("description"))) else None
        ),
        url=_str(conference.get("url"))
        if str(conference.get("url", "")).startswith("http")
        else None,
        venue=venue,
        sessions=tuple(sessions),
        people=tuple(r.people.values()),
        organizations=(organizer,),
        revision=int(version) if version and version.isdigit() and len(version) < 10 else 0,
    )


def read_schedule(data: bytes | str | Mapping[str, Any]) -> Event:
    """Read a c3voc, frab or pretalx schedule (``schedule.json`` or ``schedule.xml``).

    *data* is the file's bytes or text (JSON or XML, told apart by the first
    character) or the parsed JSON. Each event of the schedule becomes a
    session: its title, start (``date``, with its offset, read in the
    conference's ``time_zone_name``; or the day and ``start`` in that zone),
    end (``end``, or ``duration``), room, speakers (``persons``) and
    abstract; its ``type`` gives the kind where it names one (``talk``,
    ``workshop``, or one of :class:`~egov_events.SessionKind`). Rooms make
    a venue, the conference's ``acronym`` the event id. Titles and texts are
    tagged with the sessions' ``language`` (``und`` where none is given).
    The event's days span the conference's dates and every session; without
    a ``time_zone_name`` the zone is the first session's offset.

    A file this library wrote reads back with its session ids, times in
    their zone, room names and speakers.

    >>> read_schedule('{"schedule": {"conference": {"title": "Kikao", "days": [{"rooms": '
    ...               '{"Ukumbi": [{"title": "Ufunguzi", "date": "2019-01-30T09:00"}]}}]}}}')
    Traceback (most recent call last):
    ...
    egov_events.errors.ValidationError: no start: expected a date with a UTC offset, e.g. '2019-01-30T09:00:00+03:00' @ $.schedule.conference.days[0].rooms.Ukumbi[0].date

    Raises:
        ValidationError: what cannot be read, every problem with its path;
            this is the only exception, whatever the input.

    """  # noqa: E501 (doctest output)
    problems = _Problems()
    try:
        return _read(_decode(data), problems)
    except _LimitError:
        problems.found.append(
            Problem(
                (),
                f"stopped after {MAX_PROBLEMS} problems: the schedule is not readable",
                sw=f"imesimama baada ya matatizo {MAX_PROBLEMS}: ratiba haisomeki",
            )
        )
        raise ValidationError(problems.found) from None
    except RecursionError:
        raise _fail("nested too deeply to read", "imefumbatwa kwa kina mno kusomeka") from None
    except OverflowError:
        raise _fail(
            "a date out of the range of dates", "tarehe iko nje ya tarehe zinazowezekana"
        ) from None
