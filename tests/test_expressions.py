"""Tests of the restricted expression parser in diffalg.expressions."""

from __future__ import annotations

import ast
import builtins
import inspect
import re
import time
from typing import Any

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffalg import expressions
from diffalg.expressions import (
    KNOWN_FUNCTIONS,
    MAX_CALL_DEPTH,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_INTEGER_DIGITS,
    MAX_TEXT_LENGTH,
    ExpressionError,
    parse_expression,
    parse_polynomial,
)

x, y, z = sympy.symbols("x y z")
SYMBOLS = {"x": x, "y": y, "z": z}
FUNCTIONS = frozenset({"exp", "log", "relu", "sin", "sqrt"})
UNDEFINED = frozenset({"a"})


def parse(text: str, **options: Any) -> Any:
    """Parse with the symbols x, y, z, some functions and the undefined a."""
    options.setdefault("functions", FUNCTIONS)
    options.setdefault("undefined_functions", UNDEFINED)
    return parse_expression(text, symbols=SYMBOLS, **options)


# Each row: text, a fragment the message must contain.
REJECTED = [
    ("__import__('os')", "dunder name '__import__'"),
    ("__builtins__", "dunder name '__builtins__'"),
    ("().__class__", "attribute access '().__class__'"),
    ("x.__class__", "attribute access 'x.__class__'"),
    ("x.real", "attribute access"),
    ("lambda: 0", "lambda"),
    ("[x for x in y]", "list comprehension"),
    ("{x for x in y}", "set comprehension"),
    ("{x: 1 for x in y}", "dict comprehension"),
    ("sum(x for x in y)", "unknown function 'sum'"),
    ("(x for x in y)", "generator expression"),
    ("'a'", "string literal"),
    ("b'a'", "bytes literal"),
    ("f'{x}'", "f-string"),
    ("x if y else z", "conditional expression"),
    ("x < y", "comparison"),
    ("x == y", "comparison"),
    ("x and y", "boolean operator 'and'"),
    ("x or y", "boolean operator 'or'"),
    ("not x", "operator 'not'"),
    ("~x", "operator '~'"),
    ("x // y", "operator '//'"),
    ("x % y", "operator '%'"),
    ("x @ y", "operator '@'"),
    ("x ^ 2", "operator '^'"),
    ("x << 1", "operator '<<'"),
    ("x[0]", "subscript"),
    ("(y := 2)", "assignment expression ':='"),
    ("(x, y)", "tuple"),
    ("[x]", "list '[x]'"),
    ("{x}", "set '{x}'"),
    ("{x: y}", "dict '{x: y}'"),
    ("True", "boolean literal"),
    ("None", "None"),
    ("...", "Ellipsis"),
    ("1j", "imaginary literal"),
    ("exp(x, y)", "function exp takes 1 argument, got 2"),
    ("exp()", "function exp takes 1 argument, got 0"),
    ("exp(x=1)", "keyword argument 'x='"),
    ("exp(**{})", "keyword argument '**'"),
    ("exp(*[x])", "starred argument"),
    ("exp(x)(y)", "call of 'exp(x)'"),
    ("f(x)", "unknown function 'f'"),
    ("cos(x)", "function 'cos' is not enabled"),
    ("x(1)", "'x' is a symbol and cannot be called"),
    ("exp", "function 'exp' is used without arguments"),
    ("a()", "undefined function a is called without arguments"),
    ("w + 1", "unknown name 'w'"),
    ("x ** y", "exponent 'y' is not a non-negative integer literal"),
    ("x ** -1", "exponent '-1' is not a non-negative integer literal"),
    ("x ** 2.0", "exponent '2.0' is not a non-negative integer literal"),
    ("x ** 101", "exponent 101 is larger than MAX_EXPONENT = 100"),
    ("(x**60)**2", "exponent 120 in '(x**60)**2' is larger than MAX_EXPONENT"),
    ("x**60 * x**60", "exponent 120 in"),
    ("2 ** 100000", "exponent 100000 is larger than MAX_EXPONENT"),
    ("10**10**10", "exponent '10**10' is not a non-negative integer literal"),
    ("(10**99)**6", "more than MAX_NUMBER_BITS = 512 bits"),
    ("1.5", "float literal '1.5' is not allowed"),
    ("1/0", "division by zero: '0' is 0"),
    ("x/(y - y)", "division by zero: 'y - y' is 0"),
    ("log(0)", "containing zoo, which is not finite"),
    ("exp(1 + exp(1 + exp(1 + exp(1 + 3))))", "more than MAX_MAGNITUDE"),
    ("relu(sqrt(-1))", "sympy failed to evaluate 'relu(sqrt(-1))'"),
    ("9" * 101, "more than MAX_INTEGER_DIGITS = 100 digits"),
    ("1" * 5000, "more than MAX_INTEGER_DIGITS = 100 digits"),
    ("x" * 20_000, "more than the limit MAX_TEXT_LENGTH = 10000"),
    ("*".join(["(" + "+".join(["x"] * 100) + ")"] * 40), "more than MAX_NODES"),
    # Whether Python's own parser gives up on this flat sum depends on the
    # C stack of the build, so either rejection is accepted.
    ("+".join(["x"] * 3000), "could not build its syntax tree|more than MAX_NODES"),
    ("(1+" * 150 + "x" + ")" * 150, "nested more than MAX_DEPTH = 100 levels"),
    ("(" * 250 + "x" + ")" * 250, "too many nested parentheses"),
    ("-" * 9000 + "x", "could not build its syntax tree"),
    ("sin(" * 7 + "x" + ")" * 7, "MAX_CALL_DEPTH = 6"),
    ("", "the text is empty"),
    ("  \n ", "the text is empty"),
    ("x +", "syntax error"),
    ("x y", "syntax error"),
    ("x\0", "null bytes"),
]


