"""All files or none: a failure while the reports are written leaves every plan as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planverk.core import atomic
from planverk.intake.commit import ChangedMeanwhile, FileChange, write_all
from tests.conftest import cli
from tests.intake.helpers import fill_all, make, plan_bytes


def test_a_failing_rename_puts_back_the_files_already_replaced(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled = fill_all(make("2025", "helår"))
    before = plan_bytes(shipped)
    real = os.replace
    calls: list[str] = []

    def second_fails(source: str, target: object) -> None:
        calls.append(source)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", second_fails)
    run = cli("import", *map(str, filled))
    monkeypatch.setattr(atomic.os, "replace", real)

    assert run.exit_code == 2
    assert "planverk: fel: ingenting skrevs: " in run.stderr
    assert "kan inte skrivas: disken är full" in run.stderr
    assert len(calls) >= 3  # two renames into place, then the first one put back
    assert plan_bytes(shipped) == before
    leftovers = [p.name for p in (shipped / "plans").rglob(".*") if p.is_file()]
    assert leftovers == []


def test_a_file_changed_meanwhile_is_not_written(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(b"a: 1\n")
    second.write_bytes(b"b: 2\n")
    changes = [FileChange(first, b"a: 1\n", b"a: 10\n"), FileChange(second, b"b: 1\n", b"b: 20\n")]
    with pytest.raises(ChangedMeanwhile):
        write_all(changes)
    assert (first.read_bytes(), second.read_bytes()) == (b"a: 1\n", b"b: 2\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
    write_all([FileChange(first, b"a: 1\n", b"a: 10\n"), FileChange(second, b"b: 2\n", b"b: 20\n")])
    assert (first.read_bytes(), second.read_bytes()) == (b"a: 10\n", b"b: 20\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
