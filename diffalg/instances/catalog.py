"""Imports every catalog module so that its instances are registered."""

from diffalg.instances import finite_examples, functions, polynomials, provenance

__all__ = ["finite_examples", "functions", "polynomials", "provenance"]
