"""The generated page ``docs/instances.md``: every registered instance.

For each instance: its summary, carrier, equality, derivations, ``∘′``,
declared properties and known failures with their reasons, the Cayley
tables of a small finite carrier, and the counts of its check verdicts with
the settings of :mod:`diffalg.docs.checks`.

Main names: :func:`render_instances_page`, :func:`verdict_counts_text`.
"""

from __future__ import annotations

from diffalg.checking.report import Report
from diffalg.docs.checks import CheckCache
from diffalg.docs.display import structure_facts, structure_tables_markdown
from diffalg.docs.law_page import GENERATED_NOTE
from diffalg.instances.registry import summary


def verdict_counts_text(report: Report) -> str:
    """Return the verdict counts of ``report`` as ``exhaustive: 17, …``.

    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> verdict_counts_text(check(get("boolean-identity"), ["d_one[d]"]))
    'known failure: 1'
    """
    return ", ".join(f"{kind}: {count}" for kind, count in report.counts().items())


def _check_lines(report: Report) -> list[str]:
    lines = [f"- check: {verdict_counts_text(report)}; "
             + ("every verdict as declared" if report.ok
                else "**unexpected verdicts**: "
                + ", ".join(f"`{r.law.id}` ({r.verdict.kind.value})"
                            for r in report.unexpected))]
    return lines


def render_instances_page(cache: CheckCache) -> str:
    """Render ``docs/instances.md`` from the registry and the check reports.

    >>> page = render_instances_page(CheckCache(instances=["boolean-identity"]))
    >>> "## `boolean-identity`" in page
    True
    >>> print(page.split("- check: ")[1].splitlines()[0])
    exhaustive: 17, not applicable: 5, known failure: 2; every verdict as declared
    """
    lines = [
        GENERATED_NOTE,
        "",
        "# Instances",
        "",
        "Every instance in the registry (`diffalg list`), with what it is "
        "built from and what it declares: the properties that hold (every "
        "other property is expected to fail) and the laws that are known to "
        "fail, each with the reason. The check line counts the verdicts of "
        f"`diffalg check NAME`. {cache.settings_text()} The witnesses of the "
        "failures are on [the counterexamples page](counterexamples.md), and "
        "the properties side by side in [the property table](properties.md).",
    ]
    for structure, report in cache.instances():
        lines += ["", f"## `{structure.name}`", "", summary(structure.name) + "."]
        if structure.description:
            lines += ["", structure.description]
        lines += ["", *structure_facts(structure), *_check_lines(report)]
        tables = structure_tables_markdown(structure)
        if tables:
            lines += ["", "Operations on the carrier:", "", tables.rstrip("\n")]
    return "\n".join(lines) + "\n"
