"""JSON Schema of each plan kind, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from planverk.model import MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, str]:
    """File name -> JSON text of every plan kind's schema."""
    out: dict[str, str] = {}
    for kind, model in MODELS.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema = {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema}
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def stale(folder: Path) -> list[str]:
    """Schema files in ``folder`` that are missing or differ from the model."""
    result = []
    for name, text in schemas().items():
        path = folder / name
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            result.append(name)
    return result
