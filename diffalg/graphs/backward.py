"""Forward values, edge labels and the backward pass (reverse-mode differentiation).

For a graph evaluated at a point, each edge ``v → y`` (``v`` an argument of
``y``) carries the label ``∂y/∂v``, the partial derivative of the operation
of ``y`` in that argument, taken at the forward values:

- ``ADD``: ``1``;
- ``MUL`` with arguments ``x₁ … xₙ``: ``x₁ ⋯ xᵢ₋₁ · xᵢ₊₁ ⋯ xₙ`` for the edge
  at position ``i``, computed with prefix and suffix products so that a node
  of ``n`` arguments costs ``O(n)`` multiplications;
- ``POWER`` with exponent ``r``: ``r · x**(r - 1)``;
- ``APPLY`` of ``g``: ``g′(x)``.

The adjoint of a node ``v`` for an output ``f`` is
``∂f/∂v = Σ (∂y/∂v)·(∂f/∂y)``, summed over the edges ``v → y``, with
``∂f/∂f = 1``.  :func:`adjoints` computes all adjoints in one sweep in
reverse topological order, with one multiplication and one addition per edge.
Unrolling the recursion, the adjoint of ``v`` is the sum over all paths from
``v`` to ``f`` of the product of the edge labels along the path, with the
label nearest ``v`` on the left.  :func:`path_sum` computes that sum by
enumerating the paths, to check the sweep on small graphs.

The labels of a ``MUL`` node and the order of factors in the sweep are those
of a commutative semiring: in a non-commutative one the partial derivative
of a product is not a single left factor, so the sweep computes a value but
not a derivative.

Main names: :func:`evaluate`, :func:`edge_labels`, :func:`adjoints`,
:func:`gradient`, :func:`enumerate_paths`, :func:`path_sum`,
:func:`as_interpretation`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import sympy

from diffalg.graphs.graph import Graph, GraphError, Op
from diffalg.graphs.interpret import Interpretation
from diffalg.structures.semiring import Semiring

T = TypeVar("T")

logger = logging.getLogger(__name__)

DEFAULT_PATH_LIMIT = 100_000


def as_interpretation(structure: Interpretation[T] | Semiring[T]) -> Interpretation[T]:
    """Return ``structure``, wrapping a bare semiring with no extra operations.

    >>> import operator
    >>> as_interpretation(Semiring("N", 0, 1, operator.add, operator.mul)).functions
    {}
    """
    if isinstance(structure, Semiring):
        return Interpretation(structure)
    return structure


def evaluate(graph: Graph, interpretation: Interpretation[T] | Semiring[T],
             inputs: Mapping[str, T]) -> list[T]:
    """Return the value of every node, given a value for every variable.

    A bare :class:`~diffalg.structures.Semiring` evaluates graphs made of
    variables, natural constants, sums and products.

    >>> from diffalg.graphs.build import graph_from_sympy
    >>> from diffalg.graphs.interpret import real_interpretation
    >>> x, y = sympy.symbols("x y")
    >>> g = graph_from_sympy(x * y + 3)
    >>> evaluate(g, real_interpretation(), {"x": 2.0, "y": 5.0})[g.output()]
    13.0
    >>> evaluate(g, real_interpretation(), {"x": 2.0})
    Traceback (most recent call last):
    ...
    diffalg.graphs.graph.GraphError: no value for variable 'y': ...
    """
    interpretation = as_interpretation(interpretation)
    extra = sorted(set(inputs) - set(graph.variables))
    if extra:
        raise GraphError(f"values given for {extra}, which are not variables of "
                         f"the graph: its variables are {sorted(graph.variables)}")
    semiring = interpretation.semiring
    values: list[T] = []
    for node in graph.nodes:
        args = [values[i] for i in node.args]
        if node.op is Op.VARIABLE:
            if node.name not in inputs:
                raise GraphError(f"no value for variable {node.name!r}: pass it "
                                 "in inputs")
            values.append(inputs[node.name])
        elif node.op is Op.CONSTANT:
            assert node.value is not None
            values.append(interpretation.embed(node.value))
        elif node.op is Op.ADD:
            values.append(_fold(semiring.add, args))
        elif node.op is Op.MUL:
            values.append(_fold(semiring.mul, args))
        elif node.op is Op.POWER:
            assert isinstance(node.value, sympy.Rational)
            values.append(interpretation.raise_to(args[0], node.value))
        else:
            values.append(interpretation.function(node.name)(args[0]))
    return values


def _fold(operation: Callable[[T, T], T], args: Sequence[T]) -> T:
    total = args[0]
    for arg in args[1:]:
        total = operation(total, arg)
    return total


def edge_labels(graph: Graph, interpretation: Interpretation[T] | Semiring[T],
                values: Sequence[T]) -> list[T]:
    """Return ``∂y/∂v`` for every edge ``v → y``, numbered as ``graph.edges``.

    >>> from diffalg.graphs.build import graph_from_sympy
    >>> from diffalg.graphs.interpret import real_interpretation
    >>> x, y, z = sympy.symbols("x y z")
    >>> g = graph_from_sympy(x * y * z)
    >>> r = real_interpretation()
    >>> edge_labels(g, r, evaluate(g, r, {"x": 2.0, "y": 3.0, "z": 5.0}))
    [15.0, 10.0, 6.0]
    """
    if len(values) != len(graph):
        raise GraphError(f"{len(values)} values for {len(graph)} nodes: pass the "
                         "list that evaluate returns")
    interpretation = as_interpretation(interpretation)
    semiring = interpretation.semiring
    labels: list[T] = []
    for node in graph.nodes:
        args = [values[i] for i in node.args]
        if node.op is Op.ADD:
            labels.extend(semiring.one for _ in args)
        elif node.op is Op.MUL:
            labels.extend(_product_partials(semiring, args))
        elif node.op is Op.POWER:
            assert isinstance(node.value, sympy.Rational)
            labels.append(_power_partial(interpretation, args[0], node.value))
        elif node.op is Op.APPLY:
            labels.append(interpretation.derivative(node.name)(args[0]))
    return labels


def _product_partials(semiring: Semiring[T], args: Sequence[T]) -> list[T]:
    count = len(args)
    prefix = [semiring.one]
    for arg in args[:-1]:
        prefix.append(semiring.mul(prefix[-1], arg))
    suffix = [semiring.one] * count
    for position in range(count - 2, -1, -1):
        suffix[position] = semiring.mul(args[position + 1], suffix[position + 1])
    return [semiring.mul(prefix[i], suffix[i]) for i in range(count)]


def _power_partial(interpretation: Interpretation[T], base: T,
                   exponent: sympy.Rational) -> T:
    lowered = exponent - 1
    if lowered == 0:
        rest = interpretation.semiring.one
    elif lowered == 1:
        rest = base
    else:
        rest = interpretation.raise_to(base, lowered)
    return interpretation.semiring.mul(interpretation.embed(exponent), rest)


def adjoints(graph: Graph, semiring: Semiring[T], labels: Sequence[T],
             output: int | None = None) -> list[T]:
    """Return ``∂f/∂v`` for every node ``v``, where ``f`` is the output node.

    ``labels`` holds one element of ``semiring`` per edge, in the order of
    ``graph.edges``.  ``output`` is the node index of ``f`` (the only output
    by default).  Nodes from which ``f`` cannot be reached get ``zero``.

    >>> from diffalg.graphs.build import graph_from_sympy
    >>> from diffalg.graphs.interpret import SYMPY_SEMIRING
    >>> x = sympy.Symbol("x")
    >>> g = graph_from_sympy(sympy.exp(x * x))
    >>> labels = sympy.symbols("l0:3")
    >>> adjoints(g, SYMPY_SEMIRING, labels)[g.variables["x"]]
    l0*l2 + l1*l2
    """
    if len(labels) != len(graph.edges):
        raise GraphError(f"{len(labels)} labels for {len(graph.edges)} edges: "
                         "give one label per edge")
    target = graph.output() if output is None else output
    if not 0 <= target < len(graph):
        raise GraphError(f"output {target} is not a node index")
    adjoint: list[T] = [semiring.zero] * len(graph)
    reached = [False] * len(graph)
    adjoint[target] = semiring.one
    reached[target] = True

    edge = len(graph.edges)
    for node in reversed(graph.nodes):
        edge -= len(node.args)
        if not reached[node.index]:
            continue
        upstream = adjoint[node.index]
        for position, parent in enumerate(node.args):
            term = semiring.mul(labels[edge + position], upstream)
            if reached[parent]:
                adjoint[parent] = semiring.add(adjoint[parent], term)
            else:
                adjoint[parent] = term
                reached[parent] = True
    return adjoint


def gradient(graph: Graph, interpretation: Interpretation[T] | Semiring[T],
             inputs: Mapping[str, T], output: int | None = None) -> dict[str, T]:
    """Return ``∂f/∂x`` for every variable ``x``: forward values, labels, sweep.

    >>> from diffalg.graphs.build import graph_from_sympy
    >>> from diffalg.graphs.interpret import real_interpretation
    >>> x, y = sympy.symbols("x y")
    >>> g = graph_from_sympy(x**2 * y)
    >>> gradient(g, real_interpretation(), {"x": 3.0, "y": 2.0})
    {'x': 12.0, 'y': 9.0}
    """
    chosen = as_interpretation(interpretation)
    values = evaluate(graph, chosen, inputs)
    labels = edge_labels(graph, chosen, values)
    adjoint = adjoints(graph, chosen.semiring, labels, output)
    return {name: adjoint[index] for name, index in graph.variables.items()}


def enumerate_paths(graph: Graph, source: int, output: int | None = None,
                    limit: int = DEFAULT_PATH_LIMIT) -> list[tuple[int, ...]]:
    """Return every path from ``source`` to the output as a tuple of edge numbers.

    Parallel edges give distinct paths.  The number of paths can grow
    exponentially with the depth, so more than ``limit`` paths raise.

    >>> from diffalg.graphs.build import graph_from_sympy
    >>> x = sympy.Symbol("x")
    >>> g = graph_from_sympy(sympy.exp(x * x))
    >>> enumerate_paths(g, g.variables["x"])
    [(0, 2), (1, 2)]
    """
    target = graph.output() if output is None else output
    useful = graph.ancestors(target)
    found: list[tuple[int, ...]] = []
    stack: list[tuple[int, tuple[int, ...]]] = [(source, ())]
    while stack:
        node, path = stack.pop()
        if node == target:
            found.append(path)
            if len(found) > limit:
                raise GraphError(f"more than {limit} paths from node {source}: "
                                 "raise the limit or use the backward sweep")
            continue
        for edge in reversed(graph.children[node]):
            if edge.target in useful:
                number = graph.edge_number(edge.target, edge.position)
                stack.append((edge.target, (*path, number)))
    return sorted(found)


def path_sum(graph: Graph, semiring: Semiring[T], labels: Sequence[T],
             source: int, output: int | None = None,
             limit: int = DEFAULT_PATH_LIMIT) -> T:
    """Return the sum over paths ``source → f`` of the product of their labels.

    Each product is taken from ``source`` towards the output, which is the
    order in which the sweep of :func:`adjoints` multiplies.  This costs time
    proportional to the number of paths: use it to check :func:`adjoints`.

    >>> from diffalg.graphs.build import graph_from_sympy
    >>> from diffalg.graphs.interpret import SYMPY_SEMIRING
    >>> x = sympy.Symbol("x")
    >>> g = graph_from_sympy(sympy.exp(x * x))
    >>> path_sum(g, SYMPY_SEMIRING, sympy.symbols("l0:3"), g.variables["x"])
    l0*l2 + l1*l2
    """
    paths = enumerate_paths(graph, source, output, limit)
    logger.debug("summing %d paths from node %d", len(paths), source)
    return semiring.sum([semiring.product([labels[e] for e in path])
                         for path in paths])
