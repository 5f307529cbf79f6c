"""The plan texts' own markup, parsed into document blocks.

One small markup, the same in every text that may hold it (which texts may is declared in the
model, see :class:`planverk.model.common.TextKind`):

- **stycken**: a blank line starts a new paragraph; the lines of a paragraph are joined;
- **punktlistor**: a line that starts with ``- `` is a bullet; two more spaces in front make
  it a sub-bullet of the bullet above; a line indented as far as the bullet's text continues
  it; a line at the list's left edge after the list starts a new paragraph;
- **fotnoter**: ``^[fotnotens text]`` anywhere in a line, right after the word it belongs to.

Everything else is text and is printed as written. What looks like other markup (``**fet**``,
``*kursiv*``, ``[länk](adress)``, ``# rubrik``, ``> citat``, ``1. numrerad lista``, HTML, a
footnote that is never closed) is not supported: the parser reports it as a
:class:`Problem` with its place in the text, and rule PV330 makes it a finding, so it never
reaches a document unnoticed. Emphasis is the document style's business (``dokumentstil:``
in the project file), not the text's.

A *rad* text (a bullet, an activity) holds one line with footnotes; a *ren* text (a heading,
a title, a name) holds no markup at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from planverk.document.blocks import Block, Inline, ListBlock, ListItem, Note, Paragraph, Text
from planverk.model.common import TextKind

FOOTNOTE_OPEN = "^["


@dataclass(frozen=True, slots=True)
class Problem:
    """Markup the parser does not support, at ``start:end`` in the text."""

    start: int
    end: int
    message: str
    hint: str


@dataclass(slots=True)
class Parsed:
    blocks: list[Block]
    problems: list[Problem] = field(default_factory=list)

    @property
    def plain(self) -> bool:
        """One paragraph of text without footnotes (what most plan texts are)."""
        if len(self.blocks) != 1 or not isinstance(self.blocks[0], Paragraph):
            return False
        return all(isinstance(child, Text) for child in self.blocks[0].children)


# Characters without which a line needs no inline parsing at all.
_INLINE_SPECIAL = re.compile(r"[\^*_`\[\]<>&!]")
# Characters without which a whole text is one plain paragraph (the common case).
_SPECIAL = re.compile(r"[\^*_`\[\]<>&!\n]|^\s*(?:[-+#>]|\d+[.)])")

_ITEM = re.compile(r"^( *)- (.*)$")
_EMPTY_ITEM = re.compile(r"^( *)-\s*$")
_OTHER_BULLET = re.compile(r"^( *)([*+•–]) +\S")
_NUMBERED = re.compile(r"^( *)(\d{1,3}|[a-zA-Z])[.)] +\S")
_HEADING = re.compile(r"^( *)#{1,6}(?: |$)")
_QUOTE = re.compile(r"^( *)> ?")
_RULE_LINE = re.compile(r"^ *(?:-{3,}|\*{3,}|_{3,}) *$")
_TAB_INDENT = re.compile(r"^ *\t")

HINT_STYLE = (
    "Vilken text som framhävs, och hur, bestäms av dokumentstil: i projektfilen "
    "(plans/planverk.yaml); skriv texten utan markeringar."
)
_INLINE_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"\*\*(?=\S)[^*\n]*?(?<=\S)\*\*|__(?=\S)[^_\n]*?(?<=\S)__"),
        "fetstil med ** eller __ stöds inte i planernas text",
        HINT_STYLE,
    ),
    (
        re.compile(
            r"(?<![\w*\\])\*(?=[^\s*])[^*\n]*?(?<=[^\s*\\])\*(?![\w*])"
            r"|(?<![\w_\\])_(?=[^\s_])[^_\n]*?(?<=[^\s_\\])_(?![\w_])"
        ),
        "kursiv med * eller _ stöds inte i planernas text",
        HINT_STYLE,
    ),
    (
        re.compile(r"`[^`\n]+`"),
        "kod med ` stöds inte i planernas text",
        "Skriv texten utan `.",
    ),
    (
        re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"),
        "länkar och bilder i Markdown stöds inte i planernas text",
        "Skriv adressen som vanlig text, t.ex. www.1177.se.",
    ),
    (
        re.compile(
            r"<(?:https?://|mailto:|www\.)[^>\s]*>|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
        ),
        "HTML och adresser inom < > stöds inte i planernas text",
        "Skriv texten utan < >; en punktlista skrivs med '- ' och ett nytt stycke med en tom rad.",
    ),
    (
        re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});"),
        "HTML-tecken som &nbsp; stöds inte i planernas text",
        "Skriv tecknet självt (t.ex. ett mellanslag, –, §).",
    ),
)


def parse(text: str, kind: TextKind) -> Parsed:
    """``text`` as blocks (paragraphs and bullet lists, with footnotes), and the problems."""
    if kind is TextKind.PLAIN:
        return _plain(text)
    if not _SPECIAL.search(text):
        stripped = text.strip()
        return Parsed([Paragraph([Text(stripped)])] if stripped else [])
    if kind is TextKind.LINE:
        return _line(text)
    return _Blocks(text).parse()


def inline(text: str, offset: int = 0) -> tuple[list[Inline], list[Problem]]:
    """One paragraph's text (lines already joined) as runs with footnotes.

    ``offset`` is where ``text`` starts in the text the problems should point into; when
    the paragraph was joined from several lines, :class:`_Joined` maps positions back.
    """
    return _inline(_Joined([(text, offset)]))


# -- the three kinds of text ---------------------------------------------------------------


def _plain(text: str) -> Parsed:
    """A heading, title or name: no markup is allowed; a footnote is reported."""
    problems: list[Problem] = []
    at = text.find(FOOTNOTE_OPEN)
    if at >= 0:
        problems.append(
            Problem(
                at,
                at + 2,
                "en fotnot kan inte stå här (i en rubrik, en titel eller ett namn)",
                "Sätt fotnoten i texten under rubriken, eller i punktens fotnot:.",
            )
        )
    if _INLINE_SPECIAL.search(text):
        problems += _unsupported_inline(text, 0, len(text), lambda i: i)
    return Parsed([Paragraph([Text(" ".join(text.split()))])] if text.strip() else [], problems)


def _line(text: str) -> Parsed:
    """A bullet or an activity: one line with footnotes."""
    problems: list[Problem] = []
    lines = _lines(text)
    pieces: list[tuple[str, int]] = []
    blank_seen = False
    for content, offset in lines:
        if not content.strip():
            blank_seen = bool(pieces)
            continue
        if blank_seen:
            problems.append(
                Problem(
                    offset,
                    offset + len(content),
                    "en punkt kan inte ha flera stycken",
                    "Skriv varje tanke som en egen punkt, eller underpunkterna under punkter:.",
                )
            )
            blank_seen = False
        item = _ITEM.match(content) or _OTHER_BULLET.match(content)
        if item is not None and pieces:
            start = offset + len(item.group(1))
            problems.append(
                Problem(
                    start,
                    start + 1,
                    "en punkt kan inte ha en punktlista i sin text",
                    "Skriv underpunkterna under punktens punkter: (med text: för punkten själv).",
                )
            )
        else:
            problems += _line_start(content, offset, in_block=False)
        pieces.append((content.strip(), offset + len(content) - len(content.lstrip())))
    joined = _Joined(pieces)
    children, inline_problems = _inline(joined)
    return Parsed([Paragraph(children)] if children else [], problems + inline_problems)


class _Blocks:
    """Paragraphs and (nested) bullet lists of a *stycken* text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.problems: list[Problem] = []
        self.paragraph: list[tuple[str, int]] = []
        # Open lists, outermost first: (indent of the items' dash, the list).
        self.lists: list[tuple[int, ListBlock]] = []
        self.item_text: list[tuple[str, int]] = []  # the lines of the item being read
        self.item_indent = 0

    def parse(self) -> Parsed:
        for content, offset in _lines(self.text):
            self.line(content, offset)
        self.end_paragraph()
        self.end_lists()
        return Parsed(self.blocks, self.problems)

    def line(self, content: str, offset: int) -> None:
        if not content.strip():
            self.end_paragraph()
            self.end_lists()
            return
        if _TAB_INDENT.match(content):
            self.problems.append(
                Problem(
                    offset,
                    offset + content.index("\t") + 1,
                    "tabb i indraget: planverk kan inte avgöra vilken punkt raden hör till",
                    "Dra in med mellanslag, två per nivå.",
                )
            )
            content = content.replace("\t", "  ")
        indent = len(content) - len(content.lstrip(" "))
        item = _ITEM.match(content)
        if item is not None:
            self.end_paragraph()
            self.item(indent, item.group(2), offset + indent + 2)
            return
        if _EMPTY_ITEM.match(content):
            self.problems.append(
                Problem(
                    offset + indent,
                    offset + len(content),
                    "punkten är tom",
                    "Skriv punktens text efter '- ', eller ta bort raden.",
                )
            )
            return
        line_problems = _line_start(content, offset, in_block=True)
        if line_problems:
            self.problems += line_problems
        if self.lists and indent >= self.item_indent + 2:
            self.item_text.append((content.strip(), offset + indent))
            return
        self.end_lists()
        self.paragraph.append((content.strip(), offset + indent))

    def item(self, indent: int, text: str, text_offset: int) -> None:
        self.end_item()
        while self.lists and self.lists[-1][0] > indent:
            self.lists.pop()
        if not self.lists:
            top = ListBlock(False)
            self.blocks.append(top)
            self.lists.append((indent, top))
        elif self.lists[-1][0] < indent:
            child = ListBlock(False)
            self.lists[-1][1].items[-1].blocks.append(child)
            self.lists.append((indent, child))
        self.lists[-1][1].items.append(ListItem([]))
        self.item_indent = indent
        self.item_text = [(text.strip(), text_offset + len(text) - len(text.lstrip()))]

    def end_item(self) -> None:
        if not self.item_text or not self.lists:
            return
        children, problems = _inline(_Joined(self.item_text))
        self.problems += problems
        self.lists[-1][1].items[-1].blocks.insert(0, Paragraph(children))
        self.item_text = []

    def end_lists(self) -> None:
        self.end_item()
        self.lists = []

    def end_paragraph(self) -> None:
        if not self.paragraph:
            return
        children, problems = _inline(_Joined(self.paragraph))
        self.problems += problems
        if children:
            self.blocks.append(Paragraph(children))
        self.paragraph = []


