"""schemas/ matches the model, and the shipped plans pass an independent JSON Schema validator."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from planverk.model.jsonschema import schemas, stale
from tests.conftest import MINIMAL, ROOT

SCHEMAS = ROOT / "schemas"
PLAN_FILES = sorted((ROOT / "plans").rglob("*.yaml")) + sorted(MINIMAL.rglob("*.yaml"))


def test_schemas_folder_is_up_to_date() -> None:
    assert stale(SCHEMAS) == [], "run `planverk schema` to regenerate schemas/"


def _as_json(value: Any) -> Any:
    """YAML dates become ISO strings, as JSON Schema sees them."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plan_file_validates_against_its_schema(path: Path) -> None:
    data = _as_json(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    schema_ref = first_line.split("$schema=", 1)[1].strip()
    schema_path = (path.parent / schema_ref).resolve()
    assert schema_path.name == f"{data['typ']}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_schema_rejects_what_the_model_rejects() -> None:
    schema = json.loads(schemas()["aktivitetsplan.schema.json"])
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"typ": "aktivitetsplan", "år": 2025, "titel": "AP", "inledningen": "x"}
    assert not validator.is_valid(bad)
    assert validator.is_valid({"typ": "aktivitetsplan", "år": 2025, "titel": "AP"})


def test_status_values_are_listed_for_editors() -> None:
    schema = json.loads(schemas()["handlingsplan.schema.json"])
    text = json.dumps(schema, ensure_ascii=False)
    for value in ("grön", "gul", "röd", "avslutad"):
        assert f'"{value}"' in text
