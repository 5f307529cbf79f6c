"""What every writer shares: the document's core properties and the status colours."""

from __future__ import annotations

import datetime as dt
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
