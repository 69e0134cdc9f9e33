"""Derivations and substitution on provenance semirings.

Each map is computed on the canonical ``N[X]`` representative of an element
and the result is brought to the algebra's normal form.  Whether the result
is a derivation of the quotient is not assumed: the instances declare what
the checker finds.

- :func:`partial_derivative`: ``∂ᵢ(c·m) = c·mᵢ·m/xᵢ``, the formal partial.
  On ``N[X]`` and ``B[X]`` it is a derivation and the partials commute.
- :func:`euler_derivation`: ``E = Σ xᵢ∂ᵢ``, which multiplies a monomial by
  its degree.
- :func:`variable_times_partial`: ``xᵢ∂ⱼ``.
- :func:`keep_witnesses`: keeps the monomials that contain ``xᵢ``.  On
  ``Why(X)`` and ``B[X]`` it is a derivation: a product ``u·v`` contains
  ``xᵢ`` exactly when ``u`` or ``v`` does, and ``+`` is idempotent, so the
  witnesses of ``ab`` containing ``xᵢ`` are those of ``k(a)·b + a·k(b)``.
- :func:`identity_derivation` and :func:`multiplication_by`: ``a ↦ a`` and
  ``a ↦ c·a``.  In a commutative semiring with ``a + a = a`` both obey
  Leibniz (``c·ab = c·ab + c·ab``), but they map ``1`` to ``1`` and ``c``.
- :func:`zero_derivation`: ``a ↦ 0``.
- :func:`substitution`: ``a ∘′ b = a[xᵢ := b]``.

Main names: the functions above.
"""

from __future__ import annotations

from diffalg.instances.provenance_algebra import (
    Monomial,
    Poly,
    ProvenanceAlgebra,
    Term,
)
from diffalg.structures.operators import Composition, Derivation


def _index(algebra: ProvenanceAlgebra, variable: str) -> int:
    if variable not in algebra.variables:
        raise ValueError(f"unknown variable {variable!r}: the variables of "
                         f"{algebra.name} are {list(algebra.variables)}")
    return algebra.variables.index(variable)


def _lower(monomial: Monomial, index: int) -> Monomial:
    return tuple(e - 1 if i == index else e for i, e in enumerate(monomial))


def _raise(monomial: Monomial, index: int) -> Monomial:
    return tuple(e + 1 if i == index else e for i, e in enumerate(monomial))


def partial_derivative(algebra: ProvenanceAlgebra, variable: str) -> Derivation[Poly]:
    """Return the formal partial ``∂`` with respect to ``variable``, named ``d<var>``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> n = ProvenanceAlgebra(ProvenanceKind.N)
    >>> dx = partial_derivative(n, "x")
    >>> dx.name, n.show(dx(n.parse("2x²y + xz + y")))
    ('dx', '4xy + z')
    """
    index = _index(algebra, variable)

    def derive(element: Poly) -> Poly:
        terms: list[Term] = [(_lower(m, index), c * m[index])
                             for m, c in element if m[index]]
        return algebra.normalize(terms)

    return Derivation(f"d{variable}", derive, f"formal partial ∂/∂{variable}")


def euler_derivation(algebra: ProvenanceAlgebra) -> Derivation[Poly]:
    """Return ``E = Σ xᵢ∂ᵢ``, named ``euler``: ``E(c·m) = deg(m)·c·m``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> n = ProvenanceAlgebra(ProvenanceKind.N)
    >>> n.show(euler_derivation(n)(n.parse("x²y + z + 4")))
    '3x²y + z'
    """

    def derive(element: Poly) -> Poly:
        return algebra.normalize([(m, c * sum(m)) for m, c in element])

    return Derivation("euler", derive, "Euler derivation Σ xᵢ∂ᵢ")


