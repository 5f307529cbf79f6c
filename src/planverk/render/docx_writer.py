"""Blocks → .docx in the dokumentmall's look.

The dokumentmall is opened with python-docx, its body cleared (its styles, header, footer,
logo and page setup stay), and the body is written as WordprocessingML text and parsed once:
building thousands of paragraphs and table rows through python-docx's object API
(``add_paragraph(style=...)`` rescans the styles every call, ``add_row`` copies XML) is many
times slower.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planverk.core.chars import UNWRITABLE
from planverk.document.blocks import (
    Block,
    Break,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    Orientation,
    PageBreak,
    Paragraph,
    Quote,
    Table,
    TableOfContents,
    Text,
    plain,
)
from planverk.model.common import STATUS_VALUES
from planverk.office.package import PackageError, as_document, repack, why_unreadable
from planverk.render.errors import RenderError
from planverk.render.hyphenate import Hyphenator
from planverk.render.meta import STATUS_FILL, Meta, timestamp
from planverk.render.result import MissingStyle
from planverk.render.styles import StyleMap

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

HEADER_FILL = "D9E2F3"
TOC_LEVELS = 2
NO_AUTO_HYPHENS = "<w:suppressAutoHyphens/>"
SOFT_BREAK = '</w:t><w:softHyphen/><w:t xml:space="preserve">'
TITLE_STYLES = frozenset({"Title", "Subtitle"})


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    return UNWRITABLE.sub("", text).translate(_XML_ESCAPES)


@dataclass(slots=True)
class _Writer:
    document: DocxDocument
    styles: StyleMap
    dokumentmall: str = "dokumentmall"  # as shown to the user
    missing_styles: list[MissingStyle] = field(default_factory=list)
    out: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bookmarks: dict[int, str] = field(default_factory=dict)  # id(Heading) -> bookmark name
    base_sect: Any = None
    landscape: bool = False
    page_text_width: int = 9070
    _style_cache: dict[str, str] = field(default_factory=dict)
    _links: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[Heading, str]] = field(default_factory=list)
    hyphenator: Hyphenator | None = None
    hyphenate: bool = True  # off in headings, the TOC and title lines

    @contextlib.contextmanager
    def unhyphenated(self) -> Iterator[None]:
        before, self.hyphenate = self.hyphenate, False
        try:
            yield
        finally:
            self.hyphenate = before

    # -- styles ------------------------------------------------------------------------------

    def style(self, name: str, fallback: str = "Normal") -> str:
        cached = self._style_cache.get(name)
        if cached is not None:
            return cached
        found = self.styles.id(name)
        if found is None:
            self.missing_styles.append(MissingStyle(name, fallback, self.dokumentmall))
            found = self.styles.id(fallback) or "Normal"
        self._style_cache[name] = found
        return found

    # -- inline ------------------------------------------------------------------------------

    def runs(self, children: list[Inline] | tuple[Inline, ...], rstyle: str | None = None) -> str:
        parts: list[str] = []
        for child in children:
            if isinstance(child, Text):
                parts.append(self.run(child, rstyle))
            elif isinstance(child, Break):
                parts.append("<w:r><w:br/></w:r>")
            elif isinstance(child, Link):
                parts.append(self.link(child))
            elif isinstance(child, Note):
                parts.append(self.note(child))
        return "".join(parts)

    def run(self, text: Text, rstyle: str | None = None) -> str:
        props = []
        if rstyle:
            props.append(f'<w:rStyle w:val="{rstyle}"/>')
        if text.code:
            props.append('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>')
        if text.bold:
            props.append("<w:b/><w:bCs/>")
        if text.italic:
            props.append("<w:i/><w:iCs/>")
        rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
        if self.hyphenate and self.hyphenator is not None and not text.code:
            body = SOFT_BREAK.join(esc(part) for part in self.hyphenator.parts(text.text))
        else:
            body = esc(text.text)
        if "\t" in body:
            body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'

    def link(self, link: Link) -> str:
        inner = self.runs(link.children, self.style("Hyperlink"))
        if link.href.startswith("#"):
            return (
                f'<w:hyperlink w:anchor="{esc(link.href[1:])}" w:history="1">{inner}</w:hyperlink>'
            )
        rel_id = self._links.get(link.href)
        if rel_id is None:
            from docx.opc.constants import RELATIONSHIP_TYPE as RT

            rel_id = self.document.part.relate_to(link.href, RT.HYPERLINK, is_external=True)
            self._links[link.href] = rel_id
        return f'<w:hyperlink r:id="{rel_id}" w:history="1">{inner}</w:hyperlink>'

    def note(self, note: Note) -> str:
        number = len(self.notes) + 1
        ref_style = self.style("footnote reference")
        text_style = self.style("footnote text")
        self.notes.append(
            f'<w:footnote xmlns:w="{W}" xmlns:r="{R}" w:id="{number}"><w:p><w:pPr>'
            f'<w:pStyle w:val="{text_style}"/>{NO_AUTO_HYPHENS}</w:pPr><w:r><w:rPr>'
            f'<w:rStyle w:val="{ref_style}"/>'
            '</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
            f"{self.runs(note.children)}</w:p></w:footnote>"
        )
        return (
            f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>'
        )

    # -- blocks ------------------------------------------------------------------------------

    def paragraph(self, style_id: str, content: str, extra_ppr: str = "") -> None:
        # Automatic hyphenation off: the breaks are the writer's soft hyphens (.hyphenate).
        self.out.append(
            f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{extra_ppr}{NO_AUTO_HYPHENS}</w:pPr>'
            f"{content}</w:p>"
        )

    def blocks(self, blocks: list[Block], *, quote: bool = False) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                name = block.style or ("Quote" if quote else "Normal")
                if name in TITLE_STYLES:
                    with self.unhyphenated():
                        self.paragraph(self.style(name), self.runs(block.children))
                else:
                    self.paragraph(self.style(name), self.runs(block.children))
            elif isinstance(block, ListBlock):
                self.list_block(block, 1, quote=quote)
            elif isinstance(block, Quote):
                self.blocks(block.blocks, quote=True)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, TableOfContents):
                self.toc(block)
            elif isinstance(block, PageBreak):
                self.out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            elif isinstance(block, Orientation):
                self.orientation(block.landscape)

    def heading(self, heading: Heading) -> None:
        level = max(1, min(heading.level, 9))
        style_id = self.style(f"Heading {level}")
        with self.unhyphenated():
            content = self.runs(heading.children)
        name = self.bookmarks.get(id(heading))
        if name is not None:
            number = name.removeprefix("_Toc")
            content = (
                f'<w:bookmarkStart w:id="{int(number)}" w:name="{name}"/>{content}'
                f'<w:bookmarkEnd w:id="{int(number)}"/>'
            )
        self.paragraph(style_id, content)

    def list_block(self, block: ListBlock, depth: int, *, quote: bool = False) -> None:
        base = "List Number" if block.ordered else "List Bullet"
        name = base if depth == 1 else f"{base} {min(depth, 3)}"
        if quote and not block.ordered:
            # A list in quoted text keeps the quote's look (Citatlista, from the dokumentmall
            # or planverk's own).
            name = "Citatlista" if depth == 1 else "Citatlista 2"
        style_id = self.style(name, base)
        num_ppr = ""
        if block.ordered:
            num_id = self.styles.new_list_instance(style_id)
            if num_id is not None:
                num_ppr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        cont = self.style("List Continue" if depth == 1 else f"List Continue {min(depth, 3)}")
        for item in block.items:
            first = True
            for child in item.blocks:
                if isinstance(child, (Paragraph, Heading)):
                    runs = self.runs(child.children)
                    if first:
                        self.paragraph(style_id, runs, num_ppr)
                        first = False
                    else:
                        self.paragraph(cont, runs)
                elif isinstance(child, ListBlock):
                    if first:  # an item that starts with a sub-list: keep its bullet
                        self.paragraph(style_id, "", num_ppr)
                        first = False
                    self.list_block(child, depth + 1, quote=quote)
                else:
                    self.blocks([child])

    def table(self, table: Table) -> None:
        columns = max([len(table.header)] + [len(r) for r in table.rows]) if table.header else 0
        if columns == 0:
            return
        weights = table.widths[:columns] + [1.0] * (columns - len(table.widths[:columns]))
        total = sum(weights) or 1.0
        widths = [int(self.page_text_width * w / total) for w in weights]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        table_style = self.style("Table Grid")
        text_style = self.style("Tabelltext")
        head_style = self.style("Tabellrubrik")
        caption = table.caption or "Tabell"
        parts = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{table_style}"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{esc(caption)}"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
            # The header row repeats on every page (w:tblHeader) and marks the header for
            # screen readers.
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        ]
        cell_w = [f'<w:tcW w:w="{w}" w:type="dxa"/>' for w in widths]
        head_shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
        for index in range(columns):
            cell = table.header[index] if index < len(table.header) else []
            parts.append(
                f"<w:tc><w:tcPr>{cell_w[index]}{head_shd}</w:tcPr><w:p><w:pPr>"
                f'<w:pStyle w:val="{head_style}"/>{NO_AUTO_HYPHENS}</w:pPr>{self.runs(cell)}'
                "</w:p></w:tc>"
            )
        parts.append("</w:tr>")
        status = table.status_columns
        # Cells with the same text share one parsed list (see parse.py): write each once.
        done: dict[int, str] = {}
        for row in table.rows:
            # A row stays on one page (Word and LibreOffice still break a row taller than one).
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index in range(columns):
                cell = row[index] if index < len(row) else []
                shading = ""
                if index in status:
                    word = plain(cell).strip().casefold()
                    fill = STATUS_FILL.get(word)
                    if fill:
                        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
                runs = done.get(id(cell))
                if runs is None:
                    runs = done[id(cell)] = self.runs(cell)
                parts.append(
                    f"<w:tc><w:tcPr>{cell_w[index]}{shading}</w:tcPr><w:p><w:pPr>"
                    f'<w:pStyle w:val="{text_style}"/>{NO_AUTO_HYPHENS}</w:pPr>{runs}</w:p></w:tc>'
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.out.append("".join(parts))
        # Word needs a paragraph between a table and what follows (another table, a section).
        self.out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.style("Normal")}"/></w:pPr></w:p>')

    def toc(self, toc: TableOfContents) -> None:
        with self.unhyphenated():
            self._toc(toc)

    def _toc(self, toc: TableOfContents) -> None:
        self.paragraph(self.style("TOC Heading", "Heading 1"), self.run(Text(toc.heading)))
        entries = [
            (heading, name) for heading, name in self._toc_entries() if heading.level <= toc.levels
        ]
        instr = f' TOC \\o "1-{toc.levels}" \\h \\z \\u '
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        if not entries:
            self.out.append(
                f"<w:p>{begin}<w:r><w:t>Innehållsförteckningen uppdateras i Word.</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            )
            return
        for index, (heading, name) in enumerate(entries):
            style_id = self.style(f"toc {heading.level}")
            text = self.runs([c for c in heading.children if not isinstance(c, Note)])
            page = (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            lead = begin if index == 0 else ""
            self.out.append(
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{lead}'
                f'<w:hyperlink w:anchor="{name}" w:history="1">{text}<w:r><w:tab/></w:r>{page}'
                "</w:hyperlink></w:p>"
            )
        # The field ends in a paragraph of its own, as Word writes it: every entry is then a
        # paragraph like the others (the tracked-changes document can insert and delete any).
        self.out.append(
            f'<w:p><w:pPr><w:pStyle w:val="{self.style("Normal")}"/></w:pPr>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )

    def _toc_entries(self) -> list[tuple[Heading, str]]:
        return [(h, n) for h, n in self.headings if n]

    # -- sections ----------------------------------------------------------------------------

    def section_xml(self, landscape: bool) -> str:
        sect = copy.deepcopy(self.base_sect)
        _orient(sect, landscape)
        return _tostring(sect)

    def orientation(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        # The section that ends here keeps its orientation in a paragraph's sectPr.
        self.out.append(f"<w:p><w:pPr>{self.section_xml(self.landscape)}</w:pPr></w:p>")
        self.landscape = landscape
        self.page_text_width = _text_width(self.base_sect, landscape)


def _tostring(element: Any) -> str:
    """An element as XML text (lxml, which python-docx builds on, has no type stubs)."""
    import importlib

    etree = importlib.import_module("lxml.etree")
    return str(etree.tostring(element, encoding="unicode"))


def _orient(sect: Any, landscape: bool) -> None:
    size = sect.find(_q("pgSz"))
    if size is None:
        size = sect.makeelement(_q("pgSz"), {_q("w"): "11906", _q("h"): "16838"})
        sect.insert(0, size)
    width, height = int(size.get(_q("w"), "11906")), int(size.get(_q("h"), "16838"))
    short, long_ = min(width, height), max(width, height)
    size.set(_q("w"), str(long_ if landscape else short))
    size.set(_q("h"), str(short if landscape else long_))
    if landscape:
        size.set(_q("orient"), "landscape")
    elif _q("orient") in size.attrib:
        del size.attrib[_q("orient")]
    # Margins stay as the dokumentmall sets them, on every page.


def _text_width(sect: Any, landscape: bool) -> int:
    size = sect.find(_q("pgSz"))
    margins = sect.find(_q("pgMar"))
    width = int(size.get(_q("w"), "11906")) if size is not None else 11906
    height = int(size.get(_q("h"), "16838")) if size is not None else 16838
    page = max(width, height) if landscape else min(width, height)
    if margins is None:
        return page - 2 * 1418
    left, right = int(margins.get(_q("left"), "1418")), int(margins.get(_q("right"), "1418"))
    return max(2000, page - left - right)


def open_dokumentmall(data: bytes, display: str) -> DocxDocument:
    from docx import Document
    from docx.opc.part import PartFactory, XmlPart

    # A dokumentmall's footnotes are read as XML (python-docx's documented way to give a
    # content type its own part class), so footnotes are added to the element itself.
    PartFactory.part_type_for.setdefault(FOOTNOTES_CT, XmlPart)

    try:
        return Document(io.BytesIO(as_document(data, display)))
    except (RenderError, PackageError):
        raise
    except Exception as err:  # python-docx raises many kinds on a broken package
        raise RenderError(
            f"dokumentmallen {display} kan inte öppnas: {why_unreadable(err)}",
            "Spara mallen på nytt i Word som .docx eller .dotx.",
        ) from None


def write_docx(
    document_blocks: Document, meta: Meta, dokumentmall: bytes, display: str = "dokumentmall"
) -> tuple[bytes, list[MissingStyle]]:
    """The document as .docx bytes in the dokumentmall's look, and the styles it lacked."""
    document = open_dokumentmall(dokumentmall, display)
    body = document.element.body
    base_sect = body.sectPr
    if base_sect is None:
        base_sect = body.makeelement(_q("sectPr"), {})
        body.append(base_sect)
    for child in list(body):
        if child is not base_sect:
            body.remove(child)
    _ensure_header_footer(document)
    _update_title_fields(document, meta.title)
    if meta.status:
        _mark_status(document, meta.status)
    writer = _Writer(document, StyleMap(document), dokumentmall=display)
    # The region's names and the status words (a table's narrow status column) stay whole.
    writer.hyphenator = Hyphenator((*meta.names, *STATUS_VALUES))
    writer.base_sect = copy.deepcopy(base_sect)
    writer.landscape = _is_landscape(base_sect)
    writer.page_text_width = _text_width(base_sect, writer.landscape)
    headings = [b for b in document_blocks.blocks if isinstance(b, Heading)]
    has_toc = any(isinstance(b, TableOfContents) for b in document_blocks.blocks)
    for number, heading in enumerate(headings, 1):
        name = f"_Toc{number:08d}" if has_toc and heading.level <= TOC_LEVELS else ""
        writer.headings.append((heading, name))
        if name:
            writer.bookmarks[id(heading)] = name
    writer.blocks(document_blocks.blocks)
    _orient(base_sect, writer.landscape)
    if writer.notes:
        _add_footnotes(document, writer.notes)
    _set_language(document, meta.language)
    _set_core(document, meta)
    _splice_body(document, "".join(writer.out))
    out = io.BytesIO()
    document.save(out)
    return repack(out.getvalue()), writer.missing_styles


