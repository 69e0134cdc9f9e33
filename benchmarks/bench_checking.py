"""Measurements of the checking backends, each against a baseline in the same run.

- Finite carriers: :func:`~diffalg.checking.vectorised.check_vectorised`
  against plain nested Python loops over all tuples (the baseline,
  :func:`baseline_nested_loops`) and against the generic exhaustive search.
- Symbolic carriers: :func:`~diffalg.checking.checker.decide` against
  ``sympy.simplify(lhs − rhs) == 0`` on the same generic-function terms.
- Random checking: Hypothesis (:func:`check_by_sampling`) against a plain
  ``random`` loop drawing the same number of examples, and the time taken
  by shrinking a failure.
- Scaling: cost against carrier order, number of derivations and term size.

Every timing is the shortest of ``repeats`` runs, in CPU seconds of this
process (``time.process_time``): on a shared machine, wall-clock timings
include the time other processes held the CPU, while CPU time does not
(everything measured here runs in one thread).  The shrinking benchmark,
which is compared with a wall-clock budget, uses ``time.perf_counter``.
Symbolic timings start from a cold sympy cache and a fresh garbage
collection, because the checker decides each law in a forked child that
does not keep what the previous law cached.

Main names: :class:`Config`, :func:`run_all`, :func:`baseline_nested_loops`.
"""

from __future__ import annotations

import cProfile
import gc
import io
import logging
import pstats
import random
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import product
from typing import Any

import sympy
from sympy.core.cache import clear_cache

from diffalg.checking.checker import DEFAULT_TIMEOUT, applicable_laws, decide, find_law
from diffalg.checking.evaluate import check_at, evaluate
from diffalg.checking.exhaustive import check_exhaustively
from diffalg.checking.sampling import check_by_sampling
from diffalg.checking.vectorised import (
    CHUNK_ELEMENTS,
    OperationTables,
    check_vectorised,
    operation_tables,
    tabulate,
)
from diffalg.checking.verdicts import VerdictKind
from diffalg.instances import get, names
from diffalg.instances.finite_examples import truncated
from diffalg.instances.polynomials import poly_add, poly_derivative
from diffalg.laws.catalog import semiring_laws
from diffalg.laws.law import Law, law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero
from diffalg.structures.finite import finite_structure
from diffalg.structures.operators import Derivation
from diffalg.structures.structure import DifferentialSemiring

logger = logging.getLogger(__name__)

SYMBOLIC_INSTANCES = ("note-diagonal", "note-subst-x", "univariate")


@dataclass(frozen=True)
class Config:
    """Sizes of one benchmark run; :meth:`quick` is for the smoke test."""

    repeats: int = 3
    headline_laws: tuple[str, ...] = ("add_assoc", "mul_assoc", "distrib_left",
                                      "distrib_right", "comp_assoc")
    orders: tuple[int, ...] = (8, 16, 27, 32, 48, 64, 96, 128, 192, 256)
    baseline_max_order: int = 48
    generic_max_order: int = 32
    find_one_second: bool = True
    derivation_counts: tuple[int, ...] = (1, 2, 3, 4, 6, 8)
    term_sizes: tuple[int, ...] = (2, 4, 8, 12, 16, 24)
    symbolic_instances: tuple[str, ...] = SYMBOLIC_INSTANCES
    symbolic_law_limit: int | None = None
    sampling_instances: tuple[str, ...] | None = None
    sampling_examples: int = 100
    sampling_laws_per_instance: int = 4
    shrink: bool = True

    @classmethod
    def quick(cls) -> Config:
        """Return the smallest configuration that still fills every table."""
        return cls(repeats=1, headline_laws=("distrib_left", "comp_assoc"),
                   orders=(8, 16, 27), baseline_max_order=16,
                   generic_max_order=8, find_one_second=False,
                   derivation_counts=(1, 2), term_sizes=(2, 4),
                   symbolic_instances=("univariate",), symbolic_law_limit=8,
                   sampling_instances=("N[t]",), sampling_examples=10,
                   sampling_laws_per_instance=1, shrink=False)


def _best_time(function: Callable[[], Any], repeats: int,
               before: Callable[[], None] | None = None) -> tuple[float, Any]:
    """Return the shortest of ``repeats`` timings of ``function`` and its result.

    The shortest run is the one least disturbed by other processes, which
    matters on a shared machine.
    """
    times = []
    result: Any = None
    for _ in range(repeats):
        if before is not None:
            before()
        started = time.process_time()
        result = function()
        times.append(time.process_time() - started)
    return min(times), result


