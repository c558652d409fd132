"""The data classes of calls for submissions: calls, submissions, history, reviews.

The 2019 workshop called universities, technology colleges and research
institutes to submit research and innovations for an exhibition; 24 came in
and 10 were selected. These classes hold that as data: a
:class:`CallForSubmissions` with its review :class:`Criterion` list, score
scale and number of places, each :class:`Submission` with its
:class:`SubmissionState`, the history of its state changes and its
:class:`Review` list.

Each class checks what it can see when it is built: a submission checks its
history against its state, a call checks its submissions' kinds and their
reviews' scores against its criteria and scale, and the event checks that
every person and organization referred to exists.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

import attrs

from egov_events import _checks as c
from egov_events.errors import Problems
from egov_events.rules import Rule
from egov_events.text import LocalizedText

__all__ = [
    "CallForSubmissions",
    "Criterion",
    "Review",
    "StateChange",
    "Submission",
    "SubmissionKind",
    "SubmissionState",
]


class SubmissionKind(enum.StrEnum):
    """What a submission presents."""

    RESEARCH = "research"
    """Tafiti: a research result."""
    INNOVATION = "innovation"
    """Bunifu: an innovation (a system, a device, a service)."""


class SubmissionState(enum.StrEnum):
    """Where a submission stands in its lifecycle.

    ``draft -> submitted -> under_review -> accepted | rejected``;
    ``accepted -> confirmed | withdrawn``; ``submitted | under_review ->
    withdrawn``.
    """

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CONFIRMED = "confirmed"
    WITHDRAWN = "withdrawn"


@attrs.frozen(kw_only=True)
class Criterion:
    """A review criterion of a call, with its weight in the total score."""

    id: str
    name: LocalizedText
    weight: float = 1.0
    """Relative weight; the weighted mean divides by the sum of weights."""
    description: LocalizedText | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        if c.check_number(problems, ("weight",), self.weight, low=0, high=1e6) and not (
            self.weight > 0
        ):
            problems.add(("weight",), "must be greater than 0")
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class StateChange:
    """One entry of a submission's history: it entered *state* at *at*."""

    state: SubmissionState
    at: datetime
    by: str | None = None
    """Who made the change (a person id or a committee's name)."""
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self._looks_valid():
            self._problems().raise_if_any()

    def _looks_valid(self) -> bool:
        """Whether :meth:`_problems` would find nothing, answered quickly."""
        return (
            self.state.__class__ is SubmissionState
            and c.is_aware(self.at)
            and (self.by is None or c.is_text(self.by))
            and (self.note is None or c.is_text(self.note))
        )

    def _problems(self) -> Problems:
        problems = Problems()
        c.check_enum(problems, ("state",), self.state, SubmissionState)
        c.check_aware(problems, ("at",), self.at)
        c.check_text(problems, ("by",), self.by, optional=True)
        c.check_text(problems, ("note",), self.note, optional=True)
        return problems


