"""Making, filling and saving report workbooks as an owner would, for the intake tests."""

from __future__ import annotations

import datetime as dt
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.conftest import cli
from tests.realclients import need

STATUS, COMMENT, RESULT, DATE = 6, 7, 8, 9  # columns F, G, H, I of Åtgärder
OUT = Path("build/rapporter")
INBOX = OUT / "inkommet"


def plan_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "plans").rglob("*"))
        if p.is_file()
    }


def make(year: str = "2025", period: str = "helår", *extra: str) -> list[Path]:
    run = cli("rapportmall", year, "--period", period, *extra)
    assert run.exit_code == 0, run.stdout + run.stderr
    return sorted(OUT.glob("*.xlsx"))


def status_for(action: str) -> str:
    """A status that depends only on the action, so two owners of one action agree."""
    return ("grön", "gul", "röd", "avslutad")[zlib.crc32(action.encode()) % 4]


def fill(path: Path, target: Path, date: dt.datetime = dt.datetime(2025, 12, 20)) -> None:
    """Fill every row and indicator of a workbook, as an owner in Excel would."""
    book = load_workbook(path)
    sheet = book["Åtgärder"]
    for row in range(2, sheet.max_row + 1):
        action = sheet.cell(row, 1).value
        sheet.cell(row, STATUS).value = status_for(action)
        sheet.cell(row, COMMENT).value = f"Arbetet med {action} fortsätter; två regioner väntar."
        sheet.cell(row, RESULT).value = "Hälften av regionerna är klara."
        sheet.cell(row, DATE).value = date
    indicators = book["Indikatorer"]
    for row in range(2, indicators.max_row + 1):
        indicators.cell(row, 4).value = f"{60 + row} procent"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)


def edit(path: Path, change: Callable[[Any], None], target: Path | None = None) -> Path:
    """Open a workbook with openpyxl, let ``change`` edit it, save it (to ``target``)."""
    book = load_workbook(path)
    change(book)
    target = target or path
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def fill_all(paths: list[Path]) -> list[Path]:
    filled = []
    for path in paths:
        target = INBOX / path.name
        fill(path, target)
        filled.append(target)
    return filled


def libreoffice_save(path: Path, folder: Path) -> Path:
    """Open and save the workbook with LibreOffice Calc, headless, as .xlsx."""
    soffice = need("soffice", "libreoffice")
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder.parent / "lo-profil").resolve().as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = folder / path.name
    assert saved.is_file()
    return saved
