"""Dual numbers, truncated series, matrices and products over base structures."""

from __future__ import annotations

import ast
from typing import Any

import pytest
from hypothesis import given, settings

from diffalg import VerdictKind, check
from diffalg.instances import get
from diffalg.instances.constructions import (
    dual_numbers,
    matrices,
    pair_name,
    product,
    truncated_series,
)
from diffalg.instances.finite_examples import boolean_identity
from diffalg.instances.numbers import floats_exact, naturals
from diffalg.instances.polynomials import naturals_t, poly_derivative
from diffalg.instances.tropical import boolean, fuzzy, min_plus
from diffalg.structures import Derivation, DifferentialSemiring, finite_structure

EXAMPLES = 40
TIMEOUT = None  # in-process: these operations cannot hang
CONSTRUCTION_INSTANCES = ["dual(naturals)", "dual(boolean)", "dual(min-plus)",
                          "N[t]/(t^3)", "B[t]/(t^3)", "M2(N[t])",
                          "M2(boolean-identity)", "N[t]×boolean"]


def with_derivation(base: DifferentialSemiring[Any],
                    derivation: Derivation[Any]) -> DifferentialSemiring[Any]:
    return DifferentialSemiring(f"{base.name}-broken", base.semiring, (derivation,))


def f2() -> DifferentialSemiring[int]:
    return finite_structure("F2", [[0, 1], [1, 0]], [[0, 0], [0, 1]],
                            derivations={"d0": [0, 0]},
                            properties=frozenset({"mul_comm", "add_cancel"}))


@pytest.mark.parametrize("name", CONSTRUCTION_INSTANCES)
def test_construction_matches_declarations(name: str) -> None:
    report = check(get(name), max_examples=EXAMPLES, timeout=TIMEOUT)
    assert report.ok, [r.verdict.summary() for r in report.unexpected]


@pytest.mark.parametrize("name", CONSTRUCTION_INSTANCES)
def test_source_parse_round_trip(name: str) -> None:
    semiring = get(name).semiring
    parse = semiring.parse
    assert parse is not None
    assert semiring.strategy is not None

    @settings(max_examples=25, database=None)
    @given(semiring.strategy)
    def round_trip(value: Any) -> None:
        text = ast.literal_eval(semiring.source(value))
        assert semiring.equal(parse(text), value)

    round_trip()


def test_dual_epsilon_part_is_derivation_exhaustively() -> None:
    report = check(get("dual(boolean)"), ["d_add[deps]", "d_leibniz[deps]",
                                          "d_one[deps]", "comp_assoc"])
    for result in report.results:
        assert result.verdict.kind is VerdictKind.EXHAUSTIVE, result.law.id


