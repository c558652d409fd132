"""The programme site: its files, pages, links, feeds and JSON-LD, read without a browser."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

import attrs
import pytest

pytest.importorskip("jinja2")

import egov_events as ee
from egov_events import ical, interchange, site
from egov_events.cli import main
from egov_events.examples import kikao_kazi_2019
from egov_events.locale import format_time
from tests.site_pages import Page, html_pages, serve

EVENT = kikao_kazi_2019()
LANGS = ("sw", "en")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled workshop's site, built once for the module."""
    root = tmp_path_factory.mktemp("site")
    site.build(EVENT, root)
    return root


def expected_files(event: ee.Event, langs: tuple[str, ...]) -> set[str]:
    files = {"index.html", "style.css", "print.css"}
    for lang in langs:
        files |= {f"{lang}/{n}" for n in ("index.html", "programme.ics")}
        files |= {f"{lang}/schedule.xml", f"{lang}/schedule.json"}
        files |= {f"{lang}/sessions/{s.id}.html" for s in event.sessions}
        files |= {f"{lang}/groups/{g.id}.{x}" for g in event.groups for x in ("html", "ics")}
    return files


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_build_writes_every_page_and_returns_the_first_languages_index(built: Path) -> None:
    assert expected_files(EVENT, LANGS) == set(files_of(built))
    assert 1 + 2 * (1 + len(EVENT.groups) + len(EVENT.sessions)) == len(html_pages(built))


def test_the_first_language_decides_the_returned_index(tmp_path: Path) -> None:
    index = site.build(EVENT, tmp_path / "out", langs=["en"])
    assert tmp_path / "out" / "en" / "index.html" == index
    assert expected_files(EVENT, ("en",)) == set(files_of(tmp_path / "out"))
    root = Page.read(tmp_path / "out" / "index.html")
    assert [("en", "en/index.html")] == [
        (a.attrs["hreflang"], a.attrs["href"]) for a in root.find("a") if "hreflang" in a.attrs
    ]


def test_the_same_event_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    site.build(kikao_kazi_2019(), tmp_path)
    assert files_of(built) == files_of(tmp_path)


@pytest.mark.parametrize("langs", [(), ("fr",), ("sw", "sw"), ("sw", "SW"), "sw"])
def test_bad_languages_are_refused_before_anything_is_written(
    langs: tuple[str, ...], tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="lang"):
        site.build(EVENT, tmp_path / "out", langs=langs)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_feeds_and_schedules_are_the_librarys_own_exports(built: Path, lang: str) -> None:
    assert (
        ical.calendar(EVENT, lang=lang).to_ical() == (built / lang / "programme.ics").read_bytes()
    )
    for g in EVENT.groups:
        feed = ical.calendar(EVENT, lang=lang, group=g)
        assert feed.to_ical() == (built / lang / "groups" / f"{g.id}.ics").read_bytes()
        assert [] == ical.lint(feed.to_ical())
    assert (
        interchange.schedule_xml(EVENT, lang=lang) == (built / lang / "schedule.xml").read_bytes()
    )
    written = json.loads((built / lang / "schedule.json").read_bytes())
    assert interchange.schedule_json(EVENT, lang=lang) == written


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_says_its_language_and_links_the_other(built: Path, lang: str) -> None:
    other = "en" if lang == "sw" else "sw"
    for path in html_pages(built / lang):
        page = Page.read(path)
        assert [lang] == [e.attrs["lang"] for e in page.find("html")], path
        here = path.relative_to(built / lang).as_posix()
        up = "../" * (here.count("/") + 1)
        alternates = {e.attrs["hreflang"]: e.attrs["href"] for e in page.find("link")
                      if "hreflang" in e.attrs}  # fmt: skip
        assert {lang: f"{up}{lang}/{here}", other: f"{up}{other}/{here}"} == alternates
        switch = page.find("a", hreflang=other)
        assert [(f"{up}{other}/{here}", other)] == [
            (a.attrs["href"], a.attrs["lang"]) for a in switch
        ]
        assert (path.parent / alternates[other]).resolve().is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_index_and_group_pages_announce_their_calendar(built: Path, lang: str) -> None:
    index = Page.read(built / lang / "index.html")
    assert ["programme.ics"] == [e.attrs["href"] for e in index.find("link", type="text/calendar")]
    assert index.find("link", rel="alternate", type="application/xml", href="schedule.xml")
    assert index.find("link", rel="alternate", type="application/json", href="schedule.json")
    for g in EVENT.groups:
        page = Page.read(built / lang / "groups" / f"{g.id}.html")
        link = page.find("link", rel="alternate", type="text/calendar")
        assert [f"{g.id}.ics"] == [e.attrs["href"] for e in link]
        assert page.find("a", href=f"{g.id}.ics")


