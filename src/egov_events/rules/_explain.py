"""Explanations: why a participant is, or is not, eligible.

:func:`explain` evaluates every node of a rule for one participant and
returns an :class:`Explanation`, a tree of :class:`ExplanationNode` that
says for each node whether it held, what value was seen, and which leaves
decided the outcome. A node can also be *unknown* (``held is None``): its
data is missing, which counts as not eligible, for the node and for its
negation alike (three-valued logic, as SQL; the same answers as
:func:`~egov_events.rules.evaluate`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar
from typing import Any as Anything

import attrs

from egov_events import enum_names
from egov_events.enums import OrganizationKind, RegistrationStatus
from egov_events.locale import language
from egov_events.model import RULE_ATTRIBUTES
from egov_events.rules._nodes import (
    All,
    Any,
    AttributeIn,
    HasRole,
    InGroup,
    Not,
    OrganizationKindIn,
    Rule,
    RuleVisitor,
)
from egov_events.rules._plan import cached, ensure_valid
from egov_events.text import LocalizedText

if TYPE_CHECKING:
    from egov_events.model import Event, Participant

__all__ = ["Explanation", "ExplanationNode", "explain"]

Seen = str | tuple[str, ...] | None
_T = TypeVar("_T")


@attrs.frozen(kw_only=True)
class ExplanationNode:
    """One node of a rule, evaluated for one participant."""

    op: str
    """The node's kind, its ``op`` tag: ``"all"``, ``"has_role"``, ..."""
    path: str
    """Where the node is in its rule, ``$.rules[1]`` (JSONPath)."""
    group: str | None
    """The group whose rule holds the node; ``None`` for the rule explained."""
    held: bool | None
    """Whether the node held; ``None`` when its data is missing (unknown)."""
    decisive: bool
    """Whether the node is on the way to a leaf that decided the outcome."""
    subject: str = ""
    """What a leaf tests: a role id, a group id or an attribute name."""
    expected: tuple[str, ...] = ()
    """The values a leaf asks for."""
    seen: Seen = None
    """The value a leaf saw: one value, the participant's set of roles or
    groups (sorted), or ``None`` when missing."""
    label: LocalizedText | None = None
    basis: LocalizedText | None = None
    children: tuple[ExplanationNode, ...] = ()

    def to_dict(self) -> dict[str, Anything]:
        """The node as plain JSON values."""
        return {
            "op": self.op,
            "path": self.path,
            "group": self.group,
            "held": self.held,
            "decisive": self.decisive,
            "subject": self.subject,
            "expected": list(self.expected),
            "seen": list(self.seen) if isinstance(self.seen, tuple) else self.seen,
            "label": None if self.label is None else dict(self.label.texts),
            "basis": None if self.basis is None else dict(self.basis.texts),
            "children": [child.to_dict() for child in self.children],
        }


