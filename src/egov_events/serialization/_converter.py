"""The one converter between the model and plain JSON values.

:func:`make_converter` builds a cattrs converter with strict hooks: a string
is only a string (``5`` is not ``"5"``, ``"false"`` is not ``False``), an
integer only an integer (``1.0`` and ``true`` are not), every object is
checked for unknown and missing fields, and every datetime is an RFC 9557
string whose zone *name* is kept. Errors are collected, never stopped at the
first one, and carry the path of the offending value.

Rules are a tagged union: each class derived from
:class:`~egov_events.rules.Rule` declares its tag as ``op: ClassVar[str]``
and is written as an object with that ``"op"`` first. The classes are found
when the converter is built, so rule classes added to the library later are
picked up without changes here; the base class itself is abstract and has
no tag, so it is never written or read.
"""

from __future__ import annotations

import enum
import math
import operator
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Final, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs
import cattrs
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from egov_events import _checks
from egov_events._fields import ID, OWN_ID
from egov_events._spec import SPEC
from egov_events.errors import PathPart, Problem, ValidationError
from egov_events.model import Event, Participant, ParticipantGroup, problems_beside
from egov_events.rules import MAX_RULE_DEPTH, Rule
from egov_events.serialization._errors import (
    Failures,
    Invalid,
    Nested,
    Several,
    collect,
    describe,
    problems_from,
    reader_problem,
    reading,
    suggestions,
    unknown_field,
)
from egov_events.serialization._json import ReprFloat, encode_text, read_integer
from egov_events.serialization._versions import SCHEMA_VERSION, upgrade
from egov_events.serialization._writer import DocumentWriter, TextWriter
from egov_events.text import LocalizedText

__all__ = [
    "DATETIME_EXAMPLE",
    "MAX_RULE_DEPTH",
    "EventConverter",
    "make_converter",
    "rule_tag",
]


DATETIME_EXAMPLE: Final = "2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]"
"""How a datetime is written (RFC 9557), as the messages show it."""

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?"
# RFC 3339 offsets are hours and minutes; seconds occur only in the local
# mean time of zones before about 1900 (and in Liberia until 1972).
_OFFSET = r"[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?"
ZONE_NAME = r"[A-Za-z0-9_+-]{1,64}(?:/[A-Za-z0-9_+-]{1,64}){0,3}"
"""What an IANA time zone name looks like (``Africa/Dar_es_Salaam``, ``Etc/GMT+3``)."""

DATE_PATTERN: Final = _DATE
"""An ISO 8601 calendar date, ``2019-01-30`` (RFC 3339 ``full-date``)."""

DATETIME_PATTERN: Final = rf"{_DATE}T{_TIME}{_OFFSET}\[{ZONE_NAME}\]"
"""An RFC 9557 datetime with an offset and a zone name, as written and read here."""

_DATETIME = re.compile(rf"({_DATE}T{_TIME})({_OFFSET})\[({ZONE_NAME})\]")
_NAIVE = re.compile(rf"{_DATE}[Tt ]{_TIME}(?:\[[^\]]*\])?")
_NO_ZONE = re.compile(rf"{_DATE}[Tt ]{_TIME}(?:{_OFFSET}|[Zz])")
_DATE_RE = re.compile(_DATE)

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]