@pytest.mark.parametrize(
    ("text", "fragment"), REJECTED, ids=[text[:30] for text, _ in REJECTED]
)
def test_rejected_input(text: str, fragment: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)

    message = str(caught.value)
    assert any(part in message for part in fragment.split("|"))
    assert message.startswith("invalid expression ")
    assert caught.value.text == text


def test_error_quotes_text_and_column() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("x + y.real")

    message = str(caught.value)
    assert "'x + y.real'" in message
    assert "at column 5" in message
    assert "Allowed: integer literals, the names x, y, z" in message
    assert caught.value.line == 1
    assert caught.value.column == 5


def test_error_column_counts_characters() -> None:
    # ast reports UTF-8 byte offsets, and "é" takes two bytes.
    with pytest.raises(ExpressionError) as caught:
        parse_expression("éé + x.real", symbols={"éé": x, "x": x})

    assert caught.value.column == 6
    assert "at column 6" in str(caught.value)


def test_error_names_line_of_multiline_text() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("(x +\n  y.real)")

    assert caught.value.line == 2
    assert caught.value.column == 3
    assert "at line 2, column 3" in str(caught.value)


def test_syntax_error_reports_column() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("x + )")

    assert caught.value.column == 5
    assert "syntax error at column 5" in str(caught.value)


def test_error_quote_is_shortened() -> None:
    text = "x + " * 100 + "y.real"

    with pytest.raises(ExpressionError) as caught:
        parse(text)

    message = str(caught.value)
    assert text not in message
    assert "'...:" in message


def test_float_error_suggests_fraction() -> None:
    with pytest.raises(ExpressionError, match="such as 1/4"):
        parse("0.25*x")


def test_undefined_names_list_known_names() -> None:
    with pytest.raises(ExpressionError, match="Known names: x, y, z"):
        parse("q")


# Each row: text, expected value built from sympy objects.
ACCEPTED = [
    ("x", x),
    ("3*x**2 - y/2 + 1/3", 3 * x**2 - y / 2 + sympy.Rational(1, 3)),
    ("1/3", sympy.Rational(1, 3)),
    ("6/4", sympy.Rational(3, 2)),
    ("-x", -x),
    ("+x", x),
    ("--x", x),
    ("x - y - z", x - y - z),
    ("x - (y - z)", x - y + z),
    ("x/2/3", x / 6),
    ("x/(2/3)", sympy.Rational(3, 2) * x),
    ("(x + 1)**2", sympy.Pow(x + 1, 2)),
    ("x**0", sympy.Integer(1)),
    ("2**10", sympy.Integer(1024)),
    ("(10**50)**3", sympy.Integer(10) ** 150),
    ("-2**2", sympy.Integer(-4)),
    ("(x + 1)*(x - 1)", sympy.Mul(x + 1, x - 1)),
    ("(x +\n y)", x + y),
    ("x + 1  # a comment", x + 1),
    ("exp(x)*sin(y)", sympy.exp(x) * sympy.sin(y)),
    ("sqrt(4)", sympy.Integer(2)),
    ("sqrt(x)", sympy.sqrt(x)),
    ("log(1)", sympy.Integer(0)),
    ("a(x, y) + a(x)", sympy.Function("a")(x, y) + sympy.Function("a")(x)),
    ("a(a(x))", sympy.Function("a")(sympy.Function("a")(x))),
    ("x**100", x**100),
    ("9" * 100, sympy.Integer(int("9" * 100))),
    ("0x10 + 0b11", sympy.Integer(19)),
    ("1_000", sympy.Integer(1000)),
]


