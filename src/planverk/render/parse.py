"""The templates' Markdown, parsed with markdown-it-py into plain blocks.

Besides CommonMark and tables the markup knows:
- ``<br>``: a line break (inside a table cell, too);
- ``^[text]``: a footnote;
- instructions as HTML comments on a line of their own (Swedish, see the templates):
  ``<!-- innehållsförteckning -->``, ``<!-- sidbrytning -->``, ``<!-- liggande -->``,
  ``<!-- stående -->``, ``<!-- stil: Title -->`` (Word style of the next paragraph),
  ``<!-- kolumnbredder: 2 3 1 -->``, ``<!-- tabelltext: ... -->`` and, for slides,
  ``<!-- sammanfoga: 4 -->`` (equal cells one under the other in the first 4 columns become
  one cell) for the next table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planverk.document.blocks import (
    Block,
    Break,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Note,
    Orientation,
    PageBreak,
    Paragraph,
    Quote,
    Table,
    TableOfContents,
    Text,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

STATUS_HEADER = "status"
_COMMENT = re.compile(r"^\s*<!--(.*?)-->\s*$", re.DOTALL)
_BREAK = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
DIRECTIVES = (
    "innehållsförteckning",
    "sidbrytning",
    "liggande",
    "stående",
    "stil",
    "kolumnbredder",
    "tabelltext",
    "sammanfoga",
)


class MarkupError(Exception):
    """The rendered markup holds something the writers cannot place (a template mistake)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    """``^[text]``: an inline footnote (the syntax Pandoc uses)."""
    from markdown_it.helpers import parseLinkLabel

    start = state.pos
    if start + 2 >= state.posMax or state.src[start] != "^" or state.src[start + 1] != "[":
        return False
    end = parseLinkLabel(state, start + 1)
    if end < 0:
        return False
    if not silent:
        children: list[Token] = []
        state.md.inline.parse(state.src[start + 2 : end], state.md, state.env, children)
        token = state.push("footnote_inline", "", 0)
        token.children = children
    state.pos = end + 1
    return True


_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")
# Inline content without these characters is plain text: no need to run the inline parser.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&^!\n]|  $")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    marked = _CELL_SPLIT.sub(lambda m: m.group(1) + "\x00", line)
    return [cell.strip() for cell in marked.split("\x00")]


