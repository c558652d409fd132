from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

import egov_events as ee
from egov_events.examples import KIKAO_KAZI_2019_JSON, kikao_kazi_2019
from egov_events.examples import __main__ as cli
from egov_events.examples import _kikao_kazi_2019 as builder

ROOT = Path(__file__).resolve().parent.parent

DAY_1 = date(2019, 1, 30)
DAY_2 = date(2019, 1, 31)
DAY_3 = date(2019, 2, 1)
DAY_4 = date(2019, 2, 2)

ICT = frozenset({"ict_officer", "ict_system_user"})
LEADERS = frozenset({"permanent_secretary", "head_of_institution", "lga_director"})
ACADEMIC = frozenset({"innovator", "researcher"})
ACADEMIC_KINDS = frozenset({ee.OrganizationKind.UNIVERSITY, ee.OrganizationKind.TECHNICAL_COLLEGE})
G1 = frozenset({"group-1", "group-3"})
G2 = frozenset({"group-2", "group-3"})
G3_ONLY = frozenset({"group-3"})


@pytest.fixture(scope="module")
def event() -> ee.Event:
    return kikao_kazi_2019()


@pytest.fixture(scope="module")
def call(event: ee.Event) -> ee.CallForSubmissions:
    return event.call("call-research-innovation-2019")


def org_kind(event: ee.Event, participant: ee.Participant) -> ee.OrganizationKind:
    return event.organization(participant.organization).kind


# -- canonical form, for comparing events across processes ---------------------


def digest(event: ee.Event) -> str:
    """A fingerprint of the whole event: its JSON document does not depend on the hash seed."""
    return hashlib.sha256(ee.dumps(event).encode()).hexdigest()


