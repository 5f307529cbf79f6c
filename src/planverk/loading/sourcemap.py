"""Source positions of every key and value in a loaded YAML document.

Positions are kept beside the plain data (dicts, lists, scalars), so the data itself stays
plain for Pydantic and every check can still point at the exact line and column of what it
complains about.

They are stored compactly, because a region's plans can hold a million keys: one flat array
of character offsets per document, in the order the loader built the containers. Each
container has a record: its own start and end, then for a mapping the start and end of
each key and of its value, for a sequence the start and end of each item. The records are
found by walking the data in the same order, which is done only when a position is first
asked for; lines and columns are computed from the offsets and the text then.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from planverk.core.findings import Span

# A position packed as (line, column, end_line, end_column), 1-based.
Pos = tuple[int, int, int, int]

# What libyaml counts as a line break: CR LF, CR, LF, NEL, LINE and PARAGRAPH SEPARATOR.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

HEADER = 2  # a record starts with the container's own start and end offsets
MAPPING_ENTRY = 4  # key start, key end, value start, value end
SEQUENCE_ENTRY = 2  # item start, item end


@dataclass(slots=True)
class MappingMarks:
    """The positions of one mapping, its keys and its values (a view made on request)."""

    start: Pos
    keys: dict[str, Pos] = field(default_factory=dict)
    values: dict[str, Pos] = field(default_factory=dict)


@dataclass(slots=True)
class SequenceMarks:
    """The positions of one sequence and its items (a view made on request)."""

    start: Pos
    items: list[Pos] = field(default_factory=list)


class SourceMap:
    """Positions of every container of one document, and of their keys, values and items."""

    __slots__ = ("_index", "_keys", "_lines", "data", "offsets", "span", "text")

    def __init__(self, text: str = "", data: Any = None) -> None:
        self.text = text
        self.data = data  # the document's root, as the loader built it
        self.span = (0, 0)  # start and end offset of the root
        self.offsets = array("i")  # the records, in build order (see the module docstring)
        self._index: dict[int, tuple[int, Any]] | None = None
        self._keys: dict[int, dict[str, int]] = {}  # id(mapping) -> key -> its place
        self._lines: list[int] | None = None

    # --- Reading -------------------------------------------------------------------------

    @property
    def root(self) -> Pos:
        return self._pos(*self.span)

    @property
    def containers(self) -> _Containers:
        """Marks of a container by ``id(container)``, as ``containers.get(id(node))``."""
        return _Containers(self)

    def marks(self, node: Any) -> MappingMarks | SequenceMarks | None:
        """The positions of ``node`` (a dict or list of this document's data), or None."""
        base = self._base(node)
        if base is None:
            return None
        offsets = self.offsets
        start = self._pos(offsets[base - HEADER], offsets[base - HEADER + 1])
        if isinstance(node, dict):
            keys: dict[str, Pos] = {}
            values: dict[str, Pos] = {}
            for index, name in enumerate(node):
                at = base + index * MAPPING_ENTRY
                keys[name] = self._pos(offsets[at], offsets[at + 1])
                values[name] = self._pos(offsets[at + 2], offsets[at + 3])
            return MappingMarks(start, keys, values)
        items = [
            self._pos(offsets[at], offsets[at + 1])
            for at in range(base, base + len(node) * SEQUENCE_ENTRY, SEQUENCE_ENTRY)
        ]
        return SequenceMarks(start, items)

    def locate(self, data: Any, path: Sequence[str | int], *, key: bool = False) -> Span:
        """Span of the value at ``path`` (or of its key), or of the deepest existing parent.

        Segments that do not exist in the data (a missing key, a union tag in a Pydantic
        error location) are skipped, so the span lands on the nearest thing that exists.
        """
        pos = self.root
        node = data
        offsets = self.offsets
        for index, seg in enumerate(path):
            last = index == len(path) - 1
            if isinstance(node, dict) and isinstance(seg, str) and seg in node:
                base = self._base(node)
                if base is not None:
                    at = base + self._place(node, seg) * MAPPING_ENTRY + (0 if key and last else 2)
                    pos = self._pos(offsets[at], offsets[at + 1])
                node = node[seg]
            elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
                base = self._base(node)
                if base is not None:
                    at = base + seg * SEQUENCE_ENTRY
                    pos = self._pos(offsets[at], offsets[at + 1])
                node = node[seg]
        return Span(*pos)

    def scalar_spans(self) -> Iterator[tuple[int, int]]:
        """Start and end offset of every scalar: each key, each value and list item that is
        not a mapping or a list (the whole document when it is one scalar)."""
        if not isinstance(self.data, dict | list):
            if self.data is not None:
                yield self.span
            return
        offsets = self.offsets
        for container, base in _walk(self.data, HEADER):
            if isinstance(container, dict):
                for index, value in enumerate(container.values()):
                    at = base + index * MAPPING_ENTRY
                    yield offsets[at], offsets[at + 1]
                    if not isinstance(value, dict | list):
                        yield offsets[at + 2], offsets[at + 3]
            else:
                for index, item in enumerate(container):
                    if not isinstance(item, dict | list):
                        at = base + index * SEQUENCE_ENTRY
                        yield offsets[at], offsets[at + 1]

    def _place(self, mapping: dict[str, Any], key: str) -> int:
        """The place of ``key`` among the keys of ``mapping``. A small mapping is scanned;
        a large one gets an index on first use, so that locating every key of a mapping
        with many keys (one finding per unknown key) stays linear, not quadratic."""
        if len(mapping) <= _SCAN_LIMIT:
            return _position(mapping, key)
        places = self._keys.get(id(mapping))
        if places is None:
            places = self._keys[id(mapping)] = {name: i for i, name in enumerate(mapping)}
        return places[key]

    def _base(self, node: Any) -> int | None:
        found = self._indexed().get(id(node))
        return None if found is None or found[1] is not node else found[0]

    def _indexed(self) -> dict[int, tuple[int, Any]]:
        if self._index is None:
            self._index = {}
            if isinstance(self.data, dict | list):
                self._index = {id(c): (base, c) for c, base in _walk(self.data, HEADER)}
        return self._index

    def _pos(self, start: int, end: int) -> Pos:
        lines = self._lines
        if lines is None:
            lines = self._lines = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        line = bisect_right(lines, start)
        end_line = bisect_right(lines, end)
        return (line, start - lines[line - 1] + 1, end_line, end - lines[end_line - 1] + 1)


_SCAN_LIMIT = 16  # keys of a mapping that are scanned rather than indexed


def _position(mapping: dict[str, Any], key: str) -> int:
    for index, name in enumerate(mapping):
        if name == key:
            return index
    raise KeyError(key)  # pragma: no cover - callers check membership first


def _walk(node: Any, base: int) -> Iterator[tuple[Any, int]]:
    """(container, offset of its entries) in the order the loader recorded them."""
    stack: list[Any] = [node]
    cursor = base
    while stack:
        container = stack.pop()
        yield container, cursor
        if isinstance(container, dict):
            cursor += len(container) * MAPPING_ENTRY + HEADER
            children = [v for v in container.values() if isinstance(v, dict | list)]
        else:
            cursor += len(container) * SEQUENCE_ENTRY + HEADER
            children = [v for v in container if isinstance(v, dict | list)]
        stack.extend(reversed(children))


class _Containers:
    """A read-only mapping from ``id(container)`` to its marks, made on request."""

    __slots__ = ("_map",)

    def __init__(self, source_map: SourceMap) -> None:
        self._map = source_map

    def get(self, ident: int, default: Any = None) -> Any:
        found = self._map._indexed().get(ident)
        return default if found is None else self._map.marks(found[1])

    def __getitem__(self, ident: int) -> MappingMarks | SequenceMarks:
        marks = self.get(ident)
        if marks is None:
            raise KeyError(ident)
        return marks  # type: ignore[no-any-return]

    def __contains__(self, ident: object) -> bool:
        return ident in self._map._indexed()
