"""Laws of maps between structures, and how they are decided.

The term language of :mod:`diffalg.laws.terms` speaks about one carrier.
Homomorphisms ``h : S → T`` and actions ``R × M → M`` relate two, so their
laws are stated here as Python checks.  Each :class:`MapLaw` names its
variables together with the :class:`Carrier` they range over, and evaluates
both sides and the steps in between at an assignment.

Homomorphism laws (:func:`homomorphism_laws`):

- ``hom_zero``: ``h(0) = 0′``; ``hom_one``: ``h(1) = 1′``;
- ``hom_add``: ``h(a + b) = h(a) + h(b)``; ``hom_mul``: ``h(a·b) = h(a)·h(b)``;
- ``hom_derivation[∂]`` for each pair ``(∂, ∂′)``: ``h(∂a) = ∂′(h(a))``.

Action laws of a semiring ``R`` on a commutative monoid ``(M, +, 0)``
(:func:`action_laws`), with ``r, s ∈ R`` and ``m, n, p ∈ M``:

- ``act_assoc``: ``(r·s)·m = r·(s·m)``; ``act_one``: ``1·m = m``;
- ``act_zero_scalar``: ``0·m = 0``; ``act_zero_vector``: ``r·0 = 0``;
- ``act_distrib_scalar``: ``(r + s)·m = r·m + s·m``;
- ``act_distrib_vector``: ``r·(m + n) = r·m + r·n``;
- the monoid laws of ``M`` (:func:`monoid_laws`): ``add_assoc``,
  ``add_comm``, ``add_zero``.

:func:`decide_map_law` decides one law the way the main checker decides a
catalog law: every assignment when all carriers are finite and small, else
the small candidates first and then Hypothesis sampling with a fixed seed.
Verdicts and witnesses are those of :mod:`diffalg.checking.verdicts`.

Main names: :class:`Carrier`, :class:`MapLaw`, :func:`homomorphism_laws`,
:func:`action_laws`, :func:`monoid_laws`, :func:`decide_map_law`,
:func:`check_map_laws`, :class:`MapReport`.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Generic, TypeVar

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from diffalg.checking.limits import ChildFailed, TimedOut, run_limited
from diffalg.checking.verdicts import Verdict, VerdictKind, Witness
from diffalg.structures.operators import Derivation
from diffalg.structures.semiring import Semiring

T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")
M = TypeVar("M")

logger = logging.getLogger(__name__)

EXHAUSTIVE_LIMIT = 100_000
MAX_CANDIDATE_TUPLES = 4096
DEFAULT_SEED = 0
DEFAULT_MAX_EXAMPLES = 100
DEFAULT_TIMEOUT = 60.0


def _text(value: object) -> str:
    return str(value)


@dataclass(frozen=True, eq=False)
class Carrier(Generic[T]):
    """A set of values with what a checker needs to quantify over it.

    ``elements`` lists a finite carrier, smallest first; ``strategy`` draws
    elements of an infinite one; ``candidates`` are small elements tried
    first as witnesses.  ``show`` renders a value for reports and ``source``
    as a Python literal that rebuilds it.  ``contains``, when given, tests
    membership: a law whose evaluation produces a value outside its
    carrier gets an ``error`` verdict.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> bits.is_finite, bits.show(1)
    (True, '1')
    """

    name: str
    equal: Callable[[T, T], bool] = operator.eq
    equality: str = "exact"
    elements: Sequence[T] | None = None
    strategy: Any = None
    candidates: Sequence[T] = ()
    show: Callable[[T], str] = _text
    source: Callable[[T], str] = repr
    contains: Callable[[Any], bool] | None = None

    @property
    def is_finite(self) -> bool:
        """Whether the carrier is listed in full.

        >>> Carrier("N").is_finite
        False
        """
        return self.elements is not None

    def small_values(self) -> Sequence[T]:
        """Return the values tried before sampling: candidates, else 8 elements.

        >>> Carrier("bits", elements=(0, 1)).small_values()
        (0, 1)
        """
        if self.candidates:
            return self.candidates
        if self.elements is not None:
            return self.elements[:8]
        return ()

    def draw(self) -> Any:
        """Return a Hypothesis strategy for the carrier, or ``None``.

        A finite carrier without a strategy is sampled from its elements.

        >>> Carrier("bits", elements=(0, 1)).draw() is not None
        True
        """
        if self.strategy is not None:
            return self.strategy
        if self.elements:
            return st.sampled_from(list(self.elements))
        return None


def carrier_of(semiring: Semiring[T]) -> Carrier[T]:
    """Return the carrier of ``semiring``, with its equality and strategy.

    >>> from diffalg.instances import get
    >>> carrier_of(get("boolean-identity").semiring).elements
    (False, True)
    """
    return Carrier(
        semiring.name,
        equal=semiring.equal,
        equality=semiring.equality,
        elements=semiring.elements,
        strategy=semiring.strategy,
        candidates=semiring.candidates,
        show=semiring.show,
        source=semiring.source,
        contains=semiring.contains,
    )


@dataclass(frozen=True, eq=False)
class Step:
    """A value computed while evaluating a law, with the carrier it lies in.

    >>> Step("h(a)", 1, Carrier("bits")).shown()
    '1'
    """

    label: str
    value: Any
    carrier: Carrier[Any]

    def shown(self) -> str:
        """Render the value with its carrier's ``show``, or ``repr`` if that fails.

        >>> Step("x", [1], Carrier("lists", show=lambda v: v[5])).shown()
        '[1]'
        """
        try:
            return self.carrier.show(self.value)
        except Exception:  # a broken show must not hide the verdict
            return repr(self.value)


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Both sides of a law at one assignment, and the steps between.

    >>> bits = Carrier("bits")
    >>> Evaluation(Step("lhs", 1, bits), Step("rhs", 1, bits)).holds
    True
    """

    lhs: Step
    rhs: Step
    steps: tuple[Step, ...] = ()

    @property
    def holds(self) -> bool:
        """Whether the sides are equal in the carrier of the left side."""
        return bool(self.lhs.carrier.equal(self.lhs.value, self.rhs.value))


