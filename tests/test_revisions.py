"""Revisions: diff, revise (per-object SEQUENCE), outbox (the least set of iTIP messages)."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import egov_events as ee
from egov_events import ical, revisions
from egov_events.revisions import Changes, Message
from tests.cli_runs import run as _run
from tests.smtp import Mailbox

EAT = ZoneInfo("Africa/Dar_es_Salaam")
AT = datetime(2019, 2, 5, 9, 0, tzinfo=EAT)
T = ee.LocalizedText.of


@pytest.fixture(scope="module")
def workshop() -> ee.Event:
    return ee.examples.kikao_kazi_2019()


def _replace_session(event: ee.Event, session_id: str, **changes: Any) -> ee.Event:
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, **changes) if s.id == session_id else s for s in event.sessions
        ),
    )


def _moved(event: ee.Event, session_id: str, hours: float) -> ee.Event:
    s = event.session(session_id)
    delta = timedelta(hours=hours)
    return _replace_session(event, session_id, start=s.start + delta, end=s.end + delta)


def _first_of_day(event: ee.Event, group: str) -> ee.Session:
    day = event.group_days(group)[0]
    return min(day.sessions, key=lambda s: (s.start, s.id))


# -- diff -------------------------------------------------------------------------


def test_a_moved_session_reads_in_swahili_and_english(workshop: ee.Event) -> None:
    s = workshop.sessions[1]
    changes = revisions.diff(workshop, _moved(workshop, s.id, 1))
    assert [revisions.SessionMoved] == [type(c) for c in changes]
    assert (
        f"Kikao '{s.title['sw']}' kimehamishwa: saa 3:00 asubuhi → saa 4:00 asubuhi, "
        "30 Januari 2019"
    ) == changes[0].render("sw")
    assert f"Session '{s.title['en']}' moved: 09:00 → 10:00, 30 January 2019" == changes[0].render(
        "en"
    )


def test_nothing_changed_is_an_empty_diff(workshop: ee.Event) -> None:
    changes = revisions.diff(workshop, ee.examples.kikao_kazi_2019())
    assert not changes
    assert "" == changes.render("en")


def test_every_kind_of_change_is_found(workshop: ee.Event) -> None:
    old = workshop
    s1, s2, s3, s4 = old.sessions[1], old.sessions[2], old.sessions[3], old.sessions[4]
    sessions = list(old.sessions)
    sessions[1] = attrs.evolve(s1, status=ee.SessionStatus.CANCELLED)
    sessions[2] = attrs.evolve(s2, title=T(sw="Jina jipya", en="New name"))
    sessions[3] = attrs.evolve(s3, room=None)
    sessions[4] = attrs.evolve(s4, description=T(sw="Maelezo", en="Notes"))
    removed = sessions.pop(5)
    added = attrs.evolve(removed, id="s-new", title=T(sw="Kipya", en="Added"))
    sessions.append(added)
    p0, p1, p2 = old.participants[0], old.participants[1], old.participants[2]
    g1 = old.group("group-1")
    new = attrs.evolve(
        old,
        title=T(sw="Kikao Kazi", en="Workshop"),
        status=ee.EventStatus.POSTPONED,
        sessions=tuple(sessions),
        groups=(
            attrs.evolve(g1, days=(date(2019, 1, 30),)),
            *old.groups[1:],
        ),
        participants=(
            attrs.evolve(p0, groups=frozenset({"group-2"})),
            attrs.evolve(p1, status=ee.RegistrationStatus.WITHDRAWN),
            *old.participants[3:],
            attrs.evolve(p2, id="p-new"),
        ),
        documents=old.documents[1:],
    )
    changes = revisions.diff(old, new)
    kinds = [c.kind for c in changes]
    assert [
        "event_retitled",
        "event_status_changed",
        "session_removed",
        "session_cancelled",
        "session_retitled",
        "session_relocated",
        "session_redescribed",
        "session_added",
        "group_days_changed",
        "participant_removed",
        "participant_moved",
        "participant_status_changed",
        "participant_added",
        "document_removed",
    ] == [k for k in kinds if k != "group_hours_changed"]
    for lang in ("sw", "en"):
        assert len(changes) == len(changes.render(lang).splitlines())
    person = old.person(p0.person).display_name
    assert f"Makundi ya mshiriki {person} yamebadilika: Kundi la Kwanza, Kundi la Tatu → " in (
        changes.render("sw")
    )
    assert "Title of the event: '2nd e-Government Workshop 2019' → 'Workshop'" in (
        changes.render("en")
    )


def test_changes_survive_json(workshop: ee.Event) -> None:
    s = _first_of_day(workshop, "group-1")
    new = _moved(workshop, s.id, -0.5)
    new = attrs.evolve(new, participants=new.participants[1:])
    changes = revisions.diff(workshop, new)
    text = json.dumps(changes.to_json())
    again = Changes.from_json(json.loads(text))
    assert changes == again
    assert changes.render("sw") == again.render("sw")
    assert "session_moved" == json.loads(text)[0]["kind"]
    assert "2019-01-30T07:30:00+03:00[Africa/Dar_es_Salaam]" == json.loads(text)[0]["new_start"]


def test_an_unknown_kind_of_change_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown kind of change 'moved' @ \$\[0\]\.kind"):
        Changes.from_json([{"kind": "moved"}])
    with pytest.raises(ValueError, match=r"malformed session_removed change: .* @ \$\[0\]"):
        Changes.from_json([{"kind": "session_removed", "session": "x"}])


def test_diff_refuses_two_different_events(workshop: ee.Event) -> None:
    with pytest.raises(ValueError, match="not two revisions of one event"):
        revisions.diff(workshop, attrs.evolve(workshop, id="other"))


# -- revise and check -------------------------------------------------------------


def _sequences(event: ee.Event) -> dict[str, int]:
    return {
        **{s.id: s.sequence for s in event.sessions},
        **{g.id: g.sequence for g in event.groups},
    }


def test_revise_raises_exactly_the_objects_that_changed(workshop: ee.Event) -> None:
    first = _first_of_day(workshop, "group-1")
    new = revisions.revise(workshop, _moved(workshop, first.id, 1), at=AT)
    raised = {k for k, v in _sequences(new).items() if v != _sequences(workshop)[k]}
    assert {first.id, "group-1"} == raised
    assert (2, 2, 2) == (new.session(first.id).sequence, new.group("group-1").sequence, 2)
    assert (workshop.revision + 1, AT) == (new.revision, new.updated)
    assert [] == revisions.check(workshop, new)


def test_a_session_moved_within_its_groups_hours_raises_only_itself(workshop: ee.Event) -> None:
    s = workshop.sessions[1]  # 09:00, the group's day starts at 08:00
    new = revisions.revise(workshop, _moved(workshop, s.id, 1), at=AT)
    raised = {k for k, v in _sequences(new).items() if v != _sequences(workshop)[k]}
    assert {s.id} == raised


def test_a_new_title_raises_no_sequence(workshop: ee.Event) -> None:
    s = workshop.sessions[1]
    edited = _replace_session(workshop, s.id, title=T(sw="Ufunguzi", en="Opening"))
    new = revisions.revise(workshop, edited, at=AT)
    assert _sequences(workshop) == _sequences(new)
    assert [] == revisions.check(workshop, new)


def test_cancelling_the_event_raises_every_object(workshop: ee.Event) -> None:
    new = revisions.revise(workshop, attrs.evolve(workshop, status=ee.EventStatus.CANCELLED), at=AT)
    assert {2} == set(_sequences(new).values())


def test_members_joining_or_leaving_raise_their_group_only(workshop: ee.Event) -> None:
    leaving = next(p for p in workshop.participants if p.groups == {"group-3"})
    edited = attrs.evolve(
        workshop, participants=tuple(p for p in workshop.participants if p is not leaving)
    )
    new = revisions.revise(workshop, edited, at=AT)
    raised = {k for k, v in _sequences(new).items() if v != _sequences(workshop)[k]}
    assert {"group-3"} == raised


def test_a_forgotten_raise_is_caught(workshop: ee.Event) -> None:
    first = _first_of_day(workshop, "group-2")
    edited = attrs.evolve(_moved(workshop, first.id, 1), revision=2, updated=AT)
    assert [
        f"session {first.id!r}: start, end changed but the sequence stayed 1; raise it to 2 "
        "(RFC 5545 section 3.8.7.4) or use revise() "
        f"@ $.sessions[{workshop.sessions.index(first)}].sequence",
        "group 'group-2': days or hours changed but the sequence stayed 1; raise it to 2 "
        "(RFC 5545 section 3.8.7.4) or use revise() @ $.groups[1].sequence",
    ] == revisions.check(workshop, edited)
    with pytest.raises(ee.ValidationError) as info:
        revisions.outbox(workshop, edited)
    assert revisions.check(workshop, edited) == info.value.errors
    # revise raises what was forgotten, and keeps what was raised by hand
    by_hand = _replace_session(edited, first.id, sequence=5)
    fixed = revisions.revise(workshop, by_hand, at=AT)
    assert (5, 2) == (fixed.session(first.id).sequence, fixed.group("group-2").sequence)


def test_a_sequence_that_goes_down_is_refused(workshop: ee.Event) -> None:
    s = workshop.sessions[0]
    lowered = _replace_session(workshop, s.id, sequence=0)
    with pytest.raises(ee.ValidationError, match=r"sequence went down from 1 to 0 @ \$\.sessions"):
        revisions.revise(workshop, lowered, at=AT)


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime(2019, 2, 4, 10, 0, tzinfo=EAT), "must be later than the previous revision's"),
        (datetime(2019, 2, 5, 10, 0), "must be timezone-aware"),  # naive: the point
    ],
)
def test_revise_needs_a_later_aware_moment(workshop: ee.Event, at: datetime, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        revisions.revise(workshop, workshop, at=at)


def test_check_wants_a_later_revision_and_updated(workshop: ee.Event) -> None:
    assert [
        "must be raised above 1, is 1 @ $.revision",
        "must be later than the previous revision's (2019-02-04T10:00:00+03:00), "
        "is 2019-02-04T10:00:00+03:00: DTSTAMP comes from it @ $.updated",
    ] == revisions.check(workshop, workshop)


def test_a_bad_sequence_is_refused_with_its_path(workshop: ee.Event) -> None:
    document = json.loads(ee.dumps(workshop))
    document["sessions"][2]["sequence"] = -1
    document["groups"][1]["sequence"] = "2"
    with pytest.raises(ee.ValidationError) as info:
        ee.loads(json.dumps(document))
    assert [
        "must not be negative, got -1 @ $.sessions[2].sequence",
        "expected an integer, got string '2' @ $.groups[1].sequence",
    ] == info.value.errors
    with pytest.raises(ee.ValidationError, match=r"got bool @ \$\.sequence"):
        attrs.evolve(workshop.groups[0], sequence=True)


def test_a_sequence_beyond_what_a_calendar_carries_is_refused(workshop: ee.Event) -> None:
    # RFC 5545 INTEGER is 32 bits: a larger SEQUENCE could never be written.
    session = workshop.sessions[0]
    largest = attrs.evolve(session, sequence=2**31 - 1)
    assert (
        b"SEQUENCE:2147483647"
        in ical.calendar(
            attrs.evolve(workshop, sessions=(largest, *workshop.sessions[1:]))
        ).to_ical()
    )
    with pytest.raises(ee.ValidationError) as info:
        attrs.evolve(session, sequence=2**31)
    assert ["must be at most 2147483647, got 2147483648 @ $.sequence"] == info.value.errors
    assert ["isizidi 2147483647, imepewa 2147483648 @ $.sequence"] == info.value.messages("sw")
    document = json.loads(ee.dumps(workshop))
    document["groups"][0]["sequence"] = 2**31
    with pytest.raises(ee.ValidationError) as info:
        ee.loads(json.dumps(document))
    too_large = "must be at most 2147483647, got 2147483648"
    assert [f"{too_large} @ $.groups[0].sequence"] == info.value.errors


def test_feeds_carry_each_sessions_own_sequence(workshop: ee.Event) -> None:
    first = _first_of_day(workshop, "group-1")
    new = revisions.revise(workshop, _moved(workshop, first.id, 1), at=AT)
    sequences = {
        str(v["UID"]).partition("@")[0]: int(str(v["SEQUENCE"]))
        for v in ical.calendar(new).walk("VEVENT")
    }
    assert {first.id: 2} == {k: v for k, v in sequences.items() if v != 1}


# -- outbox -----------------------------------------------------------------------


def _members(event: ee.Event, group: str) -> set[str]:
    return {p.id for p in event.participants if group in p.groups}


def test_moving_one_group_1_session_tells_group_1_only(workshop: ee.Event) -> None:
    s = workshop.sessions[1]
    assert {"group-1"} == s.groups
    new = revisions.revise(workshop, _moved(workshop, s.id, 1), at=AT)
    messages = revisions.outbox(workshop, new)
    group_1 = _members(workshop, "group-1")
    only_group_3 = {p.id for p in workshop.participants if p.groups == {"group-3"}}
    assert (520, 96) == (len(group_1), len(only_group_3))
    assert group_1 == {m.participant for m in messages}
    assert 520 == len(messages)
    assert not only_group_3 & {m.participant for m in messages}
    assert {("REQUEST", "group-1", "group+group-1@kikao-kazi-2019.egov-events")} == {
        (m.method, m.group, m.uid) for m in messages
    }


def test_the_messages_say_what_changed_and_when(workshop: ee.Event) -> None:
    first = _first_of_day(workshop, "group-1")
    new = revisions.revise(workshop, _moved(workshop, first.id, 1), at=AT)
    messages = revisions.outbox(workshop, new, languages={"p-0001": "en"})
    by_id = {m.participant: m for m in messages}
    english, swahili = by_id["p-0001"], by_id["p-0002"]
    assert ("en", "sw") == (english.lang, swahili.lang)
    event: Any = english.calendar.events[0]
    assert (2, "20190205T060000Z") == (
        int(event["SEQUENCE"]),
        event["DTSTAMP"].to_ical().decode(),
    )
    mail = english.email()
    body = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert mail["Subject"] == "Changed: 2nd e-Government Workshop 2019 (Group 1)"
    assert "Your invitation to 2nd e-Government Workshop 2019, Group 1, has changed:\n" in body
    assert f"- Session '{first.title['en']}' moved: 08:00 → 09:00, 30 January 2019\n" in body
    assert "- Hours of group 'Group 1' on 30 January 2019: 08:00 to 17:00 → 09:00 to 17:00" in body
    text = swahili.email().get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "umebadilika:\n- Kikao '" in text
    parts = [p.get_content_type() for p in mail.iter_parts()]
    assert ["text/plain", "text/html", "text/calendar"] == parts
    assert "REQUEST" == mail.get_body(("calendar",)).get_param("method")  # type: ignore[union-attr]


def test_a_participant_who_leaves_a_group_gets_a_cancel_above_the_request(
    workshop: ee.Event,
) -> None:
    p = workshop.participant("p-0001")
    assert {"group-1", "group-3"} == p.groups
    left = attrs.evolve(
        workshop,
        participants=tuple(
            attrs.evolve(x, groups=frozenset({"group-3"})) if x is p else x
            for x in workshop.participants
        ),
    )
    rev2 = revisions.revise(workshop, left, at=AT)
    [cancel] = revisions.outbox(workshop, rev2)
    assert ("p-0001", "CANCEL", "group-1", 2) == (
        cancel.participant,
        cancel.method,
        cancel.group,
        cancel.sequence,
    )
    vevent: Any = cancel.calendar.events[0]
    assert ("CANCEL", "CANCELLED", 2) == (
        str(cancel.calendar["METHOD"]),
        str(vevent["STATUS"]),
        int(vevent["SEQUENCE"]),
    )
    assert "Imefutwa: " in str(cancel.email()["Subject"])
    # coming back later: a REQUEST strictly above that CANCEL
    back = revisions.revise(
        rev2, attrs.evolve(rev2, participants=workshop.participants), at=AT + timedelta(hours=1)
    )
    [request] = revisions.outbox(rev2, back)
    assert ("p-0001", "REQUEST", "group-1", 3) == (
        request.participant,
        request.method,
        request.group,
        request.sequence,
    )


def test_removing_a_group_cancels_it_for_its_members(workshop: ee.Event) -> None:
    # Group 3's rule names group 2: members are listed by the participants here.
    old = attrs.evolve(workshop, groups=tuple(attrs.evolve(g, rule=None) for g in workshop.groups))
    edited = attrs.evolve(
        old,
        groups=old.groups[:1] + old.groups[2:],
        sessions=tuple(s for s in old.sessions if "group-2" not in s.groups),
        participants=tuple(
            attrs.evolve(p, groups=p.groups - {"group-2"}) for p in old.participants
        ),
    )
    new = revisions.revise(old, edited, at=AT)
    messages = revisions.outbox(old, new)
    assert {("CANCEL", "group-2", 2)} == {(m.method, m.group, m.sequence) for m in messages}
    assert _members(old, "group-2") == {m.participant for m in messages}
    assert "Kundi 'Kundi la Pili' limeondolewa" in (
        messages[0].email().get_body(("plain",)).get_content()  # type: ignore[union-attr]
    )


def test_cancelling_the_event_cancels_every_invitation(workshop: ee.Event) -> None:
    new = revisions.revise(workshop, attrs.evolve(workshop, status=ee.EventStatus.CANCELLED), at=AT)
    messages = revisions.outbox(workshop, new)
    expected = sum(len(p.groups) for p in workshop.participants)
    assert expected == len(messages)
    assert {("CANCEL", 2)} == {(m.method, m.sequence) for m in messages}


def test_a_new_participant_gets_only_their_own_invitations(workshop: ee.Event) -> None:
    template = workshop.participant("p-0001")
    added = attrs.evolve(template, id="p-9999")
    new = revisions.revise(
        workshop, attrs.evolve(workshop, participants=(*workshop.participants, added)), at=AT
    )
    messages = revisions.outbox(workshop, new)
    assert [("p-9999", "group-1", "REQUEST"), ("p-9999", "group-3", "REQUEST")] == [
        (m.participant, m.group, m.method) for m in messages
    ]
    body = messages[0].email().get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "ameongezwa: Kundi la Kwanza, Kundi la Tatu" in body


def _day_cancelled(event: ee.Event, group: str, day: date) -> ee.Event:
    """*event* with every session of *group* on *day* cancelled."""
    return attrs.evolve(
        event,
        sessions=tuple(
            attrs.evolve(s, status=ee.SessionStatus.CANCELLED)
            if group in s.groups and event.day_of(s.start) == day
            else s
            for s in event.sessions
        ),
    )


def test_a_cancelled_day_is_an_update_to_the_groups_members(workshop: ee.Event) -> None:
    day = workshop.group("group-1").days[1]
    cancelled = _day_cancelled(workshop, "group-1", day)
    new = revisions.revise(workshop, cancelled, at=AT)
    messages = revisions.outbox(workshop, new)
    assert {("REQUEST", "group-1", 2)} == {(m.method, m.group, m.sequence) for m in messages}
    assert 520 == len(messages)
    # recurring-ical-events needs python-dateutil < 3 (absent in make test-dateutil4).
    recurring_ical_events = pytest.importorskip("recurring_ical_events")
    instances = recurring_ical_events.of(messages[0].calendar).between(
        date(2019, 1, 29), date(2019, 2, 3)
    )
    assert [date(2019, 1, 30)] == [e["DTSTART"].dt.date() for e in instances]


def test_nothing_changed_sends_nothing(workshop: ee.Event) -> None:
    new = revisions.revise(workshop, workshop, at=AT)
    assert [] == revisions.outbox(workshop, new)


# -- the bytes: the bulk writer against icalendar's own to_ical() ----------------


def _calendar_part(message: Message) -> bytes:
    """The text/calendar part of the message's e-mail, as sent."""
    part: Any = message.email().get_body(("calendar",))
    data: bytes = part.get_payload(decode=True)
    return data


