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

Since ``a ↦ L_a`` is additive, the maps ``L_g`` on a generating set ``G`` of
the monoid fix the whole table.  :func:`multiplications` takes ``G`` with
``u`` first and chooses ``L_g`` for the other generators among the
endomorphisms with ``L_g(u) = g``.  After each choice it closes the set of
known maps: for known ``L_a`` and ``L_b`` it sets or compares
``L_{a+b} = L_a + L_b``, ``L_{a·b} = L_a ∘ L_b`` and ``L_{b·a} = L_b ∘ L_a``
(and ``a·b = b·a`` for commutative semirings).  A clash ends the branch, and
a map fixed this way is never chosen.  Sums and composites of
endomorphisms are endomorphisms and send ``u`` to the right element, so a
complete table satisfies every law.

Two multiplications on the same pointed monoid give isomorphic semirings
exactly when an automorphism of ``(S, +)`` fixing ``u`` maps one onto the
other.  The search keeps a table only when it is the lexicographically least
of its images under that stabiliser, and prunes a branch as soon as the
known rows show that it cannot be (see
:func:`~diffalg.axioms.enumeration_monoids.beaten_by_relabeling`).

Main names: :func:`multiplications`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from diffalg.axioms.enumeration_monoids import (
    Deadline,
    IntArray,
    Rows,
    beaten_by_relabeling,
    generating_set,
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
    zero_map = tuple([0] * order)
    identity = tuple(range(order))

    # ``codes`` numbers the maps so that the search stores and compares
    # integers.  Sums and composites of endomorphisms are endomorphisms, so
    # every map the closure meets is already numbered.
    maps: list[Endomorphism] = list(dict.fromkeys((zero_map, identity, *endos)))
    codes = {f: code for code, f in enumerate(maps)}
    candidates = {
        g: [codes[f] for f in endos if f[one] == g] for g in generators[1:]
    }
    left_maps = [-1] * order
    known: list[int] = []

    def close(element: int, code: int) -> list[int] | None:
        """Set ``L_element`` and close the known maps under both operations.

        For known ``a`` and ``b`` the laws fix ``L_{a+b} = L_a + L_b`` and
        ``L_{ab} = L_a ∘ L_b``.  Each fixed map is stored when unknown and
        compared when known.  Returns the elements set, or ``None`` after
        undoing them on a clash.
        """
        left_maps[element] = code
        known.append(element)
        first_new = len(known) - 1
        position = first_new
        while position < len(known):
            a = known[position]
            position += 1
            map_a = maps[left_maps[a]]
            for b in known[:position]:
                map_b = maps[left_maps[b]]
                if commutative and map_a[b] != map_b[a]:
                    _undo(left_maps, known, first_new)
                    return None
                forced = (
                    (add[a][b], tuple(add[map_a[x]][map_b[x]] for x in range(order))),
                    (map_a[b], tuple(map_a[map_b[x]] for x in range(order))),
                    (map_b[a], tuple(map_b[map_a[x]] for x in range(order))),
                )
                for target, value in forced:
                    value_code = codes[value]
                    current = left_maps[target]
                    if current < 0:
                        left_maps[target] = value_code
                        known.append(target)
                    elif current != value_code:
                        _undo(left_maps, known, first_new)
                        return None
        return known[first_new:]

    if close(0, codes[zero_map]) is None or close(one, codes[identity]) is None:
        # A relation k·u = m·u of the monoid would force k·x = m·x for
        # every x = x·u, and the monoid breaks that for some x.
        return

    perms = stabiliser
    inverses = np.argsort(perms, axis=1)
    check_symmetry = len(perms) > 1

    def search() -> Iterator[Rows]:
        clock.check()
        if check_symmetry:
            # Keep only the least table of each orbit under the stabiliser,
            # and stop as soon as the known rows rule the branch out.
            known_rows = np.array([code >= 0 for code in left_maps])
            partial = np.array(
                [maps[code] if code >= 0 else zero_map for code in left_maps],
                dtype=np.int64,
            )
            if beaten_by_relabeling(partial, known_rows, perms, inverses):
                return
        free = next((g for g in generators if left_maps[g] < 0), None)
        if free is None:
            # The known elements contain the generators and are closed
            # under +, so every L_a is known and every pair was checked.
            yield [list(maps[code]) for code in left_maps]
            return
        for code in candidates[free]:
            added = close(free, code)
            if added is None:
                continue
            yield from search()
            _undo(left_maps, known, len(known) - len(added))

    yield from search()


def _undo(left_maps: list[int], known: list[int], keep: int) -> None:
    """Forget the maps of ``known[keep:]``."""
    for x in known[keep:]:
        left_maps[x] = -1
    del known[keep:]