@attrs.frozen(kw_only=True)
class Explanation:
    """Why a participant is eligible or not: the verdict and the evaluated rule.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> why = explain(HasRole(role="researcher"), "p-0001", event=event)
    >>> why.eligible, [leaf.path for leaf in why.deciding()]
    (False, ['$'])
    >>> print(why.render("en"))
    Not eligible: the role 'Researcher' is not among their roles ('ICT officer')
      ✗ the role 'Researcher' is not among their roles ('ICT officer')
    """

    participant: str
    """The participant's id."""
    eligible: bool
    """The verdict: the rule held (unknown counts as not eligible)."""
    rule: ExplanationNode
    """The rule's root node, evaluated."""
    event: Event | None = attrs.field(default=None, eq=False, repr=False)
    """The event, where :meth:`render` finds the names of roles and groups."""

    def deciding(self) -> tuple[ExplanationNode, ...]:
        """The leaves that decided the outcome ("why not", or why), in tree order."""
        found: list[ExplanationNode] = []
        pending = [self.rule]
        while pending:
            node = pending.pop()
            if not node.decisive:
                continue
            if node.children:
                pending.extend(reversed(node.children))
            else:
                found.append(node)
        return tuple(found)

    def to_dict(self) -> dict[str, Anything]:
        """The explanation as plain JSON values (``json.dumps`` writes it).

        >>> import json, egov_events as ee
        >>> event = ee.examples.kikao_kazi_2019()
        >>> data = explain(HasRole(role="researcher"), "p-0001", event=event).to_dict()
        >>> print(json.dumps(data["rule"]["seen"]), data["eligible"])
        ["ict_officer"] False
        """
        return {
            "participant": self.participant,
            "eligible": self.eligible,
            "rule": self.rule.to_dict(),
        }

    def render(self, lang: str = "sw") -> str:
        """The explanation as text: the verdict with its reasons, then the tree.

        Swahili by default; ``lang="en"`` gives English. Names of roles,
        groups and organizations come from the event, in the language asked
        for; the label of every node that has one follows its line.

        Raises:
            ValueError: *lang* is not a supported language (as everywhere).

        """
        return _Renderer(self.event, language(lang), self.participant).run(self)


# -- evaluation -----------------------------------------------------------------


class _Template:
    """The parts of an explanation node that do not depend on the participant."""

    __slots__ = (
        "basis", "children", "expected", "group", "key", "kind", "label", "n", "op", "path",
        "subject", "values",
    )  # fmt: skip

    def __init__(self, rule: Rule, path: str, group: str | None, n: int) -> None:
        self.op: str = type(rule).op
        self.path = path
        self.group = group
        self.n = n
        self.label: LocalizedText | None = getattr(rule, "label", None)
        self.basis: LocalizedText | None = getattr(rule, "basis", None)
        self.kind = ""
        self.subject = ""
        self.key = ""
        self.expected: tuple[str, ...] = ()
        self.values: frozenset[str] = frozenset()
        self.children: tuple[_Template, ...] = ()


class _Templates(RuleVisitor[_Template, tuple[str, str | None]]):
    """Turns a rule into templates once; explanations then only fill in values.

    The context is the node's path and the group whose rule it is part of.
    """

    def __init__(self, event: Event) -> None:
        self.groups = {g.id: g for g in event.groups}
        self.count = 0

    def make(self, rule: Rule, path: str, group: str | None) -> _Template:
        return self.visit(rule, (path, group))

    def start(self, rule: Rule, at: tuple[str, str | None]) -> _Template:
        path, group = at
        t = _Template(rule, path, group, self.count)
        self.count += 1
        return t

    def combination(self, rule: All | Any, at: tuple[str, str | None]) -> _Template:
        t = self.start(rule, at)
        path, group = at
        t.kind = t.op
        t.children = tuple(
            self.make(r, f"{path}.rules[{i}]", group) for i, r in enumerate(rule.rules)
        )
        return t

    def visit_all(self, rule: All, context: tuple[str, str | None]) -> _Template:
        return self.combination(rule, context)

    def visit_any(self, rule: Any, context: tuple[str, str | None]) -> _Template:
        return self.combination(rule, context)

    def visit_not(self, rule: Not, at: tuple[str, str | None]) -> _Template:
        t = self.start(rule, at)
        t.kind = "not"
        t.children = (self.make(rule.rule, f"{at[0]}.rule", at[1]),)
        return t

    def visit_has_role(self, rule: HasRole, at: tuple[str, str | None]) -> _Template:
        t = self.start(rule, at)
        t.kind, t.subject, t.key, t.expected = "role", rule.role, rule.role, (rule.role,)
        return t

    def visit_in_group(self, rule: InGroup, at: tuple[str, str | None]) -> _Template:
        t = self.start(rule, at)
        g = self.groups[rule.group]
        t.subject = t.key = g.id
        if g.rule is not None:
            t.kind = "group_rule"
            t.children = (self.make(g.rule, "$", g.id),)
        elif g.members is not None:
            t.kind, t.values, t.expected = "member", frozenset(g.members), (g.id,)
        else:
            t.kind, t.expected = "registered", (g.id,)
        return t

    def visit_attribute_in(self, rule: AttributeIn, at: tuple[str, str | None]) -> _Template:
        return self.attribute(self.start(rule, at), rule.attribute, rule.values)

    def visit_organization_kind_in(
        self, rule: OrganizationKindIn, at: tuple[str, str | None]
    ) -> _Template:
        return self.attribute(self.start(rule, at), "organization.kind", frozenset(rule.kinds))

    def attribute(self, t: _Template, name: str, wanted: frozenset[str]) -> _Template:
        t.subject = name
        attribute = RULE_ATTRIBUTES[name]
        t.kind = "organization" if attribute.of_organization else "participant"
        t.key = attribute.field
        t.values = frozenset(str(v) for v in wanted)
        t.expected = tuple(sorted(t.values))
        return t


