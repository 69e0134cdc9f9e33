"""Dense networks: written-out outputs against matrices and by hand."""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace

import numpy as np
import pytest
import sympy

from diffalg.graphs.backward import gradient
from diffalg.graphs.graph import GraphError
from diffalg.graphs.interpret import real_interpretation, sympy_interpretation
from diffalg.graphs.network import (
    dense_network,
    evaluate_network,
    layer_equations,
    output_expressions,
    random_parameters,
    written_out_latex,
    written_out_text,
)

f = sympy.Function("f")
S = sympy.Symbol


def matrix_outputs(widths: tuple[int, ...], *, transpose_first: bool = False
                   ) -> list[sympy.Expr]:
    """Build the outputs with sympy matrices, naming coefficients independently."""
    sep = "_" if max(widths) > 9 else ""
    vector = sympy.Matrix([S(f"e{k}") for k in range(1, widths[0] + 1)])
    for i in range(1, len(widths)):
        rows, columns = widths[i], widths[i - 1]
        a = sympy.Matrix([[S(f"a{i}_{j + 1}{sep}{k + 1}") for k in range(columns)]
                          for j in range(rows)])
        if transpose_first and i == 1:
            a = sympy.Matrix([[S(f"a{i}_{k + 1}{sep}{j + 1}")
                               for k in range(columns)] for j in range(rows)])
        b = sympy.Matrix([S(f"b{i}_{j + 1}") for j in range(rows)])
        h = a * vector + b
        vector = h.applyfunc(f) if i < len(widths) - 1 else h
    return list(vector)


@pytest.mark.parametrize("widths", [(2, 3, 2, 1), (1, 2, 1), (3, 2, 2, 2),
                                    (2, 4, 3, 2, 1), (2, 10, 1)])
def test_outputs_match_matrix_products(widths: tuple[int, ...]) -> None:
    found = output_expressions(dense_network(widths))
    expected = matrix_outputs(widths)
    assert len(found) == len(expected)
    for left, right in zip(found, expected, strict=True):
        assert left == right
        assert sympy.expand(left - right) == 0


def test_transposed_matrix_detected() -> None:
    found = output_expressions(dense_network((2, 3, 2, 1)))
    broken = matrix_outputs((2, 3, 2, 1), transpose_first=True)
    assert found[0] != broken[0]


def test_note_network_terms_by_hand() -> None:
    e1, e2 = S("e1"), S("e2")
    h1 = [S(f"a1_{j}1") * e1 + S(f"a1_{j}2") * e2 + S(f"b1_{j}")
          for j in (1, 2, 3)]
    h2 = [S(f"a2_{j}1") * f(h1[0]) + S(f"a2_{j}2") * f(h1[1])
          + S(f"a2_{j}3") * f(h1[2]) + S(f"b2_{j}") for j in (1, 2)]
    output = S("a3_11") * f(h2[0]) + S("a3_12") * f(h2[1]) + S("b3_1")
    assert h1[0] == S("a1_11") * e1 + S("a1_12") * e2 + S("b1_1")
    assert output_expressions(dense_network((2, 3, 2, 1))) == [output]


def test_layer_equations_named() -> None:
    equations = dict(layer_equations(dense_network((2, 3, 2, 1))))
    assert list(equations) == ["H1_1", "H1_2", "H1_3", "H2_1", "H2_2", "o"]
    assert equations["o"] == (S("a3_11") * f(S("H2_1"))
                              + S("a3_12") * f(S("H2_2")) + S("b3_1"))
    assert equations["H2_1"] == (S("a2_11") * f(S("H1_1"))
                                 + S("a2_12") * f(S("H1_2"))
                                 + S("a2_13") * f(S("H1_3")) + S("b2_1"))
    assert equations["H1_1"] == S("a1_11") * S("e1") + S("a1_12") * S("e2") + S(
        "b1_1")


def test_written_out_text_and_latex() -> None:
    net = dense_network((2, 3, 2, 1))
    text = written_out_text(net)
    latex = written_out_latex(net)
    assert text.startswith("o = a3_11*f(a2_11*f(a1_11*e1 + a1_12*e2 + b1_1)")
    assert text.endswith("+ b3_1")
    names = set(net.variables)
    assert set(re.findall(r"\b[abe]\d+(?:_\d+)?\b", text)) == names
    assert latex.startswith(r"o = a^{3}_{11} f{\left(a^{2}_{11} f{\left(")
    for name in ("a^{1}_{32}", "b^{2}_{2}", "e_{2}", "b^{3}_{1}"):
        assert name in latex


def test_wide_layers_use_separated_indices() -> None:
    net = dense_network((2, 10, 1))
    assert net.weights[0][9] == ("a1_10_1", "a1_10_2")
    assert r"a^{1}_{10,2}" in written_out_latex(net)


def test_numeric_evaluation_matches_numpy() -> None:
    rng = random.Random(11)
    widths = (2, 3, 2, 1)
    net = dense_network(widths, "tanh")
    params = random_parameters(net, rng)
    point = [0.3, -0.8]
    found = evaluate_network(net, real_interpretation(), params, point)
    vector = np.array(point)
    for i in range(1, len(widths)):
        a = np.array([[params[n] for n in row] for row in net.weights[i - 1]])
        b = np.array([params[n] for n in net.biases[i - 1]])
        vector = a @ vector + b
        if i < len(widths) - 1:
            vector = np.tanh(vector)
    assert math.isclose(found[0], float(vector[0]), rel_tol=1e-12)


def test_undefined_activation_evaluated_numerically() -> None:
    net = dense_network((2, 3, 2, 1))
    real = real_interpretation()
    square_plus = replace(real, functions={**real.functions,
                                           "f": lambda t: t * t + 1.0})
    params = random_parameters(net, random.Random(5))
    point = [0.25, 2.0]
    found = evaluate_network(net, square_plus, params, point)[0]
    substitution = {S(n): v for n, v in params.items()}
    substitution.update({S("e1"): 0.25, S("e2"): 2.0})
    expr = output_expressions(net)[0].replace(f, lambda t: t * t + 1)
    assert math.isclose(found, float(expr.subs(substitution)), rel_tol=1e-12)


def test_symbolic_gradient_of_network() -> None:
    net = dense_network((2, 2, 1))
    symbols = {n: S(n) for n in net.graph.variables}
    grads = gradient(net.graph, sympy_interpretation(["f"]), symbols)
    output = output_expressions(net)[0]
    for name in ("a1_12", "e1", "b1_2", "a2_11"):
        assert sympy.simplify(grads[name] - sympy.diff(output, S(name))) == 0


def test_bad_network_requests_rejected() -> None:
    with pytest.raises(GraphError, match="no layer"):
        dense_network((3,))
    with pytest.raises(GraphError, match="positive integers"):
        dense_network((2, 0, 1))
    net = dense_network((2, 1), "relu")
    with pytest.raises(GraphError, match="1 inputs for a network of input width 2"):
        evaluate_network(net, real_interpretation(),
                         random_parameters(net, random.Random(0)), [1.0])


def test_network_without_biases() -> None:
    net = dense_network((2, 2, 1), bias=False)
    assert not any(name.startswith("b") for name in net.parameters)
    assert output_expressions(net) == [
        S("a2_11") * f(S("a1_11") * S("e1") + S("a1_12") * S("e2"))
        + S("a2_12") * f(S("a1_21") * S("e1") + S("a1_22") * S("e2"))]
