"""The names of the model's enumerations, in Swahili and English.

This module was called ``egov_events.vocabulary``; that name still works.

One table per enumeration, used wherever a person reads a kind, a status or
a state: summaries, calendars, explanations of rules.

>>> from egov_events import OrganizationKind, SessionKind
>>> name(OrganizationKind.UNIVERSITY)
'Chuo Kikuu'
>>> name(OrganizationKind.UNIVERSITY, "en", plural=True)
'Universities'
>>> name(SessionKind.BREAKOUT, "en")
'Breakout discussion'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

from egov_events.enums import (
    DocumentKind,
    EventStatus,
    OrganizationKind,
    RegistrationStatus,
    SessionKind,
    SessionStatus,
)
from egov_events.locale import language
from egov_events.submissions import SubmissionKind, SubmissionState

__all__ = ["name"]

_Names = tuple[str, str]
"""(Swahili, English)."""

# The enumerations are str enums, so members of different enumerations with the
# same value ("other", "confirmed") are equal: the tables are built as lists of
# pairs and looked up by (enumeration, value).
_SINGULAR_PAIRS: Final[list[tuple[enum.Enum, _Names]]] = [
    (OrganizationKind.MINISTRY, ("Wizara", "Ministry")),
    (OrganizationKind.INDEPENDENT_DEPARTMENT, ("Idara inayojitegemea", "Independent department")),
    (OrganizationKind.EXECUTIVE_AGENCY, ("Wakala wa Serikali", "Executive agency")),
    (OrganizationKind.REGIONAL_SECRETARIAT, ("Sekretarieti ya Mkoa", "Regional secretariat")),
    (
        OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY,
        (
            "Mamlaka ya Serikali za Mitaa",
            "Local government authority",
        ),
    ),
    (OrganizationKind.PUBLIC_CORPORATION, ("Shirika la Umma", "Public corporation")),
    (OrganizationKind.UNIVERSITY, ("Chuo Kikuu", "University")),
    (OrganizationKind.TECHNICAL_COLLEGE, ("Chuo cha Teknolojia", "Technical college")),
    (OrganizationKind.RESEARCH_INSTITUTE, ("Taasisi ya Utafiti", "Research institute")),
    (OrganizationKind.PRIVATE_COMPANY, ("Kampuni binafsi", "Private company")),
    (OrganizationKind.DEVELOPMENT_PARTNER, ("Mshirika wa Maendeleo", "Development partner")),
    (OrganizationKind.OTHER, ("Nyingine", "Other")),
    (SessionKind.OPENING, ("Ufunguzi", "Opening")),
    (SessionKind.KEYNOTE, ("Hotuba kuu", "Keynote")),
    (SessionKind.PLENARY, ("Kikao cha pamoja", "Plenary")),
    (SessionKind.PANEL, ("Mjadala", "Panel")),
    (SessionKind.BREAKOUT, ("Majadiliano ya makundi", "Breakout discussion")),
    (SessionKind.EXHIBITION, ("Maonesho", "Exhibition")),
    (SessionKind.BREAK, ("Mapumziko", "Break")),
    (SessionKind.CLOSING, ("Kufunga", "Closing")),
    (SessionKind.OTHER, ("Mengineyo", "Other")),
    (SessionStatus.CONFIRMED, ("kimethibitishwa", "confirmed")),
    (SessionStatus.TENTATIVE, ("bado hakijathibitishwa", "tentative")),
    (SessionStatus.CANCELLED, ("kimefutwa", "cancelled")),
    (EventStatus.TENTATIVE, ("bado haijathibitishwa", "tentative")),
    (EventStatus.CONFIRMED, ("imethibitishwa", "confirmed")),
    (EventStatus.POSTPONED, ("imeahirishwa", "postponed")),
    (EventStatus.CANCELLED, ("imefutwa", "cancelled")),
    (RegistrationStatus.PENDING, ("inasubiri", "pending")),
    (RegistrationStatus.CONFIRMED, ("imethibitishwa", "confirmed")),
    (RegistrationStatus.WAITLISTED, ("kwenye orodha ya kusubiri", "waitlisted")),
    (RegistrationStatus.WITHDRAWN, ("imeondolewa", "withdrawn")),
    (DocumentKind.PROGRAMME, ("Programu", "Programme")),
    (DocumentKind.PRESENTATION, ("Wasilisho", "Presentation")),
    (DocumentKind.REPORT, ("Ripoti", "Report")),
    (DocumentKind.PHOTO, ("Picha", "Photo")),
    (DocumentKind.VIDEO, ("Video", "Video")),
    (DocumentKind.CALL, ("Wito", "Call")),
    (DocumentKind.WEB_PAGE, ("Ukurasa wa tovuti", "Web page")),
    (DocumentKind.OTHER, ("Nyingine", "Other")),
    (SubmissionKind.RESEARCH, ("Utafiti", "Research")),
    (SubmissionKind.INNOVATION, ("Ubunifu", "Innovation")),
    (SubmissionState.DRAFT, ("rasimu", "draft")),
    (SubmissionState.SUBMITTED, ("imewasilishwa", "submitted")),
    (SubmissionState.UNDER_REVIEW, ("inatathminiwa", "under review")),
    (SubmissionState.ACCEPTED, ("imekubaliwa", "accepted")),
    (SubmissionState.REJECTED, ("imekataliwa", "rejected")),
    (SubmissionState.CONFIRMED, ("imethibitishwa", "confirmed")),
    (SubmissionState.WITHDRAWN, ("imeondolewa", "withdrawn")),
]

_PLURAL_PAIRS: Final[list[tuple[enum.Enum, _Names]]] = [
    (OrganizationKind.MINISTRY, ("Wizara", "Ministries")),
    (OrganizationKind.INDEPENDENT_DEPARTMENT, ("Idara zinazojitegemea", "Independent departments")),
    (OrganizationKind.EXECUTIVE_AGENCY, ("Wakala wa Serikali", "Executive agencies")),
    (OrganizationKind.REGIONAL_SECRETARIAT, ("Sekretarieti za Mikoa", "Regional secretariats")),
    (
        OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY,
        (
            "Mamlaka za Serikali za Mitaa",
            "Local government authorities",
        ),
    ),
    (OrganizationKind.PUBLIC_CORPORATION, ("Mashirika ya Umma", "Public corporations")),
    (OrganizationKind.UNIVERSITY, ("Vyuo Vikuu", "Universities")),
    (
        OrganizationKind.TECHNICAL_COLLEGE,
        (
            "Vyuo vinavyotoa mafunzo ya Teknolojia",
            "Technical colleges",
        ),
    ),
    (OrganizationKind.RESEARCH_INSTITUTE, ("Taasisi za Utafiti", "Research institutes")),
    (OrganizationKind.PRIVATE_COMPANY, ("Kampuni binafsi", "Private companies")),
    (OrganizationKind.DEVELOPMENT_PARTNER, ("Washirika wa Maendeleo", "Development partners")),
    (OrganizationKind.OTHER, ("Nyingine", "Others")),
]


_SINGULAR: Final[Mapping[tuple[type[enum.Enum], str], _Names]] = {
    (type(member), member.value): names for member, names in _SINGULAR_PAIRS
}
_PLURAL: Final[Mapping[tuple[type[enum.Enum], str], _Names]] = {
    (type(member), member.value): names for member, names in _PLURAL_PAIRS
}


def name(value: enum.Enum, lang: str = "sw", *, plural: bool = False) -> str:
    """The name of an enumeration value for a reader of *lang* (``sw`` or ``en``).

    *plural* gives the plural where the table has one (kinds of
    organization), and the singular otherwise.

    Raises:
        ValueError: *lang* is not supported.
        KeyError: *value* is not one of the model's enumeration values.

    """
    code = language(lang)
    key = (type(value), value.value)
    names = (_PLURAL.get(key) if plural else None) or _SINGULAR[key]
    return names[0] if code == "sw" else names[1]
