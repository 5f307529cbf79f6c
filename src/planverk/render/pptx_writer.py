"""Blocks → .pptx in the region's Powerpointmall.

The template is made safe first (:mod:`planverk.office.pptx`: no macros, no external links,
none of its own slides), its geometry read (slide size, the title and content areas of its
layouts, title font sizes), the slides laid out without PowerPoint
(:mod:`planverk.render.pptx_layout`) and written with python-pptx: every slide from one of the
template's layouts with its title in the layout's title placeholder, tables and text boxes
as DrawingML written out in full (explicit sizes, margins, borders and fills, so PowerPoint
and LibreOffice draw the same table the estimate was made for).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planverk.core.chars import UNWRITABLE
from planverk.document.blocks import Document
from planverk.office.pptx import Properties, SlideXml, clean_template, save
from planverk.render.errors import RenderError
from planverk.render.meta import STATUS_FILL, Meta
from planverk.render.pptx_layout import (
    BOX_PAD_X,
    BOX_PAD_Y,
    CELL_PAD_X,
    CELL_PAD_Y,
    EMU_PER_INCH,
    MIN_CONTENT_PT,
    TEXT_SPACING,
    Cell,
    Frame,
    Rect,
    Slide,
    TableShape,
    TextShape,
    lay_out,
)
from planverk.render.result import TemplateCleaned
from planverk.render.textfit import Para

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PptxPresentation
    from pptx.slide import SlideLayout

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = f'xmlns:a="{A}" xmlns:p="{P}"'
LANGUAGE = "sv-SE"
HEADER_FILL = "D9E2F3"  # as the .docx tables' header row
BODY_FILL = "FFFFFF"
TEXT_COLOR = "000000"
BORDER = '<a:solidFill><a:srgbClr val="808080"/></a:solidFill>'
NO_STYLE_TABLE_GRID = "{5940675A-B579-460E-94D1-54222C63F5DA}"
DEFAULT_SIZE = (12192000, 6858000)


def _emu_pt(points: float) -> int:
    return round(points * 12700)


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    return UNWRITABLE.sub("", text).translate(_XML_ESCAPES)


# -- the template's geometry ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layouts:
    cover: SlideLayout
    content: SlideLayout
    frame: Frame
    ph_cache: dict[tuple[int, tuple[str, ...]], str | None] = field(default_factory=dict)

    def partname(self, layout: Any) -> str:
        return str(layout.part.partname)


def _placeholders(layout: Any) -> dict[str, Any]:
    """The layout's placeholders by type name (title, ctrTitle, body, obj, dt, ...)."""
    found: dict[str, Any] = {}
    for shape in layout.placeholders:
        ph = shape.element.ph
        kind = ph.get("type", "obj") if ph is not None else "obj"
        found.setdefault(kind, shape)
    return found


def _rect(shape: Any) -> Rect | None:
    try:
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
    except (AttributeError, KeyError, ValueError):  # pragma: no cover - odd inheritance
        return None
    if None in (left, top, width, height) or width <= 0 or height <= 0:
        return None
    return Rect(int(left), int(top), int(width), int(height))


def _size_of(shape: Any, master: Any, style: str) -> float | None:
    """The font size (points) of a placeholder's first level: its own list style, the
    master's placeholder, else the master's title or body style."""
    for element in (shape.element if shape is not None else None, _master_ph(master, shape)):
        if element is None:
            continue
        found = element.find(f".//{{{A}}}lstStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr")
        if found is not None and found.get("sz"):
            return int(found.get("sz")) / 100
    found = master.element.find(f"{{{P}}}txStyles/{{{P}}}{style}/{{{A}}}lvl1pPr/{{{A}}}defRPr")
    if found is not None and found.get("sz"):
        return int(found.get("sz")) / 100
    return None


def _master_ph(master: Any, shape: Any) -> Any:
    if shape is None:
        return None
    ph = shape.element.ph
    kind = ph.get("type", "obj") if ph is not None else "obj"
    kind = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, kind)
    for candidate in master.placeholders:
        cph = candidate.element.ph
        if cph is not None and cph.get("type", "obj") == kind:
            return candidate.element
    return None