def _revisions_of(workshop: ee.Event) -> dict[str, tuple[ee.Event, ee.Event]]:
    """Changes that call for REQUESTs and for CANCELs, on a sample of the workshop's people."""
    old = attrs.evolve(
        workshop,
        groups=tuple(attrs.evolve(g, rule=None) for g in workshop.groups),
        participants=workshop.participants[::15],
    )
    first = _first_of_day(old, "group-1")
    p = old.participants[0]
    day = old.group("group-2").days[0]
    edits = {
        "moved": _moved(old, first.id, 1),
        "day cancelled": _day_cancelled(old, "group-2", day),
        "left and joined": attrs.evolve(
            old,
            participants=(
                attrs.evolve(p, groups=frozenset({"group-2"})),
                *old.participants[1:],
                attrs.evolve(p, id="p-9999"),
            ),
        ),
        "group removed": attrs.evolve(
            old,
            groups=old.groups[:1] + old.groups[2:],
            sessions=tuple(s for s in old.sessions if "group-2" not in s.groups),
            participants=tuple(
                attrs.evolve(x, groups=x.groups - {"group-2"}) for x in old.participants
            ),
        ),
        "event cancelled": attrs.evolve(old, status=ee.EventStatus.CANCELLED),
    }
    return {name: (old, revisions.revise(old, edit, at=AT)) for name, edit in edits.items()}


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_every_message_is_written_as_icalendar_writes_it(workshop: ee.Event, lang: str) -> None:
    """REQUESTs and CANCELs, their bytes and their e-mails: ``calendar.to_ical()`` exactly."""
    other = "en" if lang == "sw" else "sw"
    methods = set()
    for name, (old, new) in _revisions_of(workshop).items():
        languages = {p.id: other for p in old.participants[::2]}
        messages = revisions.outbox(old, new, lang=lang, languages=languages)
        assert messages, name
        assert {lang, other} == {m.lang for m in messages}, name
        for m in messages:
            expected = m.calendar.to_ical()
            assert expected == m.to_ical(), (name, m.participant, m.group)
            assert expected == _calendar_part(m), (name, m.participant, m.group)
            person = m.event.person(m.event.participant(m.participant).person)
            assert f"mailto:{person.email}" == str(m.calendar.events[0]["ATTENDEE"])
            methods.add(m.method)
    assert {"REQUEST", "CANCEL"} == methods


