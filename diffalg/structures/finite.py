"""Finite structures given by Cayley tables.

Elements are the integers ``0 … n-1``.  The addition and multiplication
tables are ``n × n`` integer arrays, a derivation is a table of length ``n``
and ``∘′`` is another ``n × n`` table.  The constructor validates shapes,
ranges and the two identities, and reports the first offending entry; it
does not check the remaining semiring laws.  Those are the checker's job,
so a non-associative table gives a structure whose ``add_assoc`` is refuted.

Main names: :func:`finite_semiring`, :func:`finite_structure`,
:class:`TableError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

Table = NDArray[np.int64]

MAX_ORDER = 4096


class TableError(ValueError):
    """A Cayley or derivation table is malformed."""


def _as_table(name: str, rows: object, shape: tuple[int, ...], order: int) -> Table:
    try:
        table = np.asarray(rows)
    except (ValueError, TypeError) as error:
        raise TableError(f"{name} table is not a rectangular array: {error}; "
                         f"give {shape[0]} rows of {order} integers") from error
    if table.shape != shape:
        raise TableError(
            f"{name} table has shape {table.shape}, expected {shape}: "
            f"give {'x'.join(map(str, shape))} entries for {order} elements"
        )
    if table.size and not np.issubdtype(table.dtype, np.integer):
        raise TableError(f"{name} table has entries of type {table.dtype}: "
                         f"use integers 0..{order - 1}")
    table = table.astype(np.int64)
    bad = np.argwhere((table < 0) | (table >= order))
    if len(bad):
        where = tuple(int(i) for i in bad[0])
        raise TableError(
            f"{name} table entry at {where} is {int(table[where])}, outside "
            f"0..{order - 1}: entries must name elements"
        )
    return table


def _identity_of(name: str, table: Table, claimed: int | None) -> int:
    order = table.shape[0]
    found = [e for e in range(order)
             if all(table[e, x] == x and table[x, e] == x for x in range(order))]
    if claimed is None:
        if not found:
            raise TableError(f"{name} table has no two-sided identity: "
                             "a semiring needs one for + (0) and for · (1)")
        return found[0]
    if claimed not in found:
        raise TableError(f"element {claimed} is not a two-sided identity of the "
                         f"{name} table; identities found: {found or 'none'}")
    return claimed


def finite_semiring(
    name: str,
    add: object,
    mul: object,
    *,
    zero: int | None = None,
    one: int | None = None,
    labels: Sequence[str] | None = None,
) -> Semiring[int]:
    """Build a semiring on ``0 … n-1`` from its addition and multiplication tables.

    ``zero`` and ``one`` default to the identities found in the tables.
    ``labels`` names the elements in reports.

    >>> b = finite_semiring("B", [[0, 1], [1, 1]], [[0, 0], [0, 1]])
    >>> b.add(1, 1), b.mul(1, 1), b.zero, b.one
    (1, 1, 0, 1)
    >>> finite_semiring("bad", [[0, 1], [1, 2]], [[0, 0], [0, 1]])
    Traceback (most recent call last):
    ...
    diffalg.structures.finite.TableError: addition table entry at (1, 1) is 2, ...
    """
    try:
        order = len(add)  # type: ignore[arg-type]
    except TypeError as error:
        raise TableError(f"addition table {add!r} is not a list of rows") from error
    if order == 0:
        raise TableError("empty carrier: a semiring needs at least one element")
    if order > MAX_ORDER:
        raise TableError(f"order {order} exceeds the limit {MAX_ORDER} for "
                         "tables: use a structure given by operations")
    add_table = _as_table("addition", add, (order, order), order)
    mul_table = _as_table("multiplication", mul, (order, order), order)
    zero_element = _identity_of("addition", add_table, zero)
    one_element = _identity_of("multiplication", mul_table, one)
    if labels is not None and len(labels) != order:
        raise TableError(f"{len(labels)} labels for {order} elements: "
                         "give one label per element")
    names = tuple(labels) if labels is not None else tuple(map(str, range(order)))
    if len(set(names)) != len(names):
        repeated = sorted({n for n in names if names.count(n) > 1})
        raise TableError(f"labels {repeated} are used more than once: give "
                         "each element its own label")
    index = {name: position for position, name in enumerate(names)}

    def show(x: int) -> str:
        return names[x]

    def source(x: int) -> str:
        return repr(names[x])

    def parse(text: str) -> int:
        if text not in index:
            raise ValueError(f"unknown element {text!r} of {name}: use one of "
                             f"{list(names)}")
        return index[text]

    add_list = add_table.tolist()
    mul_list = mul_table.tolist()
    return Semiring(
        name,
        zero_element,
        one_element,
        add=lambda x, y: int(add_list[x][y]),
        mul=lambda x, y: int(mul_list[x][y]),
        elements=tuple(range(order)),
        show=show,
        source=source,
        parse=parse,
        metadata={"add_table": add_table, "mul_table": mul_table},
    )


def finite_structure(
    name: str,
    add: object,
    mul: object,
    *,
    derivations: Mapping[str, Sequence[int]] | None = None,
    composition: object = None,
    zero: int | None = None,
    one: int | None = None,
    labels: Sequence[str] | None = None,
    known_failures: Mapping[str, str] | None = None,
    properties: frozenset[str] = frozenset(),
    description: str = "",
) -> DifferentialSemiring[int]:
    """Build a finite differential semiring from tables.

    >>> s = finite_structure("B-id", [[0, 1], [1, 1]], [[0, 0], [0, 1]],
    ...                      derivations={"d": [0, 1]})
    >>> s.derivation("d")(1)
    1
    >>> finite_structure("short", [[0, 1], [1, 1]], [[0, 0], [0, 1]],
    ...                  derivations={"d": [0]})
    Traceback (most recent call last):
    ...
    diffalg.structures.finite.TableError: derivation 'd' table has shape (1,), ...
    """
    semiring = finite_semiring(name, add, mul, zero=zero, one=one, labels=labels)
    order = len(semiring.elements or ())
    built: list[Derivation[int]] = []
    tables: dict[str, Any] = {}
    for derivation_name, values in (derivations or {}).items():
        table = _as_table(f"derivation {derivation_name!r}", values, (order,), order)
        values_list = table.tolist()
        tables[derivation_name] = table
        built.append(Derivation(derivation_name, _lookup1(values_list)))
    comp: Composition[int] | None = None
    if composition is not None:
        comp_table = _as_table("composition", composition, (order, order), order)
        tables["composition"] = comp_table
        comp_list = comp_table.tolist()
        comp = Composition(lambda x, y: int(comp_list[x][y]))
    semiring.metadata["derivation_tables"] = tables
    return DifferentialSemiring(
        name,
        semiring,
        tuple(built),
        comp,
        known_failures=dict(known_failures or {}),
        properties=properties,
        description=description,
    )


def _lookup1(values: list[int]) -> Any:
    def apply(x: int) -> int:
        return int(values[x])

    return apply