def _show(value: object) -> str:
    """A short repr of a string for a message; other values as :func:`describe`."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 64 else f"{value[:64]!r}..."
    return describe(value)


# -- primitives ---------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is str:
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                msg = (
                    f"text contains a lone surrogate ({value[exc.start]!r} at character "
                    f"{exc.start}), which UTF-8 cannot encode"
                )
                raise Invalid(msg) from None
        return value
    raise Invalid(f"expected a string, got {describe(value)}")


def _structure_int(value: Any, _: Any) -> int:
    return read_integer(value)


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, float):  # a ReprFloat from to_document too
        if math.isfinite(value):
            return float(value)
    elif type(value) is int:
        try:
            return float(value)
        except OverflowError:
            pass
    else:
        raise Invalid(f"expected a number, got {describe(value)}")
    raise Invalid(f"{describe(value)} is out of range")


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is bool:
        return value
    raise Invalid(f"expected true or false, got {describe(value)}")


def _unstructure_float(value: float) -> float:
    # An int where a float is due is written as a float, so that equal
    # events (4 == 4.0) give the same document.
    value = float(value)
    # orjson and the standard library write numbers in these ranges differently.
    if value and not 1e-4 <= abs(value) < 1e16:
        return ReprFloat(value)
    return value


# -- dates, times and zones ---------------------------------------------------

_MEMO_LIMIT: Final = 1 << 14
"""How many values each memo of a converter keeps; a full memo starts again empty."""


def _format_offset(offset: timedelta | None) -> str:
    seconds = int(offset.total_seconds()) if offset is not None else 0
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def _explain_datetime(value: str) -> str:
    if _NAIVE.fullmatch(value):
        return (
            f"naive datetime {_show(value)}: expected a UTC offset and a time zone name, "
            f"e.g. {DATETIME_EXAMPLE!r} (RFC 9557)"
        )
    if _NO_ZONE.fullmatch(value):
        return (
            f"datetime {_show(value)} has no time zone name: expected e.g. "
            f"{DATETIME_EXAMPLE!r} (RFC 9557), so that the zone survives, not only its offset"
        )
    return f"malformed datetime {_show(value)}: expected RFC 9557, e.g. {DATETIME_EXAMPLE!r}"


def _write_datetime(value: datetime) -> str:
    zone = value.tzinfo
    if not isinstance(zone, ZoneInfo):
        msg = f"datetime {value.isoformat()} is not in a zoneinfo.ZoneInfo zone"
        raise TypeError(msg)
    return f"{value.isoformat()}[{zone.key}]"


def _unstructure_date(value: date) -> str:
    return value.isoformat()


def _unstructure_zone(value: ZoneInfo) -> str:
    return value.key


def _memos(conv: cattrs.Converter) -> Memos:
    """The memos of *conv*, or new ones for a converter that has none."""
    return conv.memos if isinstance(conv, EventConverter) else Memos()


class Memos:
    """What one converter remembers between values: zones, dates and datetimes read and written.

    Dates, times and zones repeat across a document (days attended, session
    times, review dates): each text is parsed once and each datetime written
    once. Every memo holds at most :data:`_MEMO_LIMIT` values and starts
    again empty when full; failures raise and are not remembered. The memos
    belong to their converter (:attr:`EventConverter.memos`) and live as
    long as it does.
    """

    def __init__(self) -> None:
        """Start empty."""
        self.zones: dict[str, ZoneInfo] = {}
        self.dates: dict[str, date] = {}
        self.datetimes: dict[str, datetime] = {}
        self.written: dict[tuple[datetime, object, int], str] = {}
        self.members: dict[type[enum.Enum], dict[object, enum.Enum]] = {}
        self.zone_names: frozenset[str] | None = None
        self.others: list[dict[Any, Any]] = []

    def new(self) -> dict[Any, Any]:
        """A new memo for a hook of the converter, cleared with the others."""
        memo: dict[Any, Any] = {}
        self.others.append(memo)
        return memo

    def clear(self) -> None:
        """Forget everything remembered."""
        for memo in (self.zones, self.dates, self.datetimes, self.written, self.members):
            memo.clear()
        for memo in self.others:
            memo.clear()
        self.zone_names = None

    @staticmethod
    def _keep(memo: dict[Any, Any], key: Any, value: Any) -> None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[key] = value

    def zone(self, key: str) -> ZoneInfo:
        """The zone named *key*, or :class:`Invalid` naming a close one."""
        zone = self.zones.get(key)
        if zone is not None:
            return zone
        # Only names of the IANA database are read (_checks.zone_names): not
        # ``localtime``, which means another zone on every machine, nor the
        # ``posix/`` and ``right/`` copies. An unknown name costs a set lookup;
        # its did-you-mean search is made once per name and read, a bounded
        # number of times (errors.Suggestions).
        names = _checks.zone_names()
        if key in names:
            zone = ZoneInfo(key)
            self._keep(self.zones, key, zone)
            return zone
        close = suggestions().close(key, names)
        hint = f"; did you mean {close!r}?" if close is not None else ""
        raise Invalid(f"unknown time zone {_show(key)} (IANA time zone database){hint}")

    def structure_zone(self, value: Any, _: Any) -> ZoneInfo:
        """The structure hook of :class:`~zoneinfo.ZoneInfo`."""
        if type(value) is not str:
            raise Invalid(
                f"expected a time zone name such as 'Africa/Dar_es_Salaam', got {describe(value)}"
            )
        return self.zone(value)

    def structure_date(self, value: Any, _: Any) -> date:
        """The structure hook of :class:`~datetime.date`."""
        if type(value) is not str:
            raise Invalid(f"expected a date such as '2019-01-30', got {describe(value)}")
        found = self.dates.get(value)
        if found is not None:
            return found
        if not _DATE_RE.fullmatch(value):
            raise Invalid(f"malformed date {_show(value)}: expected YYYY-MM-DD, e.g. '2019-01-30'")
        try:
            found = date.fromisoformat(value)
        except ValueError as exc:
            raise Invalid(f"invalid date {_show(value)}: {exc}") from None
        self._keep(self.dates, value, found)
        return found

    def structure_datetime(self, value: Any, _: Any) -> datetime:
        """The structure hook of :class:`~datetime.datetime` (RFC 9557 text)."""
        if type(value) is not str:
            raise Invalid(
                f"expected a datetime such as {DATETIME_EXAMPLE!r}, got {describe(value)}"
            )
        found = self.datetimes.get(value)
        if found is None:
            found = self._parse_datetime(value)
            self._keep(self.datetimes, value, found)
        return found

    def _parse_datetime(self, value: str) -> datetime:
        match = _DATETIME.fullmatch(value)
        if match is None:
            raise Invalid(_explain_datetime(value))
        wall, offset, key = match.groups()
        zone = self.zone(key)
        try:
            fixed = datetime.fromisoformat(wall + offset)
            local = fixed.astimezone(zone)
        except (ValueError, OverflowError) as exc:
            raise Invalid(f"invalid datetime {_show(value)}: {exc}") from None
        naive = fixed.replace(tzinfo=None)
        if local.replace(tzinfo=None) == naive:
            return local
        # The offset disagrees with the zone: say what the zone has at that time.
        candidates = [naive.replace(tzinfo=zone, fold=fold) for fold in (0, 1)]
        if all(
            c.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive for c in candidates
        ):
            msg = f"{wall} does not exist in time zone {key}: the clocks skip it"
        else:
            offsets = dict.fromkeys(_format_offset(c.utcoffset()) for c in candidates)
            msg = (
                f"offset {offset} contradicts time zone {key}, which is at "
                f"{' or '.join(offsets)} at {wall}"
            )
        raise Invalid(msg)

    def unstructure_datetime(self, value: datetime) -> str:
        """The unstructure hook of :class:`~datetime.datetime`.

        The memo's key holds the zone and the fold, which equality between
        datetimes of one zone ignores.
        """
        if type(value) is not datetime:
            return _write_datetime(value)
        key = (value, value.tzinfo, value.fold)
        text = self.written.get(key)
        if text is None:
            text = _write_datetime(value)
            self._keep(self.written, key, text)
        return text

    def structure_enum(self, value: Any, cls: type[enum.Enum]) -> enum.Enum:
        """The structure hook of every enumeration: its members by value."""
        members = self.members.get(cls)
        if members is None:
            members = self.members[cls] = {member.value: member for member in cls}
        member = members.get(value) if type(value) is str else None
        if member is not None:
            return member
        values = [str(v) for v in members]
        if type(value) is not str:
            listed = ", ".join(repr(v) for v in values)
            raise Invalid(f"expected {cls.__name__} ({listed}), got {describe(value)}")
        hint = _checks.suggest(value, values, hints=suggestions())
        raise Invalid(f"unknown {cls.__name__} {_show(value)}: {hint}")


_unstructure_enum: Final = operator.attrgetter("_value_")
"""A member's value (``_value_`` is what :attr:`enum.Enum.value` reads, without its descriptor)."""


