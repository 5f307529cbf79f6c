"""`planverk init` as a library call: a new plan repository, written all or none.

Only into a new or empty folder, never inside an existing plan folder (a second project
file there would break that plan set), and then made a git repository (when git is
installed), since pre-commit and ``diff --since`` need one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from planverk.core.atomic import write_all
from planverk.core.errors import UserError
from planverk.core.oserrors import write_error
from planverk.lint.validate import Result, validate
from planverk.loading.planset import PlanSetNotFound, find_plan_dir
from planverk.planning import scaffold

GIT_TIMEOUT = 60


class InitRefused(UserError):
    """The folder cannot take a new plan repository."""


@dataclass(slots=True)
class Created:
    """What `planverk init` made."""

    folder: Path
    paths: list[Path]
    git: bool  # a git repository was made (False: git is not installed)
    checked: Result


def create_repository(folder: Path, options: scaffold.Options) -> Created:
    """Write a new plan repository into ``folder`` (new or empty), make it a git
    repository and validate its plans. Raises InitRefused or another UserError."""
    _check_options(options)
    _check_folder(folder)
    files = [(folder / rel, text.encode("utf-8")) for rel, text in scaffold.files(options).items()]
    try:
        write_all(files, new_only=True)
    except OSError as err:
        raise write_error(err.filename or folder, err) from None
    git = _git_init(folder)
    checked = validate(plan_dir=(folder / "plans").resolve())
    return Created(folder, [path for path, _ in files], git, checked)


# What the CI files and the pre-commit configuration can hold as written: a URL or a path
# (no white space, quotes, comment signs or control characters, not an option), and a git
# revision name.
_REPOSITORY = re.compile(r"^(?!-)[^\s\"'`#\\\x00-\x1f\x7f]+$")
_REVISION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def _check_options(options: scaffold.Options) -> None:
    if not scaffold.valid_id(options.region_id):
        raise InitRefused(
            f"--id {options.region_id!r} är inget giltigt id",
            "Använd gemener, siffror och bindestreck.",
        )
    if not options.name.strip():
        raise InitRefused(
            "--namn är tomt", "Ange sjukvårdsregionens namn, t.ex. --namn 'Sjukvårdsregion Norr'."
        )
    if options.repository is not None and not _REPOSITORY.match(options.repository):
        raise InitRefused(
            f"--planverk-repo {options.repository!r} är ingen adress till ett git-förråd",
            "Ange adressen utan mellanslag, radbrytningar och citattecken, t.ex. "
            "--planverk-repo https://git.region.se/verktyg/planverk.git.",
        )
    if options.revision is not None and not _REVISION.match(options.revision):
        raise InitRefused(
            f"--planverk-rev {options.revision!r} är ingen incheckning eller tagg",
            "Ange incheckningens id eller en tagg, t.ex. --planverk-rev 3f2c1ab "
            "(`git rev-parse HEAD` i förrådet).",
        )
    for region_id, name in options.regions:
        if not scaffold.valid_id(region_id) or not name.strip():
            raise InitRefused(
                f"--region {region_id}={name}: ange id=namn",
                "T.ex. --region kalmar='Region Kalmar län'; id med gemener, siffror och "
                "bindestreck.",
            )


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InitRefused(f"{folder} finns redan och är ingen mapp")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitRefused(
            f"{folder} är inte tom",
            "planverk init skriver bara i en ny eller tom mapp, så att inget skrivs över.",
        )
    existing = _nearest_existing(folder)
    try:
        plan_dir = find_plan_dir(existing).resolve()
    except PlanSetNotFound:
        return
    if folder.resolve().is_relative_to(plan_dir):
        raise InitRefused(
            f"{folder} ligger i planmappen {plan_dir}",
            "Ett nytt planförråd hör inte hemma i ett annat förråds planmapp; välj en mapp "
            "utanför den.",
        )


def _nearest_existing(folder: Path) -> Path:
    path = folder.absolute()
    while not path.exists():
        path = path.parent
    return path


def _git_init(folder: Path) -> bool:
    git = shutil.which("git")
    if git is None:
        return False
    try:
        done = subprocess.run(
            [git, "init", "--quiet", str(folder)],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
