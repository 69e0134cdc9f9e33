"""Running E: statuses, proofs, time limits and failures."""

from __future__ import annotations

import shutil
import stat
import time
from pathlib import Path

import pytest

from diffalg.axioms.prover import (
    ProverNotFoundError,
    find_eprover,
    prove,
    run_eprover,
)
from diffalg.axioms.results import Error, NotProved, Proved, TimedOut
from diffalg.axioms.theory import Signature, Theory
from diffalg.axioms.tptp import TptpProblem, to_tptp

needs_eprover = pytest.mark.skipif(
    shutil.which("eprover") is None,
    reason="E prover not installed: apt-get install eprover",
)

ONE = Signature(("dx",))
ONE_COMPOSITION = Signature(("dx",), composition=True)


def fake_prover(tmp_path: Path, body: str) -> str:
    """Write an executable shell script standing in for eprover."""
    path = tmp_path / "eprover"
    path.write_text("#!/bin/sh\ncat > /dev/null\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def process_alive(pid: int) -> bool:
    """Whether ``pid`` runs; a zombie left for init to reap counts as ended."""
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.05)
    return True


@needs_eprover
@pytest.mark.parametrize("form", ["fof", "cnf"])
def test_d_zero_is_proved(form: str) -> None:
    theory = Theory.build(["semiring", "derivation"], "d_zero[dx]", ONE)
    result = prove(theory, 5, form=form)  # type: ignore[arg-type]
    assert isinstance(result, Proved), result
    assert "d_leibniz[dx]" in result.axioms_used
    assert "annihil_left" in result.axioms_used or "annihil_right" in result.axioms_used
    assert "d_add[dx]" not in result.axioms_used
    assert "$false" in result.proof
    assert result.seconds < 5


@needs_eprover
def test_d_one_with_composition_cites_chain() -> None:
    theory = Theory.build(["structure"], "d_one[dx]", ONE_COMPOSITION)
    result = prove(theory, 5)
    assert isinstance(result, Proved), result
    assert "chain[dx]" in result.axioms_used
    assert "comp_one" in result.axioms_used
    assert "goal_d_one_dx" in result.proof


@needs_eprover
def test_d_one_alone_is_not_proved() -> None:
    theory = Theory.build(["semiring", "derivation"], "d_one[dx]", ONE)
    start = time.monotonic()
    result = prove(theory, 1)
    assert isinstance(result, TimedOut | NotProved), result
    assert time.monotonic() - start < 2.5


@needs_eprover
def test_saturation_gives_counter_satisfiable() -> None:
    theory = Theory.build(["add_zero"], "add_comm", Signature(()))
    result = prove(theory, 5)
    assert isinstance(result, NotProved), result
    assert result.status == "CounterSatisfiable"


@needs_eprover
def test_contradictory_nonzero_assumption_proves() -> None:
    theory = Theory.build(["structure", "absorptive"], "mul_comm",
                          ONE_COMPOSITION, nonzero=["dx"])
    result = prove(theory, 5)
    assert isinstance(result, Proved), result
    assert "nonzero[dx]" in result.axioms_used
    assert "mul_comm" not in result.axioms_used


@needs_eprover
def test_syntax_error_is_an_error() -> None:
    result = run_eprover(TptpProblem("fof(broken, axiom, a = ", "fof"), 5)
    assert isinstance(result, Error)
    assert "code 3" in result.message


def test_hung_prover_times_out(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    executable = fake_prover(tmp_path, f"sleep 30 &\necho $! > {marker}\nwait")
    theory = Theory.build(["semiring"], "add_comm", Signature(()))
    start = time.monotonic()
    result = prove(theory, 1.0, executable=executable)
    elapsed = time.monotonic() - start
    assert isinstance(result, TimedOut), result
    assert result.status == "killed"
    assert elapsed < 2.0
    assert not process_alive(int(marker.read_text()))


def test_theorem_without_proof_is_an_error(tmp_path: Path) -> None:
    executable = fake_prover(tmp_path, "echo '# SZS status Theorem'")
    problem = to_tptp(Theory.build(["semiring"], "add_comm", Signature(())))
    result = run_eprover(problem, 5, executable=executable)
    assert isinstance(result, Error)
    assert "no proof object" in result.message


def test_contradictory_laws_are_an_error(tmp_path: Path) -> None:
    executable = fake_prover(tmp_path, "echo '# SZS status ContradictoryAxioms'")
    problem = to_tptp(Theory.build(["semiring"], "add_comm", Signature(())))
    result = run_eprover(problem, 5, executable=executable)
    assert isinstance(result, Error)
    assert "ContradictoryAxioms" in result.message


def test_silent_crash_is_an_error(tmp_path: Path) -> None:
    executable = fake_prover(tmp_path, "echo 'out of memory' >&2\nexit 2")
    problem = to_tptp(Theory.build(["semiring"], "add_comm", Signature(())))
    result = run_eprover(problem, 5, executable=executable)
    assert isinstance(result, Error)
    assert "code 2" in result.message
    assert "out of memory" in result.message


def test_missing_prover_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ProverNotFoundError, match="Debian package 'eprover'"):
        find_eprover()
    theory = Theory.build(["semiring"], "add_comm", Signature(()))
    with pytest.raises(ProverNotFoundError, match="apt-get install eprover"):
        prove(theory, 1)


def test_invalid_time_limit_is_rejected() -> None:
    problem = TptpProblem("", "fof")
    with pytest.raises(ValueError, match="invalid time limit"):
        run_eprover(problem, 0)
