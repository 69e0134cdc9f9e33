"""Test integration: check laws of differential semirings from a test suite.

A structure's laws become ordinary pytest test cases.  :func:`law_cases`
returns one ``pytest.param`` per law with the id ``instance.law``, so
``pytest -k "univariate.chain"`` selects the chain rules of ``univariate``.
:func:`assert_law` fails a case exactly when the verdict disagrees with
what the structure declares: a law that fails without being declared, a
declared failure that holds, an error, a timeout or an undecided law.  Its
message gives the verdict, the witness with both sides and every subterm,
and a replay snippet.  :func:`report_for` returns the whole structured
:class:`~diffalg.checking.report.Report` instead of raising, and
:func:`strategy_for` gives the Hypothesis strategy of any instance's
elements, for property tests of one's own.

Structures are given as registered names or as structure objects.  Nothing
is injected into test modules: the test author writes the test function and
parametrizes it::

    @pytest.mark.parametrize(("structure", "law_id"),
                             law_cases(["boolean-identity", "F2[t]/(t^2)"]))
    def test_law(structure, law_id):
        assert_law(structure, law_id, max_examples=50)

Main names: :func:`law_cases`, :func:`assert_law`, :func:`report_for`,
:func:`strategy_for`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from diffalg.checking.checker import (
    DEFAULT_MAX_EXAMPLES,
    DEFAULT_SEED,
    DEFAULT_TIMEOUT,
    applicable_laws,
    check,
)
from diffalg.checking.report import LawResult, Report
from diffalg.instances.lifting import element_strategy
from diffalg.instances.registry import get
from diffalg.structures.structure import DifferentialSemiring

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet

StructureLike = str | DifferentialSemiring[Any]

__all__ = ["assert_law", "law_cases", "report_for", "resolve", "strategy_for"]


def resolve(structure: StructureLike) -> DifferentialSemiring[Any]:
    """Return the structure itself, or the registered instance of that name.

    >>> resolve("boolean-identity").name
    'boolean-identity'
    >>> resolve(3)
    Traceback (most recent call last):
    ...
    TypeError: expected an instance name or a DifferentialSemiring, got 3 ...
    """
    if isinstance(structure, DifferentialSemiring):
        return structure
    if isinstance(structure, str):
        return get(structure)
    raise TypeError(f"expected an instance name or a DifferentialSemiring, got "
                    f"{structure!r} of type {type(structure).__name__}: pass a "
                    "name from 'diffalg list' or a structure")


def strategy_for(structure: StructureLike) -> Any:
    """Return a Hypothesis strategy for the elements of ``structure``.

    This is the semiring's own strategy, or a uniform choice from a finite
    carrier given only by its elements.

    >>> from hypothesis import find
    >>> find(strategy_for("F2[t]/(t^2)"), lambda p: p[1] == 1)
    (0, 1)
    """
    return element_strategy(resolve(structure).semiring)


def _selected(law_id: str, family: str, laws: Sequence[str] | None) -> bool:
    return laws is None or law_id in laws or family in laws


def law_cases(structures: Sequence[StructureLike],
              laws: Sequence[str] | None = None) -> list[ParameterSet]:
    """Return one ``pytest.param(structure, law_id)`` per applicable law.

    Each case has the id ``"<instance>.<law id>"``.  ``laws`` keeps only the
    given law ids or families (``"chain"`` keeps ``chain[dt]`` and its
    siblings); a selection that matches nothing raises ``ValueError``.  A
    registered name is passed on as the name, any other structure as the
    object.

    >>> cases = law_cases(["F2[t]/(t^2)"], laws=["chain", "d_one"])
    >>> [case.id for case in cases]
    ['F2[t]/(t^2).d_one[dt]', 'F2[t]/(t^2).chain[dt]']
    >>> cases[0].values
    ('F2[t]/(t^2)', 'd_one[dt]')
    >>> law_cases(["F2[t]/(t^2)"], laws=["chian"])
    Traceback (most recent call last):
    ...
    ValueError: no law matches ['chian'] in F2[t]/(t^2): ...
    """
    import pytest

    if isinstance(structures, str | DifferentialSemiring):
        raise TypeError(f"structures must be a list, got {structures!r}: wrap a "
                        "single structure in a list")
    cases: list[ParameterSet] = []
    matched: set[str] = set()
    for entry in structures:
        structure = resolve(entry)
        for law in applicable_laws(structure):
            if not _selected(law.id, law.family, laws):
                continue
            matched.update({law.id, law.family})
            cases.append(pytest.param(entry, law.id,
                                      id=f"{structure.name}.{law.id}"))
    if laws is not None:
        missing = [entry for entry in laws if entry not in matched]
        if missing:
            searched = ", ".join(resolve(s).name for s in structures)
            raise ValueError(f"no law matches {missing} in {searched}: use law ids "
                             "such as 'chain[dt]' or families such as 'chain'")
    return cases


def describe_result(structure: DifferentialSemiring[Any], result: LawResult) -> str:
    """Return a failure message: the law, both expectations, witness and replay.

    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> s = get("boolean-identity")
    >>> result = check(s, ["d_one[d]"]).results[0]
    >>> print(describe_result(s, result).splitlines()[0])
    boolean-identity: law d_one[d] (d(1) = 0) is expected to fail;
    verdict known failure: ...
    """
    verdict = result.verdict
    lines = [
        f"{structure.name}: law {result.law.id} ({result.law.text()}) is "
        f"expected to {'hold' if result.expected == 'holds' else 'fail'}; "
        f"verdict {verdict.summary()}",
        f"equality: {verdict.equality}",
    ]
    reason = structure.failure_reason(result.law.id)
    if reason is not None:
        lines.append(f"declared failure: {reason}")
    witness = verdict.witness
    if witness is not None:
        lines.append(f"witness: {witness.describe_assignment()}")
        lines.append(f"left side: {witness.lhs}")
        lines.append(f"right side: {witness.rhs}")
        for term, value in witness.subterms:
            lines.append(f"  {term} = {value}")
        lines.append("replay:")
        lines.extend(f"  {line}" for line in witness.replay.splitlines())
    lines.extend(f"note: {note}" for note in verdict.notes)
    return "\n".join(lines)


def assert_law(
    structure: StructureLike,
    law_id: str,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> LawResult:
    """Check one law and raise ``AssertionError`` unless the verdict is as declared.

    A declared failure that is refuted passes, with the verdict ``known
    failure``.  A law expected to hold passes when it is proved, verified
    exhaustively or sampled without a counterexample.  The options are
    those of :func:`diffalg.check`.  Returns the result for further checks.

    >>> assert_law("boolean-identity", "d_leibniz[d]").verdict.kind.value
    'exhaustive'
    >>> from diffalg.structures import DifferentialSemiring
    >>> s = get("boolean-identity")
    >>> undeclared = DifferentialSemiring("undeclared", s.semiring, s.derivations)
    >>> assert_law(undeclared, "d_one[d]")
    Traceback (most recent call last):
    ...
    AssertionError: undeclared: law d_one[d] (d(1) = 0) is expected to hold; ...
    """
    target = resolve(structure)
    report = check(target, [law_id], seed=seed, max_examples=max_examples,
                   timeout=timeout)
    result = report.results[0]
    if not result.as_expected:
        raise AssertionError(describe_result(target, result))
    return result


def report_for(
    structure: StructureLike,
    laws: Sequence[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Report:
    """Check ``laws`` (default: all) on ``structure`` and return the report.

    Unlike :func:`assert_law` it does not raise when a verdict disagrees
    with the declarations: inspect ``report.ok`` and ``report.unexpected``.
    Invalid options and unknown law ids still raise, as in
    :func:`diffalg.check`.

    >>> report = report_for("boolean-identity", ["d_one[d]", "d_add[d]"])
    >>> report.ok, [r.verdict.kind.value for r in report.results]
    (True, ['known failure', 'exhaustive'])
    """
    return check(resolve(structure), laws, seed=seed, max_examples=max_examples,
                 timeout=timeout)
