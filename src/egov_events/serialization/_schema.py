"""The JSON Schema (draft 2020-12) of event documents, generated from the model.

The generator walks the attrs classes from :class:`~egov_events.Event` down,
field by field, with their resolved type hints, and writes what the
converter writes: one ``$defs`` entry per class with
``additionalProperties: false``, the fields without a default as
``required``, the defaults the converter would write, enumerations by value,
sets as arrays of unique items, datetimes as RFC 9557 strings, rules as a
union tagged by ``op``. What the type of a field does not say (an id's
pattern, a minimum, a non-empty text) comes from the tables below, which
name the model's own checks; a table entry for a field that no longer exists
is an error, so the tables cannot drift from the model unnoticed.

Some rules of the model cannot be said in JSON Schema at all: references
between parts of the event, rules that compare two fields, time zones that
exist. Only :func:`egov_events.serialization.loads` checks those.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Final, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs

from egov_events import _checks, text
from egov_events._fields import LARGEST, LARGEST_SEQUENCE
from egov_events.model import (
    Answer,
    Document,
    Event,
    Organization,
    Participant,
    ParticipantGroup,
    Person,
    Role,
    Room,
    Session,
    Sponsor,
    Venue,
)
from egov_events.rules import Rule
from egov_events.serialization._converter import (
    DATE_PATTERN,
    DATETIME_EXAMPLE,
    DATETIME_PATTERN,
    MAX_RULE_DEPTH,
    ZONE_NAME,
    EventConverter,
)
from egov_events.serialization._json import MAX_SAFE_INTEGER
from egov_events.serialization._versions import SCHEMA_VERSION
from egov_events.submissions import CallForSubmissions, Criterion, Review, StateChange, Submission
from egov_events.text import LocalizedText

__all__ = ["SCHEMA_ID", "generate_schema", "portable_pattern"]

SCHEMA_ID: Final = f"urn:egov-events:schema:event:{SCHEMA_VERSION}"
"""The schema's identifier: a name, not a place to download it from."""


def portable_pattern(pattern: str) -> str:
    r"""Rewrite an anchored Python pattern so that it means the same in ECMA-262.

    JSON Schema patterns are ECMA-262 regular expressions (with the ``u``
    flag), where ``$`` matches only at the end; in Python it also matches
    before a final newline. ``(?!\n)`` before the ``$`` makes both refuse
    ``"id\n"``. A ``\"``, which the ``u`` flag does not allow, becomes ``"``.

    >>> portable_pattern(r"^[A-Z]{2}$")
    '^[A-Z]{2}(?!\\n)$'
    """
    core = pattern.replace('\\"', '"')
    if core.endswith("$") and not core.endswith("\\$"):
        core = core[:-1] + r"(?!\n)$"
    return core


def _anchored(core: str) -> str:
    return portable_pattern(f"^{core}$")


_ID: Final = {"pattern": portable_pattern(_checks.ID_PATTERN.pattern)}
_TEXT: Final = {"pattern": r"\S"}  # not blank: _checks.check_text
_URL: Final = {"pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]"}  # _checks.check_url
_EMAIL: Final = {"pattern": portable_pattern(_checks.EMAIL_PATTERN.pattern)}
_COUNTRY: Final = {"pattern": portable_pattern(_checks.COUNTRY_PATTERN.pattern)}
_PHONE: Final = {"pattern": portable_pattern(_checks.PHONE_PATTERN.pattern)}
_MEDIA_TYPE: Final = {"pattern": portable_pattern(_checks.MEDIA_TYPE_PATTERN.pattern)}
_LANGUAGE: Final = {"pattern": portable_pattern(text.TAG_PATTERN.pattern)}
_NOT_NEGATIVE: Final = {"minimum": 0}
_SEQUENCE: Final = {"minimum": 0, "maximum": LARGEST_SEQUENCE}
_POSITIVE: Final = {"minimum": 1}

