"""A summary of an event that a person reads at a glance, in Swahili or English.

:func:`summarize` gives the title, theme, dates, venue, organizer, the groups
with their days and sizes, the sessions of each day and the calls for
submissions: how many were received and selected, in all and per kind of
institution, and the exhibits of the call's exhibition by booth.
``egov-events summary`` prints it.

>>> import egov_events as ee
>>> from egov_events.summary import summarize
>>> print(summarize(ee.examples.kikao_kazi_2019(), lang="en"))
2nd e-Government Workshop 2019
Theme: Harmonising ICT resources for industrial development
Dates: 30 January – 2 February 2019 (4 days, Africa/Dar_es_Salaam)
...
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from egov_events import enum_names
from egov_events.locale import format_date, format_date_range, language
from egov_events.model import Event, EventStatus, OrganizationKind, SessionStatus
from egov_events.submissions import SELECTED_STATES as _SELECTED
from egov_events.submissions import CallForSubmissions, SubmissionState, exhibits
from egov_events.text import LocalizedText

__all__ = ["SELECTED_STATES", "summarize"]

SELECTED_STATES = _SELECTED
"""The states of a submission that count as selected
(:data:`egov_events.submissions.SELECTED_STATES`)."""

_LABELS: dict[str, dict[str, str]] = {
    "sw": {
        "theme": "Kaulimbiu",
        "dates": "Tarehe",
        "days": "siku {n}",
        "venue": "Mahali",
        "organizer": "Mwandaaji",
        "status": "Hali",
        "participants": "Washiriki",
        "registered": "{n} waliosajiliwa",
        "reported": "{n} walioripotiwa na mwandaaji",
        "groups": "Makundi",
        "group_line": "{name}: {days}; washiriki {n}",
        "sessions": "Vikao kwa siku",
        "session_line": "{day}: vikao {n}",
        "cancelled_sessions": " (kimoja kimefutwa)",
        "cancelled_sessions_n": " ({n} vimefutwa)",
        "calls": "Wito wa mawasilisho",
        "call_counts": "zilizowasilishwa {received}, zilizochaguliwa {selected}",
        "places": " (nafasi {n})",
        "kind_counts": "{kind}: zilizowasilishwa {received}, zilizochaguliwa {selected}",
        "exhibition": "{session} ({day}): mabanda {n}",
        "none": "hakuna",
    },
    "en": {
        "theme": "Theme",
        "dates": "Dates",
        "days": "{n} days",
        "venue": "Venue",
        "organizer": "Organizer",
        "status": "Status",
        "participants": "Participants",
        "registered": "{n} registered",
        "reported": "{n} reported by the organizer",
        "groups": "Groups",
        "group_line": "{name}: {days}; {n} participants",
        "sessions": "Sessions per day",
        "session_line": "{day}: {n} sessions",
        "cancelled_sessions": " (1 cancelled)",
        "cancelled_sessions_n": " ({n} cancelled)",
        "calls": "Calls for submissions",
        "call_counts": "{received} received, {selected} selected",
        "places": " ({n} places)",
        "kind_counts": "{kind}: {received} received, {selected} selected",
        "exhibition": "{session} ({day}): {n} booths",
        "none": "none",
    },
}


def _text(value: LocalizedText, lang: str) -> str:
    return value.get(lang)


def _days_text(days: Iterable[date], lang: str) -> str:
    """Write a group's days, joining consecutive runs into ranges."""
    ordered = sorted(days)
    runs: list[tuple[date, date]] = []
    for day in ordered:
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return "; ".join(format_date_range(a, b, lang=lang) for a, b in runs)


def _call_lines(event: Event, call: CallForSubmissions, lang: str) -> list[str]:
    """The call's figures: received and selected, per institution kind, and its exhibition."""
    labels = _LABELS[lang]
    received = [s for s in call.submissions if s.state != SubmissionState.DRAFT]
    selected = [s for s in received if s.state in SELECTED_STATES]
    line = f"  {_text(call.title, lang)}: " + labels["call_counts"].format(
        received=len(received), selected=len(selected)
    )
    if call.places is not None:
        line += labels["places"].format(n=call.places)
    lines = [line]
    known = {o.id: o.kind for o in event.organizations}
    for kind in OrganizationKind:
        of_kind = [s for s in received if known.get(s.organization) is kind]
        if of_kind:
            lines.append(
                "    "
                + labels["kind_counts"].format(
                    kind=enum_names.name(kind, lang, plural=True),
                    received=len(of_kind),
                    selected=sum(1 for s in of_kind if s.state in SELECTED_STATES),
                )
            )
    if call.session is not None:
        session = event.session(call.session)
        own = {s.id for s in call.submissions}
        shown = [s for s in exhibits(event, session) if s.id in own]
        lines.append(
            "    "
            + labels["exhibition"].format(
                session=_text(session.title, lang),
                day=format_date(event.day_of(session.start), lang=lang, weekday=True),
                n=len(shown),
            )
        )
        for s in shown:
            org = event.organization(s.organization)
            who = org.acronym or _text(org.name, lang)
            lines.append(f"      {s.booth}: {_text(s.title, lang)} ({who})")
    return lines


def summarize(event: Event, *, lang: str = "sw") -> str:
    """Return a plain-text summary of *event* in *lang* (``"sw"`` or ``"en"``).

    Texts missing in *lang* fall back to the other language (see
    :meth:`egov_events.LocalizedText.get`).

    Raises:
        ValueError: *lang* is not a supported language.

    """
    code = language(lang)
    labels = _LABELS[code]
    lines = [_text(event.title, code)]
    if event.theme is not None:
        lines.append(f"{labels['theme']}: {_text(event.theme, code)}")
    span = format_date_range(event.first_day, event.last_day, lang=code)
    days = labels["days"].format(n=len(event.days))
    lines.append(f"{labels['dates']}: {span} ({days}, {event.timezone.key})")
    if event.venue is not None:
        lines.append(f"{labels['venue']}: {_text(event.venue.name, code)}, {event.venue.city}")
    organizer = event.organization(event.organizer)
    name = _text(organizer.name, code)
    if organizer.acronym:
        name += f" ({organizer.acronym})"
    lines.append(f"{labels['organizer']}: {name}")
    if event.status is not EventStatus.CONFIRMED:
        lines.append(f"{labels['status']}: {enum_names.name(event.status, code)}")
    counts = [labels["registered"].format(n=len(event.participants))]
    if event.reported_attendance is not None:
        counts.append(labels["reported"].format(n=event.reported_attendance))
    lines.append(f"{labels['participants']}: {'; '.join(counts)}")

    lines.append("")
    lines.append(f"{labels['groups']}:")
    if not event.groups:
        lines.append(f"  {labels['none']}")
    for group in event.groups:
        lines.append(
            "  "
            + labels["group_line"].format(
                name=_text(group.name, code),
                days=_days_text(group.days, code),
                n=len(event.participants_in(group)),
            )
        )

    lines.append("")
    lines.append(f"{labels['sessions']}:")
    for day in event.days:
        sessions = event.sessions_on(day)
        line = "  " + labels["session_line"].format(
            day=format_date(day, lang=code, weekday=True), n=len(sessions)
        )
        cancelled = sum(1 for s in sessions if s.status is SessionStatus.CANCELLED)
        if cancelled == 1:
            line += labels["cancelled_sessions"]
        elif cancelled:
            line += labels["cancelled_sessions_n"].format(n=cancelled)
        lines.append(line)

    if event.calls:
        lines.append("")
        lines.append(f"{labels['calls']}:")
        for call in event.calls:
            lines.extend(_call_lines(event, call, code))
    return "\n".join(lines)
