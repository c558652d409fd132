"""How fast egov_events.ical writes, as ratios to a minimal hand-written writer.

Three cases, each run side by side with its reference in the same process,
round robin, ``gc.collect()`` before every timed call, one untimed warm-up:

- the bundled 2019 workshop's invitations, the bytes of every calendar of
  its 786 participants, as the bulk writer behind ``invitation_emails``,
  ``send_emails`` and the command line writes them, against the hand writer
  producing the same calendars;
- the same invitations as ``icalendar.Calendar`` objects: ``invitations()``
  for each participant and ``to_ical()`` of each (informative);
- a feed of 1,000 sessions as bytes, as ``FeedExport`` writes it for the
  command line (one export per feed, nothing kept from earlier rounds),
  against the hand writer producing the same VEVENTs;
- the same feed as ``calendar()`` plus ``to_ical()`` (informative).

The hand writer lives here only, as the reference: ``str.translate``
escaping, octet-based folding, a VTIMEZONE written once, ``"".join``. Its
output is checked to parse to the same UIDs, times, titles and descriptions
as the library's before anything is timed.

Goal (issue 4): invitations within 15x of the hand writer.

The bulk writer writes each group's calendar once per event and language
through icalendar and reuses the bytes for every participant (only the
ATTENDEE line is written per participant); the hand writer writes every
calendar whole, caching only each group's days and texts. The invitation
ratio is therefore the library's cost per calendar against writing one by
hand. ``invitations()`` returns plain calendars, each built and serialized
by icalendar in full: its row shows what that costs.

``FeedExport`` writes each session's VEVENT from the properties
``calendar()`` adds to it (``session_properties``), without building a
component: each distinct line once per export, icalendar asked once per
shape of line (name, value type, zone, parameters) and its value type
writing the text of later values, folded by icalendar when too long, the
VTIMEZONE once; its output is checked to be ``calendar().to_ical()`` byte
for byte.

    .venv/bin/python bench/bench_ical.py            # 9 rounds
    .venv/bin/python bench/bench_ical.py --quick    # 3 rounds
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from _harness import Options, Row, finish, parse, round_robin
from icalendar import Calendar

from egov_events.examples import kikao_kazi_2019
from egov_events.ical import FeedExport, calendar, invitations
from egov_events.ical._bulk import invitation_bytes
from egov_events.ical._common import vtimezone
from egov_events.locale import format_date
from egov_events.model import Event, ParticipantGroup, SessionKind

# -- the hand-written reference writer ---------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _fold(line: str) -> str:
    raw = line.encode()
    if len(raw) <= 75:
        return line + "\r\n"
    parts, start, limit = [], 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # not inside a UTF-8 sequence
            end -= 1
        parts.append(raw[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts) + "\r\n"


def _esc(value: str) -> str:
    return value.translate(_ESCAPES)


def _local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


class HandWriter:
    """Writes the library's invitations and feeds by string concatenation."""

    def __init__(self, event: Event) -> None:
        self.event = event
        zone = event.timezone.key
        self.zone = zone
        self.vtimezone = vtimezone(zone).to_ical().decode()
        org = event.organization(event.organizer)
        self.organizer = _fold(
            f'ORGANIZER;CN="{org.name.get("sw")} ({org.acronym})":mailto:{org.email}'
        )
        venue = event.venue
        assert venue is not None
        self.location = _fold(f"LOCATION;LANGUAGE=sw:{_esc(venue.name.get('sw'))}")
        self.geo = f"GEO:{venue.latitude};{venue.longitude}\r\n"
        self.stamp = event.updated.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.people = {p.id: p for p in event.people}
        self.rooms = {r.id: r for r in venue.rooms}
        self.group_days: dict[str, list[tuple[date, datetime, datetime]]] = {}
        self.texts: dict[str, str] = {}

    def days(self, group: ParticipantGroup) -> list[tuple[date, datetime, datetime]]:
        """A group's days and hours, worked out once per group (as the library does)."""
        if group.id not in self.group_days:
            e = self.event
            days = []
            for day in group.days:
                todays = [
                    s
                    for s in e.sessions
                    if group.id in s.groups and s.start.astimezone(e.timezone).date() == day
                ]
                if todays:
                    start = min(s.start for s in todays).astimezone(e.timezone)
                    end = max(s.end for s in todays).astimezone(e.timezone)
                    days.append((day, start, end))
            self.group_days[group.id] = days
        return self.group_days[group.id]

    def _dt(self, name: str, moment: datetime) -> str:
        return f"{name};TZID={self.zone}:{_local(moment)}\r\n"

    def invitations(self, participant_id: str) -> list[str]:
        e = self.event
        p = e.participant(participant_id)
        person = self.people[p.person]
        attendee = _fold(
            f'ATTENDEE;CN="{person.display_name}";CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;'
            f"ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{person.email}"
        )
        out = []
        for group in e.groups:
            if group.id not in p.groups:
                continue
            days = self.days(group)
            title = f"{e.title.get('sw')}: {group.name.get('sw')}"
            summary = _fold(f"SUMMARY;LANGUAGE=sw:{_esc(title)}")
            uid = f"UID:group+{group.id}@{e.id}.egov-events\r\n"
            common = (
                f"DTSTAMP:{self.stamp}\r\n{uid}SEQUENCE:{e.revision}\r\n{attendee}"
                f"{self.geo}{self.location}{self.organizer}"
            )
            text = self.texts.get(group.id)
            if text is None:
                lines = ["Ratiba:"]
                lines += [
                    f"- {format_date(d, lang='sw', weekday=True)}, {a:%H:%M}–{b:%H:%M}"
                    for d, a, b in days
                ]
                text = "\n".join(lines)
                if group.description:
                    text = f"{group.description.get('sw')}\n\n{text}"
                self.texts[group.id] = text
            first = days[0]
            parts = [
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                "PRODID:-//egov_events//egov_events calendar export//EN\r\n"
                "CALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\n",
                self.vtimezone,
                "BEGIN:VEVENT\r\n",
                summary,
                self._dt("DTSTART", first[1]),
                self._dt("DTEND", first[2]),
                common,
            ]
            if len(days) > 1:
                parts.append(
                    f"RDATE;TZID={self.zone}:" + ",".join(_local(d[1]) for d in days) + "\r\n"
                )
            parts.append(_fold(f"CATEGORIES;LANGUAGE=sw:{_esc(group.name.get('sw'))}"))
            parts.append(_fold(f"DESCRIPTION;LANGUAGE=sw:{_esc(text)}"))
            parts.append("STATUS:CONFIRMED\r\nEND:VEVENT\r\n")
            length = first[2] - first[1]
            for _, a, b in days[1:]:
                if b - a != length:
                    parts += [
                        "BEGIN:VEVENT\r\n",
                        summary,
                        self._dt("DTSTART", a),
                        self._dt("DTEND", b),
                        self._dt("RECURRENCE-ID", a),
                        common,
                        "STATUS:CONFIRMED\r\nEND:VEVENT\r\n",
                    ]
            parts.append("END:VCALENDAR\r\n")
            out.append("".join(parts))
        return out

    def feed(self) -> str:
        e = self.event
        parts = [
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            "PRODID:-//egov_events//egov_events calendar export//EN\r\n"
            "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
            _fold(f"NAME;LANGUAGE=sw:{_esc(e.title.get('sw'))}"),
            self.vtimezone,
        ]
        for s in sorted(e.sessions, key=lambda s: (s.start, s.id)):
            room = self.rooms.get(s.room or "")
            assert e.venue is not None
            place = ", ".join([*([room.name.get("sw")] if room else []), e.venue.name.get("sw")])
            groups = [g.name.get("sw") for g in e.groups if g.id in s.groups]
            parts += [
                "BEGIN:VEVENT\r\n",
                _fold(f"SUMMARY;LANGUAGE=sw:{_esc(s.title.get('sw'))}"),
                self._dt("DTSTART", s.start),
                self._dt("DTEND", s.end),
                f"DTSTAMP:{self.stamp}\r\n",
                _fold(f"UID:{s.id}@{e.id}.egov-events"),
                f"SEQUENCE:{e.revision}\r\n",
                _fold(
                    "CATEGORIES;LANGUAGE=sw:"
                    + ",".join(_esc(c) for c in ["Kikao cha pamoja", *groups])
                ),
                _fold(f"DESCRIPTION;LANGUAGE=sw:{_esc(s.description.get('sw'))}")
                if s.description
                else "",
                self.geo,
                _fold(f"LOCATION;LANGUAGE=sw:{_esc(place)}"),
                self.organizer,
                "STATUS:CONFIRMED\r\n",
                f"X-EGOV-EVENTS-KIND:{s.kind.value}\r\n",
                *(f"X-EGOV-EVENTS-GROUP:{g}\r\n" for g in sorted(s.groups)),
                "END:VEVENT\r\n",
            ]
        parts.append("END:VCALENDAR\r\n")
        return "".join(parts)


