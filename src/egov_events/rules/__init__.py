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

from egov_events._lazy import lazy_names

# The rule classes are needed by the models, so they load with the package;
# checking, planning, explaining and the polars bridge load on first use
# (``import egov_events`` stays cheap). Each public name is written once:
# see egov_events._lazy.
from egov_events.rules._nodes import MAX_RULE_DEPTH as MAX_RULE_DEPTH
from egov_events.rules._nodes import NODES as NODES
from egov_events.rules._nodes import All as All
from egov_events.rules._nodes import Any as Any
from egov_events.rules._nodes import AttributeIn as AttributeIn
from egov_events.rules._nodes import HasRole as HasRole
from egov_events.rules._nodes import InGroup as InGroup
from egov_events.rules._nodes import Not as Not
from egov_events.rules._nodes import OrganizationKindIn as OrganizationKindIn
from egov_events.rules._nodes import Rule as Rule
from egov_events.rules._nodes import RuleVisitor as RuleVisitor
from egov_events.rules._nodes import rule_depth as rule_depth

if TYPE_CHECKING:
    from egov_events.rules._check import attribute_names as attribute_names
    from egov_events.rules._check import check as check
    from egov_events.rules._check import find_problems as find_problems
    from egov_events.rules._explain import Explanation as Explanation
    from egov_events.rules._explain import ExplanationNode as ExplanationNode
    from egov_events.rules._explain import explain as explain
    from egov_events.rules._ibis import rule_table as rule_table
    from egov_events.rules._ibis import to_ibis as to_ibis
    from egov_events.rules._ibis import to_sql as to_sql
    from egov_events.rules._members import members as members
    from egov_events.rules._plan import compile as compile
    from egov_events.rules._plan import evaluate as evaluate
    from egov_events.rules._polars import explain_frame as explain_frame
    from egov_events.rules._polars import rule_frame as rule_frame
    from egov_events.rules._polars import to_polars as to_polars
else:
    __getattr__, __dir__ = lazy_names(__name__)
