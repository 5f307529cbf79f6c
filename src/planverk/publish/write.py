"""Write outputs: checked against the guard, all files or none, OS errors in Swedish."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from planverk.core.atomic import write_all
from planverk.core.oserrors import write_error
from planverk.loading.planset import PlanSet
from planverk.publish.guard import check_output
from planverk.render import BUNDLED_TEMPLATES, dokumentmall_path, template_dir_for


def write_outputs(
    planset: PlanSet,
    files: Sequence[tuple[Path, bytes]],
    *,
    explicit: bool,
    template_dirs: Iterable[Path] = (),
    protected: Iterable[Path | None] = (),
) -> list[Path]:
    """Write ``files`` (path, bytes) after checking every path; the paths written."""
    dirs, kept = list(template_dirs), list(protected)
    for path, _ in files:
        check_output(path, planset, explicit=explicit, template_dirs=dirs, protected=kept)
    try:
        write_all(files)
    except OSError as err:
        raise write_error(_target(err, files), err) from None
    return [path for path, _ in files]


def write_project_outputs(
    planset: PlanSet,
    files: Sequence[tuple[Path, bytes]],
    *,
    explicit: bool,
    fmt: str | None = None,
) -> list[Path]:
    """:func:`write_outputs` with the project's own protected places: its template folder,
    planverk's templates and the dokumentmall. With ``fmt``, each file's suffix must be
    that format's."""
    folder = template_dir_for(planset, None)
    dirs = (folder, BUNDLED_TEMPLATES)
    protected = (dokumentmall_path(planset, folder, None),)
    if fmt is not None:
        for path, _ in files:
            check_output(
                path, planset, fmt=fmt, explicit=explicit, template_dirs=dirs, protected=protected
            )
    return write_outputs(planset, files, explicit=explicit, template_dirs=dirs, protected=protected)


def _target(err: OSError, files: Sequence[tuple[Path, bytes]]) -> Path | str:
    """The file the user asked for that ``err`` is about (not the temporary file beside it
    that the write goes through)."""
    named = Path(str(err.filename)) if err.filename else None
    for path, _ in files:
        if named is not None and (
            named == path
            or (named.parent == path.parent and named.name.startswith(f".{path.name}."))
        ):
            return path
    return named if named is not None else (files[0][0] if files else "")
