"""References from an activity or an action into a verksamhetsplan in the agreement-paragraph
style: a paragraph by its number (``paragraf: 8.3``, ``paragraf: § 8.3``) or id, and a plan
bullet by its id (``punkt: regionala-programområden``).

The fields are declared here once and used by the aktivitetsplan (activities and rubriker)
and the handlingsplan (actions). :mod:`planverk.model.index` resolves them.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

ParagraphRef = str
BulletRef = str

PARAGRAPH_KEY = "paragraf"
BULLET_KEY = "punkt"
_NUMBER = re.compile(r"^\s*(?:§\s*)?(\d+(?:\.\d+)*)\s*$")


def paragraph_field() -> Any:
    return Field(
        default=None,
        alias=PARAGRAPH_KEY,
        max_length=120,
        title="Paragraf",
        description="Avtalsparagrafen i verksamhetsplanen som posten tjänar: numret (8.3 eller "
        "§ 8.3) eller paragrafens id. Ärvs annars från rubriken.",
    )


def bullet_field() -> Any:
    return Field(
        default=None,
        alias=BULLET_KEY,
        max_length=120,
        title="Punkt",
        description="Id:t på den punkt i verksamhetsplanen som posten tjänar (punkter kan få "
        "id: i verksamhetsplanen). Ärvs annars från rubriken.",
    )


def paragraph_number(reference: str) -> str | None:
    """The number a paragraph reference names ("§ 8.3" and "8.3" give "8.3"), or None
    when it is not a number (then it is an id)."""
    match = _NUMBER.match(reference)
    return match.group(1) if match else None
