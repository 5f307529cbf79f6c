"""Validate a loaded YAML document against the plan model; errors become findings.

One mistake is reported once, and what can still be checked is: a plan that fails the
schema is also kept *leniently* (``doc.lenient``), validated again with each bad value
replaced by a harmless one (an unknown key left out, an id with a capital or a look-alike
letter folded to the id it looks like, a missing text written as a placeholder). The paths
of the replaced values are kept in ``doc.marked``, so the cross-file checks run on the
lenient plan without reporting the same mistake again as "does not exist"
(:func:`planverk.lint.validate.check` leaves out their findings at those paths). Commands
that use the plans (render, diff, new, status) never see a lenient plan.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planverk.core import lookalike
from planverk.core.findings import Finding, Span
from planverk.core.suggest import closest, did_you_mean
from planverk.loading.compact import share_field_sets
from planverk.loading.yamlfile import Lookalike, YamlDocument
from planverk.model import MODELS, Plan
from planverk.model.common import ID_PATTERN
from planverk.model.walk import id_path
from planverk.rules import (
    pv005_empty_file,
    pv006_kind,
    pv010_unknown_key,
    pv011_missing_key,
    pv012_invalid_value,
    pv022_lookalike,
)
from planverk.rules.base import Rule

DataPath = tuple[str | int, ...]


def validate_document(doc: YamlDocument) -> Plan | None:
    """The plan in ``doc``, or None with findings appended to ``doc.findings`` (and the plan
    kept leniently in ``doc.lenient`` when it can be)."""
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
    # A file the YAML reader had something to say about (a duplicate key, an alias, a tag)
    # still has its data: the reader's finding is the root cause, so the schema's findings
    # are not added, but the plan is kept leniently for the cross-file checks.
    quiet = bool(doc.findings)
    if not isinstance(data, dict):
        if not quiet:
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
        if not quiet:
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
        details = err.errors(include_url=False)
        if not quiet:
            for index, detail in enumerate(_root_causes(details)):
                doc.findings.append(_translate(doc, model, detail, suggest=index < MAX_SUGGESTIONS))
        _keep_leniently(doc, model, details)
        return None
    share_field_sets(plan)
    if quiet:
        doc.lenient = plan
        return None
    return typing.cast(Plan, plan)


def _root_causes(details: list[ErrorDetails]) -> list[ErrorDetails]:
    """The errors without those another one explains: a key reported missing when the
    same mapping has an unknown key that is it misspelt (`rubirk:`, or `rubrik` with an
    invisible character) is one mistake, reported as the unknown key."""
    unknown: dict[tuple[str | int, ...], list[str]] = {}
    for detail in details:
        if detail["type"] == "extra_forbidden" and detail["loc"]:
            unknown.setdefault(tuple(detail["loc"][:-1]), []).append(str(detail["loc"][-1]))
    if not unknown:
        return details
    folded = {where: {lookalike.fold(key) for key in keys} for where, keys in unknown.items()}
    kept = []
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "missing" and loc and loc[:-1] in unknown:
            wanted, keys = str(loc[-1]), unknown[loc[:-1]]
            if wanted in folded[loc[:-1]] or (
                # a typo: looked for only among a bounded number of keys (linear cost)
                len(keys) <= MAX_SUGGESTIONS and closest(wanted, keys) is not None
            ):
                continue
        kept.append(detail)
    return kept


def _finding(
    doc: YamlDocument,
    rule: Rule,
    path: Sequence[str | int],
    message: str,
    hint: str | None,
    *,
    key: bool = False,
) -> Finding:
    return rule.finding(
        message,
        doc.display,
        doc.source_map.locate(doc.data, path, key=key),
        hint,
        subject=id_path(doc.data, tuple(path)),
    )


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
        hidden = lookalike.hidden(str(field))
        if hidden and lookalike.fold(str(field)) in allowed:
            # `rubri\u200bk`: the key the planner meant, with a character that is not seen
            return _finding(
                doc,
                pv010_unknown_key.RULE,
                loc,
                f"okänd nyckel '{field}': den {_explain(hidden[0], str(field))}",
                f"Skriv nyckeln med vanliga tecken: '{lookalike.fold(str(field))}'.",
                key=True,
            )
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
            if isinstance(value, str) and lookalike.hidden(value):
                return _lookalike(doc, loc, where, value)
            folded = lookalike.fold(value) if isinstance(value, str) else ""
            return _finding(
                doc,
                pv012_invalid_value.RULE,
                loc,
                f"{where}: {shown} är inget giltigt id",
                "Ett id skrivs med gemener, siffror och bindestreck, t.ex. "
                + (f"'{folded}'." if _ID.match(folded) else "nära-vård-2025."),
            )
        return _finding(
            doc,
            pv012_invalid_value.RULE,
            loc,
            f"{where}: {shown} har fel form",
            _FORMS.get(str(field)),
        )
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
        doc,
        pv012_invalid_value.RULE,
        loc,
        f"{where}: värdet {shown} går inte att använda här",
        "Jämför med planmodellen i docs/modell.md, eller med samma nyckel i en annan plan.",
    )


_ID = re.compile(ID_PATTERN)


def _lookalike(doc: YamlDocument, loc: Sequence[str | int], where: str, value: str) -> Finding:
    """PV022: an id that looks right but holds a character that is not what it looks like.

    The finding points at the first such character; the plan set adds which existing id it
    looks identical to (:mod:`planverk.loading.planset`)."""
    found = lookalike.hidden(value)
    first = found[0]
    span = doc.source_map.locate(doc.data, loc)
    line = doc.text.split("\n", span.line)[span.line - 1] if span.line else ""
    column = line.find(first.char, span.column - 1)
    if span.line == span.end_line and column >= 0:
        span = Span(span.line, column + 1, span.line, column + 2)
    more = f" (och {len(found) - 1} till av samma slag)" if len(found) > 1 else ""
    folded = lookalike.fold(value)
    message = f"{where}: '{value}' {_explain(first, value)}{more}"
    finding = pv022_lookalike.RULE.finding(
        message,
        doc.display,
        span,
        f"Skriv id:t med vanliga tecken: '{folded}'." if _ID.match(folded) else None,
        subject=id_path(doc.data, tuple(loc)),
    )
    names = [seg for seg in loc if isinstance(seg, str)]
    refers = names[-1] if names else ""
    if refers == "id":  # an id defined here: only an id of the same list is "the same"
        refers = "=" + (names[-2] if len(names) > 1 else "")
    doc.lookalikes.append(Lookalike(finding, folded, refers))
    return finding


def _explain(found: lookalike.Hidden, value: str) -> str:
    """What is hidden in ``value``, for the message: which character, where, what it is."""
    place = found.index + 1
    if unicodedata.category(found.char).startswith("M") and found.looks_like:
        return (
            f"har '{found.looks_like}' skrivet som två tecken, '{value[found.index - 1]}' och "
            f"{found.description}, som tecken {place - 1}–{place}"
        )
    if not found.looks_like:
        return f"innehåller det osynliga tecknet {found.description} som tecken {place}"
    return (
        f"innehåller {found.description} som tecken {place}; det ser ut som ett vanligt "
        f"'{found.looks_like}' men är ett annat tecken"
    )


_FORMS = {
    "paragrafnummer": "Skriv {nummer} där numret ska stå, en gång, t.ex. '§ {nummer}' eller "
    "'{nummer}.'.",
    "planrubrik": "Skriv {period} där planens period ska stå, t.ex. 'Plan {period}'.",
    "nummer": "Ett paragrafnummer är siffror med punkt emellan, t.ex. '8.1' (inom citattecken).",
}


def _type_hint(kind: str, value: Any) -> str | None:
    if value is None:
        if kind == "list":
            return (
                "Skriv punkterna under nyckeln, en per rad som börjar med '- ', eller ta bort "
                "nyckeln."
            )
        return "Skriv värdet efter kolonet, eller ta bort nyckeln."
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
    if value is None:
        return "ett tomt värde"
    if isinstance(value, bool):
        return "true" if value else "false"  # as YAML writes them, not Python
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


# --- Keeping a plan leniently ----------------------------------------------------------

_DELETE = object()  # an edit that leaves the key out
_ROUNDS = 4  # validations after the first; each repairs what the one before reported
_PLACEHOLDER = "saknas"  # a valid id and a valid text


def _keep_leniently(doc: YamlDocument, model: type[BaseModel], details: list[ErrorDetails]) -> None:
    """Validate a repaired copy of ``doc.data``; on success keep it as ``doc.lenient``.

    ``doc.data`` itself is never changed (the source map is tied to it): only the
    containers on the way to a repaired value are copied, each once per round, so a
    mapping with 200,000 unknown keys is repaired in linear time.
    """
    data: Any = doc.data
    marked: dict[DataPath, None] = {}  # in the order found
    tries: dict[DataPath, int] = {}
    for _ in range(_ROUNDS):
        edits: list[tuple[DataPath, Any]] = []
        for detail in details:
            path = _data_path(data, detail["loc"])
            tries[path] = tries.get(path, 0) + 1
            edit = _repair(detail, path) if tries[path] <= 2 else None
            if edit is None:
                return  # nothing sensible to put there: the plan is left out, as before
            edits.append((path, edit))
            marked[path] = None
        data = _edited(data, edits)
        try:
            plan = model.model_validate(data)
        except ValidationError as err:
            details = err.errors(include_url=False)
            continue
        share_field_sets(plan)
        doc.lenient = plan
        doc.marked = frozenset(id_path(doc.data, path) for path in marked)
        return


def _repair(detail: ErrorDetails, path: DataPath) -> Any:
    """What to put at ``path`` instead of the value the schema refused (``_DELETE`` to
    leave the key out), or None when nothing fits."""
    kind = detail["type"]
    value = detail.get("input")
    in_mapping = bool(path) and isinstance(path[-1], str)
    if kind == "extra_forbidden":
        return _DELETE if in_mapping else None
    if kind == "missing":
        return _PLACEHOLDER
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        return _sanitized_id(value)
    if kind == "string_type":
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | dt.date):
            return str(value)
    if kind == "list_type" and value is None:
        return []
    if kind == "list_type" and isinstance(value, str):
        return [value]
    return _DELETE if in_mapping else None


def _sanitized_id(value: str) -> str:
    """The id ``value`` looks like, or a valid id made from it."""
    folded = lookalike.fold(value)
    if _ID.match(folded):
        return folded
    cleaned = re.sub(r"[^a-z0-9åäöé._-]+", "-", folded).strip("-._")
    return cleaned if _ID.match(cleaned) else _PLACEHOLDER


def _data_path(data: Any, loc: Sequence[str | int]) -> DataPath:
    """The path in the data that a Pydantic error location names: union tags and key
    markers left out, a missing or unknown key as the last segment."""
    path: list[str | int] = []
    node = data
    for index, seg in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict) and isinstance(seg, str) and (seg in node or last):
            path.append(seg)
            node = node.get(seg)
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            path.append(seg)
            node = node[seg]
    return tuple(path)


_EDIT = object()  # the key of the edit at a node of an edit tree


def _edited(data: Any, edits: list[tuple[DataPath, Any]]) -> Any:
    """A copy of ``data`` with each (path, edit) made; the containers on the way are copied
    once, however many edits are below them."""
    tree: dict[Any, Any] = {}
    for path, edit in edits:
        node = tree
        for seg in path:
            node = node.setdefault(seg, {})
        node[_EDIT] = edit
    return _apply(data, tree)


def _apply(data: Any, tree: dict[Any, Any]) -> Any:
    if _EDIT in tree:
        return tree[_EDIT]
    if isinstance(data, dict):
        copy = dict(data)
        for seg, below in tree.items():
            if not isinstance(seg, str):
                continue
            if below.get(_EDIT, None) is _DELETE:
                copy.pop(seg, None)
            else:
                copy[seg] = _apply(copy.get(seg), below)
        return copy
    if isinstance(data, list):
        items = list(data)
        for seg, below in tree.items():
            if isinstance(seg, int) and 0 <= seg < len(items):
                edit = below.get(_EDIT, None)
                items[seg] = None if edit is _DELETE else _apply(items[seg], below)
        return items
    return data


__all__ = ["closest", "validate_document"]
