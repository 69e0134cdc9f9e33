"""The generated pages are current, deterministic, and staleness is caught."""

from __future__ import annotations

import argparse
import os
import re
import shutil
from pathlib import Path

import pytest

from diffalg import check
from diffalg.checking.report import Report
from diffalg.docs import command
from diffalg.docs.checks import CheckCache
from diffalg.docs.display import (
    law_latex,
    law_markdown,
    structure_latex,
    structure_markdown,
    structure_tables_markdown,
)
from diffalg.docs.docstrings import docstring_to_markdown
from diffalg.docs.pages import (
    PAGES,
    default_docs_dir,
    render_pages,
    stale_pages,
    write_atomically,
    write_pages,
)
from diffalg.docs.site_hooks import OPTIONAL_PAGES, extra_files
from diffalg.instances import get, names
from diffalg.laws import laws_for
from diffalg.structures import finite_structure

DOCS = default_docs_dir()


@pytest.fixture(scope="module")
def cache() -> CheckCache:
    return CheckCache()


@pytest.fixture(scope="module")
def rendered(cache: CheckCache) -> dict[str, str]:
    return render_pages(cache)


def parse_docs(arguments: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="diffalg")
    command.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(arguments)


def test_pages_match_generator(rendered: dict[str, str]) -> None:
    assert sorted(rendered) == sorted(page.filename for page in PAGES)
    for filename, text in rendered.items():
        on_disk = (DOCS / filename).read_text(encoding="utf-8")
        assert on_disk == text, f"docs/{filename} is stale: run 'diffalg docs --write'"


def test_rendering_is_deterministic() -> None:
    subset = {"instances": ["boolean-identity", "univariate"],
              "questions": ["d_one", "chain_agree"]}
    first = render_pages(CheckCache(**subset))
    second = render_pages(CheckCache(**subset))
    assert first == second


def test_pages_have_no_timings_or_dates(rendered: dict[str, str]) -> None:
    for filename, text in rendered.items():
        assert not re.search(r"\d+\.\d+ ?s\b", text), filename
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), filename


def test_every_instance_on_pages(rendered: dict[str, str]) -> None:
    for name in names():
        assert f"## `{name}`" in rendered["instances.md"], name
        assert f"| `{name}` |" in rendered["properties.md"], name


def test_every_witness_on_counterexamples(rendered: dict[str, str],
                                          cache: CheckCache) -> None:
    page = rendered["counterexamples.md"]
    for name in ("boolean-identity", "note-diagonal", "Qxy-dx-xdy"):
        for result in cache.report(name).results:
            witness = result.verdict.witness
            if witness is None:
                continue
            assert witness.replay in page, (name, result.law.id)


def test_every_law_on_laws_page(rendered: dict[str, str]) -> None:
    page = rendered["laws.md"]
    for law in laws_for(["dx", "dy"], composition=True):
        if law.id.endswith("[dy]"):
            continue
        assert f"| `{law.id}` |" in page, law.id
        assert f"${law.latex()}$" in page, law.id


def test_edited_page_is_stale(rendered: dict[str, str], tmp_path: Path) -> None:
    for filename in rendered:
        shutil.copy(DOCS / filename, tmp_path / filename)
    assert stale_pages(tmp_path, rendered) == []
    edited = tmp_path / "instances.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "an edit\n",
                      encoding="utf-8")
    (tmp_path / "laws.md").unlink()
    assert stale_pages(tmp_path, rendered) == ["laws.md", "instances.md"]


