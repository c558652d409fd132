from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import ClassVar
from zoneinfo import ZoneInfo

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings

import egov_events as ee
from egov_events import rules
from egov_events.rules import (
    All,
    Any,
    AttributeIn,
    HasRole,
    InGroup,
    Not,
    OrganizationKindIn,
    Rule,
)
from tests import strategies
from tests.rule_cases import events_with_a_rule, reference

EAT = ZoneInfo("Africa/Dar_es_Salaam")
T = ee.LocalizedText.of
SETTINGS = settings(max_examples=60, deadline=None)


@pytest.fixture(scope="module")
def event() -> ee.Event:
    return ee.examples.kikao_kazi_2019()


def _with_group_rule(event: ee.Event, index: int, rule: Rule | None) -> ee.Event:
    groups = list(event.groups)
    groups[index] = attrs.evolve(groups[index], rule=rule)
    return attrs.evolve(event, groups=tuple(groups))


def _errors(call: object) -> list[str]:
    with pytest.raises(ee.ValidationError) as info:
        call()  # type: ignore[operator]
    return info.value.errors


# -- the bundled workshop ---------------------------------------------------------


def test_the_seed_groups_are_rules_that_admit_exactly_their_registered_participants(
    event: ee.Event,
) -> None:
    assert [520, 170, 786] == [len(rules.members(event, g)) for g in event.groups]
    for g in event.groups:
        assert g.rule is not None
        assert event.participants_in(g) == rules.members(event, g)
        assert event.participants_in(g) == rules.members(event, g.id, backend="polars")
        assert [] == rules.check(g.rule, event=event, group=g.id)


def test_group_3_is_groups_1_and_2_plus_academic_innovators_and_researchers(
    event: ee.Event,
) -> None:
    assert (
        "in_group('group-1') | in_group('group-2') | ((has_role('innovator') | "
        "has_role('researcher')) & organization.kind in {'technical_college', 'university'})"
    ) == str(event.group("group-3").rule)
    assert {"group-3"} == {
        g
        for p in rules.members(event, "group-3")
        for g in p.groups
        if g not in ("group-1", "group-2")
    }


def test_members_of_a_group_without_a_rule(event: ee.Event) -> None:
    listed = attrs.evolve(event.groups[1], rule=None, members=frozenset({"p-0002", "p-0001"}))
    changed = attrs.evolve(event, groups=(event.groups[0], listed, event.groups[2]))
    assert ("p-0001", "p-0002") == tuple(p.id for p in rules.members(changed, "group-2"))
    registered = _with_group_rule(event, 0, None)
    assert registered.participants_in("group-1") == rules.members(registered, "group-1")
    with pytest.raises(KeyError, match="no group with id 'kundi-9'"):
        rules.members(event, "kundi-9")


# -- building rules -------------------------------------------------------------------


def test_operators_build_and_flatten_trees() -> None:
    a, b, c = HasRole(role="a"), HasRole(role="b"), InGroup(group="g")
    assert All(rules=(a, b, c)) == a & b & c
    assert Any(rules=(a, b, c)) == a | (b | c)
    assert Not(rule=a) == ~a
    labelled = Any(rules=(a, b), label=T(sw="Wawili"))
    assert Any(rules=(labelled, c)) == labelled | c
    assert All(rules=(Any(rules=(a, b)), c)) == (a | b) & c


def test_the_base_class_is_abstract() -> None:
    with pytest.raises(TypeError, match="Rule is abstract: build All, Any, Not"):
        Rule()


def test_attribute_names_come_from_the_model() -> None:
    names = rules.attribute_names()
    assert ("id", "person", "organization", "status", "region") == names[:5]
    assert {"organization.kind", "organization.region", "organization.country"} <= set(names)
    assert not {"roles", "groups", "days_attended", "organization.name"} & set(names)


