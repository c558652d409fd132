"""The ``egov-events`` command, run as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import egov_events as ee
from egov_events.cli import main
from egov_events.examples import KIKAO_KAZI_2019_JSON


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse exits on usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_summary_in_swahili_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "summary")
    assert (0, "") == (status, err)
    lines = out.splitlines()
    assert "Kikao Kazi cha 2 cha Serikali Mtandao 2019" == lines[0]
    assert "Kaulimbiu: Uwianishaji wa Rasilimali za TEHAMA kwa Maendeleo ya Viwanda" == lines[1]
    assert "Tarehe: 30 Januari – 2 Februari 2019 (siku 4, Africa/Dar_es_Salaam)" == lines[2]
    assert lines[3].startswith("Mahali: Ukumbi wa Chuo cha Sayansi ya Kompyuta")
    assert lines[3].endswith(", Dodoma")
    assert "Mwandaaji: Wakala ya Serikali Mtandao (eGA)" == lines[4]
    assert "Washiriki: 786 waliosajiliwa; 786 walioripotiwa na mwandaaji" == lines[5]
    assert any(
        line.startswith("  Kundi la Kwanza: 30–31 Januari 2019; washiriki ") for line in lines
    )
    assert any(line.startswith("  Kundi la Pili: 1 Februari 2019; washiriki ") for line in lines)
    assert "  Kundi la Tatu: 2 Februari 2019; washiriki 786" in lines
    assert any(line.startswith("  Jumatano, 30 Januari 2019: vikao ") for line in lines)
    assert any(line.startswith("  Jumamosi, 2 Februari 2019: vikao ") for line in lines)
    assert any("zilizowasilishwa 24, zilizochaguliwa 10 (nafasi 10)" in line for line in lines)


def test_summary_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "summary", "--lang", "en")
    assert 0 == status
    lines = out.splitlines()
    assert "2nd e-Government Workshop 2019" == lines[0]
    assert "Dates: 30 January – 2 February 2019 (4 days, Africa/Dar_es_Salaam)" == lines[2]
    assert "Organizer: e-Government Agency (eGA)" == lines[4]
    assert "  Group 3: 2 February 2019; 786 participants" in lines
    assert any(line.startswith("  Wednesday, 30 January 2019: ") for line in lines)
    assert any("24 received, 10 selected (10 places)" in line for line in lines)


def test_validate_the_bundled_event(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", "--lang", "en")
    assert (0, "") == (status, err)
    assert out.startswith("OK: the bundled example (2019 workshop) is valid (786 participants, ")


def test_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "summary", "--lang", "fr")
    assert (2, "") == (status, out)
    assert "invalid choice: 'fr'" in err


def test_missing_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys)
    assert 2 == status
    assert "required: COMMAND" in err


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "hakuna.json"
    status, out, err = run(capsys, "validate", str(missing))
    assert (2, "") == (status, out)
    assert f"egov-events: cannot read {missing}: no such file\n" == err


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "egov_events", "summary", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert (0, "") == (done.returncode, done.stderr)
    assert done.stdout.startswith("2nd e-Government Workshop 2019\n")


def test_validate_a_good_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "validate", str(KIKAO_KAZI_2019_JSON))
    assert (0, "") == (status, err)
    assert out.startswith(f"Sawa: {KIKAO_KAZI_2019_JSON} ni sahihi (washiriki 786")


def test_validate_reports_every_problem_with_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"schema_version": 1, "id": "kikao", "title": {"sw": " "}, "organiser": "ega"}',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "validate", str(bad), "--lang", "en")
    assert (1, "") == (status, out)
    assert [
        "text must not be empty @ $.title.sw",
        "required field missing @ $.organizer",
        "required field missing @ $.timezone",
        "required field missing @ $.first_day",
        "required field missing @ $.last_day",
        "required field missing @ $.updated",
        "unknown field 'organiser' for Event; did you mean 'organizer'? @ $.organiser",
        f"{bad} is invalid: 7 problems.",
    ] == err.splitlines()


def test_summary_of_an_invalid_file_prints_the_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "not-json.json"
    bad.write_bytes(b"\xff\xfe")
    status, out, err = run(capsys, "summary", str(bad))
    assert (1, "") == (status, out)
    assert err.endswith(" @ $\n")


def test_summary_of_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "summary", str(KIKAO_KAZI_2019_JSON), "--lang", "en")
    assert 0 == status
    assert out.startswith("2nd e-Government Workshop 2019\n")


def test_schema_prints_the_shipped_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert 0 == status
    assert ee.json_schema() == json.loads(out)
    assert "https://json-schema.org/draft/2020-12/schema" == json.loads(out)["$schema"]