class _Values:
    """The values of every template for one participant."""

    def __init__(self, count: int, p: Participant, organization: object) -> None:
        self.held: list[bool | None] = [None] * count
        self.seen: list[Seen] = [None] * count
        self.p = p
        self.organization = organization

    def evaluate(self, t: _Template) -> bool | None:
        p, kind = self.p, t.kind
        held: bool | None
        if kind == "all":
            values = [self.evaluate(c) for c in t.children]
            held = False if False in values else (None if None in values else True)
        elif kind == "any":
            values = [self.evaluate(c) for c in t.children]
            held = True if True in values else (None if None in values else False)
        elif kind == "not":
            inner = self.evaluate(t.children[0])
            held = None if inner is None else not inner
        elif kind == "group_rule":
            held = self.evaluate(t.children[0])
        elif kind == "role":
            roles = p.roles
            self.seen[t.n] = tuple(sorted(roles))
            held = (t.key in roles) if roles else None
        elif kind in ("member", "registered"):
            self.seen[t.n] = tuple(sorted(p.groups))
            held = (p.id in t.values) if kind == "member" else (t.key in p.groups)
        else:
            owner = p if kind == "participant" else self.organization
            value = None if owner is None else getattr(owner, t.key)
            seen = self.seen[t.n] = None if value is None else str(value)
            held = None if seen is None else seen in t.values
        self.held[t.n] = held
        return held

    def build(self, t: _Template, decisive: bool) -> ExplanationNode:
        held = self.held[t.n]
        children: tuple[ExplanationNode, ...] = ()
        if t.children:
            if t.kind in ("not", "group_rule"):
                children = (self.build(t.children[0], decisive),)
            else:
                everyone = (t.kind == "all") is (held is True) and held is not None
                children = tuple(
                    self.build(c, decisive and (everyone or self.held[c.n] is held))
                    for c in t.children
                )
        return ExplanationNode(
            op=t.op, path=t.path, group=t.group, held=held, decisive=decisive,
            subject=t.subject, expected=t.expected, seen=self.seen[t.n], label=t.label,
            basis=t.basis, children=children,
        )  # fmt: skip


def explain(rule: Rule, participant: str | Participant, *, event: Event) -> Explanation:
    """Evaluate *rule* for *participant* (an id or the object) node by node.

    The verdict is :func:`~egov_events.rules.evaluate`'s; the tree says why.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> why = explain(event.group("group-3").rule, "p-0001", event=event)
    >>> why.eligible, [(leaf.subject, leaf.seen) for leaf in why.deciding()]
    (True, [('ict_officer', ('ict_officer',))])

    Raises:
        ValidationError: the rule does not pass :func:`~egov_events.rules.check`.
        KeyError: no participant has this id.

    """
    ensure_valid(rule, event)
    p = event.participant(participant) if isinstance(participant, str) else participant

    def templates() -> tuple[_Template, int]:
        maker = _Templates(event)
        return maker.make(rule, "$", None), maker.count

    root, count = cached("explain", rule, event, templates)
    organization = _find(event.organization, p.organization)
    values = _Values(count, p, organization)
    held = values.evaluate(root)
    return Explanation(
        participant=p.id, eligible=held is True, rule=values.build(root, True), event=event
    )


