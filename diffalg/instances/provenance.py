"""The provenance semirings as registered instances, with their derivations.

Seven instances over the variables ``x, y, z`` (see
:mod:`diffalg.instances.provenance_algebra` for the elements and
operations).  Importing this module also registers the canonical
surjections between them (:mod:`diffalg.instances.provenance_maps`).

Derivations and what the checker decides about them:

- ``N[X]``: ``dx, dy, dz`` (formal partials, pairwise commuting), ``euler``
  (``Σ xᵢ∂ᵢ``), ``x_dy`` (``x·∂y``) and ``zero``, with
  ``a ∘′ b = a[x := b]``.  ``[∂ᵢ, E] = ∂ᵢ`` and ``[∂x, x∂y] = ∂y``, so those
  pairs do not commute, while ``E`` and ``x∂y`` do (``x∂y`` keeps the
  degree).  The chain rule holds for ``dx`` and ``zero`` only: for ``∂y``,
  ``∂y(a[x := b]) = (∂x a)[x := b]·∂y b + (∂y a)[x := b]``.
- ``B[X]``: ``dx, dy, dz`` (partials with ``1 + 1 = 1``), ``keep_x``, ``id``
  and ``zero``.  ``keep_x`` is a derivation, because a product of
  monomials contains ``x`` when a factor does, but it does not commute
  with ``∂x``.  ``id`` obeys Leibniz because ``+`` is idempotent, and it
  maps ``1`` to ``1``.
- ``Trio(X)``: ``zero`` only.  A derivation with ``∂x = 1`` would give
  ``1 = ∂(x·x) = 2x`` since ``x·x = x``.
- ``Why(X)``: ``keep_x, keep_y, keep_z`` (keep the witnesses containing the
  variable: derivations with ``∂1 = 0``, pairwise commuting), ``id``,
  ``mul_x`` (``a ↦ x·a``) and ``zero``.  ``id`` and ``mul_x`` break
  ``∂1 = 0``, and ``keep_x`` does not commute with ``mul_x``.
- ``Sorp(X)`` and ``PosBool(X)``: absorptive (``1 + a = 1``).  A derivation
  with ``∂1 = 0`` is then zero, since ``∂a = ∂1 + ∂a = ∂(1 + a) = ∂1 = 0``.
  ``id`` and ``mul_x`` are derivations with ``∂1 ≠ 0``; on ``Sorp(X)``,
  ``dx`` (the partial of the representative) is neither additive,
  ``∂x(1 + x) = ∂x(1) = 0`` but ``∂x 1 + ∂x x = 1``, nor Leibniz:
  with ``a = xy + z`` and ``b = y + z`` the term ``xyz`` of ``a·b`` is
  absorbed by ``yz``, so ``∂x(ab) = y²`` while ``∂a·b + a·∂b = y² + yz``.
- ``Which(X)``: ``id``, ``mul_x`` and ``zero``.

Main names: :func:`algebra`, the factories :func:`naturals_x`,
:func:`booleans_x`, :func:`trio_x`, :func:`why_x`, :func:`sorp_x`,
:func:`posbool_x`, :func:`which_x`.

References: T. J. Green, G. Karvounarakis, V. Tannen, "Provenance
semirings", PODS 2007.
"""

from __future__ import annotations

from functools import cache

from diffalg.instances import provenance_maps  # noqa: F401  (registers maps)
from diffalg.instances.provenance_algebra import (
    Poly,
    ProvenanceAlgebra,
    ProvenanceKind,
)
from diffalg.instances.provenance_derivations import (
    euler_derivation,
    identity_derivation,
    keep_witnesses,
    multiplication_by,
    partial_derivative,
    substitution,
    variable_times_partial,
    zero_derivation,
)
from diffalg.instances.registry import register
from diffalg.structures.structure import DifferentialSemiring

REFERENCE = ("T. J. Green, G. Karvounarakis, V. Tannen, Provenance semirings, "
             "PODS 2007",)

_IDENTITY_ONE = "the identity maps 1 to 1, not 0"
_MUL_X_ONE = "a ↦ x·a maps 1 to x, not 0"


@cache
def algebra(kind: ProvenanceKind) -> ProvenanceAlgebra:
    """Return the algebra of ``kind`` over ``x, y, z``, built once.

    >>> algebra(ProvenanceKind.SORP).name
    'Sorp(X)'
    """
    return ProvenanceAlgebra(kind)


