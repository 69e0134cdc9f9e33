"""The term language in which every law is written once.

Terms are built from variables, the constants ``0`` and ``1``, the binary
operations ``+``, ``·`` and ``∘′``, and named derivations applied to a term.
The same term is evaluated on concrete structures, on generic symbolic
elements, exported to first-order provers, and rendered as text and LaTeX.

Python operators build terms: ``a + b``, ``a * b``, ``a @ b`` for
``a ∘′ b``, and ``d("dx", a)`` for ``∂x a``.

Main names: :class:`Term`, :class:`Var`, :class:`Zero`, :class:`One`,
:class:`Add`, :class:`Mul`, :class:`Comp`, :class:`D`, :func:`variables`,
:func:`subterms`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


class Term:
    """Base class of terms; subclasses are immutable and hashable.

    >>> a, b = Var("a"), Var("b")
    >>> print(d("dx", a * b))
    dx(a·b)
    """

    def __add__(self, other: Term) -> Term:
        return Add(self, other)

    def __mul__(self, other: Term) -> Term:
        return Mul(self, other)

    def __matmul__(self, other: Term) -> Term:
        return Comp(self, other)

    def children(self) -> tuple[Term, ...]:
        """Return the immediate subterms.

        >>> Add(Var("a"), One()).children()
        (Var(name='a'), One())
        """
        return ()

    def text(self) -> str:
        """Render as plain text with ``·`` and ``∘′``.

        >>> (Var("a") @ Var("b")).text()
        'a∘′b'
        """
        return _text(self, 0)

    def latex(self) -> str:
        """Render as LaTeX.

        >>> d("dx", Var("a") * Var("b")).latex()
        '\\\\partial_{x}\\\\left(a \\\\cdot b\\\\right)'
        """
        return _latex(self, 0)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Var(Term):
    """A variable, universally quantified in a law."""

    name: str


@dataclass(frozen=True)
class Zero(Term):
    """The additive identity ``0``."""


@dataclass(frozen=True)
class One(Term):
    """The multiplicative identity ``1``."""


@dataclass(frozen=True)
class Add(Term):
    """The sum ``left + right``."""

    left: Term
    right: Term

    def children(self) -> tuple[Term, ...]:
        return (self.left, self.right)


@dataclass(frozen=True)
class Mul(Term):
    """The product ``left · right``."""

    left: Term
    right: Term

    def children(self) -> tuple[Term, ...]:
        return (self.left, self.right)


@dataclass(frozen=True)
class Comp(Term):
    """The composition ``left ∘′ right``."""

    left: Term
    right: Term

    def children(self) -> tuple[Term, ...]:
        return (self.left, self.right)


@dataclass(frozen=True)
class D(Term):
    """The derivation named ``derivation`` applied to ``arg``."""

    derivation: str
    arg: Term

    def children(self) -> tuple[Term, ...]:
        return (self.arg,)


def d(derivation: str, arg: Term) -> D:
    """Apply the derivation named ``derivation`` to ``arg``.

    >>> d("dy", Var("a")).text()
    'dy(a)'
    """
    return D(derivation, arg)


def variables(*terms: Term) -> tuple[str, ...]:
    """Return the variable names of ``terms`` in order of first occurrence.

    >>> variables(Var("b") + Var("a"), Var("c") * Var("b"))
    ('b', 'a', 'c')
    """
    seen: list[str] = []
    for term in terms:
        for sub in subterms(term):
            if isinstance(sub, Var) and sub.name not in seen:
                seen.append(sub.name)
    return tuple(seen)


def subterms(term: Term) -> Iterator[Term]:
    """Yield every subterm of ``term``, children before parents.

    >>> [s.text() for s in subterms(Var("a") * One())]
    ['a', '1', 'a·1']
    """
    for child in term.children():
        yield from subterms(child)
    yield term


def derivations_in(*terms: Term) -> tuple[str, ...]:
    """Return the derivation names used in ``terms``, in order.

    >>> derivations_in(d("dy", d("dx", Var("a"))))
    ('dx', 'dy')
    """
    seen: list[str] = []
    for term in terms:
        for sub in subterms(term):
            if isinstance(sub, D) and sub.derivation not in seen:
                seen.append(sub.derivation)
    return tuple(seen)


def uses_composition(*terms: Term) -> bool:
    """Whether any of ``terms`` contains ``∘′``.

    >>> uses_composition(Var("a") @ One()), uses_composition(Var("a"))
    (True, False)
    """
    return any(isinstance(s, Comp) for t in terms for s in subterms(t))


# Binding strength: · binds tighter than +.  Nested uses of the same
# operation and compositions inside other operations keep their brackets, so
# that (a + b) + c and (∂a∘′b)·∂b read the same way to every reader.
_LEVEL = {Add: 1, Mul: 2, Comp: 3}


def _bracketed(term: Term, outer: int) -> bool:
    if isinstance(term, Comp):
        return outer != 0
    return _LEVEL[type(term)] <= outer


def _text(term: Term, outer: int) -> str:
    if isinstance(term, Var):
        return term.name
    if isinstance(term, Zero):
        return "0"
    if isinstance(term, One):
        return "1"
    if isinstance(term, D):
        return f"{term.derivation}({_text(term.arg, 0)})"
    assert isinstance(term, Add | Mul | Comp)
    level = _LEVEL[type(term)]
    symbol = {Add: " + ", Mul: "·", Comp: "∘′"}[type(term)]
    body = _text(term.left, level) + symbol + _text(term.right, level)
    return f"({body})" if _bracketed(term, outer) else body


def _latex_derivation(name: str) -> str:
    if name.startswith("d") and len(name) > 1 and name[1:].isidentifier():
        return f"\\partial_{{{name[1:]}}}"
    return f"\\operatorname{{{name}}}"


def _latex(term: Term, outer: int) -> str:
    if isinstance(term, Var):
        return term.name
    if isinstance(term, Zero):
        return "0"
    if isinstance(term, One):
        return "1"
    if isinstance(term, D):
        inner = _latex(term.arg, 0)
        if isinstance(term.arg, Var | Zero | One):
            return f"{_latex_derivation(term.derivation)} {inner}"
        return f"{_latex_derivation(term.derivation)}\\left({inner}\\right)"
    assert isinstance(term, Add | Mul | Comp)
    level = _LEVEL[type(term)]
    symbol = {Add: " + ", Mul: " \\cdot ", Comp: " \\circ' "}[type(term)]
    body = _latex(term.left, level) + symbol + _latex(term.right, level)
    return f"\\left({body}\\right)" if _bracketed(term, outer) else body