# -- localized text -----------------------------------------------------------


def _structure_text(value: Any, _: Any) -> LocalizedText:
    if type(value) is not dict:
        raise Invalid(
            'expected an object of language tag to text, e.g. {"sw": "...", "en": "..."}, '
            f"got {describe(value)}"
        )
    errors = Failures()
    for tag, text in value.items():
        try:
            _structure_str(text, str)
        except Invalid as exc:
            collect(errors, tag, exc)
    if errors.failed:
        raise Nested(errors)
    return LocalizedText(texts=value)


def _unstructure_text(value: LocalizedText) -> dict[str, str]:
    texts = value.texts
    if type(texts) is MappingProxyType:  # a LocalizedText keeps its tags in order
        return texts.copy()
    return dict(sorted(texts.items()))


# -- containers ---------------------------------------------------------------


def _is_optional(t: Any) -> bool:
    args = get_args(t)
    return (
        get_origin(t) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
    )


def _is_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_frozenset(t: Any) -> bool:
    return get_origin(t) is frozenset


def _is_mapping(t: Any) -> bool:
    return get_origin(t) in (Mapping, dict)


def _is_rule(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, Rule)


def _optional_inner(t: Any) -> Any:
    return next(a for a in get_args(t) if a is not type(None))


def _structure_optional_factory(t: Any, conv: cattrs.Converter) -> StructureHook:
    inner = _optional_inner(t)
    hook = conv.get_structure_hook(inner)
    if hook is _structure_str:

        def structure_optional_str(value: Any, _: Any) -> Any:
            if value is None or (type(value) is str and value.isascii()):
                return value
            return _structure_str(value, str)

        return structure_optional_str

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def _unstructure_optional_factory(t: Any, conv: cattrs.Converter) -> UnstructureHook:
    hook = conv.get_unstructure_hook(_optional_inner(t))
    if hook is identity:
        return identity

    def unstructure_optional(value: Any) -> Any:
        return None if value is None else hook(value)

    return unstructure_optional


def _structure_items(value: Any, hook: StructureHook, item_type: Any) -> list[Any]:
    if type(value) is not list:
        raise Invalid(f"expected an array, got {describe(value)}")
    items: list[Any] = []
    errors = Failures()
    for i, item in enumerate(value):
        try:
            read = hook(item, item_type)
        except Exception as exc:
            collect(errors, i, exc)
            items.clear()  # the array is wrong: what was read of it is not kept
        else:
            if not errors.failed:
                items.append(read)
    if errors.failed:
        raise Nested(errors)
    return items