def localized_texts(value: object, path: str = "$") -> Iterator[tuple[str, ee.LocalizedText]]:
    if isinstance(value, ee.LocalizedText):
        yield path, value
    elif attrs.has(type(value)):
        for f in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from localized_texts(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from localized_texts(item, f"{path}[{i}]")


# -- seed facts ----------------------------------------------------------------


def test_identity(event: ee.Event) -> None:
    assert "kikao-kazi-2019" == event.id
    assert "egov-workshop" == event.series
    assert 2 == event.edition
    assert ee.EventStatus.CONFIRMED == event.status


def test_title(event: ee.Event) -> None:
    assert "Kikao Kazi cha 2 cha Serikali Mtandao 2019" == event.title["sw"]
    assert "2nd e-Government Workshop 2019" == event.title["en"]


def test_dates_and_time_zone(event: ee.Event) -> None:
    assert (DAY_1, DAY_4) == (event.first_day, event.last_day)
    assert (DAY_1, DAY_2, DAY_3, DAY_4) == event.days
    assert "Africa/Dar_es_Salaam" == event.timezone.key


def test_updated_is_after_the_event(event: ee.Event) -> None:
    assert datetime(2019, 2, 4, 10, tzinfo=ZoneInfo("Africa/Dar_es_Salaam")) == event.updated
    assert "Africa/Dar_es_Salaam" == str(event.updated.tzinfo)
    assert 1 == event.revision
    assert event.url is None


def test_venue(event: ee.Event) -> None:
    venue = event.venue
    assert venue is not None
    assert (
        "Ukumbi wa Chuo cha Sayansi ya Kompyuta, Habari na Mawasiliano, "
        "Chuo Kikuu cha Dodoma (UDOM)"
    ) == venue.name["sw"]
    assert (
        "Hall of the College of Computer Science, Information and Communication, "
        "University of Dodoma (UDOM)"
    ) == venue.name["en"]
    assert ("Dodoma", "Dodoma", "TZ") == (venue.city, venue.region, venue.country)
    assert "ukumbi-mkuu" == venue.rooms[0].id


def test_theme_and_motto(event: ee.Event) -> None:
    assert event.theme is not None
    assert event.motto is not None
    assert "Uwianishaji wa Rasilimali za TEHAMA kwa Maendeleo ya Viwanda" == event.theme["sw"]
    assert "Harmonising ICT resources for industrial development" == event.theme["en"]
    assert "Uadilifu na Ubunifu kwa Utoaji Huduma Bora kwa Umma" == event.motto["sw"]
    assert "Integrity and innovation for better public service delivery" == event.motto["en"]


def test_description_is_the_pages_first_paragraph(event: ee.Event) -> None:
    assert event.description is not None
    assert event.description["sw"].startswith("Wakala ya Serikali Mtandao (eGA) iliandaa")
    assert event.description["sw"].endswith("kuwa na uelewa wa pamoja kuhusu serikali mtandao.")
    assert event.description["en"].startswith("The e-Government Agency (eGA) organised")


def test_objectives(event: ee.Event) -> None:
    objectives = [(o["sw"], o["en"]) for o in event.objectives]
    assert 4 == len(objectives)
    assert "zinazoendelea na zilizopangwa" in objectives[0][0]
    assert "done, ongoing and planned" in objectives[0][1]
    assert "changamoto na fursa" in objectives[1][0]
    assert "challenges and opportunities" in objectives[1][1]
    assert "kubadilishana uzoefu" in objectives[2][0]
    assert "share experience" in objectives[2][1]
    assert "uelewa wa pamoja" in objectives[3][0]
    assert "common understanding" in objectives[3][1]


def test_organizer(event: ee.Event) -> None:
    ega = event.organization(event.organizer)
    assert "ega" == ega.id
    assert "Wakala ya Serikali Mtandao" == ega.name["sw"]
    assert "e-Government Agency" == ega.name["en"]
    assert "eGA" == ega.acronym
    assert ee.OrganizationKind.EXECUTIVE_AGENCY == ega.kind
    assert "TZ" == ega.country
    assert ega.region is None


def test_reported_attendance(event: ee.Event) -> None:
    assert 786 == event.reported_attendance


def test_groups_and_their_days(event: ee.Event) -> None:
    expected = [
        ("group-1", "Kundi la Kwanza", "Group 1", (DAY_1, DAY_2)),
        ("group-2", "Kundi la Pili", "Group 2", (DAY_3,)),
        ("group-3", "Kundi la Tatu", "Group 3", (DAY_4,)),
    ]
    assert expected == [(g.id, g.name["sw"], g.name["en"], g.days) for g in event.groups]
    assert all(g.rule is not None and g.members is None for g in event.groups)
    description = event.group("group-3").description
    assert description is not None
    assert "siku maalumu ya Utafiti na Ubunifu" in description["sw"]
    assert "Research and Innovation day" in description["en"]


def test_roles(event: ee.Event) -> None:
    expected = {
        "ict_officer": ("Afisa TEHAMA", "ICT officer"),
        "ict_system_user": ("Afisa anayetumia mifumo ya TEHAMA", "Officer who uses ICT systems"),
        "permanent_secretary": ("Katibu Mkuu", "Permanent Secretary"),
        "head_of_institution": ("Mkuu wa Taasisi", "Head of institution"),
        "lga_director": (
            "Mkurugenzi wa Mamlaka ya Serikali za Mitaa",
            "Director of a local government authority",
        ),
        "innovator": ("Mbunifu", "Innovator"),
        "researcher": ("Mtafiti", "Researcher"),
    }
    assert expected == {r.id: (r.name["sw"], r.name["en"]) for r in event.roles}


def test_every_localized_text_has_swahili_and_english(event: ee.Event) -> None:
    found = list(localized_texts(event))
    assert len(found) > 100
    assert [] == [path for path, text in found if set(text.languages) != {"sw", "en"}]


def test_keynote_speakers_and_sponsors_are_not_invented(event: ee.Event) -> None:
    assert () == event.keynote_speakers
    assert () == event.sponsors
    assert all(not s.speakers for s in event.sessions if s.kind is ee.SessionKind.KEYNOTE)


def test_documents(event: ee.Event) -> None:
    expected = [
        ("nyaraka", "Nyaraka", "Documents", ee.DocumentKind.OTHER),
        ("programu", "Programu", "Programme", ee.DocumentKind.PROGRAMME),
    ]
    actual = [(d.id, d.title["sw"], d.title["en"], d.kind) for d in event.documents]
    assert expected == actual
    assert all(d.url.startswith("https://example.go.tz/") for d in event.documents)


# -- participants ----------------------------------------------------------------


def test_participant_count_and_ids(event: ee.Event) -> None:
    assert 786 == len(event.participants)
    assert [f"p-{n:04d}" for n in range(1, 787)] == [p.id for p in event.participants]
    assert all(p.status is ee.RegistrationStatus.CONFIRMED for p in event.participants)


def test_every_participant_has_a_person(event: ee.Event) -> None:
    people = {p.id: p for p in event.people}
    assert len(people) == len(event.people)
    for p in event.participants:
        assert p.organization == people[p.person].organization
    assert 786 == len({p.person for p in event.participants})


def test_group_sizes(event: ee.Event) -> None:
    groups = Counter(p.groups for p in event.participants)
    assert {G1: 520, G2: 170, G3_ONLY: 96} == dict(groups)
    roles = Counter(role for p in event.participants for role in p.roles)
    assert 330 == roles["ict_officer"]
    assert 190 == roles["ict_system_user"]
    assert (28, 58, 84) == (
        roles["permanent_secretary"],
        roles["head_of_institution"],
        roles["lga_director"],
    )
    assert 786 == len(event.participants_in("group-3"))


def test_group_1_members_have_an_ict_role(event: ee.Event) -> None:
    for p in event.participants_in("group-1"):
        assert G1 == p.groups
        assert p.roles
        assert p.roles <= ICT
        assert org_kind(event, p) not in ACADEMIC_KINDS


def test_group_2_members_are_leaders(event: ee.Event) -> None:
    for p in event.participants_in("group-2"):
        assert G2 == p.groups
        assert 1 == len(p.roles)
        assert p.roles <= LEADERS
        kind = org_kind(event, p)
        if "permanent_secretary" in p.roles:
            assert ee.OrganizationKind.MINISTRY == kind
        elif "lga_director" in p.roles:
            assert ee.OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY == kind
        else:
            assert kind not in {
                ee.OrganizationKind.MINISTRY,
                ee.OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY,
                *ACADEMIC_KINDS,
            }


def test_lga_directors_lead_different_authorities(event: ee.Event) -> None:
    directors = [p.organization for p in event.participants if "lga_director" in p.roles]
    heads = [p.organization for p in event.participants if "head_of_institution" in p.roles]
    assert len(set(directors)) == len(directors)
    assert len(set(heads)) == len(heads)


def test_group_3_is_groups_1_and_2_plus_academic_innovators_and_researchers(
    event: ee.Event,
) -> None:
    def ids(group: str) -> set[str]:
        return {p.id for p in event.participants_in(group)}

    academics = {
        p.id
        for p in event.participants
        if p.roles & ACADEMIC and org_kind(event, p) in ACADEMIC_KINDS
    }
    assert ids("group-1") | ids("group-2") | academics == ids("group-3")
    assert set() == ids("group-1") & ids("group-2")
    for p in event.participants:
        if p.groups == G3_ONLY:
            assert p.roles
            assert p.roles <= ACADEMIC
            assert org_kind(event, p) in ACADEMIC_KINDS
        else:
            assert set() == p.roles & ACADEMIC


def test_attendance_only_on_the_days_of_ones_groups(event: ee.Event) -> None:
    for p in event.participants:
        days = {day for g in p.groups for day in event.group(g).days}
        assert p.days_attended
        assert p.days_attended <= days


def test_attendance_per_day(event: ee.Event) -> None:
    assert {DAY_1: 502, DAY_2: 486, DAY_3: 164, DAY_4: 596} == event.attendance()
    assert event.reported_attendance == sum(1 for p in event.participants if p.days_attended)
    group_1 = event.participants_in("group-1")
    assert all(p.days_attended & {DAY_1, DAY_2} for p in group_1)
    assert 52 == sum(1 for p in group_1 if len(p.days_attended & {DAY_1, DAY_2}) == 1)


def test_emails(event: ee.Event) -> None:
    emails = [p.email for p in event.people]
    assert len(set(emails)) == len(emails)
    for p in event.participants:
        email = event.person(p.person).email
        assert email is not None
        academic = org_kind(event, p) in ACADEMIC_KINDS
        assert email.endswith("@example.ac.tz" if academic else "@example.go.tz")
    for person in event.people:
        assert person.email is not None
        assert person.email.endswith(("@example.go.tz", "@example.ac.tz"))


def test_honorifics_and_regions(event: ee.Event) -> None:
    honorifics = {p.honorific for p in event.people}
    assert {None, "Bw.", "Bi.", "Dkt.", "Prof.", "Mhandisi"} == honorifics
    assert all(p.region in builder.REGIONS for p in event.participants)
    assert 26 == len(builder.REGIONS)
    for p in event.participants:
        seat = event.organization(p.organization).region
        if seat is not None:
            assert seat == p.region


def test_organizations(event: ee.Event) -> None:
    kinds = Counter(o.kind for o in event.organizations)
    assert 26 == kinds[ee.OrganizationKind.REGIONAL_SECRETARIAT]
    assert kinds[ee.OrganizationKind.LOCAL_GOVERNMENT_AUTHORITY] >= 84
    assert kinds[ee.OrganizationKind.UNIVERSITY] >= 5
    assert kinds[ee.OrganizationKind.TECHNICAL_COLLEGE] >= 3
    assert kinds[ee.OrganizationKind.RESEARCH_INSTITUTE] >= 2
    for o in event.organizations:
        assert "TZ" == o.country
        assert o.acronym
        assert o.id == o.id.lower()
    dodoma = event.organization("dodoma-cc")
    assert ("Halmashauri ya Jiji la Dodoma", "Dodoma City Council") == (
        dodoma.name["sw"],
        dodoma.name["en"],
    )


# -- programme -----------------------------------------------------------------------


def test_every_session_is_on_its_groups_days(event: ee.Event) -> None:
    for s in event.sessions:
        assert s.groups
        days = {day for g in s.groups for day in event.group(g).days}
        assert set(s.days(event.timezone)) <= days


def test_every_session_says_it_is_illustrative(event: ee.Event) -> None:
    for s in event.sessions:
        assert s.description is not None
        assert s.description["sw"].endswith(builder.ILLUSTRATIVE_SW)
        assert s.description["en"].endswith(builder.ILLUSTRATIVE_EN)
        assert "Mfano" in s.description["sw"]
        assert "Illustrative" in s.description["en"]


def test_programme_shape(event: ee.Event) -> None:
    def kinds(day: date) -> Counter[ee.SessionKind]:
        return Counter(s.kind for s in event.sessions_on(day))

    assert 1 == kinds(DAY_1)[ee.SessionKind.OPENING]
    assert 4 == kinds(DAY_1)[ee.SessionKind.BREAKOUT]
    assert 4 == kinds(DAY_2)[ee.SessionKind.BREAKOUT]
    assert 1 == kinds(DAY_2)[ee.SessionKind.CLOSING]
    assert 1 == kinds(DAY_3)[ee.SessionKind.PANEL]
    assert 3 == kinds(DAY_3)[ee.SessionKind.BREAKOUT]
    assert 1 == kinds(DAY_4)[ee.SessionKind.EXHIBITION]
    for day in event.days:
        assert 1 == kinds(day)[ee.SessionKind.CLOSING] or day == DAY_1
    action_plans = [s for s in event.sessions if "action plan" in s.title["en"].lower()]
    assert {DAY_2, DAY_3} == {event.day_of(s.start) for s in action_plans}
    rooms = {r.id for r in event.venue.rooms} if event.venue else set()
    assert all(s.room in rooms for s in event.sessions)
    ids = [s.id for s in event.sessions]
    assert len(set(ids)) == len(ids)
    assert all(s.id.startswith(f"s-{event.day_of(s.start).isoformat()}-") for s in event.sessions)


def test_the_calls_session_is_the_exhibition_on_day_4(
    event: ee.Event, call: ee.CallForSubmissions
) -> None:
    assert call.session is not None
    exhibition = event.session(call.session)
    assert "s-2019-02-02-exhibition" == exhibition.id
    assert ee.SessionKind.EXHIBITION == exhibition.kind
    assert (DAY_4,) == exhibition.days(event.timezone)
    assert frozenset({"group-3"}) == exhibition.groups


def test_presenters_are_the_accepted_submitters_in_booth_order(
    event: ee.Event, call: ee.CallForSubmissions
) -> None:
    accepted = sorted((s for s in call.submissions if s.booth), key=lambda s: s.booth or "")
    presentations = event.session("s-2019-02-02-presentations")
    assert tuple(s.submitters[0] for s in accepted) == presentations.speakers


# -- the call for submissions ----------------------------------------------------


def test_call(call: ee.CallForSubmissions) -> None:
    assert "Wito wa Tafiti na Bunifu katika Serikali Mtandao" == call.title["sw"]
    assert "Call for research and innovations in e-Government" == call.title["en"]
    assert 10 == call.places
    assert frozenset(ee.SubmissionKind) == call.kinds
    assert (1, 5) == (call.score_min, call.score_max)
    assert call.eligibility is None
    assert call.opens < call.closes < datetime(2019, 1, 30, tzinfo=ZoneInfo("Africa/Dar_es_Salaam"))
    assert {"relevance": 0.4, "innovation": 0.3, "feasibility": 0.3} == {
        c.id: c.weight for c in call.criteria
    }
    assert call.description is not None
    assert "Taasisi za Utafiti" in call.description["sw"]
    assert "research institutes" in call.description["en"]
    assert "Mfano" in call.description["sw"]
    assert "Illustrative" in call.description["en"]


def test_submission_counts(call: ee.CallForSubmissions) -> None:
    assert [f"sub-{n:02d}" for n in range(1, 25)] == [s.id for s in call.submissions]
    states = Counter(s.state for s in call.submissions)
    assert {ee.SubmissionState.ACCEPTED: 10, ee.SubmissionState.REJECTED: 14} == dict(states)
    booths = sorted(s.booth for s in call.submissions if s.booth is not None)
    assert [f"B{n:02d}" for n in range(1, 11)] == booths
    for s in call.submissions:
        assert (s.state is ee.SubmissionState.ACCEPTED) == (s.booth is not None)
    assert {ee.SubmissionKind.RESEARCH, ee.SubmissionKind.INNOVATION} == {
        s.kind for s in call.submissions
    }


def test_submitting_institutions(event: ee.Event, call: ee.CallForSubmissions) -> None:
    allowed = {*ACADEMIC_KINDS, ee.OrganizationKind.RESEARCH_INSTITUTE}
    kinds = {event.organization(s.organization).kind for s in call.submissions}
    assert allowed == kinds
    group_3_only = {p.person: p for p in event.participants if p.groups == G3_ONLY}
    for s in call.submissions:
        academic = event.organization(s.organization).kind in ACADEMIC_KINDS
        for person_id in s.submitters:
            assert s.organization == event.person(person_id).organization
            if academic:
                assert s.organization == group_3_only[person_id].organization
            else:
                assert person_id not in {p.person for p in event.participants}


def test_submission_history(call: ee.CallForSubmissions) -> None:
    decisions = set()
    for s in call.submissions:
        states = [h.state for h in s.history]
        assert [
            ee.SubmissionState.SUBMITTED,
            ee.SubmissionState.UNDER_REVIEW,
            s.state,
        ] == states
        submitted, review, decided = s.history
        assert call.opens <= submitted.at < call.closes <= review.at < decided.at
        assert s.submitters[0] == submitted.by
        assert "kamati-ya-tathmini" == decided.by
        decisions.add(decided.at)
        assert s.abstract is not None
        assert "Mfano" in s.abstract["sw"]
        assert "Illustrative" in s.abstract["en"]
    assert 1 == len(decisions)


def test_reviews(event: ee.Event, call: ee.CallForSubmissions) -> None:
    reviewers = set()
    criteria = {c.id for c in call.criteria}
    for s in call.submissions:
        assert 3 == len(s.reviews)
        assert 3 == len({r.reviewer for r in s.reviews})
        for r in s.reviews:
            reviewers.add(r.reviewer)
            assert s.organization != event.person(r.reviewer).organization
            assert criteria == set(r.scores)
            assert all(1 <= score <= 5 for score in r.scores.values())
            assert r.at is not None
            assert s.history[1].at <= r.at <= s.history[2].at
    assert 6 == len(reviewers)
    assert {"ega", "costech"} == {event.person(r).organization for r in reviewers}
    for reviewer in sorted(reviewers):
        position = event.person(reviewer).position
        assert position is not None
        assert "(mfano)" in position["sw"]
        assert "(illustrative)" in position["en"]


def weighted_mean(call: ee.CallForSubmissions, submission: ee.Submission) -> Fraction:
    weights = {c.id: Fraction(str(c.weight)) for c in call.criteria}
    total_weight = sum(weights.values(), Fraction(0))
    per_review = [
        sum((w * Fraction(str(r.scores[c])) for c, w in weights.items()), Fraction(0))
        / total_weight
        for r in submission.reviews
    ]
    return sum(per_review, Fraction(0)) / len(per_review)


def test_the_selected_ten_are_the_top_ten(call: ee.CallForSubmissions) -> None:
    ranked = sorted(call.submissions, key=lambda s: (-weighted_mean(call, s), s.id))
    assert [s.id for s in ranked[:10]] == [
        s.id for s in sorted(call.submissions, key=lambda s: s.booth or "~")[:10]
    ]
    assert {s.id for s in ranked[:10]} == {
        s.id for s in call.submissions if s.state is ee.SubmissionState.ACCEPTED
    }
    # The cut is not a tie, so any tie-break selects the same ten.
    assert weighted_mean(call, ranked[9]) > weighted_mean(call, ranked[10])


# -- determinism ---------------------------------------------------------------------


def test_build_is_deterministic(event: ee.Event) -> None:
    again = builder.build()
    assert event == again
    assert digest(event) == digest(again)
    assert kikao_kazi_2019() is kikao_kazi_2019()


def test_the_shipped_json_is_what_the_builder_writes(event: ee.Event) -> None:
    assert ee.dumps(builder.build()) == KIKAO_KAZI_2019_JSON.read_text(encoding="utf-8")
    assert builder.build() == event
    assert 0 == cli.main(["--check"])


def test_a_stale_json_file_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "kikao_kazi_2019.json"
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(cli, "KIKAO_KAZI_2019_JSON", stale)
    assert 1 == cli.main(["--check"])
    assert (
        f"{stale} is stale: run python -m egov_events.examples --write\n" == capsys.readouterr().err
    )
    assert 0 == cli.main(["--write"])
    assert 0 == cli.main(["--check"])


def test_build_is_the_same_under_other_hash_seeds(event: ee.Event) -> None:
    code = (
        "from tests.test_examples import digest\n"
        "from egov_events.examples._kikao_kazi_2019 import build\n"
        "print(digest(build()))\n"
    )
    runs = [
        subprocess.Popen(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in ("0", "4242")
    ]
    outputs = [run.communicate(timeout=60)[0].strip() for run in runs]
    assert [0, 0] == [run.returncode for run in runs]
    assert [digest(event)] * 2 == outputs
