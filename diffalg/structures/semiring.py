"""Semirings over an element type.

A semiring ``(S, +, ·, 0, 1)`` has ``(S, +, 0)`` a commutative monoid,
``(S, ·, 1)`` a monoid, ``·`` distributing over ``+`` on both sides and ``0``
annihilating on both sides.  ``·`` need not be commutative.

:class:`Semiring` stores the operations as plain callables together with
everything a law checker needs to decide laws on it: the equality of elements
(exact unless stated), a finite carrier when there is one, a Hypothesis
strategy for infinite carriers, small elements to try first as witnesses, and,
for symbolic carriers, generic elements on which an identity can be proved
for every element at once.

Main names: :class:`Semiring`, :class:`Tolerance`, :class:`Symbolic`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Binary = Callable[[T, T], T]
EqualityTest = Callable[[T, T], bool]


@dataclass(frozen=True)
class Tolerance:
    """Approximate equality of floats: ``|a - b| <= max(rel·max(|a|, |b|), abs)``.

    This relation is reflexive and symmetric but not transitive, so a law
    verified with it holds only up to the stated bounds.  NaN equals nothing,
    and an infinity equals only itself.

    >>> close = Tolerance(rel=1e-9, abs=1e-12)
    >>> close((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3))
    True
    >>> close(1.0, 1.001)
    False
    """

    rel: float = 1e-9
    abs: float = 1e-12

    def __call__(self, left: float, right: float) -> bool:
        return math.isclose(left, right, rel_tol=self.rel, abs_tol=self.abs)

    def describe(self) -> str:
        """Return the bounds as report text.

        >>> Tolerance(rel=1e-6, abs=0.0).describe()
        'tolerant (rel 1e-06, abs 0.0)'
        """
        return f"tolerant (rel {self.rel}, abs {self.abs})"


@dataclass(frozen=True)
class Symbolic(Generic[T]):
    """Generic elements of a symbolic carrier and a test that an element is zero.

    ``generic(name)`` returns an element standing for an arbitrary element
    (for sympy function semirings, an undefined function such as
    ``a(x, y, z)``).  An identity whose two sides agree on generic elements
    holds for every element.  ``difference(lhs, rhs)`` returns an element
    that is zero exactly when the sides agree, and ``is_zero`` decides it
    cheaply, returning ``None`` when it cannot.  ``simplify_zero`` is the
    expensive last resort.

    >>> import sympy
    >>> t = sympy.Symbol("t")
    >>> gen = Symbolic(generic=lambda name: sympy.Function(name)(t),
    ...                difference=lambda l, r: sympy.expand(l - r),
    ...                is_zero=lambda e: True if e == 0 else None)
    >>> gen.is_zero(gen.difference(gen.generic("a") * 2, 2 * gen.generic("a")))
    True
    """

    generic: Callable[[str], T]
    difference: Callable[[T, T], Any]
    is_zero: Callable[[Any], bool | None]
    simplify_zero: Callable[[Any], bool | None] | None = None


def _text(value: object) -> str:
    return str(value)


@dataclass(frozen=True, eq=False)
class Semiring(Generic[T]):
    """A semiring ``(S, +, ·, 0, 1)`` with the data needed to check its laws.

    ``elements`` lists a finite carrier, smallest elements first, so that an
    exhaustive search meets small witnesses first.  ``strategy`` draws
    elements of an infinite carrier for sampling.  ``candidates`` are small
    elements tried first when looking for a counterexample.  ``show`` renders
    an element as text and ``source`` as a Python literal that rebuilds it:
    either the element itself or a string that ``parse`` turns back into
    it.  ``neg`` is an additive inverse when the semiring is a ring.
    ``contains`` tests membership of the carrier.  The checker applies it to
    every value an operation returns, so an operation that leaves the
    carrier (a wrong type, NaN, an index out of range) gives an ``error``
    verdict instead of a misleading comparison.  A finite carrier defaults
    to membership in ``elements``.

    >>> booleans = Semiring("Boolean", False, True,
    ...                     add=lambda a, b: a or b, mul=lambda a, b: a and b,
    ...                     elements=(False, True))
    >>> booleans.add(True, False), booleans.mul(True, False)
    (True, False)
    >>> booleans.is_finite
    True
    """

    name: str
    zero: T
    one: T
    add: Binary[T]
    mul: Binary[T]
    equal: EqualityTest[T] = operator.eq
    equality: str = "exact"
    elements: Sequence[T] | None = None
    strategy: Any = None
    candidates: Sequence[T] = ()
    symbolic: Symbolic[T] | None = None
    neg: Callable[[T], T] | None = None
    show: Callable[[T], str] = _text
    source: Callable[[T], str] = repr
    parse: Callable[[str], T] | None = None
    contains: Callable[[Any], bool] | None = None
    description: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.elements is not None and len(self.elements) == 0:
            raise ValueError(f"semiring {self.name!r} has an empty carrier: "
                             "list at least one element")
        if self.contains is None and self.elements is not None:
            members = list(self.elements)
            try:
                lookup = set(members)
                object.__setattr__(self, "contains", lookup.__contains__)
            except TypeError:  # unhashable elements
                object.__setattr__(self, "contains", members.__contains__)

    @property
    def is_finite(self) -> bool:
        """Whether the carrier is listed in full.

        >>> Semiring("N", 0, 1, operator.add, operator.mul).is_finite
        False
        """
        return self.elements is not None

    def sum(self, values: Sequence[T]) -> T:
        """Add ``values`` left to right, starting from ``0``.

        >>> Semiring("N", 0, 1, operator.add, operator.mul).sum([1, 2, 3])
        6
        """
        total = self.zero
        for value in values:
            total = self.add(total, value)
        return total

    def product(self, values: Sequence[T]) -> T:
        """Multiply ``values`` left to right, starting from ``1``.

        >>> Semiring("N", 0, 1, operator.add, operator.mul).product([2, 3, 4])
        24
        """
        total = self.one
        for value in values:
            total = self.mul(total, value)
        return total
