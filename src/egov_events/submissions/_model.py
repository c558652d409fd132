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
from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, cast

import attrs

from egov_events import _checks as c
from egov_events import _fields as f
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


def _text(value: LocalizedText | Mapping[str, str]) -> LocalizedText:
    return cast("LocalizedText", f.to_text(value))


def _optional_text(value: LocalizedText | Mapping[str, str] | None) -> LocalizedText | None:
    return cast("LocalizedText | None", f.to_text(value))


def _state(value: SubmissionState | str) -> SubmissionState:
    return cast("SubmissionState", f.to_enum(SubmissionState, value))


def _optional_state(value: SubmissionState | str | None) -> SubmissionState | None:
    return cast("SubmissionState | None", f.to_enum(SubmissionState, value))


def _kind(value: SubmissionKind | str) -> SubmissionKind:
    return cast("SubmissionKind", f.to_enum(SubmissionKind, value))


def _kinds(value: Iterable[SubmissionKind | str]) -> frozenset[SubmissionKind]:
    items = f.to_frozenset(value)
    if type(items) is frozenset:
        items = frozenset(f.to_enum(SubmissionKind, k) for k in items)
    return cast("frozenset[SubmissionKind]", items)


def _id_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return cast("tuple[str, ...]", f.to_tuple(value))


@attrs.frozen(kw_only=True)
class Criterion:
    """A review criterion of a call, with its weight in the total score."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    name: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    weight: float = attrs.field(metadata=f.meta(f.number(0, f.LARGEST)), default=1.0)
    """Relative weight; the weighted mean divides by the sum of weights."""
    description: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )

    def __attrs_post_init__(self) -> None:
        f.validate(self, self._more)

    def _more(self, problems: Problems) -> None:
        if self.weight == 0 and type(self.weight) in (int, float):
            problems.add(("weight",), "must be greater than 0", "lazima iwe zaidi ya 0")


@attrs.frozen(kw_only=True)
class StateChange:
    """One entry of a submission's history: it entered *state* at *at*."""

    state: SubmissionState = attrs.field(
        metadata=f.meta(f.member(SubmissionState)), converter=_state
    )
    at: datetime = attrs.field(metadata=f.meta(f.AWARE))
    by: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    """Who made the change (a person id or a committee's name)."""
    note: str | None = attrs.field(metadata=f.meta(f.optional(f.LINES)), default=None)

    def __attrs_post_init__(self) -> None:
        f.validate(self)


