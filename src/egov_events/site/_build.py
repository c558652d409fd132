"""Build the static programme site: views of the event, rendered by Jinja2, written once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import attrs
import jinja2

from egov_events import ical, interchange
from egov_events.locale import format_date, format_date_range, format_time, language
from egov_events.model import Event, ParticipantGroup, Session, SessionStatus
from egov_events.site._labels import LABELS, LANGUAGE_NAMES
from egov_events.vocabulary import name

__all__ = ["build"]

_STYLESHEETS = ("style.css", "print.css")


@attrs.frozen
class SessionView:
    """What every page shows of one session, in one language."""

    id: str
    title: str
    kind: str
    start: datetime
    end: datetime
    start_label: str
    end_label: str
    cancelled: bool
    status: str


@attrs.frozen
class Cell:
    """A table cell: the sessions starting in it (usually one) and the rows it spans."""

    sessions: tuple[SessionView, ...]
    rowspan: int


@attrs.frozen
class Row:
    """A row of a day's table: its start time and one entry per room.

    An entry is a :class:`Cell`, ``None`` for an empty cell, or ``False``
    where a cell of an earlier row reaches down (no ``<td>`` is written).
    """

    start: datetime
    label: str
    cells: tuple[Cell | bool | None, ...]


@attrs.frozen
class Table:
    """One day's grid: rooms as columns, times as rows."""

    caption: str
    rooms: tuple[str, ...]
    rows: tuple[Row, ...]


@attrs.frozen
class DayView:
    """A day of the programme: its heading, groups and table."""

    day: date
    anchor: str
    heading: str
    groups: tuple[ParticipantGroup, ...]
    table: Table


def _check_langs(langs: Sequence[str]) -> tuple[str, ...]:
    if isinstance(langs, str) or not isinstance(langs, Sequence):
        msg = f"langs must be a sequence of language codes such as ('sw', 'en'), got {langs!r}"
        raise ValueError(msg)
    out: list[str] = []
    for tag in langs:
        code = language(tag)
        if code in out:
            msg = f"language {code!r} is given twice in langs {tuple(langs)!r}"
            raise ValueError(msg)
        out.append(code)
    if not out:
        msg = "langs is empty: give at least one language, e.g. ('sw',)"
        raise ValueError(msg)
    return tuple(out)


