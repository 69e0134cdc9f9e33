"""Layer-wise relevance propagation (LRP-0, LRP-ε) on dense ReLU network graphs.

LRP explains an output ``o`` by distributing it backwards over the same
computation graph that the backward pass uses.  The output node starts
with relevance ``R = o``; then, in reverse topological order,

- a sum node ``z = Σ tₖ`` (the terms ``w·a`` and the bias) gives each term
  ``R_{tₖ} = tₖ / (z + ε·sign z) · R_z`` (LRP-0 is ``ε = 0``; a zero
  denominator passes nothing);
- a product node ``w·a`` passes all its relevance to the activation ``a``,
  none to the weight ``w``;
- a ReLU node passes its relevance unchanged to its pre-activation.

The relevance reaching a bias stays there.  *Conservation* is the law that
the relevances of every layer (the inputs, then each hidden layer) sum to
``o``.  For LRP-0 without biases it holds exactly: each layer step is the
identity ``Σₖ Σⱼ aₖ wⱼₖ / zⱼ · Rⱼ = Σⱼ Rⱼ`` with ``zⱼ = Σₖ wⱼₖ aₖ``, and a
unit with ``zⱼ = 0`` has ``Rⱼ = 0`` (its ReLU outputs 0, or at the output
``R = o = z = 0``).  With biases the layer sum loses ``Σⱼ bⱼ/zⱼ · Rⱼ``, and
with ``ε > 0`` it is scaled by ``zⱼ/(zⱼ ± ε)``, so conservation fails.

:func:`decide_conservation` returns typed verdicts: :class:`HoldsExactly`
(with the identity sympy proved), :class:`FailsWithWitness` (with the
network, input and the two sums, in exact rationals) or
:class:`NoWitnessFound` when a search for a witness ran out.

Reference: Bach, Binder, Montavon, Klauschen, Müller, Samek, "On Pixel-Wise
Explanations for Non-Linear Classifier Decisions by Layer-Wise Relevance
Propagation", PLOS ONE 10(7), 2015.

Main names: :class:`LrpRule`, :func:`relevances`, :func:`layer_sums`,
:func:`check_conservation`, :func:`decide_conservation`,
:class:`HoldsExactly`, :class:`FailsWithWitness`, :class:`NoWitnessFound`.
"""

from __future__ import annotations

import itertools
import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from diffalg.graphs.backward import evaluate
from diffalg.graphs.graph import GraphError, Op
from diffalg.graphs.interpret import fraction_interpretation
from diffalg.graphs.network import DenseNetwork, dense_network

logger = logging.getLogger(__name__)

CONSERVATION = "relevance conservation: every layer's relevances sum to the output"


@dataclass(frozen=True)
class LrpRule:
    """An LRP rule: ``ε = 0`` is LRP-0, ``ε > 0`` is LRP-ε.

    >>> LrpRule().name, LrpRule(Fraction(1, 10)).name
    ('LRP-0', 'LRP-ε (ε = 1/10)')
    """

    epsilon: Fraction = Fraction(0)

    def __post_init__(self) -> None:
        if not isinstance(self.epsilon, Fraction | int) or self.epsilon < 0:
            raise GraphError(f"epsilon {self.epsilon!r} is invalid: use a "
                             "Fraction >= 0 so that results are exact")

    @property
    def name(self) -> str:
        """``LRP-0`` or ``LRP-ε (ε = …)``."""
        if self.epsilon == 0:
            return "LRP-0"
        return f"LRP-ε (ε = {self.epsilon})"


def _as_fractions(values: Mapping[str, object], what: str) -> dict[str, Fraction]:
    converted = {}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, Fraction | int):
            raise TypeError(f"{what} {name} = {value!r} is not exact: use "
                            "fractions.Fraction or int so that sums compare exactly")
        converted[name] = Fraction(value)
    return converted


def _sign(value: Fraction) -> int:
    return (value > 0) - (value < 0)


def _share(term: Fraction, total: Fraction, rule: LrpRule,
           relevance: Fraction) -> Fraction:
    denominator = total + rule.epsilon * _sign(total)
    if denominator == 0:
        return Fraction(0)
    return term / denominator * relevance


