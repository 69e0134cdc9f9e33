"""Square matrices ``Mₙ(S)`` over a semiring, with entrywise derivations.

``Mₙ(S)`` is a semiring under entrywise ``+`` and the matrix product
``(AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ``, with the zero matrix and the identity.  For
``n ≥ 2`` and ``1 ≠ 0`` it is not commutative (``E₁₁E₁₂ = E₁₂`` but
``E₁₂E₁₁ = 0``), not multiplicatively idempotent (``E₁₂² = 0``) and not
absorptive (``I + E₁₂ ≠ I``).  It is additively idempotent or cancellative
exactly when ``S`` is.

A derivation ``∂`` of ``S`` applied to every entry is a derivation of
``Mₙ(S)``, whether or not ``S`` commutes:
``∂(Σₖ aᵢₖbₖⱼ) = Σₖ ∂aᵢₖ·bₖⱼ + Σₖ aᵢₖ·∂bₖⱼ``.  No ``∘′`` is provided.

Main names: :func:`matrices`, :func:`unit_matrix`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from diffalg.instances.lifting import (
    FINITE_LIMIT,
    base_candidates,
    element_strategy,
    expect_length,
    from_source_value,
    inherited_failures,
    lifted_names,
    read_literal,
    shell_tuples,
    tuple_membership,
)
from diffalg.structures.operators import Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

Matrix = tuple[tuple[Any, ...], ...]

KEPT_PROPERTIES = frozenset({"add_idem", "add_cancel"})


def unit_matrix(semiring: Semiring[T], size: int, row: int,
                column: int) -> tuple[tuple[T, ...], ...]:
    """Return ``Eᵣ꜀``: one at (row, column), zero elsewhere.

    >>> from diffalg.instances.numbers import naturals
    >>> unit_matrix(naturals().semiring, 2, 0, 1)
    ((0, 1), (0, 0))
    """
    return tuple(
        tuple(semiring.one if (i, j) == (row, column) else semiring.zero
              for j in range(size))
        for i in range(size))


def _entrywise(derivation: Derivation[Any]) -> Derivation[Matrix]:
    apply_base = derivation.apply

    def apply(matrix: Matrix) -> Matrix:
        return tuple(tuple(apply_base(entry) for entry in row) for row in matrix)

    return Derivation(derivation.name, apply,
                      f"{derivation.description or derivation.name} entrywise")


def matrices(
    base: DifferentialSemiring[T],
    size: int,
    *,
    name: str | None = None,
    lift: Sequence[str] | None = None,
    known_failures: Mapping[str, str] | None = None,
) -> DifferentialSemiring[Matrix]:
    """Build ``M_size(S)`` with the base derivations applied entrywise.

    ``lift`` names the base derivations to apply (default: all).  The base's
    semiring and derivation failures are declared again here.

    >>> from diffalg.instances.numbers import naturals
    >>> m = matrices(naturals(), 2)
    >>> m.semiring.mul(((1, 1), (0, 1)), ((1, 0), (1, 1)))
    ((2, 1), (1, 1))
    >>> m.semiring.show(m.semiring.one)
    '[[1, 0], [0, 1]]'
    """
    if size < 1:
        raise ValueError(f"matrix size {size} is invalid: use 1 or more")
    semiring = base.semiring
    lifted = lifted_names(base, lift, [])
    add, mul, zero = semiring.add, semiring.mul, semiring.zero
    indices = range(size)

    def matrix_add(a: Matrix, b: Matrix) -> Matrix:
        return tuple(tuple(add(a[i][j], b[i][j]) for j in indices) for i in indices)

    def matrix_mul(a: Matrix, b: Matrix) -> Matrix:
        rows = []
        for i in indices:
            row = []
            for j in indices:
                total = zero
                for k in indices:
                    total = add(total, mul(a[i][k], b[k][j]))
                row.append(total)
            rows.append(tuple(row))
        return tuple(rows)

    def equal(a: Matrix, b: Matrix) -> bool:
        return all(semiring.equal(a[i][j], b[i][j]) for i in indices for j in indices)

    def show(a: Matrix) -> str:
        rows = [", ".join(semiring.show(entry) for entry in row) for row in a]
        return "[" + ", ".join(f"[{row}]" for row in rows) + "]"

    label = name or f"M{size}({base.name})"
    subject = f"an element of {label}"

    def source(a: Matrix) -> str:
        rows = [", ".join(semiring.source(entry) for entry in row) for row in a]
        return repr("(" + "".join(f"({row},), " for row in rows) + ")")

    def parse(text: str) -> Matrix:
        rows = expect_length(read_literal(text, subject), size, subject)
        return tuple(
            tuple(from_source_value(semiring, entry)
                  for entry in expect_length(row, size, subject))
            for row in rows)

    row_member = tuple_membership(semiring, size)

    def contains(a: object) -> bool:
        return (isinstance(a, tuple) and len(a) == size
                and all(row_member(row) for row in a))

    def from_entries(entries: tuple[Any, ...]) -> Matrix:
        return tuple(tuple(entries[i * size: (i + 1) * size]) for i in indices)

    zero_matrix = from_entries(tuple([zero] * (size * size)))
    identity = tuple(tuple(semiring.one if i == j else zero for j in indices)
                     for i in indices)
    candidates = [zero_matrix, identity]
    candidates += [unit_matrix(semiring, size, i, j) for i in indices for j in indices]
    for c in base_candidates(semiring, 3)[2:]:
        candidates.append(from_entries(tuple([c] * (size * size))))
    elements = None
    if semiring.elements is not None:
        listed = shell_tuples(semiring.elements, size * size, FINITE_LIMIT)
        if listed is not None:
            elements = tuple(from_entries(entries) for entries in listed)
    entry_strategy = element_strategy(semiring)
    strategy = st.tuples(*[entry_strategy] * (size * size)).map(from_entries)
    matrix_semiring: Semiring[Matrix] = Semiring(
        f"M{size}({semiring.name})", zero_matrix, identity, matrix_add, matrix_mul,
        equal=equal,
        equality=semiring.equality,
        elements=elements,
        strategy=strategy,
        candidates=tuple(candidates[:12]),
        contains=contains,
        show=show, source=source, parse=parse,
        description=f"{size}×{size} matrices over {semiring.name}",
    )
    failures = inherited_failures(base, {n: n for n in lifted})
    failures.update(known_failures or {})
    properties = base.properties
    if size >= 2:
        properties = properties & KEPT_PROPERTIES
    return DifferentialSemiring(
        label, matrix_semiring,
        tuple(_entrywise(base.derivation(n)) for n in lifted),
        known_failures=failures,
        properties=properties,
        description=f"{size}×{size} matrices over {base.name} with entrywise "
                    "derivations.")
