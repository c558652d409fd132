"""Eligibility rules: who may join a participant group or answer a call.

A rule is a tree of frozen attrs classes derived from :class:`Rule`.
Models refer to rules through fields typed ``Rule | None``
(:attr:`egov_events.ParticipantGroup.rule`,
:attr:`egov_events.CallForSubmissions.eligibility`).
"""

from __future__ import annotations

import attrs

__all__ = ["Rule"]


@attrs.frozen(kw_only=True)
class Rule:
    """Base class of every eligibility rule node."""
