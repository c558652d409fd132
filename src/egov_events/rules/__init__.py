"""Eligibility rules: who may join a participant group or answer a call.

A rule is a tree of frozen attrs classes derived from :class:`Rule`:
:class:`All`, :class:`Any` and :class:`Not` combine rules; :class:`HasRole`,
:class:`InGroup`, :class:`AttributeIn` and :class:`OrganizationKindIn` test
one thing about a participant. Models refer to rules through fields typed
``Rule | None`` (:attr:`egov_events.ParticipantGroup.rule`,
:attr:`egov_events.CallForSubmissions.eligibility`); in JSON a rule is an
object whose ``op`` names its kind.

>>> import egov_events as ee
>>> from egov_events.rules import HasRole, OrganizationKindIn, check, evaluate, explain
>>> event = ee.examples.kikao_kazi_2019()
>>> rule = (HasRole(role="researcher") | HasRole(role="innovator")) & OrganizationKindIn(
...     kinds={ee.OrganizationKind.UNIVERSITY}
... )
>>> check(rule, event=event)
[]
>>> evaluate(rule, "p-0001", event=event)
False
>>> print(explain(rule, "p-0001", event=event).render().splitlines()[0])
Hastahili: cheo 'Mtafiti' hakimo katika vyeo vyake ('Afisa TEHAMA'); ...

Before a rule is evaluated it is checked (:func:`check`), then put in
negation normal form: a leaf whose data is missing is false, and so is its
negation. :func:`evaluate`, :func:`compile`, :func:`explain` and
:func:`to_polars` give the same answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The rule classes are needed by the models, so they load with the package;
# checking, planning, explaining and the polars bridge load on first use
# (``import egov_events`` stays cheap).
from egov_events._lazy import lazy_names
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

if TYPE_CHECKING:
    from egov_events.rules._check import check, find_problems
    from egov_events.rules._explain import Explanation, ExplanationNode, explain
    from egov_events.rules._plan import compile, evaluate, members
    from egov_events.rules._polars import explain_frame, rule_frame, to_polars
    from egov_events.rules._vocabulary import attribute_names

_LAZY = {
    "check": "._check",
    "find_problems": "._check",
    "Explanation": "._explain",
    "ExplanationNode": "._explain",
    "explain": "._explain",
    "compile": "._plan",
    "evaluate": "._plan",
    "members": "._plan",
    "explain_frame": "._polars",
    "rule_frame": "._polars",
    "to_polars": "._polars",
    "attribute_names": "._vocabulary",
}


__all__ = [
    "All",
    "Any",
    "AttributeIn",
    "Explanation",
    "ExplanationNode",
    "HasRole",
    "InGroup",
    "Not",
    "OrganizationKindIn",
    "Rule",
    "attribute_names",
    "check",
    "compile",
    "evaluate",
    "explain",
    "explain_frame",
    "find_problems",
    "members",
    "rule_frame",
    "to_polars",
]

# Hidden from type checkers, which see the imports above instead, so that a
# misspelt name is still an error for them.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
