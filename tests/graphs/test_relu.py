"""ReLU provenance: monomials are active paths, formal derivatives are gradients."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
import sympy

from diffalg.graphs.backward import gradient
from diffalg.graphs.graph import GraphError
from diffalg.graphs.interpret import fraction_interpretation, real_interpretation
from diffalg.graphs.network import DenseNetwork, dense_network, random_parameters
from diffalg.graphs.relu import (
    activation_pattern,
    formal_gradient,
    relu_provenance,
    select_activations,
)

Params = dict[str, Fraction]


def forward_pattern(widths: tuple[int, ...], params: Params,
                    inputs: list[Fraction]) -> list[list[bool]]:
    """Compute the activation pattern with plain loops, independently of graphs."""
    activations = list(inputs)
    pattern = []
    for i in range(1, len(widths) - 1):
        pre = []
        for j in range(widths[i]):
            total = params[f"b{i}_{j + 1}"]
            for k in range(widths[i - 1]):
                total += params[f"a{i}_{j + 1}{k + 1}"] * activations[k]
            pre.append(total)
        pattern.append([z > 0 for z in pre])
        activations = [z if z > 0 else Fraction(0) for z in pre]
    return pattern


def active_path_monomials(widths: tuple[int, ...], pattern: list[list[bool]],
                          output: int) -> set[frozenset[str]]:
    """List every input-to-output and bias-to-output path through active units."""
    depth = len(widths) - 1
    found: set[frozenset[str]] = set()
    for start in range(depth):
        # A path starts at input k (start = 0) or at the bias of layer `start`.
        hidden = [range(widths[i]) for i in range(start + 1, depth)]
        sources = range(widths[0]) if start == 0 else range(widths[start])
        for source in sources:
            for units in itertools.product(*hidden):
                chain = [source, *units, output]
                layers = range(start + 1, depth)
                if not all(pattern[i - 1][chain[i - start]] for i in layers):
                    continue
                if start > 0 and not pattern[start - 1][source]:
                    continue
                if start == 0:
                    names = [f"e{source + 1}"]
                else:
                    names = [f"b{start}_{source + 1}"]
                for step in range(len(chain) - 1):
                    layer = start + step + 1
                    names.append(f"a{layer}_{chain[step + 1] + 1}{chain[step] + 1}")
                found.add(frozenset(names))
    found.add(frozenset([f"b{depth}_{output + 1}"]))
    return found


def random_case(widths: tuple[int, ...], seed: int
                ) -> tuple[DenseNetwork, Params, list[Fraction]]:
    rng = random.Random(seed)
    net = dense_network(widths, "relu")
    params = random_parameters(net, rng, exact=True, scale=5)
    assert all(isinstance(v, Fraction) for v in params.values())
    inputs = [Fraction(rng.randint(-6, 6), 3) for _ in range(widths[0])]
    return net, params, inputs  # type: ignore[return-value]


CASES = [((2, 3, 2, 1), s) for s in range(6)] + [
    ((3, 4, 3, 2), 40), ((2, 3, 3, 3, 1), 41), ((1, 2, 1), 42), ((2, 2, 2, 2, 2), 43)]


@pytest.mark.parametrize(("widths", "seed"), CASES)
def test_monomials_are_active_paths(widths: tuple[int, ...], seed: int) -> None:
    net, params, inputs = random_case(widths, seed)
    provenance = relu_provenance(net, fraction_interpretation(), params, inputs)
    pattern = forward_pattern(widths, params, inputs)
    assert [list(p) for p in provenance.pattern] == pattern
    for output in range(widths[-1]):
        monomials = provenance.monomials(output)
        assert all(coefficient == 1 for coefficient, _ in monomials)
        found = {frozenset(names) for _, names in monomials}
        assert all(len(set(names)) == len(names) for _, names in monomials)
        assert found == active_path_monomials(widths, pattern, output)


def test_flipped_selection_changes_paths() -> None:
    widths = (2, 3, 2, 1)
    net, params, inputs = random_case(widths, 3)
    provenance = relu_provenance(net, fraction_interpretation(), params, inputs)
    pattern = forward_pattern(widths, params, inputs)
    pattern[-1][0] = not pattern[-1][0]
    flipped = active_path_monomials(widths, pattern, 0)
    assert {frozenset(n) for _, n in provenance.monomials()} != flipped


@pytest.mark.parametrize(("widths", "seed"), CASES)
def test_formal_derivative_is_gradient(widths: tuple[int, ...], seed: int) -> None:
    net, params, inputs = random_case(widths, seed)
    provenance = relu_provenance(net, fraction_interpretation(), params, inputs)
    point: dict[str, Fraction] = dict(params)
    point.update(zip(net.inputs, inputs, strict=True))
    for output in range(widths[-1]):
        formal = formal_gradient(provenance, point, output)
        reverse = gradient(net.graph, fraction_interpretation(), point,
                           net.graph.outputs[output])
        assert formal == reverse


def test_gradient_matches_sympy_with_fixed_heaviside() -> None:
    widths = (2, 3, 2, 1)
    net, params, inputs = random_case(widths, 8)
    pattern = forward_pattern(widths, params, inputs)
    symbols = {n: sympy.Symbol(n) for n in net.variables}
    vector = sympy.Matrix([symbols[n] for n in net.inputs])
    for i in range(1, len(widths)):
        a = sympy.Matrix([[symbols[n] for n in row] for row in net.weights[i - 1]])
        b = sympy.Matrix([symbols[n] for n in net.biases[i - 1]])
        vector = a * vector + b
        if i < len(widths) - 1:
            sigma = sympy.diag(*[1 if on else 0 for on in pattern[i - 1]])
            vector = sigma * vector
    output = vector[0]
    point = dict(params)
    point.update(zip(net.inputs, inputs, strict=True))
    provenance = relu_provenance(net, fraction_interpretation(), params, inputs)
    formal = formal_gradient(provenance, point)
    substitution = {symbols[n]: sympy.Rational(v.numerator, v.denominator)
                    for n, v in point.items()}
    for name, symbol in symbols.items():
        expected = sympy.diff(output, symbol).subs(substitution)
        assert sympy.Rational(formal[name].numerator,
                              formal[name].denominator) == expected, name


def test_float_pattern_agrees_with_exact() -> None:
    net, params, inputs = random_case((2, 3, 2, 1), 9)
    exact = activation_pattern(net, fraction_interpretation(), params, inputs)
    approximate = activation_pattern(
        net, real_interpretation(), {k: float(v) for k, v in params.items()},
        [float(v) for v in inputs])
    assert exact == approximate


def test_non_relu_network_rejected() -> None:
    net = dense_network((1, 1, 1))
    with pytest.raises(GraphError, match="'f'"):
        activation_pattern(net, fraction_interpretation(), {}, [Fraction(1)])
    with pytest.raises(GraphError, match="not a function application"):
        select_activations(net.graph, {0: True})
