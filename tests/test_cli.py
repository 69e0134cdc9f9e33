"""The command line: exit codes, JSON shape and reproducibility."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diffalg.cli.main import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diffalg", *args],
                          capture_output=True, text=True, timeout=600)


def test_check_exit_zero_when_as_declared() -> None:
    completed = run("check", "boolean-identity", "F2[t]/(t^2)")
    assert completed.returncode == 0, completed.stderr
    assert "every verdict as declared" in completed.stdout


def test_unknown_instance_exit_two_one_line() -> None:
    completed = run("check", "no-such")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "unknown instance 'no-such'" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("argv", [
    ["check"],
    ["check", "--all", "univariate"],
    ["check", "univariate", "--timeout", "0"],
    ["check", "univariate", "--seed", "x"],
    ["check", "univariate", "--laws", "chain[dq]"],
    ["check", "univariate", "--format", "yaml"],
    ["frobnicate"],
    [],
])
def test_bad_usage_exit_two(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("diffalg: error: ")
    assert err.count("\n") == 1


def test_json_shape_for_diagonal() -> None:
    completed = run("check", "note-diagonal", "--format", "json")
    assert completed.returncode == 0, completed.stderr
    payload = json.loads(completed.stdout)
    assert payload["ok"] is True
    report = payload["reports"][0]
    results = {r["law"]: r for r in report["results"]}
    chain = results["chain[dx]"]
    assert chain["verdict"]["kind"] == "known failure"
    assert chain["verdict"]["witness"]["assignment"] == {"a": "y", "b": "x"}
    assert chain["verdict"]["witness"]["lhs"] == "1"
    assert chain["verdict"]["witness"]["rhs"] == "0"
    assert results["d_leibniz[dy]"]["verdict"]["kind"] == "proved"
    for result in report["results"]:
        assert result["verdict"]["method"]


def test_json_is_byte_identical_for_same_seed(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    for target in (first, second):
        completed = run("check", "N[t]", "boolean-identity", "--seed", "5",
                        "--max-examples", "40", "--format", "json",
                        "--output", str(target))
        assert completed.returncode == 0, completed.stderr
    assert first.read_bytes() == second.read_bytes()


def test_exit_one_on_unexpected_verdict(tmp_path: Path) -> None:
    # A structure module registered at run time whose declaration is wrong.
    script = tmp_path / "wrong.py"
    script.write_text(
        "import sys\n"
        "from diffalg.cli.main import main\n"
        "from diffalg.instances import register, get\n"
        "from diffalg.instances.finite_examples import boolean_identity\n"
        "from diffalg import DifferentialSemiring\n"
        "@register('wrongly-declared', 'd_one declared to hold')\n"
        "def build():\n"
        "    b = boolean_identity()\n"
        "    return DifferentialSemiring('wrongly-declared', b.semiring,"
        " b.derivations, properties=b.properties)\n"
        "sys.exit(main(['check', 'wrongly-declared']))\n"
    )
    completed = subprocess.run([sys.executable, str(script)], capture_output=True,
                               text=True, timeout=300)
    assert completed.returncode == 1
    assert "d_one[d]" in completed.stdout
    assert "unexpected" in completed.stdout


def test_markdown_output_has_witness() -> None:
    completed = run("check", "boolean-identity", "--format", "markdown")
    assert completed.returncode == 0
    assert "#### `d_one[d]`" in completed.stdout
    assert "from diffalg import replay" in completed.stdout


def test_list_shows_instances_and_laws() -> None:
    completed = run("list")
    assert completed.returncode == 0
    assert "note-diagonal" in completed.stdout
    assert "chain[∂ᵢ]" in completed.stdout


def test_closed_pipe_ends_quietly() -> None:
    reader = subprocess.Popen([sys.executable, "-m", "diffalg", "check", "N[t]"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    reader.stdout.read(10)
    reader.stdout.close()
    _, err = reader.communicate(timeout=300)
    # 0 when every line was written before the pipe closed.
    assert reader.returncode in (0, 141)
    assert b"Traceback" not in err
    assert b"error" not in err


@pytest.mark.parametrize("argv", [
    ["explore", "d_one", "--prover-time", "inf"],
    ["explore", "d_one", "--model-time", "nan"],
    ["enumerate", "--order", "3", "--time-limit", "-1"],
])
def test_time_options_rejected(argv: list[str],
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "must be a number of seconds above 0" in err
