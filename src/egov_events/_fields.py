"""One description per model field: how it is converted, checked quickly and checked fully.

Every field of a model class is declared with ``attrs.field`` whose metadata
(:func:`meta`) holds a :class:`Spec`. The spec holds the field's two checks, written side by side
so that a change to the field's rule is made in one place:

- ``quick(value) -> bool``: a fast yes for the common, valid value (it may
  say no to a valid value, never yes to an invalid one);
- ``check(problems, path, value)``: every problem of the value, with its
  path, in English and Swahili.

:func:`validate` runs the quick checks of all fields of an object and, only
when one says no, the full checks, then the object's own cross-field checks,
and raises every problem at once.

The converters here turn what a user's intent makes unambiguous into the
declared type (any iterable into a tuple or frozenset, an enumeration's
value into its member, a mapping of language tags into a
:class:`~egov_events.text.LocalizedText`) and leave everything else as it is,
for the checks to report: a converter never raises, so that one wrong field
does not hide the problems of the others.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from egov_events import _checks as c
from egov_events._spec import (
    SPEC,
    Spec,
    field_problems,
    look_valid,
    looks_valid,
    meta,
    validate,
)
from egov_events.errors import PathPart, Problems, ValidationError
from egov_events.text import LocalizedText, check_language

__all__ = [
    "AWARE",
    "DATE",
    "DATES",
    "DAYS",
    "EMAIL",
    "ID",
    "IDS",
    "ID_SET",
    "LTEXT",
    "OWN_ID",
    "SPEC",
    "TEXT",
    "URL",
    "ZONE",
    "Spec",
    "describe",
    "enum_set",
    "field_problems",
    "integer",
    "look_valid",
    "looks_valid",
    "member",
    "meta",
    "number",
    "objects",
    "optional",
    "to_enum",
    "to_frozenset",
    "to_text",
    "to_tuple",
    "validate",
]

Path = tuple[PathPart, ...]
E = TypeVar("E", bound=enum.Enum)

# -- converters: never raise; what they cannot convert the checks report ----------


def _is_collection(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def to_tuple(value: Any) -> Any:
    """Any iterable (not a string or mapping) as a tuple; anything else as given."""
    if type(value) is tuple or not _is_collection(value):
        return value
    return tuple(value)


def to_frozenset(value: Any) -> Any:
    """Any iterable (not a string or mapping) of hashable items as a frozenset."""
    if type(value) is frozenset or not _is_collection(value):
        return value
    items = tuple(value)
    try:
        return frozenset(items)
    except TypeError:  # unhashable items: the check names them
        return items


def to_enum(cls: type[E], value: Any) -> Any:
    """A member of *cls* for its value (``"ministry"``); anything else as given."""
    if value.__class__ is cls:
        return value
    if type(value) is str:
        try:
            return cls(value)
        except ValueError:
            return value
    return value


def to_text(value: Any) -> Any:
    """A mapping of language tags to texts as a LocalizedText; anything else as given."""
    if type(value) is LocalizedText or not isinstance(value, Mapping):
        return value
    try:
        return LocalizedText(texts=value)
    except ValidationError:
        return value  # the check reports the mapping's problems at their paths


# -- messages ---------------------------------------------------------------------


def _a(name: str) -> str:
    """The English article for a type name: "an OrganizationKind", "a SessionKind"."""
    return "an" if name[:1].lower() in "aeiou" else "a"


def describe(value: object) -> str:
    """What was given, for a message: the type, and a short value for strings.

    >>> describe("Dodoma"), describe(3)
    ("str 'Dodoma'", 'int')
    """
    return _got(value)


def _got(value: object) -> str:
    """What was given, for a message: the type, and a short value for strings."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "..."
        return f"str {shown!r}"
    return type(value).__name__


def _expected(problems: Problems, path: Path, en: str, sw: str, value: object) -> None:
    problems.add(
        path, f"expected {en}, got {_got(value)}", f"{sw} inatarajiwa, imepewa {_got(value)}"
    )


# -- specs ------------------------------------------------------------------------


def optional(spec: Spec) -> Spec:
    """*spec*, or ``None``."""
    quick = spec.quick

    def check(problems: Problems, path: Path, value: object) -> None:
        if value is not None:
            spec.check(problems, path, value)

    return Spec(lambda v: v is None or quick(v), check)


OWN_ID: Final = Spec(c.is_new_id, c.check_id)
"""An object's own id (seen once, so not remembered)."""
ID: Final = Spec(c.is_id, c.check_id)
"""A reference to another object by id."""


