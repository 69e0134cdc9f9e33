"""Law checks for the generated pages, run once per instance and cached.

Every generated page that shows verdicts uses the same settings, so that
the pages agree with each other and the same code gives the same bytes.
The settings are seed :data:`SEED`, at most :data:`MAX_EXAMPLES` examples
per sampled law, and a time limit of :data:`TIMEOUT` seconds per law.

NOTE: a law that runs out of time ends as ``timed out`` and changes the
page, so the pages depend on the machine for a law close to the limit.
Every instance of the catalog is checked in well under the limit (the
slowest, ``N[t]``, takes about 13 s for all its laws together on two cores).

The answers of the axiom explorer are cached the same way; see
:meth:`CheckCache.explorer_answers` for the limits.

Main names: :class:`CheckCache`, :func:`page_order`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
import traceback
from collections.abc import Sequence
from typing import Any

from diffalg.axioms.explore import QUESTIONS, Answer, Question, explore
from diffalg.checking.checker import check
from diffalg.checking.report import Report
from diffalg.instances.registry import get, names
from diffalg.structures.structure import DifferentialSemiring

logger = logging.getLogger(__name__)

SEED = 0
MAX_EXAMPLES = 100
TIMEOUT = 60.0

MAX_JOBS = 4
"""Maximum number of processes that check instances at the same time."""

EXPLORER_MAX_SIZE = 4
"""Largest carrier the countermodel search of the explorer tries for the pages."""

EXPLORER_MODEL_TIME = 60.0
"""Seconds the countermodel search may take per explorer question."""


def page_order(instance_names: Sequence[str]) -> list[str]:
    """Sort instance names for the pages: alphabetically, ignoring case.

    The registry lists instances in the order their modules were imported,
    which differs between processes (a test run imports modules in another
    order than ``diffalg docs``), so the pages use this order instead.

    >>> page_order(["note-diagonal", "B[X]", "boolean-identity", "N[t]"])
    ['B[X]', 'boolean-identity', 'N[t]', 'note-diagonal']
    """
    return sorted(instance_names, key=lambda name: (name.casefold(), name))


class CheckCache:
    """The check report of each catalog instance, computed on first request.

    ``instances`` limits :meth:`instances` to the given instance names, and
    ``questions`` limits :meth:`explorer_answers` to the given explorer
    questions. Both serve quick previews and tests, and by default both
    methods list everything.

    >>> cache = CheckCache()
    >>> cache.report("boolean-identity").counts()["known failure"]
    2
    >>> cache.report("boolean-identity") is cache.report("boolean-identity")
    True
    """

    def __init__(self, *, seed: int = SEED, max_examples: int = MAX_EXAMPLES,
                 timeout: float | None = TIMEOUT,
                 instances: Sequence[str] | None = None,
                 questions: Sequence[str] | None = None) -> None:
        self.seed = seed
        self.max_examples = max_examples
        self.timeout = timeout
        self.names = list(instances) if instances is not None else None
        self.questions = list(questions) if questions is not None else None
        self._reports: dict[str, Report] = {}
        self._answers: dict[str, Answer] = {}

    def report(self, name: str) -> Report:
        """Return the report of every law on instance ``name``."""
        if name not in self._reports:
            started = time.perf_counter()
            self._reports[name] = check(get(name), seed=self.seed,
                                        max_examples=self.max_examples,
                                        timeout=self.timeout)
            logger.info("checked %s in %.1f s", name,
                        time.perf_counter() - started)
        return self._reports[name]

    def instances(self) -> list[tuple[DifferentialSemiring[Any], Report]]:
        """Return each instance with its report.

        The instances are the ones given to the constructor, in that order,
        or else every registered instance in :func:`page_order`.  Missing
        reports are computed in parallel first, see :meth:`prefetch`.
        """
        selected = self.names if self.names is not None else page_order(names())
        self.prefetch(selected)
        return [(get(name), self.report(name)) for name in selected]

    def prefetch(self, selected: Sequence[str], jobs: int | None = None) -> None:
        """Compute the missing reports of ``selected`` in ``jobs`` processes.

        Each report is computed on its own with the same seed, so the
        reports do not depend on how they are spread over the processes.
        ``jobs`` defaults to the number of processors, at most
        :data:`MAX_JOBS`.  Without ``fork``, or with one job, the reports
        are computed here one after another.

        >>> cache = CheckCache()
        >>> cache.prefetch(["boolean-identity", "F2[t]/(t^2)"], jobs=2)
        >>> cache.report("F2[t]/(t^2)").ok
        True
        """
        missing = [name for name in selected if name not in self._reports]
        count = jobs if jobs is not None else min(os.cpu_count() or 1, MAX_JOBS)
        if count < 1:
            raise ValueError(f"jobs must be at least 1, got {count}")
        if len(missing) < 2 or count == 1 or (
                "fork" not in multiprocessing.get_all_start_methods()):
            for name in missing:
                self.report(name)
            return

        context = multiprocessing.get_context("fork")
        tasks: Any = context.Queue()
        results: Any = context.Queue()
        for name in missing:
            tasks.put(name)
        workers = [context.Process(target=self._work, args=(tasks, results))
                   for _ in range(min(count, len(missing)))]
        for _ in workers:
            tasks.put(None)
        for worker in workers:
            worker.start()
        try:
            for _ in missing:
                name, report, error = results.get()
                if error is not None:
                    raise RuntimeError(f"checking instance {name!r} for the pages "
                                       f"failed: {error}")
                self._reports[name] = report
        finally:
            for worker in workers:
                if worker.is_alive():
                    worker.kill()
                worker.join()

    def _work(self, tasks: Any, results: Any) -> None:
        # Runs in a forked worker: one report per name until the None marker.
        try:
            while (name := tasks.get()) is not None:
                try:
                    results.put((name, self.report(name), None))
                except Exception as error:
                    text = "".join(traceback.format_exception_only(error)).strip()
                    results.put((name, None, text))
        finally:
            results.close()
            results.join_thread()
            os._exit(0)

    def explorer_answers(self) -> list[tuple[Question, Answer]]:
        """Return each explorer question with its answer from the model search.

        The search runs without the prover, over carriers of at most
        :data:`EXPLORER_MAX_SIZE` elements, so the answers do not depend on
        whether E is installed: a question is ``independent`` when a
        countermodel is found and confirmed, and ``open`` otherwise.

        >>> cache = CheckCache(questions=["d_one"])
        >>> [(q.name, a.verdict) for q, a in cache.explorer_answers()]
        [('d_one', 'independent')]
        """
        selected = self.questions if self.questions is not None else list(QUESTIONS)
        answers: list[tuple[Question, Answer]] = []
        for name in selected:
            question = QUESTIONS[name]
            if name not in self._answers:
                self._answers[name] = explore(
                    question.theory(), use_prover=False,
                    model_time=EXPLORER_MODEL_TIME, max_size=EXPLORER_MAX_SIZE)
                logger.info("explorer question %s: %s", name,
                            self._answers[name].verdict)
            answers.append((question, self._answers[name]))
        return answers

    def settings_text(self) -> str:
        """Describe the check settings in one sentence for a page.

        >>> CheckCache(max_examples=7).settings_text()
        'Checked with seed 0, at most 7 examples per sampled law and 60 s per law.'
        """
        limit = "no time limit" if self.timeout is None else (
            f"{self.timeout:g} s per law")
        return (f"Checked with seed {self.seed}, at most {self.max_examples} "
                f"examples per sampled law and {limit}.")
