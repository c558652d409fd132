"""The rule tree: a base class and the seven kinds of node the engine evaluates.

Every node is a frozen attrs class with keyword-only fields and an ``op``
class variable, its tag on the wire. A node may carry a :attr:`label` (what
the rule means, for people) and a :attr:`basis` (the legal or administrative
text that defines it, e.g. the circular that invites a group); explanations
repeat both.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from typing import ClassVar, Final, Generic, TypeVar, cast

import attrs

from egov_events import _checks as c
from egov_events import _fields as f
from egov_events.enums import OrganizationKind
from egov_events.errors import Problem, Problems, ValidationError
from egov_events.text import LocalizedText

__all__ = [
    "MAX_RULE_DEPTH",
    "NODES",
    "All",
    "Any",
    "AttributeIn",
    "HasRole",
    "InGroup",
    "Not",
    "OrganizationKindIn",
    "Rule",
    "RuleVisitor",
    "rule_depth",
]

_R = TypeVar("_R")
_C = TypeVar("_C")


MAX_RULE_DEPTH: Final = 32
"""How deeply rules may nest: a rule holding a rule holding a rule, 32 levels at most.

A leaf alone is 1 deep, ``Not(rule=leaf)`` 2. The constructors refuse a
deeper rule (a :class:`~egov_events.ValidationError`), and so does reading
JSON: every rule that can be built can be written, read back, checked,
evaluated and explained without running out of stack.
"""


def _children(rule: object) -> tuple[object, ...]:
    if isinstance(rule, All | Any):
        inner = rule.rules
        return inner if isinstance(inner, tuple) else ()
    if isinstance(rule, Not):
        return (rule.rule,)
    return ()


def rule_depth(rule: object, limit: int = MAX_RULE_DEPTH) -> int:
    """How many rules nest in *rule*, counting it; past *limit*, ``limit + 1``.

    Found without recursion, so a tree of any depth can be measured.

    >>> rule_depth(HasRole(role="r")), rule_depth(~~HasRole(role="r"))
    (1, 3)
    """
    deepest = 0
    pending: list[tuple[object, int]] = [(rule, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return limit + 1
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in _children(node))
    return deepest


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return cast("tuple[Rule, ...]", f.to_tuple(value))


def _strings(value: Iterable[str]) -> frozenset[str]:
    return cast("frozenset[str]", f.to_frozenset(value))


def _kinds(value: Iterable[OrganizationKind | str]) -> frozenset[OrganizationKind]:
    items = f.to_frozenset(value)
    if type(items) is frozenset:
        items = frozenset(f.to_enum(OrganizationKind, item) for item in items)
    return cast("frozenset[OrganizationKind]", items)


def _label(value: LocalizedText | Mapping[str, str] | None) -> LocalizedText | None:
    return cast("LocalizedText | None", f.to_text(value))


def _check_values(problems: Problems, path: tuple[str | int, ...], value: object) -> None:
    if type(value) is not frozenset:
        problems.add(
            path,
            f"expected a set of values, e.g. {{'Dodoma', 'Arusha'}}, got {f.describe(value)}",
            f"seti ya thamani inatarajiwa, k.m. {{'Dodoma', 'Arusha'}}, imepewa "
            f"{f.describe(value)}",
        )
        return
    for item in sorted(value, key=str):
        c.check_text(problems, path, item)


_VALUES = f.Spec(lambda v: type(v) is frozenset and all(map(c.is_text, v)), _check_values)
_LABEL = f.optional(f.LTEXT)


def _show_set(values: Iterable[object]) -> str:
    return "{" + ", ".join(repr(str(v)) for v in sorted(values, key=str)) + "}"


@attrs.frozen(kw_only=True)
class Rule:
    """Base class of every eligibility rule node; abstract.

    Build rules from its subclasses, or with the operators ``&`` (all of),
    ``|`` (any of) and ``~`` (not):

    >>> rule = HasRole(role="researcher") & ~AttributeIn(attribute="region", values={"Dodoma"})
    >>> print(rule)
    has_role('researcher') & ~(region in {'Dodoma'})
    >>> Rule()
    Traceback (most recent call last):
    ...
    TypeError: Rule is abstract: build All, Any, Not, HasRole, InGroup, ...
    """

    op: ClassVar[str]
    """The class's tag on the wire; each subclass declares its own."""

    def __attrs_pre_init__(self) -> None:
        if type(self) is Rule:
            msg = (
                "Rule is abstract: build All, Any, Not, HasRole, InGroup, AttributeIn or "
                "OrganizationKindIn"
            )
            raise TypeError(msg)

    def __attrs_post_init__(self) -> None:
        # Every rule below this one was refused if too deep, so only this
        # node can add the level too many: its children are measured.
        if _children(self) and rule_depth(self) > MAX_RULE_DEPTH:
            msg = f"rules nest more than {MAX_RULE_DEPTH} deep (MAX_RULE_DEPTH)"
            sw = f"kanuni zimeingiliana zaidi ya ngazi {MAX_RULE_DEPTH} (MAX_RULE_DEPTH)"
            raise ValidationError([Problem((), msg, sw=sw)])
        f.validate(self)

    def __and__(self, other: Rule) -> All:
        if not isinstance(other, Rule):
            return NotImplemented
        return All(rules=(*_operands(self, All), *_operands(other, All)))

    def __or__(self, other: Rule) -> Any:
        if not isinstance(other, Rule):
            return NotImplemented
        return Any(rules=(*_operands(self, Any), *_operands(other, Any)))

    def __invert__(self) -> Not:
        return Not(rule=self)

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        """*visitor*'s method for this kind of node, called with *context*.

        Each kind of node overrides it; a rule class defined outside the
        library has no method in any visitor, so it raises.

        Raises:
            TypeError: this class is not one the library knows (see :data:`NODES`).

        """
        msg = f"unknown rule class {type(self).__qualname__}"
        raise TypeError(msg)


