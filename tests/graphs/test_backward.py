"""Backward pass: agreement with sympy.diff, path sums, cost per edge."""

from __future__ import annotations

import math
import operator
import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffalg.graphs.backward import (
    adjoints,
    edge_labels,
    enumerate_paths,
    evaluate,
    gradient,
    path_sum,
)
from diffalg.graphs.build import GraphBuilder, graph_from_sympy
from diffalg.graphs.graph import Graph, GraphError, Node, Op
from diffalg.graphs.interpret import (
    SYMPY_SEMIRING,
    Interpretation,
    MissingOperationError,
    fraction_interpretation,
    natural_polynomials,
    real_interpretation,
    sympy_interpretation,
)
from diffalg.structures.semiring import Semiring

x, y, z = sympy.symbols("x y z")
NOTE_FUNCTION = x * sympy.exp((x**2 - y**2) * z)


def symbolic_gradient(expr: sympy.Expr) -> dict[str, sympy.Expr]:
    graph = graph_from_sympy(expr)
    symbols = {name: sympy.Symbol(name) for name in graph.variables}
    return gradient(graph, sympy_interpretation(undefined=["f"]), symbols)


def test_note_function_symbolic_gradient() -> None:
    found = symbolic_gradient(NOTE_FUNCTION)
    for symbol in (x, y, z):
        expected = sympy.diff(NOTE_FUNCTION, symbol)
        assert sympy.simplify(found[str(symbol)] - expected) == 0


def test_note_function_at_rational_points() -> None:
    graph = graph_from_sympy(NOTE_FUNCTION)
    rng = random.Random(7)
    for _ in range(20):
        point = {s: sympy.Rational(rng.randint(-9, 9), rng.randint(1, 5))
                 for s in (x, y, z)}
        exact = gradient(graph, sympy_interpretation(),
                         {str(s): v for s, v in point.items()})
        floats = gradient(graph, real_interpretation(),
                          {str(s): float(v) for s, v in point.items()})
        for symbol in (x, y, z):
            expected = sympy.diff(NOTE_FUNCTION, symbol).subs(point)
            assert sympy.simplify(exact[str(symbol)] - expected) == 0
            assert math.isclose(floats[str(symbol)], float(expected),
                                rel_tol=1e-12, abs_tol=1e-12)


def test_wrong_product_label_detected() -> None:
    graph = graph_from_sympy(NOTE_FUNCTION)
    point = {"x": 0.5, "y": -1.25, "z": 2.0}
    r = real_interpretation()
    labels = edge_labels(graph, r, evaluate(graph, r, point))
    outer = graph.output()
    broken = list(labels)
    broken[graph.edge_number(outer, 0)] += 1.0
    good = adjoints(graph, r.semiring, labels)
    bad = adjoints(graph, r.semiring, broken)
    expected = float(sympy.diff(NOTE_FUNCTION, x).subs(point))
    assert math.isclose(good[graph.variables["x"]], expected, rel_tol=1e-12)
    assert not math.isclose(bad[graph.variables["x"]], expected, rel_tol=1e-6)


def test_powers_and_quotients() -> None:
    expr = x**3 / y + sympy.sqrt(x * y) + y ** sympy.Rational(-3, 2)
    graph = graph_from_sympy(expr)
    powers = [n for n in graph.nodes if n.op is Op.POWER]
    assert {n.value for n in powers} == {-1, sympy.Rational(1, 2),
                                         sympy.Rational(-3, 2)}
    x_node = graph.variables["x"]
    cube = [n for n in graph.nodes if n.op is Op.MUL and n.args == (x_node,) * 3]
    assert len(cube) == 1
    point = {"x": 1.5, "y": 0.75}
    found = gradient(graph, real_interpretation(), point)
    for symbol in (x, y):
        expected = float(sympy.diff(expr, symbol).subs(point))
        assert math.isclose(found[str(symbol)], expected, rel_tol=1e-12)


def test_common_subexpressions_shared() -> None:
    inner = x + y
    graph = graph_from_sympy(sympy.exp(inner) * inner + sympy.sin(inner))
    sums = [n for n in graph.nodes if n.op is Op.ADD and n.args[0] < 2]
    assert len(sums) == 1
    assert len(graph.children[sums[0].index]) == 3


def test_missing_function_names_semiring() -> None:
    graph = graph_from_sympy(sympy.cosh(x))
    with pytest.raises(MissingOperationError, match=r"'cosh'.*'R \(float\)'"):
        evaluate(graph, real_interpretation(), {"x": 1.0})
    with pytest.raises(MissingOperationError, match=r"'exp'.*'Q \(Fraction\)'"):
        evaluate(graph_from_sympy(sympy.exp(x)), fraction_interpretation(),
                 {"x": Fraction(1)})


