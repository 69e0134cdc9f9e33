"""The pytest and Hypothesis helpers of diffalg.testing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import find

import diffalg.instances.constructions  # noqa: F401  (registers instances)
from diffalg import VerdictKind
from diffalg.instances import get, names
from diffalg.instances.tropical import boolean
from diffalg.structures import Derivation, DifferentialSemiring
from diffalg.testing import (
    assert_law,
    law_cases,
    report_for,
    resolve,
    strategy_for,
)

pytest_plugins = ["pytester"]

EXAMPLES = 30


@pytest.mark.parametrize(("structure", "law_id"),
                         law_cases(["boolean", "security"]))
def test_catalog_law(structure: str, law_id: str) -> None:
    result = assert_law(structure, law_id, max_examples=EXAMPLES)
    assert result.law.id == law_id
    assert result.as_expected


def test_law_cases_ids_and_values() -> None:
    cases = law_cases(["boolean", "security"])
    ids = [case.id for case in cases]
    assert "boolean.d_leibniz[d0]" in ids
    assert "security.chain[dc]" in ids
    assert len(ids) == len(set(ids))
    first = cases[0]
    assert first.values == ("boolean", "add_assoc")
    assert first.id == "boolean.add_assoc"


def test_law_cases_select_by_family_and_id() -> None:
    cases = law_cases(["min-plus"], laws=["chain", "d_one[did]"])
    assert [case.id for case in cases] == [
        "min-plus.d_one[did]", "min-plus.chain[d0]", "min-plus.chain[did]",
        "min-plus.chain[dc]"]


def test_law_cases_keep_structure_objects() -> None:
    structure = boolean()
    cases = law_cases([structure], laws=["d_one"])
    assert len(cases) == 1
    assert cases[0].values[0] is structure
    assert cases[0].id == "boolean.d_one[d0]"


def test_law_cases_reject_unknown_selection() -> None:
    with pytest.raises(ValueError, match="chian"):
        law_cases(["boolean"], laws=["chian"])


def test_law_cases_reject_bare_name() -> None:
    with pytest.raises(TypeError, match="wrap a single structure"):
        law_cases("boolean")  # type: ignore[arg-type]


def broken_boolean() -> DifferentialSemiring[bool]:
    base = boolean()
    return DifferentialSemiring("boolean-constant", base.semiring,
                                (Derivation("dtrue", lambda a: True),))


def test_assert_law_fails_on_broken_structure() -> None:
    with pytest.raises(AssertionError) as raised:
        assert_law(broken_boolean(), "d_leibniz[dtrue]")
    message = str(raised.value)
    assert "boolean-constant: law d_leibniz[dtrue]" in message
    assert "expected to hold" in message
    assert "refuted" in message
    assert "witness: a = False, b = False" in message
    assert "left side: True" in message
    assert "right side: False" in message
    assert "replay(" in message


def test_assert_law_fails_when_declared_failure_holds() -> None:
    base = boolean()
    wrong = DifferentialSemiring("boolean-wrong", base.semiring, base.derivations,
                                 known_failures={"d_leibniz[d0]": "claimed"})
    with pytest.raises(AssertionError, match="expected to fail; verdict exhaustive"):
        assert_law(wrong, "d_leibniz[d0]")


def test_assert_law_accepts_known_failure() -> None:
    result = assert_law("min-plus", "d_one[did]")
    assert result.verdict.kind is VerdictKind.KNOWN_FAILURE


def test_report_for_returns_report() -> None:
    laws = ["d_add[dtrue]", "d_leibniz[dtrue]", "d_one[dtrue]"]
    report = report_for(broken_boolean(), laws)
    assert not report.ok
    assert [r.law.id for r in report.unexpected] == ["d_leibniz[dtrue]",
                                                     "d_one[dtrue]"]
    assert report.result("d_add[dtrue]").verdict.kind is VerdictKind.EXHAUSTIVE
    assert report.result("d_leibniz[dtrue]").verdict.kind is VerdictKind.REFUTED


def test_report_for_by_name_passes_options() -> None:
    report = report_for("counting", ["add_assoc"], seed=3, max_examples=20)
    assert report.ok
    assert report.seed == 3
    assert report.results[0].verdict.examples == 20


@pytest.mark.parametrize("name", names())
def test_strategy_for_every_instance(name: str) -> None:
    structure = get(name)
    value = find(strategy_for(name), lambda _: True)
    assert structure.semiring.equal(value, value)
    elements = structure.semiring.elements
    if elements is not None:
        assert any(structure.semiring.equal(value, e) for e in elements)


def test_resolve_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="instance name or a DifferentialSemiring"):
        resolve(42)  # type: ignore[arg-type]


def test_keyword_selects_instance_law(pytester: Any) -> None:
    pytester.makepyfile(
        """
        import pytest
        from diffalg.testing import assert_law, law_cases

        @pytest.mark.parametrize(("structure", "law_id"),
                                 law_cases(["univariate", "F2[t]/(t^2)"]))
        def test_law(structure, law_id):
            assert_law(structure, law_id, max_examples=10)
        """
    )
    result = pytester.inline_run("-p", "no:cacheprovider", "-k", "univariate.chain")
    passed, skipped, failed = result.listoutcomes()
    assert [report.nodeid.split("[", 1)[1] for report in passed] == [
        "univariate.chain[dt]]"]
    assert skipped == []
    assert failed == []
