"""Fuzzing the readers: an Event (or a calendar) or a ValidationError, nothing else.

The readers are ``loads``, and at the end of the module ``read_schedule`` and ``from_jcal``.

Four kinds of input: random bytes, random text, random JSON values, and
valid documents with a few random changes (values replaced by values of
other types or by awkward ones, fields removed or added, items repeated,
bytes of the text flipped or cut). Every error must carry a path, and none
may be the converter's message for an exception no check anticipated. A
last test reads the same inputs with the standard library and with orjson
and requires the same event or the same messages.

The budget is ``EGOV_FUZZ_EXAMPLES`` inputs per kind (default 150, which
keeps the normal test run fast), or ``EGOV_FUZZ_INPUTS`` inputs in all, shared
out over the fuzz tests of this module and of ``test_fuzz_readers.py``; the
number run is printed at the end of the module, e.g.::

    EGOV_FUZZ_INPUTS=50000 .venv/bin/pytest -p no:cacheprovider \\
        tests/test_fuzz.py tests/test_fuzz_readers.py
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import egov_events as ee
from egov_events import interchange
from egov_events.examples import kikao_kazi_2019
from egov_events.serialization import _json
from egov_events.serialization._errors import UNEXPECTED
from tests.fuzzing import examples_per_test, fuzz_settings, fuzz_test_count, print_count

FIXTURE = Path(__file__).parent / "fixtures" / "v1" / "workshop.json"
BASE_TEXT = FIXTURE.read_text(encoding="utf-8")
BASE: dict[str, Any] = json.loads(BASE_TEXT)

_PATH = re.compile(r" @ \$(?:$|[.\[])")
RAN: Counter[str] = Counter()

FUZZ = fuzz_settings(150)


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print how many inputs the fuzz tests ran, whatever pytest captures."""
    yield
    print_count(request, RAN, "")


def _check(kind: str, data: str | bytes) -> None:
    """``loads`` returns an Event or raises a ValidationError whose messages have paths."""
    RAN[kind] += 1
    errors: list[str] = []
    try:
        event = ee.loads(data)
    except ee.ValidationError as exc:
        errors = exc.errors
    else:
        assert event == ee.loads(ee.dumps(event))
        return
    assert errors
    for message in errors:
        assert _PATH.search(message), message
        assert UNEXPECTED not in message, message


# -- random input ---------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "",
            " ",
            "\n",
            "\ud800",
            "rule",
            "research",
            "confirmed",
            "2019-01-30",
            "2019-02-30",
            "Africa/Dar_es_Salaam",
            "Mars/Olympus_Mons",
            "2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]",
            "2019-01-30T09:00:00+02:00[Africa/Dar_es_Salaam]",
            "2019-03-31T02:30:00+01:00[Europe/Berlin]",
            "9999-12-31T23:59:59-12:00[Etc/GMT+12]",
            "0001-01-01T00:00:00+14:00[Pacific/Kiritimati]",
            "../../etc/passwd",
            "x" * 300,
        ]
    )
    | st.sampled_from([0, -1, 1.0, 2**53, -(2**63), 2**64, 10**30, 1e308, -0.0, 5e-324])
)
_JSON = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes(data: bytes) -> None:
    _check("bytes", data)


@FUZZ
@given(st.text(max_size=256))
def test_random_text(data: str) -> None:
    _check("text", data)


@FUZZ
@given(_JSON, st.booleans())
def test_random_json(value: object, with_version: bool) -> None:
    if with_version and isinstance(value, dict):
        value = {"schema_version": 1, **value}
    _check("json", json.dumps(value))


# -- mutated valid documents ---------------------------------------------------------


def _paths(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in a JSON value, the root first."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


def _parent(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


@st.composite
def mutated_documents(draw: st.DrawFn, base: dict[str, Any] = BASE) -> dict[str, Any]:
    """*base* (the version-1 document) with one to four random changes."""
    document = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(document) if p]
        path = paths[draw(st.integers(0, len(paths) - 1))]
        parent = _parent(document, path)
        key = path[-1]
        change = draw(st.sampled_from(["replace", "remove", "add", "repeat", "nest", "empty"]))
        if change == "replace":
            parent[key] = draw(_JSON)
        elif change == "remove":
            del parent[key]
        elif change == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(_JSON)
        elif change == "add":
            parent.insert(int(key), draw(_JSON))
        elif change == "repeat" and isinstance(parent, list):
            parent.insert(int(key), copy.deepcopy(parent[int(key)]))
        elif change == "nest":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"op": "rule", "x": parent[key]}
        elif change == "empty":
            parent[key] = (
                type(parent[key])() if isinstance(parent[key], dict | list | str) else None
            )
    return document


