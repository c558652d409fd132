"""The enumerations of the model: kinds and statuses, as values on the wire.

They are plain data, below the model classes that use them, so that their
Swahili and English names (:mod:`egov_events.enum_names`) and the rule checks
can use them without the model. :mod:`egov_events.model` and
:mod:`egov_events` export them too.
"""

from __future__ import annotations

import enum

__all__ = [
    "AnswerStatus",
    "DocumentKind",
    "EventStatus",
    "OrganizationKind",
    "RegistrationStatus",
    "SessionKind",
    "SessionStatus",
]


class OrganizationKind(enum.StrEnum):
    """What kind of institution an organization is (Tanzanian public sector first)."""

    MINISTRY = "ministry"
    """Wizara."""
    INDEPENDENT_DEPARTMENT = "independent_department"
    """Idara inayojitegemea."""
    EXECUTIVE_AGENCY = "executive_agency"
    """Wakala wa Serikali, e.g. the e-Government Agency (eGA) in 2019."""
    REGIONAL_SECRETARIAT = "regional_secretariat"
    """Sekretarieti ya Mkoa."""
    LOCAL_GOVERNMENT_AUTHORITY = "local_government_authority"
    """Mamlaka ya Serikali za Mitaa (LGA)."""
    PUBLIC_CORPORATION = "public_corporation"
    """Shirika la Umma."""
    UNIVERSITY = "university"
    """Chuo Kikuu."""
    TECHNICAL_COLLEGE = "technical_college"
    """Chuo kinachotoa mafunzo ya Teknolojia."""
    RESEARCH_INSTITUTE = "research_institute"
    """Taasisi ya Utafiti."""
    PRIVATE_COMPANY = "private_company"
    """Kampuni binafsi."""
    DEVELOPMENT_PARTNER = "development_partner"
    """Mshirika wa Maendeleo."""
    OTHER = "other"


class SessionKind(enum.StrEnum):
    """What happens in a session."""

    OPENING = "opening"
    KEYNOTE = "keynote"
    PLENARY = "plenary"
    PANEL = "panel"
    BREAKOUT = "breakout"
    """A breakout discussion in smaller groups."""
    EXHIBITION = "exhibition"
    BREAK = "break"
    CLOSING = "closing"
    OTHER = "other"


class SessionStatus(enum.StrEnum):
    """Whether a session takes place (RFC 5545 section 3.8.1.11 VEVENT statuses)."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class EventStatus(enum.StrEnum):
    """Whether an event takes place."""

    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class RegistrationStatus(enum.StrEnum):
    """Where a participant's registration stands."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"


class AnswerStatus(enum.StrEnum):
    """A participant's answer to an invitation (iCalendar PARTSTAT, RFC 5545 section 3.2.12)."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class DocumentKind(enum.StrEnum):
    """What a document is."""

    PROGRAMME = "programme"
    PRESENTATION = "presentation"
    REPORT = "report"
    PHOTO = "photo"
    VIDEO = "video"
    CALL = "call"
    """A call for submissions or an invitation letter."""
    WEB_PAGE = "web_page"
    OTHER = "other"
