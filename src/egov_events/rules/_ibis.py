"""Rules pushed into SQL engines: a rule as an ibis expression, or as the text of a WHERE clause.

:func:`to_ibis` turns a rule into a boolean ibis expression over a table of
participants (a parquet file read by DuckDB, a PostgreSQL table, a Spark
frame); :func:`to_sql` prints it in one engine's dialect, for people who
run it in their own warehouse. ibis is an optional extra:
``pip install egov-events[sql]`` (DuckDB), ``[postgres]`` or ``[spark]``.

The columns are those of :func:`rule_table` (and of
:func:`egov_events.analysis.participants_frame`): ``id``, ``organization``,
``region``, ``status`` and the other participant attributes as strings,
``roles`` and ``groups`` as lists of strings, and an organization's
attribute as ``organization_<field>`` (``organization_kind``). A table
without an ``organization_<field>`` column is read through its
``organization`` ids and the event's organizations.

Missing data is false in both polarities, as everywhere in this package:
the rule is put in negation normal form first (``Not`` pushed down to the
leaves), a positive leaf over a NULL is NULL (dropped by a filter, as
false is) and a negated leaf reads "present and not in the set". A NULL
role list, an empty one and one holding only NULLs all mean "no roles";
NULL elements in a list are ignored. So every engine admits the same
people as :func:`~egov_events.rules.compile`, without three-valued logic at
run time. The expression is meant for filters: it is true for the
eligible, false or NULL for the others (``.fill_null(False)`` gives a
column without NULLs).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

from egov_events.errors import ValidationError
from egov_events.model import RULE_ATTRIBUTES
from egov_events.rules._nodes import (
    All,
    AttributeIn,
    HasRole,
    InGroup,
    Not,
    OrganizationKindIn,
    Rule,
    RuleVisitor,
)
from egov_events.rules._nodes import Any as AnyOf
from egov_events.rules._plan import cached, ensure_valid

if TYPE_CHECKING:
    import pyarrow as pa

    from egov_events.model import Event, Participant, ParticipantGroup

__all__ = ["members_in", "rule_table", "to_ibis", "to_sql"]

# ibis, pyarrow and DuckDB are optional extras; ``Any`` stands for their types,
# which the type check does not see.
Expr = Any


def require() -> Any:
    """Import ibis, or raise an ImportError that says how to install it."""
    try:
        import ibis  # noqa: PLC0415 (an optional extra)
    except ImportError:
        msg = (
            "rules in SQL engines need ibis, an optional extra: "
            "pip install egov-events[sql] (DuckDB), egov-events[postgres] or egov-events[spark]"
        )
        raise ImportError(msg) from None
    return ibis


def organization_column(field: str) -> str:
    """The column that holds an organization's *field* in a participants table."""
    return f"organization_{field}"


def _sorted(values: Iterable[Hashable]) -> list[str]:
    return sorted(str(v) for v in values)


class _Ibis(RuleVisitor[Expr, bool]):
    """Each node in one polarity (the context), ``Not`` pushed down to the leaves."""

    def __init__(self, table: Expr, event: Event | None) -> None:
        self.table = table
        self.event = event
        self.columns = frozenset(table.columns)

    def combination(self, rule: All | AnyOf, positive: bool, *, conjunction: bool) -> Expr:
        # De Morgan: not (a and b) == (not a) or (not b).
        parts = [self.visit(r, positive) for r in rule.rules]
        join = operator.and_ if conjunction is positive else operator.or_
        return functools.reduce(join, parts)

    def visit_all(self, rule: All, context: bool) -> Expr:
        return self.combination(rule, context, conjunction=True)

    def visit_any(self, rule: AnyOf, context: bool) -> Expr:
        return self.combination(rule, context, conjunction=False)

    def visit_not(self, rule: Not, positive: bool) -> Expr:
        return self.visit(rule.rule, not positive)

    def visit_has_role(self, rule: HasRole, positive: bool) -> Expr:
        roles = self.table.roles
        held = roles.contains(rule.role)
        if positive:
            return held
        # Holds at least one role, but not this one. Joining skips NULL
        # elements and a role id is never empty, so the joined text is empty
        # exactly when no role is recorded (NULL when the list is NULL).
        recorded = roles.join(",") != ""
        return recorded & ~held

    def visit_in_group(self, rule: InGroup, positive: bool) -> Expr:
        if self.event is None:
            msg = f"InGroup({rule.group!r}) needs the event that defines the group"
            raise ValueError(msg)
        return self.group(self.event.group(rule.group), positive)

    def visit_attribute_in(self, rule: AttributeIn, positive: bool) -> Expr:
        return self.attribute(rule.attribute, rule.values, positive)

    def visit_organization_kind_in(self, rule: OrganizationKindIn, positive: bool) -> Expr:
        return self.attribute("organization.kind", rule.kinds, positive)

    def group(self, group: ParticipantGroup, positive: bool) -> Expr:
        """Membership of *group*: its rule, its list of members, or its registrations."""
        if group.rule is not None:
            return self.visit(group.rule, positive)
        if group.members is not None:
            held = self.table.id.isin(_sorted(group.members))
        else:
            held = self.table.groups.contains(group.id)
        return held if positive else ~held

    def attribute(self, name: str, values: Iterable[Hashable], positive: bool) -> Expr:
        attribute = RULE_ATTRIBUTES.get(name)
        if attribute is None:
            msg = f"unknown attribute {name!r}: expected one of {', '.join(RULE_ATTRIBUTES)}"
            raise ValueError(msg)
        column = attribute.field
        if attribute.of_organization:
            column = organization_column(attribute.field)
            if column not in self.columns:
                return self.organization(attribute.field, values, positive)
        value = self.table[column]
        held = value.isin(_sorted(values))
        return held if positive else value.notnull() & ~held

    def organization(self, field: str, values: Iterable[Hashable], positive: bool) -> Expr:
        """The test read from the event: "the participant's organization is one of these"."""
        if self.event is None:
            msg = (
                f"the table has no column {organization_column(field)!r}: "
                "pass the event, whose organizations say it"
            )
            raise ValueError(msg)
        wanted = {str(v) for v in values}
        chosen = []
        for org in self.event.organizations:
            value = getattr(org, field)
            if value is not None and (str(value) in wanted) is positive:
                chosen.append(org.id)
        return self.table.organization.isin(sorted(chosen))


