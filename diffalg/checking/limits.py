"""Time limits that hold even when the checked code never returns.

Python threads cannot be stopped, and sympy or user code may loop for a very
long time, so a limited call runs in a forked child process that is killed
when its budget runs out.  The result travels back through a pipe and must
therefore be picklable (verdicts are).  Where ``fork`` is unavailable the
call runs in-process without a limit, and the fallback is logged.

Main names: :func:`run_limited`, :class:`TimedOut`, :class:`ChildFailed`.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

R = TypeVar("R")

PR_SET_PDEATHSIG = 1

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimedOut:
    """The call did not finish within ``seconds``."""

    seconds: float


@dataclass(frozen=True)
class ChildFailed:
    """The child process raised or died; ``message`` says how."""

    message: str


def _die_with_parent() -> None:
    # On Linux the kernel kills this child when the parent dies, so a parent
    # stopped by Ctrl-C at any point cannot leave a search running (and
    # holding the parent's output pipes open).  Elsewhere this does nothing.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return


def _child(function: Callable[[], Any], connection: Connection) -> None:
    # Ctrl-C reaches the parent, which kills this child; the child itself
    # ignores it so that it cannot report an interruption as an error.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent()
    try:
        result = function()
        connection.send(("ok", result))
    except BaseException as error:  # report everything to the parent
        text = "".join(traceback.format_exception_only(type(error), error))
        connection.send(("error", text.strip()))
    finally:
        connection.close()
        os._exit(0)


def _start_uninterrupted(process: Any) -> None:
    # A Ctrl-C that arrives while fork runs its at-fork handlers (logging
    # registers some) is swallowed as "Exception ignored", and the caller
    # would go on searching.  SIGINT is held back until the fork is done.
    if not hasattr(signal, "pthread_sigmask"):
        process.start()
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_limited(function: Callable[[], R],
                seconds: float | None) -> R | TimedOut | ChildFailed:
    """Call ``function`` and return its result, or :class:`TimedOut`.

    With ``seconds=None`` the call runs in this process, unlimited.

    >>> run_limited(lambda: 6 * 7, 5.0)
    42
    >>> import time
    >>> run_limited(lambda: time.sleep(10), 0.2)
    TimedOut(seconds=0.2)
    """
    if seconds is None:
        return function()
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        logger.warning("fork is unavailable: running without a time limit")
        return function()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(function, sender), daemon=True)
    try:
        _start_uninterrupted(process)
        sender.close()
        deadline = time.monotonic() + seconds
        ready = receiver.poll(max(0.0, deadline - time.monotonic()))
        if not ready:
            return TimedOut(seconds)
        try:
            status, payload = receiver.recv()
        except EOFError:
            return ChildFailed(f"the check process died (exit code "
                               f"{process.exitcode})")
    finally:
        if process.pid is not None:
            if process.is_alive():
                process.kill()
            process.join()
        sender.close()
        receiver.close()
    if status == "ok":
        result: R = payload
        return result
    return ChildFailed(str(payload))
