"""Time limits that hold even when the checked code never returns.

Python threads cannot be stopped, and sympy or user code may loop for a very
long time, so a limited call runs in a forked child process that is killed
when its budget runs out.  The result travels back through a pipe and must
therefore be picklable (verdicts are).  Where ``fork`` is unavailable the
call runs in-process without a limit, and the fallback is logged.

Main names: :func:`run_limited`, :class:`TimedOut`, :class:`ChildFailed`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

R = TypeVar("R")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimedOut:
    """The call did not finish within ``seconds``."""

    seconds: float


@dataclass(frozen=True)
class ChildFailed:
    """The child process raised or died; ``message`` says how."""

    message: str


def _child(function: Callable[[], Any], connection: Connection) -> None:
    try:
        result = function()
        connection.send(("ok", result))
    except BaseException as error:  # report everything to the parent
        text = "".join(traceback.format_exception_only(type(error), error))
        connection.send(("error", text.strip()))
    finally:
        connection.close()
        os._exit(0)


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
    process.start()
    sender.close()
    deadline = time.monotonic() + seconds
    try:
        ready = receiver.poll(max(0.0, deadline - time.monotonic()))
        if not ready:
            return TimedOut(seconds)
        try:
            status, payload = receiver.recv()
        except EOFError:
            return ChildFailed(f"the check process died (exit code "
                               f"{process.exitcode})")
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "ok":
        result: R = payload
        return result
    return ChildFailed(str(payload))
