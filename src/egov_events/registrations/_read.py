"""Turning the rows of a registration list into participants, every problem named."""

from __future__ import annotations

import difflib
import enum
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Final, Literal

import attrs

from egov_events import enum_names
from egov_events.enums import OrganizationKind, RegistrationStatus
from egov_events.errors import Problem, ValidationError
from egov_events.locale import LANGUAGES, format_date, language, parse_date
from egov_events.model import Event, Organization, Participant, Person
from egov_events.registrations._columns import BY_FIELD, COLUMNS, HEADERS, REQUIRED, fold
from egov_events.registrations._problems import KEYS, RowProblem, message
from egov_events.registrations._tables import Row, Table, as_text, read_table
from egov_events.text import LocalizedText

__all__ = ["Duplicate", "Registration", "Registrations", "read_registrations"]

Merge = Literal["refuse", "first", "last"]

MAX_CELL: Final = 1000
"""The longest cell read, in characters."""
MAX_PROBLEMS: Final = 1000
"""The most problems listed; the last one then says that more were left out."""
MAX_SUGGESTED: Final = 200
"""How many distinct unknown values get a did-you-mean (each costs a comparison with
every known name); the others get the list of known names or none."""
HEADER_ROWS: Final = 20
"""How far down the header row is looked for (titles and blank rows may come first)."""

_SPLIT: Final = re.compile(r"\s*[;\n]\s*")
_SPLIT_NAMES: Final = re.compile(r"\s*[;,\n]\s*")
_STOP_WORDS: Final = frozenset(
    ("ya", "wa", "la", "za", "cha", "na", "the", "of", "and", "for", "in", "kwa")
)
"""Words that initials skip: "Wizara ya Fedha" is "WF"."""


@attrs.frozen
class Registration:
    """One row read into a participant (and person)."""

    row: int
    participant: Participant
    person: Person
    phone: str | None = None
    """The phone number in E.164 (``+255712345678``), also kept as ``person.phone``."""


@attrs.frozen
class Duplicate:
    """The same person twice, kept once as ``merge=`` said."""

    row: int
    """The later row."""
    key: str
    """What they share: ``"email"``, ``"phone"``, ``"name"`` (name and institution) or ``"id"``."""
    other_row: int | None = None
    """The earlier row of the file, if the other one is in the file."""
    other_participant: str | None = None
    """The participant already in the event, if the other one is there."""
    kept: str = "first"
    """``"first"`` (the earlier row, or the participant already registered) or ``"last"``."""


