"""Loader spans (libyaml's lines, columns in characters) to protocol positions (CR LF, CR
and LF lines, columns in the agreed code units), through character offsets."""

from __future__ import annotations

from lsprotocol import types

from planverk.core.findings import Span
from planverk.loading.yamlfile import parse
from planverk.lsp.positions import UTF8, UTF16, UTF32, LineIndex


def test_a_line_separator_is_a_line_for_the_loader_but_not_for_the_editor() -> None:
    text = "a: x\u2028bc\nd: e\n"  # libyaml counts U+2028 as a line break; the editor does not
    lines = LineIndex(text)
    start, end = lines.span_offsets(Span(2, 1, 2, 3))  # "bc" as the loader counts
    assert text[start:end] == "bc"
    assert lines.range_of(Span(2, 1, 2, 3)) == types.Range(
        types.Position(0, 5), types.Position(0, 7)
    )
    assert lines.offset_of(3, 1) == text.index("d")  # the loader's third line
    assert lines.position(text.index("d")) == types.Position(1, 0)  # the editor's second
    (finding,) = parse(text, "x.yaml").findings  # "bc" has no colon: the loader's lines
    assert finding.span.line == 3


def test_columns_in_each_encoding() -> None:
    text = "a: 🙂å b\r\nc: d\n"
    offset = text.index("b")
    assert LineIndex(text, UTF16).position(offset) == types.Position(0, 7)
    assert LineIndex(text, UTF32).position(offset) == types.Position(0, 6)
    assert LineIndex(text, UTF8).position(offset) == types.Position(0, 10)
    for encoding in (UTF8, UTF16, UTF32):
        lines = LineIndex(text, encoding)
        assert lines.offset(lines.position(offset)) == offset
        assert lines.offset(types.Position(1, 99)) == text.index("d") + 1  # clamped to the line
        assert lines.offset(types.Position(7, 0)) == len(text)
        assert lines.line_text(1) == "c: d"


def test_spans_outside_the_text_are_clamped() -> None:
    lines = LineIndex("a: b\n")
    assert lines.span_offsets(Span(9, 9, 12, 1)) == (5, 5)
    assert lines.span_offsets(Span(1, 1, 1, 1)) == (0, 0)
