"""Exhaustive checking on Cayley tables, evaluated with numpy.

When every operation of a structure is a table (structures built by
:func:`~diffalg.structures.finite.finite_structure`), a law can be evaluated
on many assignments at once.  Each variable becomes an index array laid
along its own axis of the tuple grid ``range(n) ** k``, and numpy
broadcasting does the rest: ``x + y`` is ``add[x·n + y]`` on the flattened
addition table, ``x · y`` and ``x ∘′ y`` likewise, and ``∂x`` is
``table_∂[x]``.  A subterm costs one lookup per assignment of the variables
it mentions, so ``b + c`` in ``a·(b + c)`` is computed ``n²`` times, not
``n³``.

Memory stays bounded because the grid is cut into blocks of at most
:data:`CHUNK_ELEMENTS` assignments.  A block holds one int64 array per
distinct subterm, so peak memory is about ``8 · CHUNK_ELEMENTS`` bytes per
subterm (256 KiB each, under 8 MiB for every catalog law).

The verdict matches :func:`~diffalg.checking.exhaustive.check_exhaustively`
exactly.  Failures are searched in growing cubes ``range(s) ** k`` (``s``
doubles while it is at most ``n/2``, then the whole grid), and inside a cube
the failing tuple that comes first in
:func:`~diffalg.checking.exhaustive.tuples_by_shell` order is kept.  Every
tuple before it in that order lies in the cube, so it is also the first
failing tuple overall.  The witness is then rebuilt with
:func:`~diffalg.checking.evaluate.check_at` on the structure's own
operations, so the report shows the same witness, subterms and count as the
generic path.

Main names: :func:`operation_tables`, :func:`check_vectorised`,
:func:`try_vectorised`, :func:`tabulate`, :func:`shell_position`,
:class:`OperationTables`.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy as np
from numpy.typing import NDArray

from diffalg.checking.evaluate import check_at
from diffalg.checking.exhaustive import check_exhaustively
from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.checking.witness import make_witness
from diffalg.laws.law import Law
from diffalg.laws.terms import Add, Comp, D, Mul, One, Term, Var, Zero
from diffalg.structures.finite import finite_structure
from diffalg.structures.structure import DifferentialSemiring

logger = logging.getLogger(__name__)

Index = NDArray[np.intp]

CHUNK_ELEMENTS = 1 << 15
"""Largest number of assignments evaluated in one block.

A block's int64 arrays are then 256 KiB each, small enough to stay in
cache.  On the benchmark machine, ``distrib_left`` on orders 128–320 ran
fastest with 2¹⁵ among 2¹³ … 2¹⁸ (2¹⁶ took up to 2.5 times as long).
"""

FIRST_CUBE = 4096
"""Minimum number of assignments in the first cube searched, unless the grid
is smaller."""

VECTORISED_LIMIT = 1 << 28
"""Largest number of assignments :func:`try_vectorised` accepts (about 268 M).

Beyond it a finite carrier without a sampling strategy ends ``undecided``.
The limit is set by time.  ``distrib_left`` on 147 M tuples took under 1 s
of CPU on the benchmark machine (``docs/performance.md``), so a law at the
limit takes a few seconds, well inside the default 60 s budget.
"""

SPOT_CHECKS = 64
"""Entries of each binary table compared with the structure's callable."""


@dataclass(frozen=True)
class OperationTables:
    """The operations of a finite structure as flat integer arrays.

    ``add``, ``mul`` and ``composition`` are ``n × n`` tables flattened row
    by row, so ``x + y`` is ``add[x * n + y]``; each derivation is a table
    of length ``n``.  Elements are the integers ``0 … n-1``.
    """

    order: int
    zero: int
    one: int
    add: Index
    mul: Index
    derivations: Mapping[str, Index]
    composition: Index | None


