"""Where a piece of a text value stands in the file: line and column of a word or a mark.

The loader records where each value starts and ends. A value is not always the file's text
character for character: a folded (``>``) or plain scalar joins its lines with spaces, a
block scalar (``|``) drops the indentation, a quoted one its quotes. The characters of the
value still appear in the file in the same order, so the value is aligned with the file's
text by walking both: equal characters match, and what the file has beyond the value
(indentation, the line breaks a fold turned into spaces, quotes, escapes, the ``|`` line) is
stepped over. A word never spans a fold, so a word's place is exact.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from planverk.core.findings import Span

_SKIPPABLE = frozenset(" \t\r\n\"'\\")


class ValueText:
    """One value of a loaded document, ready to turn offsets in it into spans."""

    def __init__(self, doc: Any, path: Sequence[str | int], value: str) -> None:
        self.doc = doc
        self.value = value
        self.span: Span = doc.source_map.locate(doc.data, path)
        self._map: list[int] | None = None
        self._lines: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._lines is None:
            text = self.doc.text
            starts = [0]
            index = text.find("\n")
            while index >= 0:
                starts.append(index + 1)
                index = text.find("\n", index + 1)
            self._lines = starts
        return self._lines

    def _offset(self, line: int, column: int) -> int:
        starts = self._line_starts()
        line = max(1, min(line, len(starts)))
        return starts[line - 1] + column - 1

    def _aligned(self) -> list[int]:
        """File offset of each character of the value (-1 where none was found)."""
        if self._map is not None:
            return self._map
        text: str = self.doc.text
        start = self._offset(self.span.line, self.span.column)
        end = self._offset(self.span.end_line, self.span.end_column)
        end = max(end, start)
        j = start
        if j < len(text) and text[j] in "|>":
            newline = text.find("\n", j)
            j = newline + 1 if newline >= 0 else end
        value = self.value
        found = [-1] * len(value)
        i = 0
        while i < len(value) and j < end:
            char, source = value[i], text[j]
            if char == source:
                found[i] = j
                i += 1
                j += 1
            elif source in _SKIPPABLE:
                j += 1
            elif char in " \n":
                found[i] = j
                i += 1
            else:
                break  # an escape the walk cannot follow: the rest stays unplaced
        self._map = found
        return found

    def span_of(self, start: int, end: int) -> Span:
        """The file span of ``value[start:end]``; the value's own span when it cannot be
        placed exactly."""
        if not self.value or start >= len(self.value):
            return self.span
        found = self._aligned()
        first = found[start] if 0 <= start < len(found) else -1
        last_index = min(max(start, end - 1), len(found) - 1)
        last = found[last_index]
        if first < 0 or last < 0 or last < first:
            return self.span
        starts = self._line_starts()
        line = bisect_right(starts, first)
        end_line = bisect_right(starts, last)
        return Span(
            line,
            first - starts[line - 1] + 1,
            end_line,
            last - starts[end_line - 1] + 2,
        )
