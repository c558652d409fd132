"""Static checks of a rule against what an event defines: its roles, groups and attributes.

The checks need only an event's roles and groups (:class:`Definitions`) and
the attributes rules may read, not the model, so that the model runs them
while an event is built; :func:`egov_events.rules.check` is the same check
for users.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Protocol

from egov_events import _checks
from egov_events.enums import OrganizationKind
from egov_events.errors import PathPart, Problem, Problems
from egov_events.rules._nodes import (
    NODES,
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
from egov_events.rules.attributes import Attribute

__all__ = ["Definitions", "references", "rule_problems"]

Path = tuple[PathPart, ...]
_NAMES = ", ".join(cls.__name__ for cls in NODES)
_KINDS = [str(k.value) for k in OrganizationKind]


class _Role(Protocol):
    @property
    def id(self) -> str: ...


class _Group(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def rule(self) -> Rule | None: ...


class Definitions(Protocol):
    """What a rule is checked against: the roles and groups of an :class:`~egov_events.Event`."""

    @property
    def roles(self) -> Sequence[_Role]:
        """The roles the event defines (their ids are what :class:`HasRole` names)."""

    @property
    def groups(self) -> Sequence[_Group]:
        """The groups the event defines (:class:`InGroup` names them), each with its rule."""


_Found = Iterator[tuple[Path, str]]


class _References(RuleVisitor[_Found, Path]):
    """Every :class:`InGroup` of a rule, as (path, group id), in tree order."""

    def combination(self, rule: All | Any, path: Path) -> _Found:
        if isinstance(rule.rules, tuple):
            for i, child in enumerate(rule.rules):
                if isinstance(child, NODES):
                    yield from self.visit(child, (*path, "rules", i))

    def visit_all(self, rule: All, context: Path) -> _Found:
        return self.combination(rule, context)

    def visit_any(self, rule: Any, context: Path) -> _Found:
        return self.combination(rule, context)

    def visit_not(self, rule: Not, path: Path) -> _Found:
        if isinstance(rule.rule, NODES):
            yield from self.visit(rule.rule, (*path, "rule"))

    def visit_in_group(self, rule: InGroup, path: Path) -> _Found:
        if isinstance(rule.group, str):
            yield path, rule.group

    def leaf(self, rule: Rule, path: Path) -> _Found:
        return iter(())

    def visit_has_role(self, rule: HasRole, context: Path) -> _Found:
        return self.leaf(rule, context)

    def visit_attribute_in(self, rule: AttributeIn, context: Path) -> _Found:
        return self.leaf(rule, context)

    def visit_organization_kind_in(self, rule: OrganizationKindIn, context: Path) -> _Found:
        return self.leaf(rule, context)


def references(rule: object) -> _Found:
    """Every :class:`InGroup` in *rule*, as (path, group id), in tree order.

    >>> list(references(HasRole(role="a") | ~InGroup(group="group-1")))
    [(('rules', 1, 'rule'), 'group-1')]
    """
    if not isinstance(rule, NODES):
        return iter(())
    return _References().visit(rule, ())


class _Checker(RuleVisitor[None, Path]):
    def __init__(
        self, event: Definitions, attributes: Mapping[str, Attribute], owner: str | None
    ) -> None:
        self.problems = Problems()
        self.roles = {r.id for r in event.roles if isinstance(r.id, str)}
        self.rules: dict[str, Rule | None] = {}
        for g in event.groups:
            if isinstance(g.id, str):
                self.rules.setdefault(g.id, g.rule)
        self.attributes = attributes
        self.owner = owner
        self.acyclic: set[str] = set()

    def add(self, path: Path, message: str, sw: str | None = None) -> None:
        self.problems.add(path, message, sw)

    def node(self, path: Path, rule: object) -> None:
        if not isinstance(rule, Rule):
            got = type(rule).__name__
            self.add(
                path,
                f"expected a rule ({_NAMES}), got {got}",
                f"kanuni ilitarajiwa ({_NAMES}), imepatikana {got}",
            )
            return
        if type(rule) not in NODES:
            # A rule class defined outside the library is data the engine
            # cannot read: it is kept and written, and evaluating it raises.
            return
        # The node checked the types of its fields when it was built; what
        # is left is what needs the event: references, cycles, values.
        self.visit(rule, path)

    def combination(self, rule: All | Any, path: Path, admits: str, admits_sw: str) -> None:
        if not rule.rules:
            self.add(
                (*path, "rules"),
                f"an empty {type(rule).__name__} admits {admits}: give it at least one rule",
                f"{type(rule).__name__} tupu inakubali {admits_sw}: ipe angalau kanuni moja",
            )
        for i, child in enumerate(rule.rules):
            self.node((*path, "rules", i), child)

    def visit_all(self, rule: All, context: Path) -> None:
        return self.combination(rule, context, "everyone", "kila mtu")

    def visit_any(self, rule: Any, context: Path) -> None:
        return self.combination(rule, context, "no one", "hakuna mtu")

    def visit_not(self, rule: Not, path: Path) -> None:
        self.node((*path, "rule"), rule.rule)

    def visit_has_role(self, rule: HasRole, path: Path) -> None:
        self.reference(path, "role", rule.role, self.roles, "role")

    def visit_in_group(self, rule: InGroup, path: Path) -> None:
        if self.reference(path, "group", rule.group, self.rules, "group"):
            self.cycle((*path, "group"), rule.group)

    def visit_attribute_in(self, rule: AttributeIn, path: Path) -> None:
        known = self.attributes
        attribute = known.get(rule.attribute)
        if attribute is None:
            self.reference(path, "attribute", rule.attribute, known, "attribute")
            return
        allowed = None if attribute.enum is None else [str(m.value) for m in attribute.enum]
        enum_name = "" if attribute.enum is None else attribute.enum.__name__
        self.values((*path, "values"), rule.values, "values", enum_name, allowed)

    def visit_organization_kind_in(self, rule: OrganizationKindIn, path: Path) -> None:
        self.values((*path, "kinds"), rule.kinds, "kinds", "OrganizationKind", _KINDS)

    def reference(
        self,
        path: Path,
        field: str,
        value: str,
        known: Collection[str],
        what: str,
    ) -> bool:
        if value not in known:
            _checks.unknown(self.problems, (*path, field), what, value, known)
            return False
        return True

    def values(
        self,
        path: Path,
        values: frozenset[str],
        field: str,
        enum_name: str,
        allowed: list[str] | None,
    ) -> None:
        if not values:
            self.add(
                path,
                f"no {field}: the rule could never hold",
                f"hakuna {field}: kanuni haiwezi kutimia kamwe",
            )
        for value in sorted(values, key=str):
            if allowed is not None and value not in allowed:
                _checks.unknown(self.problems, path, enum_name, value, allowed)

    def cycle(self, path: Path, start: str) -> None:
        """Report a cycle reachable from group *start* (through the owner, if any)."""
        chain = [self.owner, start] if self.owner is not None else [start]
        found = self.search(chain)
        if found is not None:
            shown = " -> ".join(repr(g) for g in found)
            self.add(path, f"cycle between groups: {shown}", f"mzunguko kati ya makundi: {shown}")

    def search(self, chain: list[str]) -> list[str] | None:
        current = chain[-1]
        if current in chain[:-1]:
            return chain[chain.index(current) :]
        if current in self.acyclic:
            return None
        for _, target in references(self.rules.get(current)):
            if target in self.rules:
                found = self.search([*chain, target])
                if found is not None:
                    return found
        self.acyclic.add(current)  # nothing reachable from it loops or leads back
        return None


def rule_problems(
    rule: object,
    *,
    event: Definitions,
    attributes: Mapping[str, Attribute],
    owner: str | None = None,
) -> list[Problem]:
    """Every problem of *rule* in *event*, each with its path from the rule.

    *attributes* are what rules may read
    (:data:`egov_events.model.RULE_ATTRIBUTES`); *owner* is the id of the
    group whose rule this is, if any: a reference back to it is a cycle.

    >>> import egov_events as ee
    >>> from egov_events.model import RULE_ATTRIBUTES
    >>> event = ee.examples.kikao_kazi_2019()
    >>> found = rule_problems(HasRole(role="reseacher"), event=event, attributes=RULE_ATTRIBUTES)
    >>> [str(p) for p in found]
    ["unknown role 'reseacher': expected one of ...; did you mean 'researcher'? @ $.role"]
    """
    checker = _Checker(event, attributes, owner)
    checker.node((), rule)
    return list(checker.problems)
