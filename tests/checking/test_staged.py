"""The random first stage changes the time of symbolic checks, not verdicts."""

from __future__ import annotations

import random

import pytest

from diffalg.checking import symbolic
from diffalg.checking.checker import applicable_laws, find_law
from diffalg.checking.sampling import search_candidates
from diffalg.checking.staged import (
    fails_on_random_elements,
    random_element,
    worth_testing_first,
)
from diffalg.checking.symbolic import check_symbolically
from diffalg.checking.verdicts import VerdictKind
from diffalg.instances import get
from diffalg.instances.functions import T_CANDIDATES, function_semiring, partial, t
from diffalg.laws.catalog import laws_for
from diffalg.structures.structure import DifferentialSemiring


def test_only_chain_rules_tested_first() -> None:
    chosen = [law.id for law in laws_for(["dx", "dy"], composition=True)
              if worth_testing_first(law)]
    assert chosen == ["chain[dx]", "chain[dy]"]


def test_random_element_mentions_every_variable() -> None:
    structure = get("note-diagonal")
    element = random_element(structure, random.Random(3))
    names = {str(s) for s in element.free_symbols}
    assert names == {"x", "y", "z"}


@pytest.mark.parametrize("law_id", ["chain[dx]", "chain[dy]", "chain[dz]"])
def test_random_test_refutes_diagonal_chain(law_id: str) -> None:
    structure = get("note-diagonal")
    assert fails_on_random_elements(find_law(structure, law_id), structure, 0)


@pytest.mark.parametrize("name,law_id", [("univariate", "chain[dt]"),
                                         ("note-subst-x", "chain[dx]")])
def test_random_test_passes_true_chain(name: str, law_id: str) -> None:
    structure = get(name)
    assert not fails_on_random_elements(find_law(structure, law_id), structure, 0)


def test_random_test_skips_premises() -> None:
    structure = get("univariate")
    cancel = find_law(structure, "add_cancel")
    assert not fails_on_random_elements(cancel, structure, 0)


@pytest.mark.parametrize("law_id", ["chain[dx]", "chain[dy]", "chain[dz]"])
def test_same_witness_as_candidate_search(law_id: str) -> None:
    structure = get("note-diagonal")
    law = find_law(structure, law_id)
    verdict = check_symbolically(law, structure, seed_value=0, max_examples=10)
    expected = search_candidates(law, structure, structure.semiring.candidates)
    assert expected is not None
    assert verdict == expected


def test_verdicts_unchanged_without_first_stage(
        monkeypatch: pytest.MonkeyPatch) -> None:
    structure = get("note-subst-x")
    laws = [law for law in applicable_laws(structure)
            if law.family in ("chain", "comp_assoc", "add_cancel", "mul_idem")]
    staged = [check_symbolically(law, structure, seed_value=0, max_examples=10)
              for law in laws]
    monkeypatch.setattr(symbolic, "fails_on_random_elements",
                        lambda *arguments: False)
    plain = [check_symbolically(law, structure, seed_value=0, max_examples=10)
             for law in laws]
    assert [v.kind for v in staged] == [v.kind for v in plain]
    assert [v.witness for v in staged] == [v.witness for v in plain]


def test_cancel_proved_by_inverses_first() -> None:
    structure = get("note-diagonal")
    cancel = find_law(structure, "add_cancel")
    verdict = check_symbolically(cancel, structure, seed_value=0, max_examples=10)
    assert verdict.kind is VerdictKind.PROVED
    assert verdict.method.startswith("additive inverses exist")


def test_cancel_without_inverses_still_sampled() -> None:
    semiring = function_semiring("F+(t)", [t], T_CANDIDATES, nonnegative=True)
    structure = DifferentialSemiring("F+(t)", semiring, (partial(t),))
    cancel = find_law(structure, "add_cancel")
    verdict = check_symbolically(cancel, structure, seed_value=0, max_examples=10)
    assert verdict.kind is VerdictKind.SAMPLED
