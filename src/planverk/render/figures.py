"""Figures a target adds where its template wrote the figure's marker alone on a line."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape

from planverk.office.package import repack
from planverk.render.result import Figure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, T = f"{W}p", f"{W}t"
MAX_WIDTH_CM = 16.0
EMU_PER_CM = 360_000


def describe(markup: str, figures: Sequence[Figure], *, drawn: bool = False) -> str:
    """Markup with each figure's marker replaced by its description, in italics (for the
    formats that do not draw the figure). With ``drawn``, figures that draw themselves as
    HTML keep their marker for :func:`place_html`. The description is Markdown-safe text."""
    for figure in figures:
        if drawn and figure.html is not None:
            continue
        markup = markup.replace(figure.marker, f"*{figure.description}*")
    return markup


def place_markdown(markup: str, figures: Sequence[Figure]) -> tuple[str, list[str]]:
    """Markdown with each figure's marker line replaced by the figure's own Markdown (or its
    description in italics), and the markers of the figures drawn."""
    placed: list[str] = []
    for figure in figures:
        if figure.markdown is None or figure.marker not in markup:
            markup = markup.replace(figure.marker, f"*{figure.description}*")
            continue
        lines = markup.split("\n")
        for index, line in enumerate(lines):
            if line.strip() == figure.marker:
                lines[index] = figure.markdown().rstrip("\n")
                placed.append(figure.marker)
                break
        markup = "\n".join(lines)
    return markup, placed


def place_html(page: bytes, figures: Sequence[Figure]) -> tuple[bytes, list[str]]:
    """The HTML page with each figure's marker paragraph replaced by the figure's HTML."""
    placed: list[str] = []
    text = page.decode("utf-8")
    for figure in figures:
        if figure.html is None:
            continue
        paragraph = f"<p>{escape(figure.marker, quote=False)}</p>"
        if paragraph in text:
            text = text.replace(paragraph, figure.html(), 1)
            placed.append(figure.marker)
    return text.encode("utf-8"), placed


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
