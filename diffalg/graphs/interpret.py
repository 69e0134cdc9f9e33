"""Interpretations: a semiring with the operations a graph needs beyond ``+, ·``.

A computation graph is evaluated in a :class:`~diffalg.structures.Semiring`
(fields ``zero``, ``one``, ``add``, ``mul``).  Its other operations are
supplied by an :class:`Interpretation`:

- ``functions`` maps a unary function name to its map ``S → S`` and
  ``derivatives`` maps the same name to its derivative ``S → S`` (taken at
  the argument, so ``derivatives["exp"] = exp``), which the backward pass
  uses as the edge label of an ``APPLY`` node;
- ``constant`` embeds a sympy number into ``S``.  Without it, only the
  natural numbers are embedded, as ``n·1 = 1 + … + 1`` (computed by
  doubling), which is meaningful in every semiring;
- ``power`` computes ``x ** r`` for a rational ``r``, for ``POWER`` nodes.

A missing function, derivative, constant or power raises
:class:`MissingOperationError` naming the operation and the semiring.

Ready-made interpretations: :func:`real_interpretation` (floats),
:func:`fraction_interpretation` (exact rationals), :func:`sympy_interpretation`
(sympy expressions, the reals written symbolically) and
:func:`polynomial_interpretation` (``N[X]``, polynomials with natural
coefficients, the provenance semiring of sums of products).

Main names: :class:`Interpretation`, :class:`MissingOperationError`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Generic, TypeVar

import sympy

from diffalg.graphs.graph import GraphError
from diffalg.structures.semiring import Semiring, Tolerance

T = TypeVar("T")

Unary = Callable[[T], T]


class MissingOperationError(GraphError):
    """An operation of a graph is not defined in the semiring it is evaluated in."""


@dataclass(frozen=True)
class Interpretation(Generic[T]):
    """A semiring together with unary functions, derivatives, constants and powers.

    >>> import operator
    >>> naturals = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> n = Interpretation(naturals)
    >>> n.embed(sympy.Integer(5))
    5
    >>> n.function("exp")
    Traceback (most recent call last):
    ...
    diffalg.graphs.interpret.MissingOperationError: unary function 'exp' is not \
