"""Rename an id everywhere: its definition and every reference, as one workspace edit.

Each edit replaces only the characters of the id itself (inside its quotes, if it has
any), at the positions the loader recorded, so comments, key order, quoting and layout stay
as the planner wrote them. Before it is offered, every edited file is parsed again and must
hold exactly the old data with the id replaced at those places, and the same comments
(as `planverk fmt` checks its own result). A rename that cannot be done safely is refused
with a Swedish reason: an invalid or taken id, a reference to nothing, or a file in the
set that does not load (its references could not be seen).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from lsprotocol import types

from planverk.edit.canonical import comments, same_data
from planverk.loading.yamlfile import YamlDocument, parse
from planverk.lsp.folder import Folder
from planverk.lsp.navigation import Target, target
from planverk.lsp.positions import LineIndex
from planverk.lsp.symbols import Kind, Occurrence
from planverk.model.common import ID_PATTERN
from planverk.rules import BY_CODE

_ID = re.compile(ID_PATTERN)
MAX_ID = 120

_WHAT = {
    Kind.GOAL: "målet",
    Kind.ACTIVITY: "aktiviteten",
    Kind.BODY: "organet",
    Kind.PERIOD: "uppföljningsperioden",
    Kind.VP: "verksamhetsplanen",
}


class Refused(Exception):
    """A rename that is not made, with the Swedish reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def prepare(folder: Folder, doc: YamlDocument, offset: int) -> types.PrepareRenamePlaceholder:
    """The id at ``offset`` and its range, if it can be renamed; else :class:`Refused`."""
    found = _renamable(folder, doc, offset)
    lines = folder.lines(doc.text)
    start, end = _id_range(found.occurrence, lines)
    return types.PrepareRenamePlaceholder(lines.range(start, end), found.occurrence.ident)


def rename(
    folder: Folder,
    doc: YamlDocument,
    offset: int,
    new_id: str,
    versions: Mapping[str, int | None],
) -> types.WorkspaceEdit:
    """The edit renaming the id at ``offset`` to ``new_id`` in every plan file.

    ``versions`` are the editor's versions of the open documents, by URI.
    """
    found = _renamable(folder, doc, offset)
    old = found.occurrence.ident
    _check_new_id(found, new_id)
    if new_id == old:
        return types.WorkspaceEdit(document_changes=[])
    assert found.key is not None
    by_doc: dict[int, tuple[YamlDocument, list[Occurrence]]] = {}
    for occurrence in found.index.occurrences(found.key):
        by_doc.setdefault(id(occurrence.doc), (occurrence.doc, []))[1].append(occurrence)
    changes: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile]
    changes = []
    for edited, occurrences in by_doc.values():
        lines = folder.lines(edited.text)
        ranges = sorted({_id_range(o, lines) for o in occurrences})
        _verify(edited, occurrences, ranges, new_id)
        uri = folder.uri(edited.display)
        changes.append(
            types.TextDocumentEdit(
                types.OptionalVersionedTextDocumentIdentifier(uri, versions.get(uri)),
                [types.TextEdit(lines.range(start, end), new_id) for start, end in ranges],
            )
        )
    return types.WorkspaceEdit(document_changes=changes)


def _renamable(folder: Folder, doc: YamlDocument, offset: int) -> Target:
    found = target(folder, doc, offset)
    if found is None:
        raise Refused(
            "Här finns inget id att byta namn på. Ställ markören på id:t för ett mål, en "
            "aktivitet, ett organ, en uppföljningsperiod eller en verksamhetsplan."
        )
    occurrence = found.occurrence
    if found.definition is None and occurrence.kind is Kind.PERIOD and found.key is not None:
        raise Refused(
            f"'{occurrence.ident}' är en av standardperioderna, som inte står i projektfilen. "
            "Skriv `uppföljningsperioder:` i plans/planverk.yaml först; sedan kan perioden "
            "byta id."
        )
    if found.definition is None:
        raise Refused(
            f"'{occurrence.ident}' pekar inte på något: {_WHAT[occurrence.kind]} finns inte. "
            "Rätta hänvisningen i stället (se felet på raden)."
        )
    for finding in folder.store.planset.findings:
        rule = BY_CODE.get(finding.code)
        if rule is not None and rule.check is None:  # the loader's: the file is not read
            raise Refused(
                f"Id kan inte bytas medan {finding.file} inte går att läsa "
                f"(rad {finding.span.line}, {finding.code}: {finding.message}). Rätta filen "
                "först, så att alla hänvisningar till id:t syns."
            )
    return found


def _check_new_id(found: Target, new_id: str) -> None:
    if not _ID.match(new_id) or len(new_id) > MAX_ID or new_id != new_id.strip():
        raise Refused(
            f"'{new_id}' är inget giltigt id. Ett id skrivs med gemener, siffror och "
            "bindestreck (å, ä och ö går bra), t.ex. nära-vård-2025."
        )
    assert found.key is not None
    kind, scope, _ = found.key
    taken = found.index.definitions.get((kind, scope, new_id))
    if taken is not None and new_id != found.occurrence.ident:
        line = taken.occurrence.span.line
        raise Refused(
            f"Id:t '{new_id}' används redan av {_WHAT[kind]} '{taken.title}' "
            f"({taken.occurrence.file}, rad {line}). Välj ett annat id."
        )


def _id_range(occurrence: Occurrence, lines: LineIndex) -> tuple[int, int]:
    """The character offsets of the id's own text (inside quotes, if it is quoted)."""
    doc = occurrence.doc
    span = occurrence.span
    start, end = lines.span_offsets(span)
    raw = doc.text[start:end]
    if raw == occurrence.ident:
        return start, end
    if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] and raw[1:-1] == occurrence.ident:
        return start + 1, end - 1
    raise Refused(
        f"'{occurrence.ident}' på rad {span.line} i {doc.display} är skrivet så att det inte "
        "kan bytas ut säkert (med escape-tecken eller över flera rader). Skriv det på en rad, "
        "utan citattecken, och försök igen."
    )


def _verify(
    doc: YamlDocument, occurrences: list[Occurrence], ranges: list[tuple[int, int]], new_id: str
) -> None:
    """Parse the edited text again: the same data with the id replaced, the same comments."""
    text = doc.text
    for start, end in reversed(ranges):
        text = text[:start] + new_id + text[end:]
    expected: Any = copy.deepcopy(doc.data)
    for occurrence in occurrences:
        parent = expected
        for segment in occurrence.path[:-1]:
            parent = parent[segment]
        parent[occurrence.path[-1]] = new_id
    after = parse(text, doc.display)
    if (
        after.findings
        or not same_data(expected, after.data)
        or comments(doc.text) != comments(text)
    ):
        raise Refused(
            f"Namnbytet skulle ändra mer än id:t i {doc.display}; inget ändrades. "
            "Byt id:t för hand, eller kör `planverk fmt` och försök igen."
        )
