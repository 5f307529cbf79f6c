"""`planverk rapportmall`: one report workbook per owner, for one period.

Sheets: *Instruktioner* (what to do, the status words, the dates allowed), *Åtgärder* (one
row per action: read-only cells for what the owner needs to see, editable cells for the
period's report: status as a dropdown, kommentar, resultat, datum), *Indikatorer* (one row
per kvalitetsindikator, with a cell for its value), and the hidden sheet *planverk* that
records year, period, owner, the plan version and one row per row of the other sheets with
the fingerprints the import checks (see :mod:`planverk.intake.selection`).

Read-only cells are locked and the sheets protected without a password (the protection
guards against slips, not against intent: the import checks every read-only cell). Text
from plans is always written as text, never as a formula. The same plans give the same
bytes: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planverk.intake.selection import OwnerBook, Selection
from planverk.model import workbook as layout
from planverk.model.workbook import (
    ACTION_COLUMNS,
    ACTIONS,
    INDICATOR_COLUMNS,
    INDICATORS,
    META,
    checksum,
    fingerprint,
)
from planverk.office.package import repack

EDITABLE_FILL = "FFF2CC"
HEADER_FILL = "D9E1F2"
READ_ONLY_FILL = "F2F2F2"
_CORE = "docProps/core.xml"
_CORE_DATE = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


@dataclass(frozen=True, slots=True)
class MadeBook:
    """One owner's workbook: the file name it should get and its bytes."""

    book: OwnerBook
    name: str
    data: bytes

    @property
    def rows(self) -> int:
        return len(self.book.items)


def file_name(book: OwnerBook) -> str:
    """``<owner id>.xlsx``: ids are lower-case letters, digits and dashes."""
    return f"{book.owner.id}.xlsx"


def make_all(selection: Selection) -> list[MadeBook]:
    return [MadeBook(book, file_name(book), make(selection, book)) for book in selection.books]


def make(selection: Selection, book: OwnerBook) -> bytes:
    """The owner's workbook as .xlsx bytes (equal input, equal bytes)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook()
    workbook.remove(workbook.active)
    _instructions(workbook.create_sheet(layout.INSTRUCTIONS), selection, book)
    actions = workbook.create_sheet(ACTIONS)
    indicators = workbook.create_sheet(INDICATORS)
    table: list[list[Any]] = []
    _actions(actions, selection, book, table)
    _indicators(indicators, selection, book, table)
    _meta(workbook.create_sheet(META), selection, book, table)
    workbook.active = 0
    props = workbook.properties
    props.creator = selection.region or "planverk"
    props.lastModifiedBy = "planverk"
    props.title = f"Rapport {selection.span.name} {selection.year} – {book.owner.name}"
    props.language = "sv-SE"
    fixed = dt.datetime.combine(selection.span.end, dt.time())
    props.created = props.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return repack(_fixed_dates(buffer.getvalue(), fixed))


def _fixed_dates(data: bytes, when: dt.datetime) -> bytes:
    """openpyxl sets the modified date to the time of saving; set it to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == _CORE:
                text = blob.decode("utf-8")
                blob = _CORE_DATE.sub(lambda m: f"{m.group(1)}{stamp}{m.group(2)}", text).encode()
            target.writestr(info.filename, blob)
    return out.getvalue()


def _text(cell: Any, value: str | None) -> None:
    """A plan's text as text: never a formula, whatever its first character."""
    cell.value = value or None
    if value:
        cell.data_type = "s"


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]

    return {
        "bold": Font(bold=True),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "editable": PatternFill("solid", start_color=EDITABLE_FILL, end_color=EDITABLE_FILL),
        "header": PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL),
        "read_only": PatternFill("solid", start_color=READ_ONLY_FILL, end_color=READ_ONLY_FILL),
        "unlocked": Protection(locked=False),
    }


def _header(sheet: Any, columns: Sequence[layout.Column], styles: dict[str, Any]) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(layout.HEADER_ROW, number)
        _text(cell, column.header)
        cell.font = styles["bold"]
        cell.alignment = styles["wrap"]
        cell.fill = styles["editable"] if column.editable else styles["header"]
        sheet.column_dimensions[layout.letter(number)].width = column.width
    sheet.freeze_panes = "B2"


