"""Where output goes, and where it must never go.

Every command that writes a file asks here first: a document, a diff, a status workbook, a
site. Default: ``<project root>/build/<name>.<suffix>``. planverk refuses to write over a
plan file or into the plan folder, over a template or into a template folder, over the
dokumentmall, and, unless ``-o`` names the place, outside the project. Links are resolved
first, so a link in ``build/`` that points at a plan is refused too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from planverk.core.errors import UserError
from planverk.core.oserrors import read_error, write_error
from planverk.loading.planset import PlanSet

BUILD_DIR = "build"
SUFFIXES = {
    "docx": ".docx",
    "md": ".md",
    "html": ".html",
    "pdf": ".pdf",
    "pptx": ".pptx",
    "xlsx": ".xlsx",
    "json": ".json",
    "csv": ".csv",
    "text": ".txt",
}


class OutputRefused(UserError):
    """Writing there could destroy something the user wrote."""


def format_for(path: Path | None) -> str | None:
    """The format a file name asks for (``-o plan.pdf`` means PDF), or None."""
    if path is None:
        return None
    suffix = path.suffix.casefold()
    return next((fmt for fmt, ext in SUFFIXES.items() if ext == suffix), None)


def default_path(planset: PlanSet, stem: str, fmt: str) -> Path:
    return planset.root / BUILD_DIR / f"{stem}{SUFFIXES[fmt]}"


def _resolved(path: Path) -> Path:
    """``path`` with its links resolved; a link loop or an over-long name is an error."""
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError) as err:
        if isinstance(err, OSError):
            raise write_error(path, err) from None
        raise UserError(
            f"{path} kan inte skrivas: länken pekar i en slinga",
            "Låt länken peka på en vanlig fil.",
        ) from None


def _real(path: Path) -> Path:
    """``path`` with links resolved as far as they go; a link in a loop stays as it is
    (Path.resolve raises RuntimeError for it on Python 3.11)."""
    return Path(os.path.realpath(path))


def _mode(path: Path, target: Path) -> int | None:
    """The file type and permissions of ``target``, None when nothing is there yet."""
    try:
        return target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:  # a name too long, a link loop, no permission to look
        raise write_error(path, err) from None


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.is_relative_to(_real(folder))
    except OSError:  # pragma: no cover - unreadable folder
        return False


def check_output(
    path: Path,
    planset: PlanSet,
    *,
    fmt: str | None = None,
    explicit: bool,
    template_dirs: Iterable[Path] = (),
    protected: Iterable[Path | None] = (),
) -> None:
    """Raise :class:`OutputRefused` when writing ``path`` could destroy what the user wrote.

    ``fmt`` (when given) must match the file's suffix; ``template_dirs`` are folders of
    templates and ``protected`` single files (the dokumentmall) never written over.
    """
    target = _resolved(path)
    mode = _mode(path, target)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputRefused(f"{path} är en mapp", "Ange en fil, t.ex. -o build/plan.docx.")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputRefused(
            f"vägrar skriva {path}: det är ingen vanlig fil utan en enhet, en namngiven "
            "rörledning eller en sockel",
            "Ange en vanlig fil, t.ex. -o build/plan.docx.",
        )
    if _inside(target, planset.plan_dir):
        raise OutputRefused(
            f"vägrar skriva {path}: det ligger i planmappen {planset.plan_dir.name}/",
            "Planfilerna skrivs aldrig över; välj en annan plats, t.ex. build/.",
        )
    for doc in planset.documents:
        if _real(Path(doc.display)) == target:
            raise OutputRefused(f"vägrar skriva över planfilen {path}")
    for folder in template_dirs:
        if _inside(target, folder):
            raise OutputRefused(
                f"vägrar skriva {path}: det ligger i mallmappen {folder}",
                "Mallarna skrivs aldrig över; välj en annan plats, t.ex. build/.",
            )
    for file in protected:
        if file is not None and _real(file) == target:
            raise OutputRefused(
                f"vägrar skriva över {path}: det är dokumentmallen",
                "Välj en annan plats, t.ex. build/.",
            )
    if fmt is not None:
        wanted = SUFFIXES[fmt]
        if path.suffix.casefold() != wanted:
            raise OutputRefused(
                f"{path}: filen för formatet {fmt} ska sluta på {wanted}",
                f"Skriv t.ex. -o {path.with_suffix(wanted).name}.",
            )
    if not explicit and not _inside(target, planset.root):
        raise OutputRefused(
            f"vägrar skriva {path}: det ligger utanför projektet {planset.root}",
            "Ange platsen uttryckligen med -o om det är meningen.",
        )


SITE_MARKER = ".planverk-webb"  # in every folder `planverk webb` writes, so it may replace it


def check_output_folder(
    folder: Path,
    planset: PlanSet,
    *,
    explicit: bool,
    template_dirs: Iterable[Path] = (),
    protected: Iterable[Path | None] = (),
) -> None:
    """Raise :class:`OutputRefused` when replacing ``folder`` as a whole (a website) could
    destroy what the user wrote: a folder that holds or lies in the plan folder or a
    template folder, holds the dokumentmall, or already holds something that is not a
    site from planverk (no :data:`SITE_MARKER` in it)."""
    target = _real(folder)
    hint = "Välj en egen mapp för webbplatsen, t.ex. --ut build/webb."
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{folder} är en fil, inte en mapp", hint)
    plan_dir = _real(planset.plan_dir)
    if _inside(target, plan_dir) or plan_dir.is_relative_to(target):
        raise OutputRefused(
            f"vägrar skriva webbplatsen i {folder}: planmappen {planset.plan_dir.name}/ "
            "skulle skrivas över",
            hint,
        )
    for templates in template_dirs:
        resolved = _real(templates)
        if _inside(target, resolved) or resolved.is_relative_to(target):
            raise OutputRefused(
                f"vägrar skriva webbplatsen i {folder}: mallmappen {templates} skulle skrivas över",
                hint,
            )
    for file in protected:
        if file is not None and _real(file).is_relative_to(target):
            raise OutputRefused(f"vägrar skriva webbplatsen i {folder}: {file} ligger där", hint)
    if not explicit and not _inside(target, planset.root):
        raise OutputRefused(
            f"vägrar skriva {folder}: det ligger utanför projektet {planset.root}",
            "Ange platsen uttryckligen med --ut om det är meningen.",
        )
    if target.is_dir() and not (target / SITE_MARKER).is_file():
        try:
            empty = next(target.iterdir(), None) is None
        except OSError as err:
            raise OutputRefused(read_error(folder, err).message, hint) from None
        if not empty:
            raise OutputRefused(
                f"vägrar ersätta {folder}: mappen finns och är ingen webbplats från planverk",
                "planverk webb ersätter bara en tom mapp eller en som det själv har skrivit; "
                "välj en annan mapp, eller töm den först.",
            )
