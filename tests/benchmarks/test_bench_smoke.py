"""The quick benchmark run writes a page whose tables have the right shape."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from benchmarks.run import main, write_atomically

SECTIONS = ("## Machine", "## Summary", "## Finite carriers", "## Scaling",
            "## Symbolic carriers", "## Random checking")


def tables(page: str) -> list[list[list[str]]]:
    """Split the Markdown tables of ``page`` into rows of cells."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in page.splitlines():
        if line.startswith("|"):
            current.append([cell.strip() for cell in line.strip("|").split("|")])
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("bench")
    assert main(["--quick", "--output-dir", str(folder)]) == 0
    return folder, (folder / "performance.md").read_text(encoding="utf-8")


def test_page_has_every_section(page: tuple[Path, str]) -> None:
    _, text = page
    for heading in SECTIONS:
        assert heading in text


def test_tables_are_rectangular(page: tuple[Path, str]) -> None:
    _, text = page
    found = tables(text)
    assert len(found) >= 8
    for table in found:
        width = len(table[0])
        assert width >= 2
        assert all(set(cell) <= {"-", " "} for cell in table[1])
        for row in table[2:]:
            assert len(row) == width, row


def test_summary_rows_have_ratios(page: tuple[Path, str]) -> None:
    _, text = page
    summary = tables(text.split("## Summary", 1)[1])[0]
    assert summary[0][0] == "measurement"
    labels = [row[0] for row in summary[2:]]
    assert any(label.startswith("finite, order 27") for label in labels)
    assert any(label.startswith("symbolic, whole report") for label in labels)
    assert any(label.startswith("random checking") for label in labels)
    finite = next(row for row in summary[2:] if row[0].startswith("finite, order 27"))
    assert finite[3].endswith("×")


def test_machine_table_names_versions(page: tuple[Path, str]) -> None:
    _, text = page
    machine = tables(text.split("## Machine", 1)[1])[0]
    items = {row[0] for row in machine[2:]}
    assert {"platform", "CPU count", "Python", "numpy", "sympy", "hypothesis",
            "date"} <= items


def test_plot_written_with_matplotlib(page: tuple[Path, str]) -> None:
    folder, text = page
    if importlib.util.find_spec("matplotlib") is None:
        assert "No plot" in text
        assert not (folder / "performance-scaling.png").exists()
    else:
        image = (folder / "performance-scaling.png").read_bytes()
        assert image.startswith(b"\x89PNG")
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_atomic_write_keeps_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    target.write_text("old", encoding="utf-8")

    def failing(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, failing)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]
