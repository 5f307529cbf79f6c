"""Blocks → slides, before any PowerPoint: what goes on which slide, where, and how tall.

The layout only knows the template's geometry (:class:`Frame`) and estimates text with
:mod:`planverk.render.textfit`:

- the title and subtitle paragraphs, and paragraphs before the first heading, make the title
  slide (cover);
- every heading starts a slide titled with it; text and tables under it flow down the
  content area, and what does not fit continues on a slide titled "… (forts.)";
- a table is split between rows, its header row repeated on every slide; equal cells under
  each other in its first ``merge_columns`` columns become one cell (the chain's shared
  fokusområde, rubrik, VP text), repeated on a continuation slide;
- a row taller than a whole slide is cut at a sentence or word boundary in every cell, and
  the rest goes on the next slide after "(forts.)"; nothing is ever dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planverk.document.blocks import (
    Block,
    Break,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Table,
    Text,
    plain,
)
from planverk.render.errors import RenderError
from planverk.render.textfit import (
    CONTINUED,
    Box,
    Para,
    Run,
    height,
    line_height,
    longest_word,
    split,
)

EMU_PER_PT = 12700
EMU_PER_INCH = 914400
GAP = 0.15 * EMU_PER_INCH  # between shapes on a slide

# Table font sizes, tried largest first: the longest word of each column must fit.
TABLE_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
BALANCE_ROWS = 12  # tables up to this many rows get their column widths balanced
BALANCE_STEPS = 60  # width moved per step: this fraction of the table's
BALANCE_ROUNDS = 60
SPLIT_MIN_LINES = 4  # a row taller than a slide begins on the slide before if this many fit
CELL_PAD_X = 0.08 * 72  # points, each side (a:tcPr marL/marR)
CELL_PAD_Y = 0.04 * 72  # points, top and bottom (marT/marB)
TEXT_SIZE = 18.0
MIN_TEXT_SIZE = 12.0
TEXT_SPACING = 6.0
BOX_PAD_X = 0.1 * 72  # a text box's or placeholder's default insets (lIns/rIns)
BOX_PAD_Y = 0.05 * 72  # (tIns/bIns)
LIST_INDENT = 20.0
MIN_TITLE_SIZE = 14.0
MIN_CONTENT_PT = 2 * 72  # a content area lower than two inches holds no table


@dataclass(frozen=True, slots=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class Frame:
    """The template's geometry in EMU, and its title font sizes in points."""

    width: int
    height: int
    title: Rect
    title_size: float
    content: Rect
    cover_title: Rect
    cover_title_size: float
    cover_subtitle: Rect
    cover_subtitle_size: float


@dataclass(slots=True)
class TextShape:
    rect: Rect
    paras: list[Para]
    size: float


@dataclass(slots=True)
class Cell:
    """A table cell on one slide: its paragraphs; ``span`` rows tall, 0 when covered by the
    merged cell above."""

    paras: list[Para]
    span: int = 1


@dataclass(slots=True)
class TableShape:
    rect: Rect
    columns: list[int]  # EMU
    heights: list[int]  # EMU, the header row first
    header: list[Cell]
    rows: list[list[Cell]]
    size: float
    caption: str
    status_columns: frozenset[int]


@dataclass(slots=True)
class Slide:
    title: str
    title_size: float
    cover: bool = False
    subtitle: list[Para] = field(default_factory=list)
    subtitle_size: float = 0.0
    shapes: list[TextShape | TableShape] = field(default_factory=list)


@dataclass(slots=True)
class Deck:
    slides: list[Slide]
    split_rows: list[str]  # headings of slides where a table row taller than a slide was cut


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


def _emu(points: float) -> int:
    return round(points * EMU_PER_PT)


# -- blocks → paragraphs ------------------------------------------------------------------


