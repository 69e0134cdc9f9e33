"""Finite semirings as pairs of Cayley tables, validated against the axioms.

:class:`SemiringTables` holds the addition and multiplication tables of a
semiring on ``0 … n-1`` as tuples of tuples, so it is hashable and can be
collected in sets.  Construction checks every semiring axiom of the law
catalog (``add_assoc``, ``add_comm``, ``add_zero``, ``mul_assoc``,
``mul_one_left``, ``mul_one_right``, ``distrib_left``, ``distrib_right``,
``annihil_left``, ``annihil_right``) on all elements with numpy and raises
:class:`SemiringLawError` naming the first failing law, its elements and
both sides.  ``0`` and ``1`` are the identities found in the tables; they
coincide only in the one-element semiring, since ``0 = 1`` forces
``x = x·1 = x·0 = 0``.

Main names: :class:`SemiringTables`, :class:`SemiringLawError`,
:func:`check_semiring_tables`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from diffalg.structures.finite import TableError, finite_structure
from diffalg.structures.structure import DifferentialSemiring

IntArray = NDArray[np.int64]
TableRows = tuple[tuple[int, ...], ...]


class SemiringLawError(ValueError):
    """The tables are well formed but break a semiring axiom.

    ``law`` is the catalog id of the broken axiom and ``witness`` maps its
    variables to the failing elements.

    >>> SemiringLawError("add_comm", {"a": 0, "b": 1}, "detail").law
    'add_comm'
    """

    def __init__(self, law: str, witness: Mapping[str, int], message: str) -> None:
        super().__init__(message)
        self.law = law
        self.witness = dict(witness)


def _to_array(name: str, rows: object) -> IntArray:
    try:
        table = np.asarray(rows)
    except (ValueError, TypeError) as error:
        raise TableError(
            f"{name} table {rows!r} is not a rectangular array of integers: "
            "give n rows of n integers"
        ) from error
    if table.ndim != 2 or table.shape[0] != table.shape[1] or table.shape[0] == 0:
        raise TableError(
            f"{name} table has shape {table.shape}: give n rows of n integers "
            "for a semiring on the elements 0..n-1, n >= 1"
        )
    if not np.issubdtype(table.dtype, np.integer):
        raise TableError(
            f"{name} table has entries of type {table.dtype}: use integers "
            f"0..{table.shape[0] - 1}"
        )
    order = table.shape[0]
    bad = np.argwhere((table < 0) | (table >= order))
    if len(bad):
        row, column = (int(i) for i in bad[0])
        raise TableError(
            f"{name} table entry ({row}, {column}) is {int(table[row, column])}, "
            f"outside 0..{order - 1}: every entry must name an element"
        )
    result: IntArray = table.astype(np.int64)
    return result


def _identity(law: str, name: str, needed: str, table: IntArray) -> int:
    order = table.shape[0]
    elements = np.arange(order)
    for e in range(order):
        if (table[e] == elements).all() and (table[:, e] == elements).all():
            return e
    raise SemiringLawError(
        law,
        {},
        f"the {name} table has no two-sided identity: a semiring needs {needed}",
    )


def _fail_at(law: str, names: str, mask: NDArray[np.bool_], text: str,
             left: IntArray, right: IntArray) -> None:
    """Raise for the first index where ``mask`` is true, if there is one."""
    hits = np.argwhere(mask)
    if not len(hits):
        return
    where = tuple(int(i) for i in hits[0])
    witness = dict(zip(names, where, strict=True))
    shown = ", ".join(f"{k}={v}" for k, v in witness.items())
    raise SemiringLawError(
        law,
        witness,
        f"{law} fails at {shown}: {text} gives {int(left[where])} on the left "
        f"and {int(right[where])} on the right; fix the tables so that "
        f"{text} holds for all elements",
    )


def check_semiring_tables(add: object, mul: object) -> tuple[int, int]:
    """Check every semiring axiom on the tables and return ``(zero, one)``.

    Raises :class:`~diffalg.structures.finite.TableError` for malformed
    tables and :class:`SemiringLawError` for the first broken axiom.

    >>> check_semiring_tables([[0, 1], [1, 1]], [[0, 0], [0, 1]])
    (0, 1)
    >>> check_semiring_tables([[0, 1], [1, 1]], [[0, 0], [0, 0]])
    Traceback (most recent call last):
    ...
    diffalg.axioms.enumeration_tables.SemiringLawError: the multiplication ...
    """
    plus = _to_array("addition", add)
    times = _to_array("multiplication", mul)
    if plus.shape != times.shape:
        raise TableError(
            f"addition table is {plus.shape[0]}x{plus.shape[0]} but multiplication "
            f"table is {times.shape[0]}x{times.shape[0]}: give both for the same "
            "elements"
        )
    a = np.arange(plus.shape[0])[:, None, None]
    b = np.arange(plus.shape[0])[None, :, None]
    c = np.arange(plus.shape[0])[None, None, :]
    abc = "abc"

    left = plus[plus[a, b], c]
    right = plus[a, plus[b, c]]
    _fail_at("add_assoc", abc, left != right, "(a + b) + c = a + (b + c)",
             left, right)
    _fail_at("add_comm", "ab", plus != plus.T, "a + b = b + a", plus, plus.T)
    zero = _identity("add_zero", "addition", "0 with 0 + a = a + 0 = a", plus)

    left = times[times[a, b], c]
    right = times[a, times[b, c]]
    _fail_at("mul_assoc", abc, left != right, "(a·b)·c = a·(b·c)", left, right)
    one = _identity("mul_one_left", "multiplication", "1 with 1·a = a·1 = a",
                    times)

    left = times[a, plus[b, c]]
    right = plus[times[a, b], times[a, c]]
    _fail_at("distrib_left", abc, left != right, "a·(b + c) = a·b + a·c",
             left, right)
    left = times[plus[a, b], c]
    right = plus[times[a, c], times[b, c]]
    _fail_at("distrib_right", abc, left != right, "(a + b)·c = a·c + b·c",
             left, right)

    zeros = np.full(plus.shape[0], zero)
    _fail_at("annihil_left", "a", times[zero] != zero, "0·a = 0",
             times[zero], zeros)
    _fail_at("annihil_right", "a", times[:, zero] != zero, "a·0 = 0",
             times[:, zero], zeros)
    return zero, one


def _freeze(table: object) -> TableRows:
    return tuple(tuple(int(x) for x in row) for row in np.asarray(table).tolist())


@dataclass(frozen=True)
class SemiringTables:
    """A finite semiring ``(S, +, ·, 0, 1)`` on ``S = {0, …, n-1}`` as two tables.

    ``add[a][b]`` is ``a + b`` and ``mul[a][b]`` is ``a·b``.  Construction
    validates both tables (see :func:`check_semiring_tables`) and stores them
    as tuples, so instances are hashable and compare by their tables.
    ``zero`` and ``one`` are the identities found in the tables; they are
    equal only when ``n = 1``.

    >>> boolean = SemiringTables([[0, 1], [1, 1]], [[0, 0], [0, 1]])
    >>> boolean.order, boolean.zero, boolean.one
    (2, 0, 1)
    >>> boolean.is_idempotent, boolean.is_commutative
    (True, True)
    >>> SemiringTables([[0, 1], [1, 0]], [[0, 1], [1, 1]])
    Traceback (most recent call last):
    ...
    diffalg.axioms.enumeration_tables.SemiringLawError: distrib_left fails at
    a=1, b=0, c=0: a·(b + c) = a·b + a·c gives 1 on the left and 0 on the
    right; ...
    """

    add: TableRows
    mul: TableRows
    zero: int = field(init=False, repr=False, compare=False)
    one: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        zero, one = check_semiring_tables(self.add, self.mul)
        object.__setattr__(self, "add", _freeze(self.add))
        object.__setattr__(self, "mul", _freeze(self.mul))
        object.__setattr__(self, "zero", zero)
        object.__setattr__(self, "one", one)

    @classmethod
    def from_rows(cls, add: object, mul: object) -> SemiringTables:
        """Build from any nested sequences or arrays of integers.

        >>> SemiringTables.from_rows(np.array([[0, 1], [1, 0]]), [[0, 0], [0, 1]])
        SemiringTables(add=((0, 1), (1, 0)), mul=((0, 0), (0, 1)))
        """
        return cls(add, mul)  # type: ignore[arg-type]

    @property
    def order(self) -> int:
        """The number of elements ``n``.

        >>> SemiringTables([[0]], [[0]]).order
        1
        """
        return len(self.add)

    @property
    def is_commutative(self) -> bool:
        """Whether ``a·b = b·a`` for all elements.

        >>> SemiringTables([[0, 1], [1, 0]], [[0, 0], [0, 1]]).is_commutative
        True
        """
        return all(
            self.mul[a][b] == self.mul[b][a]
            for a in range(self.order)
            for b in range(self.order)
        )

    @property
    def is_idempotent(self) -> bool:
        """Whether ``a + a = a`` for all elements.

        >>> SemiringTables([[0, 1], [1, 0]], [[0, 0], [0, 1]]).is_idempotent
        False
        """
        return all(self.add[a][a] == a for a in range(self.order))

    def properties(self) -> frozenset[str]:
        """Return the catalog properties that hold, as property ids.

        ``add_cancel`` means ``a + c = b + c`` implies ``a = b``, that is,
        every row of the addition table is a permutation.

        >>> sorted(SemiringTables([[0, 1], [1, 1]], [[0, 0], [0, 1]]).properties())
        ['absorptive', 'add_idem', 'mul_comm', 'mul_idem']
        """
        elements = range(self.order)
        held = set()
        if self.is_commutative:
            held.add("mul_comm")
        if self.is_idempotent:
            held.add("add_idem")
        if all(self.mul[a][a] == a for a in elements):
            held.add("mul_idem")
        if all(self.add[self.one][a] == self.one for a in elements):
            held.add("absorptive")
        if all(len(set(row)) == self.order for row in self.add):
            held.add("add_cancel")
        return frozenset(held)

    def to_structure(
        self,
        name: str,
        derivations: Mapping[str, Sequence[int]] | None = None,
    ) -> DifferentialSemiring[int]:
        """Build a :class:`~diffalg.structures.structure.DifferentialSemiring`.

        The structure declares the properties that hold and, for the given
        derivation tables, the expected failures of ``d_one`` (when
        ``d(1) ≠ 0``) and of ``commute`` (when two derivations do not
        commute), so a law checker finds exactly what the tables imply.
        The derivation tables are not checked here: a table that is not a
        derivation shows up as a failed ``d_add`` or ``d_leibniz``.

        >>> boolean = SemiringTables([[0, 1], [1, 1]], [[0, 0], [0, 1]])
        >>> s = boolean.to_structure("B", {"d": [0, 1]})
        >>> s.derivation("d")(1), s.expects_failure("d_one[d]")
        (1, True)
        """
        tables = {key: list(values) for key, values in (derivations or {}).items()}
        failures: dict[str, str] = {}
        for key, values in tables.items():
            if len(values) == self.order and values[self.one] != self.zero:
                failures[f"d_one[{key}]"] = (
                    f"{key}(1) = {values[self.one]}, not 0"
                )
        names = list(tables)
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                f, g = tables[first], tables[second]
                if len(f) != self.order or len(g) != self.order:
                    continue
                clash = [x for x in range(self.order) if f[g[x]] != g[f[x]]]
                if clash:
                    failures[f"commute[{first},{second}]"] = (
                        f"{first}({second}({clash[0]})) differs from "
                        f"{second}({first}({clash[0]}))"
                    )
        return finite_structure(
            name,
            [list(row) for row in self.add],
            [list(row) for row in self.mul],
            derivations=tables,
            zero=self.zero,
            one=self.one,
            known_failures=failures,
            properties=self.properties(),
            description=f"semiring of order {self.order} given by tables",
        )

    def text(self) -> str:
        """Return the two tables as aligned text, one row per line.

        >>> print(SemiringTables([[0, 1], [1, 1]], [[0, 0], [0, 1]]).text())
        +  | 0 1     ·  | 0 1
        0  | 0 1     0  | 0 0
        1  | 1 1     1  | 0 1
        """
        width = len(str(self.order - 1))
        lines = []
        header = " ".join(str(x).rjust(width) for x in range(self.order))
        lines.append(f"{'+'.ljust(width)}  | {header}     "
                     f"{'·'.ljust(width)}  | {header}")
        for a in range(self.order):
            left = " ".join(str(x).rjust(width) for x in self.add[a])
            right = " ".join(str(x).rjust(width) for x in self.mul[a])
            lines.append(f"{str(a).ljust(width)}  | {left}     "
                         f"{str(a).ljust(width)}  | {right}")
        return "\n".join(lines)