# -- the cases ---------------------------------------------------------------------


def thousand_sessions(event: Event) -> Event:
    """The bundled event with 1,000 plenary sessions of 20 minutes over its four days."""
    sessions = []
    tz = event.timezone
    for n in range(1000):
        day = event.days[n % 4]
        slot = n // 4
        start = datetime(day.year, day.month, day.day, 7, tzinfo=tz) + timedelta(minutes=3 * slot)
        base = event.sessions[n % len(event.sessions)]
        sessions.append(
            attrs.evolve(
                base,
                id=f"s-{n:04d}",
                kind=SessionKind.PLENARY,
                start=start,
                end=start + timedelta(minutes=20),
                speakers=(),
                chairs=(),
            )
        )
    return attrs.evolve(event, sessions=tuple(sessions), calls=())


def _same(ours: Iterable[bytes], theirs: Iterable[str]) -> None:
    """The hand writer's output parses to what the library wrote."""

    def key(data: bytes) -> list[tuple[str, ...]]:
        cal = Calendar.from_ical(data)
        return [
            (
                str(ev["UID"]),
                ev["DTSTART"].dt.isoformat(),
                ev["DTEND"].dt.isoformat(),
                str(ev["SUMMARY"]),
                str(ev.get("DESCRIPTION", "")),
                str(ev.get("ORGANIZER", "")),
                str(ev.get("ATTENDEE", "")),
            )
            for ev in cal.walk("VEVENT")
        ]

    for a, b in zip(ours, theirs, strict=True):
        assert key(a) == key(b.encode()), (key(a), key(b.encode()))


