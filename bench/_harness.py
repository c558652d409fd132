"""What every bench script shares: round-robin timing, result rows, the table.

A bench script measures this library and its reference side by side in the
same process (or, for imports, in fresh processes launched in the same run),
and returns :class:`Row` objects. Run alone, a script prints its rows as a
table; ``bench/run.py`` (``make bench``) runs every script and prints all the
rows in one table.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path


@dataclass
class Row:
    """One workload: our samples and the reference's, paired round by round."""

    workload: str
    reference: str
    ours: list[float]
    theirs: list[float]
    unit: str = "s"  # of the samples: "s", "ms" or "B" (bytes)
    goal: float | None = None  # the largest ratio that meets the goal
    goal_source: str = ""  # the issue that set the goal

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.ours, self.theirs, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def met(self) -> str:
        if self.goal is None:
            return ""
        return "met" if self.ratio <= self.goal else "NOT MET"

    @property
    def key(self) -> str:
        return f"{self.workload} | {self.reference}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Row:
        return cls(**data)  # type: ignore[arg-type]


@dataclass
class Options:
    quick: bool = False
    json_out: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)


def timed(fn: Callable[[], object], cpu: list[float] | None = None) -> float:
    """Seconds for one call, after a full collection so that garbage is not inherited.

    With *cpu*, the CPU seconds of the process during the call (every thread,
    user + system) are appended to it: the work done, which other programs on
    a shared machine do not inflate as they inflate the wall-clock time.
    """
    gc.collect()
    used = time.process_time()
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(time.process_time() - used)
    return elapsed


def round_robin(
    cases: dict[str, Callable[[], object]],
    rounds: int,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Each case once per round, in turn, after one untimed warm-up call each.

    Interleaving spreads the machine's noise over every case evenly, so the
    ratios of one round are comparable even when the absolute times drift.
    With *cpu*, each case's CPU seconds per round (see :func:`timed`) are
    filled in too, from the same calls.
    """
    for fn in cases.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, fn in cases.items():
            used = None if cpu is None else cpu.setdefault(name, [])
            samples[name].append(timed(fn, used))
    return samples


def _show(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value:,.0f} B"
    if unit == "ms" or value < 1:
        return f"{value * 1000:.1f} ms" if unit == "s" else f"{value:.1f} ms"
    return f"{value:.3f} s"


def table(rows: Sequence[Row]) -> str:
    """The rows as a plain-text table, one line each."""
    head = ("workload", "egov_events", "reference", "ref. median", "ratio (min-max)", "goal", "")
    lines = []
    for r in rows:
        ratios = r.ratios
        spread = f"{r.ratio:.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
        goal = f"<= {r.goal:g}x {r.goal_source}".rstrip() if r.goal is not None else "-"
        lines.append(
            (
                r.workload,
                _show(statistics.median(r.ours), r.unit),
                r.reference,
                _show(statistics.median(r.theirs), r.unit),
                spread,
                goal,
                r.met,
            )
        )
    widths = [max(len(str(x[i])) for x in [head, *lines]) for i in range(len(head))]
    right = {1, 3, 4}

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(head), rule, *(fmt(x) for x in lines)])


VERSIONED = (
    "egov-events",
    "attrs",
    "cattrs",
    "orjson",
    "python-dateutil",
    "icalendar",
    "polars",
    "pydantic",
    "msgspec",
)


def versions() -> str:
    """The Python and library versions the numbers belong to."""
    found = []
    for name in VERSIONED:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    python = ".".join(map(str, sys.version_info[:3]))
    return f"Python {python}; " + ", ".join(found)


def parse(description: str, argv: Sequence[str] | None = None) -> Options:
    """The options every bench script takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller data")
    parser.add_argument("--json", type=Path, help="write the rows to this file (for run.py)")
    args = parser.parse_args(argv)
    return Options(quick=args.quick, json_out=args.json)


def finish(rows: Sequence[Row], options: Options, heading: str) -> None:
    """Print the rows (a script run alone) and write them for run.py if asked."""
    print(heading)
    print(table(rows))
    if options.json_out is not None:
        options.json_out.write_text(json.dumps([r.to_json() for r in rows]))
