"""Structures built from others, and the catalog instances built that way.

Constructions (each in its own module, re-exported here):

- :func:`~diffalg.instances.series.dual_numbers`: ``S[ε]/(ε²)``;
- :func:`~diffalg.instances.series.truncated_series`: ``S[t]/(tⁿ)``;
- :func:`~diffalg.instances.matrices.matrices`: ``Mₙ(S)``;
- :func:`product`: ``S × T`` with componentwise operations.

In ``S × T`` a pair of derivations ``(∂, δ)`` acts as
``(a, b) ↦ (∂a, δb)``, and a pair of ``∘′`` as ``(a ∘′ c, b ∘′ d)``.  Every
law is checked componentwise, so a law holds in ``S × T`` exactly when it
holds in both factors (for the derivation pairs chosen), and a property
holds exactly when both factors have it.

Registered instances: ``dual(naturals)``, ``dual(boolean)``,
``dual(min-plus)``, ``N[t]/(t^3)``, ``B[t]/(t^3)``,
``M2(N[t])``, ``M2(boolean-identity)`` and ``N[t]×boolean``.

Main names: :func:`product`, :func:`dual_numbers`, :func:`truncated_series`,
:func:`matrices`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any, TypeVar

from hypothesis import strategies as st

from diffalg.instances.finite_examples import boolean_identity
from diffalg.instances.lifting import (
    FINITE_LIMIT,
    SEMIRING_FAMILIES,
    base_candidates,
    element_strategy,
    expect_length,
    from_source_value,
    read_literal,
)
from diffalg.instances.matrices import matrices
from diffalg.instances.numbers import naturals
from diffalg.instances.polynomials import naturals_t
from diffalg.instances.registry import register
from diffalg.instances.series import dual_numbers, truncated_series
from diffalg.instances.tropical import boolean, min_plus
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

A = TypeVar("A")
B = TypeVar("B")

Pair = tuple[Any, Any]
DerivationPair = tuple[str | None, str | None]

COMPOSITION_FAMILIES = ("comp_assoc", "comp_one", "comp_zero")

__all__ = ["dual_numbers", "matrices", "pair_name", "product", "truncated_series"]


def pair_name(left: str | None, right: str | None) -> str:
    """Return the name of the paired derivation ``(left, right)``.

    ``None`` stands for the zero derivation of that factor.  Equal names
    are kept as they are.

    >>> pair_name("dt", "d0"), pair_name("d0", "d0"), pair_name(None, "did")
    ('dt_d0', 'd0', 'zero_did')
    """
    if left is not None and left == right:
        return left
    return f"{left or 'zero'}_{right or 'zero'}"


def _apply_or_zero(structure: DifferentialSemiring[Any], name: str | None) -> Any:
    if name is not None:
        return structure.derivation(name).apply
    zero = structure.semiring.zero

    def vanish(value: Any) -> Any:
        return zero

    return vanish


def _reason(structure: DifferentialSemiring[Any], law_id: str) -> str | None:
    reason = structure.failure_reason(law_id)
    if reason is None:
        return None
    return f"fails in {structure.name}: {reason}"


def _either(left: DifferentialSemiring[Any], left_id: str | None,
            right: DifferentialSemiring[Any], right_id: str | None) -> str | None:
    if left_id is not None:
        reason = _reason(left, left_id)
        if reason is not None:
            return reason
    if right_id is not None:
        return _reason(right, right_id)
    return None


def _commute_id(first: str | None, second: str | None) -> str | None:
    if first is None or second is None or first == second:
        return None
    return f"commute[{first},{second}]"


def _product_failures(left: DifferentialSemiring[Any],
                      right: DifferentialSemiring[Any],
                      pairs: Sequence[DerivationPair],
                      composed: bool) -> dict[str, str]:
    families = list(SEMIRING_FAMILIES)
    if composed:
        families += COMPOSITION_FAMILIES
    failures: dict[str, str] = {}
    for family in families:
        reason = _either(left, family, right, family)
        if reason is not None:
            failures[family] = reason
    laws = ["d_add", "d_leibniz", "d_zero", "d_one"]
    if composed:
        laws.append("chain")
    for first, second in pairs:
        name = pair_name(first, second)
        for family in laws:
            reason = _either(left, first and f"{family}[{first}]",
                             right, second and f"{family}[{second}]")
            if reason is not None:
                failures[f"{family}[{name}]"] = reason
    for first_pair, second_pair in combinations(pairs, 2):
        left_ids = (_commute_id(first_pair[0], second_pair[0]),
                    _commute_id(second_pair[0], first_pair[0]))
        right_ids = (_commute_id(first_pair[1], second_pair[1]),
                     _commute_id(second_pair[1], first_pair[1]))
        reason = (_either(left, left_ids[0], right, right_ids[0])
                  or _either(left, left_ids[1], right, right_ids[1]))
        if reason is not None:
            law_id = f"commute[{pair_name(*first_pair)},{pair_name(*second_pair)}]"
            failures[law_id] = reason
    return failures


def _pair_elements(left: Semiring[Any],
                   right: Semiring[Any]) -> tuple[Pair, ...] | None:
    if left.elements is None or right.elements is None:
        return None
    if len(left.elements) * len(right.elements) > FINITE_LIMIT:
        return None
    indexed = [(i, j) for i in range(len(left.elements))
               for j in range(len(right.elements))]
    indexed.sort(key=lambda ij: (max(ij), ij))
    return tuple((left.elements[i], right.elements[j]) for i, j in indexed)


def product(
    left: DifferentialSemiring[A],
    right: DifferentialSemiring[B],
    *,
    pairs: Sequence[DerivationPair] | None = None,
    name: str | None = None,
    known_failures: Mapping[str, str] | None = None,
) -> DifferentialSemiring[Pair]:
    """Build ``S × T`` with paired derivations and, if both have one, paired ``∘′``.

    ``pairs`` lists ``(left name, right name)``, with ``None`` for the zero
    derivation of that factor; by default, derivations with the same name in
    both factors are paired.  A law is declared to fail when it is declared
    to fail in either factor.

    >>> from diffalg.instances.numbers import naturals
    >>> from diffalg.instances.tropical import boolean
    >>> p = product(naturals(), boolean())
    >>> p.semiring.mul((2, True), (3, False)), [d.name for d in p.derivations]
    ((6, False), ['d0'])
    >>> sorted(p.properties)
    ['mul_comm']
    """
    if pairs is None:
        right_names = {d.name for d in right.derivations}
        pairs = [(d.name, d.name) for d in left.derivations if d.name in right_names]
    for first, second in pairs:
        if first is not None:
            left.derivation(first)
        if second is not None:
            right.derivation(second)
    ls, rs = left.semiring, right.semiring

    def pair_add(x: Pair, y: Pair) -> Pair:
        return (ls.add(x[0], y[0]), rs.add(x[1], y[1]))

    def pair_mul(x: Pair, y: Pair) -> Pair:
        return (ls.mul(x[0], y[0]), rs.mul(x[1], y[1]))

    def equal(x: Pair, y: Pair) -> bool:
        return bool(ls.equal(x[0], y[0]) and rs.equal(x[1], y[1]))

    def contains(x: object) -> bool:
        if not isinstance(x, tuple) or len(x) != 2:
            return False
        left_ok = ls.contains is None or ls.contains(x[0])
        return bool(left_ok and (rs.contains is None or rs.contains(x[1])))

    def show(x: Pair) -> str:
        return f"({ls.show(x[0])}, {rs.show(x[1])})"

    label = name or f"{left.name}×{right.name}"
    subject = f"an element of {label}"

    def source(x: Pair) -> str:
        return repr(f"({ls.source(x[0])}, {rs.source(x[1])})")

    def parse(text: str) -> Pair:
        first, second = expect_length(read_literal(text, subject), 2, subject)
        return (from_source_value(ls, first), from_source_value(rs, second))

    derivations = []
    for first, second in pairs:
        apply_left = _apply_or_zero(left, first)
        apply_right = _apply_or_zero(right, second)

        def apply(x: Pair, f: Any = apply_left, g: Any = apply_right) -> Pair:
            return (f(x[0]), g(x[1]))

        derivations.append(Derivation(pair_name(first, second), apply,
                                      f"({first or '0'}, {second or '0'})"))
    composition = None
    if left.composition is not None and right.composition is not None:
        left_comp, right_comp = left.composition.apply, right.composition.apply

        def compose(x: Pair, y: Pair) -> Pair:
            return (left_comp(x[0], y[0]), right_comp(x[1], y[1]))

        composition = Composition(compose, "∘′ in each factor")

    equality = ls.equality
    if rs.equality != ls.equality:
        equality = f"{ls.name}: {ls.equality}; {rs.name}: {rs.equality}"
    candidates = [(a, b) for a in base_candidates(ls, 3)
                  for b in base_candidates(rs, 3)]
    semiring: Semiring[Pair] = Semiring(
        f"{ls.name}×{rs.name}", (ls.zero, rs.zero), (ls.one, rs.one),
        pair_add, pair_mul,
        equal=equal, equality=equality,
        elements=_pair_elements(ls, rs),
        strategy=st.tuples(element_strategy(ls), element_strategy(rs)),
        candidates=tuple(candidates),
        contains=contains,
        show=show, source=source, parse=parse,
        description=f"pairs from {ls.name} and {rs.name}",
    )
    failures = _product_failures(left, right, pairs, composition is not None)
    failures.update(known_failures or {})
    return DifferentialSemiring(
        label, semiring, tuple(derivations), composition,
        known_failures=failures,
        properties=left.properties & right.properties,
        description=f"The product of {left.name} and {right.name}.")


@register("dual(naturals)", "N[ε]/(ε²) with the ε-part derivation and affine "
          "substitution: the chain rule fails")
def dual_naturals() -> DifferentialSemiring[Pair]:
    """Dual numbers over ``N``.

    >>> dual_naturals().composition((1, 2), (3, 4))
    (7, 8)
    """
    return dual_numbers(naturals(), name="dual(naturals)")


@register("dual(boolean)", "B[ε]/(ε²), 4 elements, with the ε-part derivation: "
          "every law but the chain rule, exhaustively")
def dual_boolean() -> DifferentialSemiring[Pair]:
    """Dual numbers over the Boolean semiring.

    >>> len(dual_boolean().semiring.elements)
    4
    """
    return dual_numbers(boolean(), name="dual(boolean)")


@register("dual(min-plus)", "min-plus[ε]/(ε²) with ε-part, identity and "
          "scaling derivations lifted from min-plus")
def dual_min_plus() -> DifferentialSemiring[Pair]:
    """Dual numbers over tropical min-plus.

    >>> [d.name for d in dual_min_plus().derivations]
    ['deps', 'd0', 'did', 'dc']
    """
    return dual_numbers(min_plus(), name="dual(min-plus)")


@register("N[t]/(t^3)", "N[t]/(t³) with t·d/dt (a derivation) and "
          "d/dt (fails Leibniz: d(t²·t) = 0 ≠ 3t²)")
def truncated_naturals() -> DifferentialSemiring[tuple[Any, ...]]:
    """Truncated series over ``N`` of length 3.

    >>> truncated_naturals().semiring.show((2, 0, 1))
    '2 + t^2'
    """
    return truncated_series(naturals(), 3, name="N[t]/(t^3)")


@register("B[t]/(t^3)", "B[t]/(t³), 8 elements, with t·d/dt and d/dt: "
          "d/dt fails Leibniz, exhaustively")
def truncated_boolean() -> DifferentialSemiring[tuple[Any, ...]]:
    """Truncated series over the Boolean semiring of length 3.

    >>> len(truncated_boolean().semiring.elements)
    8
    """
    return truncated_series(boolean(), 3, name="B[t]/(t^3)")


@register("M2(N[t])", "2×2 matrices over N[t] with entrywise d/dt: a "
          "non-commutative differential semiring")
def matrices_naturals_t() -> DifferentialSemiring[tuple[tuple[Any, ...], ...]]:
    """``M₂(N[t])`` with entrywise ``d/dt``.

    >>> m = matrices_naturals_t()
    >>> m.derivation("dt")((((0, 1), (1,)), ((), (0, 0, 1))))
    (((1,), ()), ((), (0, 2)))
    """
    return matrices(naturals_t(), 2, name="M2(N[t])")


@register("M2(boolean-identity)", "2×2 Boolean matrices, 16 elements, with the "
          "entrywise identity derivation")
def matrices_boolean() -> DifferentialSemiring[tuple[tuple[Any, ...], ...]]:
    """``M₂(B)`` with the identity applied entrywise.

    >>> len(matrices_boolean().semiring.elements)
    16
    """
    return matrices(boolean_identity(), 2, name="M2(boolean-identity)")


@register("N[t]×boolean", "N[t] × B with (d/dt, 0) and paired ∘′: a product of "
          "two models is a model")
def naturals_t_boolean() -> DifferentialSemiring[Pair]:
    """``N[t] × B`` with the derivation ``(d/dt, 0)``.

    >>> p = naturals_t_boolean()
    >>> p.derivation("dt_d0")(((0, 0, 1), True))
    ((0, 2), False)
    """
    return product(naturals_t(), boolean(), pairs=[("dt", "d0")],
                   name="N[t]×boolean")
