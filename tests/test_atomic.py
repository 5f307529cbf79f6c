"""write_atomic: the file appears whole, with ordinary permissions, or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planverk.core.atomic import write_atomic


def test_new_file_gets_default_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "ut" / "aktivitetsplan-2025.docx"
        write_atomic(target, b"data")
    finally:
        os.umask(umask)
    assert target.read_bytes() == b"data"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_failure_leaves_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
