"""Finite structures given by tables, as returned by the countermodel search.

A :class:`Countermodel` stores the tables of ``+``, ``·``, ``∘′`` and the
derivations on ``{0, …, size-1}`` together with the theory it refutes and a
witness for the goal.  It evaluates terms on the tables without z3, so the
claim that it is a countermodel can be checked law by law, renders itself as
Cayley tables and converts to a
:class:`~diffalg.structures.structure.DifferentialSemiring` with
:func:`~diffalg.structures.finite.finite_structure`.

Main names: :class:`Countermodel`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product

from diffalg.axioms.theory import Theory
from diffalg.laws.law import Law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero
from diffalg.structures.finite import finite_structure
from diffalg.structures.structure import DifferentialSemiring

Table = tuple[tuple[int, ...], ...]

@dataclass(frozen=True)
class Countermodel:
    """A finite structure on ``{0, …, size-1}`` given by its tables.

    ``witness`` assigns elements to the goal's variables so that the goal
    fails there.  Element ``zero`` is ``0``, and ``one`` is ``1`` unless the
    structure has a single element.

    >>> from diffalg.axioms.theory import Signature, Theory
    >>> theory = Theory.build(["semiring", "derivation"], "d_one[dx]",
    ...                       Signature(("dx",)))
    >>> boolean = Countermodel(theory, 2, ((0, 1), (1, 1)), ((0, 0), (0, 1)),
    ...                        {"dx": (0, 1)}, None, one=1, witness={})
    >>> boolean.goal_values()
    (1, 0)
    >>> boolean.failing_hypotheses()
    []
    """

    theory: Theory
    size: int
    add: Table
    mul: Table
    derivations: Mapping[str, tuple[int, ...]]
    composition: Table | None
    one: int
    witness: Mapping[str, int]
    zero: int = 0

    def evaluate(self, term: Term, env: Mapping[str, int]) -> int:
        """Return the value of ``term`` with variables bound by ``env``.

        >>> from diffalg.laws.terms import Var
        >>> from diffalg.axioms.theory import Signature, Theory
        >>> theory = Theory.build(["add_comm"], "add_zero", Signature(()))
        >>> two = Countermodel(theory, 2, ((0, 1), (1, 0)), ((0, 0), (0, 1)),
        ...                    {}, None, one=1, witness={})
        >>> two.evaluate(Var("a") + Var("a"), {"a": 1})
        0
        """
        if isinstance(term, Var):
            return env[term.name]
        if isinstance(term, Zero):
            return self.zero
        if isinstance(term, One):
            return self.one
        if isinstance(term, D):
            return self.derivations[term.derivation][self.evaluate(term.arg, env)]
        if isinstance(term, Add | Mul | Comp):
            left = self.evaluate(term.left, env)
            right = self.evaluate(term.right, env)
            if isinstance(term, Add):
                return self.add[left][right]
            if isinstance(term, Mul):
                return self.mul[left][right]
            if self.composition is None:
                raise ValueError(f"term {term.text()} uses ∘′ but the "
                                 "countermodel has no composition table")
            return self.composition[left][right]
        raise TypeError(f"cannot evaluate {term!r}: not a diffalg term")

    def violation(self, item: Law) -> dict[str, int] | None:
        """Return an assignment that breaks ``item``, or ``None`` if it holds.

        Every tuple of elements is tried, so ``None`` means the law holds.

        >>> from diffalg.axioms.theory import Signature, Theory
        >>> theory = Theory.build(["add_comm"], "add_zero", Signature(()))
        >>> model = Countermodel(theory, 2, ((0, 0), (1, 1)), ((0, 0), (0, 1)),
        ...                      {}, None, one=1, witness={})
        >>> model.violation(theory.hypotheses[0])
        {'a': 0, 'b': 1}
        """
        names = item.variables
        for values in product(range(self.size), repeat=len(names)):
            env = dict(zip(names, values, strict=True))
            premises_hold = all(self.evaluate(p, env) == self.evaluate(q, env)
                                for p, q in item.premises)
            if premises_hold and (self.evaluate(item.lhs, env)
                                  != self.evaluate(item.rhs, env)):
                return env
        return None

    def failing_hypotheses(self) -> list[str]:
        """Return the ids of hypotheses that fail (empty for a countermodel)."""
        return [item.id for item in self.theory.hypotheses
                if self.violation(item) is not None]

    def goal_values(self) -> tuple[int, int]:
        """Return the two sides of the goal at the witness."""
        goal = self.theory.goal
        return (self.evaluate(goal.lhs, self.witness),
                self.evaluate(goal.rhs, self.witness))

    def zero_derivations(self) -> list[str]:
        """Return the derivations assumed nonzero that are zero here."""
        return [name for name in self.theory.nonzero
                if all(v == self.zero for v in self.derivations[name])]

    def is_countermodel(self) -> bool:
        """Whether every hypothesis holds and the goal fails at the witness.

        Derivations that the theory assumes nonzero must be nonzero.
        """
        goal = self.theory.goal
        premises_hold = all(
            self.evaluate(p, self.witness) == self.evaluate(q, self.witness)
            for p, q in goal.premises
        )
        lhs, rhs = self.goal_values()
        return (premises_hold and lhs != rhs and not self.failing_hypotheses()
                and not self.zero_derivations())

    def tables_text(self) -> str:
        """Render the structure as Cayley tables and the failing goal.

        >>> from diffalg.axioms.theory import Signature, Theory
        >>> theory = Theory.build(["semiring", "derivation"], "d_one[dx]",
        ...                       Signature(("dx",)))
        >>> model = Countermodel(theory, 2, ((0, 1), (1, 1)), ((0, 0), (0, 1)),
        ...                      {"dx": (0, 1)}, None, one=1, witness={})
        >>> print(model.tables_text())
        size 2, zero = 0, one = 1
        + | 0 1
        --+----
        0 | 0 1
        1 | 1 1
        <BLANKLINE>
        · | 0 1
        --+----
        0 | 0 0
        1 | 0 1
        <BLANKLINE>
        a | dx(a)
        --+------
        0 | 0
        1 | 1
        <BLANKLINE>
        goal d_one[dx] fails: dx(1) = 0 has left side 1 and right side 0
        """
        width = len(str(self.size - 1))
        blocks = [f"size {self.size}, zero = {self.zero}, one = {self.one}"]
        blocks.append(_cayley_text("+", self.add, width))
        blocks.append(_cayley_text("·", self.mul, width))
        if self.composition is not None:
            blocks.append(_cayley_text("∘′", self.composition, width))
        if self.derivations:
            blocks.append(_unary_text(self.derivations, width))
        goal = self.theory.goal
        where = ", ".join(f"{name} = {value}" for name, value in self.witness.items())
        lhs, rhs = self.goal_values()
        statement = goal.text()
        if where:
            statement += f" at {where}"
        blocks.append(f"goal {goal.id} fails: {statement} has left side {lhs} "
                      f"and right side {rhs}")
        return "\n\n".join(blocks)

    def to_structure(self, name: str = "countermodel") -> DifferentialSemiring[int]:
        """Build the countermodel as a finite differential semiring.

        >>> from diffalg.axioms.theory import Signature, Theory
        >>> theory = Theory.build(["semiring", "derivation"], "d_one[dx]",
        ...                       Signature(("dx",)))
        >>> model = Countermodel(theory, 2, ((0, 1), (1, 1)), ((0, 0), (0, 1)),
        ...                      {"dx": (0, 1)}, None, one=1, witness={})
        >>> model.to_structure().derivation("dx")(1)
        1
        """
        return finite_structure(
            name,
            [list(row) for row in self.add],
            [list(row) for row in self.mul],
            derivations={k: list(v) for k, v in self.derivations.items()},
            composition=(None if self.composition is None
                         else [list(row) for row in self.composition]),
            zero=self.zero,
            one=self.one,
            description=(f"size-{self.size} countermodel to {self.theory.goal.id}"),
        )


def _cayley_text(symbol: str, table: Table, width: int) -> str:
    head_width = max(len(symbol), width)
    header = f"{symbol:>{head_width}} | " + " ".join(
        f"{x:>{width}}" for x in range(len(table)))
    rule = "-" * (head_width + 1) + "+" + "-" * (len(header) - head_width - 2)
    rows = [f"{x:>{head_width}} | " + " ".join(f"{v:>{width}}" for v in row)
            for x, row in enumerate(table)]
    return "\n".join([header, rule, *rows])


def _unary_text(tables: Mapping[str, tuple[int, ...]], width: int) -> str:
    names = list(tables)
    labels = [f"{name}(a)" for name in names]
    head_width = max(1, width)
    header = f"{'a':>{head_width}} | " + " ".join(labels)
    rule = "-" * (head_width + 1) + "+" + "-" * (len(header) - head_width - 2)
    rows = []
    for x in range(len(tables[names[0]])):
        cells = [f"{tables[name][x]:<{len(label)}}"
                 for name, label in zip(names, labels, strict=True)]
        rows.append(f"{x:>{head_width}} | " + " ".join(cells).rstrip())
    return "\n".join([header, rule, *rows])
