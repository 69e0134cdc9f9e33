"""The ``graph`` subcommand: build a computation graph, differentiate it, draw it.

Usage::

    diffalg graph --example note-function --at x=1,y=2,z=0.5 -o out.svg
    diffalg graph --example note-network [--widths 2,3,2,1] [--activation f]
    diffalg graph EXPR --at x=1,y=2 -o out.svg

``note-function`` is ``x·exp((x² − y²)·z)``; ``note-network`` is the dense
network ``2 → 3 → 2 → 1`` with an undefined activation ``f``, printed written
out in text and LaTeX.  With ``--at`` the graph is evaluated at the point
(floats) and the gradient printed; without it, values and gradient are
symbolic.  ``-o`` writes a picture: ``.svg`` and ``.png`` through Graphviz,
``.dot`` as DOT text.

Main names: :func:`register`, :func:`run_graph`.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

from diffalg.expressions import ExpressionError, parse_expression
from diffalg.graphs.backward import adjoints, edge_labels, evaluate
from diffalg.graphs.build import graph_from_sympy
from diffalg.graphs.graph import Graph, GraphError
from diffalg.graphs.interpret import (
    Interpretation,
    real_interpretation,
    sympy_interpretation,
)
from diffalg.graphs.network import (
    dense_network,
    layer_equations,
    written_out_latex,
    written_out_text,
)
from diffalg.graphs.render import RenderError, render, to_dot

EXAMPLES = ("note-function", "note-network")
PARSED_FUNCTIONS = ("exp", "log", "sin", "cos", "tanh", "sqrt", "relu")
# diffalg.expressions has no sigmoid, so the parser reads it as an undefined
# function, and the graph evaluates it with the interpretation's sigmoid.
UNDEFINED_BY_NAME = ("sigmoid",)
ACTIVATIONS = ("f", "relu", "tanh", "sigmoid")


class CommandError(ValueError):
    """A command-line request that the graph command cannot carry out."""


def register(subparsers: Any) -> None:
    """Add the ``graph`` subcommand to an ``argparse`` subparsers object.

    >>> parser = argparse.ArgumentParser(prog="diffalg")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["graph", "--example", "note-function"])
    >>> args.example, args.run is run_graph
    ('note-function', True)
    """
    parser = subparsers.add_parser(
        "graph",
        help="build a computation graph, run the backward pass, draw it",
        description="Build a computation graph from an expression or a named "
                    "example, print its value and gradient, and optionally draw "
                    "it with forward values and backward labels.",
    )
    parser.add_argument("expression", nargs="?", metavar="EXPR",
                        help="expression text such as 'x*exp((x**2 - y**2)*z)'")
    parser.add_argument("--example", choices=EXAMPLES,
                        help="use a built-in example instead of EXPR")
    parser.add_argument("--at", metavar="NAME=VALUE,...",
                        help="point to evaluate at, such as x=1,y=2,z=0.5; "
                             "values are decimals or fractions like 1/3")
    parser.add_argument("--symbols", metavar="NAME,...",
                        help="variable names of EXPR (default: the names in --at)")
    parser.add_argument("--undefined", metavar="NAME,...",
                        help="names of undefined functions EXPR may call, such "
                             "as f; they stay symbolic, so use them without --at")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write a picture: .svg or .png (Graphviz) or .dot")
    parser.add_argument("--widths", default="2,3,2,1", metavar="N,N,...",
                        help="layer widths for note-network (default 2,3,2,1)")
    parser.add_argument("--activation", default="f", choices=ACTIVATIONS,
                        help="activation for note-network (default: undefined f)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed for network parameters missing from --at "
                             "(uniform in [-1, 1]; default 0)")
    parser.set_defaults(run=run_graph)


def parse_point(text: str) -> dict[str, Fraction]:
    """Parse ``x=1,y=2,z=0.5`` into exact values.

    >>> parse_point("x=1, y=-2/3,z=0.5")
    {'x': Fraction(1, 1), 'y': Fraction(-2, 3), 'z': Fraction(1, 2)}
    >>> parse_point("x=one")
    Traceback (most recent call last):
    ...
    diffalg.graphs.command.CommandError: value 'one' for x is not a number: ...
    """
    point: dict[str, Fraction] = {}
    for item in text.split(","):
        name, equals, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name.isidentifier():
            raise CommandError(f"--at item {item.strip()!r} is not NAME=VALUE: "
                               "write x=1,y=2")
        try:
            point[name] = Fraction(value)
        except (ValueError, ZeroDivisionError) as error:
            raise CommandError(f"value {value!r} for {name} is not a number: use "
                               "a decimal such as 0.5 or a fraction such as 1/3"
                               ) from error
    return point


def _parse_expression(text: str, symbols: Sequence[str],
                      undefined: Sequence[str]) -> sympy.Expr:
    bad = [name for name in (*symbols, *undefined) if not name.isidentifier()]
    if bad:
        raise CommandError(f"invalid names {bad}: use identifiers such as x or f")
    parsed: sympy.Expr = parse_expression(
        text,
        symbols={name: sympy.Symbol(name) for name in symbols},
        functions=PARSED_FUNCTIONS,
        undefined_functions=(*UNDEFINED_BY_NAME, *undefined),
        allow_floats=True,
        allow_general_powers=True,
    )
    return parsed


def run_graph(args: argparse.Namespace) -> int:
    """Run the ``graph`` subcommand; return the process exit status.

    >>> parser = argparse.ArgumentParser(prog="diffalg")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["graph", "--example", "note-function",
    ...                           "--at", "x=1,y=0.5,z=1"])
    >>> run_graph(args)
    f = 2.117
    ∂f/∂x = 6.351
    ∂f/∂y = -2.117
    ∂f/∂z = 1.588
    0
    """
    try:
        return _run(args)
    except (CommandError, ExpressionError) as error:
        print(f"diffalg: error: {error}", file=sys.stderr)
        return 2
    except (GraphError, RenderError) as error:
        print(f"diffalg: error: {error}", file=sys.stderr)
        return 1
    except (ArithmeticError, ValueError, TypeError) as error:
        # Evaluating in floats outside a function's domain (log 0, sqrt of a
        # negative number, exp of a large number) is a problem with the point.
        print(f"diffalg: error: evaluation failed at the given point: "
              f"{error}; choose a point inside the domain of every function",
              file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if (args.expression is None) == (args.example is None):
        raise CommandError("give either EXPR or --example "
                           f"({' or '.join(EXAMPLES)}), not both or neither")
    point = parse_point(args.at) if args.at else {}
    undefined = _names(args.undefined)
    if args.example == "note-network":
        return _run_network(args, point)

    if args.example == "note-function":
        x, y, z = sympy.symbols("x y z")
        expression = x * sympy.exp((x**2 - y**2) * z)
    else:
        names = _names(args.symbols) if args.symbols else list(point)
        if not names:
            raise CommandError("no variable names for EXPR: give --at or --symbols")
        expression = _parse_expression(args.expression, names, undefined)
    graph = graph_from_sympy(expression)
    _differentiate(graph, point, "f", undefined, picture=args.output)
    return 0


def _names(text: str | None) -> list[str]:
    if not text:
        return []
    return [name.strip() for name in text.split(",") if name.strip()]


def _differentiate(graph: Graph, point: Mapping[str, Fraction], name: str,
                   undefined: Sequence[str] = (),
                   picture: str | None = None) -> None:
    variables = list(graph.variables)
    if point:
        missing = [v for v in variables if v not in point]
        if missing:
            raise CommandError(f"--at gives no value for {', '.join(missing)}: "
                               "give every variable a value, or none")
        unknown = sorted(set(point) - set(variables))
        if unknown:
            raise CommandError(f"--at names {', '.join(unknown)}, which the graph "
                               "does not use; its variables are "
                               f"{', '.join(variables)}")
        chosen: Interpretation[Any] = real_interpretation()
        inputs: dict[str, Any] = {v: float(point[v]) for v in variables}
    else:
        chosen = sympy_interpretation(undefined)
        inputs = {v: sympy.Symbol(v) for v in variables}

    values = evaluate(graph, chosen, inputs)
    labels = edge_labels(graph, chosen, values)
    adjoint = adjoints(graph, chosen.semiring, labels)
    print(f"{name} = {_show(values[graph.output()])}")
    for variable, index in sorted(graph.variables.items()):
        print(f"∂{name}/∂{variable} = {_show(adjoint[index])}")
    if picture:
        _write_picture(graph, picture, values, labels)


def _show(value: object) -> str:
    if isinstance(value, float):
        # Adding 0.0 turns -0.0 into 0.0.
        return f"{value + 0.0:.4g}"
    return str(value)


def _write_picture(graph: Graph, target: str, values: Sequence[object],
                   labels: Sequence[object]) -> None:
    path = Path(target)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "dot":
        path.write_text(to_dot(graph, values=values, labels=labels) + "\n")
    elif suffix in ("svg", "png"):
        render(graph, path, suffix, values=values, labels=labels)
    else:
        raise CommandError(f"output {target!r} has no .svg, .png or .dot suffix")
    print(f"wrote {path}")


def _run_network(args: argparse.Namespace, point: Mapping[str, Fraction]) -> int:
    try:
        widths = [int(w) for w in args.widths.split(",")]
    except ValueError as error:
        raise CommandError(f"--widths {args.widths!r} is not a list of integers: "
                           "write 2,3,2,1") from error
    network = dense_network(widths, args.activation)
    for name, rhs in layer_equations(network):
        print(f"{name} = {rhs}")
    print()
    print(written_out_text(network))
    print()
    print(written_out_latex(network))
    print()
    if not point:
        _differentiate(network.graph, {}, "o", [network.activation],
                       picture=args.output)
        return 0
    if args.activation == "f":
        raise CommandError("f is undefined, so the network has no numeric value: "
                           "pass --activation relu, tanh or sigmoid with --at")
    rng = random.Random(args.seed)
    full = dict(point)
    for name in network.graph.variables:
        if name not in full:
            full[name] = Fraction(rng.uniform(-1.0, 1.0))
    drawn = [n for n in network.graph.variables if n not in point]
    if drawn:
        print(f"drawn with seed {args.seed}: "
              + ", ".join(f"{n}={float(full[n]):.4g}" for n in drawn))
    _differentiate(network.graph, full, "o", picture=args.output)
    return 0
