"""`planverk render --kind handlingsplan -f pptx`: the handlingsplan as slides in the region's
Powerpointmall, read back with python-pptx and converted by LibreOffice Impress to PDF, whose
text (pdftotext), page size (pdfinfo) and word positions (pdftotext -bbox) are checked."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pptx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.presentation import Presentation as PptxPresentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Emu

from planverk.loading.planset import load_plan_dir
from planverk.model import walk
from planverk.render.default_powerpointmall import build
from planverk.render.textfit import Box, Para, Run, height, line_height, split, text_width, wrap
from tests.conftest import ROOT, cli
from tests.realclients import need

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHAIN_COLUMNS = [
    "Fokusområde",
    "Rubrik",
    "Nämndens verksamhetsplan",
    "Nämndens aktivitetsplan",
    "Ledningsgruppens handlingsplan",
    "Aktivitet",
    "Status",
]
LIVING_COLUMNS = [
    "Nationellt insatsområde",
    "Prioriterat område och patientlöften",
    "Aktiviteter",
    "Uppföljning",
    "Status",
    "Kommentar",
]
PT = 12700  # EMU per point


def render(*args: str) -> Path:
    run = cli("render", *args)
    assert run.exit_code == 0, run.stdout + run.stderr
    path = Path(run.stdout.strip().splitlines()[-1])
    assert path.is_file()
    return path


def lg_2025(*extra: str) -> Path:
    return render("2025", "--kind", "handlingsplan", "-f", "pptx", *extra)


def living(*extra: str) -> Path:
    return render("--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl", "-f", "pptx", *extra)


def open_pptx(path: Path) -> PptxPresentation:
    return pptx.Presentation(str(path))


def tables(slide: object) -> list[GraphicFrame]:
    return [s for s in slide.shapes if isinstance(s, GraphicFrame) and s.has_table]  # type: ignore[attr-defined]


def squash(text: str) -> str:
    """Text without "(forts.)", spaces and hyphens: how it reads across line and slide breaks."""
    text = text.replace("(forts.)", "")
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-\u00ad")


def chain_texts(root: Path) -> list[str]:
    """Every chain cell's text of Ledningsgruppens handlingsplan 2025, from the YAML."""
    planset = load_plan_dir(root / "plans")
    hp = planset.hps_for(2025)[0].plan
    ap = planset.ap(2025)
    vp = planset.vp_for(2025, hp.vp)
    assert ap is not None and vp is not None
    activities = {a.activity.id: a for a in walk.activities(ap.plan)}
    goals = {g.goal.id: g for g in walk.goals(vp.plan)}
    bodies = {b.id: b.name for b in planset.project.plan.bodies} if planset.project else {}
    texts: list[str] = []
    for action in hp.actions:
        activity = activities[action.activity or ""]
        goal = goals[action.goal or activity.goal_id or ""]
        assert goal.focus_area is not None and goal.goal.text
        texts += [goal.focus_area.heading, goal.goal.heading, goal.goal.text]
        texts += [activity.activity.text, action.text]
        for assignment in action.assignments:
            texts.append(assignment.text)
            texts.extend(bodies[b] for b in assignment.to)
    return texts


# -- read back with python-pptx ----------------------------------------------------------


def test_ledningsgruppen_one_chain_per_slide(shipped: Path) -> None:
    deck = open_pptx(lg_2025())
    slides = list(deck.slides)
    assert deck.slide_width == Emu(12192000) and deck.slide_height == Emu(6858000)
    assert slides[0].shapes.title.text == "Ledningsgruppens handlingsplan 2025"
    assert "Sjukvårdsregion Mellansverige" in slides[0].placeholders[1].text_frame.text
    titles = [s.shapes.title.text for s in slides[1:]]
    assert titles == [
        "God och Nära vård",
        "Samverkan inom upphandling",
        "Krisberedskap och civilt försvar",
        "Stärkt samverkan för kompetensförsörjning",
    ]
    for slide in slides[1:]:
        (frame,) = tables(slide)
        table = frame.table
        assert [c.text for c in table.rows[0].cells] == CHAIN_COLUMNS
        assert table.first_row  # the header row is marked as such (screen readers)
        assert frame._element.nvGraphicFramePr.cNvPr.get("descr")
    # The three actions under Krisberedskap share one fokusområde, rubrik, VP text and AP
    # activity: one merged cell each, as in the deck.
    kris = tables(slides[3])[0].table
    assert len(kris.rows) == 4
    for column in range(4):
        origin = kris.cell(1, column)
        assert origin.is_merge_origin and origin.span_height == 3
    assert [kris.cell(r, 4).text.split()[0] for r in (1, 2, 3)] == [
        "Implementera",
        "Genomföra",
        "Utreda",
    ]
    assert all(kris.cell(r, 6).text == "ej rapporterad" for r in (1, 2, 3))