def relevances(network: DenseNetwork, parameters: Mapping[str, Fraction],
               inputs: Sequence[Fraction], rule: LrpRule = LrpRule(),
               output: int = 0) -> list[Fraction]:
    """Return the relevance of every node of ``network.graph`` for one output.

    >>> net = dense_network((2, 1), "relu", bias=False)
    >>> r = relevances(net, {"a1_11": Fraction(1), "a1_12": Fraction(3)},
    ...                [Fraction(2), Fraction(1)])
    >>> [r[i] for i in net.layers[0]], r[net.layers[-1][0]]
    ([Fraction(2, 1), Fraction(3, 1)], Fraction(5, 1))
    """
    if network.activation != "relu":
        raise GraphError(f"LRP here is for ReLU networks, not activation "
                         f"{network.activation!r}: use dense_network(widths, 'relu')")
    values = _as_fractions(parameters, "parameter")
    point = _as_fractions(dict(zip(network.inputs, inputs, strict=False)), "input")
    if len(inputs) != len(network.inputs):
        raise GraphError(f"{len(inputs)} inputs for a network of input width "
                         f"{len(network.inputs)}: give one value per input")
    values.update(point)
    graph = network.graph
    forward = evaluate(graph, fraction_interpretation(), values)
    weights = {name for matrix in network.weights for row in matrix for name in row}

    single_term = {node for layer in network.pre_activations for node in layer
                   if graph.nodes[node].op is Op.MUL}
    relevance = [Fraction(0)] * len(graph)
    target = graph.output(output)
    relevance[target] = forward[target]
    for node in reversed(graph.nodes):
        incoming = relevance[node.index]
        if incoming == 0 or not node.args:
            continue
        if node.op is Op.ADD:
            for arg in node.args:
                relevance[arg] += _share(forward[arg], forward[node.index], rule,
                                         incoming)
        elif node.op is Op.MUL:
            if node.index in single_term:
                # A layer with one input and no bias has the product itself
                # as pre-activation z = t, so the sum rule gives t/(z ± ε).
                incoming = _share(forward[node.index], forward[node.index],
                                  rule, incoming)
            activations = [a for a in node.args
                           if graph.nodes[a].name not in weights]
            if len(node.args) != 2 or len(activations) != 1:
                raise GraphError(f"node {node.index} is not a product weight·input")
            relevance[activations[0]] += incoming
        elif node.op is Op.APPLY and node.name == "relu":
            relevance[node.args[0]] += incoming
        else:
            raise GraphError(f"node {node.index} ({node.symbol()}) has no LRP rule")
    return relevance


def layer_sums(network: DenseNetwork, relevance: Sequence[Fraction]) -> list[Fraction]:
    """Return the total relevance of each layer: inputs, hidden layers, outputs.

    >>> net = dense_network((2, 1), "relu", bias=False)
    >>> layer_sums(net, relevances(net, {"a1_11": Fraction(1),
    ...     "a1_12": Fraction(3)}, [Fraction(2), Fraction(1)]))
    [Fraction(5, 1), Fraction(5, 1)]
    """
    return [sum((relevance[i] for i in layer), Fraction(0))
            for layer in network.layers]


@dataclass(frozen=True)
class ConservationWitness:
    """A network and input where one layer's relevance differs from the output's.

    ``layer`` is the first layer (0 = inputs) whose sum ``layer_sum``
    differs from ``output_relevance``; ``sums`` lists every layer's sum.
    """

    widths: tuple[int, ...]
    bias: bool
    rule: LrpRule
    parameters: Mapping[str, Fraction]
    inputs: tuple[Fraction, ...]
    layer: int
    layer_sum: Fraction
    output_relevance: Fraction
    sums: tuple[Fraction, ...] = ()

    def describe(self) -> str:
        """Return the witness as report text with both sums.

        >>> w = ConservationWitness((1, 1), True, LrpRule(), {"a1_11": Fraction(1),
        ...     "b1_1": Fraction(1)}, (Fraction(1),), 0, Fraction(1, 2), Fraction(2))
        >>> print(w.describe())
        LRP-0 on widths (1, 1) with biases, input (1,):
        layer 0 relevance sums to 1/2 but the output relevance is 2
        parameters: a1_11=1, b1_1=1
        """
        shown = ", ".join(f"{k}={v}" for k, v in self.parameters.items())
        given = ", ".join(str(v) for v in self.inputs)
        kind = "with biases" if self.bias else "without biases"
        return (f"{self.rule.name} on widths {self.widths} {kind}, input ({given},):\n"
                f"layer {self.layer} relevance sums to {self.layer_sum} but the "
                f"output relevance is {self.output_relevance}\n"
                f"parameters: {shown}")


@dataclass(frozen=True)
class HoldsExactly:
    """Conservation holds exactly; ``reason`` states the identity or the instance."""

    law: str
    rule: LrpRule
    reason: str


@dataclass(frozen=True)
class FailsWithWitness:
    """Conservation fails, shown by ``witness``."""

    law: str
    rule: LrpRule
    witness: ConservationWitness


@dataclass(frozen=True)
class NoWitnessFound:
    """Neither proved nor refuted: ``searched`` instances all conserved relevance."""

    law: str
    rule: LrpRule
    searched: int


ConservationVerdict = HoldsExactly | FailsWithWitness | NoWitnessFound


