"""`planverk diff --format docx`: the newer plan with Word's tracked changes.

Checked twice: with python-docx (the w:ins / w:del runs hold exactly the inserted and
deleted words) and with LibreOffice headless (accept all gives the newer document as
`planverk render` makes it, reject all the older).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from planverk.loading.planset import PlanSet, load_plan_dir
from planverk.render import Kind, render_target, select
from tests.conftest import cli
from tests.realclients import SYSTEM_PYTHON, need, need_uno
from tests.test_diff_cli import commit_all, edit, needs_git


def revisions(path: Path) -> tuple[list[str], list[str], list[object]]:
    """Texts of the w:ins and w:del elements in the body, and the elements themselves."""
    body = Document(str(path)).element.body
    inserted = ["".join(t.text or "" for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    deleted = [
        "".join(t.text or "" for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))
    ]
    marks = [*body.iter(qn("w:ins")), *body.iter(qn("w:del"))]
    return inserted, deleted, marks


# -- python-docx ---------------------------------------------------------------------------


@needs_git
def test_one_word_changed_is_one_deleted_and_one_inserted_run(minimal: Path) -> None:
    commit_all(minimal)
    edit(
        minimal / "plans" / "aktivitetsplan-2025.yaml",
        "text: Stödja omställningen",
        "text: Främja omställningen",
    )

    run = cli("diff", "2025", "--since", "HEAD", "--format", "docx", "--output", "ändrad.docx")

    assert run.exit_code == 0, run.stderr
    inserted, deleted, marks = revisions(minimal / "ändrad.docx")
    assert inserted == ["Främja"]
    assert deleted == ["Stödja"]
    assert {m.get(qn("w:author")) for m in marks} == {"planverk"}
    assert {m.get(qn("w:date")) for m in marks} == {"2025-01-01T00:00:00Z"}
    # The rest of the activity is plain text around the change, in its list paragraph
    # (python-docx's Paragraph.text skips runs inside w:ins, so read the w:t elements).
    paragraph = next(
        p for p in Document(str(minimal / "ändrad.docx")).paragraphs if "omställningen" in p.text
    )
    assert "".join(t.text or "" for t in paragraph._p.iter(qn("w:t"))) == (
        "Främja omställningen till Nära vård."
    )
    assert paragraph.style.name == "List Bullet"


@needs_git
def test_author_and_date_can_be_set(minimal: Path) -> None:
    commit_all(minimal)
    edit(
        minimal / "plans" / "aktivitetsplan-2025.yaml",
        "text: Stödja omställningen",
        "text: Främja omställningen",
    )
    run = cli(
        "diff", "2025", "--since", "HEAD", "--format", "docx", "-o", "x.docx",
        "--författare", "Kansliet", "--datum", "2024-11-05",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    _, _, marks = revisions(minimal / "x.docx")
    assert {m.get(qn("w:author")) for m in marks} == {"Kansliet"}
    assert {m.get(qn("w:date")) for m in marks} == {"2024-11-05T00:00:00Z"}


def test_2024_to_2025_tracked_in_the_rendered_document(shipped: Path) -> None:
    run = cli("diff", "2024", "2025", "--format", "docx")
    assert run.exit_code == 0, run.stderr
    path = shipped / "build" / "aktivitetsplan-2025-ändringsmarkerad.docx"
    inserted, deleted, marks = revisions(path)
    texts_in = [t for t in inserted if t]
    assert "och implementeringen " in texts_in
    nspl = (
        "Bidra till en god samverkan i Nationell samordning och planering, NSPL, regionernas "
        "samverkan inför och under höjd beredskap och krig."
    )
    assert nspl in texts_in
    assert "Främja donationsverksamhet inom regionerna." in texts_in
    assert "Underlätta samverkan för att förebygga och bekämpa välfärdsbrott." in texts_in
    # Moved: deleted under Produktionssamverkan, inserted under its own rubrik.
    assert "Stödja omställningen till Nära vård." in deleted
    assert "Stödja omställningen till Nära vård." in texts_in
    assert "Omställning till Nära vård" in texts_in
    # The year in the title is a word change, so "reject all" gives "Aktivitetsplan 2024".
    title = Document(str(path)).paragraphs[0]._p
    assert [t.text for t in title.iter(qn("w:delText"))] == ["2024"]
    assert [t.text for t in title.iter(qn("w:t"))] == ["Aktivitetsplan ", "2025"]
    assert all(m.get(qn("w:author")) == "planverk" for m in marks)
    assert {m.get(qn("w:date")) for m in marks} == {"2025-01-01T00:00:00Z"}
    # Whole inserted and deleted paragraphs carry the paragraph-mark revision too.
    document = Document(str(path))
    for paragraph in document.paragraphs:
        ppr = paragraph._p.pPr
        mark = ppr.find(qn("w:rPr")) if ppr is not None else None
        if paragraph.text == "Främja donationsverksamhet inom regionerna.":
            assert mark is not None and mark.find(qn("w:ins")) is not None
    deleted_marks = [
        mark
        for mark in document.element.body.findall(f".//{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}")
        if not mark.getparent().getparent().find(qn("w:pStyle")).get(qn("w:val")).startswith("TOC")
    ]
    # The Nära vård activity at its old place, and the note on the 2024 cover that the plan
    # is a reconstruction (TOC entries aside).
    assert len(deleted_marks) == 2
    # Same look as `planverk render`: the newer document's styles and section.
    assert {p.style.name for p in document.paragraphs} >= {
        "Title",
        "Heading 1",
        "Heading 2",
        "List Bullet",
    }


@needs_git
def test_table_rows_inserted_and_deleted(shipped: Path) -> None:
    commit_all(shipped)
    living = shipped / "plans" / "handlingsplaner" / "levande" / "rpo-hjärta-kärl.yaml"
    text = living.read_text(encoding="utf-8")
    start = text.index("  - id: digital-hjärtrehabilitering")
    living.write_text(
        text[:start] + "  - id: ny-åtgärd\n    mål: kunskapsstyrning\n    text: Införa en gemensam "
        "uppföljning av hjärtsvikt.\n    status: grön\n    uppföljning:\n"
        "      metod: Tertialvis uppföljning.\n      kvalitetsindikatorer:\n"
        "        - Andel patienter med uppföljning.\n      mål: Alla regioner följer upp.\n",
        encoding="utf-8",
    )
    run = cli(
        "diff",
        "levande",
        "--since",
        "HEAD",
        "--kind",
        "handlingsplan",
        "--format",
        "docx",
        "-o",
        "hp.docx",
    )
    assert run.exit_code == 0, run.stderr
    body = Document(str(shipped / "hp.docx")).element.body
    actions = body.find(qn("w:tbl"))  # the table of actions, one row per action
    row_ins = actions.findall(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:ins')}")
    row_del = actions.findall(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:del')}")
    assert len(row_ins) == 1 and len(row_del) == 1
    # The removed action's own report table goes with it, every row marked deleted.
    all_del = body.findall(f".//{qn('w:tr')}/{qn('w:trPr')}/{qn('w:del')}")
    assert len(all_del) == 1 + 3
    inserted_row = row_ins[0].getparent().getparent()
    assert "Införa en gemensam uppföljning av hjärtsvikt." in "".join(
        t.text or "" for t in inserted_row.iter(qn("w:t"))
    )
    deleted_row = row_del[0].getparent().getparent()
    assert "Pröva digital hjärtrehabilitering" in "".join(
        t.text or "" for t in deleted_row.iter(qn("w:delText"))
    )


def test_docx_is_reproducible(shipped: Path) -> None:
    assert cli("diff", "2024", "2025", "--format", "docx", "-o", "a.docx").exit_code == 0
    assert cli("diff", "2024", "2025", "--format", "docx", "-o", "b.docx").exit_code == 0
    assert (shipped / "a.docx").read_bytes() == (shipped / "b.docx").read_bytes()


def test_several_handlingsplaner_are_refused_for_docx(shipped: Path) -> None:
    plans = shipped / "plans" / "handlingsplaner" / "2025"
    extra = (plans / "ledningsgruppen.yaml").read_text(encoding="utf-8")
    (plans / "andra.yaml").write_text(
        extra.replace("id: ledningsgruppen-2025", "id: andra-2025"), encoding="utf-8"
    )
    run = cli("diff", "2025", "2025", "--kind", "handlingsplan", "--format", "docx")
    assert run.exit_code == 2
    assert "visar en plan i taget" in run.stderr


# -- LibreOffice: accept all and reject all ------------------------------------------------

LO_SCRIPT = r"""
import json, os, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

