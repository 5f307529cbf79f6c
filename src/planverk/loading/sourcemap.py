"""Source positions of every key and value in a loaded YAML document.

Positions are kept beside the plain data (dicts, lists, scalars), keyed by the identity of
each container, so the data itself stays plain for Pydantic and every check can still point
at the exact line and column of what it complains about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from planverk.findings import Span

# A position packed as (line, column, end_line, end_column), 1-based.
Pos = tuple[int, int, int, int]


@dataclass(slots=True)
class MappingMarks:
    start: Pos
    keys: dict[str, Pos] = field(default_factory=dict)
    values: dict[str, Pos] = field(default_factory=dict)


@dataclass(slots=True)
class SequenceMarks:
    start: Pos
    items: list[Pos] = field(default_factory=list)


@dataclass(slots=True)
class SourceMap:
    """Marks of every container of one document, keyed by ``id(container)``."""

    root: Pos = (1, 1, 1, 1)
    containers: dict[int, MappingMarks | SequenceMarks] = field(default_factory=dict)

    def locate(self, data: Any, path: Sequence[str | int], *, key: bool = False) -> Span:
        """Span of the value at ``path`` (or of its key), or of the deepest existing parent.

        Segments that do not exist in the data (a missing key, a union tag in a Pydantic
        error location) are skipped, so the span lands on the nearest thing that exists.
        """
        pos = self.root
        node = data
        for index, seg in enumerate(path):
            marks = self.containers.get(id(node))
            last = index == len(path) - 1
            if isinstance(node, dict) and isinstance(seg, str) and seg in node:
                assert isinstance(marks, MappingMarks)
                pos = marks.keys[seg] if key and last else marks.values[seg]
                node = node[seg]
            elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
                assert isinstance(marks, SequenceMarks)
                pos = marks.items[seg]
                node = node[seg]
        return Span(*pos)
