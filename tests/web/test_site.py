"""`planverk webb`: the pages it writes, read back as HTML (the browser tests are in
test_browser.py, the Nu HTML checker in test_vnu.py)."""

from __future__ import annotations

import hashlib
import itertools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import pytest

from planverk.loading.planset import load_plan_dir
from planverk.model import walk
from planverk.web import SiteRequest, build_site
from planverk.web.paths import Addresses, relative, root_of, slug
from tests.conftest import ROOT, cli
from tests.web.conftest import REWORDED, Site, git


class Page(HTMLParser):
    """What a test reads of a page: its language, headings, links, ids, scripts, text."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.lang: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self.text: list[str] = []
        self._heading: int | None = None
        self._heading_text: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script":
            self.scripts += 1
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag in ("a", "link") and values.get("href"):
            self.links.append(str(values["href"]))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._heading_text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading_text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def page(site: Site, address: str) -> Page:
    return Page(site.folder / address)


# -- what is on the site -------------------------------------------------------------------


def test_a_page_for_every_plan_goal_activity_action_and_organ(shipped_site: Site) -> None:
    planset = load_plan_dir(shipped_site.project / "plans")
    folder = shipped_site.folder
    for name in ("index.html", "planer.html", "status/index.html", "historik.html"):
        assert (folder / name).is_file(), name
    assert (folder / "nytt.html").is_file() and (folder / "andringar.html").is_file()
    for vp in planset.vps:
        assert (folder / "verksamhetsplaner" / f"{slug(vp.plan.id)}.html").is_file()
        for at in walk.goals(vp.plan):
            goal = folder / "mal" / slug(vp.plan.id) / f"{slug(at.goal.id)}.html"
            assert at.goal.heading in Page(goal).words
    for ap in planset.aps:
        for activity in walk.activities(ap.plan):
            path = folder / "aktiviteter" / str(ap.plan.year) / f"{slug(activity.activity.id)}.html"
            assert " ".join(activity.text.split()) in Page(path).words
    for hp in planset.hps:
        for item in walk.actions(hp.plan):
            path = folder / "atgarder" / slug(hp.plan.id) / f"{slug(item.action.id)}.html"
            assert path.is_file()
    assert planset.project is not None
    for body in planset.project.plan.bodies:
        assert body.name in page(shipped_site, f"organ/{slug(body.id)}.html").words


def test_every_page_is_swedish_with_one_h1_and_no_heading_jumps(shipped_site: Site) -> None:
    for path in shipped_site.pages():
        found = Page(path)
        assert found.lang == "sv", path
        levels = [level for level, _ in found.headings]
        assert levels.count(1) == 1 and levels[0] == 1, (path, found.headings)
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert jumps == [], (path, found.headings)
        assert found.scripts == 0, path  # nothing on the site needs JavaScript


def test_every_link_is_relative_and_resolves(shipped_site: Site, agreement_site: Site) -> None:
    for site in (shipped_site, agreement_site):
        for path in site.pages():
            found = Page(path)
            for href in found.links:
                parts = urlsplit(href)
                assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
                assert target.is_file(), f"{path}: {href}"
                assert target.is_relative_to(site.folder.resolve()), f"{path}: {href}"
                if parts.fragment:
                    assert parts.fragment in Page(target).ids, f"{path}: {href}"


def test_the_chain_is_linked_both_ways(shipped_site: Site) -> None:
    action = page(shipped_site, "atgarder/ledningsgruppen-2025/masskadehandelser.html")
    activity = "aktiviteter/2025/krisberedskap-samverkan.html"
    goal = "mal/vp-2025-2028/krisberedskap.html"
    assert f"../../{activity}" in action.links
    assert f"../../{goal}" in action.links
    assert "../../organ/krisberedskapschefer.html" in action.links
    goal_page = page(shipped_site, goal)
    assert f"../../{activity}" in goal_page.links
    assert "../../atgarder/ledningsgruppen-2025/masskadehandelser.html" in goal_page.links
    organ = page(shipped_site, "organ/krisberedskapschefer.html")
    assert "Uppdrag till Krisberedskapschefer" in organ.words
    assert "att uppdatera respektive regions plan" in organ.words
    assert "../atgarder/ledningsgruppen-2025/masskadehandelser.html" in organ.links


def test_start_page_has_the_current_plans_status_and_what_changed(shipped_site: Site) -> None:
    start = page(shipped_site, "index.html")
    assert [h for level, h in start.headings if level == 2] == [
        "Gällande planer 2025",
        "Levande handlingsplaner",
        "Läget 2025",
        "Vad är nytt?",
    ]
    for link in (
        "verksamhetsplaner/vp-2025-2028.html",
        "aktivitetsplaner/2025.html",
        "handlingsplaner/ledningsgruppen-2025.html",
        "handlingsplaner/rpo-hjarta-karl-levande.html",
        "status/index.html",
        "nytt.html",
        "andringar.html",
    ):
        assert link in start.links, link
    assert "Sedan senaste beslut (v2025-beslut)" in start.words
    assert "Aktivitetsplan 2025: 1 omformulerad" in start.words


def test_status_has_tables_and_a_chart_with_a_text_alternative(shipped_site: Site) -> None:
    html = (shipped_site.folder / "status" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0) and "aria-labelledby" in svg.group(0)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg.group(0), flags=re.S)
    assert desc is not None and "Kunskapsstyrning: 1 grön, 1 gul" in desc.group(1)
    # every status has its own pattern, and its name next to its swatch
    for status in ("grön", "gul", "röd", "avslutad", "ej rapporterad"):
        assert f">{status} (" in svg.group(0)
    assert len(set(re.findall(r'fill="url\(#([^)]+)\)"', svg.group(0)))) >= 5
    words = page(shipped_site, "status/index.html").words
    for heading in ("Per fokusområde", "Per ägare", "Per uppföljningsperiod"):
        assert heading in words
    assert "Tertial 1" in words and "Tertial 2" in words


def test_history_per_period_on_the_action_page(shipped_site: Site) -> None:
    action = page(shipped_site, "atgarder/rpo-hjarta-karl-levande/hjartsvikt-vardforlopp.html")
    assert "Historik" in [h for _, h in action.headings]
    assert "Tertial 1 2025" in action.words and "Tertial 2 2025" in action.words


def test_history_and_changes_come_from_git_without_touching_it(shipped_site: Site) -> None:
    project = shipped_site.project
    history = page(shipped_site, "historik.html")
    assert "Krisberedskap: masskadehändelser i aktiviteten" in history.words
    assert "ändrad: 1 omformulerad" in history.words
    assert "2025-01-15" in history.words
    changes = page(shipped_site, "andringar.html")
    assert "Omformulerad aktivitet" in changes.words
    html = (shipped_site.folder / "andringar.html").read_text(encoding="utf-8")
    assert '<ins><span class="dolj">tillagt: </span> och masskadehändelser</ins>' in html
    # the work tree, the index and HEAD are as they were
    assert git(project, "status", "--porcelain", "--untracked-files=no") == ""
    assert git(project, "log", "--format=%s", "-1").strip().startswith("Krisberedskap")
    assert REWORDED[1] in (project / "plans" / "aktivitetsplan-2025.yaml").read_text("utf-8")


def test_new_for_the_year_from_the_diff(shipped_site: Site) -> None:
    new = page(shipped_site, "nytt.html")
    assert new.headings[0] == (1, "Nytt för 2025")
    # the fixture's repository rewords one activity after the decision: 3, not 2 (the other
    # two: an activity, and the reconstruction note AP 2024 has on its cover); the
    # introduction's new VP period is a change of years only, shown as such
    assert (
        "Aktivitetsplan 2024 → 2025: 3 nya, 3 omformulerade, 1 med ändrade årtal, 1 flyttad; "
        "1 text där bara årtalen följer planperioden (+1 år) visas inte" in new.words
    )
    assert "Donationsverksamhet" in new.words


def test_documents_are_linked_and_open_in_word(shipped_site: Site) -> None:
    documents = page(shipped_site, "dokument/index.html")
    names = [Path(link).name for link in documents.links if link.endswith(".docx")]
    assert {
        "aktivitetsplan-2025.docx",
        "verksamhetsplan-2025-2028.docx",
        "handlingsplan-ledningsgruppen-2025.docx",
        "uppfoljning-2025.docx",
    } <= set(names)
    document = docx.Document(str(shipped_site.folder / "dokument" / "aktivitetsplan-2025.docx"))
    assert "Aktivitetsplan 2025" in "\n".join(p.text for p in document.paragraphs)
    assert "PDF-filerna gjordes inte" in documents.words


# -- made for maintainers: escaping, determinism, templates ---------------------------------


def test_plan_text_is_escaped_never_markup(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    hostile = '<script>alert(1)</script> & "citat" <b>fet</b> {{ 7*7 }}'
    text = ap.read_text(encoding="utf-8").replace(REWORDED[0], f"'{hostile}'")
    ap.write_text(text, encoding="utf-8")
    # HTML in a plan text is an error (PV330); a region that turns the rule off still gets
    # it escaped, never as markup.
    assert cli("webb", "--utan-pdf").exit_code == 1
    project = shipped / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "regler:\n  PV330: av\n", encoding="utf-8"
    )
    run = cli("webb", "--utan-pdf")
    assert run.exit_code == 0, run.stdout + run.stderr
    html = (shipped / "build/webb/aktiviteter/2025/krisberedskap-samverkan.html").read_text("utf-8")
    assert "<script>" not in html and "<b>fet</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;citat&#34;" in html
    assert "{{ 7*7 }}" in html  # plan text is data, not a template
    found = Page(shipped / "build/webb/aktiviteter/2025/krisberedskap-samverkan.html")
    assert found.scripts == 0 and hostile in found.words


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_plans_same_bytes(shipped_site: Site, tmp_path: Path) -> None:
    again = tmp_path / "igen"
    build_site(shipped_site.project / "plans", SiteRequest(output=again, pdf=False))
    assert _digests(again) == _digests(shipped_site.folder)


def test_a_region_restyles_and_rewrites_pages_without_code(shipped: Path) -> None:
    own = shipped / "templates" / "webb"
    own.mkdir(parents=True, exist_ok=True)
    (own / "webb.css").write_text("body { color: #000000; } /* regionens */\n", encoding="utf-8")
    base = (ROOT / "templates/webb/bas.html.j2").read_text(encoding="utf-8")
    (own / "bas.html.j2").write_text(
        base.replace('<footer class="sidfot">', '<footer class="sidfot">\n<p>Regionens sidfot</p>'),
        encoding="utf-8",
    )
    run = cli("webb", "--utan-pdf")
    assert run.exit_code == 0, run.stderr
    assert b"regionens" in (shipped / "build/webb/stil/webb.css").read_bytes()
    assert "Regionens sidfot" in Page(shipped / "build/webb/index.html").words
    # the region's folder holds only what it changes; the rest comes from planverk
    assert (shipped / "build/webb/status/index.html").is_file()


def test_template_mistake_names_file_and_line_and_keeps_the_old_site(shipped: Path) -> None:
    assert cli("webb", "--utan-pdf").exit_code == 0
    before = _digests(shipped / "build/webb")
    own = shipped / "templates" / "webb"
    own.mkdir(parents=True, exist_ok=True)
    (own / "atgard.html.j2").write_text(
        '{% extends "bas.html.j2" %}\n{% block innehåll %}\n<h1>{{ åtgärd.finns_inte }}</h1>\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    run = cli("webb", "--utan-pdf")
    assert run.exit_code == 2
    assert "templates/webb/atgard.html.j2:3: fel i mallen: okänt namn" in run.stderr
    assert "Traceback" not in run.stderr
    assert _digests(shipped / "build/webb") == before
    assert sorted(p.name for p in (shipped / "build").iterdir()) == ["webb"]  # no leftovers


def test_sandbox_stops_a_template_that_reaches_for_python(shipped: Path) -> None:
    own = shipped / "templates" / "webb"
    own.mkdir(parents=True, exist_ok=True)
    (own / "start.html.j2").write_text(
        "{{ sida.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    run = cli("webb", "--utan-pdf")
    assert run.exit_code == 2
    assert "mallen försöker nå något den inte får" in run.stderr


# -- validate first, and never over what the user wrote -------------------------------------


def test_no_site_from_plans_with_errors(shipped: Path) -> None:
    hp = shipped / "plans/handlingsplaner/2025/ledningsgruppen.yaml"
    hp.write_text(
        hp.read_text(encoding="utf-8").replace("aktivitet: nära-vård", "aktivitet: nära-värd"),
        encoding="utf-8",
    )
    run = cli("webb", "--utan-pdf")
    assert run.exit_code == 1
    assert "PV102" in run.stdout
    assert "inget dokument skrevs" in run.stderr
    assert not (shipped / "build").exists()


@pytest.mark.parametrize("where", ["plans", "plans/webb", "templates", "templates/webb", "."])
def test_refuses_to_write_over_plans_templates_or_the_project(shipped: Path, where: str) -> None:
    before = _digests(shipped)
    run = cli("webb", "--utan-pdf", "--ut", where)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "vägrar" in run.stderr
    assert _digests(shipped) == before


def test_replaces_only_a_folder_it_wrote(shipped: Path) -> None:
    mine = shipped / "mina-filer"
    mine.mkdir()
    (mine / "viktigt.txt").write_text("behåll mig", encoding="utf-8")
    run = cli("webb", "--utan-pdf", "--ut", "mina-filer")
    assert run.exit_code == 2
    assert "ingen webbplats från planverk" in run.stderr
    assert (mine / "viktigt.txt").read_text(encoding="utf-8") == "behåll mig"
    # its own site it replaces, leaving nothing of the old one
    assert cli("webb", "--utan-pdf").exit_code == 0
    (shipped / "build/webb/gammal-sida.html").write_text("gammal", encoding="utf-8")
    assert cli("webb", "--utan-pdf").exit_code == 0
    assert not (shipped / "build/webb/gammal-sida.html").exists()
    assert (shipped / "build/webb/index.html").is_file()


def test_outside_the_project_only_when_asked(shipped: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanför" / "webb"
    run = cli("webb", "--utan-pdf", "--ut", str(outside))
    assert run.exit_code == 0, run.stderr
    assert (outside / "index.html").is_file()


def test_a_folder_that_cannot_be_written_is_a_swedish_error(shipped: Path) -> None:
    (shipped / "build").write_text("en fil, inte en mapp", encoding="utf-8")
    run = cli("webb", "--utan-pdf")
    assert run.exit_code == 2
    assert "kan inte skrivas" in run.stderr and "Traceback" not in run.stderr


def test_site_from_python_as_from_the_command_line(shipped: Path) -> None:
    built = build_site(shipped / "plans", SiteRequest(pdf=False))
    assert built.folder == shipped / "build" / "webb"
    assert built.pages == len(list(built.folder.rglob("*.html")))
    assert not built.pdf


# -- addresses ------------------------------------------------------------------------------


def test_addresses_are_ascii_relative_and_unique() -> None:
    assert slug("nära-vård") == "nara-vard"
    assert slug("hr-direktörsgruppen") == "hr-direktorsgruppen"
    assert root_of("index.html") == "" and root_of("mal/vp/x.html") == "../../"
    assert relative("mal/vp/x.html", "index.html") == "../../index.html"
    addresses = Addresses()
    first = addresses.page("mal", "nära")
    second = addresses.page("mal", "nara")
    assert first == "mal/nara.html" and second.startswith("mal/nara-") and second != first
    assert addresses.page("mal", "nära") == first


def test_the_agreement_paragraph_style_has_paragraph_pages(agreement_site: Site) -> None:
    pages = [p.relative_to(agreement_site.folder).as_posix() for p in agreement_site.pages()]
    assert any(p.startswith("avsnitt/") for p in pages)
    # The example's plan has no goals: its activities serve paragraphs and bullets.
    paragraph = next(p for p in agreement_site.pages() if "/avsnitt/" in p.as_posix())
    assert "§" in Page(paragraph).words


def test_swedish_letters_survive(shipped_site: Site) -> None:
    words = page(shipped_site, "organ/hr-direktorsgruppen.html").words
    assert "HR-direktörsgruppen" in words and "Uppdrag till" in words
    assert "å" in page(shipped_site, "index.html").words


def test_site_is_copied_whole_with_its_folder(shipped_site: Site, tmp_path: Path) -> None:
    """A region publishes by copying the folder: the copy's links still resolve."""
    copy = tmp_path / "filresurs" / "planer"
    shutil.copytree(shipped_site.folder, copy)
    start = Page(copy / "index.html")
    for href in start.links:
        path = unquote(urlsplit(href).path)
        assert not path or (copy / path).is_file(), href


def test_a_wrong_revision_is_a_usage_error(tmp_path: Path) -> None:
    from tests.web.conftest import repository_with_history

    project = repository_with_history(tmp_path / "region")
    run = cli("webb", "--utan-pdf", "--sedan", "v1999-finns-inte", "-c", str(project / "plans"))
    assert run.exit_code == 2
    assert "revisionen 'v1999-finns-inte' finns inte i git-förrådet" in run.stderr
    assert list((project / "build").iterdir()) == []  # nothing written, nothing left


def test_without_git_the_history_page_says_why(shipped: Path) -> None:
    assert cli("webb", "--utan-pdf").exit_code == 0
    history = Page(shipped / "build/webb/historik.html")
    assert "Planernas ändringshistorik visas inte" in history.words
    assert "git" in history.words
