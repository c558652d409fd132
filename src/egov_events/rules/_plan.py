"""Evaluation: a rule in negation normal form, interpreted or compiled to Python.

A rule is first turned into a *plan*: ``Not`` is pushed down to the leaves
(De Morgan), :class:`InGroup` is replaced by the referenced group's rule,
and every leaf becomes a literal that reads one field of the participant.
A literal whose field is missing (no roles recorded, no region) is false in
both polarities, so a missing attribute never makes anyone eligible, and
every evaluator built from the plan (the interpreter behind
:func:`evaluate`, the Python of :func:`compile`, the polars expression of
:func:`~egov_events.rules.to_polars`) gives the same answers.

:func:`compile` writes one Python function with the :mod:`ast` module. No
text from a rule becomes code: constants are passed to the function as
arguments from a table, fields are read by names taken from the model's own
attrs classes, and the only operators are ``and``, ``or``, ``not``, ``in``
and ``not in``.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Final, Literal, TypeVar

import attrs

from egov_events.errors import ValidationError
from egov_events.model import RULE_ATTRIBUTES
from egov_events.rules._check import find_problems
from egov_events.rules._nodes import (
    All,
    Any,
    AttributeIn,
    HasRole,
    InGroup,
    Not,
    OrganizationKindIn,
    Rule,
    RuleVisitor,
)
from egov_events.rules.attributes import ORGANIZATION_PREFIX

if TYPE_CHECKING:
    from egov_events.model import Event, Participant, ParticipantGroup

__all__ = ["Lit", "Op", "compile", "evaluate", "plan"]

_T = TypeVar("_T")

LitKind = Literal["role", "field", "organization", "member", "registered"]


@attrs.frozen
class Lit:
    """A literal of the plan: one test of one field, in one polarity.

    - ``role``: *key* is a role id; positive: the participant holds it;
      negative: it holds roles, but not this one.
    - ``field``: *key* is a participant field; positive: its value is in
      *values*; negative: it has a value, not in *values*.
    - ``organization``: *values* are the organization ids for which the
      test holds (computed from the event in the right polarity).
    - ``member``: *values* are a group's member ids.
    - ``registered``: *key* is a group id among the participant's groups.
    """

    kind: LitKind
    positive: bool
    key: str = ""
    values: frozenset[Hashable] = frozenset()


@attrs.frozen
class Op:
    """A conjunction (``conjunction=True``) or disjunction of literals and operations."""

    conjunction: bool
    children: tuple[Op | Lit, ...]


Plan = Op | Lit


# -- what is computed once per rule and event --------------------------------


def cached(kind: str, rule: Rule, event: Event, build: Callable[[], _T]) -> _T:
    """*build()* for this rule and event, computed once while the event lives.

    Rules and events are immutable, so a result stays valid. It is kept by
    the event (:meth:`~egov_events.Event.derived`), keyed by the rule's
    identity (hashing a rule at every call would cost more than the lookup),
    together with the rule: while it is kept, no other rule can have its id.
    """
    kept: tuple[Rule, _T] = event.derived(
        ("egov_events.rules", kind, id(rule)), lambda: (rule, build())
    )
    return kept[1]


def ensure_valid(rule: Rule, event: Event) -> None:
    """Raise :class:`ValidationError` with every problem :func:`check` finds."""

    def problems() -> tuple[object, ...]:
        return tuple(find_problems(rule, event=event))

    found = cached("check", rule, event, problems)
    if found:
        raise ValidationError(found)  # type: ignore[arg-type]


# -- negation normal form -----------------------------------------------------


def _combine(conjunction: bool, children: list[Plan]) -> Plan:
    flat: list[Plan] = []
    for child in children:
        if isinstance(child, Op) and child.conjunction is conjunction:
            flat.extend(child.children)
        else:
            flat.append(child)
    return flat[0] if len(flat) == 1 else Op(conjunction, tuple(flat))


class _Planner(RuleVisitor[Plan, bool]):
    """Each node in one polarity (``positive``), ``Not`` pushed down to the leaves."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.groups = {g.id: g for g in event.groups}

    def combination(self, rule: All | Any, positive: bool, *, conjunction: bool) -> Plan:
        # De Morgan: not (a and b) == (not a) or (not b).
        children = [self.visit(r, positive) for r in rule.rules]
        return _combine(conjunction is positive, children)

    def visit_all(self, rule: All, context: bool) -> Plan:
        return self.combination(rule, context, conjunction=True)

    def visit_any(self, rule: Any, context: bool) -> Plan:
        return self.combination(rule, context, conjunction=False)

    def visit_not(self, rule: Not, positive: bool) -> Plan:
        return self.visit(rule.rule, not positive)

    def visit_has_role(self, rule: HasRole, positive: bool) -> Plan:
        return Lit("role", positive, rule.role)

    def visit_in_group(self, rule: InGroup, positive: bool) -> Plan:
        return self.group(self.groups[rule.group], positive)

    def visit_attribute_in(self, rule: AttributeIn, positive: bool) -> Plan:
        return self.attribute(rule.attribute, rule.values, positive)

    def visit_organization_kind_in(self, rule: OrganizationKindIn, positive: bool) -> Plan:
        return self.attribute("organization.kind", frozenset(rule.kinds), positive)

    def group(self, group: ParticipantGroup, positive: bool) -> Plan:
        if group.rule is not None:
            return self.visit(group.rule, positive)
        if group.members is not None:
            return Lit("member", positive, group.id, frozenset(group.members))
        return Lit("registered", positive, group.id)

    def attribute(self, name: str, values: frozenset[str], positive: bool) -> Lit:
        attribute = RULE_ATTRIBUTES[name]
        if not attribute.of_organization:
            return Lit("field", positive, attribute.field, frozenset(values))
        # An organization's field is known from the event: the literal becomes
        # "the participant's organization is one of these".
        chosen = set()
        for org in self.event.organizations:
            value = getattr(org, attribute.field)
            if value is not None and (value in values) is positive:
                chosen.add(org.id)
        return Lit(
            "organization", positive, ORGANIZATION_PREFIX + attribute.field, frozenset(chosen)
        )


