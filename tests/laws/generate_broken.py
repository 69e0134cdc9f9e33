"""Search for the smallest finite structures that break one catalog law each.

For every law family of :data:`diffalg.laws.catalog.FAMILIES`, this script
looks for the smallest carrier ``{0, …, n-1}`` on which the target law fails
for some tuple while every other non-property law of the same signature
holds for every tuple.  Like the Mace4 model finder, it fills in tables for
``+``, ``·``, the derivations and, when the family needs it, ``∘′``.

The laws come from the catalog itself and are translated to z3.  The tables
are uninterpreted functions over a finite enumeration sort, a law that must
hold becomes one ground equation per tuple, and a law that must fail gets
fresh witness constants.  The element ``0`` is the zero and ``1`` the one.
Fixing them loses no model, because ``0 = 1`` leaves one element
(``a = a·1 = a·0 = 0`` by ``mul_one_right`` and ``annihil_right``, or the
same on the left) and no structure here breaks both pairs.

Some laws follow from the others, so no structure breaks them alone.  The
search then allows the fewest extra failing laws ("co-failures") that make a
structure possible, and :data:`CO_FAILURE_REASONS` states the derivation
that forces them.  For a property family every axiom and consequence holds,
the target property fails, and the search keeps as many of the other
properties as can hold together; :data:`PROPERTY_CONFLICTS` states why the
remaining ones cannot.

The size of each structure is minimal: z3 has shown every smaller size
unsatisfiable.  That a family needs its co-failures is shown by the search
only up to ``--max-size``, and for every size by the reasons in this file.

Run from the repository root::

    python tests/laws/generate_broken.py            # search, print, write
    python tests/laws/generate_broken.py add_comm --no-write

The result is written to ``tests/laws/broken_tables.py`` as plain data.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, product
from pathlib import Path

import z3

from diffalg.laws.catalog import (
    FAMILIES,
    composition_laws,
    laws_for,
    property_laws,
    semiring_laws,
)
from diffalg.laws.law import Law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero

logger = logging.getLogger("generate_broken")

SEMIRING_FAMILIES = tuple(law.family for law in semiring_laws())
PROPERTY_FAMILIES = tuple(law.family for law in property_laws())
COMPOSITION_FAMILIES = tuple(law.family for law in composition_laws(["dx"]))
MAX_SIZE = 5
MAX_CO_FAILURES = 2
OUTPUT = Path(__file__).with_name("broken_tables.py")

# Why a family cannot fail alone, keyed by (family, co-failing law ids).  The
# search stops with an error when it needs a co-failure set that has no entry
# here, so every co-failure in the output comes with its derivation.
CO_FAILURE_REASONS: dict[tuple[str, tuple[str, ...]], str] = {
    ("d_zero", ("d_add[dx]", "d_leibniz[dx]")): (
        "∂0 = 0 follows along two routes that share no law, so one law of each "
        "must fail with it. By Leibniz: ∂0 = ∂(0·0) = ∂0·0 + 0·∂0 = 0 + 0, and "
        "0 + 0 = 0 by add_zero or by 0 = ∂1 = ∂(1·1) = ∂1·1 + 1·∂1 = 0 + 0 "
        "(d_leibniz, annihil_left, annihil_right, and add_zero or d_one). By "
        "additivity: ∂0 = 0 + ∂0 = ∂1 + ∂0 = ∂(1 + 0) = ∂1 = 0 (d_add, d_one, "
        "add_zero, add_comm). Breaking d_add and d_leibniz cuts both routes "
        "and keeps the semiring."
    ),
}

# Why a property fails next to the broken target property and the other
# properties that the found structure keeps, keyed by (target, property).
ADD_IDEM_CANCEL = (
    "add_idem and add_cancel together leave one element: a + a = a = a + 0, "
    "and cancelling a gives a = 0"
)
PROPERTY_CONFLICTS: dict[tuple[str, str], str] = {
    ("mul_comm", "absorptive"): (
        "absorptive and mul_idem make · commutative. With x ≤ y meaning "
        "x + y = y, 1 + b = 1 gives ab ≤ a and ab ≤ b, and any c ≤ a, c ≤ b "
        "has c = c·c ≤ a·c ≤ a·b, so ab is the greatest lower bound of a and "
        "b, and so is ba"
    ),
    ("mul_comm", "add_cancel"): ADD_IDEM_CANCEL,
    ("add_idem", "absorptive"): (
        "absorptive implies add_idem: a + a = a·(1 + 1) = a·1 = a"
    ),
    ("mul_idem", "add_cancel"): ADD_IDEM_CANCEL,
    ("absorptive", "add_idem"): ADD_IDEM_CANCEL,
}


@dataclass(frozen=True)
class Signature:
    """The operations a search fills in: derivation names and whether ``∘′``.

    >>> signature_for("commute").derivations
    ('dx', 'dy')
    >>> signature_for("chain").composition
    True
    """

    derivations: tuple[str, ...]
    composition: bool

    def laws(self) -> list[Law]:
        """Return the catalog laws of this signature, properties included."""
        return laws_for(self.derivations, self.composition)


def signature_for(family: str) -> Signature:
    """Return the smallest signature in which ``family`` can be stated.

    ``d_one`` is searched without ``∘′``: with it, the chain rule gives
    ``∂1 = ∂(1∘′0) = (∂1∘′0)·∂0 = (∂1∘′0)·0 = 0``.

    >>> signature_for("add_comm")
    Signature(derivations=('dx',), composition=False)
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown law family {family!r}: choose from {FAMILIES}")
    if family == "commute":
        return Signature(("dx", "dy"), False)
    return Signature(("dx",), family in COMPOSITION_FAMILIES)