# -- static checks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            AttributeIn(attribute="regoin", values={"Dodoma"}),
            [
                "unknown attribute 'regoin': expected one of 'id', 'organization', "
                "'organization.acronym', 'organization.country', 'organization.email', "
                "'organization.id', 'organization.kind', 'organization.region', ... (12 in all); "
                "did you mean 'region'? @ $.attribute"
            ],
        ),
        (
            AttributeIn(attribute="status", values={"confirmd", "pending"}),
            [
                "unknown RegistrationStatus 'confirmd': expected one of 'confirmed', "
                "'pending', 'waitlisted', 'withdrawn'; did you mean 'confirmed'? @ $.values"
            ],
        ),
        (
            AttributeIn(attribute="region", values=set()),
            ["no values: the rule could never hold @ $.values"],
        ),
        (
            HasRole(role="afisa_mipango") | HasRole(role="researcher"),
            [
                "unknown role 'afisa_mipango': expected one of 'head_of_institution', "
                "'ict_officer', 'ict_system_user', 'innovator', 'lga_director', "
                "'permanent_secretary', 'researcher' @ $.rules[0].role"
            ],
        ),
        (
            OrganizationKindIn(kinds=()),
            ["no kinds: the rule could never hold @ $.kinds"],
        ),
        (
            All(rules=(HasRole(role="researcher"), ~InGroup(group="group-9"))),
            [
                "unknown group 'group-9': expected one of 'group-1', 'group-2', 'group-3'; "
                "did you mean 'group-3'? @ $.rules[1].rule.group"
            ],
        ),
        (All(rules=()), ["an empty All admits everyone: give it at least one rule @ $.rules"]),
        (
            Not(rule=Any(rules=())),
            ["an empty Any admits no one: give it at least one rule @ $.rule.rules"],
        ),
    ],
)
def test_each_static_problem_has_its_message_and_path(
    event: ee.Event, rule: Rule, expected: list[str]
) -> None:
    assert expected == rules.check(rule, event=event)
    # The same problems in Swahili: other words, the same paths.
    swahili = rules.check(rule, event=event, lang="sw")
    assert [m.rsplit(" @ ", 1)[1] for m in expected] == [m.rsplit(" @ ", 1)[1] for m in swahili]
    assert all(sw != en for sw, en in zip(swahili, expected, strict=True))


def test_check_refuses_an_unsupported_language(event: ee.Event) -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        rules.check(HasRole(role="researcher"), event=event, lang="fr")


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            lambda: OrganizationKindIn(kinds={"universty"}),
            [
                "expected an OrganizationKind ('ministry', 'independent_department', "
                "'executive_agency', 'regional_secretariat', 'local_government_authority', "
                "'public_corporation', 'university', 'technical_college', "
                "'research_institute', 'private_company', 'development_partner', 'other'), "
                "got 'universty'; did you mean 'university'? @ $.kinds"
            ],
        ),
        (
            lambda: All(rules=(HasRole(role="researcher"), "researcher")),  # type: ignore[arg-type]
            ["expected a Rule, got str 'researcher' @ $.rules[1]"],
        ),
        (
            lambda: HasRole(role="researcher", label="Watafiti"),  # type: ignore[arg-type]
            [
                "expected a LocalizedText, got str 'Watafiti': the language of a bare string "
                "is unknown; write LocalizedText.of(sw='Watafiti', en=...) or "
                "{'sw': 'Watafiti', 'en': ...} @ $.label"
            ],
        ),
        (
            lambda: AttributeIn(attribute="region", values="Dodoma"),
            ["expected a set of values, e.g. {'Dodoma', 'Arusha'}, got str 'Dodoma' @ $.values"],
        ),
    ],
)
def test_a_rule_of_wrong_types_is_refused_when_it_is_built(
    build: Callable[[], Rule], expected: list[str]
) -> None:
    assert expected == _errors(build)