def plan(rule: Rule, *, event: Event) -> Plan:
    """The negation normal form of *rule* in *event*, after :func:`check` passed.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> plan(~(HasRole(role="researcher") | HasRole(role="innovator")), event=event)
    Op(conjunction=True, children=(Lit(kind='role', positive=False, key='researcher', ...

    Raises:
        ValidationError: the rule does not pass :func:`check`.

    """
    ensure_valid(rule, event)
    return cached("plan", rule, event, lambda: _Planner(event).visit(rule, True))


# -- the interpreter ------------------------------------------------------------


def _holds(node: Plan, p: Participant) -> bool:  # noqa: PLR0911 (one return per kind of node)
    if isinstance(node, Op):
        if node.conjunction:
            return all(_holds(child, p) for child in node.children)
        return any(_holds(child, p) for child in node.children)
    kind, positive = node.kind, node.positive
    if kind == "role":
        if not p.roles:
            return False
        return (node.key in p.roles) is positive
    if kind == "field":
        value = getattr(p, node.key)
        if value is None:
            return False
        return (value in node.values) is positive
    if kind == "organization":
        return p.organization in node.values
    if kind == "member":
        return (p.id in node.values) is positive
    return (node.key in p.groups) is positive


def _participant(event: Event, participant: str | Participant) -> Participant:
    return event.participant(participant) if isinstance(participant, str) else participant


def evaluate(rule: Rule, participant: str | Participant, *, event: Event) -> bool:
    """Whether *participant* (an id or the object) satisfies *rule* in *event*.

    A missing attribute makes its leaf false, and its negation too.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> rule = event.group("group-3").rule
    >>> evaluate(rule, "p-0001", event=event)
    True
    >>> evaluate(~AttributeIn(attribute="region", values={"Dodoma"}), "p-0001", event=event)
    True

    Raises:
        ValidationError: the rule does not pass :func:`check` for the event.
        KeyError: no participant has this id.

    """
    return _holds(plan(rule, event=event), _participant(event, participant))