def _runs(children: Sequence[Inline], bold: bool = False) -> list[list[Run]]:
    """Inline content as lines of runs (a line break starts a new paragraph)."""
    lines: list[list[Run]] = [[]]
    for child in children:
        if isinstance(child, Text):
            lines[-1].append(Run(child.text, child.bold or bold, child.italic))
        elif isinstance(child, Break):
            lines.append([])
        elif isinstance(child, Link):
            inner = _runs(child.children, bold)
            for index, line in enumerate(inner):
                if index:
                    lines.append([])
                lines[-1].extend(line)
            text = plain(child.children).strip()
            if child.href and not child.href.startswith("#") and child.href != text:
                # Slides carry no links (no external relationships): the address is text.
                lines[-1].append(Run(f" ({child.href})", bold))
        elif isinstance(child, Note):
            lines[-1].append(Run(f" ({plain(child.children).strip()})", bold))
    return lines


def paras_of(children: Sequence[Inline], bold: bool = False) -> list[Para]:
    return [Para(tuple(line)) for line in _runs(children, bold)]


def _italic(para: Para) -> Para:
    return Para(tuple(Run(r.text, r.bold, True) for r in para.runs), para.indent, para.bullet)


def _block_paras(block: Block, depth: int = 0) -> list[Para]:
    if isinstance(block, Paragraph):
        return [
            Para(p.runs, LIST_INDENT * depth, p.bullet) if depth else p
            for p in paras_of(block.children)
        ]
    if isinstance(block, Quote):
        return [_italic(p) for b in block.blocks for p in _block_paras(b, depth)]
    if isinstance(block, ListBlock):
        out: list[Para] = []
        for number, item in enumerate(block.items, block.start):
            mark = f"{number}." if block.ordered else "•"
            first = True
            for child in item.blocks:
                if isinstance(child, ListBlock):
                    out.extend(_block_paras(child, depth + 1))
                    continue
                for para in _block_paras(child, 0):
                    out.append(Para(para.runs, LIST_INDENT * (depth + 1), mark if first else ""))
                    first = False
        return out
    return []


# -- the deck ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Flow:
    frame: Frame
    slides: list[Slide] = field(default_factory=list)
    split_rows: list[str] = field(default_factory=list)
    heading: str = ""
    y: int = 0
    display: str = "mallen"

    @property
    def slide(self) -> Slide:
        return self.slides[-1]

    def start(self, heading: str) -> None:
        self.heading = heading
        self._new(heading)

    def _new(self, title: str) -> None:
        self.slides.append(Slide(title, self.title_size(title)))
        self.y = self.frame.content.top

    def more(self) -> None:
        """A continuation slide of the current heading."""
        self._new(f"{self.heading} {CONTINUED}")

    def title_size(self, title: str) -> float:
        return fit_size(
            [Para((Run(title),))], self.frame.title, self.frame.title_size, MIN_TITLE_SIZE
        )

    @property
    def room(self) -> int:
        return self.frame.content.bottom - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.frame.content.top

    def place(self, shape: TextShape | TableShape) -> None:
        self.slide.shapes.append(shape)
        self.y = shape.rect.bottom + int(GAP)

    # -- text --

    def text(self, paras: list[Para]) -> None:
        content = self.frame.content
        box = Box(_pt(content.width) - 2 * BOX_PAD_X, TEXT_SIZE, TEXT_SPACING, 2 * BOX_PAD_Y)
        while paras:
            need = height(paras, box)
            if need <= _pt(self.room):
                self.place(TextShape(self._rect(need), paras, TEXT_SIZE))
                return
            parts = split(paras, box, _pt(self.room))
            if parts is None:
                if self.at_top:
                    raise _too_small(self.display)
                self.more()
                continue
            head, paras = parts
            self.place(TextShape(self._rect(height(head, box)), head, TEXT_SIZE))
            self.more()

    def _rect(self, points: float) -> Rect:
        content = self.frame.content
        return Rect(content.left, self.y, content.width, min(_emu(points), self.room))

    # -- tables --

    def table(self, table: Table) -> None:
        _TableFlow(self, table).run()


def _too_small(display: str) -> RenderError:
    return RenderError(
        f"powerpointmallen {display}: bildernas innehållsyta rymmer inte en rad text",
        "Ge layouten för innehåll (t.ex. Rubrik och innehåll) en större textyta.",
    )