def _cold() -> None:
    clear_cache()
    gc.collect()


# ---------------------------------------------------------------- finite --


@dataclass(frozen=True)
class _ListTables:
    order: int
    zero: int
    one: int
    add: list[list[int]]
    mul: list[list[int]]
    derivations: dict[str, list[int]]
    composition: list[list[int]] | None


def _list_tables(tables: OperationTables) -> _ListTables:
    n = tables.order
    comp = tables.composition
    return _ListTables(
        n, tables.zero, tables.one,
        tables.add.reshape(n, n).tolist(), tables.mul.reshape(n, n).tolist(),
        {k: v.tolist() for k, v in tables.derivations.items()},
        None if comp is None else comp.reshape(n, n).tolist())


def _plain_value(term: Term, env: dict[str, int], ops: _ListTables) -> int:
    if isinstance(term, Var):
        return env[term.name]
    if isinstance(term, Zero):
        return ops.zero
    if isinstance(term, One):
        return ops.one
    if isinstance(term, Add):
        return ops.add[_plain_value(term.left, env, ops)][
            _plain_value(term.right, env, ops)]
    if isinstance(term, Mul):
        return ops.mul[_plain_value(term.left, env, ops)][
            _plain_value(term.right, env, ops)]
    if isinstance(term, Comp):
        assert ops.composition is not None
        return ops.composition[_plain_value(term.left, env, ops)][
            _plain_value(term.right, env, ops)]
    if isinstance(term, D):
        return ops.derivations[term.derivation][_plain_value(term.arg, env, ops)]
    raise TypeError(f"unknown term {term!r}")


def baseline_nested_loops(law: Law, tables: OperationTables) -> bool:
    """Return whether ``law`` holds, by Python loops over every tuple.

    Terms are evaluated recursively on list-of-lists tables, with no trace
    and no witness; the loop stops at the first failure in lexicographic
    order.

    >>> from diffalg.instances import get
    >>> s = tabulate(get("F2[t]/(t^2)"))
    >>> baseline_nested_loops(semiring_laws()[0], operation_tables(s))
    True
    """
    ops = _list_tables(tables)
    names_ = law.variables
    for values in product(range(ops.order), repeat=len(names_)):
        env = dict(zip(names_, values, strict=True))
        if any(_plain_value(p, env, ops) != _plain_value(q, env, ops)
               for p, q in law.premises):
            continue
        if _plain_value(law.lhs, env, ops) != _plain_value(law.rhs, env, ops):
            return False
    return True


def cyclic_structure(order: int) -> DifferentialSemiring[int]:
    """Return ``Z/order`` with the zero derivation and ``a ∘′ b = a`` as tables.

    >>> cyclic_structure(5).semiring.mul(3, 4)
    2
    """
    add = [[(x + y) % order for y in range(order)] for x in range(order)]
    mul = [[(x * y) % order for y in range(order)] for x in range(order)]
    comp = [[x for _ in range(order)] for x in range(order)]
    return finite_structure(f"Z/{order}", add, mul,
                            derivations={"d": [0] * order}, composition=comp)


@dataclass(frozen=True)
class FiniteRow:
    """One law on one table structure, timed three ways."""

    structure: str
    law: str
    order: int
    verdict: str
    vectorised: float
    baseline: float
    generic: float | None


def bench_finite_headline(config: Config) -> list[FiniteRow]:
    """Time three-variable laws on the tabulated ``F₃[t]/(t³)`` (order 27)."""
    structure = tabulate(get("F3[t]/(t^3)"))
    tables = operation_tables(structure)
    assert tables is not None
    rows = []
    for law_id in config.headline_laws:
        each = find_law(structure, law_id)
        fast, verdict = _best_time(
            partial(check_vectorised, each, structure), config.repeats)
        base, _ = _best_time(
            partial(baseline_nested_loops, each, tables), config.repeats)
        generic, _ = _best_time(
            partial(check_exhaustively, each, structure, tuple(range(27))),
            1)
        rows.append(FiniteRow(structure.name, law_id, 27, verdict.kind.value,
                              fast, base, generic))
    return rows


@dataclass(frozen=True)
class ScalingPoint:
    """One measured point of a scaling series."""

    series: str
    method: str
    x: int
    seconds: float


