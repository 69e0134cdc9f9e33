"""DOT text of computation graphs and rendering through Graphviz."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sympy

from diffalg.graphs.backward import edge_labels, evaluate
from diffalg.graphs.build import graph_from_sympy
from diffalg.graphs.graph import GraphError
from diffalg.graphs.interpret import real_interpretation
from diffalg.graphs.render import GraphvizMissingError, render, to_dot

x, y, z = sympy.symbols("x y z")
NOTE_FUNCTION = x * sympy.exp((x**2 - y**2) * z)
POINT = {"x": 1.0, "y": 2.0, "z": 0.5}


def note_picture_parts() -> tuple[str, list[float], list[float]]:
    graph = graph_from_sympy(NOTE_FUNCTION)
    r = real_interpretation()
    values = evaluate(graph, r, POINT)
    labels = edge_labels(graph, r, values)
    return to_dot(graph, values=values, labels=labels, title="f"), values, labels


def test_dot_lists_every_node_and_edge() -> None:
    graph = graph_from_sympy(NOTE_FUNCTION)
    text, _, _ = note_picture_parts()
    nodes = re.findall(r"^  n(\d+) \[label=", text, flags=re.MULTILINE)
    edges = re.findall(r"^  n(\d+) -> n(\d+)", text, flags=re.MULTILINE)
    assert sorted(int(n) for n in nodes) == list(range(len(graph)))
    assert [(int(a), int(b)) for a, b in edges] == [
        (e.source, e.target) for e in graph.edges]


def test_dot_labels_show_values_and_derivatives() -> None:
    graph = graph_from_sympy(NOTE_FUNCTION)
    text, _, labels = note_picture_parts()
    exp_node = next(n for n in graph.nodes if n.name == "exp")
    assert f'n{exp_node.index} [label="exp\\n0.2231", shape=ellipse];' in text
    output = graph.output()
    assert f'n{output} [label="×\\n0.2231", shape=ellipse, peripheries=2];' in text
    x_node = graph.variables["x"]
    assert f'n{x_node} [label="x\\n1", shape=box, style=rounded];' in text
    into_exp = graph.edge_number(exp_node.index, 0)
    source = graph.nodes[exp_node.index].args[0]
    assert f'n{source} -> n{exp_node.index} [label="{labels[into_exp]:.4g}"];' in text
    assert "rankdir=LR" in text
    assert 'label="f", labelloc=t' in text


def test_dot_escapes_quotes() -> None:
    graph = graph_from_sympy(x + y)
    text = to_dot(graph, title='say "hi"\\')
    assert r'label="say \"hi\"\\"' in text


def test_dot_rejects_mismatched_lengths() -> None:
    graph = graph_from_sympy(x * y)
    with pytest.raises(GraphError, match="2 values for 3 nodes"):
        to_dot(graph, values=[1.0, 2.0])
    with pytest.raises(GraphError, match="1 labels for 2 edges"):
        to_dot(graph, labels=[1.0])
    with pytest.raises(GraphError, match="rankdir"):
        to_dot(graph, rankdir="sideways")


def test_render_names_graphviz_when_missing(tmp_path: Path) -> None:
    graph = graph_from_sympy(x * y)
    with pytest.raises(GraphvizMissingError, match="package graphviz"):
        render(graph, tmp_path / "out.svg", dot="no-such-dot-program")
    with pytest.raises(GraphError, match="'pdf'"):
        render(graph, tmp_path / "out.pdf", "pdf")


@pytest.mark.skipif(shutil.which("dot") is None,
                    reason="Graphviz dot is not installed (Debian package graphviz)")
def test_render_svg_with_dot(tmp_path: Path) -> None:
    graph = graph_from_sympy(NOTE_FUNCTION)
    r = real_interpretation()
    values = evaluate(graph, r, POINT)
    labels = edge_labels(graph, r, values)
    target = render(graph, tmp_path / "note.svg", values=values, labels=labels)
    svg = target.read_text()
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    assert svg.count('class="node"') == len(graph)
    assert svg.count('class="edge"') == len(graph.edges)
    assert ">exp</text>" in svg
