"""Write several files so that either all are replaced or none is.

Each new content goes to a temporary file beside its target (written and synced), and the
present content is kept as a hard link (or copy) beside it. Only then are the temporary
files renamed over the targets, one after the other; if a rename fails, the ones already
done are put back from the kept copies. A target that changed on disk since it was read is
not written at all (someone saved the plan in an editor meanwhile).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileChange:
    path: Path
    old: bytes  # the content the change was made from
    new: bytes


class ChangedMeanwhile(OSError):
    """A file changed on disk after it was read."""


def _temporary(path: Path, suffix: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)


def write_all(changes: Sequence[FileChange]) -> None:
    """Replace every file's content, or none (see the module docstring)."""
    prepared: list[tuple[FileChange, str, str]] = []  # change, new temporary, kept copy
    try:
        for change in changes:
            if change.path.read_bytes() != change.old:
                raise ChangedMeanwhile(
                    f"{change.path} har ändrats sedan importen läste den; kör importen igen"
                )
            mode = stat.S_IMODE(change.path.stat().st_mode)
            fd, new = _temporary(change.path, ".tmp")
            prepared.append((change, new, ""))
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), mode)
                handle.write(change.new)
                handle.flush()
                os.fsync(handle.fileno())
            fd, kept = _temporary(change.path, ".old")
            os.close(fd)
            os.unlink(kept)
            try:
                os.link(change.path, kept)
            except OSError:
                shutil.copy2(change.path, kept)
            prepared[-1] = (change, new, kept)
    except BaseException:
        _clean(prepared)
        raise
    done: list[tuple[FileChange, str]] = []
    try:
        for change, new, kept in prepared:
            os.replace(new, change.path)
            done.append((change, kept))
    except BaseException:
        for change, kept in reversed(done):
            with contextlib.suppress(OSError):
                os.replace(kept, change.path)
        _clean(prepared)
        raise
    for _, _, kept in prepared:
        with contextlib.suppress(OSError):
            os.unlink(kept)
    for folder in {change.path.parent for change in changes}:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _clean(prepared: list[tuple[FileChange, str, str]]) -> None:
    for _, new, kept in prepared:
        for name in (new, kept):
            if name:
                with contextlib.suppress(OSError):
                    os.unlink(name)
