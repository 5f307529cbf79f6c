"""The data the templates see: plain dicts with Swedish keys, every plan text already
cleaned and escaped for Markdown (see :mod:`planverk.render.plaintext`).

Keys follow the YAML keys, with ``-`` written ``_`` (``strategisk_inriktning``), so a
planner who knows the plan files can read the templates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planverk.core.chars import UNWRITABLE
from planverk.loading.index import Index
from planverk.loading.planset import Loaded, PlanSet
from planverk.loading.yamlfile import YamlDocument
from planverk.model import Aktivitetsplan, Decision, Handlingsplan, Verksamhetsplan, walk
from planverk.model.common import Bullet, BulletItem, StrategicDirection
from planverk.model.handlingsplan import Action
from planverk.model.verksamhetsplan import Goal, Section
from planverk.render.plaintext import (
    SafeMarkdown,
    clean,
    escape_inline,
    escape_paragraphs,
)
from planverk.render.result import RemovedCharacter

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

STATUS_NOT_REPORTED = "ej rapporterad"

Data = dict[str, Any]


class PlanText(SafeMarkdown):
    """Plan text escaped for one line of markup; ``raw`` keeps the cleaned original."""

    raw: str

    def __new__(cls, raw: str) -> PlanText:
        self = super().__new__(cls, escape_inline(raw))
        self.raw = raw
        return self


def paragraphs(value: object) -> SafeMarkdown:
    """Jinja filter ``stycken``: a plan text as paragraphs (blank lines kept)."""
    if value is None:
        return SafeMarkdown("")
    if isinstance(value, PlanText):
        return escape_paragraphs(value.raw)
    if isinstance(value, SafeMarkdown):
        return value
    return escape_paragraphs(str(value))


def swedish_date(value: object) -> str:
    """Jinja filter ``datum``: 2025-04-30 as "30 april 2025"."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return "" if value is None else str(value)


def join_names(names: Iterable[str]) -> str:
    """ "A", "A och B", "A, B och C"."""
    items = [n for n in names if n]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"


