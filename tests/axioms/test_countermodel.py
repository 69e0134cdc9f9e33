"""Finite countermodels from z3, checked by hand and by the law checker."""

from __future__ import annotations

from itertools import product

import pytest

from diffalg.axioms.confirm import confirm_countermodel
from diffalg.axioms.countermodel import (
    Countermodel,
    SearchProgress,
    find_countermodel,
)
from diffalg.axioms.theory import Signature, Theory
from diffalg.checking import VerdictKind
from diffalg.structures.finite import TableError

ONE = Signature(("dx",))
ONE_COMPOSITION = Signature(("dx",), composition=True)
TWO_COMPOSITION = Signature(("dx", "dy"), composition=True)

BOOLEAN_ADD = ((0, 1), (1, 1))
BOOLEAN_MUL = ((0, 0), (0, 1))


def d_one_theory() -> Theory:
    return Theory.build(["semiring", "derivation"], "d_one[dx]", ONE)


def test_d_one_countermodel_is_boolean_identity() -> None:
    result = find_countermodel(d_one_theory(), max_size=4, time_limit=20)
    model = result.countermodel
    assert model is not None
    assert [a.status for a in result.attempts] == ["none", "found"]
    assert model.size == 2
    assert model.add == BOOLEAN_ADD
    assert model.mul == BOOLEAN_MUL
    assert model.derivations["dx"] == (0, 1)
    assert model.goal_values() == (1, 0)
    assert model.is_countermodel()
    assert result.summary() == (f"countermodel of size 2 found in "
                                f"{result.seconds:.1f} s")


def test_symmetry_breaking_loses_no_size() -> None:
    noncommutative = Theory.build(["semiring"], "mul_comm", Signature(()))
    sizes = []
    for symmetry in (True, False):
        result = find_countermodel(noncommutative, max_size=4, time_limit=30,
                                   symmetry=symmetry)
        assert result.countermodel is not None
        assert result.countermodel.is_countermodel()
        sizes.append(result.countermodel.size)
    assert sizes == [4, 4]


def test_smallest_noncommutative_ring_has_eight_elements() -> None:
    # A finite semiring with cancellative addition is a ring, and the
    # smallest ring with 1 whose multiplication does not commute has order 8
    # (upper triangular 2×2 matrices over F₂).
    theory = Theory.build(["semiring", "add_cancel"], "mul_comm", Signature(()))
    result = find_countermodel(theory, max_size=8, time_limit=60)
    assert result.exhausted_up_to == 7
    assert result.countermodel is not None
    assert result.countermodel.size == 8


def test_horn_goal_gets_premise_witness() -> None:
    theory = Theory.build(["semiring"], "add_cancel", Signature(()))
    model = find_countermodel(theory, max_size=3, time_limit=20).countermodel
    assert model is not None
    assert model.size == 2
    a, b, c = (model.witness[v] for v in ("a", "b", "c"))
    assert model.add[a][c] == model.add[b][c]
    assert a != b


def test_composition_question_has_no_small_model() -> None:
    theory = Theory.build(["structure"], "d_one[dx]", ONE_COMPOSITION)
    result = find_countermodel(theory, max_size=4, time_limit=30)
    assert result.countermodel is None
    assert result.exhausted_up_to == 4
    assert result.summary().startswith("no countermodel of size ≤ 4 within ")


def test_chain_agree_needs_three_elements() -> None:
    theory = Theory.build(["structure"], "d_agree[dx,dy]", TWO_COMPOSITION)
    result = find_countermodel(theory, max_size=4, time_limit=30)
    model = result.countermodel
    assert model is not None
    assert model.size == 3
    assert result.exhausted_up_to == 2
    assert model.composition is not None
    a = model.witness["a"]
    assert model.derivations["dx"][a] != model.derivations["dy"][a]
    assert model.failing_hypotheses() == []


def test_nonzero_derivations_are_nonzero() -> None:
    theory = Theory.build(["structure"], "d_agree[dx,dy]", TWO_COMPOSITION,
                          nonzero=["dx", "dy"])
    result = find_countermodel(theory, max_size=5, time_limit=30)
    model = result.countermodel
    assert model is not None
    assert model.size == 4
    for name in ("dx", "dy"):
        assert any(value != 0 for value in model.derivations[name])
    assert model.zero_derivations() == []


def test_broken_tables_are_caught() -> None:
    # Z/2 with the identity map: 1 + 1 = 0 breaks Leibniz at a = b = 1.
    theory = d_one_theory()
    broken = Countermodel(theory, 2, ((0, 1), (1, 0)), BOOLEAN_MUL,
                          {"dx": (0, 1)}, None, one=1, witness={})
    assert broken.failing_hypotheses() == ["d_leibniz[dx]"]
    assert broken.violation(theory.hypotheses[11]) == {"a": 1, "b": 1}
    assert not broken.is_countermodel()
    confirmation = confirm_countermodel(broken)
    assert not confirmation.confirmed
    assert confirmation.verdicts["d_leibniz[dx]"].kind is VerdictKind.REFUTED
    assert confirmation.verdicts["d_one[dx]"].kind is VerdictKind.REFUTED


