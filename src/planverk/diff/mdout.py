"""The diff as Markdown: a "Nytt för 2025" section a planner pastes into the missive.

New words are **bold**, removed ones ~~struck through~~, and a reworded item also gets its
earlier wording, so the section reads on its own.
"""

from __future__ import annotations

import re

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
from planverk.diff.model import DiffResult, PlanKind

_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")


def escape(text: str) -> str:
    """Markdown's own characters escaped; control and direction characters made visible."""
    return _SPECIAL.sub(r"\\\1", visible(text))


def section_title(result: DiffResult) -> str:
    if result.since is not None:
        return f"Ändringar sedan {result.since}"
    if result.plan_kind is PlanKind.AP and result.year is not None:
        return f"Nytt för {result.year}"
    if result.plan_kind is PlanKind.VP:
        return f"Nytt i verksamhetsplanen {result.new_label}"
    return f"Nytt i handlingsplanerna {result.new_label}"


def render(result: DiffResult, *, brief: bool = False) -> str:
    out = [f"## {section_title(result)}", ""]
    out.append(f"{escape(result.title)}: {headline_counts(result)}.")
    out += [f"- {escape(line)}" for line in element_counts(result)]
    out.append("")
    if brief or not result.changes:
        return "\n".join(out).rstrip() + "\n"
    for note in structure_notes(result):
        out += [f"*{escape(note)}*", ""]
    root = arrange(result)
    if root.changes:
        out += ["### Planen som helhet", ""]
        out += _details(details(result, None, root.changes), 0)
        out.append("")
    for group in root.groups:
        out += _group(result, group, 3)
    if root.entries:
        out += [f"### {escape(root_entries_title(result, root))}", ""]
        out += _entries(result, root)
    return "\n".join(out).rstrip() + "\n"


def _group(result: DiffResult, group: Group, level: int) -> list[str]:
    title = escape(group.title())
    if group.annotation():
        title += f" {escape(group.annotation())}"
    out = [f"{'#' * min(level, 6)} {title}", ""]
    lines = _details(details(result, group.node, group.changes), 0)
    if lines:
        out += [*lines, ""]
    out += _entries(result, group)
    for child in group.groups:
        out += _group(result, child, level + 1)
    return out


def _entries(result: DiffResult, group: Group) -> list[str]:
    if not group.entries:
        return []
    out: list[str] = []
    for entry in group.entries:
        phrase, words = headline(entry)
        out.append(f"- **{escape(phrase)}:** {_words(words)}")
        label = entry.label_change()
        if label is not None and label.old:
            out.append(f"  - *Tidigare lydelse:* {escape(label.old)}")
        out += _details(details(result, entry.item, entry.changes), 1)
    out.append("")
    return out


def _details(lines: list[Line], depth: int) -> list[str]:
    pad = "  " * depth
    return [f"{pad}- *{escape(line.lead.strip())}:* {_words(line.words)}" for line in lines]


def _words(fragments: tuple[Fragment, ...]) -> str:
    parts = []
    previous = ""
    for text, style in fragments:
        if style == "ins" and previous == "del":
            parts.append(" ")  # "~~gammalt~~ **nytt**" reads better than glued together
        previous = style
        if style == "ins":
            parts.append(_wrap(text, "**"))
        elif style == "del":
            parts.append(_wrap(text, "~~"))
        else:
            parts.append(escape(text))
    return " ".join("".join(parts).split("\n")).strip()


def _wrap(text: str, marker: str) -> str:
    """``**word**`` with the surrounding spaces outside the markers, as Markdown needs."""
    core = text.strip()
    if not core:
        return text
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()) :]
    return f"{start}{marker}{escape(core)}{marker}{end}"