def test_missing_derivative_names_semiring() -> None:
    r = real_interpretation()
    only_value = Interpretation(r.semiring, {"exp": math.exp}, {},
                                constant=r.constant)
    graph = graph_from_sympy(sympy.exp(x))
    values = evaluate(graph, only_value, {"x": 0.0})
    with pytest.raises(MissingOperationError, match="derivative of 'exp'"):
        edge_labels(graph, only_value, values)


def test_bad_inputs_rejected() -> None:
    graph = graph_from_sympy(x * y)
    with pytest.raises(GraphError, match="'y'"):
        evaluate(graph, real_interpretation(), {"x": 1.0})
    with pytest.raises(GraphError, match=r"\['w'\]"):
        evaluate(graph, real_interpretation(), {"x": 1.0, "y": 2.0, "w": 0.0})
    with pytest.raises(GraphError, match="labels for 2 edges"):
        adjoints(graph, SYMPY_SEMIRING, [sympy.Integer(1)])
    with pytest.raises(TypeError, match="never sympifies"):
        graph_from_sympy(["x*y"])  # type: ignore[list-item]


# Random expressions: a bounded grammar over x, y, z.

UNARY = (sympy.exp, sympy.sin, sympy.cos, sympy.tanh)


def expressions(depth: int) -> st.SearchStrategy[sympy.Expr]:
    leaves = st.one_of(
        st.sampled_from([x, y, z]),
        st.integers(-3, 3).map(sympy.Integer),
        st.fractions(min_value=-2, max_value=2, max_denominator=4).map(
            lambda q: sympy.Rational(q.numerator, q.denominator)),
    )
    if depth == 0:
        return leaves
    smaller = expressions(depth - 1)
    return st.one_of(
        leaves,
        st.tuples(smaller, smaller).map(lambda p: p[0] + p[1]),
        st.tuples(smaller, smaller).map(lambda p: p[0] * p[1]),
        st.tuples(smaller, st.integers(2, 4)).map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(UNARY), smaller).map(lambda p: p[0](p[1])),
    )


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(expr=expressions(3),
       point=st.tuples(*[st.floats(-1.5, 1.5) for _ in range(3)]))
def test_random_expressions_match_sympy(expr: sympy.Expr,
                                        point: tuple[float, float, float]) -> None:
    values = dict(zip(("x", "y", "z"), point, strict=True))
    graph = graph_from_sympy(expr)
    inputs = {name: values[name] for name in graph.variables}
    found = gradient(graph, real_interpretation(), inputs)
    for symbol in (x, y, z):
        expected = float(sympy.diff(expr, symbol).evalf(subs=values))
        if not math.isfinite(expected):
            continue
        assert math.isclose(found.get(str(symbol), 0.0), expected,
                            rel_tol=1e-9, abs_tol=1e-9), (expr, symbol)


# Symbolic labels: the adjoint is the sum over paths of label products.


def paths_by_recursion(graph: Graph, source: int, target: int) -> list[list[int]]:
    """Enumerate paths as edge numbers, walking the argument lists backwards."""
    if source == target:
        return [[]]
    found: list[list[int]] = []
    node = graph.nodes[target]
    for position, parent in enumerate(node.args):
        for prefix in paths_by_recursion(graph, source, parent):
            found.append([*prefix, graph.edge_number(target, position)])
    return found


def random_graph(rng: random.Random, size: int) -> Graph:
    builder = GraphBuilder(share=False)
    nodes = [builder.variable(name) for name in ("u", "v", "w")]
    for _ in range(size):
        kind = rng.choice(["add", "mul", "apply"])
        if kind == "apply":
            nodes.append(builder.apply("g", rng.choice(nodes)))
        else:
            args = [rng.choice(nodes) for _ in range(rng.randint(2, 3))]
            nodes.append(builder.add(*args) if kind == "add" else builder.mul(*args))
    return builder.build(nodes[-1])


@pytest.mark.parametrize("seed", range(8))
def test_symbolic_labels_sum_over_paths(seed: int) -> None:
    graph = random_graph(random.Random(seed), 7)
    labels = sympy.symbols(f"l0:{len(graph.edges)}")
    adjoint = adjoints(graph, SYMPY_SEMIRING, labels)
    for name, index in graph.variables.items():
        paths = paths_by_recursion(graph, index, graph.output())
        expected = sum((sympy.Mul(*[labels[e] for e in p]) for p in paths),
                       sympy.Integer(0))
        assert sympy.expand(adjoint[index] - expected) == 0, name
        assert sorted(tuple(p) for p in paths) == enumerate_paths(graph, index)