def fit_size(paras: list[Para], rect: Rect, size: float, smallest: float) -> float:
    """The largest font size from ``size`` down (1 pt steps) at which the paragraphs fit
    the placeholder, at least ``smallest``."""
    width = _pt(rect.width) - 2 * BOX_PAD_X
    room = _pt(rect.height)
    current = size
    while current > smallest and height(paras, Box(width, current, 0, 2 * BOX_PAD_Y)) > room:
        current -= 1
    return max(current, smallest)


class _TableFlow:
    """One table over as many slides as it needs."""

    def __init__(self, flow: _Flow, table: Table) -> None:
        self.flow = flow
        self.table = table
        columns = max([len(table.header)] + [len(r) for r in table.rows])
        self.columns = columns
        self.header = [
            paras_of(table.header[c] if c < len(table.header) else [], bold=True)
            for c in range(columns)
        ]
        cells = [[paras_of(r[c]) if c < len(r) else [] for c in range(columns)] for r in table.rows]
        self.rows: list[list[list[Para] | None]] = _merge(cells, table.rows, table.merge_columns)
        # Keyed by the cell's identity and width; the value keeps the cell alive, so the id
        # stays unique.
        self._heights: dict[tuple[int, float, float], tuple[list[Para], float]] = {}
        self.size = TABLE_SIZES[0]
        self.mins: list[float] = []
        self.warned = False
        self.size, self.widths = self._widths()

    # -- columns --

    def _widths(self) -> tuple[float, list[float]]:
        total = _pt(self.flow.frame.content.width)
        weights = list(self.table.widths[: self.columns])
        weights += [1.0] * (self.columns - len(weights))
        weights = [w if w > 0 else 1.0 for w in weights]
        unit = [0.0] * self.columns  # longest word per column at 1 pt
        for c in range(self.columns):
            cells = [self.header[c], *(cell for row in self.rows if (cell := row[c]) is not None)]
            unit[c] = max((longest_word(p, 1.0) for cell in cells for p in cell), default=0.0)
        room = _pt(self.flow.frame.content.height)
        best: tuple[float, list[float], list[float]] | None = None
        for size in TABLE_SIZES:
            self.size = size
            mins = [unit[c] * size + 2 * CELL_PAD_X + 1 for c in range(self.columns)]
            if sum(mins) > total:
                continue
            self.mins = mins
            widths = _distribute(weights, mins, total)
            if len(self.rows) <= BALANCE_ROWS:
                widths = self._balance(widths)
            header = max(self.cell_height(p, widths[c]) for c, p in enumerate(self.header))
            if header + max(self.window_with(self.rows, widths), default=0.0) <= room:
                return size, widths  # the tallest row fits on one slide
            if best is None:
                best = (size, widths, mins)
        if best is not None:  # every size splits a row: the largest the words fit
            self.size, widths, self.mins = best
            return self.size, widths
        # Even the smallest size leaves a word wider than its column: share the shortfall,
        # so each column is short of its longest word by the same fraction.
        self.size = TABLE_SIZES[-1]
        words = [unit[c] * self.size + 2 * CELL_PAD_X + 1 for c in range(self.columns)]
        self.mins = [w * total / sum(words) for w in words]
        return self.size, list(self.mins)

    def _balance(self, widths: list[float]) -> list[float]:
        """Move width, a step at a time, from columns with room to spare to the column that
        makes a row tall, while the table gets lower (a small table only: the chain on one
        slide, like the deck's own tables, whose columns differ from slide to slide)."""
        step = sum(widths) / BALANCE_STEPS
        current = list(widths)
        best = self._total(current)
        for _ in range(BALANCE_ROUNDS):
            heights = self.window_with(self.rows, current)
            tallest = max(range(len(heights)), key=lambda r: heights[r])
            receivers = self._bottlenecks(current, heights, tallest)
            found: tuple[float, list[float]] | None = None
            for receiver in receivers:
                for donor in range(self.columns):
                    if donor == receiver or current[donor] - step < self.mins[donor]:
                        continue
                    trial = list(current)
                    trial[donor] -= step
                    trial[receiver] += step
                    total = self._total(trial)
                    if total < best - 0.5 and (found is None or total < found[0]):
                        found = (total, trial)
            if found is None:
                break
            best, current = found
        return current

    def _bottlenecks(self, widths: list[float], heights: list[float], row: int) -> list[int]:
        """The columns whose cell (or merged cell) fills row ``row`` to its height."""
        found: list[int] = []
        for c in range(self.columns):
            start = row
            while self.rows[start][c] is None:
                start -= 1
            end = row + 1
            while end < len(self.rows) and self.rows[end][c] is None:
                end += 1
            cell = self.rows[start][c] or []
            if self.cell_height(cell, widths[c]) >= sum(heights[start:end]) - 1e-6:
                found.append(c)
        return found

    def _total(self, widths: list[float]) -> float:
        return sum(self.window_with(self.rows, widths))

    # -- heights --

    def cell_height(self, paras: list[Para], width: float) -> float:
        key = (id(paras), width, self.size)
        found = self._heights.get(key)
        if found is None:
            box = Box(width - 2 * CELL_PAD_X, self.size, 0, 2 * CELL_PAD_Y)
            found = self._heights[key] = (paras, height(paras, box))
        return found[1]

    def window(self, rows: list[list[list[Para] | None]]) -> list[float]:
        """Row heights (points) for rows on one slide; the first row has no None."""
        return self.window_with(rows, self.widths)

    def window_with(self, rows: list[list[list[Para] | None]], widths: list[float]) -> list[float]:
        """Row heights (points): each row as tall as its tallest cell, and the last row of a
        merged cell taller still when the merged cell needs it."""
        heights = [0.0] * len(rows)
        merged: list[tuple[int, int, int, float]] = []  # (column, start, end, need)
        for c in range(self.columns):
            r = 0
            while r < len(rows):
                cell = rows[r][c]
                assert cell is not None
                end = r + 1
                while end < len(rows) and rows[end][c] is None:
                    end += 1
                need = self.cell_height(cell, widths[c])
                if end - r == 1:
                    heights[r] = max(heights[r], need)
                else:
                    merged.append((c, r, end, need))
                r = end
        for _c, start, end, need in sorted(merged, key=lambda s: -s[0]):
            have = sum(heights[start:end])
            if need > have:
                heights[end - 1] += need - have
        return heights

    # -- flow --

    def run(self) -> None:
        flow = self.flow
        header_h = max(self.cell_height(p, self.widths[c]) for c, p in enumerate(self.header))
        full = _pt(flow.frame.content.height) - header_h
        rows = self.rows
        index = 0
        while index < len(rows):
            room = _pt(flow.room) - header_h
            visible, count = self._first_row(rows, index, room)
            if count == 0 and not flow.at_top:
                flow.more()
                continue
            if count == 0:
                split_rows = self._split_row(rows, index, visible, room)
                if split_rows is None:
                    raise _too_small(flow.display)
                rows = split_rows
                self._warn_split()
                continue
            window = [visible, *rows[index + 1 : index + count]]
            after = index + count
            if after < len(rows) and self._standalone(rows, after) > full:
                # A row taller than a slide is cut anyway: begin it in the room left here.
                # Merged cells above may already reach into the room left: try the room
                # below the rows' own heights first, then below the merged cells too.
                empty: list[list[Para] | None] = [
                    None if cell is None else [] for cell in rows[after]
                ]
                own = sum(self.window([*window, empty])[:-1])
                for left in (room - own, room - sum(self.window(window))):
                    if left < SPLIT_MIN_LINES * line_height(self.size) + 2 * CELL_PAD_Y:
                        continue
                    trial = self._split_row(rows, after, None, left)
                    if trial is not None and sum(self.window([*window, trial[after]])) <= room:
                        rows = trial
                        window.append(rows[after])
                        count += 1
                        self._warn_split()
                        break
            self._emit(window, header_h, self.window(window))
            index += count
            if index < len(rows):
                flow.more()

    def _first_row(
        self, rows: list[list[list[Para] | None]], index: int, room: float
    ) -> tuple[list[list[Para] | None], int]:
        """Row ``index`` as the first on a slide, and how many rows fit from it: the merged
        cells above it repeated, or, the tallest first, "(forts.)" in their place."""
        visible = self._materialize(rows, index)
        count = self._fit(visible, rows, index, room)
        repeated = [c for c in range(self.columns) if rows[index][c] is None]
        repeated.sort(key=lambda c: -self.cell_height(visible[c] or [], self.widths[c]))
        shown = visible
        for column in repeated:
            if count:
                break
            visible = list(visible)
            visible[column] = [Para((Run(CONTINUED),))]
            count = self._fit(visible, rows, index, room)
        if not count:  # the row is cut anyway: repeat what takes little room
            visible = [
                [Para((Run(CONTINUED),))]
                if c in repeated and self.cell_height(cell or [], self.widths[c]) > room / 3
                else cell
                for c, cell in enumerate(shown)
            ]
        return visible, count

    def _standalone(self, rows: list[list[list[Para] | None]], index: int) -> float:
        """The height of a row on a slide of its own, merged cells shown as "(forts.)"."""
        marker = [Para((Run(CONTINUED),))]
        row: list[list[Para] | None] = [marker if cell is None else cell for cell in rows[index]]
        return sum(self.window([row]))

    def _materialize(
        self, rows: list[list[list[Para] | None]], index: int
    ) -> list[list[Para] | None]:
        """Row ``index`` with the merged cells above it filled in with their text again."""
        row = list(rows[index])
        for c, cell in enumerate(row):
            if cell is None:
                above = index - 1
                while rows[above][c] is None:
                    above -= 1
                row[c] = rows[above][c]
        return row

    def _fit(
        self,
        first: list[list[Para] | None],
        rows: list[list[list[Para] | None]],
        index: int,
        room: float,
    ) -> int:
        count = 0
        window: list[list[list[Para] | None]] = [first]
        while True:
            if sum(self.window(window)) > room + 1e-6:
                return count
            count += 1
            if index + count >= len(rows):
                return count
            window.append(rows[index + count])

    def _split_row(
        self,
        rows: list[list[list[Para] | None]],
        index: int,
        visible: list[list[Para] | None] | None,
        room: float,
    ) -> list[list[list[Para] | None]] | None:
        """Row ``index`` cut so its head is at most ``room`` points tall; the rest becomes
        the next row. ``visible`` is the row as shown at the top of a slide (merged cells
        filled in); without it, merged cells stay merged in both halves. None when a cell
        cannot show one line."""
        head: list[list[Para] | None] = []
        tail: list[list[Para] | None] = []
        below = rows[index + 1] if index + 1 < len(rows) else None
        for c, cell in enumerate(visible if visible is not None else rows[index]):
            if cell is None:
                head.append(None)
                tail.append(None)
                continue
            if self.cell_height(cell, self.widths[c]) <= room:
                head.append(cell)
                rest: list[Para] = []
            else:
                box = Box(self.widths[c] - 2 * CELL_PAD_X, self.size, 0, 2 * CELL_PAD_Y)
                parts = split(cell, box, room)
                if parts is None:
                    return None
                head.append(parts[0])
                rest = parts[1]
            if rest:
                tail.append(rest)
            elif (below is not None and below[c] is None) or c < self.table.merge_columns:
                tail.append(None)  # the (chain's) merged cell goes on below the cut
            else:
                tail.append([])
        return [*rows[:index], head, tail, *rows[index + 1 :]]

    def _warn_split(self) -> None:
        if not self.warned:
            self.warned = True
            self.flow.split_rows.append(self.flow.heading)

    def _emit(
        self, window: list[list[list[Para] | None]], header_h: float, heights: list[float]
    ) -> None:
        flow = self.flow
        content = flow.frame.content
        columns = [_emu(w) for w in self.widths]
        columns[-1] += content.width - sum(columns)
        row_heights = [_emu(header_h)] + [_emu(h) for h in heights]
        placed: list[list[Cell]] = []
        for r, row in enumerate(window):
            out: list[Cell] = []
            for c, cell in enumerate(row):
                if cell is None:
                    out.append(Cell([], 0))
                    continue
                span = 1
                while r + span < len(window) and window[r + span][c] is None:
                    span += 1
                out.append(Cell(cell, span))
            placed.append(out)
        rect = Rect(content.left, flow.y, content.width, sum(row_heights))
        flow.place(
            TableShape(
                rect,
                columns,
                row_heights,
                [Cell(p) for p in self.header],
                placed,
                self.size,
                self.table.caption,
                self.table.status_columns,
            )
        )


