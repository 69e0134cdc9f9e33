"""Tests of the finite semiring enumeration and the derivation search.

The reference counts are those published by Edwards, Mitchell and Ragavan,
"Counting finite semirings", arXiv:2507.03709 (2025), for semirings with 0
and 1, and for idempotent ones of order 7 the count on P. Jipsen's
Mathematical Structures site.  Independent brute-force searches written here check the
isomorphism handling and the derivations.
"""

from __future__ import annotations

import argparse
import io
import itertools
import time
from collections.abc import Iterable

import pytest

from diffalg.axioms.enumerate_command import (
    EXIT_INTERRUPTED,
    EXIT_TIME_LIMIT,
    register,
    run,
)
from diffalg.axioms.enumeration import (
    SearchProgress,
    SearchTimeout,
    SemiringLawError,
    SemiringTables,
    count_semirings,
    derivations,
    enumerate_semirings,
)
from diffalg.structures.finite import TableError

ALL = {1: 1, 2: 2, 3: 6, 4: 40, 5: 295, 6: 3246}
COMMUTATIVE = {1: 1, 2: 2, 3: 6, 4: 36, 5: 228, 6: 2075}
IDEMPOTENT = {1: 1, 2: 1, 3: 3, 4: 20, 5: 149, 6: 1488}

BOOLEAN = ([[0, 1], [1, 1]], [[0, 0], [0, 1]])

Tables = tuple[tuple[int, ...], ...]


# -- brute-force helpers, independent of the library's search -----------------


def _relabel(table: Tables, perm: tuple[int, ...]) -> Tables:
    order = len(table)
    inverse = [0] * order
    for x, image in enumerate(perm):
        inverse[image] = x
    return tuple(
        tuple(perm[table[inverse[a]][inverse[b]]] for b in range(order))
        for a in range(order)
    )


def _brute_canonical(add: Tables, mul: Tables) -> tuple[Tables, Tables]:
    """Return the least relabeling of the pair over all permutations."""
    order = len(add)
    return min(
        (_relabel(add, perm), _relabel(mul, perm))
        for perm in itertools.permutations(range(order))
    )


def _is_semiring(add: Tables, mul: Tables) -> bool:
    try:
        SemiringTables(add, mul)
    except SemiringLawError:
        return False
    return True


def _brute_derivations(
    semiring: SemiringTables, require_d_one: bool = False
) -> list[tuple[int, ...]]:
    order = semiring.order
    add, mul = semiring.add, semiring.mul
    pairs = list(itertools.product(range(order), repeat=2))
    found = []
    for d in itertools.product(range(order), repeat=order):
        if require_d_one and d[semiring.one] != semiring.zero:
            continue
        if all(
            d[add[a][b]] == add[d[a]][d[b]]
            and d[mul[a][b]] == add[mul[d[a]][b]][mul[a][d[b]]]
            for a, b in pairs
        ):
            found.append(d)
    return found


def _all(
    order: int, *, commutative: bool = False, idempotent: bool = False
) -> list[SemiringTables]:
    return list(
        enumerate_semirings(order, commutative=commutative, idempotent=idempotent)
    )


# -- counts --------------------------------------------------------------------


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
def test_count_all(order: int) -> None:
    report = count_semirings(order)
    assert report.complete
    assert report.count == ALL[order]


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
def test_count_commutative(order: int) -> None:
    report = count_semirings(order, commutative=True)
    assert report.complete
    assert report.count == COMMUTATIVE[order]


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
def test_count_idempotent(order: int) -> None:
    report = count_semirings(order, idempotent=True)
    assert report.complete
    assert report.count == IDEMPOTENT[order]


@pytest.mark.slow
def test_order_six_benchmark() -> None:
    timings = {}
    for label, commutative, idempotent, expected in (
        ("all", False, False, ALL[6]),
        ("commutative", True, False, COMMUTATIVE[6]),
        ("idempotent", False, True, IDEMPOTENT[6]),
    ):
        start = time.perf_counter()
        report = count_semirings(6, commutative=commutative, idempotent=idempotent)
        timings[label] = time.perf_counter() - start
        assert report.complete, label
        assert report.count == expected, label
    print("order 6 wall-clock seconds:",
          {k: round(v, 2) for k, v in timings.items()})


