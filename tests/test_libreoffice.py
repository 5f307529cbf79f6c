"""LibreOffice never outlives planverk: a time limit, Ctrl+C or SIGTERM ends soffice's whole
process group (soffice starts children, as the real one starts oosplash and soffice.bin);
the private folders of runs that were killed outright are removed by a later run, but only
old ones that no living run holds.

A fake soffice on PATH stands in for LibreOffice here (the only tests that use one): it
starts a child, writes both process ids and sleeps, as a hung LibreOffice does.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planverk.office import libreoffice
from planverk.office.libreoffice import LOCK, PREFIX, LibreOfficeError, clean_stale, docx_to_pdf

FAKE = """#!/bin/sh
sleep 300 &
echo "$$ $!" > "{pids}"
wait
"""


def _fake_soffice(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    pids = folder / "pids"
    program = folder / "soffice"
    program.write_text(FAKE.format(pids=pids), encoding="utf-8")
    program.chmod(0o755)
    return pids


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_for(path: Path, seconds: float = 30) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and len(path.read_text().split()) == 2:
            return [int(p) for p in path.read_text().split()]
        time.sleep(0.05)
    raise AssertionError("the fake soffice did not start")


def _gone(pids: list[int], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def test_time_limit_ends_the_whole_process_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids_file = _fake_soffice(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    started = time.monotonic()
    with pytest.raises(LibreOfficeError) as caught:
        docx_to_pdf(b"inte en docx", timeout=1.5)
    assert time.monotonic() - started < 20
    assert "blev inte klart på 1 sekunder och avbröts" in caught.value.message
    assert "--tidsgräns" in (caught.value.hint or "")
    pids = _wait_for(pids_file)
    assert _gone(pids), f"LibreOffice's processes {pids} still run"
    assert not list(tmp_path.glob(PREFIX + "*")), "the private folder is left"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_end_libreoffice_with_planverk(
    shipped: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    pids_file = _fake_soffice(tmp_path / "bin")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(
        os.environ,
        PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
        TMPDIR=str(temp),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "planverk", "render", "2025", "-f", "pdf"],
        cwd=shipped,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        pids = _wait_for(pids_file)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:  # the planverk this test started, by its own handle
            process.kill()
            process.wait()
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert _gone(pids), f"LibreOffice's processes {pids} outlived planverk"
    assert not list(temp.glob(PREFIX + "*")), "the private folder is left"


def _folder(base: Path, name: str, age_hours: float) -> Path:
    folder = base / f"{PREFIX}{name}"
    (folder / "profil").mkdir(parents=True)
    (folder / LOCK).write_bytes(b"")
    moment = time.time() - age_hours * 3600
    os.utime(folder, (moment, moment))
    return folder


def test_stale_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    killed = _folder(tmp_path, "dödad", 7)
    no_lock = _folder(tmp_path, "utan-lås", 7)
    (no_lock / LOCK).unlink()
    os.utime(no_lock, (time.time() - 7 * 3600,) * 2)
    fresh = _folder(tmp_path, "ny", 0.1)  # may be a run that is starting
    running = _folder(tmp_path, "pågår", 7)
    holder = (running / LOCK).open("ab")
    fcntl.flock(holder.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # a run still at it
    other = tmp_path / "annat"
    other.mkdir()
    link = tmp_path / f"{PREFIX}länk"
    link.symlink_to(other)
    try:
        removed = clean_stale(tmp_path)
    finally:
        holder.close()
    assert sorted(removed) == sorted([killed, no_lock])
    assert not killed.exists() and not no_lock.exists()
    assert fresh.is_dir() and running.is_dir() and other.is_dir() and link.is_symlink()


def test_a_new_run_cleans_up_after_a_killed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed = _folder(tmp_path, "dödad", 7)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(libreoffice, "soffice", lambda: "/bin/false")
    with libreoffice.session() as office:
        assert office.folder.parent == tmp_path
        assert not killed.exists()
        with pytest.raises(LibreOfficeError, match="kunde inte göra PDF"):
            office.convert(b"x", timeout=30)
    assert not office.folder.exists()


def test_timeout_grows_with_the_document_and_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(libreoffice.TIMEOUT_ENV, raising=False)
    small, large = libreoffice.timeout_for(20_000), libreoffice.timeout_for(9_000_000)
    assert small == pytest.approx(libreoffice.MIN_TIMEOUT, abs=5)
    assert large > 10 * 60
    assert libreoffice.timeout_for(9_000_000, 30) == 30
    monkeypatch.setenv(libreoffice.TIMEOUT_ENV, "45")
    assert libreoffice.timeout_for(9_000_000) == 45
    monkeypatch.setenv(libreoffice.TIMEOUT_ENV, "snart")
    with pytest.raises(LibreOfficeError, match="PLANVERK_TIDSGRANS"):
        libreoffice.timeout_for(1)
