"""Export an event's participants to a CSV file that spreadsheets open.

    python examples/participants_csv.py [EVENT.json] --out participants.csv [--lang sw|en]

Without EVENT.json it exports the bundled 2019 workshop. It needs only the
standard library; for analysis in a notebook use egov_events.analysis instead.
E-mail addresses are personal data and are left out.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import egov_events as ee

COLUMNS = (
    "id",
    "name",
    "organization",
    "organization_kind",
    "region",
    "roles",
    "groups",
    "status",
    "days_attended",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("event", nargs="?", type=Path, help="an event's JSON document")
    parser.add_argument("--out", type=Path, required=True, help="where to write the CSV file")
    parser.add_argument("--lang", default="sw", choices=["sw", "en"])
    args = parser.parse_args(argv)

    event = ee.load(args.event) if args.event else ee.examples.kikao_kazi_2019()
    with args.out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for p in event.participants:
            organization = event.organization(p.organization)
            writer.writerow(
                (
                    p.id,
                    event.person(p.person).display_name,
                    organization.name.get(args.lang),
                    organization.kind.value,
                    p.region or "",
                    " ".join(sorted(p.roles)),
                    " ".join(sorted(p.groups)),
                    p.status.value,
                    " ".join(day.isoformat() for day in sorted(p.days_attended)),
                )
            )
    print(f"wrote {args.out}: {len(event.participants)} participants")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
