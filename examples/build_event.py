"""Build an event in code, check it, and write its JSON document.

    python examples/build_event.py [--out event.json]

The dates are read from text the way an organizer writes them, with
egov_events.locale; every model checks itself when it is built, and the
event checks the references between them.
"""

from __future__ import annotations

import argparse
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import egov_events as ee
from egov_events.locale import format_date_range, format_time, parse_date_range

EAT = ZoneInfo("Africa/Dar_es_Salaam")


def text(sw: str, en: str) -> ee.LocalizedText:
    return ee.LocalizedText.of(sw=sw, en=en)


def build() -> ee.Event:
    first_day, last_day = parse_date_range("tarehe 30 - 31 Januari, 2019")
    organizer = ee.Organization(
        id="ega",
        name=text("Wakala ya Serikali Mtandao", "e-Government Agency"),
        kind=ee.OrganizationKind.EXECUTIVE_AGENCY,
        acronym="eGA",
        email="kikaokazi@example.go.tz",
    )
    ministry = ee.Organization(
        id="mofp",
        name=text("Wizara ya Fedha na Mipango", "Ministry of Finance and Planning"),
        kind=ee.OrganizationKind.MINISTRY,
    )
    group = ee.ParticipantGroup(
        id="ict-officers",
        name=text("Maafisa TEHAMA", "ICT officers"),
        days=(first_day, last_day),
    )
    sessions = tuple(
        ee.Session(
            id=f"opening-{day.isoformat()}",
            kind=ee.SessionKind.OPENING if day == first_day else ee.SessionKind.PLENARY,
            title=text("Mjadala wa asubuhi", "Morning session"),
            start=datetime.combine(day, time(9, 0), EAT),
            end=datetime.combine(day, time(10, 30), EAT),
            groups=frozenset({group.id}),
        )
        for day in (first_day, last_day)
    )
    people = (
        ee.Person(id="asha", name="Asha Mrisho", email="asha@example.go.tz", organization="mofp"),
    )
    participants = (
        ee.Participant(id="p-1", person="asha", organization="mofp", groups=frozenset({group.id})),
    )
    return ee.Event(
        id="warsha-tehama-2019",
        title=text("Warsha ya TEHAMA 2019", "ICT Workshop 2019"),
        organizer="ega",
        timezone=EAT,
        first_day=first_day,
        last_day=last_day,
        updated=datetime(2019, 1, 2, 8, 0, tzinfo=EAT),
        venue=ee.Venue(name=text("Ukumbi Mkuu", "Main Hall"), city="Dodoma", country="TZ"),
        sessions=sessions,
        groups=(group,),
        participants=participants,
        people=people,
        organizations=(organizer, ministry),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the JSON document")
    args = parser.parse_args(argv)
    event = build()
    print(event.title["sw"], "/", event.title["en"])
    print(format_date_range(event.first_day, event.last_day))
    for session in event.sessions:
        start = session.start
        print(
            f"{start.date().isoformat()} {format_time(start, swahili_clock=True)}: {session.title}"
        )
    if args.out is not None:
        ee.dump(event, args.out)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