def test_the_export_writes_what_icalendar_writes(workshop: ee.Event) -> None:
    """Invitations and cancellations of the whole workshop, every participant, both languages."""
    export = ical.ItipExport(workshop)
    for lang in ("sw", "en"):
        for p in workshop.participants:
            for o in ical.scheduling_objects(workshop, p, lang=lang):
                assert o.calendar.to_ical() == export.request(p, o.group, lang=lang), p.id
                cancel = ical.cancel_object(workshop, p, o.group, sequence=3, stamp=AT, lang=lang)
                assert cancel.to_ical() == export.cancel(
                    p, o.group, sequence=3, stamp=AT, lang=lang
                ), p.id
    # another SEQUENCE or DTSTAMP is another cancellation, written anew
    later = AT + timedelta(hours=1)
    for sequence, stamp in ((4, AT), (3, later)):
        cancel = ical.cancel_object(workshop, "p-0001", "group-1", sequence=sequence, stamp=stamp)
        assert cancel.to_ical() == export.cancel(
            "p-0001", "group-1", sequence=sequence, stamp=stamp
        )


def test_the_export_refuses_an_invitation_the_participant_does_not_hold(
    workshop: ee.Event,
) -> None:
    export = ical.ItipExport(workshop)
    assert "group-2" not in workshop.participant("p-0001").groups
    with pytest.raises(ValueError, match="'p-0001' holds no invitation to group 'group-2'"):
        export.request("p-0001", "group-2")
    with pytest.raises(KeyError):
        export.cancel("p-nobody", "group-1", sequence=2, stamp=AT)


