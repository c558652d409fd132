"""Events to JSON values that are only written: one function per class, generated once.

:func:`~egov_events.serialization.dumps` and ``dump`` turn an event into
JSON text and hand nobody the values in between. For them a
:class:`DocumentWriter` generates, once per converter and class, a function
that builds the class's object the way the converter's own hooks would,
with the work the class's field types make known done inline: text, numbers
and ``None`` are taken as they are, an enumeration member gives its value,
a tuple of plain values is written as it is, and a set is looked up among
the sets already sorted (equal sets recur: the roles, groups and days of a
hundred thousand participants) without a call for each. What has no inline
form (texts in several languages, mappings, rules, datetimes) goes through
the converter's hook for its type.

The JSON is the converter's, byte for byte; only the values in between
differ (shared tuples where the converter gives each caller a list of its
own), which is why the values are never handed out.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.fns import identity

__all__ = ["DocumentWriter"]

MEMO_LIMIT: Final = 1 << 14
"""How many values each memo of a writer keeps; a full memo starts again empty."""

Hook = Callable[[Any], Any]


class SortedSets:
    """The sorted items of each set seen, for one kind of item, as shared tuples."""

    def __init__(self, hook: Hook, known: dict[frozenset[Any], tuple[Any, ...]]) -> None:
        self.hook = hook
        self.known = known

    def fill(self, value: Any) -> Any:
        """Sort *value* (and keep it, if it is a frozenset)."""
        if type(value) is not frozenset:
            return sorted(map(self.hook, value))
        result = tuple(sorted(map(self.hook, value)))
        if len(self.known) >= MEMO_LIMIT:
            self.known.clear()
        self.known[value] = result
        return result


def _optional_inner(t: Any) -> Any:
    """``X`` of ``X | None``, else ``None``."""
    args = get_args(t)
    if get_origin(t) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return args[0] if args[1] is type(None) else args[1]
    return None


class DocumentWriter:
    """Per-class writing functions for one converter, generated on first use.

    *own_hooks* are the classes the converter writes with a hook of its own
    (not as attrs objects), *leave* says which attrs classes are left to the
    converter (rules: a tagged union). *datetimes* is the converter's memo of
    written datetimes (keyed by the datetime, its zone and its fold) with the
    hook that fills it; *new_memo* gives the memos of sorted sets, which the
    converter clears with its others.
    """

    def __init__(
        self,
        converter: cattrs.Converter,
        *,
        own_hooks: frozenset[type],
        leave: Callable[[type], bool],
        datetimes: tuple[dict[tuple[datetime, object, int], str], Hook],
        new_memo: Callable[[], dict[Any, Any]],
    ) -> None:
        self.converter = converter
        self.own_hooks = own_hooks
        self.leave = leave
        self.datetimes = datetimes
        self.new_memo = new_memo
        self.writers: dict[type, Hook] = {}
        self.sets: dict[Any, SortedSets] = {}

    def write(self, value: Any) -> Any:
        """The JSON value of the attrs object *value*, for writing only."""
        return self.writer(type(value))(value)

    def writer(self, cls: type) -> Hook:
        """The function that writes objects of *cls*."""
        found = self.writers.get(cls)
        if found is None:
            found = self.writers[cls] = self._generate(cls)
        return found

    def _generated(self, t: Any) -> bool:
        return (
            isinstance(t, type)
            and attrs.has(t)
            and t not in self.own_hooks
            and not self.leave(t)
            and all(a.init for a in attrs.fields(t))
        )

    def _hook(self, t: Any) -> Hook:
        """How a value of type *t* is written, as one call."""
        if self._generated(t):
            return self.writer(t)
        return self.converter.get_unstructure_hook(t)

    def _generate(self, cls: type) -> Hook:
        if not self._generated(cls):
            return self.converter.get_unstructure_hook(cls)
        attrs.resolve_types(cls)
        names: dict[str, Any] = {"datetime": datetime}

        def name(value: Any) -> str:
            """A name for *value* in the generated function's globals."""
            key = f"n{len(names)}"
            names[key] = value
            return key

        body: list[str] = []
        items: list[str] = []
        for i, field in enumerate(attrs.fields(cls)):
            get, var = f"o.{field.name}", f"v{i}"
            t = field.type
            inner = _optional_inner(t)
            if get_origin(t) is frozenset:
                sets = self._sorted_sets(get_args(t)[0])
                known, fill = name(sets.known.get), name(sets.fill)
                body += [
                    f"    {var} = {get}",
                    f"    s{i} = {known}({var}) if {var}.__class__ is frozenset else None",
                    f"    if s{i} is None:",
                    f"        s{i} = {fill}({var})",
                ]
                items.append(f"s{i}")
                continue
            value = self._expression(t if inner is None else inner, var, name)
            if value == var:
                items.append(get)
            elif inner is not None:
                items.append(f"(None if ({var} := {get}) is None else {value})")
            else:
                body.append(f"    {var} = {get}")
                items.append(value)
        keys = [repr(a.name) for a in attrs.fields(cls)]
        pairs = ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=True))
        source = "\n".join(["def write(o):", *body, f"    return {{{pairs}}}", ""])
        filename = f"<egov_events writer {cls.__module__}.{cls.__qualname__}>"
        exec(compile(source, filename, "exec"), names)  # noqa: S102 (source built above)
        function: Hook = names["write"]
        return function

    def _expression(self, t: Any, var: str, name: Callable[[Any], str]) -> str:
        """Python that writes the value of type *t* held in the variable *var*.

        It gives what the converter's hook for *t* gives, as JSON: the value
        itself where the hook is the identity, an enumeration member's value,
        a float (when orjson and the standard library write it alike, else
        the hook decides), a tuple or mapping item by item; else a call.
        """
        hook = self._hook(t)
        if hook is identity:
            return var
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return f"{var}._value_"
        written, fill = self.datetimes
        if hook == fill:
            known = name(written.get)
            return (
                f"(({known}(({var}, {var}.tzinfo, {var}.fold)) if {var}.__class__ is datetime "
                f"else None) or {name(hook)}({var}))"
            )
        if t is float:
            return (
                f"({var} if {var}.__class__ is float and 1e-4 <= {var} < 1e16 "
                f"else {name(hook)}({var}))"
            )
        return self._container(t, var, name) or f"{name(hook)}({var})"

    def _container(self, t: Any, var: str, name: Callable[[Any], str]) -> str | None:
        """As :meth:`_expression` for a tuple or a mapping, item by item; else ``None``."""
        args = get_args(t)
        if get_origin(t) is tuple and len(args) == 2 and args[1] is ...:
            item = self._expression(args[0], "x", name)
            # A tuple is written as an array, as the converter's list would be.
            return var if item == "x" else f"[{item} for x in {var}]"
        if get_origin(t) in (Mapping, dict) and len(args) == 2:
            key, item = self._expression(args[0], "k", name), self._expression(args[1], "x", name)
            return f"{{{key}: {item} for k, x in sorted({var}.items())}}"
        return None

    def _sorted_sets(self, item_type: Any) -> SortedSets:
        hook = self._hook(item_type)
        sets = self.sets.get(hook)
        if sets is None:
            sets = self.sets[hook] = SortedSets(hook, self.new_memo())
        return sets
