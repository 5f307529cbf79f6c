"""planverk's own dokumentmall, built with python-docx: A4, Swedish language, plain fonts,
a header with the document's title and a footer "Sida X av Y".

The region's communicator replaces it with the region's .docx/.dotx (``dokumentmall:`` in
plans/planverk.yaml, or ``--dokumentmall``). Styles a region's dokumentmall lacks are taken
from this one. Regenerate the shipped copy with::

    python -m planverk.render.default_template templates/dokumentmall.docx
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planverk.office.package import repack

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.styles.style import BaseStyle

BODY_FONT = "Arial"
HEADING_FONT = "Arial"
HEADING_COLOR = "1F3864"  # dark blue, contrast 12:1 on white
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Extra styles as WordprocessingML: (type, name, styleId, inner XML).
EXTRA_STYLES = (
    (
        "paragraph",
        "Tabelltext",
        "Tabelltext",
        '<w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    (
        "paragraph",
        "Tabellrubrik",
        "Tabellrubrik",
        '<w:basedOn w:val="Tabelltext"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr>'
        "<w:rPr><w:b/><w:bCs/></w:rPr>",
    ),
    (
        "paragraph",
        "toc 1",
        "TOC1",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs>'
        '<w:spacing w:before="120" w:after="40"/></w:pPr><w:rPr><w:b/></w:rPr>',
    ),
    (
        "paragraph",
        "toc 2",
        "TOC2",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs>'
        '<w:spacing w:before="0" w:after="40"/><w:ind w:left="284"/></w:pPr>',
    ),
    (
        "paragraph",
        "toc 3",
        "TOC3",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs>'
        '<w:spacing w:before="0" w:after="40"/><w:ind w:left="567"/></w:pPr>',
    ),
    (
        "paragraph",
        "footnote text",
        "Fotnotstext",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    (
        "character",
        "footnote reference",
        "Fotnotsreferens",
        '<w:uiPriority w:val="99"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    ),
    (
        "character",
        "Hyperlink",
        "Hyperlnk",
        '<w:uiPriority w:val="99"/><w:rPr><w:color w:val="1F4E9A"/><w:u w:val="single"/></w:rPr>',
    ),
    # A bullet list inside quoted text (the agreement's own list of goals): the look of
    # Quote, with the bullets of List Bullet (and List Bullet 2 one level down).
    (
        "paragraph",
        "Citatlista",
        "Citatlista",
        '<w:basedOn w:val="Quote"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
        '<w:contextualSpacing/><w:ind w:left="785" w:right="425" w:hanging="360"/></w:pPr>',
    ),
    (
        "paragraph",
        "Citatlista 2",
        "Citatlista2",
        '<w:basedOn w:val="Quote"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr>'
        '<w:contextualSpacing/><w:ind w:left="1145" w:right="425" w:hanging="360"/></w:pPr>',
    ),
)


def _plain_font(style: BaseStyle, name: str) -> None:
    """Set the style's font to ``name``, dropping theme fonts that would take precedence."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)


