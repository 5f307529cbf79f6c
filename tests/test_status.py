"""`planverk status` on the shipped plans, checked against counts computed here straight
from the YAML files; its formats (text, md, json, xlsx); the follow-up rules' edge cases."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from planverk.lint.validate import validate
from tests.conftest import cli

STATUSES = ["grön", "gul", "röd", "avslutad", "ej rapporterad"]


def _load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def _expected(root: Path, year: int) -> dict[str, Any]:
    """Counts for ``year`` computed from the files with no planverk code: `status:`, else
    the latest report's status, else ej rapporterad (no report is dated later); the
    fokusområde through the AP rubrik's VP goal, or the action's own VP goal; the owner by
    ansvar, else uppdrag, else the plan's ägare."""
    plans = root / "plans"
    project = _load(plans / "planverk.yaml")
    names = {body["id"]: body["namn"] for body in project["organ"]}
    vp = _load(plans / "verksamhetsplan-2025-2028.yaml")
    goal_area = {g["id"]: area["rubrik"] for area in vp["fokusområden"] for g in area["mål"]}
    ap = _load(plans / f"aktivitetsplan-{year}.yaml")
    activity_goal = {
        activity["id"]: activity.get("mål", heading["mål"])
        for area in ap["fokusområden"]
        for heading in area["rubriker"]
        for activity in heading.get("aktiviteter", [])
    }
    totals: Counter[str] = Counter()
    by_area: dict[str, Counter[str]] = {}
    by_owner: dict[str, Counter[str]] = {}
    missing_t2: list[str] = []
    for path in sorted((plans / "handlingsplaner").rglob("*.yaml")):
        hp = _load(path)
        if hp.get("år", year) != year:
            continue
        for action in hp["åtgärder"]:
            reports = sorted(action.get("rapporter", []), key=lambda r: r["datum"])
            latest = reports[-1]["status"] if reports else "ej rapporterad"
            status = action.get("status", latest)
            goal = activity_goal[action["aktivitet"]] if "aktivitet" in action else action["mål"]
            owners = action.get("ansvar") or [
                body for assignment in action.get("uppdrag", []) for body in assignment["till"]
            ]
            totals[status] += 1
            by_area.setdefault(goal_area[goal], Counter())[status] += 1
            for owner in dict.fromkeys(owners or [hp["ägare"]]):
                by_owner.setdefault(names[owner], Counter())[status] += 1
            if status != "avslutad" and not any(r["period"] == "t2" for r in reports):
                missing_t2.append(f"{hp['id']}/{action['id']}")
    return {
        "totals": totals,
        "by_area": by_area,
        "by_owner": by_owner,
        "missing_t2": missing_t2,
    }


def test_status_2025_counts_match_the_files(shipped: Path) -> None:
    expected = _expected(shipped, 2025)
    assert sum(expected["totals"].values()) == 11  # 6 yearly + 5 living actions
    assert len(set(expected["totals"])) == 5, "the shipped plans use every status"

    run = cli("status", "2025", "--datum", "2025-09-15", "--format", "json")

    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["period"]["id"] == "t2"
    assert data["totals"] == {s: expected["totals"][s] for s in STATUSES}
    assert {a["heading"]: Counter(a["counts"]) + Counter() for a in data["by_focus_area"]} == {
        k: v + Counter() for k, v in expected["by_area"].items()
    }
    assert {o["name"]: Counter(o["counts"]) + Counter() for o in data["by_owner"]} == {
        k: v + Counter() for k, v in expected["by_owner"].items()
    }
    assert data["missing_report"] == expected["missing_t2"]
    assert data["late"] == []
    assert len(data["actions"]) == 11


def test_status_2025_text_prints_the_counts(shipped: Path) -> None:
    expected = _expected(shipped, 2025)
    run = cli("status", "2025", "--datum", "2025-09-15")
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "Uppföljning 2025 per 2025-09-15 – Sjukvårdsregion Mellansverige" in out
    assert "Aktuell rapportperiod: Tertial 2 (2025-05-01–2025-08-31)" in out
    total = expected["totals"]
    numbers = r"\s+".join(str(total[s]) for s in STATUSES)
    assert re.search(rf"^Totalt\s+{numbers}\s+11$", out, re.MULTILINE), out
    for area, counts in expected["by_area"].items():
        numbers = r"\s+".join(str(counts[s]) for s in STATUSES)
        assert re.search(rf"^{re.escape(area)}\s+{numbers}\s+{counts.total()}$", out, re.M)
    assert f"Saknar rapport för Tertial 2 ({len(expected['missing_t2'])})" in out
    assert "ledningsgruppen-2025/nära-vård-samverkan (Ledningsgruppen)" in out


def test_late_actions_by_tidplan(shipped: Path) -> None:
    data = json.loads(cli("status", "2025", "--datum", "2025-12-20", "-f", "json").stdout)
    # sekundärprevention ends 2025-11-30 (gul), utbildning 2025-12-15 (röd); aortaklaff
    # ended 2025-06-30 but is avslutad.
    assert data["late"] == [
        "rpo-hjärta-kärl-levande/sekundärprevention-hjärtinfarkt",
        "rpo-hjärta-kärl-levande/utbildning-hjärtultraljud",
    ]
    late = {a["id"]: a["late_days"] for a in data["actions"] if a["late_days"] is not None}
    assert late == {"sekundärprevention-hjärtinfarkt": 20, "utbildning-hjärtultraljud": 5}
    text = cli("status", "2025", "--datum", "2025-12-20").stdout
    assert "Försenade enligt tidplanen (2)" in text
    assert "tidplanen slutade 2025-11-30, 20 dagar sedan; status gul" in text


