"""The report workbook's shape: sheets, columns, the hidden sheet, and a returned workbook
as plain cells with their positions.

Shared by the writer (:mod:`planverk.intake.workbook`), the reader
(:mod:`planverk.intake.read`) and the workbook rules (PV501–PV549), so none of them can
disagree about where a value is. Nothing here imports openpyxl.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ACTIONS = "Åtgärder"
INDICATORS = "Indikatorer"
INSTRUCTIONS = "Instruktioner"
META = "planverk"  # the hidden sheet: year, period, owner, plan version, one row per row

FORMAT = "planverk-rapportmall"
FORMAT_VERSION = "1"
STATUSES = ("grön", "gul", "röd", "avslutad")
HEADER_ROW = 1
FIRST_ROW = 2


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: int
    editable: bool = False


ACTION_COLUMNS: tuple[Column, ...] = (
    Column("id", "Id", 26),
    Column("action", "Åtgärd", 50),
    Column("activity", "Aktivitet eller mål", 40),
    Column("assignment", "Uppdrag", 36),
    Column("schedule", "Tidplan", 24),
    Column("status", "Status", 12, editable=True),
    Column("comment", "Kommentar", 50, editable=True),
    Column("result", "Resultat", 40, editable=True),
    Column("date", "Datum", 13, editable=True),
    Column("last", "Senast rapporterat", 26),
    Column("last_comment", "Senaste kommentar", 40),
    Column("method", "Uppföljningens metod", 36),
    Column("target", "Uppföljningens mål", 36),
    Column("plan", "Handlingsplan", 32),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("id", "Id", 26),
    Column("action", "Åtgärd", 40),
    Column("indicator", "Kvalitetsindikator", 60),
    Column("value", "Värde", 24, editable=True),
)

COLUMNS = {ACTIONS: ACTION_COLUMNS, INDICATORS: INDICATOR_COLUMNS}


def index(columns: tuple[Column, ...], key: str) -> int:
    """1-based column number of ``key``."""
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)


def read_only(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    return tuple(c for c in columns if not c.editable)


def letter(number: int) -> str:
    """Column letters of a 1-based column number (1 -> A, 27 -> AA)."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def ref(sheet: str, row: int, column: int) -> str:
    """``Åtgärder!F7``."""
    return f"{sheet}!{letter(column)}{row}"


# The hidden sheet: key/value rows, then a table with one row per row of the other sheets.
META_KEYS = ("format", "version", "år", "period", "ägare", "ägarnamn", "planversion", "rader")
CHECKSUM_KEY = "kontrollsumma"
TABLE_HEADER = ("blad", "rad", "handlingsplan", "åtgärd", "indikator", "celler", "fingeravtryck")


def fingerprint(texts: list[str]) -> str:
    """A short hash of texts in order (16 hex digits: a checksum, not a signature)."""
    digest = hashlib.sha256("\x1f".join(texts).encode("utf-8"))
    return digest.hexdigest()[:16]


def checksum(pairs: Sequence[tuple[str, str]], table: Sequence[Sequence[object]]) -> str:
    """The hidden sheet's checksum over its other cells (catches an edit, not intent)."""
    texts = [f"{k}={v}" for k, v in pairs]
    texts += ["|".join(str(c) for c in row) for row in table]
    return fingerprint(texts)


# What a cell holds, as the reader saw it.
TEXT, NUMBER, DATE, BOOL, FORMULA, ERROR = "text", "number", "date", "bool", "formula", "error"


@dataclass(frozen=True, slots=True)
class Cell:
    sheet: str
    row: int
    column: int
    value: object  # str, int, float, bool, datetime.datetime or the formula's text
    kind: str

    @property
    def ref(self) -> str:
        return ref(self.sheet, self.row, self.column)

    @property
    def text(self) -> str:
        """The value as the read-only cells are compared: text, or '' for an empty cell."""
        return self.value if isinstance(self.value, str) else str(self.value)


# sheet -> row -> column -> cell, for the cells that hold something
Cells = dict[int, dict[int, Cell]]


@dataclass(frozen=True, slots=True)
class TableEntry:
    """One row of the hidden sheet's table: what was written at a row of another sheet."""

    sheet: str
    row: int
    plan: str
    action: str
    indicator: int | None  # 1-based number of the indicator, on the Indikatorer sheet
    cells: str  # fingerprint of the row's read-only cells as written
    fingerprint: str  # the action's fingerprint (Åtgärder rows)


@dataclass(slots=True)
class ReturnedBook:
    path: Path
    display: str
    sheet_names: list[str] = field(default_factory=list)
    sheets: dict[str, Cells] = field(default_factory=dict)  # Åtgärder and Indikatorer
    meta: dict[str, str] = field(default_factory=dict)  # the hidden sheet's key/value rows
    meta_cells: dict[str, Cell] = field(default_factory=dict)
    meta_state: str | None = None  # the hidden sheet's visibility, None when missing
    table: list[TableEntry] = field(default_factory=list)
    table_ok: bool = True  # every table row could be read
    merged: list[tuple[str, str]] = field(default_factory=list)  # (sheet, "F7:G7")

    @property
    def year(self) -> int | None:
        text = self.meta.get("år", "")
        return int(text) if text.isdigit() else None

    @property
    def period(self) -> str:
        return self.meta.get("period", "")

    def cell(self, sheet: str, row: int, column: int) -> Cell | None:
        return self.sheets.get(sheet, {}).get(row, {}).get(column)
