"""The UIDs of the calendar objects the library writes (RFC 5545 section 3.8.4.7).

Stable across exports, languages and versions of the library, built from
ids only, so that every part of the library (calendars, revisions, replies)
names an object the same way:

================================  ===================================================
what                              UID
================================  ===================================================
a session (feeds)                 ``<session-id>@<event-id>.egov-events``
a group's scheduling object       ``group+<group-id>@<event-id>.egov-events``
(invitations, cancellations)
one day of a group, as its own    ``group-day+<group-id>+<YYYY-MM-DD>@<event-id>.egov-events``
object (``instances="per-day"``)
a feed (RFC 7986 calendar UID)    ``feed+event@<event-id>.egov-events``,
                                  ``feed+group+<group-id>@...``,
                                  ``feed+participant+<participant-id>@...``
================================  ===================================================

Ids are letters, digits, ``.``, ``_`` and ``-``, so ``+`` cannot occur in an
id and the kinds never collide.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

__all__ = ["UID_DOMAIN", "day_uid", "feed_uid", "group_uid", "parse_uid", "session_uid"]

UID_DOMAIN: Final = "egov-events"
"""The last label of every UID the library writes."""


def session_uid(event_id: str, session_id: str) -> str:
    """The UID of a session's VEVENT in every feed.

    >>> session_uid("kikao-kazi-2019", "s-2019-01-30-opening")
    's-2019-01-30-opening@kikao-kazi-2019.egov-events'
    """
    return f"{session_id}@{event_id}.{UID_DOMAIN}"


def group_uid(event_id: str, group_id: str) -> str:
    """The UID of a group's scheduling object (invitations and cancellations).

    >>> group_uid("kikao-kazi-2019", "group-1")
    'group+group-1@kikao-kazi-2019.egov-events'
    """
    return f"group+{group_id}@{event_id}.{UID_DOMAIN}"


def day_uid(event_id: str, group_id: str, day: date) -> str:
    """The UID of one day of a group, when each day is its own scheduling object.

    >>> day_uid("kikao-kazi-2019", "group-1", date(2019, 1, 31))
    'group-day+group-1+2019-01-31@kikao-kazi-2019.egov-events'
    """
    return f"group-day+{group_id}+{day.isoformat()}@{event_id}.{UID_DOMAIN}"


def feed_uid(event_id: str, scope: str) -> str:
    """The RFC 7986 UID of a feed; *scope* is ``event``, ``group+<id>`` or ``participant+<id>``.

    >>> feed_uid("kikao-kazi-2019", "group+group-2")
    'feed+group+group-2@kikao-kazi-2019.egov-events'
    """
    return f"feed+{scope}@{event_id}.{UID_DOMAIN}"


_OUR_UID = re.compile(
    r"^(?P<local>[A-Za-z0-9][A-Za-z0-9._+-]*)@(?P<event>[A-Za-z0-9][A-Za-z0-9._-]*)\."
    + re.escape(UID_DOMAIN)
    + "$"
)


def parse_uid(uid: str) -> tuple[str, str, str] | None:
    """Split a UID this library wrote into ``(kind, id, event id)``; ``None`` for others.

    >>> parse_uid("s-2019-01-30-opening@kikao-kazi-2019.egov-events")
    ('session', 's-2019-01-30-opening', 'kikao-kazi-2019')
    >>> parse_uid("group+group-1@kikao-kazi-2019.egov-events")
    ('group', 'group-1', 'kikao-kazi-2019')
    >>> parse_uid("040000008200E00074C5B7101A82E008@example.com") is None
    True
    """
    found = _OUR_UID.fullmatch(uid)
    if found is None:
        return None
    local, event_id = found["local"], found["event"]
    if "+" not in local:
        return "session", local, event_id
    kind, _, rest = local.partition("+")
    return kind, rest, event_id