# -- lines and positions -------------------------------------------------------------------


def _lines(text: str) -> list[tuple[str, int]]:
    """The text's lines with the offset each starts at."""
    out: list[tuple[str, int]] = []
    offset = 0
    for line in text.split("\n"):
        out.append((line.rstrip("\r"), offset))
        offset += len(line) + 1
    return out


def _line_start(content: str, offset: int, *, in_block: bool) -> list[Problem]:
    """Markup at the start of a line that planverk does not support."""
    indent = len(content) - len(content.lstrip(" "))
    at = offset + indent
    found = [
        (
            _OTHER_BULLET,
            "punkter skrivs med '- ' i början av raden",
            "Byt tecknet mot ett bindestreck följt av ett mellanslag.",
        ),
        (
            _NUMBERED,
            "numrerade listor stöds inte i planernas text",
            "Skriv en punktlista med '- ' i början av varje rad; numreringen av paragraferna "
            "sköter nummer: och dokumentstilen.",
        ),
        (
            _HEADING,
            "rubriker med # stöds inte i planernas text",
            "Dela upp texten i egna mål eller paragrafer med rubrik:, eller ta bort #.",
        ),
        (
            _QUOTE,
            "citat med > stöds inte i planernas text",
            "Avtalets egen text står i avtalstext:; hur den sätts bestäms av dokumentstil: i "
            "projektfilen.",
        ),
        (
            _RULE_LINE,
            "linjer med --- stöds inte i planernas text",
            "Ta bort raden; en tom rad skiljer två stycken.",
        ),
    ]
    for pattern, message, hint in found:
        match = pattern.match(content)
        if match is None:
            continue
        if pattern is _OTHER_BULLET and not in_block and content.lstrip().startswith("–"):
            continue  # a dash used as a dash at the start of a bullet's second line
        marked = content[: match.end()].rstrip() if pattern is not _RULE_LINE else content.rstrip()
        return [Problem(at, max(offset + len(marked), at + 1), message, hint)]
    return []


