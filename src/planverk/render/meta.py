"""What every writer shares: the document's core properties and the status colours."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

# Status cells are shaded and always carry the word too: colour is never the only carrier.
STATUS_FILL = {
    "grön": "C6EFCE",
    "gul": "FFEB9C",
    "röd": "FFC7CE",
    "avslutad": "D9E1F2",
    "ej rapporterad": "FFFFFF",
}


@dataclass(frozen=True, slots=True)
class Meta:
    """Core properties of the document (accessibility and reproducibility)."""

    title: str
    subject: str
    author: str
    date: dt.date
    language: str = "sv-SE"
    keywords: str = ""
    names: tuple[str, ...] = ()  # proper names never hyphenated (the region's and its regions')
    status: str | None = None  # "Förslag": the plan is not decided; shown in the header


def timestamp(date: dt.date) -> dt.datetime:
    """The moment written into a document's metadata (created, modified; a PDF's dates): the
    environment's SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
    midnight UTC of ``date``. Never the wall clock: the same input gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        return moment.replace(tzinfo=None)
    return dt.datetime(date.year, date.month, date.day)
