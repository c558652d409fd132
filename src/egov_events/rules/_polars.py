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

from egov_events.rules._nodes import (
    All,
    Any,
    AttributeIn,
    HasRole,
    InGroup,
    Not,
    OrganizationKindIn,
    Rule,
)
from egov_events.rules._plan import Lit, Plan, ensure_valid, plan
from egov_events.rules._vocabulary import ORGANIZATION_PREFIX, attributes

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
    fields = [a.field for a in attributes().values() if not a.of_organization]
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


def _literal(node: Lit) -> pl.Expr:
    """The literal, true, false or null; null (missing input) only where false is meant."""
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    col = polars.col
    if node.kind == "role":
        held = col("roles").list.contains(node.key)
        return held if node.positive else (col("roles").list.len() > 0) & ~held
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
    parts = [_expression(child) for child in node.children]
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


def _kleene(rule: Rule, event: Event) -> pl.Expr:  # noqa: PLR0911 (one return per kind of node)
    """The rule's three-valued truth: true, false, or null where data is missing."""
    _require()
    import polars  # noqa: PLC0415 (an optional extra)

    col = polars.col
    if isinstance(rule, All | Any):
        parts = [_kleene(r, event) for r in rule.rules]
        out = parts[0]
        for part in parts[1:]:
            out = (out & part) if isinstance(rule, All) else (out | part)
        return out
    if isinstance(rule, Not):
        return ~_kleene(rule.rule, event)
    if isinstance(rule, HasRole):
        roles = col("roles")
        return polars.when(roles.list.len() > 0).then(roles.list.contains(rule.role))
    if isinstance(rule, InGroup):
        g = event.group(rule.group)
        if g.rule is not None:
            return _kleene(g.rule, event)
        if g.members is not None:
            return col("id").is_in(_strings(g.members)).fill_null(False)
        return col("groups").list.contains(g.id).fill_null(False)
    if isinstance(rule, OrganizationKindIn):
        name, values = ORGANIZATION_PREFIX + "kind", frozenset(str(k) for k in rule.kinds)
    else:
        assert isinstance(rule, AttributeIn)  # noqa: S101 (the leaves left)
        name, values = rule.attribute, rule.values
    attribute = attributes()[name]
    if not attribute.of_organization:
        return col(attribute.field).is_in(_strings(values))
    yes = [o.id for o in event.organizations if getattr(o, attribute.field) in values]
    no = [
        o.id
        for o in event.organizations
        if getattr(o, attribute.field) is not None and getattr(o, attribute.field) not in values
    ]
    organization = col("organization")
    return (
        polars.when(organization.is_in(_strings(yes)))
        .then(polars.lit(True))
        .when(organization.is_in(_strings(no)))
        .then(polars.lit(False))
        .otherwise(polars.lit(None, dtype=polars.Boolean))
    )


def _leaves(rule: Rule, path: str) -> list[tuple[str, Rule]]:
    if isinstance(rule, All | Any):
        return [leaf for i, r in enumerate(rule.rules) for leaf in _leaves(r, f"{path}.rules[{i}]")]
    if isinstance(rule, Not):
        return _leaves(rule.rule, f"{path}.rule")
    return [(path, rule)]


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

    columns = [polars.col("id"), to_polars(rule, event=event)]
    columns.extend(_kleene(leaf, event).alias(path) for path, leaf in _leaves(rule, "$"))
    return frame.select(columns)