def _operands(rule: Rule, kind: type[All | Any]) -> tuple[Rule, ...]:
    """The rules to combine: an unlabelled node of the same kind is flattened."""
    if isinstance(rule, kind) and type(rule) is kind and rule.label is rule.basis is None:
        return rule.rules
    return (rule,)


def _group(rule: Rule) -> str:
    if isinstance(rule, All | Any):
        return f"({rule})"
    return str(rule)


@attrs.frozen(kw_only=True)
class All(Rule):
    """Holds when every one of its :attr:`rules` holds (and, conjunction).

    >>> print(All(rules=(HasRole(role="researcher"), InGroup(group="group-3"))))
    has_role('researcher') & in_group('group-3')
    """

    op: ClassVar[str] = "all"
    rules: tuple[Rule, ...] = attrs.field(metadata=f.meta(f.objects(Rule)), converter=_rules)
    """At least one rule (:func:`~egov_events.rules.check` says so)."""
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        return " & ".join(_group(r) for r in self.rules)

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_all(self, context)


@attrs.frozen(kw_only=True)
class Any(Rule):
    """Holds when at least one of its :attr:`rules` holds (or, disjunction).

    >>> print(HasRole(role="innovator") | HasRole(role="researcher"))
    has_role('innovator') | has_role('researcher')
    """

    op: ClassVar[str] = "any"
    rules: tuple[Rule, ...] = attrs.field(metadata=f.meta(f.objects(Rule)), converter=_rules)
    """At least one rule (:func:`~egov_events.rules.check` says so)."""
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        return " | ".join(_group(r) for r in self.rules)

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_any(self, context)


@attrs.frozen(kw_only=True)
class Not(Rule):
    """Holds when its :attr:`rule` does not, *and the data to decide is there*.

    A leaf whose attribute is missing is false, and so is its negation: the
    negation is pushed down to the leaves before evaluation (negation
    normal form), as SQL treats NULL.

    >>> print(~HasRole(role="researcher"))
    ~has_role('researcher')
    """

    op: ClassVar[str] = "not"
    rule: Rule = attrs.field(metadata=f.meta(f.instance(Rule)))
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        inner = str(self.rule)
        return f"~{inner}" if isinstance(self.rule, HasRole | InGroup) else f"~({inner})"

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_not(self, context)


@attrs.frozen(kw_only=True)
class HasRole(Rule):
    """Holds when the participant holds :attr:`role` (a role id of the event).

    A participant with no roles recorded is *missing* the data: the rule and
    its negation are both false.

    >>> print(HasRole(role="ict_officer"))
    has_role('ict_officer')
    """

    op: ClassVar[str] = "has_role"
    role: str = attrs.field(metadata=f.meta(f.TEXT))
    """A role id of :attr:`egov_events.Event.roles`."""
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        return f"has_role({self.role!r})"

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_has_role(self, context)


@attrs.frozen(kw_only=True)
class InGroup(Rule):
    """Holds when the participant belongs to another :attr:`group` of the event.

    Belonging is said by that group's own rule when it has one, else by its
    ``members`` list, else by the participants' registrations
    (:attr:`egov_events.Participant.groups`). Groups may not refer to each
    other in a cycle.

    >>> print(InGroup(group="group-1") | InGroup(group="group-2"))
    in_group('group-1') | in_group('group-2')
    """

    op: ClassVar[str] = "in_group"
    group: str = attrs.field(metadata=f.meta(f.TEXT))
    """A group id of :attr:`egov_events.Event.groups`."""
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        return f"in_group({self.group!r})"

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_in_group(self, context)


