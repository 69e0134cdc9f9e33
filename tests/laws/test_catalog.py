"""The law catalog: ids, families, kinds, variables and rendering."""

from __future__ import annotations

from math import comb

import pytest

from diffalg.laws import FAMILIES, Law, Var, d, law, laws_for
from diffalg.laws.catalog import (
    commutation_laws,
    composition_laws,
    derivation_laws,
    property_laws,
    semiring_laws,
)

ALL = laws_for(["dx", "dy"], composition=True)
BY_ID = {x.id: x for x in ALL}
COMPOSITION_FAMILIES = {"comp_assoc", "comp_one", "comp_zero", "chain"}


def test_families_match_laws_for() -> None:
    seen: list[str] = []
    for x in ALL:
        if x.family not in seen:
            seen.append(x.family)
    assert seen == list(FAMILIES)


def test_families_have_no_duplicates() -> None:
    assert len(set(FAMILIES)) == len(FAMILIES)


def test_ids_are_unique() -> None:
    ids = [x.id for x in ALL]
    assert len(set(ids)) == len(ids)


def test_family_is_id_before_bracket() -> None:
    for x in ALL:
        assert x.family == x.id.split("[", 1)[0]


@pytest.mark.parametrize("count", [0, 1, 2, 3])
@pytest.mark.parametrize("composition", [False, True])
def test_laws_for_counts(count: int, composition: bool) -> None:
    names = ["dx", "dy", "dz"][:count]
    expected = 10 + 4 * count + comb(count, 2) + 5
    if composition:
        expected += 3 + count
    assert len(laws_for(names, composition)) == expected


def test_ids_per_derivation() -> None:
    ids = [x.id for x in laws_for(["dx", "dt"], composition=True)]
    for name in ("dx", "dt"):
        for family in ("d_add", "d_leibniz", "d_zero", "d_one", "chain"):
            assert f"{family}[{name}]" in ids
    assert "d_add" not in ids
    assert "chain" not in ids


def test_derivation_law_order() -> None:
    ids = [x.id for x in derivation_laws("dq")]
    assert ids == ["d_add[dq]", "d_leibniz[dq]", "d_zero[dq]", "d_one[dq]"]


def test_ids_per_pair() -> None:
    ids = [x.id for x in commutation_laws(["dx", "dy", "dz"])]
    assert ids == ["commute[dx,dy]", "commute[dx,dz]", "commute[dy,dz]"]
    assert commutation_laws(["dx"]) == []


def test_no_composition_laws_without_composition() -> None:
    families = {x.family for x in laws_for(["dx"], composition=False)}
    assert not families & COMPOSITION_FAMILIES


def test_no_chain_without_derivations() -> None:
    ids = [x.id for x in composition_laws([])]
    assert ids == ["comp_assoc", "comp_one", "comp_zero"]


@pytest.mark.parametrize(
    ("law_id", "text"),
    [
        ("add_assoc", "(a + b) + c = a + (b + c)"),
        ("distrib_right", "(a + b)·c = a·c + b·c"),
        ("d_leibniz[dx]", "dx(a·b) = dx(a)·b + a·dx(b)"),
        ("d_one[dy]", "dy(1) = 0"),
        ("commute[dx,dy]", "dx(dy(a)) = dy(dx(a))"),
        ("comp_one", "1∘′a = 1"),
        ("chain[dx]", "dx(a∘′b) = (dx(a)∘′b)·dx(b)"),
        ("add_cancel", "a + c = b + c ⇒ a = b"),
    ],
)
def test_text_rendering(law_id: str, text: str) -> None:
    assert BY_ID[law_id].text() == text


@pytest.mark.parametrize(
    ("law_id", "latex"),
    [
        ("mul_assoc",
         r"\left(a \cdot b\right) \cdot c = a \cdot \left(b \cdot c\right)"),
        ("d_leibniz[dx]",
         r"\partial_{x}\left(a \cdot b\right) = \partial_{x} a \cdot b"
         r" + a \cdot \partial_{x} b"),
        ("d_zero[dx]", r"\partial_{x} 0 = 0"),
        ("commute[dx,dy]",
         r"\partial_{x}\left(\partial_{y} a\right)"
         r" = \partial_{y}\left(\partial_{x} a\right)"),
        ("chain[dy]",
         r"\partial_{y}\left(a \circ' b\right)"
         r" = \left(\partial_{y} a \circ' b\right) \cdot \partial_{y} b"),
        ("add_cancel", r"a + c = b + c \Rightarrow a = b"),
    ],
)
def test_latex_rendering(law_id: str, latex: str) -> None:
    assert BY_ID[law_id].latex() == latex