def _check(rule: Rule, event: Event | None) -> None:
    if event is not None:
        ensure_valid(rule, event)
    elif not isinstance(rule, Rule):
        msg = f"expected a rule, got {type(rule).__name__}"
        raise ValidationError([f"{msg} @ $"])


def to_ibis(rule: Rule, table: Expr, *, event: Event | None = None) -> Expr:
    """*rule* as a boolean ibis expression over *table*, a table of participants.

    *table* has the columns of :func:`rule_table` (see the module's
    documentation); *event* defines the groups :class:`InGroup` reads and
    the organizations when the table has no ``organization_<field>``
    column, and the rule is checked against it. The expression is true for
    the eligible and false or NULL for the others, as a filter wants; it
    is built once per rule, event and table.

    >>> import ibis
    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> table = ibis.memtable(rule_table(event))
    >>> eligible = table.filter(to_ibis(event.group("group-2").rule, table, event=event))
    >>> eligible.count().to_pyarrow().as_py()
    170

    Raises:
        ValidationError: the rule does not pass :func:`~egov_events.rules.check`.
        ValueError: an :class:`InGroup`, or an organization's attribute the
            table has no column for, without *event*.
        ImportError: ibis is not installed.

    """
    require()
    _check(rule, event)
    if event is None:
        return _Ibis(table, None).visit(rule, True)
    # The expression holds the table, so the table's id stays its own while cached.
    kind = f"ibis {id(table.op())}"
    return cached(kind, rule, event, lambda: _Ibis(table, event).visit(rule, True))


def _unbound(event: Event | None, name: str) -> Expr:
    """A table with :func:`rule_table`'s columns and no data, enough to print SQL."""
    ibis = require()
    fields = [a.field for a in RULE_ATTRIBUTES.values() if not a.of_organization]
    schema: dict[str, str] = dict.fromkeys(fields, "string")
    for attribute in RULE_ATTRIBUTES.values():
        if attribute.of_organization and (event is None or attribute.enum is not None):
            schema[organization_column(attribute.field)] = "string"
    schema["roles"] = "array<string>"
    schema["groups"] = "array<string>"
    return ibis.table(schema, name=name)


def to_sql(
    rule: Rule, *, event: Event | None = None, dialect: str = "duckdb", table: str = "participants"
) -> str:
    """The SQL that selects the ids of those *rule* admits, in one engine's *dialect*.

    *dialect* is any ibis backend's name (``"duckdb"``, ``"postgres"``,
    ``"pyspark"``, ``"trino"``, ``"bigquery"``, ``"snowflake"``, ...);
    *table* names the table, with :func:`rule_table`'s columns. An
    organization's kind is read from the ``organization_kind`` column;
    its other attributes through the event's organizations. The text is
    computed once per rule, event and dialect.

    >>> import egov_events as ee
    >>> from egov_events.rules import AttributeIn, HasRole
    >>> rule = HasRole(role="researcher") & ~AttributeIn(attribute="region", values={"Dodoma"})
    >>> print(to_sql(rule, dialect="postgres"))
    SELECT
      "t0"."id"
    FROM "participants" AS "t0"
    WHERE
      CAST("t0"."roles" AS VARCHAR[]) @> ARRAY[CAST('researcher' AS VARCHAR)]
      AND "t0"."region" IS NOT NULL
      AND NOT (
        "t0"."region" IN ('Dodoma')
      )

    Raises:
        ValidationError: the rule does not pass :func:`~egov_events.rules.check`.
        ImportError: ibis is not installed.

    """
    ibis = require()
    _check(rule, event)

    def build() -> str:
        unbound = _unbound(event, table)
        query = unbound.filter(_Ibis(unbound, event).visit(rule, True)).select("id")
        return str(ibis.to_sql(query, dialect=dialect)).strip()

    if event is None:
        return build()
    return cached(f"sql {dialect} {table}", rule, event, build)


