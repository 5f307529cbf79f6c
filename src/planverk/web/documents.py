"""The decision documents the site offers for download, made by `planverk render`'s code.

The current verksamhetsplan and aktivitetsplan, the year's handlingsplaner, the living
ones and the follow-up report, each as .docx and, when LibreOffice is there, as .pdf,
through :func:`planverk.publish.documents.render_checked` (what `planverk render` does,
on the plan set already loaded and let through the gate), written into the site's
``dokument/`` folder.

A .docx from planverk is the same bytes for the same plans. A PDF from LibreOffice carries
the time of the export and an id drawn from it; :func:`reproducible_pdf` puts the
document's own date and an id computed from the content in their place (same lengths, so
the PDF's cross-reference table stays right), so the site stays the same bytes too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
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

_CREATED = re.compile(rb"/CreationDate\(D:(\d{14})")
_MODIFIED = re.compile(rb"/ModDate\(D:(\d{14})")
_ID = re.compile(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")


def reproducible_pdf(data: bytes, date: dt.date) -> bytes:
    """``data`` (a PDF from LibreOffice) with its creation date set to ``date`` and its id
    and checksum computed from the rest of the file; every replacement has the length of
    what it replaces. A PDF without these fields comes back unchanged."""
    stamp = date.strftime("%Y%m%d").encode("ascii") + b"000000"
    data = _CREATED.sub(b"/CreationDate(D:" + stamp, data)
    data = _MODIFIED.sub(b"/ModDate(D:" + stamp, data)
    blank = _ID.sub(b"/ID [ <" + b"0" * 32 + b">\n<" + b"0" * 32 + b"> ]", data)
    blank = _CHECKSUM.sub(b"/DocChecksum /" + b"0" * 32, blank)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode("ascii")

    def ident(match: re.Match[bytes]) -> bytes:
        whole = match.group(0)
        return whole.replace(match.group(1), digest).replace(match.group(2), digest)

    data = _ID.sub(ident, data)
    return _CHECKSUM.sub(b"/DocChecksum /" + digest, data)


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
                if fmt == "pdf":
                    path.write_bytes(reproducible_pdf(path.read_bytes(), target.date))
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