@dataclass
class Found:
    """A structure found by the search, as tables on ``0 … size-1``."""

    family: str
    size: int
    add: list[list[int]]
    mul: list[list[int]]
    derivations: dict[str, list[int]]
    composition: list[list[int]] | None
    co_failures: tuple[str, ...] = ()
    reason: str = ""
    properties: tuple[str, ...] = ()
    excluded: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


class _Encoder:
    """The z3 problem for one carrier size and signature."""

    def __init__(self, size: int, signature: Signature) -> None:
        self.size = size
        self.signature = signature
        self.context = z3.Context()
        self.sort, self.elements = z3.EnumSort(
            "E", [f"e{i}" for i in range(size)], ctx=self.context
        )
        sort = self.sort
        self.add = z3.Function("add", sort, sort, sort)
        self.mul = z3.Function("mul", sort, sort, sort)
        self.comp = z3.Function("comp", sort, sort, sort)
        self.derivations = {name: z3.Function(name, sort, sort)
                            for name in signature.derivations}
        self.zero = self.elements[0]
        self.one = self.elements[1] if size > 1 else self.elements[0]
        self.solver = z3.Solver(ctx=self.context)
        self._witnesses = 0

    def term(self, term: Term, env: dict[str, z3.ExprRef]) -> z3.ExprRef:
        if isinstance(term, Var):
            return env[term.name]
        if isinstance(term, Zero):
            return self.zero
        if isinstance(term, One):
            return self.one
        if isinstance(term, D):
            return self.derivations[term.derivation](self.term(term.arg, env))
        if isinstance(term, Add | Mul | Comp):
            operation = {Add: self.add, Mul: self.mul, Comp: self.comp}[type(term)]
            return operation(self.term(term.left, env), self.term(term.right, env))
        raise TypeError(f"unknown term {term!r}")

    def holds_at(self, law: Law, env: dict[str, z3.ExprRef]) -> z3.BoolRef:
        conclusion = self.term(law.lhs, env) == self.term(law.rhs, env)
        if not law.premises:
            return conclusion
        premises = [self.term(p, env) == self.term(q, env) for p, q in law.premises]
        return z3.Implies(z3.And(premises), conclusion)

    def require_holds(self, law: Law) -> None:
        for values in product(self.elements, repeat=len(law.variables)):
            env = dict(zip(law.variables, values, strict=True))
            self.solver.add(self.holds_at(law, env))

    def require_fails(self, law: Law) -> None:
        self._witnesses += 1
        env = {name: z3.Const(f"w{self._witnesses}_{name}", self.sort)
               for name in law.variables}
        self.solver.add(z3.Not(self.holds_at(law, env)))

    def require_nonzero_derivations(self) -> None:
        for derivation in self.derivations.values():
            self.solver.add(z3.Or([derivation(x) != self.zero for x in self.elements]))

    def index(self, model: z3.ModelRef, value: z3.ExprRef) -> int:
        shown = str(model.eval(value, model_completion=True))
        return int(shown.removeprefix("e"))

    def tables(self, model: z3.ModelRef, family: str) -> Found:
        elements = self.elements

        def table(operation: z3.FuncDeclRef) -> list[list[int]]:
            return [[self.index(model, operation(x, y)) for y in elements]
                    for x in elements]

        derivations = {name: [self.index(model, apply(x)) for x in elements]
                       for name, apply in self.derivations.items()}
        composition = table(self.comp) if self.signature.composition else None
        return Found(family, self.size, table(self.add), table(self.mul),
                     derivations, composition)


