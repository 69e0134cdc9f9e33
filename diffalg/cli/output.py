"""Rendering reports for the terminal with rich, and writing files atomically.

Main names: :func:`print_report`, :func:`write_atomically`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from diffalg.checking.report import Report
from diffalg.checking.verdicts import VerdictKind

_STYLE = {
    VerdictKind.PROVED: "green",
    VerdictKind.EXHAUSTIVE: "green",
    VerdictKind.SAMPLED: "green",
    VerdictKind.KNOWN_FAILURE: "yellow",
    VerdictKind.NOT_APPLICABLE: "dim",
}


class _Console(Console):
    # rich exits with status 1 on a closed pipe, which would read as an
    # unexpected verdict; the command line handles it instead.
    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def make_console() -> Console:
    """Return the console the command line prints tables with.

    >>> make_console().is_terminal in (True, False)
    True
    """
    return _Console()


def print_report(report: Report, console: Console) -> None:
    """Print ``report`` as a table followed by its witnesses.

    >>> from io import StringIO
    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> out = StringIO()
    >>> print_report(check(get("boolean-identity"), ["d_one[d]"]),
    ...              Console(file=out, width=120))
    >>> "known failure" in out.getvalue()
    True
    """
    status = "as expected" if report.ok else "UNEXPECTED"
    title = escape(f"{report.structure}: {status}")
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("law", no_wrap=True)
    table.add_column("statement")
    table.add_column("verdict", no_wrap=True)
    table.add_column("how")
    for result in report.results:
        verdict = result.verdict
        style = _STYLE.get(verdict.kind, "red")
        if not result.as_expected:
            style = "bold red"
        how = verdict.method
        if verdict.examples is not None:
            how += f" ({verdict.examples} examples, seed {verdict.seed})"
        if verdict.witness is not None:
            how += f"; witness {verdict.witness.describe_assignment()}"
        if verdict.error is not None:
            how += f"; {verdict.error}"
        label = verdict.kind.value + ("" if result.as_expected else " (unexpected)")
        table.add_row(escape(result.law.id), escape(result.law.text()),
                      f"[{style}]{label}[/]", escape(how))
    console.print(table)
    console.print(f"equality: {report.equality}; seed {report.seed}; "
                  f"{report.max_examples} examples per sampled law; "
                  f"time limit {report.timeout} s per law")
    for result in report.results:
        witness = result.verdict.witness
        if witness is None:
            continue
        console.print(f"\n[bold]{escape(result.law.id)}[/]: "
                      f"{escape(result.law.text())}", highlight=False)
        lines = [f"  witness {witness.describe_assignment()}",
                 f"  left side  = {witness.lhs}",
                 f"  right side = {witness.rhs}"]
        lines += [f"    {term} = {value}" for term, value in witness.subterms]
        lines.append("  replay: " + witness.replay.replace("\n", "; "))
        # Lines are never wrapped, so a replay snippet can be pasted whole.
        for line in lines:
            console.print(escape(line), highlight=False, soft_wrap=True)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Readers never see a half-written file.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "report.json"
    >>> write_atomically(target, "{}\\n")
    >>> target.read_text()
    '{}\\n'
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.")
    except OSError as error:
        raise OSError(f"cannot write {str(path)!r}: {error.strerror}; check "
                      "that the folder exists and is writable") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