@FUZZ
@given(mutated_documents())
def test_mutated_documents(document: dict[str, Any]) -> None:
    _check("mutated", json.dumps(document, allow_nan=True))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(BASE_TEXT.encode()) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=4,
    ),
    st.integers(0, len(BASE_TEXT.encode())),
)
def test_mutated_bytes(edits: list[tuple[int, int]], keep: int) -> None:
    data = bytearray(BASE_TEXT.encode())
    for position, byte in edits:
        data[position] = byte
    _check("mutated bytes", bytes(data[: max(keep, len(data) - 64)]))


# -- the two JSON libraries agree ---------------------------------------------------


def _outcome(data: str | bytes, backend: str) -> object:
    old = _json.backend
    _json.backend = backend
    try:
        return ee.dumps(ee.loads(data))
    except ee.ValidationError as exc:
        return exc.errors
    finally:
        _json.backend = old


@pytest.mark.skipif(not _json.ORJSON_INSTALLED, reason="orjson is not installed")
@FUZZ
@given(
    st.one_of(
        st.binary(max_size=256),
        mutated_documents().map(lambda d: json.dumps(d, allow_nan=True).encode()),
        _JSON.map(lambda v: json.dumps(v, allow_nan=True)),
    )
)
def test_both_json_libraries_give_the_same_outcome(data: str | bytes) -> None:
    RAN["both libraries"] += 1
    assert _outcome(data, "json") == _outcome(data, "orjson")


# -- foreign schedules and jCal: read_schedule and from_jcal -------------------------
#
# Whatever the input (random values, our own export or a real pretalx file with
# random changes, XML with flipped bytes), read_schedule returns an Event or
# raises a ValidationError whose messages have paths; from_jcal returns a
# calendar or raises a ValidationError.

_SCHEDULE = interchange.schedule_json(kikao_kazi_2019(), lang="en")
_SCHEDULE_XML = interchange.schedule_xml(kikao_kazi_2019(), lang="en")


def _check_schedule(kind: str, data: object) -> None:
    RAN[f"schedule {kind}"] += 1
    errors: list[str] = []
    without_swahili: list[ee.Problem] = []
    try:
        event = interchange.read_schedule(data)  # type: ignore[arg-type]
    except ee.ValidationError as exc:
        errors = exc.errors
        without_swahili = [p for p in exc.problems if not p.sw]
    else:
        assert isinstance(event, ee.Event)
        return
    assert errors
    assert [] == without_swahili  # every message also in Swahili
    for message in errors:
        assert _PATH.search(message), message


@FUZZ
@given(st.one_of(st.binary(max_size=512), st.text(max_size=256)))
def test_schedule_random_input(data: str | bytes) -> None:
    _check_schedule("random", data)


@FUZZ
@given(_JSON, st.sampled_from(["bare", "schedule", "conference", "day", "event"]))
def test_schedule_random_json(value: object, depth: str) -> None:
    wrapped: object = value
    if depth == "event":
        wrapped = {"rooms": {"Ukumbi": [value]}}
    if depth in ("event", "day"):
        wrapped = {"title": "Kikao", "days": [wrapped]}
    if depth in ("event", "day", "conference"):
        wrapped = {"conference": wrapped}
    if depth != "bare":
        wrapped = {"schedule": wrapped}
    _check_schedule("json", wrapped)
    _check_schedule("json text", json.dumps(wrapped))


@FUZZ
@given(mutated_documents(_SCHEDULE))
def test_schedule_mutated(document: dict[str, Any]) -> None:
    _check_schedule("mutated", document)


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(_SCHEDULE_XML) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=4,
    )
)
def test_schedule_mutated_xml(edits: list[tuple[int, int]]) -> None:
    data = bytearray(_SCHEDULE_XML)
    for position, byte in edits:
        data[position] = byte
    _check_schedule("mutated xml", bytes(data))


@FUZZ
@given(
    st.one_of(
        _JSON,
        _JSON.map(lambda v: ["vcalendar", v, []]),
        _JSON.map(lambda v: ["vcalendar", [], [v]]),
    )
)
def test_jcal_random_json(value: object) -> None:
    RAN["jcal"] += 1
    try:
        interchange.from_jcal(json.dumps(value))
    except ee.ValidationError as exc:
        assert all(p.sw for p in exc.problems), exc.problems  # noqa: PT017 (every outcome is fine)


def test_inputs_in_all_are_shared_out_over_every_fuzz_test(monkeypatch: pytest.MonkeyPatch) -> None:
    # EGOV_FUZZ_INPUTS=N runs at least N inputs, and less than one more per fuzz test.
    count = fuzz_test_count()
    assert count >= 18  # this module's and test_fuzz_readers.py's @FUZZ tests
    monkeypatch.setenv("EGOV_FUZZ_INPUTS", "50000")
    each = examples_per_test(150)
    assert 50_000 <= each * count < 50_000 + count
