"""Feeds as bytes: :class:`egov_events.ical.FeedExport` writes what ``calendar().to_ical()`` writes.

The command line writes feeds through one export object, which writes each
distinct content line, each VEVENT and each VTIMEZONE once. These tests hold
its bytes to icalendar's own ``to_ical()`` of :func:`~egov_events.ical.calendar`,
for the golden feed, every scope (whole event, each group, each participant)
in both languages, and generated events.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import egov_events as ee
from egov_events import ical
from egov_events.model import Event
from egov_events.text import LocalizedText
from tests import strategies


@pytest.fixture(scope="module")
def event() -> Event:
    return ee.examples.kikao_kazi_2019()


def _scopes(event: Event) -> list[dict[str, str]]:
    """Every feed an event has: the whole event, each group's, each participant's."""
    return [
        {},
        *({"group": g.id} for g in event.groups),
        *({"participant": p.id} for p in event.participants),
    ]


def _expected(event: Event, lang: str, scope: dict[str, str]) -> bytes | str:
    """``to_ical()`` of the feed, or the error raised (a SEQUENCE beyond RFC 5545's range)."""
    try:
        data: bytes = ical.calendar(event, lang=lang, **scope).to_ical()
        return data
    except ValueError as exc:
        return str(exc)


def _written(export: ical.FeedExport, lang: str, scope: dict[str, str]) -> bytes | str:
    """The export's bytes of the feed, or the error raised."""
    try:
        return export.feed(lang=lang, **scope)
    except ValueError as exc:
        return str(exc)


def _same_feeds(event: Event, scopes: list[dict[str, str]]) -> None:
    export = ical.FeedExport(event)  # one export for every feed, as a site writes them
    for lang in ("sw", "en"):
        for scope in scopes:
            assert _expected(event, lang, scope) == _written(export, lang, scope), (lang, scope)


def test_the_export_writes_the_golden_feed(event: Event) -> None:
    golden = (Path(__file__).with_name("golden") / "kikao-kazi-2019.ics").read_bytes()
    assert golden == ical.FeedExport(event).feed()


def test_the_export_writes_what_to_ical_writes_for_every_scope_and_language(event: Event) -> None:
    _same_feeds(event, [{}, *({"group": g.id} for g in event.groups)])
    _same_feeds(event, [{"participant": p.id} for p in event.participants[::23]])


def test_the_export_writes_the_source_and_keeps_languages_apart(event: Event) -> None:
    export = ical.FeedExport(event)
    source = "https://example.go.tz/kikao-kazi-2019.ics"
    sw = export.feed(source=source)
    en = export.feed(lang="en", source=source)
    assert ical.calendar(event, source=source).to_ical() == sw
    assert ical.calendar(event, lang="en", source=source).to_ical() == en
    assert sw != en
    assert sw == export.feed(source=source)  # written again from what the export kept


def test_the_export_raises_what_calendar_raises(event: Event) -> None:
    export = ical.FeedExport(event)
    with pytest.raises(KeyError, match="no group with id 'kundi-9'"):
        export.feed(group="kundi-9")
    with pytest.raises(ValueError, match="give group or participant, not both"):
        export.feed(group="group-1", participant="p-0001")
    with pytest.raises(ValueError, match="fr"):
        export.feed(lang="fr")


def test_an_export_belongs_to_its_event(event: Event) -> None:
    renamed = attrs.evolve(
        event, sessions=(attrs.evolve(event.sessions[0], room=None), *event.sessions[1:])
    )
    assert ical.FeedExport(renamed).feed() == ical.calendar(renamed).to_ical()
    assert ical.FeedExport(renamed).feed() != ical.FeedExport(event).feed()


def test_the_export_writes_lines_of_one_shape_with_other_values_as_to_ical_does(
    event: Event,
) -> None:
    """Icalendar is asked once per name, type, zone and parameters; every later value agrees.

    Sessions in turn in every zone of the generated events (UTC among them)
    and with titles long enough to be folded, a multibyte character at the
    fold, and the characters TEXT escapes.
    """
    zones = [ZoneInfo(name) for name in strategies.ZONE_NAMES]
    sessions = []
    for n, session in enumerate(event.sessions):
        zone = zones[n % len(zones)]
        title = f"Kikao {n}, sehemu; \\New {'ü' * (n % 7)}{'ndefu ' * (n % 20)}mwisho"
        sessions.append(
            attrs.evolve(
                session,
                title=LocalizedText.of(sw=title, en=title.upper()),
                start=session.start.astimezone(zone),
                end=session.end.astimezone(zones[(n + 1) % len(zones)]),
            )
        )
    varied = attrs.evolve(event, sessions=tuple(sessions))
    _same_feeds(varied, [{}, *({"group": g.id} for g in varied.groups)])
    _same_feeds(varied, [{"participant": p.id} for p in varied.participants[::97]])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.events())
def test_the_export_writes_what_to_ical_writes_for_generated_events(generated: Event) -> None:
    _same_feeds(generated, _scopes(generated))
