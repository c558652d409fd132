"""Public names that load their module on first use (PEP 562).

A package lists which module holds each lazy name and gets the module-level
``__getattr__`` and ``__dir__`` that load it, so that importing the package
stays cheap while every public name keeps working.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence


def lazy_names(
    package: str, where: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for *package*.

    *where* maps each lazy name to the module that holds it, relative to
    *package* (``"._check"``) or absolute; a name whose module is the name
    itself (``"examples": ".examples"``) is the module. The value is stored
    in the package on first use, so later lookups cost nothing.
    """
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:  # noqa: N807 (PEP 562 hook)
        module_name = where.get(name)
        if module_name is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        module = importlib.import_module(module_name, package)
        value: object = (
            module if module.__name__.rpartition(".")[2] == name else getattr(module, name)
        )
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807 (PEP 562 hook)
        return sorted({*namespace, *public})

    return __getattr__, __dir__
