"""The model's invariants, each with a bad input and the exact error a user sees."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import egov_events as ee

TZ = ZoneInfo("Africa/Dar_es_Salaam")
T = ee.LocalizedText.of


def at(day: int, hour: int, minute: int = 0, *, month: int = 1) -> datetime:
    return datetime(2019, month, day, hour, minute, tzinfo=TZ)


def session(sid: str = "s1", **changes: Any) -> ee.Session:
    fields: dict[str, Any] = {
        "id": sid,
        "kind": ee.SessionKind.PLENARY,
        "title": T(sw="Mjadala", en="Discussion"),
        "start": at(30, 9),
        "end": at(30, 10),
    }
    fields.update(changes)
    return ee.Session(**fields)


def event(**changes: Any) -> ee.Event:
    """A small valid event: two days, two groups, two people, one session each day."""
    fields: dict[str, Any] = {
        "id": "kikao",
        "title": T(sw="Kikao Kazi", en="Workshop"),
        "organizer": "ega",
        "timezone": TZ,
        "first_day": date(2019, 1, 30),
        "last_day": date(2019, 1, 31),
        "updated": datetime(2019, 2, 4, 10, tzinfo=TZ),
        "organizations": (
            ee.Organization(
                id="ega",
                name=T(sw="Wakala ya Serikali Mtandao", en="e-Government Agency"),
                kind=ee.OrganizationKind.EXECUTIVE_AGENCY,
                acronym="eGA",
            ),
        ),
        "venue": ee.Venue(
            name=T(sw="Ukumbi", en="Hall"),
            city="Dodoma",
            country="TZ",
            rooms=(ee.Room(id="hall", name=T(sw="Ukumbi mkuu", en="Main hall")),),
        ),
        "roles": (ee.Role(id="ict_officer", name=T(sw="Afisa TEHAMA", en="ICT officer")),),
        "groups": (
            ee.ParticipantGroup(id="g1", name=T(sw="Kundi 1"), days=(date(2019, 1, 30),)),
            ee.ParticipantGroup(id="g2", name=T(sw="Kundi 2"), days=(date(2019, 1, 31),)),
        ),
        "people": (
            ee.Person(id="asha", name="Asha Mrisho", email="asha.mrisho@example.go.tz"),
            ee.Person(id="juma", name="Juma Kimaro", honorific="Dkt."),
        ),
        "participants": (
            ee.Participant(
                id="p1",
                person="asha",
                organization="ega",
                roles=frozenset({"ict_officer"}),
                groups=frozenset({"g1"}),
                days_attended=frozenset({date(2019, 1, 30)}),
            ),
        ),
        "documents": (
            ee.Document(
                id="programme",
                title=T(sw="Programu", en="Programme"),
                url="https://example.go.tz/programu.pdf",
                kind=ee.DocumentKind.PROGRAMME,
            ),
        ),
        "sessions": (
            session("open", kind=ee.SessionKind.OPENING, room="hall", speakers=("juma",)),
            session("day2", start=at(31, 9), end=at(31, 12), groups=frozenset({"g2"})),
            session("all", start=at(30, 14), end=at(30, 15)),
        ),
    }
    fields.update(changes)
    return ee.Event(**fields)


def errors_of(build: Any) -> list[str]:
    with pytest.raises(ee.ValidationError) as info:
        build()
    return info.value.errors


# -- datetimes ------------------------------------------------------------------------------


def test_naive_datetimes_are_rejected() -> None:
    assert [
        "naive datetime 2019-01-30T09:00:00: expected a timezone-aware datetime in a "
        "zoneinfo.ZoneInfo zone, e.g. Africa/Dar_es_Salaam @ $.start",
    ] == errors_of(lambda: session(start=datetime(2019, 1, 30, 9)))


def test_fixed_offsets_are_rejected_because_the_zone_name_would_be_lost() -> None:
    three = timezone(timedelta(hours=3))
    assert [
        "datetime 2019-01-30T10:00:00+03:00 has a fixed offset (UTC+03:00): expected a "
        "zoneinfo.ZoneInfo zone such as Africa/Dar_es_Salaam, so that the zone name "
        "survives export @ $.end",
    ] == errors_of(lambda: session(end=datetime(2019, 1, 30, 10, tzinfo=three)))


def test_end_must_be_after_start() -> None:
    assert [
        "end (2019-01-30T09:00:00+03:00) must be after start (2019-01-30T09:00:00+03:00) @ $.end"
    ] == errors_of(lambda: session(end=at(30, 9)))


def test_a_session_outside_the_event_days_is_rejected_in_the_event_zone() -> None:
    # 22:30 UTC on the 31st is already 1 February in Dar es Salaam.
    late = datetime(2019, 1, 31, 22, 30, tzinfo=ZoneInfo("UTC"))
    bad = session("late", start=late, end=late + timedelta(hours=1))
    assert [
        "starts on 2019-02-01 in Africa/Dar_es_Salaam, outside the event's days "
        "2019-01-30..2019-01-31 @ $.sessions[0].start"
    ] == errors_of(lambda: event(sessions=(bad,)))
    running_over = session("over", start=at(31, 20), end=at(1, 2, month=2))
    assert [
        "ends on 2019-02-01 in Africa/Dar_es_Salaam, outside the event's days "
        "2019-01-30..2019-01-31 @ $.sessions[0].end"
    ] == errors_of(lambda: event(sessions=(running_over,)))


def test_a_session_may_end_at_midnight_of_the_last_day() -> None:
    evening = session("evening", start=at(31, 20), end=at(1, 0, month=2))
    assert (date(2019, 1, 31),) == event(sessions=(evening,)).sessions[0].days(TZ)


def test_event_updated_must_be_aware() -> None:
    assert [
        "naive datetime 2019-02-04T10:00:00: expected a timezone-aware datetime in a "
        "zoneinfo.ZoneInfo zone, e.g. Africa/Dar_es_Salaam @ $.updated"
    ] == errors_of(lambda: event(updated=datetime(2019, 2, 4, 10)))


def test_last_day_before_first_day_is_rejected() -> None:
    errors = errors_of(lambda: event(last_day=date(2019, 1, 29), sessions=(), groups=()))
    assert "last_day (2019-01-29) is before first_day (2019-01-30) @ $.last_day" == errors[0]


# -- ids and references ---------------------------------------------------------------------


def test_duplicate_ids_name_where_the_id_was_first_used() -> None:
    assert [
        "duplicate session id 'open' (first used at $.sessions[0]) @ $.sessions[1].id"
    ] == errors_of(lambda: event(sessions=(session("open"), session("open"))))


def test_malformed_ids_are_rejected() -> None:
    assert [
        "malformed id 'kikao kazi': expected 1 to 128 letters, digits, '.', '_' or '-', "
        "starting and ending with a letter or digit @ $.id"
    ] == errors_of(lambda: event(id="kikao kazi"))


def test_dangling_references_are_reported_with_a_suggestion() -> None:
    bad = session(
        "bad",
        groups=frozenset({"g3"}),
        speakers=("juma", "ashaa"),
        documents=("programe",),
        room="hall-2",
    )
    assert [
        "unknown room 'hall-2': expected one of 'hall'; did you mean 'hall'? @ $.sessions[0].room",
        "unknown group 'g3': expected one of 'g1', 'g2' @ $.sessions[0].groups",
        "unknown person 'ashaa': expected one of 'asha', 'juma'; did you mean 'asha'? "
        "@ $.sessions[0].speakers[1]",
        "unknown document 'programe': expected one of 'programme'; did you mean 'programme'? "
        "@ $.sessions[0].documents[0]",
    ] == errors_of(lambda: event(sessions=(bad,)))


def test_participant_references_are_checked() -> None:
    stranger = ee.Participant(
        id="p2",
        person="nobody",
        organization="wizara",
        roles=frozenset({"minister"}),
        groups=frozenset({"g9"}),
    )
    assert [
        "unknown person 'nobody': expected one of 'asha', 'juma' @ $.participants[0].person",
        "unknown organization 'wizara': expected one of 'ega' @ $.participants[0].organization",
        "unknown role 'minister': expected one of 'ict_officer' @ $.participants[0].roles",
        "unknown group 'g9': expected one of 'g1', 'g2' @ $.participants[0].groups",
    ] == errors_of(lambda: event(participants=(stranger,)))


def test_organizer_keynote_speakers_sponsors_and_members_are_checked() -> None:
    group = ee.ParticipantGroup(
        id="g1", name=T(sw="Kundi 1"), days=(date(2019, 1, 30),), members=frozenset({"p9"})
    )
    assert [
        "duplicate group id 'g1' (first used at $.groups[0]) @ $.groups[1].id",
        "organization 'ega' is already a sponsor ($.sponsors[0]) @ $.sponsors[1].organization",
        "unknown organization 'nowhere': expected one of 'ega' @ $.organizer",
        "unknown person 'rais': expected one of 'asha', 'juma' @ $.keynote_speakers[0]",
        "unknown participant 'p9': expected one of 'p1' @ $.groups[1].members",
    ] == errors_of(
        lambda: event(
            organizer="nowhere",
            keynote_speakers=("rais",),
            sponsors=(ee.Sponsor(organization="ega"), ee.Sponsor(organization="ega")),
            groups=(*event().groups[:1], group),
            sessions=(),
        )
    )


def test_call_references_are_checked() -> None:
    sub = ee.Submission(
        id="sub-1",
        title=T(sw="Bunifu"),
        kind=ee.SubmissionKind.INNOVATION,
        submitters=("zawadi",),
        organization="udom",
        reviews=(ee.Review(reviewer="hamisi", scores={}),),
    )
    call = ee.CallForSubmissions(
        id="call",
        title=T(sw="Wito"),
        opens=at(1, 0),
        closes=at(20, 0),
        session="expo",
        submissions=(sub,),
    )
    assert [
        "unknown session 'expo': expected one of 'all', 'day2', 'open' @ $.calls[0].session",
        "unknown person 'zawadi': expected one of 'asha', 'juma' "
        "@ $.calls[0].submissions[0].submitters[0]",
        "unknown organization 'udom': expected one of 'ega' "
        "@ $.calls[0].submissions[0].organization",
        "unknown person 'hamisi': expected one of 'asha', 'juma' "
        "@ $.calls[0].submissions[0].reviews[0].reviewer",
    ] == errors_of(lambda: event(calls=(call,)))


# -- days -----------------------------------------------------------------------------------


def test_a_group_day_outside_the_event_is_rejected() -> None:
    group = ee.ParticipantGroup(
        id="g1", name=T(sw="Kundi 1"), days=(date(2019, 1, 30), date(2019, 2, 1))
    )
    assert [
        "2019-02-01 is outside the event's days 2019-01-30..2019-01-31 @ $.groups[0].days[1]"
    ] == errors_of(lambda: event(groups=(group, event().groups[1])))


def test_attendance_outside_the_event_is_rejected() -> None:
    p = attrs.evolve(event().participants[0], days_attended=frozenset({date(2019, 1, 29)}))
    assert [
        "2019-01-29 is outside the event's days 2019-01-30..2019-01-31 "
        "@ $.participants[0].days_attended"
    ] == errors_of(lambda: event(participants=(p,)))


def test_group_days_are_sorted_without_repeats() -> None:
    g = ee.ParticipantGroup(
        id="g", name=T(sw="Kundi"), days=(date(2019, 1, 31), date(2019, 1, 30), date(2019, 1, 31))
    )
    assert (date(2019, 1, 30), date(2019, 1, 31)) == g.days


def test_a_group_meets_on_at_least_one_day() -> None:
    assert ["a group meets on at least one day @ $.days"] == errors_of(
        lambda: ee.ParticipantGroup(id="g", name=T(sw="Kundi"), days=())
    )


# -- values ---------------------------------------------------------------------------------


def test_negative_capacity_is_rejected() -> None:
    assert ["must not be negative, got -1 @ $.capacity"] == errors_of(lambda: session(capacity=-1))
    assert ["must not be negative, got -5 @ $.capacity"] == errors_of(
        lambda: ee.Room(id="r", name=T(sw="Chumba"), capacity=-5)
    )


def test_a_bool_is_not_a_capacity() -> None:
    assert ["expected an integer, got bool @ $.capacity"] == errors_of(
        lambda: session(capacity=True)
    )


def test_empty_localized_text_is_rejected_where_it_is_built() -> None:
    assert [
        "a LocalizedText needs at least one language, e.g. {'sw': ..., 'en': ...} @ $"
    ] == errors_of(lambda: session(title=ee.LocalizedText(texts={})))


def test_malformed_language_tags_are_rejected_in_documents() -> None:
    assert [
        "malformed language tag 'swahili': expected a BCP 47 tag such as 'sw', 'en' or "
        "'sw-TZ' @ $.language"
    ] == errors_of(
        lambda: ee.Document(
            id="d", title=T(sw="Nyaraka"), url="https://example.go.tz/d", language="swahili"
        )
    )


def test_document_url_and_media_type_are_checked() -> None:
    assert [
        "malformed URL 'example.go.tz/d': expected an absolute http:// or https:// URL @ $.url",
        "malformed media type 'pdf': expected type/subtype, e.g. application/pdf @ $.media_type",
    ] == errors_of(
        lambda: ee.Document(id="d", title=T(sw="Nyaraka"), url="example.go.tz/d", media_type="pdf")
    )


def test_person_email_is_checked() -> None:
    assert [
        "malformed e-mail address 'asha at example.go.tz': expected name@domain.tld @ $.email"
    ] == errors_of(lambda: ee.Person(id="asha", name="Asha", email="asha at example.go.tz"))


def test_venue_coordinates_and_country_are_checked() -> None:
    assert [
        "malformed country code 'Tanzania': expected ISO 3166-1 alpha-2, e.g. 'TZ' @ $.country",
        "must be between -90 and 90, got 96.2 @ $.latitude",
        "latitude and longitude go together: give both or neither @ $.longitude",
    ] == errors_of(
        lambda: ee.Venue(name=T(sw="Ukumbi"), city="Dodoma", country="Tanzania", latitude=96.2)
    )


def test_event_numbers_are_checked() -> None:
    assert [
        "must be at least 1, got 0 @ $.edition",
        "must not be negative, got -786 @ $.reported_attendance",
        "must not be negative, got -1 @ $.revision",
    ] == errors_of(lambda: event(edition=0, reported_attendance=-786, revision=-1))


def test_unknown_enum_values_are_rejected() -> None:
    assert [
        "expected a SessionKind ('opening', 'keynote', 'plenary', 'panel', 'breakout', "
        "'exhibition', 'break', 'closing', 'other'), got 'workshop' @ $.kind"
    ] == errors_of(lambda: session(kind="workshop"))


# -- submissions ----------------------------------------------------------------------------


def test_submission_state_is_where_its_history_ends() -> None:
    history = (
        ee.StateChange(state=ee.SubmissionState.SUBMITTED, at=at(10, 9)),
        ee.StateChange(state=ee.SubmissionState.UNDER_REVIEW, at=at(9, 9)),
    )
    assert [
        "state 'accepted' disagrees with the last history entry ('under_review'): the state "
        "is where the history ends @ $.state",
        "2019-01-09T09:00:00+03:00 is before the previous entry (2019-01-10T09:00:00+03:00): "
        "history must be in time order @ $.history[1].at",
    ] == errors_of(
        lambda: ee.Submission(
            id="s",
            title=T(sw="Tafiti"),
            kind=ee.SubmissionKind.RESEARCH,
            submitters=("asha",),
            organization="udom",
            state=ee.SubmissionState.ACCEPTED,
            history=history,
        )
    )


def test_review_scores_are_checked_against_the_call() -> None:
    review = ee.Review(reviewer="juma", scores={"relevance": 7, "impakt": 3})
    sub = ee.Submission(
        id="s",
        title=T(sw="Tafiti"),
        kind=ee.SubmissionKind.RESEARCH,
        submitters=("asha",),
        organization="ega",
        reviews=(review,),
    )
    criteria = (
        ee.Criterion(id="relevance", name=T(sw="Umuhimu")),
        ee.Criterion(id="impact", name=T(sw="Athari"), weight=2),
    )
    assert [
        "unknown criterion 'impakt': expected one of 'impact', 'relevance'; did you mean "
        "'impact'? @ $.submissions[0].reviews[0].scores.impakt",
        "score 7 is outside the call's scale 1..5 @ $.submissions[0].reviews[0].scores.relevance",
        "missing scores for 'impact': a review scores every criterion of the call "
        "@ $.submissions[0].reviews[0].scores",
    ] == errors_of(
        lambda: ee.CallForSubmissions(
            id="c", title=T(sw="Wito"), opens=at(1, 0), closes=at(2, 0), criteria=criteria,
            submissions=(sub,),
        )
    )  # fmt: skip


def test_one_review_per_reviewer() -> None:
    review = ee.Review(reviewer="juma", scores={})
    assert [
        "reviewer 'juma' already reviewed this submission (reviews[0]): one review per "
        "reviewer @ $.reviews[1].reviewer"
    ] == errors_of(
        lambda: ee.Submission(
            id="s",
            title=T(sw="Tafiti"),
            kind=ee.SubmissionKind.RESEARCH,
            submitters=("asha",),
            organization="ega",
            reviews=(review, review),
        )
    )


def test_call_closes_after_it_opens() -> None:
    assert [
        "closes (2019-01-01T00:00:00+03:00) must be after opens (2019-01-02T00:00:00+03:00) "
        "@ $.closes"
    ] == errors_of(
        lambda: ee.CallForSubmissions(id="c", title=T(sw="Wito"), opens=at(2, 0), closes=at(1, 0))
    )


# -- all at once ----------------------------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_of(
        lambda: event(
            id="",
            organizer="nobody",
            sessions=(session("x"), session("x", groups=frozenset({"g7"}))),
            groups=(ee.ParticipantGroup(id="g1", name=T(sw="Kundi"), days=(date(2019, 3, 1),)),),
        )
    )
    assert 5 == len(errors), errors
    assert [
        "$.id",
        "$.sessions[1].id",
        "$.organizer",
        "$.sessions[1].groups",
        "$.groups[0].days[0]",
    ] == [e.rsplit(" @ ", 1)[1] for e in errors]


# -- helpers --------------------------------------------------------------------------------


def test_days_of_the_event() -> None:
    assert (date(2019, 1, 30), date(2019, 1, 31)) == event().days


def test_sessions_of_a_day_in_start_order() -> None:
    e = event()
    assert ["open", "all"] == [s.id for s in e.sessions_on(date(2019, 1, 30))]
    assert ["day2"] == [s.id for s in e.sessions_on(date(2019, 1, 31))]
    assert () == e.sessions_on(date(2019, 2, 1))


def test_sessions_of_a_group_include_open_sessions_on_its_days() -> None:
    e = event()
    assert ["open", "all"] == [s.id for s in e.sessions_for_group("g1")]
    assert ["day2"] == [s.id for s in e.sessions_for_group(e.group("g2"))]


def test_sessions_of_a_participant() -> None:
    e = event()
    assert ["open", "all"] == [s.id for s in e.sessions_of("p1")]
    assert e.sessions_of("p1") == e.sessions_of(e.participant("p1"))


def test_lookups_name_close_ids_when_missing() -> None:
    with pytest.raises(KeyError, match="no session with id 'opne': expected one of 'all', "):
        event().session("opne")


def test_helpers_return_new_objects_and_never_change_the_event() -> None:
    e = event()
    before = pickle.dumps(e)
    on_day = e.sessions_on(date(2019, 1, 30))
    assert isinstance(on_day, tuple)
    e.sessions_for_group("g1")
    e.participants_in("g1")
    e.attendance()
    assert before == pickle.dumps(e)


def test_attendance_per_day() -> None:
    assert {date(2019, 1, 30): 1, date(2019, 1, 31): 0} == event().attendance()


def test_models_are_frozen_and_changed_by_evolve() -> None:
    e = event()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        e.revision = 2  # type: ignore[misc]
    newer = attrs.evolve(e, revision=1)
    assert (0, 1) == (e.revision, newer.revision)


def test_evolve_checks_the_new_object_too() -> None:
    assert ["must not be negative, got -1 @ $.revision"] == errors_of(
        lambda: attrs.evolve(event(), revision=-1)
    )


def test_keyword_only_construction() -> None:
    with pytest.raises(TypeError):
        ee.Role("ict_officer", T(sw="Afisa TEHAMA"))  # type: ignore[call-arg]


def test_events_pickle_and_hash() -> None:
    e = event()
    again = pickle.loads(pickle.dumps(e))  # noqa: S301 (own data)
    assert e == again
    assert hash(e) == hash(again)


def test_display_name_has_the_honorific() -> None:
    assert "Dkt. Juma Kimaro" == event().person("juma").display_name


def test_event_repr_is_compact_whatever_its_size() -> None:
    assert (
        "<Event 'kikao' 'Kikao Kazi' 2019-01-30..2019-01-31 Africa/Dar_es_Salaam: "
        "3 sessions, 2 groups, 1 participants, revision 0>"
    ) == repr(event())
