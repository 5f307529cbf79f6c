"""The comments of a loaded YAML file: every ``#`` that YAML reads as a comment, no other.

The C parser keeps no comments, but the loader knows where every scalar (key, value, list
item) starts and ends. A ``#`` is a comment when it starts a line or follows a space or a
tab and lies in no scalar: a ``#`` inside a quoted text, a block text (``|`` or ``>``) or a
plain text such as ``C#`` is text. So ``text: "# planverk: ignore-file"`` is a plan text,
not a suppression. One pass over the text and one over the positions: linear in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from planverk.loading.yamlfile import YamlDocument

_CANDIDATE = re.compile(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.MULTILINE)
_BREAK = re.compile(r"\r\n|[\r\n]")


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: its text from ``#`` to the end of the line, where it is, and whether it
    stands alone on its line."""

    text: str
    line: int
    column: int
    alone: bool


def comments(doc: YamlDocument) -> list[Comment]:
    """The real comments of ``doc`` in file order; none when the file did not parse (what
    is a comment in a broken file cannot be known)."""
    text = doc.text
    if "#" not in text or (doc.data is None and doc.findings):
        return []
    spans = sorted(doc.source_map.scalar_spans())
    starts = [start for start, _ in spans]
    # A scalar's span may end past a later one's start only if they nest, which scalars
    # do not; so the span that could hold an offset is the last one starting at or before it.
    found: list[Comment] = []
    line_starts: list[int] | None = None
    for match in _CANDIDATE.finditer(text):
        offset = match.start()
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < spans[index][1]:
            continue  # inside a text
        if line_starts is None:
            line_starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        line = bisect_right(line_starts, offset)
        begin = line_starts[line - 1]
        found.append(
            Comment(match.group(), line, offset - begin + 1, not text[begin:offset].strip())
        )
    return found
