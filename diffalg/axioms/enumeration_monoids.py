"""Commutative monoids on ``0 … n-1``: enumeration, symmetries and endomorphisms.

The additive reduct ``(S, +, 0)`` of a semiring is a commutative monoid, and
the search for semirings runs over one representative of each isomorphism
class of these monoids.  Here ``0`` is always the identity element ``0``.

- :func:`commutative_monoids` lists one table per isomorphism class.  A
  backtracking search fills the upper triangle of the table row by row and
  checks every associativity instance ``(x+y)+z = x+(y+z)`` as soon as its
  four entries are known.  It keeps a complete table only when it is the
  lexicographically least of its relabelings by permutations fixing ``0``,
  and cuts a branch once its completed rows lose to a relabeling
  (:func:`beaten_by_relabeling`).
- :func:`automorphisms` and :func:`endomorphisms` return the permutations
  preserving a table and the maps ``f`` with ``f(0) = 0`` and
  ``f(x+y) = f(x)+f(y)``.  Endomorphisms are searched through their values
  on a generating set, since a monoid homomorphism is fixed by those values.
- :func:`generating_set` picks generators greedily.
- :func:`relabel`, :func:`least_relabeling` and
  :func:`beaten_by_relabeling` apply permutations to tables with numpy,
  which is what the isomorphism tests rest on.

Main names: :func:`commutative_monoids`, :func:`automorphisms`,
:func:`endomorphisms`, :func:`generating_set`, :func:`relabel`,
:func:`least_relabeling`, :func:`beaten_by_relabeling`, :class:`Deadline`,
:class:`SearchStopped`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

Rows = list[list[int]]
IntArray = NDArray[np.int64]

# The clock is read once per this many calls to ``Deadline.check``.
_CHECK_EVERY = 512


class SearchStopped(Exception):
    """Raised inside a search when its deadline has passed."""


class Deadline:
    """A wall-clock limit that long searches poll cheaply.

    ``limit`` is in seconds from construction; ``None`` means no limit.

    >>> Deadline(None).expired()
    False
    >>> Deadline(0.0).expired()
    True
    """

    def __init__(self, limit: float | None) -> None:
        self.start = time.monotonic()
        self.end = None if limit is None else self.start + limit
        self._calls = 0

    def elapsed(self) -> float:
        """Return the seconds since construction.

        >>> Deadline(None).elapsed() >= 0.0
        True
        """
        return time.monotonic() - self.start

    def expired(self) -> bool:
        """Return whether the limit has passed (never without a limit).

        >>> Deadline(3600.0).expired()
        False
        """
        return self.end is not None and time.monotonic() >= self.end

    def check(self) -> None:
        """Raise :class:`SearchStopped` if the limit has passed.

        The clock is read on every 512th call only, so calling this in an
        inner loop is cheap.

        >>> Deadline(None).check()
        """
        self._calls += 1
        if self._calls % _CHECK_EVERY == 0 and self.expired():
            raise SearchStopped


def permutations_fixing(order: int, fixed: int) -> IntArray:
    """Return every permutation of ``0 … order-1`` fixing ``0 … fixed-1``.

    One permutation per row, in lexicographic order.

    >>> permutations_fixing(3, 1).tolist()
    [[0, 1, 2], [0, 2, 1]]
    """
    tail = list(itertools.permutations(range(fixed, order)))
    head = list(range(min(fixed, order)))
    return np.array([head + list(p) for p in tail], dtype=np.int64).reshape(
        len(tail), order
    )


def relabel(table: IntArray, perms: IntArray) -> IntArray:
    """Return the relabeled tables ``T_p[p(x), p(y)] = p(T[x, y])``, one per ``p``.

    ``T_p`` is ``T`` carried along the bijection ``p``, so ``p`` is an
    isomorphism from ``T`` onto ``T_p``.

    >>> cyclic = np.array([[0, 1, 2], [1, 2, 0], [2, 0, 1]])
    >>> relabel(cyclic, np.array([[0, 2, 1]]))[0].tolist()
    [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
    """
    inverse = np.argsort(perms, axis=1)
    rows = np.arange(len(perms))[:, None, None]
    moved = table[inverse[:, :, None], inverse[:, None, :]]
    result: IntArray = perms[rows, moved]
    return result


def least_row(rows: IntArray) -> IntArray:
    """Return the lexicographically least row of a 2-d array.

    >>> least_row(np.array([[1, 0], [0, 2], [0, 1]])).tolist()
    [0, 1]
    """
    # Python compares tuples lexicographically, which is faster than a
    # column-by-column numpy loop on the few dozen rows passed here.
    best = min(map(tuple, rows.tolist()))
    return np.array(best, dtype=np.int64)


def least_relabeling(tables: Sequence[IntArray], perms: IntArray) -> IntArray:
    """Return the least concatenation of the flattened tables over ``perms``.

    Each permutation relabels all the tables at once, and the results are
    compared as one flat vector, tables in the given order.

    >>> t = np.array([[0, 1, 2], [1, 1, 2], [2, 2, 2]])
    >>> least_relabeling([t], permutations_fixing(3, 1)).tolist()
    [0, 1, 2, 1, 1, 1, 2, 1, 2]
    """
    flats = [relabel(t, perms).reshape(len(perms), -1) for t in tables]
    return least_row(np.concatenate(flats, axis=1))


def automorphisms(table: IntArray, perms: IntArray) -> IntArray:
    """Return the rows ``p`` of ``perms`` that map ``table`` onto itself.

    >>> z3 = np.array([[0, 1, 2], [1, 2, 0], [2, 0, 1]])
    >>> automorphisms(z3, permutations_fixing(3, 1)).tolist()
    [[0, 1, 2], [0, 2, 1]]
    """
    moved = relabel(table, perms)
    same = (moved == table[None, :, :]).all(axis=(1, 2))
    result: IntArray = perms[same]
    return result


def generating_set(add: Rows, first: Sequence[int] = ()) -> list[int]:
    """Return generators of the monoid ``add``, starting with ``first``.

    Each further generator is the element that enlarges the generated
    submonoid most (ties go to the smallest element), so the set is small
    though not always minimum.

    >>> generating_set([[0, 1, 2], [1, 2, 0], [2, 0, 1]])
    [1]
    >>> generating_set([[0, 1, 2], [1, 1, 2], [2, 2, 2]], first=[2])
    [2, 1]
    """
    order = len(add)
    generators = list(first)
    reached = _submonoid(add, generators)
    while len(reached) < order:
        best = max(
            (x for x in range(order) if x not in reached),
            key=lambda x: (len(_submonoid(add, [*generators, x])), -x),
        )
        generators.append(best)
        reached = _submonoid(add, generators)
    return generators


def _submonoid(add: Rows, generators: Sequence[int]) -> set[int]:
    reached = {0}
    frontier = [0]
    while frontier:
        element = frontier.pop()
        for g in generators:
            total = add[element][g]
            if total not in reached:
                reached.add(total)
                frontier.append(total)
    return reached


def extend_homomorphism(
    add: Rows,
    values: list[int],
    generator: int,
    image: int,
    image_add: Callable[[int, int], int],
) -> list[int] | None:
    """Extend a homomorphism from a submonoid by ``generator ↦ image``.

    ``values[x]`` is the image of ``x`` or ``-1`` while unknown, and the
    known ones form a homomorphism on a submonoid ``N``.  This sets
    ``values[x + generator] = values[x] + image`` for every ``x`` of the
    submonoid generated by ``N`` and ``generator``, where the target sum is
    ``image_add``.  It returns the elements it set, or ``None`` (after
    undoing them) when two ways of reaching an element disagree, that is
    when no such homomorphism exists.

    >>> z2 = [[0, 1], [1, 0]]
    >>> values = [0, -1]
    >>> extend_homomorphism(z2, values, 1, 1, lambda a, b: z2[a][b]), values
    ([1], [0, 1])
    >>> values = [0, -1]
    >>> extend_homomorphism(z2, values, 1, 1, lambda a, b: [[0, 1], [1, 1]][a][b])
    """
    added: list[int] = []
    queue = [x for x in range(len(add)) if values[x] >= 0]
    position = 0
    while position < len(queue):
        element = queue[position]
        position += 1
        target = add[element][generator]
        value = image_add(values[element], image)
        if values[target] < 0:
            values[target] = value
            added.append(target)
            queue.append(target)
        elif values[target] != value:
            for x in added:
                values[x] = -1
            return None
    return added


def endomorphisms(
    add: Rows, deadline: Deadline | None = None
) -> list[tuple[int, ...]]:
    """Return every map ``f`` with ``f(0) = 0`` and ``f(x + y) = f(x) + f(y)``.

    The search assigns images to a generating set one generator at a time
    and extends additively, abandoning a branch at the first clash.

    >>> endomorphisms([[0, 1, 2], [1, 2, 0], [2, 0, 1]])
    [(0, 0, 0), (0, 1, 2), (0, 2, 1)]
    """
    order = len(add)
    clock = deadline if deadline is not None else Deadline(None)
    generators = generating_set(add)
    values = [-1] * order
    values[0] = 0
    found: list[tuple[int, ...]] = []

    def target_add(a: int, b: int) -> int:
        return add[a][b]

    def assign(index: int) -> None:
        clock.check()
        if index == len(generators):
            found.append(tuple(values))
            return
        for image in range(order):
            added = extend_homomorphism(
                add, values, generators[index], image, target_add
            )
            if added is None:
                continue
            assign(index + 1)
            for x in added:
                values[x] = -1

    assign(0)
    return sorted(found)


def commutative_monoids(
    order: int, *, idempotent: bool = False, deadline: Deadline | None = None
) -> list[Rows]:
    """Return one table per isomorphism class of commutative monoids of ``order``.

    The identity is ``0``; with ``idempotent`` only monoids with ``x + x = x``
    (semilattices) are listed.  Each table is the lexicographically least
    among its relabelings fixing ``0``.

    >>> [len(commutative_monoids(n)) for n in (1, 2, 3, 4)]
    [1, 2, 5, 19]
    >>> commutative_monoids(2, idempotent=True)
    [[[0, 1], [1, 1]]]
    """
    if order < 1:
        raise ValueError(f"monoid order {order} is not positive: use 1 or more")
    clock = deadline if deadline is not None else Deadline(None)
    table = [[-1] * order for _ in range(order)]
    for x in range(order):
        table[0][x] = x
        table[x][0] = x
    if idempotent:
        for x in range(order):
            table[x][x] = x
    cells = [
        (i, j)
        for i in range(1, order)
        for j in range(i, order)
        if not (idempotent and i == j)
    ]
    perms = permutations_fixing(order, 1)
    inverses = np.argsort(perms, axis=1)
    every_row = np.ones(order, dtype=bool)
    # After cell ``index`` the rows ``1 … finished_row[index]`` are complete.
    finished_row = [
        i if index + 1 == len(cells) or cells[index + 1][0] > i else 0
        for index, (i, _) in enumerate(cells)
    ]
    found: list[Rows] = []

    def fill(index: int) -> None:
        clock.check()
        if index == len(cells):
            current = np.array(table, dtype=np.int64)
            if not beaten_by_relabeling(current, every_row, perms, inverses):
                found.append([row[:] for row in table])
            return
        i, j = cells[index]
        for value in range(order):
            table[i][j] = value
            table[j][i] = value
            if not _associative_so_far(table, i, j, value):
                continue
            row = finished_row[index]
            if row and index + 1 < len(cells):
                known = np.arange(order) <= row
                partial = np.array(table, dtype=np.int64)
                if beaten_by_relabeling(partial, known, perms, inverses):
                    continue
            fill(index + 1)
        table[i][j] = -1
        table[j][i] = -1

    fill(0)
    return found


def beaten_by_relabeling(
    table: IntArray, known: NDArray[np.bool_], perms: IntArray, inverses: IntArray
) -> bool:
    """Return whether some relabeling beats every completion of a partial table.

    ``known[a]`` is true when row ``a`` of ``table`` is complete, and the
    other rows may hold anything.  Row ``a`` of the table relabeled by ``p`` is
    ``p(T[q(a), q(x)])`` with ``q`` the inverse of ``p``, so it is fixed as
    soon as row ``q(a)`` is.  Over the leading rows that are fixed both in
    ``table`` and in its relabeling, every completion of ``table`` agrees
    with ``table``, and every completion's relabeling agrees with this one.
    So if the relabeling is lexicographically smaller there, no completion
    is the least of its relabelings.  ``inverses`` holds the inverse of each
    row of ``perms``.

    >>> t = np.array([[0, 1, 2], [1, 2, 0], [2, 0, 0]])
    >>> swap = np.array([[0, 2, 1]])
    >>> beaten_by_relabeling(t, np.array([True, True, False]), swap, swap)
    False
    >>> beaten_by_relabeling(t, np.array([True, True, True]), swap, swap)
    True
    """
    order = len(known)
    both = known[None, :] & known[inverses]
    # Length of the leading run of rows fixed on both sides, per relabeling.
    depth = np.where(both.all(axis=1), order, np.argmin(both, axis=1))
    usable = depth > 0
    if not usable.any():
        return False
    perms = perms[usable]
    inverses = inverses[usable]
    depth = depth[usable]
    safe = np.where(known[:, None], table, 0)
    moved = safe[inverses[:, :, None], inverses[:, None, :]]
    moved = perms[np.arange(len(perms))[:, None, None], moved]
    mask = np.arange(order)[None, :] < depth[:, None]
    diff = (moved - safe[None, :, :]) * mask[:, :, None]
    flat = diff.reshape(len(perms), -1)
    first = np.argmax(flat != 0, axis=1)
    signs = flat[np.arange(len(flat)), first]
    return bool((signs < 0).any())


def _associative_so_far(table: Rows, i: int, j: int, value: int) -> bool:
    """Check the associativity instances completed by setting ``table[i][j]``.

    ``table`` is symmetric with ``-1`` for unknown entries.  An instance
    ``(x+y)+z = x+(y+z)`` is complete when its last entry is set.  Because the
    table is symmetric, mirroring ``(x, y, z)`` to ``(z, y, x)`` swaps the two
    sides, so it is enough to look at instances where the new entry is
    ``x+y`` (first loop) or ``w+z`` with ``w = x+y`` (second loop).
    """
    order = len(table)
    row_value = table[value]
    row_i = table[i]
    row_j = table[j]
    for z in range(1, order):
        left = row_value[z]
        if left < 0:
            continue
        jz = row_j[z]
        if jz >= 0:
            right = row_i[jz]
            if right >= 0 and right != left:
                return False
        iz = row_i[z]
        if iz >= 0:
            right = row_j[iz]
            if right >= 0 and right != left:
                return False
    for x in range(1, order):
        row_x = table[x]
        for y in range(1, order):
            w = row_x[y]
            if w == i:
                z = j
            elif w == j:
                z = i
            else:
                continue
            yz = table[y][z]
            if yz >= 0:
                right = row_x[yz]
                if right >= 0 and right != value:
                    return False
    return True
