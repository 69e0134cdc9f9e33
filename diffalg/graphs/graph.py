"""Computation graphs: typed DAGs of operations.

A computation graph is a directed acyclic graph whose nodes are operations
and whose edges run from an argument (the *parent*) to the node that uses it
(the *child*).  Node kinds (:class:`Op`):

- ``VARIABLE`` and ``CONSTANT`` are the leaves;
- ``ADD`` and ``MUL`` are n-ary (two or more arguments, multiplied left to
  right, so that the order is kept for a non-commutative ``·``);
- ``POWER`` raises its one argument to a fixed rational exponent;
- ``APPLY`` applies a named unary function (``exp``, ``relu``, ``sigmoid``,
  ``tanh``, an undefined ``f`` …) to its one argument.

Nodes are stored in a topological order: every argument of a node has a
smaller index than the node.  An argument may be repeated (``x·x`` is a
``MUL`` node with two edges from ``x``), and each edge is identified by the
child and the argument position, so parallel edges stay distinct.  A graph
has one or more output nodes.

Main names: :class:`Op`, :class:`Node`, :class:`Edge`, :class:`Graph`,
:class:`GraphError`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import sympy


class GraphError(ValueError):
    """A computation graph, or a request about one, is malformed."""


class Op(enum.Enum):
    """The kind of operation a node performs."""

    VARIABLE = "variable"
    CONSTANT = "constant"
    ADD = "add"
    MUL = "mul"
    POWER = "power"
    APPLY = "apply"


ARITY_ONE = (Op.POWER, Op.APPLY)


@dataclass(frozen=True)
class Node:
    """One operation: its kind, arguments and parameters.

    ``name`` is the variable name for ``VARIABLE`` and the function name for
    ``APPLY``.  ``value`` is the number of a ``CONSTANT`` (a sympy number such
    as ``Integer(2)``, ``Rational(1, 3)`` or ``pi``) and the exponent of a
    ``POWER``.

    >>> Node(2, Op.ADD, (0, 1)).symbol()
    '+'
    >>> Node(1, Op.APPLY, (0,), name="exp").symbol()
    'exp'
    """

    index: int
    op: Op
    args: tuple[int, ...] = ()
    name: str = ""
    value: sympy.Expr | None = None

    def symbol(self) -> str:
        """Return the short text for the operation, as drawn in a figure.

        >>> Node(0, Op.CONSTANT, value=sympy.Rational(1, 2)).symbol()
        '1/2'
        >>> Node(1, Op.POWER, (0,), value=sympy.Integer(-1)).symbol()
        '^-1'
        """
        if self.op is Op.VARIABLE or self.op is Op.APPLY:
            return self.name
        if self.op is Op.CONSTANT:
            return str(self.value)
        if self.op is Op.ADD:
            return "+"
        if self.op is Op.MUL:
            return "×"
        return f"^{self.value}"


@dataclass(frozen=True)
class Edge:
    """The edge from argument ``source`` into ``target`` at argument ``position``.

    >>> Edge(0, 2, 1)
    Edge(source=0, target=2, position=1)
    """

    source: int
    target: int
    position: int


@dataclass(frozen=True)
class Graph:
    """A computation graph with its nodes in topological order and its outputs.

    The constructor checks that every argument index is smaller than the node
    index (so the order is topological and the graph acyclic), the arity of
    each kind, that leaves have what they need and that variable names are
    unique.  Edges are numbered child by child, in argument order, so edge
    ``k`` of node ``i`` has number ``graph.edge_number(i, k)``.

    >>> x = Node(0, Op.VARIABLE, name="x")
    >>> square = Node(1, Op.MUL, (0, 0))
    >>> g = Graph((x, square), outputs=(1,))
    >>> [(e.source, e.target, e.position) for e in g.edges]
    [(0, 1, 0), (0, 1, 1)]
    >>> g.variables
    {'x': 0}
    >>> Graph((Node(0, Op.MUL, (0, 0)),), outputs=(0,))
    Traceback (most recent call last):
    ...
    diffalg.graphs.graph.GraphError: node 0 (mul) has argument 0, ...
    """

    nodes: tuple[Node, ...]
    outputs: tuple[int, ...]

    def __post_init__(self) -> None:
        names: set[str] = set()
        for position, node in enumerate(self.nodes):
            _check_node(position, node)
            if node.op is Op.VARIABLE:
                if node.name in names:
                    raise GraphError(f"variable {node.name!r} appears twice: "
                                     "give each variable node its own name")
                names.add(node.name)
        if not self.outputs:
            raise GraphError("graph has no output: name at least one output node")
        for output in self.outputs:
            if not 0 <= output < len(self.nodes):
                raise GraphError(f"output {output} is not a node index: use "
                                 f"0..{len(self.nodes) - 1}")

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    @cached_property
    def edges(self) -> tuple[Edge, ...]:
        """All edges, child by child in node order, then by argument position."""
        found = []
        for node in self.nodes:
            for position, source in enumerate(node.args):
                found.append(Edge(source, node.index, position))
        return tuple(found)

    @cached_property
    def _edge_offsets(self) -> tuple[int, ...]:
        offsets = []
        total = 0
        for node in self.nodes:
            offsets.append(total)
            total += len(node.args)
        return tuple(offsets)

    def edge_number(self, target: int, position: int) -> int:
        """Return the number of the edge into ``target`` at ``position``.

        >>> x = Node(0, Op.VARIABLE, name="x")
        >>> g = Graph((x, Node(1, Op.MUL, (0, 0))), outputs=(1,))
        >>> g.edge_number(1, 1)
        1
        """
        if not 0 <= position < len(self.nodes[target].args):
            raise GraphError(f"node {target} has no argument {position}")
        return self._edge_offsets[target] + position

    @cached_property
    def variables(self) -> dict[str, int]:
        """Variable names mapped to their node indices, in node order."""
        return {n.name: n.index for n in self.nodes if n.op is Op.VARIABLE}

    @cached_property
    def functions(self) -> frozenset[str]:
        """Names of the unary functions that ``APPLY`` nodes use."""
        return frozenset(n.name for n in self.nodes if n.op is Op.APPLY)

    @cached_property
    def children(self) -> tuple[tuple[Edge, ...], ...]:
        """For each node, the edges that leave it (to the nodes using it)."""
        leaving: list[list[Edge]] = [[] for _ in self.nodes]
        for edge in self.edges:
            leaving[edge.source].append(edge)
        return tuple(tuple(edges) for edges in leaving)

    def output(self, which: int | None = None) -> int:
        """Return the node index of output ``which`` (the only one by default).

        >>> x = Node(0, Op.VARIABLE, name="x")
        >>> Graph((x,), outputs=(0,)).output()
        0
        """
        if which is None:
            if len(self.outputs) != 1:
                raise GraphError(f"graph has {len(self.outputs)} outputs: "
                                 "choose one by its position")
            return self.outputs[0]
        if not 0 <= which < len(self.outputs):
            raise GraphError(f"graph has no output number {which}: it has "
                             f"{len(self.outputs)}")
        return self.outputs[which]

    def ancestors(self, node: int) -> frozenset[int]:
        """Return the nodes that ``node`` depends on, ``node`` included.

        >>> x = Node(0, Op.VARIABLE, name="x")
        >>> y = Node(1, Op.VARIABLE, name="y")
        >>> Graph((x, y, Node(2, Op.APPLY, (0,), name="exp")),
        ...       outputs=(2,)).ancestors(2)
        frozenset({0, 2})
        """
        seen = {node}
        stack = [node]
        while stack:
            for parent in self.nodes[stack.pop()].args:
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return frozenset(seen)


def _check_node(position: int, node: Node) -> None:
    where = f"node {position} ({node.op.value})"
    if node.index != position:
        raise GraphError(f"{where} carries index {node.index}: nodes must be "
                         "numbered by their position")
    for arg in node.args:
        if not 0 <= arg < position:
            raise GraphError(f"{where} has argument {arg}, which is not an "
                             "earlier node: list arguments before their users")
    if node.op in (Op.VARIABLE, Op.CONSTANT) and node.args:
        raise GraphError(f"{where} is a leaf but has arguments {node.args}")
    if node.op is Op.VARIABLE and not node.name:
        raise GraphError(f"{where} has no name: give every variable a name")
    if node.op is Op.CONSTANT and node.value is None:
        raise GraphError(f"{where} has no value: give the constant a number")
    if node.op in (Op.ADD, Op.MUL) and len(node.args) < 2:
        raise GraphError(f"{where} has {len(node.args)} arguments: a sum or "
                         "product node needs two or more")
    if node.op in ARITY_ONE and len(node.args) != 1:
        raise GraphError(f"{where} has {len(node.args)} arguments: it takes one")
    if node.op is Op.APPLY and not node.name:
        raise GraphError(f"{where} has no function name")
    if node.op is Op.POWER and not isinstance(node.value, sympy.Rational):
        raise GraphError(f"{where} has exponent {node.value!r}: give a rational "
                         "exponent such as sympy.Rational(1, 2)")

