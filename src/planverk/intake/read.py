"""Read a returned report workbook into plain cells with their positions.

Every file is hostile until shown otherwise. Before openpyxl sees it, the bytes are looked
at: an old .xls, an encrypted workbook (both OLE2 files), an OpenDocument spreadsheet, a
Word file, text, or a zip whose parts unpack to more than :data:`MAX_UNPACKED` (a zip bomb)
are refused with their own finding. openpyxl then parses the XML with lxml without
resolving entities (no billion laughs, no external entities; tests/intake checks it), keeps
no external links and evaluates nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import warnings
import zipfile
from pathlib import Path
from typing import Any

from planverk.core.findings import Finding
from planverk.core.oserrors import read_reason
from planverk.model import workbook as layout
from planverk.model.workbook import (
    BOOL,
    DATE,
    ERROR,
    FORMULA,
    NUMBER,
    TEXT,
    Cell,
    Cells,
    ReturnedBook,
    TableEntry,
)
from planverk.rules import (
    pv501_not_a_workbook,
    pv502_encrypted_workbook,
    pv503_workbook_too_large,
)

MAX_FILE = 32 * 2**20  # bytes of the file itself
MAX_UNPACKED = 256 * 2**20  # bytes of all its parts unpacked
MAX_PARTS = 2_000
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
ODS = b"application/vnd.oasis.opendocument.spreadsheet"


class Refused(Exception):
    """The file is not a report workbook planverk will read; the finding says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def read(path: Path, display: str) -> ReturnedBook:
    """The workbook at ``path``; :class:`Refused` when it is not one planverk reads."""
    data = _bytes(path, display)
    _sniff(data, display)
    workbook = _open(data, display)
    book = ReturnedBook(path, display, sheet_names=list(workbook.sheetnames))
    for name in (layout.ACTIONS, layout.INDICATORS):
        if name in workbook.sheetnames:
            sheet = workbook[name]
            book.sheets[name] = _cells(sheet, name)
            book.merged += [(name, str(r)) for r in sheet.merged_cells.ranges]
    if layout.META in workbook.sheetnames:
        _meta(workbook[layout.META], book)
    return book


def _bytes(path: Path, display: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise Refused(
            pv501_not_a_workbook.finding(
                display,
                f"filen kan inte läsas ({read_reason(err)[0]})",
                "Kontrollera sökvägen och att filen går att läsa.",
            )
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(
                pv501_not_a_workbook.finding(
                    display, "det är ingen vanlig fil", "Ange en .xlsx-fil."
                )
            )
        if info.st_size > MAX_FILE:
            raise Refused(pv503_workbook_too_large.finding(display, f"{info.st_size // 2**20} MB"))
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_FILE + 1)
    finally:
        os.close(fd)


def _sniff(data: bytes, display: str) -> None:
    if data.startswith(OLE2):
        if ENCRYPTED_STREAM in data:
            raise Refused(pv502_encrypted_workbook.finding(display))
        raise Refused(
            pv501_not_a_workbook.finding(
                display,
                "filen är en arbetsbok i det gamla formatet .xls (Excel 97–2003)",
                "Öppna den i Excel eller LibreOffice Calc och spara den som Excel-arbetsbok "
                "(.xlsx).",
            )
        )
    if not data.startswith(ZIP):
        text = data[:512]
        looks_text = bool(text) and all(b >= 9 for b in text if b < 128)
        raise Refused(
            pv501_not_a_workbook.finding(
                display,
                "filen är en textfil (CSV?), inte en arbetsbok"
                if looks_text
                else "filen är ingen Excel-arbetsbok (.xlsx)",
                "Skicka arbetsboken som planverk rapportmall gjorde, sparad som .xlsx.",
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            unpacked = sum(info.file_size for info in infos)
            if len(infos) > MAX_PARTS or unpacked > MAX_UNPACKED:
                raise Refused(
                    pv503_workbook_too_large.finding(
                        display, f"{len(infos)} delar, {unpacked // 2**20} MB uppackat"
                    )
                )
            if "mimetype" in names and archive.read("mimetype").strip() == ODS:
                raise Refused(
                    pv501_not_a_workbook.finding(
                        display,
                        "filen är ett OpenDocument-kalkylblad (.ods)",
                        "Spara den som Excel-arbetsbok (.xlsx): Arkiv > Spara som > "
                        "Excel 2007–365.",
                    )
                )
            if "xl/workbook.xml" not in names:
                what = "ett Word-dokument" if "word/document.xml" in names else "en zip-fil"
                raise Refused(
                    pv501_not_a_workbook.finding(
                        display,
                        f"filen är {what}, inte en Excel-arbetsbok",
                        "Skicka arbetsboken som planverk rapportmall gjorde, sparad som .xlsx.",
                    )
                )
    except zipfile.BadZipFile:
        raise Refused(
            pv501_not_a_workbook.finding(
                display,
                "filen är skadad (zip-arkivet går inte att läsa)",
                "Be om en ny kopia av arbetsboken.",
            )
        ) from None


def _open(data: bytes, display: str) -> Any:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it drops
            return load_workbook(
                io.BytesIO(data), data_only=False, keep_links=False, rich_text=False
            )
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise Refused(
            pv501_not_a_workbook.finding(
                display,
                "arbetsboken går inte att läsa (skadad eller okänd)",
                "Öppna den i Excel eller LibreOffice Calc, spara den som .xlsx och försök igen.",
            )
        ) from None


def _kind(cell: Any) -> tuple[object, str] | None:
    value = cell.value
    if value is None or (isinstance(value, str) and value == "" and cell.data_type != "f"):
        return None
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        text = value if isinstance(value, str) else str(getattr(value, "text", "") or "")
        return text, FORMULA
    if cell.data_type == "e":
        return str(value), ERROR
    if isinstance(value, bool):
        return value, BOOL
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return value, DATE
    if isinstance(value, int | float):
        return value, NUMBER
    return str(value), TEXT


def _cells(sheet: Any, name: str) -> Cells:
    found: Cells = {}
    for row in sheet.iter_rows():
        for cell in row:
            kind = _kind(cell)
            if kind is None:
                continue
            found.setdefault(cell.row, {})[cell.column] = Cell(
                name, cell.row, cell.column, kind[0], kind[1]
            )
    return found


def _meta(sheet: Any, book: ReturnedBook) -> None:
    book.meta_state = str(sheet.sheet_state)
    cells = _cells(sheet, layout.META)
    keys = (*layout.META_KEYS, layout.CHECKSUM_KEY)
    row = 1
    while row in cells and row <= len(keys):
        key = cells[row].get(1)
        value = cells[row].get(2)
        if key is None or key.kind != TEXT:
            break
        book.meta[key.text] = value.text if value is not None else ""
        if value is not None:
            book.meta_cells[key.text] = value
        row += 1
    start = row + 1
    header = tuple(cells.get(start, {}).get(c + 1, None) for c in range(len(layout.TABLE_HEADER)))
    if tuple(c.text if c else "" for c in header) != layout.TABLE_HEADER:
        book.table_ok = False
        return
    for number in sorted(r for r in cells if r > start):
        values = cells[number]
        try:
            sheet_name, row_text, plan, action, indicator, hashed, printed = (
                values[c].text if c in values else "" for c in range(1, 8)
            )
            book.table.append(
                TableEntry(
                    sheet_name,
                    int(float(row_text)),
                    plan,
                    action,
                    int(float(indicator)) if indicator else None,
                    hashed,
                    printed,
                )
            )
        except ValueError:
            book.table_ok = False
