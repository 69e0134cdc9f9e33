"""Bounded fuzzing: the TOML loader and the checker on random tables.

Whatever the input, the loader returns a structure or raises
``StructureFileError``, and the checker ends every law in one of the
defined verdict kinds.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffalg import VerdictKind, check, finite_structure
from diffalg.files import StructureFileError, parse_structure
from diffalg.structures.finite import TableError

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

keys = st.sampled_from(["name", "kind", "add", "mul", "zero", "one", "labels",
                        "variables", "composition", "description", "extra"])
scalars = st.one_of(
    st.integers(-3, 5),
    st.sampled_from(["finite", "functions", "x", "b", "1", "x + 1", "x.__class__",
                     "__import__('os')", "2**99999", "", "(("]),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4),
                      max_leaves=12)


def to_toml(document: dict[str, object]) -> str:
    # JSON literals are valid TOML values for strings, numbers, booleans and
    # arrays, except NaN and infinities, which TOML spells nan and inf.
    lines = []
    for key, value in document.items():
        text = json.dumps(value).replace("NaN", "nan").replace("Infinity", "inf")
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


@FUZZ
@given(st.text(max_size=300))
def test_loader_on_random_text(text: str) -> None:
    try:
        parse_structure(text)
    except StructureFileError:
        pass


@FUZZ
@given(st.dictionaries(keys, values, max_size=8))
def test_loader_on_random_documents(document: dict[str, object]) -> None:
    try:
        structure = parse_structure(to_toml(document))
    except StructureFileError:
        return
    assert structure.name == document["name"]


@st.composite
def random_tables(draw: st.DrawFn) -> dict[str, object]:
    order = draw(st.integers(1, 3))
    cells = st.integers(0, order - 1)
    table = st.lists(st.lists(cells, min_size=order, max_size=order),
                     min_size=order, max_size=order)
    return {
        "add": draw(table),
        "mul": draw(table),
        "derivation": draw(st.lists(cells, min_size=order, max_size=order)),
        "composition": draw(st.one_of(st.none(), table)),
    }


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(random_tables())
def test_checker_on_random_tables(tables: dict[str, object]) -> None:
    try:
        structure = finite_structure("random", tables["add"], tables["mul"],
                                     derivations={"d": tables["derivation"]},
                                     composition=tables["composition"])
    except TableError:
        return
    report = check(structure, timeout=None)
    kinds = set(VerdictKind)
    for result in report.results:
        assert result.verdict.kind in kinds
        assert result.verdict.kind not in (VerdictKind.ERROR, VerdictKind.TIMED_OUT)
        if result.verdict.kind is VerdictKind.REFUTED:
            witness = result.verdict.witness
            assert witness is not None
            assert witness.lhs != witness.rhs
