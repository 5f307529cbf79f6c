"""Completion: ids after `mål:`, `aktivitet:`, organs after `till:`/`ägare:`/`ansvar:`/
`beslutad-av:`, statuses, follow-up periods, plan kinds, rule levels and keys, each with its
Swedish title or text as documentation."""

from __future__ import annotations

from lsprotocol import types
from pydantic import BaseModel

from planverk.loading.planset import PlanSet
from planverk.lsp import context
from planverk.lsp.folder import FileHead, Folder, head
from planverk.lsp.keys import (
    Key,
    field_of,
    holds_list,
    holds_mapping,
    keys_of,
    model_at,
    root_model,
)
from planverk.lsp.symbols import Definition, Kind
from planverk.model import MODELS
from planverk.model.common import STATUS_VALUES
from planverk.model.periods import Calendar
from planverk.rules import RULES

# The fields whose value is an id of another item: (model, key) -> kind.
REFERENCES: dict[tuple[str, str], Kind] = {
    ("Activity", "mål"): Kind.GOAL,
    ("Heading", "mål"): Kind.GOAL,
    ("Action", "mål"): Kind.GOAL,
    ("Action", "aktivitet"): Kind.ACTIVITY,
    ("Assignment", "till"): Kind.BODY,
    ("Handlingsplan", "ägare"): Kind.BODY,
    ("Activity", "ansvar"): Kind.BODY,
    ("Action", "ansvar"): Kind.BODY,
    ("Decision", "beslutad-av"): Kind.BODY,
    ("Report", "period"): Kind.PERIOD,
    ("Aktivitetsplan", "verksamhetsplan"): Kind.VP,
    ("Handlingsplan", "verksamhetsplan"): Kind.VP,
}

STATUS_MEANING = {
    "grön": "Enligt plan.",
    "gul": "Mindre problem. Skriv en kommentar om vad som hindrar och vilket stöd som behövs.",
    "röd": "Allvarliga problem. Skriv en kommentar om vad som hindrar och vilket stöd som behövs.",
    "avslutad": "Åtgärden är klar.",
    "ej rapporterad": "Ingen rapport ännu.",
}

KIND_MEANING = {
    "projekt": "Projektfilen: sjukvårdsregionen, regionerna, organen, ordlistan och regler.",
    "verksamhetsplan": "Flerårig verksamhetsplan (VP) som nämnden beslutar.",
    "aktivitetsplan": "Årets aktiviteter (AP) per rubrik i verksamhetsplanen.",
    "handlingsplan": "Åtgärder med uppdrag, tidplan, uppföljning och status.",
}

LEVEL_MEANING = {
    "fel": "Stoppar CI (slutstatus 1).",
    "varning": "Visas, men stoppar inte CI (om inte --fail-level varning).",
    "info": "Visas som information.",
    "av": "Regeln körs inte.",
}


def complete(folder: Folder, text: str, line: int, character: int) -> types.CompletionList:
    """Completion items at a protocol position of ``text`` (a plan file's current text)."""
    lines = folder.lines(text)
    column = lines.offset(types.Position(line, character)) - lines.offset(types.Position(line, 0))
    all_lines = [lines.line_text(n) for n in range(lines.line_count)]
    where = context.where(all_lines, line, column)
    items: list[types.CompletionItem] = []
    if where is not None:
        items = _items(folder, head(text), where)
    edit_start = where.value_start if where and where.value_of in ("status",) else None
    start = edit_start if edit_start is not None else (where.start if where else column)
    start_char = lines.position(lines.offset(types.Position(line, 0)) + start).character
    replace = types.Range(types.Position(line, start_char), types.Position(line, character))
    for item in items:
        item.text_edit = types.TextEdit(replace, item.insert_text or item.label)
        item.insert_text = None
    return types.CompletionList(is_incomplete=False, items=items)


