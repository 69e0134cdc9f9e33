"""Semiring actions: regular, natural and coordinate actions, and broken ones."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st

import diffalg.instances.provenance  # noqa: F401  (registers the instances)
from diffalg import Semiring, Tolerance, VerdictKind, finite_semiring
from diffalg.instances import get
from diffalg.instances.provenance_algebra import ProvenanceAlgebra
from diffalg.laws.morphisms import MapReport
from diffalg.structures.semimodule import (
    CommutativeMonoid,
    SemiringAction,
    additive_monoid,
    check_action,
    coordinate_action,
    natural_action,
    regular_action,
    replay_action,
)

ACTION_LAWS = ["act_assoc", "act_one", "act_zero_scalar", "act_zero_vector",
               "act_distrib_scalar", "act_distrib_vector"]


def naturals() -> Semiring[int]:
    return Semiring("N", 0, 1, operator.add, operator.mul,
                    strategy=st.integers(0, 30), candidates=(0, 1, 2, 3))


def maxima() -> CommutativeMonoid[int]:
    return CommutativeMonoid("(N, max, 0)", 0, max, strategy=st.integers(0, 30),
                             candidates=(0, 1, 2, 3))


def parse(semiring: Semiring[Any], text: str) -> Any:
    assert semiring.parse is not None
    return semiring.parse(text)


def failing(report: MapReport) -> set[str]:
    return {r.law_id for r in report.results if r.verdict.kind.fails}


def assert_all_hold(report: MapReport) -> None:
    assert report.ok, [(r.law_id, r.verdict.summary()) for r in report.unexpected]
    assert [r.law_id for r in report.results] == [
        *ACTION_LAWS, "add_assoc", "add_comm", "add_zero"]


@pytest.mark.parametrize("name", ["N[X]", "Why(X)", "PosBool(X)"])
def test_provenance_acts_on_itself(name: str) -> None:
    action = regular_action(get(name).semiring)
    assert_all_hold(check_action(action, max_examples=30, timeout=None))


def test_regular_action_of_finite_semiring_is_exhaustive() -> None:
    report = check_action(regular_action(get("F3[t]/(t^3)").semiring), timeout=None)
    assert_all_hold(report)
    assert report.counts() == {"exhaustive": 9}


@pytest.mark.parametrize("monoid", [
    maxima(),
    additive_monoid(get("B[X]").semiring),
    additive_monoid(get("Trio(X)").semiring),
])
def test_naturals_act_by_repeated_addition(monoid: CommutativeMonoid[object]) -> None:
    assert_all_hold(check_action(natural_action(monoid), max_examples=30,
                                 timeout=None))


def test_natural_action_values() -> None:
    trio = get("Trio(X)").semiring
    action = natural_action(additive_monoid(trio))
    assert trio.show(action(3, parse(trio, "x + 2y"))) == "3x + 6y"
    assert action(0, parse(trio, "x")) == trio.zero
    boolean = get("B[X]").semiring
    assert natural_action(additive_monoid(boolean))(5, parse(boolean, "x")) == (
        parse(boolean, "x"))
    with pytest.raises(ValueError, match="exceeds 10000"):
        action(10_001, trio.one)


def test_coordinate_action_on_naturals() -> None:
    action = coordinate_action(naturals(), 3)
    assert action(2, (1, 0, 4)) == (2, 0, 8)
    assert_all_hold(check_action(action, max_examples=30, timeout=None))


def test_coordinate_action_of_provenance() -> None:
    why = get("Why(X)").semiring
    action = coordinate_action(why, 2)
    assert action.module.show(action(parse(why, "x"), (parse(why, "y + 1"),
                                                      why.zero))) == "(xy + x, 0)"
    assert_all_hold(check_action(action, max_examples=30, timeout=None))


def reals(equal: object = operator.eq, equality: str = "exact") -> Semiring[float]:
    return Semiring("R", 0.0, 1.0, operator.add, operator.mul,
                    equal=equal, equality=equality,  # type: ignore[arg-type]
                    strategy=st.floats(-100, 100, allow_nan=False),
                    candidates=(0.0, 1.0, 2.0, 0.5))


def test_dense_layer_view_up_to_tolerance() -> None:
    close = Tolerance(rel=1e-9, abs=1e-9)
    action = coordinate_action(reals(close, close.describe()), 2)
    report = check_action(action, max_examples=50, timeout=None)
    assert_all_hold(report)
    assert report.results[0].verdict.equality == close.describe()


def test_dense_layer_view_exact_floats_fail() -> None:
    action = coordinate_action(reals(), 2)
    report = check_action(action, ["act_distrib_scalar"], max_examples=100,
                          timeout=None)
    verdict = report.results[0].verdict
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None


def two_level_chain() -> Semiring[int]:
    # The chain 0 < a < 1 with + = max and · = min, stored as 0, 1, 2.
    return finite_semiring("chain-3", [[0, 1, 2], [1, 1, 2], [2, 2, 2]],
                           [[0, 0, 0], [0, 1, 1], [0, 1, 2]],
                           labels=["0", "a", "1"])


def low_degree_sum(p: tuple[tuple[tuple[int, ...], int], ...]) -> int:
    return sum(c for m, c in p if sum(m) <= 1)


BROKEN: dict[str, tuple[Callable[[], SemiringAction[Any, Any]], set[str]]] = {
    "constant zero": (
        lambda: SemiringAction("zero", naturals(), additive_monoid(naturals()),
                               lambda r, m: 0),
        {"act_one"}),
    "scalar ignored": (
        lambda: SemiringAction("ignore", get("Why(X)").semiring,
                               additive_monoid(get("Why(X)").semiring),
                               lambda r, m: m),
        {"act_zero_scalar"}),
    "nonzero scalars as one": (
        lambda: SemiringAction("support", naturals(), additive_monoid(naturals()),
                               lambda r, m: m if r else 0),
        {"act_distrib_scalar"}),
    "additive non-multiplicative scalar map": (
        lambda: SemiringAction("low-degree", get("N[X]").semiring,
                               additive_monoid(naturals()),
                               lambda p, m: low_degree_sum(p) * m),
        {"act_assoc"}),
    "even part below a": (
        lambda: SemiringAction("even", two_level_chain(), maxima(),
                               lambda r, m: [0, m if m % 2 == 0 else 0, m][r]),
        {"act_distrib_vector"}),
    "a lifts 0 to 1": (
        lambda: SemiringAction("lift", two_level_chain(), maxima(),
                               lambda r, m: [0, max(m, 1), m][r]),
        {"act_zero_vector", "act_assoc", "act_distrib_scalar"}),
    "shift": (
        lambda: SemiringAction("shift", naturals(), additive_monoid(naturals()),
                               operator.add),
        set(ACTION_LAWS)),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_action_fails_its_law(case: str) -> None:
    build, expected = BROKEN[case]
    report = check_action(build(), max_examples=40, timeout=None)
    assert failing(report) == expected
    for law_id in expected:
        verdict = report.result(law_id).verdict
        assert verdict.witness is not None, law_id


def test_broken_action_witness_and_replay() -> None:
    action = SemiringAction("support", naturals(), additive_monoid(naturals()),
                            lambda r, m: m if r else 0)
    verdict = check_action(action, ["act_distrib_scalar"]).results[0].verdict
    assert verdict.witness is not None
    assert verdict.witness.assignment == (("r", "1"), ("s", "1"), ("m", "1"))
    assert (verdict.witness.lhs, verdict.witness.rhs) == ("1", "2")
    assert ("r + s", "2") in verdict.witness.subterms
    outcome = replay_action(action, "act_distrib_scalar", r=1, s=1, m=1)
    assert not outcome.holds


def test_declared_action_failure_is_known() -> None:
    action = SemiringAction("zero", naturals(), additive_monoid(naturals()),
                            lambda r, m: 0,
                            known_failures={"act_one": "everything goes to 0"})
    report = check_action(action, max_examples=20, timeout=None)
    assert report.ok
    assert report.result("act_one").verdict.kind is VerdictKind.KNOWN_FAILURE


@pytest.mark.parametrize("add, broken", [
    (lambda m, n: m, {"add_comm"}),
    (lambda m, n: max(m - n, 0), {"add_comm", "add_assoc"}),
    (lambda m, n: m + n + 1, {"add_zero"}),
])
def test_broken_monoid_fails_its_law(add: object, broken: set[str]) -> None:
    monoid = CommutativeMonoid("broken", 0, add,  # type: ignore[arg-type]
                               strategy=st.integers(0, 30), candidates=(0, 1, 2, 3))
    action = SemiringAction("on broken", naturals(), monoid, lambda r, m: m)
    report = check_action(action, ["add_assoc", "add_comm", "add_zero"],
                          timeout=None)
    assert failing(report) == broken


def test_bad_arguments_rejected() -> None:
    with pytest.raises(ValueError, match="vector size 0 is invalid"):
        coordinate_action(naturals(), 0)
    with pytest.raises(ValueError, match="unknown laws \\['act_on'\\]"):
        SemiringAction("x", naturals(), additive_monoid(naturals()), operator.mul,
                       known_failures={"act_on": "typo"})
    with pytest.raises(KeyError, match="did you mean 'act_one'"):
        check_action(regular_action(naturals()), ["act_on"])
    with pytest.raises(ValueError, match="not a natural number"):
        natural_action(maxima())(True, 3)


def test_provenance_vectors_show() -> None:
    n = get("N[X]").semiring
    algebra = n.metadata["algebra"]
    assert isinstance(algebra, ProvenanceAlgebra)
    action = coordinate_action(n, 2)
    vector = action(parse(n, "2x"), (parse(n, "y"), parse(n, "1 + z")))
    assert action.module.show(vector) == "(2xy, 2xz + 2x)"
    assert action.module.source(vector) == (
        "((((1, 1, 0), 2),), (((1, 0, 1), 2), ((1, 0, 0), 2)))")


def test_vector_outside_module_is_an_error() -> None:
    b = get("B[X]").semiring
    action = coordinate_action(b, 2)
    assert action.module.contains is not None
    assert not action.module.contains((b.one,))
    leaky = SemiringAction("leaky", b, action.module,
                           lambda r, m: (*m[:1], (((0, 0, 0), 2),)))
    verdict = check_action(leaky, ["act_zero_scalar"], timeout=None).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert verdict.error is not None
    assert "not an element of B[X]^2" in verdict.error