def _is_landscape(sect: Any) -> bool:
    size = sect.find(_q("pgSz"))
    if size is None:
        return False
    return int(size.get(_q("w"), "0")) > int(size.get(_q("h"), "0"))


def _splice_body(document: DocxDocument, xml: str) -> None:
    """Put the body XML at the start of the (cleared) body with a single parse."""
    from docx.oxml import parse_xml

    part = document.part
    root = part.element
    if root.nsmap.get("w") != W or root.nsmap.get("r") != R:
        raise RenderError(
            "dokumentmallen använder ett ovanligt XML-format (Strict Open XML?)",
            "Spara mallen i Word som vanligt Word-dokument (.docx) eller Word-mall (.dotx).",
        )
    text = _tostring(root)
    match = re.search(r"<w:body(?:\s[^>]*)?>", text)
    if match is None:  # pragma: no cover - python-docx always has a body
        raise RenderError("dokumentmallen saknar dokumentkropp")
    spliced = text[: match.end()] + xml + text[match.end() :]
    replace_part_element(part, parse_xml(spliced.encode("utf-8")))


# Private API of python-docx, written for 1.1–1.2 (checked at 1.2.0): an XmlPart keeps its
# root element in `_element`, which `part.element` returns and `save` serialises. Replacing
# it lets the body be spliced in as text and parsed once. The public way, parsing the body
# alone and moving its children into the document, did not finish in 300 s on the bench's
# 5,000-row handlingsplan (lxml re-homes every moved node), where this takes about 2 s.
# tests/test_private_apis.py fails loudly when python-docx changes it.
TESTED_PYTHON_DOCX = ((1, 1), (1, 2))