def test_zero_derivation_is_not_a_countermodel_to_nonzero() -> None:
    theory = Theory.build(["semiring", "derivation"], "d_one[dx]", ONE,
                          nonzero=["dx"])
    zero_map = Countermodel(theory, 2, BOOLEAN_ADD, BOOLEAN_MUL, {"dx": (0, 0)},
                            None, one=1, witness={})
    assert zero_map.zero_derivations() == ["dx"]
    assert not zero_map.is_countermodel()


def test_checker_confirms_found_model() -> None:
    theory = Theory.build(["structure"], "d_agree[dx,dy]", TWO_COMPOSITION)
    model = find_countermodel(theory, max_size=4, time_limit=30).countermodel
    assert model is not None
    confirmation = confirm_countermodel(model)
    assert confirmation.confirmed
    kinds = {law_id: v.kind for law_id, v in confirmation.verdicts.items()}
    assert kinds["chain[dx]"] is VerdictKind.EXHAUSTIVE
    assert kinds["commute[dx,dy]"] is VerdictKind.EXHAUSTIVE
    assert kinds["d_agree[dx,dy]"] is VerdictKind.REFUTED
    assert len(kinds) == len(theory.hypotheses) + 1


def test_structure_matches_tables() -> None:
    theory = Theory.build(["structure"], "d_agree[dx,dy]", TWO_COMPOSITION)
    model = find_countermodel(theory, max_size=4, time_limit=30).countermodel
    assert model is not None
    structure = model.to_structure("found")
    semiring = structure.semiring
    table = model.composition
    assert structure.composition is not None
    assert table is not None
    for x, y in product(range(model.size), repeat=2):
        assert semiring.add(x, y) == model.add[x][y]
        assert semiring.mul(x, y) == model.mul[x][y]
        assert structure.composition(x, y) == table[x][y]
    for x in range(model.size):
        assert structure.derivation("dy")(x) == model.derivations["dy"][x]


def test_structure_rejects_non_semiring() -> None:
    theory = Theory.build(["add_comm"], "add_zero", Signature(()))
    model = Countermodel(theory, 2, ((1, 1), (1, 1)), BOOLEAN_MUL, {}, None,
                         one=1, witness={"a": 0})
    with pytest.raises(TableError, match="not a two-sided identity"):
        model.to_structure()


def test_tables_text_shows_every_table() -> None:
    theory = Theory.build(["structure"], "d_agree[dx,dy]", TWO_COMPOSITION)
    model = find_countermodel(theory, max_size=4, time_limit=30).countermodel
    assert model is not None
    text = model.tables_text()
    assert text.startswith("size 3, zero = 0, one = 1")
    assert "\n∘′ | 0 1 2\n" in text
    assert "a | dx(a) dy(a)" in text
    assert f"at a = {model.witness['a']}" in text


def test_progress_reports_each_size() -> None:
    events: list[SearchProgress] = []
    find_countermodel(d_one_theory(), max_size=3, time_limit=20,
                      progress=events.append)
    assert [(e.size, e.event, e.status) for e in events] == [
        (1, "start", None), (1, "done", "none"),
        (2, "start", None), (2, "done", "found")]
    assert events[-1].elapsed >= events[0].elapsed


def test_interrupt_keeps_what_was_established() -> None:
    def interrupt_at_two(event: SearchProgress) -> None:
        if event.size == 2 and event.event == "start":
            raise KeyboardInterrupt

    result = find_countermodel(d_one_theory(), max_size=3, time_limit=20,
                               progress=interrupt_at_two)
    assert result.interrupted
    assert result.countermodel is None
    assert result.exhausted_up_to == 1
    assert [a.status for a in result.attempts] == ["none", "interrupted"]
    assert result.summary().startswith("no countermodel of size ≤ 1 within ")
    assert result.summary().endswith("(size 2 interrupted), interrupted")


def test_time_limit_stops_the_search() -> None:
    theory = Theory.build(["semiring", "add_cancel"], "mul_comm", Signature(()))
    result = find_countermodel(theory, max_size=12, time_limit=0.5)
    assert result.countermodel is None
    assert result.seconds < 3
    assert result.attempts[-1].status in ("timed out", "none")
    assert result.exhausted_up_to < 8


def test_invalid_bounds_are_rejected() -> None:
    with pytest.raises(ValueError, match="invalid size range"):
        find_countermodel(d_one_theory(), max_size=0)
    with pytest.raises(ValueError, match="invalid time limit"):
        find_countermodel(d_one_theory(), time_limit=0)
