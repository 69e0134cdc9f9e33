"""The generated pages: which they are, rendering them, and finding stale ones.

A generated page is a Markdown file under ``docs/`` whose whole content is a
function of the code: the same code gives the same bytes, with no dates or
timings.  :func:`render_pages` renders all of them, sharing one
:class:`~diffalg.docs.checks.CheckCache` so that each instance is checked
once; :func:`stale_pages` compares the files on disk with a fresh rendering
and :func:`write_pages` replaces the files that differ, each through a
temporary file and a rename.

Main names: :data:`PAGES`, :class:`GeneratedPage`, :func:`render_pages`,
:func:`stale_pages`, :func:`write_pages`, :func:`default_docs_dir`.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from diffalg.docs.checks import CheckCache
from diffalg.docs.counterexample_page import render_counterexamples_page
from diffalg.docs.instance_page import render_instances_page
from diffalg.docs.law_page import render_laws_page
from diffalg.docs.property_page import render_properties_page

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GeneratedPage:
    """A page under ``docs/`` and the function that renders it."""

    filename: str
    render: Callable[[CheckCache], str]


PAGES: tuple[GeneratedPage, ...] = (
    GeneratedPage("laws.md", lambda cache: render_laws_page()),
    GeneratedPage("instances.md", render_instances_page),
    GeneratedPage("properties.md", render_properties_page),
    GeneratedPage("counterexamples.md", render_counterexamples_page),
)
"""Every generated page, in the order they are rendered."""


def default_docs_dir() -> Path:
    """Return the ``docs`` folder of the source checkout this package is in.

    >>> default_docs_dir().name
    'docs'
    """
    return Path(__file__).resolve().parents[2] / "docs"


def render_pages(cache: CheckCache | None = None) -> dict[str, str]:
    """Render every generated page, keyed by file name.

    >>> pages = render_pages(CheckCache(instances=["boolean-identity"],
    ...                                 questions=["d_one"]))
    >>> sorted(pages)
    ['counterexamples.md', 'instances.md', 'laws.md', 'properties.md']
    """
    shared = cache if cache is not None else CheckCache()
    rendered: dict[str, str] = {}
    for page in PAGES:
        logger.info("rendering %s", page.filename)
        rendered[page.filename] = page.render(shared)
    return rendered


def stale_pages(docs_dir: Path, rendered: Mapping[str, str]) -> list[str]:
    """Return the names of pages in ``docs_dir`` that differ from ``rendered``.

    A missing page is stale too.

    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.md").write_text("same\\n", encoding="utf-8")
    >>> stale_pages(folder, {"a.md": "same\\n", "b.md": "new\\n"})
    ['b.md']
    """
    stale: list[str] = []
    for filename, text in rendered.items():
        path = docs_dir / filename
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            stale.append(filename)
    return stale


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``.

    >>> target = Path(tempfile.mkdtemp()) / "page.md"
    >>> write_atomically(target, "# Page\\n")
    >>> target.read_text(encoding="utf-8")
    '# Page\\n'
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_pages(docs_dir: Path, rendered: Mapping[str, str]) -> list[str]:
    """Write the pages of ``rendered`` that are stale; return their names.

    >>> folder = Path(tempfile.mkdtemp())
    >>> pages = {"a.md": "text\\n"}
    >>> write_pages(folder, pages), write_pages(folder, pages)
    (['a.md'], [])
    """
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"docs folder {str(docs_dir)!r} does not exist: "
                                "run from a source checkout or pass --docs-dir")
    changed = stale_pages(docs_dir, rendered)
    for filename in changed:
        write_atomically(docs_dir / filename, rendered[filename])
        logger.info("wrote %s", docs_dir / filename)
    return changed
