"""Shared machinery for structures built from a base structure.

A construction (dual numbers, truncated series, matrices, products) stores
its elements as tuples of base elements.  This module supplies subject every
construction needs from its base: elements to sample, small candidates,
a finite carrier when one is small enough, a text form that replay snippets
can carry, and the declared failures that carry over.

Text form: an element's ``source`` is a Python string literal whose content
is a tuple literal of base sources, such as ``"(3, '∞')"``.  ``parse``
reads it back with :func:`ast.literal_eval`, which accepts literals only and
never runs code, and hands each string leaf to the base's ``parse``.

Failures carry over because every construction here contains the base:
``a ↦ (a, 0)`` for dual numbers and series, scalar matrices for ``Mₙ(S)``,
and pairs ``(a, b)`` for products.  A semiring law refuted in the base is
therefore refuted in the construction, and so is a law of a derivation
lifted from the base.

Main names: :func:`element_strategy`, :func:`base_candidates`,
:func:`shell_tuples`, :func:`tuple_membership`, :func:`read_literal`,
:func:`from_source_value`, :func:`inherited_failures`, :data:`FINITE_LIMIT`.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any, TypeVar

from hypothesis import strategies as st

from diffalg.checking.exhaustive import tuples_by_shell
from diffalg.laws.catalog import derivation_laws, semiring_laws
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

FINITE_LIMIT = 4096
"""Largest carrier a construction lists in full; larger ones are sampled."""

SEMIRING_FAMILIES = tuple(law.family for law in semiring_laws())
DERIVATION_FAMILIES = tuple(law.family for law in derivation_laws("d"))


def element_strategy(semiring: Semiring[T]) -> Any:
    """Return a Hypothesis strategy for elements of ``semiring``.

    The semiring's own strategy, or a uniform choice from a finite carrier.

    >>> from diffalg.instances.tropical import boolean
    >>> from hypothesis import find
    >>> find(element_strategy(boolean().semiring), lambda b: b)
    True
    """
    if semiring.strategy is not None:
        return semiring.strategy
    if semiring.elements is not None:
        return st.sampled_from(tuple(semiring.elements))
    raise ValueError(f"semiring {semiring.name!r} has neither a strategy nor a "
                     "finite carrier: give it a Hypothesis strategy")


def base_candidates(semiring: Semiring[T], count: int) -> tuple[T, ...]:
    """Return up to ``count`` small elements, zero and one first.

    >>> from diffalg.instances.numbers import naturals
    >>> base_candidates(naturals().semiring, 3)
    (0, 1, 2)
    """
    pool: list[T] = [semiring.zero, semiring.one]
    pool.extend(semiring.candidates or semiring.elements or ())
    chosen: list[T] = []
    for value in pool:
        if not any(semiring.equal(value, seen) for seen in chosen):
            chosen.append(value)
        if len(chosen) == count:
            break
    return tuple(chosen)


def shell_tuples(elements: Sequence[T], arity: int,
                 limit: int = FINITE_LIMIT) -> tuple[tuple[T, ...], ...] | None:
    """List ``elements ** arity`` with small elements first, or ``None`` past ``limit``.

    The order is that of exhaustive search, so a finite construction keeps
    the property that witnesses use the smallest base elements possible.

    >>> shell_tuples((0, 1), 2)
    ((0, 0), (0, 1), (1, 0), (1, 1))
    >>> shell_tuples(range(10), 4, limit=100) is None
    True
    """
    if len(elements) ** arity > limit:
        return None
    listed = tuple(elements)
    return tuple(tuple(listed[i] for i in indices)
                 for indices in tuples_by_shell(len(listed), arity))


def tuple_membership(semiring: Semiring[Any], length: int) -> Any:
    """Return a test that a value is a tuple of ``length`` base elements.

    Parts are tested with the base's ``contains``, or accepted when the base
    has none.

    >>> from diffalg.instances.numbers import naturals
    >>> member = tuple_membership(naturals().semiring, 2)
    >>> member((1, 2)), member((1, -2)), member((1, 2, 3))
    (True, False, False)
    """
    contains = semiring.contains

    def member(value: object) -> bool:
        if not isinstance(value, tuple) or len(value) != length:
            return False
        return contains is None or all(contains(part) for part in value)

    return member


def read_literal(text: str, subject: str) -> Any:
    """Read a Python literal written by a construction's ``source``.

    Only literals are accepted (:func:`ast.literal_eval`), never code.

    >>> read_literal("(1, '∞')", "a dual number")
    (1, '∞')
    >>> read_literal("open('x')", "a dual number")
    Traceback (most recent call last):
    ...
    ValueError: invalid text for a dual number: "open('x')" is not a literal; ...
    """
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError) as error:
        raise ValueError(f"invalid text for {subject}: {text!r} is not a literal; "
                         "write a tuple of element sources such as "
                         "\"(1, '∞')\"") from error


def from_source_value(semiring: Semiring[T], value: Any) -> T:
    """Turn one leaf of a source literal back into a base element.

    A string leaf goes through the base's ``parse``; any other leaf is the
    element itself.

    >>> from diffalg.instances.tropical import min_plus
    >>> from_source_value(min_plus().semiring, "∞"), from_source_value(
    ...     min_plus().semiring, 3)
    (inf, 3)
    """
    if isinstance(value, str) and semiring.parse is not None:
        return semiring.parse(value)
    result: T = value
    return result


def expect_length(value: Any, length: int, subject: str) -> tuple[Any, ...]:
    """Check that a decoded literal is a tuple of ``length`` items.

    >>> expect_length((1, 2), 2, "a pair")
    (1, 2)
    >>> expect_length((1,), 2, "a pair")
    Traceback (most recent call last):
    ...
    ValueError: invalid text for a pair: expected a tuple of 2 items, got (1,)
    """
    if not isinstance(value, tuple) or len(value) != length:
        raise ValueError(f"invalid text for {subject}: expected a tuple of {length} "
                         f"items, got {value!r}")
    return value


def inherited_failures(base: DifferentialSemiring[Any],
                       renamed: Mapping[str, str]) -> dict[str, str]:
    """Return the base's declared failures that carry over to a construction.

    ``renamed`` maps each lifted base derivation to its name in the
    construction.  Semiring laws, derivation laws of lifted derivations and
    commutation of lifted pairs carry over; composition laws do not, since
    the construction has its own ``∘′``.

    >>> from diffalg.instances.tropical import min_plus
    >>> sorted(inherited_failures(min_plus(), {"did": "did"}))
    ['d_one[did]']
    """
    failures: dict[str, str] = {}
    for family in SEMIRING_FAMILIES:
        reason = base.failure_reason(family)
        if reason is not None:
            failures[family] = f"fails in {base.name}: {reason}"
    for old, new in renamed.items():
        for family in DERIVATION_FAMILIES:
            reason = base.failure_reason(f"{family}[{old}]")
            if reason is not None:
                failures[f"{family}[{new}]"] = f"fails in {base.name}: {reason}"
    for first, second in combinations(renamed, 2):
        reason = (base.failure_reason(f"commute[{first},{second}]")
                  or base.failure_reason(f"commute[{second},{first}]"))
        if reason is not None:
            law_id = f"commute[{renamed[first]},{renamed[second]}]"
            failures[law_id] = f"fails in {base.name}: {reason}"
    return failures


def lifted_names(base: DifferentialSemiring[Any], lift: Sequence[str] | None,
                 reserved: Sequence[str]) -> list[str]:
    """Return the base derivations to lift, checking names against ``reserved``.

    >>> from diffalg.instances.tropical import min_plus
    >>> lifted_names(min_plus(), None, ["deps"])
    ['d0', 'did', 'dc']
    >>> lifted_names(min_plus(), ["dx"], ["deps"])
    Traceback (most recent call last):
    ...
    KeyError: "structure 'min-plus' has no derivation 'dx'; it has d0, did, dc"
    """
    names = [d.name for d in base.derivations] if lift is None else list(lift)
    for name in names:
        base.derivation(name)
        if name in reserved:
            raise ValueError(f"base derivation {name!r} of {base.name!r} clashes "
                             f"with the construction's own {name!r}: leave it out "
                             "with lift=[...]")
    return names


def wrap(text: str) -> str:
    """Bracket an element's text when it contains a space, for use as a factor.

    >>> wrap("t + 1"), wrap("3")
    ('(t + 1)', '3')
    """
    return f"({text})" if " " in text else text