def _find(lookup: Callable[[str], _T], ident: str) -> _T | None:
    """What an event's lookup (``event.organization``) finds for *ident*, or ``None``."""
    try:
        return lookup(ident)
    except KeyError:
        return None


# -- rendering --------------------------------------------------------------------

_ATTRIBUTE_NAMES: Mapping[str, tuple[str, str]] = {
    "id": ("kitambulisho cha usajili", "registration id"),
    "person": ("mtu", "person"),
    "organization": ("taasisi", "organization"),
    "status": ("hali ya usajili", "registration status"),
    "region": ("mkoa", "region"),
    "organization.id": ("taasisi", "organization"),
    "organization.kind": ("aina ya taasisi", "kind of organization"),
    "organization.acronym": ("kifupi cha taasisi", "acronym of the organization"),
    "organization.region": ("mkoa wa taasisi", "region of the organization"),
    "organization.country": ("nchi ya taasisi", "country of the organization"),
    "organization.url": ("tovuti ya taasisi", "website of the organization"),
    "organization.email": ("barua pepe ya taasisi", "e-mail of the organization"),
}
"""Names of attributes in explanations; any other attribute is shown by its name."""

_VALUE_ENUMS: Mapping[str, type[enum.Enum]] = {
    "organization.kind": OrganizationKind,
    "status": RegistrationStatus,
}
"""Attributes whose values are enumerations of the model, named by
:mod:`egov_events.enum_names`."""

_MARKS = {True: "✓", False: "✗", None: "?"}

_PHRASES: Mapping[str, Mapping[str, str]] = {
    "sw": {
        "yes": "Anastahili",
        "no": "Hastahili",
        "basis": "Msingi",
        "all": "yote yafuatayo",
        "any": "mojawapo ya yafuatayo",
        "not": "si kweli kwamba",
        "role+": "ana cheo {r}",
        "role-": "cheo {r} hakimo katika vyeo vyake ({seen})",
        "role?": "hakuna vyeo vilivyorekodiwa (cheo {r} hakijulikani)",
        "registered+": "amesajiliwa katika {g}",
        "registered-": "hajasajiliwa katika {g}",
        "group+": "anastahili {g}",
        "group-": "hastahili {g}",
        "group?": "haijulikani kama anastahili {g}",
        "value+": "{a}: {v} ni mojawapo ya {vs}",
        "value-": "{a}: {v} si mojawapo ya {vs}",
        "value?": "{a}: haijulikani (inatakiwa mojawapo ya {vs})",
        "negated": " (sharti linataka kinyume)",
        "none": "hakuna",
    },
    "en": {
        "yes": "Eligible",
        "no": "Not eligible",
        "basis": "Basis",
        "all": "all of the following",
        "any": "any of the following",
        "not": "not",
        "role+": "holds the role {r}",
        "role-": "the role {r} is not among their roles ({seen})",
        "role?": "no roles are recorded (the role {r} is unknown)",
        "registered+": "is registered in {g}",
        "registered-": "is not registered in {g}",
        "group+": "is eligible for {g}",
        "group-": "is not eligible for {g}",
        "group?": "not known whether eligible for {g}",
        "value+": "{a}: {v} is one of {vs}",
        "value-": "{a}: {v} is not one of {vs}",
        "value?": "{a}: not known (one of {vs} is asked for)",
        "negated": " (the rule asks for the opposite)",
        "none": "none",
    },
}
_STATE = {True: "+", False: "-", None: "?"}


