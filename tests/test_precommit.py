"""Named files report what a change to them broke elsewhere: `planverk validate FILE`, the
repository's pre-commit hook and the local hook `planverk init` writes.

pre-commit passes only the files staged for the commit. A goal renamed in the VP and
committed alone used to pass the hook, leaving the AP broken on main; now the AP line that
still names the old id is reported, and the summary counts the files reported on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from planverk.planning import scaffold
from tests.conftest import MINIMAL, ROOT, cli
from tests.realclients import need

VP = "plans/verksamhetsplan-2025-2028.yaml"
AP = "plans/aktivitetsplan-2025.yaml"
HP = "plans/handlingsplaner/ledningsgruppen-2025.yaml"
PROJECT = "plans/planverk.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} finns inte i {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename_goal(root: Path) -> None:
    edit(root / VP, "  - id: nära-vård\n", "  - id: nära-vården\n")


# -- validate FILE ---------------------------------------------------------------------


def test_a_goal_renamed_in_the_vp_reports_the_ap_line_that_broke(minimal: Path) -> None:
    rename_goal(minimal)
    run = cli("validate", VP)
    assert run.exit_code == 1, run.stdout
    assert f"{AP}:14:18: PV101 fel: målet 'nära-vård' finns inte" in run.stdout
    assert "Menade du 'nära-vården'" in run.stdout
    # the VP's own warning, and the count of the two files reported on
    assert f"{VP}:12:13: PV203 varning" in run.stdout
    assert run.stdout.rstrip().endswith("1 fel, 1 varning i 2 filer.")


def test_a_clean_file_counts_as_one_file(minimal: Path) -> None:
    run = cli("validate", VP)
    assert run.exit_code == 0
    assert run.stdout.strip() == "Inga fel i 1 fil."
    run = cli("validate", "plans/handlingsplaner")
    assert run.stdout.strip() == "Inga fel i 1 fil."
    assert cli("validate").stdout.strip() == "Inga fel i 4 filer."


def test_findings_elsewhere_that_do_not_concern_the_named_file_stay_out(minimal: Path) -> None:
    # A broken reference from the HP into the AP is not about the VP.
    edit(minimal / HP, "aktivitet: stödja-nära-vård", "aktivitet: stöd-nära-vård")
    run = cli("validate", VP)
    assert run.exit_code == 0, run.stdout
    assert run.stdout.strip() == "Inga fel i 1 fil."
    # ... but it is about the AP, which the HP points into.
    run = cli("validate", AP)
    assert run.exit_code == 1
    assert f"{HP}:10:16: PV102 fel: aktiviteten 'stöd-nära-vård' finns inte" in run.stdout
    assert run.stdout.rstrip().endswith("1 fel i 1 fil (2 filer kontrollerade).")


def test_a_body_removed_from_the_project_file_reports_who_still_names_it(
    minimal: Path,
) -> None:
    edit(minimal / PROJECT, "  - id: ledningsgruppen\n    namn: Ledningsgruppen\n", "")
    run = cli("validate", PROJECT)
    assert run.exit_code == 1
    assert f"{HP}:5:8: PV103 fel: organet 'ledningsgruppen' finns inte" in run.stdout
    assert f"{HP}:12:16: PV103" in run.stdout


def test_json_counts_the_files_reported_on(minimal: Path) -> None:
    import json

    rename_goal(minimal)
    data = json.loads(cli("validate", VP, "--format", "json").stdout)
    assert data["files"] == 2
    assert {f["file"] for f in data["findings"]} == {VP, AP}
    assert all(f["rule"] for f in data["findings"])


def test_a_file_outside_the_plan_folder_is_a_usage_error(minimal: Path) -> None:
    other = minimal / "annat.yaml"
    other.write_text("typ: aktivitetsplan\n", encoding="utf-8")
    run = cli("validate", "--config", PROJECT, "annat.yaml")
    assert run.exit_code == 2
    assert "annat.yaml ligger inte i planmappen plans" in run.stderr


# -- pre-commit ------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            need("git"),
            "-c",
            "user.name=planverk test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plan repository as `planverk init` lays it out: the minimal plans, init's
    .pre-commit-config.yaml, all committed."""
    root = tmp_path / "region"
    shutil.copytree(MINIMAL, root)
    config = scaffold.files(scaffold.Options())[".pre-commit-config.yaml"]
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "planer")
    return root


def _environment(tmp_path: Path) -> dict[str, str]:
    """PATH with this planverk first (the local hook runs `planverk` from the environment),
    and pre-commit's cache in the test's folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-cache")
    env["NO_COLOR"] = "1"
    env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = "planverk test"
    env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = "test@example.invalid"
    return env


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    return found or need("pre-commit")


def test_init_hook_fails_a_commit_of_a_renamed_goal_with_the_broken_ap_line(
    repo: Path, tmp_path: Path
) -> None:
    """The real pre-commit, with the local hook `planverk init` writes, on a real commit."""
    env = _environment(tmp_path)
    pre_commit = _pre_commit()
    install = subprocess.run(
        [pre_commit, "install"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert install.returncode == 0, install.stdout + install.stderr
    rename_goal(repo)
    git(repo, "add", VP)  # the VP alone, as the planner committed it
    commit = subprocess.run(
        [need("git"), "commit", "-m", "Byt namn på målet"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert f"{AP}:14:18: PV101 fel: målet 'nära-vård' finns inte" in output
    assert "1 fel, 1 varning i 2 filer." in output
    assert git(repo, "log", "--format=%s") == "planer\n"  # nothing was committed
    # With the AP fixed and staged too, the same commit goes through.
    edit(repo / AP, "mål: nära-vård", "mål: nära-vården")
    git(repo, "add", AP)
    commit = subprocess.run(
        [need("git"), "commit", "-m", "Byt namn på målet"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "planverk validate" in commit.stderr and "Passed" in commit.stderr


def _hook(path: Path, hook_id: str = "planverk-validate") -> dict[str, object]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
    return next(h for h in hooks if h["id"] == hook_id)


def test_the_repository_hook_passes_the_staged_files_to_validate(repo: Path) -> None:
    """planverk's own .pre-commit-hooks.yaml (for `repo: <planverk>`): its entry, run as
    pre-commit runs it, with the staged file names after it."""
    hook = _hook(ROOT / ".pre-commit-hooks.yaml")
    assert hook["pass_filenames"] is True and hook["entry"] == "planverk validate"
    local = _hook(repo / ".pre-commit-config.yaml")
    assert (local["entry"], local["pass_filenames"]) == (hook["entry"], True)
    rename_goal(repo)
    git(repo, "add", VP)
    staged = git(repo, "diff", "--staged", "--name-only").split()
    assert staged == [VP]
    command = [sys.executable, "-m", "planverk", *str(hook["entry"]).split()[1:], *staged]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{AP}:14:18: PV101" in done.stdout
