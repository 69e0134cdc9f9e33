"""The multiplications that make a pointed commutative monoid a semiring.

Fix a commutative monoid ``(S, +, 0)`` and an element ``u ≠ 0`` meant to be
``1``.  Write ``L_a`` for left multiplication ``x ↦ a·x``.  The semiring laws
are equivalent to the following conditions:

- each ``L_a`` is an endomorphism of ``(S, +, 0)`` (left distributivity and
  ``a·0 = 0``);
- ``a ↦ L_a`` is a monoid homomorphism from ``(S, +, 0)`` to the
  endomorphisms under pointwise addition (right distributivity and
  ``0·x = 0``);
- ``L_u`` is the identity and ``L_a(u) = a`` (``u`` is a two-sided ``1``);
- ``L_{L_a(b)} = L_a ∘ L_b`` (associativity).

Both sides of the associativity equation are additive in ``a`` and in ``b``,
and two endomorphisms agree once they agree on generators, so associativity
only needs checking for ``a``, ``b`` and the argument ``x`` in a generating
set ``G`` of the monoid.  The same holds for commutativity ``L_a(b) = L_b(a)``.
A multiplication is therefore fixed by the endomorphisms ``L_g`` for ``g ∈ G``,
and :func:`multiplications` searches those: it takes ``G`` with ``u`` first
(``L_u`` is the identity), chooses ``L_g`` among the endomorphisms with
``L_g(u) = g``, extends ``a ↦ L_a`` additively after each choice (a clash
means no homomorphism) and checks associativity on the generators assigned
so far.

Two multiplications on the same pointed monoid give isomorphic semirings
exactly when an automorphism of ``(S, +)`` fixing ``u`` maps one onto the
other, so a multiplication is kept only when its table is the least of its
images under that stabiliser.

Main names: :func:`multiplications`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from diffalg.axioms.enumeration_monoids import (
    Deadline,
    IntArray,
    Rows,
    extend_homomorphism,
    generating_set,
    is_least,
    relabel,
)

Endomorphism = tuple[int, ...]


def multiplications(
    add: Rows,
    one: int,
    endos: Sequence[Endomorphism],
    stabiliser: IntArray,
    *,
    commutative: bool = False,
    deadline: Deadline | None = None,
) -> Iterator[Rows]:
    """Yield one multiplication per isomorphism class of semirings on ``(add, one)``.

    ``endos`` lists every endomorphism of the monoid ``add`` and
    ``stabiliser`` the automorphisms of ``add`` fixing ``one`` (one
    permutation per row, including the identity).  Row ``a`` of a yielded
    table is ``L_a``.

    >>> z2 = [[0, 1], [1, 0]]
    >>> list(multiplications(z2, 1, [(0, 0), (0, 1)], np.array([[0, 1]])))
    [[[0, 0], [0, 1]]]
    """
    order = len(add)
    clock = deadline if deadline is not None else Deadline(None)
    generators = generating_set(add, first=[one])
    rest = generators[1:]
    candidates = {g: [f for f in endos if f[one] == g] for g in rest}
    zero_map = tuple([0] * order)
    identity = tuple(range(order))

    # ``codes`` numbers the maps so that the additive extension of
    # ``a ↦ L_a`` stores and compares integers; ``sums`` caches their sums.
    codes: dict[Endomorphism, int] = {}
    maps: list[Endomorphism] = []
    for f in (zero_map, identity, *endos):
        if f not in codes:
            codes[f] = len(maps)
            maps.append(f)
    sums: dict[tuple[int, int], int] = {}

    def code_add(left: int, right: int) -> int:
        key = (left, right)
        total = sums.get(key)
        if total is None:
            f, g = maps[left], maps[right]
            pointwise = tuple(add[f[x]][g[x]] for x in range(order))
            total = codes.get(pointwise)
            if total is None:
                total = len(maps)
                codes[pointwise] = total
                maps.append(pointwise)
            sums[key] = total
        return total

    left_maps = [-1] * order
    left_maps[0] = codes[zero_map]
    if extend_homomorphism(add, left_maps, one, codes[identity], code_add) is None:
        # A relation k·u = m·u of the monoid would force k·x = m·x for
        # every x = x·u, and the monoid breaks that for some x.
        return

    perms = stabiliser
    check_symmetry = len(perms) > 1

    def associative(assigned: int) -> bool:
        # Check L_{ab} = L_a ∘ L_b for generator pairs whose product has a
        # known left map, on generator arguments.
        for a in rest[:assigned]:
            la = maps[left_maps[a]]
            for b in rest[:assigned]:
                lb = maps[left_maps[b]]
                product = la[b]
                if commutative and lb[a] != product:
                    return False
                code = left_maps[product]
                if code < 0:
                    continue
                lab = maps[code]
                for x in generators:
                    if lab[x] != la[lb[x]]:
                        return False
        return True

    def search(index: int) -> Iterator[Rows]:
        clock.check()
        if index == len(rest):
            table = [list(maps[left_maps[a]]) for a in range(order)]
            if check_symmetry:
                current = np.array(table, dtype=np.int64)
                variants = relabel(current, perms).reshape(len(perms), -1)
                if not is_least(current.reshape(-1), variants):
                    return
            yield table
            return
        g = rest[index]
        for f in candidates[g]:
            added = extend_homomorphism(add, left_maps, g, codes[f], code_add)
            if added is None:
                continue
            if associative(index + 1):
                yield from search(index + 1)
            for x in added:
                left_maps[x] = -1

    yield from search(0)

