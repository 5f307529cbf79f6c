"""The data of each page: plain dicts with Swedish keys, as the document templates get.

Every text is the plan's own, cleaned of the characters no document may hold and otherwise
untouched: the templates run with autoescaping, so ``<``, ``&`` and quotes written in a plan
reach the page as text, never as markup. Addresses are paths from the site's root (see
:mod:`planverk.web.paths`); a page's ``rot`` turns them into relative links.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planverk.core.chars import writable
from planverk.loading.planset import Loaded, PlanSet
from planverk.model import Aktivitetsplan, Decision, Handlingsplan, Verksamhetsplan
from planverk.model.common import Bullet, BulletItem, StrategicDirection
from planverk.model.periods import Calendar
from planverk.model.verksamhetsplan import Goal, Section
from planverk.planning.followup import current_status
from planverk.web.index import ActionNode, ActivityNode, GoalNode, Index, SectionNode
from planverk.web.paths import root_of

Data = dict[str, Any]

SHORT = 90  # characters of a long text shown in a heading, a breadcrumb or a list
STATUS_CLASS = {
    "grön": "gron",
    "gul": "gul",
    "röd": "rod",
    "avslutad": "avslutad",
    "ej rapporterad": "ej-rapporterad",
}


@dataclass(frozen=True, slots=True)
class Page:
    """One page to write: its address, its template and the data the template sees."""

    address: str
    template: str
    data: Data


def text(value: str | None) -> str | None:
    """A plan text as the site shows it (None stays None)."""
    if value is None:
        return None
    return writable(value).strip()


_NOTE = re.compile(r"\^\[[^\]]*\]")  # a footnote is no part of a label


def short(value: str, width: int = SHORT) -> str:
    """One line of at most ``width`` characters, cut at a word with "…"."""
    line = " ".join(_NOTE.sub("", writable(value)).split())
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0].rstrip(",.;:–-")
    return f"{cut}…"


def status_of(word: str) -> Data:
    return {"ord": word, "klass": STATUS_CLASS.get(word, "okand")}


class Pages:
    """Builds the data of every page from a plan set and its index."""

    def __init__(self, planset: PlanSet, index: Index, site: Data) -> None:
        self.planset = planset
        self.index = index
        self.site = site
        project = planset.project.plan if planset.project else None
        self.calendar = Calendar.of(project)
        self.bodies = {b.id: b for b in project.bodies} if project else {}

    # -- shared pieces -----------------------------------------------------------------------

    def page(
        self, address: str, template: str, title: str, crumbs: list[Data], **data: Any
    ) -> Page:
        """A page with the site's frame: title, breadcrumbs (from the start page down to the
        page's parent), the relative way to the root."""
        frame = {
            "adress": address,
            "rot": root_of(address),
            "titel": title,
            "smulor": crumbs,
        }
        return Page(address, template, {"webbplats": self.site, "sida": frame, **data})

    def crumb(self, label: str, address: str) -> Data:
        return {"text": short(label, 60), "adress": address}

    def start_crumb(self) -> Data:
        return {"text": "Start", "adress": "index.html"}

    def body(self, body_id: str) -> Data:
        found = self.bodies.get(body_id)
        name = text(found.name) if found is not None else body_id
        return {
            "id": body_id,
            "namn": name,
            "förkortning": text(found.abbreviation) if found and found.abbreviation else None,
            "adress": self.index.body_pages.get(body_id),
        }

    def bodies_of(self, ids: Iterable[str]) -> list[Data]:
        return [self.body(b) for b in dict.fromkeys(ids)]

    def decision(self, decision: Decision | None) -> Data | None:
        if decision is None:
            return None
        return {
            "organ": self.body(decision.decided_by),
            "datum": decision.date,
            "paragraf": text(decision.paragraph),
            "diarienummer": text(decision.registration),
        }

    def bullets(self, items: list[BulletItem]) -> list[Data]:
        out: list[Data] = []
        for item in items:
            if isinstance(item, Bullet):
                out.append(
                    {
                        "text": text(item.text),
                        "punkter": self.bullets(item.bullets),
                        "fotnot": text(item.footnote),
                    }
                )
            else:
                out.append({"text": text(item), "punkter": [], "fotnot": None})
        return out

    def direction(self, direction: StrategicDirection | None) -> Data | None:
        if direction is None:
            return None
        return {
            "text": text(direction.text),
            "teman": [
                {
                    "rubrik": text(t.heading),
                    "text": text(t.text),
                    "punkter": self.bullets(t.bullets),
                }
                for t in direction.themes
            ],
        }

    def plan_ref(self, loaded: Loaded[Any]) -> Data:
        plan = loaded.plan
        if isinstance(plan, Verksamhetsplan):
            address = self.index.vp_pages[plan.id]
        elif isinstance(plan, Aktivitetsplan):
            address = self.index.ap_pages[plan.year]
        else:
            address = self.index.hp_pages[plan.id]
        return {"titel": text(plan.title), "adress": address}

    def goal_ref(self, node: GoalNode | None) -> Data | None:
        if node is None:
            return None
        area = node.at.focus_area
        section = node.sections[-1] if node.sections else None
        return {
            "rubrik": text(node.at.goal.heading),
            "adress": node.address,
            "plan": self.plan_ref(node.vp),
            "fokusområde": text(area.heading) if area else None,
            "paragraf": f"§ {section.number} {writable(section.heading)}" if section else None,
        }

    def activity_ref(self, node: ActivityNode | None) -> Data | None:
        if node is None:
            return None
        return {
            "text": text(node.at.activity.text),
            "kort": short(node.at.activity.text),
            "adress": node.address,
            "år": node.ap.plan.year,
            "plan": self.plan_ref(node.ap),
            "rubrik": text(node.at.heading.heading),
            "fokusområde": text(node.at.focus_area.heading),
        }

    def _activity(self, node: ActivityNode) -> Data:
        found = self.activity_ref(node)
        assert found is not None
        return found

    def status(self, node: ActionNode) -> Data:
        return status_of(current_status(node.action, node.hp.plan.year, self.calendar))

    def owners(self, node: ActionNode) -> list[Data]:
        action = node.action
        if action.responsible:
            return self.bodies_of(action.responsible)
        if action.assignments:
            return self.bodies_of(b for a in action.assignments for b in a.to)
        return self.bodies_of([node.hp.plan.owner])

    def action_ref(self, node: ActionNode) -> Data:
        return {
            "text": text(node.action.text),
            "kort": short(node.action.text),
            "adress": node.address,
            "plan": self.plan_ref(node.hp),
            "status": self.status(node),
            "ägare": self.owners(node),
        }

    # -- verksamhetsplan ---------------------------------------------------------------------

    def goal_summary(self, goal: Goal, vp: Loaded[Verksamhetsplan]) -> Data:
        node = self.index.goals.get((vp.plan.id, goal.id))
        return {
            "rubrik": text(goal.heading),
            "adress": node.address if node else None,
            "text": text(goal.text),
            "punkter": self.bullets(goal.bullets),
            "antal_aktiviteter": len(node.activities) if node else 0,
            "antal_åtgärder": len(node.actions) if node else 0,
        }

    def section_summary(self, section: Section, vp: Loaded[Verksamhetsplan], level: int) -> Data:
        node = self.index.sections.get((vp.plan.id, section.number))
        return {
            "nummer": section.number,
            "rubrik": text(section.heading),
            "adress": node.address if node else None,
            "nivå": level,
            "mål": [self.goal_summary(g, vp) for g in section.goals],
            "avsnitt": [self.section_summary(s, vp, level + 1) for s in section.sections],
        }

    def vp_page(self, vp: Loaded[Verksamhetsplan]) -> Page:
        plan = vp.plan
        address = self.index.vp_pages[plan.id]
        return self.page(
            address,
            "verksamhetsplan",
            text(plan.title) or plan.id,
            [self.start_crumb(), self.crumb("Planer", "planer.html")],
            plan={
                "titel": text(plan.title),
                "period": plan.period.label(),
                "beslut": self.decision(plan.decision),
                "inledning": text(plan.introduction),
                "strategisk_inriktning": self.direction(plan.direction),
                "fokusområden": [
                    {
                        "id": area.id,
                        "rubrik": text(area.heading),
                        "text": text(area.text),
                        "mål": [self.goal_summary(g, vp) for g in area.goals],
                    }
                    for area in plan.focus_areas
                ],
                "mål": [self.goal_summary(g, vp) for g in plan.goals],
                "avsnitt": [self.section_summary(s, vp, 1) for s in plan.sections],
                "aktivitetsplaner": [
                    self.plan_ref(ap)
                    for ap in sorted(self.planset.aps, key=lambda a: a.plan.year)
                    if self.planset.vp_for(ap.plan.year, ap.plan.vp) is vp
                ],
            },
        )

    def goal_page(self, node: GoalNode) -> Page:
        goal = node.at.goal
        vp_ref = self.plan_ref(node.vp)
        crumbs = [self.start_crumb(), self.crumb(vp_ref["titel"], vp_ref["adress"])]
        sections = [self.index.sections.get((node.vp.plan.id, s.number)) for s in node.sections]
        crumbs += [
            self.crumb(f"§ {s.section.number} {s.section.heading}", s.address)
            for s in sections
            if s is not None
        ]
        by_year: dict[int, list[ActivityNode]] = {}
        for activity in node.activities:
            by_year.setdefault(activity.ap.plan.year, []).append(activity)
        return self.page(
            node.address,
            "mal",
            text(goal.heading) or goal.id,
            crumbs,
            mål={
                **(self.goal_ref(node) or {}),
                "id": goal.id,
                "text": text(goal.text),
                "punkter": self.bullets(goal.bullets),
                "beslut": self.decision(goal.decision),
                "aktivitetsplaner": [
                    {
                        "plan": self.plan_ref(items[0].ap),
                        "år": year,
                        "aktiviteter": [
                            {
                                **(self.activity_ref(a) or {}),
                                "åtgärder": [self.action_ref(x) for x in a.actions],
                            }
                            for a in items
                        ],
                    }
                    for year, items in sorted(by_year.items(), reverse=True)
                ],
                "åtgärder": [self.action_ref(x) for x in node.actions],
            },
        )

    def section_page(self, node: SectionNode) -> Page:
        section = node.section
        vp_ref = self.plan_ref(node.vp)
        crumbs = [self.start_crumb(), self.crumb(vp_ref["titel"], vp_ref["adress"])]
        crumbs += [
            self.crumb(f"§ {p.section.number} {p.section.heading}", p.address) for p in node.parents
        ]
        plan = section.plan
        return self.page(
            node.address,
            "avsnitt",
            f"§ {section.number} {writable(section.heading)}",
            crumbs,
            avsnitt={
                "nummer": section.number,
                "rubrik": text(section.heading),
                "plan_ref": vp_ref,
                "avtalstext": text(section.agreement_text),
                "plan": None
                if plan is None
                else {
                    "rubrik": text(plan.heading),
                    "text": text(plan.text),
                    "punkter": self.bullets(plan.bullets),
                },
                "mål": [self.goal_summary(g, node.vp) for g in section.goals],
                "avsnitt": [self.section_summary(s, node.vp, 1) for s in section.sections],
            },
        )

    # -- aktivitetsplan ----------------------------------------------------------------------

    def ap_page(self, ap: Loaded[Aktivitetsplan]) -> Page:
        plan = ap.plan
        vp = self.planset.vp_for(plan.year, plan.vp)
        areas = []
        for area in plan.focus_areas:
            headings = []
            for heading in area.headings:
                activities = []
                for activity in heading.activities:
                    node = self.index.activities.get((plan.year, activity.id))
                    if node is None or node.at.activity is not activity:
                        continue
                    activities.append(
                        {
                            **(self.activity_ref(node) or {}),
                            "mål": self.goal_ref(node.goal),
                            "antal_åtgärder": len(node.actions),
                        }
                    )
                headings.append({"rubrik": text(heading.heading), "aktiviteter": activities})
            areas.append({"rubrik": text(area.heading), "rubriker": headings})
        return self.page(
            self.index.ap_pages[plan.year],
            "aktivitetsplan",
            text(plan.title) or str(plan.year),
            [self.start_crumb(), self.crumb("Planer", "planer.html")],
            plan={
                "titel": text(plan.title),
                "år": plan.year,
                "verksamhetsplan": self.plan_ref(vp) if vp else None,
                "beslut": self.decision(plan.decision),
                "inledning": text(plan.introduction),
                "strategisk_inriktning": self.direction(plan.direction),
                "fokusområden": areas,
                "handlingsplaner": [self.plan_ref(hp) for hp in self.planset.hps_for(plan.year)],
            },
        )

    def activity_page(self, node: ActivityNode) -> Page:
        activity = node.at.activity
        ap_ref = self.plan_ref(node.ap)
        crumbs = [self.start_crumb(), self.crumb(ap_ref["titel"], ap_ref["adress"])]
        return self.page(
            node.address,
            "aktivitet",
            short(activity.text),
            crumbs,
            aktivitet={
                **(self.activity_ref(node) or {}),
                "id": activity.id,
                "mål": self.goal_ref(node.goal),
                "kommentar": text(activity.comment),
                "ansvar": self.bodies_of(activity.responsible),
                "beslut": self.decision(activity.decision),
                "åtgärder": [self.action_ref(x) for x in node.actions],
            },
        )

    # -- handlingsplan -----------------------------------------------------------------------

    def hp_page(self, hp: Loaded[Handlingsplan]) -> Page:
        plan = hp.plan
        nodes = self.index.actions_of_plan.get(plan.id, [])
        vp = self.planset.vp_for(plan.year, plan.vp)
        ap = self.planset.ap(plan.year) if plan.year is not None else None
        periods = self._report_columns(nodes)
        rows = []
        for node in nodes:
            cells: dict[tuple[int, str], Data] = {}
            for report in node.action.reports:
                year = self.calendar.report_year(report, plan.year)
                cells.setdefault((year, report.period), status_of(report.status))
            rows.append(
                {
                    **self.action_ref(node),
                    "aktivitet": self.activity_ref(node.activity),
                    "mål": self.goal_ref(node.goal),
                    "uppdrag": [
                        {"till": self.bodies_of(a.to), "text": text(a.text)}
                        for a in node.action.assignments
                    ],
                    "perioder": [cells.get(key) for key in periods],
                }
            )
        return self.page(
            self.index.hp_pages[plan.id],
            "handlingsplan",
            text(plan.title) or plan.id,
            [self.start_crumb(), self.crumb("Planer", "planer.html")],
            plan={
                "titel": text(plan.title),
                "år": plan.year,
                "levande": plan.living,
                "ägare": self.body(plan.owner),
                "verksamhetsplan": self.plan_ref(vp) if vp else None,
                "aktivitetsplan": self.plan_ref(ap) if ap else None,
                "beslut": self.decision(plan.decision),
                "inledning": text(plan.introduction),
                "åtgärder": rows,
                "perioder": [self._period_label(year, pid, plan.year) for year, pid in periods],
                "källa": hp.doc.display,
            },
        )

    def _report_columns(self, nodes: list[ActionNode]) -> list[tuple[int, str]]:
        keys: dict[tuple[int, str], tuple[int, int]] = {}
        for node in nodes:
            plan_year = node.hp.plan.year
            for report in node.action.reports:
                year = self.calendar.report_year(report, plan_year)
                span = self.calendar.span(report.period, year)
                order = span.index if span is not None else len(self.calendar.periods)
                keys.setdefault((year, report.period), (year, order))
        return sorted(keys, key=lambda k: (keys[k], k[1]))

    def _period_label(self, year: int, period_id: str, plan_year: int | None) -> str:
        name = next((p.name for p in self.calendar.periods if p.id == period_id), period_id)
        return writable(name) if plan_year is not None else f"{writable(name)} {year}"

    def action_page(self, node: ActionNode) -> Page:
        action = node.action
        hp_ref = self.plan_ref(node.hp)
        crumbs = [self.start_crumb(), self.crumb(hp_ref["titel"], hp_ref["adress"])]
        follow = action.follow_up
        schedule = action.schedule
        reports = sorted(action.reports, key=lambda r: self.calendar.sort_key(r, node.hp.plan.year))
        return self.page(
            node.address,
            "atgard",
            short(action.text),
            crumbs,
            åtgärd={
                **self.action_ref(node),
                "id": action.id,
                "aktivitet": self.activity_ref(node.activity),
                "mål": self.goal_ref(node.goal),
                "uppdrag": [
                    {"till": self.bodies_of(a.to), "text": text(a.text)} for a in action.assignments
                ],
                "ansvar": self.bodies_of(action.responsible),
                "nationellt_insatsområde": text(action.national_area),
                "prioriterat_område": text(action.priority_area),
                "patientlöften": [text(p) for p in action.patient_promises],
                "tidplan": None
                if schedule is None
                else {
                    "från": schedule.start,
                    "till": schedule.end,
                    "beskrivning": text(schedule.text),
                },
                "samverkan": text(action.collaboration),
                "uppföljning": None
                if follow is None
                else {
                    "metod": text(follow.method),
                    "kvalitetsindikatorer": [text(i) for i in follow.indicators],
                    "mål": text(follow.target),
                    "resultat": text(follow.result),
                },
                "kommentar": text(action.comment),
                "beslut": self.decision(action.decision),
                "rapporter": [
                    {
                        "period": self._period_label(
                            self.calendar.report_year(r, node.hp.plan.year),
                            r.period,
                            node.hp.plan.year,
                        ),
                        "datum": r.date,
                        "status": status_of(r.status),
                        "kommentar": text(r.comment),
                        "resultat": text(r.result),
                    }
                    for r in reports
                ],
                "källa": node.hp.doc.display,
            },
        )

    # -- organ ---------------------------------------------------------------------------------

    def body_pages(self) -> list[Page]:
        owned: dict[str, list[Data]] = {}
        responsible: dict[str, list[Data]] = {}
        assigned: dict[str, list[Data]] = {}
        activities: dict[str, list[Data]] = {}
        decided: dict[str, list[Data]] = {}
        plans: list[Loaded[Any]] = [*self.planset.vps, *self.planset.aps, *self.planset.hps]
        for loaded in plans:
            decision = loaded.plan.decision
            if decision is not None:
                decided.setdefault(decision.decided_by, []).append(
                    {**self.plan_ref(loaded), "datum": decision.date}
                )
        for hp in self.planset.hps:
            owned.setdefault(hp.plan.owner, []).append(self.plan_ref(hp))
        for node in self.index.actions:
            ref = None
            for body_id in dict.fromkeys(node.action.responsible):
                ref = ref or self.action_ref(node)
                responsible.setdefault(body_id, []).append(ref)
            for assignment in node.action.assignments:
                for body_id in dict.fromkeys(assignment.to):
                    ref = ref or self.action_ref(node)
                    assigned.setdefault(body_id, []).append(
                        {"åtgärd": ref, "text": text(assignment.text)}
                    )
        for activity in self.index.activities.values():
            for body_id in dict.fromkeys(activity.at.activity.responsible):
                activities.setdefault(body_id, []).append(self._activity(activity))
        pages = []
        summary = []
        for body_id, body in self.bodies.items():
            ref = self.body(body_id)
            counts = {
                "äger": len(owned.get(body_id, [])),
                "ansvar": len(responsible.get(body_id, [])) + len(activities.get(body_id, [])),
                "uppdrag": len(assigned.get(body_id, [])),
            }
            summary.append({**ref, **counts})
            pages.append(
                self.page(
                    ref["adress"],
                    "organ",
                    ref["namn"],
                    [self.start_crumb(), self.crumb("Organ", "organ/index.html")],
                    organ={
                        **ref,
                        "beskrivning": text(body.description),
                        "äger": owned.get(body_id, []),
                        "ansvar": responsible.get(body_id, []),
                        "aktiviteter": activities.get(body_id, []),
                        "uppdrag": assigned.get(body_id, []),
                        "beslut": decided.get(body_id, []),
                    },
                )
            )
        pages.append(
            self.page(
                "organ/index.html",
                "organlista",
                "Organ och grupper",
                [self.start_crumb()],
                organ=summary,
            )
        )
        return pages

    # -- the list of every plan --------------------------------------------------------------

    def plans_page(self) -> Page:
        hps_by_year: dict[int, list[Data]] = {}
        living = []
        for hp in self.planset.hps:
            if hp.plan.year is None:
                living.append({**self.plan_ref(hp), "ägare": self.body(hp.plan.owner)})
            else:
                hps_by_year.setdefault(hp.plan.year, []).append(
                    {**self.plan_ref(hp), "ägare": self.body(hp.plan.owner)}
                )
        return self.page(
            "planer.html",
            "planer",
            "Alla planer",
            [self.start_crumb()],
            verksamhetsplaner=[
                {**self.plan_ref(vp), "period": vp.plan.period.label()}
                for vp in sorted(self.planset.vps, key=lambda v: v.plan.period.start, reverse=True)
            ],
            aktivitetsplaner=[
                {**self.plan_ref(ap), "år": ap.plan.year}
                for ap in sorted(self.planset.aps, key=lambda a: a.plan.year, reverse=True)
            ],
            handlingsplaner=[
                {"år": year, "planer": plans}
                for year, plans in sorted(hps_by_year.items(), reverse=True)
            ],
            levande=living,
        )


def latest_report_date(planset: PlanSet, year: int) -> dt.date | None:
    """The latest date of a report counted in ``year`` (the plans' own clock)."""
    calendar = Calendar.of(planset.project.plan if planset.project else None)
    dates = [
        report.date
        for hp in planset.hps
        if hp.plan.year in (None, year)
        for action in hp.plan.actions
        for report in action.reports
        if calendar.report_year(report, hp.plan.year) == year
    ]
    return max(dates) if dates else None
