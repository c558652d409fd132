"""Generated events with a rule, and a reference interpreter, shared by the differential tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

import egov_events as ee
from egov_events.rules import All, Any, AttributeIn, HasRole, InGroup, Not, OrganizationKindIn, Rule
from tests import strategies

EAT = ZoneInfo("Africa/Dar_es_Salaam")
T = ee.LocalizedText.of


def reference(rule: Rule, p: ee.Participant, event: ee.Event) -> bool | None:  # noqa: PLR0911 (one return per kind of node)
    """Three-valued (SQL) logic on the rule as written; None where data is missing."""
    if isinstance(rule, All):
        values = [reference(r, p, event) for r in rule.rules]
        return False if False in values else (None if None in values else True)
    if isinstance(rule, Any):
        values = [reference(r, p, event) for r in rule.rules]
        return True if True in values else (None if None in values else False)
    if isinstance(rule, Not):
        value = reference(rule.rule, p, event)
        return None if value is None else not value
    if isinstance(rule, HasRole):
        return rule.role in p.roles if p.roles else None
    if isinstance(rule, InGroup):
        group = event.group(rule.group)
        if group.rule is not None:
            return reference(group.rule, p, event)
        if group.members is not None:
            return p.id in group.members
        return group.id in p.groups
    if isinstance(rule, OrganizationKindIn):
        return event.organization(p.organization).kind in rule.kinds
    assert isinstance(rule, AttributeIn)
    owner: object = p
    name = rule.attribute
    if name.startswith("organization."):
        owner, name = event.organization(p.organization), name.removeprefix("organization.")
    value = getattr(owner, name)
    return None if value is None else str(value) in rule.values


@st.composite
def events_with_a_rule(draw: st.DrawFn) -> tuple[ee.Event, Rule]:
    regions = st.none() | st.sampled_from(strategies.REGIONS)
    roles = ["r1", "r2", "r3"]
    orgs = tuple(
        ee.Organization(
            id=f"o{i}",
            name=T(sw=f"Taasisi {i}"),
            kind=draw(st.sampled_from(list(ee.OrganizationKind))),
            region=draw(regions),
        )
        for i in range(3)
    )
    participants = tuple(
        ee.Participant(
            id=f"p{i}",
            person="x",
            organization=draw(st.sampled_from([o.id for o in orgs])),
            roles=frozenset(draw(st.lists(st.sampled_from(roles), max_size=2))),
            groups=frozenset(draw(st.lists(st.sampled_from(["g0", "g1", "g2"]), max_size=2))),
            status=draw(st.sampled_from(list(ee.RegistrationStatus))),
            region=draw(regions),
        )
        for i in range(draw(st.integers(1, 8)))
    )
    groups = []
    for i in range(3):
        way = draw(st.sampled_from(["rule", "members", "registered"]))
        groups.append(
            ee.ParticipantGroup(
                id=f"g{i}",
                name=T(sw=f"Kundi {i}"),
                days=(date(2019, 1, 30),),
                rule=draw(strategies.rules(roles=roles, groups=[f"g{j}" for j in range(i)]))
                if way == "rule"
                else None,
                members=frozenset(p.id for p in participants[::2]) if way == "members" else None,
            )
        )
    event = ee.Event(
        id="e",
        title=T(sw="Kikao"),
        organizer="o0",
        timezone=EAT,
        first_day=date(2019, 1, 30),
        last_day=date(2019, 1, 30),
        updated=datetime(2019, 1, 2, tzinfo=EAT),
        groups=tuple(groups),
        participants=participants,
        people=(ee.Person(id="x", name="Asha"),),
        organizations=orgs,
        roles=tuple(ee.Role(id=r, name=T(sw=r)) for r in roles),
    )
    rule = draw(strategies.rules(roles=roles, groups=["g0", "g1", "g2"]))
    return event, rule
