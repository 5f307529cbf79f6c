"""Blocks → one accessible HTML page (regions publish on the web, HTML first).

Semantic elements only: headings, lists, blockquote, tables with <th scope="col">, the
status as a word in its cell (the colour only repeats it), lang="sv", a <title>, and
footnotes as a numbered list with links back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from planverk.document.blocks import (
    Block,
    Break,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    Orientation,
    PageBreak,
    Paragraph,
    Quote,
    Table,
    TableOfContents,
    Text,
    plain,
)
from planverk.render.meta import STATUS_FILL, Meta

CSS = """
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.5; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1, h2, h3, h4, .title { color: #1f3864; }
.title { font-size: 2rem; font-weight: bold; margin-bottom: 0.2rem; }
.subtitle { font-size: 1.2rem; color: #404040; }
blockquote { border-left: 0.3rem solid #8eaadb; margin-left: 0; padding-left: 1rem;
             font-style: italic; color: #404040; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #808080; padding: 0.3rem; vertical-align: top; text-align: left; }
th { background: #d9e2f3; }
nav ul { list-style: none; padding-left: 0; }
nav ul ul { padding-left: 1.5rem; }
.fotnoter { font-size: 0.9rem; border-top: 1px solid #808080; margin-top: 2rem; }
figure.diagram { margin: 1rem 0; }
figure.diagram svg { max-width: 48rem; }
@media print { .sidbrytning { break-after: page; } }
"""


@dataclass(slots=True)
class _Html:
    out: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    anchors: dict[int, str] = field(default_factory=dict)

    def inlines(self, children: list[Inline] | tuple[Inline, ...]) -> str:
        parts: list[str] = []
        for child in children:
            if isinstance(child, Text):
                text = escape(child.text, quote=False)
                if child.code:
                    text = f"<code>{text}</code>"
                if child.italic:
                    text = f"<em>{text}</em>"
                if child.bold:
                    text = f"<strong>{text}</strong>"
                parts.append(text)
            elif isinstance(child, Break):
                parts.append("<br>")
            elif isinstance(child, Link):
                parts.append(f'<a href="{escape(child.href)}">{self.inlines(child.children)}</a>')
            elif isinstance(child, Note):
                number = len(self.notes) + 1
                self.notes.append(self.inlines(child.children))
                parts.append(
                    f'<sup><a href="#fotnot-{number}" id="fotnotsref-{number}" '
                    f'aria-label="Fotnot {number}">{number}</a></sup>'
                )
        return "".join(parts)

    def blocks(self, blocks: list[Block], document: Document) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                level = max(1, min(block.level, 6))
                anchor = self.anchors.get(id(block), "")
                ident = f' id="{anchor}"' if anchor else ""
                self.out.append(f"<h{level}{ident}>{self.inlines(block.children)}</h{level}>")
            elif isinstance(block, Paragraph):
                css = f' class="{_css_class(block.style)}"' if block.style else ""
                self.out.append(f"<p{css}>{self.inlines(block.children)}</p>")
            elif isinstance(block, ListBlock):
                self.list_block(block, document)
            elif isinstance(block, Quote):
                self.out.append("<blockquote>")
                self.blocks(block.blocks, document)
                self.out.append("</blockquote>")
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, TableOfContents):
                self.toc(block, document)
            elif isinstance(block, PageBreak):
                self.out.append('<div class="sidbrytning"></div>')
            elif isinstance(block, Orientation):
                continue

    def list_block(self, block: ListBlock, document: Document) -> None:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        self.out.append(f"<{tag}{start}>")
        for item in block.items:
            self.out.append("<li>")
            if len(item.blocks) == 1 and isinstance(item.blocks[0], Paragraph):
                self.out.append(self.inlines(item.blocks[0].children))
            else:
                self.blocks(item.blocks, document)
            self.out.append("</li>")
        self.out.append(f"</{tag}>")

    def table(self, table: Table) -> None:
        self.out.append("<table>")
        if table.caption:
            self.out.append(f"<caption>{escape(table.caption)}</caption>")
        self.out.append("<thead><tr>")
        for cell in table.header:
            self.out.append(f'<th scope="col">{self.inlines(cell)}</th>')
        self.out.append("</tr></thead><tbody>")
        for row in table.rows:
            self.out.append("<tr>")
            for index, cell in enumerate(row):
                css = ""
                if index in table.status_columns:
                    word = plain(cell).strip().casefold()
                    if word in STATUS_FILL:
                        css = f' style="background:#{STATUS_FILL[word]}"'
                self.out.append(f"<td{css}>{self.inlines(cell)}</td>")
            self.out.append("</tr>")
        self.out.append("</tbody></table>")

    def toc(self, toc: TableOfContents, document: Document) -> None:
        items = [h for h in document.headings() if h.level <= toc.levels]
        self.out.append(f'<nav aria-label="{escape(toc.heading)}">')
        self.out.append(f'<p class="toc-heading"><strong>{escape(toc.heading)}</strong></p><ul>')
        for heading in items:
            anchor = self.anchors[id(heading)]
            indent = ' style="margin-left:1.5rem"' if heading.level > 1 else ""
            text = escape(plain(heading.children))
            self.out.append(f'<li{indent}><a href="#{anchor}">{text}</a></li>')
        self.out.append("</ul></nav>")


def _css_class(style: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in style.casefold()).strip("-")


def write_html(document: Document, meta: Meta) -> bytes:
    html = _Html()
    for number, heading in enumerate(document.headings(), 1):
        html.anchors[id(heading)] = f"rubrik-{number}"
    html.blocks(document.blocks, document)
    if html.notes:
        html.out.append('<section class="fotnoter" aria-label="Fotnoter"><ol>')
        for number, note in enumerate(html.notes, 1):
            html.out.append(
                f'<li id="fotnot-{number}">{note} <a href="#fotnotsref-{number}" '
                f'aria-label="Tillbaka till texten">↩</a></li>'
            )
        html.out.append("</ol></section>")
    head = (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(meta.title)}</title>\n"
        f'<meta name="author" content="{escape(meta.author)}">\n'
        f'<meta name="description" content="{escape(meta.subject)}">\n'
        f'<meta name="dcterms.created" content="{meta.date.isoformat()}">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
    )
    return (head + "\n".join(html.out) + "\n</main>\n</body>\n</html>\n").encode("utf-8")