def test_rules_convert_what_is_unambiguous() -> None:
    kinds = OrganizationKindIn(kinds=["university"], label={"sw": "Vyuo", "en": "Universities"})
    assert frozenset({ee.OrganizationKind.UNIVERSITY}) == kinds.kinds
    assert ee.LocalizedText.of(sw="Vyuo", en="Universities") == kinds.label
    assert All(rules=(kinds,)) == All(rules=[kinds])
    assert frozenset({"Dodoma"}) == AttributeIn(attribute="region", values=["Dodoma"]).values


def test_a_cycle_between_groups_is_found(event: ee.Event) -> None:
    looping = InGroup(group="group-3") | HasRole(role="ict_officer")
    assert ["cycle between groups: 'group-1' -> 'group-3' -> 'group-1' @ $.rules[0].group"] == (
        rules.check(looping, event=event, group="group-1")
    )
    assert ["cycle between groups: 'group-2' -> 'group-2' @ $.group"] == rules.check(
        InGroup(group="group-2"), event=event, group="group-2"
    )
    assert [] == rules.check(InGroup(group="group-3"), event=event)


def test_an_event_checks_its_rules_when_it_is_built(event: ee.Event) -> None:
    group_3 = event.group("group-3").rule
    assert isinstance(group_3, Any)
    bad = attrs.evolve(group_3, rules=(InGroup(group="group-4"), *group_3.rules[1:]))
    assert [
        "unknown group 'group-4': expected one of 'group-1', 'group-2', 'group-3'; did you "
        "mean 'group-3'? @ $.groups[2].rule.rules[0].group"
    ] == _errors(lambda: _with_group_rule(event, 2, bad))
    assert [
        "cycle between groups: 'group-1' -> 'group-3' -> 'group-1' @ $.groups[0].rule.group",
        "cycle between groups: 'group-3' -> 'group-1' -> 'group-3' @ "
        "$.groups[2].rule.rules[0].group",
    ] == _errors(lambda: _with_group_rule(event, 0, InGroup(group="group-3")))
    call = attrs.evolve(event.calls[0], eligibility=HasRole(role="mtafiti"))
    assert [
        "unknown role 'mtafiti': expected one of 'head_of_institution', 'ict_officer', "
        "'ict_system_user', 'innovator', 'lga_director', 'permanent_secretary', "
        "'researcher' @ $.calls[0].eligibility.role"
    ] == _errors(lambda: attrs.evolve(event, calls=(call,)))


def test_loading_a_document_with_a_bad_rule_is_a_validation_error(event: ee.Event) -> None:
    document = json.loads(ee.dumps(event))
    document["groups"][2]["rule"]["rules"][2]["rules"][1] = {
        "op": "attribute_in",
        "attribute": "organisation.kind",
        "values": ["university"],
    }
    assert [
        "unknown attribute 'organisation.kind': expected one of 'id', 'organization', "
        "'organization.acronym', 'organization.country', 'organization.email', "
        "'organization.id', 'organization.kind', 'organization.region', ... (12 in all); "
        "did you mean 'organization.kind'? @ $.groups[2].rule.rules[2].rules[1].attribute"
    ] == _errors(lambda: ee.loads(json.dumps(document)))


def test_evaluating_an_unchecked_rule_raises_the_check_problems(event: ee.Event) -> None:
    rule = HasRole(role="afisa")
    for call in (
        lambda: rules.evaluate(rule, "p-0001", event=event),
        lambda: rules.compile(rule, event=event),
        lambda: rules.explain(rule, "p-0001", event=event),
        lambda: rules.to_polars(rule, event=event),
    ):
        assert [
            "unknown role 'afisa': expected one of 'head_of_institution', 'ict_officer', "
            "'ict_system_user', 'innovator', 'lga_director', 'permanent_secretary', "
            "'researcher' @ $.role"
        ] == _errors(call)


@attrs.frozen(kw_only=True)
class _Anyone(Rule):
    """A rule class defined outside the library: data the engine cannot evaluate."""

    op: ClassVar[str] = "test_anyone"


