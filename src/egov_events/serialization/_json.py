"""Bytes to JSON values and back: orjson when installed, else the standard library.

Both paths write the same bytes for the same document (two-space
indentation, non-ASCII characters as themselves, a final newline). Documents
are read by the standard library, with a hook that finds an object naming a
key twice (RFC 8259 section 4 leaves the meaning to each reader; orjson keeps
the last value silently): such a document is refused, with the path of each
repeated key, so that what is accepted and the messages never depend on
which library is installed.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Final

from egov_events.errors import Problem, ValidationError
from egov_events.serialization._errors import Invalid, describe, reader_problem

try:
    import orjson
except ImportError:  # pragma: no cover - exercised where orjson is absent
    orjson = None  # type: ignore[assignment]

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_SAFE_INTEGER",
    "ORJSON_INSTALLED",
    "ReprFloat",
    "backend",
    "encode",
    "encode_text",
    "parse",
    "read_integer",
]

MAX_DOCUMENT_BYTES: Final = 64 * 1024 * 1024
"""The largest document read, in bytes of UTF-8 (64 MiB).

A workshop with 100,000 participants takes about 20 MB; a larger input is
refused before it is parsed rather than allowed to exhaust memory.
"""

MAX_SAFE_INTEGER: Final = 2**53 - 1
"""The largest integer read: every JSON tool reads it exactly (RFC 7493 section 2.2)."""

_OUT_OF_RANGE: Final = (
    f"integer out of range: integers are read from -{MAX_SAFE_INTEGER} to "
    f"{MAX_SAFE_INTEGER} (RFC 7493 section 2.2)"
)

ORJSON_INSTALLED: Final = orjson is not None
"""Whether orjson can be used."""

backend: str = "orjson" if ORJSON_INSTALLED else "json"
"""Which library reads and writes JSON: ``"orjson"`` or ``"json"``.

Tests switch it to compare the two paths.
"""


class ReprFloat(float):
    """A float written exactly as :func:`repr` writes it.

    orjson writes ``1e-7`` and ``0.000025`` where the standard library writes
    ``1e-07`` and ``2.5e-05``; numbers in those ranges are wrapped in this
    class, which orjson hands to :func:`_orjson_default`.
    """

    __slots__ = ()


def read_integer(value: object) -> int:
    """Return *value* if it is an integer every JSON tool reads exactly.

    ``true`` and ``2.0`` are not integers. orjson reads integers beyond 64
    bits as floats; they are refused with the same message as an integer out
    of range, so that the message does not depend on the library.

    Raises:
        Invalid: *value* is not such an integer.

    """
    if type(value) is int:
        if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            return value
        raise Invalid(_OUT_OF_RANGE)
    if type(value) is float and value.is_integer() and abs(value) > MAX_SAFE_INTEGER:
        raise Invalid(_OUT_OF_RANGE)
    raise Invalid(f"expected an integer, got {describe(value)}")


def _too_large() -> ValidationError:
    return ValidationError(
        [
            reader_problem(
                (),
                f"document is larger than the limit of {MAX_DOCUMENT_BYTES} bytes "
                f"({MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB)",
            )
        ]
    )


def _invalid(message: str) -> ValidationError:
    return ValidationError([reader_problem((), message)])


class _NotANumberError(ValueError):
    """``NaN`` and ``Infinity``, which Python's parser accepts and JSON does not."""


def _reject_constant(name: str) -> Any:
    raise _NotANumberError(name)


class _Duplicates(dict[str, Any]):
    """An object with a repeated key, kept until its path is known."""

    __slots__ = ("repeated",)
    repeated: list[str]


def _mark_repeated(pairs: list[tuple[str, Any]], obj: dict[str, Any]) -> _Duplicates:
    marked = _Duplicates(obj)
    seen: set[str] = set()
    marked.repeated = []
    for key, _ in pairs:
        if key in seen:
            marked.repeated.append(key)
        seen.add(key)
    return marked


