"""Semiring homomorphisms, optionally carrying derivations along.

A homomorphism ``h : S → T`` of semirings preserves ``0``, ``1``, ``+`` and
``·``.  Given derivations ``∂`` on ``S`` and ``∂′`` on ``T``, ``h`` carries
``∂`` to ``∂′`` when ``h(∂a) = ∂′(h(a))`` for every ``a``.  The laws are
those of :func:`diffalg.laws.morphisms.homomorphism_laws`.
:func:`check_homomorphism` decides them with verdicts of the library's
kinds, and compares each with the map's declared failures.

Homomorphisms can be registered by name, like instances, so that a witness
comes with a replay snippet that runs in a fresh interpreter.

Main names: :class:`SemiringHomomorphism`, :func:`check_homomorphism`,
:func:`check_agreement`, :func:`register_homomorphism`,
:func:`get_homomorphism`, :func:`homomorphism_names`,
:func:`replay_homomorphism`.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from diffalg.checking.verdicts import Verdict
from diffalg.laws.morphisms import (
    DEFAULT_MAX_EXAMPLES,
    DEFAULT_SEED,
    DEFAULT_TIMEOUT,
    Evaluation,
    MapLaw,
    MapReport,
    Step,
    carrier_of,
    check_map_laws,
    decide_map_law,
    homomorphism_laws,
)
from diffalg.structures.operators import Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

S = TypeVar("S")
T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True, eq=False)
class SemiringHomomorphism(Generic[S, T]):
    """A map ``source → target`` meant to be a semiring homomorphism.

    ``derivations`` pairs a derivation of the source with one of the target;
    each pair adds the law ``hom_derivation[∂]``.  ``known_failures`` maps
    law ids (or families) to the reason the map breaks them, as for
    instances.

    >>> import operator
    >>> integers = Semiring("Z", 0, 1, operator.add, operator.mul)
    >>> parity = Semiring("Z/2", 0, 1, lambda a, b: (a + b) % 2,
    ...                   lambda a, b: a * b % 2, elements=(0, 1))
    >>> mod2 = SemiringHomomorphism("Z->Z/2", integers, parity, lambda n: n % 2)
    >>> mod2(7), mod2.law_ids()
    (1, ['hom_zero', 'hom_one', 'hom_add', 'hom_mul'])
    """

    name: str
    source: Semiring[S]
    target: Semiring[T]
    apply: Callable[[S], T]
    derivations: Sequence[tuple[Derivation[S], Derivation[T]]] = ()
    known_failures: Mapping[str, str] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        ids = self.law_ids()
        families = {law_id.split("[", 1)[0] for law_id in ids}
        unknown = sorted(k for k in self.known_failures
                         if k not in ids and k not in families)
        if unknown:
            raise ValueError(f"homomorphism {self.name!r} declares failures of "
                             f"unknown laws {unknown}: choose from {ids}")

    def __call__(self, value: S) -> T:
        return self.apply(value)

    def laws(self) -> list[MapLaw]:
        """Return the laws of this map: preservation, then derivation pairs.

        >>> import operator
        >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
        >>> SemiringHomomorphism("id", n, n, lambda k: k).laws()[3].statement
        'h(a·b) = h(a)·h(b)'
        """
        return homomorphism_laws(self.source, self.target, self.apply,
                                 self.derivations)

    def law_ids(self) -> list[str]:
        """Return the ids of :meth:`laws`."""
        return [law.id for law in self.laws()]

    def then(self, after: SemiringHomomorphism[T, U],
             name: str | None = None) -> SemiringHomomorphism[S, U]:
        """Return the composite ``after ∘ self``, first ``self`` then ``after``.

        Derivation pairs are composed where the target derivation of
        ``self`` is the source derivation of ``after`` (same name).

        >>> import operator
        >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
        >>> double = SemiringHomomorphism("double", n, n, lambda k: 2 * k)
        >>> double.then(double)(3), double.then(double).name
        (12, 'double;double')
        """
        first, second = self.apply, after.apply

        def composite(value: S) -> U:
            return second(first(value))

        pairs = [(before, last) for before, middle in self.derivations
                 for middle_again, last in after.derivations
                 if middle.name == middle_again.name]
        return SemiringHomomorphism(name or f"{self.name};{after.name}", self.source,
                                    after.target, composite, pairs)


def pair_derivations(
    source: DifferentialSemiring[S], target: DifferentialSemiring[T]
) -> list[tuple[Derivation[S], Derivation[T]]]:
    """Pair the derivations of ``source`` and ``target`` that share a name.

    >>> from diffalg.instances import get
    >>> b = get("boolean-identity")
    >>> [(d.name, e.name) for d, e in pair_derivations(b, b)]
    [('d', 'd')]
    """
    by_name = {d.name: d for d in target.derivations}
    return [(d, by_name[d.name]) for d in source.derivations if d.name in by_name]


def between(
    name: str,
    source: DifferentialSemiring[S],
    target: DifferentialSemiring[T],
    apply: Callable[[S], T],
    *,
    known_failures: Mapping[str, str] | None = None,
    description: str = "",
) -> SemiringHomomorphism[S, T]:
    """Build a homomorphism of the semirings of two structures.

    Derivations with the same name on both sides are paired, so the map is
    also checked to carry each one to its namesake.

    >>> from diffalg.instances import get
    >>> b = get("boolean-identity")
    >>> between("id", b, b, lambda v: v).law_ids()[-1]
    'hom_derivation[d]'
    """
    return SemiringHomomorphism(name, source.semiring, target.semiring, apply,
                                pair_derivations(source, target),
                                dict(known_failures or {}), description)


def _replay_snippet(name: str) -> Callable[[MapLaw, Mapping[str, Any]], str]:
    def snippet(law: MapLaw, env: Mapping[str, Any]) -> str:
        arguments = [repr(name), repr(law.id)]
        carriers = dict(law.variables)
        arguments += [f"{n}={carriers[n].source(env[n])}" for n in law.variable_names]
        return ("from diffalg.structures.homomorphism import replay_homomorphism\n"
                f"replay_homomorphism({', '.join(arguments)})")

    return snippet


def check_homomorphism(
    homomorphism: SemiringHomomorphism[Any, Any],
    laws: Sequence[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> MapReport:
    """Check the laws of ``homomorphism`` (all, or the ids in ``laws``).

    Sampling draws from the source semiring's strategy with ``seed``; a
    finite source is checked on every assignment.  A refutation names the
    elements, both sides and the steps between, with a replay snippet that
    works when the map is registered under its name.

    >>> import operator
    >>> from hypothesis import strategies as st
    >>> n = Semiring("N", 0, 1, operator.add, operator.mul,
    ...              strategy=st.integers(0, 50), candidates=(0, 1, 2, 3))
    >>> square = SemiringHomomorphism("square", n, n, lambda k: k * k)
    >>> report = check_homomorphism(square, max_examples=20)
    >>> [(r.law_id, r.verdict.kind.value) for r in report.results]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('hom_zero', 'exhaustive'), ('hom_one', 'exhaustive'),
     ('hom_add', 'refuted'), ('hom_mul', 'sampled')]
    >>> report.result("hom_add").verdict.witness.describe_assignment()
    'a = 1, b = 1'
    """
    selected = homomorphism.laws()
    if laws is not None:
        by_id = {law.id: law for law in selected}
        unknown = [law_id for law_id in laws if law_id not in by_id]
        if unknown:
            close = difflib.get_close_matches(unknown[0], list(by_id), n=3)
            hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
            raise KeyError(f"unknown law {unknown[0]!r} for homomorphism "
                           f"{homomorphism.name!r}; {hint}laws: {list(by_id)}")
        selected = [by_id[law_id] for law_id in laws]
    return check_map_laws(homomorphism.name, selected,
                          known_failures=homomorphism.known_failures, seed=seed,
                          max_examples=max_examples, timeout=timeout,
                          replay=_replay_snippet(homomorphism.name))


def check_agreement(
    first: SemiringHomomorphism[S, T],
    second: SemiringHomomorphism[S, T],
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
) -> Verdict:
    """Decide whether two maps with the same source agree: ``f(a) = g(a)``.

    Values are compared with the equality of ``first``'s target.  Use it to
    check that a square of homomorphisms commutes.

    >>> import operator
    >>> from hypothesis import strategies as st
    >>> n = Semiring("N", 0, 1, operator.add, operator.mul,
    ...              strategy=st.integers(0, 50), candidates=(0, 1, 2))
    >>> f = SemiringHomomorphism("f", n, n, lambda k: 4 * k)
    >>> g = SemiringHomomorphism("g", n, n, lambda k: 2 * k)
    >>> check_agreement(f.then(g), g.then(f), max_examples=10).kind.value
    'sampled'
    >>> check_agreement(f, g).witness.describe_assignment()
    'a = 1'
    """
    source = carrier_of(first.source)
    target = carrier_of(first.target)
    statement = f"{first.name}(a) = {second.name}(a)"

    def agree(env: Mapping[str, Any]) -> Evaluation:
        a = env["a"]
        return Evaluation(Step(f"{first.name}(a)", first(a), target),
                          Step(f"{second.name}(a)", second(a), target))

    law = MapLaw("maps_agree", statement, "the two maps agree", (("a", source),),
                 agree)
    return decide_map_law(law, seed=seed, max_examples=max_examples)


# --- registry --------------------------------------------------------------

Factory = Callable[[], SemiringHomomorphism[Any, Any]]

_FACTORIES: dict[str, Factory] = {}
_SUMMARIES: dict[str, str] = {}
_BUILT: dict[str, SemiringHomomorphism[Any, Any]] = {}


class UnknownHomomorphismError(KeyError):
    """No homomorphism is registered under the requested name.

    >>> str(UnknownHomomorphismError("unknown homomorphism 'f'"))
    "unknown homomorphism 'f'"
    """

    def __str__(self) -> str:
        return str(self.args[0])


def register_homomorphism(name: str, summary: str) -> Callable[[Factory], Factory]:
    """Register a factory of a homomorphism under ``name``.

    >>> import operator
    >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> @register_homomorphism("example-identity", "identity on N")
    ... def build() -> SemiringHomomorphism[int, int]:
    ...     return SemiringHomomorphism("example-identity", n, n, lambda k: k)
    >>> get_homomorphism("example-identity")(4)
    4
    >>> unregister_homomorphism("example-identity")
    """

    def decorate(factory: Factory) -> Factory:
        if name in _FACTORIES:
            raise ValueError(f"homomorphism {name!r} is already registered: "
                             "choose another name")
        _FACTORIES[name] = factory
        _SUMMARIES[name] = summary
        return factory

    return decorate


def unregister_homomorphism(name: str) -> None:
    """Remove ``name`` from the registry (for tests and notebooks)."""
    _FACTORIES.pop(name, None)
    _SUMMARIES.pop(name, None)
    _BUILT.pop(name, None)


def _load_catalog() -> None:
    importlib.import_module("diffalg.instances.catalog")


def get_homomorphism(name: str) -> SemiringHomomorphism[Any, Any]:
    """Return the homomorphism registered as ``name``, building it once.

    >>> get_homomorphism("no-such-map")
    Traceback (most recent call last):
    ...
    diffalg.structures.homomorphism.UnknownHomomorphismError: unknown ...
    """
    _load_catalog()
    if name not in _FACTORIES:
        close = difflib.get_close_matches(name, list(_FACTORIES), n=3)
        hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
        raise UnknownHomomorphismError(
            f"unknown homomorphism {name!r}; {hint}registered: "
            f"{sorted(_FACTORIES) or 'none'}")
    if name not in _BUILT:
        built = _FACTORIES[name]()
        if built.name != name:
            raise ValueError(f"factory for {name!r} built a homomorphism named "
                             f"{built.name!r}: the names must agree")
        _BUILT[name] = built
    return _BUILT[name]


def homomorphism_names() -> list[str]:
    """Return the registered homomorphism names in registration order.

    >>> isinstance(homomorphism_names(), list)
    True
    """
    _load_catalog()
    return list(_FACTORIES)


def homomorphism_summary(name: str) -> str:
    """Return the one-line summary of the homomorphism ``name``.

    >>> homomorphism_summary("no-such-map")
    Traceback (most recent call last):
    ...
    diffalg.structures.homomorphism.UnknownHomomorphismError: unknown ...
    """
    if name not in _SUMMARIES:
        get_homomorphism(name)
    return _SUMMARIES[name]


def replay_homomorphism(homomorphism: str | SemiringHomomorphism[Any, Any],
                        law_id: str, **values: Any) -> Evaluation:
    """Evaluate the law ``law_id`` of a homomorphism at ``values``.

    ``homomorphism`` is a registered name or a map.  String values are
    parsed by the source semiring's ``parse`` when it has one.

    >>> import operator
    >>> n = Semiring("N", 0, 1, operator.add, operator.mul)
    >>> square = SemiringHomomorphism("square", n, n, lambda k: k * k)
    >>> outcome = replay_homomorphism(square, "hom_add", a=1, b=1)
    >>> outcome.holds, outcome.lhs.value, outcome.rhs.value
    (False, 4, 2)
    """
    target = (get_homomorphism(homomorphism) if isinstance(homomorphism, str)
              else homomorphism)
    by_id = {law.id: law for law in target.laws()}
    if law_id not in by_id:
        raise KeyError(f"unknown law {law_id!r} for homomorphism {target.name!r}; "
                       f"laws: {list(by_id)}")
    law = by_id[law_id]
    names = law.variable_names
    if sorted(values) != sorted(names):
        raise TypeError(f"law {law_id!r} needs values for exactly {list(names)}, "
                        f"got {sorted(values)}: pass them as keyword arguments")
    parse = target.source.parse
    env = {n: parse(v) if isinstance(v, str) and parse is not None else v
           for n, v in values.items()}
    return law.evaluate(env)
