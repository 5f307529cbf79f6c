"""Operating-system errors reach the planner in Swedish, with the path and a hint, from
every command that writes: never "Read-only file system", "No space left on device" or
"Is a directory" as the library said it.

A full disk or a read-only file system cannot be made in a test without root privileges
the test may not have, so those are injected where planverk writes a temporary file (the
one place every write goes through); a folder where a file should be is real.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.test_badinput import english_in

FAULTS = {
    errno.EROFS: ("Read-only file system", "filsystemet är skrivskyddat"),
    errno.ENOSPC: ("No space left on device", "disken är full"),
    errno.EACCES: ("Permission denied", "behörighet att skriva saknas"),
    errno.EIO: ("Input/output error", "disken svarade med ett läs- eller skrivfel"),
}


def _failing_mkstemp(code: int) -> Callable[..., tuple[int, str]]:
    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        folder, prefix = str(kwargs.get("dir") or "."), str(kwargs.get("prefix") or "")
        raise OSError(code, os.strerror(code), os.path.join(folder, f"{prefix}x.tmp"))

    return mkstemp


COMMANDS = {
    "render": ("render", "2025", "-o", "build/ap.docx"),
    "status": ("status", "2025", "-f", "md", "-o", "build/status.md"),
    "schema": ("schema", "--out", "build/schemas"),
    "fmt": ("fmt",),
    "new": ("new", "2026"),
}


@pytest.mark.parametrize("code", sorted(FAULTS), ids=[FAULTS[c][0] for c in sorted(FAULTS)])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_write_that_fails_is_told_in_swedish(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, command: str, code: int
) -> None:
    if command == "fmt":  # give fmt something to write
        ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
        ap.write_text(ap.read_text(encoding="utf-8").replace("år: 2025", "år:   2025"))
    (minimal / "build").mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", _failing_mkstemp(code))
    run = cli(*COMMANDS[command])
    output = run.stdout + run.stderr
    english, swedish = FAULTS[code]
    assert run.exit_code in (1, 2), output
    assert swedish in output, output
    assert english not in output and english_in(output) is None, output
    assert "x.tmp" not in output, "the temporary file is not what the planner asked for"


@pytest.mark.parametrize(
    "args",
    [
        ("status", "2025", "-f", "md", "-o", "build/mapp"),
        ("render", "2025", "-f", "md", "-o", "build/mapp"),
        ("diff", "2025", "2025", "-f", "md", "-o", "build/mapp"),
    ],
    ids=["status", "render", "diff"],
)
def test_a_folder_where_a_file_should_be(minimal: Path, args: tuple[str, ...]) -> None:
    (minimal / "build" / "mapp").mkdir(parents=True)
    run = cli(*args)
    output = run.stdout + run.stderr
    assert run.exit_code == 2, output
    assert "mapp" in run.stderr and english_in(output) is None, output


def test_a_file_where_a_folder_should_be(minimal: Path) -> None:
    (minimal / "build").write_text("", encoding="utf-8")
    run = cli("schema", "--out", "build")
    output = run.stdout + run.stderr
    assert run.exit_code == 2, output
    assert "build kan inte skrivas" in run.stderr and english_in(output) is None, output


def test_a_plan_file_that_cannot_be_read_again_is_named_in_swedish(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fmt reads a file a second time just before replacing it."""
    from planverk.edit import canonical

    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(ap.read_text(encoding="utf-8").replace("år: 2025", "år:   2025"))
    calls = {"n": 0}
    real = canonical.read_plan_file

    def flaky(path: Path, **kwargs: object) -> bytes:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.EIO, "Input/output error", str(path))
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(canonical, "read_plan_file", flaky)
    run = cli("fmt", str(ap))
    output = run.stdout + run.stderr
    assert "kan inte läsa filen igen: disken svarade med ett läs- eller skrivfel" in output
    assert english_in(output) is None, output


def test_a_broken_pyproject_is_a_finding_in_swedish_at_its_line(minimal: Path) -> None:
    (minimal / "pyproject.toml").write_text(
        '[tool.planverk.regler]\nPV204 "varning"\n', encoding="utf-8"
    )
    run = cli("validate")
    assert "pyproject.toml:2:7: PV013 fel: pyproject.toml kan inte läsas: TOML-syntaxfel" in (
        run.stdout
    )
    assert english_in(run.stdout) is None, run.stdout
    (minimal / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    assert cli("validate").exit_code == 0  # not a table: nothing for planverk in it
