"""The kansli's loop on the shipped plans: workbooks out, filled in as owners would, back in.

These are the issue's acceptance tests: validate is clean afterwards, the YAML diff is the
new reports (and, for actions that have them, ``status:``, ``kommentar:`` and the
follow-up's ``resultat:`` following the report), every comment line stays, importing twice
changes nothing, ``--ersätt`` replaces and shows the old report, ``--torrkörning`` writes
nothing, and a workbook saved by LibreOffice Calc gives the same result.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from planverk.lint.validate import validate
from planverk.loading.yamlfile import parse
from tests.conftest import cli
from tests.intake.helpers import (
    INBOX,
    edit,
    fill_all,
    libreoffice_save,
    make,
    plan_bytes,
    status_for,
)

LEDNINGSGRUPPEN = "plans/handlingsplaner/2025/ledningsgruppen.yaml"
LIVING = "plans/handlingsplaner/levande/rpo-hjärta-kärl.yaml"
MIRRORED = ("status:", "kommentar:", "resultat:")


def _changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added."""
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed += old.splitlines()[a1:a2]
        if op in ("replace", "insert"):
            added += new.splitlines()[b1:b2]
    return removed, added


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_owners_fill_in_and_the_import_writes_exactly_the_reports(shipped: Path) -> None:
    before = plan_bytes(shipped)
    made = make("2025", "helår")
    assert [p.name for p in made] == [
        "hr-direktörsgruppen.xlsx",
        "krisberedskapschefer.xlsx",
        "ledningsgruppen.xlsx",
        "rd-gruppen.xlsx",
        "rpo-hjärta-kärl.xlsx",
        "upphandlingsgruppen.xlsx",
    ]
    filled = fill_all(made)

    run = cli("import", *map(str, filled))

    assert run.exit_code == 0, run.stdout + run.stderr
    assert validate().findings == []
    after = plan_bytes(shipped)
    assert set(after) == set(before)
    touched = {name for name in after if after[name] != before[name]}
    assert touched == {LEDNINGSGRUPPEN, LIVING}
    for name in touched:
        old_text, new_text = before[name].decode(), after[name].decode()
        assert _comments(new_text) == _comments(old_text), "every comment line is kept"
        removed, added = _changed_lines(old_text, new_text)
        # Only the present state of living-plan actions is replaced; nothing else goes.
        assert all(line.strip().startswith(MIRRORED) for line in removed), removed
        old_data, new_data = parse(old_text, name).data, parse(new_text, name).data
        for old_action, new_action in zip(old_data["åtgärder"], new_data["åtgärder"], strict=True):
            if old_action.get("status") == "avslutad":  # finished at t2: not asked for
                assert new_action == old_action
                continue
            old_reports = old_action.get("rapporter", [])
            new_reports = new_action["rapporter"]
            assert new_reports[: len(old_reports)] == old_reports
            (report,) = new_reports[len(old_reports) :]
            action = old_action["id"]
            assert report["period"] == "helår"
            assert report["datum"] == dt.date(2025, 12, 20)
            assert report["status"] == status_for(action)
            assert report["kommentar"] == f"Arbetet med {action} fortsätter; två regioner väntar."
            assert report["resultat"] == "Hälften av regionerna är klara."
            indicators = old_action.get("uppföljning", {}).get("kvalitetsindikatorer", [])
            assert [i["indikator"] for i in report.get("indikatorer", [])] == indicators
            # Apart from the report, an action changes only where it follows the report.
            rest_old = {k: v for k, v in old_action.items() if k != "rapporter"}
            rest_new = {k: v for k, v in new_action.items() if k != "rapporter"}
            if "status" in old_action:
                assert rest_new["status"] == report["status"]
                assert rest_new["kommentar"] == report["kommentar"]
                assert rest_new["uppföljning"]["resultat"] == report["resultat"]
                rest_new["status"], rest_new["kommentar"] = (
                    rest_old["status"],
                    rest_old["kommentar"],
                )
                rest_new["uppföljning"] = rest_old["uppföljning"]
            assert rest_new == rest_old
        report_keys = ("rapporter:", "- period:", "datum:", "status:", "kommentar:")
        report_keys += ("resultat:", "indikatorer:", "- indikator:", "värde:")
        strange = [line for line in added if not line.strip().startswith(report_keys)]
        assert strange == []
    out = run.stdout
    assert f"{LEDNINGSGRUPPEN}: skrev 6 rapporter" in out
    assert "nationell-kompetensplan: Helår 2025: ej rapporterad → " in out
    assert "sekundärprevention-hjärtinfarkt: Helår 2025: gul → " in out

    # Importing the same workbooks again changes nothing, byte for byte.
    again = cli("import", *map(str, filled))
    assert again.exit_code == 0, again.stdout + again.stderr
    assert plan_bytes(shipped) == after
    assert "10 rapporter fanns redan likadana i planerna (oförändrade)." in again.stdout


