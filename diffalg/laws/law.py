"""Laws: equations, or Horn clauses, between terms.

A law states ``lhs = rhs`` for all values of its variables, optionally under
premises ``p₁ = q₁ ∧ … ⇒ lhs = rhs`` (only ``add_cancel`` needs one in the
catalog).  Each law has an id (``d_leibniz[dx]``), the family it belongs to
(``d_leibniz``), a kind, and the hypotheses it assumes, so that a law outside
its hypotheses is reported as *not applicable* instead of silently passing.

Kinds: ``axiom`` (part of the definition of a differential semiring),
``consequence`` (follows from the axioms: ``d_zero`` always, ``d_one`` when
``∘′`` is present), ``optional`` (independent of the other laws, an extra
axiom a structure may adopt: ``d_one`` without ``∘′``) and ``property`` (a
property a semiring may or may not have, such as commutativity of ``·``).

Main names: :class:`Law`, :func:`law`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from diffalg.laws.terms import Term, derivations_in, uses_composition, variables

LawKind = Literal["axiom", "consequence", "optional", "property"]


@dataclass(frozen=True)
class Law:
    """One law, with its id, statement and hypotheses.

    >>> from diffalg.laws.terms import Var
    >>> a, b = Var("a"), Var("b")
    >>> comm = law("add_comm", a + b, b + a, "addition is commutative")
    >>> comm.text()
    'a + b = b + a'
    >>> comm.variables
    ('a', 'b')
    """

    id: str
    family: str
    lhs: Term
    rhs: Term
    summary: str
    kind: LawKind = "axiom"
    premises: tuple[tuple[Term, Term], ...] = ()

    @property
    def variables(self) -> tuple[str, ...]:
        """Variable names in order of first occurrence, conclusion first."""
        sides = [t for pair in self.premises for t in pair]
        return variables(self.lhs, self.rhs, *sides)

    @property
    def derivations(self) -> tuple[str, ...]:
        """Names of the derivations the law mentions."""
        sides = [t for pair in self.premises for t in pair]
        return derivations_in(*sides, self.lhs, self.rhs)

    @property
    def uses_composition(self) -> bool:
        """Whether the law mentions ``∘′``."""
        sides = [t for pair in self.premises for t in pair]
        return uses_composition(*sides, self.lhs, self.rhs)

    def _repr_markdown_(self) -> str:
        from diffalg.docs.display import law_markdown

        return law_markdown(self)

    def _repr_latex_(self) -> str:
        from diffalg.docs.display import law_latex

        return law_latex(self)

    def text(self) -> str:
        """Render as text, premises first.

        >>> from diffalg.laws.terms import Var
        >>> a, b, c = Var("a"), Var("b"), Var("c")
        >>> law("add_cancel", a, b, "", premises=((a + c, b + c),)).text()
        'a + c = b + c ⇒ a = b'
        """
        body = f"{self.lhs.text()} = {self.rhs.text()}"
        if not self.premises:
            return body
        premise = " ∧ ".join(f"{p.text()} = {q.text()}" for p, q in self.premises)
        return f"{premise} ⇒ {body}"

    def latex(self) -> str:
        """Render as LaTeX, premises first.

        >>> from diffalg.laws.terms import One, Var
        >>> law("mul_one_left", One() * Var("a"), Var("a"), "").latex()
        '1 \\\\cdot a = a'
        """
        body = f"{self.lhs.latex()} = {self.rhs.latex()}"
        if not self.premises:
            return body
        premise = " \\wedge ".join(
            f"{p.latex()} = {q.latex()}" for p, q in self.premises
        )
        return f"{premise} \\Rightarrow {body}"


def law(
    id: str,
    lhs: Term,
    rhs: Term,
    summary: str,
    *,
    kind: LawKind = "axiom",
    premises: tuple[tuple[Term, Term], ...] = (),
) -> Law:
    """Build a law; its family is the part of ``id`` before ``[``.

    >>> from diffalg.laws.terms import Var, d
    >>> law("d_add[dx]", d("dx", Var("a")), d("dx", Var("a")), "").family
    'd_add'
    """
    family = id.split("[", 1)[0]
    return Law(id, family, lhs, rhs, summary, kind, premises)
