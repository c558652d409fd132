"""Swahili and English dates, written the way their readers expect.

Swahili first: ``30 Januari 2019``, ``Jumatano, 30 Januari 2019`` and ranges
as ``30 Januari – 2 Februari 2019``; English the same way with English names
(``30 January – 2 February 2019``). The month and day names are tables here,
not the process's locale, so output never depends on the machine.

>>> from datetime import date
>>> format_date(date(2019, 1, 30), weekday=True)
'Jumatano, 30 Januari 2019'
>>> format_date_range(date(2019, 1, 30), date(2019, 2, 2), lang="en")
'30 January – 2 February 2019'
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = [
    "DAY_NAMES",
    "LANGUAGES",
    "MONTH_NAMES",
    "format_date",
    "format_date_range",
    "language",
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
