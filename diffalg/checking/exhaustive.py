"""Exhaustive checking on a finite carrier.

Tuples are visited shell by shell: first every tuple whose largest element
index is 0, then 1, and so on, lexicographically inside a shell.  The first
counterexample found is therefore one whose largest element is as small as
possible in the carrier's order (carriers list small elements first).

Main names: :func:`tuples_by_shell`, :func:`check_exhaustively`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import product
from typing import TypeVar

from diffalg.checking.evaluate import OperationError, check_at
from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.checking.witness import make_witness
from diffalg.laws.law import Law
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")


def tuples_by_shell(size: int, arity: int) -> Iterator[tuple[int, ...]]:
    """Yield all index tuples in ``range(size) ** arity``, smallest shells first.

    >>> list(tuples_by_shell(2, 2))
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    >>> list(tuples_by_shell(3, 1))
    [(0,), (1,), (2,)]
    """
    if arity == 0:
        yield ()
        return
    for top in range(size):
        for indices in product(range(top + 1), repeat=arity):
            if top in indices:
                yield indices


def error_verdict(error: OperationError, method: str, equality: str) -> Verdict:
    """Turn an operation failure into an ``error`` verdict.

    >>> e = OperationError("+", ("1", "2"), ValueError("bad"))
    >>> error_verdict(e, "exhaustive", "exact").error
    "operation + raised ValueError('bad') on inputs (1, 2)"
    """
    return Verdict(VerdictKind.ERROR, method, equality=equality, error=str(error))


def check_exhaustively(law: Law, structure: DifferentialSemiring[T],
                       elements: Sequence[T]) -> Verdict:
    """Decide ``law`` on every tuple of ``elements``.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import derivation_laws
    >>> d_one = derivation_laws("d")[3]
    >>> check_exhaustively(d_one, get("boolean-identity"), (False, True)).kind
    <VerdictKind.REFUTED: 'refuted'>
    """
    names = law.variables
    equality = structure.semiring.equality
    count = 0
    vacuous = 0
    method = f"all {len(elements)}^{len(names)} assignments"
    try:
        for indices in tuples_by_shell(len(elements), len(names)):
            env = {n: elements[i] for n, i in zip(names, indices, strict=True)}
            outcome = check_at(law, structure, env)
            count += 1
            if not outcome.premises_hold:
                vacuous += 1
                continue
            if not outcome.holds:
                witness = make_witness(law, structure, env, outcome)
                return Verdict(VerdictKind.REFUTED, f"exhaustive search, "
                               f"{count} assignments visited", equality=equality,
                               witness=witness)
    except OperationError as error:
        return error_verdict(error, "exhaustive search", equality)
    notes: tuple[str, ...] = ()
    if law.premises:
        notes = (f"premise held in {count - vacuous} of {count} assignments",)
    return Verdict(VerdictKind.EXHAUSTIVE, method, equality=equality, notes=notes)


