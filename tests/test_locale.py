from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov_events.locale import (
    format_date,
    format_date_range,
    format_time,
    language,
    parse_date,
    parse_date_range,
    parser_info,
)


def test_swahili_dates_of_the_2019_workshop() -> None:
    assert "30 Januari 2019" == format_date(date(2019, 1, 30))
    assert "Jumatano, 30 Januari 2019" == format_date(date(2019, 1, 30), weekday=True)
    assert "Jumamosi, 2 Februari 2019" == format_date(date(2019, 2, 2), weekday=True)


def test_english_dates() -> None:
    assert "Friday, 1 February 2019" == format_date(date(2019, 2, 1), lang="en", weekday=True)


@pytest.mark.parametrize(
    ("day", "sw", "en"),
    [
        (date(2024, 1, 1), "Jumatatu", "Monday"),
        (date(2024, 1, 2), "Jumanne", "Tuesday"),
        (date(2024, 1, 3), "Jumatano", "Wednesday"),
        (date(2024, 1, 4), "Alhamisi", "Thursday"),
        (date(2024, 1, 5), "Ijumaa", "Friday"),
        (date(2024, 1, 6), "Jumamosi", "Saturday"),
        (date(2024, 1, 7), "Jumapili", "Sunday"),
    ],
)
def test_every_day_name(day: date, sw: str, en: str) -> None:
    assert format_date(day, weekday=True).startswith(f"{sw}, ")
    assert format_date(day, lang="en", weekday=True).startswith(f"{en}, ")


def test_every_swahili_month_name() -> None:
    names = [format_date(date(2019, m, 1)).split()[1] for m in range(1, 13)]
    assert [
        "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni",
        "Julai", "Agosti", "Septemba", "Oktoba", "Novemba", "Desemba",
    ] == names  # fmt: skip


def test_ranges_share_what_their_ends_share() -> None:
    assert "30–31 Januari 2019" == format_date_range(date(2019, 1, 30), date(2019, 1, 31))
    assert "30 Januari – 2 Februari 2019" == format_date_range(date(2019, 1, 30), date(2019, 2, 2))
    assert "30 Desemba 2019 – 2 Januari 2020" == format_date_range(
        date(2019, 12, 30), date(2020, 1, 2)
    )
    assert "1 Februari 2019" == format_date_range(date(2019, 2, 1), date(2019, 2, 1))
    assert "30 January – 2 February 2019" == format_date_range(
        date(2019, 1, 30), date(2019, 2, 2), lang="en"
    )


def test_datetimes_are_written_as_their_date() -> None:
    moment = datetime(2019, 1, 30, 9, tzinfo=ZoneInfo("Africa/Dar_es_Salaam"))
    assert "30 Januari 2019" == format_date(moment)


def test_a_range_that_ends_before_it_starts_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"ends \(2019-01-29\) before it starts \(2019-01-30\)"):
        format_date_range(date(2019, 1, 30), date(2019, 1, 29))


def test_unsupported_language_is_an_error_naming_the_supported_ones() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr': expected one of 'sw', 'en'"):
        format_date(date(2019, 1, 30), lang="fr")
    assert "sw" == language("sw-TZ")


def test_not_a_date_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="d must be a date, got str"):
        format_date("2019-01-30")  # type: ignore[arg-type]


# -- reading dates (parse_date, parse_date_range) and the Swahili clock --------


D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Januari 30 hadi Februari 2, 2019", (D(2019, 1, 30), D(2019, 2, 2))),
        ("tarehe 30 - 31 Januari, 2019", (D(2019, 1, 30), D(2019, 1, 31))),
        ("tarehe 01 Februari 2019", (D(2019, 2, 1), D(2019, 2, 1))),
        ("tarehe 2 Februari 2019", (D(2019, 2, 2), D(2019, 2, 2))),
        ("2019-01-30 To 2019-02-02", (D(2019, 1, 30), D(2019, 2, 2))),
    ],
)
def test_every_date_form_of_the_source_page(text: str, expected: tuple[date, date]) -> None:
    assert expected == parse_date_range(text)


