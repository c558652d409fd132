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

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from egov_events.errors import MAX_PROBLEMS, PathPart, Problem, Suggestions, ValidationError

__all__ = [
    "UNEXPECTED",
    "Failures",
    "Invalid",
    "Nested",
    "ReadLimits",
    "Several",
    "collect",
    "describe",
    "problems_from",
    "reader_problem",
    "reading",
    "suggestions",
    "swahili",
    "unknown_field",
]

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


# The reader's messages in Swahili: each English form (a pattern over the
# whole message) and its Swahili text. The values quoted in a message (JSON
# values, names, dates) stay as they are.
_SWAHILI: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), text)
    for pattern, text in (
        (r"expected a string, got (.+)", r"maandishi (string) yanatarajiwa, imepewa \1"),
        (r"expected an integer, got (.+)", r"namba kamili inatarajiwa, imepewa \1"),
        (r"expected a number, got (.+)", r"namba inatarajiwa, imepewa \1"),
        (r"expected true or false, got (.+)", r"true au false inatarajiwa, imepewa \1"),
        (r"expected an array, got (.+)", r"safu (array) inatarajiwa, imepewa \1"),
        (r"expected an object, got (.+)", r"kitu (object) kinatarajiwa, imepewa \1"),
        (
            r"expected an object \((.+)\), got (.+)",
            r"kitu (object) kinatarajiwa (\1), imepewa \2",
        ),
        (r"required field missing", "sehemu inayohitajika haipo"),
        (
            r"naive datetime (.+): expected a UTC offset and a time zone name, e\.g\. (.+)",
            r"datetime \1 haina kanda ya saa: tofauti ya saa na jina la kanda vinatarajiwa, "
            r"k.m. \2",
        ),
        (
            r"datetime (.+) has no time zone name: expected e\.g\. (.+) \(RFC 9557\), so that "
            r"the zone survives, not only its offset",
            r"datetime \1 haina jina la kanda ya saa: k.m. \2 inatarajiwa (RFC 9557), ili "
            r"kanda ihifadhiwe, si tofauti ya saa tu",
        ),
        (
            r"malformed datetime (.+): expected RFC 9557, e\.g\. (.+)",
            r"datetime \1 si sahihi: RFC 9557 inatarajiwa, k.m. \2",
        ),
        (
            r"integer out of range: integers are read from (\S+) to (\S+) (.+)",
            r"namba kamili iko nje ya kiwango: namba kamili husomwa kutoka \1 hadi \2 \3",
        ),
        (
            r"schema_version (\d+) is newer than this library understands \((\d+)\); "
            r"upgrade egov_events",
            r"schema_version \1 ni mpya kuliko maktaba hii inavyoelewa (\2); pandisha "
            r"toleo la egov_events",
        ),
        (
            r"unknown schema_version (.+): versions start at 1",
            r"schema_version \1 haijulikani: matoleo huanza na 1",
        ),
        (
            r"document is larger than the limit of (\d+) bytes \((.+)\)",
            r"hati ni kubwa kuliko kikomo cha baiti \1 (\2)",
        ),
        (r"document is not valid JSON: (.+)", r"hati si JSON halali: \1"),
        (r"document is not UTF-8 (.+)", r"hati si UTF-8 \1"),
        (r"document is not valid Unicode: (.+)", r"hati si Unicode halali: \1"),
        (
            r"expected an object \(an event document\), got (.+)",
            r"kitu (object) cha hati ya tukio kinatarajiwa, imepewa \1",
        ),
        (r"unknown field (.+) for (\w+)(.*)", r"sehemu \1 haijulikani kwa \2\3"),
        (r"(.+) is out of range", r"\1 iko nje ya kiwango kinachoruhusiwa"),
        (
            r"expected a date such as (.+), got (.+)",
            r"tarehe kama \1 inatarajiwa, imepewa \2",
        ),
        (
            r"malformed date (.+): expected YYYY-MM-DD, e\.g\. (.+)",
            r"tarehe \1 si sahihi: YYYY-MM-DD inatarajiwa, k.m. \2",
        ),
        (r"invalid date (.+?): (.+)", r"tarehe \1 si halali: \2"),
        (
            r"expected a datetime such as (.+), got (.+)",
            r"datetime kama \1 inatarajiwa, imepewa \2",
        ),
        (r"invalid datetime (.+?): (.+)", r"datetime \1 si halali: \2"),
        (
            r"expected a time zone name such as (.+), got (.+)",
            r"jina la kanda ya saa kama \1 linatarajiwa, imepewa \2",
        ),
        (
            r"unknown time zone (.+) \(IANA time zone database\)(.*)",
            r"kanda ya saa \1 haijulikani (hifadhidata ya kanda za saa ya IANA)\2",
        ),
        (
            r"(.+) does not exist in time zone (.+): the clocks skip it",
            r"\1 haipo katika kanda ya saa \2: saa zinairuka",
        ),
        (
            r"offset (.+) contradicts time zone (.+), which is at (.+) at (.+)",
            r"tofauti ya saa \1 inapingana na kanda ya saa \2, iliyo \3 saa \4",
        ),
        (
            r"duplicate item (.+) \(first at \[(\d+)\]\): list each item once",
            r"kipengele \1 kimerudiwa (kwanza [\2]): orodhesha kila kipengele mara moja",
        ),
        (
            r"(.+) is not after (.+): list the days in order, each once",
            r"\1 si baada ya \2: orodhesha siku kwa mpangilio, kila moja mara moja",
        ),
        (
            r"expected an object of language tag to text, e\.g\. (.+), got (.+)",
            r"kitu cha lebo ya lugha kwa maandishi kinatarajiwa, k.m. \1, imepewa \2",
        ),
        (r"rules nest more than (\d+) deep", r"kanuni zimeingiliana zaidi ya ngazi \1"),
        (r"unknown rule op (.+?): (.+)", r"op ya kanuni \1 haijulikani: \2"),
        (r"unknown (\w+) (.+?): (.+)", r"\1 \2 haijulikani: \3"),
        (
            r"text contains a lone surrogate (.+), which UTF-8 cannot encode",
            r"maandishi yana surrogate pweke \1, ambayo UTF-8 haiwezi kuisimba",
        ),
        (r"expected (\w+) \((.+)\), got (.+)", r"\1 inatarajiwa (\2), imepewa \3"),
    )
)
_SWAHILI_PHRASES: tuple[tuple[str, str], ...] = (
    ("; did you mean ", "; je, ulimaanisha "),
    ("expected one of ", "mojawapo ya "),
    (" in all)", " kwa jumla)"),
    ("none are defined", "hakuna kilichofafanuliwa"),
)


