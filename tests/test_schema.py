"""The JSON Schema: generated from the model, shipped, and in step with ``loads``."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any, ClassVar

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings

import egov_events as ee
from egov_events import serialization
from egov_events.rules import Rule
from egov_events.serialization import _schema
from egov_events.serialization.__main__ import main
from tests import strategies
from tests.test_serialization import V1_WORKSHOP, _catalogue, _patched

FIXTURES = Path(__file__).parent / "fixtures"
Validator = jsonschema.Draft202012Validator

REGENERATE = "python -m egov_events.serialization --write-schema"


def _validator(schema: dict[str, Any] | None = None) -> jsonschema.protocols.Validator:
    return Validator(
        schema if schema is not None else ee.json_schema(),
        format_checker=Validator.FORMAT_CHECKER,
    )


def _rejects(document: object, schema: dict[str, Any] | None = None) -> list[str]:
    return [error.message for error in _validator(schema).iter_errors(document)]


# -- the shipped file -----------------------------------------------------------


def test_the_shipped_schema_is_the_generated_one() -> None:
    shipped = serialization.SCHEMA_PATH.read_text(encoding="utf-8")
    assert shipped == serialization.schema_text(), f"stale schema: run {REGENERATE}"


def test_the_check_command_agrees() -> None:
    assert 0 == main(["--check-schema"])


def test_the_schema_is_package_data() -> None:
    shipped = importlib.resources.files("egov_events").joinpath("schema", "event.schema.json")
    assert shipped.is_file()
    assert json.loads(shipped.read_text(encoding="utf-8")) == ee.json_schema()


def test_json_schema_returns_a_fresh_copy() -> None:
    schema = ee.json_schema()
    schema["$defs"].clear()
    assert "Event" in ee.json_schema()["$defs"]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = ee.json_schema()
    Validator.check_schema(schema)
    assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
    assert f"urn:egov-events:schema:event:{ee.SCHEMA_VERSION}" == schema["$id"]


# -- what the schema says ---------------------------------------------------------


def test_each_class_is_a_closed_object_requiring_the_fields_without_defaults() -> None:
    defs = ee.json_schema()["$defs"]
    for cls in (ee.Session, ee.Participant, ee.Review, ee.Venue, ee.CallForSubmissions):
        schema = defs[cls.__name__]
        assert False is schema["additionalProperties"]
        assert [f.name for f in attrs.fields(cls)] == list(schema["properties"])
        assert [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING] == schema[
            "required"
        ]


def test_the_event_carries_the_version_first() -> None:
    event = ee.json_schema()["$defs"]["Event"]
    assert "schema_version" == next(iter(event["properties"]))
    assert {"description": "The version of the document format.", "const": 2} == event[
        "properties"
    ]["schema_version"]
    assert "schema_version" in event["required"]


def test_defaults_are_the_values_the_converter_writes() -> None:
    defs = ee.json_schema()["$defs"]
    assert ["innovation", "research"] == defs["CallForSubmissions"]["properties"]["kinds"][
        "default"
    ]
    assert 1.0 == defs["Criterion"]["properties"]["weight"]["default"]
    assert "confirmed" == defs["Participant"]["properties"]["status"]["default"]
    assert None is defs["Session"]["properties"]["room"]["default"]


def test_the_model_checks_appear_as_keywords() -> None:
    defs = ee.json_schema()["$defs"]
    assert {"type": ["integer", "null"], "minimum": 0, "maximum": 2**53 - 1, "default": None} == (
        defs["Room"]["properties"]["capacity"]
    )
    assert {"type": "array", "items": {"$ref": "#/$defs/SubmissionKind"}, "uniqueItems": True} == {
        k: v
        for k, v in defs["CallForSubmissions"]["properties"]["kinds"].items()
        if k in {"type", "items", "uniqueItems"}
    }
    assert {
        "description": ("Text in one or more languages, Swahili preferred."),
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"pattern": _schema.portable_pattern(ee.text.TAG_PATTERN.pattern)},
        "additionalProperties": {"type": "string", "pattern": r"\S"},
    } == defs["LocalizedText"]


_LIBRARY_RULES = [
    "all",
    "any",
    "attribute_in",
    "has_role",
    "in_group",
    "not",
    "organization_kind_in",
]


def test_the_rule_union_is_tagged_by_op() -> None:
    defs = ee.json_schema()["$defs"]
    assert _LIBRARY_RULES == defs["Rule"]["properties"]["op"]["enum"]
    assert [{"$ref": f"#/$defs/Rule:{tag}"} for tag in _LIBRARY_RULES] == defs["Rule"]["oneOf"]
    assert "Rule:rule" not in defs  # the abstract base is never on the wire
    assert {"$ref": "#/$defs/Rule"} == defs["Rule:not"]["properties"]["rule"]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]", True),
        ("2019-01-30T09:00:00.5+03:00[Africa/Dar_es_Salaam]", True),
        ("1970-06-01T12:00:00-00:44:30[Africa/Monrovia]", True),
        ("2019-01-30T09:00:00+03:00", False),
        ("2019-01-30T09:00:00Z[UTC]", False),
        ("2019-01-30T09:00:00", False),
        ("2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]\n", False),
    ],
)
def test_the_datetime_pattern(value: str, valid: bool) -> None:
    document = _patched([{"op": "replace", "path": "/updated", "value": value}])
    assert valid == (not _rejects(document))


def test_patterns_refuse_a_final_newline_as_loads_does() -> None:
    document = _patched([{"op": "replace", "path": "/id", "value": "kikao\n"}])
    assert [
        "'kikao\\n' does not match " + repr(_schema.portable_pattern(ee._checks.ID_PATTERN.pattern))
    ] == _rejects(document)


# -- documents against the schema -------------------------------------------------


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("v*/*.json")), ids=lambda p: p.name)
def test_every_fixture_validates_once_upgraded(path: Path) -> None:
    # The schema describes the current version; an older document is upgraded first.
    document = json.loads(path.read_text(encoding="utf-8"))
    assert _rejects(document) if document["schema_version"] < ee.SCHEMA_VERSION else True
    assert [] == _rejects(ee.serialization.upgrade(document))


def test_the_bundled_example_validates() -> None:
    assert [] == _rejects(json.loads(ee.dumps(ee.examples.kikao_kazi_2019())))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events())
def test_every_document_dumps_writes_validates(event: ee.Event) -> None:
    assert [] == _rejects(json.loads(ee.dumps(event)))


# -- the invalid catalogue ----------------------------------------------------------

CANNOT_EXPRESS = [
    "1.0 is not an integer",
    "an unknown time zone in a datetime",
    "an unknown time zone for the event",
    "an offset that contradicts its zone",
    "a local time the clocks skip",
    "a group's days out of order",
    "a lone surrogate in a text",
    "a reference to a missing person",
    "a reference to a missing organization",
    "a reference to a missing room",
    "a duplicate session id",
    "a session that ends before it starts",
    "a session outside the event's days",
    "a last day before the first",
    "a state that disagrees with the history",
    "a history out of time order",
    "a review that misses a criterion",
    "a score outside the call's scale",
    "a score for an unknown criterion",
    "a kind the call does not accept",
    "a score scale upside down",
    "two reviews by one reviewer",
]
"""The invalid documents ``loads`` refuses and JSON Schema cannot: see each case's reason."""


