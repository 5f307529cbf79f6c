"""`planverk render`: plans as Word documents (and Markdown, HTML, PDF) for the board.

The pipeline, one way: plan set → template data (:mod:`.context`) → Jinja template in
``templates/`` → Markdown (:mod:`.markup`) → blocks (:mod:`.parse`) → a writer (.docx in
the dokumentmall's look, HTML) → bytes. Nothing here writes files; the CLI does, atomically.

For a benchmark or another program::

    from planverk.render import render_document
    data = render_document(planset, "aktivitetsplan", 2025, "docx")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planverk.core.findings import Finding
from planverk.loading.planset import PlanSet
from planverk.render.errors import RenderError
from planverk.render.targets import Kind, Target, select

FORMATS = ("docx", "md", "html", "pdf")
TEMPLATE_DIR = "templates"
DOKUMENTMALL = "dokumentmall.docx"
# planverk's own templates: installed as planverk/templates/ (see pyproject.toml), or in a
# source checkout the top-level templates/ they are installed from.
_INSTALLED = Path(__file__).resolve().parents[1] / TEMPLATE_DIR
BUNDLED_TEMPLATES = (
    _INSTALLED if _INSTALLED.is_dir() else Path(__file__).resolve().parents[3] / TEMPLATE_DIR
)

__all__ = [
    "FORMATS",
    "Kind",
    "RenderError",
    "Rendered",
    "Target",
    "dokumentmall_path",
    "render_document",
    "render_target",
    "select",
    "template_dir_for",
]


@dataclass(slots=True)
class Rendered:
    target: Target
    fmt: str
    data: bytes
    warnings: list[Finding] = field(default_factory=list)


def template_dir_for(planset: PlanSet, template_dir: Path | None = None) -> Path:
    """The Jinja templates: the one given, the project's templates/, else planverk's own."""
    if template_dir is not None:
        if not template_dir.is_dir():
            raise RenderError(f"mallmappen {template_dir} finns inte")
        return template_dir
    own = planset.root / TEMPLATE_DIR
    return own if own.is_dir() else BUNDLED_TEMPLATES


def dokumentmall_path(
    planset: PlanSet, template_dir: Path, dokumentmall: Path | None = None
) -> Path | None:
    """The dokumentmall: given, else the project file's ``dokumentmall:``, else the one in the
    template folder; None means planverk's built-in one."""
    if dokumentmall is not None:
        return dokumentmall
    project = planset.project
    if project is not None and project.plan.template:
        return planset.root / project.plan.template
    candidate = template_dir / DOKUMENTMALL
    return candidate if candidate.is_file() else None


def _read_dokumentmall(path: Path | None) -> tuple[bytes, str]:
    if path is None:
        from planverk.render.default_template import build

        return build(), "planverks dokumentmall"
    try:
        return path.read_bytes(), str(path)
    except OSError as err:
        raise RenderError(
            f"dokumentmallen {path} kan inte läsas: {err.strerror or err}",
            "Kontrollera sökvägen i --dokumentmall eller `dokumentmall:` i plans/planverk.yaml "
            "(relativ till projektets rot).",
        ) from None


def render_target(
    planset: PlanSet,
    target: Target,
    fmt: str = "docx",
    template_dir: Path | None = None,
    dokumentmall: Path | None = None,
) -> Rendered:
    """Render one document; the plan set is expected to have passed validation."""
    from planverk.render.checks import check
    from planverk.render.markup import render_markup, template_path
    from planverk.render.meta import Meta
    from planverk.render.parse import MarkupError, parse

    if fmt not in FORMATS:
        raise RenderError(f"okänt format '{fmt}'", f"Välj {', '.join(FORMATS)}.")
    folder = template_dir_for(planset, template_dir)
    data, warnings = target.data(planset)
    markup = render_markup(folder, target.kind.value, data)
    if fmt == "md":
        return Rendered(target, fmt, markup.encode("utf-8"), warnings)
    shown = str(template_path(folder, target.kind.value))
    try:
        document = parse(markup)
    except MarkupError as err:
        raise RenderError(
            f"{shown}: {err} (rad {err.line} i den färdiga texten)",
            "Kör med --format md för att se texten som mallen gav.",
        ) from None
    warnings.extend(check(document, shown))
    meta = Meta(target.title, target.subject, target.author, target.date)
    if fmt == "html":
        from planverk.render.html_writer import write_html

        return Rendered(target, fmt, write_html(document, meta), warnings)
    from planverk.render.docx_writer import write_docx

    template_bytes, display = _read_dokumentmall(dokumentmall_path(planset, folder, dokumentmall))
    docx, more = write_docx(document, meta, template_bytes, display)
    warnings.extend(more)
    if fmt == "pdf":
        from planverk.render.pdf import docx_to_pdf

        return Rendered(target, fmt, docx_to_pdf(docx), warnings)
    return Rendered(target, fmt, docx, warnings)


def render_document(
    planset: PlanSet,
    kind: str,
    year: int | None,
    fmt: str = "docx",
    template_dir: Path | None = None,
    dokumentmall: Path | None = None,
    plan_id: str | None = None,
) -> bytes:
    """The bytes of one rendered document (the first, when a year has several
    handlingsplaner and no ``plan_id`` picks one). Raises RenderError."""
    try:
        chosen = Kind(kind)
    except ValueError:
        raise RenderError(
            f"okänd dokumenttyp '{kind}'", f"Välj {', '.join(k.value for k in Kind)}."
        ) from None
    target = select(planset, chosen, year, plan_id)[0]
    return render_target(planset, target, fmt, template_dir, dokumentmall).data
