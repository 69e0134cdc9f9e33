"""Export a theory to TPTP, the input language of first-order provers.

The signature becomes function symbols: ``add`` for ``+``, ``mul`` for
``·``, ``comp`` for ``∘′``, the constants ``zero`` and ``one``, and one unary
function ``d_<name>`` per derivation.  Each law is universally quantified
over its variables, which TPTP writes with a capital letter (``a`` becomes
``A``).  Hypotheses are axioms and the goal is the conjecture.

Two forms are written:

- ``fof``: ``fof(name, axiom, ![A, B]: (premise => lhs = rhs))``, and the
  goal as ``fof(goal_…, conjecture, …)``;
- ``cnf``: clauses with implicitly quantified variables, and the goal
  negated by hand: its variables become Skolem constants ``sk_a``, its
  premises positive unit clauses and its conclusion a disequation.

A derivation assumed nonzero adds the axiom ``?[A]: d_dx(A) != zero``
(in CNF, ``d_dx(sk_nonzero_dx) != zero``), cited as ``nonzero[dx]``.

TPTP names are lower words ``[a-z][A-Za-z0-9_]*``.  Law ids and derivation
names are sanitised into that form (``d_leibniz[dx]`` becomes
``d_leibniz_dx``); a collision after sanitising raises :class:`TptpError`.
:class:`TptpProblem` keeps the map back from TPTP names to law ids, so that a
prover's proof can be reported in catalog terms.

Reference: G. Sutcliffe, *The TPTP Problem Library and Associated
Infrastructure*, J. Automated Reasoning 59 (2017), the TPTP syntax.

Main names: :func:`to_tptp`, :class:`TptpProblem`, :func:`tptp_name`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from diffalg.axioms.theory import Theory
from diffalg.laws.law import Law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero

TptpForm = Literal["fof", "cnf"]

_LOWER_WORD = re.compile(r"[a-z][A-Za-z0-9_]*")
_RESERVED = {"add", "mul", "comp", "zero", "one"}


class TptpError(ValueError):
    """A theory cannot be written as a valid TPTP problem."""


def tptp_name(text: str, prefix: str = "x") -> str:
    """Sanitise ``text`` into a TPTP lower word.

    Characters outside ``[A-Za-z0-9_]`` become ``_``, except non-ASCII
    characters, which become ``u`` and their code point in hex so that
    distinct names stay distinct.  A result that does not start with a
    lowercase letter gets ``prefix`` and ``_`` in front.

    >>> tptp_name("d_leibniz[dx]")
    'd_leibniz_dx'
    >>> tptp_name("commute[dx,dy]")
    'commute_dx_dy'
    >>> tptp_name("Dδ")
    'x_Du3b4'
    """
    pieces = []
    for char in text:
        if char.isascii() and (char.isalnum() or char == "_"):
            pieces.append(char)
        elif char.isascii():
            pieces.append("_")
        else:
            pieces.append(f"u{ord(char):x}")
    name = re.sub(r"_+", "_", "".join(pieces)).strip("_") or "empty"
    if not name[0].islower() or not name[0].isascii():
        name = f"{prefix}_{name}"
    assert _LOWER_WORD.fullmatch(name), name
    return name


def _variable_name(text: str) -> str:
    word = tptp_name(text, prefix="v")
    return word[0].upper() + word[1:]


@dataclass(frozen=True)
class TptpProblem:
    """A theory written in TPTP, with the map from TPTP names to law ids.

    >>> from diffalg.axioms.theory import Signature
    >>> theory = Theory.build(["add_zero"], "add_comm", Signature(()))
    >>> problem = to_tptp(theory)
    >>> problem.law_ids["add_zero"], problem.goal_name
    ('add_zero', 'goal_add_comm')
    """

    text: str
    form: TptpForm
    law_ids: Mapping[str, str] = field(default_factory=dict)
    goal_name: str = "goal"
    symbols: Mapping[str, str] = field(default_factory=dict)
    horn: bool = True


class _Writer:
    def __init__(self, theory: Theory) -> None:
        self.symbols = {"+": "add", "·": "mul", "∘′": "comp", "0": "zero",
                        "1": "one"}
        self.derivation_symbols: dict[str, str] = {}
        for name in theory.signature.derivations:
            symbol = "d_" + tptp_name(name)
            if symbol in self.derivation_symbols.values():
                raise TptpError(
                    f"derivation {name!r} maps to the TPTP symbol {symbol!r}, "
                    "already used by another derivation: rename one of them"
                )
            self.derivation_symbols[name] = symbol
            self.symbols[name] = symbol

    def term(self, term: Term, names: Mapping[str, str]) -> str:
        if isinstance(term, Var):
            return names[term.name]
        if isinstance(term, Zero):
            return "zero"
        if isinstance(term, One):
            return "one"
        if isinstance(term, D):
            symbol = self.derivation_symbols[term.derivation]
            return f"{symbol}({self.term(term.arg, names)})"
        if isinstance(term, Add | Mul | Comp):
            symbol = {Add: "add", Mul: "mul", Comp: "comp"}[type(term)]
            left = self.term(term.left, names)
            right = self.term(term.right, names)
            return f"{symbol}({left},{right})"
        raise TptpError(f"term {term!r} of type {type(term).__name__} has no "
                        "TPTP form: build terms from Var, Zero, One, Add, Mul, "
                        "Comp and D")

    def equation(self, lhs: Term, rhs: Term, names: Mapping[str, str],
                 negated: bool = False) -> str:
        operator = "!=" if negated else "="
        return f"{self.term(lhs, names)} {operator} {self.term(rhs, names)}"


def _variable_names(item: Law) -> dict[str, str]:
    names: dict[str, str] = {}
    for variable in item.variables:
        candidate = _variable_name(variable)
        base, suffix = candidate, 1
        while candidate in names.values():
            suffix += 1
            candidate = f"{base}_{suffix}"
        names[variable] = candidate
    return names


def _skolem_names(item: Law) -> dict[str, str]:
    names: dict[str, str] = {}
    for variable in item.variables:
        candidate = "sk_" + tptp_name(variable, prefix="v")
        base, suffix = candidate, 1
        while candidate in names.values():
            suffix += 1
            candidate = f"{base}_{suffix}"
        names[variable] = candidate
    return names


def _fof_formula(writer: _Writer, item: Law) -> str:
    names = _variable_names(item)
    body = writer.equation(item.lhs, item.rhs, names)
    if item.premises:
        premises = " & ".join(
            f"{writer.equation(p, q, names)}" for p, q in item.premises
        )
        body = f"(({premises}) => {body})"
    if not names:
        return body
    return f"![{', '.join(names.values())}]: ({body})"


def _cnf_clause(writer: _Writer, item: Law) -> str:
    names = _variable_names(item)
    literals = [writer.equation(p, q, names, negated=True)
                for p, q in item.premises]
    literals.append(writer.equation(item.lhs, item.rhs, names))
    return " | ".join(literals)


def to_tptp(theory: Theory, form: TptpForm = "fof") -> TptpProblem:
    """Write ``theory`` as a TPTP problem in ``fof`` or ``cnf`` form.

    >>> from diffalg.axioms.theory import Signature
    >>> theory = Theory.build(["d_add"], "d_one[dx]", Signature(("dx",)))
    >>> print(to_tptp(theory).text, end="")
    % 1 laws (derivation) ⊢ d_one[dx]: dx(1) = 0 ?
    % signature: +, ·, 0, 1, derivations dx
    fof(d_add_dx, axiom, ![A, B]: (d_dx(add(A,B)) = add(d_dx(A),d_dx(B)))).
    fof(goal_d_one_dx, conjecture, d_dx(one) = zero).
    >>> print(to_tptp(theory, form="cnf").text.splitlines()[-1])
    cnf(goal_d_one_dx, negated_conjecture, d_dx(one) != zero).
    """
    if form not in ("fof", "cnf"):
        raise TptpError(f"unknown TPTP form {form!r}: choose 'fof' or 'cnf'")
    writer = _Writer(theory)
    lines = [f"% {theory.describe()}",
             f"% signature: {theory.signature.describe()}"]
    law_ids: dict[str, str] = {}

    def claim(item: Law, name: str) -> str:
        if name in law_ids or name in _RESERVED:
            clash = law_ids.get(name, "a function symbol")
            raise TptpError(
                f"law {item.id!r} maps to the TPTP name {name!r}, already used "
                f"by {clash!r}: rename one of the laws"
            )
        law_ids[name] = item.id
        return name

    for item in theory.hypotheses:
        name = claim(item, tptp_name(item.id))
        if form == "fof":
            lines.append(f"fof({name}, axiom, {_fof_formula(writer, item)}).")
        else:
            lines.append(f"cnf({name}, axiom, {_cnf_clause(writer, item)}).")

    for derivation in theory.nonzero:
        symbol = writer.derivation_symbols[derivation]
        name = f"nonzero_{tptp_name(derivation)}"
        if name in law_ids:
            raise TptpError(f"the nonzero assumption on {derivation!r} maps to "
                            f"{name!r}, already a law name: rename the law")
        law_ids[name] = f"nonzero[{derivation}]"
        if form == "fof":
            lines.append(f"fof({name}, axiom, ?[A]: ({symbol}(A) != zero)).")
        else:
            lines.append(f"cnf({name}, axiom, {symbol}(sk_{name}) != zero).")

    goal = theory.goal
    goal_name = claim(goal, "goal_" + tptp_name(goal.id))
    if form == "fof":
        lines.append(f"fof({goal_name}, conjecture, {_fof_formula(writer, goal)}).")
    else:
        skolem = _skolem_names(goal)
        for index, (p, q) in enumerate(goal.premises, start=1):
            lines.append(f"cnf({goal_name}_premise_{index}, negated_conjecture, "
                         f"{writer.equation(p, q, skolem)}).")
        conclusion = writer.equation(goal.lhs, goal.rhs, skolem, negated=True)
        lines.append(f"cnf({goal_name}, negated_conjecture, {conclusion}).")

    return TptpProblem("\n".join(lines) + "\n", form, law_ids, goal_name,
                       writer.symbols, horn=not theory.nonzero)
