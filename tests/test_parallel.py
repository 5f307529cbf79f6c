"""Parsing in worker processes gives exactly what parsing here gives, whatever happens to
the workers (see planverk.loading.parallel)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planverk.loading import parallel
from planverk.loading.yamlfile import YamlDocument, parse
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not parallel._can_fork(), reason="workers need fork (Linux)")

BADINPUT = ROOT / "tests" / "badinput"


def _files() -> list[tuple[str, str]]:
    """Every shipped plan and every readable bad-input case, with a few hand-made ones."""
    files = []
    for path in sorted([*(ROOT / "plans").rglob("*.yaml"), *BADINPUT.rglob("*.yaml")]):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (UnicodeDecodeError, OSError):
            continue
        files.append((text, str(path.relative_to(ROOT))))
    files += [
        ("", "tom.yaml"),
        ("a: [1, 2\n", "oavslutad.yaml"),
        ("x: &a [1]\ny: *a\n", "alias.yaml"),
        ("å: 'ä ö'\r\nlista:\r\n  - 2025-01-31\r\n", "crlf.yaml"),
    ]
    return files


def _as_data(doc: YamlDocument) -> tuple[Any, ...]:
    source_map = doc.source_map
    return (
        doc.display,
        doc.text,
        doc.data,
        list(source_map.offsets),
        source_map.span,
        doc.findings,
        source_map.root,
    )


def _serial(files: list[tuple[str, str]]) -> list[tuple[Any, ...]]:
    return [_as_data(parse(text, display)) for text, display in files]


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True  # no child process at all, running or unreaped
    return False


def test_workers_give_what_parsing_here_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    assert len(files) > 20
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    assert parallel.jobs(1) == 3
    docs = parallel.parse_all(files)
    assert [_as_data(doc) for doc in docs] == _serial(files)
    # Positions are found through the received data, so ask for some.
    for doc in docs:
        if isinstance(doc.data, dict):
            for key in doc.data:
                assert doc.source_map.locate(doc.data, (key,), key=True) is not None
    assert _no_children_left()


def test_a_failing_worker_is_replaced_by_parsing_here(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    parent = os.getpid()

    def parse_or_die(text: str, display: str) -> YamlDocument:
        if os.getpid() != parent:
            raise RuntimeError("a worker that breaks")
        return parse(text, display)

    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(parallel, "parse", parse_or_die)
    docs = parallel.parse_all(files)
    assert [_as_data(doc) for doc in docs] == _serial(files)
    assert _no_children_left()


def test_no_process_to_start_means_parsing_here(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    started = []

    def fork_refused() -> int:
        started.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    monkeypatch.setattr(parallel.os, "fork", fork_refused)
    docs = parallel.parse_all(files)
    assert started == [1, 1]  # two workers asked for, none started
    assert [_as_data(doc) for doc in docs] == _serial(files)


def test_an_interrupt_here_ends_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    parent = os.getpid()

    def interrupted_here(text: str, display: str) -> YamlDocument:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return parse(text, display)

    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(parallel, "parse", interrupted_here)
    with pytest.raises(KeyboardInterrupt):
        parallel.parse_all(files)
    assert _no_children_left()


def test_how_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    assert parallel.jobs(10_000) == 1  # small plan sets: no workers
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.jobs(10**9) == 1
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "inte ett tal")
    assert parallel.jobs(10_000) == 1
    # Largest first, each to the least loaded; every file in exactly one bin.
    bins = parallel._deal([5, 1, 9, 3, 3, 8], 3)
    assert sorted(i for b in bins for i in b) == list(range(6))
    assert sorted(sum([5, 1, 9, 3, 3, 8][i] for i in b) for b in bins) == [9, 9, 11]
    assert parallel._deal([4], 3) == [[0]]


def _validate_json(root: Path, jobs: str) -> Any:
    run = subprocess.run(
        [sys.executable, "-m", "planverk", "validate", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, parallel.JOBS_VARIABLE: jobs},
        check=False,
    )
    assert "Traceback" not in run.stderr
    return run.returncode, json.loads(run.stdout)


def test_validate_reports_the_same_with_and_without_workers(shipped: Path) -> None:
    activity_plan = shipped / "plans" / "aktivitetsplan-2025.yaml"
    text = activity_plan.read_text(encoding="utf-8")
    activity_plan.write_text(text.replace("mål: krisberedskap", "mål: krisberedskapen", 1))
    (shipped / "plans" / "trasig.yaml").write_text("typ: aktivitetsplan\når: [2025\n")
    serial = _validate_json(shipped, "1")
    assert serial[0] == 1
    codes = {finding["code"] for finding in serial[1]["findings"]}
    assert {"PV001", "PV101"} <= codes
    assert _validate_json(shipped, "2") == serial
