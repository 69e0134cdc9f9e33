"""Checking by search over small candidates and by Hypothesis sampling.

For an infinite carrier a law is first tried on every tuple of the
semiring's ``candidates`` (small elements such as ``0``, ``1``, ``x``), in
shells as in exhaustive search, so that refutations come with the smallest
witnesses the candidates allow.  Then Hypothesis draws ``max_examples``
assignments from the semiring's strategy with a fixed seed and shrinks any
failure to a minimal one.

A law with premises (``add_cancel``) is vacuously true where a premise
fails.  The verdict counts only draws where every premise was true, and is
``undecided`` when there were none.

Main names: :func:`search_candidates`, :func:`check_by_sampling`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from diffalg.checking.evaluate import OperationError, check_at
from diffalg.checking.exhaustive import error_verdict, tuples_by_shell
from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.checking.witness import make_witness
from diffalg.laws.law import Law
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

logger = logging.getLogger(__name__)

MAX_CANDIDATE_TUPLES = 4096


def search_candidates(law: Law, structure: DifferentialSemiring[T],
                      candidates: Sequence[T]) -> Verdict | None:
    """Return a refutation among tuples of ``candidates``, or ``None``.

    At most :data:`MAX_CANDIDATE_TUPLES` tuples are tried.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import commutation_laws
    >>> s = get("Qxy-dx-xdy")
    >>> law = commutation_laws(["dx", "xdy"])[0]
    >>> search_candidates(law, s, s.semiring.candidates).witness.assignment
    (('a', 'y'),)
    """
    names = law.variables
    equality = structure.semiring.equality
    tried = 0
    try:
        for indices in tuples_by_shell(len(candidates), len(names)):
            if tried >= MAX_CANDIDATE_TUPLES:
                break
            tried += 1
            env = {n: candidates[i] for n, i in zip(names, indices, strict=True)}
            outcome = check_at(law, structure, env)
            if outcome.premises_hold and not outcome.holds:
                witness = make_witness(law, structure, env, outcome)
                return Verdict(VerdictKind.REFUTED,
                               f"search over small candidates, {tried} tried",
                               equality=equality, witness=witness)
    except OperationError as error:
        return error_verdict(error, "search over small candidates", equality)
    return None


@contextmanager
def _without_local_constants() -> Iterator[None]:
    """Stop Hypothesis from drawing literals found in locally loaded modules.

    Hypothesis 6.x mixes into its draws constants read from the source of
    every loaded module it considers local, so the same seed gives other
    examples depending on what else is imported.  Reports must be
    reproducible from the seed alone, so sampling runs with that pool empty.
    """
    # NOTE: this patches a private Hypothesis function; if it moves, the
    # patch is skipped and draws may again depend on the loaded modules.
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    cache = getattr(providers, "CONSTANTS_CACHE", None)
    empty_type = getattr(providers, "Constants", None)
    if original is None or empty_type is None:
        logger.warning("cannot isolate Hypothesis from local constants")
        yield
        return
    empty = empty_type()
    providers._get_local_constants = lambda: empty
    if cache is not None:
        cache.cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = original
        if cache is not None:
            cache.cache.clear()


@dataclass
class _Run:
    calls: int = 0
    premise_held: int = 0
    failing_env: dict[str, Any] | None = None
    error: OperationError | None = None
    notes: list[str] = field(default_factory=list)


class _LawFails(AssertionError):
    pass


def check_by_sampling(law: Law, structure: DifferentialSemiring[T], *,
                      seed_value: int, max_examples: int) -> Verdict:
    """Decide ``law`` by Hypothesis with ``max_examples`` draws and a seed.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import semiring_laws
    >>> v = check_by_sampling(semiring_laws()[0], get("N[t]"), seed_value=0,
    ...                       max_examples=20)
    >>> v.kind, v.seed
    (<VerdictKind.SAMPLED: 'sampled'>, 0)
    """
    semiring = structure.semiring
    equality = semiring.equality
    if semiring.strategy is None:
        return Verdict(VerdictKind.UNDECIDED, "no strategy to draw elements from",
                       equality=equality)
    names = law.variables
    run = _Run()
    strategy = st.tuples(*[semiring.strategy for _ in names])

    @seed(seed_value)
    @settings(max_examples=max_examples, database=None, deadline=None,
              derandomize=False, print_blob=False,
              phases=(Phase.explicit, Phase.generate, Phase.shrink),
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def property_test(values: tuple[T, ...]) -> None:
        run.calls += 1
        env = dict(zip(names, values, strict=True))
        try:
            outcome = check_at(law, structure, env)
        except OperationError as error:
            run.error = error
            run.failing_env = env
            raise
        if not outcome.premises_hold:
            return
        run.premise_held += 1
        if not outcome.holds:
            run.failing_env = env
            raise _LawFails(law.id)

    try:
        with _without_local_constants():
            property_test()
    except OperationError as error:
        return error_verdict(error, "Hypothesis sampling", equality)
    except HypothesisException as error:
        return Verdict(VerdictKind.ERROR, "Hypothesis sampling", equality=equality,
                       error=f"Hypothesis stopped: {error!r}")
    except _LawFails:
        assert run.failing_env is not None
        env = run.failing_env
        outcome = check_at(law, structure, env)
        witness = make_witness(law, structure, env, outcome)
        return Verdict(VerdictKind.REFUTED,
                       "Hypothesis sampling, shrunk to a minimal example",
                       seed=seed_value, equality=equality, witness=witness)
    if law.premises:
        note = f"premise held in {run.premise_held} of {run.calls} draws"
        if run.premise_held == 0:
            return Verdict(VerdictKind.UNDECIDED, "Hypothesis sampling; " + note,
                           examples=run.calls, seed=seed_value, equality=equality)
        return Verdict(VerdictKind.SAMPLED, "Hypothesis sampling",
                       examples=run.premise_held, seed=seed_value,
                       equality=equality, notes=(note,))
    return Verdict(VerdictKind.SAMPLED, "Hypothesis sampling", examples=run.calls,
                   seed=seed_value, equality=equality)
