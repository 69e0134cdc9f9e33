"""Docstrings as Markdown for the API reference, and the griffe extension.

The docstrings of diffalg use doctest examples (``>>>``) and Sphinx roles
such as ``:class:`Report```.  Markdown would read ``>>>`` as nested block
quotes and show the roles verbatim, so :func:`docstring_to_markdown`
rewrites each doctest into a fenced ``pycon`` block and each role into
inline code, and :class:`DoctestMarkdown` applies it to every object
mkdocstrings loads through griffe.  Double backquotes are inline code in
Markdown already and stay as they are.

Main names: :func:`docstring_to_markdown`, :class:`DoctestMarkdown`.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`(~?)([^`]+)`")


def _role_text(match: re.Match[str]) -> str:
    target = match.group(2)
    if match.group(1):
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def docstring_to_markdown(text: str) -> str:
    """Rewrite doctests as fenced ``pycon`` blocks and roles as inline code.

    A doctest runs from a line starting with ``>>>`` to the next blank line
    and keeps its indentation; ``<BLANKLINE>`` becomes an empty line.  A
    role with ``~`` keeps only the last dotted name.

    >>> docstring_to_markdown("See :class:`~a.b.Report`.\\n>>> 1 + 1\\n2").splitlines()
    ['See `Report`.', '', '```pycon', '>>> 1 + 1', '2', '```']
    >>> docstring_to_markdown(":func:`diffalg.check` and ``x``")
    '`diffalg.check` and ``x``'
    """
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        if not stripped.startswith(">>>"):
            out.append(ROLE.sub(_role_text, line))
            index += 1
            continue

        indent = line[: len(line) - len(stripped)]
        block: list[str] = []
        while index < len(lines) and lines[index].strip():
            current = lines[index]
            body = current[len(indent):] if current.startswith(indent) else (
                current.strip())
            block.append("" if body.strip() == "<BLANKLINE>" else body)
            index += 1
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}```pycon")
        out.extend(f"{indent}{body}" if body else "" for body in block)
        out.append(f"{indent}```")
    return "\n".join(out)


try:
    from griffe import Extension
except ImportError:  # griffe comes with mkdocstrings, which only the site needs
    Extension = object  # type: ignore[misc, assignment, unused-ignore]


class DoctestMarkdown(Extension):  # type: ignore[misc, valid-type, unused-ignore]
    """A griffe extension that passes every docstring through the rewrite.

    >>> from types import SimpleNamespace
    >>> item = SimpleNamespace(docstring=SimpleNamespace(value=">>> 2\\n2"))
    >>> DoctestMarkdown().on_instance(obj=item)
    >>> item.docstring.value.splitlines()
    ['```pycon', '>>> 2', '2', '```']
    """

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        """Rewrite the docstring of ``obj`` in place when it has one."""
        docstring = getattr(obj, "docstring", None)
        if docstring is not None:
            docstring.value = docstring_to_markdown(docstring.value)
