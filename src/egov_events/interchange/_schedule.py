"""Writing the c3voc/frab schedule: ``schedule.json`` (version 1) and ``schedule.xml``.

Both come from one description of the programme (:func:`schedule_json`), so
they always say the same thing; the XML is that description written with
:mod:`xml.etree.ElementTree`, in the element order of the XSD (and with
``<conference>`` near the top, where Giggity looks for it).

One file per language: titles are single strings in the format. Text comes
in the language asked for, falling back to the other language where a text
has none; each session's ``language`` says which one it got.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, Final

from egov_events.interchange import _ids
from egov_events.locale import language
from egov_events.model import Event, Session
from egov_events.text import LocalizedText

__all__ = ["GENERATOR", "SCHEMA_URL", "schedule_json", "schedule_xml", "xml_text"]

SCHEMA_URL: Final = "https://c3voc.de/schedule/schema.json"
GENERATOR: Final = "egov_events"
"""The ``generator`` name in both files; :func:`~egov_events.interchange.read_schedule`
recognizes its own files by it."""

# The schema's own pattern, unanchored at the end as upstream wrote it: zone
# names it refuses ("Etc/GMT-3") are left out of the JSON, whose datetimes
# carry their offsets anyway; the XML, which has no pattern, always names it.
_ZONE_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def _text(value: LocalizedText | None, lang: str) -> tuple[str | None, str | None]:
    """``(tag, text)`` for a reader of *lang*, or ``(None, None)``."""
    if value is None:
        return None, None
    return value.resolve(lang)


def _shown(text: str, ident: str) -> str:
    """*text*, or *ident* where nothing of it would show in XML (control characters only)."""
    return text if xml_text(text).strip() else ident


def _hhmm(delta: timedelta) -> str:
    minutes = math.ceil(delta.total_seconds() / 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _timeslot(event: Event) -> str:
    """The largest slot (at most an hour) that every start and duration is a multiple of."""
    step = 60
    for s in event.sessions:
        local = s.start.astimezone(event.timezone)
        step = math.gcd(step, local.hour * 60 + local.minute)
        step = math.gcd(step, math.ceil(s.duration.total_seconds() / 60))
    return _hhmm(timedelta(minutes=step or 1))


def _room_names(event: Event, lang: str) -> dict[str | None, str]:
    """Each room's name in *lang*, made unique; ``None`` (no room) is the venue."""
    names: dict[str | None, str] = {}
    seen: set[str] = set()
    rooms = event.venue.rooms if event.venue is not None else ()
    for room in rooms:
        name = _shown(room.name.get(lang), room.id)
        if name in seen:
            name = f"{name} ({room.id})"
        seen.add(name)
        names[room.id] = name
    place = _shown((event.venue.name if event.venue is not None else event.title).get(lang), "-")
    while place in seen:
        place = f"{place} ({event.id})"
    names[None] = place
    return names


def _session_url(event: Event, session: Session, guid: str) -> str:
    if session.online_url is not None:
        return session.online_url
    if event.url is not None:
        return f"{event.url}#{session.id}"
    return f"urn:uuid:{guid}"