def bench_orders(config: Config) -> list[ScalingPoint]:
    """Time ``distrib_left`` on ``Z/n`` for each order, three ways."""
    distrib = semiring_laws()[6]
    points = []
    for n in config.orders:
        structure = cyclic_structure(n)
        tables = operation_tables(structure)
        assert tables is not None
        seconds, _ = _best_time(partial(check_vectorised, distrib, structure),
                                  config.repeats)
        points.append(ScalingPoint("order", "vectorised", n, seconds))
        if n <= config.baseline_max_order:
            seconds, _ = _best_time(
                partial(baseline_nested_loops, distrib, tables), 1)
            points.append(ScalingPoint("order", "nested loops", n, seconds))
        if n <= config.generic_max_order:
            seconds, _ = _best_time(
                partial(check_exhaustively, distrib, structure, tuple(range(n))),
                1)
            points.append(ScalingPoint("order", "generic", n, seconds))
    return points


def largest_order_within(seconds: float, start: int = 64) -> tuple[int, float]:
    """Return the largest ``n`` whose ``distrib_left`` on ``Z/n`` takes < ``seconds``.

    Doubles ``n`` until the time exceeds the budget, then bisects to 2 %.
    """
    distrib = semiring_laws()[6]

    def cost(n: int) -> float:
        structure = cyclic_structure(n)
        started = time.process_time()
        check_vectorised(distrib, structure)
        return time.process_time() - started

    low, low_time = start, cost(start)
    if low_time >= seconds:
        return 0, low_time
    high = low * 2
    while (high_time := cost(high)) < seconds:
        low, low_time = high, high_time
        high *= 2
        if high > 4096:
            return low, low_time
    while high - low > max(1, low // 50):
        middle = (low + high) // 2
        middle_time = cost(middle)
        if middle_time < seconds:
            low, low_time = middle, middle_time
        else:
            high = middle
    return low, low_time


@dataclass(frozen=True)
class MemoryRow:
    """Peak memory traced while checking one law vectorised."""

    structure: str
    law: str
    tuples: int
    peak_bytes: int


def measure_peak_memory(order: int, law_id: str = "distrib_left") -> MemoryRow:
    """Trace the peak memory of one law checked vectorised on ``Z/order``.

    numpy reports its array buffers to :mod:`tracemalloc`, so the peak
    covers the blocks; the tables themselves are built before tracing.
    """
    structure = cyclic_structure(order)
    each = find_law(structure, law_id)
    operation_tables(structure)
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        check_vectorised(each, structure)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return MemoryRow(structure.name, each.id, order ** len(each.variables), peak)


def _scaled_tables(order_structure: DifferentialSemiring[int],
                   count: int) -> DifferentialSemiring[int]:
    """Return the structure with ``count`` derivations ``c·∂`` (c cycling 0, 1, 2)."""
    semiring = order_structure.semiring
    base = semiring.metadata["derivation_tables"]["dt"].tolist()
    n = len(base)
    derivations = {}
    for index in range(count):
        factor = index % 3
        table = []
        for x in range(n):
            value = semiring.zero
            for _ in range(factor):
                value = semiring.add(value, base[x])
            table.append(value)
        derivations[f"d{index}"] = table
    metadata = semiring.metadata
    comp = metadata["derivation_tables"]["composition"]
    return finite_structure(f"{order_structure.name} with {count} derivations",
                            metadata["add_table"], metadata["mul_table"],
                            derivations=derivations, composition=comp)


def bench_derivations(config: Config) -> list[ScalingPoint]:
    """Time a whole report against the number of derivations (order 9)."""
    order9 = tabulate(truncated(3, 2))
    points = []
    for count in config.derivation_counts:
        structure = _scaled_tables(order9, count)
        laws = applicable_laws(structure)
        seconds, _ = _best_time(partial(_decide_all, laws, structure),
                                config.repeats)
        points.append(ScalingPoint("derivations", "vectorised", count, seconds))
        seconds, _ = _best_time(partial(_exhaust_all, laws, structure), 1)
        points.append(ScalingPoint("derivations", "generic", count, seconds))
    return points


def _decide_all(laws: list[Law], structure: DifferentialSemiring[int]) -> None:
    for each in laws:
        decide(each, structure, seed=0, max_examples=10)


def _exhaust_all(laws: list[Law], structure: DifferentialSemiring[int]) -> None:
    elements = structure.semiring.elements
    assert elements is not None
    for each in laws:
        check_exhaustively(each, structure, elements)


def product_law(factors: int) -> Law:
    """Return ``((a·b)·c)·… = a·(b·(c·…))`` with ``factors`` factors.

    >>> product_law(4).text()
    '((a·b)·c)·a = a·(b·(c·a))'
    """
    letters = [Var("abc"[i % 3]) for i in range(factors)]
    left: Term = letters[0]
    for term in letters[1:]:
        left = Mul(left, term)
    right: Term = letters[-1]
    for term in reversed(letters[:-1]):
        right = Mul(term, right)
    return law(f"product[{factors}]", left, right, "· is associative, at length")


def term_size(term: Term) -> int:
    """Return the number of nodes of ``term``.

    >>> term_size(product_law(3).lhs)
    5
    """
    return 1 + sum(term_size(child) for child in term.children())


def bench_term_size(config: Config) -> list[ScalingPoint]:
    """Time products of growing length on the tabulated ``F₃[t]/(t³)``."""
    structure = tabulate(get("F3[t]/(t^3)"))
    tables = operation_tables(structure)
    assert tables is not None
    points = []
    for factors in config.term_sizes:
        each = product_law(factors)
        size = term_size(each.lhs) + term_size(each.rhs)
        seconds, _ = _best_time(partial(check_vectorised, each, structure),
                                  config.repeats)
        points.append(ScalingPoint("term size", "vectorised", size, seconds))
        seconds, _ = _best_time(partial(baseline_nested_loops, each, tables), 1)
        points.append(ScalingPoint("term size", "nested loops", size, seconds))
    return points


# -------------------------------------------------------------- symbolic --


@dataclass(frozen=True)
class SymbolicRow:
    """One law on one symbolic instance: diffalg against ``simplify``."""

    structure: str
    law: str
    verdict: str
    diffalg: float
    baseline: float | None
    baseline_zero: bool | None
    evaluation: float | None
    diffalg_warm: float
    baseline_warm: float | None

    @property
    def agrees(self) -> bool | None:
        """Whether both prove the law, or neither does (``None``: no baseline)."""
        if self.baseline_zero is None:
            return None
        return (self.verdict == VerdictKind.PROVED.value) == self.baseline_zero


def evaluate_generic(law: Law, structure: DifferentialSemiring[Any]) -> Any:
    """Return ``lhs − rhs`` on generic elements, unsimplified.

    Both the baseline and diffalg's first stage start with this step.

    >>> from diffalg.instances import get
    >>> evaluate_generic(semiring_laws()[1], get("univariate"))
    0
    """
    symbolic = structure.semiring.symbolic
    assert symbolic is not None
    env = {name: symbolic.generic(name) for name in law.variables}
    trace: dict[Term, Any] = {}
    lhs = evaluate(law.lhs, structure, env, trace)
    rhs = evaluate(law.rhs, structure, env, trace)
    return lhs - rhs


def baseline_simplify(law: Law, structure: DifferentialSemiring[Any]) -> bool:
    """Return whether ``simplify(lhs − rhs) == 0`` on generic elements.

    >>> from diffalg.instances import get
    >>> baseline_simplify(semiring_laws()[1], get("univariate"))
    True
    """
    return bool(sympy.simplify(evaluate_generic(law, structure)) == 0)


def bench_symbolic(config: Config) -> list[SymbolicRow]:
    """Time every applicable law of the symbolic instances, both ways.

    Cold timings clear the sympy cache before each run.  Warm timings come
    after every law of the instance has been decided and simplified once in
    this process, as when a report is checked in one process
    (``check(..., timeout=None)``).
    """
    rows = []
    for name in config.symbolic_instances:
        structure = get(name)
        laws = applicable_laws(structure)[:config.symbolic_law_limit]
        cold: dict[str, tuple[Any, ...]] = {}
        for each in laws:
            diffalg, verdict = _best_time(
                partial(decide, each, structure, seed=0, max_examples=200),
                config.repeats, _cold)
            baseline: float | None = None
            zero: bool | None = None
            evaluation: float | None = None
            if not each.premises:
                baseline, zero = _best_time(
                    partial(baseline_simplify, each, structure),
                    config.repeats, _cold)
                evaluation, _ = _best_time(
                    partial(evaluate_generic, each, structure),
                    config.repeats, _cold)
            cold[each.id] = (verdict, diffalg, baseline, zero, evaluation)

        _cold()
        for each in laws:
            decide(each, structure, seed=0, max_examples=200)
            if not each.premises:
                baseline_simplify(each, structure)
        for each in laws:
            verdict, diffalg, baseline, zero, evaluation = cold[each.id]
            diffalg_warm, _ = _best_time(
                partial(decide, each, structure, seed=0, max_examples=200),
                config.repeats)
            baseline_warm: float | None = None
            if not each.premises:
                baseline_warm, _ = _best_time(
                    partial(baseline_simplify, each, structure), config.repeats)
            rows.append(SymbolicRow(name, each.id, verdict.kind.value, diffalg,
                                    baseline, zero, evaluation, diffalg_warm,
                                    baseline_warm))
    return rows


@dataclass(frozen=True)
class ProfileLine:
    """One function of a cProfile run: calls and cumulative seconds."""

    function: str
    calls: int
    cumulative: float


PROFILED = ("evaluate.py:", "check_at", "search_candidates", "_expand",
            "simplify", "check_by_sampling", "staged.py:", "subs", "(diff)",
            "(doit)", "(expand)")


def profile_symbolic(config: Config,
                     decide_law: Callable[[Law, DifferentialSemiring[Any]], Any]
                     ) -> tuple[float, list[ProfileLine]]:
    """Profile ``decide_law`` over the symbolic instances, cold per law.

    Returns the total profiled time and the cumulative time of the
    functions in :data:`PROFILED`, largest first.
    """
    profiler = cProfile.Profile()
    for name in config.symbolic_instances:
        structure = get(name)
        for each in applicable_laws(structure)[:config.symbolic_law_limit]:
            _cold()
            profiler.enable()
            decide_law(each, structure)
            profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    lines = []
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, lineno, function), row in raw.items():
        label = f"{filename.rsplit('/', 1)[-1]}:{lineno}({function})"
        if not any(marker in label for marker in PROFILED):
            continue
        calls, cumulative = int(row[1]), float(row[3])
        lines.append(ProfileLine(label, calls, cumulative))
    lines.sort(key=lambda line: line.cumulative, reverse=True)
    return total, lines[:10]