def operation_tables(structure: DifferentialSemiring[Any]) -> OperationTables | None:
    """Return the tables of ``structure``, or ``None`` if an operation is not one.

    The tables come from ``semiring.metadata`` (``add_table``, ``mul_table``
    and ``derivation_tables``, as :func:`finite_structure` stores them).
    They are used only if they describe the structure's own operations.
    The carrier must be ``0 … n-1`` with exact equality, and every
    derivation and the composition must have a table.  Each derivation
    table must agree with its callable on every element, and each binary
    table with its callable on :data:`SPOT_CHECKS` fixed entries.

    >>> from diffalg.structures.finite import finite_structure
    >>> s = finite_structure("B", [[0, 1], [1, 1]], [[0, 0], [0, 1]],
    ...                      derivations={"d": [0, 1]})
    >>> operation_tables(s).add.tolist()
    [0, 1, 1, 1]
    >>> from diffalg.instances import get
    >>> operation_tables(get("F2[t]/(t^2)")) is None
    True
    """
    semiring = structure.semiring
    metadata = semiring.metadata
    add_table = metadata.get("add_table")
    mul_table = metadata.get("mul_table")
    if not isinstance(add_table, np.ndarray) or not isinstance(mul_table, np.ndarray):
        return None
    order = add_table.shape[0]
    if semiring.elements is None or tuple(semiring.elements) != tuple(range(order)):
        return None
    if semiring.equal is not operator.eq:
        return None
    tables = metadata.get("derivation_tables", {})
    derivations: dict[str, Index] = {}
    for derivation in structure.derivations:
        table = tables.get(derivation.name)
        if not isinstance(table, np.ndarray):
            return None
        derivations[derivation.name] = table.astype(np.intp)
    composition: Index | None = None
    if structure.composition is not None:
        comp_table = tables.get("composition")
        if not isinstance(comp_table, np.ndarray):
            return None
        composition = comp_table.astype(np.intp)
    result = OperationTables(
        order, int(semiring.zero), int(semiring.one),
        add_table.astype(np.intp).ravel(), mul_table.astype(np.intp).ravel(),
        derivations, None if composition is None else composition.ravel())
    if not _agrees(structure, result):
        logger.warning("tables of %s disagree with its operations; using the "
                       "generic exhaustive search", structure.name)
        return None
    return result


