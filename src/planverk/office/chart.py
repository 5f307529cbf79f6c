"""The follow-up chart: status per fokusområde as stacked horizontal bars, as a native Word
chart (DrawingML) with its data in an embedded workbook.

Why a Word chart and not a picture: Word and LibreOffice draw it themselves, so its text is
sharp at any size and in the document's font; the numbers stay in the document (a screen
reader can read them, a planner can restyle the chart or open its data in Excel); and it
needs neither matplotlib (tens of megabytes, numpy) nor a font to draw labels with. The
chart carries a description (alt text, ``docPr descr``) that says what it shows in words.

Everything here is text and bytes; :func:`insert_chart` puts a chart into a python-docx
document (imported lazily by the caller's code path, like openpyxl for the workbook).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from planverk.office.package import FIXED_TIME

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
SHEET = "Blad1"
SHEET_RID = "rId1"
MAX_UNIT_STEPS = 12  # up to this many actions in a bar, the value axis counts one by one
EMU_PER_CM = 360_000

# Fill per status: traffic-light colours, avslutad blue, ej rapporterad grey, each with at
# least 3:1 contrast against white (WCAG 1.4.11; tests/test_followup_web.py computes it).
# The words are in the legend and the alt text, every segment carries its number, so colour
# is never the only carrier of the meaning.
COLOURS = {
    "grön": "2E7D32",  # 5.1:1
    "gul": "B07D00",  # 3.6:1
    "röd": "C00000",  # 6.5:1
    "avslutad": "2F5597",  # 7.3:1
    "ej rapporterad": "767676",  # 4.5:1
}
OTHER_COLOUR = "595959"  # 7.0:1
# The data labels' colour on each fill, the one with the higher contrast (at least 4.5:1).
LABEL_COLOURS = {"gul": "000000"}
FIXED_MOMENT = dt.datetime(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class StackedBars:
    """Counts per category (fokusområde) and series (status)."""

    title: str
    categories: list[str]
    series: list[str]
    values: list[list[int]]  # values[category][series]

    def description(self) -> str:
        """Alt text: what the chart shows, with every number, in Swedish."""
        parts = []
        for category, row in zip(self.categories, self.values, strict=True):
            counts = [f"{n} {name}" for name, n in zip(self.series, row, strict=True) if n]
            parts.append(f"{category}: {', '.join(counts) or 'inga åtgärder'}")
        return (
            f"Liggande staplat stapeldiagram, {self.title.lower()}: antal åtgärder per status "
            f"för varje fokusområde. {'. '.join(parts)}."
        )


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;", "\n": "&#10;"})


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _largest(chart: StackedBars) -> int:
    return max((sum(row) for row in chart.values), default=0)


def chart_xml(chart: StackedBars, workbook_rid: str | None, font: str | None = None) -> bytes:
    """The chart part (``c:chartSpace``). Categories are written last first, since a bar
    chart draws its first category at the bottom: the first fokusområde ends up on top."""
    categories = list(reversed(chart.categories))
    rows = list(reversed(chart.values))
    count = len(categories)
    last_row = count + 1
    cat_ref = f"{SHEET}!$A$2:$A${last_row}"
    cat_points = "".join(
        f'<c:pt idx="{i}"><c:v>{escape(name)}</c:v></c:pt>' for i, name in enumerate(categories)
    )
    series_xml = []
    for s, name in enumerate(chart.series):
        col = _column(s + 1)
        colour = COLOURS.get(name, OTHER_COLOUR)
        points = "".join(
            f'<c:pt idx="{i}"><c:v>{row[s]}</c:v></c:pt>' for i, row in enumerate(rows)
        )
        series_xml.append(
            f'<c:ser><c:idx val="{s}"/><c:order val="{s}"/>'
            f"<c:tx><c:strRef><c:f>{SHEET}!${col}$1</c:f><c:strCache>"
            f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt>'
            f"</c:strCache></c:strRef></c:tx>"
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            f'<a:ln w="6350"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr>'
            f'<c:invertIfNegative val="0"/>{_labels(LABEL_COLOURS.get(name, "FFFFFF"))}'
            f"<c:cat><c:strRef><c:f>{cat_ref}</c:f><c:strCache>"
            f'<c:ptCount val="{count}"/>{cat_points}</c:strCache></c:strRef></c:cat>'
            f"<c:val><c:numRef><c:f>{SHEET}!${col}$2:${col}${last_row}</c:f><c:numCache>"
            f'<c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>{points}'
            f"</c:numCache></c:numRef></c:val></c:ser>"
        )
    external = (
        f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>'
        if workbook_rid
        else ""
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="sv-SE"/><c:roundedCorners val="0"/>'
        "<c:chart>"
        f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" '
        f'b="1"/></a:pPr><a:r><a:rPr lang="sv-SE" sz="1200" b="1"/><a:t>{escape(chart.title)}'
        '</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/>"
        '<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>'
        + "".join(series_xml)
        + '<c:gapWidth val="60"/><c:overlap val="100"/>'
        '<c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        + ('<c:majorUnit val="1"/>' if _largest(chart) <= MAX_UNIT_STEPS else "")
        + "</c:valAx></c:plotArea>"
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        "</c:chart>"
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000">'
        + (f'<a:latin typeface="{_attr(font)}"/><a:cs typeface="{_attr(font)}"/>' if font else "")
        + '</a:defRPr></a:pPr><a:endParaRPr lang="sv-SE"/></a:p></c:txPr>'
        f"{external}"
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def _labels(colour: str) -> str:
    """Data labels: the number in the middle of each segment, none for a zero."""
    return (
        '<c:dLbls><c:numFmt formatCode="0;;;" sourceLinked="0"/><c:spPr><a:noFill/><a:ln>'
        "<a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="1000" b="1"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        '</a:defRPr></a:pPr><a:endParaRPr lang="sv-SE"/></a:p></c:txPr>'
        '<c:dLblPos val="ctr"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
        '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
        '<c:showBubbleSize val="0"/></c:dLbls>'
    )


def workbook_bytes(chart: StackedBars, moment: dt.datetime = FIXED_MOMENT) -> bytes:
    """The chart's data as the workbook Word opens with "Redigera data" (same cells as the
    chart's references), created and modified at ``moment`` and packed with fixed zip times:
    the same chart gives the same bytes (openpyxl would write the wall clock)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    from planverk.office.package import with_core_dates

    book = Workbook()
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = "planverk"
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["Fokusområde", *chart.series])
    for category, row in zip(reversed(chart.categories), reversed(chart.values), strict=True):
        sheet.append([category, *row])
    book.properties.created = dt.datetime(*FIXED_TIME)
    out = io.BytesIO()
    book.save(out)
    return with_core_dates(out.getvalue(), moment)


