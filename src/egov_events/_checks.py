"""Checks shared by the model classes; each records problems, none raises.

The model classes call these from ``__attrs_post_init__`` so that every
problem of an object is collected before one ``ValidationError`` is raised.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from egov_events.errors import PathPart, Problems, Suggestions, format_path

ID_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")
"""Identifiers: letters, digits, ``.``, ``_`` and ``-``; safe in UIDs and URLs."""

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = re.compile(rf"^{_ATEXT}(?:\.{_ATEXT})*@{_LABEL}(?:\.{_LABEL})+$")
"""An address: an ASCII dot-atom local part (RFC 5322 section 3.4.1) and a domain name."""

MAX_EMAIL_LENGTH: Final = 254
"""The longest address (RFC 5321 section 4.5.3.1: 64 octets of local part, 255 of path)."""

# The three patterns below are kept as text and compiled by ``re`` (which
# keeps what it compiled) the first time a text needs them: most texts are
# printable and hold no "=?", so no pattern is looked at, and compiling the
# two character classes (a table of the Basic Multilingual Plane each) would
# be a third of what ``import egov_events`` costs in this module.
_NOT_ONE_LINE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
"""What a single-line text refuses: line breaks (CR, LF, NEL, U+2028, U+2029), tab and
other control characters (C0, DEL, C1), and lone surrogates, which UTF-8 cannot encode.
None of them is printable (``str.isprintable``)."""

_NOT_TEXT = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
"""What a multi-line text refuses: the same, but for tab, LF and CR."""

_ENCODED_WORD = r"=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?="
"""An RFC 2047 encoded word, which mail programs would decode in a header; it starts ``=?``."""
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


def is_text(value: object, *, multiline: bool = False) -> bool:
    r"""Whether *value* is a non-blank ``str`` without forbidden characters, as :func:`check_text` wants.

    >>> is_text("Dodoma"), is_text(" "), is_text(None), is_text("Do\ndoma")
    (True, False, False, False)
    >>> is_text("Do\ndoma", multiline=True)
    True
    """  # noqa: E501
    return (
        type(value) is str
        and not value.isspace()
        and value != ""
        and text_problem(value, multiline=multiline) is None
    )


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    r"""Why *value* cannot be text of the model, or ``None``.

    Single-line texts (names, titles, regions, ...) reach e-mail headers,
    calendar properties and table cells, where a line break or a control
    character would end a header or a line; they hold none (not CR, LF, NEL,
    U+2028, U+2029, tab, NUL, DEL or any other C0 or C1 control character),
    and no RFC 2047 encoded word (``=?utf-8?q?...?=``), which mail programs
    would show decoded, as another text. Multi-line texts (descriptions,
    notes, comments, addresses) may hold tab, LF and CR, and nothing else of
    that list but encoded words. No text holds a lone surrogate, which UTF-8
    cannot encode (JSON could not be written).

    >>> print(text_problem("Kikao\r\nBcc: x@example.com"))
    text contains a line break or control character ('\r' at character 5): single-line text holds none
    >>> print(text_problem("=?utf-8?q?Mkurugenzi_Mkuu?="))
    text contains an RFC 2047 encoded word ('=?utf-8?q?Mkurugenzi_Mkuu?='): write the text itself
    >>> text_problem("Mstari 1\nMstari 2", multiline=True) is None
    True
    """  # noqa: E501 (doctest output)
    problem = text_problems(value, multiline=multiline)
    return None if problem is None else problem[0]


def text_problems(value: str, *, multiline: bool = False) -> tuple[str, str] | None:
    """:func:`text_problem` in English and Swahili."""
    bad = None
    if not value.isprintable():  # every character refused is unprintable
        bad = re.search(_NOT_TEXT if multiline else _NOT_ONE_LINE, value)
    if bad is not None:
        where = f"({bad.group()!r} at character {bad.start()})"
        mahali = f"({bad.group()!r} katika herufi ya {bad.start()})"
        if multiline:
            return (
                f"text contains a control character {where}: text holds no other",
                f"maandishi yana herufi ya udhibiti {mahali}: maandishi hayana nyingine",
            )
        return (
            f"text contains a line break or control character {where}: single-line text holds none",
            f"maandishi yana mstari mpya au herufi ya udhibiti {mahali}: maandishi ya "
            "mstari mmoja hayana",
        )
    if not multiline and "=?" in value:
        word = re.search(_ENCODED_WORD, value)
        if word is not None:
            shown = word.group() if len(word.group()) <= 64 else word.group()[:64] + "..."
            return (
                f"text contains an RFC 2047 encoded word ({shown!r}): write the text itself",
                f"maandishi yana neno lililosimbwa la RFC 2047 ({shown!r}): andika maandishi "
                "yenyewe",
            )
    return None


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


@functools.cache
def zone_names() -> frozenset[str]:
    """The zone names accepted: the IANA time zone database's, and ``UTC``.

    ``zoneinfo.available_timezones()`` as installed (the system's database or
    the tzdata package), without ``localtime``, which names whatever zone the
    machine is set to: an event written on one computer would mean another
    time on the next. ``posix/...`` and ``right/...`` copies are not IANA
    names either (and ``right/`` zones count leap seconds).

    >>> "Africa/Dar_es_Salaam" in zone_names(), "localtime" in zone_names()
    (True, False)
    """
    names = {n for n in zoneinfo.available_timezones() if not n.startswith(("posix/", "right/"))}
    return frozenset((names - {"localtime", "posixrules"}) | {"UTC"})


def zone_problem(zone: object) -> str | None:
    """Why *zone* cannot be an event's zone, or ``None`` when it is an IANA zone.

    >>> zone_problem(ZoneInfo("Africa/Dar_es_Salaam")) is None
    True
    >>> print(zone_problem(ZoneInfo("posix/Africa/Dar_es_Salaam")))
    time zone 'posix/Africa/Dar_es_Salaam' is not an IANA time zone name: expected a name such as 'Africa/Dar_es_Salaam' or 'UTC'
    """  # noqa: E501 (doctest output)
    problem = zone_problems(zone)
    return None if problem is None else problem[0]


def zone_problems(zone: object) -> tuple[str, str] | None:
    """:func:`zone_problem` in English and Swahili."""
    if not isinstance(zone, ZoneInfo):
        return (
            f"expected a zoneinfo.ZoneInfo, e.g. ZoneInfo('Africa/Dar_es_Salaam'), "
            f"got {type(zone).__name__}",
            f"zoneinfo.ZoneInfo inatarajiwa, k.m. ZoneInfo('Africa/Dar_es_Salaam'), "
            f"imepewa {type(zone).__name__}",
        )
    if zone.key not in zone_names():
        return (
            f"time zone {zone.key!r} is not an IANA time zone name: expected a name such as "
            "'Africa/Dar_es_Salaam' or 'UTC'",
            f"kanda ya saa {zone.key!r} si jina la IANA: jina kama 'Africa/Dar_es_Salaam' "
            "au 'UTC' linatarajiwa",
        )
    return None


def instant_problem(value: datetime) -> str | None:
    """Why an aware datetime in a ``ZoneInfo`` zone is not one instant, or ``None``.

    The zone must be an IANA zone (:func:`zone_problem`), the wall time must
    exist in it (not skipped by clocks going forward: one rule for the
    constructors and for reading JSON, which refuses such times), and the
    instant must be expressible in UTC (``datetime.min`` east of Greenwich
    is not).

    >>> from datetime import datetime
    >>> london = ZoneInfo("Europe/London")
    >>> instant_problem(datetime(2019, 3, 31, 2, 30, tzinfo=london)) is None
    True
    >>> print(instant_problem(datetime(2019, 3, 31, 1, 30, tzinfo=london)))
    2019-03-31T01:30:00 does not exist in time zone Europe/London: the clocks skip it
    """
    problem = instant_problems(value)
    return None if problem is None else problem[0]


def instant_problems(value: datetime) -> tuple[str, str] | None:
    """:func:`instant_problem` in English and Swahili."""
    zone = value.tzinfo
    problem = zone_problems(zone)
    if problem is not None:
        return problem
    naive = value.replace(tzinfo=None).isoformat()
    try:
        back = value.astimezone(UTC).astimezone(zone)
    except (OverflowError, ValueError):
        return (
            f"{naive} in {zone} cannot be expressed in UTC (out of range)",
            f"{naive} katika {zone} haiwezi kuandikwa kwa UTC (nje ya kiwango)",
        )
    if back.replace(tzinfo=None).isoformat() != naive:
        return (
            f"{naive} does not exist in time zone {zone}: the clocks skip it",
            f"{naive} haipo katika kanda ya saa {zone}: saa zinairuka",
        )
    return None


def is_aware(value: object) -> bool:
    """Whether *value* is a datetime in an IANA zone that exists, as :func:`check_aware` wants.

    >>> from datetime import datetime, timezone
    >>> is_aware(datetime(2019, 1, 30, tzinfo=ZoneInfo("Africa/Dar_es_Salaam")))
    True
    >>> is_aware(datetime(2019, 1, 30, tzinfo=timezone.utc)), is_aware(datetime(2019, 1, 30))
    (False, False)
    """
    return (
        type(value) is datetime
        and type(value.tzinfo) is ZoneInfo
        and instant_problem(value) is None
    )


def utc_order(value: datetime) -> datetime:
    """*value* as a UTC instant, for comparisons where order matters.

    Two datetimes of one zone compare by wall clock, fold ignored (Python's
    rule), so in the hour repeated when clocks go back, 01:15 of the second
    pass would sort before 01:45 of the first; in UTC they sort as they
    happen.

    >>> from datetime import datetime
    >>> london = ZoneInfo("Europe/London")
    >>> later = datetime(2019, 10, 27, 1, 15, fold=1, tzinfo=london)
    >>> earlier = datetime(2019, 10, 27, 1, 45, tzinfo=london)
    >>> later < earlier, utc_order(later) < utc_order(earlier)
    (True, False)
    """
    return value.astimezone(UTC)


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
    problem = instant_problems(value)
    if problem is not None:
        problems.add(path, *problem)
        return False
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
    maximum: int | None = None,
    optional: bool = False,
) -> None:
    """Record a problem unless *value* is an int (not a bool) within [*minimum*, *maximum*]."""
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
    elif maximum is not None and value > maximum:
        problems.add(
            path,
            f"must be at most {maximum}, got {value}",
            f"isizidi {maximum}, imepewa {value}",
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


def check_text(
    problems: Problems,
    path: Path,
    value: object,
    *,
    optional: bool = False,
    multiline: bool = False,
) -> None:
    """Record a problem unless *value* is a non-blank str (see :func:`text_problem`)."""
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
    else:
        problem = text_problems(value, multiline=multiline)
        if problem is not None:
            problems.add(path, *problem)


def check_lines(problems: Problems, path: Path, value: object, *, optional: bool = False) -> None:
    """:func:`check_text` for a text that may hold lines (a description, a note)."""
    check_text(problems, path, value, optional=optional, multiline=True)


def check_line_texts(problems: Problems, path: Path, value: object) -> None:
    """Record a problem for each text of a name or title that is not single-line.

    *value* is a :class:`~egov_events.LocalizedText`; see :func:`text_problem`.
    """
    texts = getattr(value, "texts", None)
    if not isinstance(texts, Mapping):
        return
    for tag, text in texts.items():
        if isinstance(text, str):
            problem = text_problems(text)
            if problem is not None:
                problems.add((*path, str(tag)), *problem)


def email_problem(value: object) -> str | None:
    r"""Why *value* is not an e-mail address the library writes, or ``None``.

    An ASCII dot-atom before the ``@`` (RFC 5322 section 3.4.1: letters,
    digits and ``!#$%&'*+/=?^_`{|}~-``, dots between them), a domain name
    after it, 254 characters at most. Non-ASCII local parts need SMTPUTF8
    (RFC 6531), which not every mail server offers, and quoted local parts
    are refused too; international domains are written in their ``xn--``
    form.

    >>> email_problem("asha.mrisho@ega.go.tz") is None
    True
    >>> print(email_problem("a\x00b@ega.go.tz"))
    malformed e-mail address 'a\x00b@ega.go.tz': expected name@domain.tld
    """
    if (
        not isinstance(value, str)
        or len(value) > MAX_EMAIL_LENGTH
        or not EMAIL_PATTERN.fullmatch(value)
        or len(value.rpartition("@")[0]) > 64
    ):
        shown = (
            repr(value) if not isinstance(value, str) or len(value) <= 80 else f"{value[:80]!r}..."
        )
        return f"malformed e-mail address {shown}: expected name@domain.tld"
    return None


def check_email(problems: Problems, path: Path, value: str | None) -> None:
    """Record a problem unless *value* is ``None`` or an address (:func:`email_problem`)."""
    if value is None:
        return
    problem = email_problem(value)
    if problem is not None:
        problems.add(
            path,
            problem,
            f"anwani ya barua pepe {value!r} si sahihi: "
            "jina@kikoa.tld inatarajiwa (herufi za ASCII kabla ya @)",
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
    problem = url_problem(value)
    if problem is not None:
        problems.add(
            path,
            problem,
            f"URL {value!r} si sahihi: URL kamili ya http:// au https:// inatarajiwa, yenye "
            "herufi za RFC 3986 tu",
        )


_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
"""The characters of a URI (RFC 3986 section 2): no space, no control, nothing else."""


def url_problem(value: object) -> str | None:
    r"""Why *value* is not an absolute http(s) URL, or ``None``.

    The check is made on the text as given: ``urllib.parse.urlsplit`` drops
    tabs and line breaks before it looks, so ``"https://ega.go.tz/\r\nX: y"``
    would pass it and then end a calendar line. A URL holds the characters
    of RFC 3986 section 2 only (others percent-encoded: ``%20``).

    >>> url_problem("https://ega.go.tz/kikao?siku=1") is None
    True
    >>> print(url_problem("https://ega.go.tz/\r\nX: y"))
    malformed URL 'https://ega.go.tz/\r\nX: y': '\r' at character 18 is not allowed in a URL (RFC 3986 section 2; percent-encode it)
    """  # noqa: E501 (doctest output)
    if not isinstance(value, str):
        return f"malformed URL {value!r}: expected an absolute http:// or https:// URL"
    shown = repr(value) if len(value) <= 80 else f"{value[:80]!r}..."
    if value and not _URL_CHARACTERS.fullmatch(value):
        bad = next((i, ch) for i, ch in enumerate(value) if not _URL_CHARACTERS.fullmatch(ch))
        return (
            f"malformed URL {shown}: {bad[1]!r} at character {bad[0]} is not allowed in a URL "
            "(RFC 3986 section 2; percent-encode it)"
        )
    from urllib.parse import urlsplit  # noqa: PLC0415 (lazy: costly to import; rarely needed)

    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in {"http", "https"} or not host:
        return f"malformed URL {shown}: expected an absolute http:// or https:// URL"
    return None


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
            close = _close(value, values, problems.suggestions)
            if close:
                hint_en = f"; did you mean {close!r}?"
                hint_sw = f"; je, ulimaanisha {close!r}?"
        article = "an" if name[:1].lower() in "aeiou" else "a"
        problems.add(
            path,
            f"expected {article} {name} ({allowed}), got {value!r}{hint_en}",
            f"{name} inatarajiwa ({allowed}), imepewa {value!r}{hint_sw}",
        )


def _close(value: str, known: Collection[str], hints: Suggestions | None = None) -> str | None:
    """The known value closest to *value* (ignoring case), if one is close.

    Pass the *hints* of the check in progress (:attr:`Problems.suggestions`)
    so that repeated values are searched once and searches stay bounded.
    """
    return (hints or Suggestions()).close(value, known)


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


def suggest(
    value: str, known: Collection[str], lang: str = "en", *, hints: Suggestions | None = None
) -> str:
    """Describe the allowed values, with a did-you-mean where one is close.

    Pass the *hints* of the check in progress (:attr:`Problems.suggestions`):
    the search is then made once per value and the list of names prepared
    once per set of names, however many values are unknown.
    """
    hints = hints or Suggestions()
    close = hints.close(value, known) if isinstance(value, str) else None
    sw = lang == "sw"
    hint = ""
    if close:
        hint = f"; je, ulimaanisha {close!r}?" if sw else f"; did you mean {close!r}?"
    first, count = hints.listing(known)
    if not count:
        return ("hakuna kilichofafanuliwa" if sw else "none are defined") + hint
    listed = ", ".join(repr(k) for k in first)
    if count > len(first):
        listed += f", ... ({count} {'kwa jumla' if sw else 'in all'})"
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
    """Record that *value* names no known *what* (a dangling reference).

    Past :data:`~egov_events.errors.MAX_PROBLEMS` it is only counted: no
    message (and no did-you-mean search) is made.
    """
    if problems.full:
        problems.omitted += 1
        return
    hints = problems.suggestions
    problems.add(
        path,
        f"unknown {what} {value!r}: {suggest(value, known, hints=hints)}",
        f"{_sw(what)} {value!r} haijulikani: {suggest(value, known, 'sw', hints=hints)}",
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
