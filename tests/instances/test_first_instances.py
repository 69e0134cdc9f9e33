"""The instances of the note's structure and its first models."""

from __future__ import annotations

import pytest

from diffalg import VerdictKind, check
from diffalg.instances import get


@pytest.mark.parametrize("name", ["note-diagonal", "note-subst-x", "univariate",
                                  "N[t]", "boolean-identity", "F2[t]/(t^2)",
                                  "F3[t]/(t^3)", "Qxy-dx-xdy", "Qt-scaled"])
def test_instance_matches_declarations(name: str) -> None:
    report = check(get(name), timeout=120)
    assert report.ok, [r.verdict.summary() for r in report.unexpected]


def test_diagonal_chain_dx_witness() -> None:
    result = check(get("note-diagonal"), ["chain[dx]"]).results[0]
    witness = result.verdict.witness
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE
    assert witness is not None
    assert dict(witness.assignment) == {"a": "y", "b": "x"}
    assert witness.lhs == "1"
    assert witness.rhs == "0"
    assert ("dx(a)∘′b", "0") in witness.subterms


def test_subst_x_chain_per_derivation() -> None:
    report = check(get("note-subst-x"), ["chain[dx]", "chain[dy]", "chain[dz]"])
    assert report.result("chain[dx]").verdict.kind is VerdictKind.PROVED
    assert report.result("chain[dy]").verdict.kind is VerdictKind.KNOWN_FAILURE
    assert report.result("chain[dz]").verdict.kind is VerdictKind.KNOWN_FAILURE


def test_univariate_every_law_proved() -> None:
    report = check(get("univariate"))
    for result in report.results:
        if result.law.kind == "property" or result.law.id == "commute[d1,d2]":
            continue
        assert result.verdict.kind is VerdictKind.PROVED, result.law.id


def test_naturals_t_is_not_a_ring_but_a_model() -> None:
    structure = get("N[t]")
    assert structure.semiring.neg is None
    report = check(structure, max_examples=50)
    axioms = [r for r in report.results if r.law.kind != "property"
              and r.verdict.kind is not VerdictKind.NOT_APPLICABLE]
    assert axioms
    for result in axioms:
        assert result.verdict.kind is VerdictKind.SAMPLED, result.law.id


def test_boolean_identity_only_d_one_fails() -> None:
    report = check(get("boolean-identity"))
    failing = [r.law.id for r in report.results if r.verdict.kind.fails
               and r.law.kind != "property"]
    assert failing == ["d_one[d]"]


def test_f2_truncated_all_laws_exhaustive() -> None:
    report = check(get("F2[t]/(t^2)"))
    for result in report.results:
        if result.law.kind == "property":
            continue
        assert result.verdict.kind in (VerdictKind.EXHAUSTIVE,
                                       VerdictKind.NOT_APPLICABLE), result.law.id


def test_f3_truncated_breaks_only_comp_assoc() -> None:
    report = check(get("F3[t]/(t^3)"))
    failing = [r.law.id for r in report.results if r.verdict.kind.fails
               and r.law.kind != "property"]
    assert failing == ["comp_assoc"]


def test_qxy_derivations_do_not_commute() -> None:
    result = check(get("Qxy-dx-xdy"), ["commute[dx,xdy]"]).results[0]
    assert result.verdict.witness is not None
    assert dict(result.verdict.witness.assignment) == {"a": "y"}


def test_scaled_derivation_fails_chain_at_t() -> None:
    report = check(get("Qt-scaled"), ["d_leibniz[dt_2]", "chain[dt_2]"])
    assert report.result("d_leibniz[dt_2]").verdict.kind is VerdictKind.PROVED
    chain = report.result("chain[dt_2]").verdict
    assert chain.witness is not None
    assert dict(chain.witness.assignment) == {"a": "t", "b": "t"}
    assert (chain.witness.lhs, chain.witness.rhs) == ("2", "4")
