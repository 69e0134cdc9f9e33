"""Number semirings: which derivations exist, and what floating point breaks."""

from __future__ import annotations

import math
import operator
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings

from diffalg import VerdictKind, check, replay
from diffalg.instances import get
from diffalg.instances.numbers import (
    FLOAT_BOUND,
    FLOAT_TOLERANCE,
    arithmetic_derivative,
    naturals,
    parse_fraction,
    rationals,
)
from diffalg.structures import Derivation, DifferentialSemiring

EXAMPLES = 40
# In-process checks: the forked per-law time limit costs more than these
# small instances need, and none of their operations can hang.
TIMEOUT = None
NUMBER_INSTANCES = ["naturals", "naturals-arithmetic", "integers", "rationals",
                    "floats-exact", "floats-tolerant"]


def with_derivation(base: DifferentialSemiring[Any],
                    derivation: Derivation[Any]) -> DifferentialSemiring[Any]:
    return DifferentialSemiring(f"{base.name}-broken", base.semiring, (derivation,))


@pytest.mark.parametrize("name", NUMBER_INSTANCES)
def test_number_instance_matches_declarations(name: str) -> None:
    report = check(get(name), max_examples=EXAMPLES, timeout=TIMEOUT)
    assert report.ok, [r.verdict.summary() for r in report.unexpected]


def test_naturals_zero_derivation_holds() -> None:
    report = check(get("naturals"), ["d_add[d0]", "d_leibniz[d0]", "d_one[d0]",
                                     "chain[d0]", "comp_assoc"],
                   max_examples=EXAMPLES)
    for result in report.results:
        assert result.verdict.kind is VerdictKind.SAMPLED, result.law.id


def test_naturals_identity_fails_leibniz() -> None:
    broken = with_derivation(naturals(), Derivation("did", lambda n: n))
    verdict = check(broken, ["d_leibniz[did]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None
    assignment = dict(verdict.witness.assignment)
    a, b = int(assignment["a"]), int(assignment["b"])
    assert int(verdict.witness.lhs) == a * b
    assert int(verdict.witness.rhs) == 2 * a * b


def test_zero_derivation_plus_one_fails_leibniz() -> None:
    broken = with_derivation(naturals(), Derivation("d1", lambda n: 1))
    verdict = check(broken, ["d_leibniz[d1]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None
    assert dict(verdict.witness.assignment) == {"a": "0", "b": "0"}
    assert (verdict.witness.lhs, verdict.witness.rhs) == ("1", "0")


def test_rationals_identity_fails_leibniz() -> None:
    broken = with_derivation(rationals(), Derivation("did", lambda q: q))
    verdict = check(broken, ["d_leibniz[did]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED


def test_arithmetic_derivative_values() -> None:
    assert arithmetic_derivative(0) == 0
    assert arithmetic_derivative(1) == 0
    assert arithmetic_derivative(7) == 1
    assert arithmetic_derivative(12) == 16
    assert arithmetic_derivative(2**10) == 10 * 2**9
    assert arithmetic_derivative(6 * 35) == 6 * arithmetic_derivative(35) + (
        35 * arithmetic_derivative(6))


def test_arithmetic_derivative_leibniz_not_additive() -> None:
    report = check(get("naturals-arithmetic"), ["d_leibniz[darith]",
                                                "d_add[darith]"],
                   max_examples=EXAMPLES)
    assert report.result("d_leibniz[darith]").verdict.kind is VerdictKind.SAMPLED
    additive = report.result("d_add[darith]").verdict
    assert additive.kind is VerdictKind.KNOWN_FAILURE
    assert additive.witness is not None
    assert dict(additive.witness.assignment) == {"a": "1", "b": "1"}
    assert (additive.witness.lhs, additive.witness.rhs) == ("1", "0")


def test_arithmetic_derivative_shifted_fails_leibniz() -> None:
    shifted = Derivation("dshift", lambda n: arithmetic_derivative(n) + 1)
    broken = with_derivation(naturals(), shifted)
    verdict = check(broken, ["d_leibniz[dshift]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED


def test_arithmetic_derivative_rejects_negative() -> None:
    with pytest.raises(ValueError, match="-5"):
        arithmetic_derivative(-5)


def test_floats_exact_classic_associativity_witness() -> None:
    outcome = replay("floats-exact", "add_assoc", a=0.1, b=0.2, c=0.3)
    assert not outcome.holds
    assert outcome.lhs == 0.6000000000000001
    assert outcome.rhs == 0.6


def test_floats_exact_failures_are_refuted() -> None:
    laws = ["add_assoc", "mul_assoc", "distrib_left", "distrib_right",
            "add_cancel"]
    report = check(get("floats-exact"), laws, max_examples=EXAMPLES)
    for result in report.results:
        assert result.verdict.kind is VerdictKind.KNOWN_FAILURE, result.law.id
        witness = result.verdict.witness
        assert witness is not None
        assert witness.lhs != witness.rhs


def test_floats_exact_cancellation_witness_is_two_to_53() -> None:
    witness = check(get("floats-exact"), ["add_cancel"]).results[0].verdict.witness
    assert witness is not None
    assert dict(witness.assignment)["c"] == repr(2.0**53)


def test_floats_tolerant_equality_in_every_verdict() -> None:
    report = check(get("floats-tolerant"), max_examples=EXAMPLES,
                   timeout=TIMEOUT)
    described = FLOAT_TOLERANCE.describe()
    assert report.equality == described
    for result in report.results:
        assert result.verdict.equality == described, result.law.id


def test_floats_tolerant_laws_hold_up_to_tolerance() -> None:
    laws = ["add_assoc", "mul_assoc", "distrib_left", "distrib_right"]
    report = check(get("floats-tolerant"), laws, max_examples=100)
    for result in report.results:
        assert result.verdict.kind is VerdictKind.SAMPLED, result.law.id
        assert result.verdict.examples == 100


def test_tolerance_is_not_transitive() -> None:
    step = 0.9e-9
    assert FLOAT_TOLERANCE(0.0, step)
    assert FLOAT_TOLERANCE(step, 2 * step)
    assert not FLOAT_TOLERANCE(0.0, 2 * step)


def test_floats_tolerant_cancellation_fails() -> None:
    result = check(get("floats-tolerant"), ["add_cancel"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    witness = result.verdict.witness
    assert witness is not None
    values = {name: float(text) for name, text in witness.assignment}
    assert FLOAT_TOLERANCE(values["a"] + values["c"], values["b"] + values["c"])
    assert not FLOAT_TOLERANCE(values["a"], values["b"])


@settings(max_examples=50, database=None)
@given(get("floats-tolerant").semiring.strategy)
def test_floats_tolerant_strategy_is_bounded(value: float) -> None:
    assert math.isfinite(value)
    assert abs(value) <= FLOAT_BOUND


def test_rationals_parse_round_trip() -> None:
    semiring = rationals().semiring
    value = Fraction(-7, 3)
    assert semiring.parse is not None
    text = semiring.source(value)
    assert semiring.parse(text.strip("'")) == value
    assert parse_fraction(" 5 ") == 5


def test_rationals_parse_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="'1/0'"):
        parse_fraction("1/0")


def test_integers_negation_is_additive_inverse() -> None:
    semiring = get("integers").semiring
    assert semiring.neg is not None
    assert semiring.add(17, semiring.neg(17)) == semiring.zero
    assert semiring.mul is operator.mul