def test_libreoffice_saved_workbooks_import_the_same(shipped: Path, tmp_path: Path) -> None:
    filled = fill_all(make("2025", "helår"))
    saved = [libreoffice_save(path, tmp_path / "lo") for path in filled]
    assert all(a.read_bytes() != b.read_bytes() for a, b in zip(filled, saved, strict=True))
    run = cli("import", *map(str, saved))
    assert run.exit_code == 0, run.stdout + run.stderr
    by_libreoffice = plan_bytes(shipped)
    assert validate().findings == []

    # The same workbooks as openpyxl saved them are then already in: a no-op.
    again = cli("import", *map(str, filled))
    assert again.exit_code == 0, again.stdout + again.stderr
    assert "10 rapporter fanns redan likadana" in again.stdout
    assert plan_bytes(shipped) == by_libreoffice


def test_existing_report_is_kept_unless_replaced_and_then_shown(shipped: Path) -> None:
    (made,) = [p for p in make("2025", "t2") if p.name == "rpo-hjärta-kärl.xlsx"]
    # The t2 reports exist: the workbook shows them, and as it is it imports as a no-op.
    before = plan_bytes(shipped)
    run = cli("import", str(made))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "5 rapporter fanns redan likadana" in run.stdout
    assert plan_bytes(shipped) == before

    def worse(book: object) -> None:
        sheet = book["Åtgärder"]  # type: ignore[index]
        assert sheet["A2"].value == "hjärtsvikt-vårdförlopp"
        sheet["F2"] = "gul"
        sheet["G2"] = "Två regioner har ännu inte infört remissrutinen."

    changed = edit(made, worse, INBOX / made.name)
    refused = cli("import", str(changed))
    assert refused.exit_code == 1
    assert (
        f"{changed}:Åtgärder!F2: PV518 fel: åtgärden 'hjärtsvikt-vårdförlopp' har redan en "
        f"rapport för t2 (2025-08-31, grön) i {LIVING}" in refused.stdout
    )
    assert plan_bytes(shipped) == before

    dry = cli("import", "--ersätt", "--torrkörning", str(changed))
    assert dry.exit_code == 0, dry.stdout + dry.stderr
    assert f"{LIVING}: skulle skriva 1 rapport" in dry.stdout
    assert plan_bytes(shipped) == before

    replaced = cli("import", "--ersätt", str(changed))
    assert replaced.exit_code == 0, replaced.stdout + replaced.stderr
    assert "hjärtsvikt-vårdförlopp: Tertial 2 2025: grön → gul" in replaced.stdout
    assert (
        "ersätter rapporten 2025-08-31: grön, 'Alla sju regioner har infört remissrutinen.'"
        in replaced.stdout
    )
    text = (shipped / LIVING).read_text(encoding="utf-8")
    assert text.count("Alla sju regioner har infört remissrutinen.") == 0
    assert "        kommentar: Två regioner har ännu inte infört remissrutinen.\n" in text
    assert _comments(text) == _comments(before[LIVING].decode())
    assert validate().findings == []
    after = plan_bytes(shipped)
    assert cli("import", "--ersätt", str(changed)).exit_code == 0
    assert plan_bytes(shipped) == after, "replacing with the same report again is a no-op"


def test_missing_reports_before_and_after(shipped: Path) -> None:
    run = cli("status", "2025", "--period", "helår", "--saknas")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith(
        "Saknar rapport för Helår 2025: 10 åtgärder hos 6 ägare (rapporter dateras "
        "2025-09-01–2026-03-01)"
    )
    assert "Krisberedskapschefer (2 av 2)\n  ledningsgruppen-2025/masskadehändelser: " in run.stdout
    csv_run = cli("status", "2025", "--period", "helår", "--saknas", "-f", "csv")
    lines = csv_run.stdout.splitlines()
    assert lines[0] == "ägare-id,ägare,handlingsplan,åtgärd,text,fil,period"
    assert len(lines) == 1 + 11  # one action has two owners
    filled = fill_all([p for p in make("2025", "helår") if p.name != "ledningsgruppen.xlsx"])
    assert cli("import", *map(str, filled)).exit_code == 0
    after = cli("status", "2025", "--period", "helår", "--saknas", "-f", "json")
    import json

    data = json.loads(after.stdout)
    assert [o["id"] for o in data["owners"]] == ["ledningsgruppen"]
    assert [m["id"] for m in data["owners"][0]["missing"]] == [
        "nära-vård-samverkan",
        "krisberedskap-övningar",
    ]
    # The finished living-plan action (avslutad at t2) is not asked for at helår.
    assert "aortaklaff" not in run.stdout


def test_missing_usage_errors(shipped: Path) -> None:
    run = cli("status", "2025", "-f", "csv")
    assert run.exit_code == 2
    assert "--format csv hör till --saknas" in run.stderr
    run = cli("status", "2025", "--period", "t2")
    assert run.exit_code == 2
    assert "--period hör till --saknas" in run.stderr
    run = cli("status", "2025", "--saknas", "-f", "xlsx")
    assert run.exit_code == 2
    assert "--saknas skrivs som text, csv eller json" in run.stderr
    run = cli("status", "2025", "--saknas", "--period", "t7")
    assert run.exit_code == 2
    assert "perioden 't7' finns inte" in run.stderr
    # Without --period: the latest period that has ended by --datum.
    run = cli("status", "2025", "--saknas", "--datum", "2025-09-15")
    assert run.exit_code == 0
    assert run.stdout.startswith("Saknar rapport för Tertial 2 2025: 6 åtgärder hos 5 ägare")
