"""Edits of a plan file's text that leave every other character where it was.

The import adds a report to an action's ``rapporter:`` (making the key when the action has
none), replaces a report (``--ersätt``) and sets ``status:``, ``kommentar:`` and the
follow-up's ``resultat:``. Each edit is a span of the original text and its replacement,
worked out from the loader's source positions; lines outside the spans are not touched,
so comments, key order, quoting and blank lines stay exactly as the planner wrote them. A
replaced report keeps the comment lines it had, above the new one.

The second way :mod:`planverk.edit` edits a file, beside :mod:`.roundtrip`: the result is
checked against the same change made to the plain data (:func:`apply` re-parses it), so a
file is never written with other content than intended. These edits are text insertions,
not a round trip through ruamel.yaml's dumper: on a plan set of 10 000 actions that is the
difference between a fraction of a second and many seconds.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planverk.edit.roundtrip import EditError
from planverk.loading.yamlfile import YamlDocument, parse

Path = tuple[str | int, ...]
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml counts as a line break
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\u2028": "\\L", "\u2029": "\\P"}


@dataclass(frozen=True, slots=True)
class Edit:
    start: int  # offsets into the original text
    end: int
    text: str


class TextEditor:
    """Edits of one document, collected, then applied at once (last first)."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.text = doc.text
        self.newline = "\r\n" if "\r\n" in doc.text else "\n"
        self.starts = [0, *(m.end() for m in _BREAK.finditer(doc.text))]
        self.edits: list[Edit] = []
        self.expected = copy.deepcopy(doc.data)
        self._offset: int | None = None
        self.parsed: YamlDocument | None = None  # the edited document, after :meth:`apply`

    # --- positions -----------------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_start(self, line: int) -> int:
        return self.starts[line - 1] if line <= len(self.starts) else len(self.text)

    def node(self, path: Path) -> Any:
        data = self.doc.data
        for seg in path:
            data = data[seg]
        return data

    def _span(self, path: Path, key: bool = False) -> tuple[int, int, int, int]:
        span = self.doc.source_map.locate(self.doc.data, path, key=key)
        return span.line, span.column, span.end_line, span.end_column

    def last_line(self, path: Path) -> int:
        """The last line holding any of the value at ``path`` (not comments after it)."""
        value = self.node(path)
        if isinstance(value, dict) and value:
            return self.last_line((*path, list(value)[-1]))
        if isinstance(value, list) and value:
            return self.last_line((*path, len(value) - 1))
        line, _, end_line, end_column = self._span(path)
        if end_column == 1 and end_line > line:
            end_line -= 1  # a block scalar ends at the start of the next line
        while end_line > line and not self._line(end_line).strip():
            end_line -= 1
        return end_line

    def _line(self, line: int) -> str:
        start = self.line_start(line)
        end = self.line_start(line + 1)
        return self.text[start:end]

    def _check_block(self, path: Path) -> None:
        line, column, _, _ = self._span(path)
        if self._line(line)[column - 1 : column] in ("[", "{"):
            raise EditError(
                f"{'.'.join(str(s) for s in path)} står i flödesstil ([...] eller {{...}})"
            )

    # --- edits ---------------------------------------------------------------------------

    def set_scalar(self, path: Path, value: object) -> None:
        """Replace the scalar at ``path`` (which exists) with ``value``."""
        line, column, end_line, end_column = self._span(path)
        start = self.offset(line, column)
        end = self.offset(end_line, end_column)
        block = end_column == 1 and end_line > line
        key_column = self._span(path, key=True)[1]
        text = scalar(value, key_column + 2, self.newline)
        if block:
            text += self.newline
        self.edits.append(Edit(start, end, text))
        _at(self.expected, path[:-1])[path[-1]] = value

    def add_key_after(self, path: Path, after: str, key: str, value: object) -> None:
        """Add ``key: value`` to the mapping at ``path``, on the line after key ``after``."""
        self._check_block(path)
        column = self._span((*path, after), key=True)[1]
        at = self.line_start(self.last_line((*path, after)) + 1)
        indent = " " * (column - 1)
        line = f"{indent}{key}: {scalar(value, column + 2, self.newline)}{self.newline}"
        self.edits.append(Edit(at, at, line))
        mapping = _at(self.expected, path)
        items = list(mapping.items())
        index = list(mapping).index(after) + 1
        items.insert(index, (key, value))
        mapping.clear()
        mapping.update(items)

    def add_list_key(self, path: Path, key: str, items: Sequence[dict[str, Any]]) -> None:
        """Add ``key:`` with a block list of mappings at the end of the mapping at ``path``."""
        self._check_block(path)
        mapping = self.node(path)
        first = next(iter(mapping))
        column = self._span((*path, first), key=True)[1]
        at = self.line_start(self.last_line(path) + 1)
        dash = column - 1 + self.sequence_offset()
        lines = [f"{' ' * (column - 1)}{key}:"]
        for item in items:
            lines += block_item(item, dash, self.sequence_offset())
        self.edits.append(Edit(at, at, self.newline.join(lines) + self.newline))
        _at(self.expected, path)[key] = [dict(item) for item in items]

    def insert_item(self, path: Path, index: int, item: dict[str, Any]) -> None:
        """Insert ``item`` into the block list at ``path`` before position ``index`` (at
        the end when ``index`` is its length)."""
        self._check_block(path)
        items = self.node(path)
        dash = self._dash_column((*path, 0)) - 1
        if index < len(items):
            line = self._first_line((*path, index))
            at = self.line_start(line)
        else:
            at = self.line_start(self.last_line((*path, len(items) - 1)) + 1)
        lines = block_item(item, dash, self.sequence_offset())
        self.edits.append(Edit(at, at, self.newline.join(lines) + self.newline))
        _at(self.expected, path).insert(index, dict(item))

    def replace_item(self, path: Path, index: int, item: dict[str, Any]) -> None:
        """Replace the list item at ``path[index]``; comment lines inside it stay, above."""
        self._check_block(path)
        dash = self._dash_column((*path, index)) - 1
        first = self._dash_line((*path, index))
        last = self.last_line((*path, index))
        start, end = self.line_start(first), self.line_start(last + 1)
        kept = [
            line.rstrip("\r\n")
            for line in self.text[start:end].splitlines(keepends=True)
            if line.lstrip().startswith("#")
        ]
        lines = [*kept, *block_item(item, dash, self.sequence_offset())]
        self.edits.append(Edit(start, end, self.newline.join(lines) + self.newline))
        _at(self.expected, path)[index] = dict(item)

    def _dash_line(self, path: Path) -> int:
        line, column, _, _ = self._span(path)
        before = self._line(line)[: column - 1].rstrip()
        if before.endswith("-"):
            return line
        probe = line - 1
        while probe >= 1:
            text = self._line(probe).rstrip()
            if text.strip() and not text.lstrip().startswith("#"):
                return probe if text.endswith("-") else line
            probe -= 1
        return line

    def _dash_column(self, path: Path) -> int:
        line = self._dash_line(path)
        text = self._line(line)
        _, column, _, _ = self._span(path)
        stripped = text.rstrip()
        if line != self._span(path)[0]:
            return len(stripped)
        return len(text[: column - 1].rstrip())

    def _first_line(self, path: Path) -> int:
        """The item's first line, with the comment lines directly above it (they are its)."""
        line = self._dash_line(path)
        column = self._dash_column(path)
        while line > 1:
            above = self._line(line - 1)
            stripped = above.lstrip(" ")
            if stripped.startswith("#") and len(above) - len(stripped) < column:
                line -= 1
            else:
                break
        return line

    def sequence_offset(self) -> int:
        """How far a block list's dash sits right of its key in this file (2 or 0)."""
        if self._offset is None:
            self._offset = self._sequence_offset()
        return self._offset

    def _sequence_offset(self) -> int:
        lines = self.text.splitlines()
        for number, line in enumerate(lines[:-1]):
            stripped = line.strip()
            if stripped.endswith(":") and not stripped.startswith(("#", "-")):
                following = lines[number + 1]
                if following.lstrip().startswith("- "):
                    return (len(following) - len(following.lstrip())) - (
                        len(line) - len(line.lstrip())
                    )
        return 2

    # --- result --------------------------------------------------------------------------

    def apply(self) -> str:
        """The edited text, checked by parsing it against the expected data."""
        text = self.text
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end), reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end :]
        parsed = parse(text, self.doc.display)
        if parsed.findings or parsed.data != self.expected:
            raise EditError("ändringen kunde inte göras utan att annat i filen ändrades")
        self.parsed = parsed
        return text