def _layouts(presentation: PptxPresentation, display: str) -> _Layouts:
    width = int(presentation.slide_width or DEFAULT_SIZE[0])
    height = int(presentation.slide_height or DEFAULT_SIZE[1])
    try:
        layouts = [
            layout for master in presentation.slide_masters for layout in master.slide_layouts
        ]
        titled = [(layout, _placeholders(layout)) for layout in layouts]
    except (KeyError, ValueError, AttributeError):  # a layout or master the package lacks
        raise RenderError(
            f"powerpointmallen {display} är skadad: en bildlayout eller en bildbakgrund "
            "som mallen hänvisar till saknas i filen",
            "Öppna mallen i PowerPoint och spara den på nytt, eller använd standardmallen.",
        ) from None
    titled = [(layout, phs) for layout, phs in titled if "title" in phs or "ctrTitle" in phs]
    if not titled:
        raise RenderError(
            f"powerpointmallen {display} har ingen layout med en rubrik",
            "Varje bild behöver en rubrik (tillgänglighet): lägg till layouten Rubrik och "
            "innehåll eller Endast rubrik i bildbakgrunden och spara mallen på nytt.",
        )

    def kind(layout: Any) -> str:
        return str(layout.element.get("type") or "")

    with_title = [(layout, phs) for layout, phs in titled if "title" in phs]
    order = ("titleOnly", "obj", "tx")
    content, content_phs = min(
        with_title or titled,
        key=lambda item: order.index(kind(item[0])) if kind(item[0]) in order else len(order),
    )
    cover, cover_phs = next(
        ((layout, phs) for layout, phs in titled if "ctrTitle" in phs or kind(layout) == "title"),
        (content, content_phs),
    )
    master = content.slide_master
    title_shape = content_phs.get("title") or content_phs.get("ctrTitle")
    title = _rect(title_shape) or Rect(
        int(width * 0.05), int(height * 0.04), int(width * 0.9), int(height * 0.12)
    )
    body = content_phs.get("obj") or content_phs.get("body")
    area = _rect(body) if body is not None else None
    if area is None:
        area = _master_body(master)
    area = _content_area(area, title, content_phs, width, height)
    if area.height < MIN_CONTENT_PT * 12700 or area.width < 3 * EMU_PER_INCH:
        raise RenderError(
            f"powerpointmallen {display}: layouten '{content.name}' har en för liten yta under "
            "rubriken för en tabell",
            "Ge layouten plats för innehåll under rubriken (minst 5 × 8 cm).",
        )
    cover_title_shape = cover_phs.get("ctrTitle") or cover_phs.get("title")
    cover_title = _rect(cover_title_shape) or title
    subtitle_shape = cover_phs.get("subTitle") or cover_phs.get("body") or cover_phs.get("obj")
    cover_subtitle = (_rect(subtitle_shape) if subtitle_shape is not None else None) or Rect(
        cover_title.left,
        cover_title.bottom + int(0.1 * EMU_PER_INCH),
        cover_title.width,
        max(int(height * 0.9) - cover_title.bottom, int(EMU_PER_INCH)),
    )
    cover_master = cover.slide_master
    frame = Frame(
        width,
        height,
        title,
        _size_of(title_shape, master, "titleStyle") or 32.0,
        area,
        cover_title,
        _size_of(cover_title_shape, cover_master, "titleStyle") or 40.0,
        cover_subtitle,
        min(_size_of(subtitle_shape, cover_master, "bodyStyle") or 20.0, 24.0),
    )
    return _Layouts(cover, content, frame)


def _master_body(master: Any) -> Rect | None:
    """The master's body placeholder, where its layouts put content by default."""
    for shape in master.placeholders:
        ph = shape.element.ph
        if ph is not None and ph.get("type", "obj") in ("body", "obj"):
            return _rect(shape)
    return None


