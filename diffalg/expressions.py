"""Restricted parsing of expression text into sympy expressions.

Expression text comes from users, structure files, the command line and
replay snippets, so it is never passed to ``eval``, ``exec``, ``sympify`` or
``parse_expr``.  :func:`parse_expression` parses it with
``ast.parse(text, mode="eval")`` and builds the sympy expression by walking
the syntax tree against an allow-list:

- integer literals, and float literals when ``allow_floats=True``.  Integer
  arithmetic is exact, so ``1/3`` is ``sympy.Rational(1, 3)``;
- the names of the caller's ``symbols`` mapping;
- the functions of :data:`KNOWN_FUNCTIONS` that the caller enables, and
  undefined functions ``a(x, y, z)`` (``sympy.Function("a")(x, y, z)``) for
  the names the caller lists;
- the operators ``+``, ``-``, ``*``, ``/``, ``**``, unary ``-`` and ``+``,
  and parentheses.  An exponent is an integer literal ``0 … MAX_EXPONENT``
  unless ``allow_general_powers=True``.

Any other construct raises :class:`ExpressionError`, whose message names the
construct, quotes the text, gives the column where ast reports one, and
either lists what is allowed or says what to change.

Size limits keep parsing fast whatever the text: :data:`MAX_TEXT_LENGTH`,
:data:`MAX_NODES`, :data:`MAX_DEPTH`, :data:`MAX_INTEGER_DIGITS`,
:data:`MAX_CALL_DEPTH`, :data:`MAX_EXPONENT`, :data:`MAX_NUMBER_BITS` and
:data:`MAX_MAGNITUDE`.

Main names: :func:`parse_expression`, :func:`parse_polynomial`,
:class:`ExpressionError`, :data:`KNOWN_FUNCTIONS`.
"""

from __future__ import annotations

import ast
import keyword
import math
import operator
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

__all__ = [
    "KNOWN_FUNCTIONS",
    "MAX_CALL_DEPTH",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_INTEGER_DIGITS",
    "MAX_MAGNITUDE",
    "MAX_NODES",
    "MAX_NUMBER_BITS",
    "MAX_TEXT_LENGTH",
    "ExpressionError",
    "parse_expression",
    "parse_polynomial",
]

MAX_TEXT_LENGTH = 10_000
"""Maximum length of the expression text, in characters."""

MAX_NODES = 5_000
"""Maximum number of expression nodes (literals, names, operations, calls)."""

MAX_DEPTH = 100
"""Maximum nesting depth of the syntax tree.

A chain of the same kind of operation, such as ``a + b - c + d`` or
``a * b / c``, counts as one level, so long sums and products of terms stay
within the limit.  Each level costs a few Python stack frames.
"""

MAX_CALL_DEPTH = 6
"""Maximum nesting depth of function calls and of powers whose exponent is not
an integer literal, as in ``sqrt(2)*sqrt(3 + sqrt(2)*sqrt(3 + 1))``.

sympy evaluates nested numeric radicals and transcendental functions to
decide their sign, and the cost grows by a factor of about 1.8 per level.
One chain of the example takes about 0.06 s of CPU time at 8 levels and
0.6 s at 12 levels, and a 10,000-character sum of 6-level chains takes
about 1.6 s (CPython 3.11.7, sympy 1.14, Intel Xeon server CPU).
"""

MAX_INTEGER_DIGITS = 100
"""Maximum number of decimal digits of an integer literal."""

MAX_EXPONENT = 100
"""Maximum absolute value of a numeric exponent, written or combined as in
``(x**4)**3``."""

MAX_NUMBER_BITS = 512
"""Maximum bit length of the numerator and denominator of a rational number
computed from the literals, such as ``(10**50)**10``.

Numbers of this size keep each sympy operation on them within milliseconds.
For example, ``sqrt`` of a 512-bit integer that is not a square takes about
2 ms of CPU time, and 6 ms at 1024 bits (sympy 1.14, Intel Xeon server CPU).
"""

MAX_MAGNITUDE = 1e300
"""Maximum absolute value of a numeric function argument, as ``1e300`` in
``sin(1e300)`` or ``exp(700)`` in ``exp(exp(700))``.

sympy decides the sign of a number by evaluating it numerically, and mpmath
needs about ``log2(|v|)`` bits of working precision to evaluate ``exp(v)``
or ``sin(v)``.  Without this bound, ``exp(1 + exp(1 + exp(1 + exp(1 + 3))))``
runs for more than ten minutes.  A numeric exponent that is not rational is
bounded by :data:`MAX_EXPONENT` for the same reason.
"""

