"""The tutorial's code blocks run in order and pass mypy --strict."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks() -> list[tuple[int, str]]:
    """Return each python block with the line number where its code starts."""
    text = TUTORIAL.read_text(encoding="utf-8")
    blocks = []
    for match in BLOCK.finditer(text):
        first_line = text.count("\n", 0, match.start(1)) + 1
        blocks.append((first_line, match.group(1)))
    return blocks


def run_blocks() -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "tutorial"}
    for first_line, code in python_blocks():
        # Padding keeps traceback line numbers equal to lines of the file.
        padded = "\n" * (first_line - 1) + code
        exec(compile(padded, str(TUTORIAL), "exec"), namespace)  # our own doc
    return namespace


def test_tutorial_has_code() -> None:
    blocks = python_blocks()
    assert len(blocks) >= 6
    assert all(code.strip() for _, code in blocks)


@pytest.fixture(scope="module")
def namespace() -> dict[str, Any]:
    return run_blocks()


def test_tutorial_blocks_run(namespace: dict[str, Any]) -> None:
    assert namespace["report"].ok
    assert namespace["finite_report"].ok
    assert not namespace["first_try"].ok


def test_tutorial_test_function_passes_its_cases(namespace: dict[str, Any]) -> None:
    test = namespace["test_max_times_law"]
    [mark] = [m for m in test.pytestmark if m.name == "parametrize"]
    cases = mark.args[1]
    ids = [case.id for case in cases]
    assert "max-times.chain[dn]" in ids
    assert "max-times capped at 3.d_leibniz[dn]" in ids
    # A sample of the cases keeps this fast; the checks above cover the rest.
    chosen = [case for case in cases if "chain" in case.id or "d_one" in case.id]
    assert len(chosen) == 6
    for case in chosen:
        test(*case.values)


def test_tutorial_passes_mypy_strict(tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "tutorial_blocks.py"
    source.write_text("\n".join(code for _, code in python_blocks()),
                      encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(ROOT))
    stdout, stderr, status = api.run([
        "--strict", "--config-file", str(ROOT / "pyproject.toml"),
        "--cache-dir", str(ROOT / ".mypy_cache"), str(source)])
    assert status == 0, stdout + stderr
