"""The catalog of laws of a differential semiring.

Every law of the structure is stated here once, as terms:

- semiring: ``add_assoc``, ``add_comm``, ``add_zero``, ``mul_assoc``,
  ``mul_one_left``, ``mul_one_right``, ``distrib_left``, ``distrib_right``,
  ``annihil_left``, ``annihil_right``;
- per derivation ``∂``: ``d_add[∂]``, ``d_leibniz[∂]`` (axioms) and
  ``d_zero[∂]``, ``d_one[∂]`` (``∂0 = ∂(0·0) = ∂0·0 + 0·∂0 = 0`` by
  Leibniz, annihilation and ``add_zero``; ``∂1 = 0`` is independent of the
  semiring and derivation axioms but follows from ``comp_one``, the chain
  rule, ``∂0 = 0`` and annihilation: ``∂1 = ∂(1∘′0) = (∂1∘′0)·∂0 = 0``);
- per pair of derivations: ``commute[∂ᵢ,∂ⱼ]``;
- composition: ``comp_assoc``, ``comp_one``, ``comp_zero`` and, per
  derivation, ``chain[∂]``;
- properties: ``mul_comm``, ``add_idem``, ``mul_idem``, ``absorptive``,
  ``add_cancel``.

Main names: :func:`semiring_laws`, :func:`derivation_laws`,
:func:`commutation_laws`, :func:`composition_laws`, :func:`property_laws`,
:func:`laws_for`, :data:`FAMILIES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from diffalg.laws.law import Law, law
from diffalg.laws.terms import One, Var, Zero, d

a, b, c = Var("a"), Var("b"), Var("c")
zero, one = Zero(), One()


def semiring_laws() -> list[Law]:
    """Return the ten semiring axioms.

    >>> [x.id for x in semiring_laws()][:3]
    ['add_assoc', 'add_comm', 'add_zero']
    """
    return [
        law("add_assoc", (a + b) + c, a + (b + c), "addition is associative"),
        law("add_comm", a + b, b + a, "addition is commutative"),
        law("add_zero", a + zero, a, "0 is neutral for addition"),
        law("mul_assoc", (a * b) * c, a * (b * c), "multiplication is associative"),
        law("mul_one_left", one * a, a, "1 is a left identity"),
        law("mul_one_right", a * one, a, "1 is a right identity"),
        law("distrib_left", a * (b + c), a * b + a * c, "· distributes on the left"),
        law("distrib_right", (a + b) * c, a * c + b * c, "· distributes on the right"),
        law("annihil_left", zero * a, zero, "0 annihilates on the left"),
        law("annihil_right", a * zero, zero, "0 annihilates on the right"),
    ]


def derivation_laws(name: str, composition: bool = True) -> list[Law]:
    """Return the laws of one derivation called ``name``.

    ``d_one`` is a consequence of the chain rule when the structure has
    ``∘′`` (``composition``).  Without ``∘′`` it is independent of the other
    laws, so it is an optional extra axiom.

    >>> [x.text() for x in derivation_laws("dx")][:2]
    ['dx(a + b) = dx(a) + dx(b)', 'dx(a·b) = dx(a)·b + a·dx(b)']
    >>> derivation_laws("dx", composition=False)[3].kind
    'optional'
    """
    return [
        law(f"d_add[{name}]", d(name, a + b), d(name, a) + d(name, b),
            f"{name} is additive"),
        law(f"d_leibniz[{name}]", d(name, a * b),
            d(name, a) * b + a * d(name, b), f"{name} obeys the Leibniz rule"),
        law(f"d_zero[{name}]", d(name, zero), zero, f"{name} maps 0 to 0",
            kind="consequence"),
        law(f"d_one[{name}]", d(name, one), zero, f"{name} maps 1 to 0",
            kind="consequence" if composition else "optional"),
    ]


def commutation_laws(names: Sequence[str]) -> list[Law]:
    """Return ``commute[∂ᵢ,∂ⱼ]`` for every pair ``i < j`` of ``names``.

    >>> [x.id for x in commutation_laws(["dx", "dy", "dz"])]
    ['commute[dx,dy]', 'commute[dx,dz]', 'commute[dy,dz]']
    """
    laws = []
    for first, second in combinations(names, 2):
        laws.append(law(f"commute[{first},{second}]", d(first, d(second, a)),
                        d(second, d(first, a)),
                        f"{first} and {second} commute"))
    return laws


def composition_laws(names: Sequence[str]) -> list[Law]:
    """Return the laws of ``∘′``, with one chain rule per derivation.

    >>> [x.id for x in composition_laws(["dt"])]
    ['comp_assoc', 'comp_one', 'comp_zero', 'chain[dt]']
    """
    laws = [
        law("comp_assoc", (a @ b) @ c, a @ (b @ c), "∘′ is associative"),
        law("comp_one", one @ a, one, "1 ∘′ f = 1"),
        law("comp_zero", zero @ a, zero, "0 ∘′ f = 0"),
    ]
    for name in names:
        laws.append(law(f"chain[{name}]", d(name, a @ b),
                        (d(name, a) @ b) * d(name, b),
                        f"{name} obeys the chain rule"))
    return laws


def property_laws() -> list[Law]:
    """Return the optional properties, checked like laws.

    >>> [x.id for x in property_laws()]
    ['mul_comm', 'add_idem', 'mul_idem', 'absorptive', 'add_cancel']
    """
    return [
        law("mul_comm", a * b, b * a, "multiplication is commutative",
            kind="property"),
        law("add_idem", a + a, a, "addition is idempotent", kind="property"),
        law("mul_idem", a * a, a, "multiplication is idempotent",
            kind="property"),
        law("absorptive", one + a, one, "1 absorbs: 1 + a = 1",
            kind="property"),
        law("add_cancel", a, b, "addition is cancellative", kind="property",
            premises=((a + c, b + c),)),
    ]


def laws_for(derivations: Sequence[str], composition: bool) -> list[Law]:
    """Return every catalog law for the given derivations and ``∘′``.

    >>> len(laws_for(["dx", "dy"], composition=True))
    29
    """
    laws = semiring_laws()
    for name in derivations:
        laws.extend(derivation_laws(name, composition))
    laws.extend(commutation_laws(derivations))
    if composition:
        laws.extend(composition_laws(derivations))
    laws.extend(property_laws())
    return laws


FAMILIES: tuple[str, ...] = (
    "add_assoc", "add_comm", "add_zero", "mul_assoc", "mul_one_left",
    "mul_one_right", "distrib_left", "distrib_right", "annihil_left",
    "annihil_right", "d_add", "d_leibniz", "d_zero", "d_one", "commute",
    "comp_assoc", "comp_one", "comp_zero", "chain", "mul_comm", "add_idem",
    "mul_idem", "absorptive", "add_cancel",
)