LEAVES: Final[Mapping[tuple[type, str], Mapping[str, Any]]] = {
    # The innermost value of a field (an item of an array, a value of an
    # object), as the model's __attrs_post_init__ checks it.
    (Organization, "id"): _ID,
    (Organization, "acronym"): _TEXT,
    (Organization, "region"): _TEXT,
    (Organization, "country"): _COUNTRY,
    (Organization, "url"): _URL,
    (Person, "id"): _ID,
    (Person, "name"): _TEXT,
    (Person, "honorific"): _TEXT,
    (Person, "email"): _EMAIL,
    (Person, "phone"): _PHONE,
    (Person, "organization"): _ID,
    (Role, "id"): _ID,
    (Participant, "id"): _ID,
    (Participant, "person"): _ID,
    (Participant, "organization"): _ID,
    (Participant, "roles"): _ID,
    (Participant, "groups"): _ID,
    (Participant, "region"): _TEXT,
    (ParticipantGroup, "id"): _ID,
    (ParticipantGroup, "members"): _ID,
    (ParticipantGroup, "sequence"): _SEQUENCE,
    (Room, "id"): _ID,
    (Room, "capacity"): _NOT_NEGATIVE,
    (Venue, "city"): _TEXT,
    (Venue, "country"): _COUNTRY,
    (Venue, "address"): _TEXT,
    (Venue, "region"): _TEXT,
    (Venue, "latitude"): {"minimum": -90, "maximum": 90},
    (Venue, "longitude"): {"minimum": -180, "maximum": 180},
    (Venue, "url"): _URL,
    (Document, "id"): _ID,
    (Document, "url"): _URL,
    (Document, "language"): _LANGUAGE,
    (Document, "media_type"): _MEDIA_TYPE,
    (Sponsor, "organization"): _ID,
    (Sponsor, "tier"): _TEXT,
    (Session, "id"): _ID,
    (Session, "room"): _ID,
    (Session, "groups"): _ID,
    (Session, "speakers"): _ID,
    (Session, "chairs"): _ID,
    (Session, "documents"): _ID,
    (Session, "capacity"): _NOT_NEGATIVE,
    (Session, "sequence"): _SEQUENCE,
    (Event, "id"): _ID,
    (Event, "organizer"): _ID,
    (Event, "series"): _ID,
    (Event, "edition"): _POSITIVE,
    (Event, "url"): _URL,
    (Event, "keynote_speakers"): _ID,
    (Event, "reported_attendance"): _NOT_NEGATIVE,
    (Event, "revision"): _NOT_NEGATIVE,
    (Answer, "participant"): _ID,
    (Answer, "group"): _ID,
    (Answer, "sequence"): _SEQUENCE,
    (Answer, "comment"): _TEXT,
    (Criterion, "id"): _ID,
    (Criterion, "weight"): {"exclusiveMinimum": 0, "maximum": LARGEST},
    (StateChange, "by"): _TEXT,
    (StateChange, "note"): _TEXT,
    (Review, "reviewer"): _ID,
    (Review, "scores"): {"minimum": -LARGEST, "maximum": LARGEST},
    (Review, "comment"): _TEXT,
    (Submission, "id"): _ID,
    (Submission, "submitters"): _ID,
    (Submission, "organization"): _ID,
    (Submission, "booth"): _TEXT,
    (CallForSubmissions, "id"): _ID,
    (CallForSubmissions, "places"): _NOT_NEGATIVE,
    (CallForSubmissions, "max_per_submitter"): _POSITIVE,
    (CallForSubmissions, "max_per_organization"): _POSITIVE,
    (CallForSubmissions, "session"): _ID,
}
"""Keywords for the innermost value of a field, from the model's checks."""

ARRAYS: Final[Mapping[tuple[type, str], Mapping[str, Any]]] = {
    # Read in ascending order, each day once (see _converter.FIELD_HOOKS);
    # JSON Schema can say "once" but not "in order".
    (ParticipantGroup, "days"): {
        "description": "The days the group meets, in ascending order, each once.",
        "minItems": 1,
        "uniqueItems": True,
    },
    (Submission, "submitters"): {"minItems": 1},
    (CallForSubmissions, "kinds"): {"minItems": 1},
}
"""Keywords for a field that is an array, from the model's checks."""

TOGETHER: Final[Mapping[type, tuple[tuple[str, str], ...]]] = {
    Venue: (("latitude", "longitude"),),
}
"""Pairs of fields given both or neither (one not null requires the other)."""

NAMES: Final[Mapping[tuple[type, str], Mapping[str, Any]]] = {
    (Review, "scores"): _ID,  # criterion ids
}
"""Keywords for the property names of a field that is an object."""


def _description(cls: type) -> str | None:
    doc = inspect.getdoc(cls)
    if not doc:
        return None
    return " ".join(doc.split("\n\n", 1)[0].split())


