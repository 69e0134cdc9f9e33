"""First-order theories built from laws: hypotheses, a goal and a signature.

A :class:`Theory` poses the question whether the goal law follows from the
hypothesis laws in every structure of a :class:`Signature`: a semiring
``(F, +, ·, 0, 1)`` with the named derivations and, when the signature has
one, ``∘′``.  Laws are equations or Horn clauses between terms, so a
theory of laws alone is consistent (the one-element structure satisfies
every law), and a goal either follows (a proof exists) or is independent
(some structure satisfies the hypotheses and breaks the goal).

A theory may also assume that some derivations are *nonzero*
(``∃a. ∂a ≠ 0``).  That assumption is not a law, and it can make the
hypotheses contradictory: in an absorptive semiring with ``∘′`` every
derivation is zero.

Laws are named by their catalog id (``d_leibniz[dx]``), by a family, which
means every instance of it in the signature (``d_leibniz``), or by a group:

- ``semiring``: the ten semiring axioms;
- ``derivation``: ``d_add`` and ``d_leibniz`` for every derivation;
- ``commute``: ``commute[∂ᵢ,∂ⱼ]`` for every pair of derivations;
- ``composition``: ``comp_assoc``, ``comp_one``, ``comp_zero`` and ``chain``
  for every derivation (only when the signature has ``∘′``);
- ``structure``: all of the above, that is, the axioms of a differential
  semiring with this signature.

Besides the catalog, two goals about derivations are named here:
``d_vanishes[∂]`` states ``∂a = 0`` and ``d_agree[∂ᵢ,∂ⱼ]`` states
``∂ᵢa = ∂ⱼa``, for every ``a``.

Main names: :class:`Signature`, :class:`Theory`, :func:`available_laws`,
:func:`resolve_laws`, :class:`UnknownLawError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from diffalg.laws.catalog import (
    commutation_laws,
    composition_laws,
    derivation_laws,
    laws_for,
    semiring_laws,
)
from diffalg.laws.law import Law, law
from diffalg.laws.terms import Var, Zero, d

DEFAULT_DERIVATION_NAMES = ("dx", "dy", "dz", "du", "dv", "dw")

GROUPS = ("semiring", "derivation", "commute", "composition", "structure")


class UnknownLawError(ValueError):
    """A law id, family or group is not defined for the signature."""


class SignatureError(ValueError):
    """A law mentions an operation that the signature lacks."""


@dataclass(frozen=True)
class Signature:
    """The operations of a structure: named derivations and optional ``∘′``.

    >>> Signature(("dx", "dy"), composition=True).describe()
    '+, ·, 0, 1, ∘′, derivations dx, dy'
    >>> Signature(("dx", "dx"))
    Traceback (most recent call last):
    ...
    diffalg.axioms.theory.SignatureError: derivation names ('dx', 'dx') repeat: ...
    """

    derivations: tuple[str, ...] = ("dx",)
    composition: bool = False

    def __post_init__(self) -> None:
        for name in self.derivations:
            if not isinstance(name, str) or not name.isidentifier():
                raise SignatureError(
                    f"invalid derivation name {name!r}: use a Python identifier "
                    "such as 'dx'"
                )
        if len(set(self.derivations)) != len(self.derivations):
            raise SignatureError(
                f"derivation names {self.derivations} repeat: give each "
                "derivation its own name"
            )

    @classmethod
    def with_derivations(cls, count: int, composition: bool = False) -> Signature:
        """Build a signature with ``count`` derivations named ``dx, dy, …``.

        >>> Signature.with_derivations(2).derivations
        ('dx', 'dy')
        """
        if not 0 <= count <= len(DEFAULT_DERIVATION_NAMES):
            raise SignatureError(
                f"{count} derivations requested: choose 0 to "
                f"{len(DEFAULT_DERIVATION_NAMES)}, or name them explicitly"
            )
        return cls(DEFAULT_DERIVATION_NAMES[:count], composition)

    def describe(self) -> str:
        """Return the operations as text.

        >>> Signature((), composition=False).describe()
        '+, ·, 0, 1, no derivations'
        """
        parts = ["+, ·, 0, 1"]
        if self.composition:
            parts.append("∘′")
        if self.derivations:
            parts.append("derivations " + ", ".join(self.derivations))
        else:
            parts.append("no derivations")
        return ", ".join(parts)

    def admits(self, item: Law) -> bool:
        """Whether every operation of ``item`` belongs to the signature.

        >>> Signature(("dx",)).admits(derivation_laws("dy")[0])
        False
        """
        if item.uses_composition and not self.composition:
            return False
        return set(item.derivations) <= set(self.derivations)


def extra_laws(signature: Signature) -> list[Law]:
    """Return the goals ``d_vanishes[∂]`` and ``d_agree[∂ᵢ,∂ⱼ]`` of a signature.

    >>> [x.text() for x in extra_laws(Signature(("dx", "dy")))]
    ['dx(a) = 0', 'dy(a) = 0', 'dx(a) = dy(a)']
    """
    a = Var("a")
    laws = []
    for name in signature.derivations:
        laws.append(law(f"d_vanishes[{name}]", d(name, a), Zero(),
                        f"{name} is the zero map", kind="consequence"))
    for first, second in combinations(signature.derivations, 2):
        laws.append(law(f"d_agree[{first},{second}]", d(first, a), d(second, a),
                        f"{first} and {second} are the same map",
                        kind="consequence"))
    return laws


def available_laws(signature: Signature) -> dict[str, Law]:
    """Return every law defined for ``signature``, by id.

    >>> sorted(available_laws(Signature(("dx",))))[:4]
    ['absorptive', 'add_assoc', 'add_cancel', 'add_comm']
    """
    laws = laws_for(list(signature.derivations), signature.composition)
    laws.extend(extra_laws(signature))
    return {item.id: item for item in laws}


def group_laws(group: str, signature: Signature) -> list[Law]:
    """Return the laws of a named group (see the module docstring).

    >>> len(group_laws("structure", Signature(("dx", "dy"), composition=True)))
    20
    """
    names = list(signature.derivations)
    if group == "semiring":
        return semiring_laws()
    if group == "derivation":
        return [item for name in names for item in derivation_laws(name)
                if item.kind == "axiom"]
    if group == "commute":
        return commutation_laws(names)
    if group == "composition":
        if not signature.composition:
            raise UnknownLawError(
                "group 'composition' needs ∘′: use a signature with composition"
            )
        return composition_laws(names)
    if group == "structure":
        laws = semiring_laws() + group_laws("derivation", signature)
        laws += commutation_laws(names)
        if signature.composition:
            laws += composition_laws(names)
        return laws
    raise UnknownLawError(f"unknown law group {group!r}: choose from {GROUPS}")


def resolve_laws(names: Iterable[str], signature: Signature) -> list[Law]:
    """Turn law ids, families and groups into laws, without repeats.

    >>> sig = Signature(("dx", "dy"))
    >>> [x.id for x in resolve_laws(["d_leibniz", "add_comm"], sig)]
    ['d_leibniz[dx]', 'd_leibniz[dy]', 'add_comm']
    >>> resolve_laws(["chain[dx]"], sig)
    Traceback (most recent call last):
    ...
    diffalg.axioms.theory.UnknownLawError: unknown law 'chain[dx]' ... needs ∘′, ...
    """
    known = available_laws(signature)
    resolved: dict[str, Law] = {}
    for name in names:
        if name in GROUPS:
            found = group_laws(name, signature)
        elif name in known:
            found = [known[name]]
        else:
            found = [item for item in known.values() if item.family == name]
        if not found:
            raise UnknownLawError(_unknown_message(name, signature))
        for item in found:
            resolved.setdefault(item.id, item)
    return list(resolved.values())


def _unknown_message(name: str, signature: Signature) -> str:
    text = f"unknown law {name!r} for signature {signature.describe()}"
    if not signature.composition:
        richer = Signature(signature.derivations, composition=True)
        if name in available_laws(richer) or name == "chain":
            return f"{text}: it needs ∘′, so use a signature with composition"
    if "[" in name:
        return (f"{text}: a law id names derivations of the signature, "
                f"such as 'd_leibniz[{(signature.derivations or ('dx',))[0]}]'")
    return (f"{text}: give an id such as 'd_leibniz[dx]', a family such as "
            f"'d_leibniz' or a group from {GROUPS}")


@dataclass(frozen=True)
class Theory:
    """Hypothesis laws and a goal law over a signature.

    The question is whether every structure of the signature
    that satisfies all hypotheses also satisfies the goal.

    >>> t = Theory.build(["semiring", "derivation"], "d_zero[dx]",
    ...                  Signature(("dx",)))
    >>> len(t.hypotheses), t.goal.text()
    (12, 'dx(0) = 0')
    >>> Theory.build(["semiring"], "chain[dx]", Signature(("dx",)))
    Traceback (most recent call last):
    ...
    diffalg.axioms.theory.UnknownLawError: unknown law 'chain[dx]' ...
    """

    hypotheses: tuple[Law, ...]
    goal: Law
    signature: Signature
    nonzero: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = [n for n in self.nonzero if n not in self.signature.derivations]
        if unknown:
            raise SignatureError(
                f"nonzero derivations {unknown} are not in the signature "
                f"{self.signature.describe()}: name derivations it has"
            )
        for item in (*self.hypotheses, self.goal):
            if not self.signature.admits(item):
                raise SignatureError(
                    f"law {item.id!r} ({item.text()}) uses operations outside "
                    f"the signature {self.signature.describe()}: add its "
                    "derivations or ∘′ to the signature"
                )
        ids = [item.id for item in self.hypotheses]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"hypotheses repeat the law ids {repeated}: "
                             "give each law once or rename user laws")

    @classmethod
    def build(
        cls,
        hypotheses: Sequence[str | Law],
        goal: str | Law,
        signature: Signature,
        *,
        nonzero: Sequence[str] = (),
    ) -> Theory:
        """Build a theory from law names (ids, families, groups) and laws.

        ``nonzero`` names derivations assumed to be nonzero somewhere.

        >>> from diffalg.laws.terms import One
        >>> a = Var("a")
        >>> idem = law("one_idem", One() + One(), One(), "1 + 1 = 1")
        >>> t = Theory.build(["semiring", idem], "add_idem", Signature(()))
        >>> t.hypotheses[-1].id, t.goal.id
        ('one_idem', 'add_idem')
        """
        laws: list[Law] = []
        for item in hypotheses:
            found = [item] if isinstance(item, Law) else resolve_laws([item], signature)
            for candidate in found:
                if isinstance(item, Law) or candidate not in laws:
                    laws.append(candidate)
        if isinstance(goal, Law):
            goal_law = goal
        else:
            goal_laws = resolve_laws([goal], signature)
            if len(goal_laws) != 1:
                raise UnknownLawError(
                    f"goal {goal!r} names {len(goal_laws)} laws: give one law "
                    f"id such as {goal_laws[0].id!r}"
                )
            goal_law = goal_laws[0]
        return cls(tuple(laws), goal_law, signature, tuple(nonzero))

    def describe(self) -> str:
        """Return the question as one line of text.

        >>> Theory.build(["semiring", "derivation"], "d_one[dx]",
        ...              Signature(("dx",))).describe()
        '12 laws (semiring, derivation) ⊢ d_one[dx]: dx(1) = 0 ?'
        """
        families = []
        for item in self.hypotheses:
            label = _group_label(item)
            if label not in families:
                families.append(label)
        assumed = ""
        if self.nonzero:
            assumed = f" with {', '.join(self.nonzero)} nonzero"
        return (f"{len(self.hypotheses)} laws ({', '.join(families)}){assumed} ⊢ "
                f"{self.goal.id}: {self.goal.text()} ?")


def _group_label(item: Law) -> str:
    semiring_ids = {x.id for x in semiring_laws()}
    if item.id in semiring_ids:
        return "semiring"
    if item.family in ("d_add", "d_leibniz"):
        return "derivation"
    if item.family == "commute":
        return "commute"
    if item.family in ("comp_assoc", "comp_one", "comp_zero", "chain"):
        return "composition"
    return item.id
