"""Imports every catalog module so that its instances are registered."""

from diffalg.instances import (
    constructions,
    finite_examples,
    functions,
    numbers,
    polynomials,
    provenance,
    tropical,
)

__all__ = [
    "constructions",
    "finite_examples",
    "functions",
    "numbers",
    "polynomials",
    "provenance",
    "tropical",
]
