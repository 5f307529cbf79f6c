"""Id indexes over a loaded plan set, built once and shared by every rule and renderer.

PV101, PV102 and the handlingsplan's chain each need "the goals of this VP by id" and "the
activities of this AP by id", and in the agreement-paragraph style "the paragraphs of this VP
by number and id, its bullets by id". They ask :attr:`PlanSet.index` instead of walking the
plans themselves, so a plan set of 10,000 activities is walked once, whoever asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planverk.model import Aktivitetsplan, Verksamhetsplan, walk
from planverk.model.index import VpIndex


class Index:
    """Lookups by id, made on first use per plan (a plan replaced in the set is a new
    object, so it gets a new entry; the old one is never confused with it)."""

    __slots__ = ("_activities", "_vps")

    def __init__(self) -> None:
        self._vps: dict[int, VpIndex] = {}
        self._activities: dict[int, tuple[Any, dict[str, walk.ActivityAt]]] = {}

    def vp(self, vp: Verksamhetsplan) -> VpIndex:
        """What can be pointed at in ``vp``: goals by id, paragraphs by number and id,
        bullets by id (see :class:`planverk.model.index.VpIndex`)."""
        found = self._vps.get(id(vp))
        if found is None or found.vp is not vp:
            found = self._vps[id(vp)] = VpIndex.of(vp)
        return found

    def goals(self, vp: Verksamhetsplan) -> Mapping[str, walk.GoalAt]:
        """The goals of ``vp`` by id (the first, when an id is written twice: PV104)."""
        return self.vp(vp).goals

    def activities(self, ap: Aktivitetsplan) -> Mapping[str, walk.ActivityAt]:
        """The activities of ``ap`` by id (the first, when an id is written twice: PV104)."""
        entry = self._activities.get(id(ap))
        if entry is None or entry[0] is not ap:
            found: dict[str, walk.ActivityAt] = {}
            for item in walk.activities(ap):
                found.setdefault(item.activity.id, item)
            entry = self._activities[id(ap)] = (ap, found)
        return entry[1]