def _freeze_scores(scores: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(scores, Mapping):
        return scores
    return MappingProxyType(dict(sorted(scores.items(), key=lambda kv: str(kv[0]))))


def _scores_key(scores: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(scores.items()))


@attrs.frozen(kw_only=True)
class Review:
    """One reviewer's scores (criterion id -> score) and comment on a submission."""

    reviewer: str = attrs.field(metadata=f.meta(f.ID))
    """The reviewer's person id."""
    scores: Mapping[str, float] = attrs.field(
        metadata=f.meta(f.scores(f.number(-f.LARGEST, f.LARGEST))),
        converter=_freeze_scores,
        eq=_scores_key,
    )
    comment: str | None = attrs.field(metadata=f.meta(f.optional(f.LINES)), default=None)
    at: datetime | None = attrs.field(metadata=f.meta(f.optional(f.AWARE)), default=None)

    def __attrs_post_init__(self) -> None:
        f.validate(self)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # The read-only scores cannot be pickled; rebuild from plain values.
        fields = attrs.asdict(self, recurse=False)
        fields["scores"] = dict(self.scores)
        return (_restore_review, (fields,))


def _restore_review(fields: dict[str, Any]) -> Review:
    return Review(**fields)


def _history(value: Iterable[StateChange]) -> tuple[StateChange, ...]:
    return cast("tuple[StateChange, ...]", f.to_tuple(value))


def _reviews(value: Iterable[Review]) -> tuple[Review, ...]:
    return cast("tuple[Review, ...]", f.to_tuple(value))


@attrs.frozen(kw_only=True)
class Submission:
    """A piece of research or an innovation submitted to a call."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    title: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    kind: SubmissionKind = attrs.field(metadata=f.meta(f.member(SubmissionKind)), converter=_kind)
    submitters: tuple[str, ...] = attrs.field(metadata=f.meta(f.IDS), converter=_id_tuple)
    """Person ids, the presenting submitter first."""
    organization: str = attrs.field(metadata=f.meta(f.ID))
    """The submitting institution's organization id."""
    abstract: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    state: SubmissionState = attrs.field(
        metadata=f.meta(f.member(SubmissionState)), converter=_state, default=SubmissionState.DRAFT
    )
    pending_state: SubmissionState | None = attrs.field(
        metadata=f.meta(f.optional(f.member(SubmissionState))),
        converter=_optional_state,
        default=None,
    )
    """A decision recorded but not yet announced (applied together later)."""
    history: tuple[StateChange, ...] = attrs.field(
        metadata=f.meta(f.objects(StateChange)), converter=_history, default=()
    )
    """Every state change, oldest first; never rewritten."""
    reviews: tuple[Review, ...] = attrs.field(
        metadata=f.meta(f.objects(Review)), converter=_reviews, default=()
    )
    booth: str | None = attrs.field(metadata=f.meta(f.optional(f.TEXT)), default=None)
    """The exhibition booth, once the submission is exhibited."""

    def __attrs_post_init__(self) -> None:
        f.validate(self, self._more)

    def _more(self, problems: Problems) -> None:
        if type(self.submitters) is tuple and not self.submitters:
            problems.add(
                ("submitters",),
                "a submission needs at least one submitter",
                "wasilisho linahitaji angalau mwasilishaji mmoja",
            )
        history = [x for x in f.each(self.history) if isinstance(x, StateChange)]
        if len(history) != len(f.each(self.history)):
            return
        if history and history[-1].state != self.state:
            problems.add(
                ("state",),
                f"state {str(self.state)!r} disagrees with the last history entry "
                f"({history[-1].state.value!r}): the state is where the history ends",
                f"hali {str(self.state)!r} haikubaliani na ingizo la mwisho la historia "
                f"({history[-1].state.value!r}): hali ni pale historia inapoishia",
            )
        for i in range(1, len(history)):
            earlier, later = history[i - 1].at, history[i].at
            if (
                isinstance(later, datetime)
                and isinstance(earlier, datetime)
                and c.utc_order(later) < c.utc_order(earlier)
            ):
                problems.add(
                    ("history", i, "at"),
                    f"{later.isoformat()} is before the previous entry "
                    f"({earlier.isoformat()}): history must be in time order",
                    f"{later.isoformat()} ni kabla ya ingizo lililotangulia "
                    f"({earlier.isoformat()}): historia lazima iwe kwa mpangilio wa wakati",
                )
        reviewers: dict[str, int] = {}
        for i, review in enumerate(f.each(self.reviews)):
            if not isinstance(review, Review):
                continue
            if review.reviewer in reviewers:
                problems.add(
                    ("reviews", i, "reviewer"),
                    f"reviewer {review.reviewer!r} already reviewed this submission "
                    f"(reviews[{reviewers[review.reviewer]}]): one review per reviewer",
                    f"mtathmini {review.reviewer!r} tayari ametathmini wasilisho hili "
                    f"(reviews[{reviewers[review.reviewer]}]): tathmini moja kwa kila mtathmini",
                )
            reviewers.setdefault(review.reviewer, i)


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return cast("tuple[Criterion, ...]", f.to_tuple(value))


def _submissions(value: Iterable[Submission]) -> tuple[Submission, ...]:
    return cast("tuple[Submission, ...]", f.to_tuple(value))


@attrs.frozen(kw_only=True)
class CallForSubmissions:
    """A call for research and innovations, with its review rules and places."""

    id: str = attrs.field(metadata=f.meta(f.OWN_ID))
    title: LocalizedText = attrs.field(metadata=f.meta(f.TITLE), converter=_text)
    opens: datetime = attrs.field(metadata=f.meta(f.AWARE))
    closes: datetime = attrs.field(metadata=f.meta(f.AWARE))
    description: LocalizedText | None = attrs.field(
        metadata=f.meta(f.optional(f.LTEXT)), converter=_optional_text, default=None
    )
    kinds: frozenset[SubmissionKind] = attrs.field(
        metadata=f.meta(f.enum_set(SubmissionKind)),
        converter=_kinds,
        default=frozenset(SubmissionKind),
    )
    criteria: tuple[Criterion, ...] = attrs.field(
        metadata=f.meta(f.objects(Criterion)), converter=_criteria, default=()
    )
    score_min: int = attrs.field(metadata=f.meta(f.integer()), default=1)
    score_max: int = attrs.field(metadata=f.meta(f.integer()), default=5)
    places: int | None = attrs.field(metadata=f.meta(f.optional(f.integer(0))), default=None)
    """How many submissions can be selected (10 for the 2019 exhibition)."""
    max_per_submitter: int | None = attrs.field(
        metadata=f.meta(f.optional(f.integer(1))), default=None
    )
    max_per_organization: int | None = attrs.field(
        metadata=f.meta(f.optional(f.integer(1))), default=None
    )
    eligibility: Rule | None = attrs.field(
        metadata=f.meta(f.optional(f.instance(Rule))), default=None
    )
    """Who may submit; ``None`` admits anyone."""
    session: str | None = attrs.field(metadata=f.meta(f.optional(f.ID)), default=None)
    """The session where selected submissions are shown (an exhibition)."""
    submissions: tuple[Submission, ...] = attrs.field(
        metadata=f.meta(f.objects(Submission)), converter=_submissions, default=()
    )

    def __attrs_post_init__(self) -> None:
        f.validate(self, self._more)

    def _more(self, problems: Problems) -> None:
        if (
            f.is_moment(self.opens)
            and f.is_moment(self.closes)
            and c.utc_order(self.closes) <= c.utc_order(self.opens)
        ):
            problems.add(
                ("closes",),
                f"closes ({self.closes.isoformat()}) must be after opens "
                f"({self.opens.isoformat()})",
                f"closes ({self.closes.isoformat()}) lazima iwe baada ya opens "
                f"({self.opens.isoformat()})",
            )
        if type(self.kinds) is frozenset and not self.kinds:
            problems.add(
                ("kinds",),
                "a call accepts at least one kind of submission",
                "wito hupokea angalau aina moja ya wasilisho",
            )
        c.index_ids(problems, ("criteria",), f.each(self.criteria), what="criterion")
        if (
            type(self.score_min) is int
            and type(self.score_max) is int
            and self.score_max <= self.score_min
        ):
            problems.add(
                ("score_max",),
                f"score_max ({self.score_max}) must be greater than score_min ({self.score_min})",
                f"score_max ({self.score_max}) lazima iwe kubwa kuliko score_min "
                f"({self.score_min})",
            )
        c.index_ids(problems, ("submissions",), f.each(self.submissions), what="submission")
        if not f.look_valid(self, "kinds", "score_min", "score_max", "criteria", "submissions"):
            return  # the checks below read these parts
        criteria = {criterion.id for criterion in self.criteria}
        for i, submission in enumerate(self.submissions):
            if submission.kind not in self.kinds:
                problems.add(
                    ("submissions", i, "kind"),
                    f"kind {submission.kind.value!r} is not accepted by this call "
                    f"(accepts {', '.join(sorted(k.value for k in self.kinds))})",
                    f"aina {submission.kind.value!r} haipokelewi na wito huu "
                    f"(unapokea {', '.join(sorted(k.value for k in self.kinds))})",
                )
            for j, review in enumerate(submission.reviews):
                self.check_review(problems, ("submissions", i, "reviews", j), review, criteria)

    def check_review(
        self,
        problems: Problems,
        path: tuple[str | int, ...],
        review: Review,
        criteria: set[str],
    ) -> None:
        for criterion, score in review.scores.items():
            if criterion not in criteria:
                c.unknown(problems, (*path, "scores", criterion), "criterion", criterion, criteria)
            elif not self.score_min <= score <= self.score_max:
                problems.add(
                    (*path, "scores", criterion),
                    f"score {score!r} is outside the call's scale "
                    f"{self.score_min}..{self.score_max}",
                    f"alama {score!r} iko nje ya kipimo cha wito "
                    f"{self.score_min}..{self.score_max}",
                )
        missing = sorted(criteria - set(review.scores))
        if missing:
            listed = ", ".join(repr(m) for m in missing)
            problems.add(
                (*path, "scores"),
                f"missing scores for {listed}: a review scores every criterion of the call",
                f"alama za {listed} hazipo: tathmini hutoa alama kwa kila kigezo cha wito",
            )
