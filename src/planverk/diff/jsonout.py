"""The diff as JSON, for programs: one object per change with id-based paths."""

from __future__ import annotations

import json

from planverk.diff.model import Change, DiffResult, Kind


def change_dict(change: Change) -> dict[str, object]:
    """``path`` is where the item is now (where it was, when removed); ``old_path`` where it
    was in the older version."""
    old = change.item if change.kind is Kind.REMOVED else change.old_item
    return {
        "kind": change.kind.value,
        "element": change.element.value,
        "path": change.path,
        "old_path": change.path if change.kind is Kind.REMOVED else change.old_path,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "words": [{"op": s.op.value, "text": s.text} for s in change.words],
        "place": [node.label for node in change.item.ancestors()],
        "file": change.item.file or None,
        "line": change.item.line or None,
        "old_file": (old.file or None) if old is not None else None,
        "old_line": (old.line or None) if old is not None else None,
    }


def as_dict(result: DiffResult) -> dict[str, object]:
    return {
        "title": result.title,
        "plan_kind": result.plan_kind.value,
        "old": result.old_label,
        "new": result.new_label,
        "since": result.since,
        "counts": {kind.value: count for kind, count in result.counts().items()},
        "changes": [change_dict(c) for c in result.changes],
        "year_shifts": [change_dict(c) for c in result.year_shifts],
        "folded_year_shifts": len({(id(c.item), c.field) for c in result.year_shifts}),
        "shift": result.shift,
    }


def render(result: DiffResult) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2)
