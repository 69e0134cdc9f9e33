"""Finite semirings with ``0`` and ``1`` up to isomorphism, and their derivations.

A semiring of order ``n`` here has carrier ``{0, …, n-1}``, ``+``
commutative and associative with identity ``0``, ``·`` associative with
identity ``1``, ``·`` distributing over ``+`` on both sides and ``0``
annihilating on both sides.  ``0 = 1`` only for ``n = 1``.  Two semirings are
isomorphic when a bijection carries both tables onto each other; such a
bijection fixes ``0`` and ``1``, which the tables determine.

Algorithm (:func:`enumerate_semirings`):

1. List the commutative monoids ``(S, +, 0)`` of order ``n`` up to
   isomorphism, only the idempotent ones (``a + a = a``) when requested.
   A backtracking search fills the upper triangle of the table, checks
   each associativity instance as soon as it is complete and keeps the
   lexicographically least relabeling (:mod:`.enumeration_monoids`).
2. For each monoid ``M``, compute its automorphism group ``Aut(M)`` and its
   endomorphisms, and choose ``1`` among representatives ``u`` of the orbits
   of ``Aut(M)`` on ``S \\ {0}``: isomorphic semirings with additive monoid
   ``M`` have their ``1`` in the same orbit.
3. For each ``(M, u)``, search the multiplications through the left
   multiplication maps ``L_a = (x ↦ a·x)``.  The semiring axioms say that
   each ``L_a`` is an endomorphism of ``M``, that ``a ↦ L_a`` is additive
   with ``L_u = id`` and ``L_a(u) = a``, and that
   ``L_{a·b} = L_a ∘ L_b``.  The table therefore follows from ``L_g`` for
   ``g`` in a generating set of ``M``.  The search chooses those among the
   endomorphisms and, after each choice, derives every map that addition
   and composition of known maps fix, abandoning the branch at the first
   contradiction (:mod:`.enumeration_search`).
4. Semirings on the same ``(M, u)`` are isomorphic exactly when an
   automorphism of ``M`` fixing ``u`` maps one multiplication onto the
   other, so a multiplication is kept only when it is least among its
   images under that stabiliser, and branches whose known rows already
   lose to an image are cut.  Each kept semiring is relabeled so that
   ``u`` becomes ``1`` and returned in canonical form: the lexicographically
   least pair ``(add, mul)`` of flattened tables over the relabelings that
   fix ``0`` and send ``u`` to ``1``.

Every returned semiring is validated again by :class:`SemiringTables`, which
checks each axiom on all elements independently of the search.

The counts this produces for ``n = 1 … 6`` (1, 2, 6, 40, 295, 3246; with
commutative ``·``: 1, 2, 6, 36, 228, 2075; with idempotent ``+``: 1, 1, 3,
20, 149, 1488) agree with those published for semirings with ``0`` and
``1`` by J. Edwards, J. D. Mitchell and P. Ragavan, "Counting finite
semirings", arXiv:2507.03709 (2025), who count with GAP and the Smallsemi
library by a different method.  The tests compare them for ``n <= 5`` and,
in the slow suite, for ``n = 6``.  For ``n = 7`` the search finds 59314
semirings, 25640 with commutative ``·`` and 18554 with idempotent ``+``; the
last number agrees with the page "Idempotent semirings with identity and
zero" of P. Jipsen's Mathematical Structures site
(https://math.chapman.edu/~jipsen/structures), and the slow suite checks it.

Derivations (:func:`derivations`) are found by a separate backtracking
search with propagation (:mod:`.enumeration_derivations`).

Main names: :class:`SemiringTables`, :func:`enumerate_semirings`,
:func:`count_semirings`, :class:`SearchReport`, :class:`SearchProgress`,
:class:`SearchTimeout`, :func:`derivations`, :class:`SemiringLawError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from diffalg.axioms.enumeration_derivations import derivations
from diffalg.axioms.enumeration_monoids import (
    Deadline,
    IntArray,
    SearchStopped,
    automorphisms,
    commutative_monoids,
    endomorphisms,
    least_relabeling,
    permutations_fixing,
)
from diffalg.axioms.enumeration_search import multiplications
from diffalg.axioms.enumeration_tables import (
    SemiringLawError,
    SemiringTables,
    check_semiring_tables,
)

__all__ = [
    "SearchProgress",
    "SearchReport",
    "SearchTimeout",
    "SemiringLawError",
    "SemiringTables",
    "check_semiring_tables",
    "count_semirings",
    "derivations",
    "enumerate_semirings",
]

logger = logging.getLogger(__name__)

# The isomorphism tests relabel a table by all (n-1)! permutations fixing 0
# at once: about 26 MB of int64 at n = 9 but 290 MB at n = 10.
# NOTE: orders 8 and 9 have never been run to the end.  Order 7 took 103 s
# (all), 122 s (commutative) and 13 to 34 s (idempotent) of wall-clock time
# on a shared 2-core machine, and only its idempotent count is compared
# with a published one.
MAX_ORDER = 9


@dataclass(frozen=True)
class SearchProgress:
    """A progress report of a running enumeration.

    ``stage`` is ``"monoids"`` while the additive monoids are listed and
    ``"multiplications"`` afterwards.  In the second stage ``done`` of
    ``total`` monoids have been searched.  ``found`` counts the semirings
    returned so far and ``elapsed`` is in seconds.

    >>> SearchProgress("multiplications", 3, 5, 12, 0.5).done
    3
    """

    stage: str
    done: int
    total: int
    found: int
    elapsed: float


class SearchTimeout(TimeoutError):
    """The time limit of an enumeration ran out before the search finished.

    ``found`` is the number of semirings returned before the stop and
    ``elapsed`` the seconds spent.

    >>> str(SearchTimeout(7, 1.5))
    'time limit reached after 1.5 s: 7 semirings found so far, the count is partial'
    """

    def __init__(self, found: int, elapsed: float) -> None:
        super().__init__(
            f"time limit reached after {elapsed:.1f} s: {found} semirings found "
            "so far, the count is partial"
        )
        self.found = found
        self.elapsed = elapsed


ProgressCallback = Callable[[SearchProgress], None]


def _check_arguments(order: int, time_limit: float | None) -> None:
    if isinstance(order, bool) or not isinstance(order, int):
        raise TypeError(f"order must be an int, got {order!r}")
    if order < 1:
        raise ValueError(f"order {order} is not positive: use 1 or more")
    if order > MAX_ORDER:
        raise ValueError(
            f"order {order} exceeds the supported maximum {MAX_ORDER}: the "
            "isomorphism tests hold (n-1)! permutations in memory"
        )
    if time_limit is not None and not time_limit >= 0:
        raise ValueError(
            f"time limit {time_limit!r} is not a non-negative number of seconds"
        )


def enumerate_semirings(
    order: int,
    *,
    commutative: bool = False,
    idempotent: bool = False,
    progress: ProgressCallback | None = None,
    time_limit: float | None = None,
) -> Iterator[SemiringTables]:
    """Yield one semiring of ``order`` elements per isomorphism class.

    With ``commutative`` only semirings with ``a·b = b·a`` are listed, with
    ``idempotent`` only those with ``a + a = a``.  For ``order >= 2`` the
    tables have ``0`` as the zero and ``1`` as the one, and each is the
    canonical form of its class (see the module docstring).  ``progress`` is
    called once per additive monoid searched.  When ``time_limit`` seconds
    have passed, the generator raises :class:`SearchTimeout` carrying the
    number of semirings yielded so far.  The clock is polled every few
    hundred search steps, so a very short search may finish despite an
    expired limit.

    >>> [len(list(enumerate_semirings(n))) for n in (1, 2, 3)]
    [1, 2, 6]
    >>> for s in enumerate_semirings(2):
    ...     print(s.add, s.mul)
    ((0, 1), (1, 0)) ((0, 0), (0, 1))
    ((0, 1), (1, 1)) ((0, 0), (0, 1))
    """
    _check_arguments(order, time_limit)
    deadline = Deadline(time_limit)
    found = 0

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(SearchProgress(stage, done, total, found, deadline.elapsed()))

    if order == 1:
        yield SemiringTables(((0,),), ((0,),))
        report("multiplications", 1, 1)
        return

    try:
        report("monoids", 0, 0)
        monoids = commutative_monoids(order, idempotent=idempotent, deadline=deadline)
        logger.info("order %d: %d additive monoids after %.2f s", order,
                    len(monoids), deadline.elapsed())
        report("multiplications", 0, len(monoids))
        perms = permutations_fixing(order, 1)
        canonical_perms = permutations_fixing(order, 2)
        for done, add in enumerate(monoids, start=1):
            for tables in _semirings_on(add, perms, canonical_perms, commutative,
                                        deadline):
                found += 1
                yield tables
            report("multiplications", done, len(monoids))
    except SearchStopped:
        logger.info("order %d: time limit reached after %.2f s with %d semirings",
                    order, deadline.elapsed(), found)
        raise SearchTimeout(found, deadline.elapsed()) from None


def _semirings_on(
    add: list[list[int]],
    perms: IntArray,
    canonical_perms: IntArray,
    commutative: bool,
    deadline: Deadline,
) -> Iterator[SemiringTables]:
    """Yield the semirings whose additive monoid is ``add``, one per class."""
    order = len(add)
    add_array = np.array(add, dtype=np.int64)
    symmetries = automorphisms(add_array, perms)
    endos = endomorphisms(add, deadline)
    seen: set[int] = set()
    for one in range(1, order):
        if one in seen:
            continue
        seen.update(int(x) for x in symmetries[:, one])
        stabiliser = symmetries[symmetries[:, one] == one]
        swap = np.arange(order)
        swap[[1, one]] = swap[[one, 1]]
        # p(swap(x)) runs over the relabelings fixing 0 and sending one to 1.
        to_canonical = canonical_perms[:, swap]
        for mul in multiplications(add, one, endos, stabiliser,
                                   commutative=commutative, deadline=deadline):
            flat = least_relabeling([add_array, np.array(mul, dtype=np.int64)],
                                    to_canonical)
            add_rows, mul_rows = flat.reshape(2, order, order).tolist()
            yield SemiringTables(
                tuple(map(tuple, add_rows)), tuple(map(tuple, mul_rows))
            )


@dataclass(frozen=True)
class SearchReport:
    """The outcome of :func:`count_semirings`.

    ``complete`` is ``False`` when the search stopped early, and then
    ``count`` is only a lower bound and ``stop_reason`` names the cause
    (``"time limit"`` or ``"interrupted"``).  ``elapsed`` is in seconds.

    >>> SearchReport(4, False, False, 40, True, None, 0.1).summary()
    'order 4: 40 semirings (complete, 0.10 s)'
    """

    order: int
    commutative: bool
    idempotent: bool
    count: int
    complete: bool
    stop_reason: str | None
    elapsed: float

    def summary(self) -> str:
        """Return a one-line summary that marks a partial count as partial.

        >>> SearchReport(6, True, False, 12, False, "time limit", 2.0).summary()
        'order 6, commutative: at least 12 semirings (partial: time limit, 2.00 s)'
        """
        kinds = [k for k, on in (("commutative", self.commutative),
                                 ("idempotent", self.idempotent)) if on]
        label = ", ".join([f"order {self.order}", *kinds])
        if self.complete:
            return f"{label}: {self.count} semirings (complete, {self.elapsed:.2f} s)"
        return (f"{label}: at least {self.count} semirings "
                f"(partial: {self.stop_reason}, {self.elapsed:.2f} s)")


def count_semirings(
    order: int,
    *,
    commutative: bool = False,
    idempotent: bool = False,
    progress: ProgressCallback | None = None,
    time_limit: float | None = None,
) -> SearchReport:
    """Count the semirings of ``order`` elements up to isomorphism.

    The options are those of :func:`enumerate_semirings`.  A time limit or a
    ``KeyboardInterrupt`` ends the search early with a report whose
    ``complete`` is ``False`` and whose ``count`` is what was found so far.

    >>> count_semirings(4, idempotent=True).count
    20
    >>> count_semirings(6, time_limit=0.0).complete
    False
    """
    _check_arguments(order, time_limit)
    deadline = Deadline(None)
    count = 0
    reason: str | None = None
    try:
        for _ in enumerate_semirings(order, commutative=commutative,
                                     idempotent=idempotent, progress=progress,
                                     time_limit=time_limit):
            count += 1
    except SearchTimeout:
        reason = "time limit"
    except KeyboardInterrupt:
        logger.warning("order %d: search interrupted with %d semirings found",
                       order, count)
        reason = "interrupted"
    return SearchReport(order, commutative, idempotent, count, reason is None,
                        reason, deadline.elapsed())
