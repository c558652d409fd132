from __future__ import annotations

import pickle

import pytest

from egov_events import Problem, ValidationError
from egov_events.errors import format_path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), "$"),
        (("sessions", 2, "end"), "$.sessions[2].end"),
        (("title", "sw"), "$.title.sw"),
        (("title", "sw-TZ"), "$.title['sw-TZ']"),
        (("scores", "it's"), "$.scores['it\\'s']"),
        ((0,), "$[0]"),
    ],
)
def test_paths_are_written_in_jsonpath_notation(path: tuple[str | int, ...], expected: str) -> None:
    assert expected == format_path(path)


def test_every_message_ends_with_its_path() -> None:
    err = ValidationError(
        [Problem(("sessions", 2, "end"), "end must be after start"), Problem((), "bad")]
    )
    assert ["end must be after start @ $.sessions[2].end", "bad @ $"] == err.errors
    assert "2 problems:\n  - end must be after start @ $.sessions[2].end\n  - bad @ $" == str(err)


def test_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="capacity"):
        raise ValidationError([Problem(("capacity",), "must not be negative")])


def test_problems_can_be_moved_under_a_parent_path() -> None:
    err = ValidationError([Problem(("end",), "too early")]).under("sessions", 3)
    assert ["too early @ $.sessions[3].end"] == err.errors


def test_needs_at_least_one_problem() -> None:
    with pytest.raises(ValueError, match="at least one problem"):
        ValidationError([])


def test_survives_pickle_for_multiprocessing() -> None:
    err = ValidationError([Problem(("id",), "malformed")])
    again = pickle.loads(pickle.dumps(err))  # noqa: S301 (own data)
    assert err.errors == again.errors