def _agrees(structure: DifferentialSemiring[Any], tables: OperationTables) -> bool:
    # NOTE: binary tables are only spot-checked, because checking all n²
    # entries costs as much as the generic search of a two-variable law.  A
    # refutation is re-checked on the callables; an exhaustive verdict
    # trusts a table that differs from its callable off those entries.
    n = tables.order
    for derivation in structure.derivations:
        values = [derivation.apply(x) for x in range(n)]
        if values != tables.derivations[derivation.name].tolist():
            return False
    rng = np.random.default_rng(0)
    count = min(SPOT_CHECKS, n * n)
    entries = rng.choice(n * n, size=count, replace=False).tolist()
    binary: list[tuple[Any, Index]] = [(structure.semiring.add, tables.add),
                                       (structure.semiring.mul, tables.mul)]
    if structure.composition is not None and tables.composition is not None:
        binary.append((structure.composition.apply, tables.composition))
    for function, flat in binary:
        for entry in entries:
            if function(entry // n, entry % n) != flat[entry]:
                return False
    return True


def shell_position(indices: tuple[int, ...]) -> int:
    """Return the 0-based position of ``indices`` in ``tuples_by_shell`` order.

    The position does not depend on the carrier size: tuples whose largest
    entry is below ``top = max(indices)`` come first (``topᵏ`` of them),
    then the tuples of shell ``top`` in lexicographic order.

    >>> from diffalg.checking.exhaustive import tuples_by_shell
    >>> order = list(tuples_by_shell(4, 3))
    >>> all(shell_position(t) == i for i, t in enumerate(order))
    True
    >>> shell_position(())
    0
    """
    if not indices:
        return 0
    top = max(indices)
    arity = len(indices)
    earlier: int = top**arity
    return earlier + _lex_rank(indices, top + 1) - _lex_rank(indices, top)


def _lex_rank(indices: tuple[int, ...], side: int) -> int:
    """Count tuples of ``range(side) ** k`` lexicographically below ``indices``."""
    arity = len(indices)
    rank = 0
    for position, value in enumerate(indices):
        rank += min(value, side) * side ** (arity - 1 - position)
        if value >= side:
            break
    return rank


def _evaluate(term: Term, tables: OperationTables, grid: Mapping[str, Index],
              memo: dict[Term, Index]) -> Index:
    if term in memo:
        return memo[term]
    n = tables.order
    value: Index
    if isinstance(term, Var):
        value = grid[term.name]
    elif isinstance(term, Zero):
        value = np.asarray(tables.zero, dtype=np.intp)
    elif isinstance(term, One):
        value = np.asarray(tables.one, dtype=np.intp)
    elif isinstance(term, Add | Mul | Comp):
        left = _evaluate(term.left, tables, grid, memo)
        right = _evaluate(term.right, tables, grid, memo)
        flat = _binary_table(term, tables)
        value = np.take(flat, left * n + right)
    elif isinstance(term, D):
        arg = _evaluate(term.arg, tables, grid, memo)
        value = np.take(tables.derivations[term.derivation], arg)
    else:
        raise TypeError(f"unknown term {term!r}")
    memo[term] = value
    return value


def _binary_table(term: Add | Mul | Comp, tables: OperationTables) -> Index:
    if isinstance(term, Add):
        return tables.add
    if isinstance(term, Mul):
        return tables.mul
    if tables.composition is None:
        raise ValueError("the structure has no ∘′ table")
    return tables.composition


@dataclass(frozen=True)
class _Block:
    """A box of the tuple grid: per-variable index arrays and their offsets."""

    grid: dict[str, Index]
    shape: tuple[int, ...]
    offsets: tuple[int, ...]


def _blocks(names: tuple[str, ...], side: int) -> Iterator[_Block]:
    """Cut ``range(side) ** k`` into boxes of at most CHUNK_ELEMENTS tuples.

    Boxes come in lexicographic order: leading axes take one value per box,
    one axis is split into runs, and the trailing axes are whole.
    """
    arity = len(names)
    trailing = 0
    while trailing < arity and side ** (trailing + 1) <= CHUNK_ELEMENTS:
        trailing += 1
    split = arity - trailing - 1
    longest = max(1, CHUNK_ELEMENTS // side**trailing)
    runs = -(-side // longest)
    run = -(-side // runs)  # equal runs: no short last block

    def along(axis: int, values: Index) -> Index:
        shape = [1] * arity
        shape[axis] = len(values)
        return values.reshape(shape)

    whole = {axis: along(axis, np.arange(side, dtype=np.intp))
             for axis in range(split + 1, arity)}
    if split < 0:
        everything = {names[axis]: whole[axis] for axis in range(arity)}
        yield _Block(everything, (side,) * arity, (0,) * arity)
        return
    for prefix in product(range(side), repeat=split):
        for start in range(0, side, run):
            stop = min(side, start + run)
            grid: dict[str, Index] = {}
            for axis, value in enumerate(prefix):
                grid[names[axis]] = np.full((1,) * arity, value, dtype=np.intp)
            grid[names[split]] = along(split, np.arange(start, stop, dtype=np.intp))
            for axis in range(split + 1, arity):
                grid[names[axis]] = whole[axis]
            shape = (1,) * split + (stop - start,) + (side,) * trailing
            yield _Block(grid, shape, (*prefix, start) + (0,) * trailing)


@dataclass
class _Search:
    """The failing tuple found first in shell order so far, and premise counts."""

    best: tuple[int, tuple[int, ...]] | None = None
    premise_held: int = 0


def _scan_block(law: Law, tables: OperationTables, block: _Block,
                search: _Search, count_premises: bool) -> None:
    memo: dict[Term, Index] = {}
    premise_ok: NDArray[np.bool_] | None = None
    for left, right in law.premises:
        holds = (_evaluate(left, tables, block.grid, memo)
                 == _evaluate(right, tables, block.grid, memo))
        premise_ok = holds if premise_ok is None else premise_ok & holds
    lhs = _evaluate(law.lhs, tables, block.grid, memo)
    rhs = _evaluate(law.rhs, tables, block.grid, memo)
    failing = lhs != rhs
    if premise_ok is not None:
        failing = failing & premise_ok
        if count_premises:
            search.premise_held += int(
                np.broadcast_to(premise_ok, block.shape).sum())
    failing = np.broadcast_to(failing, block.shape)
    if not failing.any():
        return
    if not block.shape:
        search.best = (0, ())
        return
    local = np.nonzero(failing)
    columns = [axis + offset for axis, offset in zip(local, block.offsets,
                                                     strict=True)]
    tops = np.max(np.stack(columns), axis=0)
    lowest = tops == tops.min()
    rows = np.stack([column[lowest] for column in columns], axis=1)
    first = tuple(int(i) for i in rows[np.lexsort(rows.T[::-1])[0]])
    key = (max(first), first)
    if search.best is None or key < search.best:
        search.best = key


def _cube_sides(order: int, arity: int) -> list[int]:
    side = 1
    while side < order and side**arity < FIRST_CUBE:
        side += 1
    sides = []
    while side * 2 <= order:  # the last cube before the full grid is ≤ half
        sides.append(side)
        side *= 2
    sides.append(order)
    return sides


def check_vectorised(law: Law, structure: DifferentialSemiring[int],
                     tables: OperationTables | None = None) -> Verdict:
    """Decide ``law`` on every tuple of a table structure with numpy.

    The verdict kind, witness and counts are those of
    :func:`~diffalg.checking.exhaustive.check_exhaustively`, and the method
    text states that the search was vectorised.

    >>> from diffalg.structures.finite import finite_structure
    >>> from diffalg.laws.catalog import semiring_laws
    >>> s = finite_structure("Z3", [[0, 1, 2], [1, 2, 0], [2, 0, 1]],
    ...                      [[0, 0, 0], [0, 1, 2], [0, 2, 1]])
    >>> check_vectorised(semiring_laws()[6], s).summary()
    'exhaustive: all 3^3 assignments, vectorised over tables'
    """
    if tables is None:
        tables = operation_tables(structure)
        if tables is None:
            raise ValueError(f"structure {structure.name!r} is not given by tables: "
                             "use check_exhaustively")
    names = law.variables
    arity = len(names)
    n = tables.order
    equality = structure.semiring.equality
    search = _Search()
    if arity == 0:
        block = _Block({}, (), ())
        _scan_block(law, tables, block, search, count_premises=True)
    else:
        for side in _cube_sides(n, arity):
            final = side == n
            for block in _blocks(names, side):
                _scan_block(law, tables, block, search, count_premises=final)
            if search.best is not None:
                break

    if search.best is not None:
        indices = search.best[1]
        env = dict(zip(names, indices, strict=True))
        outcome = check_at(law, structure, env)
        if outcome.holds or not outcome.premises_hold:
            logger.warning("tables of %s disagree with its operations at %s; "
                           "using the generic exhaustive search",
                           structure.name, env)
            return check_exhaustively(law, structure, tuple(range(n)))
        visited = shell_position(indices) + 1
        return Verdict(VerdictKind.REFUTED, "exhaustive search vectorised over "
                       f"tables, {visited} assignments visited",
                       equality=equality,
                       witness=make_witness(law, structure, env, outcome))

    notes: tuple[str, ...] = ()
    if law.premises:
        total = n**arity
        notes = (f"premise held in {search.premise_held} of {total} assignments",)
    return Verdict(VerdictKind.EXHAUSTIVE,
                   f"all {n}^{arity} assignments, vectorised over tables",
                   equality=equality, notes=notes)


def try_vectorised(law: Law, structure: DifferentialSemiring[Any]) -> Verdict | None:
    """Decide ``law`` with :func:`check_vectorised` when that applies, else ``None``.

    It applies when the structure is given by tables, the law mentions only
    derivations that have one, and there are at most
    :data:`VECTORISED_LIMIT` assignments.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import semiring_laws
    >>> try_vectorised(semiring_laws()[0], get("F2[t]/(t^2)")) is None
    True
    """
    semiring = structure.semiring
    if semiring.elements is None or "add_table" not in semiring.metadata:
        return None
    if len(semiring.elements) ** len(law.variables) > VECTORISED_LIMIT:
        return None
    tables = operation_tables(structure)
    if tables is None:
        return None
    if any(name not in tables.derivations for name in law.derivations):
        return None
    if law.uses_composition and tables.composition is None:
        return None
    return check_vectorised(law, structure, tables)


def tabulate(structure: DifferentialSemiring[Any]) -> DifferentialSemiring[int]:
    """Return a copy of a finite ``structure`` whose operations are tables.

    Element ``i`` of the copy is ``structure.semiring.elements[i]`` and is
    labelled with its ``show`` text.  Declared failures, properties and the
    description carry over, so the copy is checked against the same
    expectations; :func:`try_vectorised` then applies to it.

    >>> from diffalg.instances import get
    >>> dual = tabulate(get("F2[t]/(t^2)"))
    >>> dual.semiring.show(dual.semiring.mul(2, 2)), operation_tables(dual).order
    ('0', 4)
    """
    semiring = structure.semiring
    if semiring.elements is None:
        raise ValueError(f"structure {structure.name!r} has no finite carrier to "
                         "tabulate: give one with Semiring(elements=...)")
    elements = list(semiring.elements)
    position = {_key(e): i for i, e in enumerate(elements)}
    if len(position) != len(elements):
        raise ValueError(f"structure {structure.name!r} lists an element twice: "
                         "give each element once")

    def index(value: Any) -> int:
        try:
            return position[_key(value)]
        except KeyError:
            raise ValueError(f"an operation of {structure.name!r} returned "
                             f"{value!r}, which is not a listed element") from None

    def table2(function: Any) -> list[list[int]]:
        return [[index(function(x, y)) for y in elements] for x in elements]

    derivations = {d.name: [index(d.apply(x)) for x in elements]
                   for d in structure.derivations}
    composition = None
    if structure.composition is not None:
        composition = table2(structure.composition.apply)
    return finite_structure(
        structure.name, table2(semiring.add), table2(semiring.mul),
        derivations=derivations, composition=composition,
        zero=index(semiring.zero), one=index(semiring.one),
        labels=[semiring.show(e) for e in elements],
        known_failures=dict(structure.known_failures),
        properties=structure.properties, description=structure.description)


def _key(value: Any) -> Any:
    """Return a hashable stand-in for an element (numpy scalars become ints)."""
    if isinstance(value, np.generic):
        return value.item()
    return value
