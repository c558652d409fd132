r"""Identifiers of the schedule formats, derived from the event's own ids only.

The same event gives the same GUIDs, numbers and slugs in every export, in
every language, whatever else changed: each is a function of ids, never of a
clock or a counter.

- **GUIDs** are UUID version 5 (RFC 9562 section 5.5) in :data:`NAMESPACE`, of
  the session's calendar UID (``<session-id>@<event-id>.egov-events``, as in
  every iCalendar feed), of ``room+<room-id>@...`` and ``person+<person-id>@...``.
  They are not derived from e-mail addresses: a schedule is public and an
  address must not be recoverable from it.
- **Acronyms** follow the c3voc pattern ``^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$``
  (a hyphen only in a ``-YYYY-word`` suffix): the event id in lower case with
  every other character an underscore.
- **Slugs** follow both the JSON pattern ``^[a-z0-9_-]+[a-z0-9]$`` and the
  XSD's ``voc-slug-new`` (``[a-z0-9_]{4,}-[a-z0-9\-_]{4,}``):
  ``<acronym>-<session id>``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from egov_events.uids import session_uid

__all__ = [
    "NAMESPACE",
    "acronym",
    "event_guid",
    "numbers",
    "person_guid",
    "room_guid",
    "series_guid",
    "session_guid",
    "slugs",
    "track_slug",
]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "egov-events")
"""The UUID namespace of every GUID the library writes (a name-based UUID of
the DNS name ``egov-events``)."""

_NOT_ACRONYM = re.compile(r"[^a-z0-9_]")
_NOT_SLUG = re.compile(r"[^a-z0-9_-]")
_NOT_TRACK = re.compile(r"[^a-z0-9]+")


def session_guid(event_id: str, session_id: str) -> str:
    """The GUID of a session: a UUID 5 of its calendar UID.

    >>> session_guid("kikao-kazi-2019", "s-2019-01-30-opening")
    '628dc139-4f8b-529e-9d9d-6cbeeecd8f31'
    """
    return str(uuid.uuid5(NAMESPACE, session_uid(event_id, session_id)))


def event_guid(event_id: str) -> str:
    """The GUID of the event itself (``+`` cannot occur in an id, so no session has it)."""
    return str(uuid.uuid5(NAMESPACE, session_uid(event_id, "+event")))


def series_guid(series_id: str) -> str:
    """The GUID of a series of events (the editions of a workshop)."""
    return str(uuid.uuid5(NAMESPACE, f"series+{series_id}.egov-events"))


def room_guid(event_id: str, room_id: str) -> str:
    """The GUID of a room of the event's venue."""
    return str(uuid.uuid5(NAMESPACE, session_uid(event_id, f"room+{room_id}")))


def person_guid(event_id: str, person_id: str) -> str:
    """The GUID of a person named by the event (never of an e-mail address)."""
    return str(uuid.uuid5(NAMESPACE, session_uid(event_id, f"person+{person_id}")))


def acronym(event_id: str) -> str:
    """The c3voc acronym of an event: at least 4 of ``[a-z0-9_]``.

    >>> acronym("kikao-kazi-2019")
    'kikao_kazi_2019'
    >>> acronym("eGA")
    'ega_'
    """
    return _NOT_ACRONYM.sub("_", event_id.lower()).ljust(4, "_")


def _slug_part(session_id: str) -> str:
    part = _NOT_SLUG.sub("-", session_id.lower())
    return part.rjust(4, "_")  # ids end with a letter or digit, so the slug does too


def slugs(event_id: str, session_ids: Iterable[str]) -> dict[str, str]:
    """Each session's slug, ``<acronym>-<id>``, unique among *session_ids*.

    Ids that differ only in case or punctuation get a numbered suffix, in id
    order, so the result does not depend on the order of the sessions.

    >>> slugs("kikao-kazi-2019", ["s-1", "S.1", "opening"])
    {'S.1': 'kikao_kazi_2019-_s-1', 'opening': 'kikao_kazi_2019-opening', 's-1': 'kikao_kazi_2019-_s-1-2'}
    """  # noqa: E501 (doctest output)
    prefix = acronym(event_id)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for sid in sorted(set(session_ids)):
        slug = base = f"{prefix}-{_slug_part(sid)}"
        n = 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[sid] = slug
    return out


def session_id_from_slug(event_acronym: str, slug: str) -> str:
    """The session id that :func:`slugs` turned into *slug* (lower-cased).

    >>> session_id_from_slug("kikao_kazi_2019", "kikao_kazi_2019-__s1")
    's1'
    """
    return slug.removeprefix(f"{event_acronym}-").lstrip("_")


def numbers(guids: Iterable[str]) -> dict[str, int]:
    """A positive 31-bit number for each GUID (the formats' deprecated ``id``), unique.

    The number comes from the GUID itself, so that apps that remember
    favourites by number keep them when the programme changes; a clash
    (rare) moves the later GUID, in GUID order, to the next free number.
    """
    out: dict[str, int] = {}
    taken: set[int] = set()
    for guid in sorted(set(guids)):
        n = uuid.UUID(guid).int % (2**31 - 1) + 1
        while n in taken:
            n = n % (2**31 - 1) + 1
        taken.add(n)
        out[guid] = n
    return out


def track_slug(text: str, taken: set[str]) -> str:
    """A track slug for both formats (``[a-z][a-z0-9-]+``, ending with a letter or digit).

    >>> track_slug("Group 1", set())
    'group-1'
    >>> track_slug("1", set()), track_slug("a", set())
    ('t-1', 't-a')
    """
    slug = _NOT_TRACK.sub("-", text.lower()).strip("-")
    if len(slug) < 2 or not slug[0].isalpha():
        slug = f"t-{slug}" if slug else "track"
    base, n = slug, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug
