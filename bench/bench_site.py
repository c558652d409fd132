"""How fast egov_events.site builds a programme site, as a ratio to the event's ICS feed.

The event is the bundled workshop with 1,000 sessions (the feed case of
``bench_ical.py``). The reference is the library's own iCalendar feed of that
event, ``calendar(event, lang=...).to_ical()``, timed in the same process,
round robin, ``gc.collect()`` before every timed call, one untimed warm-up.

Two rows:

- a site in one language (Swahili) against that language's feed. The site
  writes 1,000 session pages, the group pages, the day tables, the feeds of
  the event and of each group (``ical.feeds``: every VEVENT serialized once),
  ``schedule.xml``, ``schedule.json`` and the JSON-LD of every page. Goal
  (issue 16): at most 3x.
- the default site in both languages against the feed in both languages
  (each language has its own texts, pages and feeds): informative.

Each site is written into a new folder, so the time includes creating
1,000 (or 2,000) files; the folders are removed after the last round.

    .venv/bin/python bench/bench_site.py            # 7 rounds
    .venv/bin/python bench/bench_site.py --quick    # 3 rounds
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Options, Row, finish, parse, round_robin
from bench_ical import thousand_sessions

from egov_events import site
from egov_events.examples import kikao_kazi_2019
from egov_events.ical import calendar


def measure(options: Options) -> list[Row]:
    rounds = 3 if options.quick else 7
    big = thousand_sessions(kikao_kazi_2019())

    scratch = tempfile.TemporaryDirectory(prefix="egov-bench-site-")
    built = iter(range(1_000_000))

    def build(langs: tuple[str, ...]) -> Path:
        """Build into a new folder; removing it is not the build's work, so it waits."""
        return site.build(big, Path(scratch.name) / str(next(built)), langs=langs)

    index = build(("sw",))
    assert 1 + 1 + len(big.groups) + 1000 == sum(1 for _ in index.parents[1].rglob("*.html"))

    cases = {
        "feed sw [reference]": lambda: len(calendar(big, lang="sw").to_ical()),
        "site sw": lambda: build(("sw",)),
        "feeds sw+en [reference]": lambda: sum(
            len(calendar(big, lang=lang).to_ical()) for lang in ("sw", "en")
        ),
        "site sw+en": lambda: build(("sw", "en")),
    }
    with scratch:
        samples = round_robin(cases, rounds)
    return [
        Row(
            workload="1,000-session site, sw (egov_events.site)",
            reference="its ICS feed, sw (egov_events.ical)",
            ours=samples["site sw"],
            theirs=samples["feed sw [reference]"],
            goal=3.0,
            goal_source="#16",
        ),
        Row(
            workload="1,000-session site, sw+en (egov_events.site)",
            reference="its ICS feeds, sw+en (egov_events.ical)",
            ours=samples["site sw+en"],
            theirs=samples["feeds sw+en [reference]"],
        ),
    ]


def main() -> None:
    options = parse(__doc__.split("\n\n")[0])
    finish(measure(options), options, "Programme site (ratio = site build / ICS feed)")


if __name__ == "__main__":
    main()