def _at(data: Any, path: Path) -> Any:
    for seg in path:
        data = data[seg]
    return data


def block_item(item: dict[str, Any], dash: int, offset: int) -> list[str]:
    """A mapping as a block list item whose dash is at column ``dash + 1``."""
    lines: list[str] = []
    indent = " " * (dash + 2)
    for number, (key, value) in enumerate(item.items()):
        lead = " " * dash + "- " if number == 0 else indent
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for sub in value:
                lines += block_item(sub, dash + 2 + offset, offset)
        else:
            lines.append(f"{lead}{key}: {scalar(value, dash + 5, chr(10))}")
    return lines


def scalar(value: object, indent: int, newline: str = "\n") -> str:
    """``value`` as a YAML scalar that reads back as exactly ``value``: plain when that is
    safe, a literal block for text with line breaks, else double-quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    text = str(value)
    if _plain(text):
        return text
    if "\n" in text and _literal(text):
        pad = " " * (indent - 1)
        return "|-" + "".join(
            f"{newline}{pad}{line}" if line else newline for line in text.split("\n")
        )
    return _quoted(text)


_KNOWN_PLAIN: dict[str, bool] = {}
_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _plain(text: str) -> bool:
    known = _KNOWN_PLAIN.get(text)
    if known is None:
        known = _KNOWN_PLAIN[text] = _is_plain(text)
        if len(_KNOWN_PLAIN) > 10_000:
            _KNOWN_PLAIN.clear()
    return known


def _is_plain(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if any(c in text for c in "\n\r\t\x85\u2028\u2029\ufeff") or ": " in text or " #" in text:
        return False
    if text.endswith(":") or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text):
        return False
    if text[0].isalpha() and (" " in text or text.casefold() not in _WORDS):
        return True  # a word or words that begin with a letter read back as text
    parsed = parse(f"k: {text}\n", "")
    return not parsed.findings and parsed.data == {"k": text}


def _literal(text: str) -> bool:
    lines = text.split("\n")
    return (
        bool(lines[0].strip())
        and bool(lines[-1])  # a literal block drops the final line breaks
        and all(line == line.rstrip() and not line.startswith((" ", "\t")) for line in lines)
        and not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)
        and not any(c in text for c in "\r\x85\u2028\u2029\ufeff")
    )


def _quoted(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 32 or 0x7F <= code <= 0x9F or code == 0xFEFF:
            out.append(f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
