"""The law catalog checks itself: one broken structure per law family.

For every family of the catalog, ``broken_tables.py`` holds the smallest
finite structure found by ``generate_broken.py`` in which that law fails.
Here diffalg's own checker, which decides every law exhaustively on a finite
carrier, must agree with the z3 search that built the tables: the target law
is refuted with a witness, and the laws that fail are exactly the target and
the co-failures whose derivation the tables record.  A law that the catalog
misstates, or one that follows from the others, shows up here as a family
that fails together with an unexplained law, or not at all.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from diffalg import (
    Composition,
    Derivation,
    DifferentialSemiring,
    Report,
    Semiring,
    VerdictKind,
    check,
    finite_structure,
)
from diffalg.laws.catalog import FAMILIES, property_laws
from diffalg.structures import TableError

PROPERTIES = tuple(law.id for law in property_laws())
TIMEOUT = 30.0


def _load(name: str) -> ModuleType:
    """Import a module that sits next to this file, by path."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"diffalg_lawcheck_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BROKEN: Mapping[str, Mapping[str, Any]] = _load("broken_tables").BROKEN
LAW_FAMILIES = [f for f in FAMILIES if f not in PROPERTIES]


def _has_identities(spec: Mapping[str, Any]) -> bool:
    """Whether 0 and 1 are two-sided identities of the + and · tables."""
    add, mul = spec["add"], spec["mul"]
    elements = range(spec["size"])
    zero_ok = all(add[0][x] == x and add[x][0] == x for x in elements)
    one_ok = all(mul[1][x] == x and mul[x][1] == x for x in elements)
    return zero_ok and one_ok


def _unary(values: Sequence[int]) -> Any:
    def apply(x: int) -> int:
        return values[x]

    return apply


def _binary(rows: Sequence[Sequence[int]]) -> Any:
    def apply(x: int, y: int) -> int:
        return rows[x][y]

    return apply


def build(family: str, spec: Mapping[str, Any]) -> DifferentialSemiring[int]:
    """Build the structure of ``spec``, declaring what is meant to fail.

    ``finite_structure`` rejects tables in which 0 or 1 is not a two-sided
    identity, so the structures that break ``add_zero``, ``mul_one_left``,
    ``mul_one_right`` or ``add_comm`` (where ``0 + a = a`` fails) are
    assembled from a :class:`Semiring` over the tables instead.
    """
    name = f"broken-{family}"
    known = {law_id: spec["reason"] for law_id in spec["co_failures"]}
    if family not in PROPERTIES:
        known[family] = "the tables break this law on purpose"
    properties = frozenset(spec["properties"]) if family in PROPERTIES else frozenset()
    if _has_identities(spec):
        return finite_structure(
            name, spec["add"], spec["mul"], derivations=spec["derivations"],
            composition=spec["composition"], zero=0, one=1,
            known_failures=known, properties=properties,
        )
    semiring = Semiring(name, 0, 1, add=_binary(spec["add"]), mul=_binary(spec["mul"]),
                        elements=tuple(range(spec["size"])))
    derivations = tuple(Derivation(derivation, _unary(values))
                        for derivation, values in spec["derivations"].items())
    composition = None
    if spec["composition"] is not None:
        composition = Composition(_binary(spec["composition"]))
    return DifferentialSemiring(name, semiring, derivations, composition,
                                known_failures=known, properties=properties)


def failing_laws(report: Report) -> set[str]:
    """Return the ids of the non-property laws that the report shows failing."""
    return {r.law.id for r in report.results
            if r.law.kind != "property" and r.verdict.kind.fails}


def undecided_laws(report: Report) -> list[str]:
    """Return the laws that neither hold, fail nor are inapplicable."""
    return [r.verdict.summary() for r in report.results
            if not (r.verdict.kind.holds or r.verdict.kind.fails
                    or r.verdict.kind is VerdictKind.NOT_APPLICABLE)]


def _target_ids(report: Report, family: str) -> set[str]:
    applicable = [r for r in report.results
                  if r.verdict.kind is not VerdictKind.NOT_APPLICABLE]
    return {r.law.id for r in applicable if r.law.family == family}


