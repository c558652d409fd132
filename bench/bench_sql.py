"""Rules pushed into SQL engines through ibis, as ratios to other ways of asking the same question.

    .venv/bin/python bench/bench_sql.py [--quick]

A registry of N participants (10,000,000; 1,000,000 with --quick) is made
once, with a fixed seed, into a parquet file under ``bench/.cache/`` (not
in git; about 90 MB at 10M rows): ids, one to three roles, an organization
of the bundled workshop and its kind, a region (1% NULL). The rule has
three clauses (an ICT officer of a ministry or agency; a researcher of one
of a few organizations; a permanent secretary outside Dar es Salaam).

- ibis -> DuckDB over the parquet file, against native polars with the
  rows in memory (``frame.filter(to_polars(rule))``): time (goal <= 3x) and
  peak memory of the process (goal <= 0.25x). Each case runs in processes
  of its own, in turn, so that peak RSS is its own.
- the ibis path against the same question written by hand in DuckDB's SQL,
  over the same file (goal <= 1.2x).
- PostgreSQL (a server started for the run, on a Unix socket): the rule
  pushed down (``rules.members`` with an ibis table) against pulling the
  rows into Python and filtering them with ``rules.compile``, at 1,000,000
  rows (200,000 with --quick); goal: pushdown at least 10x faster (<= 0.1x).
- ``rules.to_sql`` of the three-clause rule, a new rule object each time
  (nothing cached), against a 25 ms budget.

Every engine gives the same ids; the script checks it before timing.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.postgres

import duckdb
import ibis
import numpy as np
import polars as pl
import psycopg
import pyarrow.parquet as pq
from _harness import Options, Row, finish, parse
from tests import postgres

import egov_events as ee
from egov_events import rules
from egov_events.rules import AttributeIn, HasRole, OrganizationKindIn, Rule

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
ROLES = ("ict_officer", "ict_system_user", "permanent_secretary", "head_of_institution",
         "lga_director", "innovator", "researcher")  # fmt: skip
REGIONS = ("Dodoma", "Dar es Salaam", "Mwanza", "Arusha", "Mbeya", "Tanga", "Iringa", "Kigoma")


def the_rule(event: ee.Event) -> Rule:
    """Three clauses; a new object on every call (so nothing is found in a cache)."""
    some = sorted(o.id for o in event.organizations)[::7]
    return (
        (
            HasRole(role="ict_officer")
            & OrganizationKindIn(
                kinds={ee.OrganizationKind.MINISTRY, ee.OrganizationKind.EXECUTIVE_AGENCY}
            )
        )
        | (HasRole(role="researcher") & AttributeIn(attribute="organization", values=set(some)))
        | (
            HasRole(role="permanent_secretary")
            & ~AttributeIn(attribute="region", values={"Dar es Salaam"})
        )
    )


def registry(event: ee.Event, n: int) -> Path:
    """The parquet file of *n* participants, made once and kept in bench/.cache/."""
    path = CACHE / f"registry-{n}.parquet"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    rng = np.random.default_rng(1)
    orgs = sorted(event.organizations, key=lambda o: o.id)
    org = rng.integers(0, len(orgs), n)
    roles = [pl.Series(np.array(ROLES)[rng.integers(0, len(ROLES), n)]) for _ in range(3)]
    count = rng.integers(1, 4, n)
    region = np.array(REGIONS, dtype=object)[rng.integers(0, len(REGIONS), n)]
    region[rng.random(n) < 0.01] = None
    frame = pl.DataFrame(
        {
            "id": pl.Series([f"p-{i:08d}" for i in range(n)]),
            "organization": pl.Series(np.array([o.id for o in orgs])[org]),
            "organization_kind": pl.Series(np.array([str(o.kind) for o in orgs])[org]),
            "region": pl.Series(region, dtype=pl.String),
        }
    ).with_columns(
        roles=pl.concat_list(
            roles[0],
            pl.when(pl.Series(count) > 1).then(roles[1]),
            pl.when(pl.Series(count) > 2).then(roles[2]),
        ).list.drop_nulls()
    )
    tmp = path.with_suffix(".tmp")
    frame.write_parquet(tmp)
    tmp.rename(path)
    return path


# -- one measurement per process ----------------------------------------------------------


def _peak() -> int:
    """This process's peak resident set: VmHWM (ru_maxrss would keep the parent's across exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(case: str, path: str) -> dict[str, Any]:
    """Run *case* once untimed, then once timed; the time, the count and the peak RSS."""
    event = ee.examples.kikao_kazi_2019()
    rule = the_rule(event)
    if case == "polars":
        frame = pl.read_parquet(path)
        expr = rules.to_polars(rule, event=event)

        def run() -> int:
            return int(frame.filter(expr).select("id").height)

    elif case == "ibis":
        connection = ibis.duckdb.connect()

        def run() -> int:
            table = connection.read_parquet(path)
            query = table.filter(rules.to_ibis(rule, table, event=event)).select("id")
            return int(query.to_pyarrow().num_rows)

    else:
        connection = duckdb.connect()
        some = ", ".join(f"'{o}'" for o in sorted(o.id for o in event.organizations)[::7])
        sql = f"""
            SELECT id FROM read_parquet('{path}')
            WHERE (list_contains(roles, 'ict_officer')
                   AND organization_kind IN ('ministry', 'executive_agency'))
               OR (list_contains(roles, 'researcher') AND organization IN ({some}))
               OR (list_contains(roles, 'permanent_secretary')
                   AND region IS NOT NULL AND region <> 'Dar es Salaam')
        """  # noqa: S608 (our own constants)

        def run() -> int:
            return int(connection.sql(sql).to_arrow_table().num_rows)

    count = run()
    start = time.perf_counter()
    again = run()
    seconds = time.perf_counter() - start
    assert count == again
    return {"seconds": seconds, "count": count, "peak": _peak()}


