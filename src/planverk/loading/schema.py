"""Validate a loaded YAML document against the plan model; errors become findings."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planverk.core.findings import Finding, Span
from planverk.core.suggest import closest, did_you_mean
from planverk.loading.compact import share_field_sets
from planverk.loading.yamlfile import YamlDocument
from planverk.model import MODELS, Plan
from planverk.rules import (
    pv005_empty_file,
    pv006_kind,
    pv010_unknown_key,
    pv011_missing_key,
    pv012_invalid_value,
)
from planverk.rules.base import Rule


def validate_document(doc: YamlDocument) -> Plan | None:
    """The plan in ``doc``, or None with findings appended to ``doc.findings``."""
    data = doc.data
    if data is None:
        if not doc.findings:
            doc.findings.append(
                pv005_empty_file.RULE.finding(
                    "filen är tom (eller innehåller bara kommentarer)",
                    doc.display,
                    Span(1, 1, 1, 1),
                    "Skriv planen i filen, eller ta bort filen ur plans/.",
                )
            )
        return None
    if doc.findings:
        return None
    if not isinstance(data, dict):
        doc.findings.append(
            _finding(
                doc,
                pv012_invalid_value.RULE,
                (),
                "filen ska bestå av nycklar och värden, inte en lista",
                "Börja filen med `typ:` följt av planens nycklar.",
            )
        )
        return None
    kind = data.get("typ")
    if not isinstance(kind, str) or kind not in MODELS:
        hint = did_you_mean(str(kind), MODELS) if kind is not None else None
        doc.findings.append(
            _finding(
                doc,
                pv006_kind.RULE,
                ("typ",),
                "filen saknar `typ:`" if kind is None else f"okänd typ '{kind}'",
                hint or "Ange typ: " + ", ".join(MODELS) + ".",
            )
        )
        return None
    model = MODELS[kind]
    try:
        plan = model.model_validate(data)
    except ValidationError as err:
        for index, detail in enumerate(err.errors(include_url=False)):
            doc.findings.append(_translate(doc, model, detail, suggest=index < MAX_SUGGESTIONS))
        return None
    share_field_sets(plan)
    return typing.cast(Plan, plan)


def _finding(
    doc: YamlDocument,
    rule: Rule,
    path: Sequence[str | int],
    message: str,
    hint: str | None,
    *,
    key: bool = False,
) -> Finding:
    return rule.finding(message, doc.display, doc.source_map.locate(doc.data, path, key=key), hint)


def _where(loc: Sequence[str | int]) -> str:
    parts: list[str] = []
    for seg in loc:
        if isinstance(seg, int):
            parts.append(f"[{seg + 1}]")
        else:
            parts.append(("." if parts else "") + seg)
    return "".join(parts)


_TYPE_NAMES = {
    "int": "ett heltal (t.ex. 2025)",
    "string": "en text",
    "list": "en lista (rader som börjar med '- ')",
    "dict": "nycklar och värden",
    "model": "nycklar och värden",
    "bool": "true eller false",
    "date": "ett datum (ÅÅÅÅ-MM-DD)",
    "float": "ett tal",
}


# Did-you-mean hints per file: each costs a fuzzy comparison with every allowed key, so a
# file of 200,000 unknown keys (a pasted table) gets them for the first ones, and the list
# of allowed keys after that (the same help, at no cost).
MAX_SUGGESTIONS = 500


def _translate(
    doc: YamlDocument, model: type[BaseModel], err: ErrorDetails, *, suggest: bool = True
) -> Finding:
    loc = [seg for seg in err["loc"] if not (isinstance(seg, str) and seg.startswith("_"))]
    kind = err["type"]
    value = err.get("input")
    field = loc[-1] if loc else ""
    where = _where(loc)
    if kind == "extra_forbidden":
        allowed = _keys_at(model, loc[:-1])
        return _finding(
            doc,
            pv010_unknown_key.RULE,
            loc,
            f"okänd nyckel '{field}'",
            (did_you_mean(str(field), allowed) if suggest else None)
            or ("Tillåtna nycklar här: " + ", ".join(allowed) + "." if allowed else None),
            key=True,
        )
    if kind == "missing":
        return _finding(
            doc,
            pv011_missing_key.RULE,
            loc,
            f"nyckeln '{field}' saknas i {_where(loc[:-1]) or 'filen'}",
            f"Lägg till `{field}:` här.",
        )
    shown = _show(value)
    if kind == "literal_error" or kind == "enum":
        expected = _expected_values(err)
        hint = did_you_mean(str(value), expected) if isinstance(value, str) else None
        return _finding(
            doc,
            pv012_invalid_value.RULE,
            loc,
            f"{where}: värdet {shown} är inte tillåtet",
            hint or ("Tillåtna värden: " + ", ".join(expected) + "." if expected else None),
        )
    if kind in (
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "date_from_datetime_inexact",
    ):
        return _finding(
            doc,
            pv012_invalid_value.RULE,
            loc,
            f"{where}: {shown} är inget giltigt datum",
            "Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-04-30.",
        )
    if kind == "string_pattern_mismatch":
        if field in ("id", "mål", "aktivitet", "beslutad-av", "ägare", "verksamhetsplan") or (
            len(loc) >= 2 and loc[-2] in ("till", "ansvar")
        ):
            return _finding(
                doc,
                pv012_invalid_value.RULE,
                loc,
                f"{where}: {shown} är inget giltigt id",
                "Ett id skrivs med gemener, siffror och bindestreck, t.ex. nära-vård-2025.",
            )
        return _finding(doc, pv012_invalid_value.RULE, loc, f"{where}: {shown} har fel form", None)
    for suffix, name in _TYPE_NAMES.items():
        if kind in (f"{suffix}_type", f"{suffix}_parsing"):
            return _finding(
                doc,
                pv012_invalid_value.RULE,
                loc,
                f"{where}: ska vara {name}, inte {shown}",
                _type_hint(suffix, value),
            )
    if kind in (
        "greater_than_equal",
        "less_than_equal",
        "too_short",
        "too_long",
        "string_too_long",
    ):
        ctx = err.get("ctx") or {}
        limit = ctx.get("ge", ctx.get("le", ctx.get("min_length", ctx.get("max_length", ""))))
        return _finding(
            doc,
            pv012_invalid_value.RULE,
            loc,
            f"{where}: {shown} ligger utanför gränsen ({limit})",
            None,
        )
    return _finding(
        doc, pv012_invalid_value.RULE, loc, f"{where}: ogiltigt värde {shown}", err["msg"]
    )


def _type_hint(kind: str, value: Any) -> str | None:
    if kind == "string" and isinstance(value, (int, float, bool)):
        return f"Sätt värdet inom citattecken: '{value}'."
    if kind == "int" and isinstance(value, str):
        return "Skriv talet med siffror, t.ex. 2025."
    if kind in ("dict", "model") and isinstance(value, list):
        return "Ta bort '- ' framför nycklarna: här väntas en mappning, inte en lista."
    if kind == "list" and isinstance(value, str):
        return "Skriv varje punkt på en egen rad som börjar med '- '."
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"


def _expected_values(err: ErrorDetails) -> list[str]:
    ctx = err.get("ctx") or {}
    expected = str(ctx.get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _keys_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The YAML keys allowed at ``loc`` inside ``model``."""
    current: type[BaseModel] | None = model
    for seg in loc:
        if current is None:
            return []
        if isinstance(seg, int):
            continue
        fields = {f.alias or name: f for name, f in current.model_fields.items()}
        field_info = fields.get(seg)
        if field_info is None:
            continue
        current = _model_in(field_info.annotation)
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


__all__ = ["closest", "validate_document"]