Expr = Any  # sympy has no py.typed marker, so mypy treats its types as Any.


@dataclass(frozen=True)
class _Function:
    arity: int
    build: Callable[..., Expr]
    meaning: str


def _relu(argument: Expr) -> Expr:
    return sympy.Max(sympy.Integer(0), argument)


KNOWN_FUNCTIONS: Mapping[str, _Function] = {
    "exp": _Function(1, sympy.exp, "exponential"),
    "log": _Function(1, sympy.log, "natural logarithm"),
    "sin": _Function(1, sympy.sin, "sine"),
    "cos": _Function(1, sympy.cos, "cosine"),
    "tanh": _Function(1, sympy.tanh, "hyperbolic tangent"),
    "sqrt": _Function(1, sympy.sqrt, "principal square root, x**(1/2)"),
    "relu": _Function(1, _relu, "rectifier, sympy.Max(0, x)"),
}
"""The functions a caller can enable by name, each taking one argument.

NOTE: sympy decides whether ``tanh(a)`` is real by expanding ``im(a)`` and
reducing it modulo ``pi/2``.  For symbols without assumptions and an argument
such as ``exp((x + y)**8)``, that takes minutes, and any later question about
the expression, as in ``relu(tanh(exp((x + y)**8)))``, can trigger it.
Symbols declared real, as in ``sympy.Symbol("x", real=True)``, avoid it.
"""

_MAX_INTEGER = 10**MAX_INTEGER_DIGITS
_QUOTE_LENGTH = 60
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NON_FINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)

_OPERATOR_NAMES: Mapping[type[ast.AST], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.Not: "not",
    ast.Invert: "~",
    ast.And: "and",
    ast.Or: "or",
}

_CONSTRUCT_NAMES: Mapping[type[ast.AST], str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscript",
    ast.Slice: "slice",
    ast.Lambda: "lambda",
    ast.ListComp: "list comprehension",
    ast.SetComp: "set comprehension",
    ast.DictComp: "dict comprehension",
    ast.GeneratorExp: "generator expression",
    ast.Compare: "comparison",
    ast.NamedExpr: "assignment expression ':='",
    ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string",
    ast.IfExp: "conditional expression",
    ast.Tuple: "tuple",
    ast.List: "list",
    ast.Set: "set",
    ast.Dict: "dict",
    ast.Starred: "starred expression",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}


