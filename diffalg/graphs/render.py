"""Pictures of computation graphs: Graphviz DOT text and rendered SVG or PNG.

:func:`to_dot` writes a graph as DOT, laid out left to right like a figure
in a paper: variables in boxes, constants as plain text, operations in
ellipses, the outputs with a double border.  A node shows its operation,
and its forward value on a second line when values are given.  An edge
shows its backward label ``∂child/∂parent`` when labels are given.

:func:`render` runs Graphviz's ``dot`` program (Debian package
``graphviz``) on that text, with a timeout.

Main names: :func:`to_dot`, :func:`render`, :class:`RenderError`,
:class:`GraphvizMissingError`.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import sympy

from diffalg.graphs.graph import Graph, GraphError, Op

logger = logging.getLogger(__name__)

FORMATS = ("svg", "png")
MAX_LABEL = 48
DEFAULT_TIMEOUT = 30.0


class RenderError(RuntimeError):
    """Graphviz failed or timed out while rendering a graph."""


class GraphvizMissingError(RenderError):
    """The Graphviz ``dot`` program is not installed."""


def format_value(value: object, precision: int = 4) -> str:
    """Return a short text for a value: floats to ``precision`` significant digits.

    >>> from fractions import Fraction
    >>> format_value(3.14159265), format_value(Fraction(2, 6))
    ('3.142', '1/3')
    >>> format_value(sympy.Symbol("x") ** 2)
    'x**2'
    """
    if isinstance(value, float):
        text = f"{value:.{precision}g}"
    elif isinstance(value, sympy.Poly):
        text = str(value.as_expr())
    else:
        text = str(value)
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    return text


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def to_dot(graph: Graph, *, values: Sequence[object] | None = None,
           labels: Sequence[object] | None = None, title: str | None = None,
           rankdir: str = "LR", precision: int = 4) -> str:
    """Return the graph as Graphviz DOT text.

    ``values`` has one entry per node (as :func:`~diffalg.graphs.backward.evaluate`
    returns) and ``labels`` one per edge (as
    :func:`~diffalg.graphs.backward.edge_labels` returns).

    >>> from diffalg.graphs.build import GraphBuilder
    >>> b = GraphBuilder()
    >>> x = b.variable("x")
    >>> g = b.build(b.apply("exp", x))
    >>> print(to_dot(g, values=[0.0, 1.0], labels=[1.0]))
    digraph computation {
      graph [rankdir=LR, nodesep=0.35, ranksep=0.6, fontname="Helvetica"];
      node [fontname="Helvetica", fontsize=12];
      edge [fontname="Helvetica", fontsize=10, arrowsize=0.7];
      n0 [label="x\\n0", shape=box, style=rounded];
      n1 [label="exp\\n1", shape=ellipse, peripheries=2];
      n0 -> n1 [label="1"];
    }
    """
    if values is not None and len(values) != len(graph):
        raise GraphError(f"{len(values)} values for {len(graph)} nodes: give one "
                         "value per node")
    if labels is not None and len(labels) != len(graph.edges):
        raise GraphError(f"{len(labels)} labels for {len(graph.edges)} edges: "
                         "give one label per edge")
    if rankdir not in ("LR", "RL", "TB", "BT"):
        raise GraphError(f"rankdir {rankdir!r} is invalid: use LR, RL, TB or BT")

    lines = ["digraph computation {"]
    header = f'rankdir={rankdir}, nodesep=0.35, ranksep=0.6, fontname="Helvetica"'
    if title:
        header += f", label={_quote(title)}, labelloc=t, fontsize=14"
    lines.append(f"  graph [{header}];")
    lines.append('  node [fontname="Helvetica", fontsize=12];')
    lines.append('  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7];')

    outputs = set(graph.outputs)
    for node in graph.nodes:
        text = node.symbol()
        if values is not None and node.op is not Op.CONSTANT:
            text += "\n" + format_value(values[node.index], precision)
        attributes = [f"label={_quote(text)}", _shape(node.op)]
        if node.index in outputs:
            attributes.append("peripheries=2")
        lines.append(f"  n{node.index} [{', '.join(attributes)}];")

    for number, edge in enumerate(graph.edges):
        attributes = []
        if labels is not None:
            shown = format_value(labels[number], precision)
            attributes.append(f"label={_quote(shown)}")
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  n{edge.source} -> n{edge.target}{suffix};")
    lines.append("}")
    return "\n".join(lines)


def _shape(op: Op) -> str:
    if op is Op.VARIABLE:
        return "shape=box, style=rounded"
    if op is Op.CONSTANT:
        return "shape=plaintext"
    return "shape=ellipse"


def render(graph: Graph, path: str | Path, format: str = "svg", *,
           values: Sequence[object] | None = None,
           labels: Sequence[object] | None = None, title: str | None = None,
           timeout: float = DEFAULT_TIMEOUT, dot: str = "dot") -> Path:
    """Write the graph as an SVG or PNG picture at ``path`` using Graphviz.

    ``dot`` names the Graphviz program (looked up on ``PATH``).  Raises
    :class:`GraphvizMissingError` when it is not installed and
    :class:`RenderError` when it fails or runs longer than ``timeout`` seconds.

    >>> from diffalg.graphs.build import GraphBuilder
    >>> b = GraphBuilder()
    >>> g = b.build(b.variable("x"))
    >>> render(g, "/tmp/never.svg", dot="no-such-dot-program")
    Traceback (most recent call last):
    ...
    diffalg.graphs.render.GraphvizMissingError: Graphviz program ...
    """
    if format not in FORMATS:
        raise GraphError(f"format {format!r} is not supported: use 'svg' or 'png'")
    program = shutil.which(dot)
    if program is None:
        raise GraphvizMissingError(
            f"Graphviz program {dot!r} not found on PATH: install the Debian "
            "package graphviz (apt-get install graphviz) or write the DOT text "
            "with to_dot"
        )
    text = to_dot(graph, values=values, labels=labels, title=title)
    target = Path(path)
    try:
        result = subprocess.run(
            [program, f"-T{format}", "-o", str(target)], input=text, text=True,
            capture_output=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise RenderError(f"dot timed out after {timeout} s on a graph of "
                          f"{len(graph)} nodes: raise the timeout") from error
    if result.returncode != 0:
        raise RenderError(f"dot exited with status {result.returncode}: "
                          f"{result.stderr.strip()}")
    logger.info("rendered %d nodes to %s", len(graph), target)
    return target
