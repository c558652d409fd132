"""Swahili and English dates, written and read the way their readers expect.

Swahili first: ``30 Januari 2019``, ``Jumatano, 30 Januari 2019`` and ranges
as ``30 Januari – 2 Februari 2019``; English the same way with English names
(``30 January – 2 February 2019``). The month and day names are tables here,
not the process's locale, so output never depends on the machine.

>>> from datetime import date, time
>>> format_date(date(2019, 1, 30), weekday=True)
'Jumatano, 30 Januari 2019'
>>> format_date_range(date(2019, 1, 30), date(2019, 2, 2), lang="en")
'30 January – 2 February 2019'
>>> format_time(time(9, 0), swahili_clock=True)
'saa 3:00 asubuhi'

Reading goes through python-dateutil's parser, taught Swahili by a
:class:`dateutil.parser.parserinfo` subclass (:func:`parser_info`). It reads
what organizers write, and refuses what it would have to guess:

>>> parse_date_range("Januari 30 hadi Februari 2, 2019")
(datetime.date(2019, 1, 30), datetime.date(2019, 2, 2))
>>> parse_date("tarehe 01 Februari 2019")
datetime.date(2019, 2, 1)
>>> parse_date("01/02/2019")
Traceback (most recent call last):
...
ValueError: '01/02/2019' is ambiguous: it reads as 1 Februari 2019 (day first) or 2 Januari 2019 (month first); write the month as a word, or the date as 2019-02-01
"""  # noqa: E501 (a doctest line)

from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, date, datetime, time
from functools import cache
from typing import TYPE_CHECKING, Any, Final, NamedTuple

if TYPE_CHECKING:
    from dateutil.parser import parserinfo

__all__ = [
    "DAY_NAMES",
    "LANGUAGES",
    "MONTH_NAMES",
    "RANGE_WORDS",
    "SWAHILI_PERIODS",
    "clear_caches",
    "format_date",
    "format_date_range",
    "format_time",
    "language",
    "parse_date",
    "parse_date_range",
    "parser_info",
]

LANGUAGES: tuple[str, ...] = ("sw", "en")
"""The languages this module writes, Swahili first."""

MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "sw": (
        "Januari",
        "Februari",
        "Machi",
        "Aprili",
        "Mei",
        "Juni",
        "Julai",
        "Agosti",
        "Septemba",
        "Oktoba",
        "Novemba",
        "Desemba",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
"""Month names, January first."""

DAY_NAMES: dict[str, tuple[str, ...]] = {
    "sw": ("Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
"""Day names, Monday first (as :meth:`datetime.date.weekday` counts)."""

_DASH = "\N{EN DASH}"


def language(lang: str) -> str:
    """Return the supported language for a tag: ``"sw-TZ"`` -> ``"sw"``.

    >>> language("EN-gb")
    'en'
    >>> language("fr")
    Traceback (most recent call last):
    ...
    ValueError: unsupported language 'fr': expected one of 'sw', 'en'
    """
    primary = lang.split("-", 1)[0].lower() if isinstance(lang, str) else ""
    if primary not in LANGUAGES:
        allowed = ", ".join(repr(code) for code in LANGUAGES)
        msg = f"unsupported language {lang!r}: expected one of {allowed}"
        raise ValueError(msg)
    return primary


def _as_date(value: date, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        msg = f"{name} must be a date, got {type(value).__name__}"
        raise TypeError(msg)
    return value


def format_date(d: date, *, lang: str = "sw", weekday: bool = False) -> str:
    """Write a date as ``30 Januari 2019`` (``Jumatano, 30 Januari 2019`` with *weekday*).

    A datetime is written as its date.

    >>> format_date(date(2019, 2, 1), lang="en", weekday=True)
    'Friday, 1 February 2019'
    """
    code = language(lang)
    d = _as_date(d, "d")
    text = f"{d.day} {MONTH_NAMES[code][d.month - 1]} {d.year}"
    if weekday:
        text = f"{DAY_NAMES[code][d.weekday()]}, {text}"
    return text


def format_date_range(a: date, b: date, *, lang: str = "sw") -> str:
    """Write the days *a* to *b* inclusive, sharing what the two dates share.

    >>> format_date_range(date(2019, 1, 30), date(2019, 1, 31))
    '30–31 Januari 2019'
    >>> format_date_range(date(2019, 12, 30), date(2020, 1, 2), lang="en")
    '30 December 2019 – 2 January 2020'
    >>> format_date_range(date(2019, 2, 1), date(2019, 2, 1))
    '1 Februari 2019'

    Raises:
        ValueError: *b* is before *a*, or the language is not supported.

    """
    code = language(lang)
    a, b = _as_date(a, "a"), _as_date(b, "b")
    if b < a:
        msg = f"the range ends ({b.isoformat()}) before it starts ({a.isoformat()})"
        raise ValueError(msg)
    months = MONTH_NAMES[code]
    if a == b:
        return format_date(a, lang=code)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}{_DASH}{b.day} {months[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {months[a.month - 1]} {_DASH} {b.day} {months[b.month - 1]} {b.year}"
    return f"{format_date(a, lang=code)} {_DASH} {format_date(b, lang=code)}"


# -- time of day ------------------------------------------------------------

SWAHILI_PERIODS: tuple[tuple[time, str], ...] = (
    (time(0, 0), "usiku"),
    (time(4, 0), "alfajiri"),
    (time(6, 0), "asubuhi"),
    (time(12, 0), "mchana"),
    (time(16, 0), "jioni"),
    (time(19, 0), "usiku"),
)
"""The parts of the day the Swahili clock names, each from its start time to the next.

usiku (night) 19:00-03:59, alfajiri (before dawn) 04:00-05:59, asubuhi
(morning) 06:00-11:59, mchana (afternoon) 12:00-15:59, jioni (evening)
16:00-18:59. So ``saa 12 jioni`` is 18:00, ``saa 1 usiku`` 19:00, ``saa 6
usiku`` midnight and ``saa 10 alfajiri`` 04:00.
"""


def _period(t: time) -> str:
    name = SWAHILI_PERIODS[0][1]
    for start, period in SWAHILI_PERIODS:
        if t >= start:
            name = period
    return name


def format_time(t: time | datetime, *, lang: str = "sw", swahili_clock: bool = False) -> str:
    """Write a time of day: ``09:00``, or on the Swahili clock ``saa 3:00 asubuhi``.

    The Swahili clock counts the hours from 6 in the morning and 6 in the
    evening (sunrise and sunset near the equator): 07:00 is ``saa 1``, 18:00
    is ``saa 12``; the part of the day (:data:`SWAHILI_PERIODS`) tells which
    half. Minutes are written, seconds are not. A datetime is written as its
    wall-clock time in its own zone: convert it to the event's zone first.

    >>> format_time(time(9, 0))
    '09:00'
    >>> [format_time(time(h, m), swahili_clock=True) for h, m in [(9, 0), (14, 30), (20, 0)]]
    ['saa 3:00 asubuhi', 'saa 8:30 mchana', 'saa 2:00 usiku']
    >>> [format_time(time(h), swahili_clock=True) for h in (0, 5, 12, 18)]
    ['saa 6:00 usiku', 'saa 11:00 alfajiri', 'saa 6:00 mchana', 'saa 12:00 jioni']
    >>> format_time(time(9, 0), lang="en", swahili_clock=True)
    Traceback (most recent call last):
    ...
    ValueError: the Swahili clock writes Swahili: use lang='sw', or swahili_clock=False

    Raises:
        ValueError: the language is not supported, or the Swahili clock is
            asked for in English.
        TypeError: *t* is not a time or a datetime.

    """
    code = language(lang)
    if isinstance(t, datetime):
        t = t.time()
    if not isinstance(t, time):
        msg = f"t must be a time, got {type(t).__name__}"
        raise TypeError(msg)
    if not swahili_clock:
        return f"{t.hour:02d}:{t.minute:02d}"
    if code != "sw":
        msg = "the Swahili clock writes Swahili: use lang='sw', or swahili_clock=False"
        raise ValueError(msg)
    hour = (t.hour - 6) % 12 or 12
    return f"saa {hour}:{t.minute:02d} {_period(t)}"


# -- reading dates ------------------------------------------------------------

RANGE_WORDS: dict[str, tuple[str, ...]] = {
    "sw": ("hadi", "mpaka", "to", "-", "\N{EN DASH}", "\N{EM DASH}"),
    "en": ("to", "until", "till", "-", "\N{EN DASH}", "\N{EM DASH}"),
}
"""The words and dashes between the two ends of a range, compared without case.

Swahili takes ``to`` too: the 2019 workshop's Swahili page writes
``2019-01-30 To 2019-02-02``.
"""

_SKIP_WORDS: dict[str, tuple[str, ...]] = {
    "sw": ("tarehe", "ya", "siku"),
    "en": ("the",),
}
_SWAHILI_MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
_LANGUAGE_NAMES = {"sw": "Swahili", "en": "English"}
# Fills nothing the caller sees: every part the text lacks is detected and
# reported (or taken from a `year=` argument), never taken from this or today.
_DEFAULT = datetime(2000, 1, 1)  # noqa: DTZ001 (a placeholder for the parser, never returned)


class _Parts(NamedTuple):
    """What the parser found in a text; ``None`` for what the text does not say.

    A named tuple (its class costs less to build at import than an attrs class).
    """

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None
    has_time: bool = False
    century_specified: bool = True


def clear_caches() -> None:
    """Forget the date parsers built so far, one per language (:func:`egov_events.clear_caches`)."""
    _info_class.cache_clear()


@cache
def _info_class(code: str) -> type[parserinfo]:
    """The parserinfo subclass for a language, built on first use (dateutil loads lazily)."""
    from dateutil.parser import parserinfo  # noqa: PLC0415 (lazy: imported on first use)

    months: list[tuple[str, ...]] = (
        [
            (full, short)
            for full, short in zip(MONTH_NAMES["sw"], _SWAHILI_MONTH_ABBREVIATIONS, strict=True)
        ]
        if code == "sw"
        else [(full, full[:3]) for full in MONTH_NAMES["en"]]
    )
    weekdays = [(name, name[:3]) if code == "en" else (name,) for name in DAY_NAMES[code]]

    class _Info(parserinfo):
        MONTHS = months  # type: ignore[assignment]
        WEEKDAYS = weekdays  # type: ignore[assignment]
        JUMP = [*parserinfo.JUMP, *_SKIP_WORDS[code]]  # noqa: RUF012 (dateutil's class attribute)
        # No "am"/"pm" words and no time-zone names: these texts are dates.
        AMPM: list[tuple[str, str]] = []  # noqa: RUF012 (dateutil's class attribute)

        def __init__(self) -> None:
            super().__init__(dayfirst=True)
            self.found: list[_Parts] = []

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            # dateutil would put a two-digit year in the century of today's
            # date; keep it as written so that the caller is told instead.
            return year

        def validate(self, res: Any) -> bool:
            ok = bool(super().validate(res))
            self.found.append(
                _Parts(
                    year=res.year,
                    month=res.month,
                    day=res.day,
                    weekday=res.weekday,
                    has_time=res.hour is not None or res.minute is not None,
                    century_specified=bool(res.century_specified),
                )
            )
            return ok

    _Info.__name__ = _Info.__qualname__ = f"{_LANGUAGE_NAMES[code]}ParserInfo"
    return _Info


def parser_info(lang: str = "sw") -> parserinfo:
    """A fresh :class:`dateutil.parser.parserinfo` that reads *lang* (``"sw"`` or ``"en"``).

    It knows the month names (``Januari`` .. ``Desemba``, three-letter forms
    too), the day names (``Jumatatu`` .. ``Jumapili``) and skips ``tarehe``
    (date), ``ya`` and ``siku`` (day). It never completes a two-digit year
    from today's date. Use it with dateutil directly when you need to:

    >>> from dateutil.parser import parse
    >>> parse("Jumamosi, 2 Februari 2019", parserinfo=parser_info()).date()
    datetime.date(2019, 2, 2)
    """
    return _info_class(language(lang))()


def _describe(parts: _Parts, code: str) -> str:
    words = [str(parts.day)] if parts.day is not None else []
    if parts.month is not None and 1 <= parts.month <= 12:
        words.append(MONTH_NAMES[code][parts.month - 1])
    if parts.year is not None:
        words.append(str(parts.year))
    return " ".join(words)


def _unreadable(text: str, code: str) -> ValueError:
    """The error for a text dateutil cannot read, naming the words the language does not know."""
    info = parser_info(code)
    unknown = []
    for word in text.split():
        word = word.strip(",.;:()").lstrip("0123456789")  # noqa: PLW2901 ("2nd" -> "nd")
        if not any(ch.isalpha() for ch in word) or info.jump(word):
            continue
        if info.month(word) is None and info.weekday(word) is None:
            unknown.append(word)
    if unknown and len(unknown) < len(text.split()):
        listed = ", ".join(repr(w) for w in unknown)
        return ValueError(f"cannot read {text!r} as a date in {_LANGUAGE_NAMES[code]}: {listed}")
    return ValueError(f"no date in {text!r} ({_LANGUAGE_NAMES[code]})")


def _read(text: str, code: str, *, dayfirst: bool) -> _Parts:
    from dateutil.parser import parser  # noqa: PLC0415 (lazy: imported on first use)

    info = _info_class(code)()
    found: list[_Parts] = info.found  # type: ignore[attr-defined]
    try:
        parser(info).parse(text, default=_DEFAULT, dayfirst=dayfirst, ignoretz=True)
    except (ValueError, OverflowError):
        # An impossible date ("31 Februari 2019") fails after the parts were
        # found; they are checked below with a clearer message.
        if not found:
            raise _unreadable(text, code) from None
    return found[-1]


def _read_one(text: str, code: str) -> _Parts:
    """The parts of one date, refusing a text that day-first and month-first read differently."""
    if not text.strip():
        msg = "no date in an empty text"
        raise ValueError(msg)
    try:
        iso = date.fromisoformat(text.strip())
    except ValueError:
        pass
    else:
        return _Parts(year=iso.year, month=iso.month, day=iso.day)
    first = _read(text, code, dayfirst=True)
    other = _read(text, code, dayfirst=False)
    if (first.year, first.month, first.day) != (other.year, other.month, other.day):
        hint = "write the month as a word"
        if None not in (first.year, first.month, first.day) and first.century_specified:
            hint += f", or the date as {first.year:04d}-{first.month:02d}-{first.day:02d}"
        msg = (
            f"{text!r} is ambiguous: it reads as {_describe(first, code)} (day first) "
            f"or {_describe(other, code)} (month first); {hint}"
        )
        raise ValueError(msg)
    return first


def _days_in(year: int, month: int) -> int:
    """How many days *month* of *year* has."""
    import calendar  # noqa: PLC0415 (lazy: it loads the stdlib's locale; only reading needs it)

    return calendar.monthrange(year, month)[1]


def _complete(  # noqa: PLR0912 (one check per part)
    parts: _Parts, text: str, code: str, *, year: int | None, month: int | None = None
) -> date:
    """The date the parts say, with a missing year (or month) taken only from the arguments."""
    months = MONTH_NAMES[code]
    if parts.has_time:
        msg = f"{text!r} has a time of day: only a date is read here"
        raise ValueError(msg)
    two_digit = parts.year is not None and parts.year < 100 and not parts.century_specified
    if parts.year is None and parts.month is None and parts.day is None:
        msg = f"no date in {text!r} ({_LANGUAGE_NAMES[code]})"
        raise ValueError(msg)
    if parts.day is None:
        if two_digit and parts.month is not None:
            last = _days_in(2000, parts.month)
            msg = (
                f"{text!r} is not a date: {parts.year} is not a day of "
                f"{months[parts.month - 1]} (1-{last}), and a year is written with four digits"
            )
        else:
            msg = f"{text!r} has no day of the month"
        raise ValueError(msg)
    got_month = parts.month if parts.month is not None else month
    if got_month is None:
        msg = f"{text!r} has no month"
        raise ValueError(msg)
    if not 1 <= got_month <= 12:
        msg = f"{text!r} is not a date: there is no month {got_month} (1-12)"
        raise ValueError(msg)
    if parts.day < 1:
        msg = f"{text!r} is not a date: there is no day {parts.day}"
        raise ValueError(msg)
    if parts.year is not None and not MINYEAR <= parts.year <= MAXYEAR:
        msg = f"{text!r} is not a date: years run from {MINYEAR} to {MAXYEAR}"
        raise ValueError(msg)
    if two_digit:
        msg = f"{text!r}: write the year with four digits ({parts.year} is not a full year)"
        raise ValueError(msg)
    if parts.year is not None and year is not None and month is None and parts.year != year:
        msg = f"{text!r} says {parts.year}, but year={year} was given"
        raise ValueError(msg)
    got_year = parts.year if parts.year is not None else year
    name = months[got_month - 1]
    last = _days_in(got_year if got_year is not None else 2000, got_month)
    if parts.day > last:
        where = (
            f"{name} {got_year} has {last} days" if got_year else f"{name} has at most {last} days"
        )
        msg = f"{text!r} is not a date: {where}, not {parts.day}"
        raise ValueError(msg)
    if got_year is None:
        msg = f"{text!r} has no year: write it, or pass year="
        raise ValueError(msg)
    result = date(got_year, got_month, parts.day)
    if parts.weekday is not None and parts.weekday != result.weekday():
        days = DAY_NAMES[code]
        msg = (
            f"{text!r} is not a date: {format_date(result, lang=code)} falls on "
            f"{days[result.weekday()]}, not {days[parts.weekday]}"
        )
        raise ValueError(msg)
    return result


def _tokens(text: str) -> list[str]:
    spaced = text.replace("\N{EN DASH}", " \N{EN DASH} ").replace("\N{EM DASH}", " \N{EM DASH} ")
    tokens: list[str] = []
    for word in spaced.split():
        left, dash, right = word.partition("-")
        # "30-31" is a range of days; "2019-01-30" is one date.
        if dash and left.isdigit() and right.isdigit() and len(left) <= 2 and len(right) <= 2:
            tokens += [left, dash, right]
        else:
            tokens.append(word)
    return tokens


def _split_range(text: str, code: str) -> tuple[str, str] | None:
    """The two ends of a range, or ``None`` when the text has no range word."""
    tokens = _tokens(text)
    at = [i for i, token in enumerate(tokens) if token.lower() in RANGE_WORDS[code]]
    if not at:
        return None
    if len(at) > 1:
        words = ", ".join(repr(tokens[i]) for i in at)
        msg = f"{text!r} has more than one range word ({words}): a range has one start and one end"
        raise ValueError(msg)
    start, end = " ".join(tokens[: at[0]]), " ".join(tokens[at[0] + 1 :])
    for side, piece in (("start", start), ("end", end)):
        if not piece.strip(" ,"):
            msg = f"{text!r} has no {side} date"
            raise ValueError(msg)
    return start, end


MAX_DATE_TEXT: Final = 200
"""The longest text read as a date or a range (characters): a longer one is no date,
and refusing it first keeps the parser's work bounded."""


def _text(text: object) -> str:
    if not isinstance(text, str):
        msg = f"text must be a str, got {type(text).__name__}"
        raise TypeError(msg)
    if len(text) > MAX_DATE_TEXT:
        msg = (
            f"{text[:40]!r}... is too long to be a date "
            f"({len(text)} characters, at most {MAX_DATE_TEXT})"
        )
        raise ValueError(msg)
    return text.strip()


def _unexpected(clean: str, exc: Exception) -> ValueError:
    """A ValueError for whatever else the date parser raised on *clean*."""
    return ValueError(f"cannot read {clean!r} as a date ({type(exc).__name__})")


def parse_date(text: str, *, lang: str = "sw", year: int | None = None) -> date:
    """Read one date as organizers write it, in Swahili (default) or English.

    Day and month names are those of *lang*; ISO dates (``2019-02-01``) read
    in both. A missing year is an error unless *year* gives it: the reader
    never takes a part from today's date.

    >>> parse_date("tarehe 2 Februari 2019")
    datetime.date(2019, 2, 2)
    >>> parse_date("Jumatano, 30 Januari 2019")
    datetime.date(2019, 1, 30)
    >>> parse_date("February 2, 2019", lang="en")
    datetime.date(2019, 2, 2)
    >>> parse_date("30 Januari", year=2019)
    datetime.date(2019, 1, 30)
    >>> parse_date("31 Februari 2019")
    Traceback (most recent call last):
    ...
    ValueError: '31 Februari 2019' is not a date: Februari 2019 has 28 days, not 31
    >>> parse_date("30 Januari")
    Traceback (most recent call last):
    ...
    ValueError: '30 Januari' has no year: write it, or pass year=

    Raises:
        ValueError: no date, an impossible or ambiguous one, a missing part,
            a range (use :func:`parse_date_range`), an unsupported language.
        TypeError: *text* is not a string.

    """
    code = language(lang)
    clean = _text(text)
    try:
        if _split_range(clean, code) is not None:
            msg = f"{clean!r} is a range of dates: read it with parse_date_range"
            raise ValueError(msg)
        return _complete(_read_one(clean, code), clean, code, year=year)
    except ValueError:
        raise
    except Exception as exc:  # only ValueError leaves the reader, whatever the text
        raise _unexpected(clean, exc) from None


_ISO_INTERVAL = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})/((?:(?:[0-9]{4}-)?[0-9]{2}-)?[0-9]{2})")
"""An ISO 8601 interval of two calendar dates, ``2019-01-30/2019-02-02`` or ``.../02-02``."""


def _iso_interval(clean: str, first: str, last: str) -> tuple[date, date]:
    # The end's missing leading parts are the start's (ISO 8601-1 section 5.5.5).
    last = first[: len(first) - len(last)] + last
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        msg = f"{clean!r} is not a valid interval of dates: {exc}"
        raise ValueError(msg) from None
    if end < start:
        msg = f"{clean!r} ends ({end.isoformat()}) before it starts ({start.isoformat()})"
        raise ValueError(msg)
    return start, end


def parse_date_range(text: str, *, lang: str = "sw", year: int | None = None) -> tuple[date, date]:
    """Read a range of days, first and last inclusive: ``tarehe 30 - 31 Januari, 2019``.

    The ends are joined by a word of :data:`RANGE_WORDS` (``hadi``,
    ``mpaka``, ``to``, a dash). The start may leave out what it shares with
    the end (its month, its year), as :func:`format_date_range` writes it.
    A single date is a range of one day.

    >>> parse_date_range("tarehe 30 - 31 Januari, 2019")
    (datetime.date(2019, 1, 30), datetime.date(2019, 1, 31))
    >>> parse_date_range("2019-01-30 To 2019-02-02")
    (datetime.date(2019, 1, 30), datetime.date(2019, 2, 2))
    >>> parse_date_range("30 January – 2 February 2019", lang="en")
    (datetime.date(2019, 1, 30), datetime.date(2019, 2, 2))

    An ISO 8601 interval of two dates is read too, its end abbreviated or
    not (section 5.5.5 of ISO 8601-1: the end leaves out what it shares with
    the start):

    >>> parse_date_range("2019-01-30/2019-02-02")
    (datetime.date(2019, 1, 30), datetime.date(2019, 2, 2))
    >>> parse_date_range("2019-01-30/02-02")
    (datetime.date(2019, 1, 30), datetime.date(2019, 2, 2))
    >>> parse_date_range("2 hadi 1 Februari 2019")
    Traceback (most recent call last):
    ...
    ValueError: '2 hadi 1 Februari 2019' ends (2019-02-01) before it starts (2019-02-02)
    >>> parse_date_range("30 Desemba hadi 2 Januari 2020")
    Traceback (most recent call last):
    ...
    ValueError: '30 Desemba hadi 2 Januari 2020' ends (2020-01-02) before it starts (2020-12-30); the start took the end's year: write its own

    Raises:
        ValueError: as :func:`parse_date`, for either end; or the range ends
            before it starts, or has more than one range word.
        TypeError: *text* is not a string.

    """  # noqa: E501 (a doctest line)
    code = language(lang)
    clean = _text(text)
    try:
        return _parse_range(clean, code, year)
    except ValueError:
        raise
    except Exception as exc:  # only ValueError leaves the reader, whatever the text
        raise _unexpected(clean, exc) from None


def _parse_range(clean: str, code: str, year: int | None) -> tuple[date, date]:
    interval = _ISO_INTERVAL.fullmatch(clean)
    if interval is not None:
        return _iso_interval(clean, *interval.groups())
    ends = _split_range(clean, code)
    if ends is None:
        day = parse_date(clean, lang=code, year=year)
        return day, day
    start_text, end_text = ends
    end = _complete(_read_one(end_text, code), end_text, code, year=year)
    start_parts = _read_one(start_text, code)
    start = _complete(start_parts, start_text, code, year=end.year, month=end.month)
    if end < start:
        msg = f"{clean!r} ends ({end.isoformat()}) before it starts ({start.isoformat()})"
        if start_parts.year is None and start_parts.month is not None:
            msg += "; the start took the end's year: write its own"
        raise ValueError(msg)
    return start, end
