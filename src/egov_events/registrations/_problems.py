"""The problems of a registration list: one per bad cell, in Swahili and English."""

from __future__ import annotations

from typing import Final

import attrs

from egov_events.locale import language

__all__ = ["RowProblem", "message"]

_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "missing_name": ("jina halijajazwa", "the name is missing"),
    "missing_institution": ("taasisi haijajazwa", "the institution is missing"),
    "email": (
        "barua pepe {value!r} si sahihi: andika jina@kikoa.go.tz",
        "malformed e-mail address {value!r}: expected name@domain.tld",
    ),
    "phone": (
        "{value!r} si namba ya simu sahihi ya Tanzania wala ya kimataifa "
        "(mfano 0712 345 678 au +255 712 345 678)",
        "{value!r} is not a valid Tanzanian or international phone number "
        "(e.g. 0712 345 678 or +255 712 345 678)",
    ),
    "group": ("hakuna kundi {value!r}; {hint_sw}", "no group {value!r}; {hint_en}"),
    "role": ("hakuna jukumu {value!r}; {hint_sw}", "no role {value!r}; {hint_en}"),
    "institution": (
        "taasisi {value!r} haijulikani; {hint_sw}",
        "unknown institution {value!r}; {hint_en}",
    ),
    "ambiguous_institution": (
        "{value!r} inaweza kuwa taasisi yoyote kati ya: {names}; andika jina kamili",
        "{value!r} could be any of: {names}; write the full name",
    ),
    "institution_kind": (
        "hakuna aina ya taasisi {value!r}; {hint_sw}",
        "no kind of institution {value!r}; {hint_en}",
    ),
    "status": ("hakuna hali {value!r}; {hint_sw}", "no status {value!r}; {hint_en}"),
    "date": ("{value!r} si tarehe: {reason}", "{value!r} is not a date: {reason}"),
    "day_outside": (
        "{value} si siku ya tukio ({first} – {last})",
        "{value} is not a day of the event ({first} – {last})",
    ),
    "id": (
        "namba {value!r} si sahihi: herufi, tarakimu, '.', '_' na '-' tu",
        "{value!r} is not a valid id: letters, digits, '.', '_' and '-' only",
    ),
    "too_long": (
        "maandishi ni marefu mno (herufi {length}, zisizidi {limit})",
        "the text is too long ({length} characters, at most {limit})",
    ),
    "invalid": ("thamani si sahihi: {detail}", "{detail}"),
    "duplicate_row": (
        "mtu yule yule wa mstari {other} ({key_sw} ile ile)",
        "the same person as row {other} (same {key_en})",
    ),
    "duplicate_participant": (
        "mtu yule yule kama mshiriki aliyepo {other} ({key_sw} ile ile)",
        "the same person as the existing participant {other} (same {key_en})",
    ),
    "too_many": (
        "matatizo mengi mno: yameonyeshwa {limit} ya kwanza tu",
        "too many problems: only the first {limit} are listed",
    ),
}

KEYS: Final[dict[str, tuple[str, str]]] = {
    "email": ("barua pepe", "e-mail"),
    "phone": ("namba ya simu", "phone number"),
    "name": ("jina na taasisi", "name and institution"),
    "id": ("namba ya mshiriki", "participant id"),
}
"""What two rows share when they are the same person, in Swahili and English."""


def message(code: str, **values: object) -> tuple[str, str]:
    """The Swahili and English texts of problem *code* with *values* filled in."""
    sw, en = _TEXTS[code]
    return sw.format(**values), en.format(**values)


@attrs.frozen
class RowProblem:
    """One problem of one row (and column) of a registration list.

    >>> p = RowProblem(row=4, column="Barua pepe", field="email", code="email",
    ...                sw="barua pepe si sahihi", en="malformed e-mail address")
    >>> print(p.render("en"))
    row 4, column "Barua pepe": malformed e-mail address
    >>> print(p)
    mstari 4, safu "Barua pepe": barua pepe si sahihi
    """

    row: int
    """The row number as the spreadsheet shows it (the header is usually row 1)."""
    column: str | None
    """The column's header as written in the file; ``None`` for the whole row."""
    field: str | None
    """The column's field name (``"email"``, ``"groups"``...), see ``COLUMNS``."""
    code: str
    """What kind of problem (``"email"``, ``"phone"``, ``"duplicate_row"``...)."""
    sw: str
    """The message in Swahili."""
    en: str
    """The message in English."""
    other_row: int | None = None
    """For a duplicate, the other row of the same person."""
    other_participant: str | None = None
    """For a duplicate of someone already registered, that participant's id."""

    def render(self, lang: str = "sw") -> str:
        """The problem as one line: ``row N, column "X": message`` in *lang*."""
        if language(lang) == "sw":
            where = f"mstari {self.row}"
            if self.column is not None:
                where += f', safu "{self.column}"'
            return f"{where}: {self.sw}"
        where = f"row {self.row}"
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.en}"

    def __str__(self) -> str:
        return self.render("sw")