def measure(options: Options) -> list[Row]:
    rounds = 3 if options.quick else 9

    event = kikao_kazi_2019()
    ids = [p.id for p in event.participants]
    hand = HandWriter(event)
    big = thousand_sessions(event)
    big_hand = HandWriter(big)

    people = list(event.participants)

    def ours_invites() -> int:
        return sum(len(data) for p in people for _, data in invitation_bytes(event, p, "sw"))

    def ours_calendars() -> int:
        return sum(len(c.to_ical()) for pid in ids for c in invitations(event, pid))

    def hand_invites() -> int:
        return sum(len(c.encode()) for pid in ids for c in hand.invitations(pid))

    def ours_feed() -> int:
        return len(FeedExport(big).feed())

    def ours_feed_calendar() -> int:
        return len(calendar(big).to_ical())

    def hand_feed() -> int:
        return len(big_hand.feed().encode())

    _same(
        (c.to_ical() for pid in ids[::50] for c in invitations(event, pid)),
        (c for pid in ids[::50] for c in hand.invitations(pid)),
    )
    _same(
        (data for p in people[::50] for _, data in invitation_bytes(event, p, "sw")),
        (c for pid in ids[::50] for c in hand.invitations(pid)),
    )
    _same([calendar(big).to_ical()], [big_hand.feed()])
    assert FeedExport(big).feed() == calendar(big).to_ical()

    cases = {
        "786 invitations: hand writer [reference]": hand_invites,
        "786 invitations: egov_events.ical": ours_invites,
        "786 invitations: hand writer [reference, again]": hand_invites,
        "786 invitations as Calendar objects: egov_events.ical": ours_calendars,
        "1,000-session feed: hand writer [reference]": hand_feed,
        "1,000-session feed: egov_events.ical": ours_feed,
        "1,000-session feed: hand writer [reference, again]": hand_feed,
        "1,000-session feed as a Calendar object: egov_events.ical": ours_feed_calendar,
    }
    samples = round_robin(cases, rounds)  # with one untimed warm-up each
    names = list(cases)
    return [
        Row(
            workload=names[k + 1].replace(": egov_events.ical", " (egov_events.ical)"),
            reference="hand-written iCalendar writer",
            ours=samples[names[k + 1]],
            theirs=samples[names[k]],
            goal={0: 2.0, 4: 5.0}.get(k),  # the invitations' bytes, the feed
            goal_source="#19" if k in (0, 4) else "",
        )
        for k in (0, 2, 4, 6)
    ]


def main() -> None:
    options = parse(__doc__.split("\n\n")[0])
    finish(measure(options), options, "iCalendar (ratio = egov_events / hand writer)")


if __name__ == "__main__":
    main()
