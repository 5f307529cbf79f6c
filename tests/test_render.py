"""`planverk render`: the shipped plans as .docx, read back with python-docx."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import RGBColor

from planverk.loading.planset import load_plan_dir
from planverk.model import walk
from tests.conftest import ROOT, cli
from tests.realclients import needs


def open_docx(path: Path) -> DocxDocument:
    return docx.Document(str(path))


def render(*args: str) -> Path:
    run = cli("render", *args)
    assert run.exit_code == 0, run.stdout + run.stderr
    path = Path(run.stdout.strip().splitlines()[-1])
    assert path.is_file()
    return path


def test_aktivitetsplan_activities_are_bullets_under_their_headings(shipped: Path) -> None:
    path = render("2025")
    assert path == Path("build/aktivitetsplan-2025.docx")
    document = open_docx(path)
    planset = load_plan_dir(shipped / "plans")
    ap = planset.ap(2025)
    assert ap is not None
    expected = [(a.focus_area.heading, a.heading.heading, a.text) for a in walk.activities(ap.plan)]

    found: list[tuple[str, str, str]] = []
    heading1 = heading2 = ""
    in_plan = False
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Heading 1":
            heading1, heading2 = paragraph.text, ""
            in_plan = heading1 in {e[0] for e in expected}
        elif style == "Heading 2":
            heading2 = paragraph.text
        elif style == "List Bullet" and in_plan:
            found.append((heading1, heading2, paragraph.text))
    assert found == expected  # each activity once, in plan order, under the right headings
    texts = [p.text for p in document.paragraphs]
    for _, _, activity in expected:
        assert texts.count(activity) == 1
    # Title page, Inledning and Strategisk inriktning come first.
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Aktivitetsplan 2025"
    headings1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings1[:2] == ["Inledning", "Strategisk inriktning"]


def test_accessibility_properties_toc_header_and_footer(shipped: Path) -> None:
    document = open_docx(render("2025"))
    props = document.core_properties
    assert props.title == "Aktivitetsplan 2025"
    assert props.subject.startswith("Aktivitetsplan 2025")
    assert props.author == "Sjukvårdsregion Mellansverige"
    assert props.language == "sv-SE"
    assert props.created is not None and props.created.date().isoformat() == "2025-01-01"
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert lang.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    section = document.sections[0]
    assert "Aktivitetsplan 2025" in section.header._element.xml  # the TITLE field shows it
    assert "TITLE" in section.header._element.xml
    footer = section.footer._element.xml
    assert "Sida " in footer and " PAGE " in footer and " NUMPAGES " in footer
    # Heading levels never skip.
    levels = [
        int(p.style.name[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert all(b <= a + 1 for a, b in zip([0, *levels], levels, strict=False))


def test_two_renders_are_byte_identical(shipped: Path) -> None:
    first = render("2025").read_bytes()
    second = render("2025").read_bytes()
    assert first == second
    hp1 = render("2025", "--kind", "handlingsplan").read_bytes()
    hp2 = render("2025", "--kind", "handlingsplan").read_bytes()
    assert hp1 == hp2
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_special_characters_reach_the_document_exactly(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    # Characters Markdown would read as markup, but that are no markup in a plan text.
    tricky = 'Främja & stöd > 5 och < 7 * 3 "citat" # nr [1] a_b 2025. Å Ä Ö å ä ö'
    text = ap.read_text(encoding="utf-8")
    original = "Främja donationsverksamhet inom regionerna."
    ap.write_text(text.replace(original, tricky.replace('"', '\\"').join('""')), encoding="utf-8")
    assert cli("validate").exit_code == 0
    document = open_docx(render("2025"))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert tricky in bullets
    heading = next(p for p in document.paragraphs if p.text == "Donationsverksamhet")
    assert heading.style.name == "Heading 2"
    html = render("2025", "--format", "html").read_text(encoding="utf-8")
    assert "&lt; 7" in html and "&amp; stöd" in html
    md = render("2025", "--format", "md").read_text(encoding="utf-8")
    assert "\\< 7 \\* 3" in md


def test_markup_a_plan_text_may_not_hold_is_a_finding_not_printed(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    marked = "Främja <b>vård</b> *inte kursiv* och [länk](x)."
    text = ap.read_text(encoding="utf-8")
    original = "Främja donationsverksamhet inom regionerna."
    ap.write_text(text.replace(original, marked.join('""')), encoding="utf-8")
    run = cli("render", "2025")
    assert run.exit_code == 1
    assert run.stdout.count("PV330 fel") == 4  # <b>, </b>, *inte kursiv*, [länk](x)
    assert not (shipped / "build").exists()


def test_control_characters_are_removed_with_a_warning(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    text = ap.read_text(encoding="utf-8")
    original = "text: Främja donationsverksamhet inom regionerna."
    assert original in text
    ap.write_text(
        text.replace(original, 'text: "Främja\\x0b donationsverksamhet inom regionerna."'),
        encoding="utf-8",
    )
    line = text[: text.index(original)].count("\n") + 1
    run = cli("render", "2025")
    assert run.exit_code == 0
    assert f"plans/aktivitetsplan-2025.yaml:{line}:" in run.stderr
    assert "U+000B" in run.stderr
    document = open_docx(Path(run.stdout.strip()))
    assert "Främja donationsverksamhet inom regionerna." in [p.text for p in document.paragraphs]


def test_fixed_paragraph_added_to_template_copy(shipped: Path) -> None:
    template = shipped / "templates" / "aktivitetsplan.md.j2"
    text = template.read_text(encoding="utf-8")
    fixed = "Planen har tagits fram av kansliet & beslutas av Samverkansnämnden."
    text = text.replace("# Strategisk inriktning\n", f"{fixed}\n\n# Strategisk inriktning\n")
    template.write_text(text, encoding="utf-8")
    document = open_docx(render("2025"))
    texts = [p.text for p in document.paragraphs]
    assert fixed in texts
    assert texts.index(fixed) < texts.index("Strategisk inriktning")


def tiny_png() -> bytes:
    """A 2×2 PNG: the region's logo."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x8b\x00\x3c" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def build_dokumentmall(path: Path) -> None:
    """A region's dokumentmall made with python-docx: its own heading look, a header with
    text and a logo."""
    document = docx.Document()
    for name in ("Heading 1", "Heading 2"):
        font = document.styles[name].font
        font.name = "Georgia"
        rfonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        for attribute in list(rfonts.attrib):
            if "Theme" in attribute:
                del rfonts.attrib[attribute]
        font.color.rgb = RGBColor(0x8B, 0x00, 0x3C)
    header = document.sections[0].header
    header.paragraphs[0].text = "Region Exempel – Samverkansnämnden"
    header.paragraphs[0].add_run().add_picture(io.BytesIO(tiny_png()))
    document.add_paragraph("Innehåll i mallen som ska bort.")
    document.save(str(path))


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_dokumentmall_gives_styles_and_header(shipped: Path, tmp_path: Path, suffix: str) -> None:
    mall = tmp_path / f"regionmall{suffix}"
    build_dokumentmall(tmp_path / "regionmall.docx")
    if suffix == ".dotx":  # a Word template: only the main part's content type differs
        source = zipfile.ZipFile(tmp_path / "regionmall.docx")
        with zipfile.ZipFile(mall, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(b"document.main+xml", b"template.main+xml")
                target.writestr(item, data)
    document = open_docx(render("2025", "--dokumentmall", str(mall)))
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Georgia"
    assert heading.font.color.rgb == RGBColor(0x8B, 0x00, 0x3C)
    assert document.paragraphs[0].text == "Aktivitetsplan 2025"  # the mall's body is gone
    assert "Innehåll i mallen som ska bort." not in [p.text for p in document.paragraphs]
    header_text = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Region Exempel – Samverkansnämnden" in header_text
    assert "<pic:pic" in document.sections[0].header._element.xml  # the logo
    with zipfile.ZipFile(Path("build/aktivitetsplan-2025.docx")) as package:
        assert any(name.startswith("word/media/") for name in package.namelist())
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


def test_dokumentmall_from_project_file(shipped: Path, tmp_path: Path) -> None:
    build_dokumentmall(shipped / "regionmall.docx")
    project = shipped / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "\ndokumentmall: regionmall.docx\n", encoding="utf-8"
    )
    document = open_docx(render("2025"))
    assert document.styles["Heading 1"].font.name == "Georgia"


