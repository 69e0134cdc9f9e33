"""The ``diffalg explore`` subcommand: which laws follow from which.

Usage::

    diffalg explore --list
    diffalg explore d_one chain_agree
    diffalg explore --all
    diffalg explore --goal d_one[dx] --from semiring derivation
    diffalg explore --goal d_agree[dx,dy] --from structure mul_comm \\
        --derivations 2 --composition --max-size 5 --model-time 60
    diffalg explore d_zero --tptp fof

Each answer goes to stdout with its evidence: E's proof object and the
hypotheses it cites, or the countermodel's Cayley tables and the law
checker's verdicts.  Progress (stage, size searched, elapsed time) goes to
stderr through rich.  Exit status: 0 when every question is settled, 1 when
one stays open (time or size bound reached), 2 on an error, and 130 after
Ctrl-C, once what was established so far is printed.

Main names: :func:`register`, :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from diffalg.axioms.countermodel import SearchProgress
from diffalg.axioms.explore import QUESTIONS, Answer, UnknownQuestionError, explore
from diffalg.axioms.prover import ProverNotFoundError
from diffalg.axioms.theory import (
    GROUPS,
    Signature,
    SignatureError,
    Theory,
    UnknownLawError,
)
from diffalg.axioms.tptp import to_tptp
from diffalg.cli.arguments import seconds

EXIT_SETTLED = 0
EXIT_OPEN = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


def register(subparsers: Any) -> None:
    """Add the ``explore`` subcommand to an argparse subparsers object.

    >>> parser = argparse.ArgumentParser(prog="diffalg")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["explore", "d_one", "--max-size", "3"])
    >>> args.questions, args.max_size, args.run is run
    (['d_one'], 3, True)
    """
    parser = subparsers.add_parser(
        "explore",
        help="decide which laws follow from which (E proofs, z3 countermodels)",
        description=(
            "Ask whether a law follows from other laws: E looks for a proof, "
            "z3 for a smallest finite countermodel, which the law checker "
            "then confirms."
        ),
    )
    parser.add_argument("questions", nargs="*", metavar="QUESTION",
                        help="named questions to answer (see --list)")
    parser.add_argument("--list", action="store_true",
                        help="list the named questions and exit")
    parser.add_argument("--all", action="store_true",
                        help="answer every named question")
    custom = parser.add_argument_group(
        "custom question",
        "ask whether --goal follows from --from over a signature; laws are "
        f"ids (d_leibniz[dx]), families (d_leibniz) or groups {GROUPS}",
    )
    custom.add_argument("--goal", metavar="LAW_ID",
                        help="the law to prove or refute")
    custom.add_argument("--from", dest="hypotheses", nargs="+", action="extend",
                        metavar="LAW", help="hypotheses (default: structure)")
    custom.add_argument("--derivations", type=int, default=1, metavar="N",
                        help="number of derivations, named dx, dy, dz, … "
                             "(default: 1)")
    custom.add_argument("--names", metavar="D1,D2",
                        help="derivation names, comma separated; overrides "
                             "--derivations")
    custom.add_argument("--composition", action="store_true",
                        help="include ∘′ in the signature")
    custom.add_argument("--nonzero", nargs="+", action="extend", default=[],
                        metavar="D", help="assume these derivations are nonzero "
                                          "somewhere (∃a. D(a) ≠ 0)")
    limits = parser.add_argument_group("limits")
    limits.add_argument("--prover-time", type=seconds, default=10.0, metavar="S",
                        help="E time limit in seconds (default: 10)")
    limits.add_argument("--model-time", type=seconds, default=30.0, metavar="S",
                        help="total countermodel search time in seconds "
                             "(default: 30)")
    limits.add_argument("--size-time", type=seconds, default=None, metavar="S",
                        help="search time per size in seconds (default: the "
                             "remaining total)")
    limits.add_argument("--max-size", type=int, default=6, metavar="N",
                        help="largest countermodel size to try (default: 6)")
    limits.add_argument("--no-prover", action="store_true",
                        help="skip E and only search for countermodels")
    limits.add_argument("--no-models", action="store_true",
                        help="skip the countermodel search")
    parser.add_argument("--tptp", choices=("fof", "cnf"),
                        help="print the TPTP problem instead of solving it")
    parser.add_argument("--no-proof", action="store_true",
                        help="leave E's proof object out of the report")
    parser.add_argument("--quiet", action="store_true",
                        help="show no progress on stderr")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Answer the questions selected by ``args`` and return the exit status."""
    out: TextIO = sys.stdout
    err = Console(stderr=True, soft_wrap=True)
    if args.list:
        _print_list(out)
        return EXIT_SETTLED

    try:
        theories = _selected_theories(args)
    except (UnknownLawError, SignatureError, ValueError, UnknownQuestionError) as error:
        _print_error(err, str(error))
        return EXIT_ERROR
    if not theories:
        _print_error(err, "no question given: name one (see --list), use --all, "
                          "or give --goal LAW_ID")
        return EXIT_ERROR

    if args.tptp:
        for label, theory in theories:
            print(f"% question: {label}", file=out)
            print(to_tptp(theory, args.tptp).text, file=out)
        return EXIT_SETTLED

    status = EXIT_SETTLED
    for label, theory in theories:
        try:
            with _progress(err, enabled=not args.quiet) as display:
                answer = explore(
                    theory,
                    prover_time=args.prover_time,
                    model_time=args.model_time,
                    max_size=args.max_size,
                    size_time=args.size_time,
                    use_prover=not args.no_prover,
                    use_models=not args.no_models,
                    progress=display.search,
                    on_stage=display.stage,
                )
        except (ProverNotFoundError, ValueError) as error:
            _print_error(err, str(error))
            return EXIT_ERROR
        print(f"== {label}", file=out)
        print(answer.report_text(proof=not args.no_proof), file=out)
        print(file=out)
        status = max(status, _exit_status(answer))
        if answer.interrupted:
            return EXIT_INTERRUPTED
    return status


