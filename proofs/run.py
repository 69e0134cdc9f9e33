"""Run the machine checks of the propositions in this folder.

Each proposition is a Markdown file whose ``python`` code blocks, run in
order in one namespace, check it by machine and raise ``AssertionError`` if
it no longer holds.

Usage: ``python proofs/run.py NAME …`` (file names without ``.md``) or
``python proofs/run.py --all``; exit status 0 when every check passes.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
REQUIRES = re.compile(r"<!-- requires: ([\w ,-]+) -->")


def propositions() -> list[str]:
    """Return the names of the proposition files, sorted."""
    return sorted(p.stem for p in FOLDER.glob("*.md") if p.stem != "README")


def code_of(name: str) -> str:
    """Return the machine-check code of proposition ``name``."""
    path = FOLDER / f"{name}.md"
    if not path.is_file():
        known = ", ".join(propositions())
        raise SystemExit(f"run.py: error: no proposition {name!r}; known: {known}")
    blocks = BLOCK.findall(path.read_text(encoding="utf-8"))
    if not blocks:
        raise SystemExit(f"run.py: error: {path.name} has no python check")
    return "\n".join(blocks)


def missing_tools(name: str) -> list[str]:
    """Return the programs that proposition ``name`` needs and PATH lacks.

    A proof file lists them in a ``<!-- requires: eprover -->`` comment.
    """
    text = (FOLDER / f"{name}.md").read_text(encoding="utf-8")
    needed = [tool.strip() for match in REQUIRES.findall(text)
              for tool in match.split(",")]
    return [tool for tool in needed if tool and shutil.which(tool) is None]


def run(name: str) -> None:
    """Run the checks of proposition ``name``; raise if one fails."""
    namespace: dict[str, object] = {"__name__": f"proofs.{name}"}
    # The code comes from this repository's own proof files.
    exec(compile(code_of(name), str(FOLDER / f"{name}.md"), "exec"), namespace)


def main(argv: list[str]) -> int:
    names = propositions() if argv == ["--all"] else argv
    if not names:
        print(__doc__)
        return 2
    failed = 0
    for name in names:
        code_of(name)
        missing = missing_tools(name)
        if missing:
            print(f"skipped {name}: needs {', '.join(missing)} (Debian packages "
                  f"of the same names)")
            continue
        started = time.perf_counter()
        try:
            run(name)
        except AssertionError as error:
            failed += 1
            print(f"FAILED {name}: {error}")
            continue
        print(f"ok     {name} ({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