def _check_id_set(problems: Problems, path: Path, value: object) -> None:
    if type(value) is not frozenset:
        _expected(problems, path, "a set of ids, e.g. {'a', 'b'}", "seti ya vitambulisho", value)
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                c.check_id(problems, (*path, i), item)
        return
    c.check_ids(problems, path, value)


ID_SET: Final = Spec(c.are_ids, _check_id_set)
"""A frozenset of ids (any iterable of ids is converted)."""


def _ids_quick(value: object) -> bool:
    return type(value) is tuple and all(map(c.is_id, value))


def _check_ids(problems: Problems, path: Path, value: object) -> None:
    if type(value) is not tuple:
        _expected(
            problems, path, "a sequence of ids, e.g. ('a', 'b')", "orodha ya vitambulisho", value
        )
        return
    c.check_ids(problems, path, value)


IDS: Final = Spec(_ids_quick, _check_ids)
"""A tuple of ids, in order (any iterable of ids is converted)."""

TEXT: Final = Spec(c.is_text, c.check_text)
"""A non-blank string on one line (no line breaks or control characters)."""

LINES: Final = Spec(lambda v: c.is_text(v, multiline=True), c.check_lines)
"""A non-blank string that may hold lines (LF, CR and tab; no other control character)."""


def _check_ltext(problems: Problems, path: Path, value: object) -> None:
    if isinstance(value, LocalizedText):
        return
    if isinstance(value, str):
        problems.add(
            path,
            f"expected a LocalizedText, got str {value!r}: the language of a bare string is "
            f"unknown; write LocalizedText.of(sw={value!r}, en=...) or {{'sw': {value!r}, "
            "'en': ...}",
            f"LocalizedText inatarajiwa, imepewa str {value!r}: lugha ya maandishi haijulikani; "
            f"andika LocalizedText.of(sw={value!r}, en=...) au {{'sw': {value!r}, 'en': ...}}",
        )
    elif isinstance(value, Mapping):
        problems.extend(LocalizedText.problems_of(value), *path)
    else:
        _expected(
            problems,
            path,
            "a LocalizedText or a mapping such as {'sw': ..., 'en': ...}",
            "LocalizedText au kamusi kama {'sw': ..., 'en': ...}",
            value,
        )


LTEXT: Final = Spec(lambda v: type(v) is LocalizedText, _check_ltext)
"""Text in one or more languages (a mapping of tags to texts is converted)."""


def _check_title(problems: Problems, path: Path, value: object) -> None:
    _check_ltext(problems, path, value)
    c.check_line_texts(problems, path, value)


def _is_title(value: object) -> bool:
    return type(value) is LocalizedText and all(
        c.text_problems(text) is None for text in value.texts.values()
    )


TITLE: Final = Spec(_is_title, _check_title)
"""A name or title in one or more languages: each text on one line."""


def member(cls: type[enum.Enum]) -> Spec:
    """A member of the enumeration *cls* (its value as a string is converted)."""
    return Spec(lambda v: v.__class__ is cls, lambda p, path, v: c.check_enum(p, path, v, cls))


def enum_set(cls: type[enum.Enum]) -> Spec:
    """A frozenset of members of *cls* (an iterable of members or values is converted)."""

    def check(problems: Problems, path: Path, value: object) -> None:
        if type(value) is not frozenset:
            _expected(problems, path, f"a set of {cls.__name__}", f"seti ya {cls.__name__}", value)
            return
        for item in sorted(value, key=str):
            c.check_enum(problems, path, item, cls)

    return Spec(lambda v: type(v) is frozenset and all(x.__class__ is cls for x in v), check)


def _check_date(problems: Problems, path: Path, value: object) -> None:
    c.check_date(problems, path, value)


DATE: Final = Spec(lambda v: type(v) is date, _check_date)
"""A date (not a datetime)."""


def _check_dates(problems: Problems, path: Path, value: object) -> None:
    if type(value) is not frozenset:
        _expected(problems, path, "a set of dates", "seti ya tarehe", value)
        return
    for day in sorted(value, key=str):
        c.check_date(problems, path, day)


DATES: Final = Spec(c.are_dates, _check_dates)
"""A frozenset of dates."""


def _check_days(problems: Problems, path: Path, value: object) -> None:
    if type(value) is not tuple:
        _expected(problems, path, "a sequence of dates", "orodha ya tarehe", value)
        return
    for i, day in enumerate(value):
        c.check_date(problems, (*path, i), day)


DAYS: Final = Spec(lambda v: type(v) is tuple and all(type(d) is date for d in v), _check_days)
"""A tuple of dates."""

AWARE: Final = Spec(c.is_aware, c.check_aware)
"""A datetime in a zoneinfo zone."""


