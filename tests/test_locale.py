from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from egov_events.locale import format_date, format_date_range, language


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
