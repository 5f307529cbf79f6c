"""The site's decision documents as PDF, through LibreOffice: linked from the documents
page, readable (pdftotext), and the same bytes from the same plans."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from planverk.web import SiteRequest, build_site
from tests.conftest import ROOT
from tests.realclients import need


def test_pdf_documents_are_linked_readable_and_reproducible(tmp_path: Path) -> None:
    need("soffice", "libreoffice")
    pdftotext = need("pdftotext")
    project = tmp_path / "region"
    shutil.copytree(ROOT / "plans", project / "plans")
    built = build_site(project / "plans", SiteRequest(pdf=True))
    assert built.pdf
    folder = built.folder / "dokument"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="../dokument/aktivitetsplan-2025.pdf"' in page
    assert "PDF-filerna saknas" not in page
    pdf = folder / "aktivitetsplan-2025.pdf"
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Aktivitetsplan 2025" in text and "Krisberedskap" in text
    # the same document rendered again is the same bytes: dates from the plans, the id
    # from the content (office.pdf), whatever the clock says.
    assert b"D:20250101000000" in pdf.read_bytes()
    again = build_site(project / "plans", SiteRequest(pdf=True, output=project / "build" / "igen"))
    assert (again.folder / "dokument" / pdf.name).read_bytes() == pdf.read_bytes()
