"""Run every bench script and print one table of ratios (``make bench``).

    .venv/bin/python bench/run.py [--quick] [--save FILE] [--compare FILE]

Each ``bench/bench_*.py`` runs in its own process (so that one script's
100,000-participant event does not slow the next one's garbage collector)
and hands back its rows; this script prints them in one table with the
library versions. ``--save`` writes the run as JSON; ``--compare`` checks this
run against a saved one and exits 1 if any ratio got more than 25% worse
(``make bench-check`` compares with ``bench/baseline.json``). See
``bench/README.md`` for what each reference is and how to read the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Row, table, versions

HERE = Path(__file__).resolve().parent
# Imports first, on a quiet machine; then the rest, roughly by duration.
ORDER = [
    "bench_imports",
    "bench_json",
    "bench_memory",
    "bench_ical",
    "bench_revisions",
    "bench_site",
    "bench_rules",
    "bench_registrations",
    "bench_sql",
]
TOLERANCE = 1.25  # a ratio more than 25% above the saved one is a regression


def scripts() -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    return sorted(found, key=lambda p: ORDER.index(p.stem) if p.stem in ORDER else len(ORDER))


def run_all(quick: bool) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="egov-bench-") as tmp:
        for script in scripts():
            out = Path(tmp) / f"{script.stem}.json"
            command = [sys.executable, str(script), "--json", str(out)]
            if quick:
                command.append("--quick")
            start = time.perf_counter()
            print(f"running {script.name} ...", end=" ", file=sys.stderr, flush=True)
            done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            print(f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
            if done.returncode != 0:
                print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
                raise SystemExit(f"{script.name} failed (exit {done.returncode})")
            rows += [Row.from_json(r) for r in json.loads(out.read_text())]
    return rows


def compare(rows: list[Row], saved: dict[str, object]) -> list[str]:
    """A line per ratio that got worse than the saved run by more than the tolerance."""
    before = {r["key"]: r["ratio"] for r in saved["rows"]}  # type: ignore[attr-defined]
    worse = []
    print(f"\nagainst {saved.get('when', 'the saved run')} ({saved.get('versions', '')}):")
    for r in rows:
        old = before.get(r.key)
        if old is None:
            print(f"  new        {r.key}: {r.ratio:.2f}x")
            continue
        change = r.ratio / old
        flag = "WORSE" if change > TOLERANCE else "ok"
        print(f"  {flag:<10} {r.key}: {old:.2f}x -> {r.ratio:.2f}x ({change:.2f})")
        if change > TOLERANCE:
            worse.append(f"{r.key}: {old:.2f}x -> {r.ratio:.2f}x")
    for key in before.keys() - {r.key for r in rows}:
        print(f"  missing    {key}")
    return worse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer rounds")
    parser.add_argument("--save", type=Path, help="write this run's ratios to FILE (JSON)")
    parser.add_argument("--compare", type=Path, help="exit 1 if a ratio is >25%% worse than FILE")
    args = parser.parse_args()

    start = time.perf_counter()
    rows = run_all(args.quick)
    mode = "quick" if args.quick else "full"
    print(
        f"\negov_events bench ({mode}): median of same-run rounds; ratio = egov_events / "
        "reference, per round, median (min-max); lower is better"
    )
    print(table(rows))
    print(versions())
    met = [r for r in rows if r.met == "met"]
    missed = [r for r in rows if r.met == "NOT MET"]
    print(f"goals met: {len(met)}; not met: {len(missed)}; {time.perf_counter() - start:.0f} s")

    if args.save:
        data = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "mode": mode,
            "versions": versions(),
            "rows": [
                {
                    "key": r.key,
                    "ratio": round(r.ratio, 4),
                    "min": round(min(r.ratios), 4),
                    "max": round(max(r.ratios), 4),
                    "ours": round(statistics.median(r.ours), 6),
                    "reference": round(statistics.median(r.theirs), 6),
                    "unit": r.unit,
                }
                for r in rows
            ],
        }
        args.save.write_text(json.dumps(data, indent=1) + "\n")
        print(f"saved to {args.save}")
    if args.compare:
        saved = json.loads(args.compare.read_text())
        if saved.get("mode") != mode:
            print(f"note: comparing a {mode} run with a {saved.get('mode')} run")
        worse = compare(rows, saved)
        if worse:
            print(f"\n{len(worse)} ratio(s) more than 25% worse than {args.compare}:")
            print("\n".join(f"  {w}" for w in worse))
            raise SystemExit(1)
        print(f"no ratio more than 25% worse than {args.compare}")


if __name__ == "__main__":
    main()
