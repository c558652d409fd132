from __future__ import annotations

import enum

import pytest

import egov_events as ee
from egov_events.enum_names import name

ENUMS: list[type[enum.Enum]] = [
    ee.OrganizationKind,
    ee.SessionKind,
    ee.SessionStatus,
    ee.EventStatus,
    ee.RegistrationStatus,
    ee.DocumentKind,
    ee.SubmissionKind,
    ee.SubmissionState,
]


@pytest.mark.parametrize("kind", ENUMS, ids=lambda k: k.__name__)
def test_every_value_has_a_name_in_both_languages(kind: type[enum.Enum]) -> None:
    for member in kind:
        sw, en = name(member, "sw"), name(member, "en")
        assert sw.strip()
        assert en.strip()
        assert name(member, "sw", plural=True).strip()


def test_kinds_of_organization_have_plurals() -> None:
    assert "Vyuo Vikuu" == name(ee.OrganizationKind.UNIVERSITY, "sw", plural=True)
    assert "Chuo Kikuu" == name(ee.OrganizationKind.UNIVERSITY, "sw")
    assert "Local government authorities" == name(
        ee.OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY, "en", plural=True
    )


def test_a_value_without_a_plural_uses_its_singular() -> None:
    assert "Mapumziko" == name(ee.SessionKind.BREAK, plural=True)


def test_regional_language_tags_use_their_language() -> None:
    assert "Wizara" == name(ee.OrganizationKind.MINISTRY, "sw-TZ")


def test_unsupported_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr': expected one of 'sw', 'en'"):
        name(ee.SessionKind.BREAK, "fr")


def test_equal_values_of_different_enumerations_keep_their_own_names() -> None:
    # str enums: SessionKind.OTHER == OrganizationKind.OTHER == "other"
    assert "Mengineyo" == name(ee.SessionKind.OTHER)
    assert "Nyingine" == name(ee.OrganizationKind.OTHER)
    assert "kimethibitishwa" == name(ee.SessionStatus.CONFIRMED)
    assert "imethibitishwa" == name(ee.EventStatus.CONFIRMED)
    assert "imeondolewa" == name(ee.SubmissionState.WITHDRAWN)