# -- the compiler -----------------------------------------------------------------

_P: Final = "p"


_E = TypeVar("_E", bound=ast.AST)


def _at(node: _E) -> _E:
    """Give *node* a source position (all on line 1): cheaper than ast.fix_missing_locations."""
    node.lineno = node.end_lineno = 1  # type: ignore[attr-defined]
    node.col_offset = node.end_col_offset = 0  # type: ignore[attr-defined]
    return node


def _name(name: str) -> ast.expr:
    return _at(ast.Name(id=name, ctx=ast.Load()))


def _attribute(name: str) -> ast.expr:
    return _at(ast.Attribute(value=_name(_P), attr=name, ctx=ast.Load()))


def _compare(left: ast.expr, positive: bool, right: ast.expr) -> ast.expr:
    op: ast.cmpop = ast.In() if positive else ast.NotIn()
    return _at(ast.Compare(left=left, ops=[op], comparators=[right]))


def _not(operand: ast.expr) -> ast.expr:
    return _at(ast.UnaryOp(op=ast.Not(), operand=operand))


class _Writer:
    """Turns a plan into one expression; constants go to a table, never into the source."""

    def __init__(self) -> None:
        self.constants: list[object] = []

    def constant(self, value: object) -> ast.expr:
        self.constants.append(value)
        return _name(f"k{len(self.constants) - 1}")

    def expression(self, node: Plan) -> ast.expr:  # noqa: PLR0911 (one return per kind of node)
        if isinstance(node, Op):
            op: ast.boolop = ast.And() if node.conjunction else ast.Or()
            return _at(ast.BoolOp(op=op, values=[self.expression(c) for c in node.children]))
        if node.kind == "role":
            held = _compare(self.constant(node.key), True, _attribute("roles"))
            if node.positive:
                return held
            # not (held or no roles): holds roles, but not this one
            return _not(_at(ast.BoolOp(op=ast.Or(), values=[held, _not(_attribute("roles"))])))
        if node.kind == "field":
            field = RULE_ATTRIBUTES[node.key].field  # the model's own field name
            values = node.values if node.positive else node.values | {None}
            return _compare(_attribute(field), node.positive, self.constant(frozenset(values)))
        if node.kind == "organization":
            return _compare(_attribute("organization"), True, self.constant(node.values))
        if node.kind == "member":
            return _compare(_attribute("id"), node.positive, self.constant(node.values))
        return _compare(self.constant(node.key), node.positive, _attribute("groups"))


def _arguments(names: list[str]) -> ast.arguments:
    return ast.arguments(
        posonlyargs=[],
        args=[_at(ast.arg(arg=name)) for name in names],
        kwonlyargs=[],
        kw_defaults=[],
        defaults=[],
    )


def _function(node: Plan) -> Callable[[Participant], bool]:
    writer = _Writer()
    body = writer.expression(node)
    names = [f"k{i}" for i in range(len(writer.constants))]
    # (lambda k0, k1, ...: lambda p: <body>)(*constants): the constants are
    # closure cells of the function, as fast to read as local variables.
    inner = _at(ast.Lambda(args=_arguments([_P]), body=body))
    tree = ast.Expression(body=_at(ast.Lambda(args=_arguments(names), body=inner)))
    code = builtins.compile(tree, "<egov_events.rules.compile>", "eval")
    factory = eval(code, {"__builtins__": {}})  # noqa: S307 (built from the plan, no rule text)
    function: Callable[[Participant], bool] = factory(*writer.constants)
    return function


def compile(rule: Rule, *, event: Event) -> Callable[[Participant], bool]:
    """A plain Python function ``f(participant) -> bool`` that evaluates *rule*.

    The function is generated once per rule and event (later calls return
    the same one); it runs as fast as a lambda written by hand, and gives
    the answers :func:`evaluate` gives.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> eligible = compile(event.group("group-2").rule, event=event)
    >>> sum(map(eligible, event.participants))
    170

    Raises:
        ValidationError: the rule does not pass :func:`check` for the event.

    """
    return cached("compile", rule, event, lambda: _function(plan(rule, event=event)))
