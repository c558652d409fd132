"""JSON ``dumps`` and ``loads`` of a large event, as ratios to pydantic v2 and msgspec.

    .venv/bin/python bench/bench_json.py [--quick]

The event is the bundled 2019 workshop grown to 1,000 sessions, 100,000
participants and 5,000 submissions (20,000 participants and 1,000
submissions with --quick), about 31 MB of JSON. It is written as a JSON
document and read once with ``egov_events.loads``, so the event the
benchmark uses went through every check of the real path.

The references are pydantic v2 models and msgspec Structs of the same shape
(same objects, fields and nesting; enumerations as str enums, dates and
datetimes as ``date``/``datetime``, unknown fields forbidden), built from one
field list below so that the two cannot drift apart. They live here only.
Where the library's shape has no cheap equivalent in them the reference is
simpler, which favours the reference:

- datetimes on the wire are RFC 9557 (``...+03:00[Africa/Dar_es_Salaam]``);
  neither reference reads the zone suffix, so theirs is the same document
  with the ``[zone]`` suffixes removed, and they return fixed-offset times;
- sets (roles, groups, days) are plain lists, localized texts plain dicts
  and eligibility rules untyped dicts (there are three rules in 31 MB).

``dumps`` is measured twice: compact (``dumps(event, compact=True)``, the
same layout as the references' defaults) and indented (``dumps(event)``,
against the references writing the same indented layout:
``model_dump_json(indent=2)`` and msgspec's ``json.format(..., indent=2)``).
``loads`` reads the same text in every library.

Cases run round robin (7 rounds; 3 with --quick), GC on, after one untimed
warm-up each. Goals (issue 3): no slower than pydantic either way, and within
3x of msgspec.
"""

from __future__ import annotations

import enum
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import msgspec
import pydantic
from _harness import Options, Row, finish, parse, round_robin
from bench_ical import thousand_sessions

import egov_events as ee
from egov_events.submissions import SubmissionKind, SubmissionState


def big_document(participants: int, submissions: int) -> str:
    """The bundled workshop grown to 1,000 sessions and the given numbers, as JSON."""
    example = ee.examples.kikao_kazi_2019()
    doc = json.loads(ee.dumps(thousand_sessions(example)))
    seed = doc["participants"]
    doc["participants"] = [dict(seed[i % len(seed)], id=f"p-{i:06d}") for i in range(participants)]
    doc["calls"] = json.loads(ee.dumps(example))["calls"]
    call = doc["calls"][0]
    subs = call["submissions"]
    call.update(places=None, session=None)
    call["submissions"] = [
        dict(subs[i % len(subs)], id=f"sub-{i:05d}", booth=None) for i in range(submissions)
    ]
    return json.dumps(doc, ensure_ascii=False)


# -- the references: one field list, two libraries ----------------------------------


def _str_enum(cls: type[enum.StrEnum]) -> type[enum.StrEnum]:
    """A copy of one of the library's enumerations (same values), for the references."""
    return enum.StrEnum(f"Ref{cls.__name__}", [(m.name, m.value) for m in cls])  # type: ignore[return-value]


T = dict[str, str]  # a localized text
OT = dict[str, str] | None
S, OS, L = str, str | None, list[str]
OI = int | None


