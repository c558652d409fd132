"""Who belongs to a group: its rule evaluated over the event's participants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from egov_events.rules._nodes import Rule
from egov_events.rules._plan import compile

if TYPE_CHECKING:
    from egov_events.model import Event, Participant, ParticipantGroup

__all__ = ["members"]


def members(
    event: Event,
    group: str | ParticipantGroup | Rule,
    *,
    backend: Literal["python", "polars"] = "python",
) -> tuple[Participant, ...]:
    """The participants of *event* who belong to *group*, in event order.

    *group* is a group (an id or the object) or a rule. A group with a rule
    has the participants its rule admits; a group without one has its
    ``members`` list, or else the participants registered in it; a rule has
    the participants it admits. ``backend="polars"`` evaluates the rule as
    a polars expression (the ``polars`` extra), for large events.

    >>> import egov_events as ee
    >>> from egov_events.rules import HasRole
    >>> event = ee.examples.kikao_kazi_2019()
    >>> [len(members(event, g)) for g in ("group-1", "group-2", "group-3")]
    [520, 170, 786]
    >>> len(members(event, HasRole(role="researcher")))
    48

    Raises:
        KeyError: the event has no such group.
        ValidationError: the rule does not fit the event (an unknown role, say).
        ImportError: ``backend="polars"`` without polars installed.

    """
    if isinstance(group, Rule):
        rule = group
    else:
        g = event.group(group)
        if g.rule is None:
            if g.members is not None:
                wanted = g.members
                return tuple(p for p in event.participants if p.id in wanted)
            return event.participants_in(g)
        rule = g.rule
    if backend == "polars":
        from egov_events.rules._polars import rule_frame, to_polars  # noqa: PLC0415 (optional extra)

        frame = rule_frame(event)
        mask = frame.select(to_polars(rule, event=event)).to_series().to_list()
        return tuple(p for p, keep in zip(event.participants, mask, strict=True) if keep)
    eligible = compile(rule, event=event)
    return tuple(filter(eligible, event.participants))