class _Writer:
    """What one export looks up once: names, GUIDs, numbers, slugs, tracks."""

    def __init__(self, event: Event, lang: str) -> None:
        self.event = event
        self.lang = lang
        self.rooms = _room_names(event, lang)
        self.guids = {s.id: _ids.session_guid(event.id, s.id) for s in event.sessions}
        self.numbers = _ids.numbers(self.guids.values())
        self.slugs = _ids.slugs(event.id, self.guids)
        self.group_names = {g.id: g.name.get(lang) for g in event.groups}
        self.group_order = [g.id for g in event.groups]
        self.tracks: dict[str, str] = {}  # track name -> slug, in order of first use
        self._taken: set[str] = set()

    def track(self, session: Session) -> str | None:
        """The session's audience as a track: its groups' names, in the event's group order."""
        if not session.groups:
            return None
        names = [self.group_names[g] for g in self.group_order if g in session.groups]
        name = " + ".join(names)
        if name not in self.tracks:
            ids = "-".join(g for g in self.group_order if g in session.groups)
            self.tracks[name] = _ids.track_slug(ids, self._taken)
        return name

    def person(self, person_id: str) -> dict[str, Any]:
        person = self.event.person(person_id)
        out: dict[str, Any] = {
            "name": _shown(person.display_name, person.id),
            "guid": _ids.person_guid(self.event.id, person.id),
        }
        bio = _text(person.biography, self.lang)[1]
        if bio is not None:
            out["biography"] = bio
        return out

    def links(self, session: Session) -> list[dict[str, str]]:
        links = []
        for doc_id in session.documents:
            doc = self.event.document(doc_id)
            links.append({"url": doc.url, "title": doc.title.get(self.lang)})
        return links

    def session(self, session: Session) -> dict[str, Any]:
        event, lang = self.event, self.lang
        tag, title = session.title.resolve(lang)
        title = _shown(title, session.id)
        start = session.start.astimezone(event.timezone)
        end = session.end.astimezone(event.timezone)
        guid = self.guids[session.id]
        return {
            "guid": guid,
            "id": self.numbers[guid],
            "date": start.isoformat(),
            "start": start.strftime("%H:%M"),
            "end": end.isoformat(),
            "duration": _hhmm(session.duration),
            "room": self.rooms.get(session.room, self.rooms[None]),
            "slug": self.slugs[session.id],
            "url": _session_url(event, session, guid),
            "title": title,
            "subtitle": "",
            "track": self.track(session),
            "type": session.kind.value,
            "language": tag,
            "abstract": _text(session.description, lang)[1] or "",
            "persons": [self.person(pid) for pid in session.speakers],
            "links": self.links(session),
        }

    def day(self, index: int, day: date, sessions: list[Session]) -> dict[str, Any]:
        tz = self.event.timezone
        if sessions:
            day_start = min(s.start for s in sessions).astimezone(tz)
            day_end = max(s.end for s in sessions).astimezone(tz)
        else:
            day_start = datetime.combine(day, time(0), tz)
            day_end = datetime.combine(day + timedelta(days=1), time(0), tz)
        rooms: dict[str, list[dict[str, Any]]] = {}
        order = [r.id for r in self.event.venue.rooms] if self.event.venue else []
        by_room = {room: [s for s in sessions if s.room == room] for room in [*order, None]}
        for room, items in by_room.items():
            if items:
                rooms[self.rooms[room]] = [self.session(s) for s in items]
        return {
            "index": index,
            "date": day.isoformat(),
            "day_start": day_start.isoformat(),
            "day_end": day_end.isoformat(),
            "rooms": rooms,
        }

    def conference(self) -> dict[str, Any]:
        event, lang = self.event, self.lang
        per_day: dict[date, list[Session]] = {d: [] for d in event.days}
        for s in sorted(event.sessions, key=lambda s: (s.start, s.id)):
            per_day[event.day_of(s.start)].append(s)
        days = [self.day(i, d, per_day[d]) for i, d in enumerate(event.days, start=1)]
        conference: dict[str, Any] = {
            "acronym": _ids.acronym(event.id),
            "title": _shown(event.title.get(lang), event.id),
        }
        description = _text(event.description, lang)[1]
        if description is not None:
            conference["description"] = description
        conference |= {
            "start": event.first_day.isoformat(),
            "end": event.last_day.isoformat(),
            "daysCount": len(event.days),
            "timeslot_duration": _timeslot(event),
        }
        if _ZONE_PATTERN.match(event.timezone.key):
            conference["time_zone_name"] = event.timezone.key
        if event.url is not None:
            conference["url"] = event.url
        used = {s.room for s in event.sessions}
        rooms = event.venue.rooms if event.venue else ()
        conference["rooms"] = [
            {
                "name": self.rooms[room.id],
                "slug": _ids.track_slug(room.id, set()),
                "guid": _ids.room_guid(event.id, room.id),
                **({"capacity": room.capacity} if room.capacity is not None else {}),
            }
            for room in rooms
        ]
        if None in used:
            conference["rooms"].append(
                {"name": self.rooms[None], "guid": _ids.room_guid(event.id, "")}
            )
        conference["tracks"] = [{"name": name, "slug": slug} for name, slug in self.tracks.items()]
        conference["days"] = days
        return conference


