"""The agreement-paragraph style as complete as Mellansverige's: the example in
docs/exempel/avtalsparagrafer validates clean, its documents show every item once, in order,
set as the project file's dokumentstil says (read back with python-docx and pdftotext); the
style changes without code; the cover tells the decision; references to paragraphs and
bullets are checked; `planverk new` rolls the VP and announces the years to rewrite."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from planverk.lint.validate import validate
from planverk.loading.planset import load_plan_dir
from planverk.model.common import Bullet, BulletItem
from planverk.model.verksamhetsplan import Section
from tests.conftest import ROOT, cli
from tests.realclients import need

EXAMPLE = ROOT / "docs" / "exempel" / "avtalsparagrafer"
VP = "plans/verksamhetsplan-2022-2023.yaml"
PROJECT = "plans/planverk.yaml"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "exempel"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.chdir(target)
    return target


def _render(*args: str) -> Path:
    run = cli("render", *args)
    assert run.exit_code == 0, run.stdout + run.stderr
    path = Path(run.stdout.strip().splitlines()[-1])
    assert path.is_file()
    return path


def _texts(paragraph: object) -> str:
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))  # type: ignore[attr-defined]


def _bullet_texts(items: list[BulletItem], depth: int = 0) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, Bullet):
            out.append((depth, item.text))
            out += _bullet_texts(item.bullets, depth + 1)
        else:
            out.append((depth, item))
    return out


def _expected(sections: list[Section]) -> list[tuple[str, str]]:
    """(kind, text) of every item of the VP's paragraphs, in document order."""
    out: list[tuple[str, str]] = []
    for section in sections:
        out.append(("rubrik", f"§ {section.number} {section.heading.upper()}"))
        if section.plan is not None:
            out.append(("planrubrik", "Plan 2022–2023"))
            if section.plan.text:
                out.append(("plantext", " ".join(section.plan.text.split())))
            out += [("punkt", text) for _, text in _bullet_texts(section.plan.bullets)]
        out += _expected(section.sections)
    return out


# -- the example ---------------------------------------------------------------------------


def test_the_example_is_complete_and_validates_without_findings_or_suppressions() -> None:
    result = validate(plan_dir=EXAMPLE / "plans")
    assert result.findings == [], [f"{f.file}:{f.span.line} {f.message}" for f in result.findings]
    for path in EXAMPLE.rglob("*.yaml"):
        assert "planverk: ignore" not in path.read_text(encoding="utf-8"), path
    vp = result.planset.vps[0].plan
    all_sections = [s for top in vp.sections for s in (top, *top.sections)]
    assert len(all_sections) >= 8
    assert any(s.sections for s in vp.sections)  # § 8 > § 8.x
    texts = [s.agreement_text or "" for s in all_sections]
    assert any("\n- Att " in t for t in texts)  # a list in the agreement text
    assert any("\n\n" in t.strip() for t in texts)  # two paragraphs
    assert any("^[" in t for t in texts)  # a footnote on an agreement word
    bullets = [b for s in all_sections if s.plan for b in s.plan.bullets]
    assert any(isinstance(b, Bullet) and b.bullets for b in bullets)  # sub-bullets
    style = result.planset.style
    assert style.plan_text.value == "kursiv" and style.paragraph_headings.value == "versaler"
    ap = result.planset.aps[0].plan
    refs = {
        key
        for area in ap.focus_areas
        for heading in area.headings
        for item in (heading, *heading.activities)
        for key, value in (("paragraf", item.paragraph), ("punkt", item.bullet))
        if value
    }
    assert refs == {"paragraf", "punkt"}
    version_2 = EXAMPLE / "version-2" / "verksamhetsplan-2022-2023.yaml"
    assert version_2.is_file()