def test_the_catalogue_lists_what_json_schema_cannot_express() -> None:
    cannot = [case["name"] for case in _catalogue() if case["schema"] != "rejects"]
    assert CANNOT_EXPRESS == cannot


@pytest.mark.parametrize("case", _catalogue(), ids=lambda case: case["name"])
def test_the_schema_rejects_each_invalid_document_where_it_can(case: dict[str, Any]) -> None:
    document = _patched(case["patch"])
    errors = _rejects(document)
    if case["schema"] == "rejects":
        assert errors, f"the schema accepts {case['name']!r}"
    else:
        # The rule is beyond JSON Schema: the schema accepts, only loads refuses.
        assert isinstance(case["schema"]["cannot"], str)
        assert [] == errors
    assert case["errors"], "loads refuses every case"


def test_the_unmodified_base_document_is_valid() -> None:
    document = json.loads(V1_WORKSHOP.read_text(encoding="utf-8"))
    assert [] == _rejects(ee.serialization.upgrade(document))


# -- the schema follows the converter's rule classes ------------------------------


@attrs.frozen(kw_only=True)
class _HasRole(Rule):
    """A throwaway rule class: a participant holds a role."""

    op: ClassVar[str] = "test_has_role"
    role: str


def test_a_rule_class_defined_later_appears_in_a_fresh_schema() -> None:
    converter = serialization.make_converter()
    schema = _schema.generate_schema(converter)
    defs = schema["$defs"]
    assert "test_has_role" in defs["Rule"]["properties"]["op"]["enum"]
    assert {
        "description": "A throwaway rule class: a participant holds a role.",
        "type": "object",
        "properties": {"op": {"const": "test_has_role"}, "role": {"type": "string"}},
        "required": ["op", "role"],
        "additionalProperties": False,
    } == defs["Rule:test_has_role"]
    with_rule = _patched(
        [{"op": "replace", "path": "/groups/0/rule", "value": {"op": "test_has_role", "role": "x"}}]
    )
    assert [] == _rejects(with_rule, schema)
    assert _rejects(with_rule)  # the library's schema does not know the op
    without_role = _patched(
        [{"op": "replace", "path": "/groups/0/rule", "value": {"op": "test_has_role"}}]
    )
    assert _rejects(without_role, schema)
    # The library's own schema knows only the library's rules.
    assert _LIBRARY_RULES == ee.json_schema()["$defs"]["Rule"]["properties"]["op"]["enum"]


def test_a_table_entry_for_a_missing_field_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_schema, "LEAVES", {**_schema.LEAVES, (ee.Room, "seats"): {"minimum": 0}})
    with pytest.raises(
        TypeError, match=r"the schema tables name fields that do not exist: Room\.seats"
    ):
        _schema.generate_schema(serialization.make_converter())