def _items(folder: Folder, file: FileHead, where: context.Where) -> list[types.CompletionItem]:
    root = root_model(file.kind)
    keys = where.keys
    if where.value_of is not None:
        if not keys and where.value_of == "typ":
            return [_plain(kind, KIND_MEANING.get(kind, ""), kind) for kind in MODELS]
        model = model_at(root, keys) if root is not None else None
        return _values(folder, file, model, where.value_of, keys)
    if where.item and keys and root is not None:
        holder = model_at(root, keys[:-1])
        field = field_of(holder, keys[-1]) if holder is not None else None
        if field is not None and holds_list(field) and model_at(root, keys) is None:
            return _values(folder, file, holder, keys[-1], keys[:-1])
    if root is None:
        return [_key_item("typ", "Typ", "Vilken sorts fil det är.", True)] if not keys else []
    if file.kind == "projekt" and keys == ["regler"]:
        return [
            _plain(rule.code, f"{rule.summary} (standard: {_level(rule.level)})", rule.name)
            for rule in RULES
            if rule.configurable and rule.code not in where.siblings
        ]
    model = model_at(root, keys)
    if model is None:
        return []
    return [
        _key_item(key.name, key.title, key.description, key.required, container=_container(key))
        for key in keys_of(model)
        if key.name not in where.siblings
    ]


def _values(
    folder: Folder, file: FileHead, model: type[BaseModel] | None, key: str, keys: list[str]
) -> list[types.CompletionItem]:
    name = model.__name__ if model is not None else ""
    kind = REFERENCES.get((name, key))
    planset = folder.store.planset
    if kind is not None:
        return _references(folder, planset, file, kind)
    if key == "status" and name in ("Action", "Report"):
        return [_plain(value, STATUS_MEANING[value], value) for value in STATUS_VALUES]
    if (file.kind == "projekt" and keys == ["regler"]) or (name, key) == ("RuleSetting", "nivå"):
        return [_plain(level, meaning, level) for level, meaning in LEVEL_MEANING.items()]
    if (name, key) == ("Handlingsplan", "levande"):
        return [
            _plain("true", "En levande plan, som redigeras hela året.", "true"),
            _plain("false", "En plan för ett år.", "false"),
        ]
    return []


def _references(
    folder: Folder, planset: PlanSet, file: FileHead, kind: Kind
) -> list[types.CompletionItem]:
    index = folder.index()
    if kind is Kind.PERIOD:
        project = planset.project.plan if planset.project is not None else None
        return [
            _plain(p.id, f"{p.name}, slutar {p.ends}.", p.name)
            for p in Calendar.of(project).periods
        ]
    scope: str | None
    if kind is Kind.GOAL:
        vp = planset.vp_for(file.year, file.vp)
        scope = vp.doc.display if vp is not None else None
    elif kind is Kind.ACTIVITY:
        ap = planset.ap(file.year) if file.year is not None else None
        scope = ap.doc.display if ap is not None else None
    elif kind is Kind.VP:
        scope = ""
    else:
        scope = planset.project.doc.display if planset.project is not None else None
    if scope is None:
        return []
    return [_reference_item(d) for d in index.in_scope(kind, scope)]


def _reference_item(definition: Definition) -> types.CompletionItem:
    ident = definition.occurrence.ident
    parts = [f"**{definition.title}**"]
    if definition.text:
        parts.append(definition.text)
    if definition.where:
        parts.append(f"*{definition.where}* · `{definition.occurrence.file}`")
    return types.CompletionItem(
        label=ident,
        kind=types.CompletionItemKind.Reference,
        detail=_short(definition.title),
        documentation=types.MarkupContent(types.MarkupKind.Markdown, "\n\n".join(parts)),
        filter_text=f"{ident} {definition.title}",
        sort_text=f"{ident}",
    )


def _plain(value: str, meaning: str, detail: str) -> types.CompletionItem:
    return types.CompletionItem(
        label=value,
        kind=types.CompletionItemKind.Value,
        detail=detail if detail != value else None,
        documentation=types.MarkupContent(types.MarkupKind.Markdown, meaning) if meaning else None,
    )


def _key_item(
    name: str, title: str, description: str, required: bool, *, container: bool = False
) -> types.CompletionItem:
    return types.CompletionItem(
        label=name,
        kind=types.CompletionItemKind.Property,
        detail=title + (" (krävs)" if required else ""),
        documentation=types.MarkupContent(types.MarkupKind.Markdown, description),
        insert_text=f"{name}:" if container else f"{name}: ",
        sort_text=("0" if required else "1") + name,
    )


def _container(key: Key) -> bool:
    """Whether the key's value goes on the lines below it (a list or a mapping)."""
    return holds_list(key.field) or holds_mapping(key.field)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _level(level: object) -> str:
    label = getattr(level, "label", None)
    return str(label) if label else "av"
