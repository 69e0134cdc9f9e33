"""Semimodules: a semiring acting on a commutative monoid.

A (left) semimodule over a semiring ``R`` is a commutative monoid
``(M, +, 0)`` with an action ``R × M → M``, written ``r·m``, such that
``(r·s)·m = r·(s·m)``, ``1·m = m``, ``0·m = 0``, ``r·0 = 0``,
``(r + s)·m = r·m + s·m`` and ``r·(m + n) = r·m + r·n``.  The laws are
those of :func:`diffalg.laws.morphisms.action_laws` and
:func:`diffalg.laws.morphisms.monoid_laws`; :func:`check_action` decides
them with the library's verdict kinds.

Constructions:

- :func:`regular_action`: a semiring acting on itself by left
  multiplication;
- :func:`natural_action`: ``N`` acting on any commutative monoid by repeated
  addition, ``n·m = m + … + m`` (``n`` terms);
- :func:`coordinate_action`: ``R`` acting on ``Rⁿ`` coordinate by
  coordinate.  This is the fine view of a dense layer: each coefficient
  scales one value, and sums of such products make up the layer.

Main names: :class:`CommutativeMonoid`, :class:`SemiringAction`,
:func:`check_action`, :func:`additive_monoid`, :func:`regular_action`,
:func:`natural_action`, :func:`coordinate_action`, :func:`replay_action`.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from hypothesis import strategies as st

from diffalg.laws.morphisms import (
    DEFAULT_MAX_EXAMPLES,
    DEFAULT_SEED,
    DEFAULT_TIMEOUT,
    Carrier,
    Evaluation,
    MapLaw,
    MapReport,
    action_laws,
    carrier_of,
    check_map_laws,
    monoid_laws,
)
from diffalg.structures.semiring import Semiring

R = TypeVar("R")
M = TypeVar("M")

MAX_NATURAL_SCALAR = 10_000
"""The largest scalar :func:`natural_action` accepts: it adds ``n`` terms."""


def _text(value: object) -> str:
    return str(value)


@dataclass(frozen=True, eq=False)
class CommutativeMonoid(Generic[M]):
    """A commutative monoid ``(M, +, 0)`` with the data needed to check laws.

    ``elements``, ``strategy``, ``candidates``, ``show``, ``source`` and
    ``contains`` mean what they mean for
    :class:`~diffalg.structures.semiring.Semiring`.

    >>> maxima = CommutativeMonoid("(N, max, 0)", 0, max, candidates=(0, 1, 2))
    >>> maxima.add(3, 5), maxima.sum([1, 4, 2])
    (5, 4)
    """

    name: str
    zero: M
    add: Callable[[M, M], M]
    equal: Callable[[M, M], bool] = operator.eq
    equality: str = "exact"
    elements: Sequence[M] | None = None
    strategy: Any = None
    candidates: Sequence[M] = ()
    show: Callable[[M], str] = _text
    source: Callable[[M], str] = repr
    contains: Callable[[Any], bool] | None = None

    def sum(self, values: Sequence[M]) -> M:
        """Add ``values`` left to right, starting from ``0``.

        >>> CommutativeMonoid("N", 0, operator.add).sum([1, 2, 3])
        6
        """
        total = self.zero
        for value in values:
            total = self.add(total, value)
        return total

    def carrier(self) -> Carrier[M]:
        """Return the carrier the laws quantify over.

        >>> CommutativeMonoid("N", 0, operator.add, candidates=(0, 1)).carrier().name
        'N'
        """
        return Carrier(self.name, equal=self.equal, equality=self.equality,
                       elements=self.elements, strategy=self.strategy,
                       candidates=self.candidates, show=self.show, source=self.source,
                       contains=self.contains)


def additive_monoid(semiring: Semiring[M]) -> CommutativeMonoid[M]:
    """Return ``(S, +, 0)``, the additive monoid of ``semiring``.

    >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> additive_monoid(n).add(2, 3)
    5
    """
    carrier = carrier_of(semiring)
    return CommutativeMonoid(f"({semiring.name}, +, 0)", semiring.zero, semiring.add,
                             equal=carrier.equal, equality=carrier.equality,
                             elements=carrier.elements, strategy=carrier.strategy,
                             candidates=carrier.candidates, show=carrier.show,
                             source=carrier.source, contains=carrier.contains)


@dataclass(frozen=True, eq=False)
class SemiringAction(Generic[R, M]):
    """An action ``act : R × M → M`` of ``scalars`` on ``module``.

    ``known_failures`` maps law ids to the reason the action breaks them.

    >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> scale = SemiringAction("N on N", n, additive_monoid(n), operator.mul)
    >>> scale(3, 4), scale.law_ids()[:2]
    (12, ['act_assoc', 'act_one'])
    """

    name: str
    scalars: Semiring[R]
    module: CommutativeMonoid[M]
    act: Callable[[R, M], M]
    known_failures: Mapping[str, str] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        ids = self.law_ids()
        unknown = sorted(k for k in self.known_failures if k not in ids)
        if unknown:
            raise ValueError(f"action {self.name!r} declares failures of unknown "
                             f"laws {unknown}: choose from {ids}")

    def __call__(self, scalar: R, vector: M) -> M:
        return self.act(scalar, vector)

    def laws(self) -> list[MapLaw]:
        """Return the action laws, then the monoid laws of the module.

        >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
        >>> scale = SemiringAction("N on N", n, additive_monoid(n), operator.mul)
        >>> scale.laws()[-1].statement
        'm + 0 = m'
        """
        module = self.module.carrier()
        return [*action_laws(self.scalars, module, self.module.zero, self.module.add,
                             self.act),
                *monoid_laws(module, self.module.zero, self.module.add)]

    def law_ids(self) -> list[str]:
        """Return the ids of :meth:`laws`."""
        return [law.id for law in self.laws()]


def regular_action(semiring: Semiring[R]) -> SemiringAction[R, R]:
    """Return ``semiring`` acting on itself by left multiplication.

    The action laws are then semiring axioms: associativity of ``·``, the
    left unit, annihilation and both distributive laws.

    >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> regular_action(n)(3, 5)
    15
    """
    return SemiringAction(f"{semiring.name} on itself", semiring,
                          additive_monoid(semiring), semiring.mul,
                          description="left multiplication")


_NATURALS: Semiring[int] = Semiring(
    "N", 0, 1, operator.add, operator.mul, strategy=st.integers(0, 12),
    candidates=(0, 1, 2, 3), description="the natural numbers")


def _check_natural(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"scalar {n!r} is not a natural number: N acts by "
                         "repeated addition, so use an int ≥ 0")
    if n > MAX_NATURAL_SCALAR:
        raise ValueError(f"scalar {n} exceeds {MAX_NATURAL_SCALAR}: repeated "
                         "addition would add that many terms")
    return n


def natural_action(monoid: CommutativeMonoid[M]) -> SemiringAction[int, M]:
    """Return ``N`` acting on ``monoid`` by ``n·m = m + … + m`` (``n`` terms).

    Every commutative monoid is an ``N``-semimodule in exactly this way.
    The sum is computed by doubling, with ``O(log n)`` additions.

    >>> maxima = CommutativeMonoid("(N, max, 0)", 0, max, candidates=(0, 1, 2))
    >>> times = natural_action(maxima)
    >>> times(3, 5), times(0, 5)
    (5, 0)
    >>> times(-1, 5)
    Traceback (most recent call last):
    ...
    ValueError: scalar -1 is not a natural number: ...
    """

    def repeat(n: int, m: M) -> M:
        count = _check_natural(n)
        total, power = monoid.zero, m
        while count:
            if count & 1:
                total = monoid.add(total, power)
            power = monoid.add(power, power)
            count >>= 1
        return total

    return SemiringAction(f"N on {monoid.name}", _NATURALS, monoid, repeat,
                          description="repeated addition")


def coordinate_action(semiring: Semiring[R],
                      size: int) -> SemiringAction[R, tuple[R, ...]]:
    """Return ``semiring`` acting on ``Rⁿ`` coordinate by coordinate.

    ``r·(m₁, …, mₙ) = (r·m₁, …, r·mₙ)``; vectors are added coordinate by
    coordinate, and compared with the semiring's equality in every
    coordinate.

    >>> n = Semiring("N", 0, 1, operator.add, operator.mul,
    ...              strategy=st.integers(0, 9), candidates=(0, 1, 2))
    >>> action = coordinate_action(n, 3)
    >>> action(2, (1, 0, 4)), action.module.add((1, 2, 3), (1, 1, 1))
    ((2, 0, 8), (2, 3, 4))
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"vector size {size!r} is invalid: use an int ≥ 1")
    base = carrier_of(semiring)

    def add(m: tuple[R, ...], n: tuple[R, ...]) -> tuple[R, ...]:
        return tuple(semiring.add(a, b) for a, b in zip(m, n, strict=True))

    def act(r: R, m: tuple[R, ...]) -> tuple[R, ...]:
        return tuple(semiring.mul(r, a) for a in m)

    def equal(m: tuple[R, ...], n: tuple[R, ...]) -> bool:
        return len(m) == len(n) and all(base.equal(a, b) for a, b in zip(m, n,
                                                                          strict=True))

    def show(m: tuple[R, ...]) -> str:
        return "(" + ", ".join(base.show(a) for a in m) + ")"

    def source(m: tuple[R, ...]) -> str:
        inner = ", ".join(base.source(a) for a in m)
        return f"({inner},)" if len(m) == 1 else f"({inner})"

    def contains(m: Any) -> bool:
        if not isinstance(m, tuple) or len(m) != size:
            return False
        return base.contains is None or all(base.contains(a) for a in m)

    strategy = None
    if base.strategy is not None:
        strategy = st.tuples(*[base.strategy] * size)
    small = list(base.small_values())
    candidates = [tuple([c] * size) for c in small]
    candidates += [tuple(c if i == j else semiring.zero for i in range(size))
                   for c in small[:3] for j in range(size)]
    unique: list[tuple[R, ...]] = []
    for vector in candidates:
        if not any(equal(vector, seen) for seen in unique):
            unique.append(vector)
    zero = tuple([semiring.zero] * size)
    monoid = CommutativeMonoid(f"{semiring.name}^{size}", zero, add, equal=equal,
                               equality=base.equality, strategy=strategy,
                               candidates=tuple(unique), show=show, source=source,
                               contains=contains)
    return SemiringAction(f"{semiring.name} on {semiring.name}^{size}", semiring,
                          monoid, act, description="coordinate-wise scaling")


