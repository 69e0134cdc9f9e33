"""The graph benchmark script, in its bounded ``--quick`` mode."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_graphs.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_graphs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_graphs"] = module
    spec.loader.exec_module(module)
    return module


def test_random_graph_sizes() -> None:
    bench = load_script()
    for size in (100, 1000):
        graph = bench.random_scalar_graph(size)
        assert len(graph) == size + 1
        assert len(graph.edges) > size
        assert len(graph.ancestors(graph.output())) == size + 1


@pytest.mark.slow
def test_quick_report_written(tmp_path: Path) -> None:
    bench = load_script()
    target = tmp_path / "performance.md"
    assert bench.main(["--quick", "--write", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Computation graphs: performance")
    assert "- machine: " in text
    rows = re.findall(r"^\| (\d+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \|", text,
                      flags=re.MULTILINE)
    assert [r[0] for r in rows] == ["101", "1001"]
    assert all(float(r[2]) > 0 for r in rows)
    speedup = re.search(r"^\| 2→3→2→1 \| 22 \| [\d.]+ \| [\d.]+ \| (\d+)× \|$",
                        text, flags=re.MULTILINE)
    assert speedup is not None
    assert int(speedup.group(1)) >= 1
    assert "PyTorch" in text
