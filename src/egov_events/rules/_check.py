"""Static checks of a rule against an event, before any evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from egov_events.errors import Problem
from egov_events.locale import language
from egov_events.model import RULE_ATTRIBUTES
from egov_events.rules.attributes import Attribute
from egov_events.rules.checking import rule_problems

if TYPE_CHECKING:
    from egov_events.model import Event
    from egov_events.rules._nodes import Rule

__all__ = ["attribute_names", "attributes", "check", "find_problems"]


def attributes() -> Mapping[str, Attribute]:
    """Every attribute rules can read, by name, participants' first.

    >>> attributes()["organization.kind"].enum.__name__
    'OrganizationKind'
    """
    return RULE_ATTRIBUTES


def attribute_names() -> tuple[str, ...]:
    """The names :class:`~egov_events.rules.AttributeIn` accepts, as the model defines them.

    >>> attribute_names()[:5]
    ('id', 'person', 'organization', 'status', 'region')
    >>> "organization.region" in attribute_names()
    True
    """
    return tuple(RULE_ATTRIBUTES)


def find_problems(rule: Rule, *, event: Event, group: str | None = None) -> list[Problem]:
    """Every problem of *rule* in *event*, each with its path from the rule.

    *group* is the id of the group whose rule this is, if any: a reference
    back to it is a cycle.

    >>> import egov_events as ee
    >>> from egov_events.rules import InGroup
    >>> event = ee.examples.kikao_kazi_2019()
    >>> [str(p) for p in find_problems(InGroup(group="group-3"), event=event, group="group-1")]
    ["cycle between groups: 'group-1' -> 'group-3' -> 'group-1' @ $.group"]
    """
    return rule_problems(rule, event=event, attributes=RULE_ATTRIBUTES, owner=group)


def check(rule: Rule, *, event: Event, group: str | None = None, lang: str = "en") -> list[str]:
    """Check *rule* against *event* before any evaluation; return every problem.

    Each message is in *lang* (``"en"`` or ``"sw"``) and ends with
    `` @ $.path`` from the rule to the offending value, like
    :class:`~egov_events.ValidationError` messages. The checks:
    an unknown attribute (with a did-you-mean), a value outside its
    enumeration (a role the event does not define, an unknown organization
    kind or registration status), an unknown group, a cycle between groups,
    an empty :class:`All` or :class:`Any`, an empty set of values. An empty
    list means the rule can be evaluated.

    >>> import egov_events as ee
    >>> from egov_events.rules import AttributeIn, HasRole
    >>> event = ee.examples.kikao_kazi_2019()
    >>> rule = HasRole(role="researcher") & AttributeIn(attribute="regoin", values={"Dodoma"})
    >>> for message in check(rule, event=event):
    ...     print(message)
    unknown attribute 'regoin': expected one of ...; did you mean 'region'? @ $.rules[1].attribute
    >>> check(HasRole(role="mtafiti"), event=event, lang="sw")
    ["jukumu 'mtafiti' haijulikani: mojawapo ya 'head_of_institution', ... @ $.role"]
    >>> check(HasRole(role="researcher"), event=event)
    []

    Raises:
        ValueError: *lang* is not a supported language.

    """
    language(lang)  # refused before any work, problems or not
    return [p.render(lang) for p in find_problems(rule, event=event, group=group)]
