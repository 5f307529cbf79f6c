"""Make a validated plan smaller in memory without changing what it holds.

Pydantic gives every model instance its own ``__pydantic_fields_set__``, the set of field
names the file wrote. A set of five names takes 728 bytes, more than the instance's other
attributes together: on a plan set of 50,000 activities the sets alone took 65 MB. The plan
models are frozen, so Pydantic never changes these sets in place (``model_copy`` copies one
before it adds to it), and instances with the same keys can share one set.

Sharing needs one private attribute of Pydantic, written in :func:`use_fields_set` only.
Measured on the 50,000-activity bench set (bench/corpus/scale-50000, PLANVERK_JOBS=1): peak
memory 263 MB with sharing, 324 MB without (the target is 300 MB).
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

# Private API of Pydantic, written for 2.7–2.14 (checked at 2.14.4): an instance keeps its
# fields set in this attribute and `model_fields_set` returns it. tests/test_private_apis.py
# fails loudly when a Pydantic release changes that.
_FIELDS_SET = "__pydantic_fields_set__"
TESTED_PYDANTIC = ((2, 7), (2, 14))  # the first and last minor version this was checked on


def use_fields_set(model: BaseModel, shared: set[str]) -> None:
    """Make ``model`` use ``shared`` (equal to its own) as its set of fields given."""
    object.__setattr__(model, _FIELDS_SET, shared)


_NESTED = (BaseModel, list, dict)
_KEEP = 16  # distinct sets remembered per model class


def share_field_sets(plan: BaseModel) -> None:
    """Let the frozen models in ``plan`` that were given the same fields share one set."""
    # Per model class, the distinct sets seen so far; None for a class that is not frozen
    # (it may be assigned to, which adds to its set, so it keeps its own).
    known: dict[type, list[set[str]] | None] = {}
    # Per shared set, the fields it names that can hold further models: only those are
    # looked into (a field the file did not write holds its default).
    nested: dict[int, tuple[str, ...]] = {}
    stack: list[Any] = [plan]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if isinstance(node, BaseModel):
            cls = node.__class__
            if cls not in known:
                known[cls] = [] if cls.model_config.get("frozen") else None
            sets = known[cls]
            values: Any = node.__dict__.values()
            if sets is not None:
                fields_set = node.model_fields_set
                for one in sets:
                    if one == fields_set:
                        if one is not fields_set:
                            use_fields_set(node, one)
                        break
                else:
                    one = fields_set
                    if len(sets) < _KEEP:
                        sets.append(fields_set)
                names = nested.get(id(one))
                if names is None:
                    names = nested[id(one)] = tuple(n for n in one if n in _model_fields(cls))
                attributes = node.__dict__
                values = [attributes[name] for name in names]
        elif isinstance(node, dict):
            values = node.values()
        else:
            values = node
        for value in values:
            if isinstance(value, _NESTED) and value:
                push(value)


_MODEL_FIELDS: dict[type, frozenset[str]] = {}


def _model_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of ``cls`` whose type can hold a model (in a list, dict or union)."""
    found = _MODEL_FIELDS.get(cls)
    if found is None:
        found = _MODEL_FIELDS[cls] = frozenset(
            name for name, info in cls.model_fields.items() if _can_hold_model(info.annotation)
        )
    return found


def _can_hold_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return False
    if annotation is Any or isinstance(annotation, typing.TypeVar | typing.ForwardRef | str):
        return True  # cannot tell: look inside
    return any(_can_hold_model(arg) for arg in typing.get_args(annotation))
