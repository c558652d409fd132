"""What feeds, invitations, the linter and the reader share.

- **UIDs** (RFC 5545 section 3.8.4.7), stable across exports, languages and
  versions of the library, built from ids only: :mod:`egov_events.uids`
  (re-exported here for the calendar modules).
- **Time zones**: one VTIMEZONE per zone name, built once per process
  (:func:`vtimezone`) and shared by every feed and cancellation written
  afterwards; invitations write its bytes, saved once, and hold copies.
- **Text**: every TEXT value goes through :func:`text`, which writes line
  breaks as LF, drops the control characters TEXT cannot hold (RFC 5545
  section 3.3.11) and wraps the value in :class:`icalendar.vText`, so it is
  escaped even where icalendar 7.3 would write it verbatim (``NAME``,
  ``X-WR-*`` and ``X-`` properties).
- **Languages**: :func:`choose` picks the text for a reader of a language,
  falling back to the other language where a text is missing.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vCalAddress, vCategory, vText
from icalendar.error import GloballyUniqueTZIDGuessed

from egov_events import enum_names
from egov_events.locale import language
from egov_events.model import (
    Event,
    EventStatus,
    Session,
    SessionKind,
    SessionStatus,
)
from egov_events.text import LocalizedText
from egov_events.uids import UID_DOMAIN, day_uid, feed_uid, group_uid, parse_uid, session_uid

__all__ = [
    "CALENDAR_COLOR",
    "PRODID",
    "REFRESH_INTERVAL",
    "UID_DOMAIN",
    "X_GROUP",
    "X_GROUP_NAME",
    "X_KIND",
    "Categories",
    "Text",
    "categories",
    "check_language",
    "choose",
    "clean",
    "clear_caches",
    "day_uid",
    "feed_uid",
    "group_uid",
    "kind_name",
    "label",
    "organizer_address",
    "parse",
    "parse_uid",
    "session_status",
    "session_uid",
    "text",
    "unescape",
    "utc",
    "vtimezone",
    "zone_name",
]

PRODID: Final = "-//egov_events//egov_events calendar export//EN"
"""PRODID of every calendar (RFC 5545 section 3.7.3); no version number, so
that a new release of the library writes the same bytes."""

CALENDAR_COLOR: Final = "darkgreen"
"""RFC 7986 section 5.9 COLOR of feeds, a CSS3 colour name."""

REFRESH_INTERVAL: Final = timedelta(hours=12)
"""RFC 7986 section 5.7 REFRESH-INTERVAL of feeds: programmes change rarely."""

X_KIND: Final = "X-EGOV-EVENTS-KIND"
"""Non-standard property (RFC 5545 section 3.8.8.2): a session's kind."""
X_GROUP: Final = "X-EGOV-EVENTS-GROUP"
"""Non-standard property: one group id of a session's audience (repeated)."""
X_GROUP_NAME: Final = "X-EGOV-EVENTS-GROUP-NAME"
"""Non-standard calendar property: a group's name; parameter ``X-EGOV-EVENTS-GROUP``
holds its id and ``LANGUAGE`` the language of the name."""


@functools.lru_cache(maxsize=64)
def _vtimezone(key: str) -> Timezone:
    zone = Timezone.from_tzid(key)
    zone.pop("COMMENT", None)
    return zone


def clear_caches() -> None:
    """Forget the VTIMEZONE components built so far (:func:`egov_events.clear_caches`)."""
    _vtimezone.cache_clear()


def vtimezone(key: str) -> Timezone:
    r"""The VTIMEZONE of the zone *key* (RFC 5545 section 3.6.5), a new component at every call.

    It covers 1970 to 2038, icalendar's default range, which keeps local
    mean time offsets with seconds out; icalendar's COMMENT saying so is
    left out, as clients show nothing of it. Building one from the zone
    database is costly, so each zone is built once (at most 64 zones are
    kept) and every call gets its own copy: a calendar never holds a
    component that another calendar holds too.

    >>> print(vtimezone("Africa/Dar_es_Salaam").to_ical().decode().replace("\r\n", "\n"))
    BEGIN:VTIMEZONE
    TZID:Africa/Dar_es_Salaam
    ...
    TZOFFSETTO:+0300
    END:STANDARD
    END:VTIMEZONE
    <BLANKLINE>
    """
    return _vtimezone(key).copy(recursive=True)


def parse(text: str) -> tuple[Calendar | None, str]:
    """Parse one VCALENDAR (RFC 5545 section 3.4); ``(None, why)`` when it is not one."""
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return None, "not an iCalendar object: it does not begin with BEGIN:VCALENDAR"
    try:
        with warnings.catch_warnings():
            # A Mozilla-style TZID (/mozilla.org/.../Europe/Berlin) is read
            # as icalendar reads it, which it reports each time as a guess.
            warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
            cal = Calendar.from_ical(text)
    except OSError:  # icalendar looked a TZID up as a file, and found a folder
        return None, "not an iCalendar object: a TZID names no time zone (e.g. TZID=Europe)"
    except Exception as exc:
        reason = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
        return None, f"not an iCalendar object: {reason[:200]}"
    if not isinstance(cal, Calendar):  # pragma: no cover (BEGIN:VCALENDAR was checked)
        return None, "not an iCalendar object: it does not begin with BEGIN:VCALENDAR"
    return cal, ""


def zone_name(moment: datetime) -> str:
    """The IANA name of the zone of an aware datetime from the model."""
    zone = moment.tzinfo
    if isinstance(zone, ZoneInfo):
        return zone.key
    return "UTC"  # pragma: no cover (the model accepts ZoneInfo zones only)


