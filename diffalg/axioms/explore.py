"""Decide which laws follow from which: proofs by E, countermodels by z3.

:func:`explore` answers one question, a :class:`~diffalg.axioms.theory.Theory`:
E tries to prove the goal from the hypotheses, and when it does not, z3
searches for a smallest finite countermodel, which the law checker then
confirms.  The :class:`Answer` keeps all the evidence: the proof object and
the hypotheses it cites, or the countermodel's tables, the sizes searched
and the checker's verdicts.

Named questions (:data:`QUESTIONS`), each over its own signature:

- ``d_zero``: ``∂0 = 0`` from the semiring and derivation axioms;
- ``d_one``: ``∂1 = 0`` from the same axioms;
- ``d_one_composition``: ``∂1 = 0`` once ``∘′`` and its laws are added;
- ``absorptive_zero``: ``∂a = 0`` in an absorptive (``1 + a = 1``)
  differential semiring with ``∘′``;
- ``absorptive_zero_no_composition``: the same without ``∘′``;
- ``chain_agree``: whether two derivations that both obey the chain rule
  must agree, ``∂x a = ∂y a``;
- ``chain_agree_commutative``: the same with ``·`` commutative;
- ``chain_agree_nonzero`` and ``chain_agree_nonzero_commutative``: the
  same two questions for derivations assumed nonzero.

Main names: :func:`explore`, :class:`Answer`, :class:`Question`,
:data:`QUESTIONS`, :func:`question_theory`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from diffalg.axioms.confirm import Confirmation, confirm_countermodel
from diffalg.axioms.countermodel import (
    ProgressCallback,
    SearchResult,
    find_countermodel,
)
from diffalg.axioms.prover import prove
from diffalg.axioms.results import (
    Error,
    Independent,
    Outcome,
    Proved,
    ProverResult,
)
from diffalg.axioms.theory import Signature, Theory

logger = logging.getLogger(__name__)

Verdict = Literal["proved", "independent", "open", "error"]


class UnknownQuestionError(KeyError):
    """No named question has the requested name."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Question:
    """A named question: hypotheses (law names), a goal and a signature.

    >>> QUESTIONS["d_one"].theory().describe()
    '12 laws (semiring, derivation) ⊢ d_one[dx]: dx(1) = 0 ?'
    """

    name: str
    summary: str
    hypotheses: tuple[str, ...]
    goal: str
    signature: Signature
    nonzero: tuple[str, ...] = ()

    def theory(self) -> Theory:
        """Build the question's theory."""
        return Theory.build(self.hypotheses, self.goal, self.signature,
                            nonzero=self.nonzero)


_ONE = Signature(("dx",))
_ONE_COMPOSITION = Signature(("dx",), composition=True)
_TWO_COMPOSITION = Signature(("dx", "dy"), composition=True)

QUESTIONS: dict[str, Question] = {
    q.name: q
    for q in (
        Question("d_zero", "∂0 = 0 from the semiring and derivation axioms",
                 ("semiring", "derivation"), "d_zero[dx]", _ONE),
        Question("d_one", "∂1 = 0 from the semiring and derivation axioms",
                 ("semiring", "derivation"), "d_one[dx]", _ONE),
        Question("d_one_composition",
                 "∂1 = 0 once ∘′ and the chain rule are added",
                 ("structure",), "d_one[dx]", _ONE_COMPOSITION),
        Question("absorptive_zero",
                 "∂a = 0 in an absorptive semiring (1 + a = 1) with ∘′",
                 ("structure", "absorptive"), "d_vanishes[dx]",
                 _ONE_COMPOSITION),
        Question("absorptive_zero_no_composition",
                 "∂a = 0 in an absorptive semiring without ∘′",
                 ("structure", "absorptive"), "d_vanishes[dx]", _ONE),
        Question("chain_agree",
                 "two derivations obeying the chain rule agree: ∂x a = ∂y a",
                 ("structure",), "d_agree[dx,dy]", _TWO_COMPOSITION),
        Question("chain_agree_commutative",
                 "the same with · commutative",
                 ("structure", "mul_comm"), "d_agree[dx,dy]", _TWO_COMPOSITION),
        Question("chain_agree_nonzero",
                 "the same for two derivations that are both nonzero",
                 ("structure",), "d_agree[dx,dy]", _TWO_COMPOSITION,
                 nonzero=("dx", "dy")),
        Question("chain_agree_nonzero_commutative",
                 "the same for two nonzero derivations, with · commutative",
                 ("structure", "mul_comm"), "d_agree[dx,dy]", _TWO_COMPOSITION,
                 nonzero=("dx", "dy")),
    )
}


