"""Sites built once per test session: the shipped plans (in a git repository with a tag
for the last decision and a change after it) and the agreement-paragraph example."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from planverk.web import SiteRequest, build_site
from tests.conftest import ROOT
from tests.realclients import need

AGREEMENT_EXAMPLE = ROOT / "docs" / "exempel" / "avtalsparagrafer"
REWORDED = (
    "Stödja ökad samverkan kring krisberedskap och civilt försvar.",
    "Stödja ökad samverkan kring krisberedskap, civilt försvar och masskadehändelser.",
)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Kansliet",
    "GIT_AUTHOR_EMAIL": "kansliet@example.org",
    "GIT_COMMITTER_NAME": "Kansliet",
    "GIT_COMMITTER_EMAIL": "kansliet@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(folder: Path, *args: str, when: str = "2025-01-15T10:00:00+01:00") -> str:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        [need("git"), *args], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def repository_with_history(folder: Path) -> Path:
    """The shipped plans and templates in a git repository: a first commit tagged
    v2025-beslut, then a commit that rewords one activity of the aktivitetsplan 2025."""
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "plans", folder / "plans")
    shutil.copytree(ROOT / "templates", folder / "templates")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(
        folder,
        "commit",
        "-q",
        "-m",
        "Planerna som nämnden beslutade",
        when="2024-12-05T12:00:00+01:00",
    )
    git(folder, "tag", "v2025-beslut")
    ap = folder / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(ap.read_text(encoding="utf-8").replace(*REWORDED), encoding="utf-8")
    git(folder, "commit", "-q", "-am", "Krisberedskap: masskadehändelser i aktiviteten")
    return folder


@dataclass(frozen=True)
class Site:
    project: Path
    folder: Path

    def pages(self) -> list[Path]:
        return sorted(self.folder.rglob("*.html"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = repository_with_history(tmp_path_factory.mktemp("webb") / "region")
    folder = project / "build" / "webb"
    build_site(project / "plans", SiteRequest(output=folder, pdf=False))
    yield Site(project, folder)


@pytest.fixture(scope="session")
def agreement_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = tmp_path_factory.mktemp("avtal") / "region"
    shutil.copytree(AGREEMENT_EXAMPLE / "plans", project / "plans")
    folder = project / "build" / "webb"
    build_site(project / "plans", SiteRequest(output=folder, pdf=False))
    yield Site(project, folder)
