"""`planverk init`: a new plan repository that validates at once, with CI and pre-commit."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from planverk.lint.validate import validate
from planverk.model.jsonschema import schemas
from tests.conftest import ROOT, cli


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planverk", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_init_then_validate_passes_in_a_subprocess(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    made = _run("init", str(folder), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr

    run = _run("validate", cwd=folder)

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "Inga fel i 3 filer."
    year = dt.date.today().year
    assert (folder / f"plans/aktivitetsplan-{year}.yaml").is_file()
    assert (folder / f"plans/verksamhetsplan-{year}-{year + 3}.yaml").is_file()


def test_init_writes_ci_pre_commit_schemas_and_readme(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    run = cli("init", str(folder), "--namn", "Sjukvårdsregion Norr", "--id", "norr", "--år", "2027")
    assert run.exit_code == 0, run.stdout + run.stderr

    result = validate(plan_dir=folder / "plans")
    assert result.findings == [], "no placeholders, no missing glossary entries"
    assert result.planset.project is not None
    assert result.planset.project.plan.name == "Sjukvårdsregion Norr"
    assert [p.id for p in result.planset.project.plan.follow_up_periods] == ["t1", "t2", "helår"]
    ap = result.planset.ap(2027)
    assert ap is not None and ap.plan.vp == "vp-2027-2030"
    for plan in ("planverk", "verksamhetsplan-2027-2030", "aktivitetsplan-2027"):
        first = (folder / "plans" / f"{plan}.yaml").read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../schemas/"), first
        assert (folder / first.split("$schema=../")[1]).is_file()

    for name, text in schemas().items():
        assert (folder / "schemas" / name).read_text("utf-8") == text

    gitlab = _yaml(folder / ".gitlab-ci.yml")["planverk"]
    assert any("planverk validate --format gitlab" in line for line in gitlab["script"])
    assert gitlab["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert gitlab["artifacts"]["when"] == "always"

    steps = _yaml(folder / ".github/workflows/planverk.yml")["jobs"]["validate"]["steps"]
    assert {"run": "planverk validate --format github"} in steps

    (repo,) = _yaml(folder / ".pre-commit-config.yaml")["repos"]
    hook_ids = {hook["id"] for hook in _yaml(ROOT / ".pre-commit-hooks.yaml")}
    assert [hook["id"] for hook in repo["hooks"]] == ["planverk-validate"]
    assert "planverk-validate" in hook_ids

    readme = (folder / "README.md").read_text("utf-8")
    assert readme.startswith("# Planer för Sjukvårdsregion Norr")
    assert "planverk validate" in readme and "Kom i gång" in readme


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "befintlig"
    folder.mkdir()
    (folder / "anteckningar.txt").write_text("mina anteckningar\n", encoding="utf-8")

    run = cli("init", str(folder))

    assert run.exit_code == 2
    assert "är inte tom" in run.stderr
    assert [p.name for p in folder.iterdir()] == ["anteckningar.txt"]


def test_init_into_an_empty_folder_and_the_year_after(tmp_path: Path, monkeypatch: Any) -> None:
    folder = tmp_path / "tom"
    folder.mkdir()
    assert cli("init", str(folder), "--år", "2025").exit_code == 0
    monkeypatch.chdir(folder)
    run = cli("new", "2026")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (folder / "plans/aktivitetsplan-2026.yaml").is_file()
    assert cli("status", "2026", "--datum", "2026-05-01").exit_code == 0


def test_init_rejects_a_bad_id(tmp_path: Path) -> None:
    run = cli("init", str(tmp_path / "y"), "--id", "Min Region")
    assert run.exit_code == 2
    assert "inget giltigt id" in run.stderr
    assert not (tmp_path / "y").exists()