def _content_area(
    area: Rect | None, title: Rect, phs: dict[str, Any], width: int, height: int
) -> Rect:
    """The content area below the title: the layout's (or master's) body, else from the
    title down to the footers."""
    gap = int(0.1 * EMU_PER_INCH)
    if area is None:
        footers = [_rect(phs[k]) for k in ("dt", "ftr", "sldNum") if k in phs]
        tops = [r.top for r in footers if r is not None and r.top > title.bottom]
        bottom = min(tops) - gap if tops else height - int(0.4 * EMU_PER_INCH)
        area = Rect(title.left, title.bottom + gap, title.width, bottom - title.bottom - gap)
    top = max(area.top, title.bottom + gap) if area.top < title.bottom else area.top
    left = max(0, area.left)
    right = min(width, area.left + area.width)
    bottom = min(height, area.bottom)
    return Rect(left, top, max(0, right - left), max(0, bottom - top))


# -- DrawingML -----------------------------------------------------------------------------


def _runs_xml(para: Para, size: float | None, color: str | None) -> str:
    parts: list[str] = []
    size_attr = f' sz="{round(size * 100)}"' if size else ""
    fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    for run in para.runs:
        if not run.text:
            continue
        bold = ' b="1"' if run.bold else ""
        italic = ' i="1"' if run.italic else ""
        parts.append(
            f'<a:r><a:rPr lang="{LANGUAGE}"{size_attr}{bold}{italic} dirty="0">{fill}</a:rPr>'
            f"<a:t>{esc(run.text)}</a:t></a:r>"
        )
    parts.append(f'<a:endParaRPr lang="{LANGUAGE}"{size_attr} dirty="0"/>')
    return "".join(parts)


@functools.lru_cache(maxsize=16384)
def _para_xml(
    para: Para,
    size: float | None,
    color: str | None = None,
    after: float = 0.0,
    spaced: bool = True,
) -> str:
    indent = _emu_pt(para.indent)
    if para.bullet:
        hang = _emu_pt(min(para.indent, 14.0))
        if para.bullet.endswith("."):
            number = para.bullet[:-1]
            bullet = (
                '<a:buFont typeface="+mj-lt"/>'
                f'<a:buAutoNum type="arabicPeriod" startAt="{number}"/>'
            )
        else:
            bullet = f'<a:buFont typeface="Arial"/><a:buChar char="{esc(para.bullet)}"/>'
        ppr_attrs = f' marL="{indent}" indent="-{hang}"'
    else:
        bullet = "<a:buNone/>"
        ppr_attrs = f' marL="{indent}" indent="0"'
    spacing = (
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="0"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="{round(after * 100)}"/></a:spcAft>'
        if spaced
        else ""
    )
    return f"<a:p><a:pPr{ppr_attrs}>{spacing}{bullet}</a:pPr>{_runs_xml(para, size, color)}</a:p>"


def _paras_xml(paras: list[Para], size: float | None, color: str | None, after: float) -> str:
    if not paras:
        return f'<a:p><a:endParaRPr lang="{LANGUAGE}" dirty="0"/></a:p>'
    last = len(paras) - 1
    return "".join(
        _para_xml(p, size, color, after if i < last else 0.0) for i, p in enumerate(paras)
    )


_BORDERS = "".join(
    f'<a:{side} w="9525" cap="flat" cmpd="sng" algn="ctr">{BORDER}</a:{side}>'
    for side in ("lnL", "lnR", "lnT", "lnB")
)
_CELL_PR = (
    f'<a:tcPr marL="{round(CELL_PAD_X * 12700)}" marR="{round(CELL_PAD_X * 12700)}" '
    f'marT="{round(CELL_PAD_Y * 12700)}" marB="{round(CELL_PAD_Y * 12700)}" anchor="t">'
    f"{_BORDERS}"
)


