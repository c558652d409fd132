"""Errors that say what is wrong, where, and what was expected.

Every problem found in input, whether it arrives as Python objects or (later)
as JSON, is a :class:`Problem`: a path into the value that was checked and a
message. A :class:`ValidationError` carries *all* the problems found, never
only the first, and its :attr:`~ValidationError.errors` are the messages with
their paths, ``"end must be after start ... @ $.sessions[2].end"``.

Paths use JSONPath notation: ``$`` is the value being checked, ``.name`` a
field, ``[3]`` a position in a sequence and ``['sw-TZ']`` a key that is not a
plain identifier.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Final

import attrs

from egov_events.locale import language

__all__ = [
    "MAX_PROBLEMS",
    "MAX_SUGGESTIONS",
    "PathPart",
    "Problem",
    "Problems",
    "Suggestions",
    "ValidationError",
    "count_problems",
    "format_path",
]

MAX_PROBLEMS: Final = 1000
"""The most problems one :class:`ValidationError` lists.

Input that is wrong everywhere (a list of a million wrong values) is not
described value by value: the first problems are listed, then one line
says how many more there are (``and 999000 more problems``). The work and
memory of a check stay proportional to its input, not to the number of
messages it could write.
"""

MAX_SUGGESTIONS: Final = 32
"""The most did-you-mean searches one check or one read makes.

