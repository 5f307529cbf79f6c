"""Figures a target adds where its template wrote the figure's marker alone on a line."""

from __future__ import annotations

import io
from collections.abc import Sequence

from planverk.office.package import repack
from planverk.render.result import Figure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, T = f"{W}p", f"{W}t"
MAX_WIDTH_CM = 16.0
EMU_PER_CM = 360_000


def describe(markup: str, figures: Sequence[Figure]) -> str:
    """Markup with each figure's marker replaced by its description, in italics (for the
    formats that do not draw the figure). The description is Markdown-safe plan text."""
    for figure in figures:
        markup = markup.replace(figure.marker, f"*{figure.description}*")
    return markup


def place(docx: bytes, figures: Sequence[Figure]) -> tuple[bytes, list[str]]:
    """``docx`` with each figure drawn in place of its marker paragraph, and the markers of
    the figures placed (a figure whose template left out the marker is left out too)."""
    if not figures:
        return docx, []
    from docx import Document

    document = Document(io.BytesIO(docx))
    body = document.element.body
    placed: list[str] = []
    for figure in figures:
        for paragraph in body.iterchildren(P):
            if "".join(paragraph.itertext(T)).strip() != figure.marker:
                continue
            section = document.sections[-1]
            width = (
                (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
            )
            width_cm = min(MAX_WIDTH_CM, width / EMU_PER_CM) if width > 0 else MAX_WIDTH_CM
            figure.insert_docx(document, paragraph, width_cm)
            placed.append(figure.marker)
            break
    if not placed:
        return docx, placed
    out = io.BytesIO()
    document.save(out)
    return repack(out.getvalue()), placed
