"""Bad input across the API, structure files and the command line.

Each case names the exact exception type and a fragment of the message that
names the offending value or the fix.
"""

from __future__ import annotations

import operator
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import strategies as st

from diffalg import (
    Derivation,
    DifferentialSemiring,
    Semiring,
    VerdictKind,
    check,
    finite_semiring,
    finite_structure,
    replay,
)
from diffalg.checking.checker import DeclarationError, UnknownLawError
from diffalg.expressions import ExpressionError
from diffalg.files import StructureFileError, parse_structure
from diffalg.instances import UnknownInstanceError, get
from diffalg.structures.finite import TableError

B_ADD = [[0, 1], [1, 1]]
B_MUL = [[0, 0], [0, 1]]


def naturals() -> Semiring[int]:
    return Semiring("N", 0, 1, operator.add, operator.mul,
                    strategy=st.integers(0, 9), candidates=(0, 1, 2))


API_CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("add shape", lambda: finite_semiring("s", [[0, 1, 1], [1, 1, 1]], B_MUL),
     TableError, "shape (2, 3), expected (2, 2)"),
    ("mul shape", lambda: finite_semiring("s", B_ADD, [[0], [1]]),
     TableError, "multiplication table has shape (2, 1)"),
    ("entry out of range", lambda: finite_semiring("s", [[0, 1], [1, 2]], B_MUL),
     TableError, "entry at (1, 1) is 2, outside 0..1"),
    ("negative entry", lambda: finite_semiring("s", B_ADD, [[0, 0], [0, -1]]),
     TableError, "is -1, outside 0..1"),
    ("float entries", lambda: finite_semiring("s", [[0.0, 1.0], [1.0, 1.0]], B_MUL),
     TableError, "use integers 0..1"),
    ("string entries", lambda: finite_semiring("s", [["0", "1"], ["1", "1"]], B_MUL),
     TableError, "use integers 0..1"),
    ("ragged rows", lambda: finite_semiring("s", [[0, 1], [1]], B_MUL),
     TableError, "not a rectangular array"),
    ("no additive identity", lambda: finite_semiring("s", [[1, 1], [1, 1]], B_MUL),
     TableError, "addition table has no two-sided identity"),
    ("claimed zero wrong", lambda: finite_semiring("s", B_ADD, B_MUL, zero=1),
     TableError, "element 1 is not a two-sided identity of the addition"),
    ("claimed one wrong", lambda: finite_semiring("s", B_ADD, B_MUL, one=0),
     TableError, "element 0 is not a two-sided identity of the multiplication"),
    ("empty carrier", lambda: finite_semiring("s", [], []),
     TableError, "empty carrier"),
    ("huge order", lambda: finite_semiring("s", [[0]] * 5000, [[0]] * 5000),
     TableError, "order 5000 exceeds the limit"),
    ("not a table", lambda: finite_semiring("s", 7, B_MUL),
     TableError, "addition table 7 is not a list of rows"),
    ("derivation length", lambda: finite_structure(
        "s", B_ADD, B_MUL, derivations={"d": [0, 1, 1]}),
     TableError, "derivation 'd' table has shape (3,), expected (2,)"),
    ("derivation range", lambda: finite_structure(
        "s", B_ADD, B_MUL, derivations={"d": [0, 5]}),
     TableError, "derivation 'd' table entry at (1,) is 5"),
    ("composition shape", lambda: finite_structure(
        "s", B_ADD, B_MUL, composition=[[0, 1]]),
     TableError, "composition table has shape (1, 2)"),
    ("label count", lambda: finite_semiring("s", B_ADD, B_MUL, labels=["0"]),
     TableError, "1 labels for 2 elements"),
    ("derivation name", lambda: Derivation("d x", lambda a: a),
     ValueError, "invalid derivation name 'd x'"),
    ("duplicate derivations", lambda: DifferentialSemiring(
        "s", naturals(), (Derivation("d", abs), Derivation("d", abs))),
     ValueError, "duplicate derivation names ['d']"),
    ("unknown property", lambda: DifferentialSemiring(
        "s", naturals(), properties=frozenset({"commutative"})),
     ValueError, "unknown properties ['commutative']"),
    ("empty elements", lambda: Semiring("s", 0, 1, operator.add, operator.mul,
                                        elements=()),
     ValueError, "empty carrier"),
    ("unknown law", lambda: check(get("univariate"), ["chain[dx]"]),
     UnknownLawError, "unknown law 'chain[dx]'"),
    ("unknown instance", lambda: get("tropical-max-min"),
     UnknownInstanceError, "unknown instance 'tropical-max-min'"),
    ("zero examples", lambda: check(get("N[t]"), max_examples=0),
     ValueError, "max_examples must be at least 1, got 0"),
    ("negative timeout", lambda: check(get("N[t]"), timeout=-2.0),
     ValueError, "timeout must be positive seconds, got -2.0"),
    ("replay missing value", lambda: replay("note-diagonal", "chain[dx]", a="y"),
     TypeError, "needs values for ['b']"),
    ("replay extra value", lambda: replay("boolean-identity", "d_one[d]", a=True),
     TypeError, "has no variables ['a']"),
    ("replay bad text", lambda: replay("note-diagonal", "chain[dx]", a="y",
                                       b="__import__('os')"),
     ExpressionError, "__import__"),
    ("duplicate labels", lambda: finite_semiring("s", B_ADD, B_MUL,
                                                 labels=["x", "x"]),
     TableError, "labels ['x'] are used more than once"),
    ("stale known failure", lambda: check(DifferentialSemiring(
        "N-typo", naturals(), (Derivation("d", abs),),
        known_failures={"d_onne[d]": "typo"})),
     DeclarationError, "known failure 'd_onne[d]', which is not one of its laws"),
    ("property as known failure", lambda: check(DifferentialSemiring(
        "N-prop", naturals(), known_failures={"mul_comm": "wrong place"})),
     DeclarationError, "declares the property 'mul_comm' as a known failure"),
    ("law not applicable", lambda: check(get("boolean-identity"), ["comp_assoc"]),
     UnknownLawError, "does not apply to structure 'boolean-identity': no ∘′"),
]