class _Joined:
    """The lines of one paragraph joined with spaces, and where each character came from."""

    def __init__(self, pieces: list[tuple[str, int]]) -> None:
        self.pieces = pieces
        self.text = " ".join(piece for piece, _ in pieces)
        self.starts: list[int] = []  # start of each piece in the joined text
        at = 0
        for piece, _ in pieces:
            self.starts.append(at)
            at += len(piece) + 1

    def origin(self, index: int) -> int:
        """Offset in the original text of the joined text's character ``index``."""
        from bisect import bisect_right

        which = max(0, bisect_right(self.starts, index) - 1)
        if not self.pieces:
            return 0
        return self.pieces[which][1] + (index - self.starts[which])


# -- inline: footnotes and unsupported marks -----------------------------------------------


def _inline(joined: _Joined) -> tuple[list[Inline], list[Problem]]:
    text = joined.text
    origin = joined.origin
    problems: list[Problem] = []
    if not _INLINE_SPECIAL.search(text):
        return ([Text(text)] if text else []), problems
    out: list[Inline] = []
    position = 0
    while True:
        at = text.find(FOOTNOTE_OPEN, position)
        if at < 0:
            break
        end = _closing(text, at + 2)
        if end < 0:
            problems.append(
                Problem(
                    origin(at),
                    origin(at) + 2,
                    "fotnoten slutar aldrig: ^[ saknar sin ]",
                    "Avsluta fotnotens text med ], t.ex. ordet^[Fotnotens text.].",
                )
            )
            break
        before = text[position:at]
        problems += _unsupported_inline(text, position, at, origin)
        if before:
            out.append(Text(before))
        body = text[at + 2 : end]
        nested = body.find(FOOTNOTE_OPEN)
        if nested >= 0:
            problems.append(
                Problem(
                    origin(at + 2 + nested),
                    origin(at + 2 + nested) + 2,
                    "en fotnot kan inte ha en egen fotnot",
                    "Skriv allt i en fotnot, eller sätt den andra fotnoten i texten.",
                )
            )
        if not body.strip():
            problems.append(
                Problem(
                    origin(at),
                    origin(end) + 1,
                    "fotnoten är tom",
                    "Skriv fotnotens text mellan ^[ och ], eller ta bort den.",
                )
            )
        else:
            problems += _unsupported_inline(text, at + 2, end, origin)
            out.append(Note((Text(" ".join(body.split())),)))
        position = end + 1
    rest = text[position:]
    if position < len(text):
        problems += _unsupported_inline(text, position, len(text), origin)
    if rest:
        out.append(Text(rest))
    return _merge(out), problems


