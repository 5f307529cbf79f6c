"""Shared fixtures: a minimal valid plan set, the shipped plans, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planverk.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def minimal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the minimal plan set; the working folder is its root."""
    target = tmp_path / "region"
    shutil.copytree(MINIMAL, target)
    monkeypatch.chdir(target)
    yield target


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped plans/ (and templates/), safe to edit; the working folder."""
    target = tmp_path / "repo"
    target.mkdir()
    shutil.copytree(ROOT / "plans", target / "plans")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", target / "templates")
    monkeypatch.chdir(target)
    yield target


def cli(*args: str) -> Run:
    """Run the planverk command in-process through its real entry point, as a user would from
    the shell: ``planverk.cli.app.main``, where the Swedish errors and exit codes live.

    An exception the entry point does not turn into a message is re-raised (with
    PLANVERK_DEBUG set, as a developer would run it), so a test sees the bug itself instead
    of exit code 3.
    """
    with CliRunner().isolation(env={"PLANVERK_DEBUG": "1"}) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        stdout = out.getvalue().decode("utf-8", "replace")
        stderr = err.getvalue().decode("utf-8", "replace")
    return Run(code, stdout, stderr)