@register("N[X]", "provenance polynomials N[x,y,z] with partials, Euler, x·∂y "
          "and a[x := b]: the chain rule holds for ∂x only")
def naturals_x() -> DifferentialSemiring[Poly]:
    """Build ``N[X]``, the most general provenance semiring.

    >>> s = naturals_x()
    >>> p = s.semiring.parse("2x²y + xy")
    >>> s.semiring.show(s.derivation("euler")(p))
    '6x²y + 2xy'
    """
    n = algebra(ProvenanceKind.N)
    derivations = (
        partial_derivative(n, "x"), partial_derivative(n, "y"),
        partial_derivative(n, "z"), euler_derivation(n),
        variable_times_partial(n, "x", "y"), zero_derivation(n),
    )
    euler = "[∂ᵢ, E] = ∂ᵢ: E counts degrees, ∂ᵢ lowers them"
    chain = ("∂(a[x := b]) also has the term (∂a)[x := b] from the variables "
             "other than x, and x·∂y, E see x through b")
    return DifferentialSemiring(
        "N[X]", n.semiring(), derivations, substitution(n, "x"),
        known_failures={
            "commute[dx,euler]": euler,
            "commute[dy,euler]": euler,
            "commute[dz,euler]": euler,
            "commute[dx,x_dy]": "[∂x, x·∂y] = ∂y",
            "chain[dy]": chain,
            "chain[dz]": chain,
            "chain[euler]": chain,
            "chain[x_dy]": chain,
        },
        properties=frozenset({"mul_comm", "add_cancel"}),
        description="N[x,y,z] with formal partials, the Euler derivation, x·∂y, "
                    "zero and substitution for x.",
        references=REFERENCE,
    )


@register("B[X]", "polynomials with Boolean coefficients (1 + 1 = 1) with "
          "partials, keep_x, the identity and zero")
def booleans_x() -> DifferentialSemiring[Poly]:
    """Build ``B[X]``: provenance polynomials without multiplicities.

    >>> s = booleans_x()
    >>> s.semiring.show(s.derivation("dx")(s.semiring.parse("x² + xy")))
    'x + y'
    """
    b = algebra(ProvenanceKind.B)
    derivations = (
        partial_derivative(b, "x"), partial_derivative(b, "y"),
        partial_derivative(b, "z"), keep_witnesses(b, "x"),
        identity_derivation(b), zero_derivation(b),
    )
    return DifferentialSemiring(
        "B[X]", b.semiring(), derivations,
        known_failures={
            "d_one[id]": _IDENTITY_ONE,
            "commute[dx,keep_x]": "∂x(keep_x(x)) = 1 but keep_x(∂x x) = 0",
        },
        properties=frozenset({"mul_comm", "add_idem"}),
        description="B[x,y,z]: polynomials with coefficients in {0, 1}, 1 + 1 = 1.",
        references=REFERENCE,
    )


@register("Trio(X)", "Trio(x,y,z): natural coefficients, exponents dropped; only "
          "the zero derivation")
def trio_x() -> DifferentialSemiring[Poly]:
    """Build ``Trio(X)``: ``N[X]`` with ``x² = x``.

    >>> s = trio_x()
    >>> s.semiring.show(s.semiring.parse("2x²y + xy"))
    '3xy'
    """
    trio = algebra(ProvenanceKind.TRIO)
    return DifferentialSemiring(
        "Trio(X)", trio.semiring(), (zero_derivation(trio),),
        properties=frozenset({"mul_comm", "add_cancel"}),
        description="Trio(x,y,z): natural coefficients, monomials are sets of "
                    "variables.",
        references=REFERENCE,
    )


@register("Why(X)", "why-provenance: sets of witnesses, with keep_x/y/z, the "
          "identity, a ↦ x·a and zero")
