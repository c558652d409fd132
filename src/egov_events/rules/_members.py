"""Who belongs to a group: its rule evaluated over the event's participants, or in a database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

from egov_events.rules._nodes import Rule
from egov_events.rules._plan import compile

if TYPE_CHECKING:
    from egov_events.model import Event, Participant, ParticipantGroup

__all__ = ["members"]


@overload
def members(  # type: ignore[overload-overlap]  # a literal is more precise than object
    event: Event,
    group_or_rule: str | ParticipantGroup | Rule | None = None,
    *,
    backend: Literal["python", "polars"] = "python",
    group: str | ParticipantGroup | Rule | None = None,
) -> tuple[Participant, ...]: ...


@overload
def members(
    event: Event,
    group_or_rule: str | ParticipantGroup | Rule | None = None,
    *,
    backend: object,
    group: str | ParticipantGroup | Rule | None = None,
) -> tuple[str, ...]: ...


def members(
    event: Event,
    group_or_rule: str | ParticipantGroup | Rule | None = None,
    *,
    backend: object = "python",
    group: str | ParticipantGroup | Rule | None = None,
) -> tuple[Participant, ...] | tuple[str, ...]:
    """Who belongs to *group_or_rule*: *event*'s participants, or their ids from a database.

    *group_or_rule* is a group (an id or the object) or a rule; ``group=`` is
    the same argument under its earlier name, kept so that calls written as
    ``members(event, group="group-1")`` still work. A group with a rule
    has the participants its rule admits; a group without one has its
    ``members`` list, or else the participants registered in it; a rule has
    the participants it admits. With ``backend="python"`` (the default) or
    ``"polars"`` (a polars expression, the ``polars`` extra, for large
    events) the answer is *event*'s participants, in event order.

    Any other backend answers in a SQL engine through ibis, without
    pulling rows into Python, and gives the ids, sorted: ``"duckdb"`` (the
    event's participants in an embedded DuckDB), an ibis table with the
    columns of :func:`~egov_events.rules.rule_table` (a parquet file, a
    PostgreSQL or Spark table: a national registry), an ibis connection
    (its ``participants`` table), the path of a parquet file, or an arrow
    table or DataFrame (read by DuckDB). *event* still defines the groups
    and the organizations.

    >>> import egov_events as ee
    >>> from egov_events.rules import HasRole
    >>> event = ee.examples.kikao_kazi_2019()
    >>> [len(members(event, g)) for g in ("group-1", "group-2", "group-3")]
    [520, 170, 786]
    >>> len(members(event, HasRole(role="researcher")))
    48
    >>> members(event, "group-2", backend="duckdb")[:3]
    ('p-0521', 'p-0522', 'p-0523')

    >>> members(event, group_or_rule="group-2") == members(event, group="group-2")
    True

    Raises:
        TypeError: neither or both of *group_or_rule* and *group* are given.
        KeyError: the event has no such group.
        ValidationError: the rule does not fit the event (an unknown role, say).
        ImportError: the backend's extra (``polars``; ``sql``, ``postgres`` or
            ``spark``) is not installed.

    """
    chosen = group_or_rule if group is None else group
    if chosen is None or (group_or_rule is not None and group is not None):
        msg = "members() takes one group or rule: give group_or_rule (or group=), not both"
        raise TypeError(msg)
    if not (isinstance(backend, str) and backend in ("python", "polars")):
        from egov_events.rules._ibis import members_in  # noqa: PLC0415 (an optional extra)

        return tuple(members_in(event, chosen, backend))
    if isinstance(chosen, Rule):
        rule = chosen
    else:
        g = event.group(chosen)
        if g.rule is None:
            if g.members is not None:
                wanted = g.members
                return tuple(p for p in event.participants if p.id in wanted)
            return event.participants_in(g)
        rule = g.rule
    return _admitted(event, rule, backend)


def _admitted(event: Event, rule: Rule, backend: Any) -> tuple[Participant, ...]:
    if backend == "polars":
        from egov_events.rules._polars import rule_frame, to_polars  # noqa: PLC0415 (optional extra)

        frame = rule_frame(event)
        mask = frame.select(to_polars(rule, event=event)).to_series().to_list()
        return tuple(p for p, keep in zip(event.participants, mask, strict=True) if keep)
    eligible = compile(rule, event=event)
    return tuple(filter(eligible, event.participants))