def _plain_strings(value: list[Any]) -> bool:
    """Whether every item is an ASCII string, which needs no further check."""
    return all(type(item) is str and item.isascii() for item in value)


def _structure_tuple_factory(t: Any, conv: cattrs.Converter) -> StructureHook:
    item_type = get_args(t)[0]
    hook = conv.get_structure_hook(item_type)
    strings = hook is _structure_str

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if strings and type(value) is list and _plain_strings(value):
            return tuple(value)
        return tuple(_structure_items(value, hook, item_type))

    return structure_tuple


def _unstructure_tuple_factory(t: Any, conv: cattrs.Converter) -> UnstructureHook:
    hook = conv.get_unstructure_hook(get_args(t)[0])
    if hook is identity:
        return list

    def unstructure_tuple(value: tuple[Any, ...]) -> list[Any]:
        return [hook(item) for item in value]

    return unstructure_tuple


def _structure_frozenset_factory(t: Any, conv: cattrs.Converter) -> StructureHook:
    item_type = get_args(t)[0]
    hook = conv.get_structure_hook(item_type)

    strings = hook is _structure_str
    # Sets repeat across a document (the roles, groups and days of a hundred
    # thousand participants): each list of strings read well is remembered
    # with its set, and an equal list later gives the same set object. Only
    # lists of nothing but strings are remembered, and a string equals no
    # other JSON value, so a list holding anything else can never match one.
    # One memo per set type, shared by every hook made for it (and by _direct_builder).
    if isinstance(conv, EventConverter):
        memo = conv.known_sets.get(t)
        if memo is None:
            memo = conv.known_sets[t] = conv.memos.new()
    else:
        memo = Memos().new()

    def structure_frozenset(value: Any, _: Any) -> frozenset[Any]:
        if type(value) is not list:
            raise Invalid(f"expected an array, got {describe(value)}")
        try:
            key = tuple(value)
            known = memo.get(key)
        except TypeError:  # an array or object among the items
            known = None
        else:
            if known is not None:
                return known
        items = _read_set(value)
        if all(type(raw) is str for raw in key):
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[key] = items
        return items

    def _read_set(value: list[Any]) -> frozenset[Any]:
        if strings and _plain_strings(value):
            items = frozenset(value)
            if len(items) == len(value):
                return items
        seen: dict[Any, int] = {}
        errors = Failures()
        for i, raw in enumerate(value):
            try:
                item = hook(raw, item_type)
            except Exception as exc:
                collect(errors, i, exc)
                continue
            if item in seen:
                msg = f"duplicate item {_show(raw)} (first at [{seen[item]}]): list each item once"
                collect(errors, i, Invalid(msg))
            else:
                seen[item] = i
        if errors.failed:
            raise Nested(errors)
        return frozenset(seen)

    return structure_frozenset


def _unstructure_frozenset_factory(t: Any, conv: cattrs.Converter) -> UnstructureHook:
    hook = conv.get_unstructure_hook(get_args(t)[0])
    # Equal sets recur (see _structure_frozenset_factory): each is sorted once.
    # A document for the caller gets a list of its own for each set; one that
    # only becomes JSON text (EventConverter.for_text) gets the sorted tuple
    # itself, shared.
    memo: dict[frozenset[Any], tuple[Any, ...]] = _memos(conv).new()
    shared = isinstance(conv, EventConverter) and conv.shared_sets

    def unstructure_frozenset(value: frozenset[Any]) -> list[Any] | tuple[Any, ...]:
        if type(value) is not frozenset:
            return sorted(map(hook, value))
        known = memo.get(value)
        if known is None:
            known = tuple(sorted(map(hook, value)))
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[value] = known
        return known if shared else list(known)

    return unstructure_frozenset


