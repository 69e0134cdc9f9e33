"""Structure files: finite and symbolic structures described in TOML.

A file describes one differential semiring and what is expected of it.
Nothing in a file is ever run as code: tables are integer arrays and
expression text goes through :func:`diffalg.expressions.parse_expression`,
which accepts only arithmetic on named variables.

Finite structure (elements ``0 … n-1``, optional labels)::

    name = "F2-dual"
    description = "F₂[t]/(t²)"
    kind = "finite"
    labels = ["0", "1", "t", "1+t"]
    add = [[0, 1, 2, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]]
    mul = [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 0, 2], [0, 3, 2, 1]]
    composition = [[0, 0, 0, 0], [1, 1, 1, 1], [0, 1, 2, 3], [1, 0, 3, 2]]

    [derivations]
    dt = [0, 0, 1, 1]

    [expect]
    properties = ["mul_comm", "add_cancel"]
    known_failures = {}

Symbolic structure (functions of the listed variables)::

    name = "diagonal"
    kind = "functions"
    variables = ["x", "y", "z"]
    # ∘′ substitutes, in a, each listed variable by an expression in b
    composition = { x = "b", y = "b", z = "b" }

    [derivations]
    # a derivation Σ cᵥ·∂/∂v, given by its coefficients cᵥ
    dx = { x = "1" }
    xdy = { y = "x" }

    [expect]
    known_failures = { "chain[dx]" = "diagonal substitution" }
    properties = ["mul_comm", "add_cancel"]

Every derivation of a polynomial ring ``Q[v₁ … vₖ]`` has the form
``Σ cᵥ·∂/∂v``, so the coefficient form loses nothing there.

Main names: :func:`load_structure`, :func:`parse_structure`,
:class:`StructureFileError`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import sympy

from diffalg.expressions import ExpressionError, parse_expression
from diffalg.instances.functions import (
    RING_PROPERTIES,
    function_semiring,
    polynomial_strategy,
)
from diffalg.structures.finite import TableError, finite_structure
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.structure import PROPERTY_IDS, DifferentialSemiring

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_VARIABLES = 8
_RESERVED = {"a", "b", "c"}
_TOP_KEYS = {"name", "description", "kind", "labels", "add", "mul", "zero", "one",
             "composition", "derivations", "expect", "variables"}


class StructureFileError(ValueError):
    """A structure file is unreadable or does not describe a valid structure."""


def _fail(origin: str, where: str, message: str) -> StructureFileError:
    location = f"{origin}: {where}: " if where else f"{origin}: "
    return StructureFileError(location + message)


def load_structure(path: str | Path) -> DifferentialSemiring[Any]:
    """Read the TOML file at ``path`` and build its structure.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.toml").write_text('''
    ... name = "B-id"
    ... kind = "finite"
    ... add = [[0, 1], [1, 1]]
    ... mul = [[0, 0], [0, 1]]
    ... [derivations]
    ... d = [0, 1]
    ... ''')
    >>> load_structure(folder / "b.toml").derivation("d")(1)
    1
    """
    file = Path(path)
    origin = str(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(origin, "", f"file is {size} bytes, over the limit of "
                        f"{MAX_FILE_BYTES}: structure files describe one structure")
        data = file.read_bytes()
    except FileNotFoundError:
        raise _fail(origin, "", "file not found: check the path") from None
    except IsADirectoryError:
        raise _fail(origin, "", "is a directory: give a .toml file") from None
    except PermissionError:
        raise _fail(origin, "", "permission denied: make the file readable") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _fail(origin, "", f"not UTF-8 text ({error.reason} at byte "
                    f"{error.start}): save the file as UTF-8") from None
    structure = parse_structure(text, origin=origin)
    structure.semiring.metadata["origin_file"] = str(file)
    return structure


def parse_structure(text: str, *, origin: str = "<text>") -> DifferentialSemiring[Any]:
    """Build a structure from TOML ``text``; ``origin`` names it in errors.

    >>> s = parse_structure('''
    ... name = "univariate-file"
    ... kind = "functions"
    ... variables = ["t"]
    ... composition = { t = "b" }
    ... [derivations]
    ... dt = { t = "1" }
    ... ''')
    >>> s.derivation("dt")(s.semiring.parse("t**3"))
    3*t**2
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail(origin, "", f"invalid TOML: {error}") from None
    unknown = sorted(set(document) - _TOP_KEYS)
    if unknown:
        raise _fail(origin, unknown[0], f"unknown key; allowed keys are "
                    f"{sorted(_TOP_KEYS)}")
    name = _string(document, "name", origin)
    if not name.strip():
        raise _fail(origin, "name", "empty name: give the structure a name")
    kind = _string(document, "kind", origin)
    known_failures, properties = _expectations(document.get("expect", {}), origin)
    description = document.get("description", "")
    if not isinstance(description, str):
        raise _fail(origin, "description", "must be a string")
    if kind == "finite":
        return _finite(document, name, description, known_failures, properties,
                       origin)
    if kind == "functions":
        return _functions(document, name, description, known_failures, properties,
                          origin)
    raise _fail(origin, "kind", f"unknown kind {kind!r}: use \"finite\" or "
                "\"functions\"")


def _string(document: Mapping[str, Any], key: str, origin: str) -> str:
    if key not in document:
        raise _fail(origin, key, f"missing key: add {key} = \"…\"")
    value = document[key]
    if not isinstance(value, str):
        raise _fail(origin, key, f"must be a string, got {value!r}")
    return value


def _expectations(expect: object, origin: str) -> tuple[dict[str, str], frozenset[str]]:
    if not isinstance(expect, dict):
        raise _fail(origin, "expect", "must be a table with known_failures and "
                    "properties")
    unknown = sorted(set(expect) - {"known_failures", "properties"})
    if unknown:
        raise _fail(origin, f"expect.{unknown[0]}", "unknown key; use "
                    "known_failures and properties")
    failures = expect.get("known_failures", {})
    if not isinstance(failures, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in failures.items()):
        raise _fail(origin, "expect.known_failures", "must map law ids to reasons, "
                    "e.g. { \"chain[dx]\" = \"why\" }")
    properties = expect.get("properties", [])
    if not isinstance(properties, list) or not all(
            isinstance(p, str) for p in properties):
        raise _fail(origin, "expect.properties", f"must be a list of property "
                    f"ids from {list(PROPERTY_IDS)}")
    bad = sorted(set(properties) - set(PROPERTY_IDS))
    if bad:
        raise _fail(origin, "expect.properties", f"unknown property {bad[0]!r}: "
                    f"choose from {list(PROPERTY_IDS)}")
    return dict(failures), frozenset(properties)


def _finite(document: Mapping[str, Any], name: str, description: str,
            known_failures: dict[str, str], properties: frozenset[str],
            origin: str) -> DifferentialSemiring[int]:
    for key in ("add", "mul"):
        if key not in document:
            raise _fail(origin, key, f"missing table: add {key} = [[…], …] with "
                        "one row per element")
    if "variables" in document:
        raise _fail(origin, "variables", "only for kind = \"functions\"")
    derivations = document.get("derivations", {})
    if not isinstance(derivations, dict):
        raise _fail(origin, "derivations", "must be a table: name = [values]")
    for key in ("zero", "one"):
        value = document.get(key)
        is_index = isinstance(value, int) and not isinstance(value, bool)
        if value is not None and not is_index:
            raise _fail(origin, key, f"must be an element index, got {value!r}")
    labels = document.get("labels")
    if labels is not None and (not isinstance(labels, list) or not all(
            isinstance(label, str) for label in labels)):
        raise _fail(origin, "labels", "must be a list of strings")
    try:
        return finite_structure(
            name, document["add"], document["mul"], derivations=derivations,
            composition=document.get("composition"), zero=document.get("zero"),
            one=document.get("one"), labels=labels, known_failures=known_failures,
            properties=properties, description=description)
    except TableError as error:
        raise _fail(origin, "", str(error)) from None
    except ValueError as error:  # e.g. an invalid derivation name
        raise _fail(origin, "derivations", str(error)) from None


def _functions(document: Mapping[str, Any], name: str, description: str,
               known_failures: dict[str, str], properties: frozenset[str],
               origin: str) -> DifferentialSemiring[Any]:
    for key in ("add", "mul", "labels", "zero", "one"):
        if key in document:
            raise _fail(origin, key, "only for kind = \"finite\": function "
                        "structures use + and · of functions")
    names = document.get("variables")
    if not isinstance(names, list) or not names or not all(
            isinstance(n, str) for n in names):
        raise _fail(origin, "variables", "must be a non-empty list of variable "
                    "names, e.g. [\"x\", \"y\"]")
    if len(names) > MAX_VARIABLES:
        raise _fail(origin, "variables", f"{len(names)} variables, over the limit "
                    f"of {MAX_VARIABLES}")
    for variable in names:
        if not variable.isidentifier() or variable.startswith("_") or (
                variable in _RESERVED):
            raise _fail(origin, "variables", f"invalid variable name {variable!r}: "
                        "use identifiers other than a, b, c (the names of generic "
                        "elements) that do not start with '_'")
    if len(set(names)) != len(names):
        raise _fail(origin, "variables", "duplicate variable names")
    symbols = {n: sympy.Symbol(n) for n in names}
    ordered = tuple(symbols.values())
    candidates = [sympy.Integer(0), sympy.Integer(1), *ordered, sympy.Integer(2)]
    candidates += [v + 1 for v in ordered] + [v**2 for v in ordered]
    semiring = function_semiring(f"functions of {', '.join(names)}", ordered,
                                 candidates)
    semiring = _with_strategy(semiring, ordered)

    derivations = document.get("derivations", {})
    if not isinstance(derivations, dict):
        raise _fail(origin, "derivations", "must be a table: name = { x = \"1\" }")
    built = [_derivation(n, spec, symbols, origin) for n, spec in derivations.items()]
    composition = None
    if "composition" in document:
        composition = _substitution(document["composition"], symbols, origin)
    try:
        return DifferentialSemiring(
            name, semiring, tuple(built), composition,
            known_failures=known_failures,
            properties=properties if "expect" in document else RING_PROPERTIES,
            description=description)
    except ValueError as error:
        raise _fail(origin, "", str(error)) from None


def _with_strategy(semiring: Any, variables: tuple[Any, ...]) -> Any:
    return replace(semiring, strategy=polynomial_strategy(variables),
                   metadata=dict(semiring.metadata))


def _parse(text: object, symbols: Mapping[str, Any], origin: str, where: str) -> Any:
    if not isinstance(text, str):
        raise _fail(origin, where, f"must be expression text, got {text!r}")
    try:
        return parse_expression(text, symbols=symbols)
    except ExpressionError as error:
        raise _fail(origin, where, str(error)) from None


def _derivation(name: str, spec: object, symbols: Mapping[str, Any],
                origin: str) -> Derivation[Any]:
    where = f"derivations.{name}"
    if not name.isidentifier():
        raise _fail(origin, where, "invalid derivation name: use an identifier "
                    "such as dx")
    if not isinstance(spec, dict) or not spec:
        raise _fail(origin, where, "must map variables to coefficients, e.g. "
                    "{ x = \"1\" } for ∂/∂x")
    terms = []
    for variable, coefficient in spec.items():
        if variable not in symbols:
            raise _fail(origin, f"{where}.{variable}", f"unknown variable; the "
                        f"variables are {list(symbols)}")
        parsed = _parse(coefficient, symbols, origin, f"{where}.{variable}")
        terms.append((parsed, symbols[variable]))

    def apply(element: Any) -> Any:
        return sympy.expand(sum((c * sympy.diff(element, v) for c, v in terms),
                                sympy.Integer(0)))

    shown = " + ".join(f"({c})·∂/∂{v}" for c, v in terms)
    return Derivation(name, apply, shown)


def _substitution(spec: object, symbols: Mapping[str, Any],
                  origin: str) -> Composition[Any]:
    if not isinstance(spec, dict) or not spec:
        raise _fail(origin, "composition", "must map variables to expressions in "
                    "b, e.g. { x = \"b\" }")
    operand = sympy.Symbol("b")
    allowed = {**symbols, "b": operand}
    rule = {}
    for variable, text in spec.items():
        if variable not in symbols:
            raise _fail(origin, f"composition.{variable}", f"unknown variable; the "
                        f"variables are {list(symbols)}")
        rule[symbols[variable]] = _parse(text, allowed, origin,
                                         f"composition.{variable}")

    def compose(a: Any, b: Any) -> Any:
        mapping = {v: e.subs(operand, b) for v, e in rule.items()}
        return a.subs(mapping, simultaneous=True)

    shown = ", ".join(f"{v} := {e}" for v, e in rule.items())
    return Composition(compose, f"a ∘′ b = a[{shown}]")
