"""The ids of a plan set and every place that refers to them, across files.

Five kinds of id are pointed at from other places: VP goals (`mål:` in aktivitetsplaner and
handlingsplaner), AP activities (`aktivitet:` in the handlingsplaner of the same year),
organs (`till:`, `ägare:`, `ansvar:`, `beslutad-av:`), follow-up periods (`period:` in
reports) and verksamhetsplaner (`verksamhetsplan:`). A reference resolves in a *scope*, as
the rules resolve it: a goal in the VP that the plan serves (`PlanSet.vp_for`), an
activity in the AP of the plan's year, an organ or period in the project file.

Each file's occurrences (paths only) are collected once per parsed document; their
positions are looked up only for the places a request needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planverk.core.findings import Span
from planverk.loading.planset import Loaded, PlanSet
from planverk.loading.yamlfile import YamlDocument
from planverk.lsp.positions import LineIndex
from planverk.model import Aktivitetsplan, Handlingsplan, Project, Verksamhetsplan, walk

Path = tuple[str | int, ...]


class Kind(StrEnum):
    """What an id names; the value is the Swedish word for it."""

    GOAL = "mål"
    ACTIVITY = "aktivitet"
    BODY = "organ"
    PERIOD = "uppföljningsperiod"
    VP = "verksamhetsplan"


# The kind of scope a reference asks for, resolved against the plan set of the moment.
_PROJECT = ("project",)
_ALL_VPS = ("vps",)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place an id is written: where it is defined, or a reference to it."""

    kind: Kind
    ident: str
    doc: YamlDocument
    path: Path
    definition: bool
    wants: tuple[Any, ...]  # the scope it resolves in, as asked (see _scope)

    @property
    def file(self) -> str:
        return self.doc.display

    @property
    def span(self) -> Span:
        return self.doc.source_map.locate(self.doc.data, self.path)


@dataclass(frozen=True, slots=True)
class Definition:
    """An id's definition and what to show about it."""

    occurrence: Occurrence
    scope: str
    title: str  # e.g. the goal's rubrik, the organ's name
    text: str = ""  # a longer text, when the item has one
    where: str = ""  # e.g. "Verksamhetsplan 2025–2028 › Verksamhet och utveckling"


Key = tuple[Kind, str, str]  # kind, scope, id


@dataclass(slots=True)
class Index:
    """Every definition and reference of one plan set."""

    definitions: dict[Key, Definition] = field(default_factory=dict)
    references: dict[Key, list[Occurrence]] = field(default_factory=dict)
    unresolved: list[Occurrence] = field(default_factory=list)
    by_file: dict[str, list[tuple[Occurrence, str | None]]] = field(default_factory=dict)

    def in_scope(self, kind: Kind, scope: str) -> list[Definition]:
        """The definitions of one kind in one scope, in file order."""
        return [d for (k, s, _), d in self.definitions.items() if k == kind and s == scope]

    def occurrences(self, key: Key) -> list[Occurrence]:
        """The definition (first) and every reference of ``key``."""
        found = [self.definitions[key].occurrence] if key in self.definitions else []
        return found + self.references.get(key, [])


class Symbols:
    """Builds the :class:`Index` of each plan set, with each file's occurrences kept."""

    def __init__(self) -> None:
        self._per_doc: dict[int, tuple[YamlDocument, list[Occurrence], list[Definition]]] = {}
        self._index: tuple[int, Index] | None = None
        self._spans: dict[int, tuple[YamlDocument, list[tuple[int, int, int]]]] = {}

    def at(
        self, index: Index, doc: YamlDocument, offset: int
    ) -> tuple[Occurrence, str | None] | None:
        """The occurrence in ``doc`` whose id covers character ``offset`` (its end included,
        as a cursor just after a word is on it), with the scope it resolves in."""
        entries = index.by_file.get(doc.display, [])
        cached = self._spans.get(id(doc))
        if cached is None or cached[0] is not doc or len(cached[1]) != len(entries):
            lines = LineIndex(doc.text)
            spans = [(*lines.span_offsets(o.span), i) for i, (o, _) in enumerate(entries)]
            cached = self._spans[id(doc)] = (doc, spans)
            if len(self._spans) > 64:  # the files asked about lately
                self._spans.pop(next(iter(self._spans)))
        for start, end, i in cached[1]:
            if start <= offset <= end:
                return entries[i]
        return None

    def index(self, planset: PlanSet, generation: int) -> Index:
        if self._index is not None and self._index[0] == generation:
            return self._index[1]
        index = self._build(planset)
        self._index = (generation, index)
        return index

    def _build(self, planset: PlanSet) -> Index:
        index = Index()
        known = self._per_doc
        self._per_doc = {}
        plans = _plans_by_doc(planset)
        for doc in planset.documents:
            entry = known.get(id(doc))
            if entry is None or entry[0] is not doc:
                occurrences, definitions = _collect(doc, plans.get(id(doc)), planset)
                entry = (doc, occurrences, definitions)
            self._per_doc[id(doc)] = entry
            _, occurrences, definitions = entry
            in_file = index.by_file.setdefault(doc.display, [])
            for occurrence in occurrences:
                scope = _scope(occurrence.wants, planset)
                in_file.append((occurrence, scope))
                if scope is None:
                    if not occurrence.definition:
                        index.unresolved.append(occurrence)
                    continue
                key = (occurrence.kind, scope, occurrence.ident)
                if occurrence.definition:
                    index.definitions.setdefault(key, _scoped(definitions, occurrence, scope))
                else:
                    index.references.setdefault(key, []).append(occurrence)
        return index


