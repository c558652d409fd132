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
from datetime import date, datetime
from json.encoder import encode_basestring as encode_string
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.fns import identity

__all__ = ["DocumentWriter", "Layout", "TextWriter"]

MEMO_LIMIT: Final = 1 << 14
"""How many values each memo of a writer keeps; a full memo starts again empty."""

Hook = Callable[[Any], Any]
Write = Callable[[Any, str, dict[Any, str]], str]
"""A text writer: ``write(value, pad, memo)``."""


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

    def generated(self, t: Any) -> bool:
        return (
            isinstance(t, type)
            and attrs.has(t)
            and t not in self.own_hooks
            and not self.leave(t)
            and all(a.init for a in attrs.fields(t))
        )

    def hook(self, t: Any) -> Hook:
        """How a value of type *t* is written, as one call."""
        if self.generated(t):
            return self.writer(t)
        return self.converter.get_unstructure_hook(t)

    def _generate(self, cls: type) -> Hook:
        if not self.generated(cls):
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
                sets = self.sorted_sets(get_args(t)[0])
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
        hook = self.hook(t)
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

    def sorted_sets(self, item_type: Any) -> SortedSets:
        hook = self.hook(item_type)
        sets = self.sets.get(hook)
        if sets is None:
            sets = self.sets[hook] = SortedSets(hook, self.new_memo())
        return sets


class Layout:
    """How JSON text is laid out: compact, or indented by two spaces.

    Text is written as the JSON libraries write it (``_json.encode``):
    compact with ``,`` and ``:`` and no spaces; indented with each item on
    a line of its own, ``": "`` after a key, and ``[]`` or ``{}`` for an
    empty array or object. A *pad* is what starts the line of a value: a
    newline and its indentation (nothing at all when compact).
    """

    def __init__(self, *, compact: bool) -> None:
        self.compact = compact
        self.step = "" if compact else "  "
        self.colon = ":" if compact else ": "
        self.top = "" if compact else "\n"

    def join(self, items: list[str], pad: str, opening: str, closing: str) -> str:
        """*items* (texts, a list the caller gives up) as one array or object on a line at *pad*.

        The brackets go onto the first and last items, so that the one
        long text is made once.
        """
        if not items:
            return opening + closing
        inner = pad + self.step
        items[0] = opening + inner + items[0]
        items[-1] = items[-1] + pad + closing if not self.compact else items[-1] + closing
        return ("," + inner).join(items)


