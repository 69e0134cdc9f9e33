"""Deciding laws on structures: backends, verdicts and reports.

Main names: :func:`check`, :class:`Report`, :class:`Verdict`,
:class:`VerdictKind`, :func:`replay`.
"""

from diffalg.checking.checker import applicable_laws, check, decide, find_law
from diffalg.checking.evaluate import OperationError, check_at, evaluate
from diffalg.checking.report import LawResult, Report
from diffalg.checking.verdicts import Verdict, VerdictKind, Witness
from diffalg.checking.witness import replay

__all__ = [
    "LawResult",
    "OperationError",
    "Report",
    "Verdict",
    "VerdictKind",
    "Witness",
    "applicable_laws",
    "check",
    "check_at",
    "decide",
    "evaluate",
    "find_law",
    "replay",
]