def _merge(
    cells: list[list[list[Para]]], source: list[list[list[Inline]]], columns: int
) -> list[list[list[Para] | None]]:
    """None for a cell that equals the one above it and whose left neighbours merge too."""
    out: list[list[list[Para] | None]] = []
    for r, row in enumerate(cells):
        merged: list[list[Para] | None] = list(row)
        if r > 0:
            for c in range(min(columns, len(row))):
                same = plain(_cell(source, r, c)) == plain(_cell(source, r - 1, c))
                if not same or (c > 0 and merged[c - 1] is not None):
                    break
                merged[c] = None
        out.append(merged)
    return out


def _cell(rows: list[list[list[Inline]]], r: int, c: int) -> list[Inline]:
    return rows[r][c] if c < len(rows[r]) else []


def _distribute(weights: list[float], mins: list[float], total: float) -> list[float]:
    """Widths in proportion to ``weights`` summing to ``total``, none below its minimum."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        remaining = total - sum(fixed.values())
        if not free:
            extra = remaining / len(weights)
            return [fixed[i] + extra for i in range(len(weights))]
        scale = remaining / sum(weights[i] for i in free)
        low = [i for i in free if weights[i] * scale < mins[i]]
        if not low:
            return [fixed[i] if i in fixed else weights[i] * scale for i in range(len(weights))]
        for i in low:
            fixed[i] = mins[i]


# -- entry point ---------------------------------------------------------------------------


def lay_out(document: Document, frame: Frame, display: str = "mallen") -> Deck:
    """The slides for a document in a template of this geometry."""
    flow = _Flow(frame, display=display)
    title = document.title or ""
    cover_paras: list[Para] = []
    index = 0
    blocks = document.blocks
    while index < len(blocks) and not isinstance(blocks[index], Heading):
        block = blocks[index]
        if isinstance(block, Paragraph) and block.style == "Title" and not title:
            title = plain(block.children)
        elif not (isinstance(block, Paragraph) and block.style == "Title"):
            cover_paras.extend(_block_paras(block))
        index += 1
    _cover(flow, title, cover_paras)
    pending: list[Para] = []
    for block in blocks[index:]:
        if isinstance(block, Heading):
            if pending:
                flow.text(pending)
                pending = []
            flow.start(plain([c for c in block.children if not isinstance(c, Note)]).strip())
        elif isinstance(block, Table):
            if pending:
                flow.text(pending)
                pending = []
            if block.header or block.rows:
                flow.table(block)
        else:
            pending.extend(_block_paras(block))
    if pending:
        flow.text(pending)
    return Deck(flow.slides, flow.split_rows)


def _cover(flow: _Flow, title: str, paras: list[Para]) -> None:
    frame = flow.frame
    size = fit_size([Para((Run(title),))], frame.cover_title, frame.cover_title_size, 18.0)
    cover = Slide(title, size, cover=True)
    flow.slides.append(cover)
    if not paras:
        return
    box_width = _pt(frame.cover_subtitle.width) - 2 * BOX_PAD_X
    sub = fit_size(paras, frame.cover_subtitle, frame.cover_subtitle_size, MIN_TEXT_SIZE)
    box = Box(box_width, sub, 0, 2 * BOX_PAD_Y)
    cover.subtitle_size = sub
    if height(paras, box) <= _pt(frame.cover_subtitle.height):
        cover.subtitle = paras
        return
    parts = split(paras, box, _pt(frame.cover_subtitle.height))
    head, rest = parts if parts is not None else ([], paras)
    cover.subtitle = head
    flow.start(title)
    flow.text(rest)