class TextWriter:
    """Per-class functions that write JSON text directly, for one converter and layout.

    :func:`~egov_events.serialization.dumps` writes an event without the
    tree of JSON values in between: a function per class, generated on
    first use, puts the text of each field into one string, with the
    work its type makes known done inline (a text escaped, a number or an
    enumeration value written, a set sorted once). Whatever has no inline
    form (rules, mappings, a value of an unexpected type) is turned into its
    JSON value by the converter and written by the JSON library, so the text
    is the one the library would write for the converter's document, byte for
    byte (tests compare the two).

    The texts of runs of fields whose values recur (a participant's roles,
    groups, status and days) are kept in a *memo* that belongs to one call of
    :meth:`write`. Objects that hold other objects are built as values by
    *values* (the converter's :class:`DocumentWriter`) and written by the
    JSON library.
    """

    def __init__(
        self,
        values: DocumentWriter,
        *,
        compact: bool,
        encode: Callable[[Any], str],
        verbatim: Callable[[attrs.Attribute[Any]], bool],
    ) -> None:
        """Write as *values* builds; *encode* writes a JSON value as text, without a newline.

        *verbatim* says which text fields hold only characters that JSON
        writes as they are (identifiers, checked when an object is made),
        which are written without a look at each character.
        """
        self.values = values
        self.layout = Layout(compact=compact)
        self.encode = encode
        self.verbatim = verbatim
        self.writers: dict[type, tuple[Write, Write]] = {}
        self.sets: dict[Any, Callable[[Any, str], str]] = {}
        self.roots: dict[tuple[type, tuple[str, str]], Write] = {}

    def write(self, value: Any, first: tuple[str, str]) -> str:
        """The JSON document of the attrs object *value*, ending with a newline.

        Its first member is *first* (a key and the JSON text of its value).
        """
        cls = type(value)
        root = self.roots.get((cls, first))
        if root is None:
            if not self.values.generated(cls):
                msg = f"cannot write a {cls.__name__} as a document"
                raise TypeError(msg)
            root = self.roots[cls, first] = self._generate(cls, first)[0]
        return root(value, self.layout.top, {})

    def plain(self, value: Any, pad: str) -> str:
        """The text of a plain JSON value (as the converter gives it) on a line starting *pad*."""
        cls = value.__class__
        if cls is str:
            return encode_string(value)
        if cls is float and value - value == 0:  # finite: written as repr writes it
            return float.__repr__(value)
        if cls is dict:  # a localized text, say: text to text
            colon = self.layout.colon
            try:
                items = [encode_string(k) + colon + encode_string(v) for k, v in value.items()]
            except TypeError:  # not all text
                pass
            else:
                return self.layout.join(items, pad, "{", "}")
        text = self.encode(value)
        return text if self.layout.compact else text.replace("\n", pad)

    def writer(self, cls: type) -> Write:
        """The function that writes an object of *cls*: ``write(obj, pad, memo)``."""
        return self._writers(cls)[0]

    def list_writer(self, cls: type) -> Write:
        """The function that writes a sequence of objects of *cls* as an array."""
        return self._writers(cls)[1]

    def _writers(self, cls: type) -> tuple[Write, Write]:
        found = self.writers.get(cls)
        if found is None:
            found = self.writers[cls] = self._generate(cls)
        return found

    def flat(self, t: Any) -> bool:
        """Whether objects of *t* are written here field by field (else as the converter's value).

        They are the classes whose fields hold no other objects: texts,
        numbers, enumeration members, dates, times, sets and tuples of them.
        """
        if not self.values.generated(t):
            return False
        attrs.resolve_types(t)
        return all(self._leaf(a.type) for a in attrs.fields(t))

    def _leaf(self, t: Any) -> bool:
        inner = _optional_inner(t)
        if inner is not None:
            t = inner
        args = get_args(t)
        if get_origin(t) is frozenset or (
            get_origin(t) is tuple and len(args) == 2 and args[1] is ...
        ):
            return self._leaf(args[0])
        if get_origin(t) is not None or not isinstance(t, type):
            return False
        return not attrs.has(t) or t in self.values.own_hooks

    def _generate(self, cls: type, first: tuple[str, str] | None = None) -> tuple[Write, Write]:
        """Generate the writers of *cls*: of one object, and of a sequence of them.

        A document's (with *first*) ends with a newline.
        """
        attrs.resolve_types(cls)
        names: dict[str, Any] = {"datetime": datetime, "e": encode_string, "P": self.plain}
        counter = iter(range(1 << 30))

        def name(value: Any) -> str:
            key = f"n{len(names)}"
            names[key] = value
            return key

        def fresh(prefix: str) -> str:
            return f"{prefix}{next(counter)}"

        layout = self.layout
        pad = "" if layout.compact else "{i}"
        body: list[str] = []
        members: list[str] = []
        if first is not None:
            members.append(pad + _braces(encode_string(first[0]) + layout.colon + first[1]))
        # Runs of fields whose values recur (sets, enumeration members,
        # dates): see _run.
        run: list[tuple[attrs.Attribute[Any], str, str, str]] = []
        for field in attrs.fields(cls):
            var = fresh("v")
            body.append(f"    {var} = o.{field.name}")
            key = self._key(field.type, var)
            text = self._text(field.type, var, "i", name, fresh)
            if key is not None:
                run.append((field, var, key, text))
                continue
            members += self._run(run, body, name, fresh)
            if field.type is str and self.verbatim(field):
                members.append(self._member(field.name, var, quoted=True))
                continue
            out = fresh("t")
            body.append(f"    {out} = {text}")
            members.append(self._member(field.name, out))
        members += self._run(run, body, name, fresh)
        newline = "\\n" if first is not None else ""

        def returned(close: str) -> str:
            pad = "" if layout.compact else "{" + close + "}"
            return "f'{{" + ",".join(members) + pad + "}}" + newline + "'" if members else "'{}'"

        step = repr(layout.step)
        source = "\n".join(
            [
                "def write(o, n, m):",
                f"    i = n + {step}",
                *body,
                f"    return {returned('n')}",
                "def write_all(items, n, m):",
                f"    q = n + {step}",
                f"    i = q + {step}",
                "    out = []",
                "    add = out.append",
                "    for o in items:",
                *("    " + line for line in body),
                f"        add({returned('q')})",
                f"    return {name(layout.join)}(out, n, '[', ']')",
                "",
            ]
        )
        filename = f"<egov_events text writer {cls.__module__}.{cls.__qualname__}>"
        exec(compile(source, filename, "exec"), names)  # noqa: S102 (source built above)
        return names["write"], names["write_all"]

    def _run(
        self,
        run: list[tuple[attrs.Attribute[Any], str, str, str]],
        body: list[str],
        name: Callable[[Any], str],
        fresh: Callable[[str], str],
    ) -> list[str]:
        """Write a run of fields (field, variable, key, text); empty it.

        A run with a set in it is written once per distinct run of values in a
        call, and kept in the call's memo; the others are written each time.
        Adds to *body* and gives the members of the object's f-string.
        """
        sets = [
            var
            for f, var, _, _ in run
            if get_origin(_optional_inner(f.type) or f.type) is frozenset
        ]
        if not sets:
            # Enumeration members and dates alone are written faster than looked up.
            members = []
            for field, _, _, member in run:
                text = fresh("t")
                body.append(f"    {text} = {member}")
                members.append(self._member(field.name, text))
            run.clear()
            return members
        segment, tag = fresh("s"), name(object())
        keys = ", ".join(key for _, _, key, _ in run)
        check = " and ".join(f"{var}.__class__ is frozenset" for var in sets)
        body.append(f"    k = ({tag}, i, {keys}) if {check} else None")
        body.append(f"    {segment} = None if k is None else m.get(k)")
        body.append(f"    if {segment} is None:")
        inside = []
        for field, _, _, member in run:
            text = fresh("t")
            body.append(f"        {text} = {member}")
            inside.append(self._member(field.name, text))
        body.append(f"        {segment} = f'{','.join(inside)}'")
        body.append("        if k is not None:")
        body.append(f"            m[k] = {segment}")
        run.clear()
        return ["{" + segment + "}"]

    def _member(self, key: str, text: str, *, quoted: bool = False) -> str:
        """One member of an object in an f-string: the key and the variable *text*.

        *quoted*: the variable holds text written as it is, between quotes.
        """
        pad = "" if self.layout.compact else "{i}"
        value = '"{' + text + '}"' if quoted else "{" + text + "}"
        return pad + _braces(encode_string(key) + self.layout.colon) + value

    def _key(self, t: Any, var: str) -> str | None:
        """What stands for the value of type *t* in *var* in a memo's key; ``None``: not kept."""
        inner = _optional_inner(t)
        kind = t if inner is None else inner
        if get_origin(kind) is frozenset or kind is date:
            return var
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            value = f"{var}._value_"
            return value if inner is None else f"(None if {var} is None else {value})"
        return None

    def _text(
        self, t: Any, var: str, pad: str, name: Callable[[Any], str], fresh: Callable[[str], str]
    ) -> str:
        """Python that gives the JSON text of the value of type *t* held in *var*.

        The value's line starts with the pad held in the variable *pad*;
        ``m`` is the memo of the call.
        """
        inner = _optional_inner(t)
        if inner is not None:
            return f'("null" if {var} is None else {self._text(inner, var, pad, name, fresh)})'
        hook = self.values.hook(t)
        if hook is identity:
            # Text and integers inline; anything else as the JSON library writes it.
            write, kind = {str: ("e", "str"), int: ("str", "int")}.get(t, ("", ""))
            other = f"P({var}, {pad})"
            return f"({write}({var}) if {var}.__class__ is {kind} else {other})" if kind else other
        if isinstance(t, type) and issubclass(t, enum.Enum):
            w = fresh("w")
            return f"(e({w}) if ({w} := {var}._value_).__class__ is str else P({w}, {pad}))"
        written, fill = self.values.datetimes
        if hook == fill:
            known = name(written.get)
            return (
                f"e(({known}(({var}, {var}.tzinfo, {var}.fold)) if {var}.__class__ is datetime "
                f"else None) or {name(hook)}({var}))"
            )
        if t is float:
            return (
                f"(float.__repr__({var}) if {var}.__class__ is float and {var} - {var} == 0 "
                f"else P({name(hook)}({var}), {pad}))"
            )
        return self._container(t, var, pad, name, fresh) or f"P({name(hook)}({var}), {pad})"

    def _container(
        self, t: Any, var: str, pad: str, name: Callable[[Any], str], fresh: Callable[[str], str]
    ) -> str | None:
        """As :meth:`_text` for a set, a tuple or an object written here; else ``None``."""
        if get_origin(t) is frozenset:
            write_set = name(self._set_writer(get_args(t)[0]))
            return f"{write_set}({var}, {pad})"
        args = get_args(t)
        if get_origin(t) is tuple and len(args) == 2 and args[1] is ...:
            if self.flat(args[0]):
                return f"{name(self.list_writer(args[0]))}({var}, {pad}, m)"
            if self.values.generated(args[0]):
                return f"P([{name(self.values.writer(args[0]))}(x) for x in {var}], {pad})"
            x, q = fresh("x"), fresh("q")
            item = self._text(args[0], x, q, name, fresh)
            items = f"[{item} for {q} in ({pad} + {self.layout.step!r},) for {x} in {var}]"
            return f"{name(self.layout.join)}({items}, {pad}, '[', ']')"
        if self.flat(t):
            return f"{name(self.writer(t))}({var}, {pad}, m)"
        return None

    def _set_writer(self, item_type: Any) -> Callable[[Any, str], str]:
        """The function that writes a set of *item_type*, sorted."""
        found = self.sets.get(item_type)
        if found is not None:
            return found
        sets = self.values.sorted_sets(item_type)
        plain, join, step = self.plain, self.layout.join, self.layout.step

        def write_set(value: Any, pad: str) -> str:
            items = sets.known.get(value) if value.__class__ is frozenset else None
            if items is None:
                items = sets.fill(value)
            return join([plain(x, pad + step) for x in items], pad, "[", "]")

        found = self.sets[item_type] = write_set
        return found


def _braces(text: str) -> str:
    """*text* as it stands in an f-string: braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")
