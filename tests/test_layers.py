"""The package is layered: imports go downwards, never in a cycle, never into private names.

The test reads the source with :mod:`ast` (nothing is imported), so it sees
every import: at module level, inside functions, under ``TYPE_CHECKING``.
The table :data:`LAYERS` classifies every module; a module it does not know
is an error, so that a new module is placed in a layer on purpose. The same
table is explained in ``docs/explanation/layout.md``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

SRC = Path(__file__).parent.parent / "src"
PACKAGE = "egov_events"

DATA, MODEL, BEHAVIOUR, EDGES, TOP = range(5)
NAMES = ("data", "model", "behaviour", "edges", "top")

LAYERS: dict[str, int] = {
    # data: plain values and their vocabularies; no model, no behaviour.
    "egov_events._caches": DATA,
    "egov_events._checks": DATA,
    "egov_events._collector": DATA,
    "egov_events._fields": DATA,
    "egov_events._spec": DATA,
    "egov_events._files": DATA,
    "egov_events._lazy": DATA,
    "egov_events.conflicts": DATA,
    "egov_events.enum_names": DATA,
    "egov_events.enums": DATA,
    "egov_events.errors": DATA,
    "egov_events.locale": DATA,
    "egov_events.text": DATA,
    "egov_events.uids": DATA,
    "egov_events.vocabulary": DATA,
    # A facade package (FACADES) is classified by what it loads eagerly; its
    # lazy names are checked as imports of the modules that hold them.
    "egov_events.rules": DATA,
    "egov_events.rules._nodes": DATA,
    "egov_events.rules.attributes": DATA,
    "egov_events.rules.checking": DATA,
    "egov_events.submissions": DATA,
    "egov_events.submissions._model": DATA,
    # model: the event and its parts, and the checks that need the whole event.
    "egov_events.model": MODEL,
    # behaviour: what is done with the model.
    "egov_events.rules._check": BEHAVIOUR,
    "egov_events.rules._explain": BEHAVIOUR,
    "egov_events.rules._ibis": BEHAVIOUR,
    "egov_events.rules._members": BEHAVIOUR,
    "egov_events.rules._plan": BEHAVIOUR,
    "egov_events.rules._polars": BEHAVIOUR,
    "egov_events.submissions._lifecycle": BEHAVIOUR,
    "egov_events.submissions._reviews": BEHAVIOUR,
    "egov_events.submissions._selection": BEHAVIOUR,
    # revisions spans layers: diff, revise and the replies work on the model;
    # outbox writes the calendars and e-mails it sends, an edge.
    "egov_events.revisions": BEHAVIOUR,
    "egov_events.revisions._changes": BEHAVIOUR,
    "egov_events.revisions._diff": BEHAVIOUR,
    "egov_events.revisions._sequences": BEHAVIOUR,
    "egov_events.revisions._replies": BEHAVIOUR,
    "egov_events.revisions._outbox": EDGES,
    # edges: formats, reports and the command line read the model.
    "egov_events.analysis": EDGES,
    "egov_events.cli": EDGES,
    "egov_events.ical": EDGES,
    "egov_events.interchange": EDGES,
    "egov_events.registrations": EDGES,
    "egov_events.serialization": EDGES,
    "egov_events.site": EDGES,
    "egov_events.summary": EDGES,
    # The bundled 2019 workshop, read with the JSON edge (the CLI's default event).
    "egov_events.examples": EDGES,
    # top: the public facade and ``python -m egov_events``.
    "egov_events": TOP,
    "egov_events.__main__": TOP,
}
"""Each module's layer, by the longest entry that is the module or a package holding it."""

FACADES = frozenset(
    {"egov_events", "egov_events.revisions", "egov_events.rules", "egov_events.submissions"}
)
"""Packages whose modules span layers: their entry is the facade's alone, and
each of their modules needs an entry of its own."""


def layer_of(module: str) -> int:
    """The layer of *module*; an unknown one fails with what to do."""
    if module in LAYERS:
        return LAYERS[module]
    parts = module.split(".")
    for n in range(len(parts) - 1, 1, -1):
        package = ".".join(parts[:n])
        if package in LAYERS and package not in FACADES:
            return LAYERS[package]
    msg = (
        f"module {module} is in no layer: add it to LAYERS in tests/test_layers.py "
        "(and to the table in docs/explanation/layout.md)"
    )
    raise AssertionError(msg)


@attrs.frozen
class Import:
    """One import statement's target, as found in the source."""

    importer: str
    target: str
    """The module that holds what is imported (through a facade's lazy names)."""
    line: int
    in_function: bool
    type_checking: bool
    names: tuple[str, ...] = ()
    via: str = ""
    """The module the statement names, if not the target (a facade)."""


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _is_type_checking(test: ast.expr) -> bool:
    return "TYPE_CHECKING" in ast.unparse(test)


