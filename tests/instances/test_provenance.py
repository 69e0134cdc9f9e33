"""The provenance semirings: normal forms, text, derivations and verdicts."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings

import diffalg.instances.provenance  # noqa: F401  (registers the instances)
from diffalg import VerdictKind, check
from diffalg.instances import get
from diffalg.instances.provenance_algebra import (
    ProvenanceAlgebra,
    ProvenanceKind,
    ProvenanceParseError,
)

# Laws run in this process (timeout=None): forking a child per law would
# double the time of these checks and change no verdict.
NAMES = ["N[X]", "B[X]", "Trio(X)", "Why(X)", "Sorp(X)", "PosBool(X)", "Which(X)"]

PROPERTIES = {
    "N[X]": {"mul_comm", "add_cancel"},
    "B[X]": {"mul_comm", "add_idem"},
    "Trio(X)": {"mul_comm", "add_cancel"},
    "Why(X)": {"mul_comm", "add_idem"},
    "Sorp(X)": {"mul_comm", "add_idem", "absorptive"},
    "PosBool(X)": {"mul_comm", "add_idem", "mul_idem", "absorptive"},
    "Which(X)": {"mul_comm", "add_idem", "mul_idem"},
}


def algebra(name: str) -> ProvenanceAlgebra:
    found = get(name).semiring.metadata["algebra"]
    assert isinstance(found, ProvenanceAlgebra)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_instance_matches_declarations(name: str) -> None:
    report = check(get(name), max_examples=20, timeout=None)
    assert report.ok, [(r.law.id, r.verdict.summary()) for r in report.unexpected]


@pytest.mark.parametrize("name", NAMES)
def test_properties_follow_literature(name: str) -> None:
    structure = get(name)
    assert set(structure.properties) == PROPERTIES[name]
    report = check(structure, ["mul_comm", "add_idem", "mul_idem", "absorptive",
                               "add_cancel"], max_examples=25, timeout=None)
    for result in report.results:
        holds = result.law.id in PROPERTIES[name]
        assert result.verdict.kind.holds is holds, result.law.id
        assert result.as_expected, result.law.id


def test_why_idempotent_not_absorptive_witness() -> None:
    report = check(get("Why(X)"), ["add_idem", "absorptive", "mul_idem"])
    assert report.result("add_idem").verdict.kind is VerdictKind.SAMPLED
    absorptive = report.result("absorptive").verdict
    assert absorptive.kind is VerdictKind.KNOWN_FAILURE
    assert absorptive.witness is not None
    assert absorptive.witness.assignment == (("a", "x"),)
    assert absorptive.witness.lhs == "x + 1"
    mul_idem = report.result("mul_idem").verdict
    assert mul_idem.witness is not None
    assert mul_idem.witness.assignment == (("a", "x + y"),)
    assert mul_idem.witness.lhs == "xy + x + y"


def test_add_cancel_sampled_with_premise() -> None:
    verdict = check(get("N[X]"), ["add_cancel"], max_examples=50).results[0].verdict
    assert verdict.kind is VerdictKind.SAMPLED
    assert verdict.examples is not None and verdict.examples > 0
    assert any("premise held" in note for note in verdict.notes)
    refuted = check(get("B[X]"), ["add_cancel"]).results[0].verdict
    assert refuted.kind is VerdictKind.KNOWN_FAILURE


def test_normal_forms_of_running_example() -> None:
    text = "2x²y + xy + 5y² + xz"
    shown = {name: algebra(name).show(algebra(name).parse(text)) for name in NAMES}
    assert shown == {
        "N[X]": "2x²y + xy + 5y² + xz",
        "B[X]": "x²y + xy + y² + xz",
        "Trio(X)": "3xy + xz + 5y",
        "Why(X)": "xy + xz + y",
        "Sorp(X)": "xy + y² + xz",
        "PosBool(X)": "xz + y",
        "Which(X)": "xyz",
    }


def test_which_zero_and_one() -> None:
    which = algebra("Which(X)")
    x = which.variable("x")
    assert which.add(which.zero, x) == x
    assert which.add(which.one, x) == x
    assert which.mul(which.zero, x) == which.zero
    assert which.mul(which.one, x) == x
    assert which.show(which.add(x, which.variable("z"))) == "xz"


def test_posbool_absorbs_supersets() -> None:
    posbool = algebra("PosBool(X)")
    element = posbool.parse("xy + x + yz + xyz")
    assert posbool.show(element) == "yz + x"
    assert posbool.add(posbool.one, element) == posbool.one


@pytest.mark.parametrize("kind", list(ProvenanceKind))
def test_show_parse_round_trip(kind: ProvenanceKind) -> None:
    found = ProvenanceAlgebra(kind)

    @settings(max_examples=60, database=None, deadline=None)
    @given(found.strategy())
    def round_trip(element: tuple[tuple[tuple[int, ...], int], ...]) -> None:
        assert found.parse(found.show(element)) == element
        assert found.from_terms(ast.literal_eval(found.source(element))) == element
        assert found.is_element(element)

    round_trip()


def test_parse_accepts_plain_exponents() -> None:
    n = algebra("N[X]")
    assert n.parse("2x^2*y + x y") == n.parse("2x²y + xy")
    assert n.parse(" 3 ") == n.from_terms([((0, 0, 0), 3)])
    assert n.parse("0") == n.zero


@pytest.mark.parametrize("text, fragment", [
    ("x + w", "expected a coefficient or a variable at position 4, found 'w'"),
    ("x w", "expected '+' or the end at position 2"),
    ("x +", "expected a coefficient or a variable at position 3"),
    ("x^", "expected an exponent after '^'"),
    ("", "expected a coefficient or a variable at position 0"),
])
def test_parse_errors_name_position(text: str, fragment: str) -> None:
    with pytest.raises(ProvenanceParseError) as error:
        algebra("N[X]").parse(text)
    assert fragment in str(error.value)
    assert repr(text) in str(error.value)


def test_from_terms_rejects_bad_terms() -> None:
    n = algebra("N[X]")
    with pytest.raises(ValueError, match="expected 3"):
        n.from_terms([((1, 0), 1)])
    with pytest.raises(ValueError, match="coefficient -1"):
        n.from_terms([((1, 0, 0), -1)])
    assert not n.is_element((((0, 0, 0), 0),))


def test_custom_variables() -> None:
    named = ProvenanceAlgebra(ProvenanceKind.N, ("r1a", "s"))
    assert named.name == "N[r1a,s]"
    element = named.parse("2r1a^2·s + s")
    assert named.show(element) == "2r1a²·s + s"
    assert named.parse(named.show(element)) == element
    with pytest.raises(ValueError, match="invalid variable names"):
        ProvenanceAlgebra(ProvenanceKind.N, ("x1",))


def test_derivation_values_on_naturals() -> None:
    structure = get("N[X]")
    n = algebra("N[X]")
    p = n.parse("2x²y + xy + 5y² + xz")
    values = {d.name: n.show(d(p)) for d in structure.derivations}
    assert values == {
        "dx": "4xy + y + z",
        "dy": "2x² + x + 10y",
        "dz": "x",
        "euler": "6x²y + 2xy + 10y² + 2xz",
        "x_dy": "2x³ + x² + 10xy",
        "zero": "0",
    }


def test_substitution_value() -> None:
    structure = get("N[X]")
    n = algebra("N[X]")
    assert structure.composition is not None
    result = structure.composition(n.parse("x²y + z"), n.parse("y + 1"))
    assert n.show(result) == "y³ + 2y² + y + z"


def test_boolean_partial_merges_coefficients() -> None:
    b = algebra("B[X]")
    dx = get("B[X]").derivation("dx")
    assert b.show(dx(b.parse("x³ + x²y"))) == "x² + xy"


def test_keep_witnesses_is_a_derivation_on_why() -> None:
    report = check(get("Why(X)"), ["d_add[keep_x]", "d_leibniz[keep_x]",
                                   "d_one[keep_x]", "commute[keep_x,keep_y]"],
                   max_examples=50)
    for result in report.results:
        assert result.verdict.kind is VerdictKind.SAMPLED, result.law.id
    why = algebra("Why(X)")
    keep_x = get("Why(X)").derivation("keep_x")
    assert why.show(keep_x(why.parse("xy + y + xz"))) == "xy + xz"


def test_naturals_commutators() -> None:
    report = check(get("N[X]"), ["commute[dx,dy]", "commute[dx,x_dy]",
                                 "commute[euler,x_dy]", "commute[dx,euler]"],
                   max_examples=30)
    assert report.result("commute[dx,dy]").verdict.kind is VerdictKind.SAMPLED
    assert report.result("commute[euler,x_dy]").verdict.kind is VerdictKind.SAMPLED
    x_dy = report.result("commute[dx,x_dy]").verdict
    assert x_dy.kind is VerdictKind.KNOWN_FAILURE
    assert x_dy.witness is not None
    assert x_dy.witness.assignment == (("a", "y"),)
    assert (x_dy.witness.lhs, x_dy.witness.rhs) == ("1", "0")
    euler = report.result("commute[dx,euler]").verdict
    assert euler.witness is not None
    assert euler.witness.assignment == (("a", "x"),)


def test_chain_rule_for_dx_only() -> None:
    laws = ["chain[dx]", "chain[dy]", "chain[dz]", "chain[euler]", "chain[x_dy]",
            "chain[zero]", "comp_assoc"]
    report = check(get("N[X]"), laws, max_examples=30)
    for law_id in ["chain[dx]", "chain[zero]", "comp_assoc"]:
        assert report.result(law_id).verdict.kind is VerdictKind.SAMPLED, law_id
    for law_id in ["chain[dy]", "chain[dz]", "chain[euler]", "chain[x_dy]"]:
        assert report.result(law_id).verdict.kind is VerdictKind.KNOWN_FAILURE, law_id
    chain_dy = report.result("chain[dy]").verdict.witness
    assert chain_dy is not None
    assert dict(chain_dy.assignment) == {"a": "x", "b": "y"}


def test_sorp_partial_breaks_additivity_and_leibniz() -> None:
    report = check(get("Sorp(X)"), ["d_add[dx]", "d_leibniz[dx]", "d_one[dx]"])
    additive = report.result("d_add[dx]").verdict.witness
    assert additive is not None
    assert dict(additive.assignment) == {"a": "1", "b": "x"}
    leibniz = report.result("d_leibniz[dx]").verdict.witness
    assert leibniz is not None
    assert dict(leibniz.assignment) == {"a": "y + z", "b": "xy + z"}
    assert (leibniz.lhs, leibniz.rhs) == ("y²", "y² + yz")
    assert report.result("d_one[dx]").verdict.kind is VerdictKind.SAMPLED


@pytest.mark.parametrize("name", ["B[X]", "Why(X)", "Sorp(X)", "PosBool(X)",
                                  "Which(X)"])
def test_identity_is_derivation_without_d_one(name: str) -> None:
    report = check(get(name), ["d_add[id]", "d_leibniz[id]", "d_one[id]"],
                   max_examples=30)
    assert report.result("d_leibniz[id]").verdict.kind is VerdictKind.SAMPLED
    d_one = report.result("d_one[id]").verdict
    assert d_one.kind is VerdictKind.KNOWN_FAILURE
    assert d_one.witness is not None
    assert (d_one.witness.lhs, d_one.witness.rhs) == ("1", "0")


@pytest.mark.parametrize("name", ["Sorp(X)", "PosBool(X)"])
def test_absorptive_derivations_with_d_one_are_zero(name: str) -> None:
    structure = get(name)
    report = check(structure, max_examples=20, timeout=None)
    for derivation in structure.derivations:
        laws = [f"d_add[{derivation.name}]", f"d_leibniz[{derivation.name}]",
                f"d_one[{derivation.name}]"]
        is_derivation = all(report.result(law).verdict.kind.holds for law in laws)
        samples = structure.semiring.candidates
        vanishes = all(derivation(a) == structure.semiring.zero for a in samples)
        assert is_derivation is vanishes, derivation.name


def test_trio_has_no_partial() -> None:
    trio = algebra("Trio(X)")
    x = trio.variable("x")
    assert trio.mul(x, x) == x
    assert trio.add(x, x) == trio.parse("2x")
    assert [d.name for d in get("Trio(X)").derivations] == ["zero"]