defined in semiring 'N' (it defines none): add it to the functions mapping
    """

    semiring: Semiring[T]
    functions: Mapping[str, Unary[T]] = field(default_factory=dict)
    derivatives: Mapping[str, Unary[T]] = field(default_factory=dict)
    constant: Callable[[sympy.Expr], T] | None = None
    power: Callable[[T, sympy.Rational], T] | None = None

    def function(self, name: str) -> Unary[T]:
        """Return the unary function ``name``, or raise naming the semiring."""
        if name not in self.functions:
            raise MissingOperationError(
                f"unary function {name!r} is not defined in semiring "
                f"{self.semiring.name!r} ({_defined(self.functions)}): add it "
                "to the functions mapping"
            )
        return self.functions[name]

    def derivative(self, name: str) -> Unary[T]:
        """Return the derivative of ``name``, or raise naming the semiring.

        >>> real_interpretation().derivative("exp")(0.0)
        1.0
        """
        if name not in self.derivatives:
            raise MissingOperationError(
                f"derivative of {name!r} is not defined in semiring "
                f"{self.semiring.name!r} ({_defined(self.derivatives)}): add "
                "it to the derivatives mapping to run the backward pass"
            )
        return self.derivatives[name]

    def embed(self, value: sympy.Expr) -> T:
        """Return the element of the semiring that the constant ``value`` names.

        >>> fraction_interpretation().embed(sympy.Rational(-2, 3))
        Fraction(-2, 3)
        """
        if self.constant is not None:
            return self.constant(value)
        if isinstance(value, sympy.Integer) and value >= 0:
            return natural_multiple(self.semiring, int(value))
        raise MissingOperationError(
            f"constant {value} has no meaning in semiring {self.semiring.name!r}, "
            "which embeds only natural numbers: pass a constant map to the "
            "interpretation"
        )

    def raise_to(self, base: T, exponent: sympy.Rational) -> T:
        """Return ``base ** exponent`` using the power operation.

        >>> real_interpretation().raise_to(4.0, sympy.Rational(1, 2))
        2.0
        """
        if self.power is None:
            raise MissingOperationError(
                f"power x**{exponent} is not defined in semiring "
                f"{self.semiring.name!r}: pass a power operation, or expand "
                "small positive integer powers into products"
            )
        return self.power(base, exponent)


def _defined(mapping: Mapping[str, object]) -> str:
    if not mapping:
        return "it defines none"
    return "it defines " + ", ".join(sorted(mapping))


def natural_multiple(semiring: Semiring[T], count: int) -> T:
    """Return ``count·1 = 1 + … + 1`` by doubling, in ``O(log count)`` additions.

    >>> import operator
    >>> natural_multiple(Semiring("N", 0, 1, operator.add, operator.mul), 13)
    13
    """
    if count < 0:
        raise GraphError(f"count {count} is negative: only n·1 for n >= 0 exists "
                         "in every semiring")
    total = semiring.zero
    step = semiring.one
    while count:
        if count & 1:
            total = semiring.add(total, step)
        step = semiring.add(step, step)
        count >>= 1
    return total


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    exp_x = math.exp(x)
    return exp_x / (1.0 + exp_x)


def _sigmoid_derivative(x: float) -> float:
    s = _sigmoid(x)
    return s * (1.0 - s)


def _real_power(base: float, exponent: sympy.Rational) -> float:
    return float(base ** float(exponent))


REAL_SEMIRING: Semiring[float] = Semiring(
    "R (float)", 0.0, 1.0, operator.add, operator.mul,
    equal=Tolerance(), equality=Tolerance().describe(),
    description="the real numbers as IEEE doubles",
)


def real_interpretation() -> Interpretation[float]:
    """Return floats with ``exp, log, sin, cos, tanh, sigmoid, relu``.

    ``relu'(x)`` is taken as 1 for ``x > 0`` and 0 otherwise (including at 0).

    >>> r = real_interpretation()
    >>> r.function("relu")(-2.0), r.derivative("relu")(3.0)
    (0.0, 1.0)
    """
    functions: dict[str, Unary[float]] = {
        "exp": math.exp,
        "log": math.log,
        "sin": math.sin,
        "cos": math.cos,
        "tanh": math.tanh,
        "sigmoid": _sigmoid,
        "relu": lambda x: x if x > 0 else 0.0,
    }
    derivatives: dict[str, Unary[float]] = {
        "exp": math.exp,
        "log": lambda x: 1.0 / x,
        "sin": math.cos,
        "cos": lambda x: -math.sin(x),
        "tanh": lambda x: 1.0 - math.tanh(x) ** 2,
        "sigmoid": _sigmoid_derivative,
        "relu": lambda x: 1.0 if x > 0 else 0.0,
    }
    return Interpretation(REAL_SEMIRING, functions, derivatives,
                          constant=lambda v: float(v), power=_real_power)


FRACTION_SEMIRING: Semiring[Fraction] = Semiring(
    "Q (Fraction)", Fraction(0), Fraction(1), operator.add, operator.mul,
    description="the rational numbers, exact",
)


def _fraction_constant(value: sympy.Expr) -> Fraction:
    if not isinstance(value, sympy.Rational):
        raise MissingOperationError(
            f"constant {value} is not rational, so it has no exact value in "
            f"semiring {FRACTION_SEMIRING.name!r}: use a rational constant"
        )
    return Fraction(int(value.p), int(value.q))


def _fraction_power(base: Fraction, exponent: sympy.Rational) -> Fraction:
    if not exponent.is_Integer:
        raise MissingOperationError(
            f"power x**{exponent} is not rational-valued in semiring "
            f"{FRACTION_SEMIRING.name!r}: only integer exponents are exact"
        )
    return base ** int(exponent)


def fraction_interpretation() -> Interpretation[Fraction]:
    """Return exact rationals with ``relu`` (and its derivative), for exact checks.

    >>> q = fraction_interpretation()
    >>> q.function("relu")(Fraction(-1, 2))
    Fraction(0, 1)
    >>> q.raise_to(Fraction(2, 3), sympy.Integer(-2))
    Fraction(9, 4)
    """
    zero, one = Fraction(0), Fraction(1)
    functions: dict[str, Unary[Fraction]] = {
        "relu": lambda x: x if x > 0 else zero,
    }
    derivatives: dict[str, Unary[Fraction]] = {
        "relu": lambda x: one if x > 0 else zero,
    }
    return Interpretation(FRACTION_SEMIRING, functions, derivatives,
                          constant=_fraction_constant, power=_fraction_power)


def _sympy_equal(left: sympy.Expr, right: sympy.Expr) -> bool:
    return bool(sympy.expand(left - right) == 0)


SYMPY_SEMIRING: Semiring[sympy.Expr] = Semiring(
    "sympy expressions", sympy.Integer(0), sympy.Integer(1),
    operator.add, operator.mul, equal=_sympy_equal,
    equality="sympy.expand of the difference is 0",
    description="real-valued expressions written symbolically",
)


def _sympy_relu(x: sympy.Expr) -> sympy.Expr:
    return sympy.Max(0, x)


def _sympy_relu_derivative(x: sympy.Expr) -> sympy.Expr:
    return sympy.Heaviside(x, 0)


def _sympy_sigmoid(x: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-x))


def _sympy_sigmoid_derivative(x: sympy.Expr) -> sympy.Expr:
    s = _sympy_sigmoid(x)
    return s * (1 - s)


def _undefined_pair(name: str) -> tuple[Unary[sympy.Expr], Unary[sympy.Expr]]:
    function = sympy.Function(name)
    variable = sympy.Dummy("u")
    derivative = sympy.diff(function(variable), variable)

    def value(x: sympy.Expr) -> sympy.Expr:
        return function(x)

    def slope(x: sympy.Expr) -> sympy.Expr:
        return derivative.subs(variable, x)

    return value, slope


def sympy_interpretation(undefined: Sequence[str] = ()) -> Interpretation[sympy.Expr]:
    """Return sympy expressions with the elementary functions and ``undefined``.

    Each name in ``undefined`` becomes an undefined sympy function ``f`` whose
    derivative is sympy's ``Derivative(f(u), u)`` at the argument.
    ``relu`` is ``Max(0, x)`` with derivative ``Heaviside(x, 0)`` (0 at 0).

    >>> x = sympy.Symbol("x")
    >>> s = sympy_interpretation(undefined=["f"])
    >>> s.function("f")(x), s.derivative("f")(x)
    (f(x), Derivative(f(x), x))
    >>> s.derivative("sigmoid")(sympy.Integer(0))
    1/4
    """
    functions: dict[str, Unary[sympy.Expr]] = {
        "exp": sympy.exp,
        "log": sympy.log,
        "sin": sympy.sin,
        "cos": sympy.cos,
        "tanh": sympy.tanh,
        "sigmoid": _sympy_sigmoid,
        "relu": _sympy_relu,
    }
    derivatives: dict[str, Unary[sympy.Expr]] = {
        "exp": sympy.exp,
        "log": lambda x: 1 / x,
        "sin": sympy.cos,
        "cos": lambda x: -sympy.sin(x),
        "tanh": lambda x: 1 - sympy.tanh(x) ** 2,
        "sigmoid": _sympy_sigmoid_derivative,
        "relu": _sympy_relu_derivative,
    }
    for name in undefined:
        if not name.isidentifier():
            raise GraphError(f"invalid function name {name!r}: use an identifier")
        functions[name], derivatives[name] = _undefined_pair(name)
    return Interpretation(SYMPY_SEMIRING, functions, derivatives,
                          constant=lambda v: v,
                          power=lambda b, r: b ** r)


def natural_polynomials(generators: Sequence[sympy.Symbol]) -> Semiring[sympy.Poly]:
    """Return ``N[X]``: polynomials in ``generators`` with natural coefficients.

    Elements are sympy ``Poly`` objects over ``ZZ``.  Sums and products of
    polynomials with natural coefficients keep natural coefficients, so
    the carrier is closed as long as only natural constants are embedded.

    >>> x, y = sympy.symbols("x y")
    >>> n = natural_polynomials([x, y])
    >>> n.mul(n.add(n.one, n.one), sympy.Poly(x, x, y)).as_expr()
    2*x
    """
    if not generators:
        raise GraphError("no generators: N[X] needs at least one variable")
    gens = tuple(generators)
    zero = sympy.Poly(0, *gens, domain="ZZ")
    one = sympy.Poly(1, *gens, domain="ZZ")
    names = ", ".join(str(g) for g in gens[:4]) + (", …" if len(gens) > 4 else "")
    return Semiring(
        f"N[{names}]", zero, one, operator.add, operator.mul,
        description="polynomials with natural coefficients (provenance)",
        metadata={"generators": gens},
    )


def polynomial_interpretation(
    generators: Sequence[sympy.Symbol],
) -> Interpretation[sympy.Poly]:
    """Return ``N[X]`` with no unary functions and natural constants only.

    >>> x = sympy.Symbol("x")
    >>> p = polynomial_interpretation([x])
    >>> p.embed(sympy.Integer(3)).as_expr()
    3
    >>> p.embed(sympy.Integer(-1))
    Traceback (most recent call last):
    ...
    diffalg.graphs.interpret.MissingOperationError: constant -1 has no meaning...
    """
    return Interpretation(natural_polynomials(generators))


def polynomial_variable(semiring: Semiring[sympy.Poly], name: str) -> sympy.Poly:
    """Return the generator called ``name`` as an element of ``N[X]``.

    >>> x = sympy.Symbol("x")
    >>> polynomial_variable(natural_polynomials([x]), "x").as_expr()
    x
    """
    generators: tuple[sympy.Symbol, ...] = semiring.metadata["generators"]
    for generator in generators:
        if str(generator) == name:
            return sympy.Poly(generator, *generators, domain="ZZ")
    raise GraphError(f"{name!r} is not a generator of {semiring.name}: add it to "
                     "the generators")