# -------------------------------------------------------------- sampling --


@dataclass(frozen=True)
class SamplingRow:
    """One law sampled by Hypothesis and by a plain ``random`` loop."""

    structure: str
    law: str
    examples: int
    hypothesis: float
    plain: float
    hypothesis_one: float


def _symbolic_polynomial(structure: DifferentialSemiring[Any]
                         ) -> Callable[[random.Random], Any]:
    """Draw polynomials shaped like ``polynomial_strategy``'s (≤ 3 terms)."""
    symbolic = structure.semiring.symbolic
    assert symbolic is not None
    variables = symbolic.generic("a").args
    low = 0 if structure.semiring.neg is None else -3

    def draw(rng: random.Random) -> Any:
        total = sympy.Integer(0)
        for _ in range(rng.randint(0, 3)):
            monomial = sympy.Integer(rng.randint(low, 3))
            for variable in variables:
                monomial *= variable ** rng.randint(0, 2)
            total += monomial
        return sympy.expand(total)

    return draw


def _natural_polynomial(rng: random.Random) -> tuple[int, ...]:
    """Draw like ``natural_polynomials()``: up to 4 coefficients in 0..4."""
    coefficients = [rng.randint(0, 4) for _ in range(rng.randint(0, 4))]
    while coefficients and coefficients[-1] == 0:
        coefficients.pop()
    return tuple(coefficients)


