"""Prove goals with the E theorem prover.

:func:`prove` writes a theory in TPTP, runs ``eprover`` on it as a
subprocess and reads the SZS status line of its output:

- ``Theorem`` (FOF input) or ``Unsatisfiable`` (CNF input with a negated
  conjecture) gives :class:`~diffalg.axioms.results.Proved`, with the proof
  object between the ``SZS output start`` and ``SZS output end`` lines and
  the hypotheses it cites;
- ``CounterSatisfiable``, ``Satisfiable``, ``GaveUp`` and other statuses
  give :class:`~diffalg.axioms.results.NotProved`;
- ``ResourceOut`` and ``Timeout`` give
  :class:`~diffalg.axioms.results.TimedOut`;
- ``ContradictoryAxioms`` gives :class:`~diffalg.axioms.results.Proved`
  (the goal follows because no structure satisfies the hypotheses) when
  the theory assumes nonzero derivations, and
  :class:`~diffalg.axioms.results.Error` for laws alone, which the
  one-element structure satisfies;
- a missing status or a proof status without a proof object give
  :class:`~diffalg.axioms.results.Error`.

E limits its own CPU time with ``--cpu-limit``.  The wall-clock limit is
enforced here as well: the prover runs in its own process group, which is
killed ``WALL_GRACE`` seconds after the limit, so a hung prover ends as
timed out within about ``limit + 1`` seconds.

E is the Debian package ``eprover``.  Tested with E 2.6 "Floral Guranse".

Reference: S. Schulz, S. Cruanes, P. Vukmirović, *Faster, Higher, Stronger:
E 2.3*, CADE-27 (2019); the SZS statuses are those of G. Sutcliffe, *The SZS
Ontologies for Automated Reasoning Software* (2008).

Main names: :func:`prove`, :func:`run_eprover`, :func:`find_eprover`,
:class:`ProverNotFoundError`.
"""

from __future__ import annotations

import logging
import math
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence

from diffalg.axioms.results import Error, NotProved, Proved, ProverResult, TimedOut
from diffalg.axioms.theory import Theory
from diffalg.axioms.tptp import TptpForm, TptpProblem, to_tptp

logger = logging.getLogger(__name__)

WALL_GRACE = 0.5
"""Seconds between the time limit and killing the prover's process group."""

MEMORY_LIMIT_MB = 2048
"""Memory limit passed to E, in MiB."""

_STATUS = re.compile(r"^# SZS status (\w+)", re.MULTILINE)
_PROOF = re.compile(r"^# SZS output start[^\n]*\n(.*?)^# SZS output end",
                    re.MULTILINE | re.DOTALL)
_AXIOM = re.compile(r"^(?:fof|cnf)\((\w+),\s*axiom,", re.MULTILINE)

_PROVED = {"Theorem", "Unsatisfiable"}
_CONTRADICTORY = "ContradictoryAxioms"
_TIMED_OUT = {"ResourceOut", "Timeout"}


class ProverNotFoundError(RuntimeError):
    """The ``eprover`` executable is not installed."""


def find_eprover(executable: str | None = None) -> str:
    """Return the path of the E prover, or raise if it is missing.

    ``executable`` overrides the search on ``PATH``.

    >>> find_eprover("/nonexistent/eprover")
    Traceback (most recent call last):
    ...
    diffalg.axioms.prover.ProverNotFoundError: E prover not found at ...
    """
    if executable is not None:
        if os.path.isfile(executable) and os.access(executable, os.X_OK):
            return executable
        raise ProverNotFoundError(
            f"E prover not found at {executable!r}: give the path of an "
            "executable eprover, or install the Debian package 'eprover' "
            "(apt-get install eprover)"
        )
    found = shutil.which("eprover")
    if found is None:
        raise ProverNotFoundError(
            "E prover not found: 'eprover' is not on PATH; install the Debian "
            "package 'eprover' (apt-get install eprover)"
        )
    return found


def prove(
    theory: Theory,
    time_limit: float = 10.0,
    *,
    form: TptpForm = "fof",
    executable: str | None = None,
) -> ProverResult:
    """Try to prove the goal of ``theory`` from its hypotheses with E.

    Raises :class:`ProverNotFoundError` when E is not installed.

    >>> from diffalg.axioms.theory import Signature, Theory
    >>> theory = Theory.build(["semiring", "derivation"], "d_zero[dx]",
    ...                       Signature(("dx",)))
    >>> prove(theory, time_limit=5, executable="/nonexistent/eprover")
    Traceback (most recent call last):
    ...
    diffalg.axioms.prover.ProverNotFoundError: E prover not found at ...
    """
    problem = to_tptp(theory, form)
    return run_eprover(problem, time_limit, executable=executable)