@pytest.mark.slow
def test_order_seven_idempotent() -> None:
    # 18554 is listed for order 7 on the page "Idempotent semirings with
    # identity and zero" of P. Jipsen's Mathematical Structures site.
    report = count_semirings(7, idempotent=True)
    assert report.complete
    assert report.count == 18554


# -- properties of the listed semirings ---------------------------------------


@pytest.mark.parametrize("order", [2, 3, 4, 5])
def test_results_have_zero_and_one_fixed(order: int) -> None:
    for semiring in _all(order):
        assert semiring.zero == 0, semiring
        assert semiring.one == 1, semiring


@pytest.mark.parametrize("order", [3, 4, 5])
def test_variants_have_their_property(order: int) -> None:
    for semiring in _all(order, commutative=True):
        assert semiring.is_commutative, semiring
    for semiring in _all(order, idempotent=True):
        assert semiring.is_idempotent, semiring


@pytest.mark.parametrize("order", [3, 4, 5])
def test_variants_are_subsets_of_all(order: int) -> None:
    everything = set(_all(order))
    commutative = set(_all(order, commutative=True))
    idempotent = set(_all(order, idempotent=True))
    both = set(_all(order, commutative=True, idempotent=True))
    assert commutative == {s for s in everything if s.is_commutative}
    assert idempotent == {s for s in everything if s.is_idempotent}
    assert both == commutative & idempotent


@pytest.mark.parametrize("order", [2, 3, 4])
def test_results_pairwise_non_isomorphic(order: int) -> None:
    found = _all(order)
    forms = {_brute_canonical(s.add, s.mul) for s in found}
    assert len(forms) == len(found)


def test_order_three_matches_brute_force() -> None:
    # Every pair of tables on {0, 1, 2} with identities 0 (for +) and 1
    # (for ·); 0 and 1 are fixed as elements 0 and 1 without loss.
    free = [(a, b) for a in (1, 2) for b in (1, 2)]
    classes = set()
    for add_values in itertools.product(range(3), repeat=len(free)):
        add = [[0, 1, 2], [1, 0, 0], [2, 0, 0]]
        for (a, b), value in zip(free, add_values, strict=True):
            add[a][b] = value
        for corner in range(3):
            mul = [[0, 0, 0], [0, 1, 2], [0, 2, corner]]
            add_t = tuple(map(tuple, add))
            mul_t = tuple(map(tuple, mul))
            if _is_semiring(add_t, mul_t):
                classes.add(_brute_canonical(add_t, mul_t))
    listed = {_brute_canonical(s.add, s.mul) for s in _all(3)}
    assert len(classes) == ALL[3]
    assert listed == classes


def test_canonical_form_is_deterministic() -> None:
    first = _all(4)
    second = _all(4)
    assert first == second


# -- validation of tables ------------------------------------------------------


def test_boolean_tables_accepted() -> None:
    boolean = SemiringTables.from_rows(*BOOLEAN)
    assert boolean.add == ((0, 1), (1, 1))
    assert boolean.zero == 0
    assert boolean.one == 1


def test_non_associative_addition_rejected() -> None:
    add = [[0, 1, 2], [1, 2, 1], [2, 1, 0]]
    mul = [[0, 0, 0], [0, 1, 2], [0, 2, 1]]
    with pytest.raises(SemiringLawError, match="add_assoc fails") as caught:
        SemiringTables.from_rows(add, mul)
    assert caught.value.law == "add_assoc"
    witness = caught.value.witness
    a, b, c = witness["a"], witness["b"], witness["c"]
    assert add[add[a][b]][c] != add[a][add[b][c]]


def test_non_distributive_tables_rejected() -> None:
    # Z/2 addition and a multiplication whose identity is 0 too, so
    # 1·(0 + 0) = 1 differs from 1·0 + 1·0 = 0.
    with pytest.raises(SemiringLawError) as caught:
        SemiringTables.from_rows([[0, 1], [1, 0]], [[0, 1], [1, 1]])
    assert caught.value.law == "distrib_left"