@pytest.mark.parametrize(("case", "action", "error", "fragment"), API_CASES,
                         ids=[c[0] for c in API_CASES])
def test_api_rejects(case: str, action: Callable[[], object],
                     error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as caught:
        action()
    assert type(caught.value) is error
    assert fragment in str(caught.value)


def test_nonassociative_table_is_refuted() -> None:
    # 1 + 1 = 2, 2 + 1 = 2 but 1 + 2 = 0: addition is not associative.
    add = [[0, 1, 2], [1, 2, 0], [2, 0, 2]]
    mul = [[0, 0, 0], [0, 1, 2], [0, 2, 2]]
    structure = finite_structure("non-assoc", add, mul)
    report = check(structure, ["add_assoc"])
    result = report.results[0]
    assert result.verdict.kind is VerdictKind.REFUTED
    assert not report.ok


def test_operation_returning_wrong_type() -> None:
    semiring = Semiring("N", 0, 1, lambda a, b: str(a + b), operator.mul,
                        strategy=st.integers(0, 9), candidates=(0, 1),
                        contains=lambda v: isinstance(v, int))
    structure = DifferentialSemiring("N-str", semiring)
    verdict = check(structure, ["add_comm"]).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert "returned '0', which is not an element of N" in (verdict.error or "")


def test_operation_returning_nan() -> None:
    semiring = Semiring("reals", 0.0, 1.0, lambda a, b: float("nan"),
                        operator.mul, strategy=st.floats(0, 1),
                        candidates=(0.0, 1.0),
                        contains=lambda v: isinstance(v, float) and v == v)
    verdict = check(DifferentialSemiring("nan", semiring),
                    ["add_zero"]).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert "returned nan" in (verdict.error or "")


def test_operation_returning_out_of_range_index() -> None:
    table = finite_semiring("B", B_ADD, B_MUL)
    structure = DifferentialSemiring("B-leaky", table,
                                     (Derivation("d", lambda a: a + 5),))
    verdict = check(structure, ["d_add[d]"]).results[0].verdict
    assert verdict.kind is VerdictKind.ERROR
    assert "operation d" in (verdict.error or "")
    assert "returned 5" in (verdict.error or "")


def test_operation_returning_infinity_in_functions() -> None:
    semiring = get("univariate").semiring
    assert semiring.contains is not None
    assert not semiring.contains(float("inf"))


FILE_CASES: list[tuple[str, str, str]] = [
    ("malformed toml", "name = \n", "invalid TOML"),
    ("missing name", "kind = \"finite\"\n", "name: missing key"),
    ("empty name", "name = \" \"\nkind = \"finite\"\n", "empty name"),
    ("name not string", "name = 3\nkind = \"finite\"\n", "name: must be a string"),
    ("unknown kind", "name = \"s\"\nkind = \"magma\"\n", "unknown kind 'magma'"),
    ("unknown key", "name = \"s\"\nkind = \"finite\"\ncolour = 1\n",
     "colour: unknown key"),
    ("missing mul", "name = \"s\"\nkind = \"finite\"\nadd = [[0]]\n",
     "mul: missing table"),
    ("string table", "name = \"s\"\nkind = \"finite\"\nadd = [[\"a\"]]\n"
     "mul = [[0]]\n", "use integers"),
    ("finite with variables", "name = \"s\"\nkind = \"finite\"\nadd = [[0]]\n"
     "mul = [[0]]\nvariables = [\"x\"]\n", "variables: only for kind"),
    ("derivation table short", "name = \"s\"\nkind = \"finite\"\n"
     "add = [[0, 1], [1, 1]]\nmul = [[0, 0], [0, 1]]\n[derivations]\nd = [0]\n",
     "derivation 'd' table has shape (1,)"),
    ("zero not index", "name = \"s\"\nkind = \"finite\"\nadd = [[0]]\nmul = [[0]]\n"
     "zero = \"0\"\n", "zero: must be an element index"),
    ("no variables", "name = \"s\"\nkind = \"functions\"\nvariables = []\n",
     "variables: must be a non-empty list"),
    ("reserved variable", "name = \"s\"\nkind = \"functions\"\nvariables = [\"b\"]\n",
     "invalid variable name 'b'"),
    ("dunder variable", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"__class__\"]\n", "invalid variable name '__class__'"),
    ("import in derivation", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"x\"]\n[derivations]\ndx = { x = \"__import__('os')\" }\n",
     "derivations.dx.x: invalid expression"),
    ("attribute in composition", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"x\"]\ncomposition = { x = \"b.__class__\" }\n",
     "composition.x: invalid expression"),
    ("lambda in composition", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"x\"]\ncomposition = { x = \"lambda: 0\" }\n",
     "lambda"),
    ("unknown variable in derivation", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"x\"]\n[derivations]\ndy = { y = \"1\" }\n",
     "derivations.dy.y: unknown variable"),
    ("composition not table", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"x\"]\ncomposition = \"b\"\n", "composition: must map"),
    ("derivation not table", "name = \"s\"\nkind = \"functions\"\n"
     "variables = [\"x\"]\n[derivations]\ndx = \"1\"\n",
     "derivations.dx: must map variables"),
    ("unknown property", "name = \"s\"\nkind = \"finite\"\nadd = [[0]]\nmul = [[0]]\n"
     "[expect]\nproperties = [\"commutative\"]\n", "unknown property 'commutative'"),
    ("known failures type", "name = \"s\"\nkind = \"finite\"\nadd = [[0]]\n"
     "mul = [[0]]\n[expect]\nknown_failures = [\"chain\"]\n",
     "expect.known_failures: must map law ids"),
    ("huge power", "name = \"s\"\nkind = \"functions\"\nvariables = [\"x\"]\n"
     "[derivations]\ndx = { x = \"10**10**10\" }\n", "derivations.dx.x"),
    ("float coefficient", "name = \"s\"\nkind = \"functions\"\nvariables = [\"x\"]\n"
     "[derivations]\ndx = { x = \"0.5\" }\n", "derivations.dx.x"),
]


@pytest.mark.parametrize(("case", "text", "fragment"), FILE_CASES,
                         ids=[c[0] for c in FILE_CASES])
def test_structure_file_rejects(case: str, text: str, fragment: str) -> None:
    with pytest.raises(StructureFileError) as caught:
        parse_structure(text, origin="case.toml")
    assert type(caught.value) is StructureFileError
    assert str(caught.value).startswith("case.toml: ")
    assert fragment in str(caught.value)


def test_file_not_found(tmp_path: Path) -> None:
    from diffalg.files import load_structure

    with pytest.raises(StructureFileError, match="file not found: check the path"):
        load_structure(tmp_path / "missing.toml")


def test_file_is_directory(tmp_path: Path) -> None:
    from diffalg.files import load_structure

    with pytest.raises(StructureFileError, match="is a directory"):
        load_structure(tmp_path)


def test_file_not_utf8(tmp_path: Path) -> None:
    from diffalg.files import load_structure

    target = tmp_path / "latin.toml"
    target.write_bytes(b"name = \"caf\xe9\"\n")
    with pytest.raises(StructureFileError, match="not UTF-8 text"):
        load_structure(target)


def test_file_too_large(tmp_path: Path) -> None:
    from diffalg.files import MAX_FILE_BYTES, load_structure

    target = tmp_path / "big.toml"
    target.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(StructureFileError, match="over the limit"):
        load_structure(target)


def test_file_broken_symlink(tmp_path: Path) -> None:
    from diffalg.files import load_structure

    link = tmp_path / "link.toml"
    os.symlink(tmp_path / "nowhere.toml", link)
    with pytest.raises(StructureFileError, match="file not found"):
        load_structure(link)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diffalg", *args],
                          capture_output=True, text=True, timeout=300)


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


