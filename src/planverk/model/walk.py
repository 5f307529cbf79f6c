"""Walk a loaded plan: every goal, activity and action with its path in the YAML source.

A path is the sequence of keys and list indexes from the file's root to the item, so any
check, diff or renderer can point back at the line the planner wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planverk.model import (
    Action,
    Activity,
    Aktivitetsplan,
    ApFocusArea,
    FocusArea,
    Goal,
    Handlingsplan,
    Heading,
    Section,
    Verksamhetsplan,
)
from planverk.model.handlingsplan import Report

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class GoalAt:
    goal: Goal
    path: Path
    focus_area: FocusArea | None = None
    section: Section | None = None


REF_KEYS = ("mål", "paragraf", "punkt")  # what an activity or action may serve in the VP


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference into the verksamhetsplan: a goal (``mål``), an agreement paragraph
    (``paragraf``, by number or id) or a plan bullet (``punkt``, by id)."""

    key: str  # one of REF_KEYS
    value: str
    path: Path  # where it is written


def own_references(item: Activity | Heading | Action, path: Path) -> list[Reference]:
    """The references written on ``item`` itself, in REF_KEYS order."""
    values = (item.goal, item.paragraph, item.bullet)
    return [
        Reference(key, value, (*path, key))
        for key, value in zip(REF_KEYS, values, strict=True)
        if value is not None
    ]


@dataclass(frozen=True, slots=True)
class ActivityAt:
    activity: Activity
    path: Path
    heading: Heading
    focus_area: ApFocusArea
    goal_id: str | None  # the goal it serves, when the reference that applies is a goal
    goal_path: Path  # where the reference that applies is written (or would be)
    ref: Reference | None = None  # the reference that applies: its own, else its rubrik's
    own: tuple[Reference, ...] = ()  # every reference written on the activity itself

    @property
    def text(self) -> str:
        return self.activity.text

    @property
    def inherited(self) -> bool:
        return not self.own and self.ref is not None


@dataclass(frozen=True, slots=True)
class ActionAt:
    action: Action
    path: Path


def goals(vp: Verksamhetsplan) -> Iterator[GoalAt]:
    for f_index, area in enumerate(vp.focus_areas):
        for g_index, goal in enumerate(area.goals):
            yield GoalAt(goal, ("fokusområden", f_index, "mål", g_index), focus_area=area)
    for g_index, goal in enumerate(vp.goals):
        yield GoalAt(goal, ("mål", g_index))
    for s_index, section in enumerate(vp.sections):
        yield from _section_goals(section, ("avsnitt", s_index))


def _section_goals(section: Section, path: Path) -> Iterator[GoalAt]:
    for g_index, goal in enumerate(section.goals):
        yield GoalAt(goal, (*path, "mål", g_index), section=section)
    for s_index, child in enumerate(section.sections):
        yield from _section_goals(child, (*path, "avsnitt", s_index))


def activities(ap: Aktivitetsplan) -> Iterator[ActivityAt]:
    for f_index, area in enumerate(ap.focus_areas):
        for h_index, heading in enumerate(area.headings):
            h_path: Path = ("fokusområden", f_index, "rubriker", h_index)
            plain = heading.paragraph is None and heading.bullet is None
            heading_refs = own_references(heading, h_path) if not plain or heading.goal else []
            for a_index, activity in enumerate(heading.activities):
                path = (*h_path, "aktiviteter", a_index)
                own: tuple[Reference, ...]
                if plain and activity.paragraph is None and activity.bullet is None:
                    # The common case (every activity of Mellansverige's plans): goals only.
                    if activity.goal is not None:
                        own = (Reference("mål", activity.goal, (*path, "mål")),)
                        ref: Reference | None = own[0]
                    else:
                        own = ()
                        ref = heading_refs[0] if heading_refs else None
                else:
                    own = tuple(own_references(activity, path))
                    ref = own[0] if own else (heading_refs[0] if heading_refs else None)
                goal_id = ref.value if ref is not None and ref.key == "mål" else None
                goal_path = ref.path if ref is not None else (*h_path, "mål")
                yield ActivityAt(activity, path, heading, area, goal_id, goal_path, ref, own)


def actions(hp: Handlingsplan) -> Iterator[ActionAt]:
    for index, action in enumerate(hp.actions):
        yield ActionAt(action, ("åtgärder", index))


@dataclass(frozen=True, slots=True)
class ReportAt:
    report: Report
    action: ActionAt
    path: Path