def swahili(message: str) -> str | None:
    """The Swahili text of one of the reader's messages, or ``None`` for one it does not know.

    >>> swahili("expected an integer, got string '2'")
    "namba kamili inatarajiwa, imepewa string '2'"
    >>> swahili("unknown field 'titel' for Session; did you mean 'title'?")
    "sehemu 'titel' haijulikani kwa Session; je, ulimaanisha 'title'?"
    """
    for pattern, text in _SWAHILI:
        if pattern.fullmatch(message):
            translated = pattern.sub(text, message, count=1)
            for english, kiswahili in _SWAHILI_PHRASES:
                translated = translated.replace(english, kiswahili)
            return translated
    return None


def reader_problem(path: tuple[PathPart, ...], message: str) -> Problem:
    """A problem of the reader, with its Swahili text where one is known."""
    return Problem(path, message, sw=swahili(message))


class Several(Exception):  # noqa: N818 (a collection of problems, not an error condition)
    """Problems of one value found by different checks, in the order found."""

    def __init__(self, errors: Sequence[BaseException]) -> None:
        """Collect the exceptions, each about the same value."""
        super().__init__(f"{len(errors)} kinds of problems")
        self.errors = errors


class ReadLimits:
    """What one read may still keep: problems, and did-you-mean searches.

    A read keeps at most :data:`~egov_events.errors.MAX_PROBLEMS` problems
    (counting the others, never holding them), so that a document wrong in
    every value costs memory in proportion to its size, not to its mistakes.
    """

    def __init__(self) -> None:
        """Start a read with nothing kept."""
        self.kept = 0
        self.omitted = 0
        self.suggestions = Suggestions()

    def keep(self, exc: BaseException) -> bool:
        """Whether to keep *exc*; if not, its problems are counted.

        An error that holds problems already kept (those of a container
        inside it) is kept: it costs no more, and dropping it would lose
        them. Any other is kept while the read has kept fewer than
        :data:`~egov_events.errors.MAX_PROBLEMS` problems.
        """
        found = _count(exc)
        if found and not isinstance(exc, Invalid) and _holds_kept(exc):
            return True
        if self.kept < MAX_PROBLEMS:
            self.kept += found
            return True
        self.omitted += found
        return False


