"""Every text of a loaded plan with the markup it may hold, read from the model itself.

A field declares its kind in its type (:data:`~planverk.model.common.RichText`,
:data:`~planverk.model.common.LineText`; any other text is plain), so what may hold
paragraphs, lists and footnotes is written down once, next to the field.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from planverk.model.common import Markup, TextKind

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class MarkedText:
    path: Path
    text: str
    kind: TextKind


# Per model class: (attribute, YAML key, text kind or None for fields that hold no text).
_FIELDS: dict[type[BaseModel], tuple[tuple[str, str, TextKind | None], ...]] = {}


def _kind_in(annotation: Any) -> TextKind | None:
    """The text kind declared anywhere in a field's type (inside Optional, list, unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        for item in extra:
            if isinstance(item, Markup):
                return item.kind
        return _kind_in(base)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _kind_in(arg)
            if found is not None:
                return found
    if annotation is str:
        return TextKind.PLAIN
    return None


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str, TextKind | None], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        entries = []
        for name, info in cls.model_fields.items():
            kind = next((m.kind for m in info.metadata if isinstance(m, Markup)), None)
            entries.append((name, info.alias or name, kind or _kind_in(info.annotation)))
        found = _FIELDS[cls] = tuple(entries)
    return found


def marked_texts(model: BaseModel, path: Path = ()) -> Iterator[MarkedText]:
    """Every string in ``model`` (a loaded plan) with its YAML path and text kind.

    Strings that are ids, numbers or references are plain texts too; callers that look for
    markup in prose skip plain texts or check them for what no plain text may hold.
    """
    stack: list[tuple[Path, BaseModel]] = [(path, model)]
    while stack:
        here, node = stack.pop()
        nested: list[tuple[Path, BaseModel]] = []
        for name, key, kind in _fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, str):
                if kind is not None:
                    yield MarkedText((*here, key), value, kind)
            elif isinstance(value, BaseModel):
                nested.append(((*here, key), value))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        if kind is not None:
                            yield MarkedText((*here, key, index), item, kind)
                    elif isinstance(item, BaseModel):
                        nested.append(((*here, key, index), item))
        stack.extend(reversed(nested))
