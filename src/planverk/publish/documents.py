"""`planverk render` as a library call: plan folder and request in, documents written.

Load the plan set, refuse when it has errors (:mod:`.gate`), pick the targets (every
document kind, the follow-up report included), check where each goes (:mod:`.guard`), render
each through the one pipeline, run the document rules on it, and write all files or none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from planverk.core.findings import Finding
from planverk.core.progress import phase
from planverk.lint.validate import Result, check_rendered
from planverk.loading.planset import PlanSet, load_plan_dir
from planverk.publish.gate import require_clean
from planverk.publish.guard import check_output, default_path, format_for
from planverk.publish.write import write_outputs
from planverk.render import (
    BUNDLED_TEMPLATES,
    Kind,
    RenderError,
    Target,
    dokumentmall_path,
    powerpointmall_path,
    render_target,
    select,
    template_dir_for,
)

FOLLOW_UP = "uppfoljning"
KINDS = (*(kind.value for kind in Kind), FOLLOW_UP)


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """What to render; every field has the command line's default."""

    kind: str = Kind.AKTIVITETSPLAN.value
    year: int | None = None
    plan: str | None = None  # a plan's id (or file name without .yaml)
    fmt: str | None = None  # None: from the output's suffix, else docx
    output: Path | None = None
    dokumentmall: Path | None = None
    powerpointmall: Path | None = None  # the slides' template (-f pptx)
    templates: Path | None = None
    on: dt.date | None = None  # the follow-up report's date (default: the latest report's)
    timeout: float | None = None  # seconds per LibreOffice run (None: grows with the document)


@dataclass(slots=True)
class Published:
    """What was written, and what the checks said on the way."""

    paths: list[Path]
    checked: Result  # the validation that let the documents through
    warnings: list[Finding] = field(default_factory=list)  # from the document rules


def targets_for(planset: PlanSet, request: RenderRequest) -> list[Target]:
    """The documents a request asks for (several handlingsplaner of one year when no plan is
    named). Raises RenderError."""
    if request.kind == FOLLOW_UP:
        from planverk.planning.followup_report import as_of, default_year, target

        year = request.year or (request.on.year if request.on else default_year(planset))
        on, basis = as_of(planset, year, request.on)
        return [target(planset, year, on, basis)]
    try:
        kind = Kind(request.kind)
    except ValueError:
        raise RenderError(
            f"okänd dokumenttyp '{request.kind}'", f"Välj {', '.join(KINDS)}."
        ) from None
    return select(planset, kind, request.year, request.plan)


def render_documents(plan_dir: Path, request: RenderRequest) -> Published:
    """Render and write the documents of ``request``. Raises PlansHaveErrors (nothing is
    written from plans with errors) or a UserError (RenderError, OutputRefused, ...)."""
    if request.dokumentmall is not None and not request.dokumentmall.is_file():
        raise RenderError(
            f"dokumentmallen {request.dokumentmall} finns inte", "Ange en .docx- eller .dotx-fil."
        )
    if request.powerpointmall is not None and not request.powerpointmall.is_file():
        raise RenderError(
            f"powerpointmallen {request.powerpointmall} finns inte",
            "Ange en .pptx- eller .potx-fil.",
        )
    with phase("Läser planerna"):
        planset = load_plan_dir(plan_dir)
    with phase("Kontrollerar planerna"):
        checked = require_clean(planset)
    return render_checked(planset, checked, request)


def render_checked(planset: PlanSet, checked: Result, request: RenderRequest) -> Published:
    """:func:`render_documents` for a plan set already loaded and let through the gate
    (``checked`` is :func:`require_clean`'s result), for a writer that publishes several
    documents from one load (the website). Raises a UserError."""
    fmt = request.fmt or format_for(request.output) or "docx"
    targets = targets_for(planset, request)
    if request.output is not None and len(targets) > 1:
        ids = ", ".join(t.plan.plan.id for t in targets if t.plan is not None)
        raise RenderError(
            f"{len(targets)} handlingsplaner gäller {request.year}, men -o anger en enda fil",
            f"Välj en med --plan ({ids}), eller utelämna -o.",
        )
    folder = template_dir_for(planset, request.templates)
    mall = dokumentmall_path(planset, folder, request.dokumentmall)
    slides = powerpointmall_path(planset, folder, request.powerpointmall)
    explicit = request.output is not None
    dirs = (folder, BUNDLED_TEMPLATES)
    files: list[tuple[Path, bytes]] = []
    warnings: list[Finding] = []
    for target in targets:
        path = request.output or default_path(planset, target.stem, fmt)
        check_output(
            path, planset, fmt=fmt, explicit=explicit, template_dirs=dirs, protected=(mall, slides)
        )
        rendered = render_target(
            planset, target, fmt, folder, mall, slides, timeout=request.timeout
        )
        warnings.extend(check_rendered(planset, rendered))
        files.append((path, rendered.data))
    paths = write_outputs(
        planset, files, explicit=explicit, template_dirs=dirs, protected=(mall, slides)
    )
    return Published(paths, checked, warnings)
