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
from planverk.planning import scaffold
from tests.conftest import ROOT, cli
from tests.realclients import need


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

    # What only the region knows is a marked placeholder, reported until it is replaced.
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("3 varningar i 1 fil (3 filer kontrollerade).")
    assert run.stdout.count("PV305 varning: texten är en platshållare: 'TODO: ") == 3
    assert "PV304" not in run.stdout
    year = dt.date.today().year
    assert (folder / f"plans/aktivitetsplan-{year}.yaml").is_file()
    assert (folder / f"plans/verksamhetsplan-{year}-{year + 3}.yaml").is_file()


def test_init_writes_ci_pre_commit_schemas_and_readme(tmp_path: Path) -> None:
    folder = tmp_path / "region"
    run = cli(
        "init",
        str(folder),
        "--namn",
        "Sjukvårdsregion Norr",
        "--id",
        "norr",
        "--år",
        "2027",
        "--region",
        "norrbotten=Region Norrbotten",
        "--region",
        "västerbotten=Region Västerbotten",
    )
    assert run.exit_code == 0, run.stdout + run.stderr

    result = validate(plan_dir=folder / "plans")
    assert result.findings == [], "no placeholders, no missing glossary entries"
    assert result.planset.project is not None
    assert result.planset.project.plan.name == "Sjukvårdsregion Norr"
    assert [r.name for r in result.planset.project.plan.regions] == [
        "Region Norrbotten",
        "Region Västerbotten",
    ]
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


OTHER_REGIONS = ("Sydöstra", "Jönköping", "Kalmar", "Östergötland", "Mellansverige", "Norr")


def test_init_writes_no_other_regions_names_and_makes_a_git_repository(tmp_path: Path) -> None:
    folder = tmp_path / "ny"
    run = cli("init", str(folder))
    assert run.exit_code == 0, run.stdout + run.stderr
    for path in folder.rglob("*"):  # the schemas' descriptions are documentation, not data
        if path.is_file() and not {".git", "schemas"} & set(path.parts):
            text = path.read_text(encoding="utf-8")
            for name in OTHER_REGIONS:
                assert name not in text, f"{name} in {path.relative_to(folder)}"
    project = (folder / "plans" / "planverk.yaml").read_text(encoding="utf-8")
    assert "# PLATSHÅLLARE: byt mot regionerna i er sjukvårdsregion" in project
    assert 'namn: "TODO: den första regionens namn"' in project
    need("git")
    assert f"{folder} är ett nytt git-förråd (git init)" in run.stdout
    inside = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert inside.stdout.strip() == "true"


def test_init_inside_a_plan_folder_is_refused(shipped: Path) -> None:
    run = cli("init", "plans/ny-region")
    assert run.exit_code == 2
    assert "plans/ny-region ligger i planmappen" in run.stderr
    assert not (shipped / "plans" / "ny-region").exists()


def test_init_fills_in_the_repository_and_commit(tmp_path: Path) -> None:
    folder = tmp_path / "ifylld"
    url, sha = "https://git.example.invalid/it/planverk.git", "0123456789abcdef" * 2 + "01234567"
    run = cli("init", str(folder), "--planverk-repo", url, "--planverk-rev", sha)
    assert run.exit_code == 0, run.stdout + run.stderr
    gitlab = _yaml(folder / ".gitlab-ci.yml")["planverk"]
    assert gitlab["variables"]["PLANVERK_PAKET"] == f"planverk @ git+{url}@{sha}"
    github = _yaml(folder / ".github/workflows/planverk.yml")
    assert github["env"]["PLANVERK_PAKET"] == f"planverk @ git+{url}@{sha}"
    (repo,) = _yaml(folder / ".pre-commit-config.yaml")["repos"]
    assert (repo["repo"], repo["rev"]) == (url, sha)
    for path in (".gitlab-ci.yml", ".github/workflows/planverk.yml", "README.md"):
        assert "<" not in (folder / path).read_text(encoding="utf-8").replace("<!--", "")