def test_the_docx_shows_every_item_once_in_order_with_the_configured_emphasis(
    example: Path,
) -> None:
    path = _render("2022", "--kind", "verksamhetsplan")
    document = docx.Document(str(path))
    vp = load_plan_dir(example / "plans").vps[0].plan
    expected = _expected(vp.sections)

    found: list[tuple[str, str]] = []
    started = False
    for paragraph in document.paragraphs:
        style, text = paragraph.style.name, _texts(paragraph)
        if style.startswith("Heading") and text.startswith("§ "):
            started = True
            found.append(("rubrik", text))
        elif not started:
            continue
        elif style.startswith("Heading"):
            found.append(("planrubrik", text))
        elif style.startswith("List Bullet"):
            runs = [r for r in paragraph.runs if r.text.strip()]
            italic = all(r.italic for r in runs)
            is_plan = any(text == t for kind, t in expected if kind == "punkt")
            if is_plan:
                found.append(("punkt", text))
                assert italic, f"a plan bullet in italics: {text}"
            else:
                assert not any(r.italic for r in runs), f"agreement text not italic: {text}"
        elif style == "Normal" and text:
            runs = [r for r in paragraph.runs if r.text.strip()]
            if all(r.italic for r in runs):
                found.append(("plantext", text))
            else:
                assert not any(r.italic for r in runs), text
    assert found == expected  # every item once, in order

    body = [(p.style.name, _texts(p)) for p in document.paragraphs]
    # Agreement text: two paragraphs of § 3, the five goals of § 4 as a list, in roman.
    goals = [t for s, t in body if s == "List Bullet" and t.startswith("Att ")]
    assert len(goals) == 5
    assert any(t.startswith("Regionerna samverkar genom") for s, t in body if s == "Normal")
    assert any(t.startswith("Nämnden bereder frågor") for s, t in body if s == "Normal")
    assert any(s == "List Bullet 2" for s, _ in body)  # sub-bullets
    # The footnote sits on the agreement's word "jämlik", as a real Word footnote.
    purpose = next(p for p in document.paragraphs if _texts(p).startswith("Syftet med avtalet"))
    runs = list(purpose._p.iter(qn("w:r")))
    note = next(i for i, r in enumerate(runs) if r.find(qn("w:footnoteReference")) is not None)
    before = "".join(t.text or "" for r in runs[:note] for t in r.iter(qn("w:t")))
    assert before.endswith("jämlik")
    with zipfile.ZipFile(path) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    soft = '</w:t><w:softHyphen/><w:t xml:space="preserve">'  # planverk's hyphenation points
    notes = notes.replace(soft, "")
    assert "Med jämlik vård avses i avtalet" in notes
    assert "Programområdena följer indelningen i NPO." in notes


def test_the_pdf_shows_every_item_once_in_order(example: Path) -> None:
    need("soffice", "libreoffice")
    pdftotext = need("pdftotext")
    path = _render("2022", "--kind", "verksamhetsplan", "-f", "pdf")
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Compared without spaces and hyphens: LibreOffice hyphenates long Swedish words.
    flat = _squash(text)
    vp = load_plan_dir(example / "plans").vps[0].plan
    position = flat.index(_squash("Inledning Verksamhetsplanen följer"))  # after the contents
    body = flat[position:]
    for kind, item in _expected(vp.sections):
        words = _squash(item)
        if kind != "planrubrik":
            assert body.count(words) == 1, item
        found = flat.find(words, position)
        assert found >= 0, f"{item!r} in order"
        position = found + len(words)


def _squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\uf0b7•]", "", text)


def test_html_and_md_show_the_same_emphasis(example: Path) -> None:
    html = _render("2022", "--kind", "verksamhetsplan", "-f", "html").read_text("utf-8")
    assert "<li>\n<em>Kartlägga bristyrkena i alla tre regioner.</em>\n</li>" in html
    assert "<li>\nAtt invånarna får tillgång till en jämlik vård av god kvalitet.\n</li>" in html
    assert '<section class="fotnoter"' in html and "Med jämlik vård avses" in html
    md = _render("2022", "--kind", "verksamhetsplan", "-f", "md").read_text("utf-8")
    assert "- *Kartlägga bristyrkena i alla tre regioner.*" in md
    assert "jämlik^[Med jämlik vård avses i avtalet" in md
    assert "# § 8 SAMVERKANSOMRÅDEN" in md and "## § 8.1 HÖGSPECIALISERAD VÅRD" in md


