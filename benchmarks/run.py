"""Regenerate ``docs/performance.md`` and ``docs/performance-scaling.png``.

Usage: ``python -m benchmarks [--quick] [--output-dir DIR]`` or
``python benchmarks/run.py [--quick] [--output-dir DIR]``.  ``--quick``
runs the smallest sizes (a few seconds) and is what the smoke test uses.
Both files are written to a temporary name in the target folder and then
renamed over the old ones, so a reader never sees half a file.  The plot
needs matplotlib (the ``bench`` extra); without it the page states that and
no image is written.

Main names: :func:`main`, :func:`render`, :func:`write_atomically`.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import math
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hypothesis
import numpy
import sympy

from benchmarks.bench_checking import Config, Results, ScalingPoint, run_all

logger = logging.getLogger(__name__)

PAGE = "performance.md"
PLOT = "performance-scaling.png"
GOAL_FINITE = 50.0
GOAL_SYMBOLIC = 10.0


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it over.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a.txt", lambda p: p.write_text("hi"))
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('hi', ['a.txt'])
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix,
                                    dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    value = seconds * 1000
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _ratio(slow: float | None, fast: float | None) -> str:
    if slow is None or fast is None or fast <= 0:
        return "—"
    ratio = slow / fast
    if ratio >= 100:
        return f"{ratio:.0f}×"
    if ratio >= 1:
        return f"{ratio:.1f}×"
    return f"{ratio:.2g}×"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _geometric_mean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def _machine() -> list[str]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    shown_load = (f"{load[0]:.2f} (1-minute load average at the end of the run)"
                  if load else "unknown")
    return _table(("item", "value"), [
        ("platform", platform.platform()),
        ("processor", platform.processor() or platform.machine()),
        ("CPU count", str(os.cpu_count())),
        ("Python", platform.python_version()),
        ("numpy", numpy.__version__),
        ("sympy", sympy.__version__),
        ("hypothesis", hypothesis.__version__),
        ("date", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("load", shown_load),
    ])


def _summary(results: Results) -> list[str]:
    rows = []
    holding = [r for r in results.headline if r.verdict == "exhaustive"]
    if holding:
        worst = min(holding, key=lambda r: r.baseline / r.vectorised)
        rows.append((
            "finite, order 27, 3-variable laws that hold: vectorised vs nested "
            "loops (lowest law)",
            _ms(worst.vectorised), _ms(worst.baseline),
            _ratio(worst.baseline, worst.vectorised), f"≥ {GOAL_FINITE:.0f}×"))
        ratios = [r.generic / r.vectorised for r in holding if r.generic]
        rows.append((
            "finite, same laws: vectorised vs generic exhaustive (geometric mean)",
            "—", "—", f"{_geometric_mean(ratios):.1f}×", "—"))
    stated = [r for r in results.symbolic if r.baseline is not None]
    if stated:
        diffalg = sum(r.diffalg for r in stated)
        baseline = sum(r.baseline or 0.0 for r in stated)
        rows.append((f"symbolic, whole report ({len(stated)} laws): staged "
                     "decision vs simplify", _ms(diffalg), _ms(baseline),
                     _ratio(baseline, diffalg), f"≥ {GOAL_SYMBOLIC:.0f}×"))
        warm = sum(r.diffalg_warm for r in stated)
        baseline_warm = sum(r.baseline_warm or 0.0 for r in stated)
        rows.append(("symbolic, same laws, warm sympy cache (a report checked "
                     "in one process)", _ms(warm), _ms(baseline_warm),
                     _ratio(baseline_warm, warm), "—"))
        floor = sum(r.evaluation or 0.0 for r in stated)
        rows.append(("symbolic, same laws: generic evaluation alone (the first "
                     "step of both; baseline / this bounds the ratio)",
                     _ms(floor), _ms(baseline), _ratio(baseline, floor), "—"))
        agree = sum(1 for r in stated if r.agrees)
        rows.append(("symbolic, laws where both prove or both do not",
                     f"{agree} of {len(stated)}", "—", "—", "all"))
    if results.sampling:
        hypothesis_time = sum(r.hypothesis for r in results.sampling)
        plain = sum(r.plain for r in results.sampling)
        rows.append(("random checking, all sampled laws: Hypothesis vs plain "
                     "random loop", _ms(hypothesis_time), _ms(plain),
                     _ratio(plain, hypothesis_time), "—"))
    if results.one_second is not None:
        order, seconds = results.one_second
        rows.append(("largest Z/n whose distrib_left check takes under 1 s "
                     "of CPU (vectorised)", f"n = {order} ({_ms(seconds)} ms, "
                     f"{order**3:,} tuples)", "—", "—", "—"))
    for memory in results.memory:
        rows.append((f"peak traced memory, {memory.law} on {memory.structure} "
                     f"({memory.tuples:,} tuples)",
                     f"{memory.peak_bytes / 2**20:.1f} MiB", "—", "—", "—"))
    return _table(("measurement", "diffalg (ms)", "baseline (ms)",
                   "ratio (baseline / diffalg)", "goal"), rows)


def _finite(results: Results) -> list[str]:
    rows = [(r.law, r.verdict, _ms(r.vectorised), _ms(r.baseline),
             _ratio(r.baseline, r.vectorised), _ms(r.generic),
             _ratio(r.generic, r.vectorised)) for r in results.headline]
    return _table(("law", "verdict", "vectorised (ms)", "nested loops (ms)",
                   "ratio", "generic (ms)", "ratio"), rows)


def _series(points: Sequence[ScalingPoint], series: str, label: str) -> list[str]:
    chosen = [p for p in points if p.series == series]
    xs = sorted({p.x for p in chosen})
    methods = list(dict.fromkeys(p.method for p in chosen))
    times = {(p.method, p.x): p.seconds for p in chosen}
    rows = []
    for x in xs:
        fast = times.get(("vectorised", x))
        row = [str(x)]
        for method in methods:
            row.append(_ms(times.get((method, x))))
        for method in methods:
            if method != "vectorised":
                row.append(_ratio(times.get((method, x)), fast))
        rows.append(row)
    header = [label] + [f"{m} (ms)" for m in methods]
    header += [f"{m} / vectorised" for m in methods if m != "vectorised"]
    return _table(header, rows)


def _symbolic(results: Results) -> list[str]:
    rows = []
    for r in results.symbolic:
        agree = {True: "yes", False: "NO", None: "—"}[r.agrees]
        baseline = "—" if r.baseline_zero is None else (
            "zero" if r.baseline_zero else "not zero")
        rows.append((r.structure, r.law, r.verdict, _ms(r.diffalg), baseline,
                     _ms(r.baseline), _ratio(r.baseline, r.diffalg),
                     _ms(r.evaluation), _ms(r.diffalg_warm), _ms(r.baseline_warm),
                     agree))
    return _table(("instance", "law", "diffalg verdict", "diffalg (ms)",
                   "simplify", "simplify (ms)", "ratio", "evaluation (ms)",
                   "diffalg warm (ms)", "simplify warm (ms)", "agree"), rows)


def _profile(results: Results) -> list[str]:
    rows = [(line.function.replace("|", "\\|"), str(line.calls),
             _ms(line.cumulative)) for line in results.profile]
    lines = [f"Profiled time of the staged decision over the same laws: "
             f"{_ms(results.profile_total)} ms (cProfile, cold cache per law; "
             "profiling slows every call).", ""]
    return lines + _table(("function", "calls", "cumulative (ms)"), rows)


def _sampling(results: Results) -> list[str]:
    rows = []
    for r in results.sampling:
        rows.append((r.structure, r.law, str(r.examples),
                     f"{r.examples / r.hypothesis:.0f}", f"{r.examples / r.plain:.0f}",
                     _ratio(r.hypothesis, r.plain), _ms(r.hypothesis_one)))
    return _table(("instance", "law", "examples", "Hypothesis (examples/s)",
                   "plain random (examples/s)", "Hypothesis time / plain time",
                   "Hypothesis, 1 example (ms)"), rows)


def _shrinking(results: Results) -> list[str]:
    rows = [(r.structure, r.law, _ms(r.seconds), f"{r.budget:g} s",
             f"{100 * r.seconds / r.budget:.2f} %", r.witness)
            for r in results.shrinking]
    return _table(("instance", "law", "sampling + shrinking (ms)", "budget",
                   "share of budget", "shrunk witness"), rows)


def render(results: Results, plot_written: bool, quick: bool) -> str:
    """Return the Markdown page for ``results``."""
    config = results.config
    lines = [
        "# Performance of the law checker",
        "",
        "Generated by `python -m benchmarks"
        + (" --quick" if quick else "") + "`; do not edit by hand.  Every "
        "ratio compares diffalg with a baseline measured in the same run on "
        "the same machine, next to both absolute times.  Times are the "
        f"shortest of {config.repeats} run(s), in CPU time of the benchmark "
        "process (`time.process_time`), which leaves out the time other "
        "processes held the CPU; the shrinking times are wall-clock "
        f"(`time.perf_counter`).  The whole run took {results.seconds:.1f} s "
        "of wall-clock time.",
        "",
        "## Machine",
        "",
        *_machine(),
        "## Summary",
        "",
        *_summary(results),
        "## Finite carriers",
        "",
        "Three-variable laws on `F3[t]/(t^3)` (27 elements) turned into "
        "tables with `diffalg.checking.vectorised.tabulate`.  *Vectorised* is "
        "`check_vectorised` (numpy, blocks of at most "
        f"{results.chunk_elements:,} tuples, one int64 array per subterm and "
        "block).  *Nested loops* is the baseline: Python loops over every "
        "tuple, each term evaluated recursively on list tables.  *Generic* is "
        "`check_exhaustively` on the same structure, which evaluates through "
        "the structure's callables and records a trace.  `comp_assoc` fails, "
        "so every method stops at its first failing tuple.",
        "",
        *_finite(results),
        "## Scaling",
        "",
        ("![cost against carrier order, derivations and term size]"
         f"({PLOT})" if plot_written else
         "No plot: matplotlib is not installed (install the `bench` extra)."),
        "",
        "### Carrier order",
        "",
        "`distrib_left` (3 variables, n³ tuples) on `Z/n` with a zero "
        "derivation, as tables.",
        "",
        *_series(results.orders, "order", "n"),
        "### Number of derivations",
        "",
        "Every applicable law of the 9-element `F3[t]/(t^2)` (tabulated) with "
        "k derivations `c·d/dt`; there are k(k−1)/2 commutation laws, so the "
        "report grows quadratically in k.  *Vectorised* is `decide` on each "
        "law, *generic* is `check_exhaustively` on each law.",
        "",
        *_series(results.derivations, "derivations", "derivations"),
        "### Term size",
        "",
        "`((a·b)·c)·… = a·(b·(c·…))` with growing length on the 27-element "
        "table; the x value is the number of nodes of both sides.",
        "",
        *_series(results.term_sizes, "term size", "nodes"),
        "## Symbolic carriers",
        "",
        "*diffalg* is `decide` (the staged decision: generic evaluation and "
        "`expand`, small candidates, `simplify`, sampling).  The baseline "
        "evaluates the same terms on the same generic functions and calls "
        "`sympy.simplify(lhs - rhs) == 0`.  *Evaluation* is the step both "
        "start with: building the generic functions and evaluating the two "
        "sides, without simplifying.  Each timing starts from a cleared "
        "sympy cache and a garbage collection, as in the checker, which "
        "decides each law in a forked child that keeps nothing the previous "
        "law cached.  The *warm* columns time the same calls after every law "
        "of the instance ran once in the process, as `check(..., "
        "timeout=None)` does.  The baseline cannot state a "
        "law with premises (`add_cancel`), so those rows have no baseline "
        "and are left out of the totals.",
        "",
        *_symbolic(results),
        *_profile(results),
        "## Random checking",
        "",
        "`check_by_sampling` (Hypothesis, seed 0, generation and shrinking "
        "phases) against a loop that draws the same number of examples with "
        "`random.Random(0)` from a generator shaped like the instance's "
        "strategy and calls `check_at` on each.  The last column is a "
        "Hypothesis run with a single example: its fixed cost per law.",
        "",
        *_sampling(results),
    ]
    if results.shrinking:
        lines += ["Shrinking: failing laws sampled with 200 examples; the "
                  "budget is the checker's default time limit per law.", "",
                  *_shrinking(results)]
    return "\n".join(lines).rstrip() + "\n"


def plot(results: Results, path: Path) -> bool:
    """Draw the three scaling series into ``path``; ``False`` without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        logger.warning("matplotlib is not installed: no plot written")
        return False
    panels = [(results.orders, "order", "carrier order n"),
              (results.derivations, "derivations", "number of derivations"),
              (results.term_sizes, "term size", "nodes in the law")]
    figure, axes = plt.subplots(1, 3, figsize=(13, 4))
    for axis, (points, series, label) in zip(axes, panels, strict=True):
        chosen = [p for p in points if p.series == series]
        for method in dict.fromkeys(p.method for p in chosen):
            mine = sorted((p.x, p.seconds) for p in chosen if p.method == method)
            axis.plot([x for x, _ in mine], [s * 1000 for _, s in mine],
                      marker="o", label=method)
        if series == "order":
            axis.set_xscale("log")
        axis.set_xlabel(label)
        axis.set_ylabel("time (ms)")
        axis.set_yscale("log")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    figure.suptitle("diffalg exhaustive checking: cost against problem size")
    figure.tight_layout()
    def save(target: Path) -> None:
        figure.savefig(target, dpi=100, format="png")

    write_atomically(path, save)
    plt.close(figure)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and write the page and the plot; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smallest sizes, one repeat (a few seconds)")
    parser.add_argument("--output-dir", type=Path,
                        default=Path(__file__).resolve().parent.parent / "docs",
                        help="folder for performance.md and the plot "
                             "(default: the repository's docs/)")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = Config.quick() if arguments.quick else Config()
    results = run_all(config)
    folder: Path = arguments.output_dir
    plot_written = plot(results, folder / PLOT)
    page = render(results, plot_written, arguments.quick)
    def save(target: Path) -> None:
        target.write_text(page, encoding="utf-8")

    write_atomically(folder / PAGE, save)
    print(f"wrote {folder / PAGE}" + (f" and {folder / PLOT}" if plot_written else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
