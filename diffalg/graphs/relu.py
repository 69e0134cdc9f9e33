"""Provenance of a ReLU network at a point: active paths as polynomial monomials.

At a point (concrete weights, biases and input), each ReLU either passes
its pre-activation (``z > 0``) or outputs 0.  Replacing every ReLU by the
product ``σ·z`` with the selection ``σ ∈ {0, 1}`` read off the real forward
pass gives a network that agrees with the original at the point and is
polynomial in the weights, biases and inputs.  Evaluated in ``N[X]``, with
every weight, bias and input a variable, its output is a polynomial whose
monomials are the *active paths*.  A path from input ``k`` through active
neurons only gives ``e_k · a^1_{j₁k} · a^2_{j₂j₁} ⋯``, and a path from a
bias gives ``b^i_j · a^{i+1}_{…} ⋯``.  In a dense network
distinct paths use distinct weights, so every coefficient is 1.

Because the selected network is a polynomial that agrees with the ReLU
network near the point (where no pre-activation is 0), the formal
derivative of this polynomial in any variable, evaluated at the point, is
the real gradient there, with the convention ``relu′(0) = 0``.

Main names: :class:`ReluProvenance`, :func:`activation_pattern`,
:func:`select_activations`, :func:`relu_provenance`,
:func:`formal_gradient`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from diffalg.graphs.backward import evaluate
from diffalg.graphs.build import GraphBuilder
from diffalg.graphs.graph import Graph, GraphError, Op
from diffalg.graphs.interpret import (
    Interpretation,
    polynomial_interpretation,
    polynomial_variable,
)
from diffalg.graphs.network import DenseNetwork

Number = Fraction | float


def activation_pattern(network: DenseNetwork, interpretation: Interpretation[Number],
                       parameters: Mapping[str, Number],
                       inputs: Sequence[Number]) -> tuple[tuple[bool, ...], ...]:
    """Return, per hidden layer, whether each pre-activation is ``> 0``.

    ``interpretation`` must be an ordered number field, such as
    :func:`~diffalg.graphs.interpret.fraction_interpretation` or
    :func:`~diffalg.graphs.interpret.real_interpretation`.

    >>> from diffalg.graphs.interpret import fraction_interpretation
    >>> from diffalg.graphs.network import dense_network
    >>> net = dense_network((1, 2, 1), "relu")
    >>> params = dict(a1_11=Fraction(1), a1_21=Fraction(-1), b1_1=Fraction(0),
    ...               b1_2=Fraction(0), a2_11=Fraction(1), a2_12=Fraction(1),
    ...               b2_1=Fraction(0))
    >>> activation_pattern(net, fraction_interpretation(), params, [Fraction(3)])
    ((True, False),)
    """
    _require_relu(network)
    values = dict(parameters)
    if len(inputs) != len(network.inputs):
        raise GraphError(f"{len(inputs)} inputs for a network of input width "
                         f"{len(network.inputs)}: give one value per input")
    values.update(zip(network.inputs, inputs, strict=True))
    forward = evaluate(network.graph, interpretation, values)
    return tuple(tuple(bool(forward[node] > 0) for node in layer)
                 for layer in network.pre_activations[:-1])


def _require_relu(network: DenseNetwork) -> None:
    if network.activation != "relu":
        raise GraphError(f"network activation is {network.activation!r}: build "
                         "it with dense_network(widths, 'relu')")


def select_activations(graph: Graph, selections: Mapping[int, bool]) -> Graph:
    """Replace each ``APPLY`` node listed in ``selections`` by ``σ·argument``.

    ``σ`` is a constant node, 1 where the selection is true and 0 where it
    is false.  Node indices change, because constant nodes are added.

    >>> from diffalg.graphs.network import dense_network
    >>> net = dense_network((1, 1, 1), "relu")
    >>> relu_node = net.layers[1][0]
    >>> g = select_activations(net.graph, {relu_node: True})
    >>> g.functions, sorted(n.symbol() for n in g.nodes if n.op is Op.CONSTANT)
    (frozenset(), ['1'])
    """
    for index in selections:
        if not 0 <= index < len(graph) or graph.nodes[index].op is not Op.APPLY:
            raise GraphError(f"node {index} is not a function application, so "
                             "it cannot be replaced by a selection")
    builder = GraphBuilder(share=False)
    renumbered: list[int] = []
    for node in graph.nodes:
        args = [renumbered[i] for i in node.args]
        if node.index in selections:
            sigma = builder.constant(1 if selections[node.index] else 0)
            renumbered.append(builder.mul(sigma, args[0]))
        elif node.op is Op.VARIABLE:
            renumbered.append(builder.variable(node.name))
        elif node.op is Op.CONSTANT:
            assert node.value is not None
            renumbered.append(builder.constant(node.value))
        elif node.op is Op.ADD:
            renumbered.append(builder.add(*args))
        elif node.op is Op.MUL:
            renumbered.append(builder.mul(*args))
        elif node.op is Op.POWER:
            assert node.value is not None
            renumbered.append(builder.power(args[0], node.value))
        else:
            renumbered.append(builder.apply(node.name, args[0]))
    return builder.build(*(renumbered[i] for i in graph.outputs))


@dataclass(frozen=True)
class ReluProvenance:
    """The activation pattern, the selected graph and the ``N[X]`` outputs.

    ``polynomials[i]`` is output ``i`` as a polynomial in ``generators`` (all
    inputs, weights and biases, in :attr:`DenseNetwork.variables` order).
    """

    network: DenseNetwork
    pattern: tuple[tuple[bool, ...], ...]
    selected: Graph
    generators: tuple[sympy.Symbol, ...]
    polynomials: tuple[sympy.Poly, ...]

    def monomials(self, output: int = 0) -> list[tuple[int, tuple[str, ...]]]:
        """Return each monomial as its coefficient and its variables.

        The variables are listed from the source (an input or a bias) to the
        output, which is path order.  A variable of degree ``d`` is listed
        ``d`` times.
        """
        order = {str(g): i for i, g in enumerate(self.generators)}
        rank = _path_rank(self.network)
        found = []
        for exponents, coefficient in self.polynomials[output].terms():
            names = [str(g) for g, e in zip(self.generators, exponents,
                                            strict=True) for _ in range(e)]
            names.sort(key=lambda n: (rank[n], order[n]))
            found.append((int(coefficient), tuple(names)))
        return sorted(found, key=lambda item: item[1])


def _path_rank(network: DenseNetwork) -> dict[str, int]:
    rank = {name: 0 for name in network.inputs}
    for layer, matrix in enumerate(network.weights, start=1):
        for row in matrix:
            rank.update({name: layer for name in row})
        rank.update({name: layer - 1 for name in network.biases[layer - 1]})
    return rank


def relu_provenance(network: DenseNetwork, interpretation: Interpretation[Number],
                    parameters: Mapping[str, Number],
                    inputs: Sequence[Number]) -> ReluProvenance:
    """Select each ReLU by the real forward pass and evaluate the result in ``N[X]``.

    >>> from diffalg.graphs.interpret import fraction_interpretation
    >>> from diffalg.graphs.network import dense_network
    >>> net = dense_network((1, 2, 1), "relu")
    >>> params = dict(a1_11=Fraction(1), a1_21=Fraction(-1), b1_1=Fraction(0),
    ...               b1_2=Fraction(0), a2_11=Fraction(1), a2_12=Fraction(1),
    ...               b2_1=Fraction(0))
    >>> p = relu_provenance(net, fraction_interpretation(), params, [Fraction(3)])
    >>> p.polynomials[0].as_expr()
    a1_11*a2_11*e1 + a2_11*b1_1 + b2_1
    >>> p.monomials()
    [(1, ('b1_1', 'a2_11')), (1, ('b2_1',)), (1, ('e1', 'a1_11', 'a2_11'))]
    """
    pattern = activation_pattern(network, interpretation, parameters, inputs)
    selections: dict[int, bool] = {}
    for layer, flags in zip(network.layers[1:-1], pattern, strict=True):
        selections.update(zip(layer, flags, strict=True))
    selected = select_activations(network.graph, selections)

    generators = tuple(sympy.Symbol(name) for name in network.variables)
    provenance = polynomial_interpretation(generators)
    semiring = provenance.semiring
    symbols = {name: polynomial_variable(semiring, name)
               for name in network.variables}
    values = evaluate(selected, provenance, symbols)
    outputs = tuple(values[i] for i in selected.outputs)
    return ReluProvenance(network, pattern, selected, generators, outputs)


def evaluate_polynomial(polynomial: sympy.Poly, point: Mapping[str, Number]) -> Number:
    """Return the value of ``polynomial`` at ``point`` (exact for fractions).

    >>> x, y = sympy.symbols("x y")
    >>> p = sympy.Poly(x**2 * y + 3, x, y, domain="ZZ")
    >>> evaluate_polynomial(p, {"x": Fraction(1, 2), "y": Fraction(4)})
    Fraction(4, 1)
    """
    names = [str(g) for g in polynomial.gens]
    missing = sorted(set(names) - set(point))
    if missing:
        raise GraphError(f"no value for {missing}: give a value for every "
                         "generator of the polynomial")
    total: Number = Fraction(0)
    for exponents, coefficient in polynomial.terms():
        term: Number = Fraction(int(coefficient))
        for name, exponent in zip(names, exponents, strict=True):
            if exponent:
                term = term * point[name] ** exponent
        total = total + term
    return total


def formal_gradient(provenance: ReluProvenance, point: Mapping[str, Number],
                    output: int = 0) -> dict[str, Number]:
    """Return ``∂P/∂v`` at ``point`` for every variable ``v`` of the output polynomial.

    >>> x = sympy.Symbol("x")
    >>> from diffalg.graphs.network import dense_network
    >>> net = dense_network((1, 1), "relu")
    >>> p = ReluProvenance(net, (), net.graph, (x,),
    ...                    (sympy.Poly(x**3, x, domain="ZZ"),))
    >>> formal_gradient(p, {"x": Fraction(2)})
    {'x': Fraction(12, 1)}
    """
    polynomial = provenance.polynomials[output]
    found: dict[str, Number] = {}
    for generator in provenance.generators:
        derivative = polynomial.diff(generator)
        found[str(generator)] = evaluate_polynomial(derivative, point)
    return found