pipe, jobs_file = sys.argv[1], sys.argv[2]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local
)
ctx = None
for _ in range(600):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        break
    except Exception:
        time.sleep(0.2)
if ctx is None:
    sys.exit("LibreOffice svarade inte")
smgr = ctx.ServiceManager
desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
counts = []
for source, command, target in json.load(open(jobs_file)):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),)
    )
    enum = doc.getRedlines().createEnumeration()
    count = 0
    while enum.hasMoreElements():
        enum.nextElement()
        count += 1
    counts.append(count)
    if command:
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
    text_filter = (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8"))
    doc.storeToURL(uno.systemPathToFileUrl(target), text_filter)
    headers = []
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in sorted(styles.getElementNames()):
        style = styles.getByName(name)
        if style.HeaderIsOn and style.isInUse():
            headers.append(style.HeaderText.getString())
    with open(target + ".sidhuvud", "w", encoding="utf-8") as out:
        json.dump(headers, out)
    doc.close(True)
print(json.dumps(counts))
sys.stdout.flush()
os._exit(0)  # the test ends LibreOffice; tearing the bridge down here can crash the client
"""


def _libreoffice() -> str:
    need_uno()
    return need("soffice", "libreoffice")


def libreoffice_texts(
    work: Path, jobs: list[tuple[Path, str | None]]
) -> tuple[list[str], list[int]]:
    """Open each document in LibreOffice, accept or reject all changes (or neither), save as
    text; the texts and the number of tracked changes LibreOffice saw in each."""
    soffice = _libreoffice()
    pipe = f"planverk_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    outputs = [work / f"lo-{n}.txt" for n in range(len(jobs))]
    jobs_file = work / "lo-jobs.json"
    jobs_file.write_text(
        json.dumps(
            [[str(src), cmd, str(out)] for (src, cmd), out in zip(jobs, outputs, strict=True)]
        ),
        encoding="utf-8",
    )
    script = work / "lo_tracked.py"
    script.write_text(LO_SCRIPT, encoding="utf-8")
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'lo-profil').as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        done = subprocess.run(
            [SYSTEM_PYTHON, str(script), pipe, str(jobs_file)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        counts = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        office.terminate()  # the soffice process this test started, by its own handle
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait(timeout=30)
    texts = []
    for out in outputs:
        headers = json.loads(Path(f"{out}.sidhuvud").read_text(encoding="utf-8"))
        lines = [f"sidhuvud: {header}" for header in headers]
        text = out.read_text(encoding="utf-8-sig").replace("\u00ad", "")  # soft hyphens
        texts.append("\n".join([*lines, text]))
    return texts, counts


def body(text: str) -> list[str]:
    """The document's lines: the running header's text first, the table of contents (each
    entry with its page number), the body."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def toc(text: str) -> list[str]:
    """The table of contents' lines: heading, tab, page number."""
    return [line.strip() for line in text.splitlines() if re.search(r"\S\t\d+$", line)]


def header(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("sidhuvud: ")]


def rendered(
    planset: PlanSet, kind: Kind, year: int | None, plan_id: str | None, path: Path
) -> Path:
    target = select(planset, kind, year, plan_id)[0]
    path.write_bytes(render_target(planset, target, "docx").data)
    return path


def _accept_reject(
    work: Path, tracked: Path, newer: Path, older: Path, *, with_toc: bool = True
) -> None:
    texts, counts = libreoffice_texts(
        work,
        [
            (tracked, ".uno:AcceptAllTrackedChanges"),
            (tracked, ".uno:RejectAllTrackedChanges"),
            (newer, None),
            (older, None),
        ],
    )
    accepted, rejected, new_text, old_text = texts
    assert counts[0] > 0, "LibreOffice saw no tracked changes"
    assert counts[2] == counts[3] == 0
    assert header(new_text), "the renders have a running header"
    assert bool(toc(new_text)) is with_toc and bool(toc(old_text)) is with_toc
    assert toc(accepted) == toc(new_text)
    assert toc(rejected) == toc(old_text)
    assert header(accepted) == header(new_text)
    assert header(rejected) == header(old_text)
    assert body(accepted) == body(new_text)
    assert body(rejected) == body(old_text)


def test_libreoffice_accept_all_gives_2025_and_reject_all_2024(shipped: Path) -> None:
    _libreoffice()
    assert cli("diff", "2024", "2025", "--format", "docx", "-o", "spårad.docx").exit_code == 0
    planset = load_plan_dir(shipped / "plans")
    newer = rendered(planset, Kind.AKTIVITETSPLAN, 2025, None, shipped / "ap2025.docx")
    older = rendered(planset, Kind.AKTIVITETSPLAN, 2024, None, shipped / "ap2024.docx")
    texts, _ = libreoffice_texts(
        shipped,
        [(shipped / "spårad.docx", ".uno:AcceptAllTrackedChanges"),
         (shipped / "spårad.docx", ".uno:RejectAllTrackedChanges")],
    )  # fmt: skip
    accepted, rejected = (body(t) for t in texts)
    activities = {
        ap.plan.year: [
            a.text for f in ap.plan.focus_areas for h in f.headings for a in h.activities
        ]
        for ap in planset.aps
    }
    bullets_accepted = [
        line.lstrip().removeprefix("•").strip() for line in accepted if line[:1] == " "
    ]
    bullets_rejected = [
        line.lstrip().removeprefix("•").strip() for line in rejected if line[:1] == " "
    ]
    # The activities, in order, exactly as each plan has them (after the strategic bullets).
    assert bullets_accepted[-len(activities[2025]) :] == activities[2025]
    assert bullets_rejected[-len(activities[2024]) :] == activities[2024]
    # Neither plan is decided: the header says so after the title.
    assert accepted[:2] == ["sidhuvud: Aktivitetsplan 2025 – Förslag", "Aktivitetsplan 2025"]
    assert rejected[:2] == ["sidhuvud: Aktivitetsplan 2024 – Förslag", "Aktivitetsplan 2024"]
    assert any(line.startswith("Donationsverksamhet\t") for line in toc("\n".join(accepted)))
    assert not any(line.startswith("Donationsverksamhet") for line in toc("\n".join(rejected)))
    _accept_reject(shipped, shipped / "spårad.docx", newer, older)


def test_libreoffice_verksamhetsplan_periods(shipped: Path) -> None:
    _libreoffice()
    run = cli(
        "diff",
        "2021-2024",
        "2025-2028",
        "--kind",
        "verksamhetsplan",
        "--format",
        "docx",
        "-o",
        "vp.docx",
    )
    assert run.exit_code == 0, run.stderr
    planset = load_plan_dir(shipped / "plans")
    newer = rendered(planset, Kind.VERKSAMHETSPLAN, None, "vp-2025-2028", shipped / "new.docx")
    older = rendered(planset, Kind.VERKSAMHETSPLAN, None, "vp-2021-2024", shipped / "old.docx")
    _accept_reject(shipped, shipped / "vp.docx", newer, older)


@needs_git
def test_libreoffice_handlingsplan_table(shipped: Path) -> None:
    _libreoffice()
    commit_all(shipped)
    older = rendered(
        load_plan_dir(shipped / "plans"),
        Kind.HANDLINGSPLAN,
        None,
        "rpo-hjärta-kärl-levande",
        shipped / "old.docx",
    )
    living = shipped / "plans" / "handlingsplaner" / "levande" / "rpo-hjärta-kärl.yaml"
    edit(living, "    status: gul\n", "    status: röd\n")
    edit(
        living,
        "Införa vårdförloppet för nyupptäckt hjärtsvikt",
        "Införa det nationella vårdförloppet för nyupptäckt hjärtsvikt",
    )
    text = living.read_text(encoding="utf-8")
    start = text.index("  - id: aortaklaff-arbetsfördelning")
    end = text.index("  - id: digital-hjärtrehabilitering")
    living.write_text(text[:start] + text[end:], encoding="utf-8")
    run = cli(
        "diff",
        "levande",
        "--since",
        "HEAD",
        "--kind",
        "handlingsplan",
        "--format",
        "docx",
        "-o",
        "hp.docx",
    )
    assert run.exit_code == 0, run.stderr
    newer = rendered(
        load_plan_dir(shipped / "plans"),
        Kind.HANDLINGSPLAN,
        None,
        "rpo-hjärta-kärl-levande",
        shipped / "new.docx",
    )
    _accept_reject(shipped, shipped / "hp.docx", newer, older, with_toc=False)
