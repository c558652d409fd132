"""The event as a workbook for committees, and an empty registration form.

Written with openpyxl (the ``excel`` extra). Every sheet has its header row
frozen, an autofilter over its table and column widths that fit the text.
The output is the same bytes for the same event and language: the
workbook's dates are the event's :attr:`~egov_events.model.Event.updated`,
and every part of the ZIP archive carries that time too, never the clock.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, date
from pathlib import Path
from typing import IO, Any

from egov_events import enum_names
from egov_events.enums import OrganizationKind
from egov_events.locale import format_date, language
from egov_events.model import Event
from egov_events.registrations._columns import header
from egov_events.submissions import CallForSubmissions, SubmissionState, rank_key, scores
from egov_events.submissions import format_score as _score

__all__ = ["PARTICIPANT_FIELDS", "write_registrations_template", "write_workbook"]

PARTICIPANT_FIELDS = (
    "id", "person", "honorific", "name", "email", "phone", "institution", "position",
    "roles", "groups", "status", "days", "region",
)  # fmt: skip
"""The columns of the participants sheet; reading it back gives the same participants."""

TEMPLATE_FIELDS = (
    "name", "honorific", "email", "phone", "institution", "institution_kind",
    "position", "groups", "roles", "region",
)  # fmt: skip
"""The columns of the empty registration form."""

TEMPLATE_ROWS = 1000
"""How many rows of the form carry the lists to choose from."""

_SELECTED = frozenset({SubmissionState.ACCEPTED, SubmissionState.CONFIRMED})

_T = {
    "participants": ("Washiriki", "Participants"),
    "sessions": ("Vikao", "Sessions"),
    "submissions": ("Mawasilisho", "Submissions"),
    "registration": ("Usajili", "Registration"),
    "lists": ("Orodha", "Lists"),
    "days_total": ("Siku", "Days"),
    "date": ("Tarehe", "Date"),
    "start": ("Kuanza", "Start"),
    "end": ("Kumalizika", "End"),
    "session": ("Kikao", "Session"),
    "kind": ("Aina", "Kind"),
    "room": ("Ukumbi", "Room"),
    "all": ("wote", "everyone"),
    "rank": ("Nafasi", "Rank"),
    "submission": ("Namba", "ID"),
    "title": ("Kichwa", "Title"),
    "state": ("Hali", "State"),
    "score": ("Alama", "Score"),
    "reviews": ("Tathmini", "Reviews"),
    "call": ("Wito", "Call"),
    "line": (
        "▲ Mstari wa uteuzi: nafasi {n} ▲",
        "▲ Selection line: {n} places ▲",
    ),
}


def _t(key: str, lang: str) -> str:
    sw, en = _T[key]
    return sw if lang == "sw" else en


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 (optional: the excel extra)
    except ModuleNotFoundError as exc:
        msg = "writing XLSX needs openpyxl: pip install 'egov-events[excel]'"
        raise ModuleNotFoundError(msg) from exc
    return openpyxl


def _sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet title: at most 31 characters, no brackets, colons or slashes."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in text)[:31] or "-"
    title, n = clean, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _table(ws: Any, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Fill *ws*: bold header, frozen, filtered, columns as wide as their text."""
    openpyxl = _openpyxl()
    ws.append(list(headers))
    widths = [len(h) for h in headers]
    for row in rows:
        ws.append(list(row))
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    bold = openpyxl.styles.Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    ws.freeze_panes = "A2"
    last = openpyxl.utils.get_column_letter(len(headers))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = min(width + 2, 60)


def _days(days: Iterable[date], lang: str) -> str:
    return "; ".join(format_date(d, lang=lang) for d in sorted(days))