@attrs.frozen
class Registrations:
    """What a registration list holds: new participants, and every problem found."""

    rows: tuple[Registration, ...]
    """The rows that become participants, in file order (after ``merge=``)."""
    organizations: tuple[Organization, ...]
    """Institutions created for rows that named none of the event's
    (only with ``new_organizations=True``)."""
    problems: tuple[RowProblem, ...]
    """Every problem, by row then column; empty when the list can be applied."""
    duplicates: tuple[Duplicate, ...] = ()
    """The same person twice, resolved by ``merge="first"`` or ``"last"``."""
    replaced: tuple[Registration, ...] = ()
    """Rows that replace a participant already registered (``merge="last"``);
    each keeps that participant's id."""
    unchanged: tuple[int, ...] = ()
    """Rows already in the event exactly as they are (importing a file twice)."""
    columns: Mapping[str, str] = attrs.field(factory=dict)
    """Field name -> the header it was read from."""
    header_row: int = 1
    encoding: str | None = None
    """The CSV encoding found (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``...)."""
    delimiter: str | None = None
    """The CSV delimiter found."""
    sheet: str | None = None
    """The XLSX sheet read."""

    @property
    def participants(self) -> tuple[Participant, ...]:
        """The new participants."""
        return tuple(r.participant for r in self.rows)

    @property
    def people(self) -> tuple[Person, ...]:
        """The new participants' people."""
        return tuple(r.person for r in self.rows)

    def apply(self, event: Event, *, valid_only: bool = False) -> Event:
        """The event with these participants added (and replaced, with ``merge="last"``).

        Nothing is added while any row has a problem, unless *valid_only*:
        then the rows without problems are added and the others left out.
        The new event is checked by the model like any other.

        Raises:
            ValidationError: a row has a problem (each one listed,
                ``row N, column "X": ...``; ``messages("sw")`` gives them in
                Swahili), or the new event breaks a rule of the model.

        """
        if self.problems and not valid_only:
            raise ValidationError(
                Problem((), p.render("en"), sw=p.render("sw")) for p in self.problems
            )
        replace = {r.participant.id: r for r in self.replaced}
        replaced_people = {r.person.id: r.person for r in self.replaced}
        participants = [
            replace[p.id].participant if p.id in replace else p for p in event.participants
        ]
        people = [replaced_people.get(p.id, p) for p in event.people]
        known = {o.id for o in event.organizations}
        return attrs.evolve(
            event,
            participants=(*participants, *self.participants),
            people=(*people, *self.people),
            organizations=(
                *event.organizations,
                *(o for o in self.organizations if o.id not in known),
            ),
        )


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _name_key(name: str) -> str:
    """A person's name as compared for duplicates: case, accents, dots and spacing aside."""
    if name.isascii():
        return " ".join(name.casefold().replace(".", " ").replace(",", " ").split())
    return fold(name)


