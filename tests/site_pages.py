"""What the site tests share: an HTML reader, a local web server, the pages of a site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
from attrs import Factory


@attrs.frozen
class Element:
    """A start tag with its attributes, and the text up to the next tag."""

    tag: str
    attrs: dict[str, str]


@attrs.define
class Cell:
    """A ``th`` or ``td`` of a table: its attributes, the ids and times inside, its text."""

    tag: str
    attrs: dict[str, str]
    ids: list[str] = Factory(list)
    times: list[str] = Factory(list)
    text: list[str] = Factory(list)


@attrs.define
class Table:
    """A table as written: its rows of cells, before rowspans are laid out."""

    rows: list[list[Cell]] = Factory(list)

    def layout(self) -> dict[tuple[int, int], Cell]:
        """Each (row, column) slot and the cell that fills it; rowspans applied.

        Raises AssertionError where a row does not fill the header's columns
        exactly or a cell reaches below the table.
        """
        width = len(self.rows[0])
        slots: dict[tuple[int, int], Cell] = {}
        for r, row in enumerate(self.rows):
            col = 0
            for cell in row:
                while (r, col) in slots:
                    col += 1
                span = int(cell.attrs.get("rowspan", "1"))
                assert r + span <= len(self.rows), f"a cell reaches below the table at row {r}"
                for k in range(span):
                    slots[(r + k, col)] = cell
                col += 1
            while (r, col) in slots:
                col += 1
            assert width == col, f"row {r} has {col} columns, the header {width}"
        return slots


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.text: list[str] = []
        self.tables: list[Table] = []
        self._script: dict[str, str] | None = None
        self._cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append(Element(tag, values))
        if tag == "script":
            self._script = values
        elif tag == "table":
            self.tables.append(Table())
        elif tag == "tr":
            self.tables[-1].rows.append([])
        elif tag in ("th", "td"):
            self._cell = Cell(tag, values)
            self.tables[-1].rows[-1].append(self._cell)
        elif self._cell is not None:
            if "id" in values:
                self._cell.ids.append(values["id"])
            if tag == "time":
                self._cell.times.append(values.get("datetime", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        elif tag in ("th", "td"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        else:
            self.text.append(data)
            if self._cell is not None:
                self._cell.text.append(data)


@attrs.frozen
class Page:
    """An HTML page read with the standard library's parser."""

    path: Path
    elements: tuple[Element, ...]
    scripts: tuple[tuple[dict[str, str], str], ...]
    tables: tuple[Table, ...]
    text: str

    @classmethod
    def read(cls, path: Path) -> Page:
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8"))
        reader.close()
        return cls(
            path=path,
            elements=tuple(reader.elements),
            scripts=tuple(reader.scripts),
            tables=tuple(reader.tables),
            text=" ".join(" ".join(reader.text).split()),
        )

    def find(self, tag: str, **wanted: str) -> list[Element]:
        """The elements *tag* whose attributes include *wanted* (``_`` in names is ``-``)."""
        want = {k.rstrip("_").replace("_", "-"): v for k, v in wanted.items()}
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k) == v for k, v in want.items())
        ]

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}

    def links(self) -> list[str]:
        """Every address the page refers to (``href`` and ``src``)."""
        return [e.attrs[a] for e in self.elements for a in ("href", "src") if a in e.attrs]


def html_pages(root: Path) -> list[Path]:
    """Every HTML page of a site, sorted."""
    return sorted(root.rglob("*.html"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve *folder* over HTTP on 127.0.0.1 (a free port); yield the base address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
