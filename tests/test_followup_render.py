"""The follow-up report in Word: the counts table, the chart (a Word chart with alt text and
its data), a section per fokusområde with röd and gul actions first; and LibreOffice turning
it into a PDF that shows the chart."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from lxml import etree

from planverk.loading.planset import load_plan_dir
from planverk.office.chart import C_NS, CHART_TYPE
from planverk.planning.followup_report import CHART_MARKER, target
from planverk.render import Rendered, render_target
from tests.conftest import ROOT
from tests.realclients import needs
from tests.test_status import STATUSES, _expected, _load

ON = dt.date(2025, 9, 15)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"c": C_NS}
NS_A = {"c": C_NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two sRGB colours given as hex."""

    def luminance(hexa: str) -> float:
        channels = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def series_values(xml: bytes) -> dict[str, list[int]]:
    """Series name -> cached values, in category order as drawn."""
    result: dict[str, list[int]] = {}
    for ser in etree.fromstring(xml).iterfind(".//c:ser", NS):
        name = "".join(ser.xpath("./c:tx//c:v/text()", namespaces=NS))
        result[name] = [int(float(v)) for v in ser.xpath("./c:val//c:pt/c:v/text()", namespaces=NS)]
    return result


def categories_of(xml: bytes) -> list[str]:
    """The categories in the order drawn from the bottom."""
    first = etree.fromstring(xml).find(".//c:ser", NS)
    if first is None:
        return []
    return [str(v) for v in first.xpath("./c:cat//c:pt/c:v/text()", namespaces=NS)]


def _render(root: Path, fmt: str = "docx", template_dir: Path | None = None) -> Rendered:
    planset = load_plan_dir(root / "plans")
    return render_target(planset, target(planset, 2025, ON), fmt, template_dir)


def _part(document: Any, content_type: str) -> Any:
    return next(p for p in document.part.package.iter_parts() if p.content_type == content_type)


def test_counts_table_matches_the_files(shipped: Path) -> None:
    expected = _expected(shipped, 2025)
    document = Document(io.BytesIO(_render(shipped).data))

    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Fokusområde")
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Fokusområde", "Grön", "Gul", "Röd", "Avslutad", "Ej rapporterad", "Totalt"]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}
    for area, counts in expected["by_area"].items():
        assert rows[area] == [str(counts[s]) for s in STATUSES] + [str(counts.total())]
    total = expected["totals"]
    assert rows["Totalt"] == [str(total[s]) for s in STATUSES] + ["11"]


def test_chart_is_a_word_chart_with_alt_text_and_data(shipped: Path) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    expected = _expected(shipped, 2025)
    result = _render(shipped)
    assert result.figures_placed == [CHART_MARKER]
    document = Document(io.BytesIO(result.data))
    assert CHART_MARKER not in "\n".join(p.text for p in document.paragraphs)

    (doc_pr,) = document.element.body.xpath("//wp:docPr")
    descr = doc_pr.get("descr")
    assert doc_pr.get("title") == "Status per fokusområde 2025"
    assert descr.startswith("Liggande staplat stapeldiagram, status per fokusområde 2025")
    assert "Utbildning och kompetensförsörjning: 1 röd, 1 ej rapporterad" in descr
    (inline,) = document.inline_shapes
    assert inline.width.cm == pytest.approx(16.0, abs=0.01)

    chart = _part(document, CHART_TYPE)
    vp = _load(shipped / "plans/verksamhetsplan-2025-2028.yaml")
    areas = [a["rubrik"] for a in vp["fokusområden"] if a["rubrik"] in expected["by_area"]]
    assert len(areas) == 4
    # A bar chart draws its first category at the bottom: the XML lists them last first.
    assert categories_of(chart.blob) == list(reversed(areas))
    drawn = series_values(chart.blob)
    assert list(drawn) == STATUSES
    for status in STATUSES:
        assert list(reversed(drawn[status])) == [expected["by_area"][a][status] for a in areas]

    # Every series shows its numbers (data labels, zeros hidden), in a colour with 3:1
    # contrast against white.
    tree = etree.fromstring(chart.blob)
    for ser in tree.iterfind(".//c:ser", NS):
        assert ser.xpath("./c:dLbls/c:showVal/@val", namespaces=NS) == ["1"]
        assert ser.xpath("./c:dLbls/c:numFmt/@formatCode", namespaces=NS) == ["0;;;"]
        (fill,) = ser.xpath("./c:spPr/a:solidFill/a:srgbClr/@val", namespaces=NS_A)
        assert contrast(fill, "FFFFFF") >= 3.0, fill

    workbook_part = next(iter(chart.rels.values())).target_part
    sheet = load_workbook(io.BytesIO(workbook_part.blob)).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0] == ("Fokusområde", *STATUSES)
    assert [row[0] for row in cells[1:]] == list(reversed(areas))


