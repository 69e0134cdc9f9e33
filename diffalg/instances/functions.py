"""Semirings of functions, as sympy expressions, with partial derivatives.

Elements are sympy expressions in a fixed tuple of variables.  Laws are
proved on generic elements (undefined functions such as ``a(x, y, z)``),
which covers every smooth function.  Concrete elements, used for witnesses
and sampling, are polynomials with integer coefficients: that subset is
closed under ``+``, ``·``, the derivations and substitution, and ``expand``
decides equality on it exactly, so a refutation found there is certain.

Instances built here:

- ``note-diagonal``: functions of ``x, y, z`` with ``∂x, ∂y, ∂z`` and
  ``a ∘′ b = a(b, b, b)``; the chain rule fails for every derivation
  (``a = y, b = x`` refutes it for ``∂x``);
- ``note-subst-x``: the same with ``a ∘′ b = a[x := b]``; the chain rule
  holds for ``∂x`` only;
- ``univariate``: functions of ``t`` with ``d/dt`` and composition; every
  law is proved;
- ``Qxy-dx-xdy``: ``Q[x, y]`` with ``∂x`` and ``x∂y``, two derivations that do
  not commute;
- ``Qt-scaled``: ``Q[t]`` with ``2·d/dt`` and substitution; ``c·∂`` is a
  derivation but obeys the chain rule only when ``c·c = c``.

Main names: :func:`function_semiring`, :func:`polynomial_strategy`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy
from hypothesis import strategies as st

from diffalg.instances.registry import register
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring, Symbolic
from diffalg.structures.structure import DifferentialSemiring

Expr = Any  # sympy expressions are untyped

x, y, z, t = sympy.symbols("x y z t")


def polynomial_strategy(variables: Sequence[sympy.Symbol], *, max_degree: int = 2,
                        max_terms: int = 3, min_coefficient: int = -3,
                        max_coefficient: int = 3) -> Any:
    """Return a Hypothesis strategy for small polynomials in ``variables``.

    >>> from hypothesis import find
    >>> find(polynomial_strategy([t]), lambda p: sympy.degree(p, t) == 2)
    t**2
    """
    exponents = st.tuples(*[st.integers(0, max_degree) for _ in variables])
    coefficient = st.integers(min_coefficient, max_coefficient)
    term = st.tuples(coefficient, exponents)

    def build(terms: list[tuple[int, tuple[int, ...]]]) -> Expr:
        total = sympy.Integer(0)
        for c, powers in terms:
            monomial = sympy.Integer(c)
            for variable, power in zip(variables, powers, strict=True):
                monomial *= variable**power
            total += monomial
        return sympy.expand(total)

    return st.lists(term, max_size=max_terms).map(build)


def _expand(expression: Expr) -> Expr:
    return sympy.expand(expression.doit())


def _is_zero(expression: Expr) -> bool | None:
    return True if expression == 0 else None


def _simplify_zero(expression: Expr) -> bool | None:
    return True if sympy.simplify(expression) == 0 else None


def _polynomial_equal(left: Expr, right: Expr) -> bool:
    return bool(sympy.expand(left - right) == 0)


def function_semiring(name: str, variables: Sequence[sympy.Symbol],
                      candidates: Sequence[Expr], *,
                      nonnegative: bool = False) -> Semiring[Expr]:
    """Build the semiring of functions of ``variables`` under ``+`` and ``·``.

    With ``nonnegative`` the sampled polynomials have natural coefficients.

    >>> s = function_semiring("F(t)", [t], [sympy.Integer(0), t])
    >>> s.mul(t + 1, t)
    t*(t + 1)
    >>> s.equal(s.mul(t + 1, t), t**2 + t)
    True
    """
    symbols = {str(v): v for v in variables}

    def generic(label: str) -> Expr:
        return sympy.Function(label)(*variables)

    def parse(text: str) -> Expr:
        from diffalg.expressions import parse_expression

        return parse_expression(text, symbols=symbols)

    low = 0 if nonnegative else -3
    return Semiring(
        name,
        sympy.Integer(0),
        sympy.Integer(1),
        add=lambda a, b: a + b,
        mul=lambda a, b: a * b,
        equal=_polynomial_equal,
        equality="exact (expand(a − b) = 0, exact on polynomials)",
        strategy=polynomial_strategy(variables, min_coefficient=low),
        candidates=tuple(candidates),
        symbolic=Symbolic(generic, lambda a, b: _expand(a - b), _is_zero,
                          _simplify_zero),
        neg=None if nonnegative else (lambda a: -a),
        show=lambda e: str(e),
        source=lambda e: repr(str(e)),
        parse=parse,
        contains=lambda value: isinstance(value, sympy.Expr),
        description=f"functions of {', '.join(map(str, variables))}",
    )


def partial(variable: sympy.Symbol) -> Derivation[Expr]:
    """Return ``∂/∂variable`` as a derivation named ``d<variable>``.

    >>> partial(x)(x**2 * y)
    2*x*y
    """
    return Derivation(f"d{variable}", lambda e: sympy.diff(e, variable),
                      f"∂/∂{variable}")


def substitution(variables: Sequence[sympy.Symbol]) -> Composition[Expr]:
    """Return ``a ∘′ b = a[v := b for v in variables]``, substituted at once.

    >>> substitution([x, y, z])(x * y, x + 1)
    (x + 1)**2
    """
    def compose(a: Expr, b: Expr) -> Expr:
        return a.subs({v: b for v in variables}, simultaneous=True)

    names = ", ".join(f"{v} := b" for v in variables)
    return Composition(compose, f"a ∘′ b = a[{names}]")


XYZ_CANDIDATES: tuple[Expr, ...] = (
    sympy.Integer(0), sympy.Integer(1), x, y, z, sympy.Integer(2), x + 1, x * y,
    x**2, x + y,
)
T_CANDIDATES: tuple[Expr, ...] = (
    sympy.Integer(0), sympy.Integer(1), t, sympy.Integer(2), t + 1, t**2, 2 * t,
)
RING_PROPERTIES = frozenset({"mul_comm", "add_cancel"})


def _xyz_structure(
    name: str,
    composition: Composition[Expr],
    failures: dict[str, str],
    description: str,
) -> DifferentialSemiring[Expr]:
    semiring = function_semiring("functions of x, y, z", (x, y, z), XYZ_CANDIDATES)
    return DifferentialSemiring(
        name, semiring, (partial(x), partial(y), partial(z)), composition,
        known_failures=failures, properties=RING_PROPERTIES,
        description=description)


@register("note-diagonal", "functions of x, y, z, ∘′ = diagonal substitution "
          "a(b, b, b); chain rule fails for ∂x, ∂y, ∂z")
def note_diagonal() -> DifferentialSemiring[Expr]:
    """The note's structure with ``a ∘′ b = a(b, b, b)``.

    >>> note_diagonal().composition(x * y, z)
    z**2
    """
    reason = ("∂(a(b,b,b)) sums the partials of a along the diagonal, "
              "so it is not (∂a)(b,b,b)·∂b")
    return _xyz_structure(
        "note-diagonal", substitution((x, y, z)),
        {"chain[dx]": reason, "chain[dy]": reason, "chain[dz]": reason},
        "Functions of x, y, z with ∂x, ∂y, ∂z and the diagonal substitution "
        "a ∘′ b = a(b, b, b).")


@register("note-subst-x", "functions of x, y, z, ∘′ = substitution for x; "
          "chain rule holds for ∂x only")
def note_subst_x() -> DifferentialSemiring[Expr]:
    """The note's structure with ``a ∘′ b = a[x := b]``.

    >>> note_subst_x().composition(x * y, z)
    y*z
    """
    reason = ("∂y(a[x := b]) = (∂x a)[x := b]·∂y b + (∂y a)[x := b], which is "
              "not (∂y a)[x := b]·∂y b")
    return _xyz_structure(
        "note-subst-x", substitution((x,)),
        {"chain[dy]": reason, "chain[dz]": reason.replace("y", "z")},
        "Functions of x, y, z with ∂x, ∂y, ∂z and the substitution "
        "a ∘′ b = a[x := b].")


@register("univariate", "functions of t with d/dt and composition: every law holds")
def univariate() -> DifferentialSemiring[Expr]:
    """Functions of ``t`` with ``d/dt`` and ``a ∘′ b = a(b(t))``.

    >>> univariate().composition(t**2, t + 1)
    (t + 1)**2
    """
    semiring = function_semiring("functions of t", (t,), T_CANDIDATES)
    return DifferentialSemiring(
        "univariate", semiring, (partial(t),), substitution((t,)),
        properties=RING_PROPERTIES,
        description="Functions of t with d/dt and composition a ∘′ b = a(b(t)).")


def scaled(derivation: Derivation[Expr], factor: int) -> Derivation[Expr]:
    """Return ``factor·∂`` as a new derivation.

    >>> scaled(partial(t), 2)(t**2)
    4*t
    """
    def apply(e: Expr) -> Expr:
        return factor * derivation(e)

    return Derivation(f"{derivation.name}_{factor}", apply,
                      f"{factor}·{derivation.description}")


@register("Qt-scaled", "Q[t] with 2·d/dt and substitution: a derivation "
          "without the chain rule")
def q_t_scaled() -> DifferentialSemiring[Expr]:
    """``Q[t]`` with ``2·d/dt``: Leibniz holds, the chain rule does not.

    >>> q_t_scaled().derivations[0](t)
    2
    """
    semiring = function_semiring("Q[t]", (t,), T_CANDIDATES)
    factor = 2
    return DifferentialSemiring(
        "Qt-scaled", semiring, (scaled(partial(t), factor),), substitution((t,)),
        known_failures={f"chain[dt_{factor}]": "c·∂ obeys the chain rule only "
                        "when c·c = c, and 2·2 ≠ 2"},
        properties=RING_PROPERTIES,
        description="Q[t] with the scaled derivation 2·d/dt and substitution.")


def times(variable: sympy.Symbol, derivation: Derivation[Expr]) -> Derivation[Expr]:
    """Return ``variable·∂`` as a derivation named ``<variable><∂ name>``.

    >>> times(x, partial(y))(y**2)
    2*x*y
    """
    def apply(e: Expr) -> Expr:
        return sympy.expand(variable * derivation(e))

    return Derivation(f"{variable}{derivation.name}", apply,
                      f"{variable}·{derivation.description}")


@register("Qxy-dx-xdy", "Q[x, y] with ∂x and x∂y: derivations that do not commute")
def q_xy() -> DifferentialSemiring[Expr]:
    """``Q[x, y]`` with ``∂x`` and ``x∂y``; ``∂x(x∂y a) − x∂y(∂x a) = ∂y a``.

    >>> s = q_xy()
    >>> s.derivation("dx")(s.derivation("xdy")(y))
    1
    """
    candidates = (sympy.Integer(0), sympy.Integer(1), x, y, x * y)
    semiring = function_semiring("Q[x, y]", (x, y), candidates)
    return DifferentialSemiring(
        "Qxy-dx-xdy", semiring, (partial(x), times(x, partial(y))),
        known_failures={"commute[dx,xdy]": "∂x(x∂y a) = ∂y a + x∂x∂y a"},
        properties=RING_PROPERTIES,
        description="Q[x, y] with the derivations ∂x and x∂y.")


