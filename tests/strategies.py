"""Hypothesis strategies that build valid model objects, for any test that needs them.

Every object drawn satisfies every check of the model: ids are well formed
and unique where they must be, references point at things that exist,
sessions fall on the event's days in the event's zone, submission histories
end in the submission's state, reviews score every criterion of their call
within its scale. Sizes are kept small so that hundreds of events are drawn
in seconds.

The main entry points are :func:`events`, :func:`localized_texts` and
:func:`aware_datetimes`. Strategies are built once, at import: building
them, not drawing from them, is what makes composite strategies slow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from egov_events import (
    CallForSubmissions,
    Criterion,
    Document,
    DocumentKind,
    Event,
    EventStatus,
    LocalizedText,
    Organization,
    OrganizationKind,
    Participant,
    ParticipantGroup,
    Person,
    RegistrationStatus,
    Review,
    Role,
    Room,
    Session,
    SessionKind,
    SessionStatus,
    Sponsor,
    StateChange,
    Submission,
    SubmissionKind,
    SubmissionState,
    Venue,
)
from egov_events._checks import ID_PATTERN, text_problem
from egov_events.model import RULE_ATTRIBUTES
from egov_events.rules import (
    All,
    Any,
    AttributeIn,
    HasRole,
    InGroup,
    Not,
    OrganizationKindIn,
    Rule,
    attribute_names,
)

__all__ = [
    "LANGUAGE_TAGS",
    "REGIONS",
    "ZONE_NAMES",
    "aware_datetimes",
    "events",
    "ids",
    "localized_texts",
    "rules",
    "texts",
    "zones",
]

_T = TypeVar("_T")

ZONE_NAMES: tuple[str, ...] = (
    "Africa/Dar_es_Salaam",  # the 2019 workshop; +03:00, no daylight saving time
    "UTC",
    "Europe/Berlin",  # daylight saving time: skipped and repeated hours
    "America/New_York",
    "Asia/Kolkata",  # +05:30
    "Australia/Lord_Howe",  # a half-hour daylight saving shift
    "Pacific/Chatham",  # +12:45 / +13:45
    "Africa/Monrovia",  # -00:44:30 until 1972: an offset with seconds
)
"""Time zones chosen for their awkward offsets and transitions."""

LANGUAGE_TAGS: tuple[str, ...] = ("sw", "en", "fr", "sw-TZ", "en-GB", "zh-Hant-TW", "ar")
"""Language tags in their conventional case (distinct after normalization)."""

_NEXT_STATES: dict[SubmissionState, tuple[SubmissionState, ...]] = {
    SubmissionState.DRAFT: (SubmissionState.SUBMITTED,),
    SubmissionState.SUBMITTED: (SubmissionState.UNDER_REVIEW, SubmissionState.WITHDRAWN),
    SubmissionState.UNDER_REVIEW: (
        SubmissionState.ACCEPTED,
        SubmissionState.REJECTED,
        SubmissionState.WITHDRAWN,
    ),
    SubmissionState.ACCEPTED: (SubmissionState.CONFIRMED, SubmissionState.WITHDRAWN),
}

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_IDS = st.one_of(
    st.text(_ALNUM[:36], min_size=1, max_size=6),
    st.text(_ALNUM[:36], min_size=1, max_size=6),
    st.from_regex(ID_PATTERN, fullmatch=True),  # every character an id may hold
)
# Any character a single-line text may hold: no control characters, line
# breaks or lone surrogates (egov_events._checks.text_problem).
_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
_TEXTS = st.text(_CHARACTERS, min_size=1, max_size=16).filter(
    lambda t: t.strip() != "" and text_problem(t) is None
)
_SHORT_TEXTS = st.text(_CHARACTERS, min_size=1, max_size=6).filter(
    lambda t: t.strip() != "" and text_problem(t) is None
)
_LOCALIZED = st.dictionaries(st.sampled_from(LANGUAGE_TAGS), _TEXTS, min_size=1, max_size=3).map(
    lambda texts: LocalizedText(texts=texts)
)
_ZONES = st.sampled_from(ZONE_NAMES).map(ZoneInfo)
_BOOLS = st.booleans()
_SEQUENCES = st.integers(0, 2**31 - 1)  # RFC 5545 INTEGER
_URLS = st.builds(
    "{}://{}/{}".format,
    st.sampled_from(["http", "https"]),
    st.sampled_from(["ega.go.tz", "udom.ac.tz", "example.org"]),
    st.from_regex(r"[a-z0-9/_-]{0,12}", fullmatch=True),
)
_COUNTRIES = st.from_regex(r"[A-Z]{2}", fullmatch=True)
_EMAILS = st.from_regex(r"[a-z]{1,4}(\.[a-z]{1,3})?@[a-z]{1,8}\.(org|tz)", fullmatch=True)
_HONORIFICS = st.sampled_from(["Dkt.", "Prof.", "Mhe.", "Bi.", "Bw."])
_MEDIA_TYPES = st.sampled_from(["application/pdf", "text/html", "image/jpeg"])
_SMALL_INTS = st.integers(min_value=0, max_value=100_000)
_POSITIVE_INTS = st.integers(min_value=1, max_value=100_000)
_LATITUDES = st.floats(-90, 90)
_LONGITUDES = st.floats(-180, 180)
_WEIGHTS = st.floats(min_value=1e-9, max_value=1e6)  # tiny ones are written as 1e-09
_DAYS = st.dates(date(1990, 1, 1), date(2040, 12, 31))
_INSTANTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1))


def _maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


_MAYBE_LOCALIZED = _maybe(_LOCALIZED)
_MAYBE_TEXT = _maybe(_TEXTS)
_MAYBE_SHORT_TEXT = _maybe(_SHORT_TEXTS)
_MAYBE_SMALL_INT = _maybe(_SMALL_INTS)
_MAYBE_POSITIVE_INT = _maybe(_POSITIVE_INTS)
_MAYBE_URL = _maybe(_URLS)
_MAYBE_ID = _maybe(_IDS)
_MAYBE_COUNTRY = _maybe(_COUNTRIES)
_MAYBE_EMAIL = _maybe(_EMAILS)
_MAYBE_HONORIFIC = _maybe(_HONORIFICS)
_MAYBE_MEDIA_TYPE = _maybe(_MEDIA_TYPES)


def ids() -> st.SearchStrategy[str]:
    """Well-formed ids (``_checks.ID_PATTERN``): mostly short, sometimes odd."""
    return _IDS


def texts() -> st.SearchStrategy[str]:
    """Non-blank single-line text of any Unicode characters the model accepts."""
    return _TEXTS


def localized_texts() -> st.SearchStrategy[LocalizedText]:
    """A :class:`LocalizedText` in one to three languages."""
    return _LOCALIZED


def zones() -> st.SearchStrategy[ZoneInfo]:
    """Zones from :data:`ZONE_NAMES`."""
    return _ZONES


def aware_datetimes(
    *,
    min_value: datetime = datetime(1900, 1, 1),
    max_value: datetime = datetime(2100, 1, 1),
    timezones: st.SearchStrategy[ZoneInfo] = _ZONES,
) -> st.SearchStrategy[datetime]:
    """Datetimes in a :class:`ZoneInfo` zone, as they exist on a clock there.

    An instant is drawn between the naive UTC bounds and shown in the zone,
    so the wall time exists and ``fold`` marks the second of two repeated
    hours, just as a datetime read from RFC 9557 text would.
    """
    return st.builds(
        lambda instant, zone: instant.replace(tzinfo=UTC).astimezone(zone),
        st.datetimes(min_value=min_value, max_value=max_value),
        timezones,
    )


_DATETIMES = aware_datetimes()
_RECENT = aware_datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1))
_MAYBE_DATETIME = _maybe(_DATETIMES)
REGIONS: tuple[str, ...] = ("Dodoma", "Dar es Salaam", "Mwanza")
"""Values drawn for text attributes of rules and participants, so that rules match."""

_ATTRIBUTES = attribute_names()
_RULE_TEXTS = st.sampled_from(REGIONS)


def _rule_values(draw: st.DrawFn, attribute: str) -> frozenset[str]:
    enum = RULE_ATTRIBUTES[attribute].enum
    pool = [str(m.value) for m in enum] if enum is not None else list(REGIONS)
    return frozenset(_subset(draw, pool, min_size=1))


def _rule_notes(draw: st.DrawFn) -> dict[str, LocalizedText | None]:
    if draw(st.integers(0, 3)):
        return {}
    return {"label": draw(_MAYBE_LOCALIZED), "basis": draw(_MAYBE_LOCALIZED)}


def _draw_rule(draw: st.DrawFn, roles: Sequence[str], groups: Sequence[str], depth: int) -> Rule:
    """A rule that passes ``check`` for an event with these role and group ids."""
    kinds = ["attribute", "kind"] + ["role"] * bool(roles) + ["group"] * bool(groups)
    if depth > 0:
        kinds += ["all", "any", "not"] * 2
    kind = _pick(draw, kinds)
    notes = _rule_notes(draw)
    if kind in ("all", "any"):
        children = tuple(
            _draw_rule(draw, roles, groups, depth - 1) for _ in range(draw(st.integers(1, 3)))
        )
        return All(rules=children, **notes) if kind == "all" else Any(rules=children, **notes)
    if kind == "not":
        return Not(rule=_draw_rule(draw, roles, groups, depth - 1), **notes)
    if kind == "role":
        return HasRole(role=_pick(draw, roles), **notes)
    if kind == "group":
        return InGroup(group=_pick(draw, groups), **notes)
    if kind == "kind":
        chosen = _subset(draw, list(OrganizationKind), min_size=1)
        return OrganizationKindIn(kinds=frozenset(chosen), **notes)
    attribute = _pick(draw, _ATTRIBUTES)
    return AttributeIn(attribute=attribute, values=_rule_values(draw, attribute), **notes)


@st.composite
def _rules(draw: st.DrawFn, roles: Sequence[str], groups: Sequence[str], depth: int) -> Rule:
    return _draw_rule(draw, roles, groups, depth)


def rules(
    *, roles: Sequence[str] = (), groups: Sequence[str] = (), depth: int = 3
) -> st.SearchStrategy[Rule]:
    """Eligibility rules that pass ``check`` for an event with these role and group ids.

    Trees of :class:`All`, :class:`Any` and :class:`Not` up to *depth* levels
    above the leaves, with labels and bases now and then; text attributes
    take values from :data:`REGIONS`, enumerations from their members.
    """
    return _rules(tuple(roles), tuple(groups), depth)


def _maybe_rule(draw: st.DrawFn, roles: Sequence[str], groups: Sequence[str]) -> Rule | None:
    return _draw_rule(draw, roles, groups, 2) if draw(_BOOLS) else None


# -- drawing helpers ------------------------------------------------------------


def _pick(draw: st.DrawFn, items: Sequence[_T]) -> _T:
    return items[draw(st.integers(0, len(items) - 1))]


def _maybe_pick(draw: st.DrawFn, items: Sequence[_T]) -> _T | None:
    if not items:
        return None
    wanted: bool = draw(_BOOLS)
    return _pick(draw, items) if wanted else None


def _picks(
    draw: st.DrawFn, items: Sequence[_T], *, min_size: int = 0, max_size: int = 3
) -> list[_T]:
    """A few of *items*, repeats allowed; none when there are none."""
    if not items:
        return []
    return [_pick(draw, items) for _ in range(draw(st.integers(min_size, max_size)))]


def _subset(draw: st.DrawFn, items: Sequence[_T], *, min_size: int = 0) -> list[_T]:
    """Some of *items* in their order, at least *min_size* of them when there are."""
    chosen = [item for item in items if draw(_BOOLS)]
    if len(chosen) < min_size <= len(items):
        chosen = list(items[:min_size])
    return chosen


def _unique_ids(draw: st.DrawFn, *, min_size: int = 0, max_size: int) -> list[str]:
    return draw(st.lists(_IDS, unique=True, min_size=min_size, max_size=max_size))


# -- the parts of an event ------------------------------------------------------


def _organization(draw: st.DrawFn, ident: str) -> Organization:
    return Organization(
        id=ident,
        name=draw(_LOCALIZED),
        kind=_pick(draw, list(OrganizationKind)),
        acronym=draw(_MAYBE_SHORT_TEXT),
        region=draw(_MAYBE_TEXT),
        country=draw(_MAYBE_COUNTRY),
        url=draw(_MAYBE_URL),
    )


def _person(draw: st.DrawFn, ident: str, organizations: Sequence[str]) -> Person:
    return Person(
        id=ident,
        name=draw(_TEXTS),
        honorific=draw(_MAYBE_HONORIFIC),
        email=draw(_MAYBE_EMAIL),
        organization=_maybe_pick(draw, organizations),
        position=draw(_MAYBE_LOCALIZED),
        biography=draw(_MAYBE_LOCALIZED),
    )


def _venue(draw: st.DrawFn) -> Venue | None:
    if not draw(_BOOLS):
        return None
    located = draw(_BOOLS)
    return Venue(
        name=draw(_LOCALIZED),
        city=draw(_TEXTS),
        country=draw(_COUNTRIES),
        address=draw(_MAYBE_TEXT),
        region=draw(_MAYBE_TEXT),
        latitude=draw(_LATITUDES) if located else None,
        longitude=draw(_LONGITUDES) if located else None,
        rooms=tuple(
            Room(id=r, name=draw(_LOCALIZED), capacity=draw(_MAYBE_SMALL_INT))
            for r in _unique_ids(draw, max_size=3)
        ),
        url=draw(_MAYBE_URL),
    )


def _session(
    draw: st.DrawFn,
    ident: str,
    *,
    zone: ZoneInfo,
    days: Sequence[date],
    rooms: Sequence[str],
    groups: Sequence[str],
    people: Sequence[str],
    documents: Sequence[str],
) -> Session:
    day = _pick(draw, days)
    wall = time(draw(st.integers(6, 18)), 15 * draw(st.integers(0, 3)))
    start = datetime.combine(day, wall, tzinfo=zone).astimezone(UTC).astimezone(zone)
    end = start + timedelta(minutes=draw(st.integers(1, 240)))
    # Stay on the drawn day in the event's zone, whatever its clocks do.
    assume(start.date() == day and end.astimezone(zone).date() == day)
    shown_in = draw(_ZONES)
    return Session(
        id=ident,
        kind=_pick(draw, list(SessionKind)),
        title=draw(_LOCALIZED),
        start=start.astimezone(shown_in),
        end=end.astimezone(shown_in if draw(_BOOLS) else zone),
        description=draw(_MAYBE_LOCALIZED),
        room=_maybe_pick(draw, rooms),
        groups=frozenset(_subset(draw, groups)),
        speakers=tuple(_picks(draw, people)),
        chairs=tuple(_picks(draw, people, max_size=2)),
        documents=tuple(_subset(draw, documents)),
        capacity=draw(_MAYBE_SMALL_INT),
        status=_pick(draw, list(SessionStatus)),
        sequence=draw(_SEQUENCES),
    )


def _history(draw: st.DrawFn) -> tuple[StateChange, ...]:
    if not draw(_BOOLS):
        return ()
    states = [SubmissionState.DRAFT if draw(_BOOLS) else SubmissionState.SUBMITTED]
    for _ in range(draw(st.integers(0, 3))):
        following = _NEXT_STATES.get(states[-1])
        if not following:
            break
        states.append(_pick(draw, following))
    at = draw(_RECENT)
    history = []
    for state in states:
        history.append(
            StateChange(state=state, at=at, by=draw(_MAYBE_TEXT), note=draw(_MAYBE_TEXT))
        )
        # In UTC: adding to a local time adds wall-clock time, which can go
        # back in absolute time across a change of the clocks.
        later = at.astimezone(UTC) + timedelta(seconds=draw(st.integers(0, 10**7)))
        at = later.astimezone(draw(_ZONES))
    return tuple(history)


def _submission(
    draw: st.DrawFn,
    ident: str,
    *,
    kinds: Sequence[SubmissionKind],
    people: Sequence[str],
    organizations: Sequence[str],
    criteria: Sequence[str],
    scores: st.SearchStrategy[float],
) -> Submission:
    history = _history(draw)
    state = history[-1].state if history else _pick(draw, list(SubmissionState))
    pending = _pick(draw, list(SubmissionState)) if draw(_BOOLS) else None
    return Submission(
        id=ident,
        title=draw(_LOCALIZED),
        kind=_pick(draw, kinds),
        submitters=tuple(_picks(draw, people, min_size=1)),
        organization=_pick(draw, organizations),
        abstract=draw(_MAYBE_LOCALIZED),
        state=state,
        pending_state=pending,
        history=history,
        reviews=tuple(
            Review(
                reviewer=reviewer,
                scores={c: draw(scores) for c in criteria},
                comment=draw(_MAYBE_TEXT),
                at=draw(_MAYBE_DATETIME),
            )
            for reviewer in _subset(draw, people)
        ),
        booth=draw(_MAYBE_SHORT_TEXT),
    )


def _call(
    draw: st.DrawFn,
    ident: str,
    submission_ids: Sequence[str],
    *,
    people: Sequence[str],
    organizations: Sequence[str],
    sessions: Sequence[str],
    roles: Sequence[str] = (),
    groups: Sequence[str] = (),
) -> CallForSubmissions:
    opens = draw(_RECENT)
    closes = opens + timedelta(minutes=draw(st.integers(1, 10**6)))
    kinds = _subset(draw, list(SubmissionKind), min_size=1)
    criteria = _unique_ids(draw, max_size=3)
    low = draw(st.integers(-5, 5))
    high = low + draw(st.integers(1, 10))
    scores = st.one_of(st.integers(low, high), st.floats(low, high))
    return CallForSubmissions(
        id=ident,
        title=draw(_LOCALIZED),
        opens=opens,
        closes=closes.astimezone(draw(_ZONES)),
        description=draw(_MAYBE_LOCALIZED),
        kinds=frozenset(kinds),
        criteria=tuple(
            Criterion(
                id=c,
                name=draw(_LOCALIZED),
                weight=draw(_WEIGHTS),
                description=draw(_MAYBE_LOCALIZED),
            )
            for c in criteria
        ),
        score_min=low,
        score_max=high,
        places=draw(_MAYBE_SMALL_INT),
        max_per_submitter=draw(_MAYBE_POSITIVE_INT),
        max_per_organization=draw(_MAYBE_POSITIVE_INT),
        eligibility=_maybe_rule(draw, roles, groups),
        session=_maybe_pick(draw, sessions),
        submissions=tuple(
            _submission(
                draw,
                s,
                kinds=kinds,
                people=people,
                organizations=organizations,
                criteria=criteria,
                scores=scores,
            )
            for s in (submission_ids if people else ())
        ),
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    """Small, complete and consistent events.

    Each has one to three organizations and up to four people, roles,
    groups, participants, sessions and documents, sponsors, a venue or none,
    and up to two calls with their submissions, histories and reviews.
    """
    zone = draw(_ZONES)
    first = draw(_DAYS)
    days = [first + timedelta(days=i) for i in range(draw(st.integers(0, 3)) + 1)]

    org_ids = _unique_ids(draw, min_size=1, max_size=3)
    person_ids = _unique_ids(draw, max_size=4)
    role_ids = _unique_ids(draw, max_size=3)
    group_ids = _unique_ids(draw, max_size=3)
    document_ids = _unique_ids(draw, max_size=3)
    session_ids = _unique_ids(draw, max_size=4)
    participant_ids = _unique_ids(draw, max_size=4) if person_ids else []
    call_ids = _unique_ids(draw, max_size=2)
    submission_ids = _unique_ids(draw, max_size=4)  # unique across every call

    venue = _venue(draw)
    rooms = [r.id for r in venue.rooms] if venue else []
    participants = tuple(
        Participant(
            id=p,
            person=_pick(draw, person_ids),
            organization=_pick(draw, org_ids),
            roles=frozenset(_subset(draw, role_ids)),
            groups=frozenset(_subset(draw, group_ids)),
            status=_pick(draw, list(RegistrationStatus)),
            days_attended=frozenset(_subset(draw, days)),
            region=draw(_MAYBE_TEXT),
        )
        for p in participant_ids
    )
    groups = tuple(
        ParticipantGroup(
            id=g,
            name=draw(_LOCALIZED),
            days=tuple(_subset(draw, days, min_size=1)),
            description=draw(_MAYBE_LOCALIZED),
            rule=_maybe_rule(draw, role_ids, group_ids[:i]),
            members=frozenset(_subset(draw, participant_ids)) if draw(_BOOLS) else None,
            sequence=draw(_SEQUENCES),
        )
        for i, g in enumerate(group_ids)
    )
    sessions = tuple(
        _session(
            draw,
            s,
            zone=zone,
            days=days,
            rooms=rooms,
            groups=group_ids,
            people=person_ids,
            documents=document_ids,
        )
        for s in session_ids
    )
    split = draw(st.integers(0, len(submission_ids)))
    shares = [submission_ids[:split], submission_ids[split:]]
    calls = tuple(
        _call(
            draw,
            c,
            shares[i],
            people=person_ids,
            organizations=org_ids,
            sessions=session_ids,
            roles=role_ids,
            groups=group_ids,
        )
        for i, c in enumerate(call_ids)
    )
    return Event(
        id=draw(_IDS),
        title=draw(_LOCALIZED),
        organizer=_pick(draw, org_ids),
        timezone=zone,
        first_day=days[0],
        last_day=days[-1],
        updated=draw(_DATETIMES),
        series=draw(_MAYBE_ID),
        edition=draw(_MAYBE_POSITIVE_INT),
        theme=draw(_MAYBE_LOCALIZED),
        motto=draw(_MAYBE_LOCALIZED),
        description=draw(_MAYBE_LOCALIZED),
        objectives=tuple(draw(_LOCALIZED) for _ in range(draw(st.integers(0, 2)))),
        venue=venue,
        status=_pick(draw, list(EventStatus)),
        url=draw(_MAYBE_URL),
        sessions=sessions,
        groups=groups,
        participants=participants,
        people=tuple(_person(draw, p, org_ids) for p in person_ids),
        organizations=tuple(_organization(draw, o) for o in org_ids),
        roles=tuple(
            Role(id=r, name=draw(_LOCALIZED), description=draw(_MAYBE_LOCALIZED)) for r in role_ids
        ),
        keynote_speakers=tuple(_picks(draw, person_ids, max_size=2)),
        sponsors=tuple(
            Sponsor(organization=o, tier=draw(_MAYBE_SHORT_TEXT)) for o in _subset(draw, org_ids)
        ),
        documents=tuple(
            Document(
                id=d,
                title=draw(_LOCALIZED),
                url=draw(_URLS),
                kind=_pick(draw, list(DocumentKind)),
                language=_maybe_pick(draw, LANGUAGE_TAGS),
                media_type=draw(_MAYBE_MEDIA_TYPE),
            )
            for d in document_ids
        ),
        calls=calls,
        reported_attendance=draw(_MAYBE_SMALL_INT),
        revision=draw(_SMALL_INTS),
    )