def test_each_focus_area_lists_red_and_yellow_first_with_comments(shipped: Path) -> None:
    document = Document(io.BytesIO(_render(shipped).data))
    body = list(document.element.body.iterchildren())

    def text(element: Any) -> str:
        return "".join(t.text or "" for t in element.iter(f"{W}t"))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Sammanfattning",
        "Verksamhet och utveckling",
        "Kunskapsstyrning",
        "Utbildning och kompetensförsörjning",
        "Digitalisering och e-hälsa",
    ]
    texts = [text(e) for e in body]
    start = texts.index("Utbildning och kompetensförsörjning")
    end = texts.index("Digitalisering och e-hälsa")
    section = texts[start:end]
    red = next(i for i, t in enumerate(section) if t.startswith("Röd: Genomföra en gemensam"))
    comment = next(i for i, t in enumerate(section) if t.startswith("Kommentar: Den första"))
    others = next(i for i, t in enumerate(section) if "Arbeta med Nationell plan" in t)
    assert red < comment < others
    assert "Röda och gula åtgärder" in section and "Övriga åtgärder" in section
    # Kunskapsstyrning has one gul and one grön: the gul one is written out, the grön one
    # only in the table.
    k_start = texts.index("Kunskapsstyrning", texts.index("Verksamhet och utveckling", 5))
    k_section = texts[k_start:start]
    assert any(t.startswith("Gul: Erbjuda alla patienter") for t in k_section)
    assert not any(t.startswith("Grön:") for t in k_section)


def test_markdown_describes_the_chart_in_words(shipped: Path) -> None:
    result = _render(shipped, "md")
    markup = result.data.decode("utf-8")
    assert CHART_MARKER not in markup
    assert "*Liggande staplat stapeldiagram, status per fokusområde 2025" in markup
    assert "| **Totalt** | **2** | **1** | **1** | **1** | **6** | **11** |" in markup


def test_a_template_without_the_marker_gives_no_chart(shipped: Path) -> None:
    templates = shipped / "egna-mallar"
    shutil.copytree(ROOT / "templates", templates)
    path = templates / "uppfoljning.md.j2"
    path.write_text(path.read_text("utf-8").replace("{{ diagram.markör }}\n", ""), encoding="utf-8")
    result = _render(shipped, template_dir=templates)
    assert result.figures_placed == []
    document = Document(io.BytesIO(result.data))
    assert not document.inline_shapes
    assert "Sammanfattning" in [p.text for p in document.paragraphs]


def _ppm_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (what pdftoppm -ppm writes)."""
    fields: list[bytes] = []
    index = 0
    while len(fields) < 4:
        while data[index : index + 1].isspace():
            index += 1
        start = index
        while not data[index : index + 1].isspace():
            index += 1
        fields.append(data[start:index])
    assert fields[0] == b"P6" and fields[3] == b"255"
    return int(fields[1]), int(fields[2]), data[index + 1 :]


@needs("soffice", "pdftotext", "pdftoppm")
def test_libreoffice_converts_it_and_draws_the_chart(shipped: Path, tmp_path: Path) -> None:
    pdf = _render(shipped, "pdf").data
    assert pdf.startswith(b"%PDF")
    target = tmp_path / "uppfoljning.pdf"
    target.write_bytes(pdf)

    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Uppföljning 2025" in text
    assert "Status per fokusområde 2025" in text  # the chart's title, drawn by LibreOffice
    assert "ej rapporterad" in text and "avslutad" in text  # its legend
    for area in ("Verksamhet och utveckling", "Digitalisering och e-hälsa"):
        assert text.count(area) >= 3  # table, chart, section heading

    # Every page, so the chart counts wherever the layout puts it.
    command = ["pdftoppm", "-r", "40"]
    subprocess.run([*command, str(target), str(tmp_path / "sida")], capture_output=True, check=True)
    colours: Counter[bytes] = Counter()
    for page_file in sorted(tmp_path.glob("sida*.ppm")):
        width, height, pixels = _ppm_pixels(page_file.read_bytes())
        colours.update(pixels[i : i + 3] for i in range(0, width * height * 3, 3))
    near = {
        name: sum(
            n
            for rgb, n in colours.items()
            if all(abs(a - b) <= 40 for a, b in zip(rgb, bytes.fromhex(hexa), strict=True))
        )
        for name, hexa in (("grön", "2E7D32"), ("gul", "B07D00"), ("röd", "C00000"))
    }
    assert all(count > 20 for count in near.values()), near


def test_render_command_writes_the_follow_up(shipped: Path) -> None:
    """`planverk render 2025 --kind uppfoljning` writes the follow-up report."""
    from tests.conftest import cli

    run = cli("render", "2025", "--kind", "uppfoljning", "--datum", "2025-09-15")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "build/uppfoljning-2025.docx"
    document = Document(shipped / "build" / "uppfoljning-2025.docx")
    assert document.inline_shapes and document.paragraphs[0].text == "Uppföljning 2025"
