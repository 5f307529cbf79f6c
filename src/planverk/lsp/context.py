"""Where in a plan file the cursor is: under which keys, and at a key or at a value.

Read from the text by indentation, line by line, since the file is usually half-typed when
the editor asks (and does not parse). Block style is what the plans are written in; inside a
flow list (``till: [svn, ``) the cursor is at that key's value. Inside a text (a block scalar
or a plain text continued on the next line) there is no context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY = re.compile(
    r"""^(?P<key>[^\s#:'"\[\]{},&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s+(?P<value>.*)|)$"""
)
_WORD_BEFORE = re.compile(r"[\w.\-]*$")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class Shape:
    """One line of block YAML: where its content starts, its dash, its key and value."""

    key_col: int  # column (0-based, characters) where the content after any dashes starts
    dash_col: int | None  # column of the last '- ' on the line
    key: str | None
    value: str  # the value after 'key:' (a comment at its end removed), or the content


def shape(line: str) -> Shape | None:
    """The shape of one line, or None for a blank or comment line."""
    stripped = line.lstrip(" ")
    if not stripped.strip() or stripped.startswith("#"):
        return None
    col = len(line) - len(stripped)
    dash_col = None
    rest = stripped
    while rest.startswith("-") and (len(rest) == 1 or rest[1] in " \t"):
        dash_col = col
        skipped = len(rest) - len(rest[1:].lstrip(" \t"))
        col += skipped
        rest = rest[skipped:]
    content = _without_comment(rest).rstrip()
    match = _KEY.match(content)
    if match:
        key = match.group("key").strip("'\"")
        return Shape(col, dash_col, key, (match.group("value") or "").strip())
    return Shape(col, dash_col, None, content)


def _without_comment(text: str) -> str:
    """``text`` without a trailing ``# comment`` (one outside quotes, after a space)."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or text[index - 1] in " [,:{"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return text[:index]
    return text


@dataclass(slots=True)
class Where:
    """The cursor's place.

    ``keys`` lead from the file's root to the mapping the cursor is in (or, for a list item,
    to the key holding the list). ``value_of`` is the key whose value the cursor is in;
    ``item`` says the cursor is on a list item (``- ...``) of the key ``keys[-1]``, which
    may be a value (an id in `ansvar:`) or the first key of a new mapping in the list.
    """

    keys: list[str]
    value_of: str | None = None
    item: bool = False
    prefix: str = ""  # the part of the word before the cursor
    start: int = 0  # column where that word starts
    value_start: int = 0  # column where the value starts (after 'key: ' or '- ')
    siblings: set[str] = field(default_factory=set)


def where(lines: list[str], line: int, column: int) -> Where | None:
    """The place of the cursor at ``line``, ``column`` (0-based) in ``lines``, or None when
    it is in a comment or a text."""
    if not 0 <= line < len(lines):
        return None
    current = lines[line]
    before = current[:column]
    if _without_comment(before) != before:
        return None  # in a comment
    word = _WORD_BEFORE.search(before)
    prefix = word.group() if word else ""
    start = column - len(prefix)
    here = shape(before + "x")  # as if one more character were typed
    indent = len(before) - len(before.lstrip(" "))
    if here is None:  # an empty line: a key goes here
        col, seq, found = indent, False, Where([], prefix=prefix, start=start)
    elif here.key is not None and len(before) > here.key_col + len(here.key or ""):
        found = Where([], value_of=here.key, prefix=prefix, start=start)
        found.value_start = _value_start(before, here)
        if "[" in before[found.value_start :] and "]" not in before[found.value_start :]:
            found.item = True
        col, seq = (here.dash_col, True) if here.dash_col is not None else (here.key_col, False)
    elif here.dash_col is not None:
        found = Where([], item=True, prefix=prefix, start=start, value_start=here.key_col)
        col, seq = here.dash_col, True
    else:
        found = Where([], prefix=prefix, start=start)
        col, seq = here.key_col, False
    keys = _parents(lines[:line], col, seq, found.siblings)
    if keys is None:
        return None
    found.keys = keys
    if found.value_of is None and not found.item:
        _siblings_below(lines[line + 1 :], col, found.siblings)
    return found


def _value_start(before: str, here: Shape) -> int:
    offset = before.index(":", here.key_col) + 1
    while offset < len(before) and before[offset] in " \t":
        offset += 1
    if offset < len(before) and before[offset] in "'\"":
        offset += 1
    return offset


def _parents(above: list[str], col: int, seq: bool, siblings: set[str]) -> list[str] | None:
    """The keys holding the node at ``col`` (a sequence's dashes when ``seq``), outermost
    first; None when the node is inside a text."""
    keys: list[str] = []
    first = True
    for line in reversed(above):
        s = shape(line)
        if s is None:
            continue
        if seq:
            if s.dash_col == col or s.key_col > col:
                continue  # a sibling item, or inside one
            if s.key is not None and not s.value and (s.key_col < col or s.dash_col is None):
                keys.append(s.key)
                col, seq = (s.dash_col, True) if s.dash_col is not None else (s.key_col, False)
                first = False
                continue
            return None
        if s.key_col > col:
            continue
        if s.key_col == col:
            if first and s.key is not None:
                siblings.add(s.key)
            if s.dash_col is not None:  # the first key of a list item: the item is the mapping
                col, seq, first = s.dash_col, True, False
            continue
        if s.key is not None and not s.value:
            keys.append(s.key)
            col, seq = (s.dash_col, True) if s.dash_col is not None else (s.key_col, False)
            first = False
            continue
        if s.key is None and not s.value and s.dash_col is not None:
            col, seq, first = s.dash_col, True, False  # a bare '-' whose mapping follows
            continue
        return None  # under a key with a value: a block text or a continued plain text
    if seq and col > 0 and not keys:
        return None
    return list(reversed(keys))


def _siblings_below(below: list[str], col: int, siblings: set[str]) -> None:
    for line in below:
        s = shape(line)
        if s is None:
            continue
        if s.key_col < col or (s.dash_col is not None and s.dash_col < col):
            return
        if s.key_col == col and s.key is not None:
            siblings.add(s.key)


def in_block_text(value: str) -> bool:
    """Whether a key's value starts a block text (``|`` or ``>``)."""
    return bool(_BLOCK_SCALAR.match(value))
