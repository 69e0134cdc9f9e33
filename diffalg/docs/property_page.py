"""The generated page ``docs/properties.md``: instances against properties.

Each cell is the checker's verdict on one property of one instance, with the
settings of :mod:`diffalg.docs.checks`: *holds* with the method (proved,
exhaustive or sampled) or *fails* with the witness.  A verdict that
contradicts what the instance declares is marked **unexpected**.  A second
table gives the full account of how each verdict was reached.

Main names: :func:`render_properties_page`, :func:`property_cell`.
"""

from __future__ import annotations

from diffalg.checking.report import LawResult, Report
from diffalg.checking.verdicts import VerdictKind
from diffalg.docs.checks import CheckCache
from diffalg.docs.display import markdown_cell
from diffalg.docs.law_page import GENERATED_NOTE
from diffalg.laws.catalog import property_laws
from diffalg.structures.structure import PROPERTY_IDS


def property_cell(result: LawResult) -> str:
    """Render one property verdict as a short table cell.

    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> report = check(get("boolean-identity"), ["mul_comm", "add_cancel"])
    >>> property_cell(report.result("mul_comm"))
    'holds (exhaustive)'
    >>> property_cell(report.result("add_cancel"))
    'fails: a = False, b = True, c = True'
    """
    verdict = result.verdict
    if verdict.kind.holds:
        text = f"holds ({verdict.kind.value})"
    elif verdict.kind.fails and verdict.witness is not None:
        text = f"fails: {verdict.witness.describe_assignment()}"
    else:
        text = verdict.kind.value
    if not result.as_expected:
        text += f" **unexpected** (declared: {result.expected})"
    return markdown_cell(text)


def _how(result: LawResult) -> str:
    verdict = result.verdict
    kind = verdict.kind
    if kind is VerdictKind.KNOWN_FAILURE:
        text = f"refuted by {verdict.method}, and declared not to hold"
    else:
        text = f"{kind.value}: {verdict.method}"
    if verdict.examples is not None:
        text += f" ({verdict.examples} examples, seed {verdict.seed})"
    if verdict.equality != "exact":
        text += f"; equality {verdict.equality}"
    return markdown_cell(text)


def _property_results(report: Report) -> list[LawResult]:
    return [report.result(property_id) for property_id in PROPERTY_IDS]


def render_properties_page(cache: CheckCache) -> str:
    """Render ``docs/properties.md`` from the check reports.

    >>> page = render_properties_page(CheckCache(instances=["F2[t]/(t^2)"]))
    >>> row = [line for line in page.splitlines() if line.startswith("| `F2")][0]
    >>> row.split(" | ")[1:]
    ['holds (exhaustive)', 'fails: a = 1', 'fails: a = t', 'fails: a = 1',
     'holds (exhaustive) |']
    """
    laws = {law.id: law for law in property_laws()}
    header = "| instance | " + " | ".join(f"`{p}`" for p in PROPERTY_IDS) + " |"
    rule = "|---|" + "---|" * len(PROPERTY_IDS)
    lines = [
        GENERATED_NOTE,
        "",
        "# Properties",
        "",
        "Which optional properties each instance has, as decided by the law "
        f"checker. {cache.settings_text()} A property is a law like any "
        "other: *holds* means proved on generic elements, verified on every "
        "tuple of a finite carrier (exhaustive) or not refuted by the stated "
        "number of samples; *fails* names the witness, which "
        "[the counterexamples page](counterexamples.md) shows with both sides.",
        "",
    ]
    for property_id in PROPERTY_IDS:
        law = laws[property_id]
        lines.append(f"- `{property_id}`: {markdown_cell(law.text())} "
                     f"({law.summary})")
    lines += ["", header, rule]
    reports = cache.instances()
    for structure, report in reports:
        cells = [property_cell(result) for result in _property_results(report)]
        lines.append(f"| `{structure.name}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## How each verdict was decided",
        "",
        "The checker chooses the method by the carrier: exhaustive search "
        "when it is finite and small enough, a symbolic decision on generic "
        "elements when it is symbolic, and seeded Hypothesis sampling "
        "otherwise. Before sampling, small candidate elements are tried as "
        "witnesses.",
    ]
    for structure, report in reports:
        lines += ["", f"### `{structure.name}`", "",
                  "| property | declared | verdict and method |", "|---|---|---|"]
        for result in _property_results(report):
            lines.append(f"| `{result.law.id}` | {result.expected} | "
                         f"{_how(result)} |")
    return "\n".join(lines) + "\n"
