"""Typed outcomes of asking whether a goal follows from hypotheses.

- :class:`Proved`: the prover found a proof; it keeps the proof text and
  the hypotheses the proof uses;
- :class:`NotProved`: the prover stopped without a proof and gave an SZS
  status such as ``CounterSatisfiable`` (it saturated the clause set, so
  the goal does not follow) or ``GaveUp``;
- :class:`TimedOut`: the prover hit its CPU or wall-clock limit;
- :class:`Error`: the prover could not run or its output made no sense;
  this never settles the question;
- :class:`Independent`: a finite countermodel shows the goal does not
  follow.

``Outcome`` is the union of all five, and :func:`is_answer` returns whether
an outcome settles the question.

Main names: :class:`Proved`, :class:`NotProved`, :class:`TimedOut`,
:class:`Error`, :class:`Independent`, :data:`Outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffalg.axioms.countermodel import Countermodel


@dataclass(frozen=True)
class Proved:
    """A proof found by the prover.

    ``axioms_used`` lists the law ids of the hypotheses that the proof
    object cites, in the prover's order.

    >>> Proved("...", ("d_leibniz[dx]",), 0.01).describe()
    'proved in 0.01 s from d_leibniz[dx]'
    """

    proof: str
    axioms_used: tuple[str, ...]
    seconds: float
    status: str = "Theorem"

    def describe(self) -> str:
        """Return the outcome as one line of text."""
        return f"proved in {self.seconds:.2f} s from {', '.join(self.axioms_used)}"


@dataclass(frozen=True)
class NotProved:
    """The prover stopped without a proof and reported ``status``.

    >>> NotProved("CounterSatisfiable", 0.3).describe()
    'not proved: SZS status CounterSatisfiable after 0.30 s'
    """

    status: str
    seconds: float
    output: str = ""

    def describe(self) -> str:
        """Return the outcome as one line of text."""
        return f"not proved: SZS status {self.status} after {self.seconds:.2f} s"


@dataclass(frozen=True)
class TimedOut:
    """The prover used its time limit of ``limit`` seconds.

    ``status`` is the prover's own report (``ResourceOut``) or ``killed``
    when the wall-clock limit ended the process.

    >>> TimedOut(2.0, 2.0, "ResourceOut").describe()
    'timed out after 2.00 s (limit 2 s, ResourceOut)'
    """

    seconds: float
    limit: float
    status: str = "killed"

    def describe(self) -> str:
        """Return the outcome as one line of text."""
        return (f"timed out after {self.seconds:.2f} s (limit {self.limit:g} s, "
                f"{self.status})")


@dataclass(frozen=True)
class Error:
    """The prover failed to run or gave output that could not be read.

    >>> Error("eprover exited with code 3: syntax error").describe()
    'error: eprover exited with code 3: syntax error'
    """

    message: str
    seconds: float = 0.0

    def describe(self) -> str:
        """Return the outcome as one line of text."""
        return f"error: {self.message}"


@dataclass(frozen=True)
class Independent:
    """A finite countermodel: the hypotheses hold in it and the goal fails.

    >>> from diffalg.axioms.theory import Signature, Theory
    >>> theory = Theory.build(["semiring", "derivation"], "d_one[dx]",
    ...                       Signature(("dx",)))
    >>> model = Countermodel(theory, 2, ((0, 1), (1, 1)), ((0, 0), (0, 1)),
    ...                      {"dx": (0, 1)}, None, one=1, witness={})
    >>> Independent(model, 0.05).describe()
    'independent: countermodel of size 2 found in 0.05 s'
    """

    countermodel: Countermodel
    seconds: float

    def describe(self) -> str:
        """Return the outcome as one line of text."""
        return (f"independent: countermodel of size {self.countermodel.size} "
                f"found in {self.seconds:.2f} s")


ProverResult = Proved | NotProved | TimedOut | Error
Outcome = Proved | NotProved | TimedOut | Error | Independent


def is_answer(outcome: Outcome) -> bool:
    """Whether ``outcome`` settles the question (a proof or a countermodel).

    >>> is_answer(Proved("", (), 0.0)), is_answer(TimedOut(1.0, 1.0))
    (True, False)
    """
    return isinstance(outcome, Proved | Independent)
