"""Turn what went wrong while structuring into problems with JSON paths.

Three kinds of exceptions reach :func:`problems_from`:

- the converter's own hooks raise :class:`Invalid` (one value is wrong) and
  :class:`Nested` (problems inside a container, keyed by index or key);
- cattrs' generated class hooks raise ``ClassValidationError`` groups whose
  members carry a note naming the field, plus ``ForbiddenExtraKeysError``
  and ``KeyError`` for unknown and missing fields;
- the model raises :class:`~egov_events.errors.ValidationError` from
  ``__attrs_post_init__`` with paths *relative to the object*; they are
  re-rooted under the path where the object was being structured, so that
  ``end must be after start @ $.end`` becomes ``... @ $.sessions[2].end``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from egov_events.errors import PathPart, Problem, ValidationError

__all__ = ["UNEXPECTED", "Invalid", "Nested", "describe", "problems_from"]

UNEXPECTED = "unexpected error while reading"
"""The start of the message for an exception no rule here anticipated.

Such a message means a check is missing; the fuzz tests look for it.
"""


class Invalid(Exception):  # noqa: N818 (a value, not an error condition of the program)
    """A value the converter refuses, at *path* relative to where it was read."""

    def __init__(self, message: str, *path: PathPart) -> None:
        """Record *message* about the value at *path* (empty: the value itself)."""
        super().__init__(message)
        self.message = message
        self.path = path


class Nested(Exception):  # noqa: N818 (a collection of problems, not an error condition)
    """Problems found inside a container, each under its index or key."""

    def __init__(self, errors: Sequence[tuple[PathPart, BaseException]]) -> None:
        """Collect ``(index or key, exception)`` pairs."""
        super().__init__(f"{len(errors)} problems inside a container")
        self.errors = errors


def describe(value: object) -> str:
    """Name a JSON value for a message: ``number 5``, ``string 'x'``, ``an array``.

    >>> describe(True), describe(None), describe(2.5), describe([1]), describe({})
    ('true', 'null', 'number 2.5', 'an array', 'an object')
    >>> describe("x" * 100)
    "string 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'... (100 characters)"
    """
    if value is None or value is True or value is False:
        return json.dumps(value)
    if isinstance(value, int | float):
        text = repr(value)
        if isinstance(value, int) and abs(value) >= 2**63:
            # orjson reads such an integer as a float: show it as one, so that
            # the message does not depend on the library that read it.
            try:
                text = repr(float(value))
            except OverflowError:
                text = "too large to show"
        return f"number {text}"
    if isinstance(value, str):
        if len(value) <= 48:
            return f"string {value!r}"
        return f"string {value[:48]!r}... ({len(value)} characters)"
    if isinstance(value, dict):
        return "an object"
    return "an array" if isinstance(value, list | tuple) else f"a {type(value).__name__}"


def _unknown_field(cl: type, key: str) -> str:
    known = [a.name for a in attrs.fields(cl)] if attrs.has(cl) else []
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {key!r} for {cl.__name__}{hint}"


def _class_problems(exc: ClassValidationError, path: tuple[PathPart, ...]) -> Iterator[Problem]:
    """The problems of one object: its fields', then its unknown fields', then its own."""
    with_notes, others = exc.group_exceptions()
    for sub, note in with_notes:
        if type(sub) is KeyError:
            # The generated hook reads ``o[name]``: the field is absent.
            yield Problem((*path, note.name), "required field missing")
        else:
            yield from problems_from(sub, (*path, note.name))
    for sub in others:
        if isinstance(sub, ForbiddenExtraKeysError):
            for key in sorted(sub.extra_fields, key=str):
                yield Problem((*path, key), _unknown_field(sub.cl, key))
        else:
            # Raised by the class itself: its __init__ or __attrs_post_init__.
            yield from problems_from(sub, path)


def problems_from(exc: BaseException, path: tuple[PathPart, ...] = ()) -> Iterator[Problem]:
    """Yield the problems that *exc* stands for, at their paths under *path*."""
    if isinstance(exc, Invalid):
        yield Problem((*path, *exc.path), exc.message)
    elif isinstance(exc, Nested):
        for part, sub in exc.errors:
            yield from problems_from(sub, (*path, part))
    elif isinstance(exc, ValidationError):
        for problem in exc.problems:
            yield problem.under(*path)
    elif isinstance(exc, ClassValidationError):
        yield from _class_problems(exc, path)
    elif isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        for sub, inote in with_index:
            yield from problems_from(sub, (*path, inote.index))
        for sub in rest:
            yield from problems_from(sub, path)
    else:
        yield Problem(path, f"{UNEXPECTED}: {type(exc).__name__}: {exc}")
