"""Estimated line breaks for text on slides: python-pptx cannot measure text, PowerPoint and
LibreOffice lay it out only when the file is opened, so the slide writer must know in advance
how tall a cell or a text box will be.

The estimate is deliberately on the safe side: widths of a wide font (:mod:`.fontwidths`)
plus a margin, lines broken at the last space or hyphen that fits as the renderers break,
a word wider than the line broken by characters as they do, and a line height of 1.22 em
(LibreOffice sets DejaVu Sans at 1.165 em, PowerPoint Arial at 1.15 em and Calibri at
1.22 em). A box sized from it is never too small, at most somewhat too tall.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from planverk.render.fontwidths import BOLD, REGULAR, UNKNOWN

# Kerning, hinting and a template font a little wider than DejaVu Sans.
WIDTH_MARGIN = 1.04
LINE_HEIGHT = 1.22  # em; LibreOffice sets DejaVu Sans at 1.165, PowerPoint Calibri at 1.22
CONTINUED = "(forts.)"
_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_SENTENCE_END = re.compile(r"[.!?:;][\"”’)]*(?=\s)")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one look."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: its runs, and an indent in points (a list item's)."""

    runs: tuple[Run, ...]
    indent: float = 0.0
    bullet: str = ""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _Table(dict[str, int]):
    """Widths by character; a character not listed is one em, a zero-width one nothing."""

    def __missing__(self, char: str) -> int:
        if char in _ZERO_WIDTH:
            return 0
        if char == "\u00a0":
            return self[" "]
        return UNKNOWN


_REGULAR_UNITS = _Table(REGULAR)
_BOLD_UNITS = _Table(BOLD)
_UNIT = WIDTH_MARGIN / 1000  # points per unit and point of font size
_PIECE = re.compile(r"[^ ]+")
_HYPHEN = re.compile(r"(?<=\w)[-\u2010](?=\w)")


def char_width(char: str, size: float, bold: bool = False) -> float:
    """The width of one character in points at ``size`` points."""
    return (_BOLD_UNITS if bold else _REGULAR_UNITS)[char] * size * _UNIT


def text_width(text: str, size: float, bold: bool = False) -> float:
    table = _BOLD_UNITS if bold else _REGULAR_UNITS
    return sum(map(table.__getitem__, text)) * size * _UNIT


def line_height(size: float) -> float:
    return size * LINE_HEIGHT


@dataclass(frozen=True, slots=True)
class _Measure:
    """A paragraph measured once: the running sum of its characters' widths (in the width
    tables' units) and its unbreakable pieces as (start, end): words, cut after a hyphen
    between letters (e-hälsa, HR-gruppen) where LibreOffice and PowerPoint may break
    (Unicode class HY)."""

    prefix: list[int]
    pieces: list[tuple[int, int]]


@functools.lru_cache(maxsize=65536)
def _measure(para: Para) -> _Measure:
    prefix = [0]
    for run in para.runs:
        table = _BOLD_UNITS if run.bold else _REGULAR_UNITS
        sums = itertools.accumulate(map(table.__getitem__, run.text), initial=prefix[-1])
        next(sums)  # the initial value, already the last
        prefix.extend(sums)
    text = para.text
    pieces: list[tuple[int, int]] = []
    for match in _PIECE.finditer(text):
        start, end = match.span()
        if "-" in match.group() or "\u2010" in match.group():
            for hyphen in _HYPHEN.finditer(text, start, end):
                pieces.append((start, hyphen.end()))
                start = hyphen.end()
        pieces.append((start, end))
    return _Measure(prefix, pieces)


