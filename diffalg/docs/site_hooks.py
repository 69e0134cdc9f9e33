"""MkDocs hooks of the documentation site (``hooks:`` in ``mkdocs.yml``).

:func:`on_config` lists every proposition of ``proofs/`` under the
navigation section ``Proofs``, and :func:`on_files` adds two kinds of pages
that are not files under ``docs/``:

- the propositions of ``proofs/`` (each with its machine check), served
  as ``proofs/NAME.md`` so that pages can link to them;
- a short placeholder for each chapter of :data:`OPTIONAL_PAGES` that is
  not in this checkout yet, so that the navigation and the links to it
  stay valid and ``mkdocs build --strict`` passes.  The placeholder exists
  only in the built site, never under ``docs/``, and the build logs it.

MkDocs is imported inside the hook, so this module imports without it.

Main names: :func:`on_config`, :func:`on_files`, :func:`extra_files`,
:func:`proof_pages`, :data:`OPTIONAL_PAGES`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger("mkdocs.plugins.diffalg")

OPTIONAL_PAGES: dict[str, str] = {
    "tutorial.md": "Tutorial",
    "graphs.md": "Computation graphs",
    "graphs-performance.md": "Performance of computation graphs",
    "explorer.md": "The axiom explorer",
    "performance.md": "Performance of the checker",
}
"""Chapters kept in other parts of the project, by file name and title."""


PROOFS_SECTION = "Proofs"


def proof_pages(root: Path) -> list[str]:
    """Return the site paths of the propositions in ``root/proofs``, sorted.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()); (root / "proofs").mkdir()
    >>> for name in ("b.md", "a.md", "run.py"):
    ...     _ = (root / "proofs" / name).write_text("")
    >>> proof_pages(root)
    ['proofs/a.md', 'proofs/b.md']
    """
    return [f"proofs/{proof.name}" for proof in sorted((root / "proofs").glob("*.md"))]


def on_config(config: Any, **kwargs: Any) -> Any:
    """Fill the ``Proofs`` navigation section with every proposition."""
    root = Path(config.config_file_path).resolve().parent
    for item in config.nav or []:
        if isinstance(item, dict) and PROOFS_SECTION in item:
            item[PROOFS_SECTION] = proof_pages(root)
    return config


def placeholder(title: str) -> str:
    """Return the text of the placeholder for a chapter that is missing.

    >>> placeholder("Tutorial").splitlines()[0]
    '# Tutorial'
    """
    return (f"# {title}\n\nThis chapter is not part of this build of the "
            "documentation yet.\n")


def extra_files(root: Path, docs_dir: Path) -> list[tuple[str, str | None, str | None]]:
    """List the pages to add: ``(site path, source file, or placeholder text)``.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "proofs").mkdir(); (root / "docs").mkdir()
    >>> _ = (root / "proofs" / "d-zero.md").write_text("# d0\\n")
    >>> _ = (root / "docs" / "tutorial.md").write_text("# T\\n")
    >>> [(uri, text is None) for uri, _, text in extra_files(root, root / "docs")][:2]
    [('proofs/d-zero.md', True), ('graphs.md', False)]
    """
    pages: list[tuple[str, str | None, str | None]] = []
    for uri in proof_pages(root):
        pages.append((uri, str(root / uri), None))
    for filename, title in OPTIONAL_PAGES.items():
        if not (docs_dir / filename).is_file():
            pages.append((filename, None, placeholder(title)))
    return pages


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    """Add the proofs and the placeholders to the files MkDocs builds."""
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir)
    for uri, source, text in extra_files(root, docs_dir):
        if text is not None:
            logger.info("%s is missing from %s: the site shows a placeholder",
                        uri, docs_dir)
            files.append(File.generated(config, uri, content=text))
        elif source is not None:
            files.append(File.generated(config, uri, abs_src_path=source))
    return files
