"""The programme site in a real browser: Debian's Chromium, driven by Playwright, checked by axe.

The site of the bundled workshop is built once, served from 127.0.0.1 by a
server the tests start, and opened in Chromium (``/usr/bin/chromium``, the
Debian package; Playwright's own browser download is never used). axe-core
checks every page in both languages; the layout shows each session under its
room and beside its start time; on paper the navigation is gone. Screenshots
go to ``tests/artifacts/site/`` (git-ignored) for people to look at; they are
not compared pixel by pixel.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jinja2")

from egov_events import site
from egov_events.examples import kikao_kazi_2019
from tests.site_pages import html_pages, serve

sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "site"
EVENT = kikao_kazi_2019()
LANGS = ("sw", "en")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The bundled workshop's site and the address it is served at."""
    root = tmp_path_factory.mktemp("site")
    site.build(EVENT, root)
    with serve(root) as base:
        yield root, base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sw-TZ")
    try:
        yield context.new_page()
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    """Keep a full-page screenshot for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_axe_finds_no_violation_on_any_page(served: tuple[Path, str], page: Any) -> None:
    root, base = served
    axe = axe_module.Axe()
    pages = [p.relative_to(root).as_posix() for p in html_pages(root)]
    assert 1 + 2 * (1 + len(EVENT.groups) + len(EVENT.sessions)) == len(pages)
    found = {}
    for path in pages:
        page.goto(base + path)
        results = axe.run(page)
        if results.violations_count:
            found[path] = results.generate_report()
    assert {} == found


def test_axe_reports_a_page_without_language_or_caption_text(page: Any) -> None:
    """The check above can fail: a broken copy of a page has violations."""
    page.set_content(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        "<img src='data:,'><a href='#'></a></main></body></html>"
    )
    results = axe_module.Axe().run(page)
    found = {v["id"] for v in results.response["violations"]}
    assert {"html-has-lang", "image-alt", "link-name"} <= found


# Where each session's cell is drawn: the header of the column above its
# middle, and the time of the row header level with its top.
_PLACES = """
() => [...document.querySelectorAll("table.grid")].flatMap(table => {
  const box = element => element.getBoundingClientRect();
  const heads = [...table.querySelectorAll("thead th")]
    .map(th => [box(th), th.innerText.trim()]);
  const rows = [...table.querySelectorAll("tbody th[scope=row]")]
    .map(th => [box(th), th.querySelector("time").getAttribute("datetime")]);
  return [...table.querySelectorAll("td .session[id]")].map(div => {
    const cell = box(div.closest("td"));
    const middle = cell.left + cell.width / 2;
    const column = heads
      .filter(([h]) => h.left <= middle && middle <= h.right).map(([, text]) => text);
    const row = rows.filter(([r]) => Math.abs(r.top - cell.top) < 1).map(([, time]) => time);
    return [div.id.replace(/^session-/, ""), column, row];
  });
})
"""


@pytest.mark.parametrize("lang", LANGS)
def test_every_session_is_drawn_under_its_room_beside_its_start(
    served: tuple[Path, str], page: Any, lang: str
) -> None:
    _, base = served
    page.goto(f"{base}{lang}/index.html")
    shot(page, f"{lang}-index")
    assert EVENT.venue is not None
    rooms = {r.id: r.name.get(lang) for r in EVENT.venue.rooms}
    expected = {
        s.id: ([rooms[s.room or ""]], [s.start.isoformat(timespec="minutes")])
        for s in EVENT.sessions
    }
    drawn = {sid: (column, row) for sid, column, row in page.evaluate(_PLACES)}
    assert expected == drawn
    for day in EVENT.days:
        section = page.locator(f"section#d-{day.isoformat()}")
        shown = section.locator("td .session").count()
        assert len(EVENT.sessions_on(day)) == shown


@pytest.mark.parametrize("lang", LANGS)
def test_on_paper_the_navigation_is_hidden(served: tuple[Path, str], page: Any, lang: str) -> None:
    _, base = served
    for path in ("index.html", "groups/group-1.html", "sessions/s-2019-02-01-panel.html"):
        page.goto(f"{base}{lang}/{path}")
        assert page.locator("nav").first.is_visible()
        page.emulate_media(media="print")
        navs = page.locator("nav")
        assert navs.count() >= 2
        assert [False] * navs.count() == [navs.nth(i).is_visible() for i in range(navs.count())]
        assert page.locator("h1").is_visible()
        if path == "index.html":
            assert page.locator("table.grid").first.is_visible()
            shot(page, f"{lang}-index-print")
        page.emulate_media(media="screen")


def test_the_programme_reads_without_javascript(served: tuple[Path, str], browser: Any) -> None:
    _, base = served
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}sw/index.html")
        assert len(EVENT.sessions) == page.locator("td .session a").count()
        page.locator("a[hreflang=en]").first.click()
        assert "en" == page.locator("html").get_attribute("lang")
        page.locator("td .session a").first.click()
        assert "/en/sessions/" in page.url
        shot(page, "en-session")
    finally:
        context.close()