def _solve(size: int, signature: Signature, holding: Iterable[Law],
           failing: Iterable[Law], family: str) -> Found | None:
    """Return a model of the given size, preferring nonzero derivations."""
    encoder = _Encoder(size, signature)
    for law in holding:
        encoder.require_holds(law)
    for law in failing:
        encoder.require_fails(law)
    if encoder.solver.check() != z3.sat:
        return None
    encoder.solver.push()
    encoder.require_nonzero_derivations()
    if encoder.solver.check() == z3.sat:
        return encoder.tables(encoder.solver.model(), family)
    encoder.solver.pop()
    encoder.solver.check()
    return encoder.tables(encoder.solver.model(), family)


def _search_sizes(signature: Signature, holding: Sequence[Law],
                  failing: Sequence[Law], family: str,
                  max_size: int) -> Found | None:
    for size in range(2, max_size + 1):
        found = _solve(size, signature, holding, failing, family)
        if found is not None:
            return found
    return None


def search_law(family: str, max_size: int = MAX_SIZE,
               max_co_failures: int = MAX_CO_FAILURES) -> Found:
    """Find the smallest structure breaking the non-property ``family``.

    Co-failure sets are tried by increasing size, and inside one size the
    set with the smallest structure wins.  On a tie, a set of derivation and
    ``∘′`` laws wins over one with semiring laws, so that the broken part is
    the map and the semiring stays a semiring where it can.

    >>> found = search_law("add_comm", max_size=3)
    >>> found.size, found.co_failures
    (2, ())
    """
    started = time.perf_counter()
    signature = signature_for(family)
    laws = [law for law in signature.laws() if law.kind != "property"]
    targets = [law for law in laws if law.family == family]
    others = [law for law in laws if law.family != family]
    candidates = sorted(others, key=lambda law: law.family in SEMIRING_FAMILIES)
    for count in range(max_co_failures + 1):
        best: Found | None = None
        for chosen in combinations(candidates, count):
            ids = tuple(law.id for law in chosen)
            holding = [law for law in others if law.id not in ids]
            limit = max_size if best is None else best.size - 1
            found = _search_sizes(signature, holding, [*targets, *chosen],
                                  family, limit)
            if found is not None:
                found.co_failures = ids
                best = found
            logger.info("%s with co-failures %s: %s", family, ids or "none",
                        f"size {found.size}" if found else f"none up to size {limit}")
        if best is not None:
            best.reason = _co_failure_reason(family, best.co_failures)
            best.seconds = time.perf_counter() - started
            return best
    raise LookupError(f"no structure of size at most {max_size} breaks {family} "
                      f"with at most {max_co_failures} co-failing laws: raise "
                      "--max-size")


def _co_failure_reason(family: str, co_failures: tuple[str, ...]) -> str:
    if not co_failures:
        return ""
    reason = CO_FAILURE_REASONS.get((family, co_failures))
    if reason is None:
        raise LookupError(f"{family} needs the co-failures {co_failures}, which "
                          "have no reason in CO_FAILURE_REASONS: derive why and "
                          "add it")
    return reason


def search_property(family: str, max_size: int = MAX_SIZE) -> Found:
    """Find a structure where every axiom holds and the property ``family`` fails.

    The other properties that hold are as many as possible, then the
    structure is as small as possible.

    >>> found = search_property("add_cancel", max_size=2)
    >>> found.size, found.properties
    (2, ('mul_comm', 'add_idem', 'mul_idem', 'absorptive'))
    """
    started = time.perf_counter()
    signature = signature_for(family)
    laws = signature.laws()
    axioms = [law for law in laws if law.kind != "property"]
    by_id = {law.id: law for law in laws if law.kind == "property"}
    others = [p for p in PROPERTY_FAMILIES if p != family]
    for count in range(len(others), -1, -1):
        best: Found | None = None
        for kept in combinations(others, count):
            holding = [*axioms, *(by_id[p] for p in kept)]
            limit = max_size if best is None else best.size - 1
            found = _search_sizes(signature, holding, [by_id[family]], family,
                                  limit)
            if found is not None:
                found.properties = kept
                best = found
            logger.info("%s keeping %s: %s", family, kept or "none",
                        f"size {found.size}" if found else f"none up to size {limit}")
        if best is not None:
            best.excluded = {p: _conflict(family, p) for p in others
                             if p not in best.properties}
            best.seconds = time.perf_counter() - started
            return best
    raise LookupError(f"no structure of size at most {max_size} breaks the "
                      f"property {family}: raise --max-size")


def _conflict(family: str, other: str) -> str:
    reason = PROPERTY_CONFLICTS.get((family, other))
    if reason is None:
        raise LookupError(f"breaking {family} also breaks {other} up to the size "
                          "bound, and PROPERTY_CONFLICTS has no reason: derive "
                          "why and add it")
    return reason


def search(family: str, max_size: int = MAX_SIZE) -> Found:
    """Find the broken structure for any catalog family.

    >>> search("d_one", max_size=2).derivations
    {'dx': [0, 1]}
    """
    if family in PROPERTY_FAMILIES:
        return search_property(family, max_size)
    return search_law(family, max_size)