def _holds_kept(exc: BaseException) -> bool:
    """Whether *exc* holds an error of a container (whose problems were counted there)."""
    pending = [exc]
    while pending:
        current = pending.pop()
        if isinstance(current, Nested) and current.errors:
            return True
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        elif isinstance(current, Several):
            pending.extend(current.errors)
    return False


def _count(exc: BaseException) -> int:
    """How many problems *exc* stands for."""
    if isinstance(exc, Invalid):
        return 1
    if isinstance(exc, Nested):
        return sum(_count(sub) for _, sub in exc.errors)
    return sum(1 for _ in problems_from(exc))


def _untangle(exc: BaseException) -> None:
    """Drop the tracebacks of *exc* and the exceptions inside it.

    A message needs none of them, and they hold reference cycles (a frame
    holding the list of its errors, each error holding that frame) that
    only the cyclic garbage collector frees, which is paused during a read:
    a document wrong in every one of a million values would otherwise keep
    a million of them until the read ends.
    """
    pending = [exc]
    while pending:
        current = pending.pop()
        current.__traceback__ = None
        current.__context__ = None
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        elif isinstance(current, Nested):
            pending.extend(sub for _, sub in current.errors)
        elif isinstance(current, Several):
            pending.extend(current.errors)


_limits: ContextVar[ReadLimits | None] = ContextVar("egov_events_read_limits", default=None)


@contextmanager
def reading() -> Iterator[ReadLimits]:
    """The limits of one read, for the hooks called while it lasts."""
    limits = ReadLimits()
    token = _limits.set(limits)
    try:
        yield limits
    finally:
        _limits.reset(token)


class Failures(list[tuple[PathPart, BaseException]]):
    """The errors found in one container, and whether there were any.

    Past the read's limit an error is counted, not kept: the container is
    wrong all the same (:attr:`failed`), though it may hold no error.
    """

    failed: bool = False


def collect(errors: Failures, part: PathPart, exc: BaseException) -> None:
    """Add *exc*, found at *part* of a container, unless the read has kept enough."""
    errors.failed = True
    _untangle(exc)
    limits = _limits.get()
    if limits is None or limits.keep(exc):
        errors.append((part, exc))


def suggestions() -> Suggestions:
    """The did-you-mean hints of the read in progress (fresh ones outside a read)."""
    limits = _limits.get()
    return Suggestions() if limits is None else limits.suggestions


def unknown_field(cl: type, key: str) -> str:
    """The message for a key that names no field of *cl*, with the closest field."""
    known = [a.name for a in attrs.fields(cl)] if attrs.has(cl) else []
    close = suggestions().close(key, known) if isinstance(key, str) else None
    hint = f"; did you mean {close!r}?" if close is not None else ""
    shown = key if not isinstance(key, str) or len(key) <= 64 else key[:64] + "..."
    return f"unknown field {shown!r} for {cl.__name__}{hint}"


def _class_problems(exc: ClassValidationError, path: tuple[PathPart, ...]) -> Iterator[Problem]:
    """The problems of one object: its fields', then its unknown fields', then its own."""
    with_notes, others = exc.group_exceptions()
    for sub, note in with_notes:
        if type(sub) is KeyError:
            # The generated hook reads ``o[name]``: the field is absent.
            yield reader_problem((*path, note.name), "required field missing")
        else:
            yield from problems_from(sub, (*path, note.name))
    for sub in others:
        if isinstance(sub, ForbiddenExtraKeysError):
            for key in sorted(sub.extra_fields, key=str):
                yield reader_problem((*path, key), unknown_field(sub.cl, key))
        else:
            # Raised by the class itself: its __init__ or __attrs_post_init__.
            yield from problems_from(sub, path)


def problems_from(exc: BaseException, path: tuple[PathPart, ...] = ()) -> Iterator[Problem]:
    """Yield the problems that *exc* stands for, at their paths under *path*."""
    if isinstance(exc, Invalid):
        yield reader_problem((*path, *exc.path), exc.message)
    elif isinstance(exc, Several):
        for sub in exc.errors:
            yield from problems_from(sub, path)
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