def eprover_command(executable: str, time_limit: float) -> list[str]:
    """Return the command line that runs E on a problem read from stdin.

    >>> eprover_command("eprover", 2.5)[:3]
    ['eprover', '--auto', '--cpu-limit=3']
    """
    return [
        executable,
        "--auto",
        f"--cpu-limit={max(1, math.ceil(time_limit))}",
        f"--memory-limit={MEMORY_LIMIT_MB}",
        "--proof-object",
        "--silent",
        "--tstp-format",
    ]


def run_eprover(
    problem: TptpProblem,
    time_limit: float = 10.0,
    *,
    executable: str | None = None,
    extra_arguments: Sequence[str] = (),
) -> ProverResult:
    """Run E on a TPTP problem and classify its output.

    Raises :class:`ProverNotFoundError` when E is not installed; every other
    failure is returned as :class:`~diffalg.axioms.results.Error`.  See
    :func:`read_eprover_output` for how the output is read.
    """
    if time_limit <= 0:
        raise ValueError(f"invalid time limit {time_limit}: give seconds > 0")
    command = [*eprover_command(find_eprover(executable), time_limit),
               *extra_arguments]
    logger.info("running %s", " ".join(command))
    start = time.monotonic()
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as error:
        return Error(f"could not start {command[0]}: {error}")

    try:
        stdout, stderr = process.communicate(problem.text,
                                             timeout=time_limit + WALL_GRACE)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        seconds = time.monotonic() - start
        logger.info("eprover killed after %.2f s (limit %g s)", seconds, time_limit)
        return TimedOut(seconds, time_limit, "killed")
    except BaseException:
        _kill_group(process)
        raise
    seconds = time.monotonic() - start
    return read_eprover_output(problem, stdout, stderr, process.returncode,
                               seconds, time_limit)


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def read_eprover_output(
    problem: TptpProblem,
    stdout: str,
    stderr: str,
    code: int,
    seconds: float,
    time_limit: float,
) -> ProverResult:
    """Classify E's output by its last SZS status line.

    Axiom names in the proof object are mapped back to law ids through
    ``problem.law_ids``.

    >>> from diffalg.axioms.tptp import TptpProblem
    >>> problem = TptpProblem("", "fof", {"d_leibniz_dx": "d_leibniz[dx]"})
    >>> output = "\\n".join([
    ...     "# SZS status Theorem",
    ...     "# SZS output start CNFRefutation",
    ...     "fof(d_leibniz_dx, axiom, d_dx(one)=zero, file('<stdin>', d_leibniz_dx)).",
    ...     "# SZS output end CNFRefutation", ""])
    >>> read_eprover_output(problem, output, "", 0, 0.1, 5).axioms_used
    ('d_leibniz[dx]',)
    >>> read_eprover_output(problem, "# SZS status ResourceOut", "", 7, 5.0, 5)
    TimedOut(seconds=5.0, limit=5, status='ResourceOut')
    >>> read_eprover_output(problem, "# SZS status Theorem", "", 0, 0.1, 5)
    Error(message='eprover reported Theorem but printed no proof object', ...)
    >>> read_eprover_output(problem, "", "syntax error", 3, 0.0, 5)
    Error(message='eprover exited with code 3 and no SZS status: syntax error', ...)
    """
    statuses = _STATUS.findall(stdout)
    if not statuses:
        detail = (stderr.strip() or stdout.strip() or "no output").splitlines()
        return Error(f"eprover exited with code {code} and no SZS status: "
                     f"{detail[-1] if detail else ''}", seconds)
    status = statuses[-1]
    logger.info("eprover: SZS status %s in %.2f s", status, seconds)

    if status in _PROVED or (status == _CONTRADICTORY and not problem.horn):
        match = _PROOF.search(stdout)
        if match is None:
            return Error(f"eprover reported {status} but printed no proof object",
                         seconds)
        proof = match.group(1)
        # In CNF mode E also gives role axiom to clauses it derives (c_0_6),
        # so only names of the problem's own laws count as hypotheses used.
        cited = [problem.law_ids[name] for name in _AXIOM.findall(proof)
                 if name in problem.law_ids]
        used = tuple(dict.fromkeys(cited))
        return Proved(proof, used, seconds, status)
    if status in _TIMED_OUT:
        return TimedOut(seconds, time_limit, status)
    if status == _CONTRADICTORY:
        return Error("eprover reported ContradictoryAxioms, impossible for "
                     "equational laws: check the TPTP export", seconds)
    return NotProved(status, seconds, stdout)