def test_every_chain_text_is_on_the_slides(shipped: Path) -> None:
    deck = open_pptx(lg_2025())
    text = squash(
        " ".join(
            cell.text
            for slide in deck.slides
            for frame in tables(slide)
            for row in frame.table.rows
            for cell in row.cells
        )
    )
    for expected in chain_texts(shipped):
        assert squash(expected) in text, expected


def test_accessibility_and_core_properties(shipped: Path) -> None:
    path = lg_2025()
    deck = open_pptx(path)
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
    languages = {
        rpr.get("lang")
        for slide in deck.slides
        for rpr in slide.shapes._spTree.iter(f"{A}rPr", f"{A}endParaRPr")
    }
    assert languages == {"sv-SE"}
    core = deck.core_properties
    assert core.title == "Ledningsgruppens handlingsplan 2025"
    assert core.author == "Sjukvårdsregion Mellansverige"
    assert core.language == "sv-SE"
    assert core.created is not None and core.created.date().isoformat() == "2025-01-01"
    assert core.modified == core.created
    with zipfile.ZipFile(path) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
        presentation = package.read("ppt/presentation.xml").decode("utf-8")
    assert "<Application>planverk</Application>" in app and "<Slides>5</Slides>" in app
    assert 'lang="sv-SE"' in presentation


def test_tables_end_above_the_content_bottom(shipped: Path) -> None:
    """The estimate puts every table inside the slide: its rows (the heights the layout
    computed) end above the template's content area, itself inside the slide."""
    for path in (lg_2025(), living()):
        deck = open_pptx(path)
        layout = next(x for x in deck.slide_layouts if x.name == "Rubrik och innehåll")
        body = next(p for p in layout.placeholders if p.placeholder_format.idx == 1)
        bottom = body.top + body.height
        assert bottom <= deck.slide_height
        for slide in deck.slides:
            for frame in tables(slide):
                rows = sum(row.height for row in frame.table.rows)
                assert frame.height == rows
                assert frame.top + rows <= bottom, (slide.shapes.title.text, frame.top + rows)


def test_two_renders_are_byte_identical(shipped: Path) -> None:
    first = lg_2025("-o", "build/a.pptx").read_bytes()
    second = lg_2025("-o", "build/b.pptx").read_bytes()
    assert first == second
    assert living("-o", "build/c.pptx").read_bytes() == living("-o", "build/d.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_living_plan_has_sydostras_headings_and_status_in_words(shipped: Path) -> None:
    deck = open_pptx(living())
    slides = list(deck.slides)
    assert slides[0].shapes.title.text == "Levande handlingsplan för RPO Hjärt- och kärlsjukdomar"
    assert slides[1].shapes.title.text == "Inledning"
    headers = [[c.text for c in frame.table.rows[0].cells] for s in slides for frame in tables(s)]
    assert LIVING_COLUMNS in headers
    statuses = {
        frame.table.cell(r, 4).text
        for s in slides
        for frame in tables(s)
        if [c.text for c in frame.table.rows[0].cells] == LIVING_COLUMNS
        for r in range(1, len(frame.table.rows))
    }
    assert statuses == {"grön", "gul", "röd", "avslutad"}
    text = " ".join(
        c.text for s in slides for f in tables(s) for row in f.table.rows for c in row.cells
    )
    assert "Kvalitetsindikatorer" in text and "Tertial 2" in text and "31 augusti 2025" in text


def test_shipped_powerpointmall_is_current() -> None:
    assert (ROOT / "templates" / "powerpointmall.pptx").read_bytes() == build(), (
        "templates/powerpointmall.pptx is stale: run "
        "`python -m planverk.render.default_powerpointmall templates/powerpointmall.pptx`"
    )


def test_only_handlingsplaner_become_slides(shipped: Path) -> None:
    run = cli("render", "2025", "-f", "pptx")
    assert run.exit_code == 2
    assert "Aktivitetsplan 2025 kan inte skrivas som pptx" in run.stderr
    assert "PowerPoint (pptx) finns för handlingsplaner" in run.stderr
    run = cli("render", "2025", "--kind", "uppfoljning", "-o", "build/u.pptx")
    assert run.exit_code == 2 and "kan inte skrivas som pptx" in run.stderr


# -- the region's Powerpointmall ---------------------------------------------------------


def region_template(path: Path) -> bytes:
    """A region's template: python-pptx's own, 4:3 with English layout names."""
    deck = pptx.Presentation()
    out = io.BytesIO()
    deck.save(out)
    path.write_bytes(out.getvalue())
    return out.getvalue()


def test_powerpointmall_from_project_file_and_option(shipped: Path) -> None:
    region_template(shipped / "regionmall.pptx")
    project = shipped / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "\npowerpointmall: regionmall.pptx\n",
        encoding="utf-8",
    )
    deck = open_pptx(lg_2025())
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    assert {s.slide_layout.name for s in deck.slides} == {"Title Slide", "Title Only"}
    other = shipped / "annan.pptx"
    other.write_bytes(build())
    deck = open_pptx(lg_2025("--powerpointmall", str(other), "-o", "build/annan.pptx"))
    assert deck.slide_width == 12192000


