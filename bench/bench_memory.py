"""Memory per participant of an event with 100,000 participants, against slotted attrs.

    .venv/bin/python bench/bench_memory.py [--quick]

The event is the one bench_json.py builds (1,000 sessions, 5,000
submissions), with 100,000 participants (20,000 with --quick), read with
``egov_events.loads``, the real path. Bytes per participant is what
tracemalloc sees retained after ``loads`` of that document, minus the same
for the document with 1,000 participants, divided by the difference in
participants: the event's other parts cancel out.

The reference reads the same participants from the same JSON (stdlib
``json``) into a plain slotted ``attrs.define`` class with the same fields
and field types (frozensets for sets, ``date`` for days, the library's
enumeration for the status), then drops the parsed JSON; its bytes per
participant is what that list retains, divided by its length. A second,
informative row uses lists instead of frozensets in the reference.

Goal (issue 8): within 1.5x of the slotted attrs class.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from _harness import Options, Row, finish, parse
from bench_json import big_document

import egov_events as ee


@attrs.define
class SlottedParticipant:
    id: str
    person: str
    organization: str
    roles: frozenset[str]
    groups: frozenset[str]
    status: ee.RegistrationStatus
    days_attended: frozenset[date]
    region: str | None


@attrs.define
class ListParticipant:
    id: str
    person: str
    organization: str
    roles: list[str]
    groups: list[str]
    status: ee.RegistrationStatus
    days_attended: list[date]
    region: str | None


def retained(build: Callable[[], object]) -> int:
    """Bytes still allocated (tracemalloc) once *build* returned, while its result lives."""
    gc.collect()
    tracemalloc.start()
    kept = build()
    gc.collect()
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return size


def reference(text: str, frozen: bool) -> Callable[[], object]:
    def build() -> object:
        data: list[dict[str, Any]] = json.loads(text)["participants"]
        wrap: Callable[..., Any] = frozenset if frozen else list
        cls: Callable[..., object] = SlottedParticipant if frozen else ListParticipant
        out = [
            cls(
                id=d["id"],
                person=d["person"],
                organization=d["organization"],
                roles=wrap(d["roles"]),
                groups=wrap(d["groups"]),
                status=ee.RegistrationStatus(d["status"]),
                days_attended=wrap(date.fromisoformat(x) for x in d["days_attended"]),
                region=d["region"],
            )
            for d in data
        ]
        del data
        return out

    return build


def measure(options: Options) -> list[Row]:
    n = 20_000 if options.quick else 100_000
    base = 1_000
    big, small = big_document(n, 5_000), big_document(base, 5_000)
    ours = (retained(lambda: ee.loads(big)) - retained(lambda: ee.loads(small))) / (n - base)
    frozen = retained(reference(big, frozen=True)) / n
    listed = retained(reference(big, frozen=False)) / n
    what = f"memory per participant ({n // 1000}k participants)"
    return [
        Row(what, "slotted attrs, same fields", [ours], [frozen], "B", 1.5, "#8"),
        Row(what, "slotted attrs, list fields", [ours], [listed], "B"),
    ]


def main() -> None:
    options = parse(__doc__.splitlines()[0])
    finish(measure(options), options, "Memory (tracemalloc, bytes retained per participant)")


if __name__ == "__main__":
    main()
