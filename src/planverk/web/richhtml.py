"""Plan text with its own markup (paragraphs, bullet lists, footnotes; see
:mod:`planverk.document.richtext`) as the site's HTML: the same blocks the documents get,
every character escaped. A footnote stands after its word, as the site's bullets show
theirs: "(Fotnot: …)"."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from planverk.document.blocks import Block, Inline, ListBlock, Note, Paragraph, Text, plain
from planverk.document.richtext import parse
from planverk.model.common import TextKind


def inline_html(children: Sequence[Inline]) -> Markup:
    parts: list[Markup] = []
    for child in children:
        if isinstance(child, Text):
            parts.append(escape(child.text))
        elif isinstance(child, Note):
            note = plain(child.children)
            parts.append(Markup(' <small class="fotnot">(Fotnot: {})</small>').format(note))
    return Markup("").join(parts)


def blocks_html(blocks: Sequence[Block]) -> Markup:
    out: list[Markup] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Markup("<p>{}</p>").format(inline_html(block.children)))
        elif isinstance(block, ListBlock):
            items = []
            for item in block.items:
                inner = Markup("").join(
                    inline_html(b.children) if isinstance(b, Paragraph) else blocks_html([b])
                    for b in item.blocks
                )
                items.append(Markup("<li>{}</li>").format(inner))
            out.append(Markup("<ul>{}</ul>").format(Markup("").join(items)))
    return Markup("\n").join(out)


def paragraphs_html(value: object) -> Markup:
    """Template filter ``stycken``: a plan text's paragraphs, lists and footnotes."""
    if value is None or value == "":
        return Markup("")
    return blocks_html(parse(str(value), TextKind.BLOCK).blocks)


def line_html(value: object) -> Markup:
    """Template filter ``rad``: one line of plan text (a bullet, an activity) with its
    footnotes."""
    if value is None or value == "":
        return Markup("")
    blocks = parse(str(value), TextKind.LINE).blocks
    first = blocks[0] if blocks else None
    return inline_html(first.children) if isinstance(first, Paragraph) else Markup("")