def _repeated_keys(document: Any) -> list[Problem]:
    """Every repeated key in *document*, at its path, in document order."""
    found: list[Problem] = []
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, dict):
            if type(node) is _Duplicates:
                found.extend(
                    Problem(
                        (*path, key),
                        f"key {key!r} appears more than once in this object: two readers "
                        "could take different values (RFC 8259 section 4)",
                        sw=f"ufunguo {key!r} umetokea zaidi ya mara moja katika kitu hiki: "
                        "wasomaji wawili wangeweza kuchukua thamani tofauti (RFC 8259 sehemu 4)",
                    )
                    for key in dict.fromkeys(node.repeated)
                )
            pending.extend(((*path, k), v) for k, v in reversed(node.items()))
        elif type(node) is list:
            pending.extend(((*path, i), v) for i, v in reversed(list(enumerate(node))))
    return found


def _parse_text(text: str) -> Any:
    repeated: list[_Duplicates] = []

    def build_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # An object that names a key twice is marked, to be refused with its path.
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        marked = _mark_repeated(pairs, obj)
        repeated.append(marked)
        return marked

    try:
        document = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=build_object)
    except json.JSONDecodeError as exc:
        raise _invalid(
            f"document is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except _NotANumberError as exc:
        raise _invalid(
            f"document is not valid JSON: {exc} is not a JSON number (RFC 8259 section 6)"
        ) from None
    except RecursionError:
        raise _invalid("document is not valid JSON: nested too deeply") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # sys.get_int_max_str_digits()
            message = f"a number has more than {sys.get_int_max_str_digits()} digits"
        else:  # pragma: no cover - no other ValueError is known
            message = str(exc)
        raise _invalid(f"document is not valid JSON: {message}") from None
    if repeated:
        raise ValidationError(_repeated_keys(document))
    return document


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _invalid(
            f"document is not UTF-8 (RFC 8259 section 8.1): {exc.reason} at byte {exc.start}"
        ) from None


def parse(data: str | bytes | bytearray) -> Any:
    """Read one JSON value from *data*.

    Raises:
        ValidationError: *data* is too large, not UTF-8 or not JSON (``@ $``).
        TypeError: *data* is neither text nor bytes.

    """
    if isinstance(data, str):
        if len(data) > MAX_DOCUMENT_BYTES:
            raise _too_large()
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _invalid(
                f"document is not valid Unicode: {exc.reason} at character {exc.start}"
            ) from None
        text: str | None = data
    elif isinstance(data, bytes | bytearray):
        raw = bytes(data)
        text = None
    else:
        msg = f"expected the document as str or bytes, got {type(data).__name__}"
        raise TypeError(msg)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _too_large()
    # The standard library reads, with either backend: orjson keeps the last
    # value of a repeated key without a word, and a document whose objects
    # repeat a key must be refused (two tools could read different events).
    return _parse_text(_decode(raw) if text is None else text)


def _orjson_default(value: object) -> Any:
    if isinstance(value, float):
        return orjson.Fragment(float.__repr__(value))
    msg = f"cannot write a {type(value).__name__} as JSON"
    raise TypeError(msg)


def _encode_stdlib(document: Any, *, compact: bool) -> str:
    if compact:
        text = json.dumps(document, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    else:
        text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    return text + "\n"


def encode(document: Any, *, compact: bool = False) -> bytes:
    """Write *document* as UTF-8 JSON bytes ending in a newline.

    Indented by two spaces, or with *compact* on one line without spaces;
    the two libraries write the same bytes either way.
    """
    if backend == "orjson" and orjson is not None:
        option = orjson.OPT_APPEND_NEWLINE | (0 if compact else orjson.OPT_INDENT_2)
        try:
            return orjson.dumps(document, default=_orjson_default, option=option)
        except orjson.JSONEncodeError:
            pass  # e.g. an integer beyond 64 bits, which the standard library writes
    return _encode_stdlib(document, compact=compact).encode("utf-8")


def encode_text(document: Any, *, compact: bool = False) -> str:
    """Write *document* as JSON text ending in a newline (see :func:`encode`)."""
    if backend == "orjson" and orjson is not None:
        return encode(document, compact=compact).decode("utf-8")
    return _encode_stdlib(document, compact=compact)