def _install_lines(folder: Path) -> list[tuple[str, str]]:
    """(package variable, pip command) of each generated CI file."""
    gitlab = _yaml(folder / ".gitlab-ci.yml")["planverk"]
    github = _yaml(folder / ".github/workflows/planverk.yml")
    steps = [step["run"] for step in github["jobs"]["validate"]["steps"] if "run" in step]
    return [
        (gitlab["variables"]["PLANVERK_PAKET"], next(s for s in gitlab["script"] if "pip" in s)),
        (github["env"]["PLANVERK_PAKET"], next(s for s in steps if "pip" in s)),
    ]


def test_the_ci_install_line_installs_planverk_from_a_local_copy(tmp_path: Path) -> None:
    """The generated CI files' install line, run as written with the placeholders filled in
    as a region would (this repository for the region's copy, HEAD for the commit), into a
    new virtual environment. Dependencies come from this environment (PIP_NO_DEPS and a
    .pth file), so the test needs no package index but for the build backend."""
    git = need("git")
    folder = tmp_path / "region"
    assert cli("init", str(folder)).exit_code == 0
    sha = subprocess.run(
        [git, "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "pip").write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m pip --python "{venv}/bin/python" "$@"\n',
        encoding="utf-8",
    )
    (shim / "pip").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{shim}:{venv}/bin:{os.environ['PATH']}",
        "PIP_NO_DEPS": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    for package, line in _install_lines(folder):
        assert scaffold.REPOSITORY_PLACEHOLDER in package
        assert scaffold.REVISION_PLACEHOLDER in package
        assert line == 'pip install --quiet "$PLANVERK_PAKET"'
    package, line = _install_lines(folder)[0]
    filled = package.replace(scaffold.REPOSITORY_PLACEHOLDER, ROOT.as_uri()).replace(
        scaffold.REVISION_PLACEHOLDER, sha
    )
    done = subprocess.run(
        ["sh", "-c", line],
        env={**env, "PLANVERK_PAKET": filled},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = subprocess.run(
        [str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    outer = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "zz-beroenden.pth").write_text(outer + "\n", encoding="utf-8")
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import planverk; print(planverk.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(purelib), where  # the copy pip installed, not this checkout
    ran = subprocess.run(
        [str(venv / "bin/planverk"), "validate"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.strip().endswith("varningar i 1 fil (3 filer kontrollerade).")
    # Unfilled, the line fails loudly, naming the placeholder.
    unfilled = subprocess.run(
        ["sh", "-c", line],
        env={**env, "PLANVERK_PAKET": package},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert unfilled.returncode != 0
    assert "<git-server>" in unfilled.stdout + unfilled.stderr


def _pip_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "pip install" in line]


def test_every_install_instruction_names_where_planverk_comes_from(tmp_path: Path) -> None:
    """planverk is on no package index: an instruction says `pip install planverk` only
    with the git address and commit (or placeholders for them), and no `rev:` names a tag
    that does not exist."""
    folder = tmp_path / "region"
    assert cli("init", str(folder)).exit_code == 0
    texts = {
        "planverk/README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "planverk/.pre-commit-hooks.yaml": (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"),
    }
    for path in folder.rglob("*"):
        if path.is_file() and not {".git", "schemas"} & set(path.parts):
            texts[f"init/{path.relative_to(folder)}"] = path.read_text(encoding="utf-8")
    for name, text in texts.items():
        for line in _pip_lines(text):
            if "pre-commit" in line or "-r bench/" in line or "-e '.[test]'" in line:
                continue
            assert "$PLANVERK_PAKET" in line or "planverk @ git+" in line, f"{name}: {line}"
        assert "rev: v0.1.0" not in text, name
    snippet = texts["planverk/README.md"].split("### I CI och före varje commit")[1]
    assert (
        'PLANVERK_PAKET: "planverk @ git+https://<git-server>/<sökväg>/planverk.git@<incheckning>"'
    ) in snippet
    assert _yaml(folder / ".gitlab-ci.yml")["planverk"]["variables"]["PLANVERK_PAKET"] == (
        "planverk @ git+https://<git-server>/<sökväg>/planverk.git@<incheckning>"
    )
