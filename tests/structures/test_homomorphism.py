"""Semiring homomorphisms: the provenance surjections and broken maps."""

from __future__ import annotations

import ast
import itertools
import operator

import pytest
from hypothesis import strategies as st

import diffalg.instances.provenance  # noqa: F401  (registers instances and maps)
from diffalg import Semiring, VerdictKind
from diffalg.instances import get
from diffalg.instances.provenance_algebra import Poly, ProvenanceAlgebra
from diffalg.instances.provenance_maps import SURJECTIONS
from diffalg.structures.homomorphism import (
    SemiringHomomorphism,
    UnknownHomomorphismError,
    check_agreement,
    check_homomorphism,
    get_homomorphism,
    homomorphism_names,
    register_homomorphism,
    replay_homomorphism,
    unregister_homomorphism,
)

EXAMPLE = "2x²y + xy + 5y² + xz"


def algebra(name: str) -> ProvenanceAlgebra:
    found = get(name).semiring.metadata["algebra"]
    assert isinstance(found, ProvenanceAlgebra)
    return found


def surjection(source: str, target: str) -> SemiringHomomorphism[Poly, Poly]:
    return get_homomorphism(f"{source}->{target}")


def naturals() -> Semiring[int]:
    return Semiring("N", 0, 1, operator.add, operator.mul,
                    strategy=st.integers(0, 30), candidates=(0, 1, 2, 3))


@pytest.mark.parametrize("source, target", SURJECTIONS)
def test_surjection_laws_hold(source: str, target: str) -> None:
    homomorphism = surjection(source, target)
    report = check_homomorphism(homomorphism, max_examples=30, timeout=None)
    assert report.ok, [(r.law_id, r.verdict.summary()) for r in report.unexpected]
    for law_id in ["hom_add", "hom_mul"]:
        assert report.result(law_id).verdict.kind is VerdictKind.SAMPLED
    for law_id in ["hom_zero", "hom_one"]:
        assert report.result(law_id).verdict.kind is VerdictKind.EXHAUSTIVE


def test_every_surjection_registered() -> None:
    names = homomorphism_names()
    for source, target in SURJECTIONS:
        assert f"{source}->{target}" in names


def test_running_example_images() -> None:
    n = algebra("N[X]")
    p = n.parse(EXAMPLE)
    b_image = surjection("N[X]", "B[X]")(p)
    trio_image = surjection("N[X]", "Trio(X)")(p)
    sorp_image = surjection("B[X]", "Sorp(X)")(b_image)
    why_image = surjection("B[X]", "Why(X)")(b_image)
    posbool_image = surjection("Why(X)", "PosBool(X)")(why_image)
    which_image = surjection("Why(X)", "Which(X)")(why_image)
    images = {"B[X]": b_image, "Trio(X)": trio_image, "Sorp(X)": sorp_image,
              "Why(X)": why_image, "PosBool(X)": posbool_image,
              "Which(X)": which_image}
    shown = {name: algebra(name).show(value) for name, value in images.items()}
    assert shown == {
        "B[X]": "x²y + xy + y² + xz",
        "Trio(X)": "3xy + xz + 5y",
        "Sorp(X)": "xy + y² + xz",
        "Why(X)": "xy + xz + y",
        "PosBool(X)": "xz + y",
        "Which(X)": "xyz",
    }
    xy, y, xz = (1, 1, 0), (0, 1, 0), (1, 0, 1)
    by_hand = {
        "B[X]": [((2, 1, 0), 1), (xy, 1), ((0, 2, 0), 1), (xz, 1)],
        "Trio(X)": [(xy, 3), (y, 5), (xz, 1)],
        "Sorp(X)": [(xy, 1), ((0, 2, 0), 1), (xz, 1)],
        "Why(X)": [(xy, 1), (y, 1), (xz, 1)],
        "PosBool(X)": [(y, 1), (xz, 1)],
        "Which(X)": [((1, 1, 1), 1)],
    }
    for name, terms in by_hand.items():
        assert images[name] == algebra(name).from_terms(terms), name


def test_running_example_term_sets() -> None:
    """The images have the terms listed in the order-free spelling too."""
    n = algebra("N[X]")
    p = n.parse(EXAMPLE)
    expected = {
        ("N[X]", "Trio(X)"): "3xy + 5y + xz",
        ("N[X]", "B[X]"): "x²y + xy + y² + xz",
    }
    for (source, target), text in expected.items():
        shown = algebra(target).show(surjection(source, target)(p))
        assert set(shown.split(" + ")) == set(text.split(" + "))