def _print(sheet: Any) -> None:
    """Printed landscape, with the header row and the id column on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:A"


LINE_HEIGHT = 15  # points per line of 11-point text
MAX_LINES = 20


def _height(texts: Sequence[tuple[str, int]]) -> float:
    """A row's height for its wrapped texts (text, column width in characters): Excel and
    LibreOffice do not grow a row for wrapped text they did not lay out themselves."""
    lines = 1
    for text, width in texts:
        per_line = max(int(width * 1.2), 1)
        count = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    return min(lines, MAX_LINES) * LINE_HEIGHT


def _protect(sheet: Any) -> None:
    """Sheet protection without a password; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _actions(sheet: Any, selection: Selection, book: OwnerBook, table: list[list[Any]]) -> None:
    from openpyxl.utils.datetime import to_excel  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    styles = _styles()
    _header(sheet, ACTION_COLUMNS, styles)
    span = selection.span
    last = layout.FIRST_ROW + len(book.items) - 1
    for row, item in enumerate(book.items, start=layout.FIRST_ROW):
        report = item.existing
        editable: dict[str, Any] = {
            "status": report.status if report else None,
            "comment": report.comment if report else None,
            "result": report.result if report else None,
            "date": report.date if report else span.end,
        }
        texts = [(item.values[c.key], c.width) for c in ACTION_COLUMNS if not c.editable]
        texts += [(str(editable[c.key] or ""), c.width) for c in ACTION_COLUMNS if c.editable]
        sheet.row_dimensions[row].height = _height(texts)
        for number, column in enumerate(ACTION_COLUMNS, start=1):
            cell = sheet.cell(row, number)
            cell.alignment = styles["wrap"]
            if not column.editable:
                _text(cell, item.values[column.key])
                cell.fill = styles["read_only"]
                continue
            cell.protection = styles["unlocked"]
            cell.fill = styles["editable"]
            value = editable[column.key]
            if column.key == "date":
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                _text(cell, value)
                if column.key != "status":
                    cell.number_format = "@"
        table.append(
            [ACTIONS, row, item.plan_id, item.action.id, "", _cells(item.values), item.fingerprint]
        )
    if book.items:
        status = layout.letter(layout.index(ACTION_COLUMNS, "status"))
        date = layout.letter(layout.index(ACTION_COLUMNS, "date"))
        choice = DataValidation(
            type="list",
            formula1='"' + ",".join(layout.STATUSES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Okänd status",
            error="Välj grön, gul, röd eller avslutad i listan.",
            showInputMessage=True,
            promptTitle="Status",
            prompt="grön = enligt plan, gul = mindre problem, röd = allvarliga problem, "
            "avslutad = klar.",
        )
        choice.add(f"{status}{layout.FIRST_ROW}:{status}{last}")
        start, end = span.start, span.report_deadline
        day = DataValidation(
            type="date",
            operator="between",
            formula1=str(int(to_excel(start))),
            formula2=str(int(to_excel(end))),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Datum utanför perioden",
            error=f"Skriv ett datum mellan {start.isoformat()} och {end.isoformat()}.",
        )
        day.add(f"{date}{layout.FIRST_ROW}:{date}{last}")
        sheet.add_data_validation(choice)
        sheet.add_data_validation(day)
    _print(sheet)
    _protect(sheet)


def _indicators(sheet: Any, selection: Selection, book: OwnerBook, table: list[list[Any]]) -> None:
    styles = _styles()
    _header(sheet, INDICATOR_COLUMNS, styles)
    row = layout.FIRST_ROW
    for item in book.items:
        given = {v.indicator: v.value for v in item.existing.indicators} if item.existing else {}
        for number, indicator in enumerate(item.indicators, start=1):
            values = {"id": item.action.id, "action": item.values["action"], "indicator": indicator}
            sheet.row_dimensions[row].height = _height(
                [(values[c.key], c.width) for c in INDICATOR_COLUMNS if not c.editable]
            )
            for column_number, column in enumerate(INDICATOR_COLUMNS, start=1):
                cell = sheet.cell(row, column_number)
                cell.alignment = styles["wrap"]
                if column.editable:
                    cell.protection = styles["unlocked"]
                    cell.fill = styles["editable"]
                    cell.number_format = "@"
                    _text(cell, given.get(indicator))
                else:
                    _text(cell, values[column.key])
                    cell.fill = styles["read_only"]
            table.append(
                [INDICATORS, row, item.plan_id, item.action.id, number, _cells(values), ""]
            )
            row += 1
    _print(sheet)
    _protect(sheet)


def _cells(values: dict[str, str]) -> str:
    return fingerprint(list(values.values()))


def meta_rows(selection: Selection, book: OwnerBook, rows: int) -> list[tuple[str, str]]:
    return [
        ("format", layout.FORMAT),
        ("version", layout.FORMAT_VERSION),
        ("år", str(selection.year)),
        ("period", selection.span.id),
        ("ägare", book.owner.id),
        ("ägarnamn", book.owner.name),
        ("planversion", book.version),
        ("rader", str(rows)),
    ]


def _meta(sheet: Any, selection: Selection, book: OwnerBook, table: list[list[Any]]) -> None:
    pairs = meta_rows(selection, book, len(table))
    for row, (key, value) in enumerate(pairs, start=1):
        _text(sheet.cell(row, 1), key)
        _text(sheet.cell(row, 2), value)
    row = len(pairs) + 1
    _text(sheet.cell(row, 1), layout.CHECKSUM_KEY)
    _text(sheet.cell(row, 2), checksum(pairs, table))
    start = row + 2
    for column, name in enumerate(layout.TABLE_HEADER, start=1):
        _text(sheet.cell(start, column), name)
    for offset, values in enumerate(table, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(start + offset, column)
            if isinstance(value, int):
                cell.value = value
            else:
                _text(cell, str(value))
    sheet.sheet_state = "hidden"
    _protect(sheet)


def _instructions(sheet: Any, selection: Selection, book: OwnerBook) -> None:
    styles = _styles()
    span = selection.span
    start, end = span.start.isoformat(), span.report_deadline.isoformat()
    lines = [
        f"Rapport för {span.name} {selection.year} – {book.owner.name}",
        selection.region,
        "",
        "Så här fyller du i rapporten",
        f"1. Gå till bladet {ACTIONS}. Där finns en rad för varje åtgärd som "
        f"{book.owner.name} rapporterar på.",
        "2. Fyll i de gula cellerna: Status (välj i listan), Kommentar, Resultat och Datum.",
        "   Grå celler är information ur planen och går inte att ändra.",
        "3. Status: grön = enligt plan, gul = mindre problem, röd = allvarliga problem, "
        "avslutad = klar.",
        "   Vid gul eller röd status ska Kommentar säga vad problemet är och vilket stöd som "
        "behövs.",
        "   Vid avslutad ska Resultat säga vad åtgärden har lett till.",
        f"4. Datum är dagen rapporten gäller, mellan {start} och {end}. Skriv det som ett "
        "datum (ÅÅÅÅ-MM-DD).",
        f"5. På bladet {INDICATORS} skriver du värdet för varje kvalitetsindikator, om det "
        "finns ett.",
        "6. Lämna en rad tom om du inte rapporterar på den åtgärden nu.",
        "7. Spara filen som Excel-arbetsbok (.xlsx) och skicka tillbaka den till kansliet.",
        "",
        "Lägg inte till eller ta bort rader och blad, och skriv inga formler: kansliet läser "
        "in filen som den är och får besked om varje cell som inte går att läsa.",
        f"Arbetsboken gäller {span.name} {selection.year} och planernas version {book.version}.",
    ]
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1)
        _text(cell, line)
        cell.alignment = styles["wrap"]
        if row == 1 or line == "Så här fyller du i rapporten":
            cell.font = styles["bold"]
    sheet.column_dimensions["A"].width = 90
    _protect(sheet)


def write_all(made: Sequence[MadeBook], folder: Path) -> list[Path]:
    """Write each workbook atomically into ``folder``; the paths written."""
    from planverk.core.atomic import write_atomic

    paths = []
    for book in made:
        path = folder / book.name
        write_atomic(path, book.data)
        paths.append(path)
    return paths