@dataclass(frozen=True)
class Answer:
    """The evidence gathered on one theory, and what it settles.

    ``verdict`` is ``proved`` (E found a proof), ``independent`` (a finite
    countermodel exists and the checker confirmed it), ``open`` (neither
    within the limits) or ``error`` (a tool failed, or the evidence
    contradicts itself).  ``outcome`` is the deciding result: the proof, the
    countermodel, or the prover's own result when nothing was settled.
    """

    theory: Theory
    verdict: Verdict
    outcome: Outcome | None
    prover: ProverResult | None
    search: SearchResult | None
    confirmation: Confirmation | None
    seconds: float
    notes: tuple[str, ...] = ()
    interrupted: bool = False

    def summary(self) -> str:
        """Return the answer as one line of text."""
        goal = self.theory.goal
        head = f"{goal.id} ({goal.text()}): {self.verdict}"
        parts = []
        if self.prover is not None:
            parts.append(f"E: {self.prover.describe()}")
        if self.search is not None:
            parts.append(f"z3: {self.search.summary()}")
        if self.interrupted and (self.search is None or not self.search.interrupted):
            parts.append("interrupted")
        return head + (" — " + "; ".join(parts) if parts else "")

    def report_text(self, *, proof: bool = True) -> str:
        """Return the full evidence as text: proof or tables and checks."""
        lines = [self.theory.describe(), self.summary()]
        lines.extend(f"note: {note}" for note in self.notes)
        if isinstance(self.prover, Proved) and proof:
            lines += ["", "proof object (TPTP, from E):", self.prover.proof.rstrip()]
        if isinstance(self.prover, Error):
            lines += ["", f"E failed: {self.prover.message}"]
        if self.search is not None and self.search.countermodel is not None:
            lines += ["", self.search.countermodel.tables_text()]
        if self.confirmation is not None:
            lines += ["", self.confirmation.describe()]
        return "\n".join(lines)


def question_theory(name: str) -> Theory:
    """Return the theory of the named question.

    >>> question_theory("chain_agree").goal.text()
    'dx(a) = dy(a)'
    >>> question_theory("d_two")
    Traceback (most recent call last):
    ...
    diffalg.axioms.explore.UnknownQuestionError: unknown question 'd_two': ...
    """
    if name not in QUESTIONS:
        raise UnknownQuestionError(f"unknown question {name!r}: choose from "
                                   f"{', '.join(QUESTIONS)}")
    return QUESTIONS[name].theory()


StageCallback = Callable[[str], None]
"""Called with ``"prover"``, ``"models"`` or ``"confirm"`` as each stage starts."""


def explore(
    theory: Theory,
    *,
    prover_time: float = 10.0,
    model_time: float = 30.0,
    max_size: int = 6,
    size_time: float | None = None,
    use_prover: bool = True,
    use_models: bool = True,
    cross_check: bool = False,
    check_timeout: float = 10.0,
    progress: ProgressCallback | None = None,
    on_stage: StageCallback | None = None,
    executable: str | None = None,
) -> Answer:
    """Decide whether the goal of ``theory`` follows, with evidence.

    E runs first for at most ``prover_time`` seconds.  Without a proof, z3
    searches sizes ``1 … max_size`` for at most ``model_time`` seconds in
    total (``size_time`` per size), and a countermodel found is confirmed
    by the law checker.  With ``cross_check`` the search also runs after a
    proof, and a countermodel then would mean that one of the tools is
    wrong: the verdict is ``error``.  Ctrl-C ends the current stage and
    returns what was established so far, with ``interrupted`` set.

    >>> answer = explore(question_theory("d_one"), use_prover=False,
    ...                  model_time=10, max_size=3)
    >>> answer.verdict, answer.search.countermodel.size
    ('independent', 2)
    >>> print(answer.confirmation.describe())
    confirmed by the law checker
    hypothesis add_assoc: exhaustive
    ...
    goal d_one[dx]: refuted
      at (no variables): 1 ≠ 0
    """
    start = time.monotonic()

    def stage(name: str) -> None:
        if on_stage is not None:
            on_stage(name)

    def stop(verdict: Verdict, note: str) -> Answer:
        return Answer(theory, verdict, prover_result, prover_result, search,
                      None, time.monotonic() - start, (note,), interrupted=True)

    prover_result: ProverResult | None = None
    search: SearchResult | None = None
    if use_prover:
        stage("prover")
        try:
            prover_result = prove(theory, prover_time, executable=executable)
        except KeyboardInterrupt:
            return stop("open", "interrupted while E was running")
        logger.info("%s: %s", theory.goal.id, prover_result.describe())

    proved = isinstance(prover_result, Proved)
    if use_models and (not proved or cross_check):
        stage("models")
        search = find_countermodel(theory, max_size=max_size,
                                   time_limit=model_time,
                                   size_time_limit=size_time, progress=progress)
        logger.info("%s: %s", theory.goal.id, search.summary())

    confirmation: Confirmation | None = None
    model = search.countermodel if search is not None else None
    if model is not None:
        stage("confirm")
        try:
            confirmation = confirm_countermodel(model, timeout=check_timeout)
        except KeyboardInterrupt:
            return stop("proved" if proved else "open",
                        "interrupted before the law checker confirmed the "
                        "countermodel")

    seconds = time.monotonic() - start
    verdict: Verdict
    outcome: Outcome | None = prover_result
    notes: list[str] = []
    if proved and model is not None:
        verdict = "error"
        notes.append("E proved the goal but z3 found a countermodel: one of "
                     "the tools or the export is wrong")
    elif proved:
        verdict = "proved"
    elif model is not None and confirmation is not None and confirmation.confirmed:
        verdict = "independent"
        outcome = Independent(model, search.seconds if search else seconds)
    elif model is not None:
        verdict = "error"
        notes.append("z3 found a countermodel that the law checker does not "
                     "confirm")
    else:
        verdict = "error" if isinstance(prover_result, Error) else "open"
    interrupted = search is not None and search.interrupted
    return Answer(theory, verdict, outcome, prover_result, search, confirmation,
                  seconds, tuple(notes), interrupted)