Evaluator = Callable[[Mapping[str, Any]], Evaluation]


@dataclass(frozen=True, eq=False)
class MapLaw:
    """A law of a map or an action, stated as a check on its variables.

    ``variables`` pairs each variable name with the carrier it ranges over;
    ``evaluate`` computes both sides at an assignment.  The family is the
    part of ``id`` before ``[``.

    >>> naturals = Carrier("N", strategy=st.integers(0, 9), candidates=(0, 1, 2))
    >>> double = MapLaw("double_add", "2(a + b) = 2a + 2b", "doubling is additive",
    ...     (("a", naturals), ("b", naturals)),
    ...     lambda env: Evaluation(Step("2(a + b)", 2 * (env["a"] + env["b"]),
    ...                                 naturals),
    ...                            Step("2a + 2b", 2 * env["a"] + 2 * env["b"],
    ...                                 naturals)))
    >>> double.family, double.variable_names
    ('double_add', ('a', 'b'))
    """

    id: str
    statement: str
    summary: str
    variables: tuple[tuple[str, Carrier[Any]], ...]
    evaluate: Evaluator

    @property
    def family(self) -> str:
        """The law's id without its bracketed argument."""
        return self.id.split("[", 1)[0]

    @property
    def variable_names(self) -> tuple[str, ...]:
        """The names of the variables, in order."""
        return tuple(name for name, _ in self.variables)