def status_cells(document: DocxDocument) -> list[tuple[str, str | None]]:
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    column = header.index("Status")
    out = []
    for row in table.rows[1:]:
        cell = row.cells[column]
        shading = cell._tc.tcPr.find(qn("w:shd"))
        out.append((cell.text, shading.get(qn("w:fill")) if shading is not None else None))
    return out


def test_handlingsplan_is_a_landscape_table_with_the_chain(shipped: Path) -> None:
    path = render("2025", "--kind", "handlingsplan")
    assert path == Path("build/handlingsplan-ledningsgruppen-2025.docx")
    document = open_docx(path)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Fokusområde",
        "Rubrik",
        "Nämndens verksamhetsplan",
        "Nämndens aktivitetsplan",
        "Ledningsgruppens handlingsplan",
        "Aktivitet/uppdrag",
        "Status",
    ]
    header_row = table.rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
    assert "w:gridSpan" not in table._tbl.xml and "w:vMerge" not in table._tbl.xml
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "Verksamhet och utveckling"
    assert first[1] == "God och Nära vård"
    assert first[2].startswith("En mer tillgänglig och nära vård")
    assert first[3] == "Stödja omställningen till Nära vård."
    assert first[4].startswith("Stärk samverkan mellan nätverket")
    assert first[5].startswith("Uppdrag till Ledningsgruppen: Tema på Ledningsgruppens möte")
    assert len(table.rows) == 1 + 6
    two_groups = [c.text for c in table.rows[5].cells][5]
    assert two_groups.startswith("Uppdrag till Krisberedskapschefer och RD-gruppen: ")
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape, "the table is on landscape pages"


