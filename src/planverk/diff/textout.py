"""The diff for the terminal: counts on top, then the changes grouped by fokusområde.

Plain text marks words as `git diff --word-diff` does, [-gammalt-]{+nytt+}; on a terminal
the same lines are printed with colour (rich, imported only then).
"""

from __future__ import annotations

from dataclasses import dataclass

from planverk.core.chars import visible
from planverk.diff.layout import (
    Fragment,
    Group,
    Line,
    arrange,
    details,
    element_counts,
    headline,
    headline_counts,
    root_entries_title,
    structure_notes,
)
from planverk.diff.model import DiffResult

INDENT = "  "


@dataclass(frozen=True, slots=True)
class Row:
    """A printed line: indentation and styled fragments."""

    depth: int
    parts: tuple[Fragment, ...]


def rows(result: DiffResult, *, brief: bool = False) -> list[Row]:
    out = [Row(0, ((f"{result.title}: ", "title"), (headline_counts(result), "title")))]
    out += [Row(1, ((line, "dim"),)) for line in element_counts(result)]
    if brief or not result.changes:
        return out
    root = arrange(result)
    for note in structure_notes(result):
        out.append(Row(0, (("", ""),)))
        out.append(Row(0, ((note, "note"),)))
    if root.changes:
        out.append(Row(0, (("", ""),)))
        out.append(Row(0, (("Planen som helhet", "group"),)))
        out += _lines(details(result, None, root.changes), 1)
    for group in root.groups:
        out.append(Row(0, (("", ""),)))
        out += _group(result, group, 0)
    if root.entries:
        out.append(Row(0, (("", ""),)))
        out.append(Row(0, ((root_entries_title(result, root), "group"),)))
        out += _entries(result, root, 1)
    return out


def _group(result: DiffResult, group: Group, depth: int) -> list[Row]:
    title: list[Fragment] = [(group.title(), "group")]
    if group.annotation():
        title.append((f" {group.annotation()}", "note"))
    out = [Row(depth, tuple(title))]
    out += _lines(details(result, group.node, group.changes), depth + 1)
    out += _entries(result, group, depth + 1)
    for child in group.groups:
        out += _group(result, child, depth + 1)
    return out


def _entries(result: DiffResult, group: Group, depth: int) -> list[Row]:
    out: list[Row] = []
    for entry in group.entries:
        phrase, words = headline(entry)
        out.append(Row(depth, ((f"{phrase}: ", "kind"), *words)))
        out += _lines(details(result, entry.item, entry.changes), depth + 1)
    return out


def _lines(lines: list[Line], depth: int) -> list[Row]:
    return [Row(depth, ((f"{line.lead}: ", "lead"), *line.words)) for line in lines]


def render(result: DiffResult, *, brief: bool = False) -> str:
    """Plain text, for a pipe, a file or CI logs."""
    lines = []
    for row in rows(result, brief=brief):
        text = "".join(_plain(text, style) for text, style in row.parts)
        lines.append((INDENT * row.depth + text).rstrip())
    return "\n".join(lines)


def _plain(text: str, style: str) -> str:
    text = _one_line(text)
    if style == "del":
        return f"[-{text}-]"
    if style == "ins":
        return f"{{+{text}+}}"
    return text


def _one_line(text: str) -> str:
    """A text's paragraphs on one printed line (¶ between them), so the indentation holds;
    control and direction characters shown as visible symbols, never obeyed."""
    text = visible(text)
    if "\n" not in text:
        return text
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    parts = [" ".join(part.split()) for part in text.split("\n\n")]
    return lead + " ¶ ".join(part for part in parts if part) + trail


_STYLES = {
    "title": "bold",
    "group": "bold cyan",
    "note": "italic",
    "kind": "bold",
    "lead": "dim",
    "dim": "dim",
    "del": "red strike",
    "ins": "green underline",
}


def print_rich(result: DiffResult, *, brief: bool = False) -> None:
    """Coloured, for a terminal: removed words struck through in red, new ones green."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for row in rows(result, brief=brief):
        line = Text(INDENT * row.depth)
        for text, style in row.parts:
            line.append(_one_line(text), style=_STYLES.get(style, ""))
        console.print(line)