def _structure_mapping_factory(t: Any, conv: cattrs.Converter) -> StructureHook:
    key_type, value_type = get_args(t)
    key_hook = conv.get_structure_hook(key_type)
    value_hook = conv.get_structure_hook(value_type)

    def structure_mapping(value: Any, _: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise Invalid(f"expected an object, got {describe(value)}")
        result = {}
        errors = Failures()
        for key, item in value.items():
            try:
                result[key_hook(key, key_type)] = value_hook(item, value_type)
            except Exception as exc:
                collect(errors, key, exc)
        if errors.failed:
            raise Nested(errors)
        return result

    return structure_mapping


def _unstructure_mapping_factory(t: Any, conv: cattrs.Converter) -> UnstructureHook:
    key_type, value_type = get_args(t)
    key_hook = conv.get_unstructure_hook(key_type)
    value_hook = conv.get_unstructure_hook(value_type)

    def unstructure_mapping(value: Mapping[Any, Any]) -> dict[Any, Any]:
        return {key_hook(k): value_hook(v) for k, v in sorted(value.items())}

    return unstructure_mapping


# -- classes ------------------------------------------------------------------


def _structure_ascending_days(conv: cattrs.Converter) -> StructureHook:
    """Days of a group: read in order, each once, as the model keeps them.

    The model sorts the days, so a problem it finds at ``days[2]`` is the
    third day in order; requiring that order on input keeps such paths
    pointing at the value the reader wrote.
    """
    hook = conv.get_structure_hook(tuple[date, ...])

    def structure_days(value: Any, t: Any) -> tuple[date, ...]:
        days: tuple[date, ...] = hook(value, t)
        for i in range(1, len(days)):
            if days[i] <= days[i - 1]:
                msg = (
                    f"{days[i].isoformat()} is not after {days[i - 1].isoformat()}: "
                    "list the days in order, each once"
                )
                raise Invalid(msg, i)
        return days

    return structure_days


FIELD_HOOKS: Final[Mapping[tuple[type, str], Callable[[cattrs.Converter], StructureHook]]] = {
    (ParticipantGroup, "days"): _structure_ascending_days,
}
"""Fields read by a hook of their own, stricter than their type alone says."""


def _structure_attrs_factory(cl: type, conv: cattrs.Converter) -> StructureHook:
    overrides = {
        name: override(struct_hook=make(conv))
        for (owner, name), make in FIELD_HOOKS.items()
        if owner is cl
    }
    # One generated function per class; unknown keys are looked for here, so
    # that they are reported together with the problems of the known ones.
    structure: StructureHook = make_dict_structure_fn(
        cl,
        conv,
        _cattrs_forbid_extra_keys=False,
        **overrides,  # type: ignore[arg-type]
    )
    known = frozenset(a.name for a in attrs.fields(cl))
    name = cl.__name__

    def structure_object(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise Invalid(f"expected an object ({name}), got {describe(value)}")
        if value.keys() <= known:
            return structure(value, cl)
        errors = Failures()
        for key in sorted(value.keys() - known, key=str):
            collect(errors, key, Invalid(unknown_field(cl, key)))
        try:
            structure({k: v for k, v in value.items() if k in known}, cl)
        except Exception as exc:
            raise Several([exc, Nested(errors)]) from None
        raise Nested(errors)

    if cl in BUILT_DIRECTLY and isinstance(conv, EventConverter):
        direct = _direct_builder(cl, conv, structure_object)
        if direct is not None:
            return direct
    return structure_object


_REMEMBERED_LENGTH: Final = 128
"""The longest text whose quick check a direct reader remembers (ids are at most 128)."""

BUILT_DIRECTLY: Final = frozenset({Participant})
"""Classes read by a generated function that stores the fields itself (see :func:`_direct_builder`).

Each is a class whose constructor, given values of the declared types,
stores them as they are and runs the quick checks of its fields, and nothing
else (``__attrs_post_init__`` is ``validate(self)``, with no cross-field
check; no attrs validator; converters that return such values unchanged).
A hundred thousand participants are read in a large event.
"""


def _direct_builder(cl: type, conv: EventConverter, slow: StructureHook) -> StructureHook | None:
    """A function reading *cl* that builds the object without its constructor, or ``None``.

    It takes only what it can vouch for: an object with every field, each an
    ASCII string, ``null`` or an ASCII string, an enumeration's value, or an
    array read before into a set (the set is the same object again). It then
    asks each field's quick check of the model, remembering a yes for values
    that repeat (every field but the object's own id; texts up to
    :data:`_REMEMBERED_LENGTH` characters, within the memo limit), and stores the
    fields as the constructor would. On anything else, before any problem is
    counted, it hands the object to *slow* (the generated cattrs function and
    the constructor), which reads it as it always did and says what is wrong
    and where. The answer is the same either way; only the time differs.
    """
    fields = attrs.fields(attrs.resolve_types(cl))
    namespace: dict[str, Any] = {
        "cl": cl,
        "slow": slow,
        "new": object.__new__,
        "store": object.__setattr__,
        "n_fields": len(fields),
        "known": frozenset(a.name for a in fields),
        "limit": _MEMO_LIMIT,
    }
    reads: list[str] = []
    checks: list[str] = []
    stores: list[str] = []
    for i, a in enumerate(fields):
        spec = a.metadata.get(SPEC)
        declared: Any = a.type
        if spec is None or a.validator is not None:
            return None
        v = f"v{i}"
        reads.append(f"    {v} = value[{a.name!r}]")
        hook = conv.get_structure_hook(declared)
        if hook is _structure_str:
            reads.append(f"    if type({v}) is not str or not {v}.isascii(): return slow(value, _)")
        elif _is_optional(declared) and _optional_inner(declared) is str:
            reads.append(
                f"    if {v} is not None and (type({v}) is not str or not {v}.isascii()): "
                "return slow(value, _)"
            )
        elif isinstance(declared, type) and issubclass(declared, enum.Enum):
            namespace[f"members{i}"] = {m.value: m for m in declared}
            reads.append(f"    {v} = members{i}.get({v}) if type({v}) is str else None")
            reads.append(f"    if {v} is None: return slow(value, _)")
        elif declared in conv.known_sets:
            namespace[f"sets{i}"] = conv.known_sets[declared]
            reads.append(f"    if type({v}) is not list: return slow(value, _)")
            reads.append(f"    {v} = sets{i}.get(tuple({v}))")
            reads.append(f"    if {v} is None: return slow(value, _)")
        else:
            return None
        namespace[f"quick{i}"] = spec.quick
        if spec is OWN_ID:  # seen once: nothing to remember
            checks.append(f"    if not quick{i}({v}): return slow(value, _)")
        else:
            namespace[f"seen{i}"] = conv.memos.new()
            # Long texts are checked each time rather than kept between reads.
            short = f"type({v}) is not str or len({v}) <= {_REMEMBERED_LENGTH}"
            checks.append(f"    if {v} not in seen{i}:")
            checks.append(f"        if not quick{i}({v}): return slow(value, _)")
            checks.append(f"        if {short}:")
            checks.append(f"            if len(seen{i}) >= limit: seen{i}.clear()")
            checks.append(f"            seen{i}[{v}] = True")
        stores.append(f"    store(obj, {a.name!r}, {v})")
    source = "\n".join(
        [
            "def build(value, _):",
            "    if type(value) is not dict or len(value) != n_fields:",
            "        return slow(value, _)",
            "    if not value.keys() <= known:",
            "        return slow(value, _)",
            "    try:",
            *("    " + line for line in reads),
            "    except TypeError:  # an array or object among the items of a set",
            "        return slow(value, _)",
            *checks,
            "    obj = new(cl)",
            *stores,
            "    return obj",
            "",
        ]
    )
    filename = f"<egov_events direct reader of {cl.__qualname__}>"
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102
    built: StructureHook = namespace["build"]
    return built


# -- rules --------------------------------------------------------------------


def rule_tag(cls: type[Rule]) -> str:
    """The ``op`` that names *cls* on the wire.

    Each rule class declares its own (``op: ClassVar[str] = "all"``); an
    inherited tag does not count, so that two classes can never share one.

    >>> from egov_events.rules import HasRole
    >>> rule_tag(HasRole)
    'has_role'

    Raises:
        TypeError: *cls* declares no tag (the abstract base :class:`Rule` has none).

    """
    tag = cls.__dict__.get("op")
    if not isinstance(tag, str) or not tag:
        msg = (
            f"rule class {cls.__module__}.{cls.__qualname__} declares no tag: "
            "give it op: ClassVar[str] = '...'"
        )
        raise TypeError(msg)
    return tag


def discover_rules() -> dict[str, type[Rule]]:
    """Every rule class defined so far, by tag, in tag order; not the abstract base.

    >>> discover_rules()["has_role"]
    <class 'egov_events.rules._nodes.HasRole'>

    Raises:
        TypeError: a class declares no tag, or two declare the same one.

    """
    found: dict[str, type[Rule]] = {}
    pending: list[type[Rule]] = list(Rule.__subclasses__())
    while pending:
        cls = pending.pop()
        if "__attrs_base_of_slotted__" in cls.__dict__:
            # attrs replaced this class by a slotted copy; until it is
            # collected, the original is still listed as a subclass.
            continue
        tag = rule_tag(cls)
        if found.get(tag, cls) is not cls:
            msg = f"rule classes {found[tag].__qualname__} and {cls.__qualname__} share op {tag!r}"
            raise TypeError(msg)
        found[tag] = cls
        pending.extend(cls.__subclasses__())
    return dict(sorted(found.items()))


def _rule_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether rules nest more than *limit* deep in *value* (a raw rule).

    Rules are counted as the constructors count them (a leaf is 1 deep), by
    following ``rules`` and ``rule``, so that what the constructors accept
    is read and what they refuse is refused.
    """
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if type(node) is not dict:
            continue
        if depth > limit:
            return True
        inner = node.get("rules")
        if type(inner) is list:
            pending.extend((child, depth + 1) for child in inner)
        if "rule" in node:
            pending.append((node["rule"], depth + 1))
    return False


# -- the converter ------------------------------------------------------------


def _is_id(field: attrs.Attribute[Any]) -> bool:
    """Whether *field* holds an id: only characters that JSON writes as they are."""
    return field.metadata.get(SPEC) in (OWN_ID, ID)


class EventConverter(cattrs.Converter):
    """The converter between events and plain JSON values; see :func:`make_converter`."""

    rules: Mapping[str, type[Rule]]
    """The rule classes this converter reads and writes, by tag."""

    shared_sets: bool
    """Whether documents share one sorted tuple between equal sets (see :attr:`for_text`)."""
    memos: Memos
    """What this converter remembers between values; it lives as long as the converter."""
    writer: DocumentWriter
    """The per-class functions that build the documents of a converter with shared sets."""
    known_sets: dict[Any, dict[tuple[Any, ...], frozenset[Any]]]
    """The sets read so far, by the raw items of their arrays, for each set type read."""

    def __init__(self, rules: Mapping[str, type[Rule]], *, shared_sets: bool = False) -> None:
        """Start a converter for these rule classes; hooks are added by :func:`make_converter`."""
        super().__init__(forbid_extra_keys=True, detailed_validation=True)
        self.rules = dict(rules)
        self.shared_sets = shared_sets
        self.memos = Memos()
        self.known_sets = {}
        self._tags = {cls: tag for tag, cls in self.rules.items()}
        self._for_text: EventConverter | None = None
        self._texts: dict[bool, TextWriter] = {}

    @property
    def for_text(self) -> EventConverter:
        """A converter like this one for documents that only become JSON text, made on first use.

        Its documents hold each sorted set once, as a tuple shared between
        equal sets, not a list of its own per set: the JSON is the same,
        without a copy of every set. A document handed to a caller never
        comes from it.
        """
        if self._for_text is None:
            self._for_text = _configure(EventConverter(self.rules, shared_sets=True))
        return self._for_text

    def clear_memos(self) -> None:
        """Forget what this converter (and its :attr:`for_text`) remembers between values."""
        self.memos.clear()
        if self._for_text is not None:
            self._for_text.memos.clear()

    def tag_of(self, cls: type[Rule]) -> str:
        """The ``op`` of a rule class this converter knows.

        Raises:
            TypeError: the class was defined after the converter was built.

        """
        try:
            return self._tags[cls]
        except KeyError:
            msg = (
                f"rule class {cls.__qualname__} is unknown to this converter "
                "(it was defined after the converter was built)"
            )
            raise TypeError(msg) from None

    def structure_rule_factory(self, cl: type[Rule]) -> StructureHook:
        allowed = {tag: sub for tag, sub in self.rules.items() if issubclass(sub, cl)}
        bodies: dict[type[Rule], StructureHook] = {}

        def structure_rule(value: Any, _: Any) -> Rule:
            if type(value) is not dict:
                raise Invalid(f'expected an object (a rule with an "op"), got {describe(value)}')
            if "op" not in value:
                raise Invalid("required field missing", "op")
            tag = value["op"]
            if type(tag) is not str:
                raise Invalid(f"expected a string, got {describe(tag)}", "op")
            cls = allowed.get(tag)
            if cls is None:
                hint = _checks.suggest(tag, allowed, hints=suggestions())
                raise Invalid(f"unknown rule op {_show(tag)}: {hint}", "op")
            if _rule_depth_exceeds(value, MAX_RULE_DEPTH):
                raise Invalid(f"rules nest more than {MAX_RULE_DEPTH} deep")
            body = bodies.get(cls)
            if body is None:
                body = bodies[cls] = make_dict_structure_fn(cls, self)
            fields = {k: v for k, v in value.items() if k != "op"}
            rule: Rule = body(fields, cls)
            return rule

        return structure_rule

    def unstructure_rule_factory(self, _: type[Rule]) -> UnstructureHook:
        bodies: dict[type[Rule], UnstructureHook] = {}

        def unstructure_rule(value: Rule) -> dict[str, Any]:
            cls = type(value)
            tag = self.tag_of(cls)
            body = bodies.get(cls)
            if body is None:
                body = bodies[cls] = make_dict_unstructure_fn(cls, self)
            return {"op": tag, **body(value)}

        return unstructure_rule

    def to_document(self, event: Event) -> dict[str, Any]:
        """The JSON document of *event*: ``schema_version`` first, then its fields.

        A converter with shared sets (:attr:`for_text`) builds it with its
        :attr:`writer`, one generated function per class; the JSON is the same.
        """
        written = self.shared_sets
        fields: dict[str, Any] = self.writer.write(event) if written else self.unstructure(event)
        return {"schema_version": SCHEMA_VERSION, **fields}

    def to_text(self, event: Event, *, compact: bool = False) -> str:
        """The JSON text of *event*, ending with a newline, written directly.

        It is the text the JSON library writes for :meth:`to_document`, made
        by one generated function per class (see :class:`TextWriter`).
        """
        texts = self._texts.get(compact)
        if texts is None:
            texts = self._texts[compact] = TextWriter(
                self.for_text.writer,
                compact=compact,
                encode=lambda value: encode_text(value, compact=compact)[:-1],
                verbatim=_is_id,
            )
        return texts.write(event, ("schema_version", str(SCHEMA_VERSION)))

    def from_document(self, document: Any) -> Event:
        """Read an event from a parsed JSON document, upgrading older versions.

        Raises:
            ValidationError: every problem found, each at its path.

        """
        if type(document) is not dict:
            problem = reader_problem(
                (), f"expected an object (an event document), got {describe(document)}"
            )
            raise ValidationError([problem])
        current = upgrade(document)
        fields = {k: v for k, v in current.items() if k != "schema_version"}
        with reading() as limits:
            try:
                event: Event = self.structure(fields, Event)
            except Exception as exc:
                problems = list(problems_from(exc))
                omitted = limits.omitted
                if not isinstance(exc, ValidationError):  # some fields could not be read
                    failed = {p.path[0] for p in problems if p.path}
                    with reading():  # limits of its own: those fields were counted already
                        problems.extend(self._problems_beside(fields, failed))
                if not problems:  # every one was past the limit, and only counted
                    problems = [reader_problem((), "the document has problems")]
                raise ValidationError(problems, omitted=omitted) from None
        return event

    def _problems_beside(self, fields: dict[str, Any], failed: set[PathPart]) -> list[Problem]:
        """What is wrong in the fields that could be read, when others (*failed*) could not.

        A wrong type in one field is then reported with the dangling
        references and duplicates of the others, in one pass. The fields
        already known to have failed are not read again.
        """
        read: dict[str, Any] = {}
        unread: set[str] = {name for name in failed if isinstance(name, str)}
        for a in attrs.fields(attrs.resolve_types(Event)):
            if a.name in unread:
                continue
            if a.name not in fields:
                if a.default is attrs.NOTHING:
                    unread.add(a.name)
                continue
            declared: Any = a.type
            try:
                read[a.name] = self.structure(fields[a.name], declared)
            except Exception:
                unread.add(a.name)
        if not unread:  # every field was read: the event itself reported everything
            return []
        return problems_beside(read, unread)


def make_converter(*, rules: Iterable[type[Rule]] | None = None) -> EventConverter:
    """Build a converter; the library builds one when imported and uses it throughout.

    *rules* are the rule classes it reads and writes. The library's own
    converter takes exactly the library's kinds (``egov_events.rules.NODES``), so a
    rule class defined elsewhere never changes what ``ee.dumps`` and
    ``ee.loads`` accept, whatever was imported first. Without *rules*, the
    classes are those defined when this runs: code that defines a rule class
    of its own builds a fresh converter to read and write it.
    Hooks are generated on first use, so building is cheap.

    >>> converter = make_converter()
    >>> sorted(converter.rules)[:3]
    ['all', 'any', 'attribute_in']
    >>> converter.structure("2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]", datetime)
    datetime.datetime(2019, 1, 30, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='Africa/Dar_es_Salaam'))
    """
    if rules is None:
        return _configure(EventConverter(discover_rules()))
    return _configure(EventConverter({rule_tag(cls): cls for cls in sorted(rules, key=rule_tag)}))


def _configure(conv: EventConverter) -> EventConverter:
    """Register every hook of *conv*; see :func:`make_converter`."""
    memos = conv.memos
    # Primitives come first: the class hooks generated later capture them.
    for cls, hook in (
        (str, _structure_str),
        (bool, _structure_bool),
        (int, _structure_int),
        (float, _structure_float),
        (date, memos.structure_date),
        (datetime, memos.structure_datetime),
        (ZoneInfo, memos.structure_zone),
        # A StrEnum is a str: register enums after str so that they win.
        (enum.Enum, memos.structure_enum),
        (enum.StrEnum, memos.structure_enum),
        (enum.IntEnum, memos.structure_enum),
        (LocalizedText, _structure_text),
    ):
        conv.register_structure_hook(cls, hook)
    unhooks: tuple[tuple[type, UnstructureHook], ...] = (
        (float, _unstructure_float),
        (date, _unstructure_date),
        (datetime, memos.unstructure_datetime),
        (ZoneInfo, _unstructure_zone),
        (enum.Enum, _unstructure_enum),
        (enum.StrEnum, _unstructure_enum),
        (enum.IntEnum, _unstructure_enum),
        (LocalizedText, _unstructure_text),
    )
    for kind, unhook in unhooks:
        conv.register_unstructure_hook(kind, unhook)

    # Later registrations win over earlier ones and over cattrs' own.
    conv.register_structure_hook_factory(attrs.has, _structure_attrs_factory)
    conv.register_structure_hook_factory(_is_optional, _structure_optional_factory)
    conv.register_structure_hook_factory(_is_tuple, _structure_tuple_factory)
    conv.register_structure_hook_factory(_is_frozenset, _structure_frozenset_factory)
    conv.register_structure_hook_factory(_is_mapping, _structure_mapping_factory)
    conv.register_structure_hook_factory(_is_rule, conv.structure_rule_factory)
    conv.register_unstructure_hook_factory(_is_optional, _unstructure_optional_factory)
    conv.register_unstructure_hook_factory(_is_tuple, _unstructure_tuple_factory)
    conv.register_unstructure_hook_factory(_is_frozenset, _unstructure_frozenset_factory)
    conv.register_unstructure_hook_factory(_is_mapping, _unstructure_mapping_factory)
    conv.register_unstructure_hook_factory(_is_rule, conv.unstructure_rule_factory)
    conv.writer = DocumentWriter(
        conv,
        own_hooks=frozenset(kind for kind, _ in unhooks),
        leave=_is_rule,
        datetimes=(memos.written, memos.unstructure_datetime),
        new_memo=memos.new,
    )
    return conv