def _check_zone(problems: Problems, path: Path, value: object) -> None:
    if not isinstance(value, ZoneInfo):
        problems.add(
            path,
            "expected a zoneinfo.ZoneInfo, e.g. ZoneInfo('Africa/Dar_es_Salaam'), "
            f"got {_got(value)}",
            "zoneinfo.ZoneInfo inatarajiwa, k.m. ZoneInfo('Africa/Dar_es_Salaam'), "
            f"imepewa {_got(value)}",
        )
        return
    problem = c.zone_problems(value)
    if problem is not None:
        problems.add(path, *problem)


ZONE: Final = Spec(lambda v: type(v) is ZoneInfo and c.zone_problem(v) is None, _check_zone)
"""A time zone of the IANA database."""


def integer(minimum: int | None = None, maximum: int | None = None) -> Spec:
    """An int (not a bool), at least *minimum* and at most *maximum*."""
    low, high = minimum, maximum

    def quick(value: object) -> bool:
        return (
            type(value) is int and (low is None or value >= low) and (high is None or value <= high)
        )

    return Spec(quick, lambda p, path, v: c.check_int(p, path, v, minimum=low, maximum=high))


LARGEST_SEQUENCE: Final = 2**31 - 1
"""The largest SEQUENCE a calendar can carry (RFC 5545 section 3.3.8: INTEGER is 32 bits)."""

SEQUENCE: Final = integer(0, LARGEST_SEQUENCE)
"""A SEQUENCE number (RFC 5545 section 3.8.7.4): from 0 to :data:`LARGEST_SEQUENCE`."""


def number(low: float, high: float) -> Spec:
    """A real number (int or float, not a bool) within [low, high]."""

    def quick(value: object) -> bool:
        return type(value) in (float, int) and low <= value <= high  # type: ignore[operator]

    return Spec(quick, lambda p, path, v: c.check_number(p, path, v, low=low, high=high))


LARGEST: Final = 1_000_000
"""The largest weight or score a call may use (and the smallest, negated)."""


def scores(score: Spec) -> Spec:
    """A mapping of criterion id to a number described by *score*."""

    def quick(value: object) -> bool:
        return type(value) is MappingProxyType and all(map(score.quick, value.values()))

    def check(problems: Problems, path: Path, value: object) -> None:
        if not isinstance(value, Mapping):
            _expected(
                problems,
                path,
                "a mapping of criterion id to score",
                "kamusi ya kitambulisho cha kigezo kwa alama",
                value,
            )
            return
        for criterion, item in value.items():
            score.check(problems, (*path, criterion), item)

    return Spec(quick, check)


def _never(_: object) -> bool:
    return False


URL: Final = Spec(_never, c.check_url)
"""An absolute http(s) URL."""
EMAIL: Final = Spec(_never, c.check_email)
"""An e-mail address."""
PHONE: Final = Spec(_never, c.check_phone)
"""A phone number in E.164 form."""
COUNTRY: Final = Spec(_never, c.check_country)
"""An ISO 3166-1 alpha-2 country code."""
MEDIA_TYPE: Final = Spec(_never, c.check_media_type)
"""A media type such as ``application/pdf``."""
LANGUAGE: Final = Spec(_never, check_language)
"""A BCP 47 language tag."""


def instance(cls: type) -> Spec:
    """An instance of *cls* (a model class, a rule)."""
    name = cls.__name__

    def check(problems: Problems, path: Path, value: object) -> None:
        if not isinstance(value, cls):
            _expected(problems, path, f"{_a(name)} {name}", name, value)

    return Spec(lambda v: isinstance(v, cls), check)


def objects(cls: type) -> Spec:
    """A tuple of instances of *cls* (any iterable of them is converted)."""
    name = cls.__name__

    def check(problems: Problems, path: Path, value: object) -> None:
        if type(value) is not tuple:
            _expected(problems, path, f"a sequence of {name}", f"orodha ya {name}", value)
            return
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                _expected(problems, (*path, i), f"{_a(name)} {name}", name, item)

    return Spec(lambda v: type(v) is tuple and all(isinstance(x, cls) for x in v), check)


def is_moment(value: object) -> bool:
    """Whether *value* is an aware datetime (cross-field checks compare only those)."""
    return isinstance(value, datetime) and value.utcoffset() is not None


def each(value: object) -> tuple[Any, ...]:
    """*value* if it is a tuple, else nothing: cross-field checks look only at tuples.

    Items of a wrong type stay in place (so that positions in paths are
    right); the checks that use them skip them.
    """
    return value if type(value) is tuple else ()
