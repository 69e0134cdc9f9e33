"""Dense feed-forward networks as computation graphs, with every coefficient named.

For widths ``n₀ → n₁ → … → n_L`` the network computes, from the input
``E = (e1 … e_{n₀})``,

    H1 = A1 E + B1,   H1′ = f(H1),   H2 = A2 H1′ + B2,   …,   o = A_L H′_{L-1} + B_L,

with ``f`` applied entrywise on the hidden layers and the last layer linear.
The entry of ``A_i`` in row ``j`` and column ``k`` is the variable
``a{i}_{j}{k}`` (written ``a^i_{jk}``) and entry ``j`` of ``B_i`` is
``b{i}_{j}``; when some width exceeds 9 the indices are separated, as in
``a1_10_2``, so that names stay unambiguous.  Each ``H{i}_{j}`` is one n-ary
``ADD`` node of the products ``a·h`` (weight first) and the bias, and each
``f(H{i}_{j})`` one ``APPLY`` node.  ``f`` is a function name: an undefined
``f`` for symbolic work, or ``relu``, ``tanh``, ``sigmoid``.

Main names: :class:`DenseNetwork`, :func:`dense_network`,
:func:`output_expressions`, :func:`layer_equations`,
:func:`written_out_text`, :func:`written_out_latex`,
:func:`evaluate_network`, :func:`random_parameters`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

import sympy

from diffalg.graphs.backward import evaluate
from diffalg.graphs.build import GraphBuilder
from diffalg.graphs.graph import Graph, GraphError
from diffalg.graphs.interpret import Interpretation, sympy_interpretation

T = TypeVar("T")

MAX_NARROW_WIDTH = 9


@dataclass(frozen=True)
class DenseNetwork:
    """A dense network's graph and the names and nodes of its parts.

    ``weights[i][j][k]`` names ``a^{i+1}_{j+1,k+1}`` and ``biases[i][j]``
    names ``b^{i+1}_{j+1}`` (Python lists count from 0, the names from 1).
    ``layers[0]`` holds the input variable nodes, ``layers[i]`` for a hidden
    layer ``i`` the nodes ``f(H_i)``, and ``layers[-1]`` the output nodes.
    ``pre_activations[i - 1]`` holds the nodes ``H_i``.

    >>> net = dense_network((2, 3, 2, 1))
    >>> net.weights[2][0]
    ('a3_11', 'a3_12')
    >>> net.depth, len(net.parameters)
    (3, 20)
    """

    widths: tuple[int, ...]
    activation: str
    bias: bool
    graph: Graph
    inputs: tuple[str, ...]
    weights: tuple[tuple[tuple[str, ...], ...], ...]
    biases: tuple[tuple[str, ...], ...]
    layers: tuple[tuple[int, ...], ...]
    pre_activations: tuple[tuple[int, ...], ...]

    @property
    def depth(self) -> int:
        """Number of affine layers ``L``."""
        return len(self.widths) - 1

    @property
    def parameters(self) -> tuple[str, ...]:
        """Names of all weights and biases, layer by layer, weights first."""
        names: list[str] = []
        for layer, matrix in enumerate(self.weights):
            for row in matrix:
                names.extend(row)
            if self.bias:
                names.extend(self.biases[layer])
        return tuple(names)

    @property
    def variables(self) -> tuple[str, ...]:
        """Input names followed by parameter names."""
        return self.inputs + self.parameters

    @property
    def output_names(self) -> tuple[str, ...]:
        """``o`` for one output, else ``o_1 … o_n``."""
        count = self.widths[-1]
        if count == 1:
            return ("o",)
        return tuple(f"o_{j + 1}" for j in range(count))


def _indices(*numbers: int, wide: bool) -> str:
    return ("_" if wide else "").join(str(n) for n in numbers)


def weight_name(layer: int, row: int, column: int, *, wide: bool = False) -> str:
    """Return the variable name of ``a^layer_{row column}`` (indices from 1).

    >>> weight_name(3, 1, 2), weight_name(1, 10, 2, wide=True)
    ('a3_12', 'a1_10_2')
    """
    return f"a{layer}_{_indices(row, column, wide=wide)}"


def bias_name(layer: int, row: int) -> str:
    """Return the variable name of ``b^layer_row`` (indices from 1).

    >>> bias_name(2, 1)
    'b2_1'
    """
    return f"b{layer}_{row}"


def dense_network(widths: Sequence[int], activation: str = "f", *,
                  bias: bool = True) -> DenseNetwork:
    """Build the graph of a dense network with the given widths.

    >>> net = dense_network((2, 3, 2, 1))
    >>> len(net.graph), net.graph.functions
    (47, frozenset({'f'}))
    >>> dense_network((2,))
    Traceback (most recent call last):
    ...
    diffalg.graphs.graph.GraphError: widths (2,) give no layer: ...
    """
    widths = tuple(widths)
    if len(widths) < 2:
        raise GraphError(f"widths {widths} give no layer: give an input width "
                         "and at least one layer width, such as (2, 3, 1)")
    if any(not isinstance(w, int) or w < 1 for w in widths):
        raise GraphError(f"widths {widths} must be positive integers")
    wide = max(widths) > MAX_NARROW_WIDTH
    builder = GraphBuilder()
    inputs = tuple(f"e{k + 1}" for k in range(widths[0]))
    current = tuple(builder.variable(name) for name in inputs)
    layers = [current]
    pre_activations = []
    weights = []
    biases = []

    for layer in range(1, len(widths)):
        matrix = tuple(
            tuple(weight_name(layer, j + 1, k + 1, wide=wide)
                  for k in range(widths[layer - 1]))
            for j in range(widths[layer])
        )
        shifts = tuple(bias_name(layer, j + 1) for j in range(widths[layer]))
        sums = []
        for j, row in enumerate(matrix):
            terms = [builder.mul(builder.variable(name), current[k])
                     for k, name in enumerate(row)]
            if bias:
                terms.append(builder.variable(shifts[j]))
            sums.append(builder.add(*terms))
        pre_activations.append(tuple(sums))
        weights.append(matrix)
        biases.append(shifts)

        if layer < len(widths) - 1:
            current = tuple(builder.apply(activation, s) for s in sums)
        else:
            current = tuple(sums)
        layers.append(current)

    return DenseNetwork(
        widths, activation, bias, builder.build(*current), inputs, tuple(weights),
        tuple(biases), tuple(layers), tuple(pre_activations),
    )


def _symbols(network: DenseNetwork) -> dict[str, sympy.Expr]:
    return {name: sympy.Symbol(name) for name in network.graph.variables}


def output_expressions(network: DenseNetwork) -> list[sympy.Expr]:
    """Return the outputs written out in full, ``f`` kept as an undefined function.

    >>> net = dense_network((1, 1, 1))
    >>> output_expressions(net)
    [a2_11*f(a1_11*e1 + b1_1) + b2_1]
    """
    values = evaluate(network.graph, sympy_interpretation([network.activation]),
                      _symbols(network))
    return [values[i] for i in network.layers[-1]]


def layer_equations(network: DenseNetwork) -> list[tuple[str, sympy.Expr]]:
    """Return ``H{i}_{j} = …`` for every layer, in terms of the previous layer.

    >>> net = dense_network((1, 2, 1))
    >>> for name, rhs in layer_equations(net):
    ...     print(name, "=", rhs)
    H1_1 = a1_11*e1 + b1_1
    H1_2 = a1_21*e1 + b1_2
    o = a2_11*f(H1_1) + a2_12*f(H1_2) + b2_1
    """
    f = sympy.Function(network.activation)
    previous = [sympy.Symbol(name) for name in network.inputs]
    equations = []
    for layer, matrix in enumerate(network.weights, start=1):
        last = layer == network.depth
        names = (network.output_names if last else
                 tuple(f"H{layer}_{j + 1}" for j in range(len(matrix))))
        for j, row in enumerate(matrix):
            rhs = sum((sympy.Symbol(a) * h for a, h in zip(row, previous,
                                                           strict=True)),
                      sympy.Integer(0))
            if network.bias:
                rhs += sympy.Symbol(network.biases[layer - 1][j])
            equations.append((names[j], rhs))
        previous = [f(sympy.Symbol(name)) for name in names]
    return equations


def latex_names(network: DenseNetwork) -> dict[sympy.Symbol, str]:
    """Return the LaTeX spelling ``a^{i}_{jk}``, ``b^{i}_{j}``, ``e_{k}`` of each name.

    >>> latex_names(dense_network((1, 1)))[sympy.Symbol("a1_11")]
    'a^{1}_{11}'
    """
    wide = max(network.widths) > MAX_NARROW_WIDTH
    spelled: dict[sympy.Symbol, str] = {}
    for k, name in enumerate(network.inputs, start=1):
        spelled[sympy.Symbol(name)] = f"e_{{{k}}}"
    for layer, matrix in enumerate(network.weights, start=1):
        for j, row in enumerate(matrix, start=1):
            for k, name in enumerate(row, start=1):
                index = f"{j},{k}" if wide else f"{j}{k}"
                spelled[sympy.Symbol(name)] = f"a^{{{layer}}}_{{{index}}}"
            spelled[sympy.Symbol(network.biases[layer - 1][j - 1])] = (
                f"b^{{{layer}}}_{{{j}}}")
    return spelled


def written_out_text(network: DenseNetwork) -> str:
    """Return ``o = …`` with every coefficient named, one line per output.

    >>> print(written_out_text(dense_network((1, 1, 1))))
    o = a2_11*f(a1_11*e1 + b1_1) + b2_1
    """
    lines = []
    for name, expr in zip(network.output_names, output_expressions(network),
                          strict=True):
        lines.append(f"{name} = {expr}")
    return "\n".join(lines)


def written_out_latex(network: DenseNetwork) -> str:
    """Return the written-out outputs as LaTeX, one equation per line.

    >>> print(written_out_latex(dense_network((1, 1, 1))))
    o = a^{2}_{11} f{\\left(a^{1}_{11} e_{1} + b^{1}_{1} \\right)} + b^{2}_{1}
    """
    spelled = latex_names(network)
    lines = []
    for name, expr in zip(network.output_names, output_expressions(network),
                          strict=True):
        body = sympy.latex(expr, symbol_names=spelled)
        lines.append(f"{name} = {body}")
    return "\n".join(lines)


def evaluate_network(network: DenseNetwork, interpretation: Interpretation[T],
                     parameters: Mapping[str, T], inputs: Sequence[T]) -> list[T]:
    """Return the outputs for the given parameters and input vector.

    ``interpretation`` must define the activation function.

    >>> from diffalg.graphs.interpret import fraction_interpretation
    >>> net = dense_network((1, 1, 1), "relu")
    >>> params = dict(a1_11=Fraction(2), b1_1=Fraction(-1), a2_11=Fraction(3),
    ...               b2_1=Fraction(1, 2))
    >>> evaluate_network(net, fraction_interpretation(), params, [Fraction(2)])
    [Fraction(19, 2)]
    """
    if len(inputs) != len(network.inputs):
        raise GraphError(f"{len(inputs)} inputs for a network of input width "
                         f"{len(network.inputs)}: give one value per input")
    values = dict(parameters)
    values.update(zip(network.inputs, inputs, strict=True))
    forward = evaluate(network.graph, interpretation, values)
    return [forward[i] for i in network.layers[-1]]


def random_parameters(network: DenseNetwork, rng: random.Random, *,
                      exact: bool = False, scale: int = 4
                      ) -> dict[str, float] | dict[str, Fraction]:
    """Return random weights and biases in ``[-1, 1]``.

    With ``exact`` the values are fractions ``n/scale``, else floats.

    >>> net = dense_network((1, 1))
    >>> sorted(random_parameters(net, random.Random(0), exact=True).items())
    [('a1_11', Fraction(1, 2)), ('b1_1', Fraction(1, 2))]
    """
    if exact:
        return {name: Fraction(rng.randint(-scale, scale), scale)
                for name in network.parameters}
    return {name: rng.uniform(-1.0, 1.0) for name in network.parameters}