@pytest.mark.parametrize("lang", LANGS)
def test_every_session_page_carries_its_json_ld(built: Path, lang: str) -> None:
    for s in EVENT.sessions:
        page = Page.read(built / lang / "sessions" / f"{s.id}.html")
        documents = [
            json.loads(text) for a, text in page.scripts if a == {"type": "application/ld+json"}
        ]
        assert [interchange.json_ld(EVENT, lang=lang, session=s)] == documents
        assert s.title.get(lang) in page.text
    index = Page.read(built / lang / "index.html")
    documents = [json.loads(text) for _, text in index.scripts]
    assert [interchange.json_ld(EVENT, lang=lang)] == documents


def test_no_script_but_json_ld(built: Path) -> None:
    for path in html_pages(built):
        page = Page.read(path)
        assert all(a == {"type": "application/ld+json"} for a, _ in page.scripts), path
        handlers = [k for e in page.elements for k in e.attrs if k.startswith("on")]
        assert [] == handlers, path


@pytest.mark.parametrize("lang", LANGS)
def test_each_day_has_a_section_with_its_groups_and_a_table(built: Path, lang: str) -> None:
    index = Page.read(built / lang / "index.html")
    sections = index.find("section", **{"class": "day"})
    assert [f"d-{d.isoformat()}" for d in EVENT.days] == [s.attrs["id"] for s in sections]
    assert len(EVENT.days) == len(index.tables)
    text = (built / lang / "index.html").read_text(encoding="utf-8")
    for day in EVENT.days:
        chunk = text.split(f'id="d-{day.isoformat()}-h"')[1].split("<table")[0]
        named = [g.name.get(lang) for g in EVENT.groups if g.name.get(lang) in chunk]
        assert [g.name.get(lang) for g in EVENT.groups if day in g.days] == named


def sessions_in_tables(page: Page) -> dict[str, tuple[str, str]]:
    """Each session's (room, start time) as the page's tables show it."""
    found = {}
    for table in page.tables:
        header = [" ".join("".join(c.text).split()) for c in table.rows[0]]
        slots = table.layout()
        rows = table.rows[1:]
        for (r, col), cell in slots.items():
            if r == 0 or cell.tag != "td" or slots.get((r - 1, col)) is cell:
                continue  # the header, or the rows below a cell's first
            start = rows[r - 1][0].times[0]
            for anchor in cell.ids:
                found[anchor.removeprefix("session-")] = (header[col], start)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_session_sits_in_its_rooms_column_and_its_start_row(built: Path, lang: str) -> None:
    assert EVENT.venue is not None
    rooms = {r.id: r.name.get(lang) for r in EVENT.venue.rooms}
    expected = {
        s.id: (rooms[s.room or ""], s.start.isoformat(timespec="minutes")) for s in EVENT.sessions
    }
    assert expected == sessions_in_tables(Page.read(built / lang / "index.html"))
    for g in EVENT.groups:
        page = Page.read(built / lang / "groups" / f"{g.id}.html")
        shown = {s.id: expected[s.id] for s in EVENT.sessions_for_group(g)}
        assert shown == sessions_in_tables(page)


def test_overlapping_sessions_share_a_cell_and_sessions_without_room_get_a_column(
    tmp_path: Path,
) -> None:
    keynote = EVENT.session("s-2019-01-30-keynote")
    clash = attrs.evolve(
        keynote, id="s-clash", start=keynote.start + timedelta(minutes=15),
        end=keynote.end - timedelta(minutes=15),
    )  # fmt: skip
    nowhere = attrs.evolve(EVENT.session("s-2019-01-30-tea"), id="s-nowhere", room=None)
    event = attrs.evolve(EVENT, sessions=(*EVENT.sessions, clash, nowhere))
    site.build(event, tmp_path, langs=["en"])
    page = Page.read(tmp_path / "en" / "index.html")
    table = page.tables[0]
    header = [" ".join("".join(c.text).split()) for c in table.rows[0]]
    assert "Place not given" == header[-1]
    cells = [c for row in table.rows for c in row if "session-s-clash" in c.ids]
    assert 1 == len(cells)
    assert ["session-s-2019-01-30-keynote", "session-s-clash"] == cells[0].ids
    shown = sessions_in_tables(page)
    assert ("Main hall", keynote.start.isoformat(timespec="minutes")) == shown["s-clash"]
    assert ("Place not given", nowhere.start.isoformat(timespec="minutes")) == shown["s-nowhere"]