class ExpressionError(ValueError):
    """Expression text that is invalid or outside the allowed language.

    ``text`` is the whole text, ``line`` and ``column`` (both 1-based) locate
    the offending part when it is known.

    >>> error = ExpressionError("bad", text="x.y", line=1, column=1)
    >>> str(error), error.column
    ('bad', 1)
    """

    def __init__(
        self,
        message: str,
        *,
        text: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.text = text
        self.line = line
        self.column = column


def parse_expression(
    text: str,
    *,
    symbols: Mapping[str, sympy.Symbol],
    functions: Collection[str] = (),
    undefined_functions: Collection[str] = (),
    allow_floats: bool = False,
    allow_general_powers: bool = False,
) -> Expr:
    """Parse ``text`` into a sympy expression without evaluating any Python.

    ``symbols`` maps each name the text may use to its sympy symbol.
    ``functions`` enables names from :data:`KNOWN_FUNCTIONS`, and a call
    ``a(x, y)`` of a name in ``undefined_functions`` gives
    ``sympy.Function("a")(x, y)``.  Without ``allow_floats`` only integer
    literals are accepted, and without ``allow_general_powers`` an exponent
    must be an integer literal from 0 to :data:`MAX_EXPONENT`.

    Raises :class:`ExpressionError` for invalid text, ``TypeError`` when
    ``text`` is not a str, and ``ValueError`` or ``TypeError`` for an invalid
    ``symbols``, ``functions`` or ``undefined_functions``.

    >>> x, y = sympy.symbols("x y")
    >>> parse_expression("3*x**2 - y/2 + 1/3", symbols={"x": x, "y": y})
    3*x**2 - y/2 + 1/3
    >>> parse_expression("relu(a(x) - 1)", symbols={"x": x},
    ...                  functions={"relu"}, undefined_functions={"a"})
    Max(0, a(x) - 1)
    >>> parse_expression("x.__class__", symbols={"x": x})
    Traceback (most recent call last):
    ...
    diffalg.expressions.ExpressionError: invalid expression 'x.__class__': \
attribute access 'x.__class__' is not allowed at column 1. Allowed: ...
    """
    parser = _Parser(
        text,
        symbols=symbols,
        functions=functions,
        undefined_functions=undefined_functions,
        allow_floats=allow_floats,
        allow_general_powers=allow_general_powers,
    )
    return parser.parse()


def parse_polynomial(
    text: str,
    *,
    symbols: Mapping[str, sympy.Symbol],
    allow_floats: bool = False,
) -> Any:
    """Parse ``text`` into a ``sympy.Poly`` in the symbols, in mapping order.

    The text may use the grammar of :func:`parse_expression` without
    functions, and its value must be a polynomial in the symbols: division
    by a number is allowed but division by a symbol is not.

    >>> x, y = sympy.symbols("x y")
    >>> parse_polynomial("(x + 1)**2 - y/2", symbols={"x": x, "y": y})
    Poly(x**2 + 2*x - 1/2*y + 1, x, y, domain='QQ')
    >>> parse_polynomial("x/y", symbols={"x": x, "y": y})
    Traceback (most recent call last):
    ...
    diffalg.expressions.ExpressionError: invalid polynomial 'x/y': 'x/y' is \
not a polynomial in x, y. ...
    """
    if not symbols:
        raise ValueError(
            "parse_polynomial needs at least one symbol: pass symbols={'x': x}"
        )
    expression = parse_expression(text, symbols=symbols, allow_floats=allow_floats)
    generators = tuple(symbols.values())
    names = ", ".join(symbols)
    if not expression.is_polynomial(*generators):
        raise ExpressionError(
            f"invalid polynomial {_quote(text)}: {_quote(str(expression))} is not "
            f"a polynomial in {names}. Use only +, -, * and integer powers of "
            "the symbols, and divide only by numbers.",
            text=text,
        )
    return sympy.Poly(expression, *generators)


class _Parser:
    """One parse of one text under one configuration."""

    def __init__(
        self,
        text: str,
        *,
        symbols: Mapping[str, sympy.Symbol],
        functions: Collection[str],
        undefined_functions: Collection[str],
        allow_floats: bool,
        allow_general_powers: bool,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(
                f"expression text must be a str, got {type(text).__name__} "
                f"{text!r}: convert it with str() first"
            )
        self.text = text
        self.symbols = dict(symbols)
        self.functions = _names("functions", functions)
        self.undefined_functions = _names("undefined_functions", undefined_functions)
        self.allow_floats = allow_floats
        self.allow_general_powers = allow_general_powers
        self._validate_configuration()
        # Lines as ast counts them, in UTF-8 because ast gives byte offsets.
        self.lines = [line.encode("utf-8") for line in _LINE_BREAK.split(text)]

    def _validate_configuration(self) -> None:
        for name, value in self.symbols.items():
            _validate_name("symbol", name)
            if not isinstance(value, sympy.Symbol):
                raise TypeError(
                    f"symbols[{name!r}] is {value!r} of type "
                    f"{type(value).__name__}: map each name to a sympy.Symbol"
                )
        for name in self.functions:
            if name not in KNOWN_FUNCTIONS:
                raise ValueError(
                    f"unknown function {name!r} in functions: choose from "
                    f"{', '.join(KNOWN_FUNCTIONS)}, or list it in "
                    "undefined_functions"
                )
        for name in self.undefined_functions:
            _validate_name("undefined function", name)
            if name in KNOWN_FUNCTIONS:
                raise ValueError(
                    f"undefined function {name!r} has the name of a known "
                    f"function: enable it with functions={{{name!r}}} or rename it"
                )
        groups = [
            ("symbols", set(self.symbols)),
            ("functions", self.functions),
            ("undefined_functions", self.undefined_functions),
        ]
        for index, (first_group, first) in enumerate(groups):
            for second_group, second in groups[index + 1 :]:
                shared = sorted(first & second)
                if shared:
                    raise ValueError(
                        f"name {shared[0]!r} is in both {first_group} and "
                        f"{second_group}: give each name one meaning"
                    )

    # Entry point and size checks.

    def parse(self) -> Expr:
        text = self.text
        if len(text) > MAX_TEXT_LENGTH:
            raise ExpressionError(
                f"invalid expression {_quote(text)}: the text has {len(text)} "
                f"characters, more than the limit MAX_TEXT_LENGTH = "
                f"{MAX_TEXT_LENGTH}. Split it into smaller expressions.",
                text=text,
            )
        if not text.strip():
            raise ExpressionError(
                f"invalid expression {_quote(text)}: the text is empty. "
                "Write an expression such as 'x + 1'.",
                text=text,
            )
        tree = self._parse_syntax()
        self._check_size(tree.body)
        result = self._evaluate(tree.body)
        self._check_value(tree.body, result)
        return result

    def _parse_syntax(self) -> ast.Expression:
        text = self.text
        try:
            return ast.parse(text, mode="eval")
        except SyntaxError as error:
            reason = error.msg
            if "integer string conversion" in reason:
                reason = (
                    f"an integer literal has more than MAX_INTEGER_DIGITS = "
                    f"{MAX_INTEGER_DIGITS} digits"
                )
            line = error.lineno or 1
            column = error.offset if error.offset and error.offset > 0 else None
            where = self._where(line, column) if column else ""
            raise ExpressionError(
                f"invalid expression {_quote(text)}: syntax error{where}: "
                f"{reason}. {self._allowed()}",
                text=text,
                line=line,
                column=column,
            ) from error
        except (MemoryError, RecursionError) as error:
            # CPython 3.11.7 raises MemoryError for 9000 unary minus signs in a
            # row, and RecursionError for a sum of 3000 terms (but not of 2000),
            # because the sum is a binary tree of that depth.
            raise ExpressionError(
                f"invalid expression {_quote(text)}: the Python parser could not "
                f"build its syntax tree ({type(error).__name__}: {error}). "
                f"Reduce the nesting to at most MAX_DEPTH = {MAX_DEPTH} levels, "
                "and split sums and products of thousands of terms into parts.",
                text=text,
            ) from error
        except ValueError as error:
            raise ExpressionError(
                f"invalid expression {_quote(text)}: the text could not be "
                f"parsed: {error}. Remove the offending characters.",
                text=text,
            ) from error

    def _check_size(self, root: ast.expr) -> None:
        # Iterative, because the tree has not been checked for depth yet.
        count = sum(isinstance(node, ast.expr) for node in ast.walk(root))
        if count > MAX_NODES:
            raise ExpressionError(
                f"invalid expression {_quote(self.text)}: the expression has "
                f"{count} nodes, more than MAX_NODES = {MAX_NODES}. Split it "
                "into smaller expressions.",
                text=self.text,
            )

        stack: list[tuple[ast.AST, int, int]] = [(root, 1, 0)]
        while stack:
            node, depth, call_depth = stack.pop()
            if self._is_nested_call(node):
                call_depth += 1
            if depth > MAX_DEPTH:
                raise self._error(
                    node,
                    f"the expression is nested more than MAX_DEPTH = {MAX_DEPTH} "
                    f"levels deep at {self._segment(node)}",
                    "Reduce the nesting of parentheses, operators and calls.",
                )
            if call_depth > MAX_CALL_DEPTH:
                raise self._error(
                    node,
                    "function calls and non-integer powers are nested more than "
                    f"MAX_CALL_DEPTH = {MAX_CALL_DEPTH} levels deep at "
                    f"{self._segment(node)}",
                    "Reduce the nesting of calls and powers.",
                )
            # Push children right to left, so that the leftmost violation is
            # the one reported.
            for child in reversed(list(ast.iter_child_nodes(node))):
                if not isinstance(child, ast.expr) or _continues_chain(node, child):
                    stack.append((child, depth, call_depth))
                else:
                    stack.append((child, depth + 1, call_depth))

    def _is_nested_call(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            exponent = node.right
            literal = isinstance(exponent, ast.Constant) and type(exponent.value) is int
            return not literal
        return False

    # Evaluation, one method per allowed construct.

    def _evaluate(self, node: ast.expr) -> Expr:
        if isinstance(node, ast.Constant):
            return self._evaluate_constant(node)
        if isinstance(node, ast.Name):
            return self._evaluate_name(node)
        if isinstance(node, ast.UnaryOp):
            return self._evaluate_unary(node)
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                return self._evaluate_power(node)
            if _chain_family(node.op) is not None:
                return self._evaluate_chain(node)
            raise self._rejected(node, f"operator '{_operator_name(node.op)}'")
        if isinstance(node, ast.Call):
            return self._evaluate_call(node)
        if isinstance(node, ast.BoolOp):
            name = _operator_name(node.op)
            raise self._rejected(node, f"boolean operator '{name}'")
        construct = _CONSTRUCT_NAMES.get(type(node), type(node).__name__)
        raise self._rejected(node, construct)

    def _evaluate_constant(self, node: ast.Constant) -> Expr:
        value = node.value
        if type(value) is int:
            if abs(value) >= _MAX_INTEGER:
                raise self._error(
                    node,
                    f"integer literal {self._segment(node)} has more than "
                    f"MAX_INTEGER_DIGITS = {MAX_INTEGER_DIGITS} digits",
                    "Write large numbers as powers, such as 10**150.",
                )
            return sympy.Integer(value)
        if type(value) is float:
            return self._evaluate_float(node, value)
        if isinstance(value, bool):
            raise self._rejected(node, "boolean literal")
        if isinstance(value, str):
            raise self._rejected(node, "string literal")
        if isinstance(value, bytes):
            raise self._rejected(node, "bytes literal")
        if isinstance(value, complex):
            raise self._rejected(node, "imaginary literal")
        raise self._rejected(node, "None" if value is None else "Ellipsis")

    def _evaluate_float(self, node: ast.Constant, value: float) -> Expr:
        if not self.allow_floats:
            written = self._segment(node)
            advice = "Write it as an exact fraction"
            try:
                exact = Fraction(self._source(node))
            except ValueError:
                exact = None
            if exact is not None and max(exact.numerator, exact.denominator) < 10**12:
                advice += f" such as {exact.numerator}/{exact.denominator}"
            raise self._error(
                node, f"float literal {written} is not allowed here", advice + "."
            )
        if not math.isfinite(value):
            raise self._error(
                node,
                f"float literal {self._segment(node)} is too large for a float",
                "Use a number below 1.8e308.",
            )
        return sympy.Float(value)

    def _evaluate_name(self, node: ast.Name) -> Expr:
        name = node.id
        if name.startswith("__"):
            raise self._error(
                node,
                f"dunder name {name!r} is not allowed",
                "Names starting with '__' are never accepted. " + self._allowed(),
            )
        if name in self.symbols:
            return self.symbols[name]
        if name in self.functions or name in self.undefined_functions:
            raise self._error(
                node,
                f"function {name!r} is used without arguments",
                f"Call it, as in {name}(x).",
            )
        raise self._error(node, f"unknown name {name!r}", self._known_names())

    def _evaluate_unary(self, node: ast.UnaryOp) -> Expr:
        if isinstance(node.op, ast.USub):
            operand = self._evaluate(node.operand)
            return self._compute(node, operator.neg, operand)
        if isinstance(node.op, ast.UAdd):
            return self._evaluate(node.operand)
        raise self._rejected(node, f"operator '{_operator_name(node.op)}'")

    def _evaluate_chain(self, node: ast.BinOp) -> Expr:
        # Walk the left spine of a chain such as a - b + c - d without
        # recursion, and build one sympy.Add or sympy.Mul, so that a long sum
        # costs neither stack depth nor quadratic time.
        family = _chain_family(node.op)
        right_operands: list[tuple[ast.operator, ast.expr]] = []
        current: ast.expr = node
        while isinstance(current, ast.BinOp) and _chain_family(current.op) == family:
            right_operands.append((current.op, current.right))
            current = current.left

        operands = [self._evaluate(current)]
        for operation, operand_node in reversed(right_operands):
            operand = self._evaluate(operand_node)
            if isinstance(operation, ast.Sub):
                operands.append(self._compute(operand_node, operator.neg, operand))
            elif isinstance(operation, ast.Div):
                if self._compute(operand_node, _is_zero, operand):
                    raise self._error(
                        operand_node,
                        f"division by zero: {self._segment(operand_node)} is 0",
                        "Remove the division or change the divisor.",
                    )
                reciprocal = self._compute(operand_node, operator.truediv, 1, operand)
                operands.append(reciprocal)
            else:
                operands.append(operand)

        if family == "additive":
            self._check_sum_size(node, operands)
            result = self._compute(node, sympy.Add, *operands)
        else:
            self._check_product_size(node, operands)
            result = self._compute(node, sympy.Mul, *operands)
        self._check_value(node, result)
        return result

    def _check_sum_size(self, node: ast.expr, operands: list[Expr]) -> None:
        # A sum of fractions has a denominator dividing the lcm of theirs, so
        # bounding the lcm bounds the size of the exact sum.
        denominator = 1
        for operand in operands:
            for number in _numbers(operand):
                denominator = math.lcm(denominator, int(number.q))
                if denominator.bit_length() > MAX_NUMBER_BITS:
                    raise self._number_too_large(node)

    def _check_product_size(self, node: ast.expr, operands: list[Expr]) -> None:
        # A product of integers has at most the sum of their bit lengths, and
        # factors of 1 and -1 add nothing.
        numerator_bits = 0
        denominator_bits = 0
        for operand in operands:
            coefficient = operand.as_coeff_Mul()[0]
            if not coefficient.is_Rational:
                continue
            if abs(int(coefficient.p)) > 1:
                numerator_bits += int(coefficient.p).bit_length()
            if int(coefficient.q) > 1:
                denominator_bits += int(coefficient.q).bit_length()
        if max(numerator_bits, denominator_bits) > MAX_NUMBER_BITS:
            raise self._number_too_large(node)

    def _evaluate_power(self, node: ast.BinOp) -> Expr:
        base = self._evaluate(node.left)
        if self.allow_general_powers:
            exponent = self._evaluate(node.right)
        else:
            exponent = self._literal_exponent(node.right)

        size = _exponent_size(exponent)
        if size is None and exponent.is_number:
            magnitude = self._compute(node.right, _magnitude, exponent)
            if magnitude is not None:
                size = MAX_EXPONENT + 1
                if magnitude <= MAX_EXPONENT:
                    size = math.ceil(magnitude)
        if size is not None:
            if size > MAX_EXPONENT:
                raise self._exponent_too_large(node.right, exponent)
            base_bits = max(map(_number_bits, _numbers(base)), default=0)
            if base_bits * size > MAX_NUMBER_BITS:
                raise self._number_too_large(node)

        result = self._compute(node, sympy.Pow, base, exponent)
        self._check_value(node, result)
        return result

    def _literal_exponent(self, node: ast.expr) -> Expr:
        value = node.value if isinstance(node, ast.Constant) else None
        if type(value) is not int or value < 0:
            raise self._error(
                node,
                f"exponent {self._segment(node)} is not a non-negative integer "
                "literal",
                f"Write a literal from 0 to MAX_EXPONENT = {MAX_EXPONENT}, as "
                "in x**2, because general exponents are disabled here.",
            )
        if value > MAX_EXPONENT:
            raise self._exponent_too_large(node, sympy.Integer(value))
        return sympy.Integer(value)

    def _evaluate_call(self, node: ast.Call) -> Expr:
        if not isinstance(node.func, ast.Name):
            raise self._rejected(node, f"call of {self._segment(node.func)}")
        name = node.func.id
        if name.startswith("__"):
            return self._evaluate_name(node.func)
        if node.keywords:
            keyword_argument = node.keywords[0]
            label = f"{keyword_argument.arg}=" if keyword_argument.arg else "**"
            raise self._rejected(
                keyword_argument,
                f"keyword argument '{label}' in a call of {name}",
                "Pass arguments by position. " + self._allowed(),
            )
        for argument in node.args:
            if isinstance(argument, ast.Starred):
                raise self._rejected(argument, f"starred argument in a call of {name}")

        if name in self.functions:
            function = KNOWN_FUNCTIONS[name]
            if len(node.args) != function.arity:
                raise self._error(
                    node,
                    f"function {name} takes {function.arity} argument, got "
                    f"{len(node.args)}",
                    f"Write {name}(x).",
                )
            arguments = [self._evaluate(argument) for argument in node.args]
            for argument_node, argument in zip(node.args, arguments, strict=True):
                self._check_magnitude(argument_node, argument)
            result = self._compute(node, function.build, *arguments)
            self._check_value(node, result)
            return result

        if name in self.undefined_functions:
            if not node.args:
                raise self._error(
                    node,
                    f"undefined function {name} is called without arguments",
                    f"Give at least one argument, as in {name}(x).",
                )
            arguments = [self._evaluate(argument) for argument in node.args]
            return self._compute(node, sympy.Function(name), *arguments)

        if name in self.symbols:
            raise self._error(
                node,
                f"{name!r} is a symbol and cannot be called",
                f"Multiply explicitly, as in {name}*(...).",
            )
        if name in KNOWN_FUNCTIONS:
            raise self._error(
                node, f"function {name!r} is not enabled here", self._allowed()
            )
        raise self._error(node, f"unknown function {name!r}", self._known_names())

    # Checks of computed values.

    def _compute(
        self, node: ast.expr, function: Callable[..., Any], *arguments: Expr
    ) -> Any:
        """Call one sympy operation, turning its failures into ExpressionError."""
        try:
            return function(*arguments)
        except (
            ArithmeticError,
            RecursionError,
            MemoryError,
            TypeError,
            ValueError,
        ) as error:
            # sympy raises ValueError for relu(sqrt(-1)), because Max compares
            # its arguments, TypeError when it compares a non-real number it
            # could not classify earlier, and mpmath can overflow.
            raise self._error(
                node,
                f"sympy failed to evaluate {self._segment(node)} "
                f"({type(error).__name__}: {error})",
                "Check the arguments: relu needs a real argument, and very large "
                "or deeply nested numbers can overflow.",
            ) from error

    def _check_value(self, node: ast.expr, value: Expr) -> None:
        for bad in _NON_FINITE:
            if value.has(bad):
                raise self._error(
                    node,
                    f"{self._segment(node)} evaluates to a value containing {bad}, "
                    "which is not finite",
                    "Avoid division by zero and log(0).",
                )
        if any(_number_bits(number) > MAX_NUMBER_BITS for number in _numbers(value)):
            raise self._number_too_large(node)
        for power in value.atoms(sympy.Pow):
            size = _exponent_size(power.exp)
            if size is not None and size > MAX_EXPONENT:
                raise self._exponent_too_large(node, power.exp)

    def _check_magnitude(self, node: ast.expr, argument: Expr) -> None:
        # Rationals need no check: MAX_NUMBER_BITS keeps them below 2**512.
        if not argument.is_number or argument.is_Rational:
            return
        magnitude = self._compute(node, _magnitude, argument)
        if magnitude is None or magnitude <= MAX_MAGNITUDE:
            return
        size = f"about {magnitude:.3g}"
        if math.isinf(magnitude):
            size = "beyond the float range"
        raise self._error(
            node,
            f"the absolute value of the argument {self._segment(node)} is {size}, "
            f"more than MAX_MAGNITUDE = {MAX_MAGNITUDE:g}",
            "Use smaller numbers.",
        )

    def _number_too_large(self, node: ast.expr) -> ExpressionError:
        return self._error(
            node,
            f"{self._segment(node)} computes a number of more than "
            f"MAX_NUMBER_BITS = {MAX_NUMBER_BITS} bits",
            "Use smaller numbers or exponents.",
        )

    def _exponent_too_large(self, node: ast.expr, exponent: Expr) -> ExpressionError:
        # Printing an irrational number can take long, because sympy orders
        # terms by their numeric values, so it is described by its source.
        # str() is needed because format() of a sympy Float goes through
        # Decimal, which rejects exponents as large as that of exp(1e300).
        description = self._segment(node)
        if exponent.is_Rational or exponent.is_Float:
            value = str(exponent)
            if len(value) > _QUOTE_LENGTH:
                value = _quote(value)
            description = value
            if self._source(node) != str(exponent):
                description = f"{value} in {self._segment(node)}"
        return self._error(
            node,
            f"exponent {description} is larger than MAX_EXPONENT = {MAX_EXPONENT}",
            "Use a smaller exponent.",
        )

    # Error messages.

    def _rejected(
        self, node: ast.AST, construct: str, advice: str = ""
    ) -> ExpressionError:
        return self._error(
            node,
            f"{construct} {self._segment(node)} is not allowed",
            advice or self._allowed(),
        )

    def _error(self, node: ast.AST, problem: str, advice: str) -> ExpressionError:
        line = getattr(node, "lineno", None)
        column = self._column(node)
        where = self._where(line or 1, column) if column else ""
        return ExpressionError(
            f"invalid expression {_quote(self.text)}: {problem}{where}. {advice}",
            text=self.text,
            line=line,
            column=column,
        )

    def _column(self, node: ast.AST) -> int | None:
        line = getattr(node, "lineno", None)
        offset = getattr(node, "col_offset", None)
        if line is None or offset is None or line > len(self.lines):
            return None
        prefix = self.lines[line - 1][:offset]
        return len(prefix.decode("utf-8", errors="replace")) + 1

    def _where(self, line: int, column: int | None) -> str:
        if len(self.lines) > 1:
            return f" at line {line}, column {column}"
        return f" at column {column}"

    def _source(self, node: ast.AST) -> str:
        """Return the source text of ``node``, or "" when ast gives no position.

        ``ast.get_source_segment`` splits the whole text on every call, which
        makes one call per node quadratic in the text length.
        """
        first = getattr(node, "lineno", None)
        last = getattr(node, "end_lineno", None)
        start = getattr(node, "col_offset", None)
        end = getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return ""
        piece: bytes
        if first == last:
            piece = self.lines[first - 1][start:end]
        else:
            pieces = [self.lines[first - 1][start:]]
            pieces.extend(self.lines[first : last - 1])
            pieces.append(self.lines[last - 1][:end])
            piece = b"\n".join(pieces)
        return piece.decode("utf-8", errors="replace")

    def _segment(self, node: ast.AST) -> str:
        source = self._source(node)
        return _quote(source) if source else ""

    def _known_names(self) -> str:
        names = sorted(self.symbols)
        if not names:
            return "No names are defined here. " + self._allowed()
        return "Known names: " + _list(names) + ". " + self._allowed()

    def _allowed(self) -> str:
        parts = ["integer literals"]
        if self.allow_floats:
            parts.append("float literals")
        if self.symbols:
            parts.append("the names " + _list(sorted(self.symbols)))
        if self.functions:
            parts.append("the functions " + _list(sorted(self.functions)))
        if self.undefined_functions:
            parts.append(
                "the undefined functions " + _list(sorted(self.undefined_functions))
            )
        if self.allow_general_powers:
            parts.append(f"+ - * / and ** with exponents up to {MAX_EXPONENT}")
        else:
            parts.append(f"+ - * / and ** with an integer exponent 0..{MAX_EXPONENT}")
        parts.append("unary - and +, and parentheses")
        return "Allowed: " + ", ".join(parts) + "."


def _chain_family(operator: ast.operator) -> str | None:
    if isinstance(operator, ast.Add | ast.Sub):
        return "additive"
    if isinstance(operator, ast.Mult | ast.Div):
        return "multiplicative"
    return None


def _continues_chain(parent: ast.AST, child: ast.AST) -> bool:
    """Return whether ``child`` is the left operand of ``parent`` in one chain."""
    if not (isinstance(parent, ast.BinOp) and isinstance(child, ast.BinOp)):
        return False
    family = _chain_family(parent.op)
    return child is parent.left and family is not None and (
        _chain_family(child.op) == family
    )


def _operator_name(operator: ast.AST) -> str:
    return _OPERATOR_NAMES.get(type(operator), type(operator).__name__)


def _magnitude(value: Expr) -> float | None:
    """Return ``|value|`` as a float (``inf`` beyond the float range), or
    ``None`` when the value has no numeric approximation, as for ``a(1)``."""
    approximation = value.evalf(15)
    try:
        return abs(complex(approximation))
    except TypeError:
        return None


def _is_zero(value: Expr) -> bool:
    return bool(value.is_zero)


def _numbers(value: Expr) -> Iterator[Expr]:
    if value.is_Rational:
        yield value
    else:
        yield from value.atoms(sympy.Rational)


def _number_bits(number: Expr) -> int:
    if not number.is_Rational:
        return 0
    return max(int(number.p).bit_length(), int(number.q).bit_length())


def _exponent_size(exponent: Expr) -> int | None:
    """Return ``⌈|e|⌉`` for a rational or float exponent ``e`` and ``None``
    for any other exponent."""
    if exponent.is_Rational:
        return -(-abs(int(exponent.p)) // int(exponent.q))
    if exponent.is_Float:
        if abs(exponent) > MAX_EXPONENT:
            return MAX_EXPONENT + 1
        return math.ceil(abs(float(exponent)))
    return None


def _names(argument: str, names: Collection[str]) -> set[str]:
    if isinstance(names, str):
        raise TypeError(
            f"{argument} must be a collection of names, got the string {names!r}: "
            f"write {argument}={{{names!r}}}"
        )
    result = set(names)
    for name in result:
        if not isinstance(name, str):
            raise TypeError(f"{argument} contains {name!r}, which is not a str")
    return result


def _validate_name(kind: str, name: object) -> None:
    if not isinstance(name, str):
        raise TypeError(f"{kind} name {name!r} is not a str")
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__"):
        raise ValueError(
            f"invalid {kind} name {name!r}: use a Python identifier that is not a "
            "keyword and does not start with '__', such as 'x1'"
        )
    normalized = unicodedata.normalize("NFKC", name)
    if normalized != name:
        # The Python parser applies NFKC to identifiers, so the text could
        # never name this key.
        raise ValueError(
            f"invalid {kind} name {name!r}: Python reads it as {normalized!r}, "
            f"so use {normalized!r}"
        )


def _quote(text: str) -> str:
    if len(text) <= _QUOTE_LENGTH:
        return repr(text)
    return repr(text[: _QUOTE_LENGTH - 3]) + "..."


def _list(names: list[str]) -> str:
    if len(names) > 12:
        return ", ".join(names[:12]) + f" and {len(names) - 12} more"
    return ", ".join(names)
