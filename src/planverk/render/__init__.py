"""`planverk render`: plans as Word documents (and Markdown, HTML, PDF, slides) for the board.

The pipeline (:mod:`.pipeline`), one way for every document kind: a :class:`Target` →
template data (:mod:`.context`) → Jinja template in ``templates/`` → Markdown
(:mod:`.markup`) → blocks (:mod:`.parse`) → a writer (.docx in the dokumentmall's look,
HTML; a handlingsplan's slide template to slides in the Powerpointmall's look) → bytes and
the facts the document rules check (:class:`Rendered`). Nothing here
writes files or decides whether plans are fit to publish: :mod:`planverk.publish` does.

For a benchmark or another program::

    from planverk.render import render_document
    data = render_document(planset, "aktivitetsplan", 2025, "docx")
"""

from __future__ import annotations

from pathlib import Path

from planverk.loading.planset import PlanSet
from planverk.render.context import Builder, PlanText, section_heading
from planverk.render.errors import RenderError
from planverk.render.markup import BUNDLED_TEMPLATES, run_template, template_environment
from planverk.render.meta import timestamp
from planverk.render.pipeline import (
    FORMATS,
    dokumentmall_path,
    powerpointmall_path,
    read_dokumentmall,
    render_target,
    template_dir_for,
)
from planverk.render.result import (
    Figure,
    MissingStyle,
    RemovedCharacter,
    Rendered,
    StrippedContent,
    TemplateCleaned,
)
from planverk.render.svgchart import markdown_table, svg_figure
from planverk.render.targets import Kind, Target, select

__all__ = [
    "BUNDLED_TEMPLATES",
    "FORMATS",
    "Builder",
    "Figure",
    "Kind",
    "MissingStyle",
    "PlanText",
    "RemovedCharacter",
    "RenderError",
    "Rendered",
    "StrippedContent",
    "Target",
    "TemplateCleaned",
    "dokumentmall_path",
    "markdown_table",
    "powerpointmall_path",
    "read_dokumentmall",
    "render_document",
    "render_target",
    "run_template",
    "section_heading",
    "select",
    "svg_figure",
    "template_dir_for",
    "template_environment",
    "timestamp",
]


def render_document(
    planset: PlanSet,
    kind: str,
    year: int | None,
    fmt: str = "docx",
    template_dir: Path | None = None,
    dokumentmall: Path | None = None,
    plan_id: str | None = None,
    powerpointmall: Path | None = None,
) -> bytes:
    """The bytes of one rendered plan document (the first, when a year has several
    handlingsplaner and no ``plan_id`` picks one). Raises RenderError."""
    try:
        chosen = Kind(kind)
    except ValueError:
        raise RenderError(
            f"okänd dokumenttyp '{kind}'", f"Välj {', '.join(k.value for k in Kind)}."
        ) from None
    target = select(planset, chosen, year, plan_id)[0]
    return render_target(planset, target, fmt, template_dir, dokumentmall, powerpointmall).data
