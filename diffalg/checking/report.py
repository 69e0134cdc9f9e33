"""Reports: the verdicts of one structure, as data, JSON, Markdown and LaTeX.

A :class:`Report` holds one :class:`LawResult` per law and renders itself
for terminals, notebooks (``_repr_markdown_``, ``_repr_latex_``) and files.
JSON output is deterministic: keys are sorted and timings are left out
unless asked for, so the same check with the same seed gives the same bytes.

Main names: :class:`Report`, :class:`LawResult`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from diffalg.checking.verdicts import Verdict, VerdictKind
from diffalg.laws.law import Law


@dataclass(frozen=True)
class LawResult:
    """One law, its verdict, what was expected and whether they agree.

    ``expected`` is ``"holds"``, ``"fails"`` or ``"n/a"``.
    """

    law: Law
    verdict: Verdict
    expected: str
    as_expected: bool
    seconds: float

    def to_dict(self, *, timings: bool = False) -> dict[str, Any]:
        """Return a JSON-ready dictionary.

        >>> from diffalg.laws.catalog import semiring_laws
        >>> r = LawResult(semiring_laws()[1], Verdict(VerdictKind.PROVED, "x"),
        ...               "holds", True, 0.5)
        >>> sorted(r.to_dict())
        ['as_expected', 'expected', 'kind', 'latex', 'law', 'statement', 'verdict']
        """
        data: dict[str, Any] = {
            "law": self.law.id,
            "kind": self.law.kind,
            "statement": self.law.text(),
            "latex": self.law.latex(),
            "verdict": self.verdict.to_dict(),
            "expected": self.expected,
            "as_expected": self.as_expected,
        }
        if timings:
            data["seconds"] = round(self.seconds, 6)
        return data


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass(frozen=True)
class Report:
    """The verdicts of every checked law on one structure.

    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> report = check(get("boolean-identity"), ["d_one[d]"])
    >>> report.result("d_one[d]").verdict.witness.lhs
    'True'
    >>> print(report.to_markdown().splitlines()[0])
    ### boolean-identity
    """

    structure: str
    description: str
    equality: str
    seed: int
    max_examples: int
    timeout: float | None
    results: tuple[LawResult, ...]
    properties: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every verdict agrees with the structure's declarations."""
        return all(result.as_expected for result in self.results)

    @property
    def unexpected(self) -> tuple[LawResult, ...]:
        """The results that disagree with the declarations."""
        return tuple(r for r in self.results if not r.as_expected)

    def result(self, law_id: str) -> LawResult:
        """Return the result for ``law_id``, or raise ``KeyError``."""
        for result in self.results:
            if result.law.id == law_id:
                return result
        raise KeyError(f"report on {self.structure!r} has no law {law_id!r}")

    def counts(self) -> dict[str, int]:
        """Count results per verdict kind, in the kinds' order."""
        counts = {kind.value: 0 for kind in VerdictKind}
        for result in self.results:
            counts[result.verdict.kind.value] += 1
        return {k: v for k, v in counts.items() if v}

    def to_dict(self, *, timings: bool = False) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "structure": self.structure,
            "description": self.description,
            "equality": self.equality,
            "seed": self.seed,
            "max_examples": self.max_examples,
            "timeout": self.timeout,
            "ok": self.ok,
            "counts": self.counts(),
            "results": [r.to_dict(timings=timings) for r in self.results],
        }

    def to_json(self, *, timings: bool = False) -> str:
        """Return the report as JSON text with sorted keys."""
        return json.dumps(self.to_dict(timings=timings), indent=2,
                          sort_keys=True, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        """Return the report as a Markdown section with a table and witnesses."""
        lines = [f"### {self.structure}", ""]
        if self.description:
            lines += [self.description, ""]
        lines += [f"Equality: {self.equality}. Seed {self.seed}, "
                  f"{self.max_examples} examples per sampled law.", ""]
        lines += ["| law | statement | verdict | how | expected |",
                  "|---|---|---|---|---|"]
        for r in self.results:
            flag = "" if r.as_expected else " **unexpected**"
            lines.append(
                f"| `{r.law.id}` | {_cell(r.law.text())} | "
                f"{r.verdict.kind.value}{flag} | {_cell(_how(r.verdict))} | "
                f"{r.expected} |"
            )
        witnesses = [r for r in self.results if r.verdict.witness is not None]
        for r in witnesses:
            lines += ["", *witness_markdown(r)]
        return "\n".join(lines) + "\n"

    def to_latex(self) -> str:
        """Return the report as a LaTeX ``tabular``."""
        rows = [
            "\\begin{tabular}{lll}",
            "law & statement & verdict \\\\",
            "\\hline",
        ]
        for r in self.results:
            law_id = r.law.id.replace("_", "\\_")
            rows.append(f"\\texttt{{{law_id}}} & ${r.law.latex()}$ & "
                        f"{r.verdict.kind.value} \\\\")
        rows.append("\\end{tabular}")
        return "\n".join(rows) + "\n"

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        return self.to_latex()


def _how(verdict: Verdict) -> str:
    text = verdict.method
    if verdict.examples is not None:
        text += f"; {verdict.examples} examples, seed {verdict.seed}"
    if verdict.witness is not None:
        text += f"; witness {verdict.witness.describe_assignment()}"
    if verdict.error is not None:
        text += f"; {verdict.error}"
    if verdict.equality != "exact":
        text += f"; equality {verdict.equality}"
    for note in verdict.notes:
        text += f"; {note}"
    return text


def witness_markdown(result: LawResult) -> Sequence[str]:
    """Render the witness of ``result`` as Markdown lines.

    >>> from diffalg import check
    >>> from diffalg.instances import get
    >>> r = check(get("boolean-identity"), ["d_one[d]"]).results[0]
    >>> witness_markdown(r)[0]
    '#### `d_one[d]`: d(1) = 0'
    """
    witness = result.verdict.witness
    assert witness is not None
    lines = [f"#### `{result.law.id}`: {result.law.text()}", ""]
    lines.append(f"- witness: {witness.describe_assignment()}")
    lines.append(f"- left side: `{witness.lhs}`")
    lines.append(f"- right side: `{witness.rhs}`")
    for term, value in witness.subterms:
        lines.append(f"  - `{term}` = `{value}`")
    lines += ["", "```python", witness.replay, "```"]
    return lines
