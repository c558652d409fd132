"""Who belongs to a group: its rule evaluated over the event's participants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from egov_events.rules._plan import compile

if TYPE_CHECKING:
    from egov_events.model import Event, Participant, ParticipantGroup

__all__ = ["members"]


def members(
    event: Event,
    group: str | ParticipantGroup,
    *,
    backend: Literal["python", "polars"] = "python",
) -> tuple[Participant, ...]:
    """The participants of *event* who belong to *group* (an id or the object), in event order.

    A group with a rule has the participants its rule admits; a group
    without one has its ``members`` list, or else the participants
    registered in it. ``backend="polars"`` evaluates the rule as a polars
    expression (the ``polars`` extra), for large events.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> [len(members(event, g)) for g in ("group-1", "group-2", "group-3")]
    [520, 170, 786]

    Raises:
        KeyError: the event has no such group.
        ImportError: ``backend="polars"`` without polars installed.

    """
    g = event.group(group)
    if g.rule is None:
        if g.members is not None:
            wanted = g.members
            return tuple(p for p in event.participants if p.id in wanted)
        return event.participants_in(g)
    if backend == "polars":
        from egov_events.rules._polars import rule_frame, to_polars  # noqa: PLC0415 (optional extra)

        frame = rule_frame(event)
        mask = frame.select(to_polars(g.rule, event=event)).to_series().to_list()
        return tuple(p for p, keep in zip(event.participants, mask, strict=True) if keep)
    eligible = compile(g.rule, event=event)
    return tuple(filter(eligible, event.participants))
