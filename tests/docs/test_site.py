"""The documentation site builds with ``mkdocs build --strict``."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None
    or importlib.util.find_spec("mkdocstrings") is None,
    reason="mkdocs and mkdocstrings are not installed (pip install -e '.[docs]')")


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(config), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_site_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    completed = build(ROOT / "mkdocs.yml", site)
    assert completed.returncode == 0, completed.stderr

    for page in ("laws", "instances", "properties", "counterexamples",
                 "getting-started", "note-structure", "tutorial", "graphs",
                 "explorer", "performance", "proofs/d-one-independent"):
        assert (site / page / "index.html").is_file(), page

    checking = (site / "reference" / "checking" / "index.html").read_text(
        encoding="utf-8")
    assert "diffalg.checking.checker.check" in checking
    assert '<span class="gp">&gt;&gt;&gt;' in checking  # pycon prompts
    assert "<blockquote>" not in checking  # doctests are not block quotes

    proof = (site / "proofs" / "d-one-independent" / "index.html").read_text(
        encoding="utf-8")
    assert "does not follow from the semiring and derivation axioms" in proof


def test_broken_link_fails_strict_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "getting-started.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nSee [a missing page](no-such-page.md).\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("- diffalg/docs/site_hooks.py",
                        f"- {ROOT / 'diffalg' / 'docs' / 'site_hooks.py'}")
    text = text.replace("paths: [.]", f"paths: [{ROOT}]")
    text = text.replace("- diffalg/docs/docstrings.py:",
                        f"- {ROOT / 'diffalg' / 'docs' / 'docstrings.py'}:")
    config.write_text(text, encoding="utf-8")
    (tmp_path / "proofs").mkdir()

    completed = build(config, tmp_path / "site")
    assert completed.returncode != 0
    assert "no-such-page.md" in completed.stderr

