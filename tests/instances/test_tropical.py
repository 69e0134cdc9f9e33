"""Idempotent and provenance semirings: derivations, properties and orders."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest

from diffalg import VerdictKind, check
from diffalg.instances import get
from diffalg.instances.numbers import naturals
from diffalg.instances.tropical import (
    SECURITY_LEVELS,
    idempotent_structure,
    lukasiewicz_t_norm,
    min_plus,
    parse_extended,
    parse_unit_fraction,
    scaling_derivation,
    security,
    show_extended,
    unit_interval_semiring,
)
from diffalg.structures import (
    Derivation,
    DifferentialSemiring,
    TableError,
    finite_semiring,
)

EXAMPLES = 40
TIMEOUT = None  # in-process: these operations cannot hang
TROPICAL_INSTANCES = ["boolean", "min-plus", "max-plus", "viterbi", "fuzzy",
                      "lukasiewicz", "security", "counting"]
EXPECTED_PROPERTIES = {
    "boolean": {"mul_comm", "add_idem", "mul_idem", "absorptive"},
    "min-plus": {"mul_comm", "add_idem", "absorptive"},
    "max-plus": {"mul_comm", "add_idem"},
    "viterbi": {"mul_comm", "add_idem", "absorptive"},
    "fuzzy": {"mul_comm", "add_idem", "mul_idem", "absorptive"},
    "lukasiewicz": {"mul_comm", "add_idem", "absorptive"},
    "security": {"mul_comm", "add_idem", "mul_idem", "absorptive"},
    "counting": {"mul_comm", "add_cancel"},
}
PROPERTY_IDS = ["mul_comm", "add_idem", "mul_idem", "absorptive", "add_cancel"]


def with_derivation(base: DifferentialSemiring[Any],
                    derivation: Derivation[Any]) -> DifferentialSemiring[Any]:
    return DifferentialSemiring(f"{base.name}-broken", base.semiring, (derivation,))


@pytest.mark.parametrize("name", TROPICAL_INSTANCES)
def test_tropical_instance_matches_declarations(name: str) -> None:
    report = check(get(name), max_examples=EXAMPLES, timeout=TIMEOUT)
    assert report.ok, [r.verdict.summary() for r in report.unexpected]


@pytest.mark.parametrize("name", TROPICAL_INSTANCES)
def test_properties_verified(name: str) -> None:
    report = check(get(name), PROPERTY_IDS, max_examples=EXAMPLES, timeout=TIMEOUT)
    holding = {r.law.id for r in report.results if r.verdict.kind.holds}
    failing = {r.law.id for r in report.results if r.verdict.kind.fails}
    assert holding == EXPECTED_PROPERTIES[name]
    assert failing == set(PROPERTY_IDS) - EXPECTED_PROPERTIES[name]


def test_counting_cancellation_premise_exercised() -> None:
    result = check(get("counting"), ["add_cancel"], max_examples=EXAMPLES,
                   timeout=TIMEOUT).results[0]
    assert result.verdict.kind is VerdictKind.SAMPLED
    assert result.verdict.examples is not None
    assert result.verdict.examples > 0


@pytest.mark.parametrize("name", ["min-plus", "max-plus", "viterbi", "fuzzy",
                                  "lukasiewicz", "security"])
def test_identity_and_scaling_are_derivations(name: str) -> None:
    laws = ["d_add[did]", "d_leibniz[did]", "d_add[dc]", "d_leibniz[dc]",
            "commute[did,dc]", "chain[d0]"]
    report = check(get(name), laws, max_examples=EXAMPLES, timeout=TIMEOUT)
    for result in report.results:
        assert result.verdict.kind.holds, (result.law.id, result.verdict.summary())


def test_min_plus_identity_maps_one_to_one() -> None:
    witness = check(get("min-plus"), ["d_one[did]"]).results[0].verdict.witness
    assert witness is not None
    assert (witness.lhs, witness.rhs) == ("0", "∞")


def test_chain_rule_fails_at_zero_for_identity() -> None:
    result = check(get("viterbi"), ["chain[did]"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    witness = result.verdict.witness
    assert witness is not None
    assert dict(witness.assignment) == {"a": "1", "b": "0"}
    assert (witness.lhs, witness.rhs) == ("1", "0")


def test_min_plus_identity_plus_one_fails_leibniz() -> None:
    structure = min_plus()
    semiring = structure.semiring

    def identity_plus_one(value: float) -> float:
        return semiring.add(value, semiring.one)

    broken = with_derivation(structure, Derivation("did1", identity_plus_one))
    verdict = check(broken, ["d_leibniz[did1]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None
    assert dict(verdict.witness.assignment) == {"a": "∞", "b": "∞"}
    assert (verdict.witness.lhs, verdict.witness.rhs) == ("0", "∞")


def test_scaling_on_naturals_fails_leibniz() -> None:
    structure = naturals()
    doubling = scaling_derivation(structure.semiring, 2, name="d2")
    verdict = check(with_derivation(structure, doubling),
                    ["d_leibniz[d2]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None
    assignment = dict(verdict.witness.assignment)
    product = int(assignment["a"]) * int(assignment["b"])
    assert int(verdict.witness.lhs) == 2 * product
    assert int(verdict.witness.rhs) == 4 * product


def test_fuzzy_additive_square_fails_leibniz() -> None:
    structure = get("fuzzy")
    square = Derivation("dsq", lambda a: lukasiewicz_t_norm(a, a))
    report = check(with_derivation(structure, square),
                   ["d_add[dsq]", "d_leibniz[dsq]"], timeout=TIMEOUT)
    assert report.result("d_add[dsq]").verdict.kind is VerdictKind.SAMPLED
    assert report.result("d_leibniz[dsq]").verdict.kind is VerdictKind.REFUTED


def test_security_tables_follow_clearances() -> None:
    s = security().semiring
    level = SECURITY_LEVELS.index
    assert s.show(s.zero) == "never"
    assert s.show(s.one) == "public"
    assert s.show(s.add(level("top-secret"), level("secret"))) == "secret"
    assert s.show(s.mul(level("confidential"), level("secret"))) == "secret"
    assert s.show(s.mul(level("never"), level("public"))) == "never"


def test_security_laws_exhaustive() -> None:
    report = check(get("security"))
    for result in report.results:
        if result.verdict.kind is VerdictKind.KNOWN_FAILURE:
            continue
        assert result.verdict.kind is VerdictKind.EXHAUSTIVE, result.law.id


def test_security_reversed_order_is_not_a_semiring() -> None:
    add, mul = [], []
    rank = (4, 0, 1, 2, 3)
    for x in range(5):
        add.append([max(x, y, key=lambda e: rank[e]) for y in range(5)])
        mul.append([min(x, y, key=lambda e: rank[e]) for y in range(5)])
    with pytest.raises(TableError, match="not a two-sided identity of the addition"):
        finite_semiring("reversed", add, mul, zero=0, one=1)


def test_lukasiewicz_t_norm_values() -> None:
    half = Fraction(1, 2)
    assert lukasiewicz_t_norm(half, half) == 0
    assert lukasiewicz_t_norm(Fraction(3, 4), Fraction(3, 4)) == Fraction(1, 2)
    assert lukasiewicz_t_norm(Fraction(1), Fraction(2, 5)) == Fraction(2, 5)


def test_lukasiewicz_mul_idem_witness() -> None:
    result = check(get("lukasiewicz"), ["mul_idem"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    witness = result.verdict.witness
    assert witness is not None
    assert dict(witness.assignment) == {"a": "1/2"}
    assert (witness.lhs, witness.rhs) == ("0", "1/2")


def test_max_plus_not_absorptive() -> None:
    witness = check(get("max-plus"), ["absorptive"]).results[0].verdict.witness
    assert witness is not None
    assert dict(witness.assignment) == {"a": "1"}


def test_extended_parse_and_show() -> None:
    assert parse_extended("∞") == math.inf
    assert parse_extended("-inf") == -math.inf
    assert parse_extended(" 42 ") == 42
    assert show_extended(parse_extended("-∞")) == "-∞"
    with pytest.raises(ValueError, match="'x'"):
        parse_extended("x")


def test_min_plus_parse_rejects_negative_cost() -> None:
    parse = min_plus().semiring.parse
    assert parse is not None
    with pytest.raises(ValueError, match="non-negative"):
        parse("-3")


def test_unit_fraction_parse_bounds() -> None:
    assert parse_unit_fraction("1") == 1
    with pytest.raises(ValueError, match="outside"):
        parse_unit_fraction("-1/2")


def test_idempotent_structure_rejects_zero_constant() -> None:
    semiring = unit_interval_semiring("fuzzy", min)
    with pytest.raises(ValueError, match="zero"):
        idempotent_structure("bad", semiring, Fraction(0), frozenset(), "")


def test_carrier_membership() -> None:
    min_costs = min_plus().semiring.contains
    assert min_costs is not None
    assert min_costs(math.inf)
    assert min_costs(0)
    assert not min_costs(-1)
    assert not min_costs(-math.inf)
    unit = get("viterbi").semiring.contains
    assert unit is not None
    assert unit(Fraction(1, 3))
    assert not unit(Fraction(4, 3))
    assert not unit(0.5)


def test_operation_leaving_carrier_is_an_error() -> None:
    structure = min_plus()
    broken = with_derivation(structure, Derivation("dneg", lambda a: -1))
    verdict = check(broken, ["d_add[dneg]"]).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert verdict.error is not None
    assert "not an element of min-plus" in verdict.error