def schedule_json(event: Event, *, lang: str = "sw") -> dict[str, Any]:
    """The programme as a c3voc ``schedule.json`` (version 1), in one language.

    The result is a plain ``dict`` for :func:`json.dumps`; it validates
    against the format's JSON Schema, formats included. Each session sits
    under the day it starts on (in the event's zone, days counted from 1)
    and its room's name; ``track`` names its participant groups (``null``
    for a session open to everyone present), and the conference lists the
    tracks with their slugs. Speakers are the ``persons``, with stable
    GUIDs and no e-mail address; documents are the ``links``.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> conference = schedule_json(kikao_kazi_2019(), lang="en")["schedule"]["conference"]
    >>> conference["acronym"], conference["daysCount"], conference["time_zone_name"]
    ('kikao_kazi_2019', 4, 'Africa/Dar_es_Salaam')
    >>> opening = conference["days"][0]["rooms"]["Main hall"][1]
    >>> opening["title"], opening["date"], opening["duration"], opening["track"]
    ('Opening of the workshop (Group 1)', '2019-01-30T09:00:00+03:00', '01:00', 'Group 1')

    ``time_zone_name`` is left out when the schema's pattern refuses the
    zone's name (``Etc/GMT-3``); every datetime carries its offset.

    Raises:
        ValueError: *lang* is not a supported language.

    """
    lang = language(lang)
    writer = _Writer(event, lang)
    conference = writer.conference()
    schedule: dict[str, Any] = {"version": str(event.revision)}
    if event.url is not None:
        schedule["base_url"] = event.url
    schedule["conference"] = conference
    return {"$schema": SCHEMA_URL, "generator": {"name": GENERATOR}, "schedule": schedule}


# XML 1.0 section 2.2: no C0 controls but tab, line feed and carriage return,
# no surrogates, no U+FFFE or U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""*text* without the characters XML 1.0 cannot hold (section 2.2), lines ending in LF.

    A parser turns every CR LF and CR into LF (XML 1.0 section 2.11), so the
    file says so itself.

    >>> xml_text("Kikao\x1f Kazi\r\n")
    'Kikao Kazi\n'
    """
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


_HTTP = re.compile(r"^https?://")


def _xml_event(parent: ET.Element, item: Mapping[str, Any]) -> None:
    element = _sub(parent, "event", guid=item["guid"], id=str(item["id"]))
    for key in ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract"):
        _sub(element, key, item[key])
    _sub(element, "slug", item["slug"])
    _sub(element, "track", item["track"] or "")
    persons = _sub(element, "persons")
    for person in item["persons"]:
        _sub(persons, "person", person["name"], guid=person["guid"])
    _sub(element, "language", item["language"])
    links = _sub(element, "links")
    for link in item["links"]:
        _sub(links, "link", link["title"], href=link["url"])
    if _HTTP.match(item["url"]):
        _sub(element, "url", item["url"])


def schedule_xml(event: Event, *, lang: str = "sw") -> bytes:
    """The programme as a frab/c3voc ``schedule.xml``, in one language (UTF-8 bytes).

    What the conference apps read (EventFahrplan, Giggity, ConfClerk): the
    same content as :func:`schedule_json`, valid against the format's XSD,
    with the time zone's name always given.

    >>> from egov_events.examples import kikao_kazi_2019
    >>> data = schedule_xml(kikao_kazi_2019())
    >>> print(data.decode().splitlines()[2])
      <generator name="egov_events" />
    >>> b'<title>Ufunguzi wa Kikao Kazi (Kundi la Kwanza)</title>' in data
    True

    Raises:
        ValueError: *lang* is not a supported language.

    """
    lang = language(lang)
    data = schedule_json(event, lang=lang)["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR)
    _sub(root, "version", data["version"])
    head = _sub(root, "conference")
    for key in ("title", "acronym", "start", "end"):
        _sub(head, key, conference[key])
    _sub(head, "days", str(conference["daysCount"]))
    _sub(head, "timeslot_duration", conference["timeslot_duration"])
    if "base_url" in data and _HTTP.match(data["base_url"]):
        _sub(head, "base_url", data["base_url"])
    if "url" in conference and _HTTP.match(conference["url"]):
        _sub(head, "url", conference["url"])
    _sub(head, "time_zone_name", event.timezone.key)
    for track in conference["tracks"]:
        _sub(head, "track", name=track["name"], slug=track["slug"])
    guids = {r["name"]: r["guid"] for r in conference["rooms"]}
    for day in conference["days"]:
        day_element = _sub(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, items in day["rooms"].items():
            room = _sub(day_element, "room", name=name, guid=guids[name])
            for item in items:
                _xml_event(room, item)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"