def test_single_dates_of_the_source_page() -> None:
    assert D(2019, 2, 1) == parse_date("tarehe 01 Februari 2019")
    assert D(2019, 2, 2) == parse_date("tarehe 2 Februari 2019")
    assert D(2019, 1, 30) == parse_date("2019-01-30")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Jumatano, 30 Januari 2019", "sw", D(2019, 1, 30)),
        ("30 Jan 2019", "sw", D(2019, 1, 30)),
        ("siku ya Jumamosi tarehe 2 Februari 2019", "sw", D(2019, 2, 2)),
        ("30 Desemba 2019", "sw", D(2019, 12, 30)),
        ("Wednesday, 30 January 2019", "en", D(2019, 1, 30)),
        ("February 2, 2019", "en", D(2019, 2, 2)),
        ("the 2nd of February 2019", "en", D(2019, 2, 2)),
        ("2019-02-01", "en", D(2019, 2, 1)),
        ("13/02/2019", "sw", D(2019, 2, 13)),
    ],
)
def test_single_dates_in_both_languages(text: str, lang: str, expected: date) -> None:
    assert expected == parse_date(text, lang=lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("30 Januari – 2 Februari 2019", "sw", (D(2019, 1, 30), D(2019, 2, 2))),
        ("30–31 Januari 2019", "sw", (D(2019, 1, 30), D(2019, 1, 31))),
        ("30-31 Januari 2019", "sw", (D(2019, 1, 30), D(2019, 1, 31))),
        ("30 Januari mpaka 2 Februari 2019", "sw", (D(2019, 1, 30), D(2019, 2, 2))),
        ("30 December 2019 – 2 January 2020", "en", (D(2019, 12, 30), D(2020, 1, 2))),
        ("January 30 to February 2, 2019", "en", (D(2019, 1, 30), D(2019, 2, 2))),
        ("30 January until 2 February 2019", "en", (D(2019, 1, 30), D(2019, 2, 2))),
    ],
)
def test_ranges_in_both_languages(text: str, lang: str, expected: tuple[date, date]) -> None:
    assert expected == parse_date_range(text, lang=lang)


def test_a_missing_year_comes_from_the_year_argument_only() -> None:
    assert D(2019, 1, 30) == parse_date("30 Januari", year=2019)
    assert (D(2019, 1, 30), D(2019, 2, 2)) == parse_date_range(
        "Januari 30 hadi Februari 2", year=2019
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 Februari 2019", "'31 Februari 2019' is not a date: Februari 2019 has 28 days, not 31"),
        ("31 Februari", "'31 Februari' is not a date: Februari has at most 29 days, not 31"),
        ("29 Februari 2019", "'29 Februari 2019' is not a date: Februari 2019 has 28 days, not 29"),
        (
            "Januari 32",
            "'Januari 32' is not a date: 32 is not a day of Januari (1-31), "
            "and a year is written with four digits",
        ),
        (
            "01/02/2019",
            "'01/02/2019' is ambiguous: it reads as 1 Februari 2019 (day first) or "
            "2 Januari 2019 (month first); write the month as a word, or the date as 2019-02-01",
        ),
        ("kesho", "no date in 'kesho' (Swahili)"),
        ("tarehe", "no date in 'tarehe' (Swahili)"),
        ("", "no date in an empty text"),
        (
            "Januari 30 kesho 2019",
            "cannot read 'Januari 30 kesho 2019' as a date in Swahili: 'kesho'",
        ),
        ("30 January 2019", "cannot read '30 January 2019' as a date in Swahili: 'January'"),
        ("30 Januari", "'30 Januari' has no year: write it, or pass year="),
        ("Januari 2019", "'Januari 2019' has no day of the month"),
        (
            "30 Januari 19",
            "'30 Januari 19': write the year with four digits (19 is not a full year)",
        ),
        (
            "Ijumaa, 30 Januari 2019",
            "'Ijumaa, 30 Januari 2019' is not a date: "
            "30 Januari 2019 falls on Jumatano, not Ijumaa",
        ),
        ("2019-01-30 09:00", "'2019-01-30 09:00' has a time of day: only a date is read here"),
        (
            "30 - 31 Januari 2019",
            "'30 - 31 Januari 2019' is a range of dates: read it with parse_date_range",
        ),
    ],
)
def test_impossible_ambiguous_or_missing_dates_are_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"^") as caught:
        parse_date(text)
    assert message == str(caught.value)


def test_a_year_argument_that_contradicts_the_text_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^") as caught:
        parse_date("30 Januari 2019", year=2020)
    assert "'30 Januari 2019' says 2019, but year=2020 was given" == str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2 hadi 1 Februari 2019",
            "'2 hadi 1 Februari 2019' ends (2019-02-01) before it starts (2019-02-02)",
        ),
        (
            "30 Desemba hadi 2 Januari 2020",
            "'30 Desemba hadi 2 Januari 2020' ends (2020-01-02) before it starts (2020-12-30); "
            "the start took the end's year: write its own",
        ),
        (
            "30 hadi 31 mpaka 2 Februari 2019",
            "'30 hadi 31 mpaka 2 Februari 2019' has more than one range word ('hadi', 'mpaka'): "
            "a range has one start and one end",
        ),
        ("hadi 2 Februari 2019", "'hadi 2 Februari 2019' has no start date"),
        ("30 Januari 2019 hadi", "'30 Januari 2019 hadi' has no end date"),
        ("30 Januari hadi 2 Februari", "'2 Februari' has no year: write it, or pass year="),
        ("Januari hadi 2 Februari 2019", "'Januari' has no day of the month"),
        (
            "30 - 31 Februari 2019",
            "'31 Februari 2019' is not a date: Februari 2019 has 28 days, not 31",
        ),
    ],
)
def test_bad_ranges_are_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"^") as caught:
        parse_date_range(text)
    assert message == str(caught.value)