def edit_zip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The zip with entries replaced, added or (None) removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in changes:
                continue
            target.writestr(info, source.read(info.filename))
        for name, blob in changes.items():
            if blob is not None:
                target.writestr(name, blob)
    return out.getvalue()


def entry(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def macro_template() -> bytes:
    """The default template as a .pptm with a VBA project and a ribbon that calls it."""
    data = build()
    types = entry(data, "[Content_Types].xml").replace(
        "presentationml.presentation.main+xml",
        "presentationml.presentation.main+xml-placeholder",
    )
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
        "-placeholder",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ).replace(
        "<Default ",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ',
        1,
    )
    rels = entry(data, "ppt/_rels/presentation.xml.rels").replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/'
        'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    )
    root = entry(data, "_rels/.rels").replace(
        "</Relationships>",
        '<Relationship Id="rId98" Type="http://schemas.microsoft.com/office/2007/'
        'relationships/ui/extensibility" Target="customUI/customUI14.xml"/></Relationships>',
    )
    return edit_zip(
        data,
        {
            "[Content_Types].xml": types.encode(),
            "ppt/_rels/presentation.xml.rels": rels.encode(),
            "_rels/.rels": root.encode(),
            "ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribut VB_Name = Module1 Shell cmd.exe",
            "customUI/customUI14.xml": b'<customUI onLoad="Module1.Boom"/>',
        },
    )


def link_template() -> bytes:
    """The default template whose master links to a web page and to a picture on a server."""
    data = build()
    rels = entry(data, "ppt/slideMasters/_rels/slideMaster1.xml.rels").replace(
        "</Relationships>",
        '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="https://spåra.example.org/klick" '
        'TargetMode="External"/>'
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="http://spåra.example.org/logo.png" '
        'TargetMode="External"/></Relationships>',
    )
    master = entry(data, "ppt/slideMasters/slideMaster1.xml")
    master = master.replace(
        'name="Title Placeholder 1"/>',
        'name="Title Placeholder 1"><a:hlinkClick r:id="rId90"/></p:cNvPr>',
        1,
    )
    picture = (
        '<p:pic><p:nvPicPr><p:cNvPr id="90" name="Logotyp"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:link="rId91"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="100" y="100"/><a:ext cx="100" cy="100"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic></p:spTree>'
    )
    master = master.replace("</p:spTree>", picture, 1)
    assert 'r:id="rId90"' in master
    return edit_zip(
        data,
        {
            "ppt/slideMasters/_rels/slideMaster1.xml.rels": rels.encode(),
            "ppt/slideMasters/slideMaster1.xml": master.encode(),
        },
    )