def fields(m: dict[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    """Every reference object's fields, in wire order; *m* holds the objects built so far."""
    e = {
        name: _str_enum(getattr(ee, name))
        for name in (
            "SessionKind",
            "SessionStatus",
            "EventStatus",
            "RegistrationStatus",
            "OrganizationKind",
            "DocumentKind",
        )
    }
    kind, state = _str_enum(SubmissionKind), _str_enum(SubmissionState)
    r = m.__getitem__  # a reference object made earlier
    # fmt: off
    return {
        "Room": [("id", S), ("name", T), ("capacity", OI)],
        "Venue": [
            ("name", T), ("city", S), ("country", S), ("address", OS), ("region", OS),
            ("latitude", float | None), ("longitude", float | None),
            ("rooms", list[r("Room")]), ("url", OS),
        ],
        "Session": [
            ("id", S), ("kind", e["SessionKind"]), ("title", T), ("start", datetime),
            ("end", datetime), ("description", OT), ("room", OS), ("groups", L),
            ("speakers", L), ("chairs", L), ("documents", L), ("capacity", OI),
            ("status", e["SessionStatus"]), ("online_url", OS), ("sequence", int),
        ],
        "Group": [
            ("id", S), ("name", T), ("days", list[date]), ("description", OT),
            ("rule", dict[str, Any] | None), ("members", L | None), ("sequence", int),
        ],
        "Participant": [
            ("id", S), ("person", S), ("organization", S), ("roles", L), ("groups", L),
            ("status", e["RegistrationStatus"]), ("days_attended", list[date]), ("region", OS),
        ],
        "Person": [
            ("id", S), ("name", S), ("honorific", OS), ("email", OS), ("phone", OS),
            ("organization", OS), ("position", OT), ("biography", OT),
        ],
        "Organization": [
            ("id", S), ("name", T), ("kind", e["OrganizationKind"]), ("acronym", OS),
            ("region", OS), ("country", OS), ("url", OS), ("email", OS),
        ],
        "Role": [("id", S), ("name", T), ("description", OT)],
        "Document": [
            ("id", S), ("title", T), ("url", S), ("kind", e["DocumentKind"]),
            ("language", OS), ("media_type", OS),
        ],
        "Criterion": [("id", S), ("name", T), ("weight", float), ("description", OT)],
        "StateChange": [("state", state), ("at", datetime), ("by", OS), ("note", OS)],
        "Review": [
            ("reviewer", S), ("scores", dict[str, float]), ("comment", OS),
            ("at", datetime | None),
        ],
        "Submission": [
            ("id", S), ("title", T), ("kind", kind), ("submitters", L), ("organization", S),
            ("abstract", OT), ("state", state), ("pending_state", state | None),
            ("history", list[r("StateChange")]), ("reviews", list[r("Review")]), ("booth", OS),
        ],
        "Call": [
            ("id", S), ("title", T), ("opens", datetime), ("closes", datetime),
            ("description", OT), ("kinds", list[kind]), ("criteria", list[r("Criterion")]),
            ("score_min", int), ("score_max", int), ("places", OI),
            ("max_per_submitter", OI), ("max_per_organization", OI),
            ("eligibility", dict[str, Any] | None), ("session", OS),
            ("submissions", list[r("Submission")]),
        ],
        "Event": [
            ("schema_version", int), ("id", S), ("title", T), ("organizer", S),
            ("timezone", S), ("first_day", date), ("last_day", date), ("updated", datetime),
            ("series", OS), ("edition", OI), ("theme", OT), ("motto", OT),
            ("description", OT), ("objectives", list[T]), ("venue", r("Venue") | None),
            ("status", e["EventStatus"]), ("url", OS), ("sessions", list[r("Session")]),
            ("groups", list[r("Group")]), ("participants", list[r("Participant")]),
            ("people", list[r("Person")]), ("organizations", list[r("Organization")]),
            ("roles", list[r("Role")]), ("keynote_speakers", L),
            ("sponsors", list[dict[str, Any]]), ("documents", list[r("Document")]),
            ("calls", list[r("Call")]), ("reported_attendance", OI), ("revision", int),
            ("answers", list[dict[str, Any]]),
        ],
    }
    # fmt: on


ORDER = [
    "Room", "Venue", "Session", "Group", "Participant", "Person", "Organization", "Role",
    "Document", "Criterion", "StateChange", "Review", "Submission", "Call", "Event",
]  # fmt: skip


def build(make: Callable[[str, list[tuple[str, Any]]], Any]) -> Any:
    """The reference Event class, every object made by *make(name, fields)*."""
    made: dict[str, Any] = {}
    for name in ORDER:
        made[name] = make(name, fields(_SoFar(made))[name])
    return made["Event"]


class _SoFar(dict[str, Any]):
    """The objects made so far; one not yet made reads as ``Any``.

    Objects are made in dependency order (``ORDER``), so the entry being made
    only refers to objects that exist: the ``Any`` placeholders appear only in
    entries that are thrown away.
    """

    def __missing__(self, key: str) -> Any:
        return Any


def msgspec_event() -> Any:
    return build(
        lambda name, spec: msgspec.defstruct(name, spec, kw_only=True, forbid_unknown_fields=True)
    )


def pydantic_event() -> Any:
    config = pydantic.ConfigDict(extra="forbid", strict=True)
    return build(
        lambda name, spec: pydantic.create_model(
            name, __config__=config, **{field: (kind, ...) for field, kind in spec}
        )
    )


_ZONE = re.compile(r'(T\d\d:\d\d:\d\d(?:\.\d+)?[+-]\d\d:\d\d)\[[^\]"]+\]')


def measure(options: Options) -> list[Row]:
    participants, submissions, rounds = (20_000, 1_000, 3) if options.quick else (100_000, 5_000, 7)
    start = time.perf_counter()
    text = big_document(participants, submissions)
    ours_bytes = text.encode()
    event = ee.loads(ours_bytes)
    built = time.perf_counter() - start
    theirs_bytes = _ZONE.sub(r"\1", text).encode()
    assert theirs_bytes != ours_bytes

    MsgEvent, PydEvent = msgspec_event(), pydantic_event()  # noqa: N806
    m_obj = msgspec.json.decode(theirs_bytes, type=MsgEvent)
    p_obj = PydEvent.model_validate_json(theirs_bytes)

    # The same JSON value both ways, for every library.
    assert json.loads(text) == json.loads(ee.dumps(event))
    expected = json.loads(theirs_bytes)
    assert expected == json.loads(msgspec.json.encode(m_obj))
    assert expected == json.loads(p_obj.model_dump_json())

    # Pretty documents both ways: the same text, less the zone names.
    assert json.loads(ee.dumps(event, compact=True)) == json.loads(ee.dumps(event))
    assert expected == json.loads(p_obj.model_dump_json(indent=2))
    assert expected == json.loads(msgspec.json.format(msgspec.json.encode(m_obj), indent=2))

    cases: dict[str, Callable[[], object]] = {
        "ours dumps": lambda: ee.dumps(event, compact=True),
        "pydantic dumps": p_obj.model_dump_json,
        "msgspec dumps": lambda: msgspec.json.encode(m_obj),
        "ours dumps indented": lambda: ee.dumps(event),
        "pydantic dumps indented": lambda: p_obj.model_dump_json(indent=2),
        "msgspec dumps indented": lambda: msgspec.json.format(msgspec.json.encode(m_obj), indent=2),
        "ours loads": lambda: ee.loads(ours_bytes),
        "pydantic loads": lambda: PydEvent.model_validate_json(theirs_bytes),
        "msgspec loads": lambda: msgspec.json.decode(theirs_bytes, type=MsgEvent),
    }
    t = round_robin(cases, rounds)
    size = f"{len(ours_bytes) / 1e6:.0f} MB"
    what = f"{participants // 1000}k participants, {size}"
    print(f"built and loaded the event in {built:.1f} s; {what}; {rounds} rounds", file=sys.stderr)
    rows = []
    for op in ("dumps", "dumps indented", "loads"):
        for ref, issue_goal in (("pydantic", 1.0), ("msgspec", 3.0)):
            goal, source = issue_goal, "#3"
            if (ref, op) == ("pydantic", "dumps indented"):
                goal, source = 0.9, "#19"  # clearly faster than pydantic's indented output
            rows.append(
                Row(
                    workload=f"JSON {op} ({what})",
                    reference=_REFERENCES[ref, op],
                    ours=t[f"ours {op}"],
                    theirs=t[f"{ref} {op}"],
                    goal=goal,
                    goal_source=source,
                )
            )
    return rows


_REFERENCES = {
    ("pydantic", "dumps"): "pydantic model_dump_json",
    ("pydantic", "dumps indented"): "pydantic model_dump_json(indent=2)",
    ("pydantic", "loads"): "pydantic model_validate_json",
    ("msgspec", "dumps"): "msgspec json.encode",
    ("msgspec", "dumps indented"): "msgspec encode + format(indent=2)",
    ("msgspec", "loads"): "msgspec json.decode",
}


def main() -> None:
    options = parse(__doc__.splitlines()[0])
    finish(measure(options), options, "JSON (ratio = egov_events / reference, same run)")


if __name__ == "__main__":
    main()