def test_a_rule_class_from_elsewhere_is_kept_but_not_evaluated(event: ee.Event) -> None:
    changed = _with_group_rule(event, 0, _Anyone())
    assert isinstance(changed.groups[0].rule, _Anyone)
    with pytest.raises(TypeError, match="unknown rule class _Anyone"):
        rules.evaluate(_Anyone(), "p-0001", event=event)


# -- evaluation ----------------------------------------------------------------------


def test_evaluate_takes_an_id_or_a_participant(event: ee.Event) -> None:
    rule = HasRole(role="ict_officer")
    assert rules.evaluate(rule, "p-0001", event=event)
    assert rules.evaluate(rule, event.participant("p-0001"), event=event)
    with pytest.raises(KeyError, match="no participant with id 'p-9999'"):
        rules.evaluate(rule, "p-9999", event=event)


def test_a_missing_attribute_is_false_and_so_is_its_negation(event: ee.Event) -> None:
    nowhere = attrs.evolve(event.participant("p-0001"), region=None, roles=frozenset())
    for rule in (
        AttributeIn(attribute="region", values={"Dodoma"}),
        HasRole(role="ict_officer"),
    ):
        assert not rules.evaluate(rule, nowhere, event=event)
        assert not rules.evaluate(~rule, nowhere, event=event)
        assert not rules.compile(~rule, event=event)(nowhere)
        assert rules.evaluate(~~rule, nowhere, event=event) is False
        assert rules.explain(~rule, nowhere, event=event).rule.held is None


def test_compiled_code_holds_no_text_from_the_rule(event: ee.Event) -> None:
    hostile = "x')) or __import__('os').system('echo owned') or (('"
    rule = AttributeIn(attribute="region", values={hostile}) | HasRole(role="ict_officer")
    eligible = rules.compile(rule, event=event)
    assert eligible(event.participant("p-0001"))
    odd = attrs.evolve(event.participant("p-0600"), region=hostile)
    assert eligible(odd)
    assert all(hostile not in str(c) for c in eligible.__code__.co_consts)
    assert eligible is rules.compile(rule, event=event)  # compiled once


# -- explanations --------------------------------------------------------------------


def test_an_explanation_says_why_not_in_swahili_and_english(event: ee.Event) -> None:
    rule = event.group("group-1").rule
    assert rule is not None
    why = rules.explain(rule, "p-0600", event=event)
    assert not why.eligible
    assert ["$.rules[0]", "$.rules[1]"] == [leaf.path for leaf in why.deciding()]
    assert (
        "Hastahili (Maofisa TEHAMA na Maofisa wanaotumia mifumo ya TEHAMA): cheo 'Afisa "
        "TEHAMA' hakimo katika vyeo vyake ('Mkurugenzi wa Mamlaka ya Serikali za Mitaa'); "
        "cheo 'Afisa anayetumia mifumo ya TEHAMA' hakimo katika vyeo vyake ('Mkurugenzi wa "
        "Mamlaka ya Serikali za Mitaa')\n"
        "  ✗ mojawapo ya yafuatayo: Maofisa TEHAMA na Maofisa wanaotumia mifumo ya TEHAMA\n"
        "    ✗ cheo 'Afisa TEHAMA' hakimo katika vyeo vyake ('Mkurugenzi wa Mamlaka ya "
        "Serikali za Mitaa')\n"
        "    ✗ cheo 'Afisa anayetumia mifumo ya TEHAMA' hakimo katika vyeo vyake "
        "('Mkurugenzi wa Mamlaka ya Serikali za Mitaa')\n"
        "Msingi: Tangazo la Kikao Kazi kwenye ukurasa wa eGA (mfano: waraka wa mwaliko "
        "haukuchapishwa)."
    ) == why.render()
    assert why.render("en").startswith(
        "Not eligible (ICT officers and officers who use ICT systems): the role 'ICT "
        "officer' is not among their roles ('Director of a local government authority'); "
    )


