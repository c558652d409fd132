"""Versions of the document format and the migrations between them.

Every document says which version of the format it follows in its
``schema_version`` field. This library writes :data:`SCHEMA_VERSION` and
reads every version from 1 up to it: an older document is first upgraded by
the migrations in :data:`MIGRATIONS`, one version at a time, then read as a
current one. A document from a newer version is refused, with a message
that says so, instead of being read wrongly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from egov_events._fields import LARGEST_SEQUENCE
from egov_events.errors import Problem, ValidationError
from egov_events.serialization._errors import Invalid, reader_problem
from egov_events.serialization._json import MAX_SAFE_INTEGER, read_integer

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "sequences_from_revision", "upgrade"]

SCHEMA_VERSION: Final = 2
"""The version of the document format this library writes.

- 1: the first version.
- 2: every session and participant group carries its own ``sequence``, the
  SEQUENCE of its calendar object (RFC 5545 section 3.8.7.4); a person may
  carry a ``phone`` (E.164).
"""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""A pure function from a document of version *n* to one of version *n + 1*."""


def _with_sequence(items: Any, sequence: int) -> Any:
    """*items* (a list of objects) with ``sequence`` added to each object lacking one."""
    if not isinstance(items, list):
        return items  # malformed: the strict reader says what is wrong with it
    return [
        {**item, "sequence": sequence}
        if isinstance(item, dict) and "sequence" not in item
        else item
        for item in items
    ]


def sequences_from_revision(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: each session and group gets ``sequence`` = the document's ``revision``.

    Version 1 wrote the event's revision as the SEQUENCE of every calendar
    object, so this is the sequence every calendar client already holds:
    an upgraded document writes the same calendars, byte for byte. A
    malformed or out-of-range ``revision`` counts as 0 (the reader reports
    it at its own path). A revision above the largest SEQUENCE is refused
    at ``$.revision`` when there are sessions or groups to carry it.

    >>> old = {"schema_version": 1, "revision": 3, "sessions": [{"id": "s1"}], "groups": []}
    >>> sequences_from_revision(old)["sessions"]
    [{'id': 's1', 'sequence': 3}]
    >>> old["sessions"]
    [{'id': 's1'}]
    """
    revision = document.get("revision", 0)
    if (
        isinstance(revision, bool)
        or not isinstance(revision, int)
        or not 0 <= revision <= MAX_SAFE_INTEGER
    ):
        revision = 0
    if revision > LARGEST_SEQUENCE and any(document.get(k) for k in ("sessions", "groups")):
        # One problem where the number is, not one per session at a path the
        # document does not have.
        shown = f"{LARGEST_SEQUENCE:,}"
        message = (
            f"a version 1 document's revision becomes the SEQUENCE of its sessions "
            f"and groups, which is at most {shown}; got {revision}"
        )
        sw = (
            f"toleo (revision) la hati ya toleo 1 huwa SEQUENCE ya vikao na makundi yake, "
            f"isiyozidi {shown}; imepatikana {revision}"
        )
        raise ValidationError([Problem(("revision",), message, sw=sw)])
    out = dict(document)
    for key in ("sessions", "groups"):
        if key in out:
            out[key] = _with_sequence(out[key], revision)
    return out


MIGRATIONS: dict[int, Migration] = {1: sequences_from_revision}
"""``MIGRATIONS[n]`` upgrades a document of version *n* to version *n + 1*.

A migration is a pure function on plain JSON values: it returns a new
document and never changes the one it is given, so that a failed upgrade
leaves the caller's data untouched. It need not set ``schema_version``;
:func:`upgrade` does. The tests keep a frozen version-1 document that must
load forever.
"""

_AT = ("schema_version",)


def _refuse(message: str, *path: str) -> ValidationError:
    return ValidationError([reader_problem(path, message)])


def upgrade(
    document: dict[str, Any],
    *,
    current: int = SCHEMA_VERSION,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> dict[str, Any]:
    """Return *document* at version *current*, migrating it if it is older.

    The document is returned as it is when it is current; otherwise each
    migration from its version up to *current* is applied in turn.

    >>> upgrade({"schema_version": 2, "id": "x"})
    {'schema_version': 2, 'id': 'x'}
    >>> upgrade({"schema_version": 1, "name": "x"}, current=2,
    ...         migrations={1: lambda d: {("title" if k == "name" else k): v
    ...                                   for k, v in d.items()}})
    {'schema_version': 2, 'title': 'x'}

    Raises:
        ValidationError: the version is missing, malformed, unknown or newer
            than *current*, or a migration failed.

    """
    if "schema_version" not in document:
        raise _refuse("required field missing", *_AT)
    try:
        version = read_integer(document["schema_version"])
    except Invalid as exc:
        raise _refuse(exc.message, *_AT) from None
    if version > current:
        raise _refuse(
            f"schema_version {version} is newer than this library understands "
            f"({current}); upgrade egov_events",
            *_AT,
        )
    if version < 1:
        raise _refuse(f"unknown schema_version {version}: versions start at 1", *_AT)
    while version < current:
        migration = migrations.get(version)
        if migration is None:
            raise _refuse(
                f"cannot read schema_version {version}: no migration to version "
                f"{version + 1} (a bug in egov_events)",
                *_AT,
            )
        try:
            migrated = migration(document)
        except ValidationError:
            raise
        except Exception as exc:  # a malformed old document the migration could not read
            raise _refuse(
                f"cannot upgrade from schema_version {version} to {version + 1}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if not isinstance(migrated, dict):
            raise _refuse(
                f"cannot upgrade from schema_version {version}: the migration returned "
                f"{type(migrated).__name__}, not a document (a bug in egov_events)"
            )
        version += 1
        document = {**migrated, "schema_version": version}
    return document