def inline_xml(rid: str, shape_id: int, chart: StackedBars, width_cm: float) -> str:
    """A ``w:drawing`` holding the chart inline, with its alt text."""
    height_cm = 3.0 + 1.0 * max(1, len(chart.categories))
    cx, cy = int(width_cm * EMU_PER_CM), int(height_cm * EMU_PER_CM)
    return (
        f'<w:drawing xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" '
        f'xmlns:c="{C_NS}" xmlns:r="{R_NS}">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Diagram {shape_id}" '
        f'title="{_attr(chart.title)}" descr="{_attr(chart.description())}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{rid}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def insert_chart(document: Any, paragraph: Any, chart: StackedBars, width_cm: float) -> None:
    """Replace ``paragraph``'s content (its ``w:p`` element) with the chart, in the font of
    the document's Normal style when it names one (else the theme's)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    package = document.part.package
    chart_name = package.next_partname("/word/charts/chart%d.xml")
    try:
        font = document.styles["Normal"].font.name
    except KeyError:
        font = None
    # A new part's first relationship is rId1, so the chart can name its workbook before the
    # part exists (python-docx parts are built with their bytes).
    chart_part = Part(PackURI(chart_name), CHART_TYPE, chart_xml(chart, SHEET_RID, font), package)
    sheet_name = package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
    created = document.core_properties.created
    moment = created.replace(tzinfo=None) if isinstance(created, dt.datetime) else FIXED_MOMENT
    sheet_part = Part(PackURI(sheet_name), XLSX_TYPE, workbook_bytes(chart, moment), package)
    if chart_part.relate_to(sheet_part, PACKAGE_REL) != SHEET_RID:  # pragma: no cover
        raise AssertionError("the chart's first relationship is not rId1")
    rid = document.part.relate_to(chart_part, CHART_REL)
    body = document.element.body
    ids = [int(v) for v in body.xpath("//wp:docPr/@id") if str(v).isdigit()]
    shape_id = max(ids, default=0) + 1
    p = paragraph
    for child in list(p):
        if child.tag != f"{{{W_NS}}}pPr":
            p.remove(child)
    run = p.makeelement(f"{{{W_NS}}}r", {})
    run.append(parse_xml(inline_xml(rid, shape_id, chart, width_cm)))
    p.append(run)