def replace_part_element(part: Any, element: Any) -> None:
    """Make ``element`` the root of the XML part ``part``."""
    part._element = element


def _ensure_header_footer(document: DocxDocument) -> None:
    """A dokumentmall without header or footer gets planverk's: the title, and Sida X av Y."""
    from docx.oxml import parse_xml

    section = document.sections[-1]
    sect = document.element.body.find(_q("sectPr"))  # the last section's properties
    if sect.find(_q("headerReference")) is None:
        header = section.header
        header.is_linked_to_previous = False
        _replace_children(
            header.part.element,
            parse_xml(
                f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/>'
                '</w:pPr><w:fldSimple w:instr=" TITLE \\* MERGEFORMAT "><w:r><w:t>Titel</w:t>'
                "</w:r></w:fldSimple></w:p>"
            ),
        )
    if sect.find(_q("footerReference")) is None:
        footer = section.footer
        footer.is_linked_to_previous = False
        _replace_children(
            footer.part.element,
            parse_xml(
                f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/>'
                '</w:pPr><w:r><w:t xml:space="preserve">Sida </w:t></w:r>'
                '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r>'
                '</w:fldSimple><w:r><w:t xml:space="preserve"> av </w:t></w:r>'
                '<w:fldSimple w:instr=" NUMPAGES \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r>'
                "</w:fldSimple></w:p>"
            ),
        )


