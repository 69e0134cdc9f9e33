"""Small finite instances: the Boolean semiring and truncated polynomials.

- ``boolean-identity``: ``B = {False, True}`` with ``∨``, ``∧`` and the
  identity map as derivation.  In an additively idempotent semiring the
  identity is a derivation (``∂(ab) = ab = ab + ab = ∂a·b + a·∂b``), but
  ``∂1 = 1``: so ``∂1 = 0`` does not follow from the semiring and
  derivation axioms.
- ``F2[t]/(t^2)`` and ``F3[t]/(t^3)``: ``F_p[t]/(tⁿ)`` with ``d/dt`` (well
  defined because ``d(tⁿ) = n·tⁿ⁻¹`` vanishes when ``p`` divides ``n``) and
  ``∘′`` the substitution of canonical representatives, reduced again.  For
  ``F₂[t]/(t²)`` this is a 4-element model of every law; for ``F₃[t]/(t³)``
  substitution does not respect the ideal (``t³ ∘′ (1 + t) ≠ 0``) and
  ``comp_assoc`` fails.

Main names: :func:`truncated`, :func:`boolean_identity`.
"""

from __future__ import annotations

from itertools import product

from diffalg.instances.registry import register
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

Coefficients = tuple[int, ...]


@register("boolean-identity", "Boolean semiring with the identity derivation: "
          "∂1 = 1, so ∂1 = 0 is not a consequence")
def boolean_identity() -> DifferentialSemiring[bool]:
    """Build the Boolean semiring with ``∂ = id``.

    >>> boolean_identity().derivation("d")(True)
    True
    """
    semiring = Semiring(
        "Boolean", False, True,
        add=lambda a, b: a or b,
        mul=lambda a, b: a and b,
        elements=(False, True),
        description="{False, True} with or and and",
    )
    return DifferentialSemiring(
        "boolean-identity", semiring, (Derivation("d", lambda a: a, "identity"),),
        known_failures={"d_one[d]": "the identity maps 1 to 1"},
        properties=frozenset({"mul_comm", "add_idem", "mul_idem", "absorptive"}),
        description="The Boolean semiring with the identity map as derivation.")


def _reduce(coefficients: list[int], prime: int, length: int) -> Coefficients:
    padded = coefficients[:length] + [0] * max(0, length - len(coefficients))
    return tuple(c % prime for c in padded)


def truncated(prime: int, length: int) -> DifferentialSemiring[Coefficients]:
    """Build ``F_p[t]/(t^length)`` with ``d/dt`` and substitution.

    Elements are coefficient tuples of length ``length``, constant first,
    listed in the order of the integer ``Σ cᵢ pⁱ``.

    >>> s = truncated(2, 2)
    >>> [s.semiring.show(e) for e in s.semiring.elements]
    ['0', '1', 't', '1 + t']
    """
    if length < 1 or prime < 2:
        raise ValueError(f"need prime ≥ 2 and length ≥ 1, got {prime}, {length}")
    elements = [tuple(reversed(c)) for c in product(range(prime), repeat=length)]
    elements.sort(key=lambda c: sum(ci * prime**i for i, ci in enumerate(c)))

    def add(p: Coefficients, q: Coefficients) -> Coefficients:
        return tuple((a + b) % prime for a, b in zip(p, q, strict=True))

    def mul(p: Coefficients, q: Coefficients) -> Coefficients:
        total = [0] * length
        for i, a in enumerate(p):
            for j, b in enumerate(q):
                if i + j < length:
                    total[i + j] += a * b
        return _reduce(total, prime, length)

    def derivative(p: Coefficients) -> Coefficients:
        return _reduce([i * c for i, c in enumerate(p)][1:], prime, length)

    def compose(p: Coefficients, q: Coefficients) -> Coefficients:
        result = tuple([0] * length)
        for c in reversed(p):
            result = add(mul(result, q), _reduce([c], prime, length))
        return result

    def show(p: Coefficients) -> str:
        terms = []
        for power, c in enumerate(p):
            if c == 0:
                continue
            if power == 0:
                terms.append(str(c))
                continue
            monomial = "t" if power == 1 else f"t^{power}"
            terms.append(monomial if c == 1 else f"{c}{monomial}")
        return " + ".join(terms) or "0"

    zero = tuple([0] * length)
    one = _reduce([1], prime, length)
    name = f"F{prime}[t]/(t^{length})"
    semiring = Semiring(name, zero, one, add, mul, elements=tuple(elements),
                        show=show,
                        description=f"polynomials over F_{prime} modulo t^{length}")
    return DifferentialSemiring(
        name, semiring, (Derivation("dt", derivative, "d/dt"),),
        Composition(compose, "substitution of canonical representatives"),
        properties=frozenset({"mul_comm", "add_cancel"}),
        description=f"F_{prime}[t]/(t^{length}) with d/dt and substitution of "
                    "canonical representatives.")


@register("F2[t]/(t^2)", "F₂[t]/(t²) with d/dt and substitution: a 4-element "
          "model of every law")
def f2_dual() -> DifferentialSemiring[Coefficients]:
    """``F₂[t]/(t²)``: 4 elements, every law holds.

    >>> len(f2_dual().semiring.elements)
    4
    """
    return truncated(2, 2)


@register("F3[t]/(t^3)", "F₃[t]/(t³) with d/dt and substitution: comp_assoc fails")
def f3_cubic() -> DifferentialSemiring[Coefficients]:
    """``F₃[t]/(t³)``: 27 elements, ``∘′`` is not associative.

    >>> len(f3_cubic().semiring.elements)
    27
    """
    base = truncated(3, 3)
    return DifferentialSemiring(
        base.name, base.semiring, base.derivations, base.composition,
        known_failures={"comp_assoc": "substituting a representative of t³ "
                        "with nonzero constant term leaves the ideal (t³)"},
        properties=base.properties, description=base.description)
