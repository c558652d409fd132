"""Bulk evaluation with polars: a rule as an expression over a frame of participants.

:func:`rule_frame` gives the columns rules read, one row per participant;
:func:`to_polars` turns a rule into a boolean expression over them (the
same negation normal form as the compiled path, so the same answers,
missing values included); :func:`explain_frame` adds one column per leaf,
for counting why people are not eligible. polars is an optional extra:
``pip install egov-events[polars]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from egov_events.model import RULE_ATTRIBUTES
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
from egov_events.rules._plan import Lit, Plan, ensure_valid, plan
from egov_events.rules.attributes import ORGANIZATION_PREFIX

if TYPE_CHECKING:
    import polars as pl

    from egov_events.model import Event, Participant

__all__ = ["explain_frame", "rule_frame", "to_polars"]


def _require() -> None:
    """Import polars, or raise an ImportError that says how to install it."""
    try:
        import polars  # noqa: F401, PLC0415 (an optional extra)
    except ImportError:
        msg = (
            "bulk evaluation of rules needs polars, an optional extra: "
            "pip install egov-events[polars]"
        )
        raise ImportError(msg) from None


def rule_frame(event: Event, participants: Iterable[Participant] | None = None) -> pl.DataFrame:
    """One row per participant with the columns rules read.

    The columns are the participant's attributes (``id``, ``person``,
    ``organization``, ``status``, ``region``, ...: strings, null when
    missing) and its ``roles`` and ``groups`` (lists of strings, sorted).
    Organization attributes are not columns: expressions read them from the
    event through the ``organization`` column.

    >>> import egov_events as ee
    >>> frame = rule_frame(ee.examples.kikao_kazi_2019())
    >>> frame.columns, frame.height
    (['id', 'person', 'organization', 'status', 'region', 'roles', 'groups'], 786)

    Raises:
        ImportError: polars is not installed.

    """
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    rows: Sequence[Participant] = (
        event.participants if participants is None else tuple(participants)
    )
    fields = [a.field for a in RULE_ATTRIBUTES.values() if not a.of_organization]
    columns: dict[str, object] = {}
    for field in fields:
        values = [getattr(p, field) for p in rows]
        columns[field] = [None if v is None else str(v) for v in values]
    columns["roles"] = [sorted(p.roles) for p in rows]
    columns["groups"] = [sorted(p.groups) for p in rows]
    schema: dict[str, polars.DataType | type[polars.DataType]] = dict.fromkeys(
        fields, polars.String
    )
    schema["roles"] = polars.List(polars.String)
    schema["groups"] = polars.List(polars.String)
    return polars.DataFrame(columns, schema=schema)


def _strings(values: Iterable[object]) -> pl.Expr:
    """A set of strings for ``is_in``: one list value, whatever its size."""
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    series = polars.Series(sorted(str(v) for v in values), dtype=polars.String)
    return polars.lit(series).implode()


def _holds_roles() -> pl.Expr:
    """Whether the participant holds any role: a list of nulls holds none, as in SQL."""
    import polars  # noqa: PLC0415 (an optional extra)

    # One pass that allocates no list (list.drop_nulls copies every list:
    # thirty times slower on a million rows).
    return polars.col("roles").list.eval(polars.element().is_not_null()).list.any()


def _literal(node: Lit) -> pl.Expr:
    """The literal, true, false or null; null (missing input) only where false is meant."""
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    col = polars.col
    if node.kind == "role":
        held = col("roles").list.contains(node.key)
        return held if node.positive else _holds_roles() & ~held
    if node.kind == "field":
        held = col(node.key).is_in(_strings(node.values))
        return held if node.positive else col(node.key).is_not_null() & ~held
    if node.kind == "organization":
        return col("organization").is_in(_strings(node.values))
    if node.kind == "member":
        held = col("id").is_in(_strings(node.values))
        return held if node.positive else ~held
    held = col("groups").list.contains(node.key)
    return held if node.positive else ~held


def _expression(node: Plan) -> pl.Expr:
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    if isinstance(node, Lit):
        return _literal(node)
    children = node.children
    held = [c for c in children if isinstance(c, Lit) and c.kind == "role" and c.positive]
    parts = []
    if not node.conjunction and len(held) > 1:
        # "Holds any of these roles": one pass over each list instead of one
        # per role (the same answers: an empty list or null elements give
        # false, a null list null).
        roles = _strings(lit.key for lit in held)
        each = polars.element().is_in(roles)
        parts.append(polars.col("roles").list.eval(each).list.any())
        children = tuple(c for c in children if not any(c is lit for lit in held))
    parts += [_expression(child) for child in children]
    return polars.all_horizontal(parts) if node.conjunction else polars.any_horizontal(parts)


def to_polars(rule: Rule, *, event: Event) -> pl.Expr:
    """*rule* as a boolean polars expression over :func:`rule_frame` columns, named ``eligible``.

    It gives the answers :func:`~egov_events.rules.compile` gives, missing
    values included (never null).

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> frame = rule_frame(event)
    >>> frame.filter(to_polars(event.group("group-2").rule, event=event)).height
    170

    Raises:
        ValidationError: the rule does not pass :func:`~egov_events.rules.check`.
        ImportError: polars is not installed.

    """
    # The plan has no negation above its literals, so a null (missing input)
    # can only stand where false is meant: filling it once at the end is
    # the same as filling every literal.
    return _expression(plan(rule, event=event)).fill_null(False).alias("eligible")


class _Kleene(RuleVisitor["pl.Expr", None]):
    """The rule's three-valued truth: true, false, or null where data is missing."""

    def __init__(self, event: Event) -> None:
        _require()
        self.event = event

    def combination(self, rule: All | Any, *, conjunction: bool) -> pl.Expr:
        parts = [self.visit(r, None) for r in rule.rules]
        out = parts[0]
        for part in parts[1:]:
            out = (out & part) if conjunction else (out | part)
        return out

    def visit_all(self, rule: All, context: None) -> pl.Expr:
        return self.combination(rule, conjunction=True)

    def visit_any(self, rule: Any, context: None) -> pl.Expr:
        return self.combination(rule, conjunction=False)

    def visit_not(self, rule: Not, context: None) -> pl.Expr:
        return ~self.visit(rule.rule, None)

    def visit_has_role(self, rule: HasRole, context: None) -> pl.Expr:
        import polars as pl  # noqa: PLC0415 (an optional extra)

        return pl.when(_holds_roles()).then(pl.col("roles").list.contains(rule.role))

    def visit_in_group(self, rule: InGroup, context: None) -> pl.Expr:
        import polars as pl  # noqa: PLC0415 (an optional extra)

        g = self.event.group(rule.group)
        if g.rule is not None:
            return self.visit(g.rule, None)
        if g.members is not None:
            return pl.col("id").is_in(_strings(g.members)).fill_null(False)
        return pl.col("groups").list.contains(g.id).fill_null(False)

    def visit_organization_kind_in(self, rule: OrganizationKindIn, context: None) -> pl.Expr:
        return self.attribute(ORGANIZATION_PREFIX + "kind", frozenset(str(k) for k in rule.kinds))

    def visit_attribute_in(self, rule: AttributeIn, context: None) -> pl.Expr:
        return self.attribute(rule.attribute, rule.values)

    def attribute(self, name: str, values: frozenset[str]) -> pl.Expr:
        import polars as pl  # noqa: PLC0415 (an optional extra)

        event = self.event
        attribute = RULE_ATTRIBUTES[name]
        if not attribute.of_organization:
            return pl.col(attribute.field).is_in(_strings(values))
        yes = [o.id for o in event.organizations if getattr(o, attribute.field) in values]
        no = [
            o.id
            for o in event.organizations
            if getattr(o, attribute.field) is not None and getattr(o, attribute.field) not in values
        ]
        organization = pl.col("organization")
        return (
            pl.when(organization.is_in(_strings(yes)))
            .then(pl.lit(True))
            .when(organization.is_in(_strings(no)))
            .then(pl.lit(False))
            .otherwise(pl.lit(None, dtype=pl.Boolean))
        )


