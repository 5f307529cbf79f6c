"""Go to definition and find references, across the plan files."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from planverk.loading.yamlfile import YamlDocument
from planverk.lsp.folder import Folder
from planverk.lsp.symbols import Definition, Index, Key, Occurrence


@dataclass(frozen=True, slots=True)
class Target:
    """The id under the cursor: the occurrence, what it names, and its definition (None
    when it points at nothing)."""

    occurrence: Occurrence
    key: Key | None
    definition: Definition | None
    index: Index


def target(folder: Folder, doc: YamlDocument, offset: int) -> Target | None:
    """The id at character ``offset`` of ``doc``, if there is one."""
    index = folder.index()
    found = folder.symbols.at(index, doc, offset)
    if found is None:
        return None
    occurrence, scope = found
    key = (occurrence.kind, scope, occurrence.ident) if scope is not None else None
    definition = index.definitions.get(key) if key is not None else None
    return Target(occurrence, key, definition, index)


def location(folder: Folder, occurrence: Occurrence) -> types.Location:
    lines = folder.lines(occurrence.doc.text)
    return types.Location(folder.uri(occurrence.file), lines.range_of(occurrence.span))


def definition(folder: Folder, doc: YamlDocument, offset: int) -> list[types.Location]:
    found = target(folder, doc, offset)
    if found is None or found.definition is None:
        return []
    return [location(folder, found.definition.occurrence)]


def references(
    folder: Folder, doc: YamlDocument, offset: int, *, include_declaration: bool
) -> list[types.Location]:
    found = target(folder, doc, offset)
    if found is None or found.key is None:
        return []
    occurrences = found.index.occurrences(found.key)
    if not include_declaration:
        occurrences = [o for o in occurrences if not o.definition]
    return [location(folder, o) for o in occurrences]