def check_conservation(network: DenseNetwork, parameters: Mapping[str, Fraction],
                       inputs: Sequence[Fraction], rule: LrpRule = LrpRule(),
                       output: int = 0) -> HoldsExactly | FailsWithWitness:
    """Decide conservation exactly on one network and input.

    >>> net = dense_network((1, 1), "relu")
    >>> v = check_conservation(net, {"a1_11": Fraction(1), "b1_1": Fraction(1)},
    ...                        [Fraction(1)])
    >>> type(v).__name__, v.witness.layer_sum, v.witness.output_relevance
    ('FailsWithWitness', Fraction(1, 1), Fraction(2, 1))
    """
    relevance = relevances(network, parameters, inputs, rule, output)
    sums = layer_sums(network, relevance)
    total = relevance[network.graph.output(output)]
    for layer, layer_sum in enumerate(sums[:-1]):
        if layer_sum != total:
            witness = ConservationWitness(
                network.widths, network.bias, rule, dict(parameters),
                tuple(Fraction(v) for v in inputs), layer, layer_sum, total,
                tuple(sums))
            return FailsWithWitness(CONSERVATION, rule, witness)
    return HoldsExactly(CONSERVATION, rule,
                        f"every layer sums to {total} on this instance")


def prove_layer_identity(inputs: int, outputs: int, *,
                         bias: bool = False) -> sympy.Expr:
    """Return ``Σₖ Rₖ − Σⱼ Rⱼ`` for one LRP-0 layer, simplified by ``sympy.cancel``.

    The result is 0 exactly when the identity holds for all values with
    ``zⱼ ≠ 0``.  With ``bias`` each ``zⱼ`` gets a bias ``bⱼ`` and the
    remainder is the relevance the biases absorb.

    >>> prove_layer_identity(2, 3)
    0
    >>> prove_layer_identity(1, 1, bias=True)
    -R1*b1/(a1*w0_0 + b1)
    """
    a = sympy.symbols(f"a1:{inputs + 1}")
    r = sympy.symbols(f"R1:{outputs + 1}")
    b = sympy.symbols(f"b1:{outputs + 1}")
    w = [[sympy.Symbol(f"w{j}_{k}") for k in range(inputs)] for j in range(outputs)]
    z = [sum((w[j][k] * a[k] for k in range(inputs)), sympy.Integer(0))
         for j in range(outputs)]
    if bias:
        z = [z[j] + b[j] for j in range(outputs)]
    lower = sum((a[k] * w[j][k] / z[j] * r[j]
                 for k in range(inputs) for j in range(outputs)), sympy.Integer(0))
    result: sympy.Expr = sympy.cancel(sympy.together(lower - sum(r)))
    return result


def decide_conservation(widths: Sequence[int], rule: LrpRule = LrpRule(), *,
                        bias: bool = True, attempts: int = 200,
                        seed: int = 0) -> ConservationVerdict:
    """Prove conservation for LRP-0 without biases, else search for a witness.

    The proof is the layer identity of :func:`prove_layer_identity` for every
    pair of consecutive widths, with the zero-denominator argument of the
    module docstring.  The search draws ``attempts`` networks with small
    integer weights and inputs (seeded, so the same witness is found again).

    >>> decide_conservation((2, 3, 1), bias=False).reason
    'identity Σₖ Rₖ = Σⱼ Rⱼ proved by sympy.cancel for layers 2→3, 3→1; ...'
    >>> v = decide_conservation((2, 3, 1))
    >>> type(v).__name__, v.witness.layer_sum != v.witness.output_relevance
    ('FailsWithWitness', True)
    """
    widths = tuple(widths)
    network = dense_network(widths, "relu", bias=bias)
    if not bias and rule.epsilon == 0:
        shapes = sorted(set(itertools.pairwise(widths)))
        remainders = {shape: prove_layer_identity(*shape) for shape in shapes}
        if all(r == 0 for r in remainders.values()):
            steps = ", ".join(f"{m}→{n}" for m, n in itertools.pairwise(widths))
            return HoldsExactly(
                CONSERVATION, rule,
                f"identity Σₖ Rₖ = Σⱼ Rⱼ proved by sympy.cancel for layers "
                f"{steps}; a unit with zero pre-activation carries no relevance")
        # Not expected: sympy did not reduce an identity to 0, so fall back
        # to the search instead of claiming a proof.
        logger.warning("layer identities not reduced to 0: %s", remainders)

    rng = random.Random(seed)
    for attempt in range(attempts):
        parameters = {name: Fraction(rng.randint(-3, 3))
                      for name in network.parameters}
        point = [Fraction(rng.randint(-3, 3)) for _ in network.inputs]
        verdict = check_conservation(network, parameters, point, rule)
        if isinstance(verdict, FailsWithWitness):
            logger.info("conservation witness found after %d draws", attempt + 1)
            return verdict
    return NoWitnessFound(CONSERVATION, rule, attempts)
