"""Accessibility checks on the document's structure (EN 301 549 / DOS-lagen): heading levels
never skip, link texts say where they lead. A template edit can break either."""

from __future__ import annotations

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.render.blocks import (
    Block,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    plain,
)

VAGUE_LINK_TEXTS = frozenset({"här", "klicka här", "länk", "läs mer", "mer", "here", "click here"})


def check(document: Document, template: str) -> list[Finding]:
    findings: list[Finding] = []
    previous = 0
    for heading in document.headings():
        if heading.level > previous + 1:
            findings.append(
                Finding(
                    "PV401",
                    Level.WARNING,
                    f"rubriknivån hoppar från {previous} till {heading.level} vid "
                    f"'{plain(heading.children)[:60]}'",
                    template,
                    hint="Rubriknivåer får inte hoppa över en nivå (tillgänglighet); ändra antalet "
                    "# i mallen.",
                )
            )
        previous = heading.level
    for link in _links(document.blocks):
        text = plain(link.children).strip()
        if text.casefold() in VAGUE_LINK_TEXTS or text == link.href:
            findings.append(
                Finding(
                    "PV403",
                    Level.WARNING,
                    f"länktexten '{text}' säger inte vart länken leder",
                    template,
                    hint="Skriv en länktext som beskriver målet, t.ex. [Samverkansavtalet](...).",
                )
            )
    return findings


def _links(blocks: list[Block]) -> Iterator[Link]:
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            yield from _inline_links(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _links(item.blocks)
        elif isinstance(block, Quote):
            yield from _links(block.blocks)
        elif isinstance(block, Table):
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield from _inline_links(cell)


def _inline_links(children: list[Inline]) -> Iterator[Link]:
    for child in children:
        if isinstance(child, Link):
            yield child
