"""The ``diffalg`` command line.

Subcommands: ``list`` shows instances and laws.  ``check`` decides laws on
instances and compares the verdicts with the declared expectations.  The
others are ``explore``
(which laws follow from which, by the E prover and z3 countermodels),
``enumerate`` (finite semirings up to isomorphism and their derivations),
``docs`` (regenerate or check the generated documentation pages) and
``graph``
(computation graphs with forward values and backward labels, drawn with
Graphviz).  Exit status: 0
when every verdict matches the declarations, 1 when one does not, 2 on bad
usage or bad input, with a one-line message on standard error.

Main names: :func:`main`, :func:`build_parser`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from rich.markup import escape

from diffalg.axioms import enumerate_command, explore_command
from diffalg.checking.checker import check
from diffalg.checking.report import Report
from diffalg.cli.arguments import seconds
from diffalg.cli.output import make_console, print_report, write_atomically
from diffalg.docs import command as docs_command
from diffalg.graphs import command as graph_command
from diffalg.instances.registry import get, names, summary
from diffalg.laws.catalog import laws_for
from diffalg.structures.structure import DifferentialSemiring

logger = logging.getLogger(__name__)


class UsageError(Exception):
    """Bad command-line usage; the message is shown on one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"seed {text!r} is not an integer") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"seed {text!r} must be non-negative")
    return value


def _run_list(args: argparse.Namespace) -> int:
    console = make_console()
    console.print("[bold]Instances[/]")
    for name in names():
        console.print(escape(f"  {name:20} {summary(name)}"), highlight=False)
    console.print("\n[bold]Laws[/] (per derivation ∂ and pair ∂ᵢ, ∂ⱼ)")
    for law in laws_for(["∂ᵢ", "∂ⱼ"], composition=True):
        if law.id.endswith("[∂ⱼ]"):
            continue
        console.print(escape(f"  {law.id:22} {law.text():34} {law.kind}"),
                      highlight=False)
    return 0


def split_law_ids(text: str) -> list[str]:
    """Split comma-separated law ids, keeping commas inside brackets.

    >>> split_law_ids("chain[dx],commute[dx,dy], d_one[dx]")
    ['chain[dx]', 'commute[dx,dy]', 'd_one[dx]']
    """
    ids: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char == "," and depth == 0:
            ids.append(current.strip())
            current = ""
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        current += char
    ids.append(current.strip())
    return [law_id for law_id in ids if law_id]


def _structure(name: str) -> DifferentialSemiring[Any]:
    if name.endswith(".toml") or Path(name).is_file():
        from diffalg.files import load_structure

        return load_structure(name)
    return get(name)


def _selected_laws(args: argparse.Namespace) -> list[str] | None:
    if args.laws is None:
        return None
    laws = split_law_ids(args.laws)
    if not laws:
        raise UsageError(f"--laws {args.laws!r} names no law: give ids such "
                         "as chain[dx],d_one[dx]")
    return laws


def _report_text(args: argparse.Namespace, reports: list[Report], ok: bool) -> str:
    if args.format == "json":
        payload: dict[str, Any] = {
            "ok": ok,
            "reports": [r.to_dict(timings=args.timings) for r in reports],
        }
        return json.dumps(payload, indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"
    if args.format == "markdown":
        return "\n".join(r.to_markdown() for r in reports)
    return ""


def _run_check(args: argparse.Namespace) -> int:
    targets: list[str] = list(args.names)
    if args.all:
        if targets:
            raise UsageError("give instance names or --all, not both")
        targets = names()
    if not targets:
        raise UsageError("no instance given: name one (see 'diffalg list') "
                         "or use --all")
    if args.output is not None and args.format == "table":
        raise UsageError("--output needs --format json or markdown")
    laws = _selected_laws(args)

    structures = [_structure(name) for name in targets]
    reports = [
        check(s, laws, seed=args.seed, max_examples=args.max_examples,
              timeout=args.timeout)
        for s in structures
    ]
    ok = all(report.ok for report in reports)

    text = _report_text(args, reports, ok)
    if args.output is not None:
        write_atomically(Path(args.output), text)
    elif args.format == "table":
        console = make_console()
        for report in reports:
            print_report(report, console)
            console.print()
        status = "every verdict as declared" if ok else "UNEXPECTED verdicts"
        console.print(f"[bold]{len(reports)} structure(s): {status}[/]")
    else:
        sys.stdout.write(text)
    return 0 if ok else 1


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand.

    >>> build_parser().parse_args(["check", "univariate", "--seed", "3"]).seed
    3
    """
    parser = _Parser(prog="diffalg", description="Check, prove and refute the "
                     "laws of differential semirings.")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log progress to standard error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=_Parser)

    listing = commands.add_parser("list", help="list instances and laws")
    listing.set_defaults(run=_run_list)

    checking = commands.add_parser("check", help="check laws on instances")
    checking.add_argument("names", nargs="*", metavar="NAME",
                          help="instance names (see 'diffalg list') or paths "
                          "of .toml structure files")
    checking.add_argument("--all", action="store_true",
                          help="check every catalog instance")
    checking.add_argument("--laws", metavar="IDS",
                          help="comma-separated law ids, e.g. chain[dx],d_one[dx]")
    checking.add_argument("--format", choices=("table", "json", "markdown"),
                          default="table", help="output format (default: table)")
    checking.add_argument("--output", metavar="FILE",
                          help="write the json or markdown report to FILE")
    checking.add_argument("--seed", type=_seed, default=0,
                          help="seed of the random search (default: 0)")
    checking.add_argument("--max-examples", type=_positive_int, default=200,
                          help="examples per sampled law (default: 200)")
    checking.add_argument("--timeout", type=seconds, default=60.0,
                          help="time limit per law, in seconds (default: 60)")
    checking.add_argument("--timings", action="store_true",
                          help="include per-law times in json output")
    checking.set_defaults(run=_run_check)

    explore_command.register(commands)
    enumerate_command.register(commands)
    graph_command.register(commands)
    docs_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    >>> main(["check", "no-such-instance"])
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                            format="%(levelname)s %(name)s: %(message)s")
        if args.command is None:
            raise UsageError("no command given: use 'diffalg list' or "
                             "'diffalg check NAME'")
        status: int = args.run(args)
        return status
    except BrokenPipeError:
        # The reader of standard output went away (as with '| head'); stop
        # quietly, as shell tools do, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (UsageError, KeyError, ValueError, OSError) as error:
        message = error.args[0] if isinstance(error, KeyError) else str(error)
        print(f"diffalg: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("diffalg: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # keep the one-line contract for anything else
        logger.debug("unexpected failure", exc_info=True)
        print(f"diffalg: error: {type(error).__name__}: {error} (run with "
              "--verbose for details)", file=sys.stderr)
        return 2


def entry() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
