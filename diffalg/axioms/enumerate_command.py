"""The ``enumerate`` subcommand: list finite semirings and their derivations.

``diffalg enumerate --order N`` prints one semiring per isomorphism class of
order ``N`` (addition and multiplication tables side by side), then a
summary line with the count, whether it is complete, and the wall-clock
time.  ``--commutative`` and ``--idempotent`` restrict to commutative ``·``
and idempotent ``+``; ``--derivations`` lists every derivation of each
semiring; ``--count-only`` prints the summary alone, which makes the command
a benchmark of the search.  A progress bar goes to stderr when stderr is a
terminal.

Exit status: 0 when the search finished, 2 for an invalid option value, 3
when the time limit stopped the search and 130 when it was interrupted
(Ctrl-C).  Both partial cases still print the summary, marked partial, with
the count found so far.

Main names: :func:`register`, :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from diffalg.axioms.enumeration import (
    SearchProgress,
    SearchReport,
    SearchTimeout,
    derivations,
    enumerate_semirings,
)
from diffalg.axioms.enumeration_monoids import Deadline
from diffalg.cli.arguments import seconds

EXIT_TIME_LIMIT = 3
EXIT_INTERRUPTED = 130


def register(subparsers: Any) -> None:
    """Add the ``enumerate`` subcommand to an argparse subparsers object.

    The parsed namespace gets ``run``, the function that executes it.

    >>> parser = argparse.ArgumentParser(prog="diffalg")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["enumerate", "--order", "2", "--count-only"])
    >>> args.run(args)
    order 2: 2 semirings (complete, ... s)
    0
    """
    parser = subparsers.add_parser(
        "enumerate",
        help="list finite semirings with 0 and 1 up to isomorphism",
        description=(
            "List one semiring with 0 and 1 per isomorphism class of the given "
            "order, as addition and multiplication tables on 0..N-1 with 0 as "
            "the zero and 1 as the one, and optionally all their derivations."
        ),
        epilog=(
            "Exit status: 0 when complete, 2 for an invalid option value, 3 "
            "when the time limit stopped the search and 130 when interrupted. "
            "A partial run still prints the count found so far."
        ),
    )
    parser.add_argument("--order", type=int, required=True, metavar="N",
                        help="number of elements, from 1 to 9")
    parser.add_argument("--commutative", action="store_true",
                        help="only semirings with commutative multiplication")
    parser.add_argument("--idempotent", action="store_true",
                        help="only semirings with idempotent addition (a + a = a)")
    parser.add_argument("--time-limit", type=seconds, default=None,
                        metavar="SECONDS",
                        help="stop after this many seconds of wall-clock time "
                             "and report the partial count")
    parser.add_argument("--derivations", action="store_true",
                        help="list every derivation d of each semiring "
                             "(d additive with d(ab) = d(a)b + a d(b))")
    parser.add_argument("--require-d-one", action="store_true",
                        help="with --derivations, keep only those with d(1) = 0")
    parser.add_argument("--count-only", action="store_true",
                        help="print only the summary line with count and time")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run the ``enumerate`` subcommand with parsed ``args``; return the exit status.

    >>> namespace = argparse.Namespace(
    ...     order=2, commutative=False, idempotent=True, time_limit=None,
    ...     derivations=True, require_d_one=False, count_only=False)
    >>> run(namespace)
    semiring 1 of order 2
    +  | 0 1     ·  | 0 1
    0  | 0 1     0  | 0 0
    1  | 1 1     1  | 0 1
    derivations (2):
      (0, 0)
      (0, 1)
    order 2, idempotent: 1 semirings (complete, ... s)
    0
    """
    stream = out if out is not None else sys.stdout
    clock = Deadline(None)
    found = 0
    reason: str | None = None
    status = 0
    try:
        with _progress_bar() as progress:
            semirings = enumerate_semirings(
                args.order,
                commutative=args.commutative,
                idempotent=args.idempotent,
                progress=progress,
                time_limit=args.time_limit,
            )
            for tables in semirings:
                found += 1
                if args.count_only:
                    continue
                print(f"semiring {found} of order {tables.order}", file=stream)
                print(tables.text(), file=stream)
                if args.derivations:
                    listed = derivations(tables, require_d_one=args.require_d_one)
                    print(f"derivations ({len(listed)}):", file=stream)
                    for d in listed:
                        print(f"  {d}", file=stream)
    except (ValueError, TypeError) as error:
        print(f"diffalg: error: {error}", file=sys.stderr)
        return 2
    except SearchTimeout:
        reason, status = "time limit", EXIT_TIME_LIMIT
    except KeyboardInterrupt:
        reason, status = "interrupted", EXIT_INTERRUPTED
    report = SearchReport(args.order, args.commutative, args.idempotent, found,
                          reason is None, reason, clock.elapsed())
    print(report.summary(), file=stream)
    return status


@contextmanager
def _progress_bar() -> Iterator[Callable[[SearchProgress], None] | None]:
    """Yield a progress callback drawing a rich bar on stderr, or ``None``.

    Without a terminal on stderr there is no bar, so piped output and logs
    stay clean.
    """
    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[found]} found"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("additive monoids", total=None, found=0)

        def update(report: SearchProgress) -> None:
            if report.stage == "monoids":
                bar.update(task, description="additive monoids", found=report.found)
                return
            bar.update(task, description="multiplications", total=report.total,
                       completed=report.done, found=report.found)

        yield update