def _scoped(definitions: list[Definition], occurrence: Occurrence, scope: str) -> Definition:
    for definition in definitions:
        if definition.occurrence is occurrence:
            return Definition(
                occurrence, scope, definition.title, definition.text, definition.where
            )
    return Definition(occurrence, scope, occurrence.ident)  # pragma: no cover - collected together


def _plans_by_doc(planset: PlanSet) -> dict[int, Loaded[Any]]:
    loaded: list[Loaded[Any]] = [*planset.vps, *planset.aps, *planset.hps]
    if planset.project is not None:
        loaded.append(planset.project)
    return {id(item.doc): item for item in loaded}


def _scope(wants: tuple[Any, ...], planset: PlanSet) -> str | None:
    """The display of the file whose ids a reference (or definition) resolves among."""
    kind = wants[0]
    if kind == "project":
        return planset.project.doc.display if planset.project is not None else None
    if kind == "vps":
        return ""
    if kind == "in":  # a definition in the file itself, if that file is in the set
        return str(wants[1])
    if kind == "vp_for":
        vp = planset.vp_for(wants[1], wants[2])
        return vp.doc.display if vp is not None else None
    if kind == "ap":
        ap = planset.ap(wants[1])
        return ap.doc.display if ap is not None else None
    return None  # pragma: no cover - every kind of scope is handled above


_BODY_KEYS = frozenset({"till", "ägare", "ansvar", "beslutad-av"})


def _collect(
    doc: YamlDocument, loaded: Loaded[Any] | None, planset: PlanSet
) -> tuple[list[Occurrence], list[Definition]]:
    """A file's occurrences and definitions (definitions only when the file is in the set)."""
    found: list[Occurrence] = []
    definitions: list[Definition] = []

    def add(kind: Kind, ident: object, path: Path, wants: tuple[Any, ...]) -> None:
        if isinstance(ident, str) and ident:
            found.append(Occurrence(kind, ident, doc, path, False, wants))

    def define(
        kind: Kind, ident: str, path: Path, wants: tuple[Any, ...], title: str, **more: str
    ) -> None:
        occurrence = Occurrence(kind, ident, doc, path, True, wants)
        found.append(occurrence)
        definitions.append(Definition(occurrence, "", title, **more))

    plan = loaded.plan if loaded is not None else None
    here = ("in", doc.display)
    if isinstance(plan, Project):
        for index, body in enumerate(plan.bodies):
            detail = " ".join(x for x in (body.abbreviation and f"({body.abbreviation})",) if x)
            define(
                Kind.BODY,
                body.id,
                ("organ", index, "id"),
                here,
                body.name,
                text=body.description or "",
                where=f"Organ i projektfilen {detail}".strip(),
            )
        if isinstance(doc.data, dict) and "uppföljningsperioder" in doc.data:
            for index, period in enumerate(plan.follow_up_periods):
                define(
                    Kind.PERIOD,
                    period.id,
                    ("uppföljningsperioder", index, "id"),
                    here,
                    period.name,
                    text=f"Slutar {period.ends}.",
                    where="Uppföljningsperiod i projektfilen",
                )
        return found, definitions
    if isinstance(doc.data, dict):
        for path, value in walk.values_of(doc.data, _BODY_KEYS):
            if path[-1] == "till" and (len(path) < 3 or path[-3] != "uppdrag"):
                continue  # `till` is also the end of a period or a schedule (as PV103 reads it)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    add(Kind.BODY, item, (*path, index), _PROJECT)
            else:
                add(Kind.BODY, value, path, _PROJECT)
    if isinstance(plan, Verksamhetsplan):
        define(Kind.VP, plan.id, ("id",), _ALL_VPS, plan.title, where=plan.period.label())
        for item in walk.goals(plan):
            goal = item.goal
            parent = item.focus_area.heading if item.focus_area else None
            if item.section is not None:
                parent = f"§ {item.section.number} {item.section.heading}"
            define(
                Kind.GOAL,
                goal.id,
                (*item.path, "id"),
                here,
                goal.heading,
                text=goal.text or "",
                where=" › ".join(x for x in (plan.title, parent) if x),
            )
    elif isinstance(plan, Aktivitetsplan):
        _collect_ap(plan, add, define, here)
    elif isinstance(plan, Handlingsplan):
        _collect_hp(plan, add)
    return found, definitions


def _collect_ap(plan: Aktivitetsplan, add: Any, define: Any, here: tuple[Any, ...]) -> None:
    serves = ("vp_for", plan.year, plan.vp)
    add(Kind.VP, plan.vp, ("verksamhetsplan",), _ALL_VPS)
    for f_index, area in enumerate(plan.focus_areas):
        for h_index, heading in enumerate(area.headings):
            h_path: Path = ("fokusområden", f_index, "rubriker", h_index)
            add(Kind.GOAL, heading.goal, (*h_path, "mål"), serves)
            for a_index, activity in enumerate(heading.activities):
                path = (*h_path, "aktiviteter", a_index)
                define(
                    Kind.ACTIVITY,
                    activity.id,
                    (*path, "id"),
                    here,
                    activity.text,
                    where=f"{plan.title} › {area.heading} › {heading.heading}",
                )
                add(Kind.GOAL, activity.goal, (*path, "mål"), serves)


def _collect_hp(plan: Handlingsplan, add: Any) -> None:
    serves = ("vp_for", plan.year, plan.vp)
    add(Kind.VP, plan.vp, ("verksamhetsplan",), _ALL_VPS)
    for item in walk.actions(plan):
        action = item.action
        if plan.year is not None:
            add(Kind.ACTIVITY, action.activity, (*item.path, "aktivitet"), ("ap", plan.year))
        add(Kind.GOAL, action.goal, (*item.path, "mål"), serves)
        for index, report in enumerate(action.reports):
            add(Kind.PERIOD, report.period, (*item.path, "rapporter", index, "period"), _PROJECT)
