r"""Events as versioned JSON documents that other tools can trust.

:func:`dumps` and :func:`dump` write an event; :func:`loads` and
:func:`load` read one back, equal to the original, with every datetime in
its named zone. :func:`json_schema` describes the format for other tools
(JSON Schema draft 2020-12).

A document is one JSON object: ``schema_version`` first, then the fields of
:class:`~egov_events.Event` by their Python names. Every field is written,
defaults included, so a document says everything without its reader knowing
the defaults; on input, a field with a default may be left out.

- A datetime is an RFC 9557 string with the UTC offset and the zone name,
  ``2019-01-30T09:00:00+03:00[Africa/Dar_es_Salaam]``; a date is
  ``2019-01-30``; the event's ``timezone`` is a zone name.
- A :class:`~egov_events.LocalizedText` is an object of language tag to
  text, ``{"en": "Workshop", "sw": "Kikao Kazi"}``.
- Enumerations are their string values; sets are arrays in sorted order;
  the scores of a review are an object of criterion id to number.
- A rule is an object whose ``op`` names its kind,
  ``{"op": "has_role", "role": "researcher", "label": null, "basis": null}``.

Reading is strict, and says everything that is wrong at once: a wrong type
(``"5"`` is not ``5``, ``"false"`` is not ``false``), an unknown or missing
field, a datetime without an offset or a zone name, an unknown zone, an
offset that contradicts its zone, an unknown value of an enumeration or tag
of a rule, a reference to something that does not exist, and every rule of
the model. Each message ends with the path of the offending value:

>>> try:
...     loads('{"schema_version": 1, "id": "kikao", "title": {"sw": " "}, "organiser": "ega"}')
... except ValidationError as exc:
...     print(*exc.errors, sep="\n")
text must not be empty @ $.title.sw
required field missing @ $.organizer
required field missing @ $.timezone
required field missing @ $.first_day
required field missing @ $.last_day
required field missing @ $.updated
unknown field 'organiser' for Event; did you mean 'organizer'? @ $.organiser

Problems that need the whole event (a reference to a missing person, a
session outside the event's days) are found once every part of the event
has been read without problems.

The standard library's :mod:`json` reads and writes documents; orjson
does when it is installed (``pip install egov-events[orjson]``), with the
same result: the same bytes written, the same documents accepted, the same
messages (but for input nested some thousand levels deep, which each library
refuses in its own words).

Limits: a document may be at most :data:`MAX_DOCUMENT_BYTES` (64 MiB),
rules may nest :data:`MAX_RULE_DEPTH` deep, and integers are read between
-(2**53 - 1) and 2**53 - 1, which every JSON tool reads exactly (RFC 7493
section 2.2).

The shipped schema, ``egov_events/schema/event.schema.json``, is generated
from the model; after a change to the model, regenerate it with::

    python -m egov_events.serialization --write-schema
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final

from egov_events._collector import COLLECTOR
from egov_events._files import PRIVATE_MODE, open_regular, write_atomically
from egov_events.errors import ValidationError
from egov_events.model import Event
from egov_events.rules import NODES
from egov_events.serialization import _json
from egov_events.serialization._converter import MAX_RULE_DEPTH, EventConverter, make_converter
from egov_events.serialization._json import MAX_DOCUMENT_BYTES, MAX_SAFE_INTEGER
from egov_events.serialization._schema import generate_schema
from egov_events.serialization._versions import MIGRATIONS, SCHEMA_VERSION, Migration, upgrade

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_RULE_DEPTH",
    "MAX_SAFE_INTEGER",
    "MIGRATIONS",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "EventConverter",
    "Migration",
    "ValidationError",
    "clear_caches",
    "dump",
    "dumps",
    "from_document",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "schema_text",
    "to_document",
    "upgrade",
]

SCHEMA_PATH: Final = Path(__file__).parent.parent / "schema" / "event.schema.json"
"""Where the generated JSON Schema is shipped, inside the package."""

_CONVERTER: Final = make_converter(rules=NODES)
"""The one converter, built at import: its rule classes are those of the library."""


def clear_caches() -> None:
    """Forget what the converter remembers between values (:func:`egov_events.clear_caches`)."""
    _CONVERTER.clear_memos()


def to_document(event: Event) -> dict[str, Any]:
    """The JSON document of *event* as plain Python values, before encoding.

    >>> doc = to_document(loads(_EXAMPLE))
    >>> list(doc)[:3], doc["updated"]
    (['schema_version', 'id', 'title'], '2019-01-02T10:00:00+03:00[Africa/Dar_es_Salaam]')
    """
    with COLLECTOR:
        return _CONVERTER.to_document(event)


def from_document(document: Any) -> Event:
    """Read an event from a JSON document already parsed into Python values.

    It reads what :func:`to_document` gives, or a document parsed by another
    tool (from YAML, say), as strictly as :func:`loads`; *document* is not
    changed.

    >>> event = loads(_EXAMPLE)
    >>> from_document(to_document(event)) == event
    True

    Raises:
        ValidationError: every problem found, each with its path.

    """
    with COLLECTOR:
        return _CONVERTER.from_document(document)


def loads(data: str | bytes | bytearray) -> Event:
    """Read an event from a JSON document given as text or UTF-8 bytes.

    >>> event = loads(_EXAMPLE)
    >>> event.title.get("en"), event.updated.tzinfo.key
    ('Workshop', 'Africa/Dar_es_Salaam')
    >>> loads(dumps(event)) == event
    True

    A document from a newer version of the library is refused:

    >>> loads('{"schema_version": 7}')
    Traceback (most recent call last):
    ...
    egov_events.errors.ValidationError: schema_version 7 is newer than ... @ $.schema_version

    Raises:
        ValidationError: the input is too large, not UTF-8, not JSON, not an
            object, of an unknown version, or not a valid event; it lists
            every problem found, each with its path. No other exception
            escapes for any input.
        TypeError: *data* is neither text nor bytes.

    """
    with COLLECTOR:
        return _CONVERTER.from_document(_json.parse(data))


def load(path: str | os.PathLike[str]) -> Event:
    """Read an event from the JSON file at *path*.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "kikao.json"
    ...     dump(loads(_EXAMPLE), path)
    ...     print(load(path).title)
    Kikao Kazi

    Raises:
        ValidationError: the file's content is not a valid event document
            (as :func:`loads`).
        OSError: the file cannot be read (it does not exist, say), or is not
            a regular file (a FIFO or a device, which could block forever:
            refused before it is read); that is not invalid input, so it is
            not turned into a ValidationError.

    """
    with os.fdopen(open_regular(path), "rb") as file:
        data = file.read(_json.MAX_DOCUMENT_BYTES + 1)
    return loads(data)


def dumps(event: Event, *, compact: bool = False) -> str:
    """The JSON document of *event*, indented, ending with a newline.

    The same event gives the same text in every process and with or without
    orjson: fields in model order, sets sorted, no clock and no randomness.
    With *compact*, the same document is written on one line without
    spaces, about a third smaller, for tools rather than people to read.

    >>> print(dumps(loads(_EXAMPLE)))  # doctest: +ELLIPSIS
    {
      "schema_version": 2,
      "id": "kikao",
      "title": {
        "en": "Workshop",
        "sw": "Kikao Kazi"
      },
      "organizer": "ega",
      "timezone": "Africa/Dar_es_Salaam",
      "first_day": "2019-01-30",
      "last_day": "2019-01-30",
      "updated": "2019-01-02T10:00:00+03:00[Africa/Dar_es_Salaam]",
      "series": null,
      ...
      "revision": 0
    }
    <BLANKLINE>
    >>> dumps(loads(_EXAMPLE), compact=True)[:60]
    '{"schema_version":2,"id":"kikao","title":{"en":"Workshop","s'
    >>> loads(dumps(loads(_EXAMPLE), compact=True)) == loads(_EXAMPLE)
    True
    """
    with COLLECTOR:
        return _CONVERTER.to_text(event, compact=compact)


def dump(
    event: Event,
    path: str | os.PathLike[str],
    *,
    compact: bool = False,
    mode: int = PRIVATE_MODE,
) -> None:
    """Write the JSON document of *event* to the file at *path*, atomically.

    The document goes to a temporary file beside *path*, which then replaces
    *path* in one step: a failed write never leaves a half-written document.
    The file holds exactly what :func:`dumps` returns (with the same
    *compact*), in UTF-8.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "kikao.json"
    ...     dump(loads(_EXAMPLE), path)
    ...     path.read_text(encoding="utf-8") == dumps(loads(_EXAMPLE))
    True

    The file may hold personal data (participants' e-mail addresses), so:

    - a new file is readable by its owner alone (*mode*, ``0o600`` unless
      given: ``mode=0o644`` for a file everyone may read);
    - a file replaced keeps its permissions (and its owner and group where
      the process may set them);
    - a symbolic link is written through: its target gets the new document
      and the link stays a link;
    - anything but a regular file (a folder, a FIFO, a device) is refused.

    Raises:
        OSError: the file cannot be written, or *path* is not a regular file.

    """
    with COLLECTOR:
        data = _CONVERTER.to_text(event, compact=compact).encode("utf-8")
    write_atomically(Path(path), data, mode=mode)


def schema_text() -> str:
    """The JSON Schema generated from the model now, as the text shipped in the package.

    ``python -m egov_events.serialization --write-schema`` writes it to
    :data:`SCHEMA_PATH`; a test checks that the shipped file equals it.

    >>> schema_text() == SCHEMA_PATH.read_text(encoding="utf-8")
    True
    """
    return json.dumps(generate_schema(_CONVERTER), indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents :func:`dumps` writes.

    It is the shipped file ``egov_events/schema/event.schema.json``, which is
    generated from the model classes and the converter's choices (see
    :func:`schema_text`). A fresh copy is returned on every call.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["Session"]["required"]
    ['id', 'kind', 'title', 'start', 'end']

    What JSON Schema cannot say (references between parts of an event, an
    offset that contradicts its zone, ...) only :func:`loads` checks.
    """
    try:
        shipped = SCHEMA_PATH.read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - an installation without its data files
        shipped = schema_text()
    schema: dict[str, Any] = json.loads(shipped)
    return schema


_EXAMPLE = """{
  "schema_version": 1,
  "id": "kikao",
  "title": {"sw": "Kikao Kazi", "en": "Workshop"},
  "organizer": "ega",
  "timezone": "Africa/Dar_es_Salaam",
  "first_day": "2019-01-30",
  "last_day": "2019-01-30",
  "updated": "2019-01-02T10:00:00+03:00[Africa/Dar_es_Salaam]",
  "organizations": [
    {"id": "ega", "name": {"sw": "Wakala ya Serikali Mtandao"}, "kind": "executive_agency"}
  ]
}"""
"""A small document for the examples above."""
