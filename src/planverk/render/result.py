"""What a render gives back besides the bytes: the facts the document rules check.

Rendering reports no findings itself; it records what happened on the way (a style the
dokumentmall lacks, a character Word cannot hold and that was removed) and the document
structure it wrote, what active content it took out of the dokumentmall, whether the
table of contents got its page numbers and what a PDF's structure holds. The
document-phase rules (PV016, PV307, PV401–PV408) turn these into findings,
configured and reported like every other rule (see :mod:`planverk.publish`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planverk.core.findings import Span

if TYPE_CHECKING:
    from planverk.document.blocks import Document
    from planverk.office.pdf import Structure
    from planverk.render.targets import Target


@dataclass(frozen=True, slots=True)
class MissingStyle:
    """A style the template asked for that the dokumentmall does not have."""

    name: str
    fallback: str
    dokumentmall: str  # the dokumentmall as shown to the user


@dataclass(frozen=True, slots=True)
class RemovedCharacter:
    """A character of a plan text that a .docx cannot hold, left out of the document."""

    file: str
    span: Span
    codepoint: int


@dataclass(frozen=True, slots=True)
class StrippedContent:
    """Something active (macros, a link to the outside) taken out of the dokumentmall or the
    document on the way (see :mod:`planverk.office.sanitize`)."""

    source: str  # the dokumentmall (or the document) as shown to the user
    part: str  # where in the package it was
    what: str  # what it was, in Swedish


@dataclass(frozen=True, slots=True)
class TemplateCleaned:
    """What was taken out of a Powerpointmall before its layouts were used."""

    template: str  # the Powerpointmall as shown to the user
    macros: tuple[str, ...] = ()  # part names of macro parts (vbaProject.bin, customUI)
    links: tuple[str, ...] = ()  # targets of external relationships


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure a target adds where its template wrote ``marker`` alone on a line; it draws
    itself in each format.

    ``description`` is its text alternative. ``insert_docx(document, paragraph, width_cm)``
    draws it into a python-docx document in place of the marker paragraph (its ``w:p``
    element); ``html()`` gives the HTML that replaces the marker's paragraph (e.g. an SVG
    chart with its data table); ``markdown()`` the Markdown that replaces the marker's line
    (e.g. the data as a table). A format the figure cannot draw shows the description in
    italics.
    """

    marker: str
    description: str
    insert_docx: Callable[[Any, Any, float], None]
    html: Callable[[], str] | None = None
    markdown: Callable[[], str] | None = None


@dataclass(frozen=True, slots=True)
class TocNumbers:
    """How the table of contents got its page numbers (see :mod:`.pagination`)."""

    filled: bool
    reason: str = ""  # why not, in Swedish, when not filled
    passes: int = 0  # LibreOffice layouts it took
    seconds: float = 0.0


@dataclass(slots=True)
class Rendered:
    """One rendered document: its bytes and what the document rules look at."""

    target: Target
    fmt: str
    data: bytes
    template: str  # the Jinja template as shown to the user
    document: Document | None = None  # the parsed structure (None for Markdown)
    missing_styles: list[MissingStyle] = field(default_factory=list)
    removed: list[RemovedCharacter] = field(default_factory=list)
    figures_placed: list[str] = field(default_factory=list)  # markers of the figures drawn
    template_cleaned: TemplateCleaned | None = None  # slides: what the Powerpointmall lost
    split_rows: list[str] = field(default_factory=list)  # slides: headings where a row was cut
    stripped: list[StrippedContent] = field(default_factory=list)
    toc: TocNumbers | None = None  # None: the document has no table of contents
    pdf: Structure | None = None  # what a PDF/UA reader finds in a PDF
    # Fonts of the document LibreOffice had to replace where it laid the pages out (font ->
    # its stand-in), so the page numbers and the PDF may not be Word's.
    fonts_replaced: dict[str, str] = field(default_factory=dict)