def variable_times_partial(algebra: ProvenanceAlgebra, factor: str,
                           variable: str) -> Derivation[Poly]:
    """Return ``a ↦ factor·∂a/∂variable``, named ``<factor>_d<variable>``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> n = ProvenanceAlgebra(ProvenanceKind.N)
    >>> x_dy = variable_times_partial(n, "x", "y")
    >>> x_dy.name, n.show(x_dy(n.parse("y² + x")))
    ('x_dy', '2xy')
    """
    outer = _index(algebra, factor)
    inner = _index(algebra, variable)

    def derive(element: Poly) -> Poly:
        terms: list[Term] = [(_raise(_lower(m, inner), outer), c * m[inner])
                             for m, c in element if m[inner]]
        return algebra.normalize(terms)

    return Derivation(f"{factor}_d{variable}", derive,
                      f"{factor}·∂/∂{variable}")


def keep_witnesses(algebra: ProvenanceAlgebra, variable: str) -> Derivation[Poly]:
    """Return the map keeping the monomials that contain ``variable``, ``keep_<var>``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> why = ProvenanceAlgebra(ProvenanceKind.WHY)
    >>> why.show(keep_witnesses(why, "x")(why.parse("xy + y + xz + 1")))
    'xy + xz'
    """
    index = _index(algebra, variable)

    def keep(element: Poly) -> Poly:
        return algebra.normalize([(m, c) for m, c in element if m[index]])

    return Derivation(f"keep_{variable}", keep,
                      f"keep the witnesses that contain {variable}")


def identity_derivation(algebra: ProvenanceAlgebra) -> Derivation[Poly]:
    """Return the identity map, named ``id``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> why = ProvenanceAlgebra(ProvenanceKind.WHY)
    >>> identity_derivation(why)(why.one) == why.one
    True
    """

    def same(element: Poly) -> Poly:
        return element

    return Derivation("id", same, "identity map")


def multiplication_by(algebra: ProvenanceAlgebra, factor: str,
                      name: str) -> Derivation[Poly]:
    """Return ``a ↦ c·a`` for the element written ``factor``, named ``name``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> which = ProvenanceAlgebra(ProvenanceKind.WHICH)
    >>> mul_x = multiplication_by(which, "x", "mul_x")
    >>> which.show(mul_x(which.parse("yz"))), which.show(mul_x(which.zero))
    ('xyz', '0')
    """
    constant = algebra.parse(factor)

    def times(element: Poly) -> Poly:
        return algebra.mul(constant, element)

    return Derivation(name, times, f"multiplication by {algebra.show(constant)}")


def zero_derivation(algebra: ProvenanceAlgebra) -> Derivation[Poly]:
    """Return the map ``a ↦ 0``, named ``zero``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> n = ProvenanceAlgebra(ProvenanceKind.N)
    >>> zero_derivation(n)(n.parse("x + 1"))
    ()
    """

    def vanish(element: Poly) -> Poly:
        return algebra.zero

    return Derivation("zero", vanish, "the zero map")


def substitution(algebra: ProvenanceAlgebra, variable: str) -> Composition[Poly]:
    """Return ``a ∘′ b = a[variable := b]``.

    Each term ``c·m`` becomes ``c·b^k·(m without variable)``, where ``k`` is
    the exponent of ``variable`` in ``m``.

    >>> from diffalg.instances.provenance_algebra import ProvenanceKind
    >>> n = ProvenanceAlgebra(ProvenanceKind.N)
    >>> after = substitution(n, "x")
    >>> n.show(after(n.parse("x²z + y"), n.parse("y + 1")))
    'y²z + 2yz + y + z'
    """
    index = _index(algebra, variable)

    def substitute(outer: Poly, inner: Poly) -> Poly:
        powers: list[Poly] = [algebra.one]
        result = algebra.zero
        for monomial, coefficient in outer:
            while len(powers) <= monomial[index]:
                powers.append(algebra.mul(powers[-1], inner))
            rest = tuple(0 if i == index else e for i, e in enumerate(monomial))
            term = algebra.mul(powers[monomial[index]], ((rest, coefficient),))
            result = algebra.add(result, term)
        return result

    return Composition(substitute, f"a ∘′ b = a[{variable} := b]")

