"""Counterexamples as data, and replaying them.

A refutation names the values of the variables, both sides, every
intermediate subterm, and a snippet that reproduces it when pasted into
Python.  :func:`replay` is what that snippet calls: it re-evaluates a law at
given values on a registered instance (or on a structure object).

Main names: :func:`make_witness`, :func:`replay`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from diffalg.checking.evaluate import Outcome, check_at
from diffalg.laws.law import Law
from diffalg.laws.terms import Term, Var, subterms
from diffalg.structures.structure import DifferentialSemiring

T = TypeVar("T")


def _shown(structure: DifferentialSemiring[Any], value: Any) -> str:
    try:
        return structure.semiring.show(value)
    except Exception:
        return repr(value)


def _source(structure: DifferentialSemiring[Any], value: Any) -> str:
    try:
        return structure.semiring.source(value)
    except Exception:
        return repr(value)


def replay_snippet(law: Law, structure: DifferentialSemiring[Any],
                   env: Mapping[str, Any]) -> str:
    """Return Python source that re-evaluates ``law`` at ``env``.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import derivation_laws
    >>> print(replay_snippet(derivation_laws("d")[3], get("boolean-identity"), {}))
    from diffalg import replay
    replay('boolean-identity', 'd_one[d]')
    """
    lines = ["from diffalg import replay"]
    origin = structure.semiring.metadata.get("origin_file")
    if _is_registered(structure):
        target = repr(structure.name)
    elif origin is not None:
        lines.append("from diffalg.files import load_structure")
        target = f"load_structure({str(origin)!r})"
    else:
        lines.append(f"# structure: your DifferentialSemiring {structure.name!r}")
        target = "structure"
    arguments = [target, repr(law.id)]
    for name in law.variables:
        arguments.append(f"{name}={_source(structure, env[name])}")
    call = f"replay({', '.join(arguments)})"
    # The default source is repr, which writes fractions as Fraction(1, 2).
    if "Fraction(" in call:
        lines.insert(1, "from fractions import Fraction")
    lines.append(call)
    return "\n".join(lines)


def _is_registered(structure: DifferentialSemiring[Any]) -> bool:
    from diffalg.instances.registry import UnknownInstanceError, get

    try:
        return get(structure.name) is structure
    except UnknownInstanceError:
        return False


def make_witness(law: Law, structure: DifferentialSemiring[T],
                 env: Mapping[str, T], outcome: Outcome[T]) -> Any:
    """Package a failing assignment as a :class:`Witness`.

    >>> from diffalg.instances import get
    >>> from diffalg.laws.catalog import derivation_laws
    >>> s = get("boolean-identity")
    >>> law = derivation_laws("d")[3]
    >>> make_witness(law, s, {}, check_at(law, s, {})).lhs
    'True'
    """
    from diffalg.checking.verdicts import Witness

    sides: list[Term] = [t for pair in law.premises for t in pair]
    sides += [law.lhs, law.rhs]
    seen: list[tuple[str, str]] = []
    texts: set[str] = set()
    for side in sides:
        for sub in subterms(side):
            if isinstance(sub, Var) or sub not in outcome.trace:
                continue
            text = sub.text()
            if text not in texts:
                texts.add(text)
                seen.append((text, _shown(structure, outcome.trace[sub])))
    names = law.variables
    return Witness(
        assignment=tuple((n, _shown(structure, env[n])) for n in names),
        sources=tuple((n, _source(structure, env[n])) for n in names),
        lhs=_shown(structure, outcome.lhs),
        rhs=_shown(structure, outcome.rhs),
        subterms=tuple(seen),
        replay=replay_snippet(law, structure, env),
    )


def replay(structure: str | DifferentialSemiring[Any], law_id: str,
           **values: Any) -> Outcome[Any]:
    """Evaluate the law ``law_id`` at ``values`` and return both sides.

    ``structure`` is a registered instance name or a structure.  A string
    value is parsed by the semiring's ``parse`` when it has one (symbolic
    instances), so that replay snippets contain no code but element text.

    >>> outcome = replay("boolean-identity", "d_one[d]")
    >>> outcome.holds, outcome.lhs, outcome.rhs
    (False, True, False)
    """
    from diffalg.checking.checker import find_law
    from diffalg.instances.registry import get

    target = get(structure) if isinstance(structure, str) else structure
    law = find_law(target, law_id)
    missing = [name for name in law.variables if name not in values]
    if missing:
        raise TypeError(f"law {law_id!r} needs values for {missing}: pass them "
                        "as keyword arguments")
    extra = sorted(set(values) - set(law.variables))
    if extra:
        raise TypeError(f"law {law_id!r} has no variables {extra}; its "
                        f"variables are {list(law.variables)}")
    parse = target.semiring.parse
    env: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str) and parse is not None:
            env[name] = parse(value)
        else:
            env[name] = value
    return check_at(law, target, env)