def _print_error(console: Console, message: str) -> None:
    console.print(f"diffalg: error: {message}", markup=False, highlight=False)


def _exit_status(answer: Answer) -> int:
    if answer.verdict in ("proved", "independent"):
        return EXIT_SETTLED
    if answer.verdict == "open":
        return EXIT_OPEN
    return EXIT_ERROR


def _print_list(out: TextIO) -> None:
    width = max(len(name) for name in QUESTIONS)
    for name, question in QUESTIONS.items():
        print(f"{name:<{width}}  {question.summary}", file=out)
        hypotheses = " ".join(question.hypotheses)
        print(f"{'':<{width}}  goal {question.goal} from {hypotheses} over "
              f"{question.signature.describe()}", file=out)


def _selected_theories(args: argparse.Namespace) -> list[tuple[str, Theory]]:
    names = list(QUESTIONS) if args.all else list(args.questions)
    theories = []
    for name in names:
        if name not in QUESTIONS:
            raise UnknownQuestionError(
                f"unknown question {name!r}: run 'diffalg explore --list' for "
                "the named questions"
            )
        theories.append((name, QUESTIONS[name].theory()))
    if args.goal is None:
        if args.hypotheses or args.nonzero:
            raise ValueError("--from and --nonzero need --goal LAW_ID")
        return theories
    if args.names:
        signature = Signature(tuple(n.strip() for n in args.names.split(",")),
                              args.composition)
    else:
        signature = Signature.with_derivations(args.derivations,
                                               args.composition)
    hypotheses = args.hypotheses or ["structure"]
    theory = Theory.build(hypotheses, args.goal, signature, nonzero=args.nonzero)
    theories.append((f"{args.goal} from {' '.join(hypotheses)}", theory))
    return theories


class _Display:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def _show(self, text: str) -> None:
        if self.progress is None:
            return
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(escape(text), total=None)

    def stage(self, name: str) -> None:
        labels = {"prover": "E: searching for a proof",
                  "models": "z3: searching for a countermodel",
                  "confirm": "checker: confirming the countermodel"}
        self._show(labels.get(name, name))

    def search(self, event: SearchProgress) -> None:
        if event.event == "start":
            self._show(f"z3: countermodel of size {event.size} "
                       f"(search elapsed {event.elapsed:.1f} s)")
        elif self.progress is not None:
            self.progress.console.print(
                f"size {event.size}: {event.status} "
                f"(search elapsed {event.elapsed:.1f} s)", markup=False,
                highlight=False)


@contextmanager
def _progress(console: Console, enabled: bool) -> Iterator[_Display]:
    if not enabled:
        yield _Display(None)
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        yield _Display(progress)


def main(argv: list[str] | None = None) -> int:
    """Run ``explore`` as a standalone program (``python -m``).

    >>> main(["--list"])
    d_zero ...
    0
    """
    parser = argparse.ArgumentParser(prog="diffalg")
    register(parser.add_subparsers())
    args = parser.parse_args(["explore", *(argv or [])])
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
