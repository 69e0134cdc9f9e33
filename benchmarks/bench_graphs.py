"""Benchmarks of the computation-graph backward pass.

Three measurements, each the least processor time (``time.process_time``)
over several runs, which is less disturbed than wall time when other work
shares the machine:

1. linearity: the backward pass (edge labels, then the adjoint sweep) over
   floats on random graphs of about 10², 10³ and 10⁴ nodes, with the time
   per edge and the ratio between successive sizes (10 for linear cost);
2. symbolic: on dense networks with an undefined activation ``f``, the
   gradient in every variable by one symbolic reverse sweep (sympy
   expressions as labels) against writing the output out as one sympy
   expression and calling ``sympy.diff`` once per variable;
3. PyTorch: forward and backward on the same random scalar graph over floats,
   this package against ``torch.autograd`` on the CPU, only when ``torch``
   is importable (it is not a dependency of diffalg).

Run ``python benchmarks/bench_graphs.py`` for the full table (a few
minutes on 2 cores), ``--quick`` for a bounded run, and ``--write PATH`` to
write the Markdown report.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy
from sympy.core.cache import clear_cache

from diffalg.graphs.backward import adjoints, edge_labels, evaluate
from diffalg.graphs.build import GraphBuilder
from diffalg.graphs.graph import Graph, Op
from diffalg.graphs.interpret import real_interpretation, sympy_interpretation
from diffalg.graphs.network import dense_network, output_expressions

UNARY = ("sin", "tanh")


def random_scalar_graph(size: int, seed: int = 0) -> Graph:
    """Build a random DAG of ``size + 1`` nodes: sums, products, sin, tanh.

    Arguments are drawn from the 30 most recent nodes, so the graph is deep
    rather than wide.  Sums and products take only arguments of absolute
    value at most 1 (variables in ``[-1, 1]``, products of those, outputs
    of sin and tanh), so no value overflows however large the graph.
    """
    rng = random.Random(seed)
    builder = GraphBuilder(share=False)
    nodes = [builder.variable(f"x{i}") for i in range(10)]
    bounded = list(nodes)
    while len(builder) < size:
        kind = rng.random()
        if kind < 0.4:
            nodes.append(builder.add(rng.choice(bounded[-30:]),
                                     rng.choice(bounded[-30:])))
        elif kind < 0.7:
            nodes.append(builder.mul(rng.choice(bounded[-30:]),
                                     rng.choice(bounded[-30:])))
            bounded.append(nodes[-1])
        else:
            nodes.append(builder.apply(rng.choice(UNARY), rng.choice(nodes[-30:])))
            bounded.append(nodes[-1])

    # One sum of every node that no other node uses, so that the output
    # depends on every node and the sweep visits the whole graph.
    used = {arg for node in builder.build(nodes[-1]).nodes for arg in node.args}
    dangling = [node for node in nodes if node not in used]
    return builder.build(builder.add(*dangling))


def best_time(action: Callable[[], object], repeats: int,
              setup: Callable[[], object] | None = None) -> float:
    """Return the least processor time of ``repeats`` runs of ``action``, in seconds.

    ``setup`` runs before each run, untimed.
    """
    best = math.inf
    for _ in range(repeats):
        if setup is not None:
            setup()
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best


@dataclass
class Row:
    """One line of a results table."""

    cells: list[str]


def measure_linearity(sizes: Sequence[int], repeats: int) -> list[Row]:
    """Time edge labels plus the adjoint sweep on random float graphs."""
    real = real_interpretation()
    rows = []
    previous: float | None = None
    for size in sizes:
        graph = random_scalar_graph(size)
        point = {name: 0.1 * (i + 1) for i, name in enumerate(graph.variables)}
        values = evaluate(graph, real, point)

        def backward(graph: Graph = graph, values: list[float] = values) -> None:
            labels = edge_labels(graph, real, values)
            adjoints(graph, real.semiring, labels)

        seconds = best_time(backward, repeats)
        edges = len(graph.edges)
        ratio = "" if previous is None else f"{seconds / previous:.1f}"
        rows.append(Row([f"{len(graph)}", f"{edges}", f"{seconds * 1e3:.2f}",
                         f"{seconds / edges * 1e6:.2f}", ratio]))
        previous = seconds
    return rows


def measure_symbolic(widths_list: Sequence[tuple[int, ...]],
                     repeats: int) -> list[Row]:
    """Time the symbolic reverse sweep against write-out plus ``sympy.diff``."""
    rows = []
    interpretation = sympy_interpretation(["f"])
    for widths in widths_list:
        network = dense_network(widths)
        graph = network.graph
        symbols = {name: sympy.Symbol(name) for name in graph.variables}

        def sweep(graph: Graph = graph, symbols: dict[str, Any] = symbols) -> None:
            values = evaluate(graph, interpretation, symbols)
            labels = edge_labels(graph, interpretation, values)
            adjoints(graph, interpretation.semiring, labels)

        def expand_then_diff(network: Any = network,
                             symbols: dict[str, Any] = symbols) -> None:
            output = output_expressions(network)[0]
            for symbol in symbols.values():
                sympy.diff(output, symbol)

        # sympy caches the results of building and differentiating
        # expressions, so every run starts from an empty cache.
        fast = best_time(sweep, repeats, clear_cache)
        slow = best_time(expand_then_diff, max(1, repeats // 3), clear_cache)
        rows.append(Row(["→".join(map(str, widths)), f"{len(graph.variables)}",
                         f"{fast * 1e3:.1f}", f"{slow * 1e3:.1f}",
                         f"{slow / fast:.0f}×"]))
    return rows


def measure_torch(sizes: Sequence[int], repeats: int) -> tuple[list[Row], str]:
    """Time forward plus backward against torch.autograd on scalar tensors."""
    try:
        torch: Any = importlib.import_module("torch")
    except ImportError:
        return [], "torch is not importable, so this comparison was skipped"
    torch.set_num_threads(1)
    real = real_interpretation()
    rows = []
    for size in sizes:
        graph = random_scalar_graph(size)
        point = {name: 0.1 * (i + 1) for i, name in enumerate(graph.variables)}

        def ours(graph: Graph = graph, point: dict[str, float] = point) -> None:
            values = evaluate(graph, real, point)
            labels = edge_labels(graph, real, values)
            adjoints(graph, real.semiring, labels)

        def theirs(graph: Graph = graph, point: dict[str, float] = point) -> None:
            leaves = {name: torch.tensor(value, dtype=torch.float64,
                                         requires_grad=True)
                      for name, value in point.items()}
            values: list[Any] = []
            for node in graph.nodes:
                args = [values[i] for i in node.args]
                if node.op is Op.VARIABLE:
                    values.append(leaves[node.name])
                elif node.op is Op.ADD:
                    total = args[0]
                    for arg in args[1:]:
                        total = total + arg
                    values.append(total)
                elif node.op is Op.MUL:
                    values.append(args[0] * args[1])
                else:
                    values.append(getattr(torch, node.name)(args[0]))
            values[graph.output()].backward()

        mine = best_time(ours, repeats)
        torch_time = best_time(theirs, repeats)
        rows.append(Row([f"{len(graph)}", f"{mine * 1e3:.2f}",
                         f"{torch_time * 1e3:.2f}", f"{mine / torch_time:.2f}"]))
    return rows, f"torch {torch.__version__}, CPU, 1 thread, float64 scalars"


def machine_description() -> list[str]:
    """Return lines naming the processor, cores, Python and library versions."""
    processor = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    processor = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return [
        f"- machine: {processor}, {os.cpu_count()} logical cores, {platform.system()}",
        f"- Python {platform.python_version()}, sympy {sympy.__version__}",
        f"- load average at the end (1, 5, 15 min): {load}",
        f"- date: {datetime.date.today().isoformat()}",
    ]


def table(header: Sequence[str], rows: Sequence[Row]) -> list[str]:
    """Return a Markdown table."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row.cells) + " |" for row in rows)
    return lines


