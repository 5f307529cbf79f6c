"""Edit a plan file's text and keep everything the planner wrote: comments, key order,
quoting, blank lines.

Two kinds of edit, each done the way that keeps the most:

- :func:`set_values` replaces scalar values at existing keys with ruamel.yaml's round-trip
  loader, which keeps comments (they hang on the keys, and the keys stay);
- :func:`remove_entries` removes list items and keys as whole lines, with the comment
  lines directly above each (they describe it) and without the comment lines below (they
  describe what follows). ruamel.yaml stores a comment before an item on the *previous*
  item's last value, so deleting an item there would lose or misplace the comments of its
  neighbours; positions from the planverk loader make the line ranges exact.

Both check their result against the same edit done on plain data, so a file is never
written with content other than intended.
"""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Mapping, Sequence
from typing import Any

from planverk.core.errors import UserError
from planverk.loading.sourcemap import MappingMarks, Pos, SequenceMarks
from planverk.loading.yamlfile import YamlDocument, parse

Path = tuple[str | int, ...]


class EditError(UserError):
    """An edit that cannot be made without changing more than intended."""


def set_values(text: str, values: Mapping[Path, object]) -> str:
    """``text`` with the scalar at each path replaced; every path must exist."""
    if not values:
        return text
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never re-wrap a long line
    sequence, offset = _sequence_indent(text)
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence, offset=offset)
    from ruamel.yaml.error import YAMLError

    try:
        data = yaml.load(text)
        for path, value in values.items():
            parent = _at(data, path[:-1])
            parent[path[-1]] = value
        out = io.StringIO()
        yaml.dump(data, out)
    except YAMLError as err:
        # ruamel's round-trip scanner is stricter than the C parser the loader uses (a tab
        # before a key's colon, say): the file cannot be edited this way, so say where.
        mark = getattr(err, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark is not None else ""
        raise EditError(
            f"filen kan inte ändras med bevarad layout{where}",
            "Skriv raden med mellanslag i stället för tabbar, eller kör `planverk fmt` först.",
        ) from None
    result = out.getvalue()
    expected = copy.deepcopy(parse(text, "").data)
    for path, value in values.items():
        _at(expected, path[:-1])[path[-1]] = value
    if parse(result, "").data != expected:
        raise EditError("värdena kunde inte ändras utan att annat i filen ändrades")
    return result


def remove_entries(doc: YamlDocument, paths: Sequence[Path]) -> str:
    """``doc``'s text without the list items or keys at ``paths`` (each must exist; a
    path inside another removed one is fine)."""
    if not paths:
        return doc.text
    lines = doc.text.splitlines(keepends=True)
    ranges = sorted(_line_range(doc, lines, path) for path in paths)
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        del lines[start - 1 : end]
    result = "".join(lines)
    expected = copy.deepcopy(doc.data)
    for path in sorted(paths, key=_reverse_order):
        parent = _at(expected, path[:-1])
        with contextlib.suppress(KeyError, IndexError, TypeError):
            del parent[path[-1]]
    if parse(result, "").data != expected:
        raise EditError("posterna kunde inte tas bort utan att annat i filen ändrades")
    return result


def _reverse_order(path: Path) -> tuple[Any, ...]:
    """Deepest first, and within a list the last item first, so that no deletion shifts
    the path of one still to come."""
    return (-len(path), *((0, -seg) if isinstance(seg, int) else (1, seg) for seg in path))


def _at(data: Any, path: Path) -> Any:
    for seg in path:
        data = data[seg]
    return data


def _line_range(doc: YamlDocument, lines: list[str], path: Path) -> tuple[int, int]:
    """First and last line (1-based) of the entry at ``path``, with its leading comments."""
    parent = _at(doc.data, path[:-1])
    marks = doc.source_map.containers.get(id(parent))
    if marks is None or _is_flow(lines, marks.start):
        raise EditError(
            f"kan inte ta bort {_show(path)}: den står i flödesstil ([...] eller {{...}})"
        )
    last = path[-1]
    if isinstance(marks, SequenceMarks) and isinstance(last, int):
        pos = marks.items[last]
        start, column = _dash(lines, pos)
        value, value_pos = parent[last], pos
    elif isinstance(marks, MappingMarks) and isinstance(last, str):
        key_pos = marks.keys[last]
        start, column = key_pos[0], key_pos[1]
        value, value_pos = parent[last], marks.values[last]
    else:  # pragma: no cover - paths come from the plan model
        raise EditError(f"{_show(path)} finns inte")
    end = max(start, _last_line(doc, lines, value, value_pos))
    first = start
    while first > 1 and _is_comment(lines[first - 2], column):
        first -= 1
    if first > 1:  # comments from the top of the file are the file's, not the entry's
        start = first
    following_blank = end >= len(lines) or not lines[end].strip()
    if following_blank:
        while start > 1 and not lines[start - 2].strip():
            start -= 1
    return start, end


def _dash(lines: list[str], pos: Pos) -> tuple[int, int]:
    """Line and column of the ``-`` that opens the sequence item starting at ``pos``."""
    line, column = pos[0], pos[1]
    before = lines[line - 1][: column - 1].rstrip()
    if before.endswith("-"):
        return line, len(before)
    probe = line - 1  # the item's content starts on the line after its dash
    while probe >= 1:
        text = lines[probe - 1].rstrip()
        if text.strip() and not text.lstrip().startswith("#"):
            if text.endswith("-"):
                return probe, len(text)
            break
        probe -= 1
    return line, column


def _last_line(doc: YamlDocument, lines: list[str], value: Any, pos: Pos) -> int:
    """The last line holding any of ``value`` (not the comments or blank lines after it)."""
    if isinstance(value, dict | list) and value and not _is_flow(lines, pos):
        marks = doc.source_map.containers[id(value)]
        if isinstance(marks, MappingMarks):
            key = list(value)[-1]
            return _last_line(doc, lines, value[key], marks.values[key])
        assert isinstance(marks, SequenceMarks)
        return _last_line(doc, lines, value[-1], marks.items[-1])
    line = pos[2]
    if pos[3] == 1 and line > pos[0]:
        line -= 1  # a block scalar ends at the start of the next line
    while line > pos[0] and not lines[line - 1].strip():
        line -= 1
    return line


def _is_flow(lines: list[str], pos: Pos) -> bool:
    line = lines[pos[0] - 1] if 0 < pos[0] <= len(lines) else ""
    return line[pos[1] - 1 : pos[1]] in ("[", "{")


def _is_comment(line: str, column: int) -> bool:
    """A comment line at the entry's indentation or left of it."""
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) < column


def _show(path: Path) -> str:
    return ".".join(str(seg) for seg in path)


def _mapping_indent(text: str) -> int:
    """The indentation of a nested mapping key in ``text`` (2 when there is none)."""
    previous = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if (
            previous.rstrip().endswith(":")
            and not previous.startswith((" ", "-"))
            and line.startswith(" ")
            and not stripped.startswith("- ")
        ):
            return len(line) - len(line.lstrip(" "))
        previous = line
    return 2


def _sequence_indent(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) of the first block sequence under a top-level key."""
    previous = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if (
            previous.rstrip().endswith(":")
            and not previous.startswith(" ")
            and stripped.startswith("- ")
        ):
            offset = len(line) - len(line.lstrip(" "))
            after = stripped[1:]
            return offset + 1 + len(after) - len(after.lstrip(" ")), offset
        previous = line
    return 4, 2
