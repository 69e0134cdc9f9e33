"""Every code example on the documentation pages runs.

The pages are the site's own pages under ``docs/`` (the hand-written and
the generated ones, see ``OWNED_PAGES``) and the README.  The chapters kept
with other packages (tutorial, graphs, explorer, performance) are not run
here.  ``python`` blocks run with ``exec``, each in a fresh namespace.
In ``sh`` blocks, lines that start with ``diffalg`` run as
``python -m diffalg …`` and lines that start with ``python proofs/run.py``
run that script; each must exit 0.  A block is skipped only when the line
before it is a marker comment: ``<!-- doc-test: skip REASON -->`` or
``<!-- doc-test: requires MODULE -->`` (skipped while MODULE is not
importable).
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from diffalg.checking.evaluate import Outcome

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
OWNED_PAGES = (
    "index.md", "getting-started.md", "note-structure.md", "laws.md",
    "instances.md", "properties.md", "counterexamples.md",
)
COMMAND_TIMEOUT = 300
FENCE = re.compile(r"(?:<!-- doc-test: (?P<marker>[^>]*?) -->\n)?"
                   r"```(?P<language>[a-z]*)\n(?P<code>.*?)```", re.DOTALL)


@dataclass(frozen=True)
class Example:
    path: Path
    line: int
    language: str
    code: str
    marker: str | None

    @property
    def label(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def examples(language: str) -> list[Example]:
    found: list[Example] = []
    paths = [DOCS / name for name in OWNED_PAGES] + [ROOT / "README.md"]
    paths += sorted((DOCS / "reference").glob("*.md"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            if match.group("language") != language:
                continue
            line = text.count("\n", 0, match.start("code"))
            found.append(Example(path, line, language, match.group("code"),
                                 match.group("marker")))
    return found


def skip_by_marker(example: Example) -> None:
    marker = example.marker
    if marker is None:
        return
    if marker.startswith("skip "):
        pytest.skip(f"{example.label}: {marker.removeprefix('skip ')}")
    if marker.startswith("requires "):
        module = marker.removeprefix("requires ").strip()
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:  # a parent package is missing
            spec = None
        if spec is None:
            pytest.skip(f"{example.label}: needs {module}, not in this build")
        return
    raise AssertionError(f"{example.label}: unknown doc-test marker {marker!r}; "
                         "use 'skip REASON' or 'requires MODULE'")


def commands(example: Example) -> list[list[str]]:
    runnable: list[list[str]] = []
    for line in example.code.splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["diffalg"]:
            runnable.append([sys.executable, "-m", "diffalg", *words[1:]])
        elif words[:2] == ["python", "proofs/run.py"]:
            runnable.append([sys.executable, *words[1:]])
    return runnable


PYTHON_EXAMPLES = examples("python")
SHELL_EXAMPLES = [e for e in examples("sh") if commands(e)]


def test_examples_found() -> None:
    labels = {e.path.name for e in PYTHON_EXAMPLES}
    assert {"getting-started.md", "note-structure.md", "counterexamples.md",
            "README.md"} <= labels
    assert any(e.path.name == "note-structure.md" for e in SHELL_EXAMPLES)


@pytest.mark.parametrize("example", PYTHON_EXAMPLES, ids=lambda e: e.label)
def test_python_example_runs(example: Example) -> None:
    skip_by_marker(example)
    namespace: dict[str, object] = {"__name__": "doc_example"}
    code = compile(example.code, example.label, "exec")
    exec(code, namespace)  # code from this repository's own pages


REPLAY_CALL = re.compile(r"^replay\((.*)\)$", re.MULTILINE)


@pytest.mark.parametrize(
    "example",
    [e for e in PYTHON_EXAMPLES if e.path.name == "counterexamples.md"],
    ids=lambda e: e.label)
def test_replay_snippet_reproduces_failure(example: Example) -> None:
    assert REPLAY_CALL.search(example.code), example.code
    namespace: dict[str, object] = {}
    body = REPLAY_CALL.sub(r"outcome = replay(\1)", example.code)
    exec(compile(body, example.label, "exec"), namespace)  # the page's own snippet
    outcome = namespace["outcome"]
    assert isinstance(outcome, Outcome)
    assert outcome.holds is False


@pytest.mark.parametrize("example", SHELL_EXAMPLES, ids=lambda e: e.label)
def test_shell_example_exits_zero(example: Example) -> None:
    skip_by_marker(example)
    for command in commands(example):
        completed = subprocess.run(command, cwd=ROOT, capture_output=True,
                                   text=True, timeout=COMMAND_TIMEOUT)
        assert completed.returncode == 0, (
            f"{example.label}: {shlex.join(command)} exited "
            f"{completed.returncode}\n{completed.stdout}\n{completed.stderr}")


def test_broken_example_fails() -> None:
    broken = Example(DOCS / "index.md", 1, "python", "assert 1 + 1 == 3\n", None)
    with pytest.raises(AssertionError):
        test_python_example_runs(broken)


def test_failing_command_fails() -> None:
    broken = Example(DOCS / "index.md", 1, "sh", "diffalg check no-such-instance\n",
                     None)
    with pytest.raises(AssertionError, match="exited 2"):
        test_shell_example_exits_zero(broken)


def test_unknown_marker_rejected() -> None:
    odd = Example(DOCS / "index.md", 1, "sh", "diffalg list\n", "skipp typo")
    with pytest.raises(AssertionError, match="unknown doc-test marker"):
        skip_by_marker(odd)