def test_the_style_changes_without_code(example: Path) -> None:
    project = example / PROJECT
    text = project.read_text(encoding="utf-8")
    start = text.index("dokumentstil:")
    project.write_text(
        text[:start]
        + "dokumentstil:\n  avtalstext: citat\n  plantext: fet\n"
        + "  paragrafnummer: '{nummer}.'\n  planrubriker: dölj\n  förslag: Utkast\n",
        encoding="utf-8",
    )
    assert cli("validate").exit_code == 0
    document = docx.Document(str(_render("2022", "--kind", "verksamhetsplan")))
    body = [(p.style.name, _texts(p), p) for p in document.paragraphs]
    headings = [t for s, t, _ in body if s.startswith("Heading")]
    assert "8.1. Högspecialiserad vård" in headings  # as written, numbered "8.1."
    assert "Plan 2022–2023" not in headings
    quotes = [t for s, t, _ in body if s == "Quote"]
    assert any(t.startswith("Syftet med avtalet") for t in quotes)
    # The agreement's own list keeps the quote's look, with its bullets.
    goals = [s for s, t, _ in body if t.startswith("Att ")]
    assert goals == ["Citatlista"] * 5
    bullet = next(p for s, t, p in body if t == "Kartlägga bristyrkena i alla tre regioner.")
    assert all(r.bold for r in bullet.runs if r.text.strip())
    assert not any(r.italic for r in bullet.runs)
    ap = docx.Document(str(_render("2022")))
    assert "Utkast" in [_texts(p) for p in ap.paragraphs]


def test_a_bad_style_value_is_a_finding_with_a_hint(example: Path) -> None:
    project = example / PROJECT
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("plantext: kursiv", "plantext: kursivt"), encoding="utf-8")
    run = cli("validate")
    assert run.exit_code == 1
    assert "PV012 fel" in run.stdout and "Menade du 'kursiv'?" in run.stdout


# -- the cover: decision, regions, draft, reconstructions -----------------------------------


def _header_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if n.startswith("word/header")]
        return [package.read(n).decode("utf-8") for n in names]


def test_the_cover_tells_the_decision_and_the_regions(example: Path) -> None:
    path = _render("2022", "--kind", "verksamhetsplan")
    texts = [_texts(p) for p in docx.Document(str(path)).paragraphs[:8]]
    assert (
        "Beslutad av Regionsjukvårdsnämnden den 25 november 2021, § 34, diarienummer "
        "RSVN 2021/17." in texts
    )
    assert "Sjukvårdsregionens regioner: Region Norr, Region Mitt och Region Syd." in texts
    assert "Förslag" not in texts
    assert not any("Förslag" in header for header in _header_texts(path))


def test_a_plan_without_a_decision_says_forslag_on_the_cover_and_in_the_header(
    example: Path,
) -> None:
    path = _render("2022")  # the aktivitetsplan has no beslut
    document = docx.Document(str(path))
    assert "Förslag" in [_texts(p) for p in document.paragraphs[:5]]
    assert any("– Förslag" in header for header in _header_texts(path))


def test_the_reconstructions_say_so_in_the_document(shipped: Path) -> None:
    ap = docx.Document(str(_render("2024")))
    assert any(_texts(p).startswith("Illustrativ rekonstruktion") for p in ap.paragraphs[:10])
    living = docx.Document(
        str(_render("--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl-levande"))
    )
    assert any(_texts(p).startswith("Illustrativ rekonstruktion") for p in living.paragraphs)
    decided = docx.Document(str(_render("2025")))
    assert not any("rekonstruktion" in _texts(p) for p in decided.paragraphs)


# -- references into the paragraph style ----------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_wrong_paragraph_number_is_pv101_with_a_hint(example: Path) -> None:
    _edit(example / "plans/aktivitetsplan-2022.yaml", 'paragraf: "8.1"', 'paragraf: "8.9"')
    run = cli("validate")
    assert run.exit_code == 1
    assert "PV101 fel: paragrafen '8.9' finns inte i Verksamhetsplan 2022–2023" in run.stdout
    assert "Menade du '8.1' (§ 8.1 Högspecialiserad vård)?" in run.stdout


def test_a_wrong_bullet_id_is_pv101_with_a_hint(example: Path) -> None:
    _edit(example / "plans/aktivitetsplan-2022.yaml", "punkt: bristyrken", "punkt: bristyrke")
    run = cli("validate")
    assert "PV101 fel: punkten 'bristyrke' finns inte" in run.stdout
    assert "Menade du 'bristyrken' (Kartlägga bristyrkena i alla tre regioner.)?" in run.stdout


