"""Calls for submissions: the lifecycle, reviews, selection, booths, and the 2019 call."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import egov_events as ee
from egov_events import rules
from egov_events.examples import kikao_kazi_2019
from egov_events.submissions import (
    FINAL_STATES,
    SELECTED_STATES,
    TRANSITIONS,
    InvalidReview,
    InvalidTransition,
    Outcome,
    Reason,
    Selection,
    add_review,
    announce,
    apply,
    assign_booths,
    before,
    can_transition,
    decide,
    exhibits,
    format_score,
    promote,
    review_score,
    scores,
    select,
    transition,
    withdraw,
)

TZ = ZoneInfo("Africa/Dar_es_Salaam")
S = ee.SubmissionState


def exactly(message: str) -> str:
    """A ``match=`` pattern for exactly this message."""
    return f"^{re.escape(message)}$"


OPENS = datetime(2018, 12, 1, 8, tzinfo=TZ)
CLOSES = datetime(2019, 1, 15, 16, tzinfo=TZ)
SUBMITTED_AT = datetime(2019, 1, 3, 10, tzinfo=TZ)
REVIEW_AT = datetime(2019, 1, 16, 9, tzinfo=TZ)
DECISION_AT = datetime(2019, 1, 22, 15, tzinfo=TZ)
T = ee.LocalizedText.of
CRITERIA = ("relevance", "innovation", "feasibility")


def org(ident: str, kind: ee.OrganizationKind) -> ee.Organization:
    return ee.Organization(id=ident, name=T(sw=ident, en=ident), kind=kind)


ORGS = (
    org("ega", ee.OrganizationKind.EXECUTIVE_AGENCY),
    org("udom", ee.OrganizationKind.UNIVERSITY),
    org("dit", ee.OrganizationKind.TECHNICAL_COLLEGE),
    org("costech", ee.OrganizationKind.RESEARCH_INSTITUTE),
)
PEOPLE = tuple(
    ee.Person(id=ident, name=ident.title(), organization=affiliation)
    for ident, affiliation in [
        ("rev-ega", "ega"),
        ("rev-costech", "costech"),
        ("rev-udom", "udom"),
        ("rev-free", None),
        ("asha", "udom"),
        ("baraka", "dit"),
        ("chausiku", "costech"),
        ("daudi", "dit"),
    ]
)


def make_event(calls: Sequence[ee.CallForSubmissions] = ()) -> ee.Event:
    return ee.Event(
        id="kikao",
        title=T(sw="Kikao", en="Workshop"),
        organizer="ega",
        timezone=TZ,
        first_day=date(2019, 1, 30),
        last_day=date(2019, 2, 2),
        updated=datetime(2019, 2, 4, 10, tzinfo=TZ),
        organizations=ORGS,
        people=PEOPLE,
        roles=(ee.Role(id="researcher", name=T(sw="Mtafiti", en="Researcher")),),
        sessions=(
            ee.Session(
                id="exhibition",
                kind=ee.SessionKind.EXHIBITION,
                title=T(sw="Maonesho", en="Exhibition"),
                start=datetime(2019, 2, 2, 10, 30, tzinfo=TZ),
                end=datetime(2019, 2, 2, 13, tzinfo=TZ),
            ),
        ),
        participants=(
            ee.Participant(
                id="p-asha", person="asha", organization="udom", roles=frozenset({"researcher"})
            ),
            ee.Participant(id="p-baraka", person="baraka", organization="dit"),
        ),
        calls=tuple(calls),
    )


EVENT = make_event()


def make_call(**changes: object) -> ee.CallForSubmissions:
    fields: dict[str, object] = {
        "id": "call",
        "title": T(sw="Wito", en="Call"),
        "opens": OPENS,
        "closes": CLOSES,
        "criteria": (
            ee.Criterion(id="relevance", name=T(en="Relevance"), weight=0.4),
            ee.Criterion(id="innovation", name=T(en="Innovation"), weight=0.3),
            ee.Criterion(id="feasibility", name=T(en="Feasibility"), weight=0.3),
        ),
        "places": 2,
        "session": "exhibition",
    }
    fields.update(changes)
    return ee.CallForSubmissions(**fields)  # type: ignore[arg-type]


CALL = make_call()


def draft(
    ident: str, organization: str = "udom", submitters: tuple[str, ...] = ("asha",)
) -> ee.Submission:
    return ee.Submission(
        id=ident,
        title=T(sw=ident, en=ident),
        kind=ee.SubmissionKind.RESEARCH,
        submitters=submitters,
        organization=organization,
    )


PATHS: dict[ee.SubmissionState, tuple[ee.SubmissionState, ...]] = {
    S.DRAFT: (),
    S.SUBMITTED: (S.SUBMITTED,),
    S.UNDER_REVIEW: (S.SUBMITTED, S.UNDER_REVIEW),
    S.ACCEPTED: (S.SUBMITTED, S.UNDER_REVIEW, S.ACCEPTED),
    S.REJECTED: (S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED),
    S.CONFIRMED: (S.SUBMITTED, S.UNDER_REVIEW, S.ACCEPTED, S.CONFIRMED),
    S.WITHDRAWN: (S.SUBMITTED, S.WITHDRAWN),
}


def in_state(state: ee.SubmissionState, ident: str = "sub-1", **kw: object) -> ee.Submission:
    sub = draft(ident, **kw)  # type: ignore[arg-type]
    for i, step in enumerate(PATHS[state]):
        sub = transition(sub, step, at=SUBMITTED_AT + timedelta(days=i), by="kamati")
    return sub


def uniform(reviewer: str, score: float) -> ee.Review:
    """A review that gives every criterion the same score: its weighted mean is that score."""
    return ee.Review(reviewer=reviewer, scores=dict.fromkeys(CRITERIA, score))


REVIEWERS = ("rev-ega", "rev-costech", "rev-free", "rev-udom")


def reviewed(
    ident: str,
    marks: Sequence[float],
    organization: str = "dit",
    submitters: tuple[str, ...] = ("baraka",),
) -> ee.Submission:
    sub = in_state(S.UNDER_REVIEW, ident, organization=organization, submitters=submitters)
    return attrs.evolve(
        sub, reviews=tuple(uniform(r, m) for r, m in zip(REVIEWERS, marks, strict=False))
    )


# -- the state machine ---------------------------------------------------------------


def test_the_transition_table() -> None:
    expected = {
        "draft": ["submitted"],
        "submitted": ["under_review", "withdrawn"],
        "under_review": ["accepted", "rejected", "withdrawn"],
        "accepted": ["confirmed", "withdrawn"],
        "rejected": [],
        "confirmed": [],
        "withdrawn": [],
    }
    assert expected == {k.value: [v.value for v in vs] for k, vs in TRANSITIONS.items()}
    assert {S.REJECTED, S.CONFIRMED, S.WITHDRAWN} == FINAL_STATES
    assert {S.ACCEPTED, S.CONFIRMED} == SELECTED_STATES


NEXT = {
    S.DRAFT: "from 'draft' it can only move to 'submitted'",
    S.SUBMITTED: "from 'submitted' it can only move to 'under_review' or 'withdrawn'",
    S.UNDER_REVIEW: (
        "from 'under_review' it can only move to 'accepted', 'rejected' or 'withdrawn'"
    ),
    S.ACCEPTED: "from 'accepted' it can only move to 'confirmed' or 'withdrawn'",
}
PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_transition_allowed_or_refused(
    source: ee.SubmissionState, target: ee.SubmissionState
) -> None:
    sub = in_state(source)
    at = DECISION_AT
    if target in TRANSITIONS[source]:
        assert can_transition(source, target)
        moved = transition(sub, target, at=at, by="kamati", note="sawa")
        assert target == moved.state
        assert sub.history == moved.history[: len(sub.history)]
        assert ee.StateChange(state=target, at=at, by="kamati", note="sawa") == moved.history[-1]
        return
    assert not can_transition(source, target)
    if source == target:
        why = f"it is already {source.value!r}"
    elif source in FINAL_STATES:
        why = f"{source.value!r} is final"
    else:
        why = NEXT[source]
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, target, at=at)
    assert (
        f"cannot move submission 'sub-1' from {source.value!r} to {target.value!r}: {why}"
        == str(caught.value)
    )
    assert isinstance(caught.value, ValueError)


def test_a_transition_clears_a_pending_decision_and_keeps_the_old_history() -> None:
    sub = decide(in_state(S.UNDER_REVIEW), S.ACCEPTED)
    moved = transition(sub, "withdrawn", at=DECISION_AT, by="asha", note="tumejitoa")
    assert (S.WITHDRAWN, None) == (moved.state, moved.pending_state)
    assert sub.history == moved.history[:-1]
    assert (S.UNDER_REVIEW, S.ACCEPTED) == (sub.state, sub.pending_state)


def test_history_only_grows_forward_in_time() -> None:
    sub = in_state(S.UNDER_REVIEW)
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, S.ACCEPTED, at=SUBMITTED_AT)
    assert (
        "cannot move submission 'sub-1' from 'under_review' to 'accepted' at "
        "2019-01-03T10:00:00+03:00: that is before its last change "
        "(2019-01-04T10:00:00+03:00, to 'under_review'); history only grows"
    ) == str(caught.value)


def test_a_naive_time_or_an_unknown_state_is_refused() -> None:
    sub = in_state(S.UNDER_REVIEW)
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, S.ACCEPTED, at=datetime(2019, 1, 22, 15))
    assert (
        "cannot move submission 'sub-1' from 'under_review' to 'accepted': naive datetime "
        "2019-01-22T15:00:00: expected a timezone-aware datetime in a zoneinfo.ZoneInfo "
        "zone, e.g. Africa/Dar_es_Salaam"
    ) == str(caught.value)
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, "kubaliwa", at=DECISION_AT)
    assert (
        "unknown state 'kubaliwa': expected one of 'draft', 'submitted', 'under_review', "
        "'accepted', 'rejected', 'confirmed', 'withdrawn'"
    ) == str(caught.value)


def test_submitting_to_a_call_checks_its_times_and_kinds() -> None:
    sub = draft("sub-1")
    assert S.SUBMITTED == transition(sub, S.SUBMITTED, at=CLOSES, call=CALL).state
    late = CLOSES + timedelta(minutes=1)
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, S.SUBMITTED, at=late, call=CALL)
    assert (
        "cannot submit submission 'sub-1' to call 'call' at 2019-01-15T16:01:00+03:00: "
        "the call closed at 2019-01-15T16:00:00+03:00"
    ) == str(caught.value)
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, S.SUBMITTED, at=OPENS - timedelta(days=1), call=CALL)
    assert (
        "cannot submit submission 'sub-1' to call 'call' at 2018-11-30T08:00:00+03:00: "
        "the call opens at 2018-12-01T08:00:00+03:00"
    ) == str(caught.value)
    innovations = make_call(kinds=frozenset({ee.SubmissionKind.INNOVATION}))
    with pytest.raises(InvalidTransition) as caught:
        transition(sub, S.SUBMITTED, at=SUBMITTED_AT, call=innovations)
    assert (
        "cannot submit submission 'sub-1' to call 'call': the call does not accept "
        "'research' (accepts 'innovation')"
    ) == str(caught.value)
    # Without the call, only the state machine is checked.
    assert S.SUBMITTED == transition(sub, S.SUBMITTED, at=late).state


@pytest.mark.skipif(not hasattr(rules, "evaluate"), reason="rules.evaluate is not written yet")
def test_submitting_checks_the_calls_eligibility_rule() -> None:
    rule = rules.HasRole(role="researcher")
    call = make_call(eligibility=rule)
    admitted = transition(draft("sub-1"), S.SUBMITTED, at=SUBMITTED_AT, call=call, event=EVENT)
    assert S.SUBMITTED == admitted.state
    with pytest.raises(InvalidTransition) as caught:
        transition(draft("sub-1"), S.SUBMITTED, at=SUBMITTED_AT, call=call)
    assert (
        "cannot submit submission 'sub-1' to call 'call': the call has an eligibility rule; "
        "pass event= so that the submitters can be checked"
    ) == str(caught.value)
    outsider = draft("sub-2", organization="costech", submitters=("chausiku",))
    with pytest.raises(InvalidTransition) as caught:
        transition(outsider, S.SUBMITTED, at=SUBMITTED_AT, call=call, event=EVENT)
    assert (
        "cannot submit submission 'sub-2' to call 'call': submitter 'chausiku' is not a "
        "participant of event 'kikao', and the call admits participants by its eligibility rule"
    ) == str(caught.value)
    refused = draft("sub-3", organization="dit", submitters=("asha", "baraka"))
    why = rules.explain(rule, "p-baraka", event=EVENT).render("en").splitlines()[0]
    assert why.startswith("Not eligible")
    with pytest.raises(InvalidTransition) as caught:
        transition(refused, S.SUBMITTED, at=SUBMITTED_AT, call=call, event=EVENT)
    assert (
        "cannot submit submission 'sub-3' to call 'call': its eligibility rule does not admit "
        f"submitter 'baraka' (participant 'p-baraka'): {why}"
    ) == str(caught.value)


# -- pending decisions, announced together -------------------------------------------


def test_decisions_are_pending_until_announced_together() -> None:
    subs = [in_state(S.UNDER_REVIEW, f"sub-{n}") for n in (1, 2, 3)]
    pending = [decide(subs[0], S.ACCEPTED), decide(subs[1], "rejected"), subs[2]]
    assert [S.ACCEPTED, S.REJECTED, None] == [s.pending_state for s in pending]
    assert [s.history for s in subs] == [s.history for s in pending]
    done = announce(pending, at=DECISION_AT, by="kamati", note="tangazo")
    assert [S.ACCEPTED, S.REJECTED, S.UNDER_REVIEW] == [s.state for s in done]
    assert [None, None, None] == [s.pending_state for s in done]
    change = ee.StateChange(state=S.ACCEPTED, at=DECISION_AT, by="kamati", note="tangazo")
    assert change == done[0].history[-1]
    assert subs[2] == done[2]
    assert None is decide(pending[0], None).pending_state


def test_a_refused_decision_and_a_refused_announcement() -> None:
    with pytest.raises(InvalidTransition) as caught:
        decide(in_state(S.REJECTED), S.ACCEPTED)
    assert (
        "cannot record a pending move of submission 'sub-1' from 'rejected' to 'accepted': "
        "'rejected' is final"
    ) == str(caught.value)
    late = attrs.evolve(in_state(S.SUBMITTED), pending_state=S.CONFIRMED)
    with pytest.raises(InvalidTransition) as caught:
        announce([late], at=DECISION_AT)
    assert (
        "cannot move submission 'sub-1' from 'submitted' to 'confirmed': from 'submitted' it "
        "can only move to 'under_review' or 'withdrawn'"
    ) == str(caught.value)
    three = [decide(in_state(S.UNDER_REVIEW, f"sub-{n}"), S.ACCEPTED) for n in (1, 2, 3)]
    with pytest.raises(InvalidTransition) as caught:
        announce(three, at=DECISION_AT, call=CALL)
    assert (
        "cannot announce: 3 submissions would be accepted or confirmed, more than the 2 places "
        "of call 'call'"
    ) == str(caught.value)
    assert 2 == sum(s.state is S.ACCEPTED for s in announce(three[:2], at=DECISION_AT, call=CALL))


def test_before_is_a_view_of_the_past() -> None:
    sub = attrs.evolve(
        transition(in_state(S.UNDER_REVIEW), S.ACCEPTED, at=DECISION_AT), booth="B01"
    )
    then = before(sub, DECISION_AT)
    assert (S.UNDER_REVIEW, sub.history[:2], None) == (then.state, then.history, then.booth)
    assert (S.DRAFT, ()) == (before(sub, SUBMITTED_AT).state, before(sub, SUBMITTED_AT).history)
    assert sub == before(sub, DECISION_AT + timedelta(seconds=1))


# -- reviews -------------------------------------------------------------------------------


def test_add_a_review() -> None:
    sub = in_state(S.UNDER_REVIEW, organization="dit", submitters=("baraka",))
    review = ee.Review(
        reviewer="rev-ega",
        scores={"relevance": 4, "innovation": 3, "feasibility": 5},
        comment="Zuri",
    )
    added = add_review(sub, review, call=CALL, event=EVENT)
    assert (review,) == added.reviews
    assert sub.history == added.history


REVIEW_REFUSALS = [
    (
        "rev-ega",
        {"relevance": 4, "innovation": 3, "feasibility": 5},
        S.SUBMITTED,
        "it is 'submitted'; reviews are added while a submission is under review",
    ),
    (
        "rev-ega",
        {"relevance": 4, "innovation": 3, "feasibility": 5},
        S.UNDER_REVIEW,
        "that reviewer already reviewed it; one review per reviewer",
    ),
    (
        "asha",
        {"relevance": 4, "innovation": 3, "feasibility": 5},
        S.UNDER_REVIEW,
        "conflict of interest: the reviewer is a submitter",
    ),
    (
        "rev-udom",
        {"relevance": 4, "innovation": 3, "feasibility": 5},
        S.UNDER_REVIEW,
        "conflict of interest: the reviewer is from 'udom', as is submitter 'asha'",
    ),
    (
        "daudi",
        {"relevance": 4, "innovation": 3, "feasibility": 5},
        S.UNDER_REVIEW,
        "conflict of interest: the reviewer is from 'dit', the submitting institution",
    ),
    (
        "rev-eg",
        {"relevance": 4, "innovation": 3, "feasibility": 5},
        S.UNDER_REVIEW,
        "unknown reviewer: expected one of 'asha', 'baraka', 'chausiku', 'daudi', 'rev-costech', "
        "'rev-ega', 'rev-free', 'rev-udom'; did you mean 'rev-ega'?",
    ),
    (
        "rev-free",
        {"relevance": 6, "novelty": 3},
        S.UNDER_REVIEW,
        "unknown criterion 'novelty': expected one of 'feasibility', 'innovation', "
        "'relevance'; score 6 is outside the call's scale 1..5; missing scores for "
        "'feasibility', 'innovation': a review scores every criterion of the call",
    ),
]


@pytest.mark.parametrize(("reviewer", "marks", "state", "why"), REVIEW_REFUSALS)
def test_reviews_that_are_refused(
    reviewer: str, marks: dict[str, float], state: ee.SubmissionState, why: str
) -> None:
    sub = in_state(state, organization="dit", submitters=("asha", "baraka"))
    if state is S.UNDER_REVIEW:
        sub = attrs.evolve(sub, reviews=(uniform("rev-ega", 4),))
    with pytest.raises(InvalidReview) as caught:
        add_review(sub, ee.Review(reviewer=reviewer, scores=marks), call=CALL, event=EVENT)
    assert f"cannot add the review by {reviewer!r} to submission 'sub-1': {why}" == str(
        caught.value
    )
    assert isinstance(caught.value, ValueError)


def test_scores_are_exact() -> None:
    review = ee.Review(
        reviewer="rev-ega", scores={"relevance": 4, "innovation": 3, "feasibility": 5}
    )
    assert Fraction(4) == review_score(CALL, review)
    sub = attrs.evolve(
        in_state(S.UNDER_REVIEW),
        reviews=(
            review,
            uniform("rev-costech", 2),
            uniform("rev-free", 4.5),
            uniform("rev-udom", 5),
        ),
    )
    summary = scores(CALL, sub)
    assert 4 == summary.count
    assert Fraction(31, 8) == summary.weighted_mean
    assert Fraction(17, 4) == summary.median  # (4 + 4.5) / 2
    assert Fraction(3) == summary.spread
    assert (
        ("relevance", Fraction(31, 8)),
        ("innovation", Fraction(29, 8)),
        ("feasibility", Fraction(33, 8)),
    ) == summary.criteria
    empty = scores(CALL, in_state(S.UNDER_REVIEW))
    assert (0, None, None, None, ()) == (
        empty.count,
        empty.weighted_mean,
        empty.median,
        empty.spread,
        empty.criteria,
    )
    assert "3.88" == format_score(Fraction(31, 8))  # half up, exactly
    assert "-0.12" == format_score(Fraction(-1, 8))


def test_scores_that_cannot_be_computed() -> None:
    with pytest.raises(
        ValueError, match=exactly("call 'call' has no criteria to score a review by")
    ):
        review_score(make_call(criteria=()), uniform("rev-ega", 3))
    partial = ee.Review(reviewer="rev-ega", scores={"relevance": 4})
    with pytest.raises(
        ValueError, match=exactly("the review by 'rev-ega' has no score for criterion 'innovation'")
    ):
        review_score(CALL, partial)


# -- selection ---------------------------------------------------------------------------


def test_the_tie_break() -> None:
    subs = [
        reviewed("e-by-id", [4, 4, 4]),
        reviewed("d-by-id", [4, 4, 4]),
        reviewed("c-fewer", [4, 4]),  # the same mean, median and spread, fewer reviews
        reviewed("b-lower-median", [3.5, 3.5, 5]),  # mean 4, median 3.5
        reviewed("a-wider", [3, 4, 5]),  # mean 4, median 4, spread 2
        reviewed("f-best", [5, 5, 4.5]),
    ]
    selection = select(CALL, subs, quota=6)
    expected = ["f-best", "d-by-id", "e-by-id", "c-fewer", "a-wider", "b-lower-median"]
    assert expected == [p.submission for p in selection.placements]
    assert list(range(1, 7)) == [p.rank for p in selection.placements]


def test_the_quota_line_and_the_waiting_list() -> None:
    subs = [reviewed(f"sub-{n}", [5 - n * 0.5] * 3) for n in range(5)]
    selection = select(CALL, subs, waiting=2)
    assert ("sub-0", "sub-1") == selection.selected
    assert ("sub-2", "sub-3") == selection.waiting
    assert ("sub-4",) == selection.out
    assert Fraction(9, 2) == selection.line
    assert [Reason.WITHIN_QUOTA] * 2 + [Reason.WAITING_LIST] * 2 + [Reason.BELOW_LINE] == [
        p.reason for p in selection.placements
    ]
    assert ("sub-0", "sub-1", "sub-2") == select(CALL, subs, quota=3).selected
    assert ("sub-2", "sub-3", "sub-4") == select(CALL, subs).waiting
    assert () == select(CALL, subs, quota=0).selected
    assert None is select(CALL, subs, quota=0).line


def test_bad_selection_arguments() -> None:
    subs = [reviewed("sub-1", [4])]
    with pytest.raises(
        ValueError, match=exactly("call 'call' sets no number of places: pass quota=")
    ):
        select(make_call(places=None), subs)
    with pytest.raises(
        ValueError, match=exactly("quota must be a whole number, 0 or more, got -1")
    ):
        select(CALL, subs, quota=-1)
    with pytest.raises(
        ValueError, match=exactly("waiting must be a whole number, 0 or more, got True")
    ):
        select(CALL, subs, waiting=True)
    with pytest.raises(ValueError, match=exactly("submission 'sub-1' is given twice")):
        select(CALL, subs * 2)
    with pytest.raises(
        KeyError, match=exactly(repr("submission 'sub-9' is not in the selection for call 'call'"))
    ):
        select(CALL, subs).placement("sub-9")


def test_every_reason_in_swahili_and_english() -> None:
    call = make_call(places=2, max_per_organization=1, max_per_submitter=1)
    held = attrs.evolve(
        transition(reviewed("held", [3], submitters=("chausiku",)), S.ACCEPTED, at=DECISION_AT),
        organization="costech",
    )
    subs = [
        held,
        reviewed("top", [5], organization="dit", submitters=("baraka",)),
        reviewed("same-org", [4.9], organization="dit", submitters=("daudi",)),
        reviewed("same-person", [4.8], organization="udom", submitters=("baraka", "asha")),
        reviewed("waiting", [4.5], organization="udom", submitters=("asha",)),
        reviewed("below", [4], organization="ega", submitters=("rev-ega",)),
        in_state(S.UNDER_REVIEW, "unreviewed"),
        in_state(S.DRAFT, "a-draft"),
        in_state(S.WITHDRAWN, "gone"),
        in_state(S.REJECTED, "no"),
    ]
    selection = select(call, subs, waiting=1)
    table = {
        p.submission: (p.outcome, p.explain("sw"), p.explain("en")) for p in selection.placements
    }
    assert {
        "top": (
            Outcome.SELECTED,
            "imechaguliwa: nafasi ya 1 kati ya 6, alama 5.00, ndani ya nafasi 2",
            "selected: rank 1 of 6, score 5.00, within the 2 places",
        ),
        "same-org": (
            Outcome.OUT,
            "haikuchaguliwa: nafasi ya 2 kati ya 6, alama 4.90, lakini dit tayari ina 1 "
            "zilizochaguliwa (kikomo ni 1 kwa kila taasisi)",
            "not selected: rank 2 of 6, score 4.90, but dit already has 1 selected "
            "(limit 1 per institution)",
        ),
        "same-person": (
            Outcome.OUT,
            "haikuchaguliwa: nafasi ya 3 kati ya 6, alama 4.80, lakini mwasilishaji baraka "
            "tayari yumo katika 1 zilizochaguliwa (kikomo ni 1 kwa kila mwasilishaji)",
            "not selected: rank 3 of 6, score 4.80, but submitter baraka is already in 1 "
            "selected (limit 1 per submitter)",
        ),
        "waiting": (
            Outcome.WAITING,
            "orodha ya akiba, wa 1: nafasi ya 4 kati ya 6, alama 4.50, chini ya mstari wa "
            "nafasi 2 (alama ya mstari 5.00)",
            "waiting list, number 1: rank 4 of 6, score 4.50, below the quota line of 2 places "
            "(line at 5.00)",
        ),
        "below": (
            Outcome.OUT,
            "haikuchaguliwa: nafasi ya 5 kati ya 6, alama 4.00, chini ya mstari wa nafasi 2 "
            "(alama ya mstari 5.00)",
            "not selected: rank 5 of 6, score 4.00, below the quota line of 2 places "
            "(line at 5.00)",
        ),
        "held": (
            Outcome.SELECTED,
            "imeshakubaliwa: inashikilia moja ya nafasi 2 (nafasi ya 6 kati ya 6, alama 3.00)",
            "already accepted: holds one of the 2 places (rank 6 of 6, score 3.00)",
        ),
        "a-draft": (
            Outcome.OUT,
            "haikuchaguliwa: ni rasimu, haijawasilishwa",
            "not selected: a draft, never submitted",
        ),
        "gone": (
            Outcome.OUT,
            "haikuchaguliwa: imeondolewa na waliowasilisha",
            "not selected: withdrawn by its submitters",
        ),
        "no": (
            Outcome.OUT,
            "haikuchaguliwa: ilikataliwa kabla ya uteuzi huu",
            "not selected: rejected before this selection",
        ),
        "unreviewed": (
            Outcome.OUT,
            "haikuchaguliwa: haijatathminiwa, hivyo haina alama ya kupangwa",
            "not selected: not reviewed, so it has no score to rank by",
        ),
    } == table
    assert ("top", "held") == selection.selected
    placement = selection.placement("waiting")
    assert T(sw=placement.explain("sw"), en=placement.explain("en")) == placement.text
    assert placement.explain("en") == selection.explain(subs[4], "en")
    with pytest.raises(
        ValueError, match=exactly("unsupported language 'fr': expected one of 'sw', 'en'")
    ):
        placement.explain("fr")


def test_the_ranking_table_in_swahili() -> None:
    subs = [reviewed("sub-1", [4, 5]), reviewed("sub-2", [3]), in_state(S.DRAFT, "sub-3")]
    assert (
        " #  wasilisho  alama  wastani wa kati  tofauti  tathmini  hali\n"
        " 1  sub-1       4.50             4.50     1.00         2  imechaguliwa\n"
        "--  mstari wa nafasi 1 ---------------------------------------\n"
        " 2  sub-2       3.00             3.00     0.00         1  akiba, wa 1\n"
        " -  sub-3          -                -        -         0  rasimu"
    ) == select(CALL, subs, quota=1).table()


def test_applying_a_selection_moves_everyone_at_once() -> None:
    subs = [reviewed(f"sub-{n}", [5 - n]) for n in range(4)] + [in_state(S.DRAFT, "rasimu")]
    selection = select(CALL, subs, waiting=1)
    done = apply(selection, subs, at=DECISION_AT, by="kamati")
    assert [S.ACCEPTED, S.ACCEPTED, S.UNDER_REVIEW, S.REJECTED, S.DRAFT] == [s.state for s in done]
    for old, new in zip(subs, done, strict=True):
        assert old.history == new.history[: len(old.history)]
    changes = {s.history[-1] for s in done[:2] + done[3:4]}
    assert {DECISION_AT} == {c.at for c in changes}
    assert {"kamati"} == {c.by for c in changes}
    pending = apply(selection, subs, at=DECISION_AT, pending=True)
    assert [S.ACCEPTED, S.ACCEPTED, None, S.REJECTED, None] == [s.pending_state for s in pending]
    assert done == announce(pending, at=DECISION_AT, by="kamati")


def test_applying_a_stale_selection_is_refused() -> None:
    subs = [reviewed("sub-1", [5])]
    selection = select(CALL, subs)
    gone = [transition(subs[0], S.WITHDRAWN, at=DECISION_AT)]
    with pytest.raises(
        ValueError,
        match=exactly(
            "submission 'sub-1' changed since the selection was made (it was 'under_review', "
            "it is 'withdrawn'): select again"
        ),
    ):
        apply(selection, gone, at=DECISION_AT)
    with pytest.raises(
        ValueError, match=exactly("submission 'sub-2' is not in the selection for call 'call'")
    ):
        apply(selection, [reviewed("sub-2", [5])], at=DECISION_AT)


def test_withdrawing_an_accepted_submission_promotes_the_next() -> None:
    subs = [reviewed(f"sub-{n}", [5 - n * 0.5]) for n in range(4)]
    decided = assign_booths(CALL, apply(select(CALL, subs), subs, at=DECISION_AT))
    assert ["B01", "B02", None, None] == [s.booth for s in decided]
    later = DECISION_AT + timedelta(days=3)
    after = withdraw(CALL, decided, "sub-0", at=later, by="baraka", note="hatutafika")
    assert [S.WITHDRAWN, S.ACCEPTED, S.ACCEPTED, S.UNDER_REVIEW] == [s.state for s in after]
    assert [None, "B02", "B01", None] == [s.booth for s in after]
    assert (
        ee.StateChange(state=S.WITHDRAWN, at=later, by="baraka", note="hatutafika")
        == (after[0].history[-1])
    )
    assert ee.StateChange(state=S.ACCEPTED, at=later, by="baraka") == after[2].history[-1]
    # A submission that held no place frees none.
    assert [S.ACCEPTED, S.ACCEPTED, S.WITHDRAWN, S.UNDER_REVIEW] == [
        s.state for s in withdraw(CALL, decided, decided[2], at=later)
    ]
    with pytest.raises(
        KeyError, match=exactly(repr("submission 'sub-9' is not among the submissions given"))
    ):
        withdraw(CALL, decided, "sub-9", at=later)
    with pytest.raises(
        InvalidTransition,
        match=exactly(
            "cannot move submission 'sub-1' from 'rejected' to 'withdrawn': 'rejected' is final"
        ),
    ):
        withdraw(CALL, [in_state(S.REJECTED)], "sub-1", at=later)


def test_promote_fills_free_places_only() -> None:
    subs = [reviewed(f"sub-{n}", [5 - n * 0.5]) for n in range(3)]
    assert [S.ACCEPTED, S.ACCEPTED, S.UNDER_REVIEW] == [
        s.state for s in promote(CALL, subs, at=DECISION_AT)
    ]
    full = apply(select(CALL, subs, quota=2), subs, at=DECISION_AT)
    assert full == promote(CALL, full, at=DECISION_AT)


def test_booths_go_to_the_lowest_free_numbers_in_rank_order() -> None:
    subs = [
        attrs.evolve(transition(reviewed("b", [4]), S.ACCEPTED, at=DECISION_AT), booth="X01"),
        transition(reviewed("c", [3]), S.ACCEPTED, at=DECISION_AT),
        transition(reviewed("a", [5]), S.ACCEPTED, at=DECISION_AT),
        attrs.evolve(transition(reviewed("d", [5]), S.REJECTED, at=DECISION_AT), booth="X02"),
    ]
    assert ["X01", "X03", "X02", None] == [s.booth for s in assign_booths(CALL, subs, prefix="X")]


def test_exhibits_of_a_session() -> None:
    subs = [reviewed(f"sub-{n}", [5 - n]) for n in range(3)]
    booked = assign_booths(CALL, apply(select(CALL, subs), subs, at=DECISION_AT))
    event = make_event([attrs.evolve(CALL, submissions=booked)])
    assert [("B01", "sub-0"), ("B02", "sub-1")] == [
        (s.booth, s.id) for s in exhibits(event, "exhibition")
    ]
    assert exhibits(event, "exhibition") == exhibits(event, event.session("exhibition"))
    with pytest.raises(
        KeyError, match=exactly(repr("no session with id 'maonesho': expected one of 'exhibition'"))
    ):
        exhibits(event, "maonesho")


# -- the 2019 call -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workshop() -> ee.Event:
    return kikao_kazi_2019()


def test_the_2019_call_replays_to_the_shipped_decisions(workshop: ee.Event) -> None:
    call = workshop.calls[0]
    decided_at = call.submissions[0].history[-1].at
    then = [before(s, decided_at) for s in call.submissions]
    assert {S.UNDER_REVIEW} == {s.state for s in then}
    assert {3} == {len(s.reviews) for s in then}
    selection = select(call, then, waiting=0)
    assert 10 == len(selection.selected)
    after = apply(selection, then, at=decided_at, by="kamati-ya-tathmini")
    assert call.submissions == assign_booths(call, after)
    booths = {s.id: s.booth for s in call.submissions if s.booth}
    assert [f"B{n:02d}" for n in range(1, 11)] == [booths[i] for i in selection.selected]
    assert [s.id for s in exhibits(workshop, call.session or "")] == list(selection.selected)


def test_the_2019_reviews_have_no_conflicts(workshop: ee.Event) -> None:
    call = workshop.calls[0]
    for sub in call.submissions:
        replay = before(sub, sub.history[1].at + timedelta(seconds=1))
        for review in sub.reviews:
            replay = add_review(replay, review, call=call, event=workshop)
        assert sub.reviews == replay.reviews


def test_the_2019_json_round_trips_history_reviews_and_pending(workshop: ee.Event) -> None:
    call = workshop.calls[0]
    assert call == ee.loads(ee.dumps(workshop)).calls[0]
    subs = [reviewed(f"sub-{n}", [5 - n, 4]) for n in range(3)]
    pending = apply(select(CALL, subs, quota=1), subs, at=DECISION_AT, pending=True)
    event = make_event([attrs.evolve(CALL, submissions=pending)])
    again = ee.loads(ee.dumps(event))
    assert event == again
    assert [S.ACCEPTED, None, None] == [s.pending_state for s in again.calls[0].submissions]


# -- invariants under random actions -------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["move", "decide", "announce", "select", "withdraw", "promote"]),
        st.integers(0, 5),
        st.sampled_from(list(S)),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(
    actions=ACTIONS,
    marks=st.lists(st.integers(1, 5), min_size=6, max_size=6),
    places=st.integers(0, 4),
)
def test_random_actions_keep_the_invariants(
    actions: list[tuple[str, int, ee.SubmissionState]], marks: list[int], places: int
) -> None:
    call = make_call(places=places, max_per_organization=2)
    orgs = ["udom", "dit", "ega"]
    subs: list[ee.Submission] = [
        attrs.evolve(reviewed(f"sub-{i}", [m], organization=orgs[i % 3]), booth=None)
        for i, m in enumerate(marks)
    ]
    quota_kept = True  # only direct moves may break the quota; the selection never does
    at = DECISION_AT
    for action, index, state in actions:
        at += timedelta(hours=1)
        old = list(subs)
        try:
            if action == "move":
                subs[index] = transition(subs[index], state, at=at)
                quota_kept = quota_kept and state is not S.ACCEPTED
            elif action == "decide":
                subs[index] = decide(subs[index], state)
            elif action == "announce":
                subs = list(announce(subs, at=at, call=call))
            elif action == "select":
                subs = list(apply(select(call, subs, waiting=index), subs, at=at))
            elif action == "withdraw":
                subs = list(withdraw(call, subs, subs[index], at=at))
            else:
                subs = list(promote(call, subs, at=at))
        except InvalidTransition:
            assert old == subs
            continue
        for before_action, after_action in zip(old, subs, strict=True):
            assert before_action.history == after_action.history[: len(before_action.history)]
        if quota_kept:
            assert sum(s.state in SELECTED_STATES for s in subs) <= places
    for s in subs:
        states = [S.DRAFT, *(h.state for h in s.history)]
        assert all(can_transition(a, b) for a, b in itertools.pairwise(states))
        assert s.state == s.history[-1].state
    assert isinstance(select(call, subs), Selection)


def test_a_quota_below_the_places_already_held_says_by_how_many() -> None:
    call = kikao_kazi_2019().calls[0]
    selection = select(call, call.submissions, quota=3)
    assert (3, 7, True) == (selection.quota, selection.excess, selection.exceeded)
    assert 10 == len(selection.selected)
    assert (
        "quota exceeded by 7: 10 submissions already hold places, the quota is 3"
        == selection.warning("en")
    )
    assert (
        "nafasi zimezidi kwa 7: mawasilisho 10 tayari yanashikilia nafasi, nafasi ni 3"
        == selection.warning("sw")
    )
    assert selection.table("en").endswith(
        "!! quota exceeded by 7: 10 submissions already hold places, the quota is 3"
    )
    kept = select(call, call.submissions)
    assert (0, False, None) == (kept.excess, kept.exceeded, kept.warning())
