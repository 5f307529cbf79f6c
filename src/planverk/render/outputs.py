"""Where a rendered document goes, and where it must never go.

Default: ``<project root>/build/<name>.<format>``. planverk refuses to write over a plan file,
a template or the dokumentmall, and, unless ``-o`` names the place, outside the project.
"""

from __future__ import annotations

from pathlib import Path

from planverk.loading.planset import PlanSet
from planverk.render.errors import RenderError

BUILD_DIR = "build"
SUFFIXES = {"docx": ".docx", "md": ".md", "html": ".html", "pdf": ".pdf"}


def format_for(path: Path | None) -> str | None:
    """The format a file name asks for (``-o plan.pdf`` means PDF), or None."""
    if path is None:
        return None
    suffix = path.suffix.casefold()
    return next((fmt for fmt, ext in SUFFIXES.items() if ext == suffix), None)


def default_path(planset: PlanSet, stem: str, fmt: str) -> Path:
    return planset.root / BUILD_DIR / f"{stem}{SUFFIXES[fmt]}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.is_relative_to(folder.resolve())
    except OSError:  # pragma: no cover - unreadable folder
        return False


def check_output(
    path: Path,
    fmt: str,
    planset: PlanSet,
    *,
    template_dir: Path,
    dokumentmall: Path | None,
    explicit: bool,
) -> None:
    """Raise RenderError when writing ``path`` could destroy something the user wrote."""
    target = path.resolve()
    if target.is_dir():
        raise RenderError(f"{path} är en mapp", "Ange en fil, t.ex. -o build/plan.docx.")
    if _inside(target, planset.plan_dir):
        raise RenderError(
            f"vägrar skriva {path}: det ligger i planmappen {planset.plan_dir.name}/",
            "Planfilerna skrivs aldrig över; välj en annan plats, t.ex. build/.",
        )
    for doc in planset.documents:
        if Path(doc.display).resolve() == target:
            raise RenderError(f"vägrar skriva över planfilen {path}")
    if _inside(target, template_dir):
        raise RenderError(
            f"vägrar skriva {path}: det ligger i mallmappen {template_dir}",
            "Mallarna skrivs aldrig över; välj en annan plats, t.ex. build/.",
        )
    if dokumentmall is not None and dokumentmall.resolve() == target:
        raise RenderError(f"vägrar skriva över dokumentmallen {path}")
    wanted = SUFFIXES[fmt]
    if path.suffix.casefold() != wanted:
        raise RenderError(
            f"{path}: filen för formatet {fmt} ska sluta på {wanted}",
            f"Skriv t.ex. -o {path.with_suffix(wanted).name}.",
        )
    if not explicit and not _inside(target, planset.root):
        raise RenderError(
            f"vägrar skriva {path}: det ligger utanför projektet {planset.root}",
            "Ange platsen uttryckligen med -o om det är meningen.",
        )