# -- the state machine: calendar clients fed by outbox ----------------------------

DAYS = (date(2019, 1, 30), date(2019, 1, 31), date(2019, 2, 1))
GROUPS = ("g1", "g2", "g3")


def _small_event() -> ee.Event:
    org = ee.Organization(
        id="ega", name=T(sw="eGA"), kind=ee.OrganizationKind.EXECUTIVE_AGENCY, email="ega@x.go.tz"
    )
    people = tuple(
        ee.Person(id=f"person-{i}", name=f"Mtu {i}", email=f"mtu{i}@x.go.tz", organization="ega")
        for i in range(8)
    )
    sessions = tuple(
        ee.Session(
            id=f"s-{d}-{g}-{n}",
            kind=ee.SessionKind.PLENARY,
            title=T(sw=f"Kikao {d}{g}{n}", en=f"Session {d}{g}{n}"),
            start=datetime.combine(DAYS[d], datetime.min.time(), EAT).replace(hour=9 + 3 * n),
            end=datetime.combine(DAYS[d], datetime.min.time(), EAT).replace(hour=11 + 3 * n),
            groups=frozenset({GROUPS[g]}),
        )
        for d in range(3)
        for g in range(3)
        for n in range(2)
    )
    return ee.Event(
        id="mini",
        title=T(sw="Kikao", en="Meeting"),
        organizer="ega",
        timezone=EAT,
        first_day=DAYS[0],
        last_day=DAYS[-1],
        updated=datetime(2019, 1, 1, 8, tzinfo=EAT),
        organizations=(org,),
        people=people,
        sessions=sessions,
        groups=(
            ee.ParticipantGroup(id="g1", name=T(sw="Kundi 1"), days=DAYS[:2]),
            ee.ParticipantGroup(id="g2", name=T(sw="Kundi 2"), days=DAYS[2:]),
            ee.ParticipantGroup(id="g3", name=T(sw="Kundi 3"), days=DAYS),
        ),
        participants=tuple(
            ee.Participant(
                id=f"p{i}",
                person=f"person-{i}",
                organization="ega",
                groups=frozenset({GROUPS[i % 3]}),
            )
            for i in range(6)
        ),
    )


