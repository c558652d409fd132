"""schema.org JSON-LD: the event for search engines, one document per language.

The workshop is an ``EducationEvent`` organized by a ``GovernmentOrganization``
(or the schema.org type of its kind of organization), held at a ``Place``
with a ``PostalAddress``; its sessions are ``subEvent`` s, each an ``Event``
with its room, audience and ``performer`` s. Text is plain, in the language
asked for (``inLanguage``), as Google reads ``name`` and ``description``; a
page per language links the others with ``hreflang``.

Dates carry their UTC offsets. The status follows Google's rules: a
cancelled event keeps its ``startDate`` and says ``EventCancelled``; an
event or session that moved (given the version before, *previous*) says
``EventRescheduled`` with ``previousStartDate``. No e-mail address is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from egov_events.interchange import _ids
from egov_events.locale import language
from egov_events.model import (
    Event,
    EventStatus,
    Organization,
    OrganizationKind,
    Session,
    SessionStatus,
)

__all__ = ["json_ld"]

SCHEMA: Final = "https://schema.org/"

_ORGANIZATION_TYPES: Final = {
    OrganizationKind.MINISTRY: "GovernmentOrganization",
    OrganizationKind.INDEPENDENT_DEPARTMENT: "GovernmentOrganization",
    OrganizationKind.EXECUTIVE_AGENCY: "GovernmentOrganization",
    OrganizationKind.REGIONAL_SECRETARIAT: "GovernmentOrganization",
    OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY: "GovernmentOrganization",
    OrganizationKind.PUBLIC_CORPORATION: "GovernmentOrganization",
    OrganizationKind.UNIVERSITY: "CollegeOrUniversity",
    OrganizationKind.TECHNICAL_COLLEGE: "CollegeOrUniversity",
    OrganizationKind.RESEARCH_INSTITUTE: "ResearchOrganization",
    OrganizationKind.PRIVATE_COMPANY: "Corporation",
    OrganizationKind.DEVELOPMENT_PARTNER: "NGO",
    OrganizationKind.OTHER: "Organization",
}

_EVENT_STATUS: Final = {
    EventStatus.TENTATIVE: "EventScheduled",
    EventStatus.CONFIRMED: "EventScheduled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.CANCELLED: "EventCancelled",
}


def _iri(name: str) -> str:
    return f"{SCHEMA}{name}"


def _event_id(event: Event) -> str:
    if event.url is not None:
        return f"{event.url}#event"
    return f"urn:uuid:{_ids.event_guid(event.id)}"


def _organization(org: Organization, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": _ORGANIZATION_TYPES.get(org.kind, "Organization"),
        "name": org.name.get(lang),
    }
    if org.acronym:
        out["alternateName"] = org.acronym
    if org.url:
        out["url"] = org.url
    if org.country:
        out["address"] = {"@type": "PostalAddress", "addressCountry": org.country}
    return out


def _place(event: Event, session: Session | None, lang: str) -> dict[str, Any] | None:
    venue = event.venue
    if venue is None:
        return None
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if venue.address:
        address["streetAddress"] = venue.address
    address["addressLocality"] = venue.city
    if venue.region:
        address["addressRegion"] = venue.region
    address["addressCountry"] = venue.country
    name = venue.name.get(lang)
    if session is not None and session.room is not None:
        room = next((r for r in venue.rooms if r.id == session.room), None)
        if room is not None:
            name = f"{room.name.get(lang)}, {name}"
    place: dict[str, Any] = {"@type": "Place", "name": name, "address": address}
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        }
    if venue.url:
        place["url"] = venue.url
    return place


def _location(event: Event, session: Session | None, lang: str) -> Any:
    place = _place(event, session, lang)
    online = session.online_url if session is not None else None
    virtual = {"@type": "VirtualLocation", "url": online} if online else None
    if place is not None and virtual is not None:
        return [place, virtual]
    return place or virtual


def _mode(event: Event, sessions: tuple[Session, ...]) -> str:
    online = any(s.online_url for s in sessions)
    if event.venue is None and online:
        return _iri("OnlineEventAttendanceMode")
    if online:
        return _iri("MixedEventAttendanceMode")
    return _iri("OfflineEventAttendanceMode")


def _person(event: Event, person_id: str, lang: str) -> dict[str, Any]:
    person = event.person(person_id)
    out: dict[str, Any] = {"@type": "Person", "name": person.display_name}
    if person.honorific:
        out["honorificPrefix"] = person.honorific
    if person.position is not None:
        out["jobTitle"] = person.position.get(lang)
    if person.organization is not None:
        org = event.organization(person.organization)
        out["affiliation"] = {
            "@type": _ORGANIZATION_TYPES.get(org.kind, "Organization"),
            "name": org.name.get(lang),
        }
    return out


def _dates(start: datetime, end: datetime, tz: Any) -> dict[str, str]:
    return {
        "startDate": start.astimezone(tz).isoformat(),
        "endDate": end.astimezone(tz).isoformat(),
    }


def _session(event: Event, session: Session, lang: str, previous: Event | None) -> dict[str, Any]:
    guid = _ids.session_guid(event.id, session.id)
    out: dict[str, Any] = {
        "@type": "Event",
        "@id": f"urn:uuid:{guid}",
        "name": session.title.get(lang),
    }
    if session.description is not None:
        out["description"] = session.description.get(lang)
    out |= _dates(session.start, session.end, event.timezone)
    status = "EventScheduled"
    old = None
    if previous is not None:
        old = next((s for s in previous.sessions if s.id == session.id), None)
    if session.status is SessionStatus.CANCELLED or event.status is EventStatus.CANCELLED:
        status = "EventCancelled"
    elif event.status is EventStatus.POSTPONED:
        status = "EventPostponed"
    elif old is not None and old.start != session.start:
        status = "EventRescheduled"
        out["previousStartDate"] = old.start.astimezone(event.timezone).isoformat()
    out["eventStatus"] = _iri(status)
    out["eventAttendanceMode"] = _mode(event, (session,))
    out["inLanguage"] = lang
    location = _location(event, session, lang)
    if location is not None:
        out["location"] = location
    if session.speakers:
        out["performer"] = [_person(event, p, lang) for p in session.speakers]
    if session.chairs:
        out["contributor"] = [_person(event, p, lang) for p in session.chairs]
    if session.groups:
        out["audience"] = [
            {"@type": "Audience", "audienceType": g.name.get(lang)}
            for g in event.groups
            if g.id in session.groups
        ]
    if session.online_url is not None:
        out["url"] = session.online_url
    elif event.url is not None:
        out["url"] = f"{event.url}#{session.id}"
    return out


def _workshop(event: Event, lang: str, previous: Event | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "@id": _event_id(event),
        "name": event.title.get(lang),
    }
    if event.description is not None:
        out["description"] = event.description.get(lang)
    sessions = tuple(sorted(event.sessions, key=lambda s: (s.start, s.id)))
    if sessions:
        start, end = sessions[0].start, max(s.end for s in sessions)
        out |= _dates(start, end, event.timezone)
    else:
        start = None
        out["startDate"] = event.first_day.isoformat()
        out["endDate"] = event.last_day.isoformat()
    status = _EVENT_STATUS[event.status]
    if status == "EventScheduled" and previous is not None and start is not None:
        old = sorted(previous.sessions, key=lambda s: (s.start, s.id))
        if old and old[0].start != start:
            status = "EventRescheduled"
            out["previousStartDate"] = old[0].start.astimezone(event.timezone).isoformat()
    out["eventStatus"] = _iri(status)
    out["eventAttendanceMode"] = _mode(event, sessions)
    out["inLanguage"] = lang
    location = _location(event, None, lang)
    if location is not None:
        out["location"] = location
    if event.url is not None:
        out["url"] = event.url
    out["organizer"] = _organization(event.organization(event.organizer), lang)
    performers = list(event.keynote_speakers)
    for s in sessions:
        performers += [p for p in s.speakers if p not in performers]
    if performers:
        out["performer"] = [_person(event, p, lang) for p in performers]
    if event.sponsors:
        out["sponsor"] = [
            _organization(event.organization(s.organization), lang) for s in event.sponsors
        ]
    if event.theme is not None:
        out["about"] = event.theme.get(lang)
    if event.series is not None:
        out["superEvent"] = {
            "@type": "EventSeries",
            "@id": f"urn:uuid:{_ids.series_guid(event.series)}",
        }
    out["subEvent"] = [_session(event, s, lang, previous) for s in sessions]
    return out


def json_ld(
    event: Event,
    *,
    lang: str = "sw",
    session: str | Session | None = None,
    previous: Event | None = None,
) -> dict[str, Any]:
    r"""schema.org JSON-LD of the event, or of one of its sessions, in one language.

    Without *session*, the whole event (an ``EducationEvent`` with a
    ``subEvent`` per session); with a session (its id or the object), that
    session's own ``Event``, pointing to the event with ``superEvent``, for
    the session's own page. Give *previous*, the version published before,
    to mark what moved as ``EventRescheduled`` with its ``previousStartDate``.

    Put it in a page as ``<script type="application/ld+json">``, written
    with :func:`json.dumps` (escape ``</`` as ``<\/`` in HTML).

    >>> from egov_events.examples import kikao_kazi_2019
    >>> event = kikao_kazi_2019()
    >>> doc = json_ld(event, lang="en")
    >>> doc["@type"], doc["startDate"], doc["endDate"], doc["organizer"]["@type"]
    ('EducationEvent', '2019-01-30T08:00:00+03:00', '2019-02-02T16:30:00+03:00', 'GovernmentOrganization')
    >>> doc["location"]["address"]["addressLocality"], len(doc["subEvent"])
    ('Dodoma', 38)
    >>> json_ld(event, lang="en", session="s-2019-02-01-panel")["superEvent"]["@id"] == doc["@id"]
    True

    Raises:
        ValueError: *lang* is not a supported language.
        KeyError: no session with that id.

    """  # noqa: E501 (doctest output)
    lang = language(lang)
    if session is None:
        return _workshop(event, lang, previous)
    chosen = event.session(session if isinstance(session, str) else session.id)
    out: dict[str, Any] = {"@context": "https://schema.org"}
    out |= _session(event, chosen, lang, previous)
    out["organizer"] = _organization(event.organization(event.organizer), lang)
    out["superEvent"] = {
        "@type": "EducationEvent",
        "@id": _event_id(event),
        "name": event.title.get(lang),
    }
    return out