def test_an_explanation_of_attributes_and_negations(event: ee.Event) -> None:
    rule = ~AttributeIn(attribute="organization.region", values={"Iringa"}) & HasRole(
        role="lga_director"
    )
    why = rules.explain(rule, "p-0600", event=event)
    assert not why.eligible
    [leaf] = why.deciding()
    assert ("organization.region", "Iringa", ("Iringa",), True) == (
        leaf.subject,
        leaf.seen,
        leaf.expected,
        leaf.held,
    )
    assert (
        "Not eligible: region of the organization ('Iringa District Council'): 'Iringa' is "
        "one of 'Iringa' (the rule asks for the opposite)"
    ) == why.render("en").splitlines()[0]
    assert "Hastahili: mkoa wa taasisi ('Halmashauri ya Wilaya ya Iringa'): 'Iringa' ni " in (
        why.render("sw")
    )


def test_an_explanation_is_json(event: ee.Event) -> None:
    why = rules.explain(OrganizationKindIn(kinds={ee.OrganizationKind.UNIVERSITY}), "p-0001",
                        event=event)  # fmt: skip
    assert {
        "participant": "p-0001",
        "eligible": False,
        "rule": {
            "op": "organization_kind_in",
            "path": "$",
            "group": None,
            "held": False,
            "decisive": True,
            "subject": "organization.kind",
            "expected": ["university"],
            "seen": str(event.organization(event.participant("p-0001").organization).kind),
            "label": None,
            "basis": None,
            "children": [],
        },
    } == json.loads(json.dumps(why.to_dict()))


def test_in_group_explanations_nest_the_group_rule(event: ee.Event) -> None:
    rule = event.group("group-3").rule
    assert rule is not None
    why = rules.explain(rule, "p-0700", event=event)
    assert why.eligible
    nested = why.rule.children[0].children[0]
    assert ("group-1", "$", "any") == (nested.group, nested.path, nested.op)
    assert [
        ("innovator", "$.rules[2].rules[0].rules[0]"),
        ("researcher", "$.rules[2].rules[0].rules[1]"),
        ("organization.kind", "$.rules[2].rules[1]"),
    ] == [(leaf.subject, leaf.path) for leaf in why.deciding()]


# -- polars ----------------------------------------------------------------------------


def test_explain_frame_counts_why_not(event: ee.Event) -> None:
    pytest.importorskip("polars")
    rule = HasRole(role="ict_officer") & AttributeIn(attribute="region", values={"Dodoma"})
    why = rules.explain_frame(rule, rules.rule_frame(event), event=event)
    assert ["id", "eligible", "$.rules[0]", "$.rules[1]"] == why.columns
    failing = why.filter(~why["eligible"])
    assert (
        len(event.participants)
        - sum(rules.evaluate(rule, p, event=event) for p in event.participants)
        == failing.height
    )


def test_without_polars_the_message_says_how_to_install_it(
    event: ee.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"pip install egov-events\[polars\]"):
        rules.rule_frame(event)


# -- differential tests: every evaluator agrees with a reference interpreter -----------


@SETTINGS
@given(events_with_a_rule())
def test_every_evaluator_agrees_with_thereference(case: tuple[ee.Event, Rule]) -> None:
    event, rule = case
    assert [] == rules.check(rule, event=event)
    expected = [reference(rule, p, event) is True for p in event.participants]
    eligible = rules.compile(rule, event=event)
    assert expected == [rules.evaluate(rule, p, event=event) for p in event.participants]
    assert expected == [eligible(p) for p in event.participants]
    assert expected == [rules.explain(rule, p, event=event).eligible for p in event.participants]
    explained = [rules.explain(rule, p, event=event).rule.held for p in event.participants]
    assert [reference(rule, p, event) for p in event.participants] == explained


@SETTINGS
@given(events_with_a_rule())
def test_polars_agrees_with_the_compiled_rule(case: tuple[ee.Event, Rule]) -> None:
    pytest.importorskip("polars")
    event, rule = case
    eligible = rules.compile(rule, event=event)
    frame = rules.rule_frame(event)
    assert [eligible(p) for p in event.participants] == frame.select(
        rules.to_polars(rule, event=event)
    ).to_series().to_list()
    leaves = rules.explain_frame(rule, frame, event=event)
    assert leaves["eligible"].to_list() == [eligible(p) for p in event.participants]


