"""The ``diffalg docs`` subcommand: regenerate or check the generated pages.

``diffalg docs --write`` renders every page of :data:`diffalg.docs.pages.PAGES`
and replaces each file that differs.  ``diffalg docs --check`` renders them
too, and when a file differs or is missing it names each stale page and
exits 1.  Both print one line per page.

Main names: :func:`register`, :func:`run_docs`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from diffalg.docs.checks import CheckCache
from diffalg.docs.pages import default_docs_dir, render_pages, stale_pages, write_pages


def register(subparsers: Any) -> None:
    """Add the ``docs`` subcommand to an ``argparse`` subparsers object.

    >>> parser = argparse.ArgumentParser(prog="diffalg")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["docs", "--check"])
    >>> args.check, args.write, args.run is run_docs
    (True, False, True)
    """
    docs = subparsers.add_parser(
        "docs", help="regenerate or check the generated documentation pages",
        description="Render docs/laws.md, docs/instances.md, docs/properties.md "
        "and docs/counterexamples.md from the code.")
    mode = docs.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true",
                      help="rewrite every page whose content is out of date")
    mode.add_argument("--check", action="store_true",
                      help="exit 1 and name each page that is out of date")
    docs.add_argument("--docs-dir", type=Path, default=None, metavar="DIR",
                      help="folder of the pages (default: docs/ of this checkout)")
    docs.set_defaults(run=run_docs)


def run_docs(args: argparse.Namespace) -> int:
    """Run ``diffalg docs`` with parsed ``args``; return the exit status.

    Exit status: 0 when the pages are current (``--check``) or were written
    (``--write``), 1 when ``--check`` finds a stale page.
    """
    docs_dir: Path = args.docs_dir if args.docs_dir is not None else default_docs_dir()
    started = time.perf_counter()
    rendered = render_pages(CheckCache())
    seconds = time.perf_counter() - started
    if args.write:
        changed = write_pages(docs_dir, rendered)
        for filename in rendered:
            state = "written" if filename in changed else "unchanged"
            print(f"{state:9} {docs_dir / filename}")
        print(f"rendered {len(rendered)} pages in {seconds:.1f} s")
        return 0
    stale = stale_pages(docs_dir, rendered)
    for filename in rendered:
        state = "stale" if filename in stale else "current"
        print(f"{state:9} {docs_dir / filename}")
    if stale:
        print(f"diffalg docs: {len(stale)} stale page(s): {', '.join(stale)}; "
              "run 'diffalg docs --write'", file=sys.stderr)
        return 1
    return 0
