"""The numpy path on tables gives the generic exhaustive path's verdicts."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from diffalg.checking import vectorised
from diffalg.checking.checker import applicable_laws, check, decide, find_law
from diffalg.checking.exhaustive import check_exhaustively, tuples_by_shell
from diffalg.checking.vectorised import (
    check_vectorised,
    operation_tables,
    shell_position,
    tabulate,
    try_vectorised,
)
from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.instances import get
from diffalg.instances.finite_examples import truncated
from diffalg.laws.catalog import property_laws, semiring_laws
from diffalg.laws.law import law
from diffalg.laws.terms import Var, d
from diffalg.structures.finite import finite_structure
from diffalg.structures.operators import Derivation
from diffalg.structures.structure import DifferentialSemiring


def tables_of(structure: DifferentialSemiring[int]) -> dict[str, Any]:
    semiring = structure.semiring
    derivation_tables = dict(semiring.metadata["derivation_tables"])
    composition = derivation_tables.pop("composition", None)
    return {
        "add": semiring.metadata["add_table"].copy(),
        "mul": semiring.metadata["mul_table"].copy(),
        "composition": None if composition is None else composition.copy(),
        "derivations": {k: v.copy() for k, v in derivation_tables.items()},
        "zero": semiring.zero,
        "one": semiring.one,
    }


def broken(structure: DifferentialSemiring[int], seed: int,
           entries: int = 3) -> DifferentialSemiring[int]:
    """Change ``entries`` table entries, leaving the identities' rows intact."""
    rng = np.random.default_rng(seed)
    parts = tables_of(structure)
    n = parts["add"].shape[0]
    kinds = ["add", "mul", "derivation"]
    if parts["composition"] is not None:
        kinds.append("composition")
    changed = 0
    where: tuple[int, ...]
    while changed < entries:
        which = str(rng.choice(kinds))
        x, y = (int(v) for v in rng.integers(0, n, size=2))
        if which == "derivation":
            table = next(iter(parts["derivations"].values()))
            target, where = table, (x,)
        else:
            identity = {"add": parts["zero"], "mul": parts["one"]}.get(which)
            if identity in (x, y):
                continue
            target, where = parts[which], (x, y)
        value = (int(target[where]) + int(rng.integers(1, n))) % n
        target[where] = value
        changed += 1
    return finite_structure(
        f"{structure.name}-broken-{seed}", parts["add"], parts["mul"],
        derivations=parts["derivations"], composition=parts["composition"],
        zero=parts["zero"], one=parts["one"])


def assert_same(fast: Verdict, generic: Verdict) -> None:
    assert fast.kind is generic.kind
    assert fast.witness == generic.witness
    assert fast.notes == generic.notes
    assert fast.equality == generic.equality
    assert "vectorised" in fast.method
    if generic.kind is VerdictKind.REFUTED:
        visited = generic.method.rsplit(", ", 1)[1]
        assert fast.method.endswith(visited)


def compare_all_laws(structure: DifferentialSemiring[int]) -> list[VerdictKind]:
    elements = structure.semiring.elements
    assert elements is not None
    kinds = []
    for each in applicable_laws(structure):
        fast = check_vectorised(each, structure)
        generic = check_exhaustively(each, structure, elements)
        assert_same(fast, generic)
        kinds.append(fast.kind)
    return kinds


def test_shell_position_matches_enumeration() -> None:
    for size, arity in [(1, 1), (3, 1), (4, 2), (5, 3), (3, 4)]:
        order = list(tuples_by_shell(size, arity))
        positions = [shell_position(t) for t in order]
        assert positions == list(range(len(order)))


def test_tabulated_dual_numbers_hold() -> None:
    kinds = compare_all_laws(tabulate(get("F2[t]/(t^2)")))
    assert VerdictKind.EXHAUSTIVE in kinds
    assert VerdictKind.REFUTED in kinds  # mul_idem, add_idem, absorptive


def test_tabulated_cubic_matches_generic() -> None:
    structure = tabulate(get("F3[t]/(t^3)"))
    kinds = compare_all_laws(structure)
    comp_assoc = find_law(structure, "comp_assoc")
    verdict = check_vectorised(comp_assoc, structure)
    assert verdict.kind is VerdictKind.REFUTED
    assert kinds.count(VerdictKind.REFUTED) >= 4


@pytest.mark.parametrize("seed", range(8))
def test_broken_tables_same_witness(seed: int) -> None:
    original = tabulate(truncated(3, 2))
    structure = broken(original, seed)
    kinds = compare_all_laws(structure)
    assert kinds != compare_all_laws(original)


@pytest.mark.parametrize("seed", range(2))
def test_broken_cubic_same_witness(seed: int) -> None:
    structure = broken(tabulate(get("F3[t]/(t^3)")), seed)
    kinds = compare_all_laws(structure)
    assert VerdictKind.REFUTED in kinds