def homomorphism_laws(
    source: Semiring[S],
    target: Semiring[T],
    apply: Callable[[S], T],
    derivations: Sequence[tuple[Derivation[S], Derivation[T]]] = (),
    name: str = "h",
) -> list[MapLaw]:
    """Return the laws of a semiring homomorphism ``apply : source → target``.

    One ``hom_derivation`` law is added per derivation pair ``(∂, ∂′)``; its
    id is ``hom_derivation[∂]`` when both have the same name, else
    ``hom_derivation[∂,∂′]``.

    >>> import operator
    >>> integers = Semiring("Z", 0, 1, operator.add, operator.mul,
    ...                     candidates=(0, 1, 2, -1))
    >>> [law.id for law in homomorphism_laws(integers, integers, abs)]
    ['hom_zero', 'hom_one', 'hom_add', 'hom_mul']
    >>> law = homomorphism_laws(integers, integers, abs)[2]
    >>> law.statement, law.evaluate({"a": 1, "b": -1}).holds
    ('h(a + b) = h(a) + h(b)', False)
    """
    src = carrier_of(source)
    tgt = carrier_of(target)

    def zero(env: Mapping[str, Any]) -> Evaluation:
        return Evaluation(Step(f"{name}(0)", apply(source.zero), tgt),
                          Step("0", target.zero, tgt))

    def one(env: Mapping[str, Any]) -> Evaluation:
        return Evaluation(Step(f"{name}(1)", apply(source.one), tgt),
                          Step("1", target.one, tgt))

    def additive(env: Mapping[str, Any]) -> Evaluation:
        a, b = env["a"], env["b"]
        total = source.add(a, b)
        ha, hb = apply(a), apply(b)
        return Evaluation(
            Step(f"{name}(a + b)", apply(total), tgt),
            Step(f"{name}(a) + {name}(b)", target.add(ha, hb), tgt),
            (Step("a + b", total, src), Step(f"{name}(a)", ha, tgt),
             Step(f"{name}(b)", hb, tgt)),
        )

    def multiplicative(env: Mapping[str, Any]) -> Evaluation:
        a, b = env["a"], env["b"]
        prod = source.mul(a, b)
        ha, hb = apply(a), apply(b)
        return Evaluation(
            Step(f"{name}(a·b)", apply(prod), tgt),
            Step(f"{name}(a)·{name}(b)", target.mul(ha, hb), tgt),
            (Step("a·b", prod, src), Step(f"{name}(a)", ha, tgt),
             Step(f"{name}(b)", hb, tgt)),
        )

    one_var = (("a", src),)
    two_vars = (("a", src), ("b", src))
    laws = [
        MapLaw("hom_zero", f"{name}(0) = 0", f"{name} maps 0 to 0", (), zero),
        MapLaw("hom_one", f"{name}(1) = 1", f"{name} maps 1 to 1", (), one),
        MapLaw("hom_add", f"{name}(a + b) = {name}(a) + {name}(b)",
               f"{name} preserves +", two_vars, additive),
        MapLaw("hom_mul", f"{name}(a·b) = {name}(a)·{name}(b)",
               f"{name} preserves ·", two_vars, multiplicative),
    ]
    for before, after in derivations:
        laws.append(_derivation_law(name, apply, before, after, one_var, tgt, src))
    return laws


def _derivation_law(name: str, apply: Callable[[Any], Any], before: Derivation[Any],
                    after: Derivation[Any], variables: tuple[tuple[str, Carrier[Any]],
                                                             ...],
                    tgt: Carrier[Any], src: Carrier[Any]) -> MapLaw:
    same = before.name == after.name
    law_id = (f"hom_derivation[{before.name}]" if same
              else f"hom_derivation[{before.name},{after.name}]")
    after_text = f"{after.name}′" if same else after.name

    def commutes(env: Mapping[str, Any]) -> Evaluation:
        a = env["a"]
        derived = before(a)
        image = apply(a)
        return Evaluation(
            Step(f"{name}({before.name}(a))", apply(derived), tgt),
            Step(f"{after_text}({name}(a))", after(image), tgt),
            (Step(f"{before.name}(a)", derived, src), Step(f"{name}(a)", image, tgt)),
        )

    return MapLaw(law_id, f"{name}({before.name}(a)) = {after_text}({name}(a))",
                  f"{name} carries {before.name} to {after.name}", variables,
                  commutes)


def monoid_laws(module: Carrier[M], zero: M, add: Callable[[M, M], M]) -> list[MapLaw]:
    """Return the laws of a commutative monoid ``(M, +, 0)``.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> [law.id for law in monoid_laws(bits, 0, max)]
    ['add_assoc', 'add_comm', 'add_zero']
    """

    def assoc(env: Mapping[str, Any]) -> Evaluation:
        m, n, p = env["m"], env["n"], env["p"]
        left, right = add(m, n), add(n, p)
        return Evaluation(Step("(m + n) + p", add(left, p), module),
                          Step("m + (n + p)", add(m, right), module),
                          (Step("m + n", left, module), Step("n + p", right, module)))

    def comm(env: Mapping[str, Any]) -> Evaluation:
        m, n = env["m"], env["n"]
        return Evaluation(Step("m + n", add(m, n), module),
                          Step("n + m", add(n, m), module))

    def neutral(env: Mapping[str, Any]) -> Evaluation:
        m = env["m"]
        return Evaluation(Step("m + 0", add(m, zero), module), Step("m", m, module))

    m, n, p = ("m", module), ("n", module), ("p", module)
    return [
        MapLaw("add_assoc", "(m + n) + p = m + (n + p)",
               "addition of vectors is associative", (m, n, p), assoc),
        MapLaw("add_comm", "m + n = n + m", "addition of vectors is commutative",
               (m, n), comm),
        MapLaw("add_zero", "m + 0 = m", "0 is neutral for vectors", (m,), neutral),
    ]