def report(quick: bool) -> str:
    """Run every measurement and return the Markdown report."""
    sizes: tuple[int, ...]
    if quick:
        sizes, repeats = (100, 1000), 2
        networks: list[tuple[int, ...]] = [(2, 3, 2, 1)]
        torch_sizes: tuple[int, ...] = (100,)
    else:
        sizes, repeats = (100, 1000, 10000), 7
        networks = [(2, 3, 2, 1), (3, 4, 4, 1), (4, 6, 6, 6, 1)]
        torch_sizes = (1000, 10000)

    linear = measure_linearity(sizes, repeats)
    symbolic = measure_symbolic(networks, repeats)
    torch_rows, torch_note = measure_torch(torch_sizes, repeats)

    lines = ["# Computation graphs: performance", ""]
    lines.append("Measured by `python benchmarks/bench_graphs.py"
                 + (" --quick" if quick else "") + "`; each time is the least "
                 f"processor time (`time.process_time`) of {repeats} runs "
                 "(fewer for the slow column of the symbolic table).")
    lines.append("")
    lines.extend(machine_description())
    lines += ["", "## Backward pass on random float graphs", "",
              "Edge labels plus the adjoint sweep, forward values given. The "
              "ratio is the time over the time of the previous row, which is "
              "10 for a cost linear in the number of edges.", ""]
    lines += table(["nodes", "edges", "time (ms)", "µs per edge", "ratio"], linear)
    lines += ["", "## Symbolic gradient of dense networks with undefined f", "",
              "One reverse sweep with sympy expressions as values and labels, "
              "against writing the output out as one sympy expression and "
              "calling `sympy.diff` once per variable. sympy's cache is "
              "cleared before every run.", ""]
    lines += table(["widths", "variables", "reverse sweep (ms)",
                    "write out + diff (ms)", "speed-up"], symbolic)
    lines += ["", "## Forward and backward against PyTorch autograd", ""]
    if torch_rows:
        lines.append(f"{torch_note}. A ratio above 1 means this package is "
                     "slower than PyTorch on this graph. Both sides walk the "
                     "same node list in Python, so this compares the overhead "
                     "per scalar operation, not tensor throughput.")
        lines.append("")
        lines += table(["nodes", "diffalg (ms)", "torch (ms)", "ratio"], torch_rows)
    else:
        lines.append(f"Skipped: {torch_note}.")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print (or write) the Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and few repeats (seconds, for tests)")
    parser.add_argument("--write", metavar="PATH",
                        help="also write the report to this Markdown file")
    args = parser.parse_args(argv)
    text = report(args.quick)
    print(text, end="")
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
