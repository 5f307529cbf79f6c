"""The document as plain blocks: what the templates' markup means, before any writer.

The Markdown parser produces these; the .docx and HTML writers consume them. Nothing here
knows about Word or HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True, slots=True)
class Break:
    """A line break inside a paragraph or a table cell."""


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote, written inline in the markup as ``^[text]``."""

    children: tuple[Inline, ...]


Inline = Text | Break | Link | Note


@dataclass(slots=True)
class Heading:
    level: int
    children: list[Inline]
    line: int = 0  # line in the rendered markup, for messages


@dataclass(slots=True)
class Paragraph:
    children: list[Inline]
    style: str | None = None  # a Word style name chosen in the template (<!-- stil: X -->)


@dataclass(slots=True)
class ListItem:
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ListBlock:
    ordered: bool
    items: list[ListItem] = field(default_factory=list)
    start: int = 1


@dataclass(slots=True)
class Quote:
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    header: list[list[Inline]]
    rows: list[list[list[Inline]]]
    widths: list[float] = field(default_factory=list)  # relative column widths, may be empty
    status_columns: frozenset[int] = frozenset()
    caption: str = ""
    merge_columns: int = 0  # slides: equal cells in this many first columns share one cell


@dataclass(frozen=True, slots=True)
class TableOfContents:
    heading: str = "Innehåll"
    levels: int = 2


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Orientation:
    """Start a new section: ``landscape`` True for liggande, False for stående."""

    landscape: bool


Block = Heading | Paragraph | ListBlock | Quote | Table | TableOfContents | PageBreak | Orientation


@dataclass(slots=True)
class Document:
    blocks: list[Block]
    title: str = ""

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def plain(children: tuple[Inline, ...] | list[Inline]) -> str:
    """The text of inline content, without footnotes."""
    parts: list[str] = []
    for child in children:
        if isinstance(child, Text):
            parts.append(child.text)
        elif isinstance(child, Break):
            parts.append("\n")
        elif isinstance(child, Link):
            parts.append(plain(child.children))
    return "".join(parts)


def links(blocks: list[Block]) -> Iterator[Link]:
    """Every link in ``blocks``, in document order."""
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            yield from _inline_links(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from links(item.blocks)
        elif isinstance(block, Quote):
            yield from links(block.blocks)
        elif isinstance(block, Table):
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield from _inline_links(cell)


def _inline_links(children: list[Inline]) -> Iterator[Link]:
    for child in children:
        if isinstance(child, Link):
            yield child
