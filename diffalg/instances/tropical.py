"""Idempotent semirings of optimisation and provenance, and the counting semiring.

In an additively idempotent semiring (``a + a = a``) the identity map is a
derivation: ``∂(ab) = ab = ab + ab = ∂a·b + a·∂b``.  When ``·`` also
commutes, so is ``a ↦ c·a`` for each constant ``c``:
``c·ab = c·ab + c·ab = (c·a)·b + a·(c·b)``.  Both send ``1`` to a nonzero
element (``∂1 = 1`` and ``∂1 = c``), so ``∂1 = 0`` fails for them.  That
also rules out the chain rule with any ``∘′`` that has ``1 ∘′ 0 = 1``,
because ``∂(1 ∘′ 0) = ∂1`` while ``(∂1 ∘′ 0)·∂0 = 0``.  Every instance here
has the zero derivation ``d0``, the identity ``did``, a scaling ``dc`` and
``a ∘′ b = a``, with those two failures declared for ``did`` and ``dc``.

Instances and their carriers:

- ``boolean``: ``({False, True}, ∨, ∧)`` with ``d0`` only (the identity is
  the catalog's ``boolean-identity``, and ``c·a`` is ``0`` or the identity);
- ``min-plus``: ``(N ∪ {∞}, min, +, ∞, 0)``, non-negative costs, absorptive
  because ``min(0, a) = 0``; ``dc`` is ``a ↦ a + 2``;
- ``max-plus``: ``(Z ∪ {−∞}, max, +, −∞, 0)``, not absorptive since
  ``max(0, 1) = 1``; ``dc`` is ``a ↦ a + 2``;
- ``viterbi``: ``([0, 1] ∩ Q, max, ·, 0, 1)``; ``dc`` is ``a ↦ a/2``;
- ``fuzzy``: ``([0, 1] ∩ Q, max, min, 0, 1)``, a distributive lattice;
  ``dc`` is ``a ↦ min(1/2, a)``;
- ``lukasiewicz``: ``([0, 1] ∩ Q, max, max(0, a + b − 1), 0, 1)``;
  ``dc`` is ``a ↦ max(0, a − 1/2)``;
- ``security``: clearances ``public < confidential < secret < top-secret
  < never`` with ``+ = min`` (the most permissive of alternative
  derivations), ``· = max`` (joint use needs the most restrictive),
  ``0 = never`` and ``1 = public``.  The other assignment, ``+ = max`` and
  ``· = min``, is no semiring with these constants, because the identity of
  ``max`` is the least element (public), not never.  ``dc`` is
  ``a ↦ max(confidential, a)``;
- ``counting``: ``(N, +, ·)``, multiplicities of bag semantics.  It has the
  same operations as ``naturals``: not idempotent, additively cancellative,
  and only ``d0`` is a derivation.

Rationals are :class:`fractions.Fraction`, so every law is decided exactly.

Main names: :func:`identity_derivation`, :func:`scaling_derivation`,
:func:`idempotent_structure`, :data:`SECURITY_LEVELS`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TypeVar

from hypothesis import strategies as st

from diffalg.instances.numbers import (
    CANCELLATIVE_PROPERTIES,
    constant_composition,
    fraction_source,
    is_integer,
    is_natural,
    parse_fraction,
    zero_derivation,
)
from diffalg.instances.registry import register
from diffalg.structures.finite import finite_structure
from diffalg.structures.operators import Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

CHAIN_NEEDS_D_ONE = ("∂1 ≠ 0, and with 1 ∘′ 0 = 1 the chain rule would give "
                     "∂1 = (∂1 ∘′ 0)·∂0 = 0")


def identity_derivation(name: str = "did") -> Derivation[Any]:
    """Return the identity map, a derivation of every additively idempotent semiring.

    >>> identity_derivation()(5)
    5
    """

    def apply(value: T) -> T:
        return value

    return Derivation(name, apply, "the identity a ↦ a")


def scaling_derivation(semiring: Semiring[T], constant: T,
                       name: str = "dc") -> Derivation[T]:
    """Return ``a ↦ c·a``, a derivation when ``+`` is idempotent and ``·`` commutes.

    >>> fuzzy_semiring = unit_interval_semiring("fuzzy", min)
    >>> scaling_derivation(fuzzy_semiring, Fraction(1, 2))(Fraction(3, 4))
    Fraction(1, 2)
    """
    multiply = semiring.mul

    def apply(value: T) -> T:
        return multiply(constant, value)

    constant_text = semiring.show(constant)
    return Derivation(name, apply, f"a ↦ {constant_text}·a")


def idempotent_structure(
    name: str,
    semiring: Semiring[T],
    constant: T,
    properties: frozenset[str],
    description: str,
) -> DifferentialSemiring[T]:
    """Equip an idempotent commutative semiring with ``d0``, ``did``, ``dc`` and ``∘′``.

    ``dc`` is ``a ↦ constant·a``, and ``constant`` must not be ``0`` (that
    would repeat ``d0``).  ``∘′`` is ``a ∘′ b = a``.  The failures of
    ``∂1 = 0`` and of the chain rule for ``did`` and ``dc`` are declared.

    >>> s = idempotent_structure("fuzzy-example", unit_interval_semiring("f", min),
    ...                          Fraction(1, 2), frozenset(), "")
    >>> [d.name for d in s.derivations], sorted(s.known_failures)
    (['d0', 'did', 'dc'], ['chain[dc]', 'chain[did]', 'd_one[dc]', 'd_one[did]'])
    """
    if semiring.equal(constant, semiring.zero):
        raise ValueError(f"scaling constant {semiring.show(constant)} is the zero "
                         f"of {semiring.name}: choose a nonzero constant")
    derivations = (
        zero_derivation(semiring),
        identity_derivation(),
        scaling_derivation(semiring, constant),
    )
    constant_text = semiring.show(constant)
    failures = {
        "d_one[did]": "the identity maps 1 to 1",
        "d_one[dc]": f"a ↦ {constant_text}·a maps 1 to {constant_text}",
        "chain[did]": CHAIN_NEEDS_D_ONE,
        "chain[dc]": CHAIN_NEEDS_D_ONE,
    }
    return DifferentialSemiring(
        name, semiring, derivations, constant_composition(),
        known_failures=failures, properties=properties, description=description)


@register("boolean", "B with or, and, the zero derivation and a ∘′ b = a: "
          "every law holds")
def boolean() -> DifferentialSemiring[bool]:
    """Build the Boolean semiring with the zero derivation and constant ``∘′``.

    >>> s = boolean()
    >>> s.semiring.add(True, False), s.derivation("d0")(True)
    (True, False)
    """

    def disjunction(left: bool, right: bool) -> bool:
        return left or right

    def conjunction(left: bool, right: bool) -> bool:
        return left and right

    semiring = Semiring(
        "Boolean", False, True, disjunction, conjunction,
        elements=(False, True),
        description="{False, True} with or and and",
    )
    return DifferentialSemiring(
        "boolean", semiring, (zero_derivation(semiring),), constant_composition(),
        properties=frozenset({"mul_comm", "add_idem", "mul_idem", "absorptive"}),
        description="The Boolean semiring with the zero derivation.")


def show_extended(value: float) -> str:
    """Render an integer or an infinity as ``3``, ``∞`` or ``-∞``.

    >>> show_extended(math.inf), show_extended(-math.inf), show_extended(3)
    ('∞', '-∞', '3')
    """
    if value == math.inf:
        return "∞"
    if value == -math.inf:
        return "-∞"
    return str(value)


def parse_extended(text: str) -> float:
    """Parse an integer, ``∞``, ``-∞``, ``inf`` or ``-inf``.

    >>> parse_extended("∞"), parse_extended("-7")
    (inf, -7)
    >>> parse_extended("1.5")
    Traceback (most recent call last):
    ...
    ValueError: invalid tropical element '1.5': write an integer, '∞' or '-∞'
    """
    cleaned = text.strip()
    if cleaned in ("∞", "inf", "+∞", "+inf"):
        return math.inf
    if cleaned in ("-∞", "-inf"):
        return -math.inf
    try:
        return int(cleaned)
    except ValueError as error:
        raise ValueError(f"invalid tropical element {text!r}: write an integer, "
                         "'∞' or '-∞'") from error


def _extended_source(value: float) -> str:
    return repr(show_extended(value))


def _tropical_add(left: float, right: float) -> float:
    return left + right


@register("min-plus", "tropical (N ∪ {∞}, min, +): absorptive; d0 holds every "
          "law, did and dc fail ∂1 = 0 and the chain rule")
def min_plus() -> DifferentialSemiring[float]:
    """Build the tropical semiring of costs, ``(N ∪ {∞}, min, +, ∞, 0)``.

    >>> s = min_plus()
    >>> s.semiring.add(3, 5), s.semiring.mul(3, math.inf), s.derivation("dc")(3)
    (3, inf, 5)
    """

    def parse(text: str) -> float:
        value = parse_extended(text)
        if value < 0:
            raise ValueError(f"invalid cost {text!r}: min-plus costs are "
                             "non-negative integers or '∞'")
        return value

    semiring: Semiring[float] = Semiring(
        "min-plus", math.inf, 0, min, _tropical_add,
        strategy=st.one_of(st.just(math.inf), st.integers(0, 10**6)),
        candidates=(math.inf, 0, 1, 2),
        contains=lambda value: value == math.inf or is_natural(value),
        show=show_extended, source=_extended_source, parse=parse,
        description="non-negative integer costs and ∞, with min and +",
    )
    return idempotent_structure(
        "min-plus", semiring, 2,
        frozenset({"mul_comm", "add_idem", "absorptive"}),
        "Tropical min-plus semiring of non-negative costs: shortest paths.")


@register("max-plus", "tropical (Z ∪ {-∞}, max, +): idempotent, not absorptive; "
          "did and dc fail ∂1 = 0 and the chain rule")
def max_plus() -> DifferentialSemiring[float]:
    """Build the max-plus semiring ``(Z ∪ {−∞}, max, +, −∞, 0)``.

    >>> s = max_plus()
    >>> s.semiring.add(-3, 5), s.semiring.mul(-3, -math.inf)
    (5, -inf)
    """
    semiring: Semiring[float] = Semiring(
        "max-plus", -math.inf, 0, max, _tropical_add,
        strategy=st.one_of(st.just(-math.inf), st.integers(-(10**6), 10**6)),
        candidates=(-math.inf, 0, 1, -1, 2),
        contains=lambda value: value == -math.inf or is_integer(value),
        show=show_extended, source=_extended_source, parse=parse_extended,
        description="integers and -∞, with max and +",
    )
    return idempotent_structure(
        "max-plus", semiring, 2, frozenset({"mul_comm", "add_idem"}),
        "Max-plus semiring over the integers: longest paths and schedules.")


def parse_unit_fraction(text: str) -> Fraction:
    """Parse a rational number in ``[0, 1]``.

    >>> parse_unit_fraction("2/3")
    Fraction(2, 3)
    >>> parse_unit_fraction("3/2")
    Traceback (most recent call last):
    ...
    ValueError: 3/2 is outside [0, 1]: give a fraction between 0 and 1
    """
    value = parse_fraction(text)
    if not 0 <= value <= 1:
        raise ValueError(f"{value} is outside [0, 1]: give a fraction between "
                         "0 and 1")
    return value


UNIT_CANDIDATES = (Fraction(0), Fraction(1), Fraction(1, 2), Fraction(1, 3),
                   Fraction(2, 3))


def unit_fraction_strategy(max_denominator: int) -> Any:
    """Return a strategy for fractions in ``[0, 1]`` with bounded denominators.

    >>> from hypothesis import find
    >>> find(unit_fraction_strategy(12), lambda q: 0 < q < 1)
    Fraction(1, 2)
    """

    def build(parts: tuple[int, int]) -> Fraction:
        denominator, numerator = parts
        return Fraction(min(numerator, denominator), denominator)

    return st.tuples(st.integers(1, max_denominator),
                     st.integers(0, max_denominator)).map(build)


def unit_interval_semiring(name: str, multiply: Any) -> Semiring[Fraction]:
    """Build ``([0, 1] ∩ Q, max, multiply, 0, 1)`` on fractions.

    ``multiply`` must be a t-norm-like operation with identity ``1`` that
    distributes over ``max``; the checker decides whether it does.

    >>> unit_interval_semiring("fuzzy", min).add(Fraction(1, 3), Fraction(1, 2))
    Fraction(1, 2)
    """
    return Semiring(
        name, Fraction(0), Fraction(1), max, multiply,
        strategy=unit_fraction_strategy(24),
        candidates=UNIT_CANDIDATES,
        contains=_in_unit_interval,
        source=fraction_source, parse=parse_unit_fraction,
        description="rationals in [0, 1] with max",
    )


def _in_unit_interval(value: object) -> bool:
    return isinstance(value, Fraction) and 0 <= value <= 1


def _product(left: Fraction, right: Fraction) -> Fraction:
    return left * right


def lukasiewicz_t_norm(left: Fraction, right: Fraction) -> Fraction:
    """Return ``max(0, a + b − 1)``, the Łukasiewicz t-norm.

    >>> lukasiewicz_t_norm(Fraction(3, 4), Fraction(1, 2))
    Fraction(1, 4)
    """
    return max(Fraction(0), left + right - 1)


HALF = Fraction(1, 2)
UNIT_ABSORPTIVE = frozenset({"mul_comm", "add_idem", "absorptive"})


@register("viterbi", "([0, 1], max, ·) on fractions: absorptive; did and dc "
          "fail ∂1 = 0 and the chain rule")
def viterbi() -> DifferentialSemiring[Fraction]:
    """Build the Viterbi semiring: probabilities of the best derivation.

    >>> viterbi().semiring.mul(Fraction(1, 2), Fraction(2, 3))
    Fraction(1, 3)
    """
    semiring = unit_interval_semiring("Viterbi", _product)
    return idempotent_structure(
        "viterbi", semiring, HALF, UNIT_ABSORPTIVE,
        "Viterbi semiring ([0, 1], max, ·): probability of the most likely "
        "derivation.")


@register("fuzzy", "([0, 1], max, min) on fractions: a distributive lattice, "
          "absorptive and multiplicatively idempotent")
def fuzzy() -> DifferentialSemiring[Fraction]:
    """Build the fuzzy semiring ``([0, 1], max, min)``.

    >>> fuzzy().derivation("dc")(Fraction(3, 4))
    Fraction(1, 2)
    """
    semiring = unit_interval_semiring("fuzzy", min)
    return idempotent_structure(
        "fuzzy", semiring, HALF, UNIT_ABSORPTIVE | {"mul_idem"},
        "Fuzzy semiring ([0, 1], max, min): degree of membership.")


@register("lukasiewicz", "([0, 1], max, max(0, a + b − 1)) on fractions: "
          "absorptive, not multiplicatively idempotent")
def lukasiewicz() -> DifferentialSemiring[Fraction]:
    """Build the Łukasiewicz semiring ``([0, 1], max, max(0, a + b − 1))``.

    >>> lukasiewicz().derivation("dc")(Fraction(3, 4))
    Fraction(1, 4)
    """
    semiring = unit_interval_semiring("Łukasiewicz", lukasiewicz_t_norm)
    return idempotent_structure(
        "lukasiewicz", semiring, HALF, UNIT_ABSORPTIVE,
        "Łukasiewicz semiring: max and the Łukasiewicz t-norm.")


SECURITY_LEVELS: tuple[str, ...] = (
    "never", "public", "confidential", "secret", "top-secret")
"""Element labels of ``security``, indexed by element: ``0`` is never, ``1`` public."""

_CLEARANCE_RANK = (4, 0, 1, 2, 3)


def _security_tables() -> tuple[list[list[int]], list[list[int]]]:
    order = len(SECURITY_LEVELS)
    add = [[0] * order for _ in range(order)]
    mul = [[0] * order for _ in range(order)]
    for x in range(order):
        for y in range(order):
            low, high = sorted((x, y), key=lambda e: _CLEARANCE_RANK[e])
            add[x][y] = low
            mul[x][y] = high
    return add, mul


@register("security", "clearance levels with min and max, 0 = never, "
          "1 = public: a 5-element lattice semiring")
def security() -> DifferentialSemiring[int]:
    """Access levels: ``+`` takes the lower clearance, ``·`` the higher one.

    >>> s = security()
    >>> level = SECURITY_LEVELS.index
    >>> s.semiring.show(s.semiring.add(level("secret"), level("confidential")))
    'confidential'
    >>> s.semiring.show(s.semiring.mul(level("secret"), level("public")))
    'secret'
    """
    add, mul = _security_tables()
    order = len(SECURITY_LEVELS)
    confidential = SECURITY_LEVELS.index("confidential")
    derivations: dict[str, Sequence[int]] = {
        "d0": [0] * order,
        "did": list(range(order)),
        "dc": [mul[confidential][x] for x in range(order)],
    }
    composition = [[x] * order for x in range(order)]
    return finite_structure(
        "security", add, mul,
        derivations=derivations,
        composition=composition,
        zero=0, one=1,
        labels=SECURITY_LEVELS,
        known_failures={
            "d_one[did]": "the identity maps public to public",
            "d_one[dc]": "a ↦ max(confidential, a) maps public to confidential",
            "chain[did]": CHAIN_NEEDS_D_ONE,
            "chain[dc]": CHAIN_NEEDS_D_ONE,
        },
        properties=frozenset({"mul_comm", "add_idem", "mul_idem", "absorptive"}),
        description="Security semiring: the clearance needed to see a result, "
                    "with + = min and · = max in public < confidential < "
                    "secret < top-secret < never.")


@register("counting", "the counting semiring (N, +, ·) of bag multiplicities: "
          "cancellative, only d0 is a derivation")
def counting() -> DifferentialSemiring[int]:
    """Build the counting semiring: how many derivations produce a tuple.

    >>> counting().semiring.mul(2, 3)
    6
    """
    semiring = Semiring(
        "counting", 0, 1, _natural_add, _natural_mul,
        strategy=st.integers(min_value=0, max_value=10**6),
        candidates=(0, 1, 2, 3),
        contains=is_natural,
        description="natural numbers as multiplicities",
    )
    return DifferentialSemiring(
        "counting", semiring, (zero_derivation(semiring),), constant_composition(),
        properties=CANCELLATIVE_PROPERTIES,
        description="Counting semiring (N, +, ·): multiplicities in bag "
                    "semantics.")


def _natural_add(left: int, right: int) -> int:
    return left + right


def _natural_mul(left: int, right: int) -> int:
    return left * right
