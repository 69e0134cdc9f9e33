"""Theories from laws and their TPTP export."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from diffalg.axioms.theory import (
    Signature,
    SignatureError,
    Theory,
    UnknownLawError,
    available_laws,
    group_laws,
    resolve_laws,
)
from diffalg.axioms.tptp import TptpError, to_tptp, tptp_name
from diffalg.laws.law import law
from diffalg.laws.terms import Term, Var, Zero, d

TWO = Signature(("dx", "dy"), composition=True)
LOWER_WORD = re.compile(r"[a-z][A-Za-z0-9_]*")


def test_groups_contain_the_structure_axioms() -> None:
    ids = [item.id for item in group_laws("structure", TWO)]
    assert ids[:10] == [item.id for item in group_laws("semiring", TWO)]
    assert "d_leibniz[dy]" in ids
    assert "commute[dx,dy]" in ids
    assert "chain[dx]" in ids
    assert "chain[dy]" in ids
    assert "d_one[dx]" not in ids
    assert "mul_comm" not in ids
    assert len(ids) == len(set(ids))


def test_families_expand_to_every_derivation() -> None:
    laws = resolve_laws(["chain", "d_add", "d_add[dx]"], TWO)
    assert [item.id for item in laws] == [
        "chain[dx]", "chain[dy]", "d_add[dx]", "d_add[dy]"]


def test_extra_goals_are_defined() -> None:
    laws = available_laws(TWO)
    assert laws["d_vanishes[dy]"].text() == "dy(a) = 0"
    assert laws["d_agree[dx,dy]"].text() == "dx(a) = dy(a)"


def test_unknown_law_names_the_fix() -> None:
    with pytest.raises(UnknownLawError, match="needs ∘′"):
        resolve_laws(["comp_one"], Signature(("dx",)))
    with pytest.raises(UnknownLawError, match="'d_leibniz\\[dx\\]'"):
        resolve_laws(["d_one[dz]"], Signature(("dx",)))
    with pytest.raises(UnknownLawError, match="group"):
        resolve_laws(["leibnitz"], Signature(("dx",)))
    with pytest.raises(UnknownLawError, match="needs ∘′"):
        group_laws("composition", Signature(("dx",)))


def test_signature_rejects_bad_names() -> None:
    with pytest.raises(SignatureError, match="invalid derivation name"):
        Signature(("d x",))
    with pytest.raises(SignatureError, match="repeat"):
        Signature(("dx", "dx"))
    with pytest.raises(SignatureError, match="choose 0 to"):
        Signature.with_derivations(9)


def test_theory_rejects_laws_outside_signature() -> None:
    stray = law("stray", d("dz", Var("a")), Zero(), "dz vanishes")
    with pytest.raises(SignatureError, match="stray"):
        Theory.build(["semiring"], stray, Signature(("dx",)))
    with pytest.raises(SignatureError, match="nonzero derivations"):
        Theory.build(["semiring"], "add_comm", Signature(("dx",)),
                     nonzero=["dy"])


def test_theory_rejects_repeated_ids() -> None:
    fake = law("add_comm", Var("a"), Var("a"), "not commutativity")
    with pytest.raises(ValueError, match="repeat the law ids"):
        Theory.build(["semiring", fake], "add_zero", Signature(()))


def test_goal_must_be_one_law() -> None:
    with pytest.raises(UnknownLawError, match="names 2 laws"):
        Theory.build(["semiring"], "d_add", Signature(("dx", "dy")))


def test_tptp_names_are_lower_words() -> None:
    for text in ("d_leibniz[dx]", "commute[dx,dy]", "Dδ", "_x", "[]", "9a"):
        assert LOWER_WORD.fullmatch(tptp_name(text)), text
    assert tptp_name("δx") != tptp_name("εx")


def test_fof_export_quantifies_and_names() -> None:
    theory = Theory.build(["structure", "add_cancel"], "d_agree[dx,dy]", TWO)
    text = to_tptp(theory).text
    assert ("fof(chain_dy, axiom, ![A, B]: "
            "(d_dy(comp(A,B)) = mul(comp(d_dy(A),B),d_dy(B))))." in text)
    quantified = ", ".join(v.upper() for v in available_laws(TWO)["add_cancel"]
                           .variables)
    assert (f"fof(add_cancel, axiom, ![{quantified}]: "
            "(((add(A,C) = add(B,C)) => A = B)))." in text)
    assert ("fof(goal_d_agree_dx_dy, conjecture, ![A]: (d_dx(A) = d_dy(A)))."
            in text)
    statements = [line for line in text.splitlines() if not line.startswith("%")]
    assert len(statements) == len(theory.hypotheses) + 1


def test_cnf_export_skolemises_the_goal() -> None:
    theory = Theory.build(["semiring"], "add_cancel", Signature(()))
    lines = to_tptp(theory, "cnf").text.splitlines()
    assert ("cnf(goal_add_cancel_premise_1, negated_conjecture, "
            "add(sk_a,sk_c) = add(sk_b,sk_c)).") in lines
    assert "cnf(goal_add_cancel, negated_conjecture, sk_a != sk_b)." in lines
    assert "cnf(add_comm, axiom, add(A,B) = add(B,A))." in lines


def test_export_maps_names_back_to_ids() -> None:
    theory = Theory.build(["structure"], "d_agree[dx,dy]", TWO,
                          nonzero=["dy"])
    problem = to_tptp(theory)
    assert problem.law_ids["commute_dx_dy"] == "commute[dx,dy]"
    assert problem.law_ids["nonzero_dy"] == "nonzero[dy]"
    assert "fof(nonzero_dy, axiom, ?[A]: (d_dy(A) != zero))." in problem.text
    assert not problem.horn


def test_export_rejects_name_collisions() -> None:
    a = Var("a")
    first = law("twice[1]", a + a, a, "")
    second = law("twice_1", a * a, a, "")
    theory = Theory.build([first, second], "add_comm", Signature(()))
    with pytest.raises(TptpError, match="twice_1"):
        to_tptp(theory)
    clash = Theory.build(["semiring"], "add_comm", Signature(("d_x", "d__x")))
    with pytest.raises(TptpError, match="rename one"):
        to_tptp(clash)


def test_export_rejects_foreign_terms() -> None:
    class Strange(Term):
        pass

    theory = Theory.build([law("odd", Strange(), Zero(), "")], "add_comm",
                          Signature(()))
    with pytest.raises(TptpError, match="Strange"):
        to_tptp(theory)


@pytest.mark.skipif(shutil.which("eprover") is None,
                    reason="E prover not installed: apt-get install eprover")
@pytest.mark.parametrize("form", ["fof", "cnf"])
def test_eprover_parses_every_export(form: str) -> None:
    a = Var("a")
    odd_name = law("ödd[law]", d("δ", a) + a, a, "")
    theory = Theory.build(["structure", "add_cancel", "absorptive", odd_name],
                          "d_agree[dx,δ]", Signature(("dx", "δ"), True),
                          nonzero=["δ"])
    problem = to_tptp(theory, form)  # type: ignore[arg-type]
    result = subprocess.run(["eprover", "--cnf", "--tstp-format", "-s"],
                            input=problem.text, capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    assert "d_u3b4" in result.stdout