def test_misstated_leibniz_renders_differently() -> None:
    a, b = Var("a"), Var("b")
    swapped = law("d_leibniz[dx]", d("dx", a * b), b * d("dx", a) + a * d("dx", b),
                  "Leibniz with ∂a and b swapped")
    assert swapped.text() == "dx(a·b) = b·dx(a) + a·dx(b)"
    assert swapped.text() != BY_ID["d_leibniz[dx]"].text()


@pytest.mark.parametrize(
    ("law_id", "names"),
    [
        ("add_assoc", ("a", "b", "c")),
        ("add_zero", ("a",)),
        ("d_leibniz[dx]", ("a", "b")),
        ("d_zero[dx]", ()),
        ("d_one[dy]", ()),
        ("commute[dx,dy]", ("a",)),
        ("comp_one", ("a",)),
        ("add_cancel", ("a", "b", "c")),
    ],
)
def test_variables(law_id: str, names: tuple[str, ...]) -> None:
    assert BY_ID[law_id].variables == names


def test_variables_conclusion_first() -> None:
    a, b, c = Var("a"), Var("b"), Var("c")
    horn = law("h", b, a, "", premises=((c + a, c + b),))
    assert horn.variables == ("b", "a", "c")


def test_kinds() -> None:
    kinds = {x.family: x.kind for x in ALL}
    consequences = {f for f, k in kinds.items() if k == "consequence"}
    properties = {f for f, k in kinds.items() if k == "property"}
    axioms = {f for f, k in kinds.items() if k == "axiom"}
    assert consequences == {"d_zero", "d_one"}
    assert properties == {"mul_comm", "add_idem", "mul_idem", "absorptive",
                          "add_cancel"}
    assert axioms == set(FAMILIES) - consequences - properties


def test_semiring_laws_are_axioms() -> None:
    laws = semiring_laws()
    assert len(laws) == 10
    assert all(x.kind == "axiom" for x in laws)


def test_d_zero_and_d_one_are_consequences() -> None:
    for name in ("dx", "dy"):
        assert BY_ID[f"d_zero[{name}]"].kind == "consequence"
        assert BY_ID[f"d_one[{name}]"].kind == "consequence"


def test_d_one_optional_without_composition() -> None:
    kinds = {x.id: x.kind for x in laws_for(["dx"], composition=False)}
    assert kinds["d_one[dx]"] == "optional"
    assert kinds["d_zero[dx]"] == "consequence"


def test_only_add_cancel_has_premises() -> None:
    with_premises = [x.id for x in ALL if x.premises]
    assert with_premises == ["add_cancel"]
    a, b, c = Var("a"), Var("b"), Var("c")
    assert BY_ID["add_cancel"].premises == ((a + c, b + c),)


def test_property_ids() -> None:
    ids = [x.id for x in property_laws()]
    assert ids == ["mul_comm", "add_idem", "mul_idem", "absorptive", "add_cancel"]


def test_uses_composition() -> None:
    for x in ALL:
        assert x.uses_composition == (x.family in COMPOSITION_FAMILIES), x.id


@pytest.mark.parametrize(
    ("law_id", "names"),
    [
        ("add_comm", ()),
        ("d_add[dx]", ("dx",)),
        ("commute[dx,dy]", ("dy", "dx")),
        ("chain[dy]", ("dy",)),
        ("comp_assoc", ()),
    ],
)
def test_derivations_named(law_id: str, names: tuple[str, ...]) -> None:
    assert BY_ID[law_id].derivations == names


def test_law_is_frozen() -> None:
    target: Law = BY_ID["add_comm"]
    with pytest.raises(AttributeError):
        target.id = "renamed"  # type: ignore[misc]
