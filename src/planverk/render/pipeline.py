"""The one render pipeline every document kind goes through.

target → template data (:mod:`.context`) → Jinja template (:mod:`.markup`) → Markdown →
blocks (:mod:`.parse`) → a writer (.docx in the dokumentmall's look, HTML; PDF from the
.docx; slides in the Powerpointmall's look from a target's slide template) → bytes, with the
facts the document rules check (:mod:`.result`). Nothing here writes files or makes
findings.
"""

from __future__ import annotations

from pathlib import Path

from planverk.core.oserrors import read_error
from planverk.core.progress import phase
from planverk.loading.planset import PlanSet
from planverk.render.context import Builder
from planverk.render.errors import RenderError
from planverk.render.figures import describe, place, place_html, place_markdown
from planverk.render.markup import BUNDLED_TEMPLATES, TEMPLATE_DIR
from planverk.render.result import Rendered, StrippedContent
from planverk.render.targets import Target

FORMATS = ("docx", "md", "html", "pdf")
SLIDES = "pptx"  # for targets with a slide template (Target.slides)
DOKUMENTMALL = "dokumentmall.docx"
POWERPOINTMALL = "powerpointmall.pptx"


def template_dir_for(planset: PlanSet, template_dir: Path | None = None) -> Path:
    """The Jinja templates: the one given, the project's templates/, else planverk's own.
    A template the folder lacks is taken from planverk's own (see :mod:`.markup`)."""
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
    project = planset.project.plan.template if planset.project else None
    return _office_template(planset, template_dir, dokumentmall, project, DOKUMENTMALL)


def powerpointmall_path(
    planset: PlanSet, template_dir: Path, powerpointmall: Path | None = None
) -> Path | None:
    """The Powerpointmall: given, else the project file's ``powerpointmall:``, else the one
    in the template folder; None means planverk's built-in one."""
    project = planset.project.plan.powerpointmall if planset.project else None
    return _office_template(planset, template_dir, powerpointmall, project, POWERPOINTMALL)


def _office_template(
    planset: PlanSet, template_dir: Path, given: Path | None, project: str | None, name: str
) -> Path | None:
    if given is not None:
        return given
    if project:
        return planset.root / project
    candidate = template_dir / name
    # A folder or a broken link there is the region's mistake, told when the file is read.
    return (
        candidate if candidate.is_file() or candidate.is_symlink() or candidate.exists() else None
    )


def read_dokumentmall(path: Path | None) -> tuple[bytes, str]:
    """The dokumentmall's bytes and its name as shown (planverk's own when ``path`` is None)."""
    if path is None:
        from planverk.render.default_template import build

        return build(), "planverks dokumentmall"
    return _read(path, "dokumentmall")


def read_powerpointmall(path: Path | None) -> tuple[bytes, str]:
    """The Powerpointmall's bytes and its name as shown (planverk's own when None)."""
    if path is None:
        from planverk.render.default_powerpointmall import build

        return build(), "planverks powerpointmall"
    return _read(path, "powerpointmall")


def _read(path: Path, key: str) -> tuple[bytes, str]:
    try:
        regular = path.is_file()
    except OSError:
        regular = False
    if not regular and (path.is_symlink() or path.exists()):
        raise RenderError(
            f"{key}en {path} kan inte läsas: det är ingen vanlig fil (en mapp, en enhet, en "
            "länk som inte leder till en fil, eller en länk i en slinga)",
            f"Lägg {key}en som en vanlig fil, eller ta bort den så att planverks egen används.",
        )
    try:
        return path.read_bytes(), str(path)
    except OSError as err:
        problem = read_error(path, err)
        raise RenderError(
            f"{key}en {problem.message}",
            f"Kontrollera sökvägen i --{key} eller `{key}:` i plans/planverk.yaml (relativ till "
            "projektets rot).",
        ) from None


def render_target(
    planset: PlanSet,
    target: Target,
    fmt: str = "docx",
    template_dir: Path | None = None,
    dokumentmall: Path | None = None,
    powerpointmall: Path | None = None,
    *,
    timeout: float | None = None,
) -> Rendered:
    """Render one document; the plan set is expected to have passed validation
    (:func:`planverk.publish.render_documents` makes sure of it). ``timeout`` is the time
    limit in seconds of each LibreOffice run (None: one that grows with the document).
    Raises RenderError (and LibreOfficeError for a PDF that cannot be made)."""
    with phase(f"Skriver {target.stem}.{fmt}"):
        return _render(planset, target, fmt, template_dir, dokumentmall, powerpointmall, timeout)


