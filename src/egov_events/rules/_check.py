"""Static checks of a rule against an event, before any evaluation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from egov_events import _checks
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
)
from egov_events.rules._vocabulary import attributes
from egov_events.text import LocalizedText

if TYPE_CHECKING:
    from egov_events.model import Event

__all__ = ["check", "find_problems", "references"]

Path = tuple[PathPart, ...]
_NAMES = ", ".join(cls.__name__ for cls in NODES)


def references(rule: object) -> Iterator[tuple[Path, str]]:
    """Every :class:`InGroup` in *rule*, as (path, group id), in tree order."""
    pending: list[tuple[Path, object]] = [((), rule)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, InGroup):
            if isinstance(node.group, str):
                yield path, node.group
        elif isinstance(node, All | Any) and isinstance(node.rules, tuple):
            pending.extend(reversed([((*path, "rules", i), r) for i, r in enumerate(node.rules)]))
        elif isinstance(node, Not):
            pending.append(((*path, "rule"), node.rule))


class _Checker:
    def __init__(self, event: Event, owner: str | None) -> None:
        self.problems = Problems()
        self.roles = {r.id for r in event.roles if isinstance(r.id, str)}
        self.rules: dict[str, Rule | None] = {}
        for g in event.groups:
            if isinstance(g.id, str):
                self.rules.setdefault(g.id, g.rule)
        self.owner = owner
        self.acyclic: set[str] = set()

    def add(self, path: Path, message: str) -> None:
        self.problems.add(path, message)

    def node(self, path: Path, rule: object) -> None:
        if not isinstance(rule, Rule):
            self.add(path, f"expected a rule ({_NAMES}), got {type(rule).__name__}")
            return
        if type(rule) not in NODES:
            # A rule class defined outside the library is data the engine
            # cannot read: it is kept and written, and evaluating it raises.
            return
        for name in ("label", "basis"):
            value = getattr(rule, name)
            if value is not None and not isinstance(value, LocalizedText):
                self.add((*path, name), f"expected a LocalizedText, got {type(value).__name__}")
        if isinstance(rule, All | Any):
            self.combination(path, rule)
        elif isinstance(rule, Not):
            self.node((*path, "rule"), rule.rule)
        elif isinstance(rule, HasRole):
            self.reference(path, "role", rule.role, self.roles, "role")
        elif isinstance(rule, InGroup):
            if self.reference(path, "group", rule.group, self.rules, "group"):
                self.cycle((*path, "group"), rule.group)
        elif isinstance(rule, AttributeIn):
            self.attribute(path, rule)
        elif isinstance(rule, OrganizationKindIn):
            from egov_events.model import OrganizationKind  # noqa: PLC0415 (import cycle)

            kinds = [str(k.value) for k in OrganizationKind]
            self.values((*path, "kinds"), rule.kinds, "kinds", "OrganizationKind", kinds)

    def combination(self, path: Path, rule: All | Any) -> None:
        if not rule.rules:
            admits = "everyone" if isinstance(rule, All) else "no one"
            self.add(
                (*path, "rules"),
                f"an empty {type(rule).__name__} admits {admits}: give it at least one rule",
            )
        for i, child in enumerate(rule.rules):
            self.node((*path, "rules", i), child)

    def reference(
        self,
        path: Path,
        field: str,
        value: object,
        known: Mapping[str, object] | set[str],
        what: str,
    ) -> bool:
        if not isinstance(value, str):
            self.add((*path, field), f"expected a {what} id (str), got {type(value).__name__}")
            return False
        if value not in known:
            self.add((*path, field), f"unknown {what} {value!r}: {_checks.suggest(value, known)}")
            return False
        return True

    def attribute(self, path: Path, rule: AttributeIn) -> None:
        known = attributes()
        attribute = known.get(rule.attribute) if isinstance(rule.attribute, str) else None
        if attribute is None:
            self.reference(path, "attribute", rule.attribute, known, "attribute")
            return
        allowed = None if attribute.enum is None else [str(m.value) for m in attribute.enum]
        enum_name = "" if attribute.enum is None else attribute.enum.__name__
        self.values((*path, "values"), rule.values, "values", enum_name, allowed)

    def values(
        self,
        path: Path,
        values: object,
        field: str,
        enum_name: str,
        allowed: list[str] | None,
    ) -> None:
        if not isinstance(values, frozenset):
            self.add(path, f"expected a set of values, got {type(values).__name__}")
            return
        if not values:
            self.add(path, f"no {field}: the rule could never hold")
        for value in sorted(values, key=str):
            if not isinstance(value, str):
                self.add(path, f"expected text (str), got {type(value).__name__} {value!r}")
            elif allowed is not None and value not in allowed:
                self.add(path, f"unknown {enum_name} {value!r}: {_checks.suggest(value, allowed)}")

    def cycle(self, path: Path, start: str) -> None:
        """Report a cycle reachable from group *start* (through the owner, if any)."""
        chain = [self.owner, start] if self.owner is not None else [start]
        found = self.search(chain)
        if found is not None:
            shown = " -> ".join(repr(g) for g in found)
            self.add(path, f"cycle between groups: {shown}")

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


def find_problems(rule: Rule, *, event: Event, group: str | None = None) -> list[Problem]:
    """Every problem of *rule* in *event*, each with its path from the rule.

    *group* is the id of the group whose rule this is, if any: a reference
    back to it is a cycle.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> [str(p) for p in find_problems(InGroup(group="group-3"), event=event, group="group-1")]
    ["cycle between groups: 'group-1' -> 'group-3' -> 'group-1' @ $.group"]
    """
    checker = _Checker(event, group)
    checker.node((), rule)
    return list(checker.problems)


def check(rule: Rule, *, event: Event, group: str | None = None) -> list[str]:
    """Check *rule* against *event* before any evaluation; return every problem.

    Each message ends with `` @ $.path`` from the rule to the offending
    value, like :class:`~egov_events.ValidationError` messages. The checks:
    an unknown attribute (with a did-you-mean), a value outside its
    enumeration (a role the event does not define, an unknown organization
    kind or registration status), an unknown group, a cycle between groups,
    an empty :class:`All` or :class:`Any`, an empty set of values. An empty
    list means the rule can be evaluated.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> rule = HasRole(role="researcher") & AttributeIn(attribute="regoin", values={"Dodoma"})
    >>> for message in check(rule, event=event):
    ...     print(message)
    unknown attribute 'regoin': expected one of ...; did you mean 'region'? @ $.rules[1].attribute
    >>> check(HasRole(role="researcher"), event=event)
    []
    """
    return [str(p) for p in find_problems(rule, event=event, group=group)]
