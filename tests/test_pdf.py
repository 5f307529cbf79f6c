"""`render -f pdf`: tagged PDF/UA read back with pikepdf (structure tree, MarkInfo, Lang,
Title shown as the window title, bookmarks from the headings, table header cells, the chart
as a figure with its text alternative) for the AP, the handlingsplan, both VPs and the
uppföljning. (veraPDF, a PDF/UA checker, needs Java and a download from outside the
package registries this project may use, so it is not run here.)"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from planverk.office.pdf import structure
from tests.conftest import cli
from tests.realclients import needs

DOCUMENTS = (
    ("aktivitetsplan-2025", "Aktivitetsplan 2025", ("2025",)),
    (
        "handlingsplan-ledningsgruppen-2025",
        "Ledningsgruppens handlingsplan 2025",
        ("2025", "--kind", "handlingsplan"),
    ),
    (
        "verksamhetsplan-2021-2024",
        None,
        ("--kind", "verksamhetsplan", "--plan", "vp-2021-2024"),
    ),
    (
        "verksamhetsplan-2025-2028",
        None,
        ("--kind", "verksamhetsplan", "--plan", "vp-2025-2028"),
    ),
    ("uppfoljning-2025", "Uppföljning 2025", ("2025", "--kind", "uppfoljning")),
)


@needs("soffice")
def test_every_pdf_is_tagged_with_title_language_bookmarks_and_alt_text(shipped: Path) -> None:
    for stem, title, args in DOCUMENTS:
        out = shipped / "build" / f"{stem}.pdf"
        run = cli("render", *args, "-f", "pdf", "-o", str(out))
        assert run.exit_code == 0, run.stdout + run.stderr
        assert "PV408" not in run.stderr and "PV407" not in run.stderr, run.stderr
        data = out.read_bytes()
        with pikepdf.open(io.BytesIO(data)) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root, stem
            assert bool(root.MarkInfo.Marked) is True, stem
            assert str(root.Lang) == "sv-SE", stem
            assert bool(root.ViewerPreferences.DisplayDocTitle) is True, stem
            shown_title = str(pdf.docinfo.Title)
            assert shown_title == (title or shown_title) and shown_title, stem
            assert str(pdf.docinfo.CreationDate).startswith("D:20"), stem
            with pdf.open_metadata() as meta:
                assert meta["pdfuaid:part"] == "1", stem
                assert meta["dc:title"] == shown_title, stem
        found = structure(data)
        assert found.tagged and found.pdfua and found.language == "sv-SE", stem
        assert found.outline, f"{stem}: no bookmarks from the headings"
        if stem.startswith("handlingsplan") or stem.startswith("uppfoljning"):
            assert found.table_headers >= 6, stem  # the header row of each table: /TH
        if stem.startswith("uppfoljning"):
            assert found.figures == found.figures_with_alt == 1
            assert found.outline[0] == "Sammanfattning"
        if stem.startswith("aktivitetsplan"):
            assert found.outline[:2] == ["Inledning", "Strategisk inriktning"]
            assert len(found.outline) == 23


@needs("soffice")
def test_pdf_figure_alt_text_is_the_charts_description(shipped: Path) -> None:
    out = shipped / "u.pdf"
    assert (
        cli("render", "2025", "--kind", "uppfoljning", "-f", "pdf", "-o", str(out)).exit_code == 0
    )
    with pikepdf.open(out) as pdf:
        figures = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
                if "/K" in node:
                    stack.append(node.K)
    assert len(figures) == 1
    assert figures[0].startswith("Liggande staplat stapeldiagram, status per fokusområde 2025")