# Paragraph properties that come after w:suppressAutoHyphens in the schema's order.
_AFTER_HYPHENS = (
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
    "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def _no_hyphenation(style: BaseStyle) -> None:
    """Headings are never hyphenated (w:suppressAutoHyphens in the style)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is not None:
        return
    element = OxmlElement("w:suppressAutoHyphens")
    later = [c for c in ppr if c.tag in {qn(f"w:{n}") for n in _AFTER_HYPHENS}]
    if later:
        later[0].addprevious(element)
    else:
        ppr.append(element)


def _styles(document: DocxDocument) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    _plain_font(normal, BODY_FONT)
    normal.font.size = Pt(11)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    sizes = {1: 18, 2: 14, 3: 12, 4: 11, 5: 11, 6: 11}
    for level, size in sizes.items():
        heading = styles[f"Heading {level}"]
        _plain_font(heading, HEADING_FONT)
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = RGBColor.from_string(HEADING_COLOR)
        heading.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        heading.paragraph_format.space_after = Pt(6)
        _no_hyphenation(heading)
    for name, size in (("Title", 28), ("Subtitle", 14), ("TOC Heading", 16)):
        style = styles[name]
        _no_hyphenation(style)
        _plain_font(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.italic = False
        style.font.color.rgb = RGBColor.from_string(
            HEADING_COLOR if name != "Subtitle" else "404040"
        )
    # Title without the template's bottom border; some air below.
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    styles["Title"].paragraph_format.space_before = Pt(96)  # the title sits a third down
    styles["Title"].paragraph_format.space_after = Pt(12)
    # Quote: the agreement's own text, set apart by indent, a rule at the left and italics.
    quote = styles["Quote"]
    quote.font.italic = True
    quote.font.color.rgb = RGBColor.from_string("404040")
    qppr = quote.element.get_or_add_pPr()
    for child in list(qppr):
        qppr.remove(child)
    qppr.append(
        parse_xml(
            f'<w:pBdr xmlns:w="{W}"><w:left w:val="single" w:sz="18" w:space="8" '
            'w:color="8EAADB"/></w:pBdr>'
        )
    )
    qppr.append(parse_xml(f'<w:ind xmlns:w="{W}" w:left="425" w:right="425"/>'))
    # Swedish language for spelling and hyphenation; decimal comma.
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "sv-SE")
    lang.set(qn("w:eastAsia"), "sv-SE")
    lang.set(qn("w:bidi"), "ar-SA")
    for kind, name, style_id, inner in EXTRA_STYLES:
        own = ("Tabelltext", "Tabellrubrik", "Citatlista", "Citatlista 2")
        custom = ' w:customStyle="1"' if name in own else ""
        styles.element.append(
            parse_xml(
                f'<w:style xmlns:w="{W}" w:type="{kind}" w:styleId="{style_id}"{custom}>'
                f'<w:name w:val="{name}"/>{inner}</w:style>'
            )
        )


def _header_footer(document: DocxDocument) -> None:
    from docx.oxml import parse_xml

    section = document.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    hdr = header.part.element
    for child in list(hdr):
        hdr.remove(child)
    hdr.append(
        parse_xml(
            f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>'
            '<w:fldSimple w:instr=" TITLE \\* MERGEFORMAT "><w:r><w:t>Dokumentets titel</w:t>'
            "</w:r></w:fldSimple></w:p>"
        )
    )
    footer = section.footer
    footer.is_linked_to_previous = False
    ftr = footer.part.element
    for child in list(ftr):
        ftr.remove(child)
    ftr.append(
        parse_xml(
            f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">Sida </w:t></w:r>'
            '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            '<w:r><w:t xml:space="preserve"> av </w:t></w:r>'
            '<w:fldSimple w:instr=" NUMPAGES \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r>'
            "</w:fldSimple></w:p>"
        )
    )


def _settings(document: DocxDocument) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        node = settings.find(qn(tag))
        if node is not None:
            node.set(qn("w:val"), value)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "sv-SE")
    # Hyphenate (Swedish, from the document's language) what a planner types later; the
    # paragraphs planverk writes carry their own soft hyphens (planverk.render.hyphenate)
    # and no automatic ones. Abbreviations in capitals are left whole. The schema's order
    # puts both right after defaultTabStop.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None and settings.find(qn("w:autoHyphenation")) is None:
        caps = OxmlElement("w:doNotHyphenateCaps")
        tab_stop.addnext(caps)
        tab_stop.addnext(OxmlElement("w:autoHyphenation"))


@functools.lru_cache(maxsize=1)
def build() -> bytes:
    """The default dokumentmall as .docx bytes (the same bytes every time)."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.25)
    _styles(document)
    _header_footer(document)
    _settings(document)
    body = document.element.body
    for child in list(body):
        if child.tag != body.sectPr.tag if body.sectPr is not None else True:
            body.remove(child)
    props = document.core_properties
    props.title = "Dokumentmall för planverk"
    props.author = "planverk"
    props.last_modified_by = "planverk"
    props.language = "sv-SE"
    props.revision = 1
    props.created = props.modified = dt.datetime(2025, 1, 1)
    props.comments = "Byt mot regionens egen dokumentmall (.docx eller .dotx)."
    # The English thumbnail of python-docx's template would show in file browsers.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    # Word 2010's copy of the styles would contradict the styles set above.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]
    out = io.BytesIO()
    document.save(out)
    return repack(out.getvalue())


def main(argv: list[str]) -> int:
    """Write the default dokumentmall to the path given (default templates/dokumentmall.docx)."""
    target = Path(argv[0] if argv else "templates/dokumentmall.docx")
    from planverk.core.atomic import write_atomic

    write_atomic(target, build())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