def test_reading_checks_its_arguments() -> None:
    with pytest.raises(
        ValueError, match=r"^unsupported language 'fr': expected one of 'sw', 'en'$"
    ):
        parse_date("30 Januari 2019", lang="fr")
    with pytest.raises(TypeError, match=r"^text must be a str, got int$"):
        parse_date(20190130)  # type: ignore[arg-type]


def test_the_parserinfo_reads_swahili_with_dateutil_directly() -> None:
    from dateutil.parser import parse  # noqa: PLC0415 (kept out of the module's imports)

    assert D(2019, 1, 30) == parse("Jumatano 30 Januari 2019", parserinfo=parser_info()).date()
    assert "SwahiliParserInfo" == type(parser_info("sw-TZ")).__name__
    assert "EnglishParserInfo" == type(parser_info("en")).__name__


dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31))


@given(day=dates, lang=st.sampled_from(["sw", "en"]), weekday=st.booleans())
def test_formatting_round_trips_with_parsing(day: date, lang: str, weekday: bool) -> None:
    assert day == parse_date(format_date(day, lang=lang, weekday=weekday), lang=lang)


@given(first=dates, length=st.integers(0, 400), lang=st.sampled_from(["sw", "en"]))
def test_range_formatting_round_trips_with_parsing(first: date, length: int, lang: str) -> None:
    last = min(first + timedelta(days=length), D(2199, 12, 31))
    assert (first, last) == parse_date_range(format_date_range(first, last, lang=lang), lang=lang)


def test_importing_the_library_does_not_import_the_date_parser() -> None:
    code = "import sys, egov_events, egov_events.locale; print('dateutil.parser' in sys.modules)"
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed program)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == result.stdout.strip()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (time(0, 0), "saa 6:00 usiku"),
        (time(3, 59), "saa 9:59 usiku"),
        (time(4, 0), "saa 10:00 alfajiri"),
        (time(5, 59), "saa 11:59 alfajiri"),
        (time(6, 0), "saa 12:00 asubuhi"),
        (time(7, 0), "saa 1:00 asubuhi"),
        (time(9, 0), "saa 3:00 asubuhi"),
        (time(11, 59), "saa 5:59 asubuhi"),
        (time(12, 0), "saa 6:00 mchana"),
        (time(14, 30), "saa 8:30 mchana"),
        (time(15, 59), "saa 9:59 mchana"),
        (time(16, 0), "saa 10:00 jioni"),
        (time(18, 0), "saa 12:00 jioni"),
        (time(18, 59), "saa 12:59 jioni"),
        (time(19, 0), "saa 1:00 usiku"),
        (time(20, 0), "saa 2:00 usiku"),
        (time(23, 45), "saa 5:45 usiku"),
    ],
)
def test_the_swahili_clock_and_its_periods(moment: time, expected: str) -> None:
    assert expected == format_time(moment, swahili_clock=True)


def test_times_on_the_24_hour_clock_by_default() -> None:
    assert "09:00" == format_time(time(9, 0))
    assert "14:30" == format_time(time(14, 30, 59), lang="en")
    moment = datetime(2019, 1, 30, 9, tzinfo=ZoneInfo("Africa/Dar_es_Salaam"))
    assert "saa 3:00 asubuhi" == format_time(moment, swahili_clock=True)


def test_the_swahili_clock_in_english_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^") as caught:
        format_time(time(9), lang="en", swahili_clock=True)
    assert "the Swahili clock writes Swahili: use lang='sw', or swahili_clock=False" == str(
        caught.value
    )
    with pytest.raises(TypeError, match=r"^t must be a time, got str$"):
        format_time("09:00")  # type: ignore[arg-type]


def test_an_iso_8601_interval_of_dates_is_a_range() -> None:
    from egov_events.locale import parse_date_range  # noqa: PLC0415

    assert (date(2019, 1, 30), date(2019, 2, 2)) == parse_date_range("2019-01-30/2019-02-02")
    assert (date(2019, 1, 30), date(2019, 2, 2)) == parse_date_range("2019-01-30/02-02")
    assert (date(2019, 1, 30), date(2019, 1, 31)) == parse_date_range("2019-01-30/31", lang="en")
    with pytest.raises(ValueError, match=r"ends \(2019-01-02\) before it starts"):
        parse_date_range("2019-01-30/02")
    with pytest.raises(ValueError, match="is not a valid interval of dates"):
        parse_date_range("2019-02-30/2019-03-01")