class _Site:
    """One build: the event, the Jinja2 environment and what the pages share."""

    def __init__(self, event: Event, langs: tuple[str, ...]) -> None:
        self.event = event
        self.langs = langs
        self.tz = event.timezone
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("egov_events.site", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["format_date"] = _format_date
        rooms = event.venue.rooms if event.venue is not None else ()
        self.room_order = {room.id: i for i, room in enumerate(rooms)}
        self.room_names = {room.id: room.name for room in rooms}
        self.sessions_by_day = {day: event.sessions_on(day) for day in event.days}

    # -- views ------------------------------------------------------------

    def session_views(self, lang: str) -> dict[str, SessionView]:
        cancelled = name(SessionStatus.CANCELLED, lang)
        views = {}
        for s in self.event.sessions:
            start, end = s.start.astimezone(self.tz), s.end.astimezone(self.tz)
            views[s.id] = SessionView(
                id=s.id,
                title=s.title.get(lang),
                kind=name(s.kind, lang),
                start=start,
                end=end,
                start_label=format_time(start),
                end_label=format_time(end),
                cancelled=s.status is SessionStatus.CANCELLED,
                status=cancelled if s.status is SessionStatus.CANCELLED else "",
            )
        return views

    def table(
        self, day: date, sessions: Sequence[Session], views: dict[str, SessionView], lang: str
    ) -> Table:
        """The grid of *sessions* on *day*: a column per room, a row per start or end time."""
        midnight = datetime.combine(day, time(), self.tz)
        next_midnight = datetime.combine(day + timedelta(days=1), time(), self.tz)

        def span(s: Session) -> tuple[datetime, datetime]:
            return max(s.start, midnight), min(s.end, next_midnight)

        rooms = sorted(
            {s.room for s in sessions},
            key=lambda r: (r is None, self.room_order.get(r or "", 0)),
        )
        times = sorted({t for s in sessions for t in span(s)})
        row_of = {t: i for i, t in enumerate(times)}
        grid: list[list[Cell | bool | None]] = [[None] * len(rooms) for _ in times[:-1]]
        for col, room in enumerate(rooms):
            open_at: int | None = None  # the row of the cell that reaches furthest
            reach = 0
            for s in sorted((s for s in sessions if s.room == room), key=lambda s: (s.start, s.id)):
                a, b = span(s)
                top, bottom = row_of[a], row_of[b]
                held = grid[open_at][col] if open_at is not None and top < reach else None
                if isinstance(held, Cell) and open_at is not None:
                    # Overlaps the cell above in the same room: shown in that cell.
                    reach = max(reach, bottom)
                    for r in range(open_at + 1, reach):
                        grid[r][col] = False
                    grid[open_at][col] = Cell(
                        sessions=(*held.sessions, views[s.id]), rowspan=reach - open_at
                    )
                    continue
                grid[top][col] = Cell(sessions=(views[s.id],), rowspan=bottom - top)
                for r in range(top + 1, bottom):
                    grid[r][col] = False
                open_at, reach = top, bottom
        labels = LABELS[lang]
        heading = format_date(day, lang=lang, weekday=True)
        return Table(
            caption=labels["table_caption"].format(day=heading),
            rooms=tuple(
                self.room_names[r].get(lang) if r is not None else labels["no_room"] for r in rooms
            ),
            rows=tuple(
                Row(start=t, label=format_time(t), cells=tuple(grid[i]))
                for i, t in enumerate(times[:-1])
            ),
        )

    def days(
        self, views: dict[str, SessionView], lang: str, group: ParticipantGroup | None = None
    ) -> list[DayView]:
        event = self.event
        chosen = set(event.sessions_for_group(group)) if group is not None else None
        out = []
        for day in event.days:
            sessions = self.sessions_by_day[day]
            if chosen is not None:
                sessions = tuple(s for s in sessions if s in chosen)
            used = {g for s in sessions for g in s.groups}
            groups = tuple(g for g in event.groups if day in g.days or g.id in used)
            if group is not None and not sessions and day not in group.days:
                continue
            out.append(
                DayView(
                    day=day,
                    anchor=f"d-{day.isoformat()}",
                    heading=format_date(day, lang=lang, weekday=True),
                    groups=groups,
                    table=self.table(day, sessions, views, lang),
                )
            )
        return out

    # -- pages ------------------------------------------------------------

    def common(self, lang: str) -> dict[str, Any]:
        event = self.event
        return {
            "lang": lang,
            "langs": self.langs,
            "language_names": LANGUAGE_NAMES,
            "t": LABELS[lang],
            "event": event,
            "event_title": event.title.get(lang),
            "event_dates": format_date_range(event.first_day, event.last_day, lang=lang),
            "venue": (
                f"{event.venue.name.get(lang)}, {event.venue.city}"
                if event.venue is not None
                else ""
            ),
            "groups": event.groups,
        }

    def pages(self) -> dict[str, bytes]:
        """Every file of the site, by its path relative to the output folder."""
        event = self.event
        files: dict[str, bytes] = {}
        for sheet in _STYLESHEETS:
            files[sheet] = self.env.get_template(sheet).render().encode()
        files["index.html"] = self.render("root.html", common=self.common(self.langs[0]))
        session_page = self.env.get_template("session.html")
        for lang in self.langs:
            views = self.session_views(lang)
            common = self.common(lang)
            files[f"{lang}/index.html"] = self.render(
                "index.html",
                common=common,
                page="index.html",
                days=self.days(views, lang),
                json_ld=interchange.json_ld(event, lang=lang),
            )
            for group in event.groups:
                files[f"{lang}/groups/{group.id}.html"] = self.render(
                    "group.html",
                    common=common,
                    page=f"groups/{group.id}.html",
                    group=group,
                    days=self.days(views, lang, group),
                    n_sessions=len(event.sessions_for_group(group)),
                )
            for s in event.sessions:
                files[f"{lang}/sessions/{s.id}.html"] = session_page.render(
                    common,
                    page=f"sessions/{s.id}.html",
                    session=s,
                    view=views[s.id],
                    day_anchor=f"d-{event.day_of(s.start).isoformat()}",
                    swahili_clock=(
                        format_time(views[s.id].start, swahili_clock=True) if lang == "sw" else ""
                    ),
                    room=(
                        self.room_names[s.room].get(lang)
                        if s.room is not None
                        else LABELS[lang]["no_room"]
                    ),
                    json_ld=interchange.json_ld(event, lang=lang, session=s),
                ).encode()
            calendars = ical.feeds(event, lang=lang)
            files[f"{lang}/programme.ics"] = calendars[None]
            for group in event.groups:
                files[f"{lang}/groups/{group.id}.ics"] = calendars[group.id]
            files[f"{lang}/schedule.xml"] = interchange.schedule_xml(event, lang=lang)
            files[f"{lang}/schedule.json"] = (
                json.dumps(
                    interchange.schedule_json(event, lang=lang), ensure_ascii=False, indent=1
                )
                + "\n"
            ).encode()
        return files

    def render(self, template: str, *, common: dict[str, Any], **values: Any) -> bytes:
        return self.env.get_template(template).render(common, **values).encode()


def _format_date(d: date, lang: str, *, weekday: bool = False) -> str:
    return format_date(d, lang=lang, weekday=weekday)


def build(event: Event, outdir: str | Path, *, langs: Sequence[str] = ("sw", "en")) -> Path:
    """Write the programme site of *event* into *outdir*; return the first language's index.

    Per language (a folder each, Swahili first by default): ``index.html``
    with a section and a table per day, a page per session (with its
    schema.org JSON-LD) and per participant group, the iCalendar feeds of
    the event and of each group, and the c3voc ``schedule.xml`` and
    ``schedule.json``; at the top, ``index.html`` (the choice of language)
    and the two stylesheets. Links are relative, so the folder can be
    served from any address or opened from disk. The same event gives the
    same bytes. Files the build did not write are left alone.

    Raises:
        ValueError: *langs* is empty, repeats a language or names one other
            than ``sw`` and ``en``.
        OSError: *outdir* cannot be created or written.

    """
    codes = _check_langs(langs)
    site = _Site(event, codes)
    files = site.pages()
    root = Path(outdir)
    for folder in sorted({(root / p).parent for p in files}):
        folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(files):
        (root / path).write_bytes(files[path])
    return root / codes[0] / "index.html"
