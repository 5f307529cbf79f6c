"""The follow-up report in Word: counts per status and fokusområde, the stacked-bar chart,
and one section per fokusområde with its röd and gul actions and their comments first.

It runs on the render package's pipeline (template ``templates/uppfoljning.md.j2`` →
Markdown → blocks → .docx in the dokumentmall's look) and adds the chart afterwards, where
the template put the chart's marker paragraph. The data comes from
:func:`planverk.planning.followup.overview`, so the report and `planverk status` agree.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.core.findings import Finding
from planverk.loading.planset import PlanSet
from planverk.planning.chart import StackedBars, insert_chart
from planverk.planning.followup import ActionStatus, Overview, overview

KIND = "uppfoljning"
CHART_MARKER = "DIAGRAM-STATUS-PER-FOKUSOMRÅDE"
CHART_TITLE = "Status per fokusområde"
CONCERNS = ("röd", "gul")  # listed first in each fokusområde, with their comments
MAX_CHART_WIDTH_CM = 16.0


@dataclass(slots=True)
class FollowUpDocument:
    data: bytes
    fmt: str
    stem: str
    chart: bool  # whether the chart found its place in the document
    warnings: list[Finding] = field(default_factory=list)


def chart_of(view: Overview) -> StackedBars:
    groups = view.by_focus()
    return StackedBars(
        title=f"{CHART_TITLE} {view.year}",
        categories=[_clean(focus.heading) for focus, _ in groups],
        series=view.statuses,
        values=[[counts[s] for s in view.statuses] for _, counts in groups],
    )


def document_data(view: Overview) -> dict[str, Any]:
    """The template data of ``templates/uppfoljning.md.j2`` (Swedish names, as in the other
    templates; every text is escaped for Markdown)."""
    from planverk.render.context import PlanText

    def text(value: str | None) -> PlanText | None:
        return PlanText(_clean(value)) if value else None

    def action(item: ActionStatus) -> dict[str, Any]:
        report = item.report
        schedule = item.action.schedule
        return {
            "id": item.action.id,
            "text": text(item.action.text),
            "status": item.status,
            "kommentar": text(item.comment),
            "resultat": text(item.result),
            "ägare": text(", ".join(owner.name for owner in item.owners)),
            "plan": text(item.plan.title),
            "rapport": None
            if report is None
            else {"period": _period_name(view, report.period), "datum": report.date},
            "tidplan_till": schedule.end if schedule else None,
            "dagar_sen": item.late_days,
        }

    statuses = view.statuses
    totals = view.totals()
    areas = []
    summary = []
    for focus, counts in view.by_focus():
        items = view.focus_actions(focus)
        concerns = [a for s in CONCERNS for a in items if a.status == s]
        others = [a for a in items if a.status not in CONCERNS]
        summary.append(
            {
                "fokusområde": text(focus.heading),
                "antal": [counts[s] for s in statuses],
                "totalt": counts.total(),
            }
        )
        areas.append(
            {
                "rubrik": text(focus.heading),
                "antal": {s: counts[s] for s in statuses},
                "totalt": counts.total(),
                "lägesord": _counts_words(counts, statuses),
                "röda_och_gula": [action(a) for a in concerns],
                "övriga": [action(a) for a in others],
            }
        )
    chart = chart_of(view)
    period = view.period
    return {
        "typ": KIND,
        "projekt": {"namn": text(view.region) or ""},
        "år": view.year,
        "datum": view.on,
        "period": None
        if period is None
        else {"namn": text(period.name), "start": period.start, "slut": period.end},
        "statusar": statuses,
        "antal_åtgärder": len(view.actions),
        "antal_planer": len(view.plans),
        "sammanfattning": summary,
        "totalt": {"antal": [totals[s] for s in statuses], "totalt": totals.total()},
        "diagram": {
            "markör": CHART_MARKER,
            "titel": chart.title,
            "beskrivning": text(chart.description()),
        },
        "fokusområden": areas,
        "försenade": [action(a) for a in view.late()],
        "saknar_rapport": [action(a) for a in view.missing()],
    }


def render_followup(
    planset: PlanSet,
    year: int,
    on: dt.date,
    fmt: str = "docx",
    template_dir: Path | None = None,
    dokumentmall: Path | None = None,
) -> FollowUpDocument:
    """The follow-up report of ``year`` as of ``on`` in ``fmt`` (docx, pdf or md).
    Raises :class:`planverk.render.RenderError` for a template or dokumentmall problem."""
    from planverk.render import BUNDLED_TEMPLATES, RenderError, template_dir_for
    from planverk.render.markup import render_markup, template_path
    from planverk.render.meta import Meta
    from planverk.render.parse import MarkupError, parse

    if fmt not in ("docx", "pdf", "md"):
        raise RenderError(f"uppföljningen kan inte skrivas som {fmt}", "Välj docx, pdf eller md.")
    view = overview(planset, year, on)
    folder = template_dir_for(planset, template_dir)
    if not template_path(folder, KIND).is_file():
        folder = BUNDLED_TEMPLATES  # the region's templates/ predates this report
    data = document_data(view)
    markup = render_markup(folder, KIND, data)
    stem = f"uppfoljning-{year}"
    chart = chart_of(view)
    if fmt == "md":
        described = markup.replace(CHART_MARKER, f"*{data['diagram']['beskrivning']}*")
        return FollowUpDocument(described.encode("utf-8"), fmt, stem, False)
    shown = str(template_path(folder, KIND))
    try:
        document = parse(markup)
    except MarkupError as err:
        raise RenderError(
            f"{shown}: {err} (rad {err.line} i den färdiga texten)",
            "Kör med --format md för att se texten som mallen gav.",
        ) from None
    region = _clean(view.region)
    meta = Meta(
        title=f"Uppföljning {year}",
        subject=f"Uppföljning av handlingsplanerna {year} per {on.isoformat()}",
        author=region,
        date=on,
        keywords="uppföljning, status, " + ", ".join(view.statuses),
    )
    docx, warnings = _write(planset, folder, dokumentmall, document, meta)
    docx, placed = add_chart(docx, chart)
    if fmt == "pdf":
        from planverk.render.pdf import docx_to_pdf

        return FollowUpDocument(docx_to_pdf(docx), fmt, stem, placed, warnings)
    return FollowUpDocument(docx, fmt, stem, placed, warnings)


def add_chart(docx: bytes, chart: StackedBars) -> tuple[bytes, bool]:
    """``docx`` with the chart in place of the marker paragraph (unchanged without one)."""
    from docx import Document

    from planverk.office.package import repack

    document = Document(io.BytesIO(docx))
    for paragraph in document.paragraphs:
        if paragraph.text.strip() != CHART_MARKER:
            continue
        section = document.sections[-1]
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        width_cm = min(MAX_CHART_WIDTH_CM, width / 360_000) if width > 0 else MAX_CHART_WIDTH_CM
        insert_chart(document, paragraph, chart, width_cm)
        out = io.BytesIO()
        document.save(out)
        return repack(out.getvalue()), True
    return docx, False


def _write(
    planset: PlanSet, folder: Path, dokumentmall: Path | None, document: Any, meta: Any
) -> tuple[bytes, list[Finding]]:
    from planverk.render import RenderError, dokumentmall_path
    from planverk.render.docx_writer import write_docx

    path = dokumentmall_path(planset, folder, dokumentmall)
    if path is None:
        from planverk.render.default_template import build

        return write_docx(document, meta, build(), "planverks dokumentmall")
    try:
        template = path.read_bytes()
    except OSError as err:
        raise RenderError(
            f"dokumentmallen {path} kan inte läsas: {err.strerror or err}",
            "Kontrollera sökvägen i --dokumentmall eller `dokumentmall:` i plans/planverk.yaml.",
        ) from None
    return write_docx(document, meta, template, str(path))


def _clean(value: str) -> str:
    from planverk.render.plaintext import clean

    return clean(value)


def _period_name(view: Overview, period_id: str) -> str:
    return next((s.name for s in view.periods if s.id == period_id), period_id)


def _counts_words(counts: Any, statuses: list[str]) -> str:
    parts = [f"{counts[s]} {s}" for s in statuses if counts[s]]
    if not parts:
        return "inga åtgärder"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"
