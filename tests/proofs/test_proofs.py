"""Every machine check listed in proofs/ passes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

FOLDER = Path(__file__).resolve().parents[2] / "proofs"


def load_runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("proofs_run", FOLDER / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["proofs_run"] = module
    spec.loader.exec_module(module)
    return module


RUNNER = load_runner()


@pytest.mark.parametrize("name", RUNNER.propositions())
def test_proposition_machine_check(name: str) -> None:
    missing = RUNNER.missing_tools(name)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}: apt-get install {' '.join(missing)}")
    RUNNER.run(name)


def test_every_proposition_has_statement_and_proof() -> None:
    for name in RUNNER.propositions():
        text = (FOLDER / f"{name}.md").read_text(encoding="utf-8")
        assert "**Statement.**" in text, name
        assert "**Proof.**" in text, name
        assert "**Machine check.**" in text, name
        assert "Rerun:" in text, name
