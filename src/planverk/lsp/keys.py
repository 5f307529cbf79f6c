"""The plan model as the editor needs it: which keys a mapping takes, and what each means.

The Swedish titles and descriptions come from the model's fields, the same text the JSON
Schemas in schemas/ carry.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from planverk.model import MODELS
from planverk.model.jsonschema import SWEDISH


@dataclass(frozen=True, slots=True)
class Key:
    """One key a mapping takes."""

    name: str
    title: str
    description: str
    required: bool
    field: FieldInfo


def root_model(kind: object) -> type[BaseModel] | None:
    """The model of a file whose `typ:` is ``kind``."""
    return MODELS.get(kind) if isinstance(kind, str) else None


def model_at(model: type[BaseModel], keys: Sequence[str]) -> type[BaseModel] | None:
    """The model of the mapping reached by ``keys`` from ``model`` (list levels need no key;
    a mapping field such as `regler:` takes one key of its own, then its value's model)."""
    current: type[BaseModel] | None = model
    skip_dict_key = False
    for key in keys:
        if skip_dict_key:
            skip_dict_key = False
            continue
        if current is None:
            return None
        field = field_of(current, key)
        if field is None:
            return None
        annotation = field.annotation
        skip_dict_key = _is_dict(annotation)
        current = _model_in(annotation)
    return None if skip_dict_key else current


def field_of(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def keys_of(model: type[BaseModel]) -> list[Key]:
    """The keys of ``model`` in the model's order."""
    return [
        Key(
            info.alias or name,
            info.title or (info.alias or name),
            info.description or "",
            info.is_required(),
            info,
        )
        for name, info in model.model_fields.items()
    ]


def describe_model(model: type[BaseModel]) -> tuple[str, str]:
    """A model's Swedish title and description (as in schemas/)."""
    return SWEDISH.get(model.__name__, (model.__name__, ""))


def holds_list(field: FieldInfo) -> bool:
    """Whether the field's value is a list."""
    return _is_list(field.annotation)


def holds_mapping(field: FieldInfo) -> bool:
    """Whether the field's value is a mapping (a model, or a list of them is not)."""
    return _model_in(field.annotation) is not None or _is_dict(field.annotation)


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return False


def _is_dict(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_dict(arg) for arg in typing.get_args(annotation))
    return False


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