def test_missing_identity_rejected() -> None:
    with pytest.raises(SemiringLawError, match="no two-sided identity"):
        SemiringTables.from_rows([[1, 1], [1, 1]], [[0, 0], [0, 1]])


def test_zero_equal_one_rejected() -> None:
    # Addition with identity 0, multiplication with identity 0 as well.
    with pytest.raises(SemiringLawError) as caught:
        SemiringTables.from_rows([[0, 1], [1, 1]], [[0, 1], [1, 1]])
    assert caught.value.law in {"distrib_left", "annihil_left"}


def test_out_of_range_entry_rejected() -> None:
    with pytest.raises(TableError, match=r"entry \(1, 1\) is 5"):
        SemiringTables.from_rows([[0, 1], [1, 5]], [[0, 0], [0, 1]])


def test_wrong_shape_rejected() -> None:
    with pytest.raises(TableError, match="shape"):
        SemiringTables.from_rows([[0, 1]], [[0, 0], [0, 1]])


def test_mismatched_orders_rejected() -> None:
    with pytest.raises(TableError, match="same"):
        SemiringTables.from_rows([[0]], [[0, 0], [0, 1]])


def test_invalid_order_rejected() -> None:
    with pytest.raises(ValueError, match="not positive"):
        list(enumerate_semirings(0))
    with pytest.raises(ValueError, match="maximum"):
        list(enumerate_semirings(10))
    with pytest.raises(TypeError, match="int"):
        list(enumerate_semirings(2.5))  # type: ignore[arg-type]


# -- derivations ---------------------------------------------------------------


def test_boolean_derivations() -> None:
    assert derivations(BOOLEAN) == [(0, 0), (0, 1)]


def test_boolean_derivations_with_d_one() -> None:
    assert derivations(BOOLEAN, require_d_one=True) == [(0, 0)]


def _check_against_brute_force(semirings: Iterable[SemiringTables]) -> int:
    checked = 0
    for semiring in semirings:
        for require in (False, True):
            expected = _brute_derivations(semiring, require)
            assert derivations(semiring, require) == expected, (semiring, require)
        checked += 1
    return checked


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_derivations_match_brute_force(order: int) -> None:
    assert _check_against_brute_force(_all(order)) == ALL[order]


def test_derivations_match_brute_force_order_five() -> None:
    sample = _all(5)[::37]
    assert _check_against_brute_force(sample) == len(sample)


def test_derivations_of_unnormalised_tables() -> None:
    # The Boolean semiring with 0 and 1 swapped as elements.
    swapped = ([[0, 0], [0, 1]], [[0, 1], [1, 1]])
    assert derivations(swapped) == [(0, 1), (1, 1)]
    assert derivations(swapped, require_d_one=True) == [(1, 1)]


def test_derivations_of_broken_tables_rejected() -> None:
    with pytest.raises(SemiringLawError, match="add_assoc"):
        derivations(([[0, 1, 2], [1, 2, 1], [2, 1, 0]],
                     [[0, 0, 0], [0, 1, 2], [0, 2, 1]]))


def test_derivations_of_wrong_type_rejected() -> None:
    with pytest.raises(TypeError, match="pair"):
        derivations([[0, 1], [1, 1]])  # type: ignore[arg-type]


def test_ring_z4_has_only_zero_derivation() -> None:
    # Z/4 with its ring multiplication has only the zero derivation.
    add = [[(a + b) % 4 for b in range(4)] for a in range(4)]
    mul = [[(a * b) % 4 for b in range(4)] for a in range(4)]
    assert derivations((add, mul)) == [(0, 0, 0, 0)]


# -- structures ----------------------------------------------------------------


def test_to_structure_builds_tables() -> None:
    boolean = SemiringTables.from_rows(*BOOLEAN)
    structure = boolean.to_structure("B", {"d": [0, 1], "zero": [0, 0]})
    semiring = structure.semiring
    assert semiring.add(1, 1) == 1
    assert semiring.mul(1, 0) == 0
    assert structure.derivation("d")(1) == 1
    assert structure.expects_failure("d_one[d]")
    assert not structure.expects_failure("d_one[zero]")
    assert structure.properties == frozenset(
        {"mul_comm", "add_idem", "mul_idem", "absorptive"}
    )


