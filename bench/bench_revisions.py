"""Revisions: ``diff`` of a large event and ``outbox`` of the workshop, as ratios.

    .venv/bin/python bench/bench_revisions.py [--quick]

- ``diff`` of two revisions of the bundled workshop grown to 1,000 sessions
  and 100,000 participants (20,000 with --quick): the next revision moves
  one session, cancels another, moves 100 participants to another group and
  registers 100 more. Reference: ``dumps`` (indented, the default) of the
  same event, the cost of merely writing it. Goal (issue 15): at most 2x.
- ``outbox`` after moving one group-1 session (its first of a day, so the
  group's hours and sequence change) in the bundled workshop, every message's
  bytes written (``Message.to_ical()``, the bytes its e-mail carries).
  Reference: the affected invitations alone, written for the same 520
  participants (``scheduling_objects`` of each, the group-1 one kept and
  written by ``to_ical()``). Goal (issue 15): at most 1x, which ``outbox``
  can only meet by building no invitation that did not change.
- ``outbox`` after cancelling the event (a CANCEL for every participant and
  group of the workshop), every message's bytes written. Reference: the same
  cancellations built and written one by one (``cancel_object`` and
  ``to_ical()``). Informative, no goal.

Cases run round robin (7 rounds; 3 with --quick), GC on, after one untimed
warm-up each; each pair is checked to agree before it is timed.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from _harness import Options, Row, finish, parse, round_robin
from bench_json import big_document

import egov_events as ee
from egov_events import ical, revisions


def _next_revision(old: ee.Event) -> ee.Event:
    """Move one session by an hour, cancel another, move 100 participants, add 100."""
    moved, cancelled = old.sessions[0], old.sessions[1]
    hour = timedelta(hours=1)
    sessions = (
        attrs.evolve(moved, start=moved.start + hour, end=moved.end + hour),
        attrs.evolve(cancelled, status=ee.SessionStatus.CANCELLED),
        *old.sessions[2:],
    )
    participants = list(old.participants)
    for i in range(0, 100 * 97, 97):
        participants[i] = attrs.evolve(participants[i], groups=frozenset({"group-2", "group-3"}))
    participants += [attrs.evolve(old.participants[i], id=f"p-new-{i:03d}") for i in range(100)]
    edited = attrs.evolve(old, sessions=sessions, participants=tuple(participants))
    return revisions.revise(old, edited, at=old.updated + timedelta(days=1))


def _diff_rows(options: Options, rounds: int) -> list[Row]:
    size = 20_000 if options.quick else 100_000
    old = ee.loads(big_document(size, 1_000 if options.quick else 5_000))
    new = _next_revision(old)
    changes = revisions.diff(old, new)
    kinds = {c.kind for c in changes}
    assert {"session_moved", "session_cancelled", "participant_moved"} <= kinds, kinds
    assert sum(c.kind == "participant_added" for c in changes) == 100
    cases = {
        "dumps": lambda: ee.dumps(new),
        "diff": lambda: revisions.diff(old, new),
    }
    samples = round_robin(cases, rounds)
    return [
        Row(
            workload=f"diff of two revisions, {size:,} participants",
            reference="dumps of the same event",
            ours=samples["diff"],
            theirs=samples["dumps"],
            goal=2.0,
            goal_source="#15",
        )
    ]


def _outbox_rows(rounds: int) -> list[Row]:
    old = ee.examples.kikao_kazi_2019()
    first = min(old.group_days("group-1")[0].sessions, key=lambda s: (s.start, s.id))
    hour = timedelta(hours=1)
    edited = attrs.evolve(
        old,
        sessions=tuple(
            attrs.evolve(s, start=s.start + hour, end=s.end + hour) if s is first else s
            for s in old.sessions
        ),
    )
    new = revisions.revise(old, edited, at=old.updated + timedelta(days=1))
    affected = [p for p in new.participants if "group-1" in p.groups]

    def ours() -> list[bytes]:
        return [m.to_ical() for m in revisions.outbox(old, new)]

    def alone() -> list[bytes]:
        return [
            o.calendar.to_ical()
            for p in affected
            for o in ical.scheduling_objects(new, p)
            if o.group.id == "group-1"
        ]

    assert ours() == alone(), "outbox must send exactly the affected invitations"
    samples = round_robin({"alone": alone, "outbox": ours}, rounds)
    return [
        Row(
            workload=f"outbox after moving one session ({len(affected)} messages)",
            reference="the affected invitations alone",
            ours=samples["outbox"],
            theirs=samples["alone"],
            goal=1.0,
            goal_source="#15",
        ),
        _cancel_row(old, rounds),
    ]


def _cancel_row(old: ee.Event, rounds: int) -> Row:
    edited = attrs.evolve(old, status=ee.EventStatus.CANCELLED)
    new = revisions.revise(old, edited, at=old.updated + timedelta(days=1))
    pairs = [(m.participant, m.group, m.sequence) for m in revisions.outbox(old, new)]

    def ours() -> list[bytes]:
        return [m.to_ical() for m in revisions.outbox(old, new)]

    def alone() -> list[bytes]:
        return [
            ical.cancel_object(old, p, g, sequence=seq, stamp=new.updated).to_ical()
            for p, g, seq in pairs
        ]

    assert ours() == alone(), "outbox must send exactly these cancellations"
    samples = round_robin({"alone": alone, "outbox": ours}, rounds)
    return Row(
        workload=f"outbox after cancelling the event ({len(pairs)} messages)",
        reference="the same cancellations written one by one",
        ours=samples["outbox"],
        theirs=samples["alone"],
    )


def measure(options: Options) -> list[Row]:
    rounds = 3 if options.quick else 7
    return [*_outbox_rows(rounds), *_diff_rows(options, rounds)]


def main() -> None:
    options = parse(__doc__.split("\n\n")[0])
    finish(measure(options), options, "Revisions (ratio = egov_events / reference)")


if __name__ == "__main__":
    main()
