"""Calls for submissions: the lifecycle, reviews and a selection that respects its quota.

The 2019 workshop called universities, technology colleges and research
institutes to submit research and innovations for an exhibition; 24 came in
and 10 were selected. This package holds that as data and runs it:

- the data: a :class:`CallForSubmissions` (opening and closing times, an
  eligibility rule, kinds, weighted :class:`Criterion` list, score scale,
  places, limits per submitter and per institution) and its
  :class:`Submission` list, each with its :class:`SubmissionState`, the
  :class:`StateChange` history and its :class:`Review` list;
- the lifecycle, an explicit state machine (:data:`TRANSITIONS`):
  :func:`transition` makes one move and records it; :func:`decide` records a
  pending decision and :func:`announce` applies the pending ones together;
- reviews: :func:`add_review` refuses conflicts of interest, :func:`scores`
  adds a submission's reviews up exactly (:class:`ReviewSummary`);
- selection: :func:`select` ranks and fills the places, returning a
  :class:`Selection` that says for each submission why it is in or out, in
  Swahili and English; :func:`apply` moves the submissions accordingly,
  :func:`withdraw` gives a freed place to the waiting list, and
  :func:`assign_booths` and :func:`exhibits` put the selected in the
  exhibition.

The ranking and its tie-break are those of :func:`select`: the higher
weighted mean, then the higher median, then the smaller spread, then more
reviews, then the id.

>>> import egov_events as ee
>>> from egov_events.submissions import before, select
>>> call = ee.examples.kikao_kazi_2019().calls[0]
>>> len(call.submissions), sum(s.state.value == "accepted" for s in call.submissions)
(24, 10)
>>> then = [before(s, s.history[-1].at) for s in call.submissions]
>>> select(call, then).selected == tuple(
...     s.id for s in sorted(call.submissions, key=lambda s: s.booth or "~")[:10])
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The model classes load with the package (the event model needs them); the
# lifecycle, reviews and selection load on first use.
from egov_events._lazy import lazy_names
from egov_events.submissions._model import (
    CallForSubmissions,
    Criterion,
    Review,
    StateChange,
    Submission,
    SubmissionKind,
    SubmissionState,
)

if TYPE_CHECKING:
    from egov_events.submissions._lifecycle import (
        FINAL_STATES,
        SELECTED_STATES,
        TRANSITIONS,
        InvalidTransition,
        announce,
        before,
        can_transition,
        decide,
        transition,
    )
    from egov_events.submissions._reviews import (
        InvalidReview,
        ReviewSummary,
        add_review,
        review_score,
        scores,
    )
    from egov_events.submissions._selection import (
        Outcome,
        Placement,
        Reason,
        Selection,
        apply,
        assign_booths,
        exhibits,
        format_score,
        promote,
        rank_key,
        select,
        withdraw,
    )

_LAZY = {
    "FINAL_STATES": "._lifecycle",
    "SELECTED_STATES": "._lifecycle",
    "TRANSITIONS": "._lifecycle",
    "InvalidTransition": "._lifecycle",
    "announce": "._lifecycle",
    "before": "._lifecycle",
    "can_transition": "._lifecycle",
    "decide": "._lifecycle",
    "transition": "._lifecycle",
    "InvalidReview": "._reviews",
    "ReviewSummary": "._reviews",
    "add_review": "._reviews",
    "review_score": "._reviews",
    "scores": "._reviews",
    "Outcome": "._selection",
    "Placement": "._selection",
    "Reason": "._selection",
    "Selection": "._selection",
    "apply": "._selection",
    "assign_booths": "._selection",
    "exhibits": "._selection",
    "format_score": "._selection",
    "promote": "._selection",
    "rank_key": "._selection",
    "select": "._selection",
    "withdraw": "._selection",
}


__all__ = [
    "FINAL_STATES",
    "SELECTED_STATES",
    "TRANSITIONS",
    "CallForSubmissions",
    "Criterion",
    "InvalidReview",
    "InvalidTransition",
    "Outcome",
    "Placement",
    "Reason",
    "Review",
    "ReviewSummary",
    "Selection",
    "StateChange",
    "Submission",
    "SubmissionKind",
    "SubmissionState",
    "add_review",
    "announce",
    "apply",
    "assign_booths",
    "before",
    "can_transition",
    "decide",
    "exhibits",
    "format_score",
    "promote",
    "rank_key",
    "review_score",
    "scores",
    "select",
    "transition",
    "withdraw",
]

# Hidden from type checkers, which see the imports above instead, so that a
# misspelt name is still an error for them.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