@pytest.mark.parametrize(
    ("text", "expected"), ACCEPTED, ids=[text[:30] for text, _ in ACCEPTED]
)
def test_accepted_input(text: str, expected: Any) -> None:
    result = parse(text)

    assert result == expected
    assert isinstance(result, sympy.Expr)


def test_limits_accept_their_boundary() -> None:
    nested_sine = x
    for _ in range(MAX_CALL_DEPTH):
        nested_sine = sympy.sin(nested_sine)

    assert parse("x" + " " * (MAX_TEXT_LENGTH - 1)) == x
    assert parse("+".join(["x*x"] * 1250)) == 1250 * x**2
    assert parse("-" * (MAX_DEPTH - 1) + "x") == -x
    assert parse("sin(" * MAX_CALL_DEPTH + "x" + ")" * MAX_CALL_DEPTH) == nested_sine
    assert parse(f"x**{MAX_EXPONENT}") == x**MAX_EXPONENT
    assert parse("9" * MAX_INTEGER_DIGITS) == sympy.Integer(10**MAX_INTEGER_DIGITS - 1)
    assert parse("(2**63)**8") == sympy.Integer(2) ** 504
    assert parse("exp(exp(690))") == sympy.exp(sympy.exp(690))


PAST_BOUNDARY = {
    "MAX_TEXT_LENGTH": "x" + " " * MAX_TEXT_LENGTH,
    "MAX_NODES": "+".join(["x*x"] * 1251),
    "MAX_DEPTH": "-" * MAX_DEPTH + "x",
    "MAX_CALL_DEPTH": "sin(" * (MAX_CALL_DEPTH + 1) + "x" + ")" * (MAX_CALL_DEPTH + 1),
    "MAX_EXPONENT": f"x**{MAX_EXPONENT + 1}",
    "MAX_INTEGER_DIGITS": "1" + "0" * MAX_INTEGER_DIGITS,
    "MAX_NUMBER_BITS": "(2**64)**8",
    "MAX_MAGNITUDE": "exp(exp(691))",
}


@pytest.mark.parametrize("limit", sorted(PAST_BOUNDARY))
def test_limit_rejects_one_past_boundary(limit: str) -> None:
    with pytest.raises(ExpressionError, match=limit):
        parse(PAST_BOUNDARY[limit])


def test_rational_is_exact() -> None:
    result = parse("1/3 + 1/6")

    assert isinstance(result, sympy.Rational)
    assert result == sympy.Rational(1, 2)


def test_long_sum_is_one_add() -> None:
    text = " + ".join(f"{index}*x**{index % 7}" for index in range(1, 400))
    expected = sympy.Add(*[index * x ** (index % 7) for index in range(1, 400)])

    result = parse(text)

    assert result == expected


def test_long_sum_exceeds_depth_limit_only_when_nested() -> None:
    # 300 terms form one chain, but 150 nested parentheses do not.
    assert parse("+".join(["x"] * 300)) == 300 * x
    with pytest.raises(ExpressionError, match="MAX_DEPTH"):
        parse("x+(" * 150 + "x" + ")" * 150)


def test_symbol_names_map_to_given_symbols() -> None:
    time_symbol = sympy.Symbol("time", positive=True)
    alpha = sympy.Symbol("alpha")

    result = parse_expression("t*α + 1", symbols={"t": time_symbol, "α": alpha})

    assert result == time_symbol * alpha + 1


