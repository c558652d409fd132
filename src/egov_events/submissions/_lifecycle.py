"""The lifecycle of a submission: an explicit state machine, pending decisions, history.

:data:`TRANSITIONS` is the whole machine; nothing else moves a submission.
:func:`transition` makes one move and appends it to the history, never
rewriting it; :func:`decide` records a decision as pending and
:func:`announce` applies every pending decision together, at one time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from egov_events import _checks as c
from egov_events.errors import Problems
from egov_events.rules import evaluate, explain
from egov_events.submissions._model import (
    CallForSubmissions,
    StateChange,
    Submission,
    SubmissionState,
)

if TYPE_CHECKING:
    from egov_events.model import Event, Participant

__all__ = [
    "FINAL_STATES",
    "SELECTED_STATES",
    "TRANSITIONS",
    "InvalidTransition",
    "announce",
    "before",
    "can_transition",
    "decide",
    "transition",
]

_S = SubmissionState

TRANSITIONS: Mapping[SubmissionState, tuple[SubmissionState, ...]] = MappingProxyType(
    {
        _S.DRAFT: (_S.SUBMITTED,),
        _S.SUBMITTED: (_S.UNDER_REVIEW, _S.WITHDRAWN),
        _S.UNDER_REVIEW: (_S.ACCEPTED, _S.REJECTED, _S.WITHDRAWN),
        _S.ACCEPTED: (_S.CONFIRMED, _S.WITHDRAWN),
        _S.REJECTED: (),
        _S.CONFIRMED: (),
        _S.WITHDRAWN: (),
    }
)
"""Every allowed move: ``TRANSITIONS[state]`` lists the states a submission may enter next.

=============  ===================================
from           to
=============  ===================================
draft          submitted
submitted      under_review, withdrawn
under_review   accepted, rejected, withdrawn
accepted       confirmed, withdrawn
rejected       (final)
confirmed      (final)
withdrawn      (final)
=============  ===================================

>>> [s.value for s in TRANSITIONS[SubmissionState.UNDER_REVIEW]]
['accepted', 'rejected', 'withdrawn']
"""

FINAL_STATES: frozenset[SubmissionState] = frozenset(s for s, n in TRANSITIONS.items() if not n)
"""The states no transition leaves: rejected, confirmed and withdrawn.

>>> sorted(s.value for s in FINAL_STATES)
['confirmed', 'rejected', 'withdrawn']
"""

SELECTED_STATES: frozenset[SubmissionState] = frozenset({_S.ACCEPTED, _S.CONFIRMED})
"""The states of a submission that hold one of a call's places.

