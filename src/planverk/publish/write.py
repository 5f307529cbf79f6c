"""Write outputs: checked against the guard, all files or none, OS errors in Swedish."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from planverk.core.atomic import write_all
from planverk.core.oserrors import write_error
from planverk.loading.planset import PlanSet
from planverk.publish.guard import check_output


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
        where = err.filename or (files[0][0] if files else "")
        raise write_error(where, err) from None
    return [path for path, _ in files]
