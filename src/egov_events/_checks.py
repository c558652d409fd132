"""Checks shared by the model classes; each records problems, none raises.

The model classes call these from ``__attrs_post_init__`` so that every
problem of an object is collected before one ``ValidationError`` is raised.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from egov_events.errors import PathPart, Problems, format_path

ID_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")
"""Identifiers: letters, digits, ``.``, ``_`` and ``-``; safe in UIDs and URLs."""

EMAIL_PATTERN = re.compile(
    r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
PHONE_PATTERN = re.compile(r"^\+[1-9][0-9]{6,14}$")
"""Phone numbers in E.164 form: ``+``, the country code, at most 15 digits."""
MEDIA_TYPE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")

Path = tuple[PathPart, ...]


def is_id(value: object) -> bool:
    """Whether *value* is a well-formed identifier (a ``str``, not a subclass).

    >>> is_id("group-1"), is_id("-group"), is_id(1)
    (True, False, False)
    """
    return type(value) is str and ID_PATTERN.fullmatch(value) is not None


is_new_id = is_id
""":func:`is_id` for an object's own id (the same check; the name says where it is used)."""


def are_ids(values: object) -> bool:
    """Whether *values* is a frozenset of well-formed identifiers.

    >>> are_ids(frozenset({"a", "b"})), are_ids(frozenset({"a", ""})), are_ids(["a"])
    (True, False, False)
    """
    return type(values) is frozenset and all(
        type(v) is str and ID_PATTERN.fullmatch(v) is not None for v in values
    )


def are_dates(values: object) -> bool:
    """Whether *values* is a frozenset of dates (and not datetimes).

    >>> from datetime import date, datetime
    >>> are_dates(frozenset({date(2019, 1, 30)})), are_dates(frozenset({datetime(2019, 1, 30)}))
    (True, False)
    """
    return type(values) is frozenset and all(type(v) is date for v in values)


def is_text(value: object) -> bool:
    """Whether *value* is a non-blank ``str``, as :func:`check_text` wants.

    >>> is_text("Dodoma"), is_text(" "), is_text(None)
    (True, False, False)
    """
    return type(value) is str and not value.isspace() and value != ""


def check_id(problems: Problems, path: Path, value: object) -> None:
    """Record a problem unless *value* is a well-formed identifier."""
    if is_id(value):
        return
    if not isinstance(value, str):
        problems.add(
            path,
            f"expected an id (str), got {type(value).__name__}",
            f"kitambulisho (str) kinatarajiwa, kimepewa {type(value).__name__}",
        )
    elif not ID_PATTERN.fullmatch(value):
        problems.add(
            path,
            f"malformed id {value!r}: expected 1 to 128 letters, digits, '.', '_' or "
            "'-', starting and ending with a letter or digit",
            f"kitambulisho {value!r} si sahihi: herufi, tarakimu, '.', '_' au '-' 1 hadi "
            "128, kikianza na kuishia kwa herufi au tarakimu",
        )


def check_ids(problems: Problems, path: Path, values: Iterable[object]) -> None:
    """Check each id of a sequence (indexed paths) or set (the field's path)."""
    if are_ids(values):
        return
    if isinstance(values, tuple | list):
        for i, value in enumerate(values):
            check_id(problems, (*path, i), value)
    else:
        for value in sorted(values, key=str):
            check_id(problems, path, value)


def describe_zone(value: datetime) -> str:
    """Name a datetime's zone for an error message."""
    return value.tzname() or repr(value.tzinfo)


def is_aware(value: object) -> bool:
    """Whether *value* is a datetime in a ``ZoneInfo`` zone, as :func:`check_aware` wants.

    >>> from datetime import datetime, timezone
    >>> is_aware(datetime(2019, 1, 30, tzinfo=ZoneInfo("Africa/Dar_es_Salaam")))
    True
    >>> is_aware(datetime(2019, 1, 30, tzinfo=timezone.utc)), is_aware(datetime(2019, 1, 30))
    (False, False)
    """
    return type(value) is datetime and type(value.tzinfo) is ZoneInfo


def is_score(value: object, low: float, high: float) -> bool:
    """Whether *value* is a float within [low, high], as :func:`check_number` wants.

    >>> is_score(4.0, 1, 5), is_score(6.0, 1, 5), is_score(float("nan"), 1, 5)
    (True, False, False)
    """
    return type(value) is float and low <= value <= high