def _closing(text: str, start: int) -> int:
    """Index of the ] that closes a footnote opened just before ``start`` (brackets inside
    may nest), or -1."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return index
            depth -= 1
    return -1


def _unsupported_inline(
    text: str, start: int, end: int, where: Callable[[int], int]
) -> list[Problem]:
    piece = text[start:end]
    if not _INLINE_SPECIAL.search(piece):
        return []
    problems: list[Problem] = []
    taken: list[tuple[int, int]] = []
    for pattern, message, hint in _INLINE_PATTERNS:
        for match in pattern.finditer(piece):
            a, b = start + match.start(), start + match.end()
            if any(a < y and x < b for x, y in taken):
                continue  # inside markup already reported (a link's brackets, bold's stars)
            taken.append((a, b))
            problems.append(Problem(where(a), where(b - 1) + 1, message, hint))
    return problems


def _merge(items: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in items:
        last = merged[-1] if merged else None
        if isinstance(item, Text) and isinstance(last, Text):
            merged[-1] = Text(last.text + item.text)
        else:
            merged.append(item)
    return merged


def plain_text(parsed: Parsed) -> str:
    """The text without markup: paragraphs and items on lines of their own, footnotes left
    out (for comparisons and word counts)."""
    from planverk.document.blocks import plain

    lines: list[str] = []

    def walk(blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                lines.append(plain(block.children))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.blocks)

    walk(parsed.blocks)
    return "\n".join(lines)