def _freeze_scores(scores: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(scores, Mapping):
        return scores
    return MappingProxyType(dict(sorted(scores.items(), key=lambda kv: str(kv[0]))))


def _scores_key(scores: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(scores.items()))


@attrs.frozen(kw_only=True)
class Review:
    """One reviewer's scores (criterion id -> score) and comment on a submission."""

    reviewer: str
    """The reviewer's person id."""
    scores: Mapping[str, float] = attrs.field(converter=_freeze_scores, eq=_scores_key)
    comment: str | None = None
    at: datetime | None = None

    def __attrs_post_init__(self) -> None:
        if not self._looks_valid():
            self._problems().raise_if_any()

    def _looks_valid(self) -> bool:
        """Whether :meth:`_problems` would find nothing, answered quickly."""
        return (
            c.is_id(self.reviewer)
            and type(self.scores) is MappingProxyType
            and all(c.is_score(s, -1e6, 1e6) for s in self.scores.values())
            and (self.comment is None or c.is_text(self.comment))
            and (self.at is None or c.is_aware(self.at))
        )

    def _problems(self) -> Problems:
        problems = Problems()
        c.check_id(problems, ("reviewer",), self.reviewer)
        if not isinstance(self.scores, Mapping):
            problems.add(("scores",), "expected a mapping of criterion id to score")
        else:
            for criterion, score in self.scores.items():
                c.check_number(problems, ("scores", criterion), score, low=-1e6, high=1e6)
        c.check_text(problems, ("comment",), self.comment, optional=True)
        if self.at is not None:
            c.check_aware(problems, ("at",), self.at)
        return problems

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # The read-only scores cannot be pickled; rebuild from plain values.
        fields = attrs.asdict(self, recurse=False)
        fields["scores"] = dict(self.scores)
        return (_restore_review, (fields,))


def _restore_review(fields: dict[str, Any]) -> Review:
    return Review(**fields)


@attrs.frozen(kw_only=True)
class Submission:
    """A piece of research or an innovation submitted to a call."""

    id: str
    title: LocalizedText
    kind: SubmissionKind
    submitters: tuple[str, ...]
    """Person ids, the presenting submitter first."""
    organization: str
    """The submitting institution's organization id."""
    abstract: LocalizedText | None = None
    state: SubmissionState = SubmissionState.DRAFT
    pending_state: SubmissionState | None = None
    """A decision recorded but not yet announced (applied together later)."""
    history: tuple[StateChange, ...] = ()
    """Every state change, oldest first; never rewritten."""
    reviews: tuple[Review, ...] = ()
    booth: str | None = None
    """The exhibition booth, once the submission is exhibited."""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        c.check_enum(problems, ("kind",), self.kind, SubmissionKind)
        c.check_enum(problems, ("state",), self.state, SubmissionState)
        if self.pending_state is not None:
            c.check_enum(problems, ("pending_state",), self.pending_state, SubmissionState)
        if not self.submitters:
            problems.add(("submitters",), "a submission needs at least one submitter")
        c.check_ids(problems, ("submitters",), self.submitters)
        c.check_id(problems, ("organization",), self.organization)
        c.check_text(problems, ("booth",), self.booth, optional=True)
        if self.history and self.history[-1].state != self.state:
            problems.add(
                ("state",),
                f"state {self.state.value!r} disagrees with the last history entry "
                f"({self.history[-1].state.value!r}): the state is where the history ends",
            )
        for i in range(1, len(self.history)):
            earlier, later = self.history[i - 1].at, self.history[i].at
            if later < earlier:
                problems.add(
                    ("history", i, "at"),
                    f"{later.isoformat()} is before the previous entry "
                    f"({earlier.isoformat()}): history must be in time order",
                )
        reviewers: dict[str, int] = {}
        for i, review in enumerate(self.reviews):
            if review.reviewer in reviewers:
                problems.add(
                    ("reviews", i, "reviewer"),
                    f"reviewer {review.reviewer!r} already reviewed this submission "
                    f"(reviews[{reviewers[review.reviewer]}]): one review per reviewer",
                )
            reviewers.setdefault(review.reviewer, i)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class CallForSubmissions:
    """A call for research and innovations, with its review rules and places."""

    id: str
    title: LocalizedText
    opens: datetime
    closes: datetime
    description: LocalizedText | None = None
    kinds: frozenset[SubmissionKind] = frozenset(SubmissionKind)
    criteria: tuple[Criterion, ...] = ()
    score_min: int = 1
    score_max: int = 5
    places: int | None = None
    """How many submissions can be selected (10 for the 2019 exhibition)."""
    max_per_submitter: int | None = None
    max_per_organization: int | None = None
    eligibility: Rule | None = None
    """Who may submit; ``None`` admits anyone."""
    session: str | None = None
    """The session where selected submissions are shown (an exhibition)."""
    submissions: tuple[Submission, ...] = ()

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        c.check_id(problems, ("id",), self.id)
        opens_ok = c.check_aware(problems, ("opens",), self.opens)
        closes_ok = c.check_aware(problems, ("closes",), self.closes)
        if opens_ok and closes_ok and self.closes <= self.opens:
            problems.add(
                ("closes",),
                f"closes ({self.closes.isoformat()}) must be after opens "
                f"({self.opens.isoformat()})",
            )
        if not self.kinds:
            problems.add(("kinds",), "a call accepts at least one kind of submission")
        for kind in sorted(self.kinds, key=str):
            c.check_enum(problems, ("kinds",), kind, SubmissionKind)
        c.index_ids(problems, ("criteria",), self.criteria, what="criterion")
        c.check_int(problems, ("score_min",), self.score_min)
        c.check_int(problems, ("score_max",), self.score_max)
        if (
            isinstance(self.score_min, int)
            and isinstance(self.score_max, int)
            and self.score_max <= self.score_min
        ):
            problems.add(
                ("score_max",),
                f"score_max ({self.score_max}) must be greater than score_min ({self.score_min})",
            )
        c.check_int(problems, ("places",), self.places, minimum=0, optional=True)
        c.check_int(
            problems, ("max_per_submitter",), self.max_per_submitter, minimum=1, optional=True
        )
        c.check_int(
            problems,
            ("max_per_organization",),
            self.max_per_organization,
            minimum=1,
            optional=True,
        )
        if self.session is not None:
            c.check_id(problems, ("session",), self.session)
        c.index_ids(problems, ("submissions",), self.submissions, what="submission")
        criteria = {criterion.id for criterion in self.criteria}
        for i, submission in enumerate(self.submissions):
            if submission.kind not in self.kinds:
                problems.add(
                    ("submissions", i, "kind"),
                    f"kind {submission.kind.value!r} is not accepted by this call "
                    f"(accepts {', '.join(sorted(k.value for k in self.kinds))})",
                )
            for j, review in enumerate(submission.reviews):
                self.check_review(problems, ("submissions", i, "reviews", j), review, criteria)
        problems.raise_if_any()

    def check_review(
        self,
        problems: Problems,
        path: tuple[str | int, ...],
        review: Review,
        criteria: set[str],
    ) -> None:
        for criterion, score in review.scores.items():
            if criterion not in criteria:
                problems.add(
                    (*path, "scores", criterion),
                    f"unknown criterion {criterion!r}: {c.suggest(criterion, criteria)}",
                )
            elif not self.score_min <= score <= self.score_max:
                problems.add(
                    (*path, "scores", criterion),
                    f"score {score!r} is outside the call's scale "
                    f"{self.score_min}..{self.score_max}",
                )
        missing = sorted(criteria - set(review.scores))
        if missing:
            problems.add(
                (*path, "scores"),
                f"missing scores for {', '.join(repr(m) for m in missing)}: a review "
                "scores every criterion of the call",
            )
