"""Feeds: the programme as a published calendar (METHOD:PUBLISH, RFC 5546 section 3.2.1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import Any

import attrs
from icalendar import (
    Calendar,
    Component,
    vCalAddress,
    vDuration,
    vUri,
)
from icalendar import (
    Event as VEvent,
)

from egov_events.ical import _common as k
from egov_events.model import Event, Participant, ParticipantGroup, Session

__all__ = [
    "FeedContext",
    "FeedScope",
    "Property",
    "add_header",
    "calendar",
    "feed_context",
    "feed_header",
    "feed_scope",
    "location",
    "new_calendar",
    "session_properties",
    "session_vevent",
]


def add_header(cal: Calendar, method: str) -> None:
    """Add PRODID, VERSION, CALSCALE and METHOD (RFC 5545 section 3.7)."""
    cal.add("PRODID", k.PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", method)


def new_calendar(event: Event, method: str, zones: Iterable[str]) -> Calendar:
    """An empty VCALENDAR with PRODID, VERSION, CALSCALE, METHOD and the VTIMEZONEs of *zones*.

    Each VTIMEZONE is the one built once per process (:func:`~._common.vtimezone`).
    """
    cal = Calendar()
    add_header(cal, method)
    for key in sorted(set(zones)):
        if key != "UTC":  # UTC is written with "Z" and needs no VTIMEZONE
            cal.add_component(k.vtimezone(key))
    return cal


def location(event: Event, room_id: str | None, lang: str) -> str | None:
    """LOCATION text: room, venue and city in *lang* (RFC 5545 section 3.8.1.7)."""
    venue = event.venue
    if venue is None:
        return None
    parts = []
    if room_id is not None:
        room = next((r for r in venue.rooms if r.id == room_id), None)
        if room is not None:
            parts.append(k.choose(room.name, lang)[1])
    parts.append(k.choose(venue.name, lang)[1])
    if venue.city not in parts[-1]:
        parts.append(venue.city)
    return ", ".join(parts)


def add_place(component: Component, event: Event, session: Session | None, lang: str) -> None:
    """Add LOCATION (in *lang*) and GEO (RFC 5545 section 3.8.1.6) from the venue."""
    place = location(event, session.room if session is not None else None, lang)
    if place is not None:
        component.add("LOCATION", k.text(place), parameters={"LANGUAGE": lang})
    venue = event.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        component.add("GEO", (venue.latitude, venue.longitude))


def _people(event: Event, ids: Sequence[str]) -> str:
    return ", ".join(event.person(pid).display_name for pid in ids)


def _description(event: Event, session: Session, lang: str) -> str:
    """DESCRIPTION: the session's text, speakers, chairs, join link and documents."""
    blocks = []
    if session.description is not None:
        blocks.append(k.choose(session.description, lang)[1])
    people = []
    if session.speakers:
        key = "speaker" if len(session.speakers) == 1 else "speakers"
        people.append(f"{k.label(key, lang)}: {_people(event, session.speakers)}")
    if session.chairs:
        key = "chair" if len(session.chairs) == 1 else "chairs"
        people.append(f"{k.label(key, lang)}: {_people(event, session.chairs)}")
    if people:
        blocks.append("\n".join(people))
    if session.online_url is not None:
        blocks.append(f"{k.label('online', lang)}: {session.online_url}")
    if session.documents:
        lines = [f"{k.label('documents', lang)}:"]
        for doc_id in session.documents:
            doc = event.document(doc_id)
            lines.append(f"- {k.choose(doc.title, lang)[1]}: {doc.url}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@attrs.frozen
class FeedContext:
    """What every VEVENT of one feed shares, looked up once per feed."""

    lang: str
    organizer: vCalAddress | None
    group_names: dict[str, str]
    places: dict[str | None, str | None]


def feed_context(event: Event, lang: str) -> FeedContext:
    """What every VEVENT of a feed in *lang* shares."""
    rooms: list[str | None] = [None, *(r.id for r in event.venue.rooms)] if event.venue else [None]
    return FeedContext(
        lang=lang,
        organizer=k.organizer_address(event, lang),
        group_names={g.id: k.choose(g.name, lang)[1] for g in event.groups},
        places={room: location(event, room, lang) for room in rooms},
    )


Property = tuple[str, Any, dict[str, Any]]
"""One property of a component: name, value and parameters, as ``Component.add`` takes them."""


def session_properties(
    event: Event, session: Session, lang: str, context: FeedContext | None = None
) -> list[Property]:
    """What the VEVENT of one session holds, in the order :func:`session_vevent` adds it.

    The feed's VEVENTs are built from this list (:func:`session_vevent`) and
    the bulk writer writes its content lines from it
    (:class:`~egov_events.ical.FeedExport`), without a component per session.
    """
    ctx = context or feed_context(event, lang)
    props: list[Property] = [
        ("UID", k.session_uid(event.id, session.id), {}),
        ("DTSTAMP", k.utc(event.updated), {}),
        ("SEQUENCE", session.sequence, {}),
        ("DTSTART", session.start, {}),
        ("DTEND", session.end, {}),
    ]
    tag, title = k.choose(session.title, lang)
    props.append(("SUMMARY", k.text(title), {"LANGUAGE": tag}))
    description = _description(event, session, lang)
    if description:
        props.append(("DESCRIPTION", k.text(description), {"LANGUAGE": lang}))
    place = ctx.places.get(session.room, ctx.places.get(None))
    if place is not None:
        props.append(("LOCATION", k.text(place), {"LANGUAGE": lang}))
    venue = event.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        props.append(("GEO", (venue.latitude, venue.longitude), {}))
    props.append(("STATUS", k.session_status(event, session), {}))
    categories = [k.kind_name(session.kind, lang)]
    categories += [ctx.group_names[g.id] for g in event.groups if g.id in session.groups]
    props.append(("CATEGORIES", k.categories(categories), {"LANGUAGE": lang}))
    url = session.online_url or event.url
    if url is not None:
        props.append(("URL", vUri(url), {}))
    if session.online_url is not None:
        # RFC 7986 section 5.11; icalendar's Conference quotes FEATURE as one value.
        conference: dict[str, Any] = {
            "VALUE": "URI",
            "FEATURE": ["AUDIO", "VIDEO"],
            "LABEL": k.label("join", lang),
        }
        props.append(("CONFERENCE", vUri(session.online_url), conference))
    if ctx.organizer is not None:
        props.append(("ORGANIZER", ctx.organizer, {}))
    for doc_id in session.documents:
        doc = event.document(doc_id)
        params = {"VALUE": "URI"}
        if doc.media_type is not None:
            params["FMTTYPE"] = doc.media_type
        props.append(("ATTACH", vUri(doc.url), params))
    props.append((k.X_KIND, k.text(session.kind.value), {}))
    props += [(k.X_GROUP, k.text(group_id), {}) for group_id in sorted(session.groups)]
    return props


def session_vevent(
    event: Event, session: Session, lang: str, context: FeedContext | None = None
) -> VEvent:
    """The VEVENT of one session (RFC 5545 section 3.6.1), without ATTENDEE."""
    ev = VEvent()
    for name, value, parameters in session_properties(event, session, lang, context):
        ev.add(name, value, parameters=parameters)
    return ev


def _names(
    event: Event, lang: str, group: ParticipantGroup | None, personal: bool
) -> list[tuple[str, str]]:
    """``(tag, NAME)`` of the feed, *lang* first, then the title's other languages."""
    tags = [lang, *(t for t in event.title.languages if t != lang)]
    names = []
    for tag in tags:
        title = k.choose(event.title, tag)[1]
        if group is not None:
            title = f"{title}: {k.choose(group.name, tag)[1]}"
        elif personal:
            title = f"{title}: {k.label('personal', tag if tag in ('sw', 'en') else lang)}"
        names.append((tag, title))
    return names


@attrs.frozen
class FeedScope:
    """Which sessions a feed holds, in which language, under which feed UID."""

    lang: str
    group: ParticipantGroup | None
    participant: Participant | None
    sessions: tuple[Session, ...]
    uid_scope: str
    zones: frozenset[str]


def feed_scope(
    event: Event,
    lang: str,
    group: str | ParticipantGroup | None,
    participant: str | Participant | None,
) -> FeedScope:
    """The sessions of the whole event, one group's or one participant's (see :func:`calendar`)."""
    lang = k.check_language(lang)
    if group is not None and participant is not None:
        msg = "give group or participant, not both"
        raise ValueError(msg)
    the_group = event.group(group) if group is not None else None
    the_participant = event.participant(participant) if participant is not None else None
    if the_group is not None:
        sessions = tuple(event.sessions_for_group(the_group))
        scope = f"group+{the_group.id}"
    elif the_participant is not None:
        sessions = tuple(event.sessions_of(the_participant))
        scope = f"participant+{the_participant.id}"
    else:
        sessions = tuple(sorted(event.sessions, key=lambda s: (s.start.astimezone(UTC), s.id)))
        scope = "event"
    zones = {k.zone_name(s.start) for s in sessions} | {k.zone_name(s.end) for s in sessions}
    return FeedScope(lang, the_group, the_participant, sessions, scope, frozenset(zones))


def feed_header(event: Event, scope: FeedScope, source: str | None, *, zones: bool) -> Calendar:
    """The feed's VCALENDAR without VEVENTs, with its VTIMEZONEs if *zones*."""
    lang, the_group, the_participant = scope.lang, scope.group, scope.participant
    sessions = scope.sessions
    cal = new_calendar(event, "PUBLISH", scope.zones if zones else ())
    cal.add("UID", k.feed_uid(event.id, scope.uid_scope))
    for tag, name in _names(event, lang, the_group, the_participant is not None):
        cal.add("NAME", k.text(name), parameters={"LANGUAGE": tag})
    cal.add(
        "X-WR-CALNAME", k.text(_names(event, lang, the_group, the_participant is not None)[0][1])
    )
    if event.description is not None:
        tags = [lang, *(t for t in event.description.languages if t != lang)]
        for tag in dict.fromkeys(k.choose(event.description, t)[0] for t in tags):
            cal.add(
                "DESCRIPTION", k.text(event.description.texts[tag]), parameters={"LANGUAGE": tag}
            )
        cal.add("X-WR-CALDESC", k.text(k.choose(event.description, lang)[1]))
    if len(scope.zones) == 1 and event.timezone.key in scope.zones:
        cal.add("X-WR-TIMEZONE", k.text(event.timezone.key))
    cal.add("LAST-MODIFIED", k.utc(event.updated))
    cal.add("COLOR", k.CALENDAR_COLOR)
    cal.add("REFRESH-INTERVAL", k.REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(k.REFRESH_INTERVAL))
    if event.url is not None:
        cal.add("URL", vUri(event.url))
    if source is not None:
        cal.add("SOURCE", vUri(source))
    used = {g for s in sessions for g in s.groups}
    for g in event.groups:
        if g.id in used:
            tag, name = k.choose(g.name, lang)
            cal.add(k.X_GROUP_NAME, k.text(name), parameters={k.X_GROUP: g.id, "LANGUAGE": tag})
    return cal


def calendar(
    event: Event,
    *,
    lang: str = "sw",
    group: str | ParticipantGroup | None = None,
    participant: str | Participant | None = None,
    source: str | None = None,
) -> Calendar:
    """The programme as a feed (METHOD:PUBLISH): the whole event, one group's, or one person's.

    One VEVENT per session (RFC 5545 section 3.6.1), in the session's own
    time zone with its VTIMEZONE (section 3.2.19), UID
    ``<session-id>@<event-id>.egov-events`` (the same in both languages and
    every version), DTSTAMP from :attr:`Event.updated` in UTC, SEQUENCE from
    each session's :attr:`~egov_events.Session.sequence`. Texts are in
    *lang* (``sw`` or ``en``), the other language where one is missing. The
    calendar carries the RFC 7986 properties NAME and DESCRIPTION in every
    language of the event's title,
    UID, COLOR, REFRESH-INTERVAL, URL and, given *source* (the address the
    feed is published at), SOURCE.

    A feed is public: it names the organizer, never an ATTENDEE or any
    participant's e-mail (RFC 5546 section 3.2.1).

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> feed = calendar(event, group="group-2", lang="en")
    >>> str(feed["METHOD"]), len(feed.events), str(feed.events[0]["SUMMARY"])
    ('PUBLISH', 12, 'Registration of participants')
    >>> str(feed.events[0]["UID"])
    's-2019-02-01-registration@kikao-kazi-2019.egov-events'
    >>> calendar(event, group="kundi-9")
    Traceback (most recent call last):
    ...
    KeyError: "no group with id 'kundi-9': expected one of 'group-1', 'group-2', 'group-3'"

    Raises:
        KeyError: *group* or *participant* is not in the event.
        ValueError: *lang* is not supported, or both *group* and *participant*
            are given.

    """
    scope = feed_scope(event, lang, group, participant)
    cal = feed_header(event, scope, source, zones=True)
    context = feed_context(event, scope.lang)
    for session in scope.sessions:
        cal.add_component(session_vevent(event, session, scope.lang, context))
    return cal