def _cell_xml(cell: Cell, size: float, fill: str) -> str:
    if cell.span == 0:
        merge = ' vMerge="1"'
    elif cell.span > 1:
        merge = f' rowSpan="{cell.span}"'
    else:
        merge = ""
    body = _paras_xml(cell.paras if cell.span else [], size, TEXT_COLOR, 0.0)
    return (
        f"<a:tc{merge}><a:txBody><a:bodyPr/><a:lstStyle/>{body}</a:txBody>{_CELL_PR}"
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>'
    )


def _status_fill(cell: Cell) -> str:
    word = cell.paras[0].text.strip().casefold() if cell.paras else ""
    return STATUS_FILL.get(word, BODY_FILL)


def table_xml(table: TableShape) -> str:
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in table.columns)
    rows = [
        f'<a:tr h="{table.heights[0]}">'
        + "".join(_cell_xml(c, table.size, HEADER_FILL) for c in table.header)
        + "</a:tr>"
    ]
    for row, row_height in zip(table.rows, table.heights[1:], strict=True):
        cells = "".join(
            _cell_xml(
                cell,
                table.size,
                _status_fill(cell) if index in table.status_columns and cell.span else BODY_FILL,
            )
            for index, cell in enumerate(row)
        )
        rows.append(f'<a:tr h="{row_height}">{cells}</a:tr>')
    return (
        f'<a:tbl {NS}><a:tblPr firstRow="1" bandRow="0">'
        f"<a:tableStyleId>{NO_STYLE_TABLE_GRID}</a:tableStyleId></a:tblPr>"
        f"<a:tblGrid>{grid}</a:tblGrid>{''.join(rows)}</a:tbl>"
    )


# -- slides --------------------------------------------------------------------------------


def _ph(layouts: _Layouts, layout: Any, kinds: tuple[str, ...]) -> str | None:
    """A slide placeholder's ``p:ph`` for the layout's first placeholder of these kinds."""
    key = (id(layout), kinds)
    if key not in layouts.ph_cache:
        layouts.ph_cache[key] = _find_ph(layout, kinds)
    return layouts.ph_cache[key]


def _find_ph(layout: Any, kinds: tuple[str, ...]) -> str | None:
    phs = _placeholders(layout)
    for kind in kinds:
        if kind in phs:
            ph = phs[kind].element.ph
            attrs = "".join(
                f' {name}="{esc(str(value))}"'
                for name, value in ph.attrib.items()
                if name in ("type", "idx", "orient")
            )
            return f"<p:ph{attrs}/>"
    return None


def _placeholder_xml(
    shape_id: int, name: str, ph: str, paras: list[Para], size: float | None
) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/>'
        f"<p:txBody><a:bodyPr/><a:lstStyle/>{_paras_xml(paras, size, None, 0.0)}</p:txBody>"
        "</p:sp>"
    )


def _xfrm(rect: Rect, tag: str = "a:xfrm") -> str:
    return (
        f'<{tag}><a:off x="{rect.left}" y="{rect.top}"/>'
        f'<a:ext cx="{rect.width}" cy="{rect.height}"/></{tag}>'
    )


def _text_box_xml(shape_id: int, name: str, rect: Rect, paras: list[Para], size: float) -> str:
    inset_x, inset_y = _emu_pt(BOX_PAD_X), _emu_pt(BOX_PAD_Y)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr txBox="1"/>'
        f"<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(rect)}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" lIns="{inset_x}" tIns="{inset_y}" '
        f'rIns="{inset_x}" bIns="{inset_y}" rtlCol="0" anchor="t"><a:noAutofit/></a:bodyPr>'
        f"<a:lstStyle/>{_paras_xml(paras, size, None, TEXT_SPACING)}</p:txBody></p:sp>"
    )


def _table_frame_xml(shape_id: int, name: str, table: TableShape, alt: str) -> str:
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{name}" '
        f'descr="{esc(alt)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>{_xfrm(table.rect, 'p:xfrm')}"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        f"{table_xml(table)}</a:graphicData></a:graphic></p:graphicFrame>"
    )