def test_dual_chain_rule_witness() -> None:
    result = check(get("dual(naturals)"), ["chain[deps]"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    witness = result.verdict.witness
    assert witness is not None
    assert dict(witness.assignment) == {"a": "0 + 1ε", "b": "0 + 1ε"}
    assert (witness.lhs, witness.rhs) == ("0 + 1ε", "0 + 0ε")


def test_dual_wrong_component_fails_leibniz() -> None:
    structure = dual_numbers(naturals())
    broken = with_derivation(structure, Derivation("dwrong", lambda x: (0, x[0])))
    verdict = check(broken, ["d_leibniz[dwrong]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None
    assert (verdict.witness.lhs, verdict.witness.rhs) == ("0 + 1ε", "0 + 2ε")


def test_dual_inherits_float_failures() -> None:
    structure = dual_numbers(floats_exact())
    assert "add_assoc" in structure.known_failures
    # Leibniz for deps is left out: overflow gives inf + (-inf) = nan != nan.
    report = check(structure, ["add_assoc", "d_add[deps]"],
                   max_examples=EXAMPLES, timeout=TIMEOUT)
    assert report.ok
    assert report.result("add_assoc").verdict.kind is VerdictKind.KNOWN_FAILURE
    assert report.result("d_add[deps]").verdict.kind is VerdictKind.SAMPLED


def test_dual_lifted_identity_declares_chain_failure() -> None:
    structure = get("dual(min-plus)")
    assert "chain[did]" in structure.known_failures
    assert "d_one[did]" in structure.known_failures
    assert "chain[d0]" not in structure.known_failures


def test_truncated_dt_fails_leibniz_over_naturals() -> None:
    result = check(get("N[t]/(t^3)"), ["d_leibniz[dt]"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    witness = result.verdict.witness
    assert witness is not None
    assert (witness.lhs, witness.rhs) == ("0", "3t^2")


def test_truncated_dt_is_derivation_in_characteristic_two() -> None:
    structure = truncated_series(f2(), 2)
    assert "d_leibniz[dt]" not in structure.known_failures
    report = check(structure, ["d_leibniz[dt]", "d_leibniz[theta]"])
    for result in report.results:
        assert result.verdict.kind is VerdictKind.EXHAUSTIVE, result.law.id


def test_truncated_f2_length_three_dt_fails() -> None:
    structure = truncated_series(f2(), 3)
    assert "d_leibniz[dt]" in structure.known_failures
    result = check(structure, ["d_leibniz[dt]"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE


def test_truncated_euler_is_derivation_exhaustively() -> None:
    report = check(get("B[t]/(t^3)"), ["d_add[theta]", "d_leibniz[theta]",
                                       "d_one[theta]"])
    for result in report.results:
        assert result.verdict.kind is VerdictKind.EXHAUSTIVE, result.law.id


def test_truncated_shifted_euler_fails_leibniz() -> None:
    structure = truncated_series(naturals(), 3)

    def shifted(p: tuple[int, ...]) -> tuple[int, ...]:
        return tuple((k + 1) * c for k, c in enumerate(p))

    broken = with_derivation(structure, Derivation("dshift", shifted))
    verdict = check(broken, ["d_leibniz[dshift]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED


def test_truncated_operations() -> None:
    s = get("N[t]/(t^3)")
    assert s.semiring.mul((1, 2, 0), (0, 1, 1)) == (0, 1, 3)
    assert s.derivation("theta")((4, 5, 6)) == (0, 5, 12)
    assert s.derivation("dt")((4, 5, 6)) == (5, 12, 0)
    assert s.semiring.show((0, 1, 2)) == "t + 2t^2"


def test_matrix_entrywise_derivation_holds() -> None:
    report = check(get("M2(N[t])"), ["d_add[dt]", "d_leibniz[dt]", "d_one[dt]"],
                   max_examples=EXAMPLES, timeout=TIMEOUT)
    for result in report.results:
        assert result.verdict.kind is VerdictKind.SAMPLED, result.law.id


def test_matrix_entrywise_over_noncommutative_base() -> None:
    nested = matrices(get("M2(boolean-identity)"), 2)
    report = check(nested, ["d_leibniz[d]", "mul_comm"], max_examples=EXAMPLES,
                   timeout=TIMEOUT)
    assert report.result("d_leibniz[d]").verdict.kind is VerdictKind.SAMPLED
    assert report.result("mul_comm").verdict.kind is VerdictKind.KNOWN_FAILURE


def test_matrix_mul_comm_witness() -> None:
    result = check(get("M2(N[t])"), ["mul_comm"]).results[0]
    witness = result.verdict.witness
    assert witness is not None
    assert dict(witness.assignment) == {"a": "[[1, 0], [0, 0]]",
                                        "b": "[[0, 1], [0, 0]]"}
    assert (witness.lhs, witness.rhs) == ("[[0, 1], [0, 0]]", "[[0, 0], [0, 0]]")


def test_matrix_diagonal_only_derivative_fails_leibniz() -> None:
    structure = matrices(naturals_t(), 2)

    def diagonal_only(a: Any) -> Any:
        return tuple(tuple(poly_derivative(a[i][j]) if i == j else ()
                           for j in range(2)) for i in range(2))

    broken = with_derivation(structure, Derivation("ddiag", diagonal_only))
    verdict = check(broken, ["d_leibniz[ddiag]"], max_examples=EXAMPLES,
                    timeout=TIMEOUT).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED


def test_matrix_inherits_identity_failure() -> None:
    result = check(get("M2(boolean-identity)"), ["d_one[d]"]).results[0]
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE


def test_product_of_models_is_model() -> None:
    report = check(get("N[t]×boolean"), max_examples=EXAMPLES, timeout=TIMEOUT)
    failing = [r.law.id for r in report.results
               if r.verdict.kind.fails and r.law.kind != "property"]
    assert failing == []
    assert report.properties == ("mul_comm",)


def test_product_declares_failures_of_either_factor() -> None:
    structure = product(min_plus(), fuzzy())
    assert [d.name for d in structure.derivations] == ["d0", "did", "dc"]
    for law_id in ("d_one[did]", "d_one[dc]", "chain[did]", "chain[dc]"):
        assert law_id in structure.known_failures
    report = check(structure, max_examples=EXAMPLES, timeout=TIMEOUT)
    assert report.ok, [r.verdict.summary() for r in report.unexpected]


def test_product_with_zero_side_pairs() -> None:
    structure = product(naturals_t(), boolean_identity(), pairs=[("dt", None),
                                                                 (None, "d")])
    names = [d.name for d in structure.derivations]
    assert names == ["dt_zero", "zero_d"]
    assert structure.derivation("dt_zero")(((0, 1), True)) == ((1,), False)
    report = check(structure, max_examples=EXAMPLES, timeout=TIMEOUT)
    assert report.ok, [r.verdict.summary() for r in report.unexpected]
    assert report.result("d_one[zero_d]").verdict.kind is VerdictKind.KNOWN_FAILURE


def test_product_with_broken_pair_fails_leibniz() -> None:
    structure = product(naturals_t(), boolean(), pairs=[("dt", "d0")])
    derivative = structure.derivation("dt_d0").apply
    broken = with_derivation(structure, Derivation(
        "dtrue", lambda x: (derivative(x)[0], True)))
    verdict = check(broken, ["d_leibniz[dtrue]"]).results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED


def test_pair_names() -> None:
    assert pair_name("dt", "dt") == "dt"
    assert pair_name("dt", None) == "dt_zero"


def test_construction_argument_errors() -> None:
    with pytest.raises(ValueError, match="length 2 or more"):
        truncated_series(naturals(), 1)
    with pytest.raises(ValueError, match="clashes"):
        truncated_series(naturals_t(), 3)
    with pytest.raises(ValueError, match="size 0"):
        matrices(naturals(), 0)
    with pytest.raises(KeyError, match="dx"):
        product(naturals(), boolean(), pairs=[("dx", None)])


def test_construction_parse_errors() -> None:
    parse = get("dual(naturals)").semiring.parse
    assert parse is not None
    with pytest.raises(ValueError, match="not a literal"):
        parse("__import__('os')")
    with pytest.raises(ValueError, match="tuple of 2 items"):
        parse("(1, 2, 3)")


def test_construction_membership() -> None:
    dual = get("dual(naturals)").semiring.contains
    assert dual is not None
    assert dual((1, 2))
    assert not dual((1, -2))
    assert not dual((1, 2, 3))
    matrix = get("M2(N[t])").semiring.contains
    assert matrix is not None
    assert matrix((((1,), ()), ((), (0, 1))))
    assert not matrix((((1, 0),), ((), ())))
    pair = get("N[t]×boolean").semiring.contains
    assert pair is not None
    assert pair(((2,), False))
    assert not pair(((2,), 3))