def test_macros_are_dropped_with_a_warning(shipped: Path) -> None:
    mall = shipped / "regionmall.pptm"
    mall.write_bytes(macro_template())
    before = mall.read_bytes()
    run = cli(
        "render", "2025", "--kind", "handlingsplan", "--powerpointmall", str(mall),
        "-o", "build/makro.pptx",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert "PV404" in run.stderr and "makron" in run.stderr
    data = (shipped / "build" / "makro.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names)
    assert not any("vba" in n.casefold() or "customui" in n.casefold() for n in names)
    assert b"macroEnabled" not in everything and b"vbaProject" not in everything
    assert b"Module1" not in everything and b"extensibility" not in everything
    assert len(open_pptx(shipped / "build" / "makro.pptx").slides) == 5
    assert mall.read_bytes() == before  # the template is never written


def test_external_links_are_dropped_with_a_warning(shipped: Path) -> None:
    mall = shipped / "länkmall.pptx"
    mall.write_bytes(link_template())
    run = cli(
        "render", "2025", "--kind", "handlingsplan", "--powerpointmall", str(mall),
        "-o", "build/länk.pptx",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert "PV405" in run.stderr and "2 externa länkar" in run.stderr
    path = shipped / "build" / "länk.pptx"
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            blob = package.read(name)
            assert b'TargetMode="External"' not in blob, name
            assert "spåra".encode() not in blob, name
    master = open_pptx(path).slide_master._element
    assert master.find(f".//{A}hlinkClick") is None
    assert all(b.get(f"{{{R_NS}}}link") is None for b in master.iter(f"{A}blip"))


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("ppt/presentation.xml", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def many_entries() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for number in range(5001):
            package.writestr(f"ppt/media/bild{number}.png", b"")
    return out.getvalue()


def without_titles() -> bytes:
    deck = pptx.Presentation(io.BytesIO(build()))
    for layout in deck.slide_layouts:
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type in (1, 3):  # TITLE, CENTER_TITLE
                shape._element.getparent().remove(shape._element)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def with_ole_in_master() -> bytes:
    data = build()
    rels = entry(data, "ppt/slideMasters/_rels/slideMaster1.xml.rels").replace(
        "</Relationships>",
        '<Relationship Id="rId80" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/oleObject" Target="../embeddings/oleObject1.bin"/></Relationships>',
    )
    return edit_zip(
        data,
        {
            "ppt/slideMasters/_rels/slideMaster1.xml.rels": rels.encode(),
            "ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 embedded macro document",
        },
    )


def with_dtd() -> bytes:
    data = build()
    types = entry(data, "[Content_Types].xml").replace(
        "?>", '?><!DOCTYPE Types [<!ENTITY lol "lol">]>', 1
    )
    return edit_zip(data, {"[Content_Types].xml": types.encode()})


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("text.pptx", lambda: "Hej, det här är ingen bild.".encode(), "inte en PowerPoint-fil"),
        ("word.pptx", lambda: (ROOT / "templates" / "dokumentmall.docx").read_bytes(), "Word-fil"),
        ("bomb.pptx", bomb, "zipbomb"),
        ("många.pptx", many_entries, "5001 delar"),
        ("rubriklös.pptx", without_titles, "ingen layout med en rubrik"),
        ("dtd.pptx", with_dtd, "innehåller en DTD"),
        ("ole.pptx", with_ole_in_master, "inbäddat objekt"),
    ],
)  # fmt: skip
def test_hostile_powerpointmall_is_a_swedish_error(
    shipped: Path, name: str, make: object, message: str
) -> None:
    mall = shipped / name
    mall.write_bytes(make())  # type: ignore[operator]
    before = mall.read_bytes()
    run = cli("render", "2025", "--kind", "handlingsplan", "-f", "pptx", "--powerpointmall", name)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert message in run.stderr and "Traceback" not in run.stderr
    assert "tips:" in run.stderr
    assert not (shipped / "build" / "handlingsplan-ledningsgruppen-2025.pptx").exists()
    assert mall.read_bytes() == before


def test_never_writes_over_the_powerpointmall(shipped: Path) -> None:
    mall = shipped / "regionmall.pptx"
    data = region_template(mall)
    run = cli("render", "2025", "--kind", "handlingsplan", "--powerpointmall", str(mall),
              "-o", str(mall))  # fmt: skip
    assert run.exit_code == 2 and f"vägrar skriva över {mall}" in run.stderr
    assert mall.read_bytes() == data
    run = cli("render", "2025", "--kind", "handlingsplan", "-o", "templates/powerpointmall.pptx")
    assert run.exit_code == 2 and "mallmappen" in run.stderr
    run = cli(
        "render", "2025", "--kind", "handlingsplan", "-f", "pptx", "--powerpointmall", "saknas.pptx"
    )
    assert run.exit_code == 2 and "powerpointmallen saknas.pptx finns inte" in run.stderr


# -- long texts --------------------------------------------------------------------------

SENTENCES = [
    f"Mening {n} om samverkan mellan regionernas verksamheter och nämnden." for n in range(1, 61)
]


def long_action(shipped: Path) -> None:
    """One action of the 2025 plan gets a text far taller than a slide."""
    plan = shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "Genomföra samverkansövningar och utbildningar inom krisberedskap och förhöjd beredskap."
    assert old in text
    plan.write_text(text.replace(old, " ".join(SENTENCES)), encoding="utf-8")


def test_a_cell_taller_than_a_slide_continues_after_forts(shipped: Path) -> None:
    long_action(shipped)
    run = cli("render", "2025", "--kind", "handlingsplan", "-f", "pptx")
    assert run.exit_code == 0, run.stderr
    assert "PV406" in run.stderr and "(forts.)" in run.stderr
    deck = open_pptx(shipped / "build" / "handlingsplan-ledningsgruppen-2025.pptx")
    titles = [s.shapes.title.text for s in deck.slides]
    assert "Krisberedskap och civilt försvar (forts.)" in titles
    cells = [
        row.cells[4].text for s in deck.slides for f in tables(s) for row in list(f.table.rows)[1:]
    ]
    pieces = [c for c in cells if "Mening" in c]
    assert len(pieces) >= 2
    assert all(p.startswith("(forts.) ") for p in pieces[1:])
    # Cut between sentences, and nothing lost or doubled.
    assert all(p.rstrip().endswith(".") for p in pieces)
    assert " ".join(p.removeprefix("(forts.) ") for p in pieces) == " ".join(SENTENCES)


# -- LibreOffice -------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LibreOffice profile for the module's conversions (a new one costs seconds)."""
    return tmp_path_factory.mktemp("lo-profil")


def to_pdf(path: Path, work: Path, profile: Path) -> Path:
    soffice = need("soffice", "libreoffice")
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
        env={"HOME": str(profile), "PATH": "/usr/bin:/bin"},
    )
    pdf = work / path.with_suffix(".pdf").name
    assert pdf.is_file()
    return pdf


def pdf_info(pdf: Path) -> tuple[int, float, float]:
    need("pdfinfo")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    assert size is not None
    return pages, float(size.group(1)), float(size.group(2))


def pdf_words(pdf: Path) -> list[Word]:
    need("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words: list[Word] = []
    for number, page in enumerate(out.split("<page ")[1:]):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            words.append(Word(number, x0, y0, x1, y1, match.group(5)))
    return words


def pdf_text(pdf: Path) -> str:
    need("pdftotext")
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def assert_laid_out_as_estimated(path: Path, pdf: Path) -> None:
    """One PDF page per slide of the slide's size, and every word LibreOffice drew inside
    the slide and above the bottom of the table (or text box) it belongs to, as estimated."""
    deck = open_pptx(path)
    pages, width, height = pdf_info(pdf)
    assert pages == len(deck.slides)
    assert abs(width - deck.slide_width / PT) < 0.1 and abs(height - deck.slide_height / PT) < 0.1
    words = pdf_words(pdf)
    assert words
    for number, slide in enumerate(deck.slides):
        shapes = sorted((s for s in slide.shapes if not s.is_placeholder), key=lambda s: s.top)
        on_page = [w for w in words if w.page == number]
        for word in on_page:
            assert word.x0 >= 0 and word.x1 <= width + 0.5, word
            assert word.y0 >= 0 and word.y1 <= height + 0.5, word
        for index, shape in enumerate(shapes):
            top = shape.top / PT
            next_top = shapes[index + 1].top / PT if index + 1 < len(shapes) else height + 1
            bottom = (shape.top + shape.height) / PT
            inside = [w for w in on_page if top - 0.5 <= w.y0 < next_top]
            assert inside, (number, shape.name)
            overflow = [w for w in inside if w.y1 > bottom + 0.5]
            assert not overflow, (slide.shapes.title.text, bottom, overflow[:3])


def test_ledningsgruppen_in_libreoffice_has_every_chain_text(
    shipped: Path, tmp_path: Path, lo_profile: Path
) -> None:
    path = lg_2025()
    pdf = to_pdf(path, tmp_path / "lo", lo_profile)
    assert_laid_out_as_estimated(path, pdf)
    text = squash(pdf_text(pdf))
    for expected in chain_texts(shipped):
        assert squash(expected) in text, expected
    assert squash("Ledningsgruppens handlingsplan 2025") in text
    assert squash("ej rapporterad") in text


def test_living_plan_and_a_4_3_template_in_libreoffice(
    shipped: Path, tmp_path: Path, lo_profile: Path
) -> None:
    path = living()
    pdf = to_pdf(path, tmp_path / "levande", lo_profile)
    assert_laid_out_as_estimated(path, pdf)
    text = squash(pdf_text(pdf))
    for word in ("Kvalitetsindikatorer", "grön", "gul", "röd", "avslutad", "patientlöften"):
        assert squash(word) in text, word
    region_template(shipped / "regionmall.pptx")
    path = lg_2025("--powerpointmall", "regionmall.pptx", "-o", "build/region.pptx")
    pdf = to_pdf(path, tmp_path / "region", lo_profile)
    _pages, width, height = pdf_info(pdf)
    assert (round(width), round(height)) == (720, 540)
    assert_laid_out_as_estimated(path, pdf)
    text = squash(pdf_text(pdf))
    # On the narrower 4:3 slides a long cell may continue on the next slide, cut between
    # sentences: each sentence is whole.
    for expected in chain_texts(shipped):
        for sentence in re.split(r"(?<=[.!?])\s+", expected):
            assert squash(sentence) in text, sentence


def test_long_cell_and_linked_template_in_libreoffice(
    shipped: Path, tmp_path: Path, lo_profile: Path
) -> None:
    long_action(shipped)
    (shipped / "länkmall.pptx").write_bytes(link_template())
    path = lg_2025("--powerpointmall", "länkmall.pptx")
    pdf = to_pdf(path, tmp_path / "lång", lo_profile)
    assert_laid_out_as_estimated(path, pdf)
    text = squash(pdf_text(pdf))
    for sentence in SENTENCES:
        assert squash(sentence) in text, sentence


# -- the estimate itself --------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ-.,;:!?()", min_size=1, max_size=30)
PARAS = st.lists(
    st.lists(WORDS, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=6
).map(lambda texts: [Para((Run(t),)) for t in texts])


@settings(max_examples=300, deadline=None)
@given(PARAS, st.floats(40, 400), st.sampled_from([8.0, 11.0, 18.0]), st.floats(0, 600))
def test_split_keeps_every_character_and_the_head_fits(
    paras: list[Para], width: float, size: float, available: float
) -> None:
    box = Box(width, size, 2.0, 5.0)
    parts = split(paras, box, available)
    if parts is None:  # not one line fits
        assert available - box.padding < line_height(size)
        return
    head, tail = parts
    assert head and height(head, box) <= available + 1e-6
    if tail:
        assert tail[0].text.startswith("(forts.) ")

    def joined(items: list[Para]) -> str:
        return "".join("".join(p.text.removeprefix("(forts.) ").split()) for p in items)

    assert joined(head) + joined(tail) == joined(paras)


@settings(max_examples=300, deadline=None)
@given(PARAS, st.floats(20, 400), st.sampled_from([8.0, 11.0]))
def test_wrapped_lines_cover_the_text_and_fit(paras: list[Para], width: float, size: float) -> None:
    for para in paras:
        lines = wrap(para, width, size)
        text = para.text
        assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")
        for a, b in lines:
            # A line fits, unless it is one character wider than the line by itself.
            assert b - a == 1 or text_width(text[a:b], size) <= width + 1e-6


def test_estimate_matches_dejavu_sans_as_libreoffice_sets_it() -> None:
    """pdftotext measured "Nämndens verksamhetsplan" in bold 11 pt as 176.5 pt wide and the
    title "Krisberedskap och civilt försvar" at 28 pt as 439.2 pt: the estimate is at most a
    few percent wider, never narrower."""
    for text, size, bold, drawn in (
        ("Nämndens verksamhetsplan", 11, True, 176.46),
        ("Ledningsgruppens", 11, True, 115.03),
        ("Krisberedskap och civilt försvar", 28, False, 439.22),
    ):
        estimate = text_width(text, size, bold)
        assert drawn <= estimate <= drawn * 1.06, (text, estimate)
