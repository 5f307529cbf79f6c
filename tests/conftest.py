"""Shared fixtures: a minimal valid plan set, the shipped plans, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planverk.cli.app import app

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
    """Run the planverk command in-process, as a user would from the shell."""
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)