def _slide(layouts: _Layouts, plan: Slide) -> SlideXml:
    frame = layouts.frame
    layout = layouts.cover if plan.cover else layouts.content
    default = frame.cover_title_size if plan.cover else frame.title_size
    title_size = plan.title_size if plan.title_size < default else None
    title_ph = _ph(layouts, layout, ("ctrTitle", "title") if plan.cover else ("title", "ctrTitle"))
    assert title_ph is not None  # layouts without a title are never chosen
    parts = [_placeholder_xml(2, "Rubrik 1", title_ph, _title_paras(plan.title), title_size)]
    shape_id = 3
    if plan.cover and plan.subtitle:
        sub_ph = _ph(layouts, layout, ("subTitle", "body", "obj"))
        size = plan.subtitle_size if plan.subtitle_size < frame.cover_subtitle_size else None
        if sub_ph is not None:
            parts.append(_placeholder_xml(3, "Underrubrik 2", sub_ph, plan.subtitle, size))
        else:
            parts.append(
                _text_box_xml(3, "Text 2", frame.cover_subtitle, plan.subtitle, plan.subtitle_size)
            )
        shape_id = 4
    tables = texts = 0
    for shape in plan.shapes:
        if isinstance(shape, TableShape):
            tables += 1
            alt = shape.caption or plan.title
            parts.append(_table_frame_xml(shape_id, f"Tabell {tables}", shape, alt))
        elif isinstance(shape, TextShape):
            texts += 1
            parts.append(
                _text_box_xml(shape_id, f"Text {texts}", shape.rect, shape.paras, shape.size)
            )
        shape_id += 1
    return SlideXml(layouts.partname(layout), "".join(parts))


def _title_paras(title: str) -> list[Para]:
    from planverk.render.textfit import Run

    return [Para((Run(title),))]


def _language(presentation: PptxPresentation) -> None:
    """Swedish as the presentation's default language (text typed in later, spelling)."""
    style = presentation.element.find(f"{{{P}}}defaultTextStyle")
    if style is None:
        return
    for rpr in style.iter(f"{{{A}}}defRPr"):
        rpr.set("lang", LANGUAGE)


def open_powerpointmall(data: bytes, display: str) -> tuple[PptxPresentation, TemplateCleaned]:
    """The template, cleaned, opened with python-pptx; and what was taken out of it."""
    import pptx

    cleaned = clean_template(data, display)
    removed = TemplateCleaned(
        display, tuple(sorted(set(cleaned.macros))), tuple(sorted(set(cleaned.links)))
    )
    try:
        presentation = pptx.Presentation(io.BytesIO(cleaned.data))
    except Exception as err:  # python-pptx raises many kinds on a broken package
        raise RenderError(
            f"powerpointmallen {display} kan inte öppnas ({type(err).__name__})",
            "Spara mallen på nytt i PowerPoint som .pptx eller .potx.",
        ) from None
    return presentation, removed


@dataclass(frozen=True, slots=True)
class Written:
    """A written deck and what the document rules look at."""

    data: bytes
    cleaned: TemplateCleaned
    split_rows: list[str]  # headings of slides where a row taller than a slide was cut


def write_pptx(
    document: Document, meta: Meta, template: bytes, display: str = "powerpointmall"
) -> Written:
    """The document as .pptx bytes in the Powerpointmall's look."""
    presentation, cleaned = open_powerpointmall(template, display)
    if presentation.slide_width is None or presentation.slide_height is None:
        # No slide size in the template: PowerPoint's 16:9, written out (it is required).
        presentation.slide_width, presentation.slide_height = DEFAULT_SIZE  # type: ignore[assignment]
    layouts = _layouts(presentation, display)
    deck = lay_out(document, layouts.frame, display)
    slides = [_slide(layouts, plan) for plan in deck.slides]
    _language(presentation)
    moment = dt.datetime(meta.date.year, meta.date.month, meta.date.day)
    props = Properties(meta.title, meta.subject, meta.author, moment, meta.language, meta.keywords)
    return Written(save(presentation, props, slides), cleaned, deck.split_rows)