HEADER = '''"""Finite structures that each break one family of the law catalog.

Written by ``python tests/laws/generate_broken.py``: do not edit by hand.
Each entry is the smallest structure on ``0 … size-1`` (``0`` is the zero,
``1`` the one) found by a z3 search in which the laws of ``co_failures``
and the target family fail, and every other non-property law of the
signature holds.  ``reason`` states why the co-failures are forced.  For a
property family every non-property law holds, ``properties`` lists the
other properties that hold and ``excluded`` states why the rest cannot.
"""

from __future__ import annotations

from typing import TypedDict


class BrokenSpec(TypedDict):
    """The tables of one broken structure and what fails in it."""

    size: int
    add: list[list[int]]
    mul: list[list[int]]
    derivations: dict[str, list[int]]
    composition: list[list[int]] | None
    co_failures: list[str]
    reason: str
    properties: list[str]
    excluded: dict[str, str]


BROKEN: dict[str, BrokenSpec] = {
'''

WIDTH = 88


def _literal(value: object) -> str:
    """Return Python source for plain data, with double-quoted strings."""
    return json.dumps(value, ensure_ascii=False).replace("null", "None")


def _string(text: str, indent: int) -> list[str]:
    """Render ``text`` as a literal, split at spaces across lines to fit WIDTH."""
    room = WIDTH - indent - 4
    if len(_literal(text)) <= room:
        return [_literal(text)]
    pieces: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if len(_literal(candidate + " ")) > room and line:
            pieces.append(line + " ")
            line = word
        else:
            line = candidate
    pieces.append(line)
    pad = " " * (indent + 4)
    return ["(", *(pad + _literal(piece) for piece in pieces), " " * indent + ")"]


def _field(name: str, value: object, indent: int) -> list[str]:
    pad = " " * indent
    key = _literal(name)
    if isinstance(value, str):
        lines = _string(value, indent)
        lines[0] = f"{pad}{key}: {lines[0]}"
        lines[-1] += ","
        return lines
    if isinstance(value, dict) and value:
        lines = [f"{pad}{key}: {{"]
        for item_name, item in value.items():
            lines += _field(item_name, item, indent + 4)
        return [*lines, pad + "},"]
    flat = f"{pad}{key}: {_literal(value)},"
    if len(flat) <= WIDTH or not isinstance(value, list):
        return [flat]
    rows = [f"{pad}    {_literal(row)}," for row in value]
    return [f"{pad}{key}: [", *rows, pad + "],"]


def render(results: Sequence[Found]) -> str:
    """Return the text of ``broken_tables.py`` for ``results``.

    >>> found = Found("add_comm", 2, [[0, 0], [1, 1]], [[0, 0], [0, 1]],
    ...               {"dx": [0, 0]}, None)
    >>> print(render([found]).split("BROKEN: dict[str, BrokenSpec] = {")[1])
    <BLANKLINE>
        "add_comm": {
            "size": 2,
            "add": [[0, 0], [1, 1]],
    ...
    }
    """
    lines = [HEADER.rstrip("\n")]
    for found in results:
        spec: dict[str, object] = {
            "size": found.size,
            "add": found.add,
            "mul": found.mul,
            "derivations": found.derivations,
            "composition": found.composition,
            "co_failures": list(found.co_failures),
            "reason": found.reason,
            "properties": list(found.properties),
            "excluded": found.excluded,
        }
        lines.append(f"    {_literal(found.family)}: {{")
        for name, value in spec.items():
            lines += _field(name, value, 8)
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the search from the command line and write the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("families", nargs="*", default=list(FAMILIES),
                        help="law families to search (default: all)")
    parser.add_argument("--max-size", type=int, default=MAX_SIZE,
                        help=f"largest carrier tried (default {MAX_SIZE})")
    parser.add_argument("--no-write", action="store_true",
                        help=f"print only; do not rewrite {OUTPUT.name}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log every co-failure set and property subset tried")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if options.verbose else logging.WARNING,
                        format="%(message)s")
    started = time.perf_counter()
    results = []
    for family in options.families:
        found = search(family, options.max_size)
        results.append(found)
        extra = ", ".join(found.co_failures) or "none"
        print(f"{family:14} size {found.size}  co-failures {extra}  "
              f"{found.seconds:.2f} s")
    print(f"total {time.perf_counter() - started:.2f} s")
    if not options.no_write:
        if set(options.families) != set(FAMILIES):
            print(f"not writing {OUTPUT.name}: it needs every family", file=sys.stderr)
            return 1
        OUTPUT.write_text(render(results), encoding="utf-8")
        print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
