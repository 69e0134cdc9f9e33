"""Building computation graphs: a small builder API and a sympy translation.

:class:`GraphBuilder` adds nodes one at a time and returns their indices.
By default it shares nodes: asking twice for the same operation on the same
arguments returns the first node, so a common subexpression is computed once.

:func:`graph_from_sympy` translates sympy expressions:

- a ``Symbol`` becomes a variable named by its text and a sympy number
  (``Integer``, ``Rational``, ``Float``, ``pi``, ``E``) a constant;
- ``Add`` and ``Mul`` become one n-ary node with sympy's arguments in
  sympy's order, so ``x - y`` is ``ADD(x, MUL(-1, y))``;
- ``b**n`` with an integer ``2 <= n <= max_repeat`` becomes one ``MUL``
  node with ``n`` edges from ``b``.  This works in every semiring, and the
  backward pass recovers ``n·b**(n-1)`` as the sum over the ``n`` parallel
  edges.  Every other rational exponent becomes a ``POWER`` node, which
  needs a power operation in the semiring;
- a function of one argument (``exp``, ``log``, ``tanh``, an undefined
  ``f``) becomes an ``APPLY`` node named after the function, and
  ``Max(0, u)`` (how :mod:`diffalg.expressions` writes ``relu(u)``) an
  ``APPLY`` node named ``relu``.

Identical subexpressions map to one node (sympy expressions are hashed
structurally).  A sub-sum that is not itself a sympy subexpression, such as
``x + y`` inside ``x + y + z``, is not shared.

Main names: :class:`GraphBuilder`, :func:`graph_from_sympy`.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import sympy

from diffalg.graphs.graph import Graph, GraphError, Node, Op

DEFAULT_MAX_REPEAT = 8

NodeKey = tuple[Op, tuple[int, ...], str, object]


def as_sympy_number(value: int | Fraction | sympy.Expr) -> sympy.Expr:
    """Return ``value`` as a sympy number, rejecting anything with symbols.

    >>> as_sympy_number(Fraction(1, 3))
    1/3
    >>> as_sympy_number(sympy.Symbol("x"))
    Traceback (most recent call last):
    ...
    diffalg.graphs.graph.GraphError: constant x is not a number: ...
    """
    if isinstance(value, bool):
        raise GraphError(f"constant {value!r} is a bool: give 0 or 1")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Float(value)
    if isinstance(value, sympy.Basic) and (
        isinstance(value, sympy.Number | sympy.NumberSymbol)
    ):
        return value
    raise GraphError(f"constant {value!r} is not a number: use an int, a "
                     "Fraction or a sympy number, and a variable for a symbol")


class GraphBuilder:
    """Adds nodes to a computation graph under construction.

    Each method returns the index of the node it added (or of the equal node
    it reused when ``share`` is true).

    >>> b = GraphBuilder()
    >>> x, y = b.variable("x"), b.variable("y")
    >>> s = b.add(x, y)
    >>> b.add(x, y) == s
    True
    >>> out = b.mul(s, b.apply("exp", s))
    >>> g = b.build(out)
    >>> [n.symbol() for n in g.nodes]
    ['x', 'y', '+', 'exp', '×']
    """

    def __init__(self, *, share: bool = True) -> None:
        self._nodes: list[Node] = []
        self._share = share
        self._known: dict[NodeKey, int] = {}
        self._variables: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._nodes)

    def _new(self, op: Op, args: tuple[int, ...], name: str = "",
             value: sympy.Expr | None = None) -> int:
        for arg in args:
            if not isinstance(arg, int) or not 0 <= arg < len(self._nodes):
                raise GraphError(f"argument {arg!r} is not a node of this "
                                 "builder: pass indices the builder returned")
        key: NodeKey = (op, args, name, value)
        if self._share and key in self._known:
            return self._known[key]
        index = len(self._nodes)
        self._nodes.append(Node(index, op, args, name, value))
        self._known[key] = index
        return index

    def variable(self, name: str) -> int:
        """Add the variable ``name``, or return it if it exists.

        >>> b = GraphBuilder(share=False)
        >>> b.variable("x") == b.variable("x")
        True
        """
        if not name:
            raise GraphError("empty variable name: give a name such as 'x'")
        if name in self._variables:
            return self._variables[name]
        index = self._new(Op.VARIABLE, (), name)
        self._variables[name] = index
        return index

    def constant(self, value: int | Fraction | sympy.Expr) -> int:
        """Add a constant node holding ``value`` as a sympy number.

        >>> b = GraphBuilder()
        >>> b.constant(2) == b.constant(sympy.Integer(2))
        True
        """
        return self._new(Op.CONSTANT, (), value=as_sympy_number(value))

    def add(self, *args: int) -> int:
        """Add an n-ary sum; one argument is returned as it is.

        >>> b = GraphBuilder()
        >>> x = b.variable("x")
        >>> b.add(x) == x
        True
        """
        return self._nary(Op.ADD, args)

    def mul(self, *args: int) -> int:
        """Add an n-ary product, multiplied left to right.

        >>> b = GraphBuilder()
        >>> x = b.variable("x")
        >>> b.build(b.mul(x, x, x)).nodes[-1].args
        (0, 0, 0)
        """
        return self._nary(Op.MUL, args)

    def _nary(self, op: Op, args: tuple[int, ...]) -> int:
        if not args:
            raise GraphError(f"{op.value} of no arguments: pass at least one")
        if len(args) == 1:
            return args[0]
        return self._new(op, tuple(args))

    def power(self, arg: int, exponent: int | Fraction | sympy.Expr) -> int:
        """Add ``arg ** exponent`` for a rational exponent.

        >>> b = GraphBuilder()
        >>> b.build(b.power(b.variable("x"), -1)).nodes[-1].symbol()
        '^-1'
        """
        number = as_sympy_number(exponent)
        if not isinstance(number, sympy.Rational):
            raise GraphError(f"exponent {exponent!r} is not rational: use an "
                             "integer or a Fraction")
        return self._new(Op.POWER, (arg,), value=number)

    def apply(self, function: str, arg: int) -> int:
        """Add the unary function ``function`` applied to ``arg``.

        >>> b = GraphBuilder()
        >>> b.build(b.apply("relu", b.variable("x"))).functions
        frozenset({'relu'})
        """
        if not function.isidentifier():
            raise GraphError(f"invalid function name {function!r}: use an "
                             "identifier such as 'exp' or 'relu'")
        return self._new(Op.APPLY, (arg,), function)

    def build(self, *outputs: int) -> Graph:
        """Return the graph built so far, with the given output nodes.

        >>> GraphBuilder().build()
        Traceback (most recent call last):
        ...
        diffalg.graphs.graph.GraphError: graph has no output: ...
        """
        return Graph(tuple(self._nodes), tuple(outputs))


def graph_from_sympy(
    expressions: sympy.Expr | Iterable[sympy.Expr],
    *,
    max_repeat: int = DEFAULT_MAX_REPEAT,
) -> Graph:
    """Translate one or more sympy expressions into a graph with one output each.

    >>> x, y, z = sympy.symbols("x y z")
    >>> g = graph_from_sympy(x * sympy.exp((x**2 - y**2) * z))
    >>> sorted(g.variables)
    ['x', 'y', 'z']
    >>> sorted(n.symbol() for n in g.nodes if n.op is Op.MUL)
    ['×', '×', '×', '×', '×']
    >>> graph_from_sympy(sympy.Max(0, x - y)).functions
    frozenset({'relu'})
    >>> graph_from_sympy(sympy.Max(x, y))
    Traceback (most recent call last):
    ...
    diffalg.graphs.graph.GraphError: cannot translate Max(x, y): ...
    """
    if isinstance(expressions, sympy.Basic):
        expressions = [expressions]
    if max_repeat < 1:
        raise GraphError(f"max_repeat is {max_repeat}: use 1 or more")
    builder = GraphBuilder()
    memo: dict[sympy.Basic, int] = {}
    outputs = []
    for expression in expressions:
        if not isinstance(expression, sympy.Basic):
            raise TypeError(f"{expression!r} is not a sympy expression: parse "
                            "text first (the graphs package never sympifies)")
        outputs.append(_translate(builder, expression, memo, max_repeat))
    return builder.build(*outputs)


def _translate(builder: GraphBuilder, expr: sympy.Basic,
               memo: dict[sympy.Basic, int], max_repeat: int) -> int:
    # Iterative post-order walk, so that deep expressions do not hit the
    # recursion limit.
    stack: list[tuple[sympy.Basic, bool]] = [(expr, False)]
    while stack:
        current, ready = stack.pop()
        if current in memo:
            continue
        if _is_leaf(current):
            memo[current] = _leaf(builder, current)
            continue
        parts = _operands(current)
        if not ready:
            stack.append((current, True))
            stack.extend((part, False) for part in parts if part not in memo)
            continue
        memo[current] = _combine(builder, current, [memo[p] for p in parts],
                                 max_repeat)
    return memo[expr]


def _is_leaf(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.Symbol | sympy.Number | sympy.NumberSymbol)


def _leaf(builder: GraphBuilder, expr: sympy.Basic) -> int:
    if isinstance(expr, sympy.Symbol):
        return builder.variable(str(expr))
    return builder.constant(expr)


def _operands(expr: sympy.Basic) -> tuple[sympy.Basic, ...]:
    if isinstance(expr, sympy.Add | sympy.Mul):
        return tuple(expr.args)
    if isinstance(expr, sympy.Pow):
        exponent = expr.exp
        if not isinstance(exponent, sympy.Rational):
            raise GraphError(f"cannot translate {expr}: the exponent {exponent} "
                             "is not a rational number; write exp(log(b)·e)")
        return (expr.base,)
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        return tuple(expr.args)
    rectified = _relu_argument(expr)
    if rectified is not None:
        return (rectified,)
    raise GraphError(f"cannot translate {expr}: supported are symbols, numbers, "
                     "+, ·, rational powers and functions of one argument")


def _relu_argument(expr: sympy.Basic) -> sympy.Basic | None:
    if isinstance(expr, sympy.Max) and len(expr.args) == 2:
        first, second = expr.args
        if first == 0:
            return second
        if second == 0:
            return first
    return None


def _combine(builder: GraphBuilder, expr: sympy.Basic, args: list[int],
             max_repeat: int) -> int:
    if isinstance(expr, sympy.Add):
        return builder.add(*args)
    if isinstance(expr, sympy.Mul):
        return builder.mul(*args)
    if isinstance(expr, sympy.Pow):
        exponent = expr.exp
        if exponent.is_Integer and 2 <= int(exponent) <= max_repeat:
            return builder.mul(*([args[0]] * int(exponent)))
        return builder.power(args[0], exponent)
    if _relu_argument(expr) is not None:
        return builder.apply("relu", args[0])
    return builder.apply(type(expr).__name__, args[0])
