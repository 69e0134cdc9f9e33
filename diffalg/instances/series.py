"""Dual numbers ``S[ε]/(ε²)`` and truncated power series ``S[t]/(tⁿ)``.

Both are built over any base structure ``S``; ``·`` of ``S`` need not
commute, and ``t`` (or ``ε``) commutes with every coefficient.

Dual numbers are pairs ``(a, b) = a + bε`` with
``(a, b)(c, d) = (ac, ad + bc)``.  Their derivations:

- ``deps``, ``D(a, b) = (0, b)``, the ε-part (``ε·d/dε``).  Leibniz needs
  only that ``+`` commutes: ``D(ac, ad + bc) = (0, ad + bc)`` and
  ``(0, b)(c, d) + (a, b)(0, d) = (0, bc) + (0, ad)``;
- each base derivation ``∂``, lifted as ``(a, b) ↦ (∂a, ∂b)``.

``∘′`` substitutes the representative ``a + bx`` of the left element:
``(a, b) ∘′ (c, d) = (a + bc, bd)``.  Affine maps compose exactly, so
``∘′`` is associative and fixes ``0`` and ``1``, but the chain rule fails
for ``deps``: ``D(x ∘′ y) = (0, bd)`` while ``(Dx ∘′ y)·Dy = (0, bcd)``.

Truncated series are coefficient tuples ``(c₀, …, cₙ₋₁)`` of fixed length
``n ≥ 2``.  Their derivations:

- ``theta``, the Euler derivation ``θ = t·d/dt``, ``θ(Σ cₖtᵏ) = Σ k·cₖtᵏ``.
  It preserves degrees, so it respects the ideal ``(tⁿ)`` over every base;
- ``dt``, ``d/dt``.  It respects ``(tⁿ)`` only when ``n·1 = 0`` in ``S``:
  otherwise ``d(tⁿ⁻¹·t) = d(0) = 0`` but ``d(tⁿ⁻¹)·t + tⁿ⁻¹·d(t) =
  n·tⁿ⁻¹ ≠ 0``, and Leibniz is declared to fail;
- each base derivation, lifted coefficient-wise.

``θ`` and ``d/dt`` do not commute: ``θ(dt(t)) = 0`` but ``dt(θ(t)) = 1``.
Truncated series get no ``∘′``: substituting representatives is not
associative once ``n ≥ 3`` (see ``F3[t]/(t^3)``), and composition of
series is defined only for series without constant term.

Main names: :func:`dual_numbers`, :func:`truncated_series`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from diffalg.instances.lifting import (
    FINITE_LIMIT,
    base_candidates,
    element_strategy,
    expect_length,
    from_source_value,
    inherited_failures,
    lifted_names,
    read_literal,
    shell_tuples,
    tuple_membership,
    wrap,
)
from diffalg.instances.tropical import CHAIN_NEEDS_D_ONE
from diffalg.structures.operators import Composition, Derivation
from diffalg.structures.semiring import Semiring
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")

Dual = tuple[Any, Any]
Series = tuple[Any, ...]

KEPT_PROPERTIES = frozenset({"mul_comm", "add_idem", "add_cancel"})


def _equal_parts(semiring: Semiring[Any], left: Series, right: Series) -> bool:
    return all(semiring.equal(a, b) for a, b in zip(left, right, strict=True))


def _lift(base: Semiring[Any], derivation: Derivation[Any]) -> Derivation[Series]:
    apply_base = derivation.apply

    def apply(value: Series) -> Series:
        return tuple(apply_base(part) for part in value)

    return Derivation(derivation.name, apply,
                      f"{derivation.description or derivation.name} on each part")


def _tuple_source(base: Semiring[Any]) -> Any:
    def source(value: Series) -> str:
        inner = ", ".join(base.source(part) for part in value)
        return repr(f"({inner},)")

    return source


def _tuple_parse(base: Semiring[Any], length: int, subject: str) -> Any:
    def parse(text: str) -> Series:
        parts = expect_length(read_literal(text, subject), length, subject)
        return tuple(from_source_value(base, part) for part in parts)

    return parse


def dual_numbers(
    base: DifferentialSemiring[T],
    *,
    name: str | None = None,
    lift: Sequence[str] | None = None,
    known_failures: Mapping[str, str] | None = None,
) -> DifferentialSemiring[Dual]:
    """Build ``S[ε]/(ε²)`` with ``deps``, lifted base derivations and ``∘′``.

    ``lift`` names the base derivations to lift (default: all).  Declared
    failures: the base's semiring and lifted-derivation failures, the chain
    rule for ``deps``, and the chain rule for lifted derivations with
    ``∂1 ≠ 0``.  Add others (the chain rule of another lifted derivation)
    with ``known_failures``.

    >>> from diffalg.instances.numbers import naturals
    >>> n_eps = dual_numbers(naturals())
    >>> n_eps.semiring.mul((2, 1), (3, 4))
    (6, 11)
    >>> n_eps.derivation("deps")((2, 1)), n_eps.semiring.show((2, 1))
    ((0, 1), '2 + 1ε')
    """
    semiring = base.semiring
    lifted = lifted_names(base, lift, ["deps"])
    add, mul, zero = semiring.add, semiring.mul, semiring.zero

    def dual_add(x: Dual, y: Dual) -> Dual:
        return (add(x[0], y[0]), add(x[1], y[1]))

    def dual_mul(x: Dual, y: Dual) -> Dual:
        return (mul(x[0], y[0]), add(mul(x[0], y[1]), mul(x[1], y[0])))

    def epsilon_part(x: Dual) -> Dual:
        return (zero, x[1])

    def substitute(x: Dual, y: Dual) -> Dual:
        return (add(x[0], mul(x[1], y[0])), mul(x[1], y[1]))

    def show(x: Dual) -> str:
        return f"{wrap(semiring.show(x[0]))} + {wrap(semiring.show(x[1]))}ε"

    small = base_candidates(semiring, 3)
    candidates = [(a, b) for a in small for b in small]
    elements: tuple[Dual, ...] | None = None
    if semiring.elements is not None:
        listed = shell_tuples(semiring.elements, 2, FINITE_LIMIT)
        elements = None if listed is None else tuple((a, b) for a, b in listed)
    label = name or f"dual({base.name})"
    dual: Semiring[Dual] = Semiring(
        f"{semiring.name}[ε]/(ε²)", (zero, zero), (semiring.one, zero),
        dual_add, dual_mul,
        equal=lambda x, y: _equal_parts(semiring, x, y),
        equality=semiring.equality,
        elements=elements,
        strategy=st.tuples(element_strategy(semiring), element_strategy(semiring)),
        candidates=tuple(candidates),
        contains=tuple_membership(semiring, 2),
        show=show,
        source=_tuple_source(semiring),
        parse=_tuple_parse(semiring, 2, f"an element of {label}"),
        description=f"dual numbers a + bε over {semiring.name}",
    )
    derivations: list[Derivation[Dual]] = [
        Derivation("deps", epsilon_part, "ε-part: a + bε ↦ bε")]
    derivations += [_lift(semiring, base.derivation(n)) for n in lifted]

    failures = inherited_failures(base, {n: n for n in lifted})
    failures["chain[deps]"] = ("D((a + bε) ∘′ (c + dε)) = bdε but "
                               "(D(a + bε) ∘′ (c + dε))·D(c + dε) = bcdε")
    for n in lifted:
        if f"d_one[{n}]" in failures:
            failures[f"chain[{n}]"] = CHAIN_NEEDS_D_ONE
    failures.update(known_failures or {})
    return DifferentialSemiring(
        label, dual, tuple(derivations),
        Composition(substitute, "(a + bε) ∘′ y = a + b·y"),
        known_failures=failures,
        properties=base.properties & KEPT_PROPERTIES,
        description=f"Dual numbers over {base.name} with the ε-part derivation.")


def _multiple(semiring: Semiring[Any], count: int, value: Any) -> Any:
    return semiring.sum([value] * count)


def show_series(semiring: Semiring[Any], coefficients: Series) -> str:
    """Render coefficients as ``c₀ + c₁t + c₂t^2``, leaving out zeros.

    >>> from diffalg.instances.numbers import naturals
    >>> show_series(naturals().semiring, (1, 0, 3)), show_series(
    ...     naturals().semiring, (0, 0, 0))
    ('1 + 3t^2', '0')
    """
    terms: list[str] = []
    for power, c in enumerate(coefficients):
        if semiring.equal(c, semiring.zero):
            continue
        text = semiring.show(c)
        if power == 0:
            terms.append(text)
            continue
        monomial = "t" if power == 1 else f"t^{power}"
        is_one = semiring.equal(c, semiring.one)
        terms.append(monomial if is_one else f"{wrap(text)}{monomial}")
    return " + ".join(terms) or semiring.show(semiring.zero)


def truncated_series(
    base: DifferentialSemiring[T],
    length: int,
    *,
    name: str | None = None,
    lift: Sequence[str] | None = None,
    known_failures: Mapping[str, str] | None = None,
) -> DifferentialSemiring[Series]:
    """Build ``S[t]/(t^length)`` with ``theta``, ``dt`` and lifted derivations.

    Declared failures: the base's, Leibniz for ``dt`` unless ``length·1 = 0``
    in ``S``, and ``commute[theta,dt]``.

    >>> from diffalg.instances.numbers import naturals
    >>> s = truncated_series(naturals(), 3)
    >>> s.semiring.mul((1, 1, 0), (1, 1, 0))
    (1, 2, 1)
    >>> s.derivation("theta")((5, 1, 1)), s.derivation("dt")((5, 1, 1))
    ((0, 1, 2), (1, 2, 0))
    >>> sorted(s.known_failures)
    ['commute[theta,dt]', 'd_leibniz[dt]']
    """
    if length < 2:
        raise ValueError(f"truncation length {length} is too small: S[t]/(t^1) "
                         "is S itself; use length 2 or more")
    semiring = base.semiring
    lifted = lifted_names(base, lift, ["theta", "dt"])
    add, mul, zero = semiring.add, semiring.mul, semiring.zero

    def series_add(p: Series, q: Series) -> Series:
        return tuple(add(a, b) for a, b in zip(p, q, strict=True))

    def series_mul(p: Series, q: Series) -> Series:
        total = [zero] * length
        for i, a in enumerate(p):
            for j, b in enumerate(q):
                if i + j < length:
                    total[i + j] = add(total[i + j], mul(a, b))
        return tuple(total)

    def euler(p: Series) -> Series:
        return tuple(_multiple(semiring, k, c) for k, c in enumerate(p))

    def derivative(p: Series) -> Series:
        shifted = [_multiple(semiring, k, c) for k, c in enumerate(p)][1:]
        return (*shifted, zero)

    def show(p: Series) -> str:
        return show_series(semiring, p)

    one = (semiring.one, *([zero] * (length - 1)))
    t = (zero, semiring.one, *([zero] * (length - 2)))
    top = (*([zero] * (length - 1)), semiring.one)
    candidates = [tuple([zero] * length), one, t, top]
    for c in base_candidates(semiring, 4)[2:]:
        candidates.append((c, semiring.one, *([zero] * (length - 2))))
    elements = None
    if semiring.elements is not None:
        elements = shell_tuples(semiring.elements, length, FINITE_LIMIT)
    label = name or f"{base.name}[t]/(t^{length})"
    series: Semiring[Series] = Semiring(
        f"{semiring.name}[t]/(t^{length})", tuple([zero] * length), one,
        series_add, series_mul,
        equal=lambda p, q: _equal_parts(semiring, p, q),
        equality=semiring.equality,
        elements=elements,
        strategy=st.tuples(*[element_strategy(semiring)] * length),
        candidates=tuple(candidates),
        contains=tuple_membership(semiring, length),
        show=show,
        source=_tuple_source(semiring),
        parse=_tuple_parse(semiring, length, f"an element of {label}"),
        description=f"polynomials over {semiring.name} modulo t^{length}",
    )
    derivations: list[Derivation[Series]] = [
        Derivation("theta", euler, "Euler derivation t·d/dt"),
        Derivation("dt", derivative, "d/dt"),
    ]
    derivations += [_lift(semiring, base.derivation(n)) for n in lifted]

    failures = inherited_failures(base, {n: n for n in lifted})
    failures["commute[theta,dt]"] = "θ(dt(t)) = θ(1) = 0 but dt(θ(t)) = dt(t) = 1"
    if not semiring.equal(_multiple(semiring, length, semiring.one), zero):
        failures["d_leibniz[dt]"] = (
            f"d(t^{length - 1}·t) = d(0) = 0 but d(t^{length - 1})·t + "
            f"t^{length - 1}·d(t) = {length}·t^{length - 1} ≠ 0")
    failures.update(known_failures or {})
    return DifferentialSemiring(
        label, series, tuple(derivations),
        known_failures=failures,
        properties=base.properties & KEPT_PROPERTIES,
        description=f"{base.name} polynomials modulo t^{length} with the Euler "
                    "derivation t·d/dt and d/dt.")
