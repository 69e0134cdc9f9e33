"""A cheap first stage for the symbolic decision: one random concrete test.

On a symbolic carrier, proving a law on generic elements costs an
``expand`` of ``lhs − rhs`` after ``doit``.  When a derivation is applied to
a composition (the chain rule), ``doit`` must evaluate derivatives of
substituted undefined functions.  This is the slowest step of the whole
decision: 60–100 ms per law on functions of three variables, against about
15 ms for one concrete evaluation (cold sympy cache, measured with
``python -m benchmarks`` on a 2-core x86-64 machine).  A
law that fails is refuted anyway by the search over small candidates, so
for such a law that ``expand`` is wasted.  :func:`fails_on_random_elements`
evaluates the law once on random concrete elements, built from the
semiring's candidates with its own ``+``, and compares the sides
with the semiring's exact equality.  If they differ, the law certainly
fails and the decision can go straight to the candidate search.  If they
agree, nothing is concluded and the usual stages follow, so the verdict and
the witness never depend on this stage, only the time taken does.

For polynomial identities, a failing law rarely holds on random
polynomials (Schwartz–Zippel), so in practice the test catches the
failures of the catalog: the chain rule on ``note-diagonal`` and
``note-subst-x``, and the idempotence and absorption properties.

Only laws for which :func:`worth_testing_first` holds get this stage: for
the others the generic proof is cheap, and a concrete test first would
cost more than it saves.

Main names: :func:`worth_testing_first`, :func:`random_element`,
:func:`fails_on_random_elements`.
"""

from __future__ import annotations

import logging
import random
from typing import Any, TypeVar

from diffalg.checking.evaluate import OperationError, check_at
from diffalg.laws.law import Law
from diffalg.laws.terms import Comp, D, subterms
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

logger = logging.getLogger(__name__)


def worth_testing_first(law: Law) -> bool:
    """Return whether ``law`` applies a derivation to a term containing ``∘′``.

    >>> from diffalg.laws.catalog import composition_laws
    >>> [worth_testing_first(x) for x in composition_laws(["dt"])]
    [False, False, False, True]
    """
    sides = [law.lhs, law.rhs, *(t for pair in law.premises for t in pair)]
    for side in sides:
        for sub in subterms(side):
            if isinstance(sub, D) and any(isinstance(inner, Comp)
                                          for inner in subterms(sub.arg)):
                return True
    return False


def random_element(structure: DifferentialSemiring[T], rng: random.Random) -> T:
    """Return the sum of the first half of the candidates plus a random one.

    Candidates are listed small first, so the first half holds ``0``, ``1``
    and the variables.  Their sum involves every variable (a law on
    functions of ``x, y, z`` may fail only on elements that involve ``z``)
    and stays of low degree, which keeps compositions cheap.  The random
    extra candidate makes the elements drawn for different variables
    differ.  Sums of candidates are elements of the semiring.

    >>> from diffalg.instances import get
    >>> random_element(get("univariate"), random.Random(0))
    3*t + 3
    >>> random_element(get("boolean-identity"), random.Random(0))
    Traceback (most recent call last):
    ...
    ValueError: semiring 'Boolean' has no candidates to build elements from: ...
    """
    semiring = structure.semiring
    candidates = list(semiring.candidates)
    if not candidates:
        raise ValueError(f"semiring {semiring.name!r} has no candidates to build "
                         "elements from: give Semiring(candidates=...)")
    total = semiring.sum(candidates[: (len(candidates) + 1) // 2])
    return semiring.add(total, rng.choice(candidates))


def fails_on_random_elements(law: Law, structure: DifferentialSemiring[Any],
                             seed_value: int) -> bool:
    """Return ``True`` if ``law`` fails at one random assignment of elements.

    ``True`` is certain (the semiring's equality is exact on the elements
    built by :func:`random_element`); ``False`` means only that this one
    assignment did not refute the law.  Laws with premises, semirings
    without candidates and operations that raise give ``False``.

    >>> from diffalg.instances import get
    >>> from diffalg.checking.checker import find_law
    >>> s = get("note-diagonal")
    >>> fails_on_random_elements(find_law(s, "chain[dx]"), s, 0)
    True
    >>> fails_on_random_elements(find_law(s, "d_leibniz[dx]"), s, 0)
    False
    """
    if law.premises or not structure.semiring.candidates:
        return False
    rng = random.Random(seed_value)
    try:
        env = {name: random_element(structure, rng) for name in law.variables}
        outcome = check_at(law, structure, env)
    except OperationError as error:
        logger.debug("random test of %s raised %s; skipping it", law.id, error)
        return False
    return not outcome.holds
