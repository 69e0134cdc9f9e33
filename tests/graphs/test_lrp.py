"""LRP-0 and LRP-ε: graph propagation against loops, conservation verdicts."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from diffalg.graphs.graph import GraphError
from diffalg.graphs.lrp import (
    FailsWithWitness,
    HoldsExactly,
    LrpRule,
    check_conservation,
    decide_conservation,
    layer_sums,
    prove_layer_identity,
    relevances,
)
from diffalg.graphs.network import DenseNetwork, dense_network

Params = dict[str, Fraction]


def loop_lrp(net: DenseNetwork, params: Params, inputs: list[Fraction],
             epsilon: Fraction, output: int = 0) -> list[list[Fraction]]:
    """LRP with explicit matrices and loops: relevance of every layer's units."""
    widths = net.widths
    activations = [list(inputs)]
    pre_activations = []
    for i in range(1, len(widths)):
        z = []
        for j in range(widths[i]):
            total = params.get(f"b{i}_{j + 1}", Fraction(0))
            for k in range(widths[i - 1]):
                total += params[f"a{i}_{j + 1}{k + 1}"] * activations[-1][k]
            z.append(total)
        pre_activations.append(z)
        last = i == len(widths) - 1
        activations.append(z if last else [max(v, Fraction(0)) for v in z])

    relevance = [[v if j == output else Fraction(0)
                  for j, v in enumerate(activations[-1])]]
    for i in range(len(widths) - 1, 0, -1):
        upper = relevance[0]
        lower = [Fraction(0)] * widths[i - 1]
        for j in range(widths[i]):
            z = pre_activations[i - 1][j]
            sign = (z > 0) - (z < 0)
            denominator = z + epsilon * sign
            if denominator == 0:
                continue
            for k in range(widths[i - 1]):
                share = params[f"a{i}_{j + 1}{k + 1}"] * activations[i - 1][k]
                lower[k] += share / denominator * upper[j]
        relevance.insert(0, lower)
    return relevance


def random_instance(widths: tuple[int, ...], seed: int, *, bias: bool
                    ) -> tuple[DenseNetwork, Params, list[Fraction]]:
    rng = random.Random(seed)
    net = dense_network(widths, "relu", bias=bias)
    params = {n: Fraction(rng.randint(-4, 4), rng.randint(1, 3))
              for n in net.parameters}
    inputs = [Fraction(rng.randint(-4, 4), rng.randint(1, 2)) for _ in net.inputs]
    return net, params, inputs


INSTANCES = [((2, 3, 2, 1), s) for s in range(5)] + [
    ((3, 4, 3, 2), 20), ((2, 2, 2, 2, 1), 21), ((1, 3, 1), 22)]


@pytest.mark.parametrize(("widths", "seed"), INSTANCES)
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("epsilon", [Fraction(0), Fraction(1, 4)])
def test_graph_lrp_matches_loops(widths: tuple[int, ...], seed: int, bias: bool,
                                 epsilon: Fraction) -> None:
    net, params, inputs = random_instance(widths, seed, bias=bias)
    for output in range(widths[-1]):
        found = relevances(net, params, inputs, LrpRule(epsilon), output)
        expected = loop_lrp(net, params, inputs, epsilon, output)
        for layer in range(len(widths) - 1):
            assert [found[i] for i in net.layers[layer]] == expected[layer]
        assert found[net.layers[-1][output]] == expected[-1][output]


@pytest.mark.parametrize(("widths", "seed"), INSTANCES)
def test_lrp0_without_bias_conserves(widths: tuple[int, ...], seed: int) -> None:
    net, params, inputs = random_instance(widths, seed, bias=False)
    for output in range(widths[-1]):
        verdict = check_conservation(net, params, inputs, LrpRule(), output)
        assert isinstance(verdict, HoldsExactly), verdict
        sums = layer_sums(net, relevances(net, params, inputs, output=output))
        assert len(set(sums[:-1])) == 1


def test_conservation_with_zero_pre_activations() -> None:
    net = dense_network((2, 2, 1), "relu", bias=False)
    params = {"a1_11": Fraction(1), "a1_12": Fraction(-1), "a1_21": Fraction(0),
              "a1_22": Fraction(0), "a2_11": Fraction(2), "a2_12": Fraction(5)}
    verdict = check_conservation(net, params, [Fraction(3), Fraction(3)])
    assert isinstance(verdict, HoldsExactly)
    assert relevances(net, params, [Fraction(3), Fraction(3)])[
        net.layers[-1][0]] == 0


def test_decide_lrp0_without_bias_holds() -> None:
    verdict = decide_conservation((2, 3, 2, 1), LrpRule(), bias=False)
    assert isinstance(verdict, HoldsExactly)
    assert "2→3, 3→2, 2→1" in verdict.reason


def assert_witness_replays(verdict: object) -> None:
    assert isinstance(verdict, FailsWithWitness)
    witness = verdict.witness
    net = dense_network(witness.widths, "relu", bias=witness.bias)
    layers = loop_lrp(net, dict(witness.parameters), list(witness.inputs),
                      witness.rule.epsilon)
    output = sum(layers[-1], Fraction(0))
    assert output == witness.output_relevance
    assert sum(layers[witness.layer], Fraction(0)) == witness.layer_sum
    assert witness.layer_sum != witness.output_relevance
    assert str(witness.layer_sum) in witness.describe()


def test_decide_with_bias_fails_with_witness() -> None:
    verdict = decide_conservation((2, 3, 2, 1), LrpRule(), bias=True)
    assert_witness_replays(verdict)


def test_decide_epsilon_fails_with_witness() -> None:
    verdict = decide_conservation((2, 3, 2, 1), LrpRule(Fraction(1, 10)), bias=False)
    assert_witness_replays(verdict)


def test_layer_identity_detects_bias() -> None:
    assert prove_layer_identity(3, 2) == 0
    assert prove_layer_identity(3, 2, bias=True) != 0


def test_bad_lrp_inputs_rejected() -> None:
    net = dense_network((1, 1), "relu")
    with pytest.raises(TypeError, match="not exact"):
        relevances(net, {"a1_11": 0.5, "b1_1": Fraction(0)},  # type: ignore[dict-item]
                   [Fraction(1)])
    with pytest.raises(GraphError, match="epsilon"):
        LrpRule(Fraction(-1))
    with pytest.raises(GraphError, match="ReLU networks"):
        relevances(dense_network((1, 1, 1)), {}, [Fraction(1)])
    with pytest.raises(GraphError, match="2 inputs"):
        relevances(net, {"a1_11": Fraction(1), "b1_1": Fraction(0)},
                   [Fraction(1), Fraction(2)])