# -- JSON --------------------------------------------------------------------------------


@SETTINGS
@given(strategies.events())
def test_rules_round_trip_and_validate_against_the_schema(event: ee.Event) -> None:
    text = ee.dumps(event)
    assert event == ee.loads(text)
    jsonschema.validate(json.loads(text), ee.json_schema())


def test_every_kind_of_rule_is_written_with_its_op(event: ee.Event) -> None:
    rule = All(
        rules=(
            ~HasRole(role="researcher", label=T(sw="Watafiti", en="Researchers")),
            InGroup(group="group-2") | AttributeIn(attribute="status", values={"confirmed"}),
            OrganizationKindIn(kinds={ee.OrganizationKind.UNIVERSITY}),
        ),
        basis=T(sw="Waraka (mfano)", en="Circular (illustrative)"),
    )
    changed = attrs.evolve(event, calls=(attrs.evolve(event.calls[0], eligibility=rule),))
    document = json.loads(ee.dumps(changed))
    assert {
        "op": "all",
        "rules": [
            {
                "op": "not",
                "rule": {
                    "op": "has_role",
                    "role": "researcher",
                    "label": {"en": "Researchers", "sw": "Watafiti"},
                    "basis": None,
                },
                "label": None,
                "basis": None,
            },
            {
                "op": "any",
                "rules": [
                    {"op": "in_group", "group": "group-2", "label": None, "basis": None},
                    {
                        "op": "attribute_in",
                        "attribute": "status",
                        "values": ["confirmed"],
                        "label": None,
                        "basis": None,
                    },
                ],
                "label": None,
                "basis": None,
            },
            {"op": "organization_kind_in", "kinds": ["university"], "label": None, "basis": None},
        ],
        "label": None,
        "basis": {"en": "Circular (illustrative)", "sw": "Waraka (mfano)"},
    } == document["calls"][0]["eligibility"]
    assert changed == ee.loads(json.dumps(document))
    jsonschema.validate(document, ee.json_schema())


# -- where users expected them ---------------------------------------------------------


def test_members_accepts_a_rule_as_well_as_a_group(event: ee.Event) -> None:
    researchers = HasRole(role="researcher")
    found = rules.members(event, researchers)
    assert [p for p in event.participants if "researcher" in p.roles] == list(found)
    assert found == rules.members(event, researchers, backend="polars")
    assert rules.members(event, "group-2") == rules.members(event, event.group("group-2"))


def test_a_label_on_any_node_is_shown_in_the_explanation(event: ee.Event) -> None:
    rule = HasRole(role="ict_officer", label=T(sw="Maafisa TEHAMA", en="ICT officers"))
    who = next(p for p in event.participants if "ict_officer" in p.roles)
    assert "Maafisa TEHAMA" in rules.explain(rule, who, event=event).render()
    assert "ICT officers" in rules.explain(rule, who, event=event).render("en")


def test_an_explanation_in_an_unsupported_language_is_refused(event: ee.Event) -> None:
    explanation = rules.explain(HasRole(role="ict_officer"), "p-0001", event=event)
    with pytest.raises(ValueError, match="unsupported language 'fr': expected one of 'sw', 'en'"):
        explanation.render("fr")


def test_members_takes_the_group_or_rule_by_either_name(event: ee.Event) -> None:
    by_position = rules.members(event, "group-2")
    assert 170 == len(by_position)
    assert by_position == rules.members(event, group_or_rule="group-2")
    assert by_position == rules.members(event, group="group-2")
    rule = HasRole(role="researcher")
    assert rules.members(event, rule) == rules.members(event, group_or_rule=rule)
    with pytest.raises(TypeError, match="takes one group or rule"):
        rules.members(event)
    with pytest.raises(TypeError, match="not both"):
        rules.members(event, "group-1", group="group-2")