def _table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A pipe table whose lines all start with ``|``: one token holding the cells.

    markdown-it-py's own table rule makes ~30 tokens per row, which dominates the time for a
    handlingsplan of thousands of rows; the cells' inline text is parsed later, and only when
    it holds Markdown.
    """
    if start + 1 >= end or state.sCount[start] - state.blkIndent >= 4:
        return False

    def line_at(index: int) -> str:
        return state.src[state.bMarks[index] + state.tShift[index] : state.eMarks[index]]

    head = line_at(start)
    if not head.startswith("|") or not _DELIMITER_ROW.match(line_at(start + 1)):
        return False
    if silent:
        return True
    rows: list[list[str]] = []
    line = start + 2
    while line < end:
        text = line_at(line)
        if not text.startswith("|") or state.sCount[line] < state.blkIndent:
            break
        rows.append(_cells(text))
        line += 1
    token = state.push("planverk_table", "table", 0)
    token.map = [start, line]
    token.meta = {"header": _cells(head), "rows": rows}
    state.line = line
    return True


_PARSER: MarkdownIt | None = None


def markdown() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"html": True, "typographer": False})
        parser.block.ruler.before(
            "code", "planverk_table", _table_rule, {"alt": ["paragraph", "reference"]}
        )
        parser.inline.ruler.before("link", "footnote_inline", _footnote_rule)
        # Inline content is parsed on demand (see _inline_text): most plan text is plain.
        parser.disable("inline")
        _PARSER = parser
    return _PARSER


def inline_markup(content: str, line: int) -> list[Inline]:
    """Inline Markdown as runs; plain text skips the parser."""
    if not _INLINE_SPECIAL.search(content):
        return [Text(content)] if content else []
    parser = markdown()
    children: list[Token] = []
    parser.inline.parse(content, parser, {}, children)
    return _inlines(children, line)


def parse(source: str) -> Document:
    """Parse rendered template output into a :class:`Document`."""
    tokens = markdown().parse(source)
    builder = _Builder(tokens)
    blocks = builder.blocks(0, len(tokens))
    title = next((b for b in blocks if isinstance(b, Paragraph) and b.style == "Title"), None)
    from planverk.document.blocks import plain

    return Document(blocks, plain(title.children) if title else "")


class _Builder:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.style: str | None = None
        self.widths: list[float] = []
        self.caption = ""
        self.merge = 0

    def _close(self, start: int) -> int:
        """Index of the token closing the one opened at ``start``."""
        depth = 0
        for index in range(start, len(self.tokens)):
            depth += self.tokens[index].nesting
            if depth == 0:
                return index
        return len(self.tokens) - 1  # pragma: no cover - markdown-it always balances

    def blocks(self, start: int, end: int) -> list[Block]:
        out: list[Block] = []
        index = start
        while index < end:
            token = self.tokens[index]
            kind = token.type
            line = token.map[0] + 1 if token.map else 0
            if kind == "heading_open":
                level = int(token.tag[1:])
                out.append(Heading(level, self.inline(self.tokens[index + 1]), line))
                self.style = None
                index += 3
            elif kind == "paragraph_open":
                out.append(Paragraph(self.inline(self.tokens[index + 1]), self.style))
                self.style = None
                index += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                close = self._close(index)
                out.append(self.list_block(index, close))
                index = close + 1
            elif kind == "blockquote_open":
                close = self._close(index)
                out.append(Quote(self.blocks(index + 1, close)))
                index = close + 1
            elif kind == "planverk_table":
                out.append(self.table(token, line))
                index += 1
            elif kind == "html_block":
                block = self.directive(token.content, line)
                if block is not None:
                    out.append(block)
                index += 1
            elif kind in ("fence", "code_block"):
                for text_line in token.content.rstrip("\n").split("\n"):
                    out.append(Paragraph([Text(text_line, code=True)], self.style))
                index += 1
            elif kind == "hr":
                out.append(PageBreak())
                index += 1
            else:
                index += 1
        return out

    def list_block(self, start: int, end: int) -> ListBlock:
        opening = self.tokens[start]
        first = opening.attrGet("start")
        block = ListBlock(opening.type == "ordered_list_open", start=int(first or 1))
        index = start + 1
        while index < end:
            close = self._close(index)
            block.items.append(ListItem(self.blocks(index + 1, close)))
            index = close + 1
        return block

    def table(self, token: Token, line: int) -> Table:
        from planverk.document.blocks import plain

        meta = token.meta
        seen: dict[str, list[Inline]] = {}  # the same text repeats down a column

        def cell(text: str, at: int) -> list[Inline]:
            found = seen.get(text)
            if found is None:
                found = seen[text] = inline_markup(text, at)
            return found

        header = [cell(text, line) for text in meta["header"]]
        rows = [
            [cell(text, line + 2 + number) for text in row]
            for number, row in enumerate(meta["rows"])
        ]
        status = frozenset(
            i for i, cell in enumerate(header) if plain(cell).strip().casefold() == STATUS_HEADER
        )
        widths, self.widths = self.widths, []
        caption, self.caption = self.caption, ""
        merge, self.merge = self.merge, 0
        return Table(header, rows, widths, status, caption, merge)

    def directive(self, content: str, line: int) -> Block | None:
        match = _COMMENT.match(content)
        if match is None:
            raise MarkupError(
                f"HTML stöds inte i mallen: {content.strip()[:60]!r}. Skriv Markdown, eller en "
                "instruktion som <!-- sidbrytning -->",
                line,
            )
        name, _, argument = match.group(1).strip().partition(":")
        name, argument = name.strip().casefold(), argument.strip()
        if name == "innehållsförteckning":
            return TableOfContents(argument or "Innehåll")
        if name == "sidbrytning":
            return PageBreak()
        if name in ("liggande", "stående"):
            return Orientation(name == "liggande")
        if name == "stil" and argument:
            self.style = argument
            return None
        if name == "kolumnbredder":
            try:
                self.widths = [float(part.replace(",", ".")) for part in argument.split()]
            except ValueError:
                raise MarkupError(
                    f"kolumnbredder ska vara tal, t.ex. <!-- kolumnbredder: 2 3 1 -->, inte "
                    f"{argument!r}",
                    line,
                ) from None
            return None
        if name == "tabelltext":
            self.caption = argument
            return None
        if name == "sammanfoga":
            if not argument.isdigit():
                raise MarkupError(
                    f"sammanfoga ska vara ett antal kolumner, t.ex. <!-- sammanfoga: 4 -->, inte "
                    f"{argument!r}",
                    line,
                )
            self.merge = int(argument)
            return None
        from planverk.core.suggest import did_you_mean

        hint = did_you_mean(name, DIRECTIVES)
        raise MarkupError(
            f"okänd instruktion <!--{match.group(1)}--> i mallen"
            + (f". {hint}" if hint else f"; kända: {', '.join(DIRECTIVES)}"),
            line,
        )

    def inline(self, token: Token) -> list[Inline]:
        return inline_markup(token.content, token.map[0] + 1 if token.map else 0)


def _inlines(children: Sequence[Token], line: int) -> list[Inline]:
    out: list[Inline] = []
    bold = italic = False
    link: str | None = None
    outer: list[Inline] = out
    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            out.append(Text(child.content, bold, italic))
        elif kind == "code_inline":
            out.append(Text(child.content, bold, italic, code=True))
        elif kind == "softbreak":
            out.append(Text(" ", bold, italic))
        elif kind == "hardbreak":
            out.append(Break())
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            link = str(child.attrGet("href") or "")
            outer, out = out, []
        elif kind == "link_close":
            outer.append(Link(link or "", tuple(_merge(out))))
            out, link = outer, None
        elif kind == "footnote_inline":
            out.append(Note(tuple(_inlines(child.children or [], line))))
        elif kind == "html_inline":
            if _BREAK.match(child.content.strip()):
                out.append(Break())
            elif not _COMMENT.match(child.content):
                raise MarkupError(
                    f"HTML stöds inte i mallen: {child.content!r}; skriv <br> för radbrytning",
                    line,
                )
        elif kind == "image":
            out.append(Text(child.content, bold, italic))
    return _merge(out)


def _merge(items: list[Inline]) -> list[Inline]:
    """Join neighbouring text runs of the same look (fewer runs in the document)."""
    merged: list[Inline] = []
    for item in items:
        last = merged[-1] if merged else None
        if (
            isinstance(item, Text)
            and isinstance(last, Text)
            and (last.bold, last.italic, last.code) == (item.bold, item.italic, item.code)
        ):
            merged[-1] = Text(last.text + item.text, item.bold, item.italic, item.code)
        else:
            merged.append(item)
    return merged
