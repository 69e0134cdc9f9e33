"""The README's examples run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from diffalg.checking.evaluate import Outcome

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = README.parent / "examples"


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_readme_structure_file_checks(tmp_path: Path) -> None:
    (toml,) = blocks("toml")
    target = tmp_path / "readme.toml"
    target.write_text(toml, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "diffalg", "check", str(target)],
        capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "d_one[d]" in completed.stdout


def test_readme_python_example_runs() -> None:
    (code,) = blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(code, str(README), "exec"), namespace)  # the README's own code
    outcome = namespace["outcome"]
    assert isinstance(outcome, Outcome)
    assert outcome.holds is False


@pytest.mark.parametrize("name", ["diagonal.toml", "f2-dual.toml"])
def test_example_files_check(name: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "diffalg", "check", str(EXAMPLES / name),
         "--format", "json"],
        capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