@attrs.frozen(kw_only=True)
class AttributeIn(Rule):
    """Holds when an attribute of the participant or its organization is one of :attr:`values`.

    The attributes are the participant's text and enumeration fields
    (``region``, ``status``, ...) and its organization's, prefixed
    ``organization.`` (``organization.region``, ``organization.kind``, ...);
    :func:`~egov_events.rules.attribute_names` lists them. A missing value
    (``None``) makes the rule and its negation false.

    >>> print(AttributeIn(attribute="organization.region", values={"Dodoma", "Arusha"}))
    organization.region in {'Arusha', 'Dodoma'}
    """

    op: ClassVar[str] = "attribute_in"
    attribute: str = attrs.field(metadata=f.meta(f.TEXT))
    """An attribute name, e.g. ``"region"`` or ``"organization.region"``."""
    values: frozenset[str] = attrs.field(metadata=f.meta(_VALUES), converter=_strings)
    """The values that satisfy the rule (enumerations by their value)."""
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        return f"{self.attribute} in {_show_set(self.values)}"

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_attribute_in(self, context)


@attrs.frozen(kw_only=True)
class OrganizationKindIn(Rule):
    """Holds when the participant's organization is of one of :attr:`kinds`.

    >>> from egov_events import OrganizationKind
    >>> print(OrganizationKindIn(kinds={OrganizationKind.UNIVERSITY}))
    organization.kind in {'university'}
    """

    op: ClassVar[str] = "organization_kind_in"
    kinds: frozenset[OrganizationKind] = attrs.field(
        metadata=f.meta(f.enum_set(OrganizationKind)), converter=_kinds
    )
    """Kinds of :class:`~egov_events.OrganizationKind`."""
    label: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """What the rule means, for people reading an explanation."""
    basis: LocalizedText | None = attrs.field(
        metadata=f.meta(_LABEL), converter=_label, default=None
    )
    """The legal or administrative text the rule comes from."""

    def __str__(self) -> str:
        return f"organization.kind in {_show_set(self.kinds)}"

    def accept(self, visitor: RuleVisitor[_R, _C], context: _C) -> _R:
        return visitor.visit_organization_kind_in(self, context)


NODES: tuple[type[Rule], ...] = (All, Any, Not, HasRole, InGroup, AttributeIn, OrganizationKindIn)
"""The rule classes the engine evaluates, checks and explains."""


class RuleVisitor(abc.ABC, Generic[_R, _C]):
    """What is done with each kind of rule node: one method per kind, in one class per backend.

    Checking, planning, explaining and the polars bridge are each a
    subclass. A new kind of node is one class here with its ``accept`` and
    one abstract method below; every backend then fails to instantiate (and
    the tests fail) until it has a method for it. A new backend is one
    subclass with a method per kind. *context* is whatever the backend
    passes down the tree (a path, a polarity).

    >>> class Count(RuleVisitor[int, None]):
    ...     def visit_all(self, rule, context): return sum(self.visit(r, None) for r in rule.rules)
    ...     visit_any = visit_all
    ...     def visit_not(self, rule, context): return self.visit(rule.rule, None)
    ...     def visit_has_role(self, rule, context): return 1
    ...     visit_in_group = visit_attribute_in = visit_organization_kind_in = visit_has_role
    >>> Count().visit(HasRole(role="a") & ~HasRole(role="b"), None)
    2
    """

    def visit(self, rule: Rule, context: _C) -> _R:
        """This visitor's method for the kind of *rule*.

        Raises:
            TypeError: *rule* is not a node of a kind the library knows.

        """
        if not isinstance(rule, Rule):
            msg = f"expected a rule, got {type(rule).__name__}"
            raise TypeError(msg)
        return rule.accept(self, context)

    @abc.abstractmethod
    def visit_all(self, rule: All, context: _C) -> _R:
        """An :class:`All` node."""

    @abc.abstractmethod
    def visit_any(self, rule: Any, context: _C) -> _R:
        """An :class:`Any` node."""

    @abc.abstractmethod
    def visit_not(self, rule: Not, context: _C) -> _R:
        """A :class:`Not` node."""

    @abc.abstractmethod
    def visit_has_role(self, rule: HasRole, context: _C) -> _R:
        """A :class:`HasRole` leaf."""

    @abc.abstractmethod
    def visit_in_group(self, rule: InGroup, context: _C) -> _R:
        """An :class:`InGroup` leaf."""

    @abc.abstractmethod
    def visit_attribute_in(self, rule: AttributeIn, context: _C) -> _R:
        """An :class:`AttributeIn` leaf."""

    @abc.abstractmethod
    def visit_organization_kind_in(self, rule: OrganizationKindIn, context: _C) -> _R:
        """An :class:`OrganizationKindIn` leaf."""
