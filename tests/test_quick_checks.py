"""The quick paths that make large events cheap to read and write.

Reading a large event relies on shortcuts: a model object first asks
whether it looks valid (ids and sets of ids seen before are remembered),
and only looks for problems when it does not (the quick answer may say no
to a valid object, which the full checks then accept, but never yes to an
invalid one); the converter hands out one
set object for equal lists, sorts each set once when writing, and pauses the
cyclic garbage collector. Each shortcut must give exactly what the full path
gives, and these tests hold them to it, with the bad input included.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events import _checks, _fields, text
from egov_events.model import Participant, RegistrationStatus
from egov_events.serialization import _converter, _json, from_document, to_document
from egov_events.submissions import Review, StateChange, SubmissionState

EAT = ZoneInfo("Africa/Dar_es_Salaam")


def raw(cls: type, **fields: Any) -> Any:
    """An instance of *cls* holding *fields* as given, without running its checks."""
    obj: Any = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
    return obj


# Values of every kind a caller might pass, valid ones common.
ids = st.one_of(
    st.sampled_from(["p-0001", "group-1", "ict_officer", "a", "x.y_z", "A9"]),
    st.text(alphabet="ab-_. 1é", max_size=4),
    st.integers(0, 2),
    st.none(),
)
texts = st.one_of(st.sampled_from(["Dodoma", "Mwanza", "a b"]), st.text(max_size=3), st.integers())
moments = st.one_of(
    st.datetimes(timezones=st.just(EAT)),
    st.datetimes(timezones=st.just(UTC)),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=3)))),
    st.datetimes(),
    st.dates(),
    st.text(max_size=2),
)


def field_problems(obj: object) -> ee.errors.Problems:
    problems = ee.errors.Problems()
    _fields.field_problems(obj, problems)
    return problems


def messages(problems: Any) -> list[str]:
    return [str(p) for p in problems]


# -- the quick answer never hides a problem -----------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "id": ids,
            "person": ids,
            "organization": ids,
            "roles": st.frozensets(ids, max_size=3),
            "groups": st.one_of(st.frozensets(ids, max_size=3), st.sets(ids, max_size=2)),
            "status": st.sampled_from([*RegistrationStatus, "confirmed", 1]),
            "days_attended": st.frozensets(
                st.one_of(st.dates(), st.datetimes(), st.just("2019-01-30")), max_size=3
            ),
            "region": st.one_of(st.none(), texts, st.just(" ")),
        }
    )
)
def test_a_participant_that_looks_valid_has_no_problems(fields: dict[str, Any]) -> None:
    p = raw(Participant, **fields)
    # Asked twice: the second answer comes from what the first remembered.
    for _ in range(2):
        if _fields.looks_valid(p):
            assert [] == messages(field_problems(p))


@settings(max_examples=300, deadline=None)
@given(
    reviewer=ids,
    scores=st.dictionaries(
        st.text(max_size=3),
        st.one_of(st.floats(), st.integers(-(10**7), 10**7), st.booleans(), st.text(max_size=1)),
        max_size=3,
    ),
    proxy=st.booleans(),
    comment=st.one_of(st.none(), texts),
    at=st.one_of(st.none(), moments),
)
def test_a_review_that_looks_valid_has_no_problems(
    reviewer: Any, scores: dict[str, Any], proxy: bool, comment: Any, at: Any
) -> None:
    held = MappingProxyType(scores) if proxy else scores
    r = raw(Review, reviewer=reviewer, scores=held, comment=comment, at=at)
    if _fields.looks_valid(r):
        assert [] == messages(field_problems(r))


@settings(max_examples=300, deadline=None)
@given(
    state=st.sampled_from([*SubmissionState, "submitted", None]),
    at=moments,
    by=st.one_of(st.none(), texts, st.just("\t")),
    note=st.one_of(st.none(), texts),
)
def test_a_state_change_that_looks_valid_has_no_problems(
    state: Any, at: Any, by: Any, note: Any
) -> None:
    change = raw(StateChange, state=state, at=at, by=by, note=note)
    if _fields.looks_valid(change):
        assert [] == messages(field_problems(change))


@settings(max_examples=400, deadline=None)
@given(
    texts_=st.dictionaries(
        st.one_of(st.sampled_from(["sw", "en", "SW", "sw-TZ", "sw-tz", "sr-Latn", "x", ""])),
        st.one_of(st.sampled_from(["Karibu", " ", "", "\u3000"]), st.text(max_size=2)),
        max_size=3,
    ),
    proxy=st.booleans(),
)
def test_a_localized_text_that_looks_valid_has_no_problems(
    texts_: dict[str, Any], proxy: bool
) -> None:
    held = MappingProxyType(texts_) if proxy else texts_
    if text._looks_valid(held):
        assert [] == messages(text._problems(held))


def test_the_bundled_participants_take_the_quick_path() -> None:
    event = ee.examples.kikao_kazi_2019()
    assert all(_fields.looks_valid(p) for p in event.participants)
    reviews = [r for call in event.calls for s in call.submissions for r in s.reviews]
    assert reviews
    assert all(_fields.looks_valid(r) for r in reviews)


def test_a_bad_participant_is_refused_after_a_good_one_with_equal_values() -> None:
    Participant(id="p-1", person="x", organization="y", roles=frozenset({"ict_officer"}))
    with pytest.raises(ee.ValidationError) as caught:
        Participant(
            id="p-2", person="x", organization="y", roles=frozenset({"ict_officer", "ict officer"})
        )
    assert [
        "malformed id 'ict officer': expected 1 to 128 letters, digits, '.', '_' or '-', "
        "starting and ending with a letter or digit @ $.roles"
    ] == caught.value.errors


# -- sets read once, written once ------------------------------------------------------


def workshop_document() -> dict[str, Any]:
    return to_document(ee.examples.kikao_kazi_2019())


def test_equal_sets_in_a_document_are_read_as_one_object() -> None:
    event = from_document(workshop_document())
    by_roles: dict[frozenset[str], frozenset[str]] = {}
    for p in event.participants:
        assert by_roles.setdefault(p.roles, p.roles) is p.roles
    assert len(by_roles) < 10 < len(event.participants)


def test_a_list_like_one_read_before_is_still_checked() -> None:
    doc = workshop_document()
    people = doc["participants"]
    people[0]["roles"] = ["ict_officer"]
    people[1]["roles"] = ["ict_officer", "ict_officer"]
    people[2]["roles"] = [True]
    people[3]["roles"] = ["ict_officer", 1]
    people[4]["days_attended"] = ["2019-01-30", "2019-01-30"]
    with pytest.raises(ee.ValidationError) as caught:
        from_document(doc)
    assert [
        "duplicate item 'ict_officer' (first at [0]): list each item once "
        "@ $.participants[1].roles[1]",
        "expected a string, got true @ $.participants[2].roles[0]",
        "expected a string, got number 1 @ $.participants[3].roles[1]",
        "duplicate item '2019-01-30' (first at [0]): list each item once "
        "@ $.participants[4].days_attended[1]",
    ] == caught.value.errors


def test_many_different_sets_are_read_right_past_the_memo_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_converter, "_MEMO_LIMIT", 2)
    fresh = _converter.make_converter()
    event = ee.examples.kikao_kazi_2019()
    doc = fresh.to_document(event)
    assert event == fresh.from_document(doc)
    assert doc == fresh.to_document(event)


def test_written_sets_are_lists_of_their_own() -> None:
    event = ee.examples.kikao_kazi_2019()
    ee.dumps(event)  # which writes sets as shared tuples, straight to text
    doc = to_document(event)
    first, second = doc["participants"][0], doc["participants"][1]
    assert first["groups"] == second["groups"]
    assert first["groups"] is not second["groups"]
    first["groups"].append("changed")
    assert "changed" not in second["groups"]
    assert "changed" not in to_document(event)["participants"][0]["groups"]


# -- the garbage collector -------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool) -> None:
    event = ee.examples.kikao_kazi_2019()
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        text_ = ee.dumps(event)
        assert enabled == gc.isenabled()
        assert event == ee.loads(text_)
        assert enabled == gc.isenabled()
        with pytest.raises(ee.ValidationError):
            ee.loads(json.dumps({**json.loads(text_), "revision": -1}))
        assert enabled == gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_while_an_event_is_read() -> None:
    seen: list[bool] = []
    original = _json.parse

    def parse(data: Any) -> Any:
        seen.append(gc.isenabled())
        return original(data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_json, "parse", parse)
        ee.loads(ee.dumps(ee.examples.kikao_kazi_2019()))
    assert [False] == seen
    assert gc.isenabled()


def test_equal_datetimes_are_written_each_in_its_own_zone_and_fold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    converter = _converter.make_converter()
    write = converter.get_unstructure_hook(datetime)
    new_york = ZoneInfo("America/New_York")
    first, second = (datetime(2021, 11, 7, 1, 30, tzinfo=new_york, fold=f) for f in (0, 1))
    assert first == second  # one zone: equality ignores the fold
    eat = datetime(2019, 1, 30, 9, tzinfo=EAT)
    london = eat.astimezone(ZoneInfo("Europe/London"))
    assert eat == london  # one instant
    expected = [
        "2021-11-07T01:30:00-04:00[America/New_York]",
        "2021-11-07T01:30:00-05:00[America/New_York]",
        "2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]",
        "2019-01-30T06:00:00+00:00[Europe/London]",
    ]
    for _ in range(2):  # the second time from the memo
        assert expected == [write(d) for d in (first, second, eat, london)]
    monkeypatch.setattr(_converter, "_MEMO_LIMIT", 2)
    converter.clear_memos()
    for _ in range(2):
        assert expected == [write(d) for d in (first, second, eat, london)]
        assert len(converter.memos.written) <= 2


@pytest.mark.parametrize("backend", ["json", *(["orjson"] if _json.ORJSON_INSTALLED else [])])
def test_a_document_written_straight_to_text_is_the_same_json(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_json, "backend", backend)
    converter = _converter.make_converter()
    event = ee.examples.kikao_kazi_2019()
    shared = converter.for_text.to_document(event)
    assert isinstance(shared["participants"][0]["groups"], tuple)
    assert shared["participants"][0]["groups"] is shared["participants"][1]["groups"]
    own = converter.to_document(event)
    assert isinstance(own["participants"][0]["groups"], list)
    for compact in (False, True):
        assert _json.encode(own, compact=compact) == _json.encode(shared, compact=compact)


def test_printable_texts_skip_the_search_for_refused_characters() -> None:
    """A printable text is never searched: no character a text refuses is printable."""
    refused = re.compile(_checks._NOT_ONE_LINE)  # the wider class; multi-line refuses a subset
    printable_yet_refused = [
        hex(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable() and refused.match(chr(c))
    ]
    assert [] == printable_yet_refused
    assert "'\\x85' at character 5" in str(_checks.text_problem("Kikao\x85Kazi"))
    assert "'\\u2028' at character 1" in str(_checks.text_problem("a\u2028b", multiline=True))
    assert _checks.text_problem("Kikao =?utf-8?q?x?=") is not None
    assert _checks.text_problem("Kikao =? kazi ?=") is None
