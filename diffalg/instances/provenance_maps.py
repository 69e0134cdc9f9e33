"""The canonical surjections between provenance semirings, registered by name.

Each provenance semiring is a quotient of ``N[X]`` (see
:mod:`diffalg.instances.provenance_algebra`), and forgetting more
information factors through forgetting less::

    N[X] ──→ B[X] ──→ Sorp(X)
     │        │          │
     ↓        ↓          ↓
    Trio(X) → Why(X) → PosBool(X)
                │
                ↓
             Which(X)

Every arrow sends the canonical representative of an element to the normal
form of the target, which is a semiring homomorphism because the target's
congruence contains the source's.  Derivations with the same name on both
sides are paired (``hom_derivation``).  One pair fails: ``B[X] → Sorp(X)``
does not carry ``∂x`` to ``∂x``, since ``1 + x ↦ 1`` while
``∂x(1 + x) = 1 ↦ 1`` and ``∂x 1 = 0``.

Main names: :func:`canonical_surjection`, :data:`SURJECTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping

from diffalg.instances.provenance_algebra import Poly, ProvenanceAlgebra
from diffalg.instances.registry import get
from diffalg.structures.homomorphism import (
    SemiringHomomorphism,
    between,
    register_homomorphism,
)

SURJECTIONS: tuple[tuple[str, str], ...] = (
    ("N[X]", "B[X]"),
    ("N[X]", "Trio(X)"),
    ("B[X]", "Sorp(X)"),
    ("Trio(X)", "Why(X)"),
    ("B[X]", "Why(X)"),
    ("Sorp(X)", "PosBool(X)"),
    ("Why(X)", "PosBool(X)"),
    ("Why(X)", "Which(X)"),
)
"""Source and target of each registered surjection, named ``source->target``."""

_KNOWN_FAILURES: dict[str, dict[str, str]] = {
    "B[X]->Sorp(X)": {
        "hom_derivation[dx]": "absorption sends 1 + x to 1, so the image of "
                              "∂x(1 + x) = 1 is 1 but ∂x(1) = 0",
    },
}


def canonical_surjection(source: str, target: str, *,
                         known_failures: Mapping[str, str] | None = None
                         ) -> SemiringHomomorphism[Poly, Poly]:
    """Return the quotient map between two registered provenance instances.

    The map applies the target's normal form to the source element.

    >>> import diffalg.instances.provenance
    >>> h = canonical_surjection("N[X]", "Why(X)")
    >>> n = get("N[X]").semiring
    >>> h.target.show(h(n.parse("2x²y + xy + 5y² + xz")))
    'xy + xz + y'
    """
    source_structure = get(source)
    target_structure = get(target)
    target_algebra = target_structure.semiring.metadata.get("algebra")
    if not isinstance(target_algebra, ProvenanceAlgebra):
        raise ValueError(f"instance {target!r} is not a provenance semiring: "
                         "choose one of N[X], B[X], Trio(X), Why(X), Sorp(X), "
                         "PosBool(X), Which(X)")

    def forget(element: Poly) -> Poly:
        return target_algebra.normalize(element)

    name = f"{source}->{target}"
    return between(name, source_structure, target_structure, forget,
                   known_failures=known_failures,
                   description=f"the canonical surjection {source} → {target}")


def _register(source: str, target: str) -> None:
    name = f"{source}->{target}"

    @register_homomorphism(name, f"canonical surjection {source} → {target}")
    def build() -> SemiringHomomorphism[Poly, Poly]:
        return canonical_surjection(source, target,
                                    known_failures=_KNOWN_FAILURES.get(name))


for _source, _target in SURJECTIONS:
    _register(_source, _target)
