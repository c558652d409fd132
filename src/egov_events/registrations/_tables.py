"""Reading a spreadsheet into rows of cells: CSV in any encoding a spreadsheet writes, XLSX.

CSV files arrive in the encoding of whatever program saved them. The
encoding is *detected* and reported, never guessed silently:

- a byte order mark says UTF-8 (``utf-8-sig``) or UTF-16 (``utf-16``);
- without one, NUL bytes in every other position say UTF-16 (``utf-16-le`` or
  ``utf-16-be``), as Excel's "Unicode text" writes it;
- otherwise the bytes must be valid UTF-8 (``utf-8``), or else valid
  Windows-1252 (``cp1252``, Excel's "CSV" on Windows); bytes that are neither
  are an error naming the first offending byte.

The delimiter is sniffed by :class:`csv.Sniffer` among ``, ; TAB |``.
XLSX is read with openpyxl in read-only mode (the ``excel`` extra).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Final

import attrs

from egov_events.errors import Problem, ValidationError

__all__ = ["MAX_BYTES", "Table", "decode", "read_table"]

MAX_BYTES: Final = 256 * 1024 * 1024
"""The largest file read (256 MiB): untrusted input has bounded cost."""

_DELIMITERS: Final = ",;\t|"
_SAMPLE: Final = 64 * 1024
_XLSX_MAGIC: Final = b"PK\x03\x04"

Cell = object
Row = tuple[int, tuple[Cell, ...]]
"""A spreadsheet row: its number as the spreadsheet shows it (1 = first) and its cells."""


@attrs.frozen
class Table:
    """A spreadsheet as rows of cells, with how it was read."""

    rows: Iterator[Row]
    encoding: str | None = None
    """The CSV encoding found (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``...)."""
    delimiter: str | None = None
    """The CSV delimiter found."""
    sheet: str | None = None
    """The XLSX sheet read."""


def _error(message: str, sw: str) -> ValidationError:
    return ValidationError([Problem((), message, sw=sw)])


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was found in.

    >>> decode("Jina;Taasisi".encode("utf-16"))
    ('Jina;Taasisi', 'utf-16')
    >>> decode("Taasisi,Zuhura Salum\u00e9".encode("cp1252"))[1]
    'cp1252'

    Raises:
        ValidationError: the bytes are none of the encodings above.

    """
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif len(data) >= 2 and data[1:_SAMPLE:2].count(0) > len(data[1:_SAMPLE:2]) // 2:
        encoding = "utf-16-le"
    elif len(data) >= 2 and data[0:_SAMPLE:2].count(0) > len(data[0:_SAMPLE:2]) // 2:
        encoding = "utf-16-be"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        byte = f"0x{data[exc.start]:02x}"
        msg = (
            f"the file is not UTF-8, UTF-16 or Windows-1252 text: byte {byte} "
            f"at offset {exc.start} is not {encoding} (save it as 'CSV UTF-8')"
        )
        sw = (
            f"faili si maandishi ya UTF-8, UTF-16 wala Windows-1252: baiti {byte} "
            f"kwenye nafasi {exc.start} si {encoding} (lihifadhi kama 'CSV UTF-8')"
        )
        raise _error(msg, sw) from None


def _sniff(text: str) -> str:
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE:  # whole lines only
        sample = sample[: sample.rfind("\n") + 1] or sample
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        # One column, or too few lines to tell: the most common delimiter it contains.
        counts = {d: sample.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _csv_rows(text: str, delimiter: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, tuple(cells)
    except csv.Error as exc:
        msg = f"row {reader.line_num}: the CSV cannot be read: {exc}"
        raise _error(msg, f"mstari {reader.line_num}: CSV haisomeki: {exc}") from None


def _xlsx(source: IO[bytes], sheet: str | None) -> Table:
    try:
        import openpyxl  # noqa: PLC0415 (optional: the excel extra)
    except ModuleNotFoundError as exc:
        msg = "reading XLSX needs openpyxl: pip install 'egov-events[excel]'"
        raise ModuleNotFoundError(msg) from exc
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # whatever a damaged archive makes openpyxl raise
        why = f"{type(exc).__name__}: {exc}"
        msg = f"the file is not a readable XLSX workbook: {why}"
        raise _error(msg, f"faili si kitabu cha XLSX kinachosomeka: {why}") from None
    if sheet is None:
        chosen = book.worksheets[0]
    elif sheet in book.sheetnames:
        chosen = book[sheet]
    else:
        names = ", ".join(repr(n) for n in book.sheetnames)
        msg = f"no sheet named {sheet!r}; the workbook has {names}"
        raise _error(msg, f"hakuna karatasi iitwayo {sheet!r}; kitabu kina {names}")

    def rows() -> Iterator[Row]:
        try:
            yield from enumerate(chosen.iter_rows(values_only=True), start=1)
        except Exception as exc:  # a damaged sheet, found while reading it
            why = f"{type(exc).__name__}: {exc}"
            msg = f"the sheet {chosen.title!r} cannot be read: {why}"
            raise _error(msg, f"karatasi {chosen.title!r} haisomeki: {why}") from None
        finally:
            book.close()

    return Table(rows=rows(), sheet=chosen.title)


def read_table(
    source: str | Path | IO[bytes], *, sheet: str | None = None, delimiter: str | None = None
) -> Table:
    """Open *source* (a path or a binary file) as a table of rows.

    XLSX is recognised by its content (a ZIP archive), not its name.

    Raises:
        ValidationError: the file is too large, not text in a known encoding,
            not CSV, or not a workbook with that sheet.
        OSError: the file cannot be opened.

    """
    if isinstance(source, str | Path):
        with Path(source).open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    else:
        data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        mib = MAX_BYTES // (1024 * 1024)
        raise _error(f"the file is larger than {mib} MiB", f"faili ni kubwa kuliko MiB {mib}")
    if data.startswith(_XLSX_MAGIC):
        return _xlsx(io.BytesIO(data), sheet)
    text, encoding = decode(data)
    del data
    found = delimiter or _sniff(text)
    return Table(rows=_csv_rows(text, found), encoding=encoding, delimiter=found)


def as_text(value: Any) -> str:
    """A cell as text: what a person sees in it, without surrounding spaces."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