def test_a_cancelled_session_says_so(tmp_path: Path) -> None:
    sessions = tuple(
        attrs.evolve(s, status=ee.model.SessionStatus.CANCELLED) if s.id.endswith("keynote") else s
        for s in EVENT.sessions
    )
    site.build(attrs.evolve(EVENT, sessions=sessions), tmp_path, langs=["sw"])
    page = Page.read(tmp_path / "sw" / "sessions" / "s-2019-01-30-keynote.html")
    assert "Kimefutwa" in page.text


def test_texts_are_escaped(tmp_path: Path) -> None:
    evil = '<script>alert("x")</script> & </script>'
    tea = attrs.evolve(EVENT.session("s-2019-01-30-tea"), title=ee.LocalizedText.of(sw=evil))
    event = attrs.evolve(
        EVENT, sessions=tuple(tea if s.id == tea.id else s for s in EVENT.sessions)
    )
    site.build(event, tmp_path, langs=["sw"])
    for path in (tmp_path / "sw" / "index.html", tmp_path / "sw" / "sessions" / f"{tea.id}.html"):
        text = path.read_text(encoding="utf-8")
        assert evil not in text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;/script&gt;" in text
        page = Page.read(path)
        assert all(a == {"type": "application/ld+json"} for a, _ in page.scripts)
        assert evil in page.text
    page = Page.read(tmp_path / "sw" / "sessions" / f"{tea.id}.html")
    assert evil == next(json.loads(t) for _, t in page.scripts)["name"]


def test_every_internal_link_leads_to_a_page_and_an_anchor_on_it(built: Path) -> None:
    """Follow every link of every page over HTTP, as a reader's browser would."""
    ids: dict[str, set[str]] = {}
    followed = 0
    with serve(built) as base:
        for path in html_pages(built):
            page_url = urllib.parse.urljoin(base, path.relative_to(built).as_posix())
            for link in Page.read(path).links():
                url = urllib.parse.urljoin(page_url, link)
                if not url.startswith(base):
                    continue  # outside the site
                address, _, fragment = url.partition("#")
                with urllib.request.urlopen(address) as response:  # noqa: S310 (our own server)
                    assert 200 == response.status, (path, link)
                    body = response.read()
                followed += 1
                if fragment:
                    if address not in ids:
                        target = built / address.removeprefix(base)
                        ids[address] = Page.read(target).ids
                    assert fragment in ids[address], (path, link)
                assert body
    assert followed > 1000


def test_the_command_builds_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["site", "-o", str(tmp_path / "site")])
    out, err = capsys.readouterr()
    index = tmp_path / "site" / "sw" / "index.html"
    assert (f"Tovuti ya programu imeandikwa: {index}\n", "") == (out, err)
    assert expected_files(EVENT, LANGS) == set(files_of(tmp_path / "site"))
    assert 0 == main(["site", "-o", str(tmp_path / "en-first"), "--lang", "en"])
    out, _ = capsys.readouterr()
    assert f"Programme site written: {tmp_path / 'en-first' / 'en' / 'index.html'}\n" == out


def test_the_command_reports_an_invalid_event_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(ee.dumps(EVENT))
    data["sessions"][2]["end"] = data["sessions"][2]["start"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert 1 == main(["site", str(bad), "-o", str(tmp_path / "site")])
    _, err = capsys.readouterr()
    assert "@ $.sessions[2].end" in err
    assert not (tmp_path / "site").exists()


def test_session_pages_show_times_in_the_events_zone_and_on_the_swahili_clock(
    built: Path,
) -> None:
    s = EVENT.session("s-2019-02-01-panel")
    text = Page.read(built / "sw" / "sessions" / f"{s.id}.html").text
    assert f"{format_time(s.start)}" in text
    assert format_time(s.start, swahili_clock=True) in text
    for pid in s.speakers:
        assert EVENT.person(pid).display_name in text


def test_a_session_past_midnight_shows_on_both_days_and_is_anchored_once(tmp_path: Path) -> None:
    d = EVENT.session("s-2019-01-30-breakout-d")
    night = attrs.evolve(
        d, id="s-night", start=d.start.replace(hour=22), end=d.end.replace(day=31, hour=8)
    )
    site.build(attrs.evolve(EVENT, sessions=(*EVENT.sessions, night)), tmp_path, langs=["en"])
    page = Page.read(tmp_path / "en" / "index.html")
    first, second = page.tables[0], page.tables[1]
    first.layout()
    second.layout()
    assert "session-s-night" in page.ids
    texts = [" ".join("".join(c.text).split()) for t in (first, second) for r in t.rows for c in r]
    assert 2 == sum("22:00–08:00" in text for text in texts)
    assert ("Discussion room D", "2019-01-30T22:00+03:00") == sessions_in_tables(page)["s-night"]
    midnight = second.rows[1][0].times[0]
    assert "2019-01-31T00:00+03:00" == midnight