@pytest.mark.parametrize("seed", range(4))
def test_polynomial_labels_sum_over_paths(seed: int) -> None:
    graph = random_graph(random.Random(100 + seed), 6)
    generators = sympy.symbols(f"p0:{len(graph.edges)}")
    semiring = natural_polynomials(generators)
    labels = [sympy.Poly(g, *generators, domain="ZZ") for g in generators]
    adjoint = adjoints(graph, semiring, labels)
    for index in graph.variables.values():
        expected = path_sum(graph, semiring, labels, index)
        assert adjoint[index] == expected
        paths = paths_by_recursion(graph, index, graph.output())
        assert sum(expected.coeffs()) == len(paths) if paths else expected.is_zero


def test_path_sum_detects_broken_label() -> None:
    graph = random_graph(random.Random(3), 7)
    labels = list(sympy.symbols(f"l0:{len(graph.edges)}"))
    sources = [i for i in graph.variables.values()
               if paths_by_recursion(graph, i, graph.output())]
    assert sources
    source = sources[0]
    paths = paths_by_recursion(graph, source, graph.output())
    correct = adjoints(graph, SYMPY_SEMIRING, labels)[source]
    labels[paths[0][0]] = 2 * labels[paths[0][0]]
    assert sympy.expand(path_sum(graph, SYMPY_SEMIRING, labels, source)
                        - correct) != 0


def counting_semiring() -> tuple[Semiring[float], dict[str, int]]:
    counts = {"add": 0, "mul": 0}

    def add(a: float, b: float) -> float:
        counts["add"] += 1
        return a + b

    def mul(a: float, b: float) -> float:
        counts["mul"] += 1
        return a * b

    return Semiring("counting", 0.0, 1.0, add, mul), counts


def test_sweep_costs_one_product_per_edge() -> None:
    builder = GraphBuilder()
    current = builder.variable("x")
    other = builder.variable("y")
    for step in range(200):
        current = builder.mul(current, other) if step % 2 else builder.add(
            current, builder.apply("sin", current))
    graph = builder.build(current)
    semiring, counts = counting_semiring()
    adjoints(graph, semiring, [1.0] * len(graph.edges))
    assert counts["mul"] == len(graph.edges)
    assert counts["add"] <= len(graph.edges)


def test_product_labels_linear_in_arity() -> None:
    builder = GraphBuilder()
    factors = [builder.variable(f"x{i}") for i in range(50)]
    graph = builder.build(builder.mul(*factors))
    semiring, counts = counting_semiring()
    interpretation = Interpretation(semiring)
    values = [float(i + 1) for i in range(50)] + [0.0]
    labels = edge_labels(graph, interpretation, values)
    assert counts["mul"] <= 3 * 50
    assert math.isclose(labels[10], math.prod(range(1, 51)) / 11, rel_tol=1e-12)


def test_natural_constants_embed_in_any_semiring() -> None:
    booleans = Semiring("B", False, True, operator.or_, operator.and_)
    graph = graph_from_sympy(3 * x + 2)
    assert evaluate(graph, Interpretation(booleans), {"x": False})[-1] is True
    with pytest.raises(MissingOperationError, match="constant -1"):
        evaluate(graph_from_sympy(x - y), Interpretation(booleans),
                 {"x": True, "y": True})


def test_bare_semiring_evaluates_sums_and_products() -> None:
    tropical = Semiring("tropical (min, +)", math.inf, 0.0, min, operator.add)
    graph = graph_from_sympy(x * y + 2 * z)
    values = evaluate(graph, tropical, {"x": 1.0, "y": 4.0, "z": 2.0})
    assert values[graph.output()] == min(1.0 + 4.0, (0.0 + 0.0) + 2.0)
    with pytest.raises(MissingOperationError,
                       match=r"'exp' is not defined in semiring 'tropical"):
        evaluate(graph_from_sympy(sympy.exp(x)), tropical, {"x": 0.0})


def test_power_node_needs_rational_exponent() -> None:
    nodes = (Node(0, Op.VARIABLE, name="x"),
             Node(1, Op.POWER, (0,), value=sympy.Float(0.5)))
    with pytest.raises(GraphError, match="rational exponent"):
        Graph(nodes, outputs=(1,))