def test_an_action_may_serve_a_paragraph_or_a_bullet(example: Path) -> None:
    hp = example / "plans" / "handlingsplaner" / "2022" / "rsl.yaml"
    hp.parent.mkdir(parents=True)
    hp.write_text(
        "typ: handlingsplan\nid: rsl-2022\ntitel: Regionsjukvårdsledningens handlingsplan 2022\n"
        "ägare: rsl\når: 2022\nbeslut:\n  beslutad-av: rsl\n  datum: 2022-01-20\n"
        "åtgärder:\n"
        "  - id: mall\n    punkt: nhv-uppdrag\n    text: Ta fram mallen för ansökningarna.\n"
        "  - id: läkemedel\n    paragraf: § 8.4\n    text: Kartlägga forskningssamarbetet.\n"
        "  - id: fel\n    paragraf: '9'\n    text: Något som inte finns.\n",
        encoding="utf-8",
    )
    run = cli("validate")
    assert run.exit_code == 1
    assert run.stdout.count("PV102 fel") == 1
    assert "paragrafen '9' finns inte i Verksamhetsplan 2022–2023" in run.stdout
    hp.write_text(hp.read_text(encoding="utf-8").split("  - id: fel")[0], encoding="utf-8")
    assert cli("validate").exit_code == 0
    md = _render("2022", "--kind", "handlingsplan", "-f", "md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "Ta fram mallen" in line)
    # The chain: the top paragraph, the paragraph, the bullet the action serves.
    assert "§ 8 SAMVERKANSOMRÅDEN" in row and "§ 8.1 HÖGSPECIALISERAD VÅRD" in row
    assert "Samordna ansökningarna om uppdrag inom NHV." in row


def test_an_activity_serving_two_things_is_pv105(example: Path) -> None:
    _edit(
        example / "plans/aktivitetsplan-2022.yaml",
        "            punkt: inventera-vård\n",
        "            punkt: inventera-vård\n            mål: något\n",
    )
    run = cli("validate")
    assert "PV105 fel: aktiviteten 'inventera-vård' pekar på både" in run.stdout


def test_the_ap_document_shows_what_each_rubrik_and_activity_serves(example: Path) -> None:
    document = docx.Document(str(_render("2022")))
    texts = [_texts(p) for p in document.paragraphs]
    assert "Tjänar § 8.1 HÖGSPECIALISERAD VÅRD i verksamhetsplanen." in texts
    assert (
        "Bilda de regionala programområdena och samverkansgruppen för läkemedel. "
        "(§ 5: Följande grupper ska bildas)" in texts
    )
    assert "Kartlägga bristyrkena i alla tre regioner. (punkt i § 8.3)" in texts


def test_diff_follows_a_renumbered_paragraph_that_activities_point_at(example: Path) -> None:
    from tests.test_diff_cli import commit_all

    need("git")
    commit_all(example)
    vp = example / VP
    text = vp.read_text(encoding="utf-8")
    vp.write_text(text.replace('        nummer: "8.2"', '        nummer: "8.7"'), encoding="utf-8")
    _edit(example / "plans/aktivitetsplan-2022.yaml", 'paragraf: "8.2"', 'paragraf: "8.7"')
    assert cli("validate").exit_code == 0
    vp_diff = cli("diff", "2022-2023", "--kind", "verksamhetsplan", "--since", "HEAD").stdout
    assert "1 omnumrerat" in vp_diff.splitlines()[1] or "omnumrerad" in vp_diff.splitlines()[0]
    ap_diff = cli("diff", "2022", "--since", "HEAD").stdout
    assert ap_diff.splitlines()[0].endswith("inga ändringar")  # the activities follow


# -- planverk new ---------------------------------------------------------------------------


def test_new_rolls_the_example_vp_and_validate_shows_only_the_announced_years(
    example: Path,
) -> None:
    run = cli("new", "2024-2025", "--from", "2022-2023", "--kind", "verksamhetsplan")
    assert run.exit_code == 0, run.stdout + run.stderr
    new_file = "plans/verksamhetsplan-2024-2025.yaml"
    assert f"skrev {new_file} ur {VP}" in run.stdout
    announced = {
        line.split(": PV331")[0] for line in run.stdout.splitlines() if ": PV331 varning" in line
    }
    assert len(announced) == 4
    assert "4 texter nämner ett år i den förra perioden" in run.stdout

    result = validate()
    found = {f"{f.file}:{f.span.line}:{f.span.column}" for f in result.findings}
    assert found == announced
    assert {f.code for f in result.findings} == {"PV331"}
    planset = result.planset
    new = next(v for v in planset.vps if v.plan.id == "vp-2024-2025").plan
    old = next(v for v in planset.vps if v.plan.id == "vp-2022-2023").plan
    assert new.title == "Verksamhetsplan 2024–2025" and new.decision is None
    assert (new.period.start, new.period.end) == (2024, 2025)
    assert new.sections == old.sections  # every paragraph, text and id as it was
    text = Path(new_file).read_text(encoding="utf-8")
    old_comments = [c for c in Path(VP).read_text("utf-8").splitlines() if c.startswith("#")]
    assert all(c in text.splitlines() for c in old_comments)
    # A second run writes nothing over the new plan.
    again = cli("new", "2024-2025", "--from", "2022-2023")
    assert again.exit_code == 2 and "det finns redan en verksamhetsplan för 2024–2025" in (
        again.stderr
    )


def test_new_for_the_next_period_without_from_and_its_mistakes(example: Path) -> None:
    dry = cli("new", "2024-2025", "--dry-run")
    assert dry.exit_code == 0 and "skulle skriva plans/verksamhetsplan-2024-2025.yaml" in (
        dry.stdout
    )
    assert not Path("plans/verksamhetsplan-2024-2025.yaml").exists()
    wrong = cli("new", "2024", "--kind", "verksamhetsplan")
    assert wrong.exit_code == 2 and "en verksamhetsplan gäller en period" in wrong.stderr
    missing = cli("new", "2030-2031")
    assert missing.exit_code == 2 and "ingen verksamhetsplan slutar 2029" in missing.stderr
    backwards = cli("new", "2025-2024")
    assert backwards.exit_code == 2 and "baklänges" in backwards.stderr


def test_carrying_the_ap_into_a_new_year_announces_the_old_year(example: Path) -> None:
    run = cli("new", "2023", "--from", "2022", "--kind", "aktivitetsplan")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "plans/aktivitetsplan-2023.yaml:" in run.stdout
    assert "PV331 varning: texten nämner 2022, som hör till förra året (2022)" in run.stdout
    assert Path("plans/aktivitetsplan-2023.yaml").is_file()
    assert not list(Path("plans").rglob("handlingsplaner"))  # only the AP was asked for


def test_the_follow_up_groups_actions_by_the_paragraph_they_serve(example: Path) -> None:
    hp = example / "plans" / "handlingsplaner" / "2022" / "rsl.yaml"
    hp.parent.mkdir(parents=True)
    hp.write_text(
        "typ: handlingsplan\nid: rsl-2022\ntitel: Regionsjukvårdsledningens handlingsplan 2022\n"
        "ägare: rsl\når: 2022\nåtgärder:\n"
        "  - id: mall\n    aktivitet: inventera-vård\n    text: Ta fram mallen.\n"
        "    status: grön\n"
        "  - id: grupper\n    punkt: nya-grupper\n    text: Bilda grupperna.\n    status: gul\n"
        "    kommentar: Två grupper saknar ordförande.\n",
        encoding="utf-8",
    )
    run = cli("status", "2022")
    assert run.exit_code == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith("§ 5 Ledning och organisation") for line in lines)
    assert any(line.startswith("§ 8 Samverkansområden") for line in lines)