def action_laws(scalars: Semiring[R], module: Carrier[M], zero: M,
                add: Callable[[M, M], M], act: Callable[[R, M], M]) -> list[MapLaw]:
    """Return the laws of an action ``act`` of ``scalars`` on ``(module, +, 0)``.

    >>> import operator
    >>> naturals = Semiring("N", 0, 1, operator.add, operator.mul,
    ...                     candidates=(0, 1, 2))
    >>> ints = Carrier("N", candidates=(0, 1, 2))
    >>> laws = action_laws(naturals, ints, 0, operator.add, operator.mul)
    >>> [law.id for law in laws][:3]
    ['act_assoc', 'act_one', 'act_zero_scalar']
    >>> laws[0].evaluate({"r": 2, "s": 3, "m": 5}).lhs.value
    30
    """
    ring = carrier_of(scalars)

    def assoc(env: Mapping[str, Any]) -> Evaluation:
        r, s, m = env["r"], env["s"], env["m"]
        rs, sm = scalars.mul(r, s), act(s, m)
        return Evaluation(Step("(r·s)·m", act(rs, m), module),
                          Step("r·(s·m)", act(r, sm), module),
                          (Step("r·s", rs, ring), Step("s·m", sm, module)))

    def unit(env: Mapping[str, Any]) -> Evaluation:
        m = env["m"]
        return Evaluation(Step("1·m", act(scalars.one, m), module),
                          Step("m", m, module))

    def zero_scalar(env: Mapping[str, Any]) -> Evaluation:
        m = env["m"]
        return Evaluation(Step("0·m", act(scalars.zero, m), module),
                          Step("0", zero, module))

    def zero_vector(env: Mapping[str, Any]) -> Evaluation:
        r = env["r"]
        return Evaluation(Step("r·0", act(r, zero), module), Step("0", zero, module))

    def distrib_scalar(env: Mapping[str, Any]) -> Evaluation:
        r, s, m = env["r"], env["s"], env["m"]
        total, rm, sm = scalars.add(r, s), act(r, m), act(s, m)
        return Evaluation(Step("(r + s)·m", act(total, m), module),
                          Step("r·m + s·m", add(rm, sm), module),
                          (Step("r + s", total, ring), Step("r·m", rm, module),
                           Step("s·m", sm, module)))

    def distrib_vector(env: Mapping[str, Any]) -> Evaluation:
        r, m, n = env["r"], env["m"], env["n"]
        total, rm, rn = add(m, n), act(r, m), act(r, n)
        return Evaluation(Step("r·(m + n)", act(r, total), module),
                          Step("r·m + r·n", add(rm, rn), module),
                          (Step("m + n", total, module), Step("r·m", rm, module),
                           Step("r·n", rn, module)))

    r, s = ("r", ring), ("s", ring)
    m, n = ("m", module), ("n", module)
    return [
        MapLaw("act_assoc", "(r·s)·m = r·(s·m)", "the action is associative",
               (r, s, m), assoc),
        MapLaw("act_one", "1·m = m", "1 acts as the identity", (m,), unit),
        MapLaw("act_zero_scalar", "0·m = 0", "the scalar 0 sends every vector to 0",
               (m,), zero_scalar),
        MapLaw("act_zero_vector", "r·0 = 0", "every scalar fixes the vector 0",
               (r,), zero_vector),
        MapLaw("act_distrib_scalar", "(r + s)·m = r·m + s·m",
               "the action distributes over scalar addition", (r, s, m),
               distrib_scalar),
        MapLaw("act_distrib_vector", "r·(m + n) = r·m + r·n",
               "the action distributes over vector addition", (r, m, n),
               distrib_vector),
    ]


# --- deciding --------------------------------------------------------------

Replayer = Callable[[MapLaw, Mapping[str, Any]], str]


def _no_replay(law: MapLaw, env: Mapping[str, Any]) -> str:
    return ""


def _shown_value(carrier: Carrier[Any], value: Any) -> str:
    return Step("", value, carrier).shown()