@pytest.mark.parametrize("seed", range(4))
def test_small_blocks_and_cubes(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    monkeypatch.setattr(vectorised, "CHUNK_ELEMENTS", 7)
    monkeypatch.setattr(vectorised, "FIRST_CUBE", 1)
    structure = broken(tabulate(truncated(2, 3)), seed, entries=2)
    compare_all_laws(structure)


def test_premise_counts_match() -> None:
    structure = broken(tabulate(get("F3[t]/(t^3)")), 3)
    cancel = property_laws()[-1]
    fast = check_vectorised(cancel, structure)
    generic = check_exhaustively(cancel, structure, tuple(range(27)))
    assert_same(fast, generic)


def test_premise_notes_on_holding_law() -> None:
    structure = tabulate(get("F3[t]/(t^3)"))
    cancel = property_laws()[-1]
    fast = check_vectorised(cancel, structure)
    assert fast.kind is VerdictKind.EXHAUSTIVE
    assert fast.notes == ("premise held in 729 of 19683 assignments",)


def test_law_without_variables() -> None:
    structure = tabulate(get("boolean-identity"))
    d_one = find_law(structure, "d_one[d]")
    fast = check_vectorised(d_one, structure)
    assert fast.kind is VerdictKind.REFUTED
    assert fast.method.endswith("1 assignments visited")
    assert_same(fast, check_exhaustively(d_one, structure, (0, 1)))


def test_decide_routes_tables() -> None:
    structure = tabulate(get("F3[t]/(t^3)"))
    verdict = decide(semiring_laws()[0], structure, seed=0, max_examples=10)
    assert verdict.method == "all 27^3 assignments, vectorised over tables"


def test_decide_keeps_generic_for_callables() -> None:
    structure = get("F3[t]/(t^3)")
    verdict = decide(semiring_laws()[0], structure, seed=0, max_examples=10)
    assert verdict.method == "all 27^3 assignments"


def test_mismatched_derivation_not_vectorised() -> None:
    table = tabulate(get("F2[t]/(t^2)"))
    other: Derivation[int] = Derivation("dt", lambda e: e)
    mixed = DifferentialSemiring("mixed", table.semiring, (other,),
                                 table.composition)
    assert operation_tables(mixed) is None
    leibniz = find_law(mixed, "d_leibniz[dt]")
    assert try_vectorised(leibniz, mixed) is None
    verdict = decide(leibniz, mixed, seed=0, max_examples=10)
    assert "vectorised" not in verdict.method


def test_unseen_table_mismatch_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectorised, "SPOT_CHECKS", 0)
    table = tabulate(get("F2[t]/(t^2)"))
    wrong = table.semiring.metadata["add_table"].copy()
    wrong[2, 3] = 0
    metadata = {**table.semiring.metadata, "add_table": wrong}
    semiring = dataclasses.replace(table.semiring, metadata=metadata)
    mixed = DifferentialSemiring("mixed", semiring, table.derivations,
                                 table.composition)
    add_comm = semiring_laws()[1]
    verdict = check_vectorised(add_comm, mixed)
    generic = check_exhaustively(add_comm, mixed, tuple(range(4)))
    assert generic.kind is VerdictKind.EXHAUSTIVE
    assert verdict == generic


def test_too_many_tuples_not_vectorised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectorised, "VECTORISED_LIMIT", 26**3)
    structure = tabulate(get("F3[t]/(t^3)"))
    assert try_vectorised(semiring_laws()[0], structure) is None
    assert try_vectorised(semiring_laws()[1], structure) is not None


def test_unknown_derivation_not_vectorised() -> None:
    structure = tabulate(get("F2[t]/(t^2)"))
    stray = law("d_add[dq]", d("dq", Var("a")), d("dq", Var("a")), "")
    assert try_vectorised(stray, structure) is None


def test_check_vectorised_rejects_callables() -> None:
    with pytest.raises(ValueError, match="not given by tables"):
        check_vectorised(semiring_laws()[0], get("F2[t]/(t^2)"))


def test_tabulate_rejects_stray_values() -> None:
    dual = get("F2[t]/(t^2)")
    escaping = Derivation("dt", lambda e: (5, 5))
    bad = DifferentialSemiring("bad", dual.semiring, (escaping,))
    with pytest.raises(ValueError, match="not a listed element"):
        tabulate(bad)


def test_tabulate_keeps_expectations() -> None:
    cubic = get("F3[t]/(t^3)")
    table = tabulate(cubic)
    assert table.known_failures == cubic.known_failures
    assert table.properties == cubic.properties
    labels = [table.semiring.show(i) for i in range(27)]
    assert labels == [cubic.semiring.show(e) for e in cubic.semiring.elements or ()]


def test_large_carrier_matches_generic_refutation() -> None:
    n = 30
    add = [[(x + y) % n for y in range(n)] for x in range(n)]
    mul = [[(x * y) % n for y in range(n)] for x in range(n)]
    mul[17][23] = 5  # breaks associativity and distributivity late
    structure = finite_structure("Z30-broken", add, mul)
    for each in [semiring_laws()[i] for i in (3, 6, 7)]:
        fast = check_vectorised(each, structure)
        generic = check_exhaustively(each, structure, tuple(range(n)))
        assert_same(fast, generic)


def test_report_on_tables_matches_original() -> None:
    original = get("F3[t]/(t^3)")
    table = tabulate(original)
    fast = check(table, timeout=None)
    assert fast.ok
    methods = [r.verdict.method for r in fast.results
               if r.verdict.kind is VerdictKind.EXHAUSTIVE]
    assert methods
    assert all(m.endswith("vectorised over tables") for m in methods)
    mine = fast.result("comp_assoc").verdict
    theirs = check(original, ["comp_assoc"], timeout=None).results[0].verdict
    assert mine.kind is VerdictKind.KNOWN_FAILURE
    assert theirs.kind is VerdictKind.KNOWN_FAILURE
    assert mine.witness is not None
    assert theirs.witness is not None
    assert mine.witness.assignment == theirs.witness.assignment
    assert mine.witness.lhs == theirs.witness.lhs
    assert mine.witness.rhs == theirs.witness.rhs
    assert mine.witness.subterms == theirs.witness.subterms