CLI_CASES: list[tuple[str, Callable[[Path], list[str]], str]] = [
    ("missing file", lambda d: ["check", str(d / "none.toml")], "file not found"),
    ("malformed file", lambda d: ["check", write(d / "bad.toml", "name = \n")],
     "invalid TOML"),
    ("file with import", lambda d: ["check", write(
        d / "evil.toml", "name = \"e\"\nkind = \"functions\"\nvariables = [\"x\"]\n"
        "[derivations]\ndx = { x = \"__import__('os').system('true')\" }\n")],
     "invalid expression"),
    ("unknown instance", lambda d: ["check", "tropical"], "unknown instance"),
    ("bad timeout", lambda d: ["check", "N[t]", "--timeout", "soon"],
     "is not a number of seconds"),
    ("unknown law", lambda d: ["check", "N[t]", "--laws", "chain[dx]"],
     "unknown law 'chain[dx]'"),
    ("output dir missing", lambda d: ["check", "boolean-identity", "--format",
                                      "json", "--output", str(d / "no" / "r.json")],
     "r.json': No such file or directory; check that the folder exists"),
    ("empty law list", lambda d: ["check", "N[t]", "--laws", ","],
     "--laws ',' names no law"),
    ("infinite timeout", lambda d: ["check", "N[t]", "--timeout", "inf"],
     "must be a number of seconds above 0 and at most"),
    ("stale declaration file", lambda d: ["check", write(
        d / "typo.toml", "name = \"t\"\nkind = \"finite\"\nadd = [[0, 1], [1, 1]]\n"
        "mul = [[0, 0], [0, 1]]\n[derivations]\nd = [0, 1]\n[expect]\n"
        "known_failures = { \"d_onne[d]\" = \"typo\" }\n")],
     "did you mean 'd_one[d]'"),
    ("graph outside domain", lambda d: ["graph", "log(x)", "--at", "x=0"],
     "choose a point inside the domain"),
    ("output with table", lambda d: ["check", "boolean-identity", "--output",
                                     str(d / "r.txt")], "--output needs --format"),
    ("negative seed", lambda d: ["check", "N[t]", "--seed", "-1"],
     "must be non-negative"),
]


@pytest.mark.parametrize(("case", "argv", "fragment"), CLI_CASES,
                         ids=[c[0] for c in CLI_CASES])
def test_cli_rejects_with_one_line(case: str, argv: Callable[[Path], list[str]],
                                   fragment: str, tmp_path: Path) -> None:
    completed = run_cli(*argv(tmp_path))
    assert completed.returncode == 2
    assert completed.stderr.startswith("diffalg: error: ")
    assert completed.stderr.count("\n") == 1
    assert "Traceback" not in completed.stderr
    assert fragment in completed.stderr


