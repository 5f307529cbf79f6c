"""`planverk new`: next year's plans from this year's, on the shipped plans and on a copy
with finished actions, reports and decisions; and the text edits it is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from planverk.core.findings import Level
from planverk.edit import roundtrip as yamledit
from planverk.lint.validate import validate
from planverk.loading.planset import load_plan_dir
from planverk.loading.yamlfile import parse
from planverk.model import walk
from tests.conftest import cli

AP_2025 = Path("plans/aktivitetsplan-2025.yaml")
AP_2026 = Path("plans/aktivitetsplan-2026.yaml")
HP_2025 = Path("plans/handlingsplaner/2025/ledningsgruppen.yaml")
HP_2026 = Path("plans/handlingsplaner/2026/ledningsgruppen.yaml")
LIVING = Path("plans/handlingsplaner/levande/rpo-hjärta-kärl.yaml")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_shipped_plans_roll_over_and_validate_at_once(shipped: Path) -> None:
    run = cli("new", "2026", "--from", "2025")

    assert run.exit_code == 0, run.stdout + run.stderr
    assert AP_2026.is_file() and HP_2026.is_file()
    assert not list(Path("plans/handlingsplaner").rglob("*2026*.yaml"))[1:], "one new HP"
    result = validate()
    assert result.findings == [], [f"{f.file}:{f.span.line} {f.message}" for f in result.findings]

    planset = result.planset
    old_ap, new_ap = planset.ap(2025), planset.ap(2026)
    assert old_ap is not None and new_ap is not None
    assert new_ap.plan.title == "Aktivitetsplan 2026"
    assert new_ap.plan.decision is None
    old_ids = [a.activity.id for a in walk.activities(old_ap.plan)]
    assert [a.activity.id for a in walk.activities(new_ap.plan)] == old_ids
    (new_hp,) = planset.hps_for(2026)
    (old_hp,) = planset.hps_for(2025)
    assert new_hp.plan.id == "ledningsgruppen-2026"
    assert new_hp.plan.title == "Ledningsgruppens handlingsplan 2026"
    assert [a.id for a in new_hp.plan.actions] == [a.id for a in old_hp.plan.actions]
    assert [a.text for a in new_hp.plan.actions] == [a.text for a in old_hp.plan.actions]
    assert all(a.reports == [] and a.decision is None for a in new_hp.plan.actions)

    # Every comment of the old files is in the new ones, in the same order.
    for old, new in ((AP_2025, AP_2026), (HP_2025, HP_2026)):
        comments = [
            line for line in old.read_text("utf-8").splitlines() if line.lstrip()[:1] == "#"
        ]
        new_comments = [
            line for line in new.read_text("utf-8").splitlines() if line.lstrip()[:1] == "#"
        ]
        assert [c for c in new_comments if not c.startswith("# Skapad ")] == comments
    assert new.read_text("utf-8").splitlines()[0].startswith("# yaml-language-server: $schema=")

    assert "förs över (18 aktiviteter)" in run.stdout
    assert "förs över (6 åtgärder): nära-vård-samverkan, välfärdsbrott-arbete" in run.stdout
    assert "kopieras inte: rpo-hjärta-kärl-levande" in run.stdout
    assert not Path("plans/handlingsplaner/2026/rpo-hjärta-kärl.yaml").exists()


def test_second_run_refuses_and_changes_nothing(shipped: Path) -> None:
    assert cli("new", "2026").exit_code == 0
    before = _tree(shipped)

    run = cli("new", "2026", "--from", "2025")

    assert run.exit_code == 2
    assert "planverk: fel: det finns redan en aktivitetsplan för 2026" in run.stderr
    assert "skriver aldrig över" in run.stderr
    assert _tree(shipped) == before


def test_refuses_when_only_a_handlingsplan_would_be_overwritten(shipped: Path) -> None:
    HP_2026.parent.mkdir(parents=True)
    own = (
        "# min egen fil\ntyp: handlingsplan\nid: min-egen\ntitel: Min egen\n"
        "ägare: ledningsgruppen\nlevande: true\nåtgärder: []\n"
    )
    HP_2026.write_text(own, encoding="utf-8")

    run = cli("new", "2026")

    assert run.exit_code == 2, run.stdout + run.stderr
    assert "plans/handlingsplaner/2026/ledningsgruppen.yaml finns redan" in run.stderr
    assert not AP_2026.exists()
    assert HP_2026.read_text("utf-8") == own


def _finish_some(root: Path) -> None:
    """Give the shipped Ledningsgruppen plan a decision, a finished action (the only one
    serving its activity) and an action with reports, a decision and an old tidplan."""
    path = root / HP_2025
    text = path.read_text("utf-8")
    text = text.replace(
        "verksamhetsplan: vp-2025-2028\n",
        "verksamhetsplan: vp-2025-2028\nbeslut:\n  beslutad-av: ledningsgruppen\n"
        "  datum: 2025-01-20\n",
    )
    text = text.replace(
        "Lagen om valfrihetssystem (LOV)\n",
        "Lagen om valfrihetssystem (LOV)\n    status: avslutad\n    rapporter:\n"
        "      - period: t1\n        datum: 2025-04-30\n        status: avslutad\n"
        "        resultat: Utredningen är klar.\n",
    )
    text = text.replace(
        "inom krisberedskap och förhöjd beredskap.\n",
        "inom krisberedskap och förhöjd beredskap.\n"
        "    tidplan:\n      från: 2025-03-01\n      till: 2025-10-31\n"
        "    status: gul\n    kommentar: Övningen i oktober flyttades.\n"
        "    rapporter:\n"
        "      - period: t1\n        datum: 2025-04-30\n        status: grön\n"
        "      - period: t2\n        datum: 2025-08-31\n        status: gul\n"
        "        kommentar: Övningen i oktober flyttades.\n"
        "    beslut:\n      beslutad-av: ledningsgruppen\n      datum: 2025-02-10\n",
    )
    path.write_text(text, encoding="utf-8")


def test_finished_work_is_left_and_status_reset(shipped: Path) -> None:
    _finish_some(shipped)
    assert validate().findings == []

    run = cli("new", "2026")

    assert run.exit_code == 0, run.stdout + run.stderr
    assert "lämnas (1): välfärdsbrott-arbete (avslutad)" in run.stdout
    assert "lämnas (1): välfärdsbrott (alla åtgärder avslutade)" in run.stdout
    assert "tidplanen för krisberedskap-övningar slutade 2025-10-31" in run.stdout
    result = validate()
    assert not [f for f in result.findings if f.level >= Level.ERROR]
    # The old tidplan is kept on purpose; PV306 points at it in the new plan.
    assert {(f.code, f.file) for f in result.findings} == {("PV306", str(HP_2026))}

    planset = load_plan_dir(Path("plans"))
    (hp,) = planset.hps_for(2026)
    assert hp.plan.decision is None
    ids = [a.id for a in hp.plan.actions]
    assert "välfärdsbrott-arbete" not in ids and len(ids) == 5
    drill = next(a for a in hp.plan.actions if a.id == "krisberedskap-övningar")
    assert drill.status == "ej rapporterad"
    assert drill.reports == [] and drill.decision is None
    assert drill.comment == "Övningen i oktober flyttades."
    ap = planset.ap(2026)
    assert ap is not None
    activity_ids = [a.activity.id for a in walk.activities(ap.plan)]
    assert "välfärdsbrott" not in activity_ids and len(activity_ids) == 17
    headings = [h.id for area in ap.plan.focus_areas for h in area.headings]
    assert "välfärdsbrottslighet" in headings, "a rubrik keeps its place without activities"

    new_text = HP_2026.read_text("utf-8")
    assert "# Exempel 2:" not in new_text, "the comment above a left action goes with it"
    assert "  # Exempel 3: Verksamhet och utveckling" in new_text
    assert "  # Exempel 4: Utbildning och kompetensförsörjning" in new_text
    assert "\n\n\n" not in new_text


def test_refuses_without_a_vp_for_the_new_year(shipped: Path) -> None:
    before = _tree(shipped)
    run = cli("new", "2029", "--from", "2025")
    assert run.exit_code == 2
    assert "ingen verksamhetsplan täcker 2029" in run.stderr
    assert _tree(shipped) == before


def test_refuses_without_plans_for_the_old_year(shipped: Path) -> None:
    run = cli("new", "2031")
    assert run.exit_code == 2
    assert "ingen aktivitetsplan eller handlingsplan för 2030" in run.stderr


def test_dry_run_writes_nothing(shipped: Path) -> None:
    before = _tree(shipped)
    run = cli("new", "2026", "--dry-run")
    assert run.exit_code == 0
    assert "skulle skriva plans/aktivitetsplan-2026.yaml" in run.stdout
    assert _tree(shipped) == before


def test_year_free_file_names_get_the_year(minimal: Path) -> None:
    """The minimal set's files: a year in the name is replaced, the HP id too."""
    run = cli("new", "2026")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert Path("plans/handlingsplaner/ledningsgruppen-2026.yaml").is_file()
    planset = load_plan_dir(Path("plans"))
    assert [hp.plan.id for hp in planset.hps_for(2026)] == ["ledningsgruppen-2026"]
    assert planset.hps_for(2026)[0].plan.actions[0].status == "ej rapporterad"


