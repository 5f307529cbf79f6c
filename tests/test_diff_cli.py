"""`planverk diff` as a planner and CI run it: years, periods, handlingsplaner, git revisions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import cli
from tests.realclients import needs

needs_git = needs("git")

# The five points of "Nytt för 2025" in the seed deck, as the diff names them.
FIVE = {
    ("tillagd", "fokusområden/verksamhet-och-utveckling/rubriker/krisberedskap/aktiviteter/nspl"),
    (
        "tillagd",
        "fokusområden/verksamhet-och-utveckling/rubriker/donation/aktiviteter/donation",
    ),
    (
        "flyttad",
        "fokusområden/verksamhet-och-utveckling/rubriker/nära-vård/aktiviteter/nära-vård",
    ),
    (
        "tillagd",
        "fokusområden/verksamhet-och-utveckling/rubriker/välfärdsbrottslighet/aktiviteter/"
        "välfärdsbrott",
    ),
    (
        "omformulerad",
        "fokusområden/digitalisering-och-e-hälsa/rubriker/digital-infrastruktur/aktiviteter/"
        "informationssäkerhet/text",
    ),
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=planverk test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit_all(repo: Path, message: str = "planer") -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} finns inte i {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the shipped plans: Nytt för 2025 ------------------------------------------------------


HEADLINE_2025 = (
    "Aktivitetsplan 2024 → 2025: 3 nya, 2 omformulerade, 1 med ändrade årtal, 1 flyttad; "
    "1 text där bara årtalen följer planperioden (+1 år) visas inte"
)


def test_2024_to_2025_names_exactly_the_five_changes(shipped: Path) -> None:
    run = cli("diff", "2024", "2025", "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    # The five points of "Nytt för 2025"; the introduction's new VP period, a change of
    # years only but not the plans' own shift of one year, so shown on its own; and the
    # note that AP 2024 is a reconstruction, which 2025 does not have.
    assert {(c["kind"], c["path"]) for c in data["changes"]} == FIVE | {
        ("årtal-ändrade", "inledning"),
        ("omformulerad", "underlag"),
    }
    assert len(data["changes"]) == 7
    assert data["counts"] == {"tillagd": 3, "omformulerad": 2, "årtal-ändrade": 1, "flyttad": 1}
    moved = next(c for c in data["changes"] if c["kind"] == "flyttad")
    assert moved["old_path"].endswith("rubriker/produktionssamverkan/aktiviteter/nära-vård")
    reworded = next(
        c for c in data["changes"] if c["kind"] == "omformulerad" and c["element"] == "aktivitet"
    )
    assert [w["text"] for w in reworded["words"] if w["op"] == "insert"] == [
        "och implementeringen "
    ]
    assert not [w for w in reworded["words"] if w["op"] == "delete"]
    # The title only moves its year with the plans (2024 -> 2025): folded, and counted.
    assert {c["path"] for c in data["year_shifts"]} == {"titel"}
    assert data["folded_year_shifts"] == 1


def test_2024_to_2025_in_the_terminal(shipped: Path) -> None:
    run = cli("diff", "2024", "2025")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == HEADLINE_2025
    text = run.stdout
    assert "Nuvarande verksamhetsplan gäller [-2021–2024-]{+2025–2028+}." in text
    assert (
        "Verksamhet och utveckling\n  Krisberedskap och civilt försvar\n    Ny aktivitet: Bidra"
        in text
    )
    assert "  Samverkan mot välfärdsbrottslighet (ny rubrik)\n    Ny aktivitet: Underlätta" in text
    moved = "    Flyttad aktivitet: Stödja omställningen till Nära vård.\n      från: "
    assert moved + "Produktionssamverkan\n" in text
    assert "Ny aktivitet: Främja donationsverksamhet inom regionerna." in text
    assert (
        "Omformulerad aktivitet: Stödja utvecklingen {+och implementeringen +}av gemensamma "
        "riktlinjer för informations- och cybersäkerhet." in text
    )
    assert "\x1b[" not in text  # no colour codes when the output is not a terminal


def test_brief_gives_the_counts_only(shipped: Path) -> None:
    run = cli("diff", "2024", "2025", "--brief")
    assert run.stdout.strip().splitlines()[0] == HEADLINE_2025


def test_markdown_is_the_nytt_for_2025_section(shipped: Path) -> None:
    run = cli("diff", "2024", "2025", "--format", "md")
    assert run.exit_code == 0
    md = run.stdout
    assert md.startswith("## Nytt för 2025\n")
    assert "### Verksamhet och utveckling" in md
    assert "#### Donationsverksamhet (ny rubrik)" in md
    assert "- **Ny aktivitet:** Främja donationsverksamhet inom regionerna." in md
    assert "- **Flyttad aktivitet:** Stödja omställningen till Nära vård." in md
    assert "Stödja utvecklingen **och implementeringen** av gemensamma riktlinjer" in md
    assert "*Tidigare lydelse:* Stödja utvecklingen av gemensamma riktlinjer" in md
    assert md.count("- **") == 5  # one bullet per change


def test_markdown_to_a_file(shipped: Path) -> None:
    run = cli("diff", "2024", "2025", "--format", "md", "--output", "nytt.md")
    assert run.exit_code == 0
    assert (shipped / "nytt.md").read_text(encoding="utf-8").startswith("## Nytt för 2025")


def test_exit_code_on_differences(shipped: Path) -> None:
    assert cli("diff", "2024", "2025", "--exit-code").exit_code == 1
    same = cli("diff", "2025", "2025", "--exit-code")
    assert same.exit_code == 0
    assert same.stdout.strip() == "Aktivitetsplan 2025 → 2025: inga ändringar"
    assert cli("diff", "2024", "2025").exit_code == 0


# -- verksamhetsplaner ---------------------------------------------------------------------


def test_verksamhetsplan_periods_read_without_help(shipped: Path) -> None:
    run = cli("diff", "2021-2024", "2025-2028", "--kind", "verksamhetsplan")
    assert run.exit_code == 0, run.stderr
    text = run.stdout
    lines = text.splitlines()
    assert lines[0] == (
        "Verksamhetsplan 2021–2024 → 2025–2028: 15 nya, 9 borttagna, 7 omformulerade; "
        "2 texter där bara årtalen följer planperioden (+4 år) visas inte"
    )
    assert "  fokusområden: 4 nya" in lines
    assert "  mål: 6 nya, 9 borttagna, 6 omformulerade" in lines
    assert "  punkter: 4 nya" in lines
    assert "  Ny punkt: Produktionssamarbete\n    i målet: Produktionssamverkan\n" in text
    assert "2025–2028 ordnar målen under 4 fokusområden; 2021–2024 hade inga fokusområden." in text
    assert "Verksamhet och utveckling (nytt fokusområde)" in text
    assert "  Nytt mål: Krisberedskap och civilt försvar\n    text: Sjukvårdsregionen ska" in text
    assert "  Omformulerat mål: [-Arbeta med nationell-]{+Nationell+} och sjukvårdsregional" in text
    assert "Utgår (fanns i 2021–2024)\n  Borttaget mål: Följa upp Avtal om" in text
    assert "Borttaget mål: Samla och dra lärdom av erfarenheter av coronapandemin." in text
    # The year in the title is expected to change; it is no news.
    assert "Verksamhetsplan 2021–2024\n" not in text


def test_verksamhetsplan_by_id_and_en_dash(shipped: Path) -> None:
    by_id = cli("diff", "vp-2021-2024", "vp-2025-2028", "--kind", "verksamhetsplan", "--brief")
    by_dash = cli("diff", "2021–2024", "2025–2028", "--kind", "verksamhetsplan", "--brief")
    assert by_id.exit_code == by_dash.exit_code == 0
    assert by_id.stdout == by_dash.stdout


# -- errors --------------------------------------------------------------------------------


def test_unknown_year_names_the_years_there_are(shipped: Path) -> None:
    run = cli("diff", "2023", "2025")
    assert run.exit_code == 2
    assert "det finns ingen aktivitetsplan för 2023" in run.stderr
    assert "Aktivitetsplaner som finns: 2024, 2025." in run.stderr


def test_one_plan_without_since_is_a_usage_error(shipped: Path) -> None:
    run = cli("diff", "2025")
    assert run.exit_code == 2
    assert "ange två planer att jämföra, eller --since" in run.stderr


def test_not_a_year(shipped: Path) -> None:
    run = cli("diff", "förra", "2025")
    assert run.exit_code == 2
    assert "'förra' är inte ett år" in run.stderr


def test_since_outside_git(shipped: Path) -> None:
    run = cli("diff", "2025", "--since", "HEAD")
    assert run.exit_code == 2
    assert "ligger inte i ett git-förråd" in run.stderr


def test_diff_module_import_is_light() -> None:
    code = (
        "import sys, planverk.cli.diff; "
        "print(sorted(m for m in ('rich', 'docx', 'lxml', 'jinja2', 'planverk.diff.tracked') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- --since: the plan set at a git revision against the work tree -------------------------


@needs_git
def test_since_one_word_and_a_new_id_is_one_rewording(minimal: Path) -> None:
    commit_all(minimal)
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    edit(ap, "- id: stödja-nära-vård", "- id: främja-nära-vård")
    edit(ap, "text: Stödja omställningen", "text: Främja omställningen")
    edit(
        minimal / "plans" / "handlingsplaner" / "ledningsgruppen-2025.yaml",
        "aktivitet: stödja-nära-vård",
        "aktivitet: främja-nära-vård",
    )
    run = cli("diff", "2025", "--since", "HEAD", "--format", "json")
    assert run.exit_code == 0, run.stderr
    changes = json.loads(run.stdout)["changes"]
    assert len(changes) == 1
    (change,) = changes
    assert change["kind"] == "omformulerad"
    assert change["path"].endswith("aktiviteter/främja-nära-vård/text")
    assert change["old_path"].endswith("aktiviteter/stödja-nära-vård/text")
    assert [w["text"] for w in change["words"] if w["op"] == "delete"] == ["Stödja"]
    assert [w["text"] for w in change["words"] if w["op"] == "insert"] == ["Främja"]
    # The handlingsplan follows the rename: its reference did not change in meaning.
    hp = cli("diff", "2025", "--since", "HEAD", "--kind", "handlingsplan", "--exit-code")
    assert hp.exit_code == 0, hp.stdout
    assert "inga ändringar" in hp.stdout


@needs_git
def test_since_reads_git_without_touching_the_work_tree(shipped: Path) -> None:
    commit_all(shipped, "beslut")
    git(shipped, "tag", "v2025-beslut")
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    edit(
        ap,
        "Främja donationsverksamhet inom regionerna.",
        "Främja och utveckla donationsverksamheten inom regionerna.",
    )
    status_before = git(shipped, "status", "--porcelain")
    head_before = git(shipped, "rev-parse", "HEAD")
    edited = ap.read_bytes()

    run = cli("diff", "2025", "--since", "v2025-beslut", "--exit-code")

    assert run.exit_code == 1
    assert (
        run.stdout.splitlines()[0]
        == "Aktivitetsplan 2025, ändringar sedan v2025-beslut: 1 omformulerad"
    )
    assert "Främja [-donationsverksamhet-]{+och utveckla donationsverksamheten+} inom" in run.stdout
    assert git(shipped, "status", "--porcelain") == status_before
    assert git(shipped, "rev-parse", "HEAD") == head_before
    assert ap.read_bytes() == edited


@needs_git
def test_since_unknown_revision(shipped: Path) -> None:
    commit_all(shipped)
    run = cli("diff", "2025", "--since", "finns-inte")
    assert run.exit_code == 2
    assert "revisionen 'finns-inte' finns inte i git-förrådet" in run.stderr


@needs_git
def test_since_a_plan_added_after_the_revision(shipped: Path) -> None:
    (shipped / "plans" / "aktivitetsplan-2025.yaml").rename(shipped / "aktivitetsplan-2025.yaml")
    commit_all(shipped)
    (shipped / "aktivitetsplan-2025.yaml").rename(shipped / "plans" / "aktivitetsplan-2025.yaml")
    run = cli("diff", "2025", "--since", "HEAD")
    assert run.exit_code == 2
    assert "det finns ingen aktivitetsplan för 2025 vid HEAD" in run.stderr


# -- handlingsplaner -----------------------------------------------------------------------


@needs_git
def test_handlingsplan_changes_since_a_revision(shipped: Path) -> None:
    commit_all(shipped)
    living = shipped / "plans" / "handlingsplaner" / "levande" / "rpo-hjärta-kärl.yaml"
    edit(living, "    status: gul\n", "    status: röd\n")
    edit(
        living,
        "      - rpo-hjärta-kärl\n",
        "      - rpo-hjärta-kärl\n      - hr-direktörsgruppen\n",
    )
    text = living.read_text(encoding="utf-8")
    start = text.index("  - id: digital-hjärtrehabilitering")
    living.write_text(text[:start], encoding="utf-8")  # the last action removed
    yearly = shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    edit(yearly, "text: hålla ihop", "text: hålla ihop arbetet")

    run = cli("diff", "levande", "--since", "HEAD", "--kind", "handlingsplan", "--format", "json")
    assert run.exit_code == 0, run.stderr
    found = {
        (c["kind"], c["path"].rsplit("/", 2)[-2], c["field"])
        for c in json.loads(run.stdout)["changes"]
    }
    assert found == {
        ("status-ändrad", "sekundärprevention-hjärtinfarkt", "status"),
        ("ansvar-ändrat", "hjärtsvikt-vårdförlopp", "ansvar"),
        ("borttagen", "åtgärder", None),
    }
    yearly_run = cli("diff", "2025", "--since", "HEAD", "--kind", "handlingsplan")
    assert yearly_run.stdout.splitlines()[0] == (
        "Handlingsplaner 2025, ändringar sedan HEAD: 1 med ändrat uppdrag"
    )
    assert "uppdrag: hr-direktörsgruppen: hålla ihop{+ arbetet+}" in yearly_run.stdout


def test_handlingsplaner_of_two_years_match_by_owner(shipped: Path) -> None:
    plans = shipped / "plans" / "handlingsplaner"
    old = (plans / "2025" / "ledningsgruppen.yaml").read_text(encoding="utf-8")
    old = old.replace("id: ledningsgruppen-2025", "id: ledningsgruppen-2024")
    old = old.replace("år: 2025", "år: 2024").replace("handlingsplan 2025", "handlingsplan 2024")
    old = old.replace("verksamhetsplan: vp-2025-2028", "verksamhetsplan: vp-2021-2024")
    start = old.index("  - id: nationell-kompetensplan")
    (plans / "2024").mkdir()
    (plans / "2024" / "ledningsgruppen.yaml").write_text(old[:start], encoding="utf-8")
    run = cli("diff", "2024", "2025", "--kind", "handlingsplan", "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [(c["kind"], c["path"]) for c in data["changes"]] == [
        ("tillagd", "handlingsplaner/ledningsgruppen/åtgärder/nationell-kompetensplan")
    ]
