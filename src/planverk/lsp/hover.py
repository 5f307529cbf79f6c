"""Hover: on an id, the item it names (its text and where it is written); on a key, what the
key means."""

from __future__ import annotations

from lsprotocol import types

from planverk.loading.yamlfile import YamlDocument
from planverk.lsp import context
from planverk.lsp.folder import Folder, head
from planverk.lsp.keys import field_of, model_at, root_model
from planverk.lsp.navigation import Target, target
from planverk.lsp.symbols import Kind
from planverk.model.periods import Calendar

_WHAT = {
    Kind.GOAL: "Mål",
    Kind.ACTIVITY: "Aktivitet",
    Kind.BODY: "Organ",
    Kind.PERIOD: "Uppföljningsperiod",
    Kind.VP: "Verksamhetsplan",
}


def hover(folder: Folder, doc: YamlDocument, offset: int) -> types.Hover | None:
    found = target(folder, doc, offset)
    if found is not None:
        lines = folder.lines(doc.text)
        return types.Hover(
            types.MarkupContent(types.MarkupKind.Markdown, _describe(folder, found)),
            lines.range_of(found.occurrence.span),
        )
    return _key_hover(folder, doc.text, offset)


def _describe(folder: Folder, found: Target) -> str:
    occurrence = found.occurrence
    what = _WHAT[occurrence.kind]
    definition = found.definition
    if definition is None:
        if occurrence.kind is Kind.PERIOD:
            planset = folder.store.planset
            project = planset.project.plan if planset.project is not None else None
            for period in Calendar.of(project).periods:
                if period.id == occurrence.ident:
                    return (
                        f"**{what} `{period.id}`** – {period.name}\n\n"
                        f"Slutar {period.ends} (standardperiod: projektfilen anger inga egna)."
                    )
        return f"**{what} `{occurrence.ident}`** finns inte."
    parts = [f"**{what} `{occurrence.ident}`** – {definition.title}"]
    if definition.text and definition.text != definition.title:
        parts.append(definition.text)
    place = definition.occurrence
    line = place.span.line
    where = f"{definition.where} · " if definition.where else ""
    parts.append(f"*{where}{place.file}, rad {line}*")
    if found.key is not None:
        count = len(found.index.references.get(found.key, []))
        parts.append(
            "Ingen hänvisning hit." if count == 0 else f"{count} {_places(count)} pekar hit."
        )
    return "\n\n".join(parts)


def _places(count: int) -> str:
    return "ställe" if count == 1 else "ställen"


def _key_hover(folder: Folder, text: str, offset: int) -> types.Hover | None:
    """What the key under the cursor means, from the model's Swedish description."""
    lines = folder.lines(text)
    position = lines.position(offset)
    line_text = lines.line_text(position.line)
    column = offset - lines.offset(types.Position(position.line, 0))
    shape = context.shape(line_text)
    if shape is None or shape.key is None:
        return None
    if not shape.key_col <= column <= shape.key_col + len(shape.key):
        return None
    all_lines = [lines.line_text(n) for n in range(lines.line_count)]
    where = context.where(all_lines, position.line, shape.key_col)
    root = root_model(head(text).kind)
    if where is None or root is None:
        return None
    keys = where.keys
    model = model_at(root, keys)
    field = field_of(model, shape.key) if model is not None else None
    if field is None:
        return None
    title = field.title or shape.key
    body = f"**{title}** (`{shape.key}`)\n\n{field.description or ''}".rstrip()
    start = lines.offset(types.Position(position.line, 0)) + shape.key_col
    return types.Hover(
        types.MarkupContent(types.MarkupKind.Markdown, body),
        lines.range(start, start + len(shape.key)),
    )
