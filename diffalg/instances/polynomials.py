"""``N[t]``: polynomials with natural coefficients, ``d/dt`` and substitution.

An element is the tuple of its coefficients, constant first, with no
trailing zeros (``()`` is ``0``).  ``N[t]`` is a semiring but not a ring: it
has no additive inverses, yet it is additively cancellative, and with
``d/dt`` and substitution ``p ∘′ q = p(q(t))`` it satisfies every law of a
differential semiring.

Main names: :func:`poly_add`, :func:`poly_mul`, :func:`poly_derivative`,
:func:`poly_compose`, :func:`show_polynomial`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from diffalg.instances.registry import register
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

Poly = tuple[int, ...]


def _trim(coefficients: list[int]) -> Poly:
    while coefficients and coefficients[-1] == 0:
        coefficients.pop()
    return tuple(coefficients)


def poly_add(p: Poly, q: Poly) -> Poly:
    """Add coefficient-wise.

    >>> poly_add((1, 2), (0, 0, 3))
    (1, 2, 3)
    """
    size = max(len(p), len(q))
    total = [0] * size
    for i, c in enumerate(p):
        total[i] += c
    for i, c in enumerate(q):
        total[i] += c
    return _trim(total)


def poly_mul(p: Poly, q: Poly) -> Poly:
    """Multiply by convolution of coefficients.

    >>> poly_mul((1, 1), (1, 1))
    (1, 2, 1)
    """
    if not p or not q:
        return ()
    total = [0] * (len(p) + len(q) - 1)
    for i, c in enumerate(p):
        for j, e in enumerate(q):
            total[i + j] += c * e
    return _trim(total)


def poly_derivative(p: Poly) -> Poly:
    """Return the formal derivative ``d/dt``.

    >>> poly_derivative((5, 0, 3))
    (0, 6)
    """
    return _trim([i * c for i, c in enumerate(p)][1:])


def poly_compose(p: Poly, q: Poly) -> Poly:
    """Return ``p(q(t))`` by Horner's rule.

    >>> poly_compose((0, 0, 1), (1, 1))
    (1, 2, 1)
    """
    result: Poly = ()
    for c in reversed(p):
        result = poly_add(poly_mul(result, q), _trim([c]))
    return result


def show_polynomial(p: Poly, variable: str = "t") -> str:
    """Render as ``3t^2 + t + 1``.

    >>> show_polynomial((1, 1, 3)), show_polynomial(())
    ('3t^2 + t + 1', '0')
    """
    if not p:
        return "0"
    terms = []
    for power in range(len(p) - 1, -1, -1):
        c = p[power]
        if c == 0:
            continue
        if power == 0:
            terms.append(str(c))
            continue
        monomial = variable if power == 1 else f"{variable}^{power}"
        terms.append(monomial if c == 1 else f"{c}{monomial}")
    return " + ".join(terms)


def is_natural_polynomial(value: object) -> bool:
    """Whether ``value`` is a coefficient tuple of ``N[t]`` in canonical form.

    >>> is_natural_polynomial((1, 2)), is_natural_polynomial((1, 0))
    (True, False)
    >>> is_natural_polynomial((-1,))
    False
    """
    if not isinstance(value, tuple):
        return False
    if value and value[-1] == 0:
        return False
    return all(isinstance(c, int) and not isinstance(c, bool) and c >= 0
               for c in value)


def natural_polynomials(max_degree: int = 3, max_coefficient: int = 4) -> object:
    """Return a Hypothesis strategy for small elements of ``N[t]``.

    >>> from hypothesis import find
    >>> find(natural_polynomials(), lambda p: len(p) == 3)
    (0, 0, 1)
    """
    coefficients = st.lists(st.integers(0, max_coefficient), max_size=max_degree + 1)
    return coefficients.map(lambda cs: _trim(list(cs)))


@register("N[t]", "polynomials with natural coefficients, d/dt and substitution: "
          "a model of every law that is not a ring")
def naturals_t() -> DifferentialSemiring[Poly]:
    """Build ``N[t]`` with ``d/dt`` and substitution.

    >>> s = naturals_t()
    >>> s.composition((0, 0, 1), (1, 1)), s.derivation("dt")((1, 2, 1))
    ((1, 2, 1), (2, 2))
    """
    semiring = Semiring(
        "N[t]",
        (),
        (1,),
        add=poly_add,
        mul=poly_mul,
        strategy=natural_polynomials(),
        candidates=((), (1,), (0, 1), (2,), (1, 1), (0, 0, 1)),
        show=show_polynomial,
        contains=is_natural_polynomial,
        description="polynomials in t with natural coefficients, as "
                    "coefficient tuples, constant first",
    )
    return DifferentialSemiring(
        "N[t]", semiring, (Derivation("dt", poly_derivative, "d/dt"),),
        Composition(poly_compose, "a ∘′ b = a(b(t))"),
        properties=frozenset({"mul_comm", "add_cancel"}),
        description="N[t] with d/dt and substitution: a semiring, not a ring, "
                    "satisfying every law.")