def _assert_refuted_with_witness(report: Report, family: str) -> None:
    targets = [r for r in report.results if r.law.family == family]
    assert targets, f"no {family} law was checked"
    for result in targets:
        verdict = result.verdict
        assert verdict.kind is VerdictKind.KNOWN_FAILURE, verdict.summary()
        assert verdict.method.startswith("exhaustive search")
        assert verdict.witness is not None
        assert verdict.witness.lhs != verdict.witness.rhs


def test_every_family_has_broken_instance() -> None:
    assert set(BROKEN) == set(FAMILIES)
    for family, spec in BROKEN.items():
        assert spec["size"] >= 2, family
        assert len(spec["add"]) == spec["size"], family


@pytest.mark.parametrize("family", LAW_FAMILIES, ids=LAW_FAMILIES)
def test_law_fails_with_only_forced_laws(family: str) -> None:
    spec = BROKEN[family]
    report = check(build(family, spec), seed=0, timeout=TIMEOUT)

    assert undecided_laws(report) == []
    _assert_refuted_with_witness(report, family)
    expected = _target_ids(report, family) | set(spec["co_failures"])
    assert failing_laws(report) == expected

    for result in report.results:
        if result.law.kind != "property":
            assert result.as_expected, result.verdict.summary()
    if spec["co_failures"]:
        assert spec["reason"]
        for law_id in spec["co_failures"]:
            notes = report.result(law_id).verdict.notes
            assert f"declared: {spec['reason']}" in notes


@pytest.mark.parametrize("family", PROPERTIES, ids=PROPERTIES)
def test_property_fails_under_all_axioms(family: str) -> None:
    spec = BROKEN[family]
    report = check(build(family, spec), seed=0, timeout=TIMEOUT)

    assert undecided_laws(report) == []
    assert failing_laws(report) == set()
    _assert_refuted_with_witness(report, family)
    kept, excluded = set(spec["properties"]), set(spec["excluded"])
    assert kept | excluded | {family} == set(PROPERTIES)
    assert not kept & excluded
    for prop in kept:
        assert report.result(prop).verdict.kind.holds, prop
    for prop in excluded:
        assert report.result(prop).verdict.kind.fails, prop
        assert spec["excluded"][prop]
    assert report.ok, [r.verdict.summary() for r in report.unexpected]


@pytest.mark.parametrize(
    "family", ["add_comm", "add_zero", "mul_one_left", "mul_one_right"])
def test_finite_structure_rejects_broken_identity(family: str) -> None:
    spec = BROKEN[family]
    assert not _has_identities(spec)
    with pytest.raises(TableError, match="identity"):
        finite_structure("x", spec["add"], spec["mul"], zero=0, one=1)


def test_extra_failure_is_detected() -> None:
    spec = copy.deepcopy(dict(BROKEN["d_one"]))
    spec["derivations"] = {"dx": [1, 1]}
    report = check(build("d_one", spec), seed=0, timeout=TIMEOUT)

    failing = failing_laws(report)
    assert "d_one[dx]" in failing
    assert "d_zero[dx]" in failing
    assert failing != {"d_one[dx]"}


def test_repaired_table_is_detected() -> None:
    spec = copy.deepcopy(dict(BROKEN["add_comm"]))
    spec["add"] = [[0, 1], [1, 1]]
    report = check(build("add_comm", spec), seed=0, timeout=TIMEOUT)

    result = report.result("add_comm")
    assert result.verdict.kind is VerdictKind.EXHAUSTIVE
    assert not result.as_expected


@pytest.mark.parametrize("family", ["add_comm", "d_zero"])
def test_generator_finds_stored_structure(family: str) -> None:
    generator = _load("generate_broken")
    spec = BROKEN[family]
    found = generator.search(family, max_size=spec["size"])

    assert found.size == spec["size"]
    assert list(found.co_failures) == spec["co_failures"]
    assert found.reason == spec["reason"]
    rebuilt = {**spec, "add": found.add, "mul": found.mul,
               "derivations": found.derivations, "composition": found.composition}
    report = check(build(family, rebuilt), seed=0, timeout=TIMEOUT)
    assert failing_laws(report) == _target_ids(report, family) | set(
        spec["co_failures"])


def test_generator_finds_none_smaller() -> None:
    generator = _load("generate_broken")
    smaller = BROKEN["commute"]["size"] - 1
    with pytest.raises(LookupError, match="no structure of size at most 3"):
        generator.search_law("commute", max_size=smaller, max_co_failures=0)