class _Generator:
    def __init__(self, conv: EventConverter) -> None:
        self.conv = conv
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, type] = {}
        self.used: set[tuple[type, str]] = set()

    # -- definitions ----------------------------------------------------

    def define(
        self, name: str, owner: type, build: typing.Callable[[], dict[str, Any]]
    ) -> dict[str, str]:
        if name in self.owners:
            if self.owners[name] is not owner:
                msg = (
                    f"two types are named {name!r} in the schema: {self.owners[name]!r}, {owner!r}"
                )
                raise TypeError(msg)
        else:
            self.owners[name] = owner
            self.defs[name] = {}  # reserved: classes may refer to themselves
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def datetime(self) -> dict[str, str]:
        return self.define(
            "DateTime",
            datetime,
            lambda: {
                "description": (
                    "RFC 9557: an RFC 3339 date-time with its UTC offset, then the IANA "
                    f"time zone name in brackets, e.g. {DATETIME_EXAMPLE}. The offset must "
                    "be the zone's at that time."
                ),
                "type": "string",
                "pattern": _anchored(DATETIME_PATTERN),
            },
        )

    def zone(self) -> dict[str, str]:
        return self.define(
            "TimeZone",
            ZoneInfo,
            lambda: {
                "description": "An IANA time zone name, e.g. Africa/Dar_es_Salaam.",
                "type": "string",
                "pattern": _anchored(ZONE_NAME),
            },
        )

    def localized_text(self) -> dict[str, str]:
        return self.define(
            "LocalizedText",
            LocalizedText,
            lambda: {
                "description": _description(LocalizedText)
                or "Text in one or more languages, by BCP 47 language tag.",
                "type": "object",
                "minProperties": 1,
                "propertyNames": dict(_LANGUAGE),
                "additionalProperties": {"type": "string", **_TEXT},
            },
        )

    def enumeration(self, cls: type[enum.Enum]) -> dict[str, str]:
        def build() -> dict[str, Any]:
            out: dict[str, Any] = {}
            description = _description(cls)
            if description:
                out["description"] = description
            out["type"] = "string"
            out["enum"] = [member.value for member in cls]
            return out

        return self.define(cls.__name__, cls, build)

    def attrs_class(self, cls: type) -> dict[str, str]:
        return self.define(cls.__name__, cls, lambda: self.object(cls))

    def object(self, cls: type, *, tag: str | None = None) -> dict[str, Any]:
        attrs.resolve_types(cls)
        out: dict[str, Any] = {}
        description = _description(cls)
        if description:
            out["description"] = description
        out["type"] = "object"
        properties: dict[str, Any] = {}
        required: list[str] = []
        if tag is not None:
            properties["op"] = {"const": tag}
            required.append("op")
        if cls is Event:
            properties["schema_version"] = {
                "description": "The version of the document format.",
                "const": SCHEMA_VERSION,
            }
            required.append("schema_version")
        for field in attrs.fields(cls):
            schema = self.field(cls, field.name, field.type)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default = field.default
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    default = default.factory()
                schema["default"] = self.conv.unstructure(default, field.type)
            properties[field.name] = schema
        out["properties"] = properties
        out["required"] = required
        out["additionalProperties"] = False
        pairs = [(a, b) for pair in TOGETHER.get(cls, ()) for a, b in (pair, pair[::-1])]
        unknown = sorted({name for pair in pairs for name in pair} - set(properties))
        if unknown:
            msg = f"TOGETHER names fields {cls.__name__} does not have: {', '.join(unknown)}"
            raise TypeError(msg)
        if pairs:
            given = {"not": {"type": "null"}}
            out["allOf"] = [
                {
                    "if": {"properties": {a: given}, "required": [a]},
                    "then": {"properties": {b: given}, "required": [b]},
                }
                for a, b in pairs
            ]
        return out

    # -- rules ----------------------------------------------------------

    def rule(self, cls: type[Rule]) -> dict[str, Any]:
        tags = [tag for tag, sub in self.conv.rules.items() if issubclass(sub, cls)]
        for tag in tags:
            sub = self.conv.rules[tag]
            self.define(f"Rule:{tag}", sub, lambda sub=sub, tag=tag: self.object(sub, tag=tag))  # type: ignore[misc]
        refs = [{"$ref": f"#/$defs/Rule:{tag}"} for tag in tags]
        if cls is not Rule:
            return refs[0] if len(refs) == 1 else {"oneOf": refs}
        return self.define(
            "Rule",
            Rule,
            lambda: {
                "description": (
                    "An eligibility rule: an object whose op names its kind "
                    f"({', '.join(tags)}). Rules nest at most "
                    f"{MAX_RULE_DEPTH} deep."
                ),
                "type": "object",
                "properties": {"op": {"enum": tags}},
                "required": ["op"],
                "oneOf": refs,
            },
        )

    # -- fields ---------------------------------------------------------

    def field(self, owner: type, name: str, tp: Any) -> dict[str, Any]:
        key = (owner, name)
        leaf = LEAVES.get(key, {})
        array = ARRAYS.get(key, {})
        names = NAMES.get(key, {})
        for table in (LEAVES, ARRAYS, NAMES):
            if key in table:
                self.used.add(key)
        return self.type(tp, leaf=leaf, array=array, names=names)

    def type(
        self,
        tp: Any,
        *,
        leaf: Mapping[str, Any],
        array: Mapping[str, Any],
        names: Mapping[str, Any],
    ) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin is not None:
            return self.generic(tp, leaf=leaf, array=array, names=names)
        scalar = _SCALARS.get(tp)
        if scalar is not None:
            return {**scalar, **leaf}
        named = {
            datetime: self.datetime,
            ZoneInfo: self.zone,
            LocalizedText: self.localized_text,
        }.get(tp)
        if named is not None:
            return named()
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.enumeration(tp)
        if isinstance(tp, type) and issubclass(tp, Rule):
            return self.rule(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return self.attrs_class(tp)
        msg = f"no JSON Schema for type {tp!r}"
        raise TypeError(msg)

    def generic(
        self,
        tp: Any,
        *,
        leaf: Mapping[str, Any],
        array: Mapping[str, Any],
        names: Mapping[str, Any],
    ) -> dict[str, Any]:
        origin, args = get_origin(tp), get_args(tp)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            if len(inner) != 1 or len(args) != 2:
                msg = f"only X | None unions are written, not {tp!r}"
                raise TypeError(msg)
            schema = self.type(inner[0], leaf=leaf, array=array, names=names)
            if "type" in schema and "$ref" not in schema:
                schema["type"] = [schema["type"], "null"]
                return schema
            return {"anyOf": [schema, {"type": "null"}]}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            items = self.type(args[0], leaf=leaf, array={}, names=names)
            return {"type": "array", "items": items, **array}
        if origin is frozenset:
            items = self.type(args[0], leaf=leaf, array={}, names=names)
            return {"type": "array", "items": items, "uniqueItems": True, **array}
        if origin in (Mapping, dict):
            keys = self.type(args[0], leaf=names, array={}, names={})
            values = self.type(args[1], leaf=leaf, array={}, names={})
            return {"type": "object", "propertyNames": keys, "additionalProperties": values}
        msg = f"no JSON Schema for type {tp!r}"
        raise TypeError(msg)


_SCALARS: Final[Mapping[Any, Mapping[str, Any]]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": -MAX_SAFE_INTEGER, "maximum": MAX_SAFE_INTEGER},
    float: {"type": "number"},
    str: {"type": "string"},
    date: {"type": "string", "format": "date", "pattern": _anchored(DATE_PATTERN)},
}
"""Types written as one JSON value, and what the converter accepts for them."""


def generate_schema(conv: EventConverter) -> dict[str, Any]:
    """The JSON Schema of the documents *conv* writes, as a dict.

    >>> from egov_events.serialization import make_converter
    >>> schema = generate_schema(make_converter())
    >>> schema["$defs"]["Rule:has_role"]["required"]
    ['op', 'role']

    Raises:
        TypeError: a field has a type the converter does not write, or a
            table above names a field that does not exist.

    """
    gen = _Generator(conv)
    root = gen.attrs_class(Event)
    stale = sorted(
        f"{owner.__name__}.{name}"
        for table in (LEAVES, ARRAYS, NAMES)
        for owner, name in table
        if (owner, name) not in gen.used
    )
    if stale:
        msg = f"the schema tables name fields that do not exist: {', '.join(stale)}"
        raise TypeError(msg)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"egov_events event document, version {SCHEMA_VERSION}",
        "description": (
            "An e-government event (workshop, sessions, participant groups, eligibility "
            "rules, calls for submissions) as written by egov_events. Generated from the "
            "model: do not edit; some rules (references between parts, offsets of time "
            "zones) are checked only by egov_events.loads."
        ),
        **root,
        "$defs": dict(sorted(gen.defs.items())),
    }
