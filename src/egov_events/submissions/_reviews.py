"""Reviews: adding one (refusing conflicts of interest) and the scores they add up to.

Scores are computed exactly, as :class:`fractions.Fraction`: a criterion's
weight ``0.4`` is read as ``2/5`` (its shortest decimal form), so the same
reviews always give the same numbers and the same ranking, on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from egov_events import _checks as c
from egov_events.errors import Problems
from egov_events.submissions._model import (
    CallForSubmissions,
    Review,
    Submission,
    SubmissionState,
)

if TYPE_CHECKING:
    from egov_events.model import Event

__all__ = ["InvalidReview", "ReviewSummary", "add_review", "review_score", "scores"]


class InvalidReview(ValueError):  # noqa: N818 (named like InvalidTransition)
    """A review that cannot be added: a conflict of interest, a second review, bad scores.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> call = event.calls[0]
    >>> from egov_events.submissions import before
    >>> sub = before(call.submissions[0], call.submissions[0].history[-1].at)
    >>> add_review(sub, sub.reviews[0], call=call, event=event)
    Traceback (most recent call last):
    ...
    egov_events.submissions.InvalidReview: cannot add the review by 'person-costech-1' to submission 'sub-01': that reviewer already reviewed it; one review per reviewer
    """  # noqa: E501 (a doctest line)


# Errors name their public home in tracebacks: egov_events.submissions.InvalidReview.
InvalidReview.__module__ = "egov_events.submissions"


def _exact(value: float) -> Fraction:
    """A number as an exact fraction; a float by its shortest decimal form (0.4 -> 2/5)."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def review_score(call: CallForSubmissions, review: Review) -> Fraction:
    """One review's weighted mean: ``sum(weight * score) / sum(weights)`` over the call's criteria.

    >>> import egov_events as ee
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> review = call.submissions[0].reviews[0]
    >>> dict(review.scores), review_score(call, review)
    ({'feasibility': 3.0, 'innovation': 4.0, 'relevance': 3.0}, Fraction(33, 10))

    Raises:
        ValueError: the call has no criteria, or the review lacks a score
            for one of them.

    """
    if not call.criteria:
        msg = f"call {call.id!r} has no criteria to score a review by"
        raise ValueError(msg)
    total = Fraction(0)
    weights = Fraction(0)
    for criterion in call.criteria:
        if criterion.id not in review.scores:
            msg = f"the review by {review.reviewer!r} has no score for criterion {criterion.id!r}"
            raise ValueError(msg)
        weight = _exact(criterion.weight)
        total += weight * _exact(review.scores[criterion.id])
        weights += weight
    return total / weights


def _median(values: Sequence[Fraction]) -> Fraction:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@attrs.frozen(kw_only=True)
class ReviewSummary:
    """What a submission's reviews add up to, exactly; see :func:`scores`.

    The score fields are ``None`` when there is no review to add up.
    """

    submission: str
    """The submission's id."""
    count: int
    """How many reviews there are."""
    weighted_mean: Fraction | None
    """The mean of the reviews' weighted means (:func:`review_score`): the score that ranks."""
    median: Fraction | None
    """The median of the reviews' weighted means."""
    spread: Fraction | None
    """The highest minus the lowest of the reviews' weighted means: how far reviewers disagree."""
    criteria: tuple[tuple[str, Fraction], ...] = ()
    """The mean score on each criterion, in the call's order."""


