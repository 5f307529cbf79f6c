"""Import discipline: a command imports only what it uses (not timed; see bench/ for that).

`planverk validate` runs on every commit and push, so it must not pay for the document
libraries that only render and diff need, nor for rich when no one looks at a terminal; the
top-level help must not even load the plan model.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCUMENT_LIBRARIES = ("docx", "lxml", "jinja2", "markdown_it", "openpyxl")
TERMINAL = ("rich",)


def imported(*args: str, cwd: Path) -> set[str]:
    """Every module ``python -X importtime -m planverk ARGS`` imports, by full name."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PLANVERK_DEBUG")}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planverk", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in run.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "planverk.cli.app" in modules, "no import times: was -X importtime ignored?"
    return modules


def offending(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages)


def test_validate_on_shipped_plans_imports_no_document_library_and_no_rich(
    shipped: Path,
) -> None:
    modules = imported("validate", cwd=shipped)
    assert "planverk.lint.validate" in modules
    assert offending(modules, DOCUMENT_LIBRARIES + TERMINAL) == []


@pytest.mark.parametrize("output_format", ["text", "json", "github", "gitlab"])
def test_validate_with_findings_imports_no_document_library(
    shipped: Path, output_format: str
) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("titel: Aktivitetsplan 2025", "titel: TODO"),
        encoding="utf-8",
    )
    modules = imported("validate", "--format", output_format, cwd=shipped)
    assert offending(modules, DOCUMENT_LIBRARIES + TERMINAL) == []


def test_help_imports_no_document_library_no_rich_and_not_the_plan_model() -> None:
    modules = imported("--help", cwd=ROOT)
    assert offending(modules, DOCUMENT_LIBRARIES + TERMINAL) == []
    # The command modules are read, not imported, for the list of commands.
    assert offending(modules, ("pydantic", "ruamel")) == []
    assert not any(m.startswith("planverk.model") for m in modules)
