"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path


def _mode_for(path: Path) -> int:
    """The permissions the file should get: those it has, or the default under the umask
    (mkstemp's 0600 would hide a board document from colleagues on a shared drive)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_special(path: Path) -> None:
    """Raise ENXIO when ``path`` (after links) is a device, a named pipe or a socket: reading
    its old bytes would never end (/dev/zero, a pipe without writer) and the rename would
    replace the device itself."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # not there (or unreadable): the write itself tells
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise OSError(errno.ENXIO, "ingen vanlig fil", str(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync and rename."""
    refuse_special(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _stage(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_all(files: Sequence[tuple[Path, bytes]], *, new_only: bool = False) -> None:
    """Write several files as one change: every file is written, or none is changed.

    Each file's new bytes go to a temporary file beside it first (where a full disk, a
    missing permission or a read-only folder shows up); only when all are written are they
    renamed into place. Should a rename fail half-way, the files already replaced get their
    old bytes back (new files are removed), so the folder is as it was.

    With ``new_only`` no existing file is ever replaced: a path that exists (or appears
    meanwhile) raises FileExistsError and nothing is written. The temporary file is then
    linked into place, which fails rather than replaces (where links work; elsewhere the
    path is checked just before the rename).
    """
    staged: list[tuple[Path, str, bytes | None]] = []  # path, temporary, old bytes (None: new)
    try:
        for path, data in files:
            if new_only and (path.exists() or path.is_symlink()):
                raise FileExistsError(errno.EEXIST, "finns redan", str(path))
            refuse_special(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.read_bytes() if path.exists() else None
            temporary = _stage(path, data)
            staged.append((path, temporary, old))
    except BaseException:
        for _, temporary, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, temporary, old in staged:
            if new_only:
                _place_new(temporary, path)
            else:
                os.replace(temporary, path)
            done.append((path, old))
    except BaseException:
        for path, old in reversed(done):
            with contextlib.suppress(OSError):
                if old is None:
                    os.unlink(path)
                else:
                    write_atomic(path, old)
        for _, temporary, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise


def _place_new(temporary: str, path: Path) -> None:
    """Move ``temporary`` to ``path`` only if nothing is there (FileExistsError otherwise)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network and FAT file systems)
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, "finns redan", str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a durable temporary file beside ``path``; its name. An error names
    ``path``, the file asked for, not the temporary file."""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        err.filename = str(path)
        raise
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            err.filename = str(path)
        raise
    return temporary
