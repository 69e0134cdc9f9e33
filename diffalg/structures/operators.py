"""Derivations and composition operators.

A derivation of a semiring ``S`` is a map ``∂ : S → S`` with
``∂(a + b) = ∂a + ∂b`` and the Leibniz rule ``∂(a·b) = ∂a·b + a·∂b`` (in this
order, since ``·`` need not commute).  A composition ``∘′`` is an associative
binary operation with ``1 ∘′ f = 1``, ``0 ∘′ f = 0`` and, for each
derivation, the chain rule ``∂(a ∘′ b) = (∂a ∘′ b)·∂b``.  Both are plain
named callables here: whether they satisfy these laws is for the checker to
decide.

Main names: :class:`Derivation`, :class:`Composition`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Derivation(Generic[T]):
    """A named map ``S → S`` meant to be a derivation.

    ``name`` is the symbol used in law ids (``d_leibniz[dx]``) and must be a
    Python identifier.

    >>> dt = Derivation("dt", lambda p: p[1:] and tuple(i * c for i, c in
    ...                 enumerate(p) if i > 0))
    >>> dt((5, 0, 3))  # 5 + 3t² ↦ 6t
    (0, 6)
    """

    name: str
    apply: Callable[[T], T]
    description: str = ""

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(
                f"invalid derivation name {self.name!r}: use a Python "
                "identifier such as 'dx'"
            )

    def __call__(self, value: T) -> T:
        return self.apply(value)


@dataclass(frozen=True, eq=False)
class Composition(Generic[T]):
    """A binary operation ``∘′`` meant to satisfy the composition laws.

    >>> after = Composition(lambda a, b: a if a in (0, 1) else b)
    >>> after(1, 7), after.description
    (1, '')
    """

    apply: Callable[[T, T], T]
    description: str = ""

    def __call__(self, left: T, right: T) -> T:
        return self.apply(left, right)
