"""Swedish line breaking: compounds break at their boundaries, proper names and headings not
at all, the same in Word and LibreOffice (soft hyphens planverk chose, no automatic ones).
Read back with python-docx and, for the breaks LibreOffice made, pdftotext of the PDF."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from planverk.render.hyphenate import Hyphenator, breaks
from tests.conftest import cli
from tests.realclients import needs


def test_compounds_break_at_their_boundaries() -> None:
    def shown(word: str) -> str:
        cuts = [0, *breaks(word), len(word)]
        return "-".join(word[a:b] for a, b in itertools.pairwise(cuts))

    assert shown("Krisberedskapschefer") == "Kris-beredskaps-chefer"
    assert shown("verksamhetschefsgrupperna") == "verksamhets-chefs-grupperna"
    assert shown("erfarenhetsutbyte") == "erfarenhets-utbyte"
    assert shown("kompetensförsörjning") == "kompetens-försörjning"
    assert shown("NSPL") == "NSPL" and shown("kunskap") == "kunskap"  # capitals, short words


def test_protected_names_are_left_whole() -> None:
    hyphenator = Hyphenator(["Sjukvårdsregion Mellansverige", "Region Västmanland"])
    text = "Sjukvårdsregion Mellansverige och Region Västmanland samverkar om kompetensförsörjning"
    parts = hyphenator.parts(text)
    assert "".join(parts) == text
    assert parts[-1] == "försörjning" and parts[-2].endswith("kompetens")
    assert len(parts) == 2


def _docx(shipped: Path, *args: str) -> Document:
    out = shipped / "build" / "d.docx"
    run = cli("render", *args, "-o", str(out))
    assert run.exit_code == 0, run.stderr
    return Document(str(out))


def test_docx_soft_hyphens_in_text_none_in_headings_names_or_titles(shipped: Path) -> None:
    document = _docx(shipped, "2025", "--kind", "handlingsplan")
    body = document.element.body
    for paragraph in body.iter(qn("w:p")):
        ppr = paragraph.find(qn("w:pPr"))
        found = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style = found.get(qn("w:val")) if found is not None else ""
        if style and "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip():
            assert ppr.find(qn("w:suppressAutoHyphens")) is not None, style
        if style.startswith(("Heading", "Rubrik", "Title", "Subtitle")):
            assert paragraph.find(f".//{qn('w:softHyphen')}") is None, style
    cell = next(
        p
        for p in body.iter(qn("w:p"))
        if "verksamhetschefsgrupperna" in "".join(t.text or "" for t in p.iter(qn("w:t")))
    )
    pieces = []
    for run in cell.iter(qn("w:r")):
        for child in run:
            if child.tag == qn("w:t"):
                pieces.append(child.text or "")
            elif child.tag == qn("w:softHyphen"):
                pieces.append("|")
    assert "verksamhets|chefs|grupperna" in "".join(pieces)
    names = [
        p
        for p in body.iter(qn("w:p"))
        if "Mellansverige" in "".join(t.text or "" for t in p.iter(qn("w:t")))
    ]
    assert names
    for paragraph in names:  # the region's name is one w:t, never cut by a soft hyphen
        assert any("Mellansverige" in (t.text or "") for t in paragraph.iter(qn("w:t")))
    # A status in its narrow column is read at a glance: one w:t, never cut by a soft hyphen.
    statuses = [
        p
        for p in body.iter(qn("w:p"))
        if "ej rapporterad" in "".join(t.text or "" for t in p.iter(qn("w:t")))
    ]
    assert statuses
    for paragraph in statuses:
        assert any("rapporterad" in (t.text or "") for t in paragraph.iter(qn("w:t")))
    # python-docx, screen readers and search see the words whole.
    assert any(
        "verksamhetschefsgrupperna" in p.text
        for c in document.tables[0]._cells
        for p in c.paragraphs
    )


@needs("soffice", "pdftotext")
def test_libreoffice_breaks_compounds_well_and_never_names_or_headings(shipped: Path) -> None:
    out = shipped / "hp.pdf"
    assert (
        cli("render", "2025", "--kind", "handlingsplan", "-f", "pdf", "-o", str(out)).exit_code == 0
    )
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    halves = {f"{a}-{b}" for a, b in re.findall(r"(\w+)-\n(\w+)", text)}
    bad = {"Krisbe-redskapschefer", "verksam-hetschefsgrupperna", "erfaren-hetsutbyte"}
    assert not {h for h in halves if h in bad or h.startswith("Mel-")}, halves
    assert "Ledningsgruppens handlings-" not in text  # the title is not hyphenated
    good = {"verksamhetschefs-grupperna", "Kris-beredskapschefer", "erfarenhets-utbyte"}
    assert halves & good, halves