def _content(calendar: icalendar.Calendar) -> list[bytes]:
    """A calendar as a client compares it: every line but DTSTAMP and SEQUENCE, unfolded."""
    lines = calendar.to_ical().replace(b"\r\n ", b"").split(b"\r\n")
    return [line for line in lines if not line.startswith((b"DTSTAMP", b"SEQUENCE", b"METHOD"))]


@attrs.define
class _Held:
    sequence: int
    stamp: datetime
    content: list[bytes]


class Clients(RuleBasedStateMachine):
    """Each participant's calendar, fed only by ``outbox``'s messages, revision after revision."""

    def __init__(self) -> None:
        super().__init__()
        self.event = _small_event()
        self.stores: dict[str, dict[str, _Held]] = {}
        self.sent: dict[tuple[str, str], list[tuple[str, int]]] = {}
        self.left: dict[str, ee.Participant] = {}
        self.clock = self.event.updated

    @initialize()
    def first_invitations(self) -> None:
        for p in self.event.participants:
            for o in ical.scheduling_objects(self.event, p):
                self.deliver(p.id, "REQUEST", o.uid, o.calendar)

    def deliver(
        self, participant: str, method: str, uid: str, calendar: icalendar.Calendar
    ) -> None:
        vevent: Any = calendar.events[0]
        assert "RECURRENCE-ID" not in vevent or method == "REQUEST"
        sequence, stamp = int(vevent["SEQUENCE"]), vevent["DTSTAMP"].dt
        history = self.sent.setdefault((participant, uid), [])
        for earlier_method, earlier in history:
            assert sequence >= earlier, "a lower SEQUENCE than one already sent"
            if earlier_method != method:
                assert sequence > earlier, "a CANCEL and a REQUEST share or invert a SEQUENCE"
        history.append((method, sequence))
        store = self.stores.setdefault(participant, {})
        held = store.get(uid)
        newer = (
            held is None
            or sequence > held.sequence
            or (sequence == held.sequence and stamp > held.stamp)
        )
        assert newer, "a client would ignore this message"
        if method == "CANCEL":
            store.pop(uid, None)
        else:
            store[uid] = _Held(sequence, stamp, _content(calendar))

    def revise(self, edit: Callable[[ee.Event], ee.Event]) -> None:
        try:
            edited = edit(self.event)
        except ee.ValidationError:
            return  # an edit the model refuses (e.g. a group without days)
        self.clock += timedelta(hours=1)
        new = revisions.revise(self.event, edited, at=self.clock)
        for s in new.sessions:
            before = next((x for x in self.event.sessions if x.id == s.id), None)
            assert before is None or s.sequence >= before.sequence
        for m in revisions.outbox(self.event, new):
            assert m.calendar.to_ical() == m.to_ical()
            self.deliver(m.participant, m.method, m.uid, m.calendar)
        for m in revisions.outbox(self.event, new, lang="en"):
            assert m.calendar.to_ical() == m.to_ical()
        self.event = new

    @rule(session=st.integers(0, 17), hour=st.integers(7, 15), length=st.integers(1, 3))
    def move(self, session: int, hour: int, length: int) -> None:
        def edit(e: ee.Event) -> ee.Event:
            s = e.sessions[session]
            start = s.start.replace(hour=hour)
            return _replace_session(e, s.id, start=start, end=start + timedelta(hours=length))

        self.revise(edit)

    @rule(session=st.integers(0, 17), cancel=st.booleans())
    def cancel_or_restore(self, session: int, cancel: bool) -> None:
        status = ee.SessionStatus.CANCELLED if cancel else ee.SessionStatus.CONFIRMED
        self.revise(lambda e: _replace_session(e, e.sessions[session].id, status=status))

    @rule(session=st.integers(0, 17), name=st.sampled_from(["A", "B", "C"]))
    def retitle(self, session: int, name: str) -> None:
        self.revise(
            lambda e: _replace_session(e, e.sessions[session].id, title=T(sw=name, en=name))
        )

    @rule(person=st.integers(0, 7), groups=st.sets(st.sampled_from(GROUPS), max_size=3))
    def add_participant(self, person: int, groups: set[str]) -> None:
        pid = f"p{person}"
        if any(p.id == pid for p in self.event.participants):
            return
        added = ee.Participant(
            id=pid, person=f"person-{person}", organization="ega", groups=frozenset(groups)
        )
        self.revise(lambda e: attrs.evolve(e, participants=(*e.participants, added)))

    @precondition(lambda self: len(self.event.participants) > 0)
    @rule(data=st.data())
    def remove_participant(self, data: st.DataObject) -> None:
        p = data.draw(st.sampled_from(self.event.participants))
        self.revise(
            lambda e: attrs.evolve(e, participants=tuple(x for x in e.participants if x is not p))
        )

    @precondition(lambda self: len(self.event.participants) > 0)
    @rule(data=st.data(), groups=st.sets(st.sampled_from(GROUPS), max_size=3))
    def change_groups(self, data: st.DataObject, groups: set[str]) -> None:
        p = data.draw(st.sampled_from(self.event.participants))
        moved = attrs.evolve(p, groups=frozenset(groups))
        self.revise(
            lambda e: attrs.evolve(
                e, participants=tuple(moved if x is p else x for x in e.participants)
            )
        )

    @rule(group=st.integers(0, 2), days=st.sets(st.sampled_from(DAYS), min_size=1))
    def change_days(self, group: int, days: set[date]) -> None:
        def edit(e: ee.Event) -> ee.Event:
            groups = list(e.groups)
            groups[group] = attrs.evolve(groups[group], days=tuple(days))
            return attrs.evolve(e, groups=tuple(groups))

        self.revise(edit)

    @rule(status=st.sampled_from(list(ee.EventStatus)))
    def event_status(self, status: ee.EventStatus) -> None:
        self.revise(lambda e: attrs.evolve(e, status=status))

    @invariant()
    def every_store_holds_exactly_the_latest_invitations(self) -> None:
        everyone = {p.id for p in self.event.participants} | set(self.stores)
        for pid in sorted(everyone):
            expected: dict[str, list[bytes]] = {}
            if any(p.id == pid for p in self.event.participants):
                expected = {
                    o.uid: _content(o.calendar) for o in ical.scheduling_objects(self.event, pid)
                }
            held = {uid: h.content for uid, h in self.stores.get(pid, {}).items()}
            assert expected == held, pid