def _replace_children(parent: Any, child: Any) -> None:
    for old in list(parent):
        parent.remove(old)
    parent.append(child)


def _header_footer_parts(document: DocxDocument) -> list[Any]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external
    ]


def _update_title_fields(document: DocxDocument, title: str) -> None:
    """The shown text of TITLE fields in headers and footers becomes the document's title."""
    for part in _header_footer_parts(document):
        element = getattr(part, "element", None)
        if element is None:
            continue
        for field_el in element.iter(_q("fldSimple")):
            if field_el.get(_q("instr"), "").split()[:1] == ["TITLE"]:
                texts = list(field_el.iter(_q("t")))
                if texts:
                    texts[0].text = title
                    for extra in texts[1:]:
                        extra.text = ""
        _update_complex_title(element, title)


def _mark_status(document: DocxDocument, word: str) -> None:
    """ "Förslag" after the title in the header (every header paragraph that shows the
    title); a dokumentmall whose header does not show the title gets a header line of its
    own."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    run = f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> – {esc(word)}</w:t></w:r>'
    marked = False
    headers = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RT.HEADER and not rel.is_external
    ]
    for part in headers:
        element = getattr(part, "element", None)
        if element is None:
            continue
        for paragraph in element.iter(_q("p")):
            if _shows_title(paragraph):
                paragraph.append(parse_xml(run))
                marked = True
    if not marked:
        header = document.sections[-1].header
        header.is_linked_to_previous = False
        header.part.element.append(
            parse_xml(
                f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/>'
                f'</w:pPr><w:r><w:t xml:space="preserve">{esc(word)}</w:t></w:r></w:p>'
            )
        )


def _shows_title(paragraph: Any) -> bool:
    for field_el in paragraph.iter(_q("fldSimple")):
        if field_el.get(_q("instr"), "").split()[:1] == ["TITLE"]:
            return True
    return any(
        (node.text or "").split()[:1] == ["TITLE"] for node in paragraph.iter(_q("instrText"))
    )


def _update_complex_title(element: Any, title: str) -> None:
    state = "none"
    first = True
    for node in element.iter(_q("fldChar"), _q("instrText"), _q("t")):
        tag = node.tag
        if tag == _q("fldChar"):
            kind = node.get(_q("fldCharType"))
            if kind == "begin":
                state, first = "begin", True
            elif kind == "separate" and state == "title":
                state = "result"
            elif kind == "end":
                state = "none"
        elif tag == _q("instrText") and state == "begin":
            if (node.text or "").split()[:1] == ["TITLE"]:
                state = "title"
        elif tag == _q("t") and state == "result":
            node.text = title if first else ""
            first = False


def _add_footnotes(document: DocxDocument, notes: list[str]) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    part = next(
        (r.target_part for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES),
        None,
    )
    if part is None:
        element = parse_xml(
            f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
        )
        part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, element, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    element = part.element
    used = [int(n.get(_q("id"), "0")) for n in element.iterfind(_q("footnote"))]
    offset = max([0, *used])
    for note in notes:
        node = parse_xml(note)
        node.set(_q("id"), str(int(node.get(_q("id"))) + offset))
        element.append(node)


def _set_language(document: DocxDocument, language: str) -> None:
    """The document's language for spelling, hyphenation and screen readers."""
    styles = document.styles.element
    defaults = styles.find(_q("docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(_q("docDefaults"), {})
        styles.insert(0, defaults)
    rpr_default = defaults.find(_q("rPrDefault"))
    if rpr_default is None:
        rpr_default = defaults.makeelement(_q("rPrDefault"), {})
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_q("rPr"))
    if rpr is None:
        rpr = rpr_default.makeelement(_q("rPr"), {})
        rpr_default.append(rpr)
    lang = rpr.find(_q("lang"))
    if lang is None:
        lang = rpr.makeelement(_q("lang"), {})
        rpr.append(lang)
    lang.set(_q("val"), language)


def _set_core(document: DocxDocument, meta: Meta) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = document.core_properties  # creates the part when the dokumentmall has none
    element = document.part.package.part_related_by(RT.CORE_PROPERTIES).element
    for child in list(element):
        element.remove(child)
    moment = timestamp(meta.date)
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.author
    props.last_modified_by = meta.author
    props.language = meta.language
    props.keywords = meta.keywords
    props.revision = 1
    props.created = moment
    props.modified = moment