>>> SubmissionState.CONFIRMED in SELECTED_STATES
True
"""


class InvalidTransition(ValueError):  # noqa: N818 (the name the design gives it)
    """A move the lifecycle refuses; the message says which move and why.

    >>> import egov_events as ee
    >>> sub = ee.examples.kikao_kazi_2019().calls[0].submissions[0]
    >>> transition(sub, "confirmed", at=sub.history[0].at)
    Traceback (most recent call last):
    ...
    egov_events.submissions.InvalidTransition: cannot move submission 'sub-01' from 'rejected' to 'confirmed': 'rejected' is final
    """  # noqa: E501 (a doctest line)


# Errors name their public home in tracebacks: egov_events.submissions.InvalidTransition.
InvalidTransition.__module__ = "egov_events.submissions"


def can_transition(source: SubmissionState, target: SubmissionState) -> bool:
    """Whether :data:`TRANSITIONS` allows moving from *source* to *target*.

    >>> can_transition(SubmissionState.ACCEPTED, SubmissionState.WITHDRAWN)
    True
    >>> can_transition(SubmissionState.REJECTED, SubmissionState.ACCEPTED)
    False
    """
    return target in TRANSITIONS.get(source, ())


def _state(value: SubmissionState | str, what: str) -> SubmissionState:
    try:
        return SubmissionState(value)
    except ValueError:
        allowed = ", ".join(repr(s.value) for s in SubmissionState)
        msg = f"unknown {what} {value!r}: expected one of {allowed}"
        raise InvalidTransition(msg) from None


def _listing(states: Iterable[SubmissionState]) -> str:
    names = [repr(s.value) for s in states]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _why_not(source: SubmissionState, target: SubmissionState) -> str | None:
    """Why :data:`TRANSITIONS` refuses the move, or ``None`` if it allows it."""
    if can_transition(source, target):
        return None
    if source == target:
        return f"it is already {source.value!r}"
    following = TRANSITIONS[source]
    if not following:
        return f"{source.value!r} is final"
    return f"from {source.value!r} it can only move to {_listing(following)}"


def _aware(at: object, prefix: str) -> datetime:
    problems = Problems()
    c.check_aware(problems, (), at)
    if problems:
        raise InvalidTransition(f"{prefix}: {next(iter(problems)).message}")
    assert isinstance(at, datetime)  # noqa: S101 (check_aware said so)
    return at


def transition(
    submission: Submission,
    state: SubmissionState | str,
    *,
    at: datetime,
    by: str | None = None,
    note: str | None = None,
    call: CallForSubmissions | None = None,
    event: Event | None = None,
) -> Submission:
    """Move *submission* to *state* at *at*; return the new submission.

    The change, with *by* (a person id or a committee's name) and *note*, is
    appended to :attr:`~Submission.history`, which is never rewritten; any
    pending decision is cleared, since the submission has moved on.

    Without *call* only the state machine (:data:`TRANSITIONS`) and the time
    order of the history are checked. With *call*, a move to ``submitted``
    is also checked against the call: it must come between its opening and
    closing times (both included), be of a kind the call accepts, and, when
    the call has an :attr:`~CallForSubmissions.eligibility` rule, every
    submitter must be a participant of *event* that the rule admits
    (:func:`egov_events.rules.evaluate`). *event* is needed only for that.

    >>> import egov_events as ee
    >>> sub = ee.examples.kikao_kazi_2019().calls[0].submissions[1]
    >>> sub.state.value, len(sub.history)
    ('accepted', 3)
    >>> later = transition(sub, "confirmed", at=sub.history[-1].at, by=sub.submitters[0])
    >>> later.state.value, later.history[:3] == sub.history, len(later.history)
    ('confirmed', True, 4)

    Raises:
        InvalidTransition: the move is not in :data:`TRANSITIONS`, *at* is
            not an aware datetime or is before the last change, the call is
            closed or not yet open, or the call does not admit a submitter.

    """
    target = _state(state, "state")
    source = submission.state
    move = f"cannot move submission {submission.id!r} from {source.value!r} to {target.value!r}"
    why = _why_not(source, target)
    if why is not None:
        raise InvalidTransition(f"{move}: {why}")
    moment = _aware(at, move)
    if submission.history and c.utc_order(moment) < c.utc_order(submission.history[-1].at):
        last = submission.history[-1]
        msg = (
            f"{move} at {moment.isoformat()}: that is before its last change "
            f"({last.at.isoformat()}, to {last.state.value!r}); history only grows"
        )
        raise InvalidTransition(msg)
    if call is not None and target is SubmissionState.SUBMITTED:
        _check_call(submission, call, moment, event)
    change = StateChange(state=target, at=moment, by=by, note=note)
    return attrs.evolve(
        submission,
        state=target,
        pending_state=None,
        history=(*submission.history, change),
    )


def _check_call(
    submission: Submission, call: CallForSubmissions, at: datetime, event: Event | None
) -> None:
    refused = f"cannot submit submission {submission.id!r} to call {call.id!r}"
    if c.utc_order(at) < c.utc_order(call.opens):
        msg = f"{refused} at {at.isoformat()}: the call opens at {call.opens.isoformat()}"
        raise InvalidTransition(msg)
    if c.utc_order(at) > c.utc_order(call.closes):
        msg = f"{refused} at {at.isoformat()}: the call closed at {call.closes.isoformat()}"
        raise InvalidTransition(msg)
    if submission.kind not in call.kinds:
        accepted = ", ".join(sorted(repr(k.value) for k in call.kinds))
        msg = f"{refused}: the call does not accept {submission.kind.value!r} (accepts {accepted})"
        raise InvalidTransition(msg)
    if call.eligibility is not None:
        if event is None:
            msg = (
                f"{refused}: the call has an eligibility rule; pass event= so that the "
                "submitters can be checked"
            )
            raise InvalidTransition(msg)
        _check_eligibility(submission, call, event, refused)


def _check_eligibility(
    submission: Submission, call: CallForSubmissions, event: Event, refused: str
) -> None:
    rule = call.eligibility
    assert rule is not None  # noqa: S101 (checked by the caller)
    registrations: dict[str, Participant] = {}
    for registration in event.participants:
        registrations.setdefault(registration.person, registration)
    for person in submission.submitters:
        participant = registrations.get(person)
        if participant is None:
            msg = (
                f"{refused}: submitter {person!r} is not a participant of event "
                f"{event.id!r}, and the call admits participants by its eligibility rule"
            )
            raise InvalidTransition(msg)
        if not evaluate(rule, participant, event=event):
            why = explain(rule, participant, event=event).render("en").splitlines()
            msg = (
                f"{refused}: its eligibility rule does not admit submitter {person!r} "
                f"(participant {participant.id!r}): {why[0]}"
            )
            raise InvalidTransition(msg)


def decide(submission: Submission, state: SubmissionState | str | None) -> Submission:
    """Record *state* as the submission's pending decision, to be announced later.

    The decision must be a move :data:`TRANSITIONS` allows from the current
    state; ``None`` clears it. Nothing is added to the history until
    :func:`announce` applies it.

    >>> import egov_events as ee
    >>> sub = ee.examples.kikao_kazi_2019().calls[0].submissions[0]
    >>> reviewed = before(sub, sub.history[-1].at)
    >>> reviewed.state.value, decide(reviewed, "accepted").pending_state.value
    ('under_review', 'accepted')
    >>> decide(reviewed, "accepted").pending_state.value
    'accepted'
    >>> decide(decide(reviewed, "accepted"), None).pending_state is None
    True

    Raises:
        InvalidTransition: :data:`TRANSITIONS` does not allow the move.

    """
    if state is None:
        return attrs.evolve(submission, pending_state=None)
    target = _state(state, "state")
    why = _why_not(submission.state, target)
    if why is not None:
        msg = (
            f"cannot record a pending move of submission {submission.id!r} from "
            f"{submission.state.value!r} to {target.value!r}: {why}"
        )
        raise InvalidTransition(msg)
    return attrs.evolve(submission, pending_state=target)


def announce(
    submissions: Iterable[Submission],
    *,
    at: datetime,
    by: str | None = None,
    note: str | None = None,
    call: CallForSubmissions | None = None,
    event: Event | None = None,
) -> tuple[Submission, ...]:
    """Apply every pending decision together, at one time *at*; the others are kept as they are.

    Each is a :func:`transition` (with *by*, *note*, *call* and *event*), so
    it is checked and recorded in the history. It is all or nothing: if one
    move is refused, none is made. With *call*, the announcement may not
    leave more submissions accepted or confirmed than the call has places.

    >>> import egov_events as ee
    >>> subs = ee.examples.kikao_kazi_2019().calls[0].submissions[:2]
    >>> at = subs[0].history[-1].at
    >>> pending = [decide(before(s, at), state) for s, state in zip(subs, ["accepted", "rejected"])]
    >>> done = announce(pending, at=at, by="kamati-ya-tathmini")
    >>> [(s.state.value, s.pending_state, s.history[-1].at == done[1].history[-1].at) for s in done]
    [('accepted', None, True), ('rejected', None, True)]

    Raises:
        InvalidTransition: a pending move is refused, or the call's places
            would be exceeded.

    """
    given = tuple(submissions)
    done = tuple(
        s
        if s.pending_state is None
        else transition(s, s.pending_state, at=at, by=by, note=note, call=call, event=event)
        for s in given
    )
    if call is not None and call.places is not None:
        before = sum(1 for s in given if s.state in SELECTED_STATES)
        after = sum(1 for s in done if s.state in SELECTED_STATES)
        if after > max(before, call.places):
            msg = (
                f"cannot announce: {after} submissions would be accepted or confirmed, "
                f"more than the {call.places} places of call {call.id!r}"
            )
            raise InvalidTransition(msg)
    return done


def before(submission: Submission, moment: datetime) -> Submission:
    """The submission as it stood just before *moment*: a view, not a change.

    Changes and reviews made at *moment* or later are left out, so the state
    is where the history then stood (``draft`` before the first change); no
    decision is pending and a booth is kept only by an accepted or confirmed
    submission. Analysts use it to replay a call, e.g. as it stood when the
    decisions were announced; the submission itself is untouched.

    >>> import egov_events as ee
    >>> sub = ee.examples.kikao_kazi_2019().calls[0].submissions[1]
    >>> decided = sub.history[-1].at
    >>> then = before(sub, decided)
    >>> then.state.value, len(then.history), len(then.reviews), then.booth
    ('under_review', 2, 3, None)
    >>> before(sub, sub.history[0].at).state.value
    'draft'
    """
    moment = _aware(moment, "before() needs an aware moment")
    history = tuple(h for h in submission.history if c.utc_order(h.at) < c.utc_order(moment))
    state = history[-1].state if history else SubmissionState.DRAFT
    return attrs.evolve(
        submission,
        state=state,
        pending_state=None,
        history=history,
        reviews=tuple(
            r for r in submission.reviews if r.at is None or c.utc_order(r.at) < c.utc_order(moment)
        ),
        booth=submission.booth if state in SELECTED_STATES else None,
    )
