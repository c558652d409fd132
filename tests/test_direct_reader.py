"""The generated reader that builds participants without their constructor.

A large event is mostly participants, so the converter reads them with a
function of its own (``_converter._direct_builder``): it takes only values it
can vouch for, asks the model's quick checks (remembering the answer for
values that repeat) and stores the fields itself; anything else goes to the
usual path (cattrs' generated function and the constructor). These tests hold
the two to the same answer: the same participant, or the same problems at
the same paths, with the bad input of the hostile suite included.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events.model import Participant
from egov_events.serialization import _converter, from_document, make_converter, to_document
from egov_events.serialization._errors import problems_from, reading

# JSON values of every kind, valid ones common; the bad ones are those the
# hostile suite sends: lone surrogates, controls, line breaks, non-ASCII,
# blanks, over-long ids, other types.
strings = st.one_of(
    st.sampled_from(["p-0001", "person-0001", "mofp", "ict_officer", "group-1", "a", "A9"]),
    st.sampled_from(["", " ", "a b", "-x", "Dar es Salaam", "Mwanza\n", "\x00", "x" * 129]),
    st.sampled_from(["\ud800", "Kilimanjaro\u2028", "é", "Zanzibar\x85", "=?utf-8?q?x?="]),
    st.text(max_size=3),
)
json_values = st.one_of(strings, st.none(), st.integers(-2, 2), st.booleans(), st.floats())
id_lists = st.one_of(
    st.lists(strings, max_size=3),
    st.lists(st.sampled_from(["ict_officer", "group-1", "group-3"]), max_size=3),
    st.lists(json_values, max_size=2),
    st.lists(st.lists(strings, max_size=1), max_size=1),
    json_values,
)
day_lists = st.one_of(
    st.lists(st.sampled_from(["2019-01-30", "2019-01-31", "2019-02-30", "30/01/2019"]), max_size=3),
    st.lists(json_values, max_size=2),
    json_values,
)
valid = {
    "id": st.sampled_from(["p-0001", "p-0002", "a", "A9"]),
    "person": st.sampled_from(["person-0001", "person-0002"]),
    "organization": st.sampled_from(["mofp", "ega"]),
    "roles": st.lists(st.sampled_from(["ict_officer", "planner"]), max_size=2, unique=True),
    "groups": st.lists(st.sampled_from(["group-1", "group-3"]), max_size=2, unique=True),
    "status": st.sampled_from(["confirmed", "cancelled"]),
    "days_attended": st.lists(st.sampled_from(["2019-01-30", "2019-01-31"]), unique=True),
    "region": st.sampled_from([None, "Dodoma", "Dar es Salaam"]),
}
invalid = {
    "id": st.one_of(strings, json_values),
    "person": st.one_of(strings, json_values),
    "organization": strings,
    "roles": id_lists,
    "groups": id_lists,
    "status": st.one_of(st.sampled_from(["Confirmed", ""]), json_values),
    "days_attended": day_lists,
    "region": st.one_of(strings, json_values),
}


@st.composite
def participants(draw: st.DrawFn) -> dict[str, Any]:
    """A participant as JSON: valid, or with some fields bad, missing or unknown."""
    value: dict[str, Any] = {name: draw(values) for name, values in valid.items()}
    for name in draw(st.lists(st.sampled_from(sorted(invalid)), max_size=2)):
        value[name] = draw(invalid[name])
    for name in draw(st.lists(st.sampled_from(sorted(valid)), max_size=1)):
        del value[name]
    if draw(st.integers(0, 9)) == 0:
        value[draw(st.sampled_from(["unknown", "roles ", "Region"]))] = draw(json_values)
    return value


def outcome(read: Any, value: Any) -> object:
    """The participant *read* gives for *value*, or its problems as text."""
    with reading():
        try:
            return read(value, Participant)
        except Exception as exc:  # the problems are the outcome
            return [str(problem) for problem in problems_from(exc)]


def usual_path(converter: _converter.EventConverter) -> Any:
    """What the direct reader of *converter* falls back on: cattrs and the constructor."""
    direct = converter.get_structure_hook(Participant)
    assert direct.__code__.co_filename == "<egov_events direct reader of Participant>"
    return direct.__globals__["slow"]


@settings(max_examples=600, deadline=None)
@given(st.lists(participants(), min_size=1, max_size=4))
def test_the_direct_reader_gives_what_the_usual_path_gives(values: list[dict[str, Any]]) -> None:
    converter = make_converter()
    direct = converter.get_structure_hook(Participant)
    usual = usual_path(converter)
    # Read twice in turn, so that the second reading meets what the first remembered.
    for value in values * 2:
        expected = outcome(usual, value)
        got = outcome(direct, value)
        assert expected == got
        if isinstance(got, Participant):
            assert attrs.asdict(got, recurse=False) == attrs.asdict(expected, recurse=False)  # type: ignore[arg-type]
            assert all(
                type(getattr(got, a.name)) is type(getattr(expected, a.name))
                for a in attrs.fields(Participant)
            )


def well_read(value: dict[str, Any]) -> Participant:
    return make_converter().structure(value, Participant)


GOOD = {
    "id": "p-1",
    "person": "person-1",
    "organization": "mofp",
    "roles": ["ict_officer"],
    "groups": ["group-1"],
    "status": "confirmed",
    "days_attended": ["2019-01-30"],
    "region": "Dodoma",
}


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("person", "person 1", "malformed id 'person 1'"),
        ("roles", ["ict officer"], "malformed id 'ict officer'"),
        ("roles", ["ict_officer", "ict_officer"], "duplicate item 'ict_officer'"),
        ("groups", [1], "expected a string, got number 1"),
        ("region", "Dodoma\r\nBcc: x@example.com", "line break or control character"),
        ("region", " ", "must not be empty"),
        ("days_attended", ["2019-02-30"], "invalid date '2019-02-30'"),
        ("status", "Confirmed", "unknown RegistrationStatus 'Confirmed'"),
    ],
)
def test_a_bad_value_after_good_ones_with_the_same_shape_is_refused(
    field: str, bad: Any, message: str
) -> None:
    converter = make_converter()
    assert isinstance(converter.structure(GOOD, Participant), Participant)
    problems = outcome(converter.structure, {**GOOD, "id": "p-2", field: bad})
    assert isinstance(problems, list)
    assert len(problems) == 1
    assert message in problems[0]
    assert problems[0].endswith(f"@ $.{field}") or f"@ $.{field}[" in problems[0]


def test_the_bundled_participants_are_read_without_the_usual_path() -> None:
    converter = make_converter()
    document = to_document(ee.examples.kikao_kazi_2019())
    converter.from_document(document)  # sets and checks seen once
    direct = converter.get_structure_hook(Participant)
    namespace = direct.__globals__
    usual, fell_back = namespace["slow"], []

    def counted(value: Any, cl: type) -> Any:
        fell_back.append(value)
        return usual(value, cl)

    namespace["slow"] = counted
    event = converter.from_document(document)
    assert fell_back == []
    assert event == from_document(document)
    assert [p.roles for p in event.participants] == [
        p.roles for p in ee.examples.kikao_kazi_2019().participants
    ]


def test_a_participant_missing_a_field_with_a_default_takes_the_usual_path() -> None:
    value = {k: v for k, v in GOOD.items() if k != "region"}
    assert well_read(value) == Participant(
        id="p-1",
        person="person-1",
        organization="mofp",
        roles=frozenset({"ict_officer"}),
        groups=frozenset({"group-1"}),
        days_attended=frozenset({ee.examples.kikao_kazi_2019().first_day}),
    )


def test_long_texts_are_checked_each_time_and_not_kept() -> None:
    converter = make_converter()
    region = "Dodoma " * 40
    for _ in range(2):  # the second time, with its sets known, through the direct reader
        converter.structure(GOOD, Participant)
    for i in range(3):
        assert (
            converter.structure({**GOOD, "id": f"p-{i}", "region": region}, Participant).region
            == region
        )
    kept = [memo for memo in converter.memos.others if region in memo]
    assert kept == []
    assert any("Dodoma" in memo for memo in converter.memos.others if memo)