# --- yamledit ---------------------------------------------------------------------------

DOC = """\
# head
lista:
  # om a
  - id: a
    text: |
      rad
      # inte en kommentar

  # om b
  - id: b
    text: B
  # om c
  - id: c
    text: C
slut: 1
"""


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (
            [("lista", 1)],
            "# head\nlista:\n  # om a\n  - id: a\n    text: |\n      rad\n"
            "      # inte en kommentar\n\n  # om c\n  - id: c\n    text: C\nslut: 1\n",
        ),
        (
            [("lista", 0)],
            "# head\nlista:\n\n  # om b\n  - id: b\n    text: B\n  # om c\n  - id: c\n"
            "    text: C\nslut: 1\n",
        ),
        (
            [("lista", 2), ("lista", 1, "text")],
            "# head\nlista:\n  # om a\n  - id: a\n    text: |\n      rad\n"
            "      # inte en kommentar\n\n  # om b\n  - id: b\nslut: 1\n",
        ),
        ([("lista",)], "# head\nslut: 1\n"),
    ],
)
def test_remove_entries_keeps_neighbours_comments(
    paths: list[yamledit.Path], expected: str
) -> None:
    assert yamledit.remove_entries(parse(DOC, "x.yaml"), paths) == expected


def test_set_values_keeps_comments_and_layout() -> None:
    text = "# a\når: 2025  # året\ntitel: 'Plan 2025'\nlista:\n  - x: 1\n    # c\n    y: 2\n"
    out = yamledit.set_values(text, {("år",): 2026, ("lista", 0, "y"): "ej rapporterad"})
    assert out == (
        "# a\når: 2026  # året\ntitel: 'Plan 2025'\nlista:\n  - x: 1\n    # c\n"
        "    y: ej rapporterad\n"
    )


def test_remove_in_flow_style_is_refused() -> None:
    with pytest.raises(yamledit.EditError):
        yamledit.remove_entries(parse("a: [1, 2]\n", "x.yaml"), [("a", 0)])


def test_a_new_vp_period_is_named_and_old_goals_are_reported(shipped: Path) -> None:
    """AP 2024 -> 2025 crosses from VP 2021-2024 to VP 2025-2028: the new plan names the new
    VP, and validation points at each activity whose goal the new VP does not have."""
    AP_2025.unlink()
    HP_2025.unlink()

    run = cli("new", "2025", "--from", "2024")

    assert run.exit_code == 1
    assert "verksamhetsplan: vp-2021-2024 -> vp-2025-2028" in run.stdout
    assert "plans/aktivitetsplan-2025.yaml:" in run.stdout and "PV101 fel" in run.stdout
    planset = load_plan_dir(Path("plans"))
    new_ap = planset.ap(2025)
    assert new_ap is not None and new_ap.plan.vp == "vp-2025-2028"