def scores(call: CallForSubmissions, submission: Submission) -> ReviewSummary:
    """Add up a submission's reviews under its call's criteria and weights.

    >>> import egov_events as ee
    >>> call = ee.examples.kikao_kazi_2019().calls[0]
    >>> summary = scores(call, call.submissions[11])
    >>> summary.count, summary.weighted_mean, summary.median, summary.spread
    (3, Fraction(13, 3), Fraction(43, 10), Fraction(1, 10))
    >>> [(cid, str(mean)) for cid, mean in summary.criteria]
    [('relevance', '13/3'), ('innovation', '14/3'), ('feasibility', '4')]

    Raises:
        ValueError: a review lacks a score for one of the call's criteria.

    """
    if not submission.reviews or not call.criteria:
        return ReviewSummary(
            submission=submission.id,
            count=len(submission.reviews),
            weighted_mean=None,
            median=None,
            spread=None,
        )
    means = [review_score(call, r) for r in submission.reviews]
    n = len(means)
    per_criterion = tuple(
        (k.id, sum((_exact(r.scores[k.id]) for r in submission.reviews), Fraction(0)) / n)
        for k in call.criteria
    )
    return ReviewSummary(
        submission=submission.id,
        count=n,
        weighted_mean=sum(means, Fraction(0)) / n,
        median=_median(means),
        spread=max(means) - min(means),
        criteria=per_criterion,
    )


def add_review(
    submission: Submission, review: Review, *, call: CallForSubmissions, event: Event
) -> Submission:
    """Add *review* to *submission*, which must be under review; return the new submission.

    Refused: a second review by the same reviewer; a conflict of interest,
    that is a reviewer who is one of the submitters or whose organization
    (in *event*'s people) is the submitting institution or a submitter's
    affiliation; a reviewer *event* does not know; scores that miss a
    criterion of *call*, name an unknown one or fall outside its scale.

    >>> import egov_events as ee
    >>> from egov_events.submissions import before
    >>> event = ee.examples.kikao_kazi_2019()
    >>> call = event.calls[0]
    >>> sub = before(call.submissions[0], call.submissions[0].history[1].at.replace(hour=10))
    >>> sub.state.value, len(sub.reviews)
    ('under_review', 0)
    >>> len(add_review(sub, call.submissions[0].reviews[0], call=call, event=event).reviews)
    1
    >>> udom = ee.Review(reviewer="person-0699", scores={"relevance": 5, "innovation": 5,
    ...                  "feasibility": 5})
    >>> add_review(sub, udom, call=call, event=event)
    Traceback (most recent call last):
    ...
    egov_events.submissions.InvalidReview: cannot add the review by 'person-0699' to submission 'sub-01': conflict of interest: the reviewer is from 'udom', the submitting institution

    Raises:
        InvalidReview: the review is refused; the message says why.

    """  # noqa: E501 (a doctest line)
    refused = f"cannot add the review by {review.reviewer!r} to submission {submission.id!r}"
    if submission.state is not SubmissionState.UNDER_REVIEW:
        msg = (
            f"{refused}: it is {submission.state.value!r}; reviews are added while a "
            "submission is under review"
        )
        raise InvalidReview(msg)
    if any(r.reviewer == review.reviewer for r in submission.reviews):
        raise InvalidReview(
            f"{refused}: that reviewer already reviewed it; one review per reviewer"
        )
    if review.reviewer in submission.submitters:
        raise InvalidReview(f"{refused}: conflict of interest: the reviewer is a submitter")
    people = {p.id: p for p in event.people}
    reviewer = people.get(review.reviewer)
    if reviewer is None:
        msg = f"{refused}: unknown reviewer: {c.suggest(review.reviewer, people)}"
        raise InvalidReview(msg)
    if reviewer.organization is not None:
        if reviewer.organization == submission.organization:
            msg = (
                f"{refused}: conflict of interest: the reviewer is from "
                f"{reviewer.organization!r}, the submitting institution"
            )
            raise InvalidReview(msg)
        for person_id in submission.submitters:
            person = people.get(person_id)
            if person is not None and person.organization == reviewer.organization:
                msg = (
                    f"{refused}: conflict of interest: the reviewer is from "
                    f"{reviewer.organization!r}, as is submitter {person_id!r}"
                )
                raise InvalidReview(msg)
    problems = Problems()
    call.check_review(problems, (), review, {k.id for k in call.criteria})
    if problems:
        raise InvalidReview(f"{refused}: {'; '.join(p.message for p in problems)}")
    return attrs.evolve(submission, reviews=(*submission.reviews, review))
