"""The report workbook's layout: sheet names, columns, and the hidden sheet's keys.

Shared by the writer and the reader, so the two cannot disagree about where a value is.
"""

from __future__ import annotations

from dataclasses import dataclass

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
