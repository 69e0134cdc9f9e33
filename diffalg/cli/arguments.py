"""Argument types shared by the subcommands of the command line.

Main names: :func:`seconds`, :data:`MAX_SECONDS`.
"""

from __future__ import annotations

import argparse

MAX_SECONDS = 1e6


def seconds(text: str) -> float:
    """Parse a time limit: a finite number of seconds above 0.

    >>> seconds("2.5")
    2.5
    >>> seconds("inf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'inf' must be a number of seconds above 0 ...
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds") from None
    if not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be a number of seconds above 0 and at most "
            f"{MAX_SECONDS:g}")
    return value
