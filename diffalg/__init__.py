"""diffalg: differential semirings, their laws, proofs and counterexamples.

A differential semiring is a semiring with named, pairwise commuting
derivations and, optionally, a composition ``∘′`` obeying the chain rule
``∂(a ∘′ b) = (∂a ∘′ b)·∂b``.  diffalg states every law once as a term,
checks laws on concrete structures with honest verdicts (proved, exhaustive,
sampled, refuted with a witness, …) and keeps a catalog of instances.

>>> from diffalg import check
>>> from diffalg.instances import get
>>> check(get("F2[t]/(t^2)"), ["chain[dt]"]).results[0].verdict.kind.value
'exhaustive'
"""

from diffalg.checking import Report, Verdict, VerdictKind, check, replay
from diffalg.structures import (
    Composition,
    Derivation,
    DifferentialSemiring,
    Semiring,
    Tolerance,
    finite_semiring,
    finite_structure,
)

__all__ = [
    "Composition",
    "Derivation",
    "DifferentialSemiring",
    "Report",
    "Semiring",
    "Tolerance",
    "Verdict",
    "VerdictKind",
    "check",
    "finite_semiring",
    "finite_structure",
    "replay",
]