def check_aware(problems: Problems, path: Path, value: object) -> bool:
    """Record a problem unless *value* is a datetime in a ``ZoneInfo`` zone.

    Returns whether the value can be used in further checks.
    """
    if not isinstance(value, datetime):
        problems.add(
            path,
            f"expected a datetime, got {type(value).__name__}",
            f"datetime inatarajiwa, imepewa {type(value).__name__}",
        )
        return False
    if value.tzinfo is None or value.utcoffset() is None:
        problems.add(
            path,
            f"naive datetime {value.isoformat()}: expected a timezone-aware datetime "
            "in a zoneinfo.ZoneInfo zone, e.g. Africa/Dar_es_Salaam",
            f"datetime {value.isoformat()} haina kanda ya saa: datetime yenye kanda ya "
            "zoneinfo.ZoneInfo inatarajiwa, k.m. Africa/Dar_es_Salaam",
        )
        return False
    if not isinstance(value.tzinfo, ZoneInfo):
        problems.add(
            path,
            f"datetime {value.isoformat()} has a fixed offset ({describe_zone(value)}): "
            "expected a zoneinfo.ZoneInfo zone such as Africa/Dar_es_Salaam, so that "
            "the zone name survives export",
            f"datetime {value.isoformat()} ina tofauti ya saa isiyobadilika "
            f"({describe_zone(value)}): kanda ya zoneinfo.ZoneInfo kama "
            "Africa/Dar_es_Salaam inatarajiwa, ili jina la kanda lihifadhiwe",
        )
        return True
    return True


def check_date(problems: Problems, path: Path, value: object) -> bool:
    """Record a problem unless *value* is a date (and not a datetime)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        problems.add(
            path,
            f"expected a date, got {type(value).__name__}",
            f"tarehe inatarajiwa, imepewa {type(value).__name__}",
        )
        return False
    return True


def check_int(
    problems: Problems,
    path: Path,
    value: object,
    *,
    minimum: int | None = None,
    optional: bool = False,
) -> None:
    """Record a problem unless *value* is an int (not a bool) at least *minimum*."""
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(
            path,
            f"expected an integer, got {type(value).__name__}",
            f"namba kamili inatarajiwa, imepewa {type(value).__name__}",
        )
    elif minimum is not None and value < minimum:
        problems.add(
            path,
            f"must be at least {minimum}, got {value}"
            if minimum
            else f"must not be negative, got {value}",
            f"lazima iwe angalau {minimum}, imepewa {value}"
            if minimum
            else f"isiwe hasi, imepewa {value}",
        )


def check_number(
    problems: Problems,
    path: Path,
    value: object,
    *,
    low: float,
    high: float,
) -> bool:
    """Record a problem unless *value* is a real number within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.add(
            path,
            f"expected a number, got {type(value).__name__}",
            f"namba inatarajiwa, imepewa {type(value).__name__}",
        )
        return False
    if not low <= value <= high:
        problems.add(
            path,
            f"must be between {low:g} and {high:g}, got {value!r}",
            f"lazima iwe kati ya {low:g} na {high:g}, imepewa {value!r}",
        )
        return False
    return True


def check_text(problems: Problems, path: Path, value: object, *, optional: bool = False) -> None:
    """Record a problem unless *value* is a non-blank str."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        problems.add(
            path,
            f"expected text (str), got {type(value).__name__}",
            f"maandishi (str) yanatarajiwa, yamepewa {type(value).__name__}",
        )
    elif not value.strip():
        problems.add(path, "must not be empty", "yasiwe matupu")


def check_email(problems: Problems, path: Path, value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or looks like ``local@domain.tld``."""
    if value is None:
        return
    if not isinstance(value, str) or not EMAIL_PATTERN.fullmatch(value):
        problems.add(
            path,
            f"malformed e-mail address {value!r}: expected name@domain.tld",
            f"anwani ya barua pepe {value!r} si sahihi: jina@kikoa.tld inatarajiwa",
        )


