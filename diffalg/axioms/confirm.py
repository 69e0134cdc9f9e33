"""Confirm a countermodel with the law checker, independently of z3.

A countermodel found by z3 is rebuilt as a finite differential semiring and
handed to :func:`diffalg.checking.check`: every hypothesis must hold
(verdict ``exhaustive`` or ``proved``) and the goal must be ``refuted``.
Catalog laws go through :func:`~diffalg.checking.check` by id.  Laws outside
the catalog for the structure (``d_vanishes[dx]``, user laws) are decided by
:func:`~diffalg.checking.decide`, the same backend without the per-law child
process.

Main names: :func:`confirm_countermodel`, :class:`Confirmation`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diffalg.axioms.countermodel import Countermodel
from diffalg.checking import Verdict, VerdictKind, applicable_laws, check, decide
from diffalg.laws.law import Law
from diffalg.structures.structure import DifferentialSemiring

CONFIRM_SEED = 0
CONFIRM_EXAMPLES = 50


@dataclass(frozen=True)
class Confirmation:
    """The checker's verdict on each law of a countermodel's theory.

    ``verdicts`` maps every hypothesis id and the goal id to a verdict.
    """

    structure: DifferentialSemiring[Any]
    verdicts: Mapping[str, Verdict]
    goal: str

    @property
    def hypotheses_hold(self) -> bool:
        """Whether the checker found every hypothesis to hold."""
        return all(v.kind.holds for law_id, v in self.verdicts.items()
                   if law_id != self.goal)

    @property
    def goal_refuted(self) -> bool:
        """Whether the checker refuted the goal."""
        return self.verdicts[self.goal].kind.fails

    @property
    def confirmed(self) -> bool:
        """Whether the checker agrees that this is a countermodel."""
        return self.hypotheses_hold and self.goal_refuted

    def describe(self) -> str:
        """Return the confirmation as lines of text, one per law."""
        lines = []
        for law_id, verdict in self.verdicts.items():
            role = "goal" if law_id == self.goal else "hypothesis"
            lines.append(f"{role} {law_id}: {verdict.kind.value}")
            if law_id == self.goal and verdict.witness is not None:
                witness = verdict.witness
                lines.append(f"  at {witness.describe_assignment()}: "
                             f"{witness.lhs} ≠ {witness.rhs}")
        verdict_line = ("confirmed by the law checker" if self.confirmed
                        else "NOT confirmed by the law checker")
        return "\n".join([verdict_line, *lines])


def confirm_countermodel(model: Countermodel, *, timeout: float = 10.0,
                         name: str = "countermodel") -> Confirmation:
    """Check every hypothesis and the goal of ``model``'s theory on it.

    ``timeout`` is the checker's budget per catalog law, in seconds.

    >>> from diffalg.axioms.theory import Signature, Theory
    >>> theory = Theory.build(["semiring", "derivation"], "d_one[dx]",
    ...                       Signature(("dx",)))
    >>> model = Countermodel(theory, 2, ((0, 1), (1, 1)), ((0, 0), (0, 1)),
    ...                      {"dx": (0, 1)}, None, one=1, witness={})
    >>> confirmation = confirm_countermodel(model)
    >>> confirmation.confirmed, confirmation.verdicts["d_one[dx]"].kind.value
    (True, 'refuted')
    """
    structure = model.to_structure(name)
    catalog = {item.id: item for item in applicable_laws(structure)}
    laws: list[Law] = [*model.theory.hypotheses, model.theory.goal]
    by_checker = [item.id for item in laws if catalog.get(item.id) == item]

    verdicts: dict[str, Verdict] = {}
    report = check(structure, by_checker, seed=CONFIRM_SEED,
                   max_examples=CONFIRM_EXAMPLES, timeout=timeout)
    for item in laws:
        if item.id in by_checker:
            verdicts[item.id] = report.result(item.id).verdict
        else:
            verdicts[item.id] = decide(item, structure, seed=CONFIRM_SEED,
                                       max_examples=CONFIRM_EXAMPLES)
    return Confirmation(structure, verdicts, model.theory.goal.id)


def verdict_kinds(confirmation: Confirmation) -> dict[str, VerdictKind]:
    """Return the verdict kind of each law, by id.

    >>> from diffalg.axioms.theory import Signature, Theory
    >>> theory = Theory.build(["add_comm"], "add_zero", Signature(()))
    >>> model = Countermodel(theory, 2, ((0, 1), (1, 1)), ((0, 0), (0, 1)),
    ...                      {}, None, one=1, witness={"a": 0})
    >>> verdict_kinds(confirm_countermodel(model))["add_zero"].value
    'exhaustive'
    """
    return {law_id: v.kind for law_id, v in confirmation.verdicts.items()}