def _source_value(carrier: Carrier[Any], value: Any) -> str:
    try:
        return carrier.source(value)
    except Exception:  # a broken source must not hide the verdict
        return repr(value)


def make_map_witness(law: MapLaw, env: Mapping[str, Any], evaluation: Evaluation,
                     replay: Replayer = _no_replay) -> Witness:
    """Package a failing assignment of ``law`` as a :class:`Witness`.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> law = monoid_laws(bits, 0, lambda m, n: m)[1]
    >>> w = make_map_witness(law, {"m": 0, "n": 1}, law.evaluate({"m": 0, "n": 1}))
    >>> w.describe_assignment(), w.lhs, w.rhs
    ('m = 0, n = 1', '0', '1')
    """
    carriers = dict(law.variables)
    names = law.variable_names
    return Witness(
        assignment=tuple((n, _shown_value(carriers[n], env[n])) for n in names),
        sources=tuple((n, _source_value(carriers[n], env[n])) for n in names),
        lhs=evaluation.lhs.shown(),
        rhs=evaluation.rhs.shown(),
        subterms=tuple((step.label, step.shown()) for step in evaluation.steps),
        replay=replay(law, env),
    )


class MapLawError(Exception):
    """Evaluating a law raised; the message names the law and the assignment.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> print(decide_map_law(monoid_laws(bits, 0, lambda m, n: m // n)[0]).error)
    law add_assoc raised ZeroDivisionError(...) at m = 0, n = 0, p = 0
    """


def _is_member(step: Step) -> bool:
    contains = step.carrier.contains
    if contains is None:
        return True
    try:
        return bool(contains(step.value))
    except Exception:  # an unhashable or odd value is not an element
        return False


def _evaluate(law: MapLaw, env: Mapping[str, Any]) -> Evaluation:
    carriers = dict(law.variables)
    shown = ", ".join(f"{n} = {_shown_value(carriers[n], env[n])}"
                      for n in law.variable_names) or "no variables"
    try:
        evaluation = law.evaluate(env)
    except Exception as error:
        raise MapLawError(f"law {law.id} raised {error!r} at {shown}") from error
    for step in (*evaluation.steps, evaluation.lhs, evaluation.rhs):
        if not _is_member(step):
            raise MapLawError(f"law {law.id}: {step.label} is {step.value!r}, which "
                              f"is not an element of {step.carrier.name}, at "
                              f"{shown}")
    return evaluation