def wrap(para: Para, width: float, size: float) -> list[tuple[int, int]]:
    """The lines of a paragraph as (start, end) offsets in its text, greedy at spaces and
    after hyphens; a word wider than the line breaks by characters. An empty paragraph is
    one empty line."""
    measure = _measure(para)
    prefix = measure.prefix
    limit = max(width - para.indent, 1.0) / (size * _UNIT)  # in the tables' units
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    for start, end in measure.pieces:
        if line_start >= 0 and prefix[end] - prefix[line_start] <= limit + 1e-9:
            line_end = end  # the piece fits on the line, with the spaces before it
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        line_start, line_end = start, end
        while prefix[line_end] - prefix[line_start] > limit + 1e-9:
            # One piece wider than the line: the renderers break it where it overflows.
            cut = bisect.bisect_right(prefix, prefix[line_start] + limit + 1e-9, line_start) - 1
            cut = max(cut, line_start + 1)
            if cut >= line_end:
                break
            lines.append((line_start, cut))
            line_start = cut
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def longest_word(para: Para, size: float) -> float:
    """The width of the widest unbreakable piece: the narrowest a column can be without
    breaking a word inside (a hyphenated word may break after its hyphen)."""
    measure = _measure(para)
    prefix = measure.prefix
    best = max((prefix[end] - prefix[start] for start, end in measure.pieces), default=0)
    return best * size * _UNIT + para.indent


@dataclass(frozen=True, slots=True)
class Box:
    """How text is set in a cell or text box: width for text (points), font size,
    space after each paragraph but the last (points) and inner margins top + bottom."""

    width: float
    size: float
    spacing: float = 0.0
    padding: float = 0.0


def height(paras: Sequence[Para], box: Box) -> float:
    """The estimated height of paragraphs in a box, in points."""
    lines = sum(len(wrap(p, box.width, box.size)) for p in paras)
    gaps = box.spacing * max(0, len(paras) - 1)
    return lines * line_height(box.size) + gaps + box.padding


def _cut_runs(para: Para, start: int, end: int) -> tuple[Run, ...]:
    out: list[Run] = []
    offset = 0
    for run in para.runs:
        lo, hi = max(start, offset), min(end, offset + len(run.text))
        if lo < hi:
            out.append(Run(run.text[lo - offset : hi - offset], run.bold, run.italic))
        offset += len(run.text)
    return tuple(out)


def _strip(runs: tuple[Run, ...], left: bool) -> tuple[Run, ...]:
    items = list(runs)
    while items:
        index = 0 if left else -1
        run = items[index]
        text = run.text.lstrip() if left else run.text.rstrip()
        if text:
            items[index] = Run(text, run.bold, run.italic)
            break
        items.pop(index)
    return tuple(items)


def _cut_point(text: str, limit: int) -> int:
    """Where to cut a paragraph so the head ends by offset ``limit``: after the last
    sentence that ends by then, else at the last space, else (one giant word) at ``limit``."""
    best = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > limit:
            break
        best = match.end()
    if best > 0:
        return best
    space = text.rfind(" ", 0, limit + 1)
    return space if space > 0 else limit


def split(
    paras: Sequence[Para], box: Box, available: float
) -> tuple[list[Para], list[Para]] | None:
    """Paragraphs cut into a head that fits ``available`` points and the rest, which starts
    with "(forts.)". Cuts fall between paragraphs, else after a sentence, else at a word.
    None when not even one line fits."""
    room = available - box.padding
    lh = line_height(box.size)
    head: list[Para] = []
    used = 0.0
    for index, para in enumerate(paras):
        gap = box.spacing if head else 0.0
        lines = wrap(para, box.width, box.size)
        need = gap + len(lines) * lh
        if used + need <= room + 1e-6:
            head.append(para)
            used += need
            continue
        fits = int((room - used - gap + 1e-6) // lh)
        rest = list(paras[index:])
        if fits >= 1:
            text = para.text
            cut = _cut_point(text, lines[fits - 1][1])
            first_runs = _strip(_cut_runs(para, 0, cut), left=False)
            if first_runs:
                head.append(Para(first_runs, para.indent, para.bullet))
                tail_runs = _strip(_cut_runs(para, cut, len(text)), left=True)
                rest = list(paras[index + 1 :])
                if tail_runs:
                    rest.insert(0, Para(tail_runs, para.indent, ""))
        if not head:
            return None
        if rest:
            rest[0] = continued(rest[0])
        return head, rest
    return head, []


def continued(para: Para) -> Para:
    """The paragraph marked as the continuation of one on an earlier slide."""
    if para.text.startswith(CONTINUED):
        return para
    return Para((Run(f"{CONTINUED} "), *para.runs), para.indent, para.bullet)