def check_action(
    action: SemiringAction[Any, Any],
    laws: Sequence[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> MapReport:
    """Check the action and monoid laws of ``action`` (all, or ``laws``).

    >>> n = Semiring("N", 0, 1, operator.add, operator.mul,
    ...              strategy=st.integers(0, 9), candidates=(0, 1, 2))
    >>> report = check_action(coordinate_action(n, 2), max_examples=20)
    >>> report.ok, sorted(report.counts())
    (True, ['sampled'])
    >>> shift = SemiringAction("shift", n, additive_monoid(n), operator.add)
    >>> check_action(shift, ["act_one"]).results[0].verdict.witness.lhs
    '1'
    """
    selected = action.laws()
    if laws is not None:
        by_id = {law.id: law for law in selected}
        unknown = [law_id for law_id in laws if law_id not in by_id]
        if unknown:
            close = difflib.get_close_matches(unknown[0], list(by_id), n=3)
            hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
            raise KeyError(f"unknown law {unknown[0]!r} for action {action.name!r}; "
                           f"{hint}laws: {list(by_id)}")
        selected = [by_id[law_id] for law_id in laws]
    return check_map_laws(action.name, selected, known_failures=action.known_failures,
                          seed=seed, max_examples=max_examples, timeout=timeout)


def replay_action(action: SemiringAction[Any, Any], law_id: str,
                  **values: Any) -> Evaluation:
    """Evaluate the law ``law_id`` of ``action`` at ``values``.

    >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> shift = SemiringAction("shift", n, additive_monoid(n), operator.add)
    >>> outcome = replay_action(shift, "act_zero_vector", r=2)
    >>> outcome.holds, outcome.lhs.value
    (False, 2)
    """
    by_id = {law.id: law for law in action.laws()}
    if law_id not in by_id:
        raise KeyError(f"unknown law {law_id!r} for action {action.name!r}; "
                       f"laws: {list(by_id)}")
    law = by_id[law_id]
    if sorted(values) != sorted(law.variable_names):
        raise TypeError(f"law {law_id!r} needs values for exactly "
                        f"{list(law.variable_names)}, got {sorted(values)}")
    return law.evaluate(values)
