"""Verdicts: how a law was decided on a structure, and what was found.

A law checked on a structure ends as exactly one :class:`VerdictKind`:

- ``proved``: shown for every element (symbolically, on generic elements, or
  by a stated lemma);
- ``exhaustive``: verified on every tuple of a finite carrier;
- ``sampled``: no counterexample among ``examples`` draws with ``seed``;
- ``refuted``: a witness is given, with both sides, the intermediate
  subterms and a replay snippet;
- ``error``: an operation raised; the operation, its inputs and the
  exception are given;
- ``timed out``: the time budget ran out before a decision;
- ``not applicable``: the structure lacks what the law assumes;
- ``known failure``: refuted, and the structure declares that it fails;
- ``undecided``: no counterexample and no evidence either, for example when
  the premise of a Horn law never held among the samples.

Only ``proved``, ``exhaustive`` and ``sampled`` count as the law holding.

Main names: :class:`VerdictKind`, :class:`Verdict`, :class:`Witness`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class VerdictKind(StrEnum):
    """The ways a law check can end.

    >>> VerdictKind.SAMPLED.value
    'sampled'
    >>> VerdictKind.SAMPLED.holds, VerdictKind.TIMED_OUT.holds
    (True, False)
    """

    PROVED = "proved"
    EXHAUSTIVE = "exhaustive"
    SAMPLED = "sampled"
    REFUTED = "refuted"
    ERROR = "error"
    TIMED_OUT = "timed out"
    NOT_APPLICABLE = "not applicable"
    KNOWN_FAILURE = "known failure"
    UNDECIDED = "undecided"

    @property
    def holds(self) -> bool:
        """Whether the verdict is evidence that the law holds."""
        return self in (VerdictKind.PROVED, VerdictKind.EXHAUSTIVE,
                        VerdictKind.SAMPLED)

    @property
    def fails(self) -> bool:
        """Whether the verdict shows that the law fails, with a witness."""
        return self in (VerdictKind.REFUTED, VerdictKind.KNOWN_FAILURE)


@dataclass(frozen=True)
class Witness:
    """A counterexample: values of the variables and what each side gave.

    Values are stored as text (``show``) and as Python source (``source``,
    used by the replay snippet), so a witness pickles and serialises to JSON
    whatever the element type.

    >>> w = Witness((("a", "1"),), (("a", "True"),), "1", "0", (("dx(1)", "1"),),
    ...             "replay(...)")
    >>> w.describe_assignment()
    'a = 1'
    """

    assignment: tuple[tuple[str, str], ...]
    sources: tuple[tuple[str, str], ...]
    lhs: str
    rhs: str
    subterms: tuple[tuple[str, str], ...]
    replay: str

    def describe_assignment(self) -> str:
        """Return the assignment as ``a = …, b = …``."""
        if not self.assignment:
            return "(no variables)"
        return ", ".join(f"{name} = {value}" for name, value in self.assignment)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary.

        >>> Witness((("a", "0"),), (("a", "0"),), "0", "1", (), "").to_dict()["lhs"]
        '0'
        """
        return {
            "assignment": dict(self.assignment),
            "lhs": self.lhs,
            "rhs": self.rhs,
            "subterms": dict(self.subterms),
            "replay": self.replay,
        }


@dataclass(frozen=True)
class Verdict:
    """The outcome of one law check and how it was reached.

    ``method`` says how in words; ``examples`` and ``seed`` are set for
    sampled verdicts, ``witness`` for refutations and ``error`` for errors.

    >>> v = Verdict(VerdictKind.SAMPLED, "Hypothesis", examples=200, seed=0)
    >>> v.summary()
    'sampled: Hypothesis (200 examples, seed 0)'
    """

    kind: VerdictKind
    method: str
    examples: int | None = None
    seed: int | None = None
    equality: str = "exact"
    witness: Witness | None = None
    error: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        """Return a one-line account of the verdict."""
        text = f"{self.kind.value}: {self.method}"
        if self.examples is not None:
            text += f" ({self.examples} examples, seed {self.seed})"
        if self.witness is not None:
            text += f"; witness {self.witness.describe_assignment()}"
        if self.error is not None:
            text += f"; {self.error}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary.

        >>> Verdict(VerdictKind.PROVED, "expand").to_dict()["kind"]
        'proved'
        """
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "method": self.method,
            "equality": self.equality,
        }
        if self.examples is not None:
            data["examples"] = self.examples
            data["seed"] = self.seed
        if self.witness is not None:
            data["witness"] = self.witness.to_dict()
        if self.error is not None:
            data["error"] = self.error
        if self.notes:
            data["notes"] = list(self.notes)
        return data
