"""The ``egov-events`` command, run as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import attrs
import pytest

import egov_events as ee
from egov_events import ical
from egov_events.cli import main
from egov_events.examples import KIKAO_KAZI_2019_JSON
from tests.cli_runs import run


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
    status, out, err = run(capsys, "validate", str(missing), "--lang", "en")
    assert (2, "") == (status, out)
    assert f"egov-events: cannot read {missing}: no such file\n" == err
    status, out, err = run(capsys, "validate", str(missing))
    assert f"egov-events: haiwezi kusoma {missing}: faili haipo\n" == err


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


# -- the call's figures (calls for submissions) ----------------------------------------


def call_section(out: str, heading: str) -> list[str]:
    lines = out.splitlines()
    return lines[lines.index(heading) + 1 :]


def test_summary_shows_the_calls_figures_in_swahili(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "summary")
    assert (0, "") == (status, err)
    assert [
        "  Wito wa Tafiti na Bunifu katika Serikali Mtandao: zilizowasilishwa 24, "
        "zilizochaguliwa 10 (nafasi 10)",
        "    Vyuo Vikuu: zilizowasilishwa 15, zilizochaguliwa 4",
        "    Vyuo vinavyotoa mafunzo ya Teknolojia: zilizowasilishwa 6, zilizochaguliwa 3",
        "    Taasisi za Utafiti: zilizowasilishwa 3, zilizochaguliwa 3",
        "    Maonesho ya tafiti na bunifu (Jumamosi, 2 Februari 2019): mabanda 10",
        "      B01: Mfumo wa taarifa kwa viwanda vidogo (TIRDO)",
        "      B02: Kumbukumbu za kielektroniki za wagonjwa kwa zahanati (MUHAS)",
        "      B03: Ufuatiliaji wa usalama wa mitandao ya taasisi za umma (UDOM)",
        "      B04: Nishati ya jua kwa vituo vya TEHAMA vijijini (ATC)",
        "      B05: Uwianishaji wa mifumo ya TEHAMA ya taasisi za umma (UDOM)",
        "      B06: Mifumo ya taarifa za kijiografia (GIS) kwa mipango ya Halmashauri (ARU)",
        "      B07: Taarifa za utafiti wa kilimo kwa simu za mkononi (TARI)",
        "      B08: Takwimu za magonjwa kwa wakati halisi (NIMR)",
        "      B09: Hifadhi ya kidijitali ya nyaraka za Serikali (CBE)",
        "      B10: Malipo ya Serikali kwa simu na ulinganisho wa hesabu (CBE)",
    ] == call_section(out, "Wito wa mawasilisho:")


def test_summary_shows_the_calls_figures_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "summary", "--lang", "en")
    assert (0, "") == (status, err)
    section = call_section(out, "Calls for submissions:")
    assert [
        "  Call for research and innovations in e-Government: 24 received, 10 selected (10 places)",
        "    Universities: 15 received, 4 selected",
        "    Technical colleges: 6 received, 3 selected",
        "    Research institutes: 3 received, 3 selected",
        "    Exhibition of research and innovations (Saturday, 2 February 2019): 10 booths",
        "      B01: An information system for small industries (TIRDO)",
    ] == section[:6]
    assert "      B10: Mobile government payments and their reconciliation (CBE)" == section[-1]
    assert 15 == len(section)


def test_summary_of_a_call_without_an_exhibition(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    event = ee.examples.kikao_kazi_2019()
    call = event.calls[0]
    drafts = tuple(
        attrs.evolve(s, state=ee.SubmissionState.DRAFT, history=(), booth=None)
        for s in call.submissions[:2]
    )
    changed = attrs.evolve(
        event, calls=(attrs.evolve(call, session=None, places=None, submissions=drafts),)
    )
    path = tmp_path / "event.json"
    ee.dump(changed, path)
    status, out, _ = run(capsys, "summary", str(path), "--lang", "en")
    assert 0 == status
    assert [
        "  Call for research and innovations in e-Government: 0 received, 0 selected"
    ] == call_section(out, "Calls for submissions:")


# -- ics ------------------------------------------------------------------------------


def test_ics_writes_the_bundled_feed_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    status = main(["ics"])
    out, err = capfdbinary.readouterr()
    assert (0, b"") == (status, err)
    assert ical.calendar(ee.examples.kikao_kazi_2019()).to_ical() == out


def test_ics_for_a_group_in_english_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "kundi-2.ics"
    status, out, err = run(capsys, "ics", "--group", "group-2", "--lang", "en", "-o", str(target))
    assert (0, "") == (status, err)
    assert f"Calendar written: {target} (12 sessions)\n" == out
    event = ee.examples.kikao_kazi_2019()
    assert ical.calendar(event, group="group-2", lang="en").to_ical() == target.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["kundi-2.ics"]  # no temporary file left


def test_ics_for_a_participant_from_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "p.ics"
    status, out, _ = run(
        capsys, "ics", str(KIKAO_KAZI_2019_JSON), "--participant", "p-0786", "-o", str(target)
    )
    assert 0 == status
    assert f"Kalenda imeandikwa: {target} (vikao 6)\n" == out
    assert b"ATTENDEE" not in target.read_bytes()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--group", "kundi-9"],
            "egov-events: no group with id 'kundi-9': expected one of 'group-1', 'group-2', "
            "'group-3'\n",
        ),
        (
            ["--participant", "p-9999"],
            "egov-events: no participant with id 'p-9999': expected one of 'p-0001', 'p-0002', "
            "'p-0003', 'p-0004', 'p-0005', 'p-0006', 'p-0007', 'p-0008', ... (786 in all); did "
            "you mean 'p-0699'?\n",
        ),
    ],
)
def test_ics_unknown_ids_are_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    status, out, err = run(capsys, "ics", *argv)
    assert (2, "", expected) == (status, out, err)


def test_ics_group_and_participant_together_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "ics", "--group", "group-1", "--participant", "p-0001")
    assert (2, "") == (status, out)
    assert "argument --participant: not allowed with argument --group" in err


def test_ics_into_a_missing_directory_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "hakuna" / "x.ics"
    status, out, err = run(capsys, "ics", "-o", str(target))
    assert (2, "") == (status, out)
    assert f"egov-events: cannot write {target}: no such directory {target.parent}\n" == err
    assert not target.parent.exists()


def test_ics_of_an_invalid_file_reports_its_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "id": "kikao"}', encoding="utf-8")
    target = tmp_path / "x.ics"
    status, out, err = run(capsys, "ics", str(bad), "-o", str(target))
    assert (1, "") == (status, out)
    assert "sehemu inayohitajika haipo @ $.title\n" in err
    assert not target.exists()


# -- messages in the user's language, exit statuses ------------------------------------


def _bad_title(tmp_path: Path) -> Path:
    document = json.loads(KIKAO_KAZI_2019_JSON.read_text(encoding="utf-8"))
    document["title"] = {"sw": " "}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    return bad


def test_validate_speaks_swahili_by_default_with_the_right_plural(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = _bad_title(tmp_path)
    status, out, err = run(capsys, "validate", str(bad))
    assert (1, "") == (status, out)
    assert ["maandishi yasiwe matupu @ $.title.sw", f"{bad} si sahihi: tatizo 1."] == (
        err.splitlines()
    )
    status, out, err = run(capsys, "validate", str(bad), "--lang", "en")
    assert ["text must not be empty @ $.title.sw", f"{bad} is invalid: 1 problem."] == (
        err.splitlines()
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert (0, f"egov-events {ee.__version__}\n") == (status, out)


def test_a_directory_given_as_file_is_named_as_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "validate", str(tmp_path), "--lang", "en")
    assert (2, "") == (status, out)
    assert f"egov-events: cannot read {tmp_path}: it is a directory, not a file\n" == err
    status, _, err = run(capsys, "summary", str(tmp_path))
    assert f"egov-events: haiwezi kusoma {tmp_path}: ni saraka, si faili\n" == err


def test_a_failed_write_names_the_file_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.json"
    with pytest.raises(FileNotFoundError) as info:
        ee.dump(ee.examples.kikao_kazi_2019(), target)
    assert str(target) == info.value.filename
    assert ".tmp" not in str(info.value)


def test_an_organizer_without_an_address_is_invalid_input_naming_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    event = ee.examples.kikao_kazi_2019()
    organizer = event.organization(event.organizer)
    plain = attrs.evolve(organizer, email=None)
    organizations = tuple(plain if o.id == plain.id else o for o in event.organizations)
    source = tmp_path / "event.json"
    ee.dump(attrs.evolve(event, organizations=organizations), source)
    out_dir = tmp_path / "out"
    status, out, err = run(
        capsys, "invites", str(source), "--out-dir", str(out_dir), "--sender", "a@b.tz",
        "--lang", "en",
    )  # fmt: skip
    assert (1, "") == (status, out)
    assert (
        "egov-events: the organizer 'ega' has no e-mail address: set Organization.email of "
        "'ega' (invitations name it as ORGANIZER, where replies go, RFC 5546 section 3.2.2). "
        "--sender sets only the From address of the messages; it does not change the "
        "ORGANIZER and receives no replies.\n"
    ) == err
    assert not out_dir.exists()
    status, _, err = run(capsys, "invites", str(source), "--out-dir", str(out_dir))
    assert 1 == status
    assert "weka Organization.email ya 'ega'" in err


def test_every_exit_status_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["validate", "--help"]):
        _, out, _ = run(capsys, *argv)
        assert "exit status:\n  0  success\n  1  invalid input" in out
        assert "  2  usage errors, unreadable files, files that cannot be written" in out


def _moved_opening(tmp_path: Path) -> Path:
    event = ee.examples.kikao_kazi_2019()
    opening = event.session("s-2019-01-30-opening")
    hour = timedelta(hours=1)
    moved = attrs.evolve(opening, start=opening.start + hour, end=opening.end + hour)
    sessions = tuple(moved if s.id == moved.id else s for s in event.sessions)
    path = tmp_path / "moved.json"
    ee.dump(attrs.evolve(event, sessions=sessions), path)
    return path


def test_validate_warns_of_schedule_conflicts_and_strict_fails_on_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    moved = _moved_opening(tmp_path)
    status, out, err = run(capsys, "validate", str(moved), "--lang", "en")
    assert 0 == status
    assert out.startswith(f"OK: {moved} is valid")
    opening = "'s-2019-01-30-opening' (2019-01-30 10:00–11:00)"
    assert [
        f"warning: room 'ukumbi-mkuu' is also used by session {opening} at overlapping times "
        "@ $.sessions[2].room",
        f"warning: group 'group-1' is also expected at session {opening} at the same time "
        "@ $.sessions[2].groups",
        f"warning: room 'ukumbi-mkuu' is also used by session {opening} at overlapping times "
        "@ $.sessions[3].room",
        f"warning: group 'group-1' is also expected at session {opening} at the same time "
        "@ $.sessions[3].groups",
        f"{moved}: 4 schedule conflicts.",
    ] == err.splitlines()
    status, out, err = run(capsys, "validate", str(moved), "--strict")
    assert (1, "") == (status, out)
    assert err.splitlines()[0] == (
        f"onyo: chumba 'ukumbi-mkuu' kinatumiwa pia na kikao {opening} kwa wakati "
        "unaoingiliana @ $.sessions[2].room"
    )
    assert f"{moved}: migongano 4 ya ratiba." == err.splitlines()[-1]
    status, out, err = run(capsys, "validate", "--strict")
    assert (0, "") == (status, err)
