"""Positions in a plan file's text: the loader's 1-based spans, character offsets, and the
editor's 0-based LSP positions.

The loader counts lines as libyaml does (CR LF, CR, LF, NEL, LINE and PARAGRAPH SEPARATOR
end a line) and columns in characters. The protocol counts lines ending in CR LF, CR or LF
only, and columns in the code units the client and server agreed on (UTF-16 unless told
otherwise). Everything goes through character offsets, so the two never get mixed up.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from planverk.core.findings import Span

# The line breaks libyaml (and so the loader's spans) counts; see planverk.loading.sourcemap.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LSP_BREAK = re.compile("\r\n|[\r\n]")

UTF8 = types.PositionEncodingKind.Utf8.value
UTF16 = types.PositionEncodingKind.Utf16.value
UTF32 = types.PositionEncodingKind.Utf32.value


def _units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", errors="surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _chars(line: str, units: int, encoding: str) -> int:
    """How many characters of ``line`` the first ``units`` code units cover."""
    if encoding == UTF32 or line.isascii():
        return min(units, len(line))
    count = 0
    for index, char in enumerate(line):
        width = _units(char, encoding)
        if count + width > units:
            return index
        count += width
    return len(line)


class LineIndex:
    """Offsets of one text's lines, as the loader and as the protocol count them."""

    __slots__ = ("_lsp_starts", "_yaml", "encoding", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self._lsp_starts: list[int] | None = None  # both made when first needed
        self._yaml: list[int] | None = None

    @property
    def _lsp(self) -> list[int]:
        starts = self._lsp_starts
        if starts is None:
            starts = self._lsp_starts = [0]
            starts.extend([m.end() for m in _LSP_BREAK.finditer(self.text)])
        return starts

    # --- Loader spans -----------------------------------------------------------------------

    def offset_of(self, line: int, column: int) -> int:
        """The character offset of a 1-based loader line and column (clamped to the text)."""
        starts = self._yaml
        if starts is None:
            text = self.text
            if "\x85" in text or "\u2028" in text or "\u2029" in text:
                starts = [0]
                starts.extend([m.end() for m in _YAML_BREAK.finditer(text)])
            else:
                starts = self._lsp  # the same lines: only CR LF, CR and LF end them
            self._yaml = starts
        line = min(max(line, 1), len(starts))
        return min(max(starts[line - 1] + column - 1, 0), len(self.text))

    def span_offsets(self, span: Span) -> tuple[int, int]:
        start = self.offset_of(span.line, span.column)
        end = self.offset_of(span.end_line, span.end_column)
        return start, max(start, end)

    def range_of(self, span: Span) -> types.Range:
        start, end = self.span_offsets(span)
        return types.Range(self.position(start), self.position(end))

    # --- Protocol positions -----------------------------------------------------------------

    def position(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self._lsp, offset) - 1
        start = self._lsp[line]
        return types.Position(line, _units(self.text[start:offset], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The character offset of a protocol position (clamped to its line and the text)."""
        if position.line >= len(self._lsp):
            return len(self.text)
        start = self._lsp[max(position.line, 0)]
        end = self._lsp[position.line + 1] if position.line + 1 < len(self._lsp) else None
        line = self.text[start:end].rstrip("\r\n")
        return start + _chars(line, max(position.character, 0), self.encoding)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def line_text(self, line: int) -> str:
        """Line ``line`` (0-based, protocol lines) without its line break."""
        if not 0 <= line < len(self._lsp):
            return ""
        end = self._lsp[line + 1] if line + 1 < len(self._lsp) else None
        return self.text[self._lsp[line] : end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._lsp)