def test_status_as_of_an_earlier_date_uses_the_reports_then(shipped: Path) -> None:
    data = json.loads(cli("status", "2025", "--datum", "2025-05-15", "-f", "json").stdout)
    assert data["period"]["id"] == "t1"
    # At t1 the living plan reported 4 grön and 1 gul.
    assert data["totals"] == {
        "grön": 4,
        "gul": 1,
        "röd": 0,
        "avslutad": 0,
        "ej rapporterad": 6,
    }


def test_living_plan_runs_on_into_the_next_year(shipped: Path) -> None:
    data = json.loads(cli("status", "2026", "--datum", "2026-05-15", "-f", "json").stdout)
    ids = [a["id"] for a in data["actions"]]
    # aortaklaff was avslutad in 2025; the others carry their latest (2025) status.
    assert "aortaklaff-arbetsfördelning" not in ids and len(ids) == 4
    assert data["plans"] == ["rpo-hjärta-kärl-levande"]
    assert len(data["missing_report"]) == 4  # nobody has reported tertial 1 of 2026


def test_year_defaults_to_the_year_of_datum(shipped: Path) -> None:
    run = cli("status", "--datum", "2024-06-01")
    assert run.exit_code == 0
    assert "Uppföljning 2024 per 2024-06-01" in run.stdout
    assert "Inga åtgärder räknas för 2024." in run.stdout


def test_markdown_has_tables(shipped: Path) -> None:
    out = cli("status", "2025", "--datum", "2025-09-15", "-f", "md").stdout
    assert out.startswith("# Uppföljning 2025")
    assert "| Fokusområde | grön | gul | röd | avslutad | ej rapporterad | totalt |" in out
    assert "| **Totalt** | **2** | **1** | **1** | **1** | **6** | **11** |" in out


def test_xlsx_has_one_row_per_action(shipped: Path) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    run = cli("status", "2025", "--datum", "2025-09-15", "-f", "xlsx", "-o", "status.xlsx")
    assert run.exit_code == 0, run.stderr
    book = load_workbook(shipped / "status.xlsx")
    sheet = book["Åtgärder"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == [
        "Handlingsplan",
        "Åtgärd (id)",
        "Åtgärd",
        "Fokusområde",
        "Ägare",
        "Status",
    ]
    assert "Saknar rapport för Tertial 2" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    plans = [shipped / "plans/handlingsplaner/2025/ledningsgruppen.yaml"]
    plans.append(shipped / "plans/handlingsplaner/levande/rpo-hjärta-kärl.yaml")
    ids = [action["id"] for path in plans for action in _load(path)["åtgärder"]]
    assert len(rows) == len(ids) == 11
    assert sorted(row[1] for row in rows) == sorted(ids)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}12"
    assert all(sheet.column_dimensions[c].width >= 8 for c in "ABCDEF")
    status_of = {row[1]: row[5] for row in rows}
    assert status_of["utbildning-hjärtultraljud"] == "röd"
    assert book["Per fokusområde"]["G6"].value == 11


def test_usage_errors(shipped: Path) -> None:
    run = cli("status", "--datum", "15/9 2025")
    assert run.exit_code == 2
    assert "--datum '15/9 2025' är inte ett datum" in run.stderr
    run = cli("status", "-f", "xlsx")
    assert run.exit_code == 2
    assert "--format xlsx behöver en fil" in run.stderr


def test_cli_import_does_not_load_openpyxl() -> None:
    code = "import sys, planverk.cli.app; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the follow-up rules beyond their docstring examples ---------------------------------


def _living(reports: str) -> str:
    return (
        "typ: handlingsplan\nid: rpo\ntitel: Levande plan\nägare: ledningsgruppen\n"
        "levande: true\nverksamhetsplan: vp-2025-2028\nåtgärder:\n"
        "  - id: nätverk\n    text: Stärk samverkan mellan nätverken.\n    mål: nära-vård\n"
        "    uppföljning:\n      metod: Enkät.\n    status: grön\n    rapporter:\n" + reports
    )


@pytest.mark.parametrize(
    ("reports", "codes"),
    [
        # A helår report written in January belongs to the year before: fine.
        (
            "      - period: helår\n        datum: 2026-01-20\n        status: grön\n"
            "        resultat: Klart.\n",
            set(),
        ),
        # The same period in two years of a living plan is fine.
        (
            "      - period: t1\n        datum: 2025-04-30\n        status: grön\n"
            "      - period: t1\n        datum: 2026-04-30\n        status: grön\n",
            set(),
        ),
        # Tertial 1 reported in November: too late.
        ("      - period: t1\n        datum: 2025-11-05\n        status: grön\n", {"PV309"}),
        # The helår report of an action with uppföljning needs a resultat.
        ("      - period: helår\n        datum: 2025-12-31\n        status: grön\n", {"PV311"}),
    ],
)
def test_follow_up_rules_in_a_living_plan(minimal: Path, reports: str, codes: set[str]) -> None:
    (minimal / "plans/handlingsplaner/rpo.yaml").write_text(_living(reports), encoding="utf-8")
    found = {f.code for f in validate().findings if f.code.startswith(("PV308", "PV309", "PV31"))}
    assert found == codes


def test_february_29_is_a_valid_period_end(minimal: Path) -> None:
    project = minimal / "plans/planverk.yaml"
    project.write_text(
        project.read_text("utf-8")
        + 'uppföljningsperioder:\n  - id: feb\n    namn: Februari\n    slutar: "02-29"\n'
        + '  - id: helår\n    namn: Helår\n    slutar: "12-31"\n',
        encoding="utf-8",
    )
    assert validate().findings == []
