"""The law checker: every catalog law on a structure, each with a verdict.

:func:`check` chooses a backend per law: exhaustive search when the carrier
is finite and small enough, the staged symbolic decision when the carrier is
symbolic, and Hypothesis sampling otherwise.  Each law runs under its own
time budget in a child process, so one slow law ends as ``timed out`` and
the others are still decided.  Laws whose hypotheses the structure lacks (no
``∘′``, fewer than two derivations) are reported as ``not applicable``.

The verdict is then compared with what the structure declares.  A declared
failure that is refuted becomes ``known failure``.  A declared failure that
holds, a law that fails without being declared, an error, a timeout or an
undecided law is *unexpected*, and makes the report's ``ok`` false.

Main names: :func:`check`, :func:`find_law`, :func:`applicable_laws`.
"""

from __future__ import annotations

import difflib
import logging
import time
from collections.abc import Sequence
from typing import Any

from diffalg.checking.exhaustive import check_exhaustively
from diffalg.checking.limits import ChildFailed, TimedOut, run_limited
from diffalg.checking.report import LawResult, Report
from diffalg.checking.sampling import check_by_sampling, search_candidates
from diffalg.checking.symbolic import check_symbolically
from diffalg.checking.vectorised import try_vectorised
from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.laws.catalog import (
    commutation_laws,
    composition_laws,
    derivation_laws,
    laws_for,
)
from diffalg.laws.law import Law
from diffalg.structures.structure import PROPERTY_IDS, DifferentialSemiring

logger = logging.getLogger(__name__)

DEFAULT_SEED = 0
DEFAULT_MAX_EXAMPLES = 200
DEFAULT_TIMEOUT = 60.0
EXHAUSTIVE_LIMIT = 1_000_000


class DeclarationError(ValueError):
    """A structure declares an expectation about a law it does not have."""


def validate_declarations(structure: DifferentialSemiring[Any]) -> None:
    """Raise :class:`DeclarationError` for a stale or contradictory declaration.

    Every key of ``known_failures`` must be an applicable law id or family,
    and properties are declared through ``properties`` only, so that a typo
    cannot silently turn a failure into an expected one.

    >>> import operator
    >>> from diffalg.structures import Semiring
    >>> naturals = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> validate_declarations(DifferentialSemiring(
    ...     "N", naturals, known_failures={"chian[dx]": "typo"}))
    Traceback (most recent call last):
    ...
    diffalg.checking.checker.DeclarationError: structure 'N' declares ...
    """
    laws = applicable_laws(structure)
    ids = [law.id for law in laws if law.kind != "property"]
    families = {law.family for law in laws if law.kind != "property"}
    properties = {law.family for law in laws if law.kind == "property"}
    for key in structure.known_failures:
        if key in properties:
            raise DeclarationError(
                f"structure {structure.name!r} declares the property {key!r} as a "
                "known failure: list the properties that hold in 'properties' "
                "and leave the others out")
        if key in ids or ("[" not in key and key in families):
            continue
        close = difflib.get_close_matches(key, [*ids, *sorted(families)], n=2)
        hint = (f"did you mean {' or '.join(map(repr, close))}?" if close
                else "run 'diffalg list' for law ids")
        raise DeclarationError(
            f"structure {structure.name!r} declares a known failure {key!r}, "
            f"which is not one of its laws; {hint} Fix or remove the "
            "declaration")


class UnknownLawError(KeyError):
    """No applicable law has the requested id."""

    def __str__(self) -> str:
        return str(self.args[0])


def applicable_laws(structure: DifferentialSemiring[Any]) -> list[Law]:
    """Return the catalog laws that apply to ``structure``.

    >>> from diffalg.instances import get
    >>> [law.id for law in applicable_laws(get("boolean-identity"))][10:14]
    ['d_add[d]', 'd_leibniz[d]', 'd_zero[d]', 'd_one[d]']
    """
    names = [d.name for d in structure.derivations]
    return laws_for(names, structure.composition is not None)


def inapplicable_laws(structure: DifferentialSemiring[Any]) -> list[tuple[Law, str]]:
    """Return laws the structure cannot state, each with the reason.

    Derivation laws are listed under the placeholder derivation name ``d``.

    >>> from diffalg.instances import get
    >>> [(law.id, why) for law, why in inapplicable_laws(get("boolean-identity"))][0]
    ('commute[d1,d2]', 'fewer than two derivations')
    """
    names = [d.name for d in structure.derivations]
    missing: list[tuple[Law, str]] = []
    if not names:
        for law in derivation_laws("d"):
            missing.append((law, "no derivations"))
    if len(names) < 2:
        for law in commutation_laws(["d1", "d2"]):
            missing.append((law, "fewer than two derivations"))
    if structure.composition is None:
        for law in composition_laws(names or ["d"]):
            missing.append((law, "no ∘′"))
    return missing


