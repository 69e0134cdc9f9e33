"""Markdown and LaTeX renderings of structures and laws, for notebooks and pages.

Jupyter shows an object through ``_repr_markdown_`` or ``_repr_latex_`` when
the object defines them.  The functions here build those texts, so that
:class:`~diffalg.structures.DifferentialSemiring` and
:class:`~diffalg.laws.Law` can delegate to them in two lines each, and the
generated reference pages use the same renderings.

A structure is shown with its carrier, equality, derivations, ``∘′``,
declared properties and known failures; a finite carrier of at most
:data:`MAX_TABLE_ORDER` elements also gets its Cayley tables.  A law is shown
with its id, kind, statement and what it assumes.

Main names: :func:`structure_markdown`, :func:`structure_latex`,
:func:`law_markdown`, :func:`law_latex`, :func:`cayley_markdown`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from diffalg.laws.law import Law
from diffalg.structures.structure import PROPERTY_IDS, DifferentialSemiring

MAX_TABLE_ORDER = 8
"""Largest finite carrier whose Cayley tables are printed in full."""


def markdown_cell(text: str) -> str:
    """Escape ``text`` for one cell of a Markdown table.

    >>> markdown_cell("a | b\\nc")
    'a \\\\| b c'
    """
    return text.replace("|", "\\|").replace("\n", " ")


def derivation_latex(name: str) -> str:
    """Render a derivation name as the terms module does: ``dx`` is ``∂_x``.

    >>> derivation_latex("dx"), derivation_latex("xdy"), derivation_latex("d")
    ('\\\\partial_{x}', '\\\\operatorname{xdy}', '\\\\operatorname{d}')
    """
    if name.startswith("d") and len(name) > 1 and name[1:].isidentifier():
        return f"\\partial_{{{name[1:]}}}"
    return f"\\operatorname{{{name}}}"


def latex_text(text: str) -> str:
    """Escape ``text`` for ``\\text{…}`` in LaTeX math.

    >>> latex_text("F2[t]/(t^2) & 50%")
    'F2[t]/(t\\\\^{}2) \\\\& 50\\\\%'
    """
    replacements = {
        "\\": "\\backslash{}", "{": "\\{", "}": "\\}", "_": "\\_", "^": "\\^{}",
        "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "~": "\\~{}",
    }
    return "".join(replacements.get(char, char) for char in text)


def law_assumptions(law: Law) -> list[str]:
    """List what ``law`` assumes of a structure, beyond the semiring operations.

    >>> from diffalg.laws import laws_for
    >>> chain = [x for x in laws_for(["dx"], composition=True)
    ...          if x.id == "chain[dx]"][0]
    >>> law_assumptions(chain)
    ['derivation dx', '∘′']
    """
    assumed: list[str] = []
    names = sorted(law.derivations)
    if len(names) == 1:
        assumed.append(f"derivation {names[0]}")
    elif names:
        assumed.append(f"derivations {', '.join(names)}")
    if law.uses_composition:
        assumed.append("∘′")
    for left, right in law.premises:
        assumed.append(f"premise {left.text()} = {right.text()}")
    return assumed


def law_markdown(law: Law) -> str:
    """Render ``law`` as a Markdown paragraph: id, kind, text, LaTeX, hypotheses.

    >>> from diffalg.laws import derivation_laws
    >>> print(law_markdown(derivation_laws("dx")[3]))
    **`d_one[dx]`** (consequence): dx maps 1 to 0
    <BLANKLINE>
    - statement: `dx(1) = 0`
    - LaTeX: $\\partial_{x} 1 = 0$
    - assumes: derivation dx
    <BLANKLINE>
    """
    assumed = law_assumptions(law)
    lines = [
        f"**`{law.id}`** ({law.kind}): {law.summary}",
        "",
        f"- statement: `{law.text()}`",
        f"- LaTeX: ${law.latex()}$",
        f"- assumes: {', '.join(assumed) if assumed else 'the semiring operations'}",
    ]
    return "\n".join(lines) + "\n"


def law_latex(law: Law) -> str:
    """Render ``law`` as inline LaTeX math with its id, for ``_repr_latex_``.

    >>> from diffalg.laws import property_laws
    >>> print(law_latex(property_laws()[4]))
    $a + c = b + c \\Rightarrow a = b \\qquad \\text{(add\\_cancel, property)}$
    """
    label = latex_text(f"({law.id}, {law.kind})")
    return f"${law.latex()} \\qquad \\text{{{label}}}$"


def _element_texts(structure: DifferentialSemiring[Any]) -> list[str]:
    elements = structure.semiring.elements or ()
    return [structure.semiring.show(e) for e in elements]


def cayley_markdown(symbol: str, labels: Sequence[str],
                    operation: Callable[[int, int], int]) -> str:
    """Render a binary operation on indices ``0 … n-1`` as a Markdown table.

    ``operation`` maps two indices to the index of the result, and ``labels``
    names each index.

    >>> print(cayley_markdown("+", ["0", "1"], lambda i, j: max(i, j)))
    | + | 0 | 1 |
    |---|---|---|
    | **0** | 0 | 1 |
    | **1** | 1 | 1 |
    <BLANKLINE>
    """
    cells = [markdown_cell(label) for label in labels]
    lines = [
        "| " + " | ".join([markdown_cell(symbol), *cells]) + " |",
        "|" + "---|" * (len(labels) + 1),
    ]
    for row, label in enumerate(cells):
        values = [cells[operation(row, column)] for column in range(len(labels))]
        lines.append("| " + " | ".join([f"**{label}**", *values]) + " |")
    return "\n".join(lines) + "\n"


def unary_markdown(names: Sequence[str], labels: Sequence[str],
                   maps: Sequence[Callable[[int], int]]) -> str:
    """Render unary maps on indices ``0 … n-1`` as one Markdown table.

    >>> print(unary_markdown(["d"], ["0", "1"], [lambda i: i]))
    | a | d(a) |
    |---|---|
    | 0 | 0 |
    | 1 | 1 |
    <BLANKLINE>
    """
    cells = [markdown_cell(label) for label in labels]
    lines = [
        "| a | " + " | ".join(f"{markdown_cell(name)}(a)" for name in names) + " |",
        "|" + "---|" * (len(names) + 1),
    ]
    for index, label in enumerate(cells):
        values = [cells[apply(index)] for apply in maps]
        lines.append("| " + " | ".join([label, *values]) + " |")
    return "\n".join(lines) + "\n"


def _index_operations(
    structure: DifferentialSemiring[Any],
) -> tuple[list[str], list[tuple[str, Callable[[int, int], int]]],
           list[tuple[str, Callable[[int], int]]]]:
    semiring = structure.semiring
    elements = list(semiring.elements or ())

    def index_of(value: Any) -> int:
        for index, element in enumerate(elements):
            if semiring.equal(element, value):
                return index
        raise ValueError(f"structure {structure.name!r} produced {value!r}, "
                         "which is not in its listed carrier")

    def binary(function: Callable[[Any, Any], Any]) -> Callable[[int, int], int]:
        return lambda i, j: index_of(function(elements[i], elements[j]))

    def unary(function: Callable[[Any], Any]) -> Callable[[int], int]:
        return lambda i: index_of(function(elements[i]))

    binaries = [("+", binary(semiring.add)), ("·", binary(semiring.mul))]
    if structure.composition is not None:
        binaries.append(("∘′", binary(structure.composition.apply)))
    unaries = [(d.name, unary(d.apply)) for d in structure.derivations]
    return _element_texts(structure), binaries, unaries


def structure_tables_markdown(structure: DifferentialSemiring[Any]) -> str:
    """Render the Cayley tables of a small finite structure, or ``""``.

    Tables are printed when the carrier is listed and has at most
    :data:`MAX_TABLE_ORDER` elements.

    >>> from diffalg.instances import get
    >>> print(structure_tables_markdown(get("boolean-identity")).splitlines()[0])
    | + | False | True |
    """
    elements = structure.semiring.elements
    if elements is None or len(elements) > MAX_TABLE_ORDER:
        return ""
    labels, binaries, unaries = _index_operations(structure)
    blocks = [cayley_markdown(symbol, labels, op) for symbol, op in binaries]
    if unaries:
        blocks.append(unary_markdown([name for name, _ in unaries], labels,
                                     [apply for _, apply in unaries]))
    return "\n".join(blocks)


def _carrier_text(structure: DifferentialSemiring[Any]) -> str:
    semiring = structure.semiring
    text = semiring.name
    if semiring.description:
        text += f" ({semiring.description})"
    if semiring.elements is not None:
        text += f", finite with {len(semiring.elements)} elements"
    elif semiring.symbolic is not None:
        text += ", infinite and symbolic: laws are proved on generic elements"
    else:
        text += ", infinite: laws are sampled"
    return text


def structure_facts(structure: DifferentialSemiring[Any]) -> list[str]:
    """List the facts of ``structure`` as Markdown bullet lines.

    >>> from diffalg.instances import get
    >>> structure_facts(get("boolean-identity"))[2]
    '- derivations: `d` (identity)'
    """
    semiring = structure.semiring
    derivations = ", ".join(
        f"`{d.name}`" + (f" ({d.description})" if d.description else "")
        for d in structure.derivations) or "none"
    if structure.composition is None:
        composition = "none"
    else:
        composition = structure.composition.description or "given, not described"
    declared = [p for p in PROPERTY_IDS if p in structure.properties]
    others = [p for p in PROPERTY_IDS if p not in structure.properties]
    lines = [
        f"- carrier: {_carrier_text(structure)}",
        f"- equality: {semiring.equality}",
        f"- derivations: {derivations}",
        f"- ∘′: {composition}",
        "- declared properties: "
        + (", ".join(f"`{p}`" for p in declared) or "none")
        + (f"; expected to fail: {', '.join(f'`{p}`' for p in others)}"
           if others else ""),
    ]
    if structure.known_failures:
        lines.append("- known failures:")
        for law_id in sorted(structure.known_failures):
            reason = structure.known_failures[law_id]
            lines.append(f"    - `{law_id}`: {reason}")
    else:
        lines.append("- known failures: none")
    for reference in structure.references:
        lines.append(f"- reference: {reference}")
    return lines


def structure_markdown(structure: DifferentialSemiring[Any]) -> str:
    """Render ``structure`` as Markdown: facts, then Cayley tables when small.

    >>> from diffalg.instances import get
    >>> text = structure_markdown(get("boolean-identity"))
    >>> print(text.splitlines()[0])
    **boolean-identity**: The Boolean semiring with the identity map as derivation.
    >>> "`d_one[d]`: the identity maps 1 to 1" in text
    True
    """
    head = f"**{structure.name}**"
    if structure.description:
        head += f": {structure.description}"
    lines = [head, "", *structure_facts(structure)]
    tables = structure_tables_markdown(structure)
    if tables:
        lines += ["", tables.rstrip("\n")]
    return "\n".join(lines) + "\n"


def _latex_cayley(symbol: str, labels: Sequence[str],
                  operation: Callable[[int, int], int]) -> str:
    texts = [f"\\text{{{latex_text(label)}}}" for label in labels]
    rows = [f"{symbol} & " + " & ".join(texts) + " \\\\ \\hline"]
    for row, label in enumerate(texts):
        values = [texts[operation(row, column)] for column in range(len(labels))]
        rows.append(f"{label} & " + " & ".join(values) + " \\\\")
    columns = "c|" + "c" * len(labels)
    return f"\\begin{{array}}{{{columns}}}\n" + "\n".join(rows) + "\n\\end{array}"


def structure_latex(structure: DifferentialSemiring[Any]) -> str:
    """Render ``structure`` as display LaTeX for ``_repr_latex_``.

    The signature comes first, as ``(S, +, ·, 0, 1, {∂…}, ∘′)``; a small
    finite structure adds its ``+``, ``·`` and ``∘′`` tables.

    >>> from diffalg.instances import get
    >>> print(structure_latex(get("univariate")))
    $$\\text{univariate}:
    \\left(S, +, \\cdot, 0, 1, \\{\\partial_{t}\\}, \\circ'\\right)$$
    """
    operators = ["S", "+", "\\cdot", "0", "1"]
    if structure.derivations:
        names = ", ".join(derivation_latex(d.name) for d in structure.derivations)
        operators.append(f"\\{{{names}\\}}")
    if structure.composition is not None:
        operators.append("\\circ'")
    head = (f"\\text{{{latex_text(structure.name)}}}: "
            f"\\left({', '.join(operators)}\\right)")
    elements = structure.semiring.elements
    if elements is None or len(elements) > MAX_TABLE_ORDER:
        return f"$${head}$$"
    labels, binaries, _ = _index_operations(structure)
    symbols = {"+": "+", "·": "\\cdot", "∘′": "\\circ'"}
    arrays = [_latex_cayley(symbols[symbol], labels, op) for symbol, op in binaries]
    return f"$${head}\\qquad " + " \\qquad ".join(arrays) + "$$"
