"""Symbolic checking: proofs on generic elements, in stages.

For a symbolic carrier (sympy functions) a law is evaluated on generic
elements, undefined functions such as ``a(x, y, z)``.  If the difference of
the two sides is zero, the law holds for every element, since any element
arises from the generic one by substitution.  The stages, cheapest first:

0. for laws that differentiate a composition, one evaluation on random
   concrete elements (:mod:`diffalg.checking.staged`); if it refutes the
   law, the candidate search of stage 2 runs first.  For ``add_cancel`` on
   a ring, the proof from additive inverses comes first;
1. ``expand`` (after ``doit``) of ``lhs - rhs`` equal to 0: proved;
2. a search over small concrete candidates (``0``, ``1``, ``x``, …): refuted
   with a minimal witness;
3. ``simplify`` of the difference: proved;
4. Hypothesis sampling on concrete elements: sampled or refuted.

The whole check runs under the caller's time limit.

Main names: :func:`check_symbolically`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from diffalg.checking.evaluate import OperationError, evaluate
from diffalg.checking.exhaustive import error_verdict
from diffalg.checking.sampling import check_by_sampling, search_candidates
from diffalg.checking.staged import fails_on_random_elements, worth_testing_first
from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.laws.law import Law
from diffalg.laws.terms import Term
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")


def _generic_names(structure: DifferentialSemiring[Any], law: Law) -> str:
    symbolic = structure.semiring.symbolic
    assert symbolic is not None
    shown = [structure.semiring.show(symbolic.generic(n)) for n in law.variables]
    return ", ".join(shown) if shown else "no variables"


def check_symbolically(law: Law, structure: DifferentialSemiring[T], *,
                       seed_value: int, max_examples: int) -> Verdict:
    """Decide ``law`` on a symbolic carrier.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import composition_laws
    >>> chain = composition_laws(["dt"])[3]
    >>> check_symbolically(chain, get("univariate"), seed_value=0,
    ...                    max_examples=10).kind
    <VerdictKind.PROVED: 'proved'>
    """
    semiring = structure.semiring
    symbolic = semiring.symbolic
    equality = semiring.equality
    if symbolic is None:
        raise ValueError(f"structure {structure.name!r} has no symbolic carrier")

    searched = False
    if worth_testing_first(law) and fails_on_random_elements(law, structure,
                                                             seed_value):
        # The law fails: find the smallest candidate witness before paying
        # for expand on generic elements, which is then only needed if the
        # candidates miss the failure.
        refutation = search_candidates(law, structure, semiring.candidates)
        if refutation is not None:
            return refutation
        searched = True

    if law.premises and law.family == "add_cancel" and semiring.neg is not None:
        proof = _cancel_by_inverses(structure)
        if proof is not None:
            return proof

    if not law.premises:
        env = {name: symbolic.generic(name) for name in law.variables}
        trace: dict[Term, T] = {}
        try:
            lhs = evaluate(law.lhs, structure, env, trace)
            rhs = evaluate(law.rhs, structure, env, trace)
            difference = symbolic.difference(lhs, rhs)
        except OperationError as error:
            return error_verdict(error, "evaluation on generic elements", equality)
        if symbolic.is_zero(difference):
            return Verdict(
                VerdictKind.PROVED, "expand(lhs − rhs) = 0 on generic elements",
                equality=equality,
                notes=(f"generic elements: {_generic_names(structure, law)}",),
            )

    if not searched:
        refutation = search_candidates(law, structure, semiring.candidates)
        if refutation is not None:
            return refutation

    if not law.premises and symbolic.simplify_zero is not None:
        if symbolic.simplify_zero(difference):
            return Verdict(
                VerdictKind.PROVED, "simplify(lhs − rhs) = 0 on generic elements",
                equality=equality,
                notes=(f"generic elements: {_generic_names(structure, law)}",),
            )

    return check_by_sampling(law, structure, seed_value=seed_value,
                             max_examples=max_examples)


def _cancel_by_inverses(structure: DifferentialSemiring[Any]) -> Verdict | None:
    """Prove ``add_cancel`` from additive inverses, if ``a + (−a) = 0``.

    If every ``c`` has an inverse, ``a + c = b + c`` gives
    ``a = a + c + (−c) = b + c + (−c) = b``.
    """
    semiring = structure.semiring
    symbolic = semiring.symbolic
    assert symbolic is not None and semiring.neg is not None
    generic = symbolic.generic("c")
    total = semiring.add(generic, semiring.neg(generic))
    if symbolic.is_zero(symbolic.difference(total, semiring.zero)):
        return Verdict(VerdictKind.PROVED,
                       "additive inverses exist (c + (−c) = 0 on generic c), "
                       "so a + c = b + c gives a = b", equality=semiring.equality)
    return None
