"""Laws written once as terms, and the catalog of a differential semiring.

Main names: :class:`Law`, :func:`laws_for`, the term constructors
:class:`Var`, :class:`Zero`, :class:`One`, :func:`d`.
"""

from diffalg.laws.catalog import (
    FAMILIES,
    commutation_laws,
    composition_laws,
    derivation_laws,
    laws_for,
    property_laws,
    semiring_laws,
)
from diffalg.laws.law import Law, law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero, d

__all__ = [
    "FAMILIES",
    "Add",
    "Comp",
    "D",
    "Law",
    "Mul",
    "One",
    "Term",
    "Var",
    "Zero",
    "commutation_laws",
    "composition_laws",
    "d",
    "derivation_laws",
    "law",
    "laws_for",
    "property_laws",
    "semiring_laws",
]
