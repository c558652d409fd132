"""Selection: rank the reviewed submissions, fill the places, say why each is in or out.

The ranking
-----------

Submissions under review that have at least one review are ranked by their
:func:`~egov_events.submissions.scores`, best first, and ties are broken, in
this order, by:

1. the higher weighted mean (the score);
2. the higher median of the reviews' weighted means (less swayed by one reviewer);
3. the smaller spread (reviewers who agree);
4. more reviews (more evidence);
5. the submission id, in code-point order (so that the ranking is total and stable).

Accepted and confirmed submissions keep the places they hold and are ranked
with the others. The places (the quota) are then filled in rank order,
skipping any submission that would take its institution or one of its
submitters over the call's limit; the next ones form the waiting list.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from egov_events.locale import language
from egov_events.submissions._lifecycle import SELECTED_STATES, decide, transition
from egov_events.submissions._model import CallForSubmissions, Submission, SubmissionState
from egov_events.submissions._reviews import ReviewSummary, scores
from egov_events.text import LocalizedText

if TYPE_CHECKING:
    from egov_events.model import Event, Session

__all__ = [
    "Outcome",
    "Placement",
    "Reason",
    "Selection",
    "apply",
    "assign_booths",
    "exhibits",
    "format_score",
    "promote",
    "rank_key",
    "select",
    "withdraw",
]

_S = SubmissionState


class Outcome(enum.StrEnum):
    """Where a submission stands in a selection."""

    SELECTED = "selected"
    """It has one of the places (newly, or it already held one)."""
    WAITING = "waiting"
    """On the waiting list: it moves up when a selected submission withdraws."""
    OUT = "out"
    """Not selected."""


class Reason(enum.StrEnum):
    """Why a submission is in or out; :meth:`Placement.explain` words it."""

    WITHIN_QUOTA = "within_quota"
    """Ranked high enough to get one of the places."""
    ALREADY_ACCEPTED = "already_accepted"
    """Accepted or confirmed before this selection: it keeps its place."""
    WAITING_LIST = "waiting_list"
    """Below the quota line, on the waiting list."""
    BELOW_LINE = "below_line"
    """Below the quota line, and not on the waiting list."""
    ORGANIZATION_LIMIT = "organization_limit"
    """Its institution already has as many selected as the call allows."""
    SUBMITTER_LIMIT = "submitter_limit"
    """One of its submitters is already in as many selected as the call allows."""
    NOT_REVIEWED = "not_reviewed"
    """Not under review, or without a review: it has no score to rank by."""
    NOT_SUBMITTED = "not_submitted"
    """Still a draft."""
    WITHDRAWN = "withdrawn"
    """Withdrawn by its submitters."""
    REJECTED = "rejected"
    """Rejected before this selection."""


_SCORED_REASONS = frozenset(
    {
        Reason.WITHIN_QUOTA,
        Reason.ALREADY_ACCEPTED,
        Reason.WAITING_LIST,
        Reason.BELOW_LINE,
        Reason.ORGANIZATION_LIMIT,
        Reason.SUBMITTER_LIMIT,
    }
)


def format_score(value: Fraction, digits: int = 2) -> str:
    """Write an exact score as a decimal, rounded half up: the same text everywhere.

    >>> format_score(Fraction(13, 3)), format_score(Fraction(3, 8)), format_score(Fraction(4))
    ('4.33', '0.38', '4.00')
    """
    unit = 10**digits
    n = math.floor(value * unit + Fraction(1, 2))
    sign = "-" if n < 0 else ""
    whole, part = divmod(abs(n), unit)
    return f"{sign}{whole}.{part:0{digits}d}"


def rank_key(summary: ReviewSummary) -> tuple[Fraction, Fraction, Fraction, int, str]:
    """The sort key of the ranking (see the module's documentation): smaller ranks first.

    >>> import egov_events as ee
    >>> from egov_events.submissions import scores
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> tied = [scores(call, s) for s in call.submissions if s.id in ("sub-12", "sub-24")]
    >>> [(s.submission, str(s.weighted_mean), str(s.median)) for s in tied]
    [('sub-12', '13/3', '43/10'), ('sub-24', '13/3', '4')]
    >>> [s.submission for s in sorted(tied, key=rank_key)]
    ['sub-12', 'sub-24']

    Raises:
        ValueError: the summary has no score (no reviews).

    """
    if summary.weighted_mean is None or summary.median is None or summary.spread is None:
        msg = f"submission {summary.submission!r} has no score to rank by"
        raise ValueError(msg)
    return (
        -summary.weighted_mean,
        -summary.median,
        summary.spread,
        -summary.count,
        summary.submission,
    )


_OUT_WORDS = {
    "sw": "haikuchaguliwa",
    "en": "not selected",
}

_TEXTS: dict[Reason, dict[str, str]] = {
    Reason.WITHIN_QUOTA: {
        "sw": "imechaguliwa: {standing}, ndani ya nafasi {quota}",
        "en": "selected: {standing}, within the {quota} places",
    },
    Reason.ALREADY_ACCEPTED: {
        "sw": "imeshakubaliwa: inashikilia moja ya nafasi {quota}{standing_paren}",
        "en": "already accepted: holds one of the {quota} places{standing_paren}",
    },
    Reason.WAITING_LIST: {
        "sw": "orodha ya akiba, wa {waiting}: {standing}, chini ya mstari wa nafasi {quota}{line}",
        "en": "waiting list, number {waiting}: {standing}, below the quota line of "
        "{quota} places{line}",
    },
    Reason.BELOW_LINE: {
        "sw": "haikuchaguliwa: {standing}, chini ya mstari wa nafasi {quota}{line}",
        "en": "not selected: {standing}, below the quota line of {quota} places{line}",
    },
    Reason.ORGANIZATION_LIMIT: {
        "sw": "haikuchaguliwa: {standing}, lakini {holder} tayari ina {limit} "
        "zilizochaguliwa (kikomo ni {limit} kwa kila taasisi)",
        "en": "not selected: {standing}, but {holder} already has {limit} selected "
        "(limit {limit} per institution)",
    },
    Reason.SUBMITTER_LIMIT: {
        "sw": "haikuchaguliwa: {standing}, lakini mwasilishaji {holder} tayari yumo katika "
        "{limit} zilizochaguliwa (kikomo ni {limit} kwa kila mwasilishaji)",
        "en": "not selected: {standing}, but submitter {holder} is already in {limit} "
        "selected (limit {limit} per submitter)",
    },
    Reason.NOT_REVIEWED: {
        "sw": "haikuchaguliwa: haijatathminiwa, hivyo haina alama ya kupangwa",
        "en": "not selected: not reviewed, so it has no score to rank by",
    },
    Reason.NOT_SUBMITTED: {
        "sw": "haikuchaguliwa: ni rasimu, haijawasilishwa",
        "en": "not selected: a draft, never submitted",
    },
    Reason.WITHDRAWN: {
        "sw": "haikuchaguliwa: imeondolewa na waliowasilisha",
        "en": "not selected: withdrawn by its submitters",
    },
    Reason.REJECTED: {
        "sw": "haikuchaguliwa: ilikataliwa kabla ya uteuzi huu",
        "en": "not selected: rejected before this selection",
    },
}

_STANDING = {
    "sw": "nafasi ya {rank} kati ya {of}, alama {score}",
    "en": "rank {rank} of {of}, score {score}",
}
_LINE = {"sw": " (alama ya mstari {line})", "en": " (line at {line})"}

_SHORT: dict[Reason, dict[str, str]] = {
    Reason.WITHIN_QUOTA: {"sw": "imechaguliwa", "en": "selected"},
    Reason.ALREADY_ACCEPTED: {"sw": "imeshakubaliwa", "en": "already accepted"},
    Reason.WAITING_LIST: {"sw": "akiba, wa {waiting}", "en": "waiting list, number {waiting}"},
    Reason.BELOW_LINE: {"sw": "chini ya mstari", "en": "below the line"},
    Reason.ORGANIZATION_LIMIT: {"sw": "kikomo cha taasisi", "en": "institution limit"},
    Reason.SUBMITTER_LIMIT: {"sw": "kikomo cha mwasilishaji", "en": "submitter limit"},
    Reason.NOT_REVIEWED: {"sw": "haijatathminiwa", "en": "not reviewed"},
    Reason.NOT_SUBMITTED: {"sw": "rasimu", "en": "draft"},
    Reason.WITHDRAWN: {"sw": "imeondolewa", "en": "withdrawn"},
    Reason.REJECTED: {"sw": "ilikataliwa awali", "en": "rejected earlier"},
}

_TABLE_HEAD: dict[str, tuple[str, ...]] = {
    "sw": ("#", "wasilisho", "alama", "wastani wa kati", "tofauti", "tathmini", "hali"),
    "en": ("#", "submission", "score", "median", "spread", "reviews", "outcome"),
}
_EXCEEDED = {
    "sw": "nafasi zimezidi kwa {excess}: mawasilisho {held} tayari yanashikilia nafasi, "
    "nafasi ni {quota}",
    "en": "quota exceeded by {excess}: {held} submissions already hold places, the quota is "
    "{quota}",
}
_TABLE_LINE = {"sw": "mstari wa nafasi {quota}", "en": "quota line: {quota} places"}


def _language(lang: str) -> str:
    return language(lang)


@attrs.frozen(kw_only=True)
class Placement:
    """One submission's place in a :class:`Selection`, and why it is there."""

    submission: str
    """The submission's id."""
    outcome: Outcome
    reason: Reason
    state: SubmissionState
    """The submission's state when it was selected."""
    organization: str
    """The submitting institution's id."""
    summary: ReviewSummary
    """Its reviews added up (scores are ``None`` without reviews)."""
    rank: int | None = None
    """Its rank among the ranked submissions (1 is best), or ``None`` when not ranked."""
    ranked: int = 0
    """How many submissions were ranked."""
    quota: int = 0
    """The number of places filled."""
    line: Fraction | None = None
    """The quota line: the score of the last submission that competed for a place and got
    one (those that already held a place did not compete)."""
    waiting: int | None = None
    """Its number on the waiting list (1 moves up first)."""
    holder: str | None = None
    """Whose limit kept it out: the institution's or the submitter's id."""
    limit: int | None = None
    """That limit."""

    def _fields(self, lang: str) -> dict[str, object]:
        standing = ""
        if self.rank is not None and self.summary.weighted_mean is not None:
            standing = _STANDING[lang].format(
                rank=self.rank, of=self.ranked, score=format_score(self.summary.weighted_mean)
            )
        line = _LINE[lang].format(line=format_score(self.line)) if self.line is not None else ""
        return {
            "standing": standing,
            "standing_paren": f" ({standing})" if standing else "",
            "quota": self.quota,
            "line": line,
            "waiting": self.waiting,
            "holder": self.holder,
            "limit": self.limit,
        }

    def explain(self, lang: str = "sw") -> str:
        """Why the submission is in or out, in *lang* (``"sw"`` or ``"en"``).

        >>> import egov_events as ee
        >>> call = ee.examples.kikao_kazi_2019().calls[0]
        >>> from egov_events.submissions import before
        >>> then = [before(s, s.history[-1].at) for s in call.submissions]
        >>> placement = select(call, then).placement("sub-01")
        >>> print(placement.explain())
        orodha ya akiba, wa 1: nafasi ya 11 kati ya 24, alama 3.40, chini ya mstari wa nafasi 10 (alama ya mstari 3.87)
        >>> print(placement.explain("en"))
        waiting list, number 1: rank 11 of 24, score 3.40, below the quota line of 10 places (line at 3.87)

        Raises:
            ValueError: *lang* is not a supported language.

        """  # noqa: E501 (doctest lines)
        code = _language(lang)
        return _TEXTS[self.reason][code].format(**self._fields(code))

    @property
    def text(self) -> LocalizedText:
        """:meth:`explain` in Swahili and English."""
        return LocalizedText.of(sw=self.explain("sw"), en=self.explain("en"))

    def short(self, lang: str = "sw") -> str:
        """The outcome in a word or two, as the ranking table shows it."""
        code = _language(lang)
        return _SHORT[self.reason][code].format(waiting=self.waiting)


@attrs.frozen(kw_only=True)
class Selection:
    """The outcome of :func:`select`: every submission's placement, ranked first.

    :attr:`placements` lists the ranked submissions in rank order, then the
    others by id.
    """

    call: str
    """The call's id."""
    quota: int
    """The number of places to fill."""
    placements: tuple[Placement, ...]
    excess: int = 0
    """How many submissions beyond the quota already held places (accepted or
    confirmed before this selection); 0 when the quota is kept. They keep
    their places: nothing here withdraws them."""

    @property
    def exceeded(self) -> bool:
        """Whether more submissions hold places than the quota allows."""
        return self.excess > 0

    def warning(self, lang: str = "sw") -> str | None:
        """What to say when the quota is exceeded, in *lang*; ``None`` when it is kept.

        >>> import egov_events as ee
        >>> call = ee.examples.kikao_kazi_2019().calls[0]
        >>> print(select(call, call.submissions, quota=3).warning("en"))
        quota exceeded by 7: 10 submissions already hold places, the quota is 3
        """
        if not self.excess:
            return None
        held = self.quota + self.excess
        return _EXCEEDED[_language(lang)].format(excess=self.excess, held=held, quota=self.quota)

    @property
    def selected(self) -> tuple[str, ...]:
        """The ids of the selected submissions, in rank order."""
        return tuple(p.submission for p in self.placements if p.outcome is Outcome.SELECTED)

    @property
    def waiting(self) -> tuple[str, ...]:
        """The waiting list, first to move up first."""
        return tuple(p.submission for p in self.placements if p.outcome is Outcome.WAITING)

    @property
    def out(self) -> tuple[str, ...]:
        """The ids of the submissions not selected and not waiting."""
        return tuple(p.submission for p in self.placements if p.outcome is Outcome.OUT)

    @property
    def line(self) -> Fraction | None:
        """The quota line (:attr:`Placement.line`), or ``None`` if no place was filled."""
        return self.placements[0].line if self.placements else None

    def placement(self, submission: str | Submission) -> Placement:
        """The placement of a submission (an id or the submission).

        Raises:
            KeyError: the submission is not in this selection.

        """
        ident = submission if isinstance(submission, str) else submission.id
        for p in self.placements:
            if p.submission == ident:
                return p
        msg = f"submission {ident!r} is not in the selection for call {self.call!r}"
        raise KeyError(msg)

    def explain(self, submission: str | Submission, lang: str = "sw") -> str:
        """Why a submission is in or out, in *lang*; see :meth:`Placement.explain`."""
        return self.placement(submission).explain(lang)

    def table(self, lang: str = "sw") -> str:
        """The ranking as a text table, with the quota line drawn under the last place.

        >>> import egov_events as ee
        >>> from egov_events.submissions import before
        >>> call = ee.examples.kikao_kazi_2019().calls[0]
        >>> then = [before(s, s.history[-1].at) for s in call.submissions[:4]]
        >>> print(select(call, then, quota=2).table("en"))
         #  submission  score  median  spread  reviews  outcome
         1  sub-02       4.57    4.70    0.40        3  selected
         2  sub-01       3.40    3.30    0.30        3  selected
        --  quota line: 2 places ------------------------------
         3  sub-03       2.30    2.30    0.60        3  waiting list, number 1
         4  sub-04       2.13    2.00    1.00        3  waiting list, number 2
        """
        code = _language(lang)
        rows: list[tuple[str, ...]] = [_TABLE_HEAD[code]]
        line_after: int | None = None
        for p in self.placements:
            s = p.summary
            rows.append(
                (
                    str(p.rank) if p.rank is not None else "-",
                    p.submission,
                    *(
                        format_score(v) if v is not None else "-"
                        for v in (s.weighted_mean, s.median, s.spread)
                    ),
                    str(s.count),
                    p.short(code),
                )
            )
            if p.reason is Reason.WITHIN_QUOTA:
                line_after = len(rows)
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        widths[0] = max(widths[0], 2)
        lefts = {1}
        out = []
        for i, row in enumerate(rows):
            cells = [
                cell.ljust(widths[j]) if j in lefts else cell.rjust(widths[j])
                for j, cell in enumerate(row[:-1])
            ]
            out.append(("  ".join([*cells, row[-1]])).rstrip())
            if i + 1 == (line_after or 1):
                marker = "-" * widths[0] + "  " + _TABLE_LINE[code].format(quota=self.quota) + " "
                out.append(marker.ljust(len(out[0]), "-"))
        warning = self.warning(code)
        if warning is not None:
            out.append(f"!! {warning}")
        return "\n".join(out)


@attrs.frozen
class _Decision:
    outcome: Outcome
    reason: Reason
    waiting: int | None = None
    holder: str | None = None
    limit: int | None = None


_HOLDS = _Decision(Outcome.SELECTED, Reason.ALREADY_ACCEPTED)


def _unranked(state: SubmissionState) -> _Decision:
    """The decision on a submission that has no rank."""
    if state in SELECTED_STATES:
        return _HOLDS
    if state in (_S.SUBMITTED, _S.UNDER_REVIEW):
        return _Decision(Outcome.OUT, Reason.NOT_REVIEWED)
    if state is _S.DRAFT:
        return _Decision(Outcome.OUT, Reason.NOT_SUBMITTED)
    if state is _S.WITHDRAWN:
        return _Decision(Outcome.OUT, Reason.WITHDRAWN)
    return _Decision(Outcome.OUT, Reason.REJECTED)


class _Places:
    """The places being filled, with the counts the call's limits apply to."""

    def __init__(self, call: CallForSubmissions, places: int, waiting: int | None) -> None:
        self.call = call
        self.places = places
        self.waiting = waiting
        self.taken = 0
        self.queued = 0
        self.per_org: dict[str, int] = {}
        self.per_person: dict[str, int] = {}

    def take(self, s: Submission) -> None:
        self.taken += 1
        self.per_org[s.organization] = self.per_org.get(s.organization, 0) + 1
        for person in s.submitters:
            self.per_person[person] = self.per_person.get(person, 0) + 1

    def decide(self, s: Submission) -> _Decision:
        """Place one competing submission, the next in rank order."""
        org_limit = self.call.max_per_organization
        if org_limit is not None and self.per_org.get(s.organization, 0) >= org_limit:
            return _Decision(
                Outcome.OUT, Reason.ORGANIZATION_LIMIT, None, s.organization, org_limit
            )
        person_limit = self.call.max_per_submitter
        if person_limit is not None:
            for person in s.submitters:
                if self.per_person.get(person, 0) >= person_limit:
                    return _Decision(
                        Outcome.OUT, Reason.SUBMITTER_LIMIT, None, person, person_limit
                    )
        if self.taken < self.places:
            self.take(s)
            return _Decision(Outcome.SELECTED, Reason.WITHIN_QUOTA)
        if self.waiting is None or self.queued < self.waiting:
            self.queued += 1
            return _Decision(Outcome.WAITING, Reason.WAITING_LIST, self.queued)
        return _Decision(Outcome.OUT, Reason.BELOW_LINE)


def _count(value: int | None, what: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        msg = f"{what} must be a whole number, 0 or more, got {value!r}"
        raise ValueError(msg)


def select(
    call: CallForSubmissions,
    submissions: Iterable[Submission],
    *,
    quota: int | None = None,
    waiting: int | None = None,
) -> Selection:
    """Rank *submissions* and fill *quota* places (default: the call's places).

    Only submissions under review with at least one review compete; those
    already accepted or confirmed keep their places (and count towards the
    quota and the limits); drafts, withdrawn, rejected and unreviewed ones
    are out, each with its reason. The ranking and its tie-break are
    described in :mod:`egov_events.submissions`. A submission that would
    take its institution past :attr:`~CallForSubmissions.max_per_organization`,
    or a submitter past :attr:`~CallForSubmissions.max_per_submitter`
    selected submissions, is out, whatever its rank. Below the quota line,
    the next *waiting* submissions (default: all of them) form the waiting
    list, in rank order.

    Nothing changes until the selection is applied (:func:`apply`). When
    more submissions already hold places than *quota*, they keep them, and
    the selection says by how many the quota is exceeded
    (:attr:`Selection.excess`, :meth:`Selection.warning`, and a line under
    :meth:`Selection.table`).

    >>> import egov_events as ee
    >>> from egov_events.submissions import before
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> then = [before(s, s.history[-1].at) for s in call.submissions]
    >>> selection = select(call, then)
    >>> len(selection.selected), selection.waiting[:3], str(selection.line)
    (10, ('sub-01', 'sub-13', 'sub-14'), '58/15')

    Raises:
        ValueError: no quota (neither *quota* nor the call's places), a
            negative quota or waiting list, or two submissions with one id.

    """
    places = call.places if quota is None else quota
    if places is None:
        msg = f"call {call.id!r} sets no number of places: pass quota="
        raise ValueError(msg)
    _count(places, "quota")
    _count(waiting, "waiting")
    given = tuple(submissions)
    seen: set[str] = set()
    for s in given:
        if s.id in seen:
            msg = f"submission {s.id!r} is given twice"
            raise ValueError(msg)
        seen.add(s.id)

    summaries = {s.id: scores(call, s) for s in given}
    ranked = sorted(
        (
            s
            for s in given
            if (s.state is _S.UNDER_REVIEW or s.state in SELECTED_STATES)
            and summaries[s.id].weighted_mean is not None
        ),
        key=lambda s: rank_key(summaries[s.id]),
    )
    filler = _Places(call, places, waiting)
    for s in given:
        if s.state in SELECTED_STATES:
            filler.take(s)
    decisions = {s.id: _HOLDS if s.state in SELECTED_STATES else filler.decide(s) for s in ranked}
    in_places = [s for s in ranked if decisions[s.id].reason is Reason.WITHIN_QUOTA]
    line = summaries[in_places[-1].id].weighted_mean if in_places else None
    ranks = {s.id: i for i, s in enumerate(ranked, start=1)}
    unranked = sorted((s for s in given if s.id not in ranks), key=lambda s: s.id)
    placements = []
    for s in (*ranked, *unranked):
        d = decisions.get(s.id) or _unranked(s.state)
        placements.append(
            Placement(
                submission=s.id,
                outcome=d.outcome,
                reason=d.reason,
                state=s.state,
                organization=s.organization,
                summary=summaries[s.id],
                rank=ranks.get(s.id),
                ranked=len(ranked),
                quota=places,
                line=line,
                waiting=d.waiting,
                holder=d.holder,
                limit=d.limit,
            )
        )
    held = sum(1 for s in given if s.state in SELECTED_STATES)
    return Selection(
        call=call.id,
        quota=places,
        placements=tuple(placements),
        excess=max(0, held - places),
    )


_DECISIONS = {
    Reason.WITHIN_QUOTA: _S.ACCEPTED,
    Reason.BELOW_LINE: _S.REJECTED,
    Reason.ORGANIZATION_LIMIT: _S.REJECTED,
    Reason.SUBMITTER_LIMIT: _S.REJECTED,
}


def apply(
    selection: Selection,
    submissions: Iterable[Submission],
    *,
    at: datetime,
    by: str | None = None,
    note: str | None = None,
    pending: bool = False,
) -> tuple[Submission, ...]:
    """Move the selected submissions to ``accepted`` and those out to ``rejected``, at one time.

    Each move is a :func:`~egov_events.submissions.transition` at *at* with
    *by* and *note*, so the history records it. The waiting list stays
    under review (it is neither in nor out yet), and so do unreviewed
    submissions; the others are not touched. With ``pending=True`` the
    decisions are only recorded as pending (:func:`decide`), to be announced
    together later (:func:`~egov_events.submissions.announce`). The
    submissions come back in the order given.

    >>> import egov_events as ee
    >>> from egov_events.submissions import before
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> then = [before(s, s.history[-1].at) for s in call.submissions]
    >>> at = call.submissions[0].history[-1].at
    >>> after = apply(select(call, then, waiting=0), then, at=at, by="kamati-ya-tathmini")
    >>> [s.history for s in after] == [s.history for s in call.submissions]
    True
    >>> assign_booths(call, after) == tuple(call.submissions)
    True

    Raises:
        ValueError: a submission is not in the selection, or its state
            changed since the selection was made.
        InvalidTransition: a move is refused.

    """
    placements = {p.submission: p for p in selection.placements}
    given = tuple(submissions)
    for s in given:
        p = placements.get(s.id)
        if p is None:
            msg = f"submission {s.id!r} is not in the selection for call {selection.call!r}"
            raise ValueError(msg)
        if p.state is not s.state:
            msg = (
                f"submission {s.id!r} changed since the selection was made (it was "
                f"{p.state.value!r}, it is {s.state.value!r}): select again"
            )
            raise ValueError(msg)
    out = []
    for s in given:
        target = _DECISIONS.get(placements[s.id].reason)
        if target is None:
            out.append(s)
        elif pending:
            out.append(decide(s, target))
        else:
            out.append(transition(s, target, at=at, by=by, note=note))
    return tuple(out)


def _promote(
    call: CallForSubmissions,
    submissions: Sequence[Submission],
    *,
    at: datetime,
    by: str | None,
    note: str | None,
    quota: int | None,
) -> tuple[tuple[Submission, ...], list[str]]:
    selection = select(call, submissions, quota=quota)
    newly = [p.submission for p in selection.placements if p.reason is Reason.WITHIN_QUOTA]
    chosen = set(newly)
    moved = tuple(
        transition(s, _S.ACCEPTED, at=at, by=by, note=note) if s.id in chosen else s
        for s in submissions
    )
    return moved, newly


def promote(
    call: CallForSubmissions,
    submissions: Iterable[Submission],
    *,
    at: datetime,
    by: str | None = None,
    note: str | None = None,
    quota: int | None = None,
) -> tuple[Submission, ...]:
    """Accept submissions from the waiting list while places are free; reject no one.

    The free places are those of *quota* (default: the call's places) not
    held by accepted or confirmed submissions; they go to the best-ranked
    submissions still under review, within the call's limits, as
    :func:`select` ranks them.

    >>> import egov_events as ee
    >>> from egov_events.submissions import before
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> then = [before(s, s.history[-1].at) for s in call.submissions]
    >>> at = call.submissions[0].history[2].at
    >>> after = promote(call, then, at=at, quota=1)
    >>> [s.id for s in after if s.state.value == "accepted"]
    ['sub-21']
    """
    return _promote(call, tuple(submissions), at=at, by=by, note=note, quota=quota)[0]


def withdraw(
    call: CallForSubmissions,
    submissions: Iterable[Submission],
    submission: str | Submission,
    *,
    at: datetime,
    by: str | None = None,
    note: str | None = None,
    quota: int | None = None,
) -> tuple[Submission, ...]:
    """Withdraw one submission and, if it held a place, give the place to the waiting list.

    The submission moves to ``withdrawn`` (with *by* and *note*) and gives
    up its booth; if it was accepted, :func:`promote` fills the freed place
    at the same time *at*, and the first promoted submission takes over the
    vacated booth.

    >>> import egov_events as ee
    >>> from egov_events.submissions import before
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> then = [before(s, s.history[-1].at) for s in call.submissions]
    >>> at = call.submissions[0].history[2].at
    >>> decided = apply(select(call, then), then, at=at)
    >>> after = withdraw(call, decided, "sub-21", at=at.replace(day=25), by="person-tirdo-1")
    >>> [(s.id, s.state.value) for s in after if s.id in ("sub-21", "sub-01")]
    [('sub-01', 'accepted'), ('sub-21', 'withdrawn')]

    Raises:
        KeyError: the submission is not among *submissions*.
        InvalidTransition: it cannot be withdrawn (it is a draft, or final).

    """
    given = list(submissions)
    ident = submission if isinstance(submission, str) else submission.id
    index = next((i for i, s in enumerate(given) if s.id == ident), None)
    if index is None:
        msg = f"submission {ident!r} is not among the submissions given"
        raise KeyError(msg)
    target = given[index]
    given[index] = attrs.evolve(
        transition(target, _S.WITHDRAWN, at=at, by=by, note=note), booth=None
    )
    if target.state not in SELECTED_STATES:
        return tuple(given)
    moved, newly = _promote(call, given, at=at, by=by, note=None, quota=quota)
    if target.booth is None or not newly:
        return moved
    return tuple(attrs.evolve(s, booth=target.booth) if s.id == newly[0] else s for s in moved)


def assign_booths(
    call: CallForSubmissions,
    submissions: Iterable[Submission],
    *,
    prefix: str = "B",
    width: int = 2,
) -> tuple[Submission, ...]:
    """Give every accepted or confirmed submission without a booth the lowest free booth number.

    Booths are ``B01``, ``B02``, ... (*prefix* and a number of *width*
    digits), handed out in rank order; booths already held are kept, so a
    booth never changes hands unless its holder leaves. A submission that is
    neither accepted nor confirmed loses its booth.

    >>> import egov_events as ee
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> unbooked = [attrs.evolve(s, booth=None) for s in call.submissions]
    >>> [s.booth for s in assign_booths(call, unbooked)] == [s.booth for s in call.submissions]
    True
    """
    given = tuple(submissions)
    held = {s.booth for s in given if s.state in SELECTED_STATES and s.booth is not None}
    waiting = [s for s in given if s.state in SELECTED_STATES and s.booth is None]
    summaries = {s.id: scores(call, s) for s in waiting}
    scored = sorted(
        (s for s in waiting if summaries[s.id].weighted_mean is not None),
        key=lambda s: rank_key(summaries[s.id]),
    )
    unscored = sorted(
        (s for s in waiting if summaries[s.id].weighted_mean is None), key=lambda s: s.id
    )
    booths: dict[str, str] = {}
    number = 0
    for s in (*scored, *unscored):
        while True:
            number += 1
            booth = f"{prefix}{number:0{width}d}"
            if booth not in held:
                break
        booths[s.id] = booth
    return tuple(
        attrs.evolve(s, booth=booths[s.id])
        if s.id in booths
        else (s if s.state in SELECTED_STATES or s.booth is None else attrs.evolve(s, booth=None))
        for s in given
    )


def exhibits(event: Event, session: str | Session) -> tuple[Submission, ...]:
    """The submissions shown at a session (an exhibition), in booth order.

    They are the accepted or confirmed submissions with a booth of every
    call whose :attr:`~CallForSubmissions.session` is this session.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> shown = exhibits(event, "s-2019-02-02-exhibition")
    >>> [(s.booth, s.id) for s in shown][:3]
    [('B01', 'sub-21'), ('B02', 'sub-02'), ('B03', 'sub-08')]

    Raises:
        KeyError: the event has no such session.

    """
    ident = event.session(session if isinstance(session, str) else session.id).id
    shown = [
        s
        for call in event.calls
        if call.session == ident
        for s in call.submissions
        if s.state in SELECTED_STATES and s.booth is not None
    ]
    return tuple(sorted(shown, key=lambda s: (s.booth or "", s.id)))