@pytest.mark.parametrize("first, second", [
    (["N[X]", "B[X]", "Why(X)"], ["N[X]", "Trio(X)", "Why(X)"]),
    (["N[X]", "B[X]", "Sorp(X)", "PosBool(X)"],
     ["N[X]", "Trio(X)", "Why(X)", "PosBool(X)"]),
    (["B[X]", "Sorp(X)", "PosBool(X)"], ["B[X]", "Why(X)", "PosBool(X)"]),
    (["N[X]", "B[X]", "Why(X)", "Which(X)"],
     ["N[X]", "Trio(X)", "Why(X)", "Which(X)"]),
])
def test_squares_commute(first: list[str], second: list[str]) -> None:
    def compose(path: list[str]) -> SemiringHomomorphism[Poly, Poly]:
        maps = [surjection(a, b) for a, b in itertools.pairwise(path)]
        composite = maps[0]
        for following in maps[1:]:
            composite = composite.then(following)
        return composite

    verdict = check_agreement(compose(first), compose(second), max_examples=60)
    assert verdict.kind is VerdictKind.SAMPLED
    assert verdict.examples is not None and verdict.examples > 0


def test_agreement_refuted_with_witness() -> None:
    why = algebra("Why(X)")
    honest = surjection("N[X]", "B[X]").then(surjection("B[X]", "Why(X)"))
    constant_dropped = SemiringHomomorphism(
        "drop-constant", get("N[X]").semiring, get("Why(X)").semiring,
        lambda p: why.normalize([(m, c) for m, c in p if any(m)]))
    verdict = check_agreement(honest, constant_dropped)
    assert verdict.kind is VerdictKind.REFUTED
    assert verdict.witness is not None
    assert verdict.witness.assignment == (("a", "1"),)
    assert (verdict.witness.lhs, verdict.witness.rhs) == ("1", "0")


def test_composite_keeps_derivation_pairs() -> None:
    composite = surjection("N[X]", "B[X]").then(surjection("B[X]", "Why(X)"))
    assert composite.name == "N[X]->B[X];B[X]->Why(X)"
    assert composite.law_ids()[4:] == ["hom_derivation[zero]"]
    report = check_homomorphism(composite, max_examples=30, timeout=None)
    assert report.ok


def test_sorp_quotient_breaks_dx() -> None:
    homomorphism = surjection("B[X]", "Sorp(X)")
    report = check_homomorphism(homomorphism, ["hom_derivation[dx]"])
    verdict = report.result("hom_derivation[dx]").verdict
    assert verdict.kind is VerdictKind.KNOWN_FAILURE
    assert verdict.witness is not None
    assert verdict.witness.assignment == (("a", "x + 1"),)
    assert (verdict.witness.lhs, verdict.witness.rhs) == ("1", "0")
    assert ("dx(a)", "1") in verdict.witness.subterms
    assert ("h(a)", "1") in verdict.witness.subterms


def test_witness_replays() -> None:
    report = check_homomorphism(surjection("B[X]", "Sorp(X)"), ["hom_derivation[dx]"])
    witness = report.results[0].verdict.witness
    assert witness is not None
    call = ast.parse(witness.replay.splitlines()[-1]).body[0]
    assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
    name, law_id = (ast.literal_eval(arg) for arg in call.value.args)
    values = {kw.arg: ast.literal_eval(kw.value) for kw in call.value.keywords
              if kw.arg is not None}
    outcome = replay_homomorphism(name, law_id, **values)
    assert not outcome.holds
    assert outcome.lhs.shown() == witness.lhs
    assert replay_homomorphism(name, law_id, a="x + 1").rhs.shown() == "0"


def test_doubling_fails_mul_with_witness() -> None:
    n = algebra("N[X]")
    source = get("N[X]").semiring
    double = SemiringHomomorphism(
        "double", source, source,
        lambda p: n.normalize([(m, 2 * c) for m, c in p]))
    report = check_homomorphism(double, max_examples=30, timeout=None)
    kinds = {r.law_id: r.verdict.kind for r in report.results}
    assert kinds == {"hom_zero": VerdictKind.EXHAUSTIVE,
                     "hom_one": VerdictKind.REFUTED,
                     "hom_add": VerdictKind.SAMPLED,
                     "hom_mul": VerdictKind.REFUTED}
    assert not report.ok
    witness = report.result("hom_mul").verdict.witness
    assert witness is not None
    assert witness.assignment == (("a", "1"), ("b", "1"))
    assert (witness.lhs, witness.rhs) == ("2", "4")
    assert ("a·b", "1") in witness.subterms


