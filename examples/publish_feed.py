"""Publish an event's programme as an iCalendar feed that calendar clients subscribe to.

    python examples/publish_feed.py [EVENT.json] --out feed.ics [--group ID] [--lang sw|en]

Without EVENT.json it publishes the bundled 2019 workshop. The feed is a
METHOD:PUBLISH calendar without attendees; it is checked with
egov_events.ical.lint before it is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import egov_events as ee
from egov_events import ical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("event", nargs="?", type=Path, help="an event's JSON document")
    parser.add_argument("--out", type=Path, required=True, help="where to write the feed")
    parser.add_argument("--group", help="only this participant group's sessions")
    parser.add_argument("--lang", default="sw", choices=["sw", "en"])
    args = parser.parse_args(argv)

    event = ee.load(args.event) if args.event else ee.examples.kikao_kazi_2019()
    feed = ical.calendar(event, lang=args.lang, group=args.group)
    data = feed.to_ical()
    problems = ical.lint(data)
    if problems:
        for problem in problems:
            print(problem)
        return 1
    args.out.write_bytes(data)
    sessions = sum(1 for component in feed.walk("VEVENT"))
    print(f"wrote {args.out}: {sessions} sessions of {event.id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
