"""Id indexes over a loaded plan set, built once and shared by every rule and renderer.

PV101, PV102 and the handlingsplan's chain each need "the goals of this VP by id" and "the
activities of this AP by id". They ask :attr:`PlanSet.index` instead of walking the plans
themselves, so a plan set of 10,000 activities is walked once, whoever asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planverk.model import Aktivitetsplan, Verksamhetsplan, walk


class Index:
    """Lookups by id, made on first use per plan (a plan replaced in the set is a new
    object, so it gets a new entry; the old one is never confused with it)."""

    __slots__ = ("_activities", "_goals")

    def __init__(self) -> None:
        self._goals: dict[int, tuple[Any, dict[str, walk.GoalAt]]] = {}
        self._activities: dict[int, tuple[Any, dict[str, walk.ActivityAt]]] = {}

    def goals(self, vp: Verksamhetsplan) -> Mapping[str, walk.GoalAt]:
        """The goals of ``vp`` by id (the first, when an id is written twice: PV104)."""
        entry = self._goals.get(id(vp))
        if entry is None or entry[0] is not vp:
            found: dict[str, walk.GoalAt] = {}
            for item in walk.goals(vp):
                found.setdefault(item.goal.id, item)
            entry = self._goals[id(vp)] = (vp, found)
        return entry[1]

    def activities(self, ap: Aktivitetsplan) -> Mapping[str, walk.ActivityAt]:
        """The activities of ``ap`` by id (the first, when an id is written twice: PV104)."""
        entry = self._activities.get(id(ap))
        if entry is None or entry[0] is not ap:
            found: dict[str, walk.ActivityAt] = {}
            for item in walk.activities(ap):
                found.setdefault(item.activity.id, item)
            entry = self._activities[id(ap)] = (ap, found)
        return entry[1]
