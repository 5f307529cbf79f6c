"""A whole site written as one change: built in a folder beside the target, then swapped in.

While the site is built, the old one (if any) stays as it was; should anything fail (a
template mistake, a full disk, LibreOffice), the half-built folder is removed and the old
site is untouched. Only when every file is written does the new folder take the target's
name: the old one is renamed aside, the new one renamed in, and the old one removed. Both
renames are in one folder, so each is atomic; should the second fail, the old site gets its
name back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from planverk.core.oserrors import write_error
from planverk.publish.guard import SITE_MARKER

MARKER_TEXT = b"Skriven av planverk webb; planverk ersatter den har mappen vid nasta bygge.\n"


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh folder beside ``target`` to build the site in; swapped in when the block ends
    without an error, removed when it raises."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".bygge", dir=parent))
    except OSError as err:
        raise write_error(err.filename or parent, err) from None
    try:
        _open_up(folder)
        yield folder
        (folder / SITE_MARKER).write_bytes(MARKER_TEXT)
        swap(folder, target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _open_up(folder: Path) -> None:
    """mkdtemp's folder is private (0700); a site on a shared drive is for everyone who
    may read the folder it is in, so it gets the permissions a new folder would get."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)


class Files:
    """Writes the files of a site under one folder (addresses are paths from its root)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: set[Path] = {folder}

    def put(self, address: str, data: bytes) -> None:
        path = self.folder / address
        parent = path.parent
        try:
            if parent not in self._made:
                parent.mkdir(parents=True, exist_ok=True)
                self._made.add(parent)
            path.write_bytes(data)
        except OSError as err:
            raise write_error(err.filename or path, err) from None


def swap(built: Path, target: Path) -> None:
    """Put the folder ``built`` in the place of ``target`` (which may not exist yet)."""
    aside: Path | None = None
    try:
        if target.exists() or target.is_symlink():
            aside = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".gammal", dir=target.parent)
            )
            os.replace(target, aside / "webb")
        try:
            os.replace(built, target)
        except OSError:
            if aside is not None:
                os.replace(aside / "webb", target)  # the old site gets its name back
                shutil.rmtree(aside, ignore_errors=True)
            raise
    except OSError as err:
        raise write_error(err.filename or target, err) from None
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