class _Leaves(RuleVisitor[list[tuple[str, Rule]], str]):
    """Every leaf of a rule with its path (``$.rules[1]``), in tree order."""

    def combination(self, rule: All | Any, path: str) -> list[tuple[str, Rule]]:
        return [
            leaf for i, r in enumerate(rule.rules) for leaf in self.visit(r, f"{path}.rules[{i}]")
        ]

    def visit_all(self, rule: All, context: str) -> list[tuple[str, Rule]]:
        return self.combination(rule, context)

    def visit_any(self, rule: Any, context: str) -> list[tuple[str, Rule]]:
        return self.combination(rule, context)

    def visit_not(self, rule: Not, path: str) -> list[tuple[str, Rule]]:
        return self.visit(rule.rule, f"{path}.rule")

    def leaf(self, rule: Rule, path: str) -> list[tuple[str, Rule]]:
        return [(path, rule)]

    def visit_has_role(self, rule: HasRole, context: str) -> list[tuple[str, Rule]]:
        return self.leaf(rule, context)

    def visit_in_group(self, rule: InGroup, context: str) -> list[tuple[str, Rule]]:
        return self.leaf(rule, context)

    def visit_attribute_in(self, rule: AttributeIn, context: str) -> list[tuple[str, Rule]]:
        return self.leaf(rule, context)

    def visit_organization_kind_in(
        self, rule: OrganizationKindIn, context: str
    ) -> list[tuple[str, Rule]]:
        return self.leaf(rule, context)


def explain_frame(rule: Rule, frame: pl.DataFrame, *, event: Event) -> pl.DataFrame:
    """*frame*'s ``id``, the verdict ``eligible``, and one column per leaf of *rule*.

    A leaf's column is named by its path in the rule (``$.rules[1]``) and
    says whether the leaf held: true, false, or null where the data is
    missing. Counting the false and null values among those not eligible
    gives the bulk "why not". An :class:`InGroup` leaf says whether the
    referenced group's rule held.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> rule = HasRole(role="ict_officer") & AttributeIn(attribute="region", values={"Dodoma"})
    >>> why = explain_frame(rule, rule_frame(event), event=event)
    >>> why.columns
    ['id', 'eligible', '$.rules[0]', '$.rules[1]']
    >>> no = why.filter(~why["eligible"])
    >>> no.height, [int(no[leaf].not_().sum()) for leaf in why.columns[2:]]
    (679, [456, 556])

    Raises:
        ValidationError: the rule does not pass :func:`~egov_events.rules.check`.
        ImportError: polars is not installed.

    """
    ensure_valid(rule, event)
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    kleene = _Kleene(event)
    columns = [polars.col("id"), to_polars(rule, event=event)]
    columns.extend(
        kleene.visit(leaf, None).alias(path) for path, leaf in _Leaves().visit(rule, "$")
    )
    # Lazily, so that polars computes once what several leaves share (whether
    # a participant holds any role, for every HasRole leaf).
    return frame.lazy().select(columns).collect()
