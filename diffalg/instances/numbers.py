"""Number semirings: ``N``, ``Z``, ``Q`` and two views of floating point.

Hypotheses, instance by instance:

- ``naturals``: ``(N, +, ·, 0, 1)``.  An additive map ``∂`` on ``N`` is
  ``n ↦ n·∂1``, and Leibniz at ``1·1`` gives ``∂1 = 2·∂1``, so ``∂1 = 0``:
  the zero map is the only derivation.
- ``integers`` and ``rationals``: the same argument gives ``∂n = 0`` on
  ``Z``, and ``0 = ∂(q·(1/q)) = ∂q·(1/q)`` gives ``∂q = 0`` on ``Q``.  Only
  the zero derivation exists, so these instances carry only that one.
- ``naturals-arithmetic``: ``N`` with the arithmetic derivative
  (``p′ = 1`` for primes, extended by Leibniz).  It obeys Leibniz but is not
  additive (``(2 + 2)′ = 4 ≠ 2′ + 2′``), which is why it does not contradict
  the uniqueness above.
- ``floats-exact``: IEEE 754 doubles with ``==``.  Rounding breaks
  associativity and distributivity, for example
  ``(0.1 + 0.2) + 0.3 ≠ 0.1 + (0.2 + 0.3)``: declared as known failures.
- ``floats-tolerant``: doubles of magnitude at most :data:`FLOAT_BOUND`
  compared with :data:`FLOAT_TOLERANCE`.  The semiring laws then hold up to
  the tolerance, but the tolerant equality is not transitive, so additive
  cancellation fails.

Each instance has the composition ``a ∘′ b = a``: read a number as a
constant function, and substituting anything into a constant returns it.  It
obeys the chain rule for the zero derivation.

Main names: :func:`zero_derivation`, :func:`constant_composition`,
:func:`arithmetic_derivative`, :data:`FLOAT_TOLERANCE`, :data:`FLOAT_BOUND`.
"""

from __future__ import annotations

import math
import operator
from fractions import Fraction
from typing import Any, TypeVar

from hypothesis import strategies as st

from diffalg.instances.registry import register
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring, Tolerance
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

FLOAT_BOUND = 100.0
"""Largest magnitude of the floats drawn for ``floats-tolerant``."""

FLOAT_TOLERANCE = Tolerance(rel=1e-9, abs=1e-9)
"""The equality of ``floats-tolerant``.

With ``|x| ≤ 100`` the largest intermediate value in a catalog law with
cancellation is ``a·(b + c)`` with ``|·| ≤ 2·10⁴``, whose rounding error of a
few units in the last place (about ``10⁻¹¹``) stays below ``abs``.
"""

CANCELLATIVE_PROPERTIES = frozenset({"mul_comm", "add_cancel"})


def zero_derivation(semiring: Semiring[T], name: str = "d0") -> Derivation[T]:
    """Return the zero derivation ``∂a = 0`` of ``semiring``.

    It is a derivation of every semiring: ``0 = 0·b + a·0`` by annihilation.

    >>> from diffalg.structures import Semiring
    >>> naturals = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> zero_derivation(naturals)(7)
    0
    """
    zero = semiring.zero

    def apply(value: T) -> T:
        return zero

    return Derivation(name, apply, "the zero derivation a ↦ 0")


def constant_composition() -> Composition[T]:
    """Return ``a ∘′ b = a``, substitution into constant functions.

    It is associative, fixes ``0`` and ``1``, and obeys the chain rule for
    the zero derivation.  No ``∘′`` with ``1 ∘′ 0 = 1`` obeys the chain rule
    for a derivation with ``∂1 ≠ 0``, because ``∂(1 ∘′ 0) = ∂1`` while
    ``(∂1 ∘′ 0)·∂0 = 0``.

    >>> constant_composition()(3, 5)
    3
    """

    def apply(left: T, right: T) -> T:
        return left

    return Composition(apply, "a ∘′ b = a (substitution into a constant)")


def arithmetic_derivative(n: int) -> int:
    """Return the arithmetic derivative ``n′`` of a natural number.

    ``0′ = 1′ = 0``, ``p′ = 1`` for a prime ``p`` and ``(ab)′ = a′b + ab′``,
    so ``n′ = n·Σ eᵢ/pᵢ`` for ``n = Π pᵢ^eᵢ``.  Found by trial division.

    >>> [arithmetic_derivative(n) for n in range(9)]
    [0, 0, 1, 1, 4, 1, 5, 1, 12]
    >>> arithmetic_derivative(-3)
    Traceback (most recent call last):
    ...
    ValueError: arithmetic derivative of -3: only natural numbers are supported
    """
    if n < 0:
        raise ValueError(f"arithmetic derivative of {n}: only natural numbers "
                         "are supported")
    if n < 2:
        return 0
    total = 0
    rest = n
    factor = 2
    while factor * factor <= rest:
        while rest % factor == 0:
            total += n // factor
            rest //= factor
        factor += 1
    if rest > 1:
        total += n // rest
    return total


