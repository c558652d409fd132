"""The columns a registration list may have, and the headers that name them.

Each column has a field name (the key of ``columns=``), a Swahili and an
English header (the ones the workbook writes) and other headers found in
real lists. Headers are compared folded: case, accents, punctuation and
repeated spaces do not count, so ``"E-mail"``, ``"EMAIL "`` and ``"e mail"``
name the same column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

import attrs

__all__ = ["COLUMNS", "REQUIRED", "Column", "fold", "header"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_ASCII_NOT_WORD = str.maketrans(
    {chr(i): " " for i in range(128) if not chr(i).isalnum() or not chr(i).isascii()}
)


def fold(text: str) -> str:
    """*text* as compared: no accents, case folded, punctuation as single spaces.

    >>> fold("  Wizara ya FEDHA & Mipango ")
    'wizara ya fedha mipango'
    >>> fold("Université d'Été")
    'universite d ete'
    """
    if text.isascii():
        return " ".join(text.casefold().translate(_ASCII_NOT_WORD).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


@attrs.frozen
class Column:
    """One column of a registration list."""

    field: str
    """The name ``columns=`` and :attr:`Registrations.columns` use."""
    sw: str
    """The Swahili header, as the workbook writes it."""
    en: str
    """The English header, as the workbook writes it."""
    aliases: tuple[str, ...] = ()
    """Other headers that name this column."""


COLUMNS: Final[tuple[Column, ...]] = (
    Column("id", "Namba ya mshiriki", "Participant ID", ("Namba ya usajili", "ID")),
    Column("person", "Namba ya mtu", "Person ID"),
    Column("honorific", "Heshima", "Honorific", ("Title", "Salutation", "Cheo cha heshima")),
    Column(
        "name",
        "Jina",
        "Name",
        ("Jina kamili", "Majina", "Majina kamili", "Jina la mshiriki", "Full name", "Names"),
    ),
    Column(
        "email",
        "Barua pepe",
        "E-mail",
        ("Anwani ya barua pepe", "Email", "Email address", "E-mail address", "Mail"),
    ),
    Column("phone", "Simu", "Phone", ("Namba ya simu", "Phone number", "Mobile", "Telephone")),
    Column(
        "institution",
        "Taasisi",
        "Institution",
        ("Ofisi", "Mwajiri", "Organization", "Organisation", "Employer", "Office"),
    ),
    Column(
        "institution_kind",
        "Aina ya taasisi",
        "Institution kind",
        ("Institution type", "Type of institution"),
    ),
    Column("position", "Cheo", "Position", ("Wadhifa", "Job title", "Designation")),
    Column("roles", "Majukumu", "Roles", ("Jukumu", "Role")),
    Column("groups", "Makundi", "Groups", ("Kundi", "Group")),
    Column("status", "Hali", "Status", ("Hali ya usajili", "Registration status")),
    Column(
        "days",
        "Siku alizohudhuria",
        "Days attended",
        ("Siku", "Tarehe", "Mahudhurio", "Days", "Date", "Dates", "Attendance"),
    ),
    Column("region", "Mkoa", "Region", ("Mikoa",)),
)
"""Every column, in the order the workbook writes them."""

REQUIRED: Final = ("name", "institution")
"""The columns every list must have."""

BY_FIELD: Final[Mapping[str, Column]] = {c.field: c for c in COLUMNS}

HEADERS: Final[Mapping[str, str]] = {
    fold(text): c.field for c in COLUMNS for text in (c.sw, c.en, *c.aliases)
}
"""Folded header -> field."""


def header(field: str, lang: str) -> str:
    """The header of *field* in *lang* (``sw`` or ``en``).

    >>> header("email", "sw"), header("email", "en")
    ('Barua pepe', 'E-mail')
    """
    column = BY_FIELD[field]
    return column.sw if lang == "sw" else column.en
