"""Typed structures: semirings, derivations, composition and their combination.

Main names: :class:`Semiring`, :class:`Derivation`, :class:`Composition`,
:class:`DifferentialSemiring`, :func:`finite_semiring`,
:func:`finite_structure`, :class:`Tolerance`.
"""

from diffalg.structures.finite import TableError, finite_semiring, finite_structure
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring, Symbolic, Tolerance
from diffalg.structures.structure import PROPERTY_IDS, DifferentialSemiring

__all__ = [
    "PROPERTY_IDS",
    "Composition",
    "Derivation",
    "DifferentialSemiring",
    "Semiring",
    "Symbolic",
    "TableError",
    "Tolerance",
    "finite_semiring",
    "finite_structure",
]
