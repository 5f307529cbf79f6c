"""The site's decision documents as PDF, through LibreOffice: linked from the documents
page, readable (pdftotext), and the same bytes from the same plans."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from planverk.office.libreoffice import docx_to_pdf
from planverk.web import SiteRequest, build_site
from planverk.web.documents import reproducible_pdf
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
    # another conversion of the same .docx, made reproducible, has the same date and text.
    # (Byte for byte only when LibreOffice took the same way both times: under load its
    # index-updating export can fail and the plain conversion, without page numbers in the
    # table of contents, is used; office.libreoffice decides that, not the site.)
    again = reproducible_pdf(
        docx_to_pdf((folder / "aktivitetsplan-2025.docx").read_bytes()), dt.date(2025, 1, 1)
    )
    assert b"/CreationDate(D:20250101000000" in again
    assert b"/CreationDate(D:20250101000000" in pdf.read_bytes()
    copy = tmp_path / "igen.pdf"
    copy.write_bytes(again)
    text_again = subprocess.run(
        [pdftotext, "-nopgbrk", str(copy), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Krisberedskap" in text_again and len(again) > 10_000


def test_reproducible_pdf_keeps_lengths_and_leaves_other_files_alone() -> None:
    made = (
        b"%PDF-1.7\n1 0 obj <</CreationDate(D:20261201113349Z')>> endobj\n"
        b"trailer <</ID [ <E623E1BA21C02559B8D8B6413560005E>\n"
        b"<E623E1BA21C02559B8D8B6413560005E> ]\n/DocChecksum /858AF8BA2BC573709F13F1791DF2E8E0\n>>"
    )
    other = made.replace(b"20261201113349", b"20270101090000").replace(b"E623E1BA", b"0123ABCD")
    first, second = (
        reproducible_pdf(made, dt.date(2025, 1, 1)),
        reproducible_pdf(other, dt.date(2025, 1, 1)),
    )
    assert first == second and len(first) == len(made)
    assert (
        reproducible_pdf(b"%PDF-1.4 utan metadata", dt.date(2025, 1, 1))
        == b"%PDF-1.4 utan metadata"
    )
