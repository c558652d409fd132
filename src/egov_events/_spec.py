"""The machinery of field descriptions: a :class:`Spec` per field, checked per object.

A model class declares each field with ``attrs.field(metadata=meta(spec))``;
:func:`validate` then asks every field's quick check, and only when one says
no, every field's full check, and raises every problem at once. The specs
themselves (ids, texts, dates, ...) are in :mod:`egov_events._fields`; this
module is below :mod:`egov_events.text`, which describes its one field with
it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import attrs

from egov_events.errors import PathPart, Problems

__all__ = [
    "SPEC",
    "Spec",
    "field_problems",
    "look_valid",
    "looks_valid",
    "meta",
    "validate",
]

Path = tuple[PathPart, ...]

SPEC: Final = "egov_events.spec"
"""The key of a field's :class:`Spec` in its attrs metadata."""


@attrs.frozen
class Spec:
    """How one field is checked: quickly (a yes is always right) and fully."""

    quick: Callable[[Any], bool]
    check: Callable[[Problems, Path, Any], object]


def meta(spec: Spec) -> dict[str, Spec]:
    """The attrs metadata of a field described by *spec*: ``attrs.field(metadata=meta(ID))``.

    (The field itself is declared with ``attrs.field``, so that type checkers
    see its converter's parameter type.)
    """
    return {SPEC: spec}


def _specs(cls: type) -> tuple[tuple[str, Spec], ...]:
    # Built once per class and kept on the class itself.
    found: tuple[tuple[str, Spec], ...] | None = cls.__dict__.get("__egov_specs__")
    if found is None:
        found = tuple((a.name, a.metadata[SPEC]) for a in attrs.fields(cls) if SPEC in a.metadata)
        type.__setattr__(cls, "__egov_specs__", found)
    return found


def _quick(cls: type) -> Callable[[object], bool]:
    # One function per class that asks each field's quick check in turn, as
    # a hand-written ``a(o.x) and b(o.y) and ...`` would (a model object is
    # built many times over); generated like attrs generates ``__init__``,
    # and kept on the class.
    found: Callable[[object], bool] | None = cls.__dict__.get("__egov_quick__")
    if found is None:
        specs = _specs(cls)
        checks = {f"quick_{i}": spec.quick for i, (_, spec) in enumerate(specs)}
        body = " and ".join(f"quick_{i}(obj.{name})" for i, (name, _) in enumerate(specs))
        source = f"def looks_valid(obj):\n    return {body or 'True'}\n"
        namespace: dict[str, Any] = dict(checks)
        exec(compile(source, f"<egov_events quick check of {cls.__qualname__}>", "exec"), namespace)  # noqa: S102
        found = namespace["looks_valid"]
        type.__setattr__(cls, "__egov_quick__", found)
    return found


def looks_valid(obj: object) -> bool:
    """Whether every field's quick check says yes."""
    return _quick(type(obj))(obj)


def look_valid(obj: object, *names: str) -> bool:
    """Whether the quick checks of the fields *names* of *obj* say yes.

    Cross-field checks read only fields that do.
    """
    specs = dict(_specs(type(obj)))
    return all(specs[name].quick(getattr(obj, name)) for name in names)


def field_problems(obj: object, problems: Problems) -> None:
    """Record every problem of every field of *obj*."""
    for name, spec in _specs(type(obj)):
        spec.check(problems, (name,), getattr(obj, name))


def validate(obj: object, more: Callable[[Problems], None] | None = None) -> None:
    """Check every field of *obj*, then *more* (cross-field checks); raise all problems at once.

    The problems are reported in the order of the fields they concern.
    """
    cls = type(obj)
    quick = cls.__dict__.get("__egov_quick__") or _quick(cls)
    fields_ok = quick(obj)
    if fields_ok and more is None:
        return
    problems = Problems()
    if not fields_ok:
        field_problems(obj, problems)
    if more is not None:
        more(problems)
        # In the order of the fields, each field's own problems first.
        order = {name: i for i, (name, _) in enumerate(_specs(type(obj)))}
        problems.found.sort(key=lambda p: order.get(str(p.path[0]), len(order)) if p.path else -1)
    problems.raise_if_any()