def _absolute(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if not is_package(importer):
        base = base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def lazy_names(package: str) -> dict[str, str]:
    """The lazy names of a facade: those it imports under ``if TYPE_CHECKING:``."""
    found: dict[str, str] = {}
    tree = ast.parse(MODULES[package].read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                if isinstance(child, ast.ImportFrom):
                    for alias in child.names:
                        found[alias.asname or alias.name] = _absolute(package, child)
    return found


def imports(module: str) -> Iterator[Import]:
    """Every import of a module of the package in *module*, resolved to modules."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            function = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            checking = type_checking or (
                isinstance(child, ast.If) and _is_type_checking(child.test)
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == PACKAGE:
                        yield Import(module, alias.name, child.lineno, function, checking)
            elif isinstance(child, ast.ImportFrom):
                base = _absolute(module, child)
                if base.split(".")[0] != PACKAGE:
                    continue
                for alias in child.names:
                    name = alias.name
                    if f"{base}.{name}" in MODULES:
                        target = f"{base}.{name}"
                    elif base in MODULES and is_package(base) and name in lazy_names(base):
                        target = lazy_names(base)[name]
                    else:
                        target = base
                    yield Import(module, target, child.lineno, function, checking, (name,), base)
            else:
                yield from visit(child, function, checking)

    yield from visit(tree, False, False)


def edges() -> list[Import]:
    """Every import between modules of the package, with the packages they run implicitly.

    Importing ``a.b.c`` runs ``a/b/__init__.py`` first, so an import from
    outside a subpackage also depends on the subpackage's facade (the root
    facade is left out: everything runs it first).
    """
    found = []
    for module in MODULES:
        for imp in imports(module):
            if is_package(module) and imp.type_checking and imp.target.startswith(module + "."):
                continue  # a facade's lazy name: checked where it is imported
            found.append(imp)
            parts = imp.target.split(".")
            for n in range(2, len(parts)):
                package = ".".join(parts[:n])
                if not module.startswith(package + ".") and module != package:
                    found.append(attrs.evolve(imp, target=package, names=(), via=""))
    return found


EDGES_FOUND = edges()


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_an_unknown_module_is_an_error_naming_the_table() -> None:
    with pytest.raises(AssertionError, match=r"add it to LAYERS in tests/test_layers\.py"):
        layer_of("egov_events.newthing")
    with pytest.raises(AssertionError, match="is in no layer"):
        layer_of("egov_events.newthing.part")
    with pytest.raises(AssertionError, match="is in no layer"):
        layer_of("egov_events.rules._sql")  # rules/ spans layers: each module is listed
    assert EDGES == layer_of("egov_events.interchange.c3voc")


def test_imports_only_go_downwards() -> None:
    upward = dict.fromkeys(
        f"{e.importer} ({NAMES[layer_of(e.importer)]}) imports {e.target} "
        f"({NAMES[layer_of(e.target)]}) at line {e.line}"
        for e in EDGES_FOUND
        if layer_of(e.target) > layer_of(e.importer)
    )
    assert [] == list(upward), "\n".join(upward)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return found


def runtime_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for e in EDGES_FOUND:
        if not e.type_checking and e.target != e.importer:
            graph.setdefault(e.importer, set()).add(e.target)
    return graph


def test_no_import_cycle() -> None:
    found = cycles(runtime_graph())
    assert [] == found, "\n".join(map(str, found))


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [["a", "b", "c"]] == cycles(graph)


REASON = re.compile(r"#.*\b(optional|lazy|laziness)\b", re.IGNORECASE)


def test_function_level_imports_say_why() -> None:
    """Only optional extras and laziness justify an import inside a function."""
    unexplained = []
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and not REASON.search(
                    lines[inner.lineno - 1]
                ):
                    unexplained.append(f"{module}:{inner.lineno}: {lines[inner.lineno - 1]}")
    assert [] == unexplained, "\n".join(unexplained)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_imports_another_modules_private_names() -> None:
    """``_name`` stays in its module; ``pkg._module`` is imported only from inside ``pkg``."""
    found: list[str] = []
    for e in EDGES_FOUND:
        parts = (e.via or e.target).split(".")
        for n in range(1, len(parts)):
            owner = ".".join(parts[:n])
            inside = e.importer == owner or e.importer.startswith(owner + ".")
            if _private(parts[n]) and not inside:
                found.append(f"{e.importer}:{e.line} imports {e.target}")
        for name in e.names:
            if _private(name) and not e.target.endswith("." + name):
                found.append(f"{e.importer}:{e.line} imports {name} from {e.via or e.target}")
    found = list(dict.fromkeys(found))
    assert [] == found, "\n".join(found)


SELF = {"self", "cls", "mcs"}


def test_no_module_reads_another_objects_private_attributes() -> None:
    """``obj._name`` only on ``self``/``cls``: what crosses a boundary has a public name."""
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and not (isinstance(node.value, ast.Name) and node.value.id in SELF)
            ):
                found.append(f"{module}:{node.lineno}: {ast.unparse(node)}")
    assert [] == found, "\n".join(found)