def _participants(event: Event, lang: str) -> list[list[object]]:
    people = {p.id: p for p in event.people}
    orgs = {o.id: o for o in event.organizations}
    groups = {g.id: g for g in event.groups}
    roles = {r.id: r for r in event.roles}
    order = {g.id: i for i, g in enumerate(event.groups)}
    rows: list[list[object]] = []
    for part in event.participants:
        person = people[part.person]
        rows.append(
            [
                part.id,
                person.id,
                person.honorific,
                person.name,
                person.email,
                person.phone,
                orgs[part.organization].name.get(lang),
                person.position.get(lang) if person.position else None,
                "; ".join(sorted(roles[r].name.get(lang) for r in part.roles)),
                "; ".join(
                    groups[g].name.get(lang) for g in sorted(part.groups, key=order.__getitem__)
                ),
                enum_names.name(part.status, lang),
                _days(part.days_attended, lang),
                part.region,
            ]
        )
    return rows


def _submissions(ws: Any, event: Event, call: CallForSubmissions, lang: str) -> None:
    openpyxl = _openpyxl()
    orgs = {o.id: o for o in event.organizations}
    criteria = [c.name.get(lang) for c in call.criteria]
    headers = [
        _t("rank", lang), _t("submission", lang), _t("title", lang), _t("kind", lang),
        header("institution", lang), _t("state", lang), _t("score", lang), _t("reviews", lang),
        *criteria,
    ]  # fmt: skip
    summaries = {s.id: scores(call, s) for s in call.submissions}
    ranked = sorted(call.submissions, key=lambda s: rank_key(summaries[s.id]))
    rows: list[list[object]] = []
    line = None
    places = call.places if call.places is not None else sum(s.state in _SELECTED for s in ranked)
    for rank, sub in enumerate(ranked, start=1):
        summary = summaries[sub.id]
        rows.append(
            [
                rank,
                sub.id,
                sub.title.get(lang),
                enum_names.name(sub.kind, lang),
                orgs[sub.organization].name.get(lang),
                enum_names.name(sub.state, lang),
                float(_score(summary.weighted_mean)) if summary.weighted_mean is not None else None,
                summary.count,
                *(float(_score(mean)) for _, mean in summary.criteria),
            ]
        )
        if rank == places and rank < len(ranked):
            line = len(rows) + 2  # the sheet row after this one (the header is row 1)
            rows.append([_t("line", lang).format(n=places)])
    _table(ws, headers, rows)
    if line is not None:
        edge = openpyxl.styles.Side(style="medium", color="C00000")
        for cell in ws[line]:
            cell.font = openpyxl.styles.Font(bold=True, color="C00000")
            cell.border = openpyxl.styles.Border(top=edge, bottom=edge)


def _workbook(event: Event, lang: str) -> Any:
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    updated = event.updated.astimezone(UTC).replace(tzinfo=None)
    book.properties.created = book.properties.modified = updated
    book.properties.creator = "egov_events"
    book.properties.title = event.title.get(lang)
    return book


class _FixedTimeZip(zipfile.ZipFile):
    """A ZIP archive whose members all carry one given time, not the clock's."""

    def __init__(self, file: IO[bytes], when: tuple[int, int, int, int, int, int]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.when = when

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.when)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o644 << 16
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """Store a file (openpyxl writes each worksheet to one first) with the given time."""
        self.writestr(str(arcname or filename), Path(filename).read_bytes())


def _save(book: Any, event: Event, path: str | Path | IO[bytes]) -> None:
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415 (optional: the excel extra)

    when = event.updated.astimezone(UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, when) as archive:
        book.properties.modified = book.properties.created
        ExcelWriter(book, archive).write_data()
    data = buffer.getvalue()
    if isinstance(path, str | Path):
        Path(path).write_bytes(data)
    else:
        path.write(data)