def reports(hp: Handlingsplan) -> Iterator[ReportAt]:
    """Every follow-up report of every action, with its path."""
    for item in actions(hp):
        for index, report in enumerate(item.action.reports):
            yield ReportAt(report, item, (*item.path, "rapporter", index))


# Keys whose string values are ids, references or codes rather than prose.
_NOT_PROSE = frozenset(
    {
        "typ",
        "id",
        "aktivitet",
        "till",
        "ansvar",
        "ägare",
        "beslutad-av",
        "verksamhetsplan",
        "status",
        "nummer",
        "punkt",
        "period",
        "datum",
        "paragraf",
        "diarienummer",
        "dokumentmall",
        "slutar",
        "från",
        "regler",
        "nivå",
    }
)


def prose(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every free-text string in raw plan data, with its path, in document order.

    Walks with an explicit stack rather than nested generators: the rules walk every string
    of a plan set, and a plan set can hold hundreds of thousands.
    """
    stack: list[tuple[Path, Any]] = [(path, data)]
    pop, push = stack.pop, stack.append
    while stack:
        here, node = pop()
        if isinstance(node, str):
            yield here, node
        elif isinstance(node, dict):
            follow_up = bool(here) and here[-1] == "uppföljning"
            children = [
                ((*here, key), value)
                for key, value in node.items()
                if key not in _NOT_PROSE
                and isinstance(value, str | dict | list)
                # a string under `mål` is a reference to a VP goal, not the follow-up's target
                and (key != "mål" or follow_up or not isinstance(value, str))
            ]
            for child in reversed(children):
                push(child)
        elif isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):
                push(((*here, index), node[index]))


def texts(data: Any) -> Iterator[tuple[Path, str | int, str]]:
    """The strings :func:`prose` yields, as (path of the parent, key or index, text).

    For rules that look at every text and seldom report one: the path of a text is built
    only when asked for, as ``(*parent, key)``. The order is not the document's (a
    mapping's own texts come before those nested in it); findings are sorted anyway. A
    document that is a single string has no key for it and yields nothing (the schema
    reports such a file).
    """
    stack: list[tuple[Path, Any]] = [((), data)]
    pop, push = stack.pop, stack.append
    while stack:
        here, node = pop()
        nested: list[tuple[Path, Any]] = []
        if isinstance(node, dict):
            follow_up = bool(here) and here[-1] == "uppföljning"
            for key, value in node.items():
                if key in _NOT_PROSE:
                    continue
                if isinstance(value, str):
                    if key != "mål" or follow_up:  # else a reference to a VP goal
                        yield here, key, value
                elif isinstance(value, dict | list):
                    nested.append(((*here, key), value))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    yield here, index, value
                elif isinstance(value, dict | list):
                    nested.append(((*here, index), value))
        for child in reversed(nested):
            push(child)


def values_of(data: Any, keys: frozenset[str], path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value stored under one of ``keys`` anywhere in raw data, with its path, in
    document order (a value before what is nested inside it)."""
    # Entries are (emit, path, node): emit the pair, or look inside the node.
    stack: list[tuple[bool, Path, Any]] = [(False, path, data)]
    pop, push = stack.pop, stack.append
    while stack:
        emit, here, node = pop()
        if emit:
            yield here, node
        elif isinstance(node, dict):
            pending: list[tuple[bool, Path, Any]] = []
            for key, value in node.items():
                if key in keys:
                    pending.append((True, (*here, key), value))
                if isinstance(value, dict | list):
                    pending.append((False, (*here, key), value))
            for entry in reversed(pending):
                push(entry)
        elif isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):
                item = node[index]
                if isinstance(item, dict | list):
                    push((False, (*here, index), item))


def id_path(data: Any, path: Path) -> str:
    """``path`` written with the ids of the items it passes through, as a stable name for
    what is there: ``fokusområden[verksamhet].rubriker[nära-vård].mål``. An item without
    an id is named by its place (``punkter[#2]``); segments missing from the data are
    written as given."""
    parts: list[str] = []
    node = data
    for seg in path:
        if isinstance(seg, int):
            item = node[seg] if isinstance(node, list) and 0 <= seg < len(node) else None
            ident = _ident(item)
            parts.append(f"[{ident}]" if ident is not None else f"[#{seg + 1}]")
            node = item
        else:
            parts.append(f".{seg}" if parts else seg)
            node = node.get(seg) if isinstance(node, dict) else None
    return "".join(parts)


def _ident(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("id", "nummer"):
            value = item.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
    return None
