"""Each kind of rule node is handled in one place per backend (issue "one step of restructuring").

Checking, planning (evaluate, compile), explaining and the polars bridge are
each a :class:`~egov_events.rules.RuleVisitor` subclass with one method per
kind of node. These tests fail when a kind has no method in the visitor, or
a backend has no method for a kind.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import ClassVar

import attrs
import pytest

import egov_events
from egov_events import OrganizationKind
from egov_events.rules import (
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
from egov_events.rules._nodes import NODES

Backend = type[RuleVisitor[object, object]]

EXAMPLES: dict[type[Rule], Rule] = {
    All: All(rules=(HasRole(role="a"),)),
    Any: Any(rules=(HasRole(role="a"),)),
    Not: Not(rule=HasRole(role="a")),
    HasRole: HasRole(role="a"),
    InGroup: InGroup(group="g"),
    AttributeIn: AttributeIn(attribute="region", values={"Dodoma"}),
    OrganizationKindIn: OrganizationKindIn(kinds={OrganizationKind.UNIVERSITY}),
}


def backends() -> list[Backend]:
    """Every visitor class defined in the package (every module imported first)."""
    for info in pkgutil.walk_packages(egov_events.__path__, "egov_events."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found: list[Backend] = []
    pending: list[Backend] = list(RuleVisitor.__subclasses__())  # type: ignore[arg-type]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("egov_events."):
            found.append(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_every_kind_of_node_is_known_to_the_tests() -> None:
    assert set(NODES) == set(EXAMPLES)


def test_the_visitor_has_one_method_per_kind_of_node() -> None:
    assert {f"visit_{cls.op}" for cls in NODES} == set(RuleVisitor.__abstractmethods__)


@pytest.mark.parametrize("kind", NODES, ids=lambda cls: cls.__name__)
def test_each_node_calls_its_own_method(kind: type[Rule]) -> None:
    class Name(RuleVisitor[str, int]):
        def visit_all(self, rule: All, context: int) -> str:
            return f"all {context}"

        def visit_any(self, rule: Any, context: int) -> str:
            return f"any {context}"

        def visit_not(self, rule: Not, context: int) -> str:
            return f"not {context}"

        def visit_has_role(self, rule: HasRole, context: int) -> str:
            return f"has_role {context}"

        def visit_in_group(self, rule: InGroup, context: int) -> str:
            return f"in_group {context}"

        def visit_attribute_in(self, rule: AttributeIn, context: int) -> str:
            return f"attribute_in {context}"

        def visit_organization_kind_in(self, rule: OrganizationKindIn, context: int) -> str:
            return f"organization_kind_in {context}"

    assert f"{kind.op} 7" == Name().visit(EXAMPLES[kind], 7)


def test_the_library_backends_are_found() -> None:
    names = {cls.__qualname__ for cls in backends()}
    assert {"_Checker", "_References", "_Planner", "_Templates", "_Kleene", "_Leaves"} <= names


@pytest.mark.parametrize("backend", backends(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_backend_has_a_method_for_every_kind(
    backend: Backend,
) -> None:
    assert frozenset() == backend.__abstractmethods__
    assert not inspect.isabstract(backend)


def test_a_backend_without_a_method_for_a_kind_cannot_be_built() -> None:
    class Partial(RuleVisitor[bool, None]):
        def visit_all(self, rule: All, context: None) -> bool:
            return True

    with pytest.raises(TypeError, match="visit_in_group"):
        Partial()  # type: ignore[abstract]


@attrs.frozen(kw_only=True)
class _Foreign(Rule):
    """A rule class defined outside the library: data the engine cannot read."""

    op: ClassVar[str] = "test_foreign_visitor"


def test_a_rule_class_from_outside_the_library_has_no_method() -> None:
    with pytest.raises(TypeError, match="unknown rule class _Foreign"):
        RuleVisitor.visit(None, _Foreign(), None)  # type: ignore[arg-type]
