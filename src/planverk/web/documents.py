"""The decision documents the site offers for download, made by `planverk render`'s code.

The current verksamhetsplan and aktivitetsplan, the year's handlingsplaner, the living
ones and the follow-up report, each as .docx and, when LibreOffice is there, as .pdf,
through :func:`planverk.publish.documents.render_checked` (what `planverk render` does,
on the plan set already loaded and let through the gate), written into the site's
``dokument/`` folder.

A document from planverk is the same bytes for the same plans, the PDF included (render
sets its dates from the plans and its id from its content), so the site is too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.core.findings import Finding
from planverk.lint.validate import Result
from planverk.loading.planset import PlanSet
from planverk.publish.documents import FOLLOW_UP, RenderRequest, render_checked, targets_for
from planverk.web.paths import slug

FOLDER = "dokument"
Data = dict[str, Any]


@dataclass(slots=True)
class Documents:
    """What the documents page shows, and what rendering warned about."""

    items: list[Data] = field(default_factory=list)
    pdf: bool = False
    pdf_reason: str = ""  # why there is no PDF, when there is none
    warnings: list[Finding] = field(default_factory=list)


def _requests(planset: PlanSet, year: int | None, on: dt.date) -> list[RenderRequest]:
    requests: list[RenderRequest] = []
    if year is not None and len(planset.vps_covering(year)) == 1:
        requests.append(RenderRequest(kind="verksamhetsplan", year=year))
    if year is not None and planset.ap(year) is not None:
        requests.append(RenderRequest(kind="aktivitetsplan", year=year))
    for hp in planset.hps:
        if hp.plan.year is None or hp.plan.year == year:
            requests.append(RenderRequest(kind="handlingsplan", year=year, plan=hp.plan.id))
    if (year is not None and planset.hps_for(year)) or any(hp.plan.living for hp in planset.hps):
        requests.append(RenderRequest(kind=FOLLOW_UP, year=year, on=on))
    return requests


def build_documents(
    planset: PlanSet,
    checked: Result,
    folder: Path,
    year: int | None,
    on: dt.date,
    *,
    pdf: bool | None,
) -> Documents:
    """Render the documents into ``folder`` (the site's ``dokument/`` in the folder being
    built). ``pdf``: True always (LibreOffice must be there), False never, None when
    LibreOffice is installed."""
    from planverk.office.libreoffice import soffice

    result = Documents()
    if pdf is False:
        result.pdf_reason = "PDF-filerna gjordes inte den här gången (planverk webb --utan-pdf)."
    elif soffice() is None:
        if pdf is True:
            from planverk.office.libreoffice import LibreOfficeError

            raise LibreOfficeError(
                "PDF kräver LibreOffice (soffice), som inte är installerat",
                "Installera libreoffice-writer-nogui, eller bygg webbplatsen med --utan-pdf.",
            )
        result.pdf_reason = (
            "PDF-filerna saknas: LibreOffice fanns inte på datorn som byggde webbplatsen. "
            "Word-filerna går att spara som PDF."
        )
    else:
        result.pdf = True
    for request in _requests(planset, year, on):
        for target in targets_for(planset, request):
            entry: Data = {"titel": target.title, "ämne": target.subject, "filer": []}
            formats = ["docx", "pdf"] if result.pdf else ["docx"]
            for fmt in formats:
                path = folder / f"{slug(target.stem)}.{fmt}"
                single = RenderRequest(
                    kind=request.kind,
                    year=request.year,
                    plan=request.plan,
                    fmt=fmt,
                    output=path,
                    on=request.on,
                )
                published = render_checked(planset, checked, single)
                if fmt == "docx":
                    result.warnings.extend(published.warnings)
                entry["filer"].append(
                    {
                        "format": fmt,
                        "namn": "Word" if fmt == "docx" else "PDF",
                        "adress": f"{FOLDER}/{path.name}",
                        "kB": max(1, round(path.stat().st_size / 1000)),
                    }
                )
            result.items.append(entry)
    return result