A search compares a value with every name it could have meant; each
distinct value is searched once (the answer is remembered), and past this
many searches messages name no close match. A document with thousands of
misspelt values costs the same as one with a few.
"""

_SUGGESTION_CHARS: Final = 64
"""Values and names are compared on their first characters only."""

_SUGGESTION_CANDIDATES: Final = 2000
"""The most names a search compares a value with (those closest in length first)."""


PathPart = str | int
"""One step of a path: a field or key name, or a position in a sequence."""


def _is_plain_name(part: str) -> bool:
    return part.isidentifier()


def format_path(path: Iterable[PathPart]) -> str:
    """Render *path* in JSONPath notation, rooted at ``$``.

    >>> format_path(("sessions", 2, "end"))
    '$.sessions[2].end'
    >>> format_path(("title", "sw-TZ"))
    "$.title['sw-TZ']"
    >>> format_path(())
    '$'
    """
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _is_plain_name(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


@attrs.frozen
class Problem:
    """One thing wrong with a value: where it is and what was expected.

    >>> str(Problem(("sessions", 2, "end"), "end must be after start"))
    'end must be after start @ $.sessions[2].end'
    """

    path: tuple[PathPart, ...]
    """Where the offending value is, relative to the value that was checked."""
    message: str
    """What is wrong and what was expected, for a person to read (English)."""
    sw: str | None = attrs.field(default=None, kw_only=True)
    """The same message in Swahili; ``None`` where only English is written."""

    def under(self, *prefix: PathPart) -> Problem:
        """Return this problem as seen from a value that contains it at *prefix*.

        >>> str(Problem(("end",), "too early").under("sessions", 2))
        'too early @ $.sessions[2].end'
        """
        return Problem((*prefix, *self.path), self.message, sw=self.sw)

    def text(self, lang: str = "en") -> str:
        """The message in *lang* (``"sw"`` or ``"en"``), without the path.

        >>> Problem(("end",), "too early", sw="mapema mno").text("sw")
        'mapema mno'
        """
        return self.sw if language(lang) == "sw" and self.sw is not None else self.message

    def render(self, lang: str = "en") -> str:
        """The message in *lang* with its path, as :attr:`ValidationError.errors` shows it.

        >>> Problem(("end",), "too early", sw="mapema mno").render("sw")
        'mapema mno @ $.end'
        """
        return f"{self.text(lang)} @ {format_path(self.path)}"

    def __str__(self) -> str:
        return f"{self.message} @ {format_path(self.path)}"


def count_problems(n: int, lang: str = "sw") -> str:
    """``n`` problems in words, with the right plural in Swahili or English.

    >>> count_problems(1), count_problems(2), count_problems(1, "en"), count_problems(2, "en")
    ('tatizo 1', 'matatizo 2', '1 problem', '2 problems')
    """
    if language(lang) == "sw":
        return f"tatizo {n}" if n == 1 else f"matatizo {n}"
    return f"{n} problem" if n == 1 else f"{n} problems"


def _more(omitted: int, lang: str = "en") -> str:
    if language(lang) == "sw":
        noun = "tatizo" if omitted == 1 else "matatizo"
        return f"na {noun} {omitted} zaidi (ni {MAX_PROBLEMS} ya kwanza tu yaliyoorodheshwa) @ $"
    noun = "problem" if omitted == 1 else "problems"
    return f"and {omitted} more {noun} (only the first {MAX_PROBLEMS} are listed) @ $"


class ValidationError(ValueError):
    """Input that breaks the model's rules; carries every problem found.

    ``errors`` lists the messages, each ending with `` @ $.path`` of the
    offending value (``$`` alone for the value itself):

    >>> err = ValidationError([Problem(("capacity",), "must not be negative")])
    >>> err.errors
    ['must not be negative @ $.capacity']

    At most :data:`MAX_PROBLEMS` problems are kept; a last message counts
    the others:

    >>> err = ValidationError(Problem((i,), "not a participant") for i in range(1500))
    >>> len(err.problems), err.omitted, err.errors[-1]
    (1000, 500, 'and 500 more problems (only the first 1000 are listed) @ $')
    """

    problems: tuple[Problem, ...]
    """The problems, in the order they were found (at most :data:`MAX_PROBLEMS`)."""
    omitted: int
    """How many more problems were found and not kept."""
    errors: list[str]
    """The problems as text, one message with its path each (and the count of the others)."""

    def __init__(self, problems: Iterable[Problem], *, omitted: int = 0) -> None:
        """Collect *problems*, of which there must be at least one, and *omitted* others."""
        kept: list[Problem] = []
        for problem in problems:
            if len(kept) < MAX_PROBLEMS:
                kept.append(problem)
            else:
                omitted += 1
        self.problems = tuple(kept)
        self.omitted = omitted
        if not self.problems:
            msg = "a ValidationError needs at least one problem"
            raise ValueError(msg)
        self.errors = [str(p) for p in self.problems]
        if omitted:
            self.errors.append(_more(omitted))
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.errors) == 1:
            return self.errors[0]
        lines = [f"{len(self.errors)} problems:"]
        lines.extend(f"  - {e}" for e in self.errors)
        return "\n".join(lines)

    def messages(self, lang: str = "en") -> list[str]:
        """The problems as text in *lang* (``"sw"`` or ``"en"``), one line each with its path.

        ``messages("en")`` is :attr:`errors`.

        >>> err = ValidationError([Problem(("id",), "must not be empty", sw="kisiwe tupu")])
        >>> err.messages("sw")
        ['kisiwe tupu @ $.id']
        """
        lines = [p.render(lang) for p in self.problems]
        if self.omitted:
            lines.append(_more(self.omitted, lang))
        return lines

    def render(self, lang: str = "sw") -> str:
        """Every problem in *lang*, one per line, after a count with the right plural.

        >>> err = ValidationError([Problem(("id",), "must not be empty", sw="kisiwe tupu")])
        >>> print(err.render("sw"))
        tatizo 1:
          - kisiwe tupu @ $.id
        >>> print(err.render("en"))
        1 problem:
          - must not be empty @ $.id
        """
        lines = [f"{count_problems(len(self.problems) + self.omitted, lang)}:"]
        lines.extend(f"  - {line}" for line in self.messages(lang))
        return "\n".join(lines)

    def under(self, *prefix: PathPart) -> ValidationError:
        """Return the same problems as seen from a value containing them at *prefix*."""
        return ValidationError((p.under(*prefix) for p in self.problems), omitted=self.omitted)

    def __reduce__(self) -> tuple[object, tuple[tuple[Problem, ...], int]]:
        return (_restore, (self.problems, self.omitted))


def _restore(problems: tuple[Problem, ...], omitted: int) -> ValidationError:
    return ValidationError(problems, omitted=omitted)


class Suggestions:
    """Did-you-mean hints for one check or one read: remembered, and bounded.

    Each distinct value is compared with the names it could have meant once;
    at most :data:`MAX_SUGGESTIONS` searches are made, each on the first
    characters of the value and at most a few thousand names, so that no
    input can make the hints cost more than the check itself.

    >>> hints = Suggestions()
    >>> hints.close("Africa/Dar_es_Salam", ["Africa/Dar_es_Salaam", "Europe/London"])
    'Africa/Dar_es_Salaam'
    >>> hints.close("zzz", ["Africa/Dar_es_Salaam"]) is None
    True
    """

    def __init__(self, limit: int = MAX_SUGGESTIONS) -> None:
        """Start with no answers and *limit* searches to make."""
        self._left = limit
        self._answers: dict[tuple[str, int], str | None] = {}
        self._names: dict[int, tuple[Collection[str], dict[str, str]]] = {}
        self._listings: dict[int, tuple[Collection[str], list[str], int]] = {}

    def _folded(self, known: Collection[str]) -> dict[str, str]:
        """The names of *known* by their case-folded first characters, prepared once."""
        entry = self._names.get(id(known))
        if entry is None or entry[0] is not known:
            by_folded = {
                k[:_SUGGESTION_CHARS].casefold(): k
                for k in sorted((k for k in known if isinstance(k, str)), reverse=True)
            }
            entry = (known, by_folded)  # holding *known* keeps its id from being reused
            self._names[id(known)] = entry
        return entry[1]

    def close(self, value: str, known: Collection[str]) -> str | None:
        """The name in *known* closest to *value*, if one is close enough."""
        key = (value[:_SUGGESTION_CHARS], id(known))
        if key in self._answers:
            return self._answers[key]
        if self._left <= 0:
            return None
        self._left -= 1
        import difflib  # noqa: PLC0415 (lazy: only on the error path)

        folded = self._folded(known)
        wanted = key[0].casefold()
        answer = folded.get(wanted)
        if answer is None:
            names = sorted(folded, key=lambda n: (abs(len(n) - len(wanted)), n))
            close = difflib.get_close_matches(wanted, names[:_SUGGESTION_CANDIDATES], n=1)
            answer = folded[close[0]] if close else None
        self._answers[key] = answer
        return answer

    def listing(self, known: Collection[str]) -> tuple[list[str], int]:
        """The first eight names of *known* in order, and how many there are (prepared once)."""
        key = id(known)
        entry = self._listings.get(key)
        if entry is None or entry[0] is not known:
            shown = sorted(k for k in known if isinstance(k, str))
            entry = (known, shown[:8], len(shown))
            self._listings[key] = entry
        return entry[1], entry[2]

    def describe(self, value: str, known: Collection[str]) -> str:
        """Describe the allowed values, with a did-you-mean where one is close.

        >>> Suggestions().describe("regoin", ["region", "status"])
        "expected one of 'region', 'status'; did you mean 'region'?"
        """
        close = self.close(value, known) if isinstance(value, str) else None
        hint = f"; did you mean {close!r}?" if close is not None else ""
        first, count = self.listing(known)
        if not count:
            return "none are defined" + hint
        listed = ", ".join(repr(k) for k in first)
        if count > len(first):
            listed += f", ... ({count} in all)"
        return f"expected one of {listed}{hint}"


@attrs.define
class Problems:
    """A collector used by validators: add problems, then raise them together.

    It keeps at most :data:`MAX_PROBLEMS` and counts the others, and it
    makes the did-you-mean hints of one check (:attr:`suggestions`).
    """

    found: list[Problem] = attrs.field(factory=list)
    omitted: int = 0
    """How many problems were found past :data:`MAX_PROBLEMS` and not kept."""
    suggestions: Suggestions = attrs.field(factory=Suggestions)
    """The did-you-mean hints of this check, remembered and bounded."""

    def add(self, path: Iterable[PathPart], message: str, sw: str | None = None) -> None:
        """Record that the value at *path* is wrong, and why (in English, and Swahili)."""
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(tuple(path), message, sw=sw))
        else:
            self.omitted += 1

    @property
    def full(self) -> bool:
        """Whether further problems are only counted, not kept."""
        return len(self.found) >= MAX_PROBLEMS

    def extend(self, problems: Iterable[Problem], *prefix: PathPart) -> None:
        """Record *problems* found inside the value at *prefix*."""
        for p in problems:
            if len(self.found) < MAX_PROBLEMS:
                self.found.append(p.under(*prefix))
            else:
                self.omitted += 1

    def absorb(self, error: ValidationError, *prefix: PathPart) -> None:
        """Record the problems of *error* (and its count of others) under *prefix*."""
        self.extend(error.problems, *prefix)
        self.omitted += error.omitted

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.found)

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_if_any(self) -> None:
        """Raise a :class:`ValidationError` with everything found, if anything was."""
        if self.found:
            raise ValidationError(self.found, omitted=self.omitted)
