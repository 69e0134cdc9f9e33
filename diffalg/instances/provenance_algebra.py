"""Provenance polynomials and their quotients, over a finite set of variables.

Green, Karvounarakis and Tannen ("Provenance semirings", PODS 2007) annotate
database tuples with elements of commutative semirings.  The most general
annotation is a polynomial of ``N[X]``, where ``X`` names the source tuples.
The other provenance semirings below are quotients of ``N[X]`` by
congruences, and each forgets some of the information:

==============  ===============================================  ===========
name            element                                          forgets
==============  ===============================================  ===========
``N[X]``        polynomial, natural coefficients                 nothing
``B[X]``        polynomial, coefficients in {0, 1}, 1 + 1 = 1    multiplicity
``Trio(X)``     natural coefficients, monomials are sets          exponents
``Why(X)``      set of witnesses (sets of variables)              both
``Sorp(X)``     ``B[X]`` keeping only monomials that no other     absorbed
                monomial divides (``1 + a = 1``)                 monomials
``PosBool(X)``  antichain of sets of variables: positive          non-minimal
                Boolean expressions                              witnesses
``Which(X)``    ``0`` or one set of variables (lineage)           structure
==============  ===============================================  ===========

Every element of every kind is stored the same way, as a canonical
polynomial of ``N[X]``: a tuple of ``(exponents, coefficient)`` pairs with
positive coefficients, sorted by the graded reverse lexicographic order
(``x > y > z``), so that equal elements are equal tuples.  Each kind has a
normal form :meth:`ProvenanceAlgebra.normalize` that sends a polynomial to
the representative of its class; ``+`` and ``·`` are those of ``N[X]``
followed by the normal form, which is sound because each kind is a quotient
by a congruence.  The same normal form is the canonical surjection from
``N[X]`` (and from every finer kind) onto the kind.  In ``Which(X)``, ``0``
is the empty tuple and a set ``W`` of variables is the single monomial
``∏W``; ``1`` is the empty set.

Main names: :class:`ProvenanceKind`, :class:`ProvenanceAlgebra`,
:func:`monomial_key`, :class:`ProvenanceParseError`.

References: T. J. Green, G. Karvounarakis, V. Tannen, "Provenance
semirings", PODS 2007 (``N[X]``, why-provenance, lineage); T. J. Green,
"Containment of conjunctive queries on annotated relations", ICDT 2009
(``B[X]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from diffalg.structures.semiring import Semiring

Monomial = tuple[int, ...]
Term = tuple[Monomial, int]
Poly = tuple[Term, ...]

DEFAULT_VARIABLES = ("x", "y", "z")

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = {s: str(i) for i, s in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


class ProvenanceKind(Enum):
    """The provenance semirings, each a quotient of ``N[X]``.

    The value is the name with the variables written ``X``.

    >>> ProvenanceKind.WHY.value, ProvenanceKind.WHY.drops_exponents
    ('Why(X)', True)
    >>> [k.name for k in ProvenanceKind if k.absorbs]
    ['SORP', 'POSBOOL']
    >>> [k.name for k in ProvenanceKind if not k.boolean_coefficients]
    ['N', 'TRIO']
    """

    N = "N[X]"
    B = "B[X]"
    TRIO = "Trio(X)"
    WHY = "Why(X)"
    SORP = "Sorp(X)"
    POSBOOL = "PosBool(X)"
    WHICH = "Which(X)"

    @property
    def boolean_coefficients(self) -> bool:
        """Whether ``1 + 1 = 1``, so that every coefficient is 1."""
        return self not in (ProvenanceKind.N, ProvenanceKind.TRIO)

    @property
    def drops_exponents(self) -> bool:
        """Whether ``x·x = x``, so that monomials are sets of variables."""
        return self in (ProvenanceKind.TRIO, ProvenanceKind.WHY,
                        ProvenanceKind.POSBOOL, ProvenanceKind.WHICH)

    @property
    def absorbs(self) -> bool:
        """Whether ``1 + a = 1``, so that a monomial absorbs its multiples."""
        return self in (ProvenanceKind.SORP, ProvenanceKind.POSBOOL)

    @property
    def is_lineage(self) -> bool:
        """Whether every nonzero element is one set of variables."""
        return self is ProvenanceKind.WHICH


class ProvenanceParseError(ValueError):
    """A text is not a polynomial in the algebra's variables.

    >>> ProvenanceAlgebra(ProvenanceKind.N).parse("2x + ")
    Traceback (most recent call last):
    ...
    diffalg.instances.provenance_algebra.ProvenanceParseError: cannot read ...
    """


def monomial_key(monomial: Monomial) -> tuple[int, Monomial]:
    """Return the sort key of the graded reverse lexicographic order, largest first.

    Higher total degree comes first; between monomials of equal degree, the
    one with the smaller exponent of the last variable where they differ
    comes first.

    >>> order = sorted([(1, 0, 1), (0, 2, 0), (1, 1, 0), (2, 1, 0)], key=monomial_key)
    >>> order
    [(2, 1, 0), (1, 1, 0), (0, 2, 0), (1, 0, 1)]
    """
    return (-sum(monomial), monomial[::-1])


def _term_key(term: Term) -> tuple[int, Monomial]:
    return monomial_key(term[0])


_FLAGS = {kind: (kind.boolean_coefficients, kind.drops_exponents, kind.absorbs,
                 kind.is_lineage) for kind in ProvenanceKind}


def _divides(small: Monomial, large: Monomial) -> bool:
    return all(a <= b for a, b in zip(small, large, strict=True))


@dataclass(frozen=True)
class ProvenanceAlgebra:
    """One provenance semiring over the given variables.

    >>> why = ProvenanceAlgebra(ProvenanceKind.WHY)
    >>> a = why.parse("xy + z")
    >>> why.show(why.mul(a, why.parse("x + 1")))
    'xy + xz + z'
    >>> why.name
    'Why(X)'
    """

    kind: ProvenanceKind
    variables: tuple[str, ...] = DEFAULT_VARIABLES

    def __post_init__(self) -> None:
        if not self.variables:
            raise ValueError("no variables: give at least one name, such as ('x',)")
        bad = [v for v in self.variables if not v.isidentifier() or v[-1].isdigit()]
        if bad:
            raise ValueError(f"invalid variable names {bad}: use identifiers that do "
                             "not end in a digit, such as 'x' or 'tuple_a'")
        if len(set(self.variables)) != len(self.variables):
            raise ValueError(f"repeated variable names in {self.variables}: give "
                             "each variable once")

    @property
    def name(self) -> str:
        """The kind's name, with ``X`` spelled out unless the variables are x, y, z.

        >>> ProvenanceAlgebra(ProvenanceKind.N, ("a", "b")).name
        'N[a,b]'
        """
        if self.variables == DEFAULT_VARIABLES:
            return self.kind.value
        return self.kind.value.replace("X", ",".join(self.variables))

    @property
    def zero(self) -> Poly:
        """The element ``0``: no monomial.

        >>> ProvenanceAlgebra(ProvenanceKind.N).zero
        ()
        """
        return ()

    @property
    def one(self) -> Poly:
        """The element ``1``: the empty monomial with coefficient 1.

        >>> ProvenanceAlgebra(ProvenanceKind.WHICH, ("a",)).one
        (((0,), 1),)
        """
        return (((0,) * len(self.variables), 1),)

    def normalize(self, terms: Iterable[Term]) -> Poly:
        """Return the canonical element of the class of ``Σ c·m`` over ``terms``.

        Terms need not be sorted or distinct; zero coefficients are dropped.

        >>> sorp = ProvenanceAlgebra(ProvenanceKind.SORP)
        >>> sorp.normalize([((2, 1, 0), 2), ((1, 1, 0), 1), ((0, 0, 1), 3)])
        (((1, 1, 0), 1), ((0, 0, 1), 1))
        """
        boolean, drops, absorbs, lineage = _FLAGS[self.kind]
        totals: dict[Monomial, int] = {}
        for monomial, coefficient in terms:
            if coefficient == 0:
                continue
            if drops:
                monomial = tuple([min(e, 1) for e in monomial])
            totals[monomial] = totals.get(monomial, 0) + coefficient
        if boolean:
            totals = dict.fromkeys(totals, 1)
        if absorbs and len(totals) > 1:
            totals = {m: c for m, c in totals.items()
                      if not any(o != m and _divides(o, m) for o in totals)}
        if lineage and len(totals) > 1:
            union = tuple(max(column) for column in zip(*totals, strict=True))
            totals = {union: 1}
        if len(totals) < 2:
            return tuple(totals.items())
        return tuple(sorted(totals.items(), key=_term_key))

    def add(self, left: Poly, right: Poly) -> Poly:
        """Return ``left + right``.

        >>> n = ProvenanceAlgebra(ProvenanceKind.N)
        >>> n.show(n.add(n.parse("x + 1"), n.parse("x")))
        '2x + 1'
        """
        return self.normalize((*left, *right))

    def mul(self, left: Poly, right: Poly) -> Poly:
        """Return ``left · right``, multiplying monomials term by term.

        >>> b = ProvenanceAlgebra(ProvenanceKind.B)
        >>> b.show(b.mul(b.parse("x + y"), b.parse("x + y")))
        'x² + xy + y²'
        """
        products = []
        for m, c in left:
            for n, e in right:
                products.append((tuple(a + b for a, b in zip(m, n, strict=True)),
                                 c * e))
        return self.normalize(products)

    def variable(self, name: str) -> Poly:
        """Return the element ``name``, one of the variables.

        >>> ProvenanceAlgebra(ProvenanceKind.N).variable("y")
        (((0, 1, 0), 1),)
        """
        if name not in self.variables:
            raise ValueError(f"unknown variable {name!r}: the variables are "
                             f"{list(self.variables)}")
        index = self.variables.index(name)
        return ((tuple(int(i == index) for i in range(len(self.variables))), 1),)

    def from_terms(self, terms: Iterable[tuple[Sequence[int], int]]) -> Poly:
        """Return the element ``Σ c·m``, validating every exponent and coefficient.

        >>> trio = ProvenanceAlgebra(ProvenanceKind.TRIO)
        >>> trio.show(trio.from_terms([((2, 1, 0), 2), ((1, 1, 0), 1)]))
        '3xy'
        >>> trio.from_terms([((1, 0), 1)])
        Traceback (most recent call last):
        ...
        ValueError: monomial (1, 0) has 2 exponents, expected 3 (one per variable ...
        """
        size = len(self.variables)
        checked: list[Term] = []
        for exponents, coefficient in terms:
            monomial = tuple(exponents)
            if len(monomial) != size:
                raise ValueError(
                    f"monomial {monomial} has {len(monomial)} exponents, expected "
                    f"{size} (one per variable of {list(self.variables)})")
            for value, what in [*((e, "exponent") for e in monomial),
                                (coefficient, "coefficient")]:
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{what} {value!r} in term "
                                     f"{(monomial, coefficient)} is not a natural "
                                     "number: use an int ≥ 0")
            checked.append((monomial, coefficient))
        return self.normalize(checked)

    def is_element(self, value: Any) -> bool:
        """Test whether ``value`` is an element in canonical form.

        An element is a tuple of ``(exponents, coefficient)`` pairs of natural numbers,
        with positive coefficients, that the normal form leaves unchanged.
        The checker applies it to every value an operation returns.

        >>> b = ProvenanceAlgebra(ProvenanceKind.B)
        >>> b.is_element(b.parse("x + y")), b.is_element((((0, 0, 0), 2),))
        (True, False)
        >>> b.is_element([((1, 0, 0), 1)]), b.is_element((((1, 0), 1),))
        (False, False)
        """
        if not isinstance(value, tuple):
            return False
        size = len(self.variables)
        for term in value:
            if not isinstance(term, tuple) or len(term) != 2:
                return False
            monomial, coefficient = term
            if type(coefficient) is not int or coefficient < 1:
                return False
            if not isinstance(monomial, tuple) or len(monomial) != size:
                return False
            if any(type(e) is not int or e < 0 for e in monomial):
                return False
        return self.normalize(value) == value

    def show_monomial(self, monomial: Monomial) -> str:
        """Render a monomial with superscript exponents, ``1`` when empty.

        Names longer than one letter are joined by ``·``.

        >>> ProvenanceAlgebra(ProvenanceKind.N).show_monomial((2, 1, 0))
        'x²y'
        >>> ProvenanceAlgebra(ProvenanceKind.N, ("a", "bc")).show_monomial((1, 3))
        'a·bc³'
        """
        parts = []
        for name, exponent in zip(self.variables, monomial, strict=True):
            if exponent == 1:
                parts.append(name)
            elif exponent > 1:
                parts.append(name + str(exponent).translate(_SUPERSCRIPTS))
        if not parts:
            return "1"
        joiner = "" if all(len(v) == 1 for v in self.variables) else "·"
        return joiner.join(parts)

    def show(self, element: Poly) -> str:
        """Render an element as ``2x²y + xy + 5y²``, ``0`` when empty.

        >>> n = ProvenanceAlgebra(ProvenanceKind.N)
        >>> n.show(n.parse("xz + 5y^2 + xy + 2x^2y")), n.show(n.zero), n.show(n.one)
        ('2x²y + xy + 5y² + xz', '0', '1')
        """
        if not element:
            return "0"
        texts = []
        for monomial, coefficient in element:
            shown = self.show_monomial(monomial)
            if shown == "1":
                texts.append(str(coefficient))
            elif coefficient == 1:
                texts.append(shown)
            else:
                texts.append(f"{coefficient}{shown}")
        return " + ".join(texts)

    def source(self, element: Poly) -> str:
        """Return a Python literal that rebuilds ``element``: its ``repr``.

        >>> n = ProvenanceAlgebra(ProvenanceKind.N)
        >>> n.source(n.parse("2x"))
        '(((1, 0, 0), 2),)'
        """
        return repr(element)

    def parse(self, text: str) -> Poly:
        """Read an element written as a sum of terms, as :meth:`show` writes it.

        A term is an optional natural coefficient followed by variables, each
        with an optional exponent written in superscript digits or as
        ``^n``.  Factors may be separated by ``*``, ``·`` or spaces.  The text
        is read as a polynomial of ``N[X]`` and mapped to this kind, so
        ``2x²`` is ``x`` in ``Why(X)``.

        >>> why = ProvenanceAlgebra(ProvenanceKind.WHY)
        >>> why.show(why.parse("2x^2*y + x y + 3"))
        'xy + 1'
        >>> why.parse("x + w")
        Traceback (most recent call last):
        ...
        diffalg.instances.provenance_algebra.ProvenanceParseError: cannot read ...
        """
        if not isinstance(text, str):
            raise TypeError(f"cannot parse {text!r}: give the element as text, "
                            "such as '2x²y + xz'")
        return _Reader(self, text).read()

    def strategy(self, *, max_terms: int = 3, max_exponent: int = 2,
                 max_coefficient: int = 3) -> Any:
        """Return a Hypothesis strategy for small elements.

        Elements are drawn as polynomials of ``N[X]`` with at most
        ``max_terms`` terms and mapped to this kind.  Each term is drawn as
        one integer whose digits in base ``max_exponent + 1`` are the
        exponents, so a draw costs few Hypothesis choices and shrinking
        towards ``0`` shrinks towards the monomial ``1``.

        >>> from hypothesis import find
        >>> n = ProvenanceAlgebra(ProvenanceKind.N)
        >>> n.show(find(n.strategy(), lambda p: len(p) == 2))
        'x + 1'
        """
        size = len(self.variables)
        base = max_exponent + 1
        monomials = base**size

        def decode(codes: list[int]) -> Poly:
            terms = []
            for code in codes:
                coefficient, rest = divmod(code, monomials)
                exponents = []
                for _ in range(size):
                    rest, exponent = divmod(rest, base)
                    exponents.append(exponent)
                terms.append((tuple(exponents), coefficient + 1))
            return self.normalize(terms)

        term = st.integers(0, monomials * max_coefficient - 1)
        return st.lists(term, max_size=max_terms).map(decode)

    def candidates(self) -> tuple[Poly, ...]:
        """Return small distinct elements, tried first as witnesses.

        Besides ``0``, ``1``, variables, squares and sums, the list contains
        ``y + z`` and ``xy + z``: in ``Sorp(X)`` these refute the Leibniz
        rule of ``∂x``, which sampling rarely does.

        >>> which = ProvenanceAlgebra(ProvenanceKind.WHICH)
        >>> [which.show(c) for c in which.candidates()]
        ['0', '1', 'x', 'y', 'xy', 'yz', 'xyz']
        """
        names = self.variables
        first, second, third = (names[i % len(names)] for i in range(3))
        texts = ["0", "1", first, second, "2", f"{first} + {second}",
                 f"{first}*{second}", f"{first}^2", f"1 + {first}",
                 f"{second} + {third}", f"{first}*{second} + {third}"]
        found: list[Poly] = []
        for text in texts:
            element = self.parse(text)
            if element not in found:
                found.append(element)
        return tuple(found)

    def semiring(self) -> Semiring[Poly]:
        """Return the semiring with this algebra's operations and sampling data.

        >>> sr = ProvenanceAlgebra(ProvenanceKind.POSBOOL).semiring()
        >>> sr.show(sr.add(sr.parse("xy"), sr.parse("x")))
        'x'
        """
        return Semiring(
            self.name,
            self.zero,
            self.one,
            add=self.add,
            mul=self.mul,
            strategy=self.strategy(),
            candidates=self.candidates(),
            show=self.show,
            source=self.source,
            parse=self.parse,
            contains=self.is_element,
            description=f"{self.kind.value} over {', '.join(self.variables)}, as "
                        "canonical (exponents, coefficient) tuples",
            metadata={"algebra": self, "kind": self.kind,
                      "variables": self.variables},
        )


class _Reader:
    """A scanner over the text of a polynomial."""

    def __init__(self, algebra: ProvenanceAlgebra, text: str) -> None:
        self.algebra = algebra
        self.text = text
        self.position = 0
        self.names = sorted(algebra.variables, key=len, reverse=True)

    def fail(self, expected: str) -> ProvenanceParseError:
        found = self.text[self.position:self.position + 10] or "the end"
        return ProvenanceParseError(
            f"cannot read {self.text!r} as an element of {self.algebra.name}: "
            f"expected {expected} at position {self.position}, found {found!r}; "
            f"write terms such as '2x²y' over the variables "
            f"{list(self.algebra.variables)}, joined by '+'")

    def skip(self, characters: str = " ") -> None:
        while self.position < len(self.text) and self.text[self.position] in characters:
            self.position += 1

    def digits(self, alphabet: str) -> str:
        start = self.position
        while self.position < len(self.text) and self.text[self.position] in alphabet:
            self.position += 1
        return self.text[start:self.position]

    def variable(self) -> int | None:
        for name in self.names:
            if self.text.startswith(name, self.position):
                self.position += len(name)
                return self.algebra.variables.index(name)
        return None

    def exponent(self) -> int:
        raised = self.digits("⁰¹²³⁴⁵⁶⁷⁸⁹")
        if raised:
            return int("".join(_FROM_SUPERSCRIPT[c] for c in raised))
        if self.position < len(self.text) and self.text[self.position] == "^":
            self.position += 1
            self.skip()
            plain = self.digits("0123456789")
            if not plain:
                raise self.fail("an exponent after '^'")
            return int(plain)
        return 1

    def term(self) -> Term:
        self.skip()
        written = self.digits("0123456789")
        coefficient = int(written) if written else 1
        exponents = [0] * len(self.algebra.variables)
        seen_variable = False
        while True:
            self.skip(" *·")
            index = self.variable()
            if index is None:
                break
            exponents[index] += self.exponent()
            seen_variable = True
        if not written and not seen_variable:
            raise self.fail("a coefficient or a variable")
        return tuple(exponents), coefficient

    def read(self) -> Poly:
        terms = [self.term()]
        while True:
            self.skip()
            if self.position == len(self.text):
                return self.algebra.normalize(terms)
            if self.text[self.position] != "+":
                raise self.fail("'+' or the end")
            self.position += 1
            terms.append(self.term())