def why_x() -> DifferentialSemiring[Poly]:
    """Build ``Why(X)``: ``+`` is union, ``·`` is pairwise union of witnesses.

    >>> s = why_x()
    >>> s.semiring.show(s.derivation("keep_y")(s.semiring.parse("xy + y + xz")))
    'xy + y'
    """
    why = algebra(ProvenanceKind.WHY)
    derivations = (
        keep_witnesses(why, "x"), keep_witnesses(why, "y"),
        keep_witnesses(why, "z"), identity_derivation(why),
        multiplication_by(why, "x", "mul_x"), zero_derivation(why),
    )
    return DifferentialSemiring(
        "Why(X)", why.semiring(), derivations,
        known_failures={
            "d_one[id]": _IDENTITY_ONE,
            "d_one[mul_x]": _MUL_X_ONE,
            "commute[keep_x,mul_x]": "keep_x(x·1) = x but x·keep_x(1) = 0",
        },
        properties=frozenset({"mul_comm", "add_idem"}),
        description="Why(x,y,z): sets of witnesses; + is union, · joins every "
                    "pair of witnesses.",
        references=REFERENCE,
    )


@register("Sorp(X)", "B[X] with absorption (1 + a = 1): the identity and a ↦ x·a "
          "break ∂1 = 0, and ∂x is not additive")
def sorp_x() -> DifferentialSemiring[Poly]:
    """Build ``Sorp(X)``: minimal monomials under divisibility, exponents kept.

    >>> s = sorp_x()
    >>> s.semiring.show(s.semiring.parse("x²y + xy + 1"))
    '1'
    """
    sorp = algebra(ProvenanceKind.SORP)
    derivations = (
        partial_derivative(sorp, "x"), identity_derivation(sorp),
        multiplication_by(sorp, "x", "mul_x"), zero_derivation(sorp),
    )
    return DifferentialSemiring(
        "Sorp(X)", sorp.semiring(), derivations,
        known_failures={
            "d_add[dx]": "∂x(1 + x) = ∂x(1) = 0 but ∂x(1) + ∂x(x) = 1",
            "d_leibniz[dx]": "absorption can drop a term of a·b whose ∂x "
                             "survives: a = xy + z, b = y + z",
            "commute[dx,mul_x]": "∂x(x·1) = 1 but x·∂x(1) = 0",
            "d_one[id]": _IDENTITY_ONE,
            "d_one[mul_x]": _MUL_X_ONE,
        },
        properties=frozenset({"mul_comm", "add_idem", "absorptive"}),
        description="Sorp(x,y,z): absorptive polynomials; a monomial absorbs its "
                    "multiples.",
        references=REFERENCE,
    )


@register("PosBool(X)", "positive Boolean expressions (antichains of sets): the "
          "identity and a ↦ x·a break ∂1 = 0")
def posbool_x() -> DifferentialSemiring[Poly]:
    """Build ``PosBool(X)``: minimal witnesses, a distributive lattice.

    >>> s = posbool_x()
    >>> s.semiring.show(s.semiring.parse("xy + y + xz"))
    'xz + y'
    """
    posbool = algebra(ProvenanceKind.POSBOOL)
    derivations = (identity_derivation(posbool),
                   multiplication_by(posbool, "x", "mul_x"), zero_derivation(posbool))
    return DifferentialSemiring(
        "PosBool(X)", posbool.semiring(), derivations,
        known_failures={"d_one[id]": _IDENTITY_ONE, "d_one[mul_x]": _MUL_X_ONE},
        properties=frozenset({"mul_comm", "add_idem", "mul_idem", "absorptive"}),
        description="PosBool(x,y,z): positive Boolean expressions as antichains "
                    "of sets of variables.",
        references=REFERENCE,
    )


@register("Which(X)", "lineage: 0 or a set of variables, + and · are union "
          "except with 0")
def which_x() -> DifferentialSemiring[Poly]:
    """Build ``Which(X)``: ``0`` or the set of variables a result depends on.

    >>> s = which_x()
    >>> s.semiring.show(s.semiring.add(s.semiring.parse("x"), s.semiring.one))
    'x'
    """
    which = algebra(ProvenanceKind.WHICH)
    derivations = (identity_derivation(which),
                   multiplication_by(which, "x", "mul_x"), zero_derivation(which))
    return DifferentialSemiring(
        "Which(X)", which.semiring(), derivations,
        known_failures={"d_one[id]": _IDENTITY_ONE, "d_one[mul_x]": _MUL_X_ONE},
        properties=frozenset({"mul_comm", "add_idem", "mul_idem"}),
        description="Which(x,y,z): lineage, 0 or a set of variables; + and · are "
                    "union, with 0 neutral for + and absorbing for ·.",
        references=REFERENCE,
    )
