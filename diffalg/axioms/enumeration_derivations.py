"""All derivations of a finite semiring, by backtracking with propagation.

A derivation of ``(S, +, ·, 0, 1)`` is a map ``d : S → S`` with
``d(a + b) = d(a) + d(b)`` and ``d(a·b) = d(a)·b + a·d(b)``.  These force
``d(0) = 0`` (Leibniz at ``a = b = 0`` and annihilation) and
``d(1) = d(1) + d(1)`` (Leibniz at ``a = b = 1``), but not ``d(1) = 0``,
which ``require_d_one`` adds.

The search keeps a partial map.  Whenever ``d(a)`` and ``d(b)`` are both
known, the two rules fix ``d(a + b)``, ``d(a·b)`` and ``d(b·a)``.  A fixed
value is stored if it was unknown, and it ends the branch if it differs
from the known one.  Closing the partial map under these rules after each choice
means a value is chosen only for elements that no known values generate,
so the search tries far fewer than the ``n^n`` maps; a map survives to a
leaf only when every pair ``(a, b)`` has been checked against both rules.

Main names: :func:`derivations`.
"""

from __future__ import annotations

from collections.abc import Sequence

from diffalg.axioms.enumeration_tables import SemiringTables

Derivations = list[tuple[int, ...]]


def derivations(
    semiring: SemiringTables | tuple[object, object],
    require_d_one: bool = False,
) -> Derivations:
    """Return every derivation of a finite semiring, in lexicographic order.

    ``semiring`` is a :class:`SemiringTables` or a pair ``(add, mul)`` of
    tables, which is validated first.  Each derivation is the tuple
    ``(d(0), …, d(n-1))``.  With ``require_d_one`` only derivations with
    ``d(1) = 0`` are returned.

    >>> boolean = ([[0, 1], [1, 1]], [[0, 0], [0, 1]])
    >>> derivations(boolean)
    [(0, 0), (0, 1)]
    >>> derivations(boolean, require_d_one=True)
    [(0, 0)]
    >>> derivations(([[0, 1], [1, 1]], [[0, 0], [0, 2]]))
    Traceback (most recent call last):
    ...
    diffalg.structures.finite.TableError: multiplication table entry (1, 1) is 2, ...
    """
    if isinstance(semiring, SemiringTables):
        tables = semiring
    elif isinstance(semiring, tuple) and len(semiring) == 2:
        tables = SemiringTables.from_rows(*semiring)
    else:
        raise TypeError(
            f"expected SemiringTables or a pair (add, mul) of tables, got "
            f"{type(semiring).__name__}: wrap the tables as (add, mul)"
        )
    return _search(tables.add, tables.mul, tables.zero, tables.one, require_d_one)


def _search(
    add: Sequence[Sequence[int]],
    mul: Sequence[Sequence[int]],
    zero: int,
    one: int,
    require_d_one: bool,
) -> Derivations:
    order = len(add)
    values = [-1] * order
    known: list[int] = []
    found: Derivations = []

    def assign(element: int, value: int) -> list[int] | None:
        """Set ``d(element) = value`` and close under the two rules.

        Returns the elements set, or ``None`` after undoing them on a clash.
        """
        values[element] = value
        known.append(element)
        added = [element]
        position = len(known) - 1
        while position < len(known):
            a = known[position]
            position += 1
            da = values[a]
            for b in known[: position]:
                db = values[b]
                forced = (
                    (add[a][b], add[da][db]),
                    (mul[a][b], add[mul[da][b]][mul[a][db]]),
                    (mul[b][a], add[mul[db][a]][mul[b][da]]),
                )
                for target, result in forced:
                    current = values[target]
                    if current < 0:
                        values[target] = result
                        known.append(target)
                        added.append(target)
                    elif current != result:
                        for x in added:
                            values[x] = -1
                        del known[len(known) - len(added):]
                        return None
        return added

    def undo(added: list[int]) -> None:
        for x in added:
            values[x] = -1
        del known[len(known) - len(added):]

    def branch() -> None:
        free = next((x for x in range(order) if values[x] < 0), None)
        if free is None:
            found.append(tuple(values))
            return
        for value in range(order):
            added = assign(free, value)
            if added is not None:
                branch()
                undo(added)

    start = assign(zero, zero)
    if start is None:
        return found
    if require_d_one and one != zero:
        if assign(one, zero) is None:
            return found
    branch()
    return sorted(found)