def test_living_handlingsplan_renders_follow_up_and_status_colours(shipped: Path) -> None:
    path = render("--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl")
    assert path == Path("build/handlingsplan-rpo-hjärta-kärl-levande.docx")
    document = open_docx(path)
    statuses = status_cells(document)
    assert statuses == [
        ("grön", "C6EFCE"),
        ("gul", "FFEB9C"),
        ("röd", "FFC7CE"),
        ("avslutad", "D9E1F2"),
        ("grön", "C6EFCE"),
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Metod: Tertialvis uppföljning med data från kvalitetsregistret RiksSvikt" in text
    assert "Mål: Minst 80 procent av patienterna" in text
    assert "Resultat: Tertial 2 undersöktes 71 procent" in text
    assert "Kommentar: Två regioner saknar ännu sjuksköterskeledd uppföljning" in text
    assert (
        "Andel patienter som deltagit i hjärtrehabilitering inom ett år efter hjärtinfarkt." in text
    )
    reports = document.tables[1]
    assert [c.text for c in reports.rows[1].cells][:3] == ["Tertial 1", "2025-04-30", "grön"]
    # Back to portrait after the landscape table.
    assert document.sections[-1].page_width < document.sections[-1].page_height
    assert (
        cli("render", "--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl-levande").exit_code == 0
    )


def test_verksamhetsplan_of_the_period_covering_the_year(shipped: Path) -> None:
    path = render("2025", "--kind", "verksamhetsplan")
    assert path == Path("build/verksamhetsplan-2025-2028.docx")
    document = open_docx(path)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Verksamhet och utveckling") in paragraphs
    assert ("Heading 2", "God och Nära vård") in paragraphs
    assert ("List Bullet 2", "Sjukvårdsregional samling kring NHV-processen") in paragraphs


def test_render_refuses_plans_with_errors(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("mål: nära-vård", "mål: nära-vårdx"),
        encoding="utf-8",
    )
    run = cli("render", "2025")
    assert run.exit_code == 1
    assert "PV101 fel" in run.stdout
    assert not (shipped / "build").exists()


@pytest.mark.parametrize(
    "target",
    ["plans/aktivitetsplan-2025.yaml", "plans/ny.docx", "templates/dokumentmall.docx"],
)
def test_render_refuses_to_write_over_plans_and_templates(shipped: Path, target: str) -> None:
    before = (shipped / target).read_bytes() if (shipped / target).exists() else None
    run = cli("render", "2025", "-o", target)
    assert run.exit_code == 2
    assert "vägrar" in run.stderr
    after = (shipped / target).read_bytes() if (shipped / target).exists() else None
    assert before == after


def test_output_path_and_format_from_o(shipped: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanför" / "ap.html"
    run = cli("render", "2025", "-o", str(outside))
    assert run.exit_code == 0, run.stderr
    html = outside.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "<title>Aktivitetsplan 2025</title>" in html
    hp = render("2025", "--kind", "handlingsplan", "-f", "html").read_text(encoding="utf-8")
    assert '<th scope="col">Status</th>' in hp and "<thead>" in hp


def test_template_mistake_names_template_and_line(shipped: Path) -> None:
    template = shipped / "templates" / "aktivitetsplan.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "{{ fokusområde.rubrik }}" in line)
    lines[index] = lines[index].replace("fokusområde.rubrik", "fokusområde.rubrikk")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("render", "2025")
    assert run.exit_code == 2
    assert f"aktivitetsplan.md.j2:{index + 1}: fel i mallen" in run.stderr
    assert "rubrikk" in run.stderr


def test_unknown_instruction_and_skipped_heading_level(shipped: Path) -> None:
    template = shipped / "templates" / "aktivitetsplan.md.j2"
    text = template.read_text(encoding="utf-8")
    body = "<!-- sidbrytning -->\n\n{# ---- Innehållsförteckning"
    assert body in text
    template.write_text(
        text.replace(body, body.replace("sidbrytning", "sidbrytnig")), encoding="utf-8"
    )
    run = cli("render", "2025")
    assert run.exit_code == 2
    assert "Menade du 'sidbrytning'?" in run.stderr
    template.write_text(
        text.replace("## {{ rubrik.rubrik }}", "### {{ rubrik.rubrik }}"), encoding="utf-8"
    )
    run = cli("render", "2025")
    assert run.exit_code == 0
    assert "PV401" in run.stderr and "hoppar från 1 till 3" in run.stderr


def test_several_handlingsplaner_of_a_year_render_each(shipped: Path) -> None:
    source = shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    text = source.read_text(encoding="utf-8").replace("id: ledningsgruppen-2025", "id: rd-2025")
    (source.parent / "rd.yaml").write_text(text, encoding="utf-8")
    run = cli("render", "2025", "--kind", "handlingsplan")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.split() == [
        "build/handlingsplan-ledningsgruppen-2025.docx",
        "build/handlingsplan-rd-2025.docx",
    ]
    run = cli("render", "2025", "--kind", "handlingsplan", "-o", "build/x.docx")
    assert run.exit_code == 2 and "--plan" in run.stderr


def test_pdf_without_soffice_names_the_package(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(shipped))
    run = cli("render", "2025", "--format", "pdf")
    assert run.exit_code == 2
    assert "libreoffice-writer-nogui" in run.stderr


def test_render_cli_module_imports_no_document_libraries() -> None:
    code = (
        "import sys, planverk.cli.app\n"
        "heavy = {'docx', 'lxml', 'jinja2', 'markdown_it', 'openpyxl'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


needs_soffice = needs("soffice", "pdftotext")


def squash(text: str) -> str:
    """Text without spaces and hyphens: pdftotext joins words hyphenated at a line end."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return squash(result.stdout.decode("utf-8"))


@needs_soffice
def test_every_kind_converts_to_pdf_that_a_reader_can_read(shipped: Path) -> None:
    planset = load_plan_dir(shipped / "plans")
    ap = planset.ap(2025)
    assert ap is not None
    text = pdf_text(render("2025", "--format", "pdf"))
    for activity in walk.activities(ap.plan):
        assert squash(activity.text) in text
    assert "Sida1av" in text
    assert re.search(r"Inledning\.{3,}\d", text), "the table of contents has page numbers"
    text = pdf_text(render("2025", "--kind", "handlingsplan", "--format", "pdf"))
    assert squash("Ledningsgruppens handlingsplan 2025") in text
    hp = next(hp for hp in planset.hps if hp.plan.year == 2025)
    for action in hp.plan.actions:
        assert squash(action.text) in text
    assert squash("Uppdrag till Upphandlingsgruppen") in text
    text = pdf_text(render("--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl", "-f", "pdf"))
    assert "Kvalitetsindikatorer" in text and "avslutad" in text
    text = pdf_text(render("2025", "--kind", "verksamhetsplan", "--format", "pdf"))
    assert squash("Stärkt samverkan för kompetensförsörjning") in text


@needs_soffice
def test_narrow_columns_break_words_at_swedish_syllables(shipped: Path) -> None:
    """The default dokumentmall turns hyphenation on. With LibreOffice's Swedish patterns
    (hyphen-sv, which .ci/run installs), a long word in the handlingsplan's narrow columns
    breaks at a syllable with a hyphen ("omställ-ningen"), not anywhere."""
    document = docx.Document(str(render("2025", "--kind", "handlingsplan")))
    settings = document.settings.element
    assert settings.find(qn("w:autoHyphenation")) is not None
    assert settings.find(qn("w:doNotHyphenateCaps")) is not None
    pdf = render("2025", "--kind", "handlingsplan", "--format", "pdf")
    # -raw keeps the text in drawing order and the hyphens at line ends as they are.
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    source = (shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml").read_text(
        encoding="utf-8"
    )
    words = set(re.findall(r"\w+", source.casefold()))
    halves = re.findall(r"(\w+)-\n(\w+)", text)
    syllables = {head + tail for head, tail in halves if (head + tail).casefold() in words}
    assert len(syllables) >= 5, halves


def test_shipped_default_dokumentmall_is_current() -> None:
    from planverk.render.default_template import build

    shipped_mall = ROOT / "templates" / "dokumentmall.docx"
    assert shipped_mall.read_bytes() == build(), (
        "templates/dokumentmall.docx is stale: run "
        "`python -m planverk.render.default_template templates/dokumentmall.docx`"
    )


@pytest.mark.parametrize(
    ("mistake", "says"),
    [
        ("{{ x }", "fel i mallen: oväntat '}'"),
        ("{% if true %}", "mallen tar slut innan {% if %} stängs med {% endif %}"),
        ("{% fro x in y %}", "okänd tagg {% fro %}"),
        ("{{ x | nosuch }}", "okänt filter 'nosuch'"),
        ("{{ a b }}", "'b' står där }} väntas"),
        ("{{ ''.__class__ }}", "mallen försöker nå något den inte får (attributet '__class__')"),
        ("{{ nosuch }}", "fel i mallen: okänt namn 'nosuch'"),
    ],
)
def test_template_mistakes_are_told_in_swedish(shipped: Path, mistake: str, says: str) -> None:
    from tests.test_badinput import english_in

    template = shipped / "templates" / "aktivitetsplan.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    template.write_text("\n".join([*lines, mistake]) + "\n", encoding="utf-8")
    run = cli("render", "2025", "-f", "md")
    assert run.exit_code == 2, run.stderr
    assert f"aktivitetsplan.md.j2:{len(lines) + 1}: " in run.stderr
    assert says in run.stderr
    assert english_in(run.stderr) is None, run.stderr
