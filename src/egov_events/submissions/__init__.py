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

from egov_events._lazy import lazy_names

# The records load with the package (the event model needs them); the
# lifecycle, reviews and selection load on first use. Each public name is
# written once: see egov_events._lazy.
from egov_events.submissions._model import CallForSubmissions as CallForSubmissions
from egov_events.submissions._model import Criterion as Criterion
from egov_events.submissions._model import Review as Review
from egov_events.submissions._model import StateChange as StateChange
from egov_events.submissions._model import Submission as Submission
from egov_events.submissions._model import SubmissionKind as SubmissionKind
from egov_events.submissions._model import SubmissionState as SubmissionState

if TYPE_CHECKING:
    from egov_events.submissions._lifecycle import FINAL_STATES as FINAL_STATES
    from egov_events.submissions._lifecycle import SELECTED_STATES as SELECTED_STATES
    from egov_events.submissions._lifecycle import TRANSITIONS as TRANSITIONS
    from egov_events.submissions._lifecycle import InvalidTransition as InvalidTransition
    from egov_events.submissions._lifecycle import announce as announce
    from egov_events.submissions._lifecycle import before as before
    from egov_events.submissions._lifecycle import can_transition as can_transition
    from egov_events.submissions._lifecycle import decide as decide
    from egov_events.submissions._lifecycle import transition as transition
    from egov_events.submissions._reviews import InvalidReview as InvalidReview
    from egov_events.submissions._reviews import ReviewSummary as ReviewSummary
    from egov_events.submissions._reviews import add_review as add_review
    from egov_events.submissions._reviews import review_score as review_score
    from egov_events.submissions._reviews import scores as scores
    from egov_events.submissions._selection import Outcome as Outcome
    from egov_events.submissions._selection import Placement as Placement
    from egov_events.submissions._selection import Reason as Reason
    from egov_events.submissions._selection import Selection as Selection
    from egov_events.submissions._selection import apply as apply
    from egov_events.submissions._selection import assign_booths as assign_booths
    from egov_events.submissions._selection import exhibits as exhibits
    from egov_events.submissions._selection import format_score as format_score
    from egov_events.submissions._selection import promote as promote
    from egov_events.submissions._selection import rank_key as rank_key
    from egov_events.submissions._selection import select as select
    from egov_events.submissions._selection import withdraw as withdraw
else:
    __getattr__, __dir__ = lazy_names(__name__)