def rule_table(event: Event, participants: Iterable[Participant] | None = None) -> pa.Table:
    """An arrow table of *event*'s participants with the columns rules read, for any engine.

    Participant attributes are strings (null when missing), ``roles`` and
    ``groups`` sorted lists of strings, and each organization attribute
    with an enumeration (``organization_kind``) a string. Write it to
    parquet (``pyarrow.parquet.write_table``) or load it into a database,
    and :func:`to_ibis` reads it as it is.

    >>> import egov_events as ee
    >>> table = rule_table(ee.examples.kikao_kazi_2019())
    >>> table.column_names
    ['id', 'person', 'organization', 'status', 'region', 'organization_kind', 'roles', 'groups']
    >>> table.num_rows
    786

    Raises:
        ImportError: pyarrow (with ibis, the ``sql`` extra) is not installed.

    """
    require()
    import pyarrow  # noqa: PLC0415 (an optional extra)

    rows = event.participants if participants is None else tuple(participants)
    columns: dict[str, list[object]] = {}
    for attribute in RULE_ATTRIBUTES.values():
        if not attribute.of_organization:
            values = (getattr(p, attribute.field) for p in rows)
            columns[attribute.field] = [None if v is None else str(v) for v in values]
    organizations = {o.id: o for o in event.organizations}
    for attribute in RULE_ATTRIBUTES.values():
        if attribute.of_organization and attribute.enum is not None:
            values = (getattr(organizations[p.organization], attribute.field) for p in rows)
            columns[organization_column(attribute.field)] = [
                None if v is None else str(v) for v in values
            ]
    columns["roles"] = [sorted(p.roles) for p in rows]
    columns["groups"] = [sorted(p.groups) for p in rows]
    strings = pyarrow.string()
    schema = pyarrow.schema(
        [
            (name, pyarrow.list_(strings) if name in ("roles", "groups") else strings)
            for name in columns
        ]
    )
    return pyarrow.table(columns, schema=schema)


def members_in(
    event: Event, group_or_rule: str | ParticipantGroup | Rule, source: Any
) -> list[str]:
    """The ids *source* holds of those *group_or_rule* admits, sorted; computed by the engine.

    *source* is ``"duckdb"`` (the event's participants in an embedded
    DuckDB), an ibis table, an ibis connection (its ``participants``
    table), a path to a parquet file (read by DuckDB), or an arrow table or
    DataFrame (handed to DuckDB).
    """
    ibis = require()
    from pathlib import Path  # noqa: PLC0415 (lazy: only on this path)

    connection = None
    if isinstance(source, str) and source == "duckdb":
        connection = ibis.duckdb.connect()
        table = connection.create_table("participants", rule_table(event))
    elif isinstance(source, str | Path):
        connection = ibis.duckdb.connect()
        table = connection.read_parquet(str(source))
    elif isinstance(source, ibis.BaseBackend):
        table = source.table("participants")
    elif isinstance(source, ibis.Table):
        table = source
    else:
        connection = ibis.duckdb.connect()
        table = connection.create_table("participants", source)
    if isinstance(group_or_rule, Rule):
        condition = to_ibis(group_or_rule, table, event=event)
    else:
        group = event.group(group_or_rule)
        if group.rule is not None:
            condition = to_ibis(group.rule, table, event=event)
        else:
            condition = _Ibis(table, event).group(group, True)
    query = table.filter(condition).select("id")
    try:
        ids = _ids(query)
    finally:
        if connection is not None:
            connection.disconnect()
    # Sorted here, not by the engine: an engine sorts text by its collation
    # (a PostgreSQL created with en_US.UTF-8 puts "p-10" and "P-2" otherwise),
    # and the same ids must come back in the same order from every engine.
    return sorted(ids)


def _ids(query: Any) -> list[str]:
    """The ``id`` column of *query*'s rows, computed by its engine."""
    backend = query.get_backend()
    if backend.name != "postgres":
        ids: list[str] = query.to_pyarrow().column("id").to_pylist()
        return ids
    # ibis's arrow path for PostgreSQL builds arrow batches from psycopg's rows
    # (a server-side cursor, then a struct array per batch): for the 292,457
    # ids of bench/bench_sql.py it takes about twice as long as psycopg's own
    # rows. The query is still ibis's, compiled for this backend.
    with backend.con.transaction(), backend.raw_sql(backend.compile(query)) as cursor:
        return [row[0] for row in cursor.fetchall()]
