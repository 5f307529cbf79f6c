"""Plan text on its way into the document markup: cleaned of control characters and escaped
for Markdown, so `&`, `<`, `*`, `#`, `[` ... written in a plan reach the document literally."""

from __future__ import annotations

import re

from planverk.core.chars import writable

# Escaped wherever they stand: they open emphasis, code, links, HTML, entities, tables,
# headings and quotes. A backslash before ASCII punctuation is always a literal in Markdown.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&#|])")
# Only at the start of a line: list markers, setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)](\s|$)))")
# Text with none of these needs no escaping at all (the common case, checked first).
_SPECIAL = re.compile(r"[\\`*_\[\]<>&#|\n]|^\s*([-+=]|\d+[.)])")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_NEWLINES = re.compile(r"[ \t]*\n[ \t]*")

LINE_BREAK = "<br>"


class SafeMarkdown(str):
    """Markdown that is already safe: the template engine passes it through unescaped."""

    __slots__ = ()


clean = writable  # the name the templates' data builders use


def _escape_line(line: str) -> str:
    line = _ANYWHERE.sub(r"\\\1", line)
    match = _LINE_START.match(line)
    if match:
        lead, marker = match.group(1), match.group(2)
        if marker.isdigit():
            # "2025. Året" would start an ordered list: escape the dot after the number.
            rest = line[match.end() :]
            return f"{lead}{marker}\\{rest}"
        return f"{lead}\\{line[len(lead) :]}"
    return line


def escape_run(text: str, *, line_start: bool) -> str:
    """One run of a line (spaces around it kept): every special character escaped, and the
    line-start markers too when the run starts the line."""
    if line_start:
        return _escape_line(text)
    return _ANYWHERE.sub(r"\\\1", text)


def escape_inline(text: str) -> SafeMarkdown:
    """One run of text: every line joins into one; paragraphs become line breaks."""
    if not _SPECIAL.search(text):
        return SafeMarkdown(text.strip())
    paragraphs = [p for p in _BLANK_LINES.split(text.strip()) if p.strip()]
    return SafeMarkdown(LINE_BREAK.join(_escape_line(_NEWLINES.sub(" ", p)) for p in paragraphs))


def escape_paragraphs(text: str) -> SafeMarkdown:
    """A longer text: paragraphs (separated by a blank line) stay paragraphs."""
    paragraphs = [p for p in _BLANK_LINES.split(text.strip()) if p.strip()]
    return SafeMarkdown("\n\n".join(_escape_line(_NEWLINES.sub(" ", p)) for p in paragraphs))


def finalize(value: object) -> str:
    """Jinja's finalize hook: each ``{{ value }}`` is escaped unless it is SafeMarkdown."""
    if value is None:
        return ""
    if isinstance(value, SafeMarkdown):
        return value
    return escape_inline(str(value))
