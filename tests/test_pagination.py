"""The table of contents' page numbers in the .docx, as Word and LibreOffice show them before
anyone updates a field: each rendered document of the shipped plans, converted by plain
LibreOffice (`soffice --convert-to pdf`, which updates nothing), lists every TOC entry with
the page the heading is on (pdftotext per page). Without LibreOffice the TOC is left for
Word to update, and the render warns (PV407)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from planverk.office.toc import TocFields, page_numbers
from planverk.render.pagination import estimated_digits
from tests.conftest import cli
from tests.realclients import need

DOCUMENTS = (
    ("aktivitetsplan-2025", ("2025",)),
    ("handlingsplan-ledningsgruppen-2025", ("2025", "--kind", "handlingsplan")),
    ("verksamhetsplan-2021-2024", ("--kind", "verksamhetsplan", "--plan", "vp-2021-2024")),
    ("verksamhetsplan-2025-2028", ("--kind", "verksamhetsplan", "--plan", "vp-2025-2028")),
    ("uppfoljning-2025", ("2025", "--kind", "uppfoljning")),
)
TOC_LINE = re.compile(r"^\s*(?P<text>\S.*?)\s*\.{4,}\s*(?P<page>\d+)\s*$")


def _plain_pdfs(work: Path, docx: list[Path]) -> list[Path]:
    """Convert with LibreOffice as a user would, no macro, no field update."""
    soffice = need("soffice", "libreoffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'lo-profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            *map(str, docx),
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
    return [work / "pdf" / f"{path.stem}.pdf" for path in docx]


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [[line.strip() for line in page.splitlines()] for page in text.split("\f")]


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def _heading_at(text: str, lines: list[str], index: int) -> bool:
    """Whether the heading ``text`` starts at ``lines[index]`` (it may wrap over lines)."""
    wanted = _squash(text)
    joined = ""
    for line in lines[index : index + 5]:
        joined += _squash(line)
        if not joined or not wanted.startswith(joined):
            return False
        if joined == wanted:
            return True
    return False


def _entries(docx: Path) -> list[tuple[str, int]]:
    """The TOC entries as the .docx holds them: heading text and page number."""
    found = []
    for paragraph in Document(str(docx)).paragraphs:
        if not re.fullmatch(r"toc \d", paragraph.style.name.lower()):
            continue
        texts = [t.text or "" for t in paragraph._p.iter(qn("w:t"))]  # heading, page number
        found.append(("".join(texts[:-1]), int(texts[-1])))
    return found


def _check_toc(entries: list[tuple[str, int]], pages: list[list[str]]) -> int:
    """Every TOC entry is printed with its number, and the number is the page of its heading
    (the next heading of that text after the previous entry's, so repeated ones count in
    order). The entries checked."""
    toc_pages = [
        number for number, page in enumerate(pages, 1) if any(TOC_LINE.match(line) for line in page)
    ]
    printed = _squash(" ".join(line for n in toc_pages for line in pages[n - 1])).replace(".", "")
    position = (0, 0)
    for text, page in entries:
        assert _squash(text).replace(".", "") + str(page) in printed, (text, page)
        found = next(
            (
                (number, index)
                for number, lines in enumerate(pages, 1)
                for index, line in enumerate(lines)
                if (number, index) > position and not TOC_LINE.match(line)
                and (number not in toc_pages or number == page)
                and _heading_at(text, lines, index)
            ),
            None,
        )  # fmt: skip
        assert found is not None, f"rubriken {text!r} finns inte efter innehållsförteckningen"
        assert found[0] == page, f"{text!r}: innehållsförteckningen säger {page}, sidan {found[0]}"
        position = found
    return len(entries)


def test_every_toc_number_is_the_page_of_its_heading(shipped: Path, tmp_path: Path) -> None:
    need("pdftotext")
    paths = []
    for stem, args in DOCUMENTS:
        out = shipped / "build" / f"{stem}.docx"
        run = cli("render", *args, "-o", str(out))
        assert run.exit_code == 0, run.stdout + run.stderr
        assert "PV407" not in run.stderr
        # Arial, or a font of its widths, is there (CI installs fonts-liberation2).
        assert "PV409" not in run.stderr
        paths.append(out)
    checked = {}
    for docx, pdf in zip(paths, _plain_pdfs(tmp_path, paths), strict=True):
        checked[docx.stem] = _check_toc(_entries(docx), _pages(pdf))
        numbers = page_numbers(docx.read_bytes())
        assert checked[docx.stem] == len(numbers), docx.stem
        assert all(value.isdigit() for value in numbers.values()), docx.stem
        # Not marked for update: Word shows the numbers without asking.
        begins = Document(str(docx)).element.body.iter(qn("w:fldChar"))
        assert not any(b.get(qn("w:dirty")) for b in begins)
        # The first layout's placeholders were as wide as the numbers: one LibreOffice run.
        guessed = estimated_digits(TocFields(docx.read_bytes()))
        assert guessed == {name: len(value) for name, value in numbers.items()}, docx.stem
    assert checked["aktivitetsplan-2025"] == 23
    assert checked["verksamhetsplan-2025-2028"] > 5
    assert checked["verksamhetsplan-2021-2024"] > 5
    assert checked["uppfoljning-2025"] > 3
    assert checked["handlingsplan-ledningsgruppen-2025"] == 0  # one table: no TOC


def test_without_libreoffice_the_toc_is_left_to_word_with_a_warning(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(shipped))  # no soffice
    run = cli("render", "2025")
    assert run.exit_code == 0, run.stderr
    assert "PV407" in run.stderr and "inga sidnummer" in run.stderr
    assert "LibreOffice (soffice) är inte installerat" in run.stderr
    docx = shipped / "build" / "aktivitetsplan-2025.docx"
    numbers = page_numbers(docx.read_bytes())
    assert numbers and set(numbers.values()) == {""}
    begins = [
        b
        for b in Document(str(docx)).element.body.iter(qn("w:fldChar"))
        if b.get(qn("w:fldCharType")) == "begin" and b.get(qn("w:dirty")) == "true"
    ]
    assert len(begins) == 1  # the TOC field: Word offers to update it on opening


def test_a_font_libreoffice_lacks_is_named(shipped: Path, tmp_path: Path) -> None:
    """A dokumentmall set in a font this machine does not have: LibreOffice lays the pages out
    with another one, and the render says which (PV409), since Word's pages may differ."""
    need("soffice", "libreoffice")
    need("fc-match", "fontconfig")
    root = Path(__file__).resolve().parents[1]
    mall = tmp_path / "regionens-mall.docx"
    with (
        zipfile.ZipFile(root / "templates" / "dokumentmall.docx") as source,
        zipfile.ZipFile(mall, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(b'"Arial"', b'"Regionsans Pro"')
            target.writestr(item, data)
    out = shipped / "build" / "ap.docx"
    run = cli("render", "2025", "--dokumentmall", str(mall), "-o", str(out))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (
        "PV409 varning: typsnittet 'Regionsans Pro' i aktivitetsplan-2025.docx finns inte här"
        in (run.stderr)
    )
    assert "fonts-liberation2" in run.stderr
    assert page_numbers(out.read_bytes())  # the TOC is numbered all the same