def _initials(text: str) -> str:
    words = [w for w in fold(text).split() if w not in _STOP_WORDS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


class _Names:
    """Known things by every name they go by, folded; did-you-mean for the rest."""

    def __init__(self, what: tuple[str, str], shown: Mapping[str, str]) -> None:
        self.what = what
        self.shown = shown  # id -> the name to show
        self.exact: dict[str, set[str]] = {}
        self.weak: dict[str, set[str]] = {}
        self.suggested = 0
        self.memo: dict[str, set[str]] = {}

    def add(self, ident: str, names: Iterable[str | None], *, weak: Iterable[str] = ()) -> None:
        for name in names:
            if name:
                self.exact.setdefault(fold(name), set()).add(ident)
        for name in weak:
            if name:
                self.weak.setdefault(name, set()).add(ident)

    def find(self, value: str) -> set[str]:
        found = self.memo.get(value)
        if found is None:
            key = fold(value)
            found = self.exact.get(key) or self.weak.get(key.replace(" ", ""), set())
            if len(self.memo) < 1 << 16:
                self.memo[value] = found
        return found

    def hints(self, value: str) -> dict[str, str]:
        """``hint_sw`` and ``hint_en``: did you mean..., or what there is."""
        close: list[str] = []
        if self.suggested < MAX_SUGGESTED and len(value) <= 200:
            self.suggested += 1
            key = fold(value)
            every = {**self.weak, **self.exact}
            # A name cut short ("Wizara ya Fedha", "Ministry of Finance") first, then
            # the closest names, abbreviations and initials, closest first.
            keys = [k for k in self.exact if k.startswith(f"{key} ")][:3]
            keys += difflib.get_close_matches(key, self.exact, n=3, cutoff=0.75)
            keys += difflib.get_close_matches(key.replace(" ", ""), self.weak, n=3, cutoff=0.75)
            shown = (self.shown[i] for k in keys for i in sorted(every[k]))
            close = list(dict.fromkeys(shown))
        if close:
            names = ", ".join(repr(n) for n in close[:3])
            return {"hint_sw": f"je, ulimaanisha {names}?", "hint_en": f"did you mean {names}?"}
        if len(self.shown) <= 12:
            names = ", ".join(repr(n) for n in sorted(self.shown.values()))
            return {
                "hint_sw": f"{self.what[0]} ni: {names}",
                "hint_en": f"{self.what[1]} are: {names}",
            }
        return {
            "hint_sw": f"hakuna jina linalokaribiana kati ya {self.what[0]} {len(self.shown)}",
            "hint_en": f"no close name among the {len(self.shown)} {self.what[1]}",
        }


def _enum_names(members: Iterable[enum.Enum], lang: str) -> tuple[dict[str, str], _Names]:
    shown = {str(m.value): enum_names.name(m, lang) for m in members}
    names = _Names(("thamani zinazokubalika", "the values"), shown)
    for m in members:
        names.add(str(m.value), (str(m.value), enum_names.name(m, "sw"), enum_names.name(m, "en")))
    return shown, names


_NO_IDS: Final[frozenset[str]] = frozenset()
_NO_DAYS: Final[frozenset[date]] = frozenset()
_PERSON_FIELDS: Final = {
    "id": "person",
    "name": "name",
    "honorific": "honorific",
    "email": "email",
    "phone": "phone",
}
"""The model's field -> the column it comes from."""
_PARTICIPANT_FIELDS: Final = {"id": "id", "region": "region"}
_TZ_NUMBER: Final = re.compile(r"(?:\+?255|0)([1-9][0-9]{8})")
_SEPARATORS: Final = str.maketrans("", "", " -./()\u00a0")
_NUMBER_TYPES: Final = (
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
    "personal_number", "voip", "pager", "uan", "voicemail",
)  # fmt: skip


def _person_keys(person: Person, organization: str) -> list[tuple[str, str]]:
    """What makes two rows the same person, in order: e-mail, phone, name and institution."""
    out = []
    if person.email:
        out.append(("email", person.email.casefold()))
    if person.phone:
        out.append(("phone", person.phone))
    out.append(("name", f"{_name_key(person.name)}|{organization}"))
    return out


class _Phones:
    """Phone numbers checked and written in E.164 by phonenumbers (default region TZ).

    A number written the usual Tanzanian way (``0712 345 678``,
    ``+255 712 345 678``, ``255712345678``) is checked against phonenumbers'
    own metadata for Tanzania directly, which is what ``is_valid_number``
    does for it, at a fraction of the cost of parsing; anything else, and
    anything that check refuses, goes through ``phonenumbers.parse`` and
    ``is_valid_number``. The tests compare both ways on random numbers.
    """

    def __init__(self) -> None:
        try:
            import phonenumbers  # noqa: PLC0415 (optional: the phone extra)
        except ModuleNotFoundError as exc:
            msg = "reading phone numbers needs phonenumbers: pip install 'egov-events[phone]'"
            raise ModuleNotFoundError(msg) from exc
        self.pn = phonenumbers
        meta = phonenumbers.PhoneMetadata.metadata_for_region("TZ")
        assert meta is not None  # phonenumbers ships Tanzania's metadata  # noqa: S101
        types = "|".join(
            f"(?:{desc.national_number_pattern})"
            for desc in (getattr(meta, name) for name in _NUMBER_TYPES)
            if desc is not None and desc.national_number_pattern
        )
        # Valid: matches the general pattern and that of one type of number.
        general = meta.general_desc.national_number_pattern if meta.general_desc else ".*"
        self.valid = re.compile(f"(?=(?:{general})$)(?:{types})")

    def tanzanian(self, value: str) -> str | None:
        """The E.164 form of a usual Tanzanian number that is valid, else ``None``."""
        match = _TZ_NUMBER.fullmatch(value.translate(_SEPARATORS))
        if match is None:
            return None
        national = match.group(1)
        if self.valid.fullmatch(national):
            return f"+255{national}"
        return None

    def parsed(self, value: str) -> str | None:
        """The E.164 form by ``phonenumbers.parse`` and ``is_valid_number``, else ``None``."""
        pn = self.pn
        try:
            number = pn.parse(value, "TZ")
        except pn.NumberParseException:
            return None
        if not pn.is_valid_number(number):
            return None
        return str(pn.format_number(number, pn.PhoneNumberFormat.E164))

    def e164(self, value: str) -> str | None:
        """*value* in E.164 (``+255712345678``), or ``None`` if it is not a valid number."""
        return self.tanzanian(value) or self.parsed(value)


class _Reader:
    """One reading of one list against one event; its caches live and die with it."""

    def __init__(self, event: Event, *, lang: str, merge: Merge, new_organizations: bool) -> None:
        self.event = event
        self.lang = lang
        self.merge = merge
        self.new_organizations = new_organizations
        self.year = event.first_day.year
        self.problems: list[RowProblem] = []
        self.headers: dict[str, str] = {}
        self.order: dict[str, int] = {}  # field -> its column in the file
        self.cache: dict[tuple[str, str], Any] = {}
        self.new_orgs: dict[str, Organization] = {}
        self.phones: _Phones | None = None

        orgs = _Names(
            ("taasisi", "institutions"),
            {o.id: o.name.get(lang) for o in event.organizations},
        )
        for o in event.organizations:
            names = [o.name.exact(code) for code in o.name.languages]
            orgs.add(o.id, (o.id, o.acronym, *names), weak=(_initials(n or "") for n in names))
        self.orgs = orgs
        groups = _Names(("makundi", "the groups"), {g.id: g.name.get(lang) for g in event.groups})
        for g in event.groups:
            groups.add(g.id, (g.id, *(g.name.exact(code) for code in g.name.languages)))
        self.groups = groups
        roles = _Names(("majukumu", "the roles"), {r.id: r.name.get(lang) for r in event.roles})
        for r in event.roles:
            roles.add(r.id, (r.id, *(r.name.exact(code) for code in r.name.languages)))
        self.roles = roles
        _, self.statuses = _enum_names(RegistrationStatus, lang)
        _, self.kinds = _enum_names(OrganizationKind, lang)
        self.days = set(event.days)

    # -- problems ------------------------------------------------------------

    def problem(self, row: int, field: str | None, code: str, **values: Any) -> None:
        sw, en = message(code, **values)
        column = self.headers.get(field) if field else None
        self.problems.append(
            RowProblem(
                row=row,
                column=column,
                field=field,
                code=code,
                sw=sw,
                en=en,
                other_row=values.get("other_row"),
                other_participant=values.get("other_participant"),
            )
        )

    # -- the header ----------------------------------------------------------

    def header(
        self, rows: Iterator[Row], columns: Mapping[str, str] | None
    ) -> tuple[int, list[int | None]]:
        overrides: dict[str, str] = {}
        for name, text in (columns or {}).items():
            if name not in BY_FIELD:
                known = ", ".join(c.field for c in COLUMNS)
                msg = f"columns: no field {name!r}; the fields are {known}"
                sw = f"columns: hakuna sehemu {name!r}; sehemu ni {known}"
                raise ValidationError([Problem(("columns", name), msg, sw=sw)])
            overrides[fold(text)] = name
        best: tuple[int, list[str]] = (-1, [])
        for number, cells in rows:
            texts = [as_text(c) for c in cells]
            if not any(texts):
                continue
            found: dict[str, int] = {}
            for i, text in enumerate(texts):
                key = fold(text)
                field = overrides.get(key)
                if field is None and HEADERS.get(key) not in overrides.values():
                    field = HEADERS.get(key)
                if field and field not in found:
                    found[field] = i
            if all(f in found for f in REQUIRED):
                self.headers = {f: texts[i] for f, i in found.items()}
                self.order = found
                positions: list[int | None] = [found.get(c.field) for c in COLUMNS]
                return number, positions
            if len(found) > best[0]:
                best = (len(found), [t for t in texts if t])
            if number >= HEADER_ROWS:
                break
        found_text = ", ".join(f'"{t}"' for t in best[1]) or "-"
        required = ", ".join(f'"{BY_FIELD[f].sw}" / "{BY_FIELD[f].en}"' for f in REQUIRED)
        sw = (
            f"hakuna mstari wa vichwa wenye safu {required} katika mistari "
            f"{HEADER_ROWS} ya kwanza; safu zilizopo: {found_text} (tumia columns=)"
        )
        msg = (
            f"no header row with the columns {required} in the first {HEADER_ROWS} rows; "
            f"the columns found: {found_text} (map them with columns=)"
        )
        raise ValidationError([Problem((), msg, sw=sw)])

    # -- cells ---------------------------------------------------------------

    def match(self, names: _Names, field: str, value: str, code: str, row: int) -> str | None:
        ids = names.find(value)
        if len(ids) == 1:
            return next(iter(ids))
        if ids:
            shown = ", ".join(repr(names.shown[i]) for i in sorted(ids))
            self.problem(row, field, "ambiguous_institution", value=value, names=shown)
        else:
            self.problem(row, field, code, value=value, **names.hints(value))
        return None

    def ids(
        self, names: _Names, field: str, value: str, code: str, row: int
    ) -> frozenset[str] | None:
        key = (field, value)
        found = self.cache.get(key)
        if found is None:
            before = len(self.problems)
            ids = [
                self.match(names, field, part, code, row)
                for part in _SPLIT_NAMES.split(value)
                if part
            ]
            if len(self.problems) > before:
                return None  # not cached: the next row with it gets its own problem
            found = self.cache[key] = frozenset(i for i in ids if i)
        return found

    def institution(self, value: str, kind: str, row: int) -> str | None:
        ids = self.orgs.find(value)
        if len(ids) == 1:
            return next(iter(ids))
        if not ids and self.new_organizations:
            return self.new_organization(value, kind, row)
        return self.match(self.orgs, "institution", value, "institution", row)

    def new_organization(self, value: str, kind_text: str, row: int) -> str | None:
        kind = OrganizationKind.OTHER
        if kind_text:
            found = self.statuses_or_kinds(self.kinds, "institution_kind", kind_text, row)
            if found is None:
                return None
            kind = OrganizationKind(found)
        slug = "-".join(fold(value).split())[:48].strip("-") or _hash(value)
        ident = f"org-{slug}"
        if ident in self.orgs.shown:  # an existing id, another name: keep both apart
            ident = f"org-{slug}-{_hash(fold(value))[:6]}"
        if ident not in self.new_orgs:
            self.new_orgs[ident] = Organization(
                id=ident, name=LocalizedText(texts={self.lang: value}), kind=kind
            )
        return ident

    def statuses_or_kinds(self, names: _Names, field: str, value: str, row: int) -> str | None:
        code = "status" if field == "status" else "institution_kind"
        return self.match(names, field, value, code, row)

    def phone(self, value: str, row: int) -> str | None:
        if self.phones is None:
            self.phones = _Phones()
        found = self.phones.e164(value)
        if found is None:
            self.problem(row, "phone", "phone", value=value)
        return found

    def dates(self, cell: object, text: str, row: int) -> frozenset[date] | None:
        if isinstance(cell, datetime):
            days: list[date] = [cell.date()]
        elif isinstance(cell, date):
            days = [cell]
        else:
            key = ("days", text)
            cached = self.cache.get(key)
            if cached is not None:
                return cached  # type: ignore[no-any-return]
            days = []
            for part in _SPLIT.split(text):
                if not part:
                    continue
                day = self.date(part, row)
                if day is None:
                    return None
                days.append(day)
        for day in days:
            if day not in self.days:
                first, last = self.event.first_day, self.event.last_day
                self.problem(
                    row,
                    "days",
                    "day_outside",
                    value=format_date(day, lang=self.lang),
                    first=format_date(first, lang=self.lang),
                    last=format_date(last, lang=self.lang),
                )
                return None
        found = frozenset(days)
        if not isinstance(cell, date):
            self.cache["days", text] = found
        return found

    def date(self, text: str, row: int) -> date | None:
        reason = ""
        for code in (self.lang, *(c for c in LANGUAGES if c != self.lang)):
            try:
                return parse_date(text, lang=code, year=self.year)
            except ValueError as exc:
                reason = reason or str(exc).split(": ", 1)[-1]
        self.problem(row, "days", "date", value=text, reason=reason)
        return None

    # -- rows ------------------------------------------------------------------

    def rows(
        self, rows: Iterator[Row], positions: list[int | None]
    ) -> list[tuple[int, Registration]]:
        fields = [c.field for c in COLUMNS]
        get = [(f, p) for f, p in zip(fields, positions, strict=True) if p is not None]
        width = max(p for _, p in get) + 1
        days_at = positions[fields.index("days")]
        out: list[tuple[int, Registration]] = []
        no_date = None
        for number, row_cells in rows:
            cells = row_cells if len(row_cells) >= width else (*row_cells, *[None] * width)
            values = {f: c.strip() if type(c := cells[p]) is str else as_text(c) for f, p in get}
            longest = max(map(len, values.values()))
            if not longest:
                continue  # a blank row
            too_long: set[str] = set()
            if longest > MAX_CELL:
                for field, text in values.items():
                    if len(text) > MAX_CELL:
                        self.problem(number, field, "too_long", length=len(text), limit=MAX_CELL)
                        values[field] = ""
                        too_long.add(field)
            day_cell = cells[days_at] if days_at is not None else no_date
            built = self.row(number, day_cell, values, too_long)
            if built is not None:
                out.append((number, built))
        return out

    def row(
        self, number: int, day_cell: object, values: dict[str, str], too_long: set[str]
    ) -> Registration | None:
        before = len(self.problems)
        get = values.get
        name = get("name", "")
        if not name and "name" not in too_long:
            self.problem(number, "name", "missing_name")
        institution_text = get("institution", "")
        kind_text = get("institution_kind", "")
        org: str | None = None
        if institution_text:
            org = self.institution(institution_text, kind_text, number)
        elif "institution" not in too_long:
            self.problem(number, "institution", "missing_institution")
        if kind_text and (org is None or org not in self.new_orgs):
            self.statuses_or_kinds(self.kinds, "institution_kind", kind_text, number)
        text = get("groups")
        groups = (text and self.ids(self.groups, "groups", text, "group", number)) or _NO_IDS
        text = get("roles")
        roles = (text and self.ids(self.roles, "roles", text, "role", number)) or _NO_IDS
        status = RegistrationStatus.CONFIRMED
        text = get("status")
        if text:
            found = self.statuses_or_kinds(self.statuses, "status", text, number)
            status = RegistrationStatus(found) if found else status
        days = _NO_DAYS
        text = get("days", "")
        if text or isinstance(day_cell, date):
            days = self.dates(day_cell, text, number) or days
        text = get("phone")
        phone = self.phone(text, number) if text else None
        email = get("email") or None

        if email:
            key = "e:" + email.casefold()
        elif phone:
            key = "t:" + phone
        else:
            key = f"n:{_name_key(name)}|{org}"
        digest = _hash(key)
        position = get("position")
        person_id = get("person") or f"person-{digest}"
        reported = (
            {p.field for p in self.problems[before:]} if len(self.problems) > before else set()
        )
        person = self.build(
            Person,
            number,
            reported,
            _PERSON_FIELDS,
            id=person_id,
            name=name or "-",
            honorific=get("honorific") or None,
            email=email,
            phone=phone,
            organization=org,
            position=LocalizedText(texts={self.lang: position}) if position else None,
        )
        participant = self.build(
            Participant,
            number,
            reported,
            _PARTICIPANT_FIELDS,
            id=get("id") or f"p-{digest}",
            person=person_id if person is not None else "x",
            organization=org or "x",
            roles=roles,
            groups=groups,
            status=status,
            days_attended=days,
            region=get("region") or None,
        )
        if len(self.problems) > before or person is None or participant is None:
            return None
        return Registration(row=number, participant=participant, person=person, phone=phone)

    def build(
        self,
        cls: Any,
        row: int,
        reported: set[str | None],
        fields: Mapping[str, str],
        **kwargs: Any,
    ) -> Any:
        """Build with the model's constructor; its problems become the cells' problems."""
        try:
            return cls(**kwargs)
        except ValidationError as exc:
            for p in exc.problems:
                field = fields.get(str(p.path[0])) if p.path else None
                if field is None or field in reported:
                    continue
                reported.add(field)
                value = kwargs[str(p.path[0])]
                if field == "email":
                    self.problem(row, field, "email", value=value)
                elif field in ("id", "person"):
                    self.problem(row, field, "id", value=value)
                else:
                    self.problem(row, field, "invalid", detail=p.message)
            return None

    # -- duplicates ------------------------------------------------------------

    def keys(self, reg: Registration) -> list[tuple[str, str]]:
        return _person_keys(reg.person, reg.participant.organization)

    def duplicates(  # noqa: PLR0912 (each way of being the same person, in order)
        self, rows: list[tuple[int, Registration]]
    ) -> tuple[list[Registration], list[Registration], list[int], list[Duplicate]]:
        event = self.event
        people = {p.id: p for p in event.people}
        existing: dict[tuple[str, str], str] = {}
        by_id = {p.id: p for p in event.participants}
        for part in event.participants:
            person = people.get(part.person)
            if person is None:
                continue
            for same in _person_keys(person, part.organization):
                existing.setdefault(same, part.id)
        kept: dict[int, Registration] = {}
        keys_of: dict[int, list[tuple[str, str]]] = {}
        seen: dict[tuple[str, str], int] = {}
        replaced: dict[str, Registration] = {}
        unchanged: list[int] = []
        dups: list[Duplicate] = []
        for number, row_reg in rows:
            reg = row_reg
            old = by_id.get(reg.participant.id)
            if old is not None and old == reg.participant and people.get(old.person) == reg.person:
                unchanged.append(number)
                continue
            keys = self.keys(reg)
            if old is not None:
                keys.insert(0, ("id", reg.participant.id))
            other_part = (
                next(((k, existing[k]) for k in keys if k in existing), None)
                if old is None
                else (("id", reg.participant.id), old.id)
            )
            if other_part is not None:
                (key, _), other = other_part
                if self.refused(number, key, other_participant=other):
                    continue
                dups.append(
                    Duplicate(row=number, key=key, other_participant=other, kept=self.merge)
                )
                if self.merge == "last":
                    target = by_id[other]
                    replaced[other] = attrs.evolve(
                        reg,
                        participant=attrs.evolve(
                            reg.participant, id=target.id, person=target.person
                        ),
                        person=attrs.evolve(reg.person, id=target.person),
                    )
                continue
            keys.append(("id", reg.participant.id))
            other_row = next(((k, seen[k]) for k in keys if k in seen), None)
            if other_row is not None:
                (key, _), first = other_row
                if self.refused(number, key, other_row=first):
                    continue
                dups.append(Duplicate(row=number, key=key, other_row=first, kept=self.merge))
                if self.merge == "first":
                    continue
                previous = kept.pop(first)
                for k in keys_of.pop(first):
                    seen[k] = number
                reg = attrs.evolve(
                    reg,
                    participant=attrs.evolve(
                        reg.participant, id=previous.participant.id, person=previous.person.id
                    ),
                    person=attrs.evolve(reg.person, id=previous.person.id),
                )
            for k in keys:
                seen[k] = number
            keys_of[number] = keys
            kept[number] = reg
        return list(kept.values()), list(replaced.values()), unchanged, dups

    def refused(
        self,
        row: int,
        key: str,
        *,
        other_row: int | None = None,
        other_participant: str | None = None,
    ) -> bool:
        if self.merge != "refuse":
            return False
        field = {"name": "name", "id": "id"}.get(key, key)
        if field not in self.headers:
            field = "name"
        key_sw, key_en = KEYS[key]
        if other_row is not None:
            self.problem(
                row,
                field,
                "duplicate_row",
                other=other_row,
                other_row=other_row,
                key_sw=key_sw,
                key_en=key_en,
            )
        else:
            self.problem(
                row,
                field,
                "duplicate_participant",
                other=other_participant,
                other_participant=other_participant,
                key_sw=key_sw,
                key_en=key_en,
            )
        return True


def read_registrations(
    source: str | Path | IO[bytes],
    *,
    event: Event,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    merge: Merge = "refuse",
    new_organizations: bool = False,
    lang: str = "sw",
    delimiter: str | None = None,
) -> Registrations:
    """Read a registration list (CSV or XLSX) into participants of *event*.

    Every row is checked and every problem kept (:attr:`Registrations.problems`),
    each naming its row and column; see the how-to guide for what is checked.

    Args:
        source: a path, or a binary file, of CSV (any encoding and delimiter
            a spreadsheet writes) or XLSX (needs the ``excel`` extra).
        event: the event the participants join; its groups, roles and
            institutions are what the list may name.
        columns: field name -> header, for headers the reader does not know,
            e.g. ``{"name": "Majina ya washiriki"}``.
        sheet: the XLSX sheet to read (default: the first).
        merge: the same person twice (same e-mail, phone number, or name and
            institution, in the file or already registered): ``"refuse"``
            (a problem on the later row), ``"first"`` (keep the earlier) or
            ``"last"`` (the later one replaces it, keeping its id).
        new_organizations: an institution the event does not know becomes a
            new organization (kind from the "Aina ya taasisi" column, else
            ``other``) instead of a problem.
        lang: the language of the list (``"sw"`` or ``"en"``): new
            institutions' names and positions are in it, and dates are read
            in it first.
        delimiter: the CSV delimiter, instead of sniffing it.

    Raises:
        ValidationError: the file cannot be read as a table, or no header row
            names the required columns ("Jina"/"Name" and "Taasisi"/"Institution").
        OSError: the file cannot be opened.
        ModuleNotFoundError: the file is XLSX and openpyxl is not installed
            (the ``excel`` extra), or has phone numbers and phonenumbers is
            not (the ``phone`` extra).

    """
    language(lang)
    if merge not in ("refuse", "first", "last"):
        msg = f"merge must be 'refuse', 'first' or 'last', not {merge!r}"
        raise ValueError(msg)
    table: Table = read_table(source, sheet=sheet, delimiter=delimiter)
    reader = _Reader(event, lang=lang, merge=merge, new_organizations=new_organizations)
    header_row, positions = reader.header(table.rows, columns)
    rows = reader.rows(table.rows, positions)
    kept, replaced, unchanged, dups = reader.duplicates(rows)
    order = reader.order
    problems = sorted(reader.problems, key=lambda p: (p.row, order.get(p.field or "", -1)))
    if len(problems) > MAX_PROBLEMS:
        sw, en = message("too_many", limit=MAX_PROBLEMS)
        last = problems[MAX_PROBLEMS - 1].row
        problems = [*problems[:MAX_PROBLEMS], RowProblem(last, None, None, "too_many", sw, en)]
    used = {r.participant.organization for r in (*kept, *replaced)}
    return Registrations(
        rows=tuple(kept),
        organizations=tuple(o for i, o in sorted(reader.new_orgs.items()) if i in used),
        problems=tuple(problems),
        duplicates=tuple(dups),
        replaced=tuple(replaced),
        unchanged=tuple(unchanged),
        columns=dict(reader.headers),
        header_row=header_row,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
    )