def plain_generator(structure: DifferentialSemiring[Any]
                    ) -> Callable[[random.Random], Any] | None:
    """Return a ``random``-based element generator for ``structure``, if known."""
    if structure.semiring.symbolic is not None:
        return _symbolic_polynomial(structure)
    if structure.semiring.name == "N[t]":
        return _natural_polynomial
    return None


def _sampled_laws(structure: DifferentialSemiring[Any], count: int) -> list[Law]:
    wanted = ["add_assoc", "distrib_left", "d_leibniz", "chain", "commute"]
    chosen: list[Law] = []
    for family in wanted:
        for each in applicable_laws(structure):
            if each.family == family and not structure.expects_failure(each.id):
                chosen.append(each)
                break
    return chosen[:count]


def infinite_instances() -> list[str]:
    """Return the registered instances with an infinite carrier and a strategy."""
    found = []
    for name in names():
        structure = get(name)
        semiring = structure.semiring
        if semiring.elements is None and semiring.strategy is not None:
            found.append(name)
    return found


def bench_sampling(config: Config, instances: Sequence[str]) -> list[SamplingRow]:
    """Time Hypothesis and a plain loop on a few holding laws per instance."""
    rows = []
    for name in instances:
        structure = get(name)
        draw = plain_generator(structure)
        if draw is None:
            logger.info("no plain generator for %s; skipped", name)
            continue
        for each in _sampled_laws(structure, config.sampling_laws_per_instance):
            started = time.process_time()
            verdict = check_by_sampling(each, structure, seed_value=0,
                                        max_examples=config.sampling_examples)
            hypothesis = time.process_time() - started
            examples = verdict.examples or config.sampling_examples
            rng = random.Random(0)
            started = time.process_time()
            for _ in range(examples):
                env = {v: draw(rng) for v in each.variables}
                check_at(each, structure, env)
            plain = time.process_time() - started
            started = time.process_time()
            check_by_sampling(each, structure, seed_value=0, max_examples=1)
            hypothesis_one = time.process_time() - started
            rows.append(SamplingRow(name, each.id, examples, hypothesis, plain,
                                    hypothesis_one))
    return rows