def check_phone(problems: Problems, path: Path, value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or in E.164 form (``+255712345678``).

    Only the shape is checked; ``egov_events.registrations`` parses what
    people type (``0712 345 678``) into this form.
    """
    if value is None:
        return
    if not isinstance(value, str) or not PHONE_PATTERN.fullmatch(value):
        problems.add(
            path,
            f"malformed phone number {value!r}: expected E.164, e.g. +255712345678",
            f"namba ya simu {value!r} si sahihi: E.164 inatarajiwa, mfano +255712345678",
        )


def check_url(problems: Problems, path: Path, value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or an absolute http(s) URL."""
    if value is None:
        return
    from urllib.parse import urlsplit  # noqa: PLC0415 (lazy: costly to import; rarely needed)

    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc:
        problems.add(
            path,
            f"malformed URL {value!r}: expected an absolute http:// or https:// URL",
            f"URL {value!r} si sahihi: URL kamili ya http:// au https:// inatarajiwa",
        )


def check_country(problems: Problems, path: Path, value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or an ISO 3166-1 alpha-2 code."""
    if value is not None and (not isinstance(value, str) or not COUNTRY_PATTERN.fullmatch(value)):
        problems.add(
            path,
            f"malformed country code {value!r}: expected ISO 3166-1 alpha-2, e.g. 'TZ'",
            f"msimbo wa nchi {value!r} si sahihi: ISO 3166-1 alpha-2 unatarajiwa, k.m. 'TZ'",
        )


def check_media_type(problems: Problems, path: Path, value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or a media type like ``application/pdf``."""
    if value is not None and (
        not isinstance(value, str) or not MEDIA_TYPE_PATTERN.fullmatch(value)
    ):
        problems.add(
            path,
            f"malformed media type {value!r}: expected type/subtype, e.g. application/pdf",
            f"aina ya maudhui {value!r} si sahihi: aina/kijamii inatarajiwa, k.m. application/pdf",
        )


def check_enum(problems: Problems, path: Path, value: object, enum: type[Any]) -> None:
    """Record a problem unless *value* is a member of *enum*.

    The message names the enumeration, lists its values and offers the
    closest one:

    >>> from egov_events.model import OrganizationKind
    >>> p = Problems()
    >>> check_enum(p, ("kind",), "minstry", OrganizationKind)
    >>> print(p.found[0].message)  # doctest: +ELLIPSIS
    expected an OrganizationKind ('ministry', ...), got 'minstry'; did you mean 'ministry'?
    """
    if not isinstance(value, enum):
        name = enum.__name__
        values = [str(m.value) for m in enum]
        allowed = ", ".join(repr(v) for v in values)
        hint_en = hint_sw = ""
        if isinstance(value, str):
            close = _close(value, values)
            if close:
                hint_en = f"; did you mean {close!r}?"
                hint_sw = f"; je, ulimaanisha {close!r}?"
        article = "an" if name[:1].lower() in "aeiou" else "a"
        problems.add(
            path,
            f"expected {article} {name} ({allowed}), got {value!r}{hint_en}",
            f"{name} inatarajiwa ({allowed}), imepewa {value!r}{hint_sw}",
        )


def _close(value: str, known: Collection[str]) -> str | None:
    """The known value closest to *value* (ignoring case), if one is close."""
    import difflib  # noqa: PLC0415 (lazy: only on the error path)

    by_folded = {k.casefold(): k for k in sorted(known, reverse=True)}
    close = difflib.get_close_matches(value.casefold(), sorted(by_folded), n=1)
    return by_folded[close[0]] if close else None


def index_ids(
    problems: Problems,
    path: Path,
    items: Iterable[Any],
    *,
    what: str,
    key: str = "id",
) -> dict[str, int]:
    """Map each item's id to its position, recording duplicates.

    The duplicate is reported at its own ``id`` and names where the id was
    first used.
    """
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = getattr(item, key, None)
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = seen[ident]
            problems.add(
                (*path, i, key),
                f"duplicate {what} id {ident!r} (first used at {_fmt((*path, first))})",
                f"kitambulisho {ident!r} cha {_sw(what)} kimerudiwa (kilitumika kwanza "
                f"{_fmt((*path, first))})",
            )
        else:
            seen[ident] = i
    return seen


def _fmt(path: Path) -> str:
    return format_path(path)


def suggest(value: str, known: Collection[str], lang: str = "en") -> str:
    """Describe the allowed values, with a did-you-mean where one is close."""
    close = _close(value, known)
    sw = lang == "sw"
    hint = ""
    if close:
        hint = f"; je, ulimaanisha {close!r}?" if sw else f"; did you mean {close!r}?"
    if not known:
        return ("hakuna kilichofafanuliwa" if sw else "none are defined") + hint
    shown = sorted(known)
    listed = ", ".join(repr(k) for k in shown[:8])
    if len(shown) > 8:
        listed += f", ... ({len(shown)} {'kwa jumla' if sw else 'in all'})"
    return f"{'mojawapo ya' if sw else 'expected one of'} {listed}{hint}"


_SWAHILI_NAMES: Final = {
    "session": "kikao",
    "group": "kundi",
    "participant": "mshiriki",
    "person": "mtu",
    "organization": "taasisi",
    "document": "hati",
    "role": "jukumu",
    "call": "wito",
    "room": "chumba",
    "criterion": "kigezo",
    "submission": "wasilisho",
    "attribute": "sifa",
}


def _sw(what: str) -> str:
    return _SWAHILI_NAMES.get(what, what)


def unknown(problems: Problems, path: Path, what: str, value: str, known: Collection[str]) -> None:
    """Record that *value* names no known *what* (a dangling reference)."""
    problems.add(
        path,
        f"unknown {what} {value!r}: {suggest(value, known)}",
        f"{_sw(what)} {value!r} haijulikani: {suggest(value, known, 'sw')}",
    )


def check_refs(
    problems: Problems,
    path: Path,
    values: Iterable[object] | object,
    known: Mapping[str, int] | Collection[str],
    *,
    what: str,
) -> None:
    """Record a problem for each id in *values* that is not in *known*.

    *values* may be a single id, ``None``, a sequence (indexed paths) or a set
    (reported at the field, in sorted order).
    """
    if values is None:
        return
    if isinstance(values, str):
        if values not in known:
            unknown(problems, path, what, values, known)
        return
    if isinstance(values, tuple | list):
        for i, value in enumerate(values):
            if isinstance(value, str) and value not in known:
                unknown(problems, (*path, i), what, value, known)
        return
    if isinstance(values, Iterable):
        for value in sorted(values, key=str):
            if isinstance(value, str) and value not in known:
                unknown(problems, path, what, value, known)
