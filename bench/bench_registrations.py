"""Speed of reading registration lists, as ratios to references measured in the same run.

    .venv/bin/python bench/bench_registrations.py [--quick]

- CSV, 100,000 rows (20,000 with --quick): ``read_registrations`` (every
  cell checked, institutions and groups matched, dates read, phone numbers
  checked and normalised by phonenumbers, duplicates looked for) against
  ``polars.read_csv`` of the same file followed by building the people and
  participants with the model's constructors from already-known ids (goal
  <= 3x, issue 18). The same without the phone column shows what checking
  phone numbers costs (the reference checks none).
- XLSX, 10,000 rows (2,000 with --quick): ``read_registrations`` against
  openpyxl's read-only iteration over the same sheet alone (no goal: the
  share of the time that is ours).

Each case runs round-robin, several times; the median, min and max ratio
are printed.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Options, Row, finish, parse, round_robin

import egov_events as ee
from egov_events.registrations import read_registrations

HEADER = ["Jina", "Barua pepe", "Simu", "Taasisi", "Kundi", "Mkoa", "Siku alizohudhuria"]
GROUPS = {"Kundi la Kwanza": "group-1", "Kundi la Pili": "group-2", "Kundi la Tatu": "group-3"}
DAYS = {
    "30 Januari 2019": (date(2019, 1, 30),),
    "30 Januari 2019; 31 Januari 2019": (date(2019, 1, 30), date(2019, 1, 31)),
    "1 Februari 2019": (date(2019, 2, 1),),
    "2 Februari 2019": (date(2019, 2, 2),),
}
REGIONS = ("Dodoma", "Dar es Salaam", "Mwanza", "Arusha", "Mbeya", "Tanga")
NAMES = ("Asha", "Baraka", "Neema", "Juma", "Rehema", "Musa", "Halima", "Peter", "Zawadi")
SURNAMES = ("Mushi", "Mwakyusa", "Juma", "Lyimo", "Komba", "Kimaro", "Said", "Ngowi")


def rows(event: ee.Event, n: int) -> tuple[list[list[str]], dict[str, str]]:
    rng = random.Random(18)  # noqa: S311 (synthetic data)
    institutions: dict[str, str] = {}
    for o in event.organizations:
        institutions[o.name.get("sw")] = o.id
        if o.acronym:
            institutions[o.acronym] = o.id
    names = sorted(institutions)
    out = []
    for i in range(n):
        out.append(
            [
                f"{rng.choice(NAMES)} {rng.choice(SURNAMES)} {i}",
                f"mshiriki.{i}@example.go.tz",
                f"07{rng.choice('14567')}{i:07d}",
                rng.choice(names),
                rng.choice(list(GROUPS)),
                rng.choice(REGIONS),
                rng.choice(list(DAYS)),
            ]
        )
    return out, institutions


def write_csv(path: Path, header: list[str], data: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([header, *data])


def reference(path: Path, institutions: dict[str, str], *, phones: bool) -> int:
    """polars.read_csv, then the people and participants by the model's constructors."""
    import polars as pl  # noqa: PLC0415

    frame = pl.read_csv(path, infer_schema=False)
    participants = []
    columns = ["Jina", "Barua pepe", "Taasisi", "Kundi", "Mkoa", "Siku alizohudhuria"]
    for i, (name, email, org_name, group, region, days) in enumerate(
        frame.select(columns).iter_rows()
    ):
        org = institutions[org_name]
        person = ee.Person(id=f"person-{i}", name=name, email=email, organization=org)
        participants.append(
            ee.Participant(
                id=f"p-{i}",
                person=person.id,
                organization=org,
                groups=frozenset({GROUPS[group]}),
                days_attended=frozenset(DAYS[days]),
                region=region,
            )
        )
    del phones
    return len(participants)


def measure(options: Options) -> list[Row]:
    import openpyxl  # noqa: PLC0415

    event = ee.examples.kikao_kazi_2019()
    n = 20_000 if options.quick else 100_000
    n_xlsx = 2_000 if options.quick else 10_000
    rounds = 3 if options.quick else 5
    data, institutions = rows(event, n)
    result = []
    with tempfile.TemporaryDirectory(prefix="egov-bench-") as tmp:
        with_phones = Path(tmp) / "usajili.csv"
        write_csv(with_phones, HEADER, data)
        without = Path(tmp) / "usajili-bila-simu.csv"
        write_csv(without, [h for h in HEADER if h != "Simu"], [r[:2] + r[3:] for r in data])
        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet("Washiriki")
        ws.append(HEADER)
        for r in data[:n_xlsx]:
            ws.append(r)
        xlsx = Path(tmp) / "usajili.xlsx"
        book.save(xlsx)

        def ours(path: Path) -> int:
            found = read_registrations(path, event=event)
            assert not found.problems, found.problems[:3]
            return len(found.rows)

        def iterate() -> int:
            wb = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
            count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            wb.close()
            return count

        assert ours(with_phones) == n == reference(with_phones, institutions, phones=True)
        t = round_robin(
            {
                "ours": lambda: ours(with_phones),
                "ref": lambda: reference(with_phones, institutions, phones=True),
                "ours-nophone": lambda: ours(without),
                "ref-nophone": lambda: reference(without, institutions, phones=False),
            },
            rounds,
        )
        result += [
            Row(
                f"read {n:,} registrations (CSV)",
                "polars.read_csv + constructors",
                t["ours"],
                t["ref"],
                goal=3.0,
                goal_source="(#18)",
            ),
            Row(
                f"read {n:,} registrations (CSV, no phones)",
                "polars.read_csv + constructors",
                t["ours-nophone"],
                t["ref-nophone"],
            ),
        ]
        t = round_robin({"ours": lambda: ours(xlsx), "ref": iterate}, rounds)
        result.append(
            Row(
                f"read {n_xlsx:,} registrations (XLSX)",
                "openpyxl read-only iteration",
                t["ours"],
                t["ref"],
            )
        )
    return result


def main() -> None:
    options = parse(__doc__.splitlines()[0])
    finish(measure(options), options, "Registrations (ratio = egov_events / reference, same run)")


if __name__ == "__main__":
    main()