@dataclass(frozen=True)
class ShrinkRow:
    """A failing law sampled by Hypothesis until shrunk, against the budget."""

    structure: str
    law: str
    seconds: float
    budget: float
    witness: str


def shifted_naturals() -> DifferentialSemiring[Any]:
    """Return ``N[t]`` with ``∂p = p′ + p``, which breaks the Leibniz rule."""
    base = get("N[t]")

    def shifted(p: tuple[int, ...]) -> tuple[int, ...]:
        return poly_add(poly_derivative(p), p)

    return DifferentialSemiring("N[t]-shifted", base.semiring,
                                (Derivation("dt", shifted, "p′ + p"),),
                                base.composition)


def bench_shrinking() -> list[ShrinkRow]:
    """Time refutation with shrinking on two failing laws."""
    cases = [(shifted_naturals(), "d_leibniz[dt]"),
             (get("Qt-scaled"), "chain[dt_2]")]
    rows = []
    for structure, law_id in cases:
        each = find_law(structure, law_id)
        started = time.perf_counter()
        verdict = check_by_sampling(each, structure, seed_value=0,
                                    max_examples=200)
        seconds = time.perf_counter() - started
        witness = verdict.witness.describe_assignment() if verdict.witness else "-"
        rows.append(ShrinkRow(structure.name, law_id, seconds, DEFAULT_TIMEOUT,
                              witness))
    return rows


# ------------------------------------------------------------------- all --


@dataclass
class Results:
    """Everything one run measured."""

    config: Config
    headline: list[FiniteRow] = field(default_factory=list)
    orders: list[ScalingPoint] = field(default_factory=list)
    one_second: tuple[int, float] | None = None
    memory: list[MemoryRow] = field(default_factory=list)
    derivations: list[ScalingPoint] = field(default_factory=list)
    term_sizes: list[ScalingPoint] = field(default_factory=list)
    symbolic: list[SymbolicRow] = field(default_factory=list)
    profile_total: float = 0.0
    profile: list[ProfileLine] = field(default_factory=list)
    sampling: list[SamplingRow] = field(default_factory=list)
    shrinking: list[ShrinkRow] = field(default_factory=list)
    chunk_elements: int = CHUNK_ELEMENTS
    seconds: float = 0.0


def run_all(config: Config) -> Results:
    """Run every benchmark of ``config`` and return the measurements."""
    started = time.perf_counter()
    results = Results(config)

    logger.info("finite: headline laws")
    results.headline = bench_finite_headline(config)
    logger.info("finite: orders %s", config.orders)
    results.orders = bench_orders(config)
    if config.find_one_second:
        logger.info("finite: largest order within one second")
        results.one_second = largest_order_within(1.0)
    largest = config.orders[-1]
    results.memory = [measure_peak_memory(27), measure_peak_memory(largest)]
    results.memory += [measure_peak_memory(largest, law_id)
                       for law_id in ("comp_assoc", "add_cancel", "chain[d]")]

    logger.info("finite: derivations and term size")
    results.derivations = bench_derivations(config)
    results.term_sizes = bench_term_size(config)

    logger.info("symbolic: %s", config.symbolic_instances)
    results.symbolic = bench_symbolic(config)
    results.profile_total, results.profile = profile_symbolic(
        config, partial(decide, seed=0, max_examples=200))

    logger.info("sampling")
    instances = config.sampling_instances or tuple(infinite_instances())
    results.sampling = bench_sampling(config, instances)
    if config.shrink:
        results.shrinking = bench_shrinking()

    results.seconds = time.perf_counter() - started
    return results
