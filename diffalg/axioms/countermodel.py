"""Finite countermodels: structures that satisfy the hypotheses and break the goal.

The search follows Mace4: for ``n = 1, 2, …`` up to a bound, z3 looks for
tables on the carrier ``{0, …, n-1}`` (an enumeration sort) that satisfy
every hypothesis law at every tuple of elements and break the goal at some
Skolem witness.  The first size with a model gives a smallest countermodel,
and a size that z3 proves impossible is recorded as exhausted.

A derivation that the theory assumes nonzero must take a value other than
``0`` somewhere.

Symmetry breaking (least number heuristic): ``0`` is element ``0`` and ``1``
is element ``0`` or ``1``.  The Skolem constants come next, then the table
cells in order of their largest argument, so every cell on arguments
``≤ m`` comes before any cell with argument ``m + 1``.  Each of them may
take a value at most one more than the largest element seen so far, which
counts earlier values and the cell's own arguments.  Every structure is
isomorphic to one that meets this, because relabelling elements in order of
first appearance along that sequence produces one, so no countermodel is
lost.

The result is a :class:`~diffalg.axioms.model.Countermodel` with plain
tables, printable as Cayley tables, checkable law by law without z3, and
convertible to a finite differential semiring.

Reference: W. McCune, *Mace4 Reference Manual and Guide*, Argonne National
Laboratory ANL/MCS-TM-264 (2003), for the search by size and the least
number heuristic.

Main names: :func:`find_countermodel`, :class:`SearchResult`,
:class:`SearchProgress`; :class:`Countermodel` is re-exported from
:mod:`diffalg.axioms.model`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Literal

import z3

from diffalg.axioms.model import Countermodel, Table
from diffalg.axioms.theory import Signature, Theory
from diffalg.laws.law import Law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero

__all__ = [
    "Countermodel",
    "ProgressCallback",
    "SearchProgress",
    "SearchResult",
    "SizeAttempt",
    "find_countermodel",
]

logger = logging.getLogger(__name__)

SizeStatus = Literal["found", "none", "timed out", "interrupted", "unknown"]


@dataclass(frozen=True)
class SizeAttempt:
    """The outcome of the search at one size."""

    size: int
    status: SizeStatus
    seconds: float


@dataclass(frozen=True)
class SearchProgress:
    """A progress report: ``event`` is ``"start"`` or ``"done"`` for a size.

    ``elapsed`` counts seconds since the search began, and ``status`` is set
    on ``"done"``.
    """

    size: int
    elapsed: float
    event: Literal["start", "done"]
    status: SizeStatus | None = None


ProgressCallback = Callable[[SearchProgress], None]


@dataclass(frozen=True)
class SearchResult:
    """The outcome of a countermodel search, size by size.

    >>> SearchResult(None, (SizeAttempt(1, "none", 0.1),
    ...                     SizeAttempt(2, "timed out", 2.0)),
    ...              2.1, max_size=4, time_limit=2.0).summary()
    'no countermodel of size ≤ 1 within 2.1 s (size 2 timed out)'
    """

    countermodel: Countermodel | None
    attempts: tuple[SizeAttempt, ...]
    seconds: float
    max_size: int
    time_limit: float
    interrupted: bool = False

    @property
    def exhausted_up_to(self) -> int:
        """The largest ``k`` such that every size ``1 … k`` has no countermodel."""
        bound = 0
        for attempt in self.attempts:
            if attempt.status != "none" or attempt.size != bound + 1:
                break
            bound = attempt.size
        return bound

    def summary(self) -> str:
        """Return the result as one line of text."""
        if self.countermodel is not None:
            text = (f"countermodel of size {self.countermodel.size} found in "
                    f"{self.seconds:.1f} s")
            if self.exhausted_up_to < self.countermodel.size - 1:
                text += (" (smaller sizes not exhausted: none of size ≤ "
                         f"{self.exhausted_up_to})")
            return text
        text = (f"no countermodel of size ≤ {self.exhausted_up_to} within "
                f"{self.seconds:.1f} s")
        unfinished = [a for a in self.attempts if a.status != "none"]
        if unfinished:
            notes = ", ".join(f"size {a.size} {a.status}" for a in unfinished)
            text += f" ({notes})"
        if self.interrupted:
            text += ", interrupted"
        return text


@dataclass
class _Encoding:
    context: z3.Context
    elements: list[Any]
    functions: dict[str, Any]
    one: Any
    skolem: dict[str, Any]
    solver: Any
    cells: list[tuple[Any, int]] = field(default_factory=list)


def _z3_term(term: Term, env: Mapping[str, Any], enc: _Encoding) -> Any:
    if isinstance(term, Var):
        return env[term.name]
    if isinstance(term, Zero):
        return enc.elements[0]
    if isinstance(term, One):
        return enc.one
    if isinstance(term, D):
        return enc.functions[f"d:{term.derivation}"](_z3_term(term.arg, env, enc))
    if isinstance(term, Add | Mul | Comp):
        symbol = {Add: "add", Mul: "mul", Comp: "comp"}[type(term)]
        return enc.functions[symbol](_z3_term(term.left, env, enc),
                                     _z3_term(term.right, env, enc))
    raise TypeError(f"cannot encode {term!r}: not a diffalg term")


def _z3_law(item: Law, env: Mapping[str, Any], enc: _Encoding) -> Any:
    conclusion = _z3_term(item.lhs, env, enc) == _z3_term(item.rhs, env, enc)
    if not item.premises:
        return conclusion
    premises = [_z3_term(p, env, enc) == _z3_term(q, env, enc)
                for p, q in item.premises]
    return z3.Implies(z3.And(premises), conclusion)


def _encode(theory: Theory, size: int, symmetry: bool) -> _Encoding:
    context = z3.Context()
    sort, elements = z3.EnumSort(f"D{size}", [f"e{i}" for i in range(size)],
                                 ctx=context)
    signature: Signature = theory.signature
    functions: dict[str, Any] = {
        "add": z3.Function("add", sort, sort, sort),
        "mul": z3.Function("mul", sort, sort, sort),
    }
    if signature.composition:
        functions["comp"] = z3.Function("comp", sort, sort, sort)
    for name in signature.derivations:
        functions[f"d:{name}"] = z3.Function(f"d_{name}", sort, sort)
    one = z3.Const("one", sort)
    goal = theory.goal
    skolem = {v: z3.Const(f"sk_{v}", sort) for v in goal.variables}
    solver = z3.Solver(ctx=context)
    enc = _Encoding(context, list(elements), functions, one, skolem, solver)

    for item in theory.hypotheses:
        names = item.variables
        for values in product(enc.elements, repeat=len(names)):
            solver.add(_z3_law(item, dict(zip(names, values, strict=True)), enc))

    for p, q in goal.premises:
        solver.add(_z3_term(p, skolem, enc) == _z3_term(q, skolem, enc))
    for name in theory.nonzero:
        function = functions[f"d:{name}"]
        solver.add(z3.Or([function(x) != enc.elements[0] for x in enc.elements]))
    solver.add(_z3_term(goal.lhs, skolem, enc) != _z3_term(goal.rhs, skolem, enc))

    solver.add(z3.Or(one == enc.elements[0], one == enc.elements[min(1, size - 1)]))
    enc.cells = [(one, 0), *((const, 0) for const in skolem.values())]
    for largest in range(size):
        for symbol, function in functions.items():
            if symbol.startswith("d:"):
                enc.cells.append((function(enc.elements[largest]), largest))
                continue
            for other in range(largest + 1):
                enc.cells.append((function(enc.elements[largest],
                                           enc.elements[other]), largest))
                if other != largest:
                    enc.cells.append((function(enc.elements[other],
                                               enc.elements[largest]), largest))
    if symmetry:
        _break_symmetry(enc, size)
    return enc


def _break_symmetry(enc: _Encoding, size: int) -> None:
    # seen[k] is true when an earlier value in the sequence is ≥ k, and
    # element 0 (zero) counts as seen.  A cell may take value k only if k - 1
    # is at most its own largest argument, or k - 1 was seen before.
    elements = enc.elements

    def at_least(value: Any, bound: int) -> Any:
        return z3.Or([value == elements[j] for j in range(bound, size)])

    seen: list[Any] = [z3.BoolVal(True, ctx=enc.context)] + [
        z3.BoolVal(False, ctx=enc.context) for _ in range(1, size)
    ]
    for index, (value, largest) in enumerate(enc.cells):
        for k in range(largest + 2, size):
            enc.solver.add(z3.Implies(value == elements[k], seen[k - 1]))
        updated = [seen[0]]
        for k in range(1, size):
            flag = z3.Bool(f"seen_{index}_{k}", ctx=enc.context)
            enc.solver.add(flag == z3.Or(seen[k], at_least(value, k)))
            updated.append(flag)
        seen = updated


def _extract(enc: _Encoding, theory: Theory, size: int) -> Countermodel:
    model = enc.solver.model()
    index = {str(e): i for i, e in enumerate(enc.elements)}

    def value(expr: Any) -> int:
        return index[str(model.eval(expr, model_completion=True))]

    def binary(symbol: str) -> Table:
        function = enc.functions[symbol]
        return tuple(tuple(value(function(x, y)) for y in enc.elements)
                     for x in enc.elements)

    derivations = {
        name: tuple(value(enc.functions[f"d:{name}"](x)) for x in enc.elements)
        for name in theory.signature.derivations
    }
    composition = binary("comp") if theory.signature.composition else None
    witness = {name: value(const) for name, const in enc.skolem.items()}
    return Countermodel(theory, size, binary("add"), binary("mul"), derivations,
                        composition, value(enc.one), witness)


def find_countermodel(
    theory: Theory,
    *,
    max_size: int = 6,
    time_limit: float = 60.0,
    size_time_limit: float | None = None,
    min_size: int = 1,
    progress: ProgressCallback | None = None,
    symmetry: bool = True,
) -> SearchResult:
    """Search for a smallest finite countermodel to ``theory``.

    Sizes ``min_size … max_size`` are tried in order, each for at most
    ``size_time_limit`` seconds (default: the whole remaining time), and the
    search stops after ``time_limit`` seconds in total.  A size that times
    out does not stop the search, so a larger model can still be found.
    Pressing Ctrl-C ends the search with ``interrupted`` set.

    >>> from diffalg.axioms.theory import Signature, Theory
    >>> theory = Theory.build(["semiring", "derivation"], "d_one[dx]",
    ...                       Signature(("dx",)))
    >>> result = find_countermodel(theory, max_size=3, time_limit=20)
    >>> result.countermodel.size, result.countermodel.is_countermodel()
    (2, True)
    >>> [a.status for a in result.attempts]
    ['none', 'found']
    """
    if not 1 <= min_size <= max_size:
        raise ValueError(f"invalid size range {min_size}..{max_size}: need "
                         "1 <= min_size <= max_size")
    if time_limit <= 0:
        raise ValueError(f"invalid time limit {time_limit}: give seconds > 0")

    start = time.monotonic()
    attempts: list[SizeAttempt] = []
    found: Countermodel | None = None
    interrupted = False

    def report(size: int, event: Literal["start", "done"],
               status: SizeStatus | None = None) -> None:
        if progress is not None:
            progress(SearchProgress(size, time.monotonic() - start, event, status))

    for size in range(min_size, max_size + 1):
        remaining = time_limit - (time.monotonic() - start)
        if remaining <= 0:
            break
        budget = remaining if size_time_limit is None else min(remaining,
                                                                size_time_limit)
        size_start = time.monotonic()
        status: SizeStatus
        try:
            report(size, "start")
            status, model = _search_size(theory, size, size_start + budget,
                                         symmetry)
        except KeyboardInterrupt:
            status, model = "interrupted", None
        seconds = time.monotonic() - size_start
        attempts.append(SizeAttempt(size, status, seconds))
        logger.info("size %d: %s in %.2f s", size, status, seconds)
        try:
            report(size, "done", status)
        except KeyboardInterrupt:
            interrupted = True
        if model is not None:
            found = model
            break
        if status == "interrupted":
            interrupted = True
        if interrupted:
            break

    return SearchResult(found, tuple(attempts), time.monotonic() - start,
                        max_size, time_limit, interrupted)


def _search_size(theory: Theory, size: int, deadline: float,
                 symmetry: bool) -> tuple[SizeStatus, Countermodel | None]:
    # Building the constraints is plain Python and is not interrupted by the
    # deadline; z3 gets whatever time remains after it.
    enc = _encode(theory, size, symmetry)
    budget = deadline - time.monotonic()
    if budget <= 0:
        return "timed out", None
    enc.solver.set("timeout", max(1, int(budget * 1000)))
    answer = enc.solver.check()
    if answer == z3.sat:
        model = _extract(enc, theory, size)
        if not model.is_countermodel():
            raise RuntimeError(
                f"z3 returned a size-{size} model that fails "
                f"{model.failing_hypotheses() or [theory.goal.id + ' (goal holds)']}"
            )
        return "found", model
    if answer == z3.unsat:
        return "none", None
    reason = enc.solver.reason_unknown()
    if "interrupted" in reason:
        return "interrupted", None
    if "timeout" in reason or "canceled" in reason:
        return "timed out", None
    logger.warning("z3 returned unknown at size %d: %s", size, reason)
    return "unknown", None