def test_relu_is_max_with_zero() -> None:
    result = parse_expression("relu(x - 1)", symbols=SYMBOLS, functions={"relu"})

    assert result == sympy.Max(0, x - 1)
    assert result.subs(x, 3) == 2
    assert result.subs(x, -3) == 0


def test_every_known_function_parses() -> None:
    expected = {
        "exp": sympy.exp(x),
        "log": sympy.log(x),
        "sin": sympy.sin(x),
        "cos": sympy.cos(x),
        "tanh": sympy.tanh(x),
        "sqrt": sympy.sqrt(x),
        "relu": sympy.Max(0, x),
    }
    assert set(expected) == set(KNOWN_FUNCTIONS)

    for name, value in expected.items():
        result = parse_expression(f"{name}(x)", symbols=SYMBOLS, functions={name})
        assert result == value, name


def test_floats_when_allowed() -> None:
    assert parse("1.5*x", allow_floats=True) == sympy.Float(1.5) * x
    assert parse("1e-3", allow_floats=True) == sympy.Float(0.001)
    with pytest.raises(ExpressionError, match="too large for a float"):
        parse("1e999", allow_floats=True)
    with pytest.raises(ExpressionError, match="MAX_MAGNITUDE"):
        parse("sin(1e300*1e300)", allow_floats=True)


def test_general_powers_when_allowed() -> None:
    def general(text: str) -> Any:
        return parse(text, allow_general_powers=True)

    assert general("x**y") == sympy.Pow(x, y)
    assert general("x**(1/2)") == sympy.sqrt(x)
    assert general("x**-1") == 1 / x
    assert general("2**3**2") == sympy.Integer(512)
    assert general("x**(y + 1)") == sympy.Pow(x, y + 1)
    with pytest.raises(ExpressionError, match="exponent 10000000000 in"):
        general("10**10**10")
    with pytest.raises(ExpressionError, match="larger than MAX_EXPONENT"):
        general("2**(2**exp(600))")
    with pytest.raises(ExpressionError, match="not finite"):
        general("0**(-1)")
    with pytest.raises(ExpressionError, match="MAX_CALL_DEPTH"):
        general("x" + "**(1/2)" * (MAX_CALL_DEPTH + 1))


def test_combined_exponent_within_limit() -> None:
    assert parse("(x**10)**10") == x ** (MAX_EXPONENT)


def test_nested_exponential_is_rejected() -> None:
    # exp(exp(600)) is about 10**(1.6e260), so it may not be an argument.
    assert parse("exp(exp(600))") == sympy.exp(sympy.exp(600))
    with pytest.raises(ExpressionError, match=re.escape("'1 + exp(exp(600))'")):
        parse("exp(1 + exp(exp(600)))")


def test_sympy_error_becomes_expression_error() -> None:
    # sympy's Max raises ValueError on a complex argument.
    with pytest.raises(ExpressionError, match="ValueError") as caught:
        parse("relu(sqrt(-4))")

    assert isinstance(caught.value.__cause__, ValueError)
    assert "relu needs a real argument" in str(caught.value)


def test_huge_float_exponent_message_is_short() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("x**exp(1e300)", allow_floats=True, allow_general_powers=True)

    message = str(caught.value)
    assert "larger than MAX_EXPONENT" in message
    assert len(message) < 400


def test_parse_polynomial_returns_poly() -> None:
    result = parse_polynomial("(x + 1)**2 - y/2", symbols={"x": x, "y": y})

    assert result == sympy.Poly(x**2 + 2 * x - y / 2 + 1, x, y)
    assert result.gens == (x, y)


def test_parse_polynomial_uses_mapping_order() -> None:
    result = parse_polynomial("x*y + y", symbols={"y": y, "x": x})

    assert result.gens == (y, x)


def test_parse_polynomial_rejects_non_polynomials() -> None:
    with pytest.raises(ExpressionError, match="not a polynomial in x, y"):
        parse_polynomial("x/y", symbols={"x": x, "y": y})
    with pytest.raises(ExpressionError, match="function 'sin' is not enabled"):
        parse_polynomial("sin(x)", symbols={"x": x})
    with pytest.raises(ExpressionError, match="exponent"):
        parse_polynomial("x**(1/2)", symbols={"x": x})
    with pytest.raises(ValueError, match="at least one symbol"):
        parse_polynomial("1", symbols={})


