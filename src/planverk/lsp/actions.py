"""Code actions from the findings' hints.

- "Menade du 'x'?" (a misspelt id, key or value): replace the text the finding marks with x.
- An abbreviation missing from the ordlista (PV304): add it to the project file's
  `ordlista:` with a placeholder meaning (which PV305 then reports until it is written).

Edits touch only the characters they change and are checked by parsing the result again,
as renames are (see :mod:`planverk.lsp.rename`).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Mapping
from typing import Any

from lsprotocol import types

from planverk.core.findings import Finding
from planverk.edit.canonical import comments, same_data
from planverk.edit.roundtrip import set_values
from planverk.loading.sourcemap import MappingMarks
from planverk.loading.yamlfile import YamlDocument, parse
from planverk.lsp.diagnostics import diagnostic
from planverk.lsp.folder import Folder
from planverk.lsp.positions import LineIndex
from planverk.rules import pv304_glossary

MEANT = re.compile(r"Menade du '([^'\n]+)'")
_ABBREVIATION = re.compile(r"förkortningen (\S+) saknas i ordlistan")
PLACEHOLDER = "TODO skriv vad förkortningen står för"
_SAFE_VALUE = re.compile(r"^[\w.\- §]+$")


def code_actions(
    folder: Folder,
    doc: YamlDocument,
    start: int,
    end: int,
    versions: Mapping[str, int | None],
) -> list[types.CodeAction]:
    """The quick fixes for the findings of ``doc`` that touch characters ``start``–``end``."""
    lines = folder.lines(doc.text)
    actions: list[types.CodeAction] = []
    for finding in folder.findings.get(doc.display, []):
        f_start, f_end = lines.span_offsets(finding.span)
        if f_end < start or f_start > end:
            continue
        action = _replace(folder, doc, lines, finding, f_start, f_end, versions)
        if action is not None:
            actions.append(action)
        if finding.code == pv304_glossary.RULE.code:
            action = _add_to_glossary(folder, doc, lines, finding, versions)
            if action is not None:
                actions.append(action)
    return actions


def _replace(
    folder: Folder,
    doc: YamlDocument,
    lines: LineIndex,
    finding: Finding,
    start: int,
    end: int,
    versions: Mapping[str, int | None],
) -> types.CodeAction | None:
    match = MEANT.search(finding.hint or "")
    if match is None:
        return None
    meant = match.group(1)
    raw = doc.text[start:end]
    if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0]:
        start, end, raw = start + 1, end - 1, raw[1:-1]
    if not raw or "\n" in raw or raw == meant or not _SAFE_VALUE.match(meant):
        return None
    text = doc.text[:start] + meant + doc.text[end:]
    if parse(text, doc.display).findings or comments(doc.text) != comments(text):
        return None  # the replaced text would not parse (or would lose a comment)
    uri = folder.uri(doc.display)
    return types.CodeAction(
        title=f"Menade du '{meant}'? Ersätt '{raw}' med '{meant}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, lines)],
        is_preferred=True,
        edit=_edit(uri, versions, [types.TextEdit(lines.range(start, end), meant)]),
    )


def _add_to_glossary(
    folder: Folder,
    doc: YamlDocument,
    lines: LineIndex,
    finding: Finding,
    versions: Mapping[str, int | None],
) -> types.CodeAction | None:
    match = _ABBREVIATION.search(finding.message)
    project = folder.store.planset.project
    if match is None or project is None:
        return None
    word = match.group(1)
    target = project.doc
    new_text = glossary_with(target, word)
    if new_text is None:
        return None
    target_lines = folder.lines(target.text)
    uri = folder.uri(target.display)
    return types.CodeAction(
        title=f"Lägg till {word} i ordlistan i {target.display}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, lines)],
        edit=_edit(uri, versions, text_edits(target.text, new_text, target_lines)),
    )


def glossary_with(doc: YamlDocument, word: str) -> str | None:
    """The project file's text with ``word`` added to `ordlista:` (None if it cannot be
    added safely)."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    expected: Any = copy.deepcopy(data)
    glossary = data.get("ordlista")
    text = doc.text
    if "ordlista" not in data:
        tail = "" if text.endswith("\n") or not text else "\n"
        new_text = f"{text}{tail}ordlista:\n  {word}: {PLACEHOLDER}\n"
        expected["ordlista"] = {word: PLACEHOLDER}
    elif isinstance(glossary, dict) and word not in glossary:
        expected["ordlista"][word] = PLACEHOLDER
        new_text = _appended(doc, glossary, word) or ""
        if not _same(doc.text, new_text, expected):
            try:
                new_text = set_values(text, {("ordlista", word): PLACEHOLDER})
            except Exception:  # any failure of the round trip (EditError or ruamel's): none
                return None
    else:
        return None
    return new_text if _same(doc.text, new_text, expected) else None


def _appended(doc: YamlDocument, glossary: dict[str, Any], word: str) -> str | None:
    """A line for ``word`` after the glossary's last entry, at its indentation."""
    marks = doc.source_map.containers.get(id(glossary))
    if not isinstance(marks, MappingMarks) or not glossary:
        return None
    last = list(glossary)[-1]
    key_line, key_column = marks.keys[last][0], marks.keys[last][1]
    lines = LineIndex(doc.text)
    value = marks.values[last]
    end = lines.offset_of(value[2], value[3])
    text = doc.text
    if value[3] != 1:  # the value ends inside its line: the new line goes after that line
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    line_start = lines.offset_of(key_line, 1)
    if text[line_start : line_start + key_column - 1].strip():
        return None  # the key shares its line with other content (a flow mapping)
    prefix = "" if end == 0 or text[end - 1] == "\n" else "\n"
    return f"{text[:end]}{prefix}{' ' * (key_column - 1)}{word}: {PLACEHOLDER}\n{text[end:]}"


def _same(old: str, new: str, expected: Any) -> bool:
    if not new:
        return False
    after = parse(new, "")
    return not after.findings and same_data(expected, after.data) and comments(old) == comments(new)


def text_edits(old: str, new: str, lines: LineIndex) -> list[types.TextEdit]:
    """The smallest line-wise edits that turn ``old`` into ``new``."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    edits: list[types.TextEdit] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(types.TextEdit(lines.range(starts[i1], starts[i2]), "".join(new_lines[j1:j2])))
    return edits


def _edit(
    uri: str, versions: Mapping[str, int | None], edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                types.OptionalVersionedTextDocumentIdentifier(uri, versions.get(uri)), edits
            )
        ]
    )
