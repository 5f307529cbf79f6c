"""Plan text (parsed by :mod:`planverk.document.richtext`) as the templates' Markdown.

The plan's own markup (paragraphs, bullet lists, footnotes) becomes the same Markdown the
templates write, every character of the text escaped, so the one Markdown parser turns it
into the same blocks for docx, HTML and PDF, and the md output shows the same. A setting of
the document style (``kursiv``, ``fet``, ``citat``) is applied here, to every paragraph and
bullet of the text, so a template only names the setting.
"""

from __future__ import annotations

from collections.abc import Sequence

from planverk.document.blocks import Block, Inline, ListBlock, Note, Paragraph, Text
from planverk.model.style import Emphasis
from planverk.render.plaintext import LINE_BREAK, SafeMarkdown, escape_run

_MARKS = {Emphasis.ITALIC: "*", Emphasis.BOLD: "**"}


def inline_markdown(children: Sequence[Inline], emphasis: Emphasis = Emphasis.NORMAL) -> str:
    """Runs and footnotes as one line of Markdown; ``emphasis`` wraps the runs (a footnote
    keeps the look of footnotes)."""
    parts: list[str] = []
    for child in children:
        if isinstance(child, Text):
            parts.append(escape_run(child.text, line_start=not parts))
        elif isinstance(child, Note):
            note = "".join(
                escape_run(c.text, line_start=False) for c in child.children if isinstance(c, Text)
            )
            parts.append(f"^[{note.strip()}]")
    text = _spaced("".join(parts))
    mark = _MARKS.get(emphasis)
    if mark and text:
        return _wrap(text, mark)
    return text


def _spaced(text: str) -> str:
    """Runs of spaces as one, none at the ends."""
    return " ".join(text.split()).strip()


def _wrap(text: str, mark: str) -> str:
    """``*text*`` around the runs; a footnote right at the end stays outside the marks so
    the closing mark follows a letter (CommonMark's rule for where emphasis may end)."""
    tail = ""
    while text.endswith("]") and "^[" in text:
        start = text.rfind("^[")
        tail = text[start:] + tail
        text = text[:start]
        if not text.endswith("]"):
            break
    body = text.rstrip()
    if not body:
        return tail
    return f"{mark}{body}{mark}{tail}"


def blocks_markdown(blocks: Sequence[Block], emphasis: Emphasis = Emphasis.NORMAL) -> str:
    """Paragraphs and bullet lists as Markdown blocks (blank line between blocks)."""
    inner = Emphasis.NORMAL if emphasis is Emphasis.QUOTE else emphasis
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(inline_markdown(block.children, inner))
        elif isinstance(block, ListBlock):
            out.append("\n".join(_list_lines(block, 0, inner)))
    text = "\n\n".join(part for part in out if part)
    if emphasis is Emphasis.QUOTE and text:
        return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return text


def _list_lines(block: ListBlock, depth: int, emphasis: Emphasis) -> list[str]:
    lines: list[str] = []
    pad = "  " * depth
    for item in block.items:
        first = True
        for child in item.blocks:
            if isinstance(child, Paragraph):
                text = inline_markdown(child.children, emphasis)
                lines.append(f"{pad}- {text}" if first else f"{pad}  {text}")
                first = False
            elif isinstance(child, ListBlock):
                if first:
                    lines.append(f"{pad}-")
                    first = False
                lines += _list_lines(child, depth + 1, emphasis)
    return lines


def one_line(blocks: Sequence[Block]) -> str:
    """The text on one line (a table cell): paragraphs and bullets on lines of their own."""
    lines: list[str] = []

    def walk(items: Sequence[Block], depth: int) -> None:
        for block in items:
            if isinstance(block, Paragraph):
                text = inline_markdown(block.children)
                lines.append(f"{'  ' * max(0, depth - 1)}– {text}" if depth else text)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.blocks, depth + 1)

    walk(blocks, 0)
    return LINE_BREAK.join(line for line in lines if line)


__all__ = ["SafeMarkdown", "blocks_markdown", "inline_markdown", "one_line"]
