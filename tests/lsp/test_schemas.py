"""Every key in schemas/ has a Swedish title and description, so the YAML extension's hover
and completion speak Swedish too (and the language server's key completion, which reads the
same descriptions from the model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planverk.model.common import Id, Text
from planverk.model.jsonschema import schemas
from tests.conftest import ROOT

# What a key's type alone says: not a description of the key.
_GENERIC = {
    meta.description
    for annotated in (Id, Text)
    for meta in getattr(annotated, "__metadata__", ())
    if getattr(meta, "description", None)
}


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            yield where, key, value
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}/{index}")


def _title_of_ref(schema: dict[str, Any], prop: dict[str, Any]) -> str | None:
    """The title a ``$ref`` property shows (Pydantic leaves out a field title that is the
    same as its definition's)."""
    ref = prop.get("$ref", "")
    name = ref.rsplit("/", 1)[-1] if ref.startswith("#/$defs/") else None
    title = schema.get("$defs", {}).get(name, {}).get("title") if name else None
    return title if isinstance(title, str) else None


@pytest.mark.parametrize("name", sorted(schemas()))
def test_every_key_has_a_swedish_title_and_description(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    keys = list(_properties(schema))
    assert len(keys) > 10
    missing = [
        f"{where}: {key}"
        for where, key, prop in keys
        if not (prop.get("title") or _title_of_ref(schema, prop))
        or not prop.get("description")
        or prop["description"] in _GENERIC
        or not prop["description"].endswith(".")
    ]
    assert missing == [], f"nycklar utan egen svensk titel och beskrivning i {name}: {missing}"


def test_descriptions_are_swedish() -> None:
    text = "".join(schemas().values())
    for word in ("Åtgärdens id", "uppföljningsperioden", "Beslutad av", "Nämndens beslut"):
        assert word in text
    action = json.loads(schemas()["handlingsplan.schema.json"])["$defs"]["Action"]["properties"]
    assert len(action) >= 14
    assert action["nationellt-insatsområde"]["title"] == "Nationellt insatsområde"


def test_schemas_folder_is_what_the_model_says(tmp_path: Path) -> None:
    for name, text in schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, "kör make schema"