def is_natural(value: object) -> bool:
    """Check whether ``value`` is a natural number (an ``int`` ≥ 0, not a ``bool``).

    >>> is_natural(3), is_natural(-1), is_natural(True), is_natural(2.0)
    (True, False, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def is_integer(value: object) -> bool:
    """Check whether ``value`` is an ``int`` and not a ``bool``.

    >>> is_integer(-3), is_integer(False)
    (True, False)
    """
    return isinstance(value, int) and not isinstance(value, bool)


def _natural_semiring(name: str, description: str) -> Semiring[int]:
    return Semiring(
        name, 0, 1, operator.add, operator.mul,
        strategy=st.integers(min_value=0, max_value=10**6),
        candidates=(0, 1, 2, 3),
        contains=is_natural,
        description=description,
    )


@register("naturals", "N with +, ·, the zero derivation and a ∘′ b = a: "
          "every law holds")
def naturals() -> DifferentialSemiring[int]:
    """``(N, +, ·)`` with its only derivation, zero, and constant ``∘′``.

    >>> s = naturals()
    >>> s.semiring.add(2, 3), s.derivation("d0")(5), s.composition(4, 9)
    (5, 0, 4)
    """
    semiring = _natural_semiring("N", "natural numbers")
    return DifferentialSemiring(
        "naturals", semiring, (zero_derivation(semiring),), constant_composition(),
        properties=CANCELLATIVE_PROPERTIES,
        description="The natural numbers; the zero map is their only derivation.")


@register("naturals-arithmetic", "N with the arithmetic derivative: Leibniz "
          "holds, additivity fails")
def naturals_arithmetic() -> DifferentialSemiring[int]:
    """``N`` with the arithmetic derivative ``n′``, which is not additive.

    >>> naturals_arithmetic().derivation("darith")(12)
    16
    """
    semiring = Semiring(
        "N", 0, 1, operator.add, operator.mul,
        strategy=st.integers(min_value=0, max_value=2000),
        candidates=(0, 1, 2, 3),
        contains=is_natural,
        description="natural numbers up to 2000 when sampled",
    )
    derivative = Derivation("darith", arithmetic_derivative,
                            "arithmetic derivative, p′ = 1 for primes p")
    return DifferentialSemiring(
        "naturals-arithmetic", semiring, (zero_derivation(semiring), derivative),
        constant_composition(),
        known_failures={
            "d_add[darith]": "(2 + 2)′ = 4′ = 4, but 2′ + 2′ = 2",
            "chain[darith]": "with a ∘′ b = a the chain rule reads a′ = a′·b′, "
                             "false for b = 1",
        },
        properties=CANCELLATIVE_PROPERTIES,
        description="The natural numbers with the arithmetic derivative, a "
                    "Leibniz map that is not additive.")


@register("integers", "Z with the zero derivation (its only one) and "
          "a ∘′ b = a: every law holds")
def integers() -> DifferentialSemiring[int]:
    """Build the ring ``Z`` with the zero derivation and constant ``∘′``.

    >>> s = integers()
    >>> s.semiring.neg(4), s.derivation("d0")(-3)
    (-4, 0)
    """
    semiring = Semiring(
        "Z", 0, 1, operator.add, operator.mul,
        strategy=st.integers(min_value=-(10**6), max_value=10**6),
        candidates=(0, 1, -1, 2),
        neg=operator.neg,
        contains=is_integer,
        description="integers",
    )
    return DifferentialSemiring(
        "integers", semiring, (zero_derivation(semiring),), constant_composition(),
        properties=CANCELLATIVE_PROPERTIES,
        description="The integers; the zero map is their only derivation.")


def parse_fraction(text: str) -> Fraction:
    """Parse a rational number written as ``p/q``, an integer or a decimal.

    >>> parse_fraction("-3/4")
    Fraction(-3, 4)
    >>> parse_fraction("x")
    Traceback (most recent call last):
    ...
    ValueError: invalid rational number 'x': write it as p/q, such as '3/4'
    """
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError) as error:
        raise ValueError(f"invalid rational number {text!r}: write it as p/q, "
                         "such as '3/4'") from error


def fraction_source(value: Fraction) -> str:
    """Return a Python string literal that :func:`parse_fraction` reads back.

    >>> fraction_source(Fraction(1, 2))
    "'1/2'"
    """
    return repr(str(value))


def fraction_strategy(max_numerator: int, max_denominator: int) -> Any:
    """Return a strategy for fractions ``p/q`` with bounded ``|p|`` and ``q ≥ 1``.

    Hypothesis's own ``fractions`` strategy is several times slower to draw.

    >>> from hypothesis import find
    >>> find(fraction_strategy(10, 10), lambda q: q.denominator == 7)
    Fraction(1, 7)
    """

    def build(parts: tuple[int, int]) -> Fraction:
        return Fraction(parts[0], parts[1])

    parts = st.tuples(st.integers(-max_numerator, max_numerator),
                      st.integers(1, max_denominator))
    return parts.map(build)


@register("rationals", "Q as Fractions with the zero derivation (its only one) "
          "and a ∘′ b = a: every law holds")
def rationals() -> DifferentialSemiring[Fraction]:
    """Build the field ``Q`` with the zero derivation and constant ``∘′``.

    >>> s = rationals()
    >>> s.semiring.mul(Fraction(2, 3), Fraction(3, 4))
    Fraction(1, 2)
    """
    semiring = Semiring(
        "Q", Fraction(0), Fraction(1), operator.add, operator.mul,
        strategy=fraction_strategy(10**6, 1000),
        candidates=(Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2)),
        neg=operator.neg,
        source=fraction_source,
        parse=parse_fraction,
        contains=lambda value: isinstance(value, Fraction),
        description="rational numbers as fractions.Fraction",
    )
    return DifferentialSemiring(
        "rationals", semiring, (zero_derivation(semiring),), constant_composition(),
        properties=CANCELLATIVE_PROPERTIES,
        description="The rationals; the zero map is their only derivation.")


FLOAT_ASSOCIATIVITY = ("rounding: (0.1 + 0.2) + 0.3 = 0.6000000000000001 "
                       "but 0.1 + (0.2 + 0.3) = 0.6")


@register("floats-exact", "IEEE doubles with ==: associativity and "
          "distributivity fail by rounding")
def floats_exact() -> DifferentialSemiring[float]:
    """Finite doubles with exact equality: not a semiring.

    ``2⁵³`` is a candidate because ``2⁵³ + 1 == 2⁵³ + 0`` refutes additive
    cancellation.

    >>> s = floats_exact()
    >>> s.semiring.add(s.semiring.add(0.1, 0.2), 0.3) == 0.1 + (0.2 + 0.3)
    False
    """
    semiring = Semiring(
        "float", 0.0, 1.0, operator.add, operator.mul,
        equality="exact (IEEE 754 ==)",
        strategy=st.floats(allow_nan=False, allow_infinity=False),
        candidates=(0.0, 1.0, 0.1, 0.2, 0.3, 2.0**53),
        contains=lambda value: isinstance(value, float),
        description="IEEE 754 doubles; finite ones are drawn, and overflow "
                    "yields infinities",
    )
    return DifferentialSemiring(
        "floats-exact", semiring, (zero_derivation(semiring),), constant_composition(),
        known_failures={
            "add_assoc": FLOAT_ASSOCIATIVITY,
            "mul_assoc": "rounding: (0.1·0.2)·0.3 = 0.006000000000000001 but "
                         "0.1·(0.2·0.3) = 0.006",
            "distrib_left": "rounding of a·b + a·c differs from a·(b + c)",
            "distrib_right": "rounding of a·c + b·c differs from (a + b)·c",
        },
        properties=frozenset({"mul_comm"}),
        description="Floating point with exact equality: rounding breaks the "
                    "associative and distributive laws.")


@register("floats-tolerant", "doubles with |x| ≤ 100 and a tolerant equality: "
          "laws hold up to rel 1e-9, abs 1e-9")
def floats_tolerant() -> DifferentialSemiring[float]:
    """Doubles of magnitude at most 100, equal when within :data:`FLOAT_TOLERANCE`.

    The tolerant equality is reflexive and symmetric but not transitive.
    For this reason additive cancellation fails: ``1e-8 + 100 ≈ 0 + 100``
    (within ``rel·100 = 1e-7``) while ``1e-8 ≉ 0`` (beyond ``abs = 1e-9``).
    The candidate ``1e-8`` is included to expose that.  The bound keeps
    rounding errors below the absolute tolerance; beyond it, cancellation
    in ``a·b + a·c`` exceeds any fixed absolute tolerance.

    >>> s = floats_tolerant()
    >>> s.semiring.equal((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3))
    True
    >>> s.semiring.equality
    'tolerant (rel 1e-09, abs 1e-09)'
    """
    semiring = Semiring(
        "float≈", 0.0, 1.0, operator.add, operator.mul,
        equal=FLOAT_TOLERANCE,
        equality=FLOAT_TOLERANCE.describe(),
        strategy=st.floats(min_value=-FLOAT_BOUND, max_value=FLOAT_BOUND,
                           allow_nan=False, allow_infinity=False),
        candidates=(0.0, 1.0, 0.1, 0.2, 0.3, FLOAT_BOUND, 1e-8),
        neg=operator.neg,
        contains=lambda value: isinstance(value, float) and math.isfinite(value),
        description=f"finite doubles, drawn with |x| ≤ {FLOAT_BOUND:g}, and a "
                    "tolerant equality",
    )
    return DifferentialSemiring(
        "floats-tolerant", semiring, (zero_derivation(semiring),),
        constant_composition(),
        properties=frozenset({"mul_comm"}),
        description="Floating point of bounded magnitude with a tolerant, "
                    "non-transitive equality.")
