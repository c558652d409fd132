"""The committee workbook opens in LibreOffice Calc (headless) and converts to the expected rows.

Skipped where LibreOffice is not installed (Debian: ``libreoffice-calc``,
which ``.ci/run`` installs). One conversion, of the participants sheet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import egov_events as ee
from egov_events.registrations import read_registrations, write_workbook

pytest.importorskip("openpyxl")
pytest.importorskip("phonenumbers")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (libreoffice-calc) absent")


def test_libreoffice_opens_the_workbook_and_converts_the_participants(tmp_path: Path) -> None:
    assert SOFFICE is not None
    event = ee.examples.kikao_kazi_2019()
    book = tmp_path / "kikao-kazi-2019.xlsx"
    write_workbook(event, book, lang="en")
    # Its own profile, so that no other LibreOffice running on the machine is involved;
    # 44,34,76: comma, double quote, UTF-8.
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(  # noqa: S603 (our own arguments)
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    converted = tmp_path / "kikao-kazi-2019.csv"
    assert 0 == done.returncode, done.stderr
    assert "Error" not in done.stderr
    assert converted.is_file(), done.stdout
    lines = converted.read_text(encoding="utf-8").splitlines()
    assert len(event.participants) + 1 == len(lines)
    assert lines[0].startswith("Participant ID,Person ID,Honorific,Name,E-mail,Phone,Institution")
    # What LibreOffice wrote is a registration list that reads back as the same participants.
    found = read_registrations(converted, event=attrs.evolve(event, participants=()), lang="en")
    assert ((), event.participants) == (found.problems, found.participants)