@pytest.mark.parametrize(
    ("options", "error", "fragment"),
    [
        ({"functions": {"nope"}}, ValueError, "unknown function 'nope'"),
        ({"functions": "exp"}, TypeError, "collection of names"),
        ({"undefined_functions": {"exp"}}, ValueError, "name of a known function"),
        ({"undefined_functions": {"x"}}, ValueError, "in both symbols"),
        ({"undefined_functions": {"__a"}}, ValueError, "invalid undefined function"),
        ({"symbols": {"x": 1}}, TypeError, "map each name to a sympy.Symbol"),
        ({"symbols": {"1x": x}}, ValueError, "invalid symbol name '1x'"),
        ({"symbols": {"__x": x}}, ValueError, "invalid symbol name '__x'"),
        ({"symbols": {"lambda": x}}, ValueError, "invalid symbol name 'lambda'"),
        ({"symbols": {"\ufb01": x}}, ValueError, "Python reads it as 'fi'"),
    ],
)
def test_invalid_configuration(
    options: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    arguments: dict[str, Any] = {"symbols": SYMBOLS}
    arguments.update(options)

    with pytest.raises(error, match=fragment) as caught:
        parse_expression("x", **arguments)

    assert not isinstance(caught.value, ExpressionError)


def test_non_string_text_is_type_error() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        parse_expression(b"x", symbols=SYMBOLS)  # type: ignore[arg-type]


def test_expression_error_is_value_error() -> None:
    assert issubclass(ExpressionError, ValueError)


def test_module_calls_no_evaluator() -> None:
    tree = ast.parse(inspect.getsource(expressions))
    names = set()
    attributes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                names.add(function.id)
            elif isinstance(function, ast.Attribute):
                attributes.add(function.attr)

    assert names & {"eval", "exec", "compile", "__import__", "sympify"} == set()
    assert attributes & {"eval", "exec", "sympify", "parse_expr", "S"} == set()
    assert "parse" in attributes


def test_parse_runs_without_eval(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_if_called(*arguments: object, **options: object) -> None:
        raise AssertionError("eval or exec was called")

    monkeypatch.setattr(builtins, "eval", fail_if_called)
    monkeypatch.setattr(builtins, "exec", fail_if_called)

    assert parse("exp(x)/2 + a(y)") == sympy.exp(x) / 2 + sympy.Function("a")(y)


# Fuzzing: whatever the text, the parser returns a sympy expression or raises
# ExpressionError, and it returns quickly.

FUZZ_SECONDS = 10.0

FUZZ_TOKENS = [
    *"xyzaw0123456789+-*/().,_ e'\"[]:=<>!~%@&|^{}#\\\n\t",
    "**",
    "exp",
    "sqrt",
    "log",
    "__",
    "lambda",
    "1e400",
    "9" * 120,
]


def _expression_texts() -> st.SearchStrategy[str]:
    leaves = st.one_of(
        st.integers(min_value=0, max_value=10**120).map(str),
        st.sampled_from(["x", "y", "z", "w", "a", "__x", "exp", "True"]),
        st.floats(allow_nan=False).map(repr),
    )

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        operators = ["+", "-", "*", "/", "**", "//", "%", "<", " and "]
        functions = ["exp", "log", "sin", "sqrt", "relu", "tanh", "a", "f", "x"]
        binary = st.tuples(children, st.sampled_from(operators), children).map(
            lambda parts: f"({parts[0]}{parts[1]}{parts[2]})"
        )
        unary = st.tuples(st.sampled_from(["-", "+", "~", "not "]), children).map(
            lambda parts: f"{parts[0]}{parts[1]}"
        )
        call = st.tuples(
            st.sampled_from(functions), st.lists(children, max_size=3)
        ).map(lambda parts: f"{parts[0]}({', '.join(parts[1])})")
        return st.one_of(binary, unary, call)

    return st.recursive(leaves, extend, max_leaves=30)


def _check_outcome(text: str, allow_floats: bool, allow_general: bool) -> None:
    # CPU time, because other processes may slow the wall clock.
    start = time.process_time()
    try:
        result = parse_expression(
            text,
            symbols=SYMBOLS,
            functions=KNOWN_FUNCTIONS,
            undefined_functions=UNDEFINED,
            allow_floats=allow_floats,
            allow_general_powers=allow_general,
        )
    except ExpressionError as error:
        assert str(error).startswith("invalid expression ")
    else:
        assert isinstance(result, sympy.Expr)
    assert time.process_time() - start < FUZZ_SECONDS


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    text=st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(FUZZ_TOKENS), max_size=40).map("".join),
    ),
    allow_floats=st.booleans(),
    allow_general=st.booleans(),
)
def test_fuzz_random_text(text: str, allow_floats: bool, allow_general: bool) -> None:
    _check_outcome(text, allow_floats, allow_general)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    text=_expression_texts(),
    allow_floats=st.booleans(),
    allow_general=st.booleans(),
)
def test_fuzz_grammar_text(text: str, allow_floats: bool, allow_general: bool) -> None:
    _check_outcome(text, allow_floats, allow_general)