def genitive(name: str) -> str:
    """Swedish genitive: Ledningsgruppen → Ledningsgruppens; ending in s, x or z: no s."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


@dataclass(slots=True)
class Builder:
    """Builds template data for one document; records the characters it had to remove."""

    planset: PlanSet
    removed: list[RemovedCharacter] = field(default_factory=list)
    _bad: dict[str, dict[str, walk.Path]] = field(default_factory=dict)
    _warned: set[tuple[str, walk.Path]] = field(default_factory=set)
    _texts: dict[tuple[str, str], PlanText] = field(default_factory=dict)
    _bodies: dict[str, str] | None = None

    # -- text ------------------------------------------------------------------------------

    def text(self, value: str | None, doc: YamlDocument | None) -> PlanText | None:
        """A plan text for the templates; a character Word cannot hold is removed and warned."""
        if value is None:
            return None
        key = (doc.display if doc is not None else "", value)
        known = self._texts.get(key)
        if known is not None:
            return known
        if UNWRITABLE.search(value):
            self._warn(value, doc)
            value = clean(value)
        made = self._texts[key] = PlanText(value)
        return made

    def _warn(self, value: str, doc: YamlDocument | None) -> None:
        if doc is None or doc.data is None:
            return
        index = self._bad.get(doc.display)
        if index is None:
            index = {text: path for path, text in walk.prose(doc.data) if UNWRITABLE.search(text)}
            self._bad[doc.display] = index
        path = index.get(value)
        if path is None or (doc.display, path) in self._warned:
            return
        self._warned.add((doc.display, path))
        char = UNWRITABLE.search(value)
        if char is not None:
            span = doc.source_map.locate(doc.data, path)
            self.removed.append(RemovedCharacter(doc.display, span, ord(char.group())))

    # -- shared pieces -----------------------------------------------------------------------

    def body_name(self, body_id: str) -> str:
        if self._bodies is None:
            project = self.planset.project
            bodies = project.plan.bodies if project is not None else []
            self._bodies = {body.id: clean(body.name) for body in bodies}
        return self._bodies.get(body_id, body_id)

    def body(self, body_id: str) -> Data:
        name = self.body_name(body_id)
        return {"id": body_id, "namn": PlanText(name), "genitiv": PlanText(genitive(name))}

    def period_name(self, period_id: str) -> str:
        project = self.planset.project
        periods = project.plan.follow_up_periods if project is not None else []
        return next((p.name for p in periods if p.id == period_id), period_id)

    def project(self) -> Data:
        project = self.planset.project
        if project is None:
            return {"id": "", "namn": PlanText(""), "regioner": []}
        doc = project.doc
        return {
            "id": project.plan.id,
            "namn": self.text(project.plan.name, doc),
            "regioner": [self.text(r.name, doc) for r in project.plan.regions],
        }

    def decision(self, decision: Decision | None) -> Data | None:
        if decision is None:
            return None
        organ = self.body(decision.decided_by)
        parts = [f"Beslutad av {organ['namn'].raw} den {swedish_date(decision.date)}"]
        if decision.paragraph:
            parts.append(clean(decision.paragraph))
        if decision.registration:
            parts.append(f"diarienummer {clean(decision.registration)}")
        return {
            "organ": organ,
            "datum": decision.date,
            "paragraf": PlanText(clean(decision.paragraph)) if decision.paragraph else None,
            "diarienummer": (
                PlanText(clean(decision.registration)) if decision.registration else None
            ),
            "text": PlanText(", ".join(parts) + "."),
        }

    def bullets(self, items: list[BulletItem], doc: YamlDocument) -> list[Data]:
        out: list[Data] = []
        for item in items:
            if isinstance(item, Bullet):
                out.append(
                    {
                        "text": self.text(item.text, doc),
                        "punkter": self.bullets(item.bullets, doc),
                        "fotnot": self.text(item.footnote, doc),
                    }
                )
            else:
                out.append({"text": self.text(item, doc), "punkter": [], "fotnot": None})
        return out

    def direction(self, direction: StrategicDirection | None, doc: YamlDocument) -> Data | None:
        if direction is None:
            return None
        return {
            "text": self.text(direction.text, doc),
            "teman": [
                {
                    "rubrik": self.text(theme.heading, doc),
                    "text": self.text(theme.text, doc),
                    "punkter": self.bullets(theme.bullets, doc),
                }
                for theme in direction.themes
            ],
        }

    # -- verksamhetsplan -------------------------------------------------------------------

    def goal(self, goal: Goal, doc: YamlDocument) -> Data:
        return {
            "id": goal.id,
            "rubrik": self.text(goal.heading, doc),
            "text": self.text(goal.text, doc),
            "punkter": self.bullets(goal.bullets, doc),
            "beslut": self.decision(goal.decision),
        }

    def section(self, section: Section, doc: YamlDocument, level: int) -> Data:
        plan = section.plan
        return {
            "nummer": section.number,
            "rubrik": self.text(section.heading, doc),
            "nivå": level,
            "avtalstext": self.text(section.agreement_text, doc),
            "plan": None
            if plan is None
            else {
                "rubrik": self.text(plan.heading, doc),
                "text": self.text(plan.text, doc),
                "punkter": self.bullets(plan.bullets, doc),
            },
            "mål": [self.goal(g, doc) for g in section.goals],
            "avsnitt": [self.section(s, doc, level + 1) for s in section.sections],
        }

    def vp(self, loaded: Loaded[Verksamhetsplan] | None) -> Data | None:
        if loaded is None:
            return None
        vp, doc = loaded.plan, loaded.doc
        return {
            "id": vp.id,
            "titel": self.text(vp.title, doc),
            "period": PlanText(vp.period.label()),
            "från": vp.period.start,
            "till": vp.period.end,
            "beslut": self.decision(vp.decision),
            "inledning": self.text(vp.introduction, doc),
            "strategisk_inriktning": self.direction(vp.direction, doc),
            "fokusområden": [
                {
                    "id": area.id,
                    "rubrik": self.text(area.heading, doc),
                    "text": self.text(area.text, doc),
                    "mål": [self.goal(g, doc) for g in area.goals],
                }
                for area in vp.focus_areas
            ],
            "mål": [self.goal(g, doc) for g in vp.goals],
            "avsnitt": [self.section(s, doc, 1) for s in vp.sections],
        }

    # -- aktivitetsplan --------------------------------------------------------------------

    def ap(self, loaded: Loaded[Aktivitetsplan]) -> Data:
        ap, doc = loaded.plan, loaded.doc
        return {
            "titel": self.text(ap.title, doc),
            "år": ap.year,
            "beslut": self.decision(ap.decision),
            "inledning": self.text(ap.introduction, doc),
            "strategisk_inriktning": self.direction(ap.direction, doc),
            "fokusområden": [
                {
                    "id": area.id,
                    "rubrik": self.text(area.heading, doc),
                    "rubriker": [
                        {
                            "id": heading.id,
                            "rubrik": self.text(heading.heading, doc),
                            "aktiviteter": [
                                {
                                    "id": activity.id,
                                    "text": self.text(activity.text, doc),
                                    "kommentar": self.text(activity.comment, doc),
                                    "ansvar": [self.body(b) for b in activity.responsible],
                                    "beslut": self.decision(activity.decision),
                                }
                                for activity in heading.activities
                            ],
                        }
                        for heading in area.headings
                    ],
                }
                for area in ap.focus_areas
            ],
        }

    # -- handlingsplan ---------------------------------------------------------------------

    def hp(self, loaded: Loaded[Handlingsplan]) -> Data:
        hp, doc = loaded.plan, loaded.doc
        vp = self.planset.vp_for(hp.year, hp.vp)
        ap = self.planset.ap(hp.year) if hp.year is not None else None
        chain = _Chain(vp, ap, self.planset.index)
        owner = self.body(hp.owner)
        return {
            "id": hp.id,
            "titel": self.text(hp.title, doc),
            "år": hp.year,
            "levande": hp.living,
            "ägare": owner,
            "beslut": self.decision(hp.decision),
            "inledning": self.text(hp.introduction, doc),
            "åtgärder": [self.action(a, doc, chain) for a in hp.actions],
        }

    def action(self, action: Action, doc: YamlDocument, chain: _Chain) -> Data:
        activity_at = chain.activity(action.activity)
        goal_id = action.goal or (activity_at.goal_id if activity_at else None)
        goal_at = chain.goal(goal_id)
        vp_doc = chain.vp.doc if chain.vp else None
        ap_doc = chain.ap.doc if chain.ap else None
        goal = goal_at.goal if goal_at else None
        focus = (
            self.text(goal_at.focus_area.heading, vp_doc)
            if goal_at and goal_at.focus_area
            else self.text(activity_at.focus_area.heading, ap_doc)
            if activity_at
            else None
        )
        vp_cell: SafeMarkdown | None = None
        if goal is not None:
            if goal.text:
                vp_cell = self.text(goal.text, vp_doc)
            elif goal.bullets:
                vp_cell = SafeMarkdown(
                    "<br>".join(
                        f"– {self.text(b.text if isinstance(b, Bullet) else b, vp_doc)}"
                        for b in goal.bullets
                    )
                )
        lines = [
            PlanText(
                f"Uppdrag till {join_names(self.body_name(b) for b in item.to)}: {clean(item.text)}"
            )
            for item in action.assignments
        ]
        assignments = [
            {
                "till": [self.body(b) for b in item.to],
                "text": self.text(item.text, doc),
                "rad": line,
            }
            for item, line in zip(action.assignments, lines, strict=True)
        ]
        status = action.status or (action.reports[-1].status if action.reports else None)
        follow = action.follow_up
        return {
            "id": action.id,
            "text": self.text(action.text, doc),
            "fokusområde": focus,
            "mål": self.goal(goal, vp_doc) if goal is not None and vp_doc is not None else None,
            "rubrik": self.text(goal.heading, vp_doc) if goal else None,
            "nämndens_verksamhetsplan": vp_cell,
            "ap_rubrik": self.text(activity_at.heading.heading, ap_doc) if activity_at else None,
            "aktivitet": self.text(activity_at.text, ap_doc) if activity_at else None,
            "uppdrag": assignments,
            "uppdrag_rader": SafeMarkdown("<br>".join(lines))
            if lines
            else PlanText(f"Ansvar: {join_names(self.body_name(b) for b in action.responsible)}")
            if action.responsible
            else None,
            "ansvar": [self.body(b) for b in action.responsible],
            "ansvar_namn": PlanText(join_names(self.body_name(b) for b in action.responsible)),
            "nationellt_insatsområde": self.text(action.national_area, doc),
            "prioriterat_område": self.text(action.priority_area, doc),
            "patientlöften": [self.text(p, doc) for p in action.patient_promises],
            "tidplan": None
            if action.schedule is None
            else {
                "från": action.schedule.start,
                "till": action.schedule.end,
                "beskrivning": self.text(action.schedule.text, doc),
            },
            "samverkan": self.text(action.collaboration, doc),
            "uppföljning": None
            if follow is None
            else {
                "metod": self.text(follow.method, doc),
                "kvalitetsindikatorer": [self.text(i, doc) for i in follow.indicators],
                "mål": self.text(follow.target, doc),
                "resultat": self.text(follow.result, doc),
            },
            "status": PlanText(status or STATUS_NOT_REPORTED),
            "kommentar": self.text(action.comment, doc),
            "rapporter": [
                {
                    "period": PlanText(clean(self.period_name(r.period))),
                    "datum": r.date,
                    "status": PlanText(r.status),
                    "kommentar": self.text(r.comment, doc),
                    "resultat": self.text(r.result, doc),
                }
                for r in action.reports
            ],
            "beslut": self.decision(action.decision),
        }


@dataclass(slots=True)
class _Chain:
    """Lookups along the chain action → AP activity → VP goal (from the plan set's index)."""

    vp: Loaded[Verksamhetsplan] | None
    ap: Loaded[Aktivitetsplan] | None
    index: Index
    _activities: Mapping[str, walk.ActivityAt] = field(default_factory=dict)
    _goals: Mapping[str, walk.GoalAt] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.ap is not None:
            self._activities = self.index.activities(self.ap.plan)
        if self.vp is not None:
            self._goals = self.index.goals(self.vp.plan)

    def activity(self, activity_id: str | None) -> walk.ActivityAt | None:
        return self._activities.get(activity_id) if activity_id else None

    def goal(self, goal_id: str | None) -> walk.GoalAt | None:
        return self._goals.get(goal_id) if goal_id else None