def test_declared_failure_is_known() -> None:
    n = algebra("N[X]")
    source = get("N[X]").semiring
    double = SemiringHomomorphism(
        "double", source, source, lambda p: n.normalize([(m, 2 * c) for m, c in p]),
        known_failures={"hom_mul": "2ab ≠ 4ab", "hom_one": "2 ≠ 1"})
    report = check_homomorphism(double, max_examples=30, timeout=None)
    assert report.ok
    assert report.result("hom_mul").verdict.kind is VerdictKind.KNOWN_FAILURE
    assert report.result("hom_mul").expected == "fails"


def test_declared_failure_that_holds_is_unexpected() -> None:
    identity = SemiringHomomorphism("id", naturals(), naturals(), lambda k: k,
                                    known_failures={"hom_add": "wrongly declared"})
    report = check_homomorphism(identity, max_examples=20, timeout=None)
    assert not report.ok
    assert [r.law_id for r in report.unexpected] == ["hom_add"]


def test_leading_term_fails_add() -> None:
    n = algebra("N[X]")
    source = get("N[X]").semiring
    leading = SemiringHomomorphism("leading", source, source, lambda p: p[:1])
    report = check_homomorphism(leading, ["hom_add", "hom_mul"], max_examples=30,
                                timeout=None)
    witness = report.result("hom_add").verdict.witness
    assert witness is not None
    assert witness.assignment == (("a", "1"), ("b", "x"))
    assert (witness.lhs, witness.rhs) == ("x", "x + 1")
    assert report.result("hom_mul").verdict.kind is VerdictKind.SAMPLED
    assert n.show(leading(n.parse("x + 1"))) == "x"


def test_finite_source_checked_exhaustively() -> None:
    boolean = get("boolean-identity").semiring
    to_naturals = SemiringHomomorphism("B->N", boolean, naturals(), int)
    report = check_homomorphism(to_naturals, timeout=None)
    assert report.result("hom_mul").verdict.kind is VerdictKind.EXHAUSTIVE
    add = report.result("hom_add").verdict
    assert add.kind is VerdictKind.REFUTED
    assert add.witness is not None
    assert add.witness.assignment == (("a", "True"), ("b", "True"))


def test_map_that_raises_is_an_error() -> None:
    def fragile(k: int) -> int:
        return k if k != 3 else k // 0

    broken = SemiringHomomorphism("fragile", naturals(), naturals(), fragile)
    verdict = check_homomorphism(broken, ["hom_add"], timeout=None).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert verdict.error is not None
    assert "ZeroDivisionError" in verdict.error
    assert "hom_add" in verdict.error
    assert "a = 1, b = 2" in verdict.error


def test_unknown_declared_law_rejected() -> None:
    with pytest.raises(ValueError, match="unknown laws \\['hom_mull'\\]"):
        SemiringHomomorphism("id", naturals(), naturals(), lambda k: k,
                             known_failures={"hom_mull": "typo"})


def test_unknown_law_and_name_errors() -> None:
    identity = SemiringHomomorphism("id", naturals(), naturals(), lambda k: k)
    with pytest.raises(KeyError, match="did you mean 'hom_mul'"):
        check_homomorphism(identity, ["hom_mull"])
    with pytest.raises(UnknownHomomorphismError, match="did you mean 'N\\[X\\]->B"):
        get_homomorphism("N[X]->B[x]")
    with pytest.raises(TypeError, match="needs values for exactly"):
        replay_homomorphism(identity, "hom_add", a=1)


def test_registry_checks_names() -> None:
    @register_homomorphism("misnamed-map", "a factory that builds another name")
    def build() -> SemiringHomomorphism[int, int]:
        return SemiringHomomorphism("other", naturals(), naturals(), lambda k: k)

    try:
        with pytest.raises(ValueError, match="names must agree"):
            get_homomorphism("misnamed-map")
        with pytest.raises(ValueError, match="already registered"):
            register_homomorphism("misnamed-map", "again")(build)
    finally:
        unregister_homomorphism("misnamed-map")


def test_image_outside_target_is_an_error() -> None:
    unreduced = SemiringHomomorphism("unreduced", get("N[X]").semiring,
                                     get("B[X]").semiring, lambda p: p)
    report = check_homomorphism(unreduced, ["hom_one", "hom_add"], timeout=None)
    assert report.result("hom_one").verdict.kind is VerdictKind.EXHAUSTIVE
    verdict = report.result("hom_add").verdict
    assert verdict.kind is VerdictKind.ERROR
    assert verdict.error is not None
    assert "is not an element of B[X]" in verdict.error
    assert "h(a + b) is (((0, 0, 0), 2),)" in verdict.error
    assert "at a = 1, b = 1" in verdict.error
