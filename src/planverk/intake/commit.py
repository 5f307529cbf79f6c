"""Write the edited plan files: every file, or none.

A file that changed on disk since the import read it is not written at all (someone saved
the plan in an editor meanwhile); then :func:`planverk.core.atomic.write_all` writes each
new content beside its file and renames all into place, putting back the ones already
replaced if a rename fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planverk.core.atomic import write_all as write_files
from planverk.core.errors import UserError


@dataclass(frozen=True, slots=True)
class FileChange:
    path: Path
    old: bytes  # the content the change was made from
    new: bytes


class ChangedMeanwhile(UserError):
    """A file changed on disk after it was read."""


def write_all(changes: Sequence[FileChange]) -> None:
    """Replace every file's content, or none (see the module docstring)."""
    for change in changes:
        if change.path.read_bytes() != change.old:
            raise ChangedMeanwhile(
                f"{change.path} har ändrats sedan importen läste den; ingenting skrevs",
                "Någon har sparat planen under tiden: kör importen igen.",
            )
    write_files([(change.path, change.new) for change in changes])