def test_to_structure_records_non_commuting_derivations() -> None:
    # 1 absorbs under +, 2 + 2 = 2 and 2·2 = 0.
    semiring = SemiringTables.from_rows(
        [[0, 1, 2], [1, 1, 1], [2, 1, 2]], [[0, 0, 0], [0, 1, 2], [0, 2, 0]]
    )
    f, g = (0, 2, 0), (0, 2, 2)
    assert f in derivations(semiring)
    assert g in derivations(semiring)
    structure = semiring.to_structure("S", {"f": f, "g": g})
    assert structure.expects_failure("commute[f,g]")
    assert structure.failure_reason("commute[f,g]") == "f(g(1)) differs from g(f(1))"
    assert structure.expects_failure("d_one[f]")


def test_properties_of_ring() -> None:
    add = [[(a + b) % 3 for b in range(3)] for a in range(3)]
    mul = [[(a * b) % 3 for b in range(3)] for a in range(3)]
    assert SemiringTables.from_rows(add, mul).properties() == frozenset(
        {"mul_comm", "add_cancel"}
    )


# -- time limits, interruption and progress ------------------------------------


def test_time_limit_gives_partial_count() -> None:
    report = count_semirings(6, time_limit=0.2)
    assert not report.complete
    assert report.stop_reason == "time limit"
    assert report.count < ALL[6]
    assert report.elapsed < 5.0
    assert "partial" in report.summary()


def test_time_limit_raises_with_found_count() -> None:
    received = 0
    with pytest.raises(SearchTimeout) as caught:
        for _ in enumerate_semirings(6, time_limit=0.2):
            received += 1
    assert caught.value.found == received


def test_interrupt_gives_partial_count() -> None:
    def interrupt_after_ten_monoids(report: SearchProgress) -> None:
        if report.stage == "multiplications" and report.done == 10:
            raise KeyboardInterrupt

    report = count_semirings(5, progress=interrupt_after_ten_monoids)
    assert not report.complete
    assert report.stop_reason == "interrupted"
    assert 0 < report.count < ALL[5]


def test_progress_reports_every_monoid() -> None:
    reports: list[SearchProgress] = []
    report = count_semirings(4, progress=reports.append)
    stages = [r.stage for r in reports]
    assert stages[0] == "monoids"
    last = reports[-1]
    assert last.stage == "multiplications"
    assert last.done == last.total == 19
    assert last.found == report.count == ALL[4]


# -- command line --------------------------------------------------------------


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="diffalg")
    register(parser.add_subparsers())
    return parser.parse_args(["enumerate", *argv])


def test_command_count_only() -> None:
    out = io.StringIO()
    status = run(_parse("--order", "4", "--commutative", "--count-only"), out)
    assert status == 0
    assert out.getvalue().startswith("order 4, commutative: 36 semirings (complete")


def test_command_lists_derivations() -> None:
    out = io.StringIO()
    status = run(_parse("--order", "2", "--derivations", "--require-d-one"), out)
    text = out.getvalue()
    assert status == 0
    assert text.count("semiring ") == 2
    assert text.count("derivations (1):") == 2
    assert "order 2: 2 semirings (complete" in text


def test_command_time_limit_partial() -> None:
    out = io.StringIO()
    status = run(_parse("--order", "6", "--time-limit", "0.1", "--count-only"), out)
    assert status == EXIT_TIME_LIMIT
    assert "partial: time limit" in out.getvalue()


def test_command_interrupt_partial(monkeypatch: pytest.MonkeyPatch) -> None:
    import diffalg.axioms.enumerate_command as command

    def interrupted(*args: object, **kwargs: object) -> SemiringTables:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "enumerate_semirings", interrupted)
    out = io.StringIO()
    status = run(_parse("--order", "3"), out)
    assert status == EXIT_INTERRUPTED
    assert "at least 0 semirings (partial: interrupted" in out.getvalue()


def test_command_invalid_order(capsys: pytest.CaptureFixture[str]) -> None:
    status = run(_parse("--order", "0"), io.StringIO())
    assert status == 2
    assert "order 0 is not positive" in capsys.readouterr().err