def utc(moment: datetime) -> datetime:
    """*moment* in UTC, as DTSTAMP and LAST-MODIFIED require (RFC 5545 section 3.8.7.2)."""
    return moment.astimezone(UTC)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean(value: str) -> str:
    r"""*value* as RFC 5545 TEXT can carry it (section 3.3.11).

    Line breaks become LF, the one line break TEXT can express (``\n``), and
    control characters other than tab are dropped, since TEXT cannot hold
    them.

    >>> clean("Ufunguzi\r\nATTENDEE:x\rB\x07")
    'Ufunguzi\nATTENDEE:x\nB'
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}
_SPECIAL = re.compile(r"[\\;,\n]")


class Text(vText):
    r"""A TEXT value escaped in one pass (RFC 5545 section 3.3.11).

    icalendar 7.3's ``vText`` first turns a backslash followed by ``N`` in
    the value into a line break, then escapes: the title ``C:\New`` would be
    written ``C:\nNew`` and read back with a line break. Here every
    backslash is escaped as ``\\``, so every text reads back as it was.
    """

    def to_ical(self) -> bytes:
        return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], str(self)).encode()


class Categories(vCategory):
    """``CATEGORIES`` whose texts are escaped as :class:`Text` escapes them."""

    def to_ical(self) -> bytes:
        return b",".join(Text(str(c)).to_ical() for c in self.cats)


def categories(values: Iterable[str]) -> Categories:
    r"""Categories, each cleaned and escaped like :func:`text`.

    >>> categories(["Kundi, la 1", "C:\\New"]).to_ical()
    b'Kundi\\, la 1,C:\\\\New'
    """
    return Categories([clean(v) for v in values])


def text(value: str) -> Text:
    r"""*value* cleaned and wrapped so that it is always escaped.

    icalendar 7.3 writes ``NAME``, ``X-WR-CALNAME``, ``X-WR-CALDESC`` and
    ``X-`` properties verbatim when given a plain ``str``; a ``Text`` is
    escaped everywhere (``\,`` ``\;`` ``\\`` ``\n``).

    >>> text("Kikao, siku; 1").to_ical()
    b'Kikao\\, siku\\; 1'
    >>> text("C:\\New\nline").to_ical()
    b'C:\\\\New\\nline'
    """
    return Text(clean(value))


_UNESCAPES = {"\\\\": "\\", "\\;": ";", "\\,": ",", "\\n": "\n", "\\N": "\n"}
_ESCAPE = re.compile(r"\\[\\;,nN]")


def unescape(value: str) -> str:
    r"""Undo RFC 5545 TEXT escaping, for values icalendar hands back still escaped.

    >>> unescape(r"Kundi\, la\; kwanza\\ \n2")
    'Kundi, la; kwanza\\ \n2'
    """
    return _ESCAPE.sub(lambda m: _UNESCAPES[m.group()], value)


def choose(value: LocalizedText, lang: str) -> tuple[str, str]:
    """``(language tag, text)`` for a reader of *lang*, the other language where missing.

    >>> choose(LocalizedText.of(en="Lunch"), "sw")
    ('en', 'Lunch')
    """
    other = "en" if lang == "sw" else "sw"
    return value.resolve(lang, fallback=(lang, other))


def check_language(lang: str) -> str:
    """The supported language for *lang* (``ValueError`` for others)."""
    return language(lang)


_LABELS: Final[dict[str, tuple[str, str]]] = {
    "speaker": ("Mzungumzaji", "Speaker"),
    "speakers": ("Wazungumzaji", "Speakers"),
    "chair": ("Mwenyekiti", "Chair"),
    "chairs": ("Wenyeviti", "Chairs"),
    "documents": ("Nyaraka", "Documents"),
    "online": ("Jiunge mtandaoni", "Join online"),
    "join": ("Jiunge", "Join"),
    "programme": ("Ratiba", "Programme"),
    "personal": ("ratiba binafsi", "personal programme"),
    "cancelled": ("kimefutwa", "cancelled"),
}


def label(key: str, lang: str) -> str:
    """A fixed word of the calendars in *lang* (``sw`` or ``en``).

    >>> label("speakers", "sw"), label("speakers", "en")
    ('Wazungumzaji', 'Speakers')
    """
    sw, en = _LABELS[key]
    return sw if lang == "sw" else en


def kind_name(kind: SessionKind, lang: str) -> str:
    """The name of a kind of session in *lang*, for CATEGORIES.

    >>> kind_name(SessionKind.BREAK, "sw"), kind_name(SessionKind.BREAK, "en")
    ('Mapumziko', 'Break')
    """
    return enum_names.name(kind, lang)


def session_status(event: Event, session: Session) -> str:
    """The VEVENT STATUS of a session (RFC 5545 section 3.8.1.11).

    A cancelled event cancels every session; a tentative or postponed event
    makes every session that is not cancelled tentative.
    """
    if event.status is EventStatus.CANCELLED or session.status is SessionStatus.CANCELLED:
        return "CANCELLED"
    if session.status is SessionStatus.TENTATIVE or event.status in {
        EventStatus.TENTATIVE,
        EventStatus.POSTPONED,
    }:
        return "TENTATIVE"
    return "CONFIRMED"


def organizer_address(event: Event, lang: str) -> vCalAddress | None:
    """ORGANIZER: the organizing organization's bare ``mailto:`` with CN, if it has an address.

    RFC 5545 section 3.8.4.3; the display name goes to CN, never into the
    address (``mailto:Name <addr>`` is refused by clients).
    """
    org = event.organization(event.organizer)
    if org.email is None:
        return None
    _, name = choose(org.name, lang)
    address = vCalAddress(f"mailto:{org.email}")
    address.params["CN"] = clean(f"{name} ({org.acronym})" if org.acronym else name)
    return address
