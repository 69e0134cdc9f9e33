"""The registry of named catalog instances.

Instances are registered as factories and built on first use, because some
(sympy function semirings) take a moment to construct.  Names are what the
command line and replay snippets use.

Main names: :func:`register`, :func:`get`, :func:`names`,
:class:`UnknownInstanceError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from diffalg.structures.structure import DifferentialSemiring

Factory = Callable[[], DifferentialSemiring[Any]]

_FACTORIES: dict[str, Factory] = {}
_SUMMARIES: dict[str, str] = {}
_BUILT: dict[str, DifferentialSemiring[Any]] = {}


class UnknownInstanceError(KeyError):
    """No instance is registered under the requested name."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(name: str, summary: str) -> Callable[[Factory], Factory]:
    """Register a factory under ``name``, with a one-line ``summary``.

    >>> @register("example-registered", "an example")
    ... def build() -> DifferentialSemiring[int]:
    ...     import operator
    ...     from diffalg.structures import Semiring
    ...     return DifferentialSemiring("example-registered",
    ...                                 Semiring("N", 0, 1, operator.add, operator.mul))
    >>> get("example-registered").semiring.name
    'N'
    >>> unregister("example-registered")
    """

    def decorate(factory: Factory) -> Factory:
        if name in _FACTORIES:
            raise ValueError(f"instance {name!r} is already registered: "
                             "choose another name")
        _FACTORIES[name] = factory
        _SUMMARIES[name] = summary
        return factory

    return decorate


def unregister(name: str) -> None:
    """Remove ``name`` from the registry (for tests and notebooks)."""
    _FACTORIES.pop(name, None)
    _SUMMARIES.pop(name, None)
    _BUILT.pop(name, None)


def _load_catalog() -> None:
    from diffalg.instances import catalog  # noqa: F401  (registers instances)


def get(name: str) -> DifferentialSemiring[Any]:
    """Return the instance registered as ``name``, building it once.

    >>> get("boolean-identity").name
    'boolean-identity'
    >>> get("boolean-identiy")
    Traceback (most recent call last):
    ...
    diffalg.instances.registry.UnknownInstanceError: unknown instance ...
    """
    _load_catalog()
    if name not in _FACTORIES:
        close = difflib.get_close_matches(name, list(_FACTORIES), n=3)
        hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
        raise UnknownInstanceError(f"unknown instance {name!r}; {hint}run "
                                   "'diffalg list' for all names")
    if name not in _BUILT:
        structure = _FACTORIES[name]()
        if structure.name != name:
            raise ValueError(f"factory for {name!r} built a structure named "
                             f"{structure.name!r}: the names must agree")
        _BUILT[name] = structure
    return _BUILT[name]


def names() -> list[str]:
    """Return the registered instance names in registration order.

    >>> "univariate" in names()
    True
    """
    _load_catalog()
    return list(_FACTORIES)


def summary(name: str) -> str:
    """Return the one-line summary of instance ``name``.

    >>> summary("F2[t]/(t^2)")
    'F₂[t]/(t²) with d/dt and substitution: a 4-element model of every law'
    """
    _load_catalog()
    if name not in _SUMMARIES:
        get(name)
    return _SUMMARIES[name]