def test_check_command_names_stale_page(
    rendered: dict[str, str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(command, "render_pages", lambda cache: rendered)
    for filename in rendered:
        shutil.copy(DOCS / filename, tmp_path / filename)
    args = parse_docs(["docs", "--check", "--docs-dir", str(tmp_path)])
    assert args.run(args) == 0

    page = tmp_path / "properties.md"
    page.write_text(page.read_text(encoding="utf-8").replace("holds", "fails", 1),
                    encoding="utf-8")
    capsys.readouterr()
    assert args.run(args) == 1
    captured = capsys.readouterr()
    assert "stale     " + str(page) in captured.out
    assert "1 stale page(s): properties.md" in captured.err

    write = parse_docs(["docs", "--write", "--docs-dir", str(tmp_path)])
    assert write.run(write) == 0
    assert page.read_text(encoding="utf-8") == rendered["properties.md"]
    assert args.run(args) == 0


def test_docs_command_needs_mode() -> None:
    with pytest.raises(SystemExit):
        parse_docs(["docs"])
    with pytest.raises(SystemExit):
        parse_docs(["docs", "--check", "--write"])


def test_write_pages_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_pages(tmp_path / "missing", {"a.md": "x\n"})


def test_failed_write_keeps_old_page(tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "page.md"
    target.write_text("old\n", encoding="utf-8")

    def fail(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_structure_markdown_finite() -> None:
    text = structure_markdown(get("F2[t]/(t^2)"))
    assert text.startswith("**F2[t]/(t^2)**")
    assert "| ∘′ | 0 | 1 | t | 1 + t |" in text
    assert "| **t** | 0 | t | 0 | t |" in text  # the row of t in the · table
    assert "declared properties: `mul_comm`, `add_cancel`" in text


def test_structure_markdown_symbolic() -> None:
    text = structure_markdown(get("note-diagonal"))
    assert "infinite and symbolic" in text
    assert "`chain[dx]`: ∂(a(b,b,b))" in text
    assert "| + |" not in text


def test_structure_latex() -> None:
    finite = structure_latex(get("boolean-identity"))
    assert finite.startswith("$$")
    assert finite.endswith("$$")
    assert finite.count("\\begin{array}") == finite.count("\\end{array}") == 2
    assert finite.count("{") == finite.count("}")
    symbolic = structure_latex(get("Qxy-dx-xdy"))
    assert "\\{\\partial_{x}, \\operatorname{xdy}\\}" in symbolic
    assert "\\circ'" not in symbolic


def test_tables_reject_value_outside_carrier() -> None:
    broken = finite_structure("broken", [[0, 1], [1, 1]], [[0, 0], [0, 1]],
                              derivations={"d": [0, 1]})
    leaking = type(broken)(broken.name, type(broken.semiring)(
        "leaky", 0, 1, add=lambda a, b: 7, mul=broken.semiring.mul,
        elements=(0, 1)), broken.derivations)
    with pytest.raises(ValueError, match="produced 7"):
        structure_tables_markdown(leaking)


def test_law_renderings() -> None:
    chain = next(x for x in laws_for(["dx"], composition=True)
                 if x.id == "chain[dx]")
    markdown = law_markdown(chain)
    assert "**`chain[dx]`** (axiom)" in markdown
    assert "- assumes: derivation dx, ∘′" in markdown
    latex = law_latex(chain)
    assert latex.startswith("$\\partial_{x}\\left(a \\circ' b\\right) = ")
    assert latex.endswith("\\text{(chain[dx], axiom)}$")


def test_report_notebook_renderings() -> None:
    report: Report = check(get("boolean-identity"), ["d_one[d]", "mul_comm"])
    markdown = report._repr_markdown_()
    assert markdown == report.to_markdown()
    assert "| `d_one[d]` | d(1) = 0 | known failure |" in markdown
    latex = report._repr_latex_()
    assert latex.startswith("\\begin{tabular}")
    assert "\\texttt{d\\_one[d]} & $\\operatorname{d} 1 = 0$ & known failure" in latex


def test_docstring_doctests_become_fences() -> None:
    text = "Summary.\n\n    >>> x = 1\n    >>> x\n    1\n\nAfter."
    assert docstring_to_markdown(text).splitlines() == [
        "Summary.", "", "    ```pycon", "    >>> x = 1", "    >>> x", "    1",
        "    ```", "", "After."]


def test_site_hooks_list_proofs_and_placeholders(tmp_path: Path) -> None:
    (tmp_path / "proofs").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "proofs" / "x.md").write_text("# x\n", encoding="utf-8")
    pages = extra_files(tmp_path, tmp_path / "docs")
    assert pages[0] == ("proofs/x.md", str(tmp_path / "proofs" / "x.md"), None)
    assert [uri for uri, _, _ in pages[1:]] == list(OPTIONAL_PAGES)
    for filename in OPTIONAL_PAGES:
        (tmp_path / "docs" / filename).write_text("# t\n", encoding="utf-8")
    assert len(extra_files(tmp_path, tmp_path / "docs")) == 1


def test_structure_notebook_methods() -> None:
    structure = get("F2[t]/(t^2)")
    if not hasattr(structure, "_repr_markdown_"):
        pytest.skip("DifferentialSemiring has no notebook methods yet")
    assert structure._repr_markdown_() == structure_markdown(structure)
    assert structure._repr_latex_() == structure_latex(structure)


def test_law_notebook_methods() -> None:
    law = laws_for(["dx"], composition=True)[0]
    if not hasattr(law, "_repr_markdown_"):
        pytest.skip("Law has no notebook methods yet")
    assert law._repr_markdown_() == law_markdown(law)
    assert law._repr_latex_() == law_latex(law)


def test_reference_covers_every_module() -> None:
    documented: set[str] = set()
    for page in (DOCS / "reference").glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("::: "):
                documented.add(line.removeprefix("::: ").strip())
    modules = set()
    for path in (DOCS.parent / "diffalg").rglob("*.py"):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        relative = path.relative_to(DOCS.parent).with_suffix("")
        modules.add(".".join(relative.parts))
    assert sorted(modules - documented) == []
    assert sorted(documented - modules - {"diffalg"}) == []
