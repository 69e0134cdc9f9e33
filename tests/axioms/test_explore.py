"""The named questions, answered with evidence, and the explore command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diffalg.axioms import explore as explore_module
from diffalg.axioms.explore import QUESTIONS, explore, question_theory
from diffalg.axioms.explore_command import main
from diffalg.axioms.results import Independent, NotProved, Proved, TimedOut

needs_eprover = pytest.mark.skipif(
    shutil.which("eprover") is None,
    reason="E prover not installed: apt-get install eprover",
)

ROOT = Path(__file__).resolve().parents[2]


@needs_eprover
def test_d_zero_is_proved_by_e() -> None:
    answer = explore(question_theory("d_zero"), prover_time=5)
    assert answer.verdict == "proved"
    assert isinstance(answer.outcome, Proved)
    assert "d_leibniz[dx]" in answer.outcome.axioms_used
    assert answer.search is None
    assert "proof object (TPTP, from E)" in answer.report_text()
    assert "goal_d_zero_dx" in answer.report_text()


@needs_eprover
def test_d_one_is_independent() -> None:
    answer = explore(question_theory("d_one"), prover_time=1, model_time=20,
                     max_size=4)
    assert answer.verdict == "independent"
    assert isinstance(answer.prover, TimedOut | NotProved)
    assert isinstance(answer.outcome, Independent)
    model = answer.outcome.countermodel
    assert model.size == 2
    assert model.add == ((0, 1), (1, 1))
    assert model.derivations["dx"] == (0, 1)
    assert answer.confirmation is not None
    assert answer.confirmation.confirmed
    assert "a | dx(a)" in answer.report_text()


@needs_eprover
def test_d_one_follows_from_composition() -> None:
    answer = explore(question_theory("d_one_composition"), prover_time=5)
    assert answer.verdict == "proved"
    assert isinstance(answer.outcome, Proved)
    used = answer.outcome.axioms_used
    assert "chain[dx]" in used
    assert "comp_one" in used
    assert "comp_assoc" not in used


@needs_eprover
def test_absorptive_forces_zero_derivation() -> None:
    answer = explore(question_theory("absorptive_zero"), prover_time=5)
    assert answer.verdict == "proved"
    assert isinstance(answer.outcome, Proved)
    assert "absorptive" in answer.outcome.axioms_used
    assert "d_add[dx]" in answer.outcome.axioms_used


@needs_eprover
def test_absorptive_needs_composition() -> None:
    answer = explore(question_theory("absorptive_zero_no_composition"),
                     prover_time=1, model_time=20, max_size=4)
    assert answer.verdict == "independent"
    assert isinstance(answer.outcome, Independent)
    model = answer.outcome.countermodel
    assert model.size == 2
    assert model.add[1] == (1, 1)


@needs_eprover
@pytest.mark.parametrize(
    ("name", "size"),
    [("chain_agree", 3), ("chain_agree_commutative", 3),
     ("chain_agree_nonzero", 4), ("chain_agree_nonzero_commutative", 4)],
)
def test_chain_rule_does_not_force_agreement(name: str, size: int) -> None:
    answer = explore(question_theory(name), prover_time=1, model_time=30,
                     max_size=size + 1)
    assert answer.verdict == "independent"
    assert isinstance(answer.outcome, Independent)
    model = answer.outcome.countermodel
    assert model.size == size
    assert answer.search is not None
    assert answer.search.exhausted_up_to == size - 1
    mul = model.mul
    if "commutative" in name:
        assert all(mul[x][y] == mul[y][x]
                   for x in range(size) for y in range(size))


def test_cross_check_flags_contradiction(tmp_path: Path) -> None:
    # A stand-in prover claims a proof of d_one, which the Boolean
    # countermodel refutes: the verdict must be an error, not a proof.
    lying = tmp_path / "eprover"
    lying.write_text("#!/bin/sh\ncat > /dev/null\n"
                     "echo '# SZS status Theorem'\n"
                     "echo '# SZS output start CNFRefutation'\n"
                     "echo 'cnf(add_comm, axiom, add(A,B) = add(B,A)).'\n"
                     "echo '# SZS output end CNFRefutation'\n")
    lying.chmod(0o755)
    answer = explore(question_theory("d_one"), prover_time=5, model_time=10,
                     max_size=3, cross_check=True, executable=str(lying))
    assert isinstance(answer.prover, Proved)
    assert answer.verdict == "error"
    assert "z3 found a countermodel" in answer.notes[0]


def test_interrupt_during_prover_is_reported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> Proved:
        raise KeyboardInterrupt

    monkeypatch.setattr(explore_module, "prove", interrupted)
    answer = explore(question_theory("d_one"), model_time=10, max_size=3)
    assert answer.interrupted
    assert answer.verdict == "open"
    assert answer.search is None
    assert answer.notes == ("interrupted while E was running",)
    assert answer.summary().endswith("interrupted")


def test_open_when_bounds_are_too_small() -> None:
    answer = explore(question_theory("chain_agree"), use_prover=False,
                     model_time=10, max_size=2)
    assert answer.verdict == "open"
    assert answer.outcome is None
    assert "no countermodel of size ≤ 2 within" in answer.summary()


def test_every_question_builds() -> None:
    for name, question in QUESTIONS.items():
        theory = question.theory()
        assert theory.goal.id == question.goal, name
        assert theory.signature == question.signature


def test_command_lists_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list"]) == 0
    out = capsys.readouterr().out
    for name in QUESTIONS:
        assert f"\n{name} " in "\n" + out


def test_command_answers_named_question(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["d_one", "--no-prover", "--max-size", "3", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "d_one[dx] (dx(1) = 0): independent" in out
    assert "confirmed by the law checker" in out
    assert "goal d_one[dx]: refuted" in out


def test_command_custom_goal(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--goal", "add_cancel", "--from", "semiring", "--derivations",
                 "0", "--no-prover", "--max-size", "3", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "== add_cancel from semiring" in out
    assert "a + c = b + c ⇒ a = b" in out


def test_command_open_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["chain_agree", "--no-prover", "--max-size", "2", "--quiet"])
    assert code == 1
    assert ": open" in capsys.readouterr().out


def test_command_prints_tptp(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["d_one_composition", "--tptp", "cnf"]) == 0
    out = capsys.readouterr().out
    assert "% question: d_one_composition" in out
    assert "cnf(chain_dx, axiom," in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["d_two"], "unknown question 'd_two'"),
     (["--goal", "chain[dx]", "--from", "semiring"], "needs ∘′"),
     (["--from", "semiring"], "need --goal"),
     ([], "no question given"),
     (["--goal", "d_one[dx]", "--derivations", "9"], "choose 0 to")],
)
def test_command_rejects_bad_input(arguments: list[str], message: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(arguments) == 2
    assert message in capsys.readouterr().err


def test_command_interrupt_reports_progress() -> None:
    # Commutativity of rings with a·a = a has no finite counterexample, so
    # the search goes on through sizes until Ctrl-C.
    command = [sys.executable, "-m", "diffalg.axioms.explore_command",
               "--goal", "mul_comm", "--from", "semiring", "add_cancel",
               "mul_idem", "--derivations", "0", "--no-prover",
               "--max-size", "40", "--model-time", "120"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               env=environment)
    assert process.stderr is not None
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        seen.append(line)
        if line.startswith("size 4: none"):
            break
    process.send_signal(signal.SIGINT)
    start = time.monotonic()
    out, err = process.communicate(timeout=20)
    assert time.monotonic() - start < 10
    assert process.returncode == 130, err
    assert "no countermodel of size ≤ 4 within" in out or (
        "no countermodel of size ≤ 5 within" in out)
    assert "interrupted" in out
    assert any(line.startswith("size 1: none") for line in seen)
