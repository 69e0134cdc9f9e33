"""Computation graphs in semirings: forward values, backward pass, provenance.

A computation graph is a typed DAG of operations.  Its forward values can be
computed in any :class:`~diffalg.structures.Semiring` that supplies the
graph's unary functions, and its backward pass sums, over the paths from a
node to the output, the products of the edge labels ``∂child/∂parent``.
Over the reals this is reverse-mode differentiation; over ``N[X]`` it lists
the paths (provenance).  On top of this: dense networks with named
coefficients, ReLU networks evaluated in ``N[X]``, LRP with conservation
verdicts, Graphviz pictures and the ``graph`` subcommand.

Main names: :class:`Graph`, :class:`GraphBuilder`, :func:`graph_from_sympy`,
:class:`Interpretation`, :func:`evaluate`, :func:`edge_labels`,
:func:`adjoints`, :func:`gradient`, :func:`dense_network`,
:func:`relu_provenance`, :func:`decide_conservation`, :func:`to_dot`,
:func:`render`.

>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> gradient(graph_from_sympy(x**2 * y), real_interpretation(), {"x": 3.0, "y": 2.0})
{'x': 12.0, 'y': 9.0}
"""

from diffalg.graphs.backward import (
    adjoints,
    edge_labels,
    enumerate_paths,
    evaluate,
    gradient,
    path_sum,
)
from diffalg.graphs.build import GraphBuilder, graph_from_sympy
from diffalg.graphs.graph import Edge, Graph, GraphError, Node, Op
from diffalg.graphs.interpret import (
    Interpretation,
    MissingOperationError,
    fraction_interpretation,
    polynomial_interpretation,
    real_interpretation,
    sympy_interpretation,
)
from diffalg.graphs.lrp import (
    FailsWithWitness,
    HoldsExactly,
    LrpRule,
    NoWitnessFound,
    check_conservation,
    decide_conservation,
    relevances,
)
from diffalg.graphs.network import DenseNetwork, dense_network
from diffalg.graphs.relu import ReluProvenance, relu_provenance
from diffalg.graphs.render import GraphvizMissingError, render, to_dot

__all__ = [
    "DenseNetwork",
    "Edge",
    "FailsWithWitness",
    "Graph",
    "GraphBuilder",
    "GraphError",
    "GraphvizMissingError",
    "HoldsExactly",
    "Interpretation",
    "LrpRule",
    "MissingOperationError",
    "NoWitnessFound",
    "Node",
    "Op",
    "ReluProvenance",
    "adjoints",
    "check_conservation",
    "decide_conservation",
    "dense_network",
    "edge_labels",
    "enumerate_paths",
    "evaluate",
    "fraction_interpretation",
    "gradient",
    "graph_from_sympy",
    "path_sum",
    "polynomial_interpretation",
    "real_interpretation",
    "relevances",
    "relu_provenance",
    "render",
    "sympy_interpretation",
    "to_dot",
]
