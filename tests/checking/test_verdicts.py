"""Every verdict kind, produced by a structure built to produce it."""

from __future__ import annotations

import operator
import time

import pytest
from hypothesis import strategies as st

from diffalg import (
    Composition,
    Derivation,
    DifferentialSemiring,
    Semiring,
    VerdictKind,
    check,
)
from diffalg.instances import get


def naturals(**fields: object) -> Semiring[int]:
    base: dict[str, object] = {
        "strategy": st.integers(0, 20),
        "candidates": (0, 1, 2),
    }
    base.update(fields)
    return Semiring("N", 0, 1, operator.add, operator.mul, **base)  # type: ignore[arg-type]


def test_proved_on_generic_elements() -> None:
    report = check(get("univariate"), ["chain[dt]", "comp_assoc"])
    for result in report.results:
        assert result.verdict.kind is VerdictKind.PROVED
        assert "generic" in result.verdict.method


def test_exhaustive_on_finite_carrier() -> None:
    verdict = check(get("F2[t]/(t^2)"), ["comp_assoc"]).results[0].verdict
    assert verdict.kind is VerdictKind.EXHAUSTIVE
    assert verdict.method == "all 4^3 assignments"


def test_sampled_reports_count_and_seed() -> None:
    verdict = check(get("N[t]"), ["mul_assoc"], seed=7,
                    max_examples=30).results[0].verdict
    assert verdict.kind is VerdictKind.SAMPLED
    assert verdict.seed == 7
    assert verdict.examples is not None
    assert 0 < verdict.examples <= 30


def test_refuted_when_undeclared() -> None:
    double = Derivation("d", lambda n: 2 * n)
    structure = DifferentialSemiring("N-double", naturals(), (double,))
    result = check(structure, ["d_leibniz[d]"]).results[0]
    assert result.verdict.kind is VerdictKind.REFUTED
    assert not result.as_expected
    witness = result.verdict.witness
    assert witness is not None
    assert witness.assignment == (("a", "1"), ("b", "1"))
    assert witness.lhs == "2"
    assert witness.rhs == "4"
    assert ("d(a)·b", "2") in witness.subterms


def test_known_failure_keeps_witness() -> None:
    result = check(get("boolean-identity"), ["d_one[d]"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    assert result.as_expected
    assert result.verdict.witness is not None
    assert result.verdict.witness.lhs == "True"


def test_declared_failure_that_holds_is_unexpected() -> None:
    zero = Derivation("d", lambda n: 0)
    structure = DifferentialSemiring("N-zero", naturals(), (zero,),
                                     known_failures={"d_one[d]": "wrongly"})
    report = check(structure, ["d_one[d]"])
    assert report.results[0].verdict.kind is VerdictKind.SAMPLED
    assert not report.ok


def test_error_names_operation_and_inputs() -> None:
    def fragile(n: int) -> int:
        if n == 2:
            raise ZeroDivisionError("fragile at 2")
        return 0

    structure = DifferentialSemiring("N-fragile", naturals(),
                                     (Derivation("d", fragile),))
    verdict = check(structure, ["d_add[d]"]).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert verdict.error is not None
    assert "operation d raised ZeroDivisionError" in verdict.error
    assert "on inputs (2)" in verdict.error


def test_timeout_is_its_own_verdict() -> None:
    def slow(n: int) -> int:
        time.sleep(30)
        return 0

    structure = DifferentialSemiring("N-slow", naturals(), (Derivation("d", slow),))
    started = time.monotonic()
    report = check(structure, ["d_one[d]", "add_comm"], timeout=5.0,
                   max_examples=10)
    elapsed = time.monotonic() - started
    slow_law = report.result("d_one[d]")
    assert slow_law.verdict.kind is VerdictKind.TIMED_OUT
    assert slow_law.seconds < 5.0 + 1.0
    assert report.result("add_comm").verdict.kind is VerdictKind.SAMPLED
    assert not report.ok
    assert elapsed < 20


def test_not_applicable_without_composition() -> None:
    report = check(get("boolean-identity"))
    kinds = {r.law.id: r.verdict.kind for r in report.results}
    assert kinds["comp_assoc"] is VerdictKind.NOT_APPLICABLE
    assert kinds["chain[d]"] is VerdictKind.NOT_APPLICABLE
    assert report.result("comp_assoc").verdict.method == "no ∘′"


def test_undecided_when_premise_never_holds() -> None:
    # Equality by identity: a + c and b + c are always fresh objects.
    semiring = Semiring("boxes", (0,), (1,), lambda a, b: (a[0] + b[0],),
                        lambda a, b: (a[0] * b[0],), equal=operator.is_,
                        strategy=st.integers(0, 5).map(lambda n: (n,)))
    structure = DifferentialSemiring("boxes", semiring)
    verdict = check(structure, ["add_cancel"], max_examples=20).results[0].verdict
    assert verdict.kind is VerdictKind.UNDECIDED
    assert "premise held in 0 of" in verdict.method


def test_bad_settings_rejected() -> None:
    with pytest.raises(ValueError, match="max_examples"):
        check(get("F2[t]/(t^2)"), max_examples=0)
    with pytest.raises(ValueError, match="timeout"):
        check(get("F2[t]/(t^2)"), timeout=-1)


def test_unknown_law_suggests_close_id() -> None:
    with pytest.raises(KeyError, match="did you mean 'chain\\[dt\\]'"):
        check(get("univariate"), ["chain[dx]"])


def test_composition_error_on_finite() -> None:
    def broken(a: bool, b: bool) -> bool:
        raise RuntimeError("no composition here")

    base = get("boolean-identity")
    structure = DifferentialSemiring("B-broken", base.semiring, base.derivations,
                                     Composition(broken))
    verdict = check(structure, ["comp_one"]).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert "operation ∘′ raised RuntimeError" in (verdict.error or "")