class _Renderer:
    def __init__(self, event: Event | None, lang: str, participant: str) -> None:
        self.event = event
        self.lang = lang
        self.words = _PHRASES[lang]
        self.organization = ""  # the participant's, named by organization attributes
        found = None if event is None else _find(event.participant, participant)
        if found is not None:
            self.organization = found.organization

    def name(self, what: str, ident: str) -> str:
        text: LocalizedText | None = None
        if self.event is not None:
            found = _find(getattr(self.event, what), ident)
            if found is not None:
                text = found.name
        return repr(text.get(self.lang) if text is not None else ident)

    def value(self, attribute: str, value: str) -> str:
        kinds = _VALUE_ENUMS.get(attribute)
        if kinds is not None and value in {member.value for member in kinds}:
            return repr(enum_names.name(kinds(value), self.lang))
        if attribute in {"organization", "organization.id"}:
            return self.name("organization", value)
        return repr(value)

    def text(self, node: ExplanationNode, negated: bool = False) -> str:
        words, state = self.words, _STATE[node.held]
        if node.op in ("all", "any", "not"):
            out = words[node.op]
        elif node.op == "has_role":
            roles = node.seen if isinstance(node.seen, tuple) else ()
            seen = ", ".join(self.name("role", r) for r in roles) or words["none"]
            out = words["role" + state].format(r=self.name("role", node.subject), seen=seen)
        elif node.op == "in_group":
            kind = "group" if node.children else "registered"
            out = words[kind + state].format(g=self.name("group", node.subject))
        else:
            attribute = node.subject
            shown = _ATTRIBUTE_NAMES.get(attribute, ("", ""))[0 if self.lang == "sw" else 1]
            shown = shown or attribute
            if attribute.startswith("organization.") and self.event is not None:
                shown = f"{shown} ({self.name('organization', self.organization)})"
            vs = ", ".join(self.value(attribute, v) for v in node.expected)
            v = "" if not isinstance(node.seen, str) else self.value(attribute, node.seen)
            out = words["value" + state].format(a=shown, v=v, vs=vs)
        if node.label is not None:
            out += f": {node.label.get(self.lang)}"
        if negated and node.held is not None:
            out += words["negated"]
        return out

    def run(self, explanation: Explanation) -> str:
        words = self.words
        reasons = "; ".join(
            self.text(leaf, self.negated(explanation, leaf)) for leaf in explanation.deciding()
        )
        head = words["yes" if explanation.eligible else "no"]
        if explanation.rule.label is not None:
            head += f" ({explanation.rule.label.get(self.lang)})"
        lines = [f"{head}: {reasons}"]
        lines.extend(self.tree(explanation.rule, 1, negated=False))
        bases = self.bases(explanation.rule)
        lines.extend(f"{words['basis']}: {basis}" for basis in bases)
        return "\n".join(lines)

    def negated(self, explanation: Explanation, leaf: ExplanationNode) -> bool:
        return self._polarity(explanation.rule, leaf, False) is True

    def _polarity(self, node: ExplanationNode, leaf: ExplanationNode, negated: bool) -> bool | None:
        if node is leaf:
            return negated
        for child in node.children:
            found = self._polarity(child, leaf, negated != (node.op == "not"))
            if found is not None:
                return found
        return None

    def tree(self, node: ExplanationNode, depth: int, *, negated: bool) -> list[str]:
        lines = [f"{'  ' * depth}{_MARKS[node.held]} {self.text(node)}"]
        for child in node.children:
            lines.extend(self.tree(child, depth + 1, negated=negated != (node.op == "not")))
        return lines

    def bases(self, node: ExplanationNode) -> list[str]:
        found: list[str] = []
        pending = [node]
        while pending:
            current = pending.pop(0)
            if current.basis is not None:
                text = current.basis.get(self.lang)
                if text not in found:
                    found.append(text)
            pending.extend(current.children)
        return found
