"""The generated page ``docs/counterexamples.md``: every refutation, in full.

Part one lists, for every catalog instance and every law the checker refutes
on it (declared failures and properties that do not hold included), the
minimal witness, both sides, the value of every intermediate subterm and
the replay snippet.  Part two lists the questions of the axiom explorer
whose answer is *independent*, each with its countermodel's tables.

Main names: :func:`render_counterexamples_page`,
:func:`explorer_section`, :func:`witness_lines`.
"""

from __future__ import annotations

from diffalg.axioms.explore import Answer, Question
from diffalg.checking.report import LawResult
from diffalg.docs.checks import EXPLORER_MAX_SIZE, CheckCache
from diffalg.docs.display import markdown_cell, structure_tables_markdown
from diffalg.docs.law_page import GENERATED_NOTE


def _declared_reason(result: LawResult) -> str:
    if result.law.kind == "property":
        return "not declared for this instance, so expected to fail"
    for note in result.verdict.notes:
        if note.startswith("declared: "):
            return note.removeprefix("declared: ")
    if result.as_expected:
        return "declared to fail"
    return "**not declared: unexpected**"


def witness_lines(result: LawResult, structure: str) -> list[str]:
    """Render the witness of ``result`` on ``structure`` as Markdown lines.

    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> report = check(get("boolean-identity"), ["d_one[d]"])
    >>> lines = witness_lines(report.results[0], "boolean-identity")
    >>> lines[0]
    '### `d_one[d]` on `boolean-identity`'
    >>> "- witness: (no variables); left side `True`, right side `False`" in lines
    True
    """
    witness = result.verdict.witness
    if witness is None:
        raise ValueError(f"law {result.law.id!r} has no witness: its verdict is "
                         f"{result.verdict.kind.value}, not a refutation")
    lines = [
        f"### `{result.law.id}` on `{structure}`",
        "",
        f"`{result.law.text()}` ({result.law.summary}); "
        f"{_declared_reason(result)}.",
        "",
        f"- witness: {witness.describe_assignment()}; left side `{witness.lhs}`, "
        f"right side `{witness.rhs}`",
        f"- found by: {result.verdict.method}",
    ]
    if witness.subterms:
        lines += ["", "| subterm | value |", "|---|---|"]
        for term, value in witness.subterms:
            lines.append(f"| `{markdown_cell(term)}` | `{markdown_cell(value)}` |")
    lines += ["", "```python", witness.replay, "```"]
    return lines


def _countermodel_lines(name: str, question: Question, answer: Answer) -> list[str]:
    search = answer.search
    model = search.countermodel if search is not None else None
    if search is None or model is None:
        raise ValueError(f"explorer answer to {name!r} has no countermodel: its "
                         f"verdict is {answer.verdict}")
    goal = answer.theory.goal
    summary = question.summary[:1].upper() + question.summary[1:]
    if search.exhausted_up_to == model.size - 1:
        searched = "no smaller countermodel exists"
    else:
        searched = (f"z3 ruled out sizes up to {search.exhausted_up_to} only, so a "
                    "smaller one may exist")
    lines = [
        f"### `{name}`",
        "",
        f"{summary}. Hypotheses: "
        + ", ".join(f"`{h}`" for h in question.hypotheses)
        + f"; goal `{goal.id}`: `{goal.text()}`.",
        "",
        f"A countermodel with {model.size} elements, where 0 is the zero and "
        f"{model.one} the one; {searched}. Rerun: `diffalg explore {name}`.",
    ]
    if model.witness:
        assignment = ", ".join(f"{v} = {value}" for v, value in model.witness.items())
        lines += ["", f"The goal fails at {assignment}."]
    lines += ["", structure_tables_markdown(model.to_structure(name)).rstrip("\n")]
    return lines


def explorer_section(cache: CheckCache) -> list[str]:
    """Render the independence results of the axiom explorer as Markdown lines.

    The questions the cache's model search answers *independent* are listed
    with their countermodels; see :meth:`CheckCache.explorer_answers`.

    >>> lines = explorer_section(CheckCache(questions=["d_zero", "d_one"]))
    >>> lines[0], "### `d_one`" in lines, "### `d_zero`" in lines
    ('## Independence results of the axiom explorer', True, False)
    """
    lines = [
        "## Independence results of the axiom explorer",
        "",
        "Each named question of `diffalg explore` asks whether a goal follows "
        "from hypotheses. These are the ones a finite countermodel settles as "
        f"*independent*, found by z3 among carriers of at most "
        f"{EXPLORER_MAX_SIZE} elements and confirmed by the law checker. The "
        "questions that E proves are on [the explorer page](explorer.md).",
    ]
    for question, answer in cache.explorer_answers():
        if answer.verdict == "independent":
            lines += ["", *_countermodel_lines(question.name, question, answer)]
    return lines


def render_counterexamples_page(cache: CheckCache) -> str:
    """Render ``docs/counterexamples.md`` from the reports and the explorer.

    >>> cache = CheckCache(instances=["note-diagonal"], questions=["d_one"])
    >>> page = render_counterexamples_page(cache)
    >>> "replay('note-diagonal', 'chain[dx]', a='y', b='x')" in page
    True
    """
    lines = [
        GENERATED_NOTE,
        "",
        "# Counterexamples",
        "",
        "Every refutation the checker finds on the catalog instances, with "
        f"the witness it reports. {cache.settings_text()} A witness is the "
        "first failing assignment among the small candidate elements, or in "
        "exhaustive order on a finite carrier, so it is minimal in that "
        "order. The table under each witness gives the value of every "
        "subterm, and the snippet reproduces the failure when pasted into "
        "Python (`replay` returns both sides).",
        "",
        "## Refuted laws on catalog instances",
    ]
    for structure, report in cache.instances():
        refuted = [r for r in report.results if r.verdict.witness is not None]
        if not refuted:
            continue
        lines += ["", f"### Instance `{structure.name}`"]
        for result in refuted:
            shifted = ["#" + line if line.startswith("### ") else line
                       for line in witness_lines(result, structure.name)]
            lines += ["", *shifted]
    lines += ["", *explorer_section(cache)]
    return "\n".join(lines) + "\n"
