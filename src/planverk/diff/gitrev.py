"""Read the plan set as it was at a git revision, straight from git's object store.

`git ls-tree -r` lists the plan files of the revision and one `git cat-file --batch`
process streams their contents; nothing is checked out and the work tree, index and
HEAD are left alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planverk.core.errors import UserError
from planverk.core.oserrors import read_reason
from planverk.loading.planset import PlanSet, Source, load_sources

_TIMEOUT = 60


class RevisionError(UserError):
    """The revision cannot be read (no git, not a repository, unknown revision)."""


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise RevisionError("git finns inte på den här datorn", "Installera git för --since.")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            [git, "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        if isinstance(err, subprocess.TimeoutExpired):
            raise RevisionError(f"git svarade inte på {_TIMEOUT:.0f} sekunder") from err
        raise RevisionError(f"git kunde inte köras: {read_reason(err)[0]}") from err
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(
            f"git {args[0]} misslyckades: {detail[-1] if detail else done.returncode}"
        )
    return done.stdout


def repository_root(folder: Path) -> Path:
    try:
        out = _git(["rev-parse", "--show-toplevel"], folder)
    except RevisionError as err:
        raise RevisionError(
            f"{folder} ligger inte i ett git-förråd",
            "--since kräver att planerna är incheckade i git.",
        ) from err
    return Path(out.decode("utf-8").strip())


def resolve(revision: str, top: Path) -> str:
    """The commit id a revision names (a tag, a branch, HEAD~2, a commit id)."""
    if revision.startswith("-"):
        raise RevisionError(f"ogiltig revision {revision!r}")
    if not revision.strip():  # an empty CI variable: never "no changes" by accident
        raise RevisionError(
            "revisionen är tom",
            "Ange en tagg, en gren eller ett incheckningsid, t.ex. --since HEAD; i CI: "
            "kontrollera att variabeln med revisionen är satt.",
        )
    try:
        out = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top
        )
    except RevisionError as err:
        raise RevisionError(
            f"revisionen {revision!r} finns inte i git-förrådet",
            "Ange en tagg, en gren eller ett incheckningsid, t.ex. --since HEAD eller "
            "--since v2025-beslut (se `git log --oneline` och `git tag`).",
        ) from err
    return out.decode("ascii").strip()


def plan_files(commit: str, top: Path, plan_dir: Path) -> list[tuple[str, str]]:
    """(blob id, path from the repository root) of every YAML file under the plan folder."""
    relative = plan_dir.resolve().relative_to(top.resolve()).as_posix()
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", relative], top)
    files: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split()
        path = raw_path.decode("utf-8", "surrogateescape")
        inside = path[len(relative) + 1 :] if relative != "." else path
        if kind != "blob" or mode == "120000":
            continue  # submodules and symbolic links are not plan files
        if not path.endswith((".yaml", ".yml")):
            continue
        if any(part.startswith(".") for part in inside.split("/")):
            continue  # hidden files and folders, as when reading the work tree
        files.append((blob, path))
    return files


def read_blobs(blobs: list[str], top: Path) -> list[bytes]:
    """Contents of many blobs through one `git cat-file --batch`."""
    if not blobs:
        return []
    out = _git(["cat-file", "--batch"], top, stdin="".join(f"{b}\n" for b in blobs).encode())
    contents: list[bytes] = []
    pos = 0
    for blob in blobs:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("ascii").split()
        if len(header) != 3 or header[0] != blob:
            raise RevisionError(f"git cat-file gav ett oväntat svar för {blob}")
        size = int(header[2])
        contents.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1  # the content is followed by a newline
    return contents


def load_at_revision(
    revision: str, plan_dir: Path, keep: Callable[[Source], bool] | None = None
) -> PlanSet:
    """The plan set under ``plan_dir`` as it was at ``revision`` (only files ``keep`` wants)."""
    top = repository_root(plan_dir)
    commit = resolve(revision, top)
    files = plan_files(commit, top, plan_dir)
    if not files:
        raise RevisionError(
            f"det finns inga planfiler i {plan_dir.name}/ vid {revision}",
            "Kontrollera revisionen: planerna var kanske inte incheckade då.",
        )
    contents = read_blobs([blob for blob, _ in files], top)
    sources = [
        Source(f"{revision}:{path}", content)
        for (_, path), content in zip(files, contents, strict=True)
    ]
    if keep is not None:
        sources = [s for s in sources if keep(s)]
    root = plan_dir.parent if plan_dir.name == "plans" else plan_dir
    return load_sources(sources, root=root, plan_dir=plan_dir)


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that changed plan files: id, parent, date, author, subject, and each
    changed file (path from the repository root) with git's status letter (A, M, D)."""

    id: str
    parent: str | None
    date: str  # the committer date, YYYY-MM-DD
    author: str
    subject: str
    files: tuple[tuple[str, str], ...]


def plan_log(plan_dir: Path, limit: int) -> tuple[Path, list[Commit], bool]:
    """The repository root and the latest ``limit`` commits (newest first) that changed a
    YAML file under ``plan_dir``, and whether older ones were left out. Reads git's history
    only; the work tree, index and HEAD are left alone. Raises RevisionError outside git."""
    top = repository_root(plan_dir)
    relative = plan_dir.resolve().relative_to(top.resolve()).as_posix()
    out = _git(
        [
            "log",
            f"--max-count={limit + 1}",
            "--first-parent",
            "--no-renames",
            "--format=%x1e%H%x1f%P%x1f%cs%x1f%an%x1f%s",
            "--name-status",
            "HEAD",
            "--",
            f"{relative}/*.yaml" if relative != "." else "*.yaml",
            f"{relative}/*.yml" if relative != "." else "*.yml",
        ],
        top,
    ).decode("utf-8", "replace")
    commits: list[Commit] = []
    for record in out.split("\x1e"):
        if not record.strip():
            continue
        head, _, rest = record.partition("\n")
        commit, parents, date, author, subject = (head.split("\x1f") + [""] * 5)[:5]
        files = []
        for line in rest.splitlines():
            status, _, path = line.partition("\t")
            if path:
                files.append((status[:1], path))
        parent = parents.split()[0] if parents.split() else None
        commits.append(Commit(commit, parent, date, author, subject, tuple(files)))
    return top, commits[:limit], len(commits) > limit


def latest_tag(plan_dir: Path) -> str | None:
    """The newest tag reachable from HEAD (``git describe --tags --abbrev=0``), or None when
    there is none or the plans are not in git."""
    try:
        top = repository_root(plan_dir)
        out = _git(["describe", "--tags", "--abbrev=0", "HEAD"], top)
    except RevisionError:
        return None
    tag = out.decode("utf-8", "replace").strip()
    return tag or None