def find_law(structure: DifferentialSemiring[Any], law_id: str) -> Law:
    """Return the applicable law called ``law_id``.

    >>> from diffalg.instances import get
    >>> find_law(get("boolean-identity"), "d_one[d]").text()
    'd(1) = 0'
    >>> find_law(get("boolean-identity"), "d_one[dx]")
    Traceback (most recent call last):
    ...
    diffalg.checking.checker.UnknownLawError: unknown law 'd_one[dx]' ...
    """
    laws = applicable_laws(structure)
    for law in laws:
        if law.id == law_id:
            return law
    family = law_id.split("[", 1)[0]
    for law, reason in inapplicable_laws(structure):
        if law.family == family:
            raise UnknownLawError(
                f"law {law_id!r} does not apply to structure {structure.name!r}: "
                f"{reason}; run 'diffalg check {structure.name}' to list its "
                "laws")
    ids = [law.id for law in laws]
    close = difflib.get_close_matches(law_id, ids, n=3)
    hint = f"did you mean {' or '.join(map(repr, close))}?" if close else (
        "run 'diffalg list' for law ids")
    raise UnknownLawError(
        f"unknown law {law_id!r} for structure {structure.name!r}; {hint}")


def decide(law: Law, structure: DifferentialSemiring[Any], *, seed: int,
           max_examples: int) -> Verdict:
    """Decide one law with the backend that suits the carrier.

    >>> from diffalg.instances import get
    >>> decide(find_law(get("F2[t]/(t^2)"), "chain[dt]"), get("F2[t]/(t^2)"),
    ...        seed=0, max_examples=10).summary()
    'exhaustive: all 4^2 assignments'
    """
    semiring = structure.semiring
    elements = semiring.elements
    if elements is not None:
        tabled = try_vectorised(law, structure)  # tables: numpy, same witness
        if tabled is not None:
            return tabled
    if elements is not None and len(elements) ** len(law.variables) <= EXHAUSTIVE_LIMIT:
        return check_exhaustively(law, structure, elements)
    if semiring.symbolic is not None:
        return check_symbolically(law, structure, seed_value=seed,
                                  max_examples=max_examples)
    candidates = semiring.candidates
    if elements is not None and not candidates:
        candidates = elements[:8]
    refutation = search_candidates(law, structure, candidates)
    if refutation is not None:
        return refutation
    return check_by_sampling(law, structure, seed_value=seed,
                             max_examples=max_examples)


def _expected(structure: DifferentialSemiring[Any], law: Law) -> str:
    if law.kind == "property":
        return "holds" if law.id in structure.properties else "fails"
    return "fails" if structure.expects_failure(law.id) else "holds"


def _settle(structure: DifferentialSemiring[Any], law: Law, verdict: Verdict,
            seconds: float) -> LawResult:
    expected = _expected(structure, law)
    kind = verdict.kind
    if kind.fails and expected == "fails":
        reason = structure.failure_reason(law.id)
        notes = verdict.notes + ((f"declared: {reason}",) if reason else ())
        verdict = Verdict(VerdictKind.KNOWN_FAILURE, verdict.method,
                          verdict.examples, verdict.seed, verdict.equality,
                          verdict.witness, verdict.error, notes)
        as_expected = True
    elif kind.holds:
        as_expected = expected == "holds"
    else:
        as_expected = False
    return LawResult(law, verdict, expected, as_expected, seconds)


def check(
    structure: DifferentialSemiring[Any],
    laws: Sequence[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Report:
    """Check laws on ``structure`` and return a report, one result per law.

    ``laws`` selects law ids (default: all applicable laws plus the
    inapplicable ones, reported as such).  ``timeout`` is the budget of each
    law in seconds, or ``None`` to run unlimited in this process.

    >>> from diffalg.instances import get
    >>> report = check(get("boolean-identity"), ["d_leibniz[d]", "d_one[d]"])
    >>> [(r.law.id, r.verdict.kind.value) for r in report.results]
    [('d_leibniz[d]', 'exhaustive'), ('d_one[d]', 'known failure')]
    >>> report.ok
    True
    """
    if max_examples < 1:
        raise ValueError(f"max_examples must be at least 1, got {max_examples}")
    validate_declarations(structure)
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive seconds, got {timeout}")
    if laws is None:
        selected = applicable_laws(structure)
        skipped = inapplicable_laws(structure)
    else:
        selected = [find_law(structure, law_id) for law_id in laws]
        skipped = []

    results: list[LawResult] = []
    for law in selected:
        logger.info("checking %s on %s", law.id, structure.name)
        started = time.perf_counter()

        def run(law: Law = law) -> Verdict:
            return decide(law, structure, seed=seed, max_examples=max_examples)

        outcome = run_limited(run, timeout)
        seconds = time.perf_counter() - started
        if isinstance(outcome, TimedOut):
            verdict = Verdict(VerdictKind.TIMED_OUT,
                              f"no decision within {outcome.seconds:g} s",
                              equality=structure.semiring.equality)
        elif isinstance(outcome, ChildFailed):
            verdict = Verdict(VerdictKind.ERROR, "check process",
                              equality=structure.semiring.equality,
                              error=outcome.message)
        else:
            verdict = outcome
        results.append(_settle(structure, law, verdict, seconds))

    for law, reason in skipped:
        verdict = Verdict(VerdictKind.NOT_APPLICABLE, reason,
                          equality=structure.semiring.equality)
        results.append(LawResult(law, verdict, "n/a", True, 0.0))

    return Report(
        structure=structure.name,
        description=structure.description,
        equality=structure.semiring.equality,
        seed=seed,
        max_examples=max_examples,
        timeout=timeout,
        results=tuple(results),
        properties=tuple(p for p in PROPERTY_IDS if p in structure.properties),
    )
