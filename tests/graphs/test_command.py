"""The ``graph`` subcommand, run through its own argparse parser."""

from __future__ import annotations

import argparse
import math
import shutil
from pathlib import Path

import pytest

from diffalg.graphs.command import parse_point, register


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="diffalg")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status


def printed_numbers(text: str) -> dict[str, float]:
    found = {}
    for line in text.splitlines():
        name, _, value = line.partition(" = ")
        try:
            found[name] = float(value)
        except ValueError:
            continue
    return found


def test_note_function_at_point(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph", "--example", "note-function", "--at", "x=1,y=2,z=0.5"]) == 0
    numbers = printed_numbers(capsys.readouterr().out)
    u = (1 - 4) * 0.5
    assert math.isclose(numbers["f"], math.exp(u), rel_tol=1e-3)
    assert math.isclose(numbers["∂f/∂x"], math.exp(u) * (1 + 2 * 0.5), rel_tol=1e-3)
    assert math.isclose(numbers["∂f/∂y"], -2 * 2 * 0.5 * math.exp(u), rel_tol=1e-3)
    assert math.isclose(numbers["∂f/∂z"], (1 - 4) * math.exp(u), rel_tol=1e-3)


def test_expression_text_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph", "x*exp((x**2 - y**2)*z)", "--at", "x=1,y=2,z=1/2"]) == 0
    from_text = printed_numbers(capsys.readouterr().out)
    run(["graph", "--example", "note-function", "--at", "x=1,y=2,z=0.5"])
    assert from_text == printed_numbers(capsys.readouterr().out)


def test_relu_and_sigmoid_from_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph", "relu(x - y) + sigmoid(x)", "--at", "x=0,y=1"]) == 0
    numbers = printed_numbers(capsys.readouterr().out)
    assert numbers["f"] == 0.5
    assert numbers["∂f/∂x"] == 0.25
    assert numbers["∂f/∂y"] == 0.0


def test_symbolic_gradient_without_point(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph", "--example", "note-function"]) == 0
    out = capsys.readouterr().out
    assert "f = x*exp(z*(x**2 - y**2))" in out
    assert "∂f/∂y = -2*x*y*z*exp(z*(x**2 - y**2))" in out


def test_note_network_written_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph", "--example", "note-network"]) == 0
    out = capsys.readouterr().out
    assert "o = a3_11*f(H2_1) + a3_12*f(H2_2) + b3_1" in out
    assert "H1_1 = a1_11*e1 + a1_12*e2 + b1_1" in out
    assert "o = a3_11*f(a2_11*f(a1_11*e1 + a1_12*e2 + b1_1)" in out
    assert r"o = a^{3}_{11} f{\left(" in out
    assert "∂o/∂b3_1 = 1" in out


def test_note_network_numeric(tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "net.dot"
    assert run(["graph", "--example", "note-network", "--activation", "relu",
                "--at", "e1=1,e2=-1/2", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "drawn with seed 0:" in out
    assert printed_numbers(out)["∂o/∂b3_1"] == 1.0
    assert target.read_text().startswith("digraph computation {")


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph"]) == 2
    assert "either EXPR or --example" in capsys.readouterr().err
    assert run(["graph", "--example", "note-function", "--at", "x=1"]) == 2
    assert "no value for y, z" in capsys.readouterr().err
    assert run(["graph", "x.__class__", "--at", "x=1"]) == 2
    assert "not allowed" in capsys.readouterr().err
    assert run(["graph", "--example", "note-network", "--at", "e1=1"]) == 2
    assert "--activation relu" in capsys.readouterr().err
    assert run(["graph", "--example", "note-function", "-o", "out.txt",
                "--at", "x=1,y=1,z=1"]) == 2
    assert ".svg, .png or .dot" in capsys.readouterr().err


def test_parse_point_rejects_bad_items() -> None:
    assert parse_point("a=1/4") == {"a": 0.25}
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_point("x1")
    with pytest.raises(ValueError, match="not a number"):
        parse_point("x=1/0")


@pytest.mark.skipif(shutil.which("dot") is None,
                    reason="Graphviz dot is not installed (Debian package graphviz)")
def test_svg_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.svg"
    assert run(["graph", "--example", "note-function", "--at", "x=1,y=2,z=0.5",
                "-o", str(target)]) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    assert "<svg" in target.read_text()