TestClients = Clients.TestCase
TestClients.settings = settings(
    max_examples=40,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# -- the command line --------------------------------------------------------------


@pytest.fixture
def revised(workshop: ee.Event, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The workshop (old), its next revision moving group 2's first session (new), and
    the same edit without revise (forgot), as files; six participants of each group."""
    keep = [p for g in ("group-1", "group-2") for p in workshop.participants if g in p.groups][:3]
    keep += [p for p in workshop.participants if "group-2" in p.groups][:3]
    old = attrs.evolve(workshop, participants=tuple(dict.fromkeys(keep)))
    first = _first_of_day(old, "group-2")
    forgot = _moved(old, first.id, 1)
    new = revisions.revise(old, forgot, at=AT)
    paths = tmp_path / "old.json", tmp_path / "new.json", tmp_path / "forgot.json"
    for event, path in zip((old, new, forgot), paths, strict=True):
        ee.dump(event, path)
    return paths


def test_the_diff_command_prints_the_changes(
    revised: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, _ = revised
    status, out, err = _run(capsys, "diff", str(old), str(new), "--lang", "en")
    assert (0, "") == (status, err)
    assert [
        "Session 'Registration of participants' moved: 08:00 → 09:00, 1 February 2019",
        "Hours of group 'Group 2' on 1 February 2019: 08:00 to 17:00 → 09:00 to 17:00",
    ] == out.splitlines()
    status, out, _ = _run(capsys, "diff", str(old), str(new), "--json")
    assert 0 == status
    assert revisions.diff(ee.load(old), ee.load(new)) == Changes.from_json(json.loads(out))
    status, out, _ = _run(capsys, "diff", str(old), str(old))
    assert (0, "Hakuna mabadiliko.\n") == (status, out)


def test_the_diff_command_refuses_a_missing_file(
    revised: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, "diff", str(revised[0]), str(tmp_path / "none.json"))
    assert (2, "") == (status, out)
    assert f"egov-events: haiwezi kusoma {tmp_path / 'none.json'}: faili haipo\n" == err


def test_invites_since_sends_only_the_outbox(
    revised: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mailbox: tuple[Mailbox, int],
) -> None:
    handler, port = mailbox
    old, new, _ = revised
    out_dir = tmp_path / "barua"
    status, out, err = _run(
        capsys,
        "invites",
        str(new),
        "--since",
        str(old),
        "--out-dir",
        str(out_dir),
        "--smtp",
        f"127.0.0.1:{port}",
        "--lang",
        "en",
    )
    assert 0 == status
    expected = revisions.outbox(ee.load(old), ee.load(new), lang="en")
    assert {"group-2"} == {m.group for m in expected}
    n = len(expected)
    assert (
        f"{n} messages written to {out_dir}: {n} invitations or updates, 0 cancellations.\n"
        f"All {n} messages sent through 127.0.0.1:{port}.\n"
    ) == out
    assert f"sent {n}/{n}" == err.splitlines()[-1]
    names = sorted(f.name for f in out_dir.iterdir())
    assert sorted(f"{m.participant}.group-2.request.eml" for m in expected) == names
    for m in expected:  # the calendar written is icalendar's own to_ical(), byte for byte
        raw = (out_dir / f"{m.participant}.group-2.request.eml").read_bytes()
        written: Any = email.message_from_bytes(raw, policy=email.policy.SMTP)
        part = written.get_body(("calendar",))
        assert m.calendar.to_ical() == part.get_payload(decode=True)
    assert n == len(handler.received)
    first = email.message_from_bytes(handler.received[0], policy=email.policy.SMTP)
    assert "Changed: 2nd e-Government Workshop 2019 (Group 2)" == first["Subject"]


def test_invites_since_refuses_an_edit_that_forgot_its_sequences(
    revised: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _, forgot = revised
    out_dir = tmp_path / "barua"
    status, out, err = _run(
        capsys, "invites", str(forgot), "--since", str(old), "--out-dir", str(out_dir)
    )
    assert (1, "") == (status, out)
    assert "must be raised above 1, is 1 @ $.revision" == err.splitlines()[0]
    assert any(line.endswith("@ $.groups[1].sequence") for line in err.splitlines())
    assert not out_dir.exists()
