"""Differential semirings: a semiring, named derivations and an optional ``∘′``.

A differential semiring here is ``(F, +, ·, ∘′, 0, 1, {∂₁ … ∂ₖ})`` where
``(F, +, ·, 0, 1)`` is a semiring, each ``∂ᵢ`` is a derivation, the
derivations commute pairwise and ``∘′`` (when present) is an associative
operation with ``1 ∘′ f = 1``, ``0 ∘′ f = 0`` and the chain rule
``∂(a ∘′ b) = (∂a ∘′ b)·∂b`` for every derivation.

A :class:`DifferentialSemiring` also records what is *expected* of it: the
laws it is known to break (each with a reason) and the properties
(``mul_comm``, ``add_idem``, …) it is known to have.  The checker compares
every verdict with these expectations, so a known failure that starts to
hold is reported as loudly as a law that starts to fail.

Main names: :class:`DifferentialSemiring`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring

T = TypeVar("T")

PROPERTY_IDS = ("mul_comm", "add_idem", "mul_idem", "absorptive", "add_cancel")


@dataclass(frozen=True, eq=False)
class DifferentialSemiring(Generic[T]):
    """A semiring with named derivations, an optional ``∘′`` and expectations.

    ``known_failures`` maps law ids (``chain[dx]``) or law families
    (``chain``, meaning every derivation) to the reason the law fails.
    ``properties`` lists the property ids that hold; every other property is
    expected to fail.

    >>> import operator
    >>> naturals = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> zero = Derivation("d0", lambda n: 0)
    >>> s = DifferentialSemiring("N-zero", naturals, (zero,),
    ...                          properties=frozenset({"mul_comm", "add_cancel"}))
    >>> s.derivation("d0")(5)
    0
    >>> s.expects_failure("d_leibniz[d0]")
    False
    """

    name: str
    semiring: Semiring[T]
    derivations: Sequence[Derivation[T]] = ()
    composition: Composition[T] | None = None
    known_failures: Mapping[str, str] = field(default_factory=dict)
    properties: frozenset[str] = frozenset()
    description: str = ""
    references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        names = [d.name for d in self.derivations]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(
                f"structure {self.name!r} has duplicate derivation names "
                f"{duplicates}: give each derivation its own name"
            )
        unknown = sorted(set(self.properties) - set(PROPERTY_IDS))
        if unknown:
            raise ValueError(
                f"structure {self.name!r} declares unknown properties {unknown}: "
                f"choose from {list(PROPERTY_IDS)}"
            )

    def _repr_markdown_(self) -> str:
        from diffalg.docs.display import structure_markdown

        return structure_markdown(self)

    def _repr_latex_(self) -> str:
        from diffalg.docs.display import structure_latex

        return structure_latex(self)

    def derivation(self, name: str) -> Derivation[T]:
        """Return the derivation called ``name``.

        >>> import operator
        >>> s = DifferentialSemiring(
        ...     "N", Semiring("N", 0, 1, operator.add, operator.mul))
        >>> s.derivation("dx")
        Traceback (most recent call last):
        ...
        KeyError: "structure 'N' has no derivation 'dx'; it has none"
        """
        for derivation in self.derivations:
            if derivation.name == name:
                return derivation
        have = ", ".join(d.name for d in self.derivations) or "none"
        raise KeyError(f"structure {self.name!r} has no derivation {name!r}; "
                       f"it has {have}")

    def expects_failure(self, law_id: str) -> bool:
        """Tell whether ``law_id`` is declared to fail, by id or by family.

        >>> import operator
        >>> s = DifferentialSemiring(
        ...     "N", Semiring("N", 0, 1, operator.add, operator.mul),
        ...     known_failures={"chain": "no chain rule"})
        >>> s.expects_failure("chain[dx]"), s.expects_failure("comp_one")
        (True, False)
        """
        family = law_id.split("[", 1)[0]
        return law_id in self.known_failures or family in self.known_failures

    def failure_reason(self, law_id: str) -> str | None:
        """Return the declared reason why ``law_id`` fails, if any.

        >>> import operator
        >>> s = DifferentialSemiring(
        ...     "N", Semiring("N", 0, 1, operator.add, operator.mul),
        ...     known_failures={"d_one[dt]": "identity map"})
        >>> s.failure_reason("d_one[dt]")
        'identity map'
        """
        family = law_id.split("[", 1)[0]
        if law_id in self.known_failures:
            return self.known_failures[law_id]
        return self.known_failures.get(family)