def _render(
    planset: PlanSet,
    target: Target,
    fmt: str,
    template_dir: Path | None,
    dokumentmall: Path | None,
    powerpointmall: Path | None,
    timeout: float | None,
) -> Rendered:
    from planverk.render.markup import render_markup, template_file
    from planverk.render.meta import Meta
    from planverk.render.parse import MarkupError, parse

    allowed = (*(target.formats or FORMATS), *((SLIDES,) if target.slides else ()))
    if fmt not in allowed:
        raise RenderError(
            f"{target.title} kan inte skrivas som {fmt}",
            f"Välj {', '.join(allowed)}."
            + (" PowerPoint (pptx) finns för handlingsplaner." if fmt == SLIDES else ""),
        )
    folder = template_dir_for(planset, template_dir)
    builder = Builder(planset)
    template = target.slides if fmt == SLIDES and target.slides else target.template
    markup = render_markup(folder, template, target.data(builder))
    shown = str(template_file(folder, template))
    if fmt == "md":
        markup, placed = place_markdown(markup, target.figures)
        return Rendered(
            target, fmt, markup.encode("utf-8"), shown, removed=builder.removed,
            figures_placed=placed,
        )  # fmt: skip
    if fmt == "html":
        markup = describe(markup, target.figures, drawn=True)
    try:
        document = parse(markup)
    except MarkupError as err:
        raise RenderError(
            f"{shown}: {err} (rad {err.line} i den färdiga texten)",
            "Kör med --format md för att se texten som mallen gav.",
        ) from None
    project = planset.project.plan if planset.project else None
    names = (project.name, *(r.name for r in project.regions)) if project else ()
    meta = Meta(
        target.title,
        target.subject,
        target.author,
        target.date,
        keywords=target.keywords,
        names=names,
        status=target.status,
    )
    rendered = Rendered(target, fmt, b"", shown, document, removed=builder.removed)
    if fmt == SLIDES:
        from planverk.render.pptx_writer import write_pptx

        mall = powerpointmall_path(planset, folder, powerpointmall)
        written = write_pptx(document, meta, *read_powerpointmall(mall))
        rendered.data = written.data
        rendered.template_cleaned = written.cleaned
        rendered.split_rows = written.split_rows
        return rendered
    if fmt == "html":
        from planverk.render.html_writer import write_html

        rendered.data, rendered.figures_placed = place_html(
            write_html(document, meta), target.figures
        )
        return rendered
    from planverk.office.sanitize import sanitize
    from planverk.render.docx_writer import write_docx

    template_bytes, display = read_dokumentmall(dokumentmall_path(planset, folder, dokumentmall))
    clean = sanitize(template_bytes, display)  # no macros, nothing fetched from outside
    rendered.stripped = [StrippedContent(display, s.part, s.what) for s in clean.stripped]
    docx, rendered.missing_styles = write_docx(document, meta, clean.data, display)
    docx, rendered.figures_placed = place(docx, target.figures)
    final = sanitize(docx, target.title)  # what the templates' own links might add
    docx = final.data
    rendered.stripped += [StrippedContent(shown, s.part, s.what) for s in final.stripped]
    from planverk.office.libreoffice import PDF_UA
    from planverk.render.pagination import paginate

    docx, pdf, rendered.toc = paginate(docx, pdf=fmt == "pdf", options=PDF_UA, timeout=timeout)
    if pdf is not None or (rendered.toc is not None and rendered.toc.passes):
        from planverk.office.fonts import document_fonts, substituted

        rendered.fonts_replaced = substituted(document_fonts(docx))
    if fmt != "pdf" or pdf is None:
        rendered.data = docx
        return rendered
    from planverk.office.pdf import finish, structure
    from planverk.render.meta import timestamp

    alts = [f.description for f in target.figures if f.marker in rendered.figures_placed]
    rendered.data = finish(
        pdf,
        title=meta.title,
        language=meta.language,
        moment=timestamp(meta.date),
        figure_alts=alts,
    )
    rendered.pdf = structure(rendered.data)
    return rendered
