"""The command line speaks Swedish, in help and in errors, through the real entry point."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planverk.cli.swedish import translate_error, value_type
from tests.conftest import ROOT

COMMAND_NAMES = ("validate", "schema", "regler", "status", "new", "init", "render", "diff", "fmt")


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planverk", *args],
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200", "TERMINAL_WIDTH": "200"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_help_is_swedish() -> None:
    run = _run("validate", "--help")
    assert run.returncode == 0
    for word in ("Användning:", "Flaggor", "Visa den här hjälpen och avsluta.", "Kontrollera"):
        assert word in run.stdout


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_help_names_value_types_in_swedish(command: str) -> None:
    run = _run(command, "--help")
    assert run.returncode == 0, run.stderr
    shown = set(re.findall(r"<([^<>|]+)>", run.stdout))
    assert shown <= {"heltal", "text", "sökväg", "sökväg …", "dokument", "format"}, shown
    assert "<bool>" not in run.stdout  # a flag takes no value


def test_value_types_in_swedish() -> None:
    assert value_type("<int>") == "<heltal>"
    assert value_type("<list[Path]>") == "<sökväg …>"
    assert value_type("<aktivitetsplan|handlingsplan>") == "<aktivitetsplan|handlingsplan>"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("valdate",), "planverk: fel: okänt kommando 'valdate' (menade du validate?)"),
        (("validate", "--bogus"), "planverk: fel: okänd flagga --bogus"),
        (("validate", "--format", "xml"), "'xml' är inte ett av 'text', 'json'"),
        (("diff", "2024", "2025", "2026"), "planverk: fel: oväntat argument: 2026"),
        (("render", "tjugo"), "ogiltigt värde för 'ÅR': det ska vara ett heltal"),
        (("status", "20x5"), "ogiltigt värde för 'ÅR': det ska vara ett heltal"),
        (("render", "2025", "-o"), "flaggan -o behöver ett värde\n  tips: kör 'planverk render"),
        (("diff", "2024", "2025", "--brief=ja"), "planverk: fel: flaggan --brief tar inget värde"),
    ],
)
def test_usage_errors_are_swedish_with_exit_2(args: tuple[str, ...], expected: str) -> None:
    run = _run(*args)
    assert run.returncode == 2
    assert expected in run.stderr
    assert "tips: kör 'planverk" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "Input should" not in run.stderr and "Got " not in run.stderr


def test_validate_through_python_m_on_shipped_plans() -> None:
    run = _run("validate")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("Inga fel i 7 filer.")


def test_unknown_error_text_passes_through() -> None:
    assert translate_error("Something new") == "Something new"