def in_processes(cases: list[str], path: Path, rounds: int) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {c: [] for c in cases}
    for _ in range(rounds):
        for case in cases:
            done = subprocess.run(  # noqa: S603 (this script, our arguments)
                [sys.executable, __file__, "--child", case, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            out[case].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


# -- PostgreSQL -----------------------------------------------------------------------------


def postgres_rows(event: ee.Event, path: Path, n: int) -> list[Row]:

    arrow = pq.read_table(path).slice(0, n)
    server = postgres.start()
    try:
        with psycopg.connect(**server.dsn) as connection:
            columns = [
                ("id", "text"),
                ("organization", "text"),
                ("organization_kind", "text"),
                ("region", "text"),
                ("roles", "text[]"),
            ]
            data = zip(*(arrow.column(c).to_pylist() for c, _ in columns), strict=True)
            postgres.load(connection, "participants", columns, data)
        del arrow
        folder = str(server.folder)
        backend = ibis.postgres.connect(host=folder, user="postgres", database="postgres")
        rule = the_rule(event)
        eligible = rules.compile(rule, event=event)

        def pushdown() -> int:
            return len(rules.members(event, rule, backend=backend.table("participants")))

        def pull() -> int:
            with psycopg.connect(**server.dsn) as connection:
                rows = connection.execute(
                    "SELECT id, organization, region, roles FROM participants"
                ).fetchall()
            kept = 0
            for pid, org, region, roles in rows:
                p = object.__new__(ee.Participant)
                for name, value in (
                    ("id", pid),
                    ("person", ""),
                    ("organization", org),
                    ("region", region),
                    ("roles", frozenset(r for r in roles or () if r is not None)),
                    ("groups", frozenset()),
                    ("status", ee.RegistrationStatus.CONFIRMED),
                    ("days_attended", frozenset()),
                ):
                    object.__setattr__(p, name, value)
                kept += eligible(p)
            return kept

        assert pushdown() == pull()
        ours, theirs = [], []
        for _ in range(3):
            for fn, times in ((pushdown, ours), (pull, theirs)):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
        backend.disconnect()
    finally:
        server.stop()
    what = f"eligible ids in PostgreSQL ({n // 1000}k rows)"
    goal = 0.1 if n >= 1_000_000 else None  # the goal is set at 1M rows
    return [Row(what, "pull rows into Python, then compile", ours, theirs, "s", goal, "#17")]


def to_sql_row(event: ee.Event, rounds: int) -> Row:
    times = []
    for _ in range(rounds):
        rule = the_rule(event)
        start = time.perf_counter()
        rules.to_sql(rule, event=event, dialect="duckdb")
        times.append(time.perf_counter() - start)
    budget = [0.025] * rounds
    return Row("rule -> SQL text, 3 clauses", "25 ms budget", times, budget, "s", 1.0, "#17")


def measure(options: Options) -> list[Row]:
    event = ee.examples.kikao_kazi_2019()
    n = 1_000_000 if options.quick else 10_000_000
    path = registry(event, n)
    rounds = 3 if options.quick else 5
    got = in_processes(["polars", "ibis", "sql"], path, rounds)
    counts = {case: {r["count"] for r in runs} for case, runs in got.items()}
    assert len(set.union(*counts.values())) == 1, counts
    seconds = {case: [r["seconds"] for r in runs] for case, runs in got.items()}
    peaks = {case: [float(r["peak"]) for r in runs] for case, runs in got.items()}
    size = f"{n // 1_000_000}M rows"
    rows = [
        Row(f"ibis -> DuckDB over parquet ({size})", "polars, frame in memory",
            seconds["ibis"], seconds["polars"], "s", 3.0, "#17"),
        Row(f"peak memory, ibis -> DuckDB over parquet ({size})", "polars, frame in memory",
            peaks["ibis"], peaks["polars"], "B", None if options.quick else 0.25, "#17"),
        Row(f"ibis -> DuckDB over parquet ({size})", "hand-written DuckDB SQL",
            seconds["ibis"], seconds["sql"], "s", 1.2, "#17"),
    ]  # fmt: skip
    if postgres.binaries() is not None:
        rows += postgres_rows(event, path, 200_000 if options.quick else 1_000_000)
    else:
        print("PostgreSQL rows skipped: the server is not installed", file=sys.stderr)
    rows.append(to_sql_row(event, rounds * 3))
    return rows


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
        return
    options = parse(__doc__.splitlines()[0])
    finish(measure(options), options, "Rules in SQL engines (ibis, DuckDB, PostgreSQL)")


if __name__ == "__main__":
    main()
