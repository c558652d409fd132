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

from collections.abc import Iterable, Iterator

import attrs

from egov_events.locale import language

__all__ = ["PathPart", "Problem", "ValidationError", "count_problems", "format_path"]

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


class ValidationError(ValueError):
    """Input that breaks the model's rules; carries every problem found.

    ``errors`` lists the messages, each ending with `` @ $.path`` of the
    offending value (``$`` alone for the value itself):

    >>> err = ValidationError([Problem(("capacity",), "must not be negative")])
    >>> err.errors
    ['must not be negative @ $.capacity']
    """

    problems: tuple[Problem, ...]
    """The problems, in the order they were found."""
    errors: list[str]
    """The problems as text, one message with its path each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Collect *problems*; there must be at least one."""
        self.problems = tuple(problems)
        if not self.problems:
            msg = "a ValidationError needs at least one problem"
            raise ValueError(msg)
        self.errors = [str(p) for p in self.problems]
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
        return [p.render(lang) for p in self.problems]

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
        lines = [f"{count_problems(len(self.problems), lang)}:"]
        lines.extend(f"  - {line}" for line in self.messages(lang))
        return "\n".join(lines)

    def under(self, *prefix: PathPart) -> ValidationError:
        """Return the same problems as seen from a value containing them at *prefix*."""
        return ValidationError(p.under(*prefix) for p in self.problems)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


@attrs.define
class Problems:
    """A collector used by validators: add problems, then raise them together."""

    found: list[Problem] = attrs.field(factory=list)

    def add(self, path: Iterable[PathPart], message: str, sw: str | None = None) -> None:
        """Record that the value at *path* is wrong, and why (in English, and Swahili)."""
        self.found.append(Problem(tuple(path), message, sw=sw))

    def extend(self, problems: Iterable[Problem], *prefix: PathPart) -> None:
        """Record *problems* found inside the value at *prefix*."""
        self.found.extend(p.under(*prefix) for p in problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.found)

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_if_any(self) -> None:
        """Raise a :class:`ValidationError` with everything found, if anything was."""
        if self.found:
            raise ValidationError(self.found)