def test_new_for_the_handlingsplaner_only(shipped: Path) -> None:
    first = cli("new", "2026", "--kind", "handlingsplan")
    assert first.exit_code == 2
    assert "det finns ingen aktivitetsplan för 2026 som åtgärderna kan peka på" in first.stderr
    assert cli("new", "2026", "--kind", "aktivitetsplan").exit_code == 0
    assert not Path("plans/handlingsplaner/2026").exists()
    run = cli("new", "2026", "--kind", "handlingsplan")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "De nya planerna validerar utan anmärkningar (1 fil)." in run.stdout
    assert Path("plans/handlingsplaner/2026/ledningsgruppen.yaml").is_file()
    assert "kopieras inte: rpo-hjärta-kärl-levande" in run.stdout


def test_the_website_shows_the_markup_as_html(example: Path) -> None:
    from planverk.web import SiteRequest, build_site

    folder = example / "build" / "webb"
    build_site(example / "plans", SiteRequest(output=folder, pdf=False))
    page = (folder / "avsnitt" / "vp-2022-2023" / "4.html").read_text(encoding="utf-8")
    assert page.count("<li>Att ") == 5  # the agreement's list of goals is a list
    purpose = (folder / "avsnitt" / "vp-2022-2023" / "2.html").read_text(encoding="utf-8")
    assert 'jämlik <small class="fotnot">(Fotnot: Med jämlik vård avses' in purpose
    assert not [p for p in folder.rglob("*.html") if "^[" in p.read_text(encoding="utf-8")]
