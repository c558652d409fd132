"""What rules can read: the attributes of participants and their organizations.

The attributes are derived from attrs classes (the model's
:class:`~egov_events.Participant` and :class:`~egov_events.Organization`,
which :data:`egov_events.model.RULE_ATTRIBUTES` passes to
:func:`rule_attributes`): every field that holds one text or one enumeration
value is an attribute (a participant's ``region``, its organization's
``organization.kind``), so a field added to the model becomes readable by
rules, and checkable, without a list to keep up to date.

This module knows no model class itself, so that the model can use it.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping

import attrs

__all__ = ["ORGANIZATION_PREFIX", "Attribute", "rule_attributes"]

ORGANIZATION_PREFIX = "organization."
"""How the name of an organization's attribute starts (``organization.kind``)."""


@attrs.frozen(kw_only=True)
class Attribute:
    """One attribute rules can read, and where it comes from."""

    name: str
    """Its name in rules: ``"region"``, ``"organization.kind"``."""
    of_organization: bool
    """Whether it is a field of the participant's organization."""
    field: str
    """The attrs field it reads."""
    enum: type[enum.Enum] | None
    """The enumeration its values come from, if any."""


def _scalar(tp: object) -> type | None:
    """The one text or enumeration type *tp* holds (``X`` or ``X | None``), or ``None``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) != 1:
            return None
        tp = inner[0]
    if tp is str or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return tp
    return None


def rule_attributes(participant: type, organization: type) -> Mapping[str, Attribute]:
    """Every attribute rules can read from these attrs classes, by name, participants' first.

    >>> from egov_events.model import Organization, Participant
    >>> rule_attributes(Participant, Organization)["organization.kind"].enum.__name__
    'OrganizationKind'
    """
    found: dict[str, Attribute] = {}
    for cls, prefix in ((participant, ""), (organization, ORGANIZATION_PREFIX)):
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            tp = _scalar(field.type)
            if tp is None:
                continue
            found[prefix + field.name] = Attribute(
                name=prefix + field.name,
                of_organization=bool(prefix),
                field=field.name,
                enum=tp if issubclass(tp, enum.Enum) else None,
            )
    return types.MappingProxyType(found)
