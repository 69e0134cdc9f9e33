"""Evaluation of law terms on a structure, with a trace of every subterm.

The trace is what makes a refutation readable: for Leibniz it contains
``∂a``, ``∂a·b``, ``a·∂b`` and the rest next to both sides.  An operation that raises
is reported as an :class:`OperationError` naming the operation and its
inputs, so the checker can turn it into an ``error`` verdict.

Main names: :func:`evaluate`, :func:`check_at`, :class:`Outcome`,
:class:`OperationError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from diffalg.laws.law import Law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")


class OperationError(Exception):
    """An operation of the structure raised on the given inputs.

    >>> err = OperationError("mul", ("2", "x"), ZeroDivisionError("boom"))
    >>> str(err)
    "operation mul raised ZeroDivisionError('boom') on inputs (2, x)"
    """

    def __init__(self, operation: str, inputs: tuple[str, ...],
                 cause: BaseException) -> None:
        self.operation = operation
        self.inputs = inputs
        self.cause = cause
        super().__init__(
            f"operation {operation} raised {cause!r} on inputs "
            f"({', '.join(inputs)})"
        )


class NotAnElementError(TypeError):
    """An operation returned a value outside the carrier."""


def _call(structure: DifferentialSemiring[T], name: str,
          function: Callable[..., T], *args: T) -> T:
    try:
        value = function(*args)
    except Exception as error:
        shown = tuple(_show(structure, arg) for arg in args)
        raise OperationError(name, shown, error) from error
    contains = structure.semiring.contains
    if contains is not None and not _member(contains, value):
        shown = tuple(_show(structure, arg) for arg in args)
        problem = NotAnElementError(
            f"returned {value!r}, which is not an element of "
            f"{structure.semiring.name}")
        raise OperationError(name, shown, problem)
    return value


def _member(contains: Callable[[Any], bool], value: Any) -> bool:
    try:
        return bool(contains(value))
    except Exception:  # an unhashable or odd value is not an element
        return False


def _show(structure: DifferentialSemiring[Any], value: Any) -> str:
    try:
        return structure.semiring.show(value)
    except Exception:  # a broken show must not hide the original error
        return repr(value)


def evaluate(term: Term, structure: DifferentialSemiring[T], env: Mapping[str, T],
             trace: dict[Term, T] | None = None) -> T:
    """Evaluate ``term`` with variables from ``env``, recording subterms.

    Equal subterms are evaluated once, which matters for symbolic elements.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.terms import Var, d
    >>> boolean = get("boolean-identity")
    >>> evaluate(d("d", Var("a") * Var("a")), boolean, {"a": True})
    True
    """
    memo: dict[Term, T] = {} if trace is None else trace
    return _evaluate(term, structure, env, memo)


def _evaluate(term: Term, structure: DifferentialSemiring[T],
              env: Mapping[str, T], memo: dict[Term, T]) -> T:
    if term in memo:
        return memo[term]
    semiring = structure.semiring
    value: T
    if isinstance(term, Var):
        if term.name not in env:
            raise KeyError(f"no value for variable {term.name!r}")
        value = env[term.name]
    elif isinstance(term, Zero):
        value = semiring.zero
    elif isinstance(term, One):
        value = semiring.one
    elif isinstance(term, Add):
        left = _evaluate(term.left, structure, env, memo)
        right = _evaluate(term.right, structure, env, memo)
        value = _call(structure, "+", semiring.add, left, right)
    elif isinstance(term, Mul):
        left = _evaluate(term.left, structure, env, memo)
        right = _evaluate(term.right, structure, env, memo)
        value = _call(structure, "·", semiring.mul, left, right)
    elif isinstance(term, Comp):
        if structure.composition is None:
            raise ValueError(f"structure {structure.name!r} has no ∘′")
        left = _evaluate(term.left, structure, env, memo)
        right = _evaluate(term.right, structure, env, memo)
        value = _call(structure, "∘′", structure.composition.apply, left, right)
    elif isinstance(term, D):
        derivation = structure.derivation(term.derivation)
        arg = _evaluate(term.arg, structure, env, memo)
        value = _call(structure, term.derivation, derivation.apply, arg)
    else:
        raise TypeError(f"unknown term {term!r}")
    memo[term] = value
    return value


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The two sides of a law at one assignment, and whether they agree.

    ``premises_hold`` is ``False`` when a Horn premise fails, and then the
    law is vacuously true at this assignment.
    """

    holds: bool
    premises_hold: bool
    lhs: T
    rhs: T
    trace: dict[Term, T]


def _equal(structure: DifferentialSemiring[T], left: T, right: T) -> bool:
    try:
        return bool(structure.semiring.equal(left, right))
    except Exception as error:
        shown = (_show(structure, left), _show(structure, right))
        raise OperationError("=", shown, error) from error


def check_at(law: Law, structure: DifferentialSemiring[T],
             env: Mapping[str, T]) -> Outcome[T]:
    """Evaluate ``law`` at one assignment of its variables.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import derivation_laws
    >>> d_one = derivation_laws("d")[3]
    >>> outcome = check_at(d_one, get("boolean-identity"), {})
    >>> outcome.holds, outcome.lhs, outcome.rhs
    (False, True, False)
    """
    trace: dict[Term, T] = {}
    for left, right in law.premises:
        left_value = _evaluate(left, structure, env, trace)
        right_value = _evaluate(right, structure, env, trace)
        if not _equal(structure, left_value, right_value):
            return Outcome(True, False, left_value, right_value, trace)
    lhs = _evaluate(law.lhs, structure, env, trace)
    rhs = _evaluate(law.rhs, structure, env, trace)
    return Outcome(_equal(structure, lhs, rhs), True, lhs, rhs, trace)
