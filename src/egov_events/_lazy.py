"""Public names of a package, each written once, the costly ones loaded on first use (PEP 562).

A facade package (``egov_events``, ``egov_events.rules``, ...) writes each
public name once, as an explicit re-export:

- ``from egov_events.model import Event as Event``: loaded with the package;
- the same under ``if TYPE_CHECKING:``: loaded on first use.

Type checkers read those imports as they are. At run time the package calls
:func:`lazy_names` in the ``else:`` branch, which reads the same statements
from the package's source when a name is first missed, and provides
``__getattr__`` (loading a lazy name's module, then keeping the value in the
package), ``__dir__`` (the public names only) and ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def _absolute(package: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    import importlib.util  # noqa: PLC0415 (lazy: only a relative import needs it, on first miss)

    return importlib.util.resolve_name("." * node.level + (node.module or ""), package)


def _order(name: str) -> tuple[int, str]:
    """Constants, then classes, then the rest, each alphabetically (as ruff sorts ``__all__``)."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2), name


class _Names:
    """The public names of one package, read from its source on first need."""

    def __init__(self, package: str, defined: tuple[str, ...]) -> None:
        self.package = package
        self.defined = defined
        self.lazy: dict[str, str] = {}
        self.public: list[str] = []
        self.read = False

    def load(self) -> None:
        if self.read:
            return
        spec = sys.modules[self.package].__spec__
        source = spec.loader.get_source(self.package) if spec and spec.loader else None  # type: ignore[attr-defined]
        if source is None:
            msg = f"cannot read the source of {self.package} to find its public names"
            raise ImportError(msg)
        eager: list[str] = []
        for node in ast.parse(source).body:
            if isinstance(node, ast.ImportFrom):
                eager.extend(a.name for a in node.names if a.asname == a.name)
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                for child in node.body:
                    if isinstance(child, ast.ImportFrom):
                        where = _absolute(self.package, child)
                        for alias in child.names:
                            self.lazy[alias.asname or alias.name] = where
        self.public = sorted({*eager, *self.lazy, *self.defined}, key=_order)
        self.read = True

    def get(self, name: str) -> object:
        self.load()
        namespace = sys.modules[self.package].__dict__
        if name == "__all__":
            value: object = list(self.public)
        elif name in self.lazy:
            where = self.lazy[name]
            if where == self.package:  # a submodule: ``from . import examples as examples``
                value = importlib.import_module(f"{where}.{name}")
            else:
                value = getattr(importlib.import_module(where), name)
        else:
            msg = f"module {self.package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        namespace[name] = value
        return value

    def names(self) -> list[str]:
        self.load()
        return list(self.public)


def lazy_names(
    package: str, *defined: str
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for the facade *package*.

    *defined* are public names the package defines itself (``__version__``).
    ``__all__`` is given by ``__getattr__`` too, so ``from package import *``
    and documentation tools see the public names.
    """
    names = _Names(package, defined)
    return names.get, names.names
