"""Documentation generators: reference pages rendered from the code.

The pages ``docs/laws.md``, ``docs/instances.md``, ``docs/properties.md``
and ``docs/counterexamples.md`` are functions of the law catalog, the
instance registry and the checker's verdicts (seed 0, bounded examples).
So the same code gives the same bytes, and comparing bytes finds a stale
page.  :mod:`diffalg.docs.display` renders structures and laws as
Markdown and LaTeX for notebooks.

Main names: :func:`render_pages`, :func:`stale_pages`, :func:`write_pages`,
:data:`PAGES`, :class:`CheckCache`, :func:`structure_markdown`,
:func:`structure_latex`, :func:`law_markdown`, :func:`law_latex`.

>>> from diffalg.docs import law_latex
>>> from diffalg.laws import semiring_laws
>>> law_latex(semiring_laws()[1])
'$a + b = b + a \\\\qquad \\\\text{(add\\\\_comm, axiom)}$'
"""

from diffalg.docs.checks import CheckCache
from diffalg.docs.display import (
    law_latex,
    law_markdown,
    structure_latex,
    structure_markdown,
)
from diffalg.docs.pages import PAGES, render_pages, stale_pages, write_pages

__all__ = [
    "PAGES",
    "CheckCache",
    "law_latex",
    "law_markdown",
    "render_pages",
    "stale_pages",
    "structure_latex",
    "structure_markdown",
    "write_pages",
]
