"""Registration lists in (CSV in each encoding, XLSX), every problem named; workbooks out."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events.cli import main
from egov_events.registrations import (
    Registrations,
    read_registrations,
    write_registrations_template,
    write_workbook,
)
from egov_events.registrations._read import _Phones

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("phonenumbers")

FIXTURES = Path(__file__).parent / "fixtures" / "registrations"
EVENT = ee.examples.kikao_kazi_2019()


def read(name: str, **kwargs: object) -> Registrations:
    kwargs.setdefault("event", EVENT)
    return read_registrations(FIXTURES / name, **kwargs)  # type: ignore[arg-type]


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> io.BytesIO:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return io.BytesIO(out.getvalue().encode("utf-8"))


# -- encodings, delimiters, headers -------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("swahili-utf8.csv", "utf-8", ","),
        ("swahili-utf16.csv", "utf-16", "\t"),
        ("swahili-cp1252.csv", "cp1252", ";"),
        ("english-utf8-bom.csv", "utf-8-sig", ";"),
    ],
)
def test_each_encoding_is_detected_and_reported(name: str, encoding: str, delimiter: str) -> None:
    lang = "en" if name.startswith("english") else "sw"
    found = read(name, lang=lang)
    assert (encoding, delimiter, ()) == (found.encoding, found.delimiter, found.problems)
    people = {p.name: p for p in found.people}
    zoe = next(p for n, p in people.items() if "Zoë" in n)  # the ë survives every encoding
    assert "zoe.ngowi@example.ac.tz" == zoe.email
    assert [
        ("mofp", frozenset({"group-1"}), ("2019-01-30", "2019-01-31"), "+255712345678"),
        ("mofp", frozenset({"group-2"}), ("2019-02-01",), "+255754123456"),
        ("udom", frozenset({"group-3"}), ("2019-02-02",), None),
    ] == [
        (
            r.participant.organization,
            r.participant.groups,
            tuple(sorted(d.isoformat() for d in r.participant.days_attended)),
            r.phone,
        )
        for r in found.rows
    ]


def test_swahili_and_english_lists_give_the_same_participants() -> None:
    sw = read("swahili-utf8.csv")
    en = read("english-utf8-bom.csv", lang="en")
    assert sw.participants == en.participants  # ids derive from the e-mail, not the language
    assert [p.position for p in sw.people] == [
        ee.LocalizedText(texts={"sw": t}) for t in ("Afisa TEHAMA", "Mkurugenzi", "Mtafiti")
    ]
    assert {"name": "Full name", "email": "Email", "phone": "Phone number"}.items() <= (
        en.columns.items()
    )


def test_bytes_that_are_no_known_encoding_are_refused_naming_the_byte() -> None:
    data = b"Jina,Taasisi\nAsha,eGA\n" + b"\x81\x8d\n"
    with pytest.raises(ee.ValidationError) as info:
        read_registrations(io.BytesIO(data), event=EVENT)
    assert [
        "the file is not UTF-8, UTF-16 or Windows-1252 text: byte 0x81 at offset 22 is not "
        "cp1252 (save it as 'CSV UTF-8') @ $"
    ] == info.value.errors


def test_a_missing_required_column_is_one_error_naming_the_columns_found() -> None:
    data = csv_bytes([["Jina", "Barua pepe", "Kundi"], ["Asha", "asha@example.go.tz", "x"]])
    with pytest.raises(ee.ValidationError) as info:
        read_registrations(data, event=EVENT, lang="en")
    assert [
        'no header row with the columns "Jina" / "Name", "Taasisi" / "Institution" in the '
        'first 20 rows; the columns found: "Jina", "Barua pepe", "Kundi" (map them with '
        "columns=) @ $"
    ] == info.value.errors


def test_columns_maps_headers_the_reader_does_not_know() -> None:
    data = csv_bytes([["Majina ya washiriki", "Ofisi yake"], ["Asha Juma", "eGA"]])
    found = read_registrations(
        data, event=EVENT, columns={"name": "Majina ya washiriki", "institution": "ofisi YAKE"}
    )
    assert ("Asha Juma", "ega") == (found.people[0].name, found.participants[0].organization)
    with pytest.raises(ee.ValidationError, match=r"columns: no field 'jina'.* @ \$\.columns\.jina"):
        read_registrations(data, event=EVENT, columns={"jina": "Majina ya washiriki"})


# -- every problem, with its row and column ------------------------------------


def test_typos_and_duplicates_each_named_with_row_and_column() -> None:
    found = read("typos-duplicates.csv")
    assert [
        'row 3, column "Jina": the name is missing',
        "row 4, column \"Barua pepe\": malformed e-mail address 'halima.said@example': "
        "expected name@domain.tld",
        "row 5, column \"Simu\": '12345' is not a valid Tanzanian or international phone "
        "number (e.g. 0712 345 678 or +255 712 345 678)",
        "row 6, column \"Kundi\": no group 'Kundi la Kwnza'; did you mean 'Kundi la Kwanza'?",
        "row 7, column \"Taasisi\": unknown institution 'Wizara ya Fedha na Mipngo'; did you "
        "mean 'Wizara ya Fedha na Mipango'?",
        "row 8, column \"Siku alizohudhuria\": '31 Februari 2019' is not a date: Februari 2019 "
        "has 28 days, not 31",
        'row 9, column "Siku alizohudhuria": 3 Februari 2019 is not a day of the event '
        "(30 Januari 2019 – 2 Februari 2019)",
        'row 10, column "Barua pepe": the same person as row 2 (same e-mail)',
        'row 11, column "Barua pepe": the same person as the existing participant p-0001 '
        "(same e-mail)",
        'row 13, column "Simu": the same person as row 2 (same phone number)',
        "row 14, column \"Taasisi\": unknown institution 'MoF'; did you mean "
        "'Wizara ya Fedha na Mipango'?",
    ] == [p.render("en") for p in found.problems]
    assert [
        'mstari 3, safu "Jina": jina halijajazwa',
        'mstari 10, safu "Barua pepe": mtu yule yule wa mstari 2 (barua pepe ile ile)',
    ] == [str(p) for p in found.problems if p.row in (3, 10)]
    assert [(10, 2, None), (11, None, "p-0001"), (13, 2, None)] == [
        (p.row, p.other_row, p.other_participant)
        for p in found.problems
        if p.code.startswith("duplicate")
    ]
    assert ["Asha Juma"] == [p.name for p in found.people]  # row 2, the only valid row


def test_xlsx_with_a_merged_title_a_blank_row_numbers_and_dates() -> None:
    found = read("merged-header.xlsx")
    assert ("Washiriki", 3, None) == (found.sheet, found.header_row, found.encoding)
    assert [
        "row 7, column \"Barua pepe\": malformed e-mail address 'halima.said(at)example.go.tz': "
        "expected name@domain.tld"
    ] == [p.render("en") for p in found.problems]
    neema, baraka = found.rows
    assert "+255712345678" == neema.phone  # a number cell, its leading 0 lost by Excel
    assert {ee.examples.kikao_kazi_2019().first_day} == neema.participant.days_attended
    assert "mofp" == baraka.participant.organization  # "WFM": the initials of its Swahili name
    assert read("swahili-utf8.csv").participants[0].id == neema.participant.id


def test_a_missing_sheet_is_named_with_the_sheets_there_are() -> None:
    with pytest.raises(ee.ValidationError, match="no sheet named 'Wageni'; the workbook has 'Wa"):
        read("merged-header.xlsx", sheet="Wageni")


@pytest.mark.parametrize(
    "written",
    [
        "Wizara ya Fedha na Mipango",
        "WIZARA YA FEDHA NA MIPANGO ",
        "Ministry of Finance and Planning",
        "MoFP",
        "mofp",
        "WFM",
        "Wízara ya Fédha na Mipango",
    ],
)
def test_institutions_match_whatever_the_case_accents_language_or_abbreviation(
    written: str,
) -> None:
    data = csv_bytes([["Jina", "Taasisi"], ["Asha Juma", written]])
    assert ("mofp",) == tuple(
        p.organization for p in read_registrations(data, event=EVENT).participants
    )


@pytest.mark.parametrize("written", ["Wizara ya Fedha", "Ministry of Finance", "MoF", "WF"])
def test_near_misses_offer_the_institution_they_may_mean(written: str) -> None:
    data = csv_bytes([["Jina", "Taasisi"], ["Asha Juma", written]])
    (problem,) = read_registrations(data, event=EVENT).problems
    assert problem.en.startswith(
        f"unknown institution {written!r}; did you mean 'Wizara ya Fedha na Mipango'"
    )


def test_an_ambiguous_abbreviation_lists_what_it_could_be() -> None:
    # "Wizara ya Madini" and "Wizara ya Maji" are both "WM".
    found = read_registrations(csv_bytes([["Jina", "Taasisi"], ["Asha", "W.M."]]), event=EVENT)
    assert [
        "row 2, column \"Taasisi\": 'W.M.' could be any of: 'Wizara ya Madini', 'Wizara ya Maji'; "
        "write the full name"
    ] == [p.render("en") for p in found.problems]


def test_unknown_institutions_become_organizations_only_when_allowed() -> None:
    rows = [
        ["Jina", "Taasisi", "Aina ya taasisi"],
        ["Asha Juma", "Halmashauri ya Kijiji cha Mfano", "Mamlaka ya Serikali za Mitaa"],
        ["Musa Ali", "Halmashauri ya Kijiji cha Mfano", ""],
    ]
    refused = read_registrations(csv_bytes(rows), event=EVENT)
    assert ["institution", "institution"] == [p.code for p in refused.problems]
    found = read_registrations(csv_bytes(rows), event=EVENT, new_organizations=True)
    assert () == found.problems
    (org,) = found.organizations
    assert (
        "org-halmashauri-ya-kijiji-cha-mfano",
        ee.OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY,
    ) == (org.id, org.kind)
    event = found.apply(EVENT)
    assert org == event.organization(org.id)


# -- duplicates and merge= ------------------------------------------------------

DUPLICATES = [
    ["Jina", "Barua pepe", "Taasisi", "Mkoa"],
    ["Asha Juma", "asha@example.go.tz", "eGA", "Dodoma"],
    ["Asha M. Juma", "ASHA@example.go.tz", "eGA", "Arusha"],
    ["Rukia C. Chaula", "rukia.chaula@example.go.tz", "MoFP", "Mwanza"],
]


def test_merge_first_keeps_the_earlier_row_and_the_registered_participant() -> None:
    found = read_registrations(csv_bytes(DUPLICATES), event=EVENT, merge="first")
    assert () == found.problems
    assert [("Asha Juma", "Dodoma")] == [(r.person.name, r.participant.region) for r in found.rows]
    assert [(3, "email", 2, None, "first"), (4, "email", None, "p-0001", "first")] == [
        (d.row, d.key, d.other_row, d.other_participant, d.kept) for d in found.duplicates
    ]
    event = found.apply(EVENT)
    assert "Rukia Chaula" == event.person(event.participant("p-0001").person).name


def test_a_phone_is_kept_and_matches_a_registered_participant_by_phone() -> None:
    pytest.importorskip("phonenumbers")
    first = read_registrations(
        csv_bytes(
            [
                ["Jina", "Barua pepe", "Simu", "Taasisi"],
                ["Asha Juma", "asha@example.go.tz", "0712 345 678", "eGA"],
            ]
        ),
        event=EVENT,
    )
    assert () == first.problems
    assert ["+255712345678"] == [r.person.phone for r in first.rows]
    event = first.apply(EVENT)
    registered = first.participants[0].id
    assert "+255712345678" == event.person(event.participant(registered).person).phone
    assert "+255712345678" == ee.loads(ee.dumps(event)).person(first.rows[0].person.id).phone
    # Another file, no e-mail, another name and institution, the same number.
    again = read_registrations(
        csv_bytes([["Jina", "Simu", "Taasisi"], ["Bi. Asha M. Juma", "+255 712 345 678", "MoFP"]]),
        event=event,
        merge="first",
    )
    assert [(2, "phone", None, registered)] == [
        (d.row, d.key, d.other_row, d.other_participant) for d in again.duplicates
    ]
    assert () == again.participants


def test_a_person_s_phone_is_checked_as_e164() -> None:
    assert "+255712345678" == ee.Person(id="a", name="Asha", phone="+255712345678").phone
    for bad in ("0712345678", "+0712345678", "+255 712 345 678", "+2557"):
        with pytest.raises(ee.ValidationError) as info:
            ee.Person(id="a", name="Asha", phone=bad)
        assert f"malformed phone number {bad!r}: expected E.164" in str(info.value)
        assert f"namba ya simu {bad!r} si sahihi" in info.value.problems[0].render("sw")


def test_merge_last_replaces_keeping_the_ids() -> None:
    found = read_registrations(csv_bytes(DUPLICATES), event=EVENT, merge="last")
    first = read_registrations(csv_bytes(DUPLICATES[:2]), event=EVENT)
    assert [("Asha M. Juma", "Arusha", first.participants[0].id)] == [
        (r.person.name, r.participant.region, r.participant.id) for r in found.rows
    ]
    event = found.apply(EVENT)
    p1 = event.participant("p-0001")
    assert ("Rukia C. Chaula", "Mwanza", "person-0001") == (
        event.person(p1.person).name,
        p1.region,
        p1.person,
    )
    assert len(EVENT.participants) + 1 == len(event.participants)


def test_merge_refuse_names_both_rows() -> None:
    found = read_registrations(csv_bytes(DUPLICATES), event=EVENT)
    assert [(3, 2, None), (4, None, "p-0001")] == [
        (p.row, p.other_row, p.other_participant) for p in found.problems
    ]


# -- apply ------------------------------------------------------------------------


def test_apply_adds_them_and_importing_twice_adds_nothing() -> None:
    found = read("swahili-utf8.csv")
    once = found.apply(EVENT)
    assert len(EVENT.participants) + 3 == len(once.participants)
    assert set(found.participants) <= set(once.participants)
    again = read("swahili-cp1252.csv", event=once)
    assert ((), (2, 3, 4), ()) == (again.rows, again.unchanged, again.problems)
    assert once == again.apply(once)


def test_nothing_is_added_while_a_row_has_a_problem_unless_valid_only() -> None:
    found = read("typos-duplicates.csv")
    with pytest.raises(ee.ValidationError) as info:
        found.apply(EVENT)
    assert 11 == len(info.value.errors)
    assert 'row 3, column "Jina": the name is missing @ $' == info.value.errors[0]
    event = found.apply(EVENT, valid_only=True)
    assert len(EVENT.participants) + 1 == len(event.participants)


# -- the workbook -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_the_participants_sheet_reads_back_as_the_same_participants(lang: str) -> None:
    out = io.BytesIO()
    write_workbook(EVENT, out, lang=lang)
    out.seek(0)
    nobody = attrs.evolve(EVENT, participants=())
    found = read_registrations(out, event=nobody, lang=lang)
    assert () == found.problems
    assert EVENT.participants == found.participants
    people = {p.id: p for p in EVENT.people}
    assert [attrs.evolve(people[p.person], position=None) for p in EVENT.participants] == [
        attrs.evolve(p, position=None) for p in found.people
    ]
    out.seek(0)
    assert len(EVENT.participants) == len(read_registrations(out, event=EVENT, lang=lang).unchanged)


def test_the_participants_sheet_carries_phone_numbers_as_it_carries_e_mail() -> None:
    pytest.importorskip("phonenumbers")
    person = EVENT.person(EVENT.participant("p-0001").person)
    people = tuple(
        attrs.evolve(p, phone="+255712345678") if p.id == person.id else p for p in EVENT.people
    )
    event = attrs.evolve(EVENT, people=people)
    out = io.BytesIO()
    write_workbook(event, out, lang="en")
    out.seek(0)
    found = read_registrations(out, event=attrs.evolve(event, participants=()), lang="en")
    assert () == found.problems
    assert "+255712345678" == next(p.phone for p in found.people if p.id == person.id)
    assert [None] == list({p.phone for p in found.people if p.id != person.id})


def test_the_workbook_has_frozen_filtered_sheets_and_the_selection_line() -> None:
    out = io.BytesIO()
    write_workbook(EVENT, out, lang="en")
    again = io.BytesIO()
    write_workbook(EVENT, again, lang="en")
    assert out.getvalue() == again.getvalue()  # same event, same bytes
    book = openpyxl.load_workbook(out)
    assert ["Participants", "Group 1", "Group 2", "Group 3", "Sessions", "Submissions"] == (
        book.sheetnames
    )
    for ws in book.worksheets:
        assert "A2" == ws.freeze_panes
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["A"].width > 5
    group1 = book["Group 1"]
    assert ["Participant ID", "Name", "Institution", "30 January 2019", "31 January 2019",
            "Days"] == [c.value for c in group1[1]]  # fmt: skip
    assert len(EVENT.participants_in("group-1")) + 1 == group1.max_row
    subs = book["Submissions"]
    values = [[c.value for c in row] for row in subs.iter_rows()]
    line = next(i for i, row in enumerate(values) if str(row[0]).startswith("▲"))
    assert (11, "▲ Selection line: 10 places ▲") == (line, values[line][0])
    assert all(row[5] == "accepted" for row in values[1:line])
    assert not any(row[5] == "accepted" for row in values[line + 1 :])
    assert values[1][6] >= values[line + 1][6]  # ranked by score


def test_the_template_offers_the_lists_to_choose_from(tmp_path: Path) -> None:
    path = tmp_path / "fomu.xlsx"
    write_registrations_template(path, EVENT)
    book = openpyxl.load_workbook(path)
    ws = book["Usajili"]
    assert "Jina" == ws["A1"].value
    formulas = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "'Orodha'!$A$2:$A$4" == formulas["H2:H1001"]  # Makundi: the three groups
    assert "hidden" == book["Orodha"].sheet_state
    assert ["Kundi la Kwanza", "Kundi la Pili", "Kundi la Tatu"] == [
        book["Orodha"].cell(row=i, column=1).value for i in (2, 3, 4)
    ]
    # the empty form is a registration list: filled in, it reads
    ws.append(["Asha Juma", None, None, None, "eGA", None, None, "Kundi la Kwanza"])
    filled = tmp_path / "imejazwa.xlsx"
    book.save(filled)
    assert ["group-1"] == sorted(read_registrations(filled, event=EVENT).participants[0].groups)


# -- the command line -----------------------------------------------------------------


def test_cli_import_prints_the_problems_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    event = tmp_path / "tukio.json"
    ee.dump(EVENT, event)
    out = tmp_path / "new.json"
    status = main(["import", str(event), str(FIXTURES / "typos-duplicates.csv"), "-o", str(out)])
    stdout, stderr = capsys.readouterr()
    assert 1 == status
    assert not out.exists()
    assert 'mstari 3, safu "Jina": jina halijajazwa' == stderr.splitlines()[0]
    assert stderr.splitlines()[-1].endswith("matatizo 11; hakuna kilichoandikwa.")
    status = main(
        [
            "import",
            str(event),
            str(FIXTURES / "typos-duplicates.csv"),
            "-o",
            str(out),
            "--valid-only",
            "--lang",
            "en",
        ]
    )
    stdout, stderr = capsys.readouterr()
    assert 0 == status
    assert "1 new participants" in stdout
    assert "11 rows with problems left out" in stdout
    assert len(EVENT.participants) + 1 == len(json.loads(out.read_text())["participants"])


def test_cli_import_and_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    event = tmp_path / "tukio.json"
    ee.dump(EVENT, event)
    out = tmp_path / "new.json"
    assert 0 == main(
        [
            "import",
            str(event),
            str(FIXTURES / "merged-header.xlsx"),
            "-o",
            str(out),
            "--valid-only",
            "--lang",
            "en",
        ]
    )
    assert "(Washiriki): 2 new participants" in capsys.readouterr().out
    book = tmp_path / "kitabu.xlsx"
    assert 0 == main(["workbook", str(out), "-o", str(book)])
    assert "Kitabu kimeandikwa" in capsys.readouterr().out
    assert 788 == openpyxl.load_workbook(book, read_only=True)["Washiriki"].max_row - 1
    assert 0 == main(["workbook", "--template", "--lang", "en", "-o", str(book)])
    assert "Registration" in openpyxl.load_workbook(book).sheetnames
    assert 2 == main(["import", str(event), str(tmp_path / "hakuna.csv")])
    assert "no such file" in capsys.readouterr().err


# -- random tables with random bad cells ---------------------------------------------

GROUPS = ("Kundi la Kwanza", "Group 2", "group-3", "kundi la tatu")
INSTITUTIONS = ("eGA", "Ministry of Finance and Planning", "udom", "Wakala ya Serikali Mtandao")
BAD = {
    "name": [""],
    "email": ["asha@", "asha juma@example.go.tz", "@example.go.tz", "a@b"],
    "phone": ["12", "0000", "+1 555", "simu"],
    "institution": ["", "Wizara ya Mambo Yasiyojulikana", "Chuo Kikuu cha Mwezi"],
    "groups": ["Kundi la Tano", "group-9"],
    "days": ["31 Februari 2019", "5 Machi 2019", "kesho"],
    "status": ["imefutika"],
}
FIELDS = ("name", "email", "phone", "institution", "groups", "days", "status")
HEADER = ["Jina", "Barua pepe", "Simu", "Taasisi", "Kundi", "Siku alizohudhuria", "Hali"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[str]], int]:
    n = draw(st.integers(min_value=1, max_value=8))
    rows, bad = [HEADER], 0
    for i in range(n):
        row = [
            f"Mshiriki {i} {draw(st.sampled_from(['Asha', 'Musa', 'Zoë', 'Ñandu']))}",
            f"mshiriki{i}@example.go.tz",
            f"0712 000 {i:03d}",
            draw(st.sampled_from(INSTITUTIONS)),
            draw(st.sampled_from(GROUPS)),
            draw(st.sampled_from(["", "30 Januari 2019", "2019-02-01", "February 2, 2019"])),
            draw(st.sampled_from(["", "imethibitishwa", "pending", "Waitlisted"])),
        ]
        for j, field in enumerate(FIELDS):
            if draw(st.booleans()) and draw(st.booleans()):
                row[j] = draw(st.sampled_from(BAD[field]))
                bad += 1
        rows.append(row)
    return rows, bad


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_tables_report_one_problem_per_bad_cell(
    table: tuple[list[list[str]], int], delimiter: str, encoding: str
) -> None:
    rows, bad = table
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    data = out.getvalue().replace("Ñ", "N" if encoding == "cp1252" else "Ñ").encode(encoding)
    found = read_registrations(io.BytesIO(data), event=EVENT)
    assert bad == len(found.problems), [p.render("en") for p in found.problems]
    assert len(rows) - 1 == len(found.rows) + len({p.row for p in found.problems})
    assert ("utf-8" if encoding == "cp1252" and data.isascii() else encoding) == found.encoding
    if not found.problems:
        assert len(EVENT.participants) + len(rows) - 1 == len(found.apply(EVENT).participants)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_raise_nothing_but_validation_errors(data: bytes) -> None:
    try:
        found = read_registrations(io.BytesIO(b"Jina,Taasisi\n" + data), event=EVENT)
    except ee.ValidationError:
        return
    assert all(p.row >= 1 for p in found.problems)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["", "0", "+255", "255", "+255 ", "00255", "+254", "(0)", "+1"]),
    st.text(alphabet="0123456789", min_size=7, max_size=11),
    st.sampled_from(["", " ", "-"]),
)
def test_the_quick_tanzanian_check_agrees_with_phonenumbers(
    prefix: str, digits: str, separator: str
) -> None:
    phones = _Phones()
    value = prefix + separator.join([digits[:3], digits[3:6], digits[6:]])
    quick = phones.tanzanian(value)
    if quick is not None:
        assert phones.parsed(value) == quick
    assert phones.parsed(value) == phones.e164(value)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_damaged_workbook_is_a_validation_error(data: st.DataObject) -> None:
    whole = (FIXTURES / "merged-header.xlsx").read_bytes()
    cut = data.draw(st.integers(min_value=4, max_value=len(whole) - 1))
    flip = data.draw(st.integers(min_value=0, max_value=len(whole) - 1))
    damaged = bytearray(whole[:cut] if data.draw(st.booleans()) else whole)
    if flip < len(damaged):
        damaged[flip] ^= 0xFF
    with contextlib.suppress(ee.ValidationError):
        read_registrations(io.BytesIO(bytes(damaged)), event=EVENT)


def test_csv_needs_neither_openpyxl_nor_phonenumbers_unless_there_are_phones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setitem(sys.modules, "phonenumbers", None)
    data = csv_bytes([["Jina", "Taasisi", "Simu"], ["Asha Juma", "eGA", ""]])
    assert 1 == len(read_registrations(data, event=EVENT).rows)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'egov-events\[phone\]'"):
        read_registrations(
            csv_bytes([["Jina", "Taasisi", "Simu"], ["A", "eGA", "0712"]]), event=EVENT
        )
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'egov-events\[excel\]'"):
        read("merged-header.xlsx")


def test_errors_about_the_whole_file_and_the_rows_read_in_swahili_too() -> None:
    data = csv_bytes([["Jina", "Kundi"], ["Asha", "x"]])
    with pytest.raises(ee.ValidationError) as info:
        read_registrations(data, event=EVENT)
    assert info.value.messages("sw")[0].startswith(
        'hakuna mstari wa vichwa wenye safu "Jina" / "Name", "Taasisi" / "Institution"'
    )
    with pytest.raises(ee.ValidationError) as info:
        read("typos-duplicates.csv").apply(EVENT)
    assert 'mstari 3, safu "Jina": jina halijajazwa @ $' == info.value.messages("sw")[0]