def write_workbook(event: Event, path: str | Path | IO[bytes], *, lang: str = "sw") -> None:
    """Write *event* as an XLSX workbook for committees, in Swahili or English.

    Sheets: the participants (the columns of a registration list: reading
    this sheet back with :func:`read_registrations` gives the same
    participants), one per group (its members, a column per day of the
    group with ``1`` where the participant was present, and the total),
    the sessions by start, and one per call for submissions (ranked by
    score, the reviews' mean per criterion, and the selection line under
    the last place). The same event gives the same bytes.
    """
    code = language(lang)
    openpyxl = _openpyxl()
    book = _workbook(event, code)
    taken: set[str] = set()
    ws = book.active
    ws.title = _sheet_title(_t("participants", code), taken)
    _table(ws, [header(f, code) for f in PARTICIPANT_FIELDS], _participants(event, code))

    people = {p.id: p for p in event.people}
    orgs = {o.id: o for o in event.organizations}
    for group in event.groups:
        ws = book.create_sheet(_sheet_title(group.name.get(code), taken))
        day_headers = [format_date(d, lang=code) for d in group.days]
        rows = []
        for part in event.participants_in(group):
            present = [1 if d in part.days_attended else None for d in group.days]
            rows.append(
                [
                    part.id,
                    people[part.person].name,
                    orgs[part.organization].name.get(code),
                    *present,
                    sum(1 for x in present if x),
                ]
            )
        headers = [header("id", code), header("name", code), header("institution", code)]
        _table(ws, [*headers, *day_headers, _t("days_total", code)], rows)

    ws = book.create_sheet(_sheet_title(_t("sessions", code), taken))
    groups = {g.id: g for g in event.groups}
    rows = []
    rooms = {r.id: r for r in event.venue.rooms} if event.venue else {}
    for s in sorted(event.sessions, key=lambda s: (s.start, s.id)):
        start, end = s.start.astimezone(event.timezone), s.end.astimezone(event.timezone)
        rows.append(
            [
                format_date(start.date(), lang=code),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                s.title.get(code),
                enum_names.name(s.kind, code),
                rooms[s.room].name.get(code) if s.room in rooms else None,
                "; ".join(sorted(groups[g].name.get(code) for g in s.groups)) or _t("all", code),
                enum_names.name(s.status, code),
            ]
        )
    _table(
        ws,
        [
            _t("date", code),
            _t("start", code),
            _t("end", code),
            _t("session", code),
            _t("kind", code),
            _t("room", code),
            header("groups", code),
            header("status", code),
        ],
        rows,
    )
    for call in event.calls:
        title = _t("submissions", code) if len(event.calls) == 1 else call.title.get(code)
        _submissions(book.create_sheet(_sheet_title(title, taken)), event, call, code)
    del openpyxl
    _save(book, event, path)


def write_registrations_template(
    path: str | Path | IO[bytes], event: Event, *, lang: str = "sw"
) -> None:
    """Write an empty registration form for *event*: the columns, and lists to pick from.

    The "Makundi"/"Groups", "Majukumu"/"Roles", "Taasisi"/"Institution" and
    "Aina ya taasisi"/"Institution kind" columns offer the event's groups,
    roles, institutions and the kinds of institution in a drop-down (Excel's
    and LibreOffice's data validation; a value not on the list gets a warning,
    so that several groups can still be written, separated by ``;``).
    """
    code = language(lang)
    openpyxl = _openpyxl()
    book = _workbook(event, code)
    ws = book.active
    taken: set[str] = set()
    ws.title = _sheet_title(_t("registration", code), taken)
    _table(ws, [header(f, code) for f in TEMPLATE_FIELDS], [])
    lists = book.create_sheet(_sheet_title(_t("lists", code), taken))
    columns = {
        "groups": [g.name.get(code) for g in event.groups],
        "roles": [r.name.get(code) for r in event.roles],
        "institution": sorted(o.name.get(code) for o in event.organizations),
        "institution_kind": [enum_names.name(k, code) for k in OrganizationKind],
    }
    letter = openpyxl.utils.get_column_letter
    for i, (field, values) in enumerate(columns.items(), start=1):
        lists.cell(row=1, column=i, value=header(field, code))
        for j, value in enumerate(values, start=2):
            lists.cell(row=j, column=i, value=value)
        source = f"'{lists.title}'!${letter(i)}$2:${letter(i)}${len(values) + 1}"
        validation = openpyxl.worksheet.datavalidation.DataValidation(
            type="list", formula1=source, allow_blank=True, errorStyle="warning"
        )
        target = letter(TEMPLATE_FIELDS.index(field) + 1)
        validation.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(validation)
    lists.sheet_state = "hidden"
    _save(book, event, path)