def _polynomials() -> st.SearchStrategy[tuple[str, Any]]:
    """Pairs of polynomial text and the same polynomial built with sympy."""
    numbers = st.integers(min_value=0, max_value=1000).map(
        lambda value: (str(value), sympy.Integer(value))
    )
    powers = st.tuples(
        st.sampled_from(sorted(SYMBOLS)), st.integers(min_value=0, max_value=3)
    ).map(lambda parts: (f"{parts[0]}**{parts[1]}", SYMBOLS[parts[0]] ** parts[1]))

    def extend(
        children: st.SearchStrategy[tuple[str, Any]],
    ) -> st.SearchStrategy[tuple[str, Any]]:
        def combine(parts: tuple[tuple[str, Any], str, tuple[str, Any]]) -> Any:
            (left_text, left), operation, (right_text, right) = parts
            text = f"({left_text}) {operation} ({right_text})"
            if operation == "+":
                return text, left + right
            if operation == "-":
                return text, left - right
            return text, left * right

        binary = st.tuples(children, st.sampled_from("+-*"), children).map(combine)
        divided = st.tuples(children, st.integers(min_value=1, max_value=50)).map(
            lambda parts: (f"({parts[0][0]}) / {parts[1]}", parts[0][1] / parts[1])
        )
        negated = children.map(lambda part: (f"-({part[0]})", -part[1]))
        return st.one_of(binary, divided, negated)

    leaves = st.one_of(numbers, powers)
    return st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(pair=_polynomials())
def test_fuzz_polynomial_matches_sympy(pair: tuple[str, Any]) -> None:
    text, expected = pair

    result = parse_expression(text, symbols=SYMBOLS)

    assert sympy.expand(result - expected) == 0


# Adversarial texts of maximum length: each case is one the limits were sized
# against, and each must finish within seconds.

ADVERSARIAL_SECONDS = 15.0


def _joined(separator: str, parts: list[str]) -> str:
    text = ""
    for part in parts:
        candidate = part if not text else text + separator + part
        if len(candidate) > MAX_TEXT_LENGTH:
            break
        text = candidate
    return text


ADVERSARIAL = {
    "nested radicals": _joined(
        "+",
        [
            f"sqrt(2)*sqrt({k}+" * MAX_CALL_DEPTH + "1" + ")" * MAX_CALL_DEPTH
            for k in range(3, 400)
        ],
    ),
    "nested tanh": _joined(
        "+",
        [
            f"tanh({k}+" * MAX_CALL_DEPTH + "1" + ")" * MAX_CALL_DEPTH
            for k in range(1, 400)
        ],
    ),
    "square roots of large integers": _joined(
        "+", [f"sqrt((3**100)**3+{k})" for k in range(1000)]
    ),
    "products of floats": _joined("*", ["1e300"] * 2000),
    "reciprocals": _joined("+", [f"x/{k}" for k in range(2, 3000)]),
    "symbolic divisions": _joined("/", ["x", *[f"(x+{k})" for k in range(2000)]]),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_text_finishes(name: str) -> None:
    text = ADVERSARIAL[name]
    assert len(text) > MAX_TEXT_LENGTH - 100

    start = time.process_time()
    try:
        result = parse_expression(
            text,
            symbols=SYMBOLS,
            functions=KNOWN_FUNCTIONS,
            allow_floats=True,
            allow_general_powers=True,
        )
    except ExpressionError:
        pass
    else:
        assert isinstance(result, sympy.Expr)

    assert time.process_time() - start < ADVERSARIAL_SECONDS