def assignments_by_shell(sizes: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Yield every index tuple below ``sizes``, smallest largest index first.

    >>> list(assignments_by_shell([2, 1]))
    [(0, 0), (1, 0)]
    >>> list(assignments_by_shell([]))
    [()]
    """
    if not sizes:
        yield ()
        return
    if min(sizes) == 0:
        return
    for top in range(max(sizes)):
        ranges = [range(min(top + 1, size)) for size in sizes]
        for indices in product(*ranges):
            if top in indices:
                yield indices


def _refute(law: MapLaw, env: Mapping[str, Any], evaluation: Evaluation,
            method: str, replay: Replayer, **extra: Any) -> Verdict:
    witness = make_map_witness(law, env, evaluation, replay)
    equality = law.variables[0][1].equality if law.variables else "exact"
    return Verdict(VerdictKind.REFUTED, method, equality=equality, witness=witness,
                   **extra)


def _search(law: MapLaw, pools: Sequence[Sequence[Any]], limit: int | None,
            method: str, replay: Replayer) -> tuple[Verdict | None, int]:
    names = law.variable_names
    visited = 0
    for indices in assignments_by_shell([len(pool) for pool in pools]):
        if limit is not None and visited >= limit:
            break
        visited += 1
        env = {n: pool[i] for n, pool, i in zip(names, pools, indices, strict=True)}
        evaluation = _evaluate(law, env)
        if not evaluation.holds:
            return _refute(law, env, evaluation,
                           f"{method}, {visited} assignments visited", replay), visited
    return None, visited


class _LawFails(AssertionError):
    pass


def _sample(law: MapLaw, seed_value: int, max_examples: int,
            replay: Replayer) -> Verdict:
    strategies = [carrier.draw() for _, carrier in law.variables]
    missing = [n for (n, _), s in zip(law.variables, strategies, strict=True)
               if s is None]
    if missing:
        return Verdict(VerdictKind.UNDECIDED,
                       f"no strategy to draw {', '.join(missing)} from")
    failing: list[dict[str, Any]] = []
    calls = [0]

    @seed(seed_value)
    @settings(max_examples=max_examples, database=None, deadline=None,
              print_blob=False, phases=(Phase.explicit, Phase.generate, Phase.shrink),
              suppress_health_check=list(HealthCheck))
    @given(st.tuples(*strategies))
    def property_test(values: tuple[Any, ...]) -> None:
        calls[0] += 1
        env = dict(zip(law.variable_names, values, strict=True))
        if not _evaluate(law, env).holds:
            failing.append(env)
            raise _LawFails(law.id)

    try:
        property_test()
    except _LawFails:
        env = failing[-1]
        return _refute(law, env, _evaluate(law, env),
                       "Hypothesis sampling, shrunk to a minimal example", replay,
                       seed=seed_value)
    except HypothesisException as error:
        return Verdict(VerdictKind.ERROR, "Hypothesis sampling",
                       error=f"Hypothesis stopped: {error!r}")
    return Verdict(VerdictKind.SAMPLED, "Hypothesis sampling", examples=calls[0],
                   seed=seed_value)


def decide_map_law(law: MapLaw, *, seed: int = DEFAULT_SEED,
                   max_examples: int = DEFAULT_MAX_EXAMPLES,
                   replay: Replayer = _no_replay) -> Verdict:
    """Decide ``law``: exhaustively, by small candidates, then by sampling.

    A law without variables is evaluated once.  When every carrier is finite
    and there are at most :data:`EXHAUSTIVE_LIMIT` assignments, all are
    visited.  Otherwise tuples of small values (at most
    :data:`MAX_CANDIDATE_TUPLES`) are searched for a witness, then
    Hypothesis draws ``max_examples`` assignments with ``seed``.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> decide_map_law(monoid_laws(bits, 0, max)[0]).summary()
    'exhaustive: all 8 assignments'
    >>> decide_map_law(monoid_laws(bits, 0, lambda m, n: m)[1]).kind.value
    'refuted'
    """
    carriers = [carrier for _, carrier in law.variables]
    equality = carriers[0].equality if carriers else "exact"
    try:
        if not carriers:
            evaluation = _evaluate(law, {})
            if evaluation.holds:
                return Verdict(VerdictKind.EXHAUSTIVE, "no variables: evaluated once",
                               equality=equality)
            return _refute(law, {}, evaluation, "no variables: evaluated once", replay)

        sizes = [len(c.elements) if c.elements is not None else -1 for c in carriers]
        total = 1
        for size in sizes:
            total *= max(size, 0)
        if min(sizes) >= 0 and total <= EXHAUSTIVE_LIMIT:
            pools = [c.elements for c in carriers if c.elements is not None]
            refutation, visited = _search(law, pools, None, "exhaustive search",
                                          replay)
            if refutation is not None:
                return refutation
            return Verdict(VerdictKind.EXHAUSTIVE, f"all {visited} assignments",
                           equality=equality)

        pools = [c.small_values() for c in carriers]
        if all(pools):
            refutation, _ = _search(law, pools, MAX_CANDIDATE_TUPLES,
                                    "search over small candidates", replay)
            if refutation is not None:
                return refutation
        verdict = _sample(law, seed, max_examples, replay)
    except MapLawError as error:
        return Verdict(VerdictKind.ERROR, "evaluation", equality=equality,
                       error=str(error))
    if verdict.equality != equality:
        verdict = Verdict(verdict.kind, verdict.method, verdict.examples, verdict.seed,
                          equality, verdict.witness, verdict.error, verdict.notes)
    return verdict


@dataclass(frozen=True)
class MapResult:
    """One law of a map or an action, its verdict and whether it was expected.

    ``expected`` is ``"holds"`` or ``"fails"``.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> result = check_map_laws("max", monoid_laws(bits, 0, max)).results[0]
    >>> result.law_id, result.expected, result.as_expected
    ('add_assoc', 'holds', True)
    """

    law_id: str
    statement: str
    verdict: Verdict
    expected: str
    as_expected: bool


@dataclass(frozen=True)
class MapReport:
    """The verdicts of every checked law of one map or action.

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> report = check_map_laws("max", monoid_laws(bits, 0, max))
    >>> report.ok, report.counts()
    (True, {'exhaustive': 3})
    """

    subject: str
    seed: int
    max_examples: int
    results: tuple[MapResult, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Whether every verdict agrees with the declared failures."""
        return all(result.as_expected for result in self.results)

    @property
    def unexpected(self) -> tuple[MapResult, ...]:
        """The results that disagree with the declarations."""
        return tuple(r for r in self.results if not r.as_expected)

    def result(self, law_id: str) -> MapResult:
        """Return the result for ``law_id``, or raise ``KeyError``.

        >>> check_map_laws("none", []).result("hom_add")
        Traceback (most recent call last):
        ...
        KeyError: "report on 'none' has no law 'hom_add'"
        """
        for result in self.results:
            if result.law_id == law_id:
                return result
        raise KeyError(f"report on {self.subject!r} has no law {law_id!r}")

    def counts(self) -> dict[str, int]:
        """Count results per verdict kind, in the kinds' order."""
        counts = {kind.value: 0 for kind in VerdictKind}
        for result in self.results:
            counts[result.verdict.kind.value] += 1
        return {k: v for k, v in counts.items() if v}

    def to_markdown(self) -> str:
        """Return the report as a Markdown table.

        >>> bits = Carrier("bits", elements=(0, 1))
        >>> print(check_map_laws("max", monoid_laws(bits, 0, max)[1:2]).to_markdown())
        ### max
        <BLANKLINE>
        | law | statement | verdict | expected |
        |---|---|---|---|
        | `add_comm` | m + n = n + m | exhaustive | holds |
        """
        lines = [f"### {self.subject}", "", "| law | statement | verdict | expected |",
                 "|---|---|---|---|"]
        for r in self.results:
            flag = "" if r.as_expected else " **unexpected**"
            lines.append(f"| `{r.law_id}` | {r.statement} | "
                         f"{r.verdict.kind.value}{flag} | {r.expected} |")
        return "\n".join(lines)


def _settle(law: MapLaw, verdict: Verdict,
            known_failures: Mapping[str, str]) -> MapResult:
    reason = known_failures.get(law.id, known_failures.get(law.family))
    expected = "fails" if reason is not None else "holds"
    if verdict.kind.fails and reason is not None:
        verdict = Verdict(VerdictKind.KNOWN_FAILURE, verdict.method, verdict.examples,
                          verdict.seed, verdict.equality, verdict.witness,
                          verdict.error, (*verdict.notes, f"declared: {reason}"))
        return MapResult(law.id, law.statement, verdict, expected, True)
    as_expected = verdict.kind.holds and reason is None
    return MapResult(law.id, law.statement, verdict, expected, as_expected)


def check_map_laws(
    subject: str,
    laws: Sequence[MapLaw],
    *,
    known_failures: Mapping[str, str] | None = None,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    timeout: float | None = DEFAULT_TIMEOUT,
    replay: Replayer = _no_replay,
) -> MapReport:
    """Decide every law and compare each verdict with ``known_failures``.

    ``known_failures`` maps law ids or families to the reason they fail.  A
    refuted declared law becomes ``known failure``.  A declared law that
    holds, or an undeclared one that fails, is unexpected.  Each law
    runs in a child process limited to ``timeout`` seconds (``None``: in
    this process, unlimited).

    >>> bits = Carrier("bits", elements=(0, 1))
    >>> first = monoid_laws(bits, 0, lambda m, n: m)
    >>> report = check_map_laws("first", first,
    ...                         known_failures={"add_comm": "keeps the left value"})
    >>> report.result("add_comm").verdict.kind.value, report.ok
    ('known failure', True)
    """
    if max_examples < 1:
        raise ValueError(f"max_examples must be at least 1, got {max_examples}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive seconds, got {timeout}")
    declared = dict(known_failures or {})
    results = []
    for law in laws:
        logger.info("checking %s on %s", law.id, subject)

        def run(law: MapLaw = law) -> Verdict:
            return decide_map_law(law, seed=seed, max_examples=max_examples,
                                  replay=replay)

        outcome = run_limited(run, timeout)
        if isinstance(outcome, TimedOut):
            verdict = Verdict(VerdictKind.TIMED_OUT,
                              f"no decision within {outcome.seconds:g} s")
        elif isinstance(outcome, ChildFailed):
            verdict = Verdict(VerdictKind.ERROR, "check process", error=outcome.message)
        else:
            verdict = outcome
        results.append(_settle(law, verdict, declared))
    return MapReport(subject, seed, max_examples, tuple(results))
