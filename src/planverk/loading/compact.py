"""Make a validated plan smaller in memory without changing what it holds.

Pydantic gives every model instance its own ``__pydantic_fields_set__``, the set of field
names the file wrote. A set of five names takes 728 bytes, more than the instance's other
attributes together: on a plan set of 50,000 activities the sets alone took 65 MB. The plan
models are frozen, so Pydantic never changes these sets in place (``model_copy`` copies one
before it adds to it), and instances with the same keys can share one set.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

_FIELDS_SET = "__pydantic_fields_set__"
_NESTED = (BaseModel, list, dict)
_KEEP = 16  # distinct sets remembered per model class


def share_field_sets(plan: BaseModel) -> None:
    """Let the frozen models in ``plan`` that were given the same fields share one set."""
    # Per model class, the distinct sets seen so far; None for a class that is not frozen
    # (it may be assigned to, which adds to its set, so it keeps its own).
    known: dict[type, list[set[str]] | None] = {}
    setattr_ = object.__setattr__
    stack: list[Any] = [plan]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if isinstance(node, BaseModel):
            cls = node.__class__
            if cls not in known:
                known[cls] = [] if cls.model_config.get("frozen") else None
            sets = known[cls]
            if sets is not None:
                fields_set = node.__pydantic_fields_set__
                for one in sets:
                    if one == fields_set:
                        if one is not fields_set:
                            setattr_(node, _FIELDS_SET, one)
                        break
                else:
                    if len(sets) < _KEEP:
                        sets.append(fields_set)
            values: Any = node.__dict__.values()
        elif isinstance(node, dict):
            values = node.values()
        else:
            values = node
        for value in values:
            if isinstance(value, _NESTED) and value:
                push(value)
