"""Turn loaded plans into comparable trees (see tree.py)."""

from __future__ import annotations

from collections.abc import Sequence

from planverk.diff.tree import Element, Node, YamlPath
from planverk.loading.planset import Loaded
from planverk.loading.yamlfile import YamlDocument
from planverk.model import (
    Action,
    Activity,
    Aktivitetsplan,
    Decision,
    Goal,
    Handlingsplan,
    Heading,
    Section,
    Verksamhetsplan,
)
from planverk.model.common import BulletItem, StrategicDirection
from planverk.model.handlingsplan import Report
from planverk.model.references import paragraph_number


class _Lines:
    """Line numbers from a loaded document's source map, looked up when asked for."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc

    def line(self, path: YamlPath) -> int:
        return self.doc.source_map.locate(self.doc.data, path).line


class _Builder:
    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.lines = _Lines(doc)

    def node(
        self,
        parent: Node | None,
        element: Element,
        path: YamlPath,
        *,
        key: str | None,
        label: str,
        segment: str,
        texts: dict[str, str | None] | None = None,
        values: dict[str, str | None] | None = None,
        refs: dict[str, str | None] | None = None,
        inherited: frozenset[str] = frozenset(),
        name: str | None = None,
        match_text: str = "",
    ) -> Node:
        node = Node(
            element=element,
            key=key,
            label=label,
            segment=segment,
            texts=_present(texts),
            values=_present(values),
            refs=_present(refs),
            inherited=inherited,
            yaml_path=path,
            name=name,
            match_text=match_text,
            file=self.doc.display,
            source=self.lines,
        )
        if parent is not None:
            parent.add(node)
        return node

    def bullets(self, parent: Node, items: Sequence[BulletItem], path: YamlPath) -> None:
        for index, item in enumerate(items):
            here = (*path, index)
            if isinstance(item, str):
                self.node(
                    parent,
                    Element.BULLET,
                    here,
                    key=None,
                    label=item,
                    segment="punkter",
                    texts={"text": item},
                )
                continue
            bullet = self.node(
                parent,
                Element.BULLET,
                here,
                key=item.id,
                label=item.text,
                segment="punkter",
                texts={"text": item.text, "fotnot": item.footnote},
            )
            self.bullets(bullet, item.bullets, (*here, "punkter"))

    def direction(self, root: Node, direction: StrategicDirection | None) -> None:
        if direction is None:
            return
        path: YamlPath = ("strategisk-inriktning",)
        node = self.node(
            root,
            Element.DIRECTION,
            path,
            key="strategisk-inriktning",
            label="Strategisk inriktning",
            segment="",
            texts={"text": direction.text},
        )
        for index, theme in enumerate(direction.themes):
            here = (*path, "teman", index)
            child = self.node(
                node,
                Element.THEME,
                here,
                key=None,
                label=theme.heading,
                segment="teman",
                texts={"rubrik": theme.heading, "text": theme.text},
            )
            self.bullets(child, theme.bullets, (*here, "punkter"))


def _present(items: dict[str, str | None] | None) -> dict[str, str]:
    return {key: value for key, value in (items or {}).items() if value}


def _decision(decision: Decision | None) -> str | None:
    if decision is None:
        return None
    parts = [decision.decided_by, decision.date.isoformat()]
    parts += [p for p in (decision.paragraph, decision.registration) if p]
    return ", ".join(parts)


def ap_tree(loaded: Loaded[Aktivitetsplan]) -> Node:
    ap, b = loaded.plan, _Builder(loaded.doc)
    root = b.node(
        None,
        Element.PLAN,
        (),
        key=str(ap.year),
        label=ap.title,
        segment="",
        texts={"titel": ap.title, "underlag": ap.basis, "inledning": ap.introduction},
        values={"beslut": _decision(ap.decision)},
    )
    b.direction(root, ap.direction)
    for f_index, area in enumerate(ap.focus_areas):
        f_path: YamlPath = ("fokusområden", f_index)
        focus = b.node(
            root,
            Element.FOCUS,
            f_path,
            key=area.id,
            label=area.heading,
            segment="fokusområden",
            texts={"rubrik": area.heading},
        )
        for h_index, heading in enumerate(area.headings):
            h_path: YamlPath = (*f_path, "rubriker", h_index)
            heading_refs = _refs(heading)
            rubrik = b.node(
                focus,
                Element.HEADING,
                h_path,
                key=heading.id,
                label=heading.heading,
                segment="rubriker",
                texts={"rubrik": heading.heading},
                refs=dict(heading_refs),
            )
            for a_index, act in enumerate(heading.activities):
                rubrik.add(_activity(b, act, heading_refs, (*h_path, "aktiviteter", a_index)))
    return root


_OWN = frozenset[str]()


def _refs(item: Activity | Heading | Action) -> dict[str, str]:
    """The references into the VP an item writes itself (a paragraph by its number)."""
    if item.paragraph is None and item.bullet is None:
        return {"mål": item.goal} if item.goal is not None else {}
    found: dict[str, str] = {}
    if item.goal is not None:
        found["mål"] = item.goal
    if item.paragraph is not None:
        found["paragraf"] = paragraph_number(item.paragraph) or item.paragraph.strip()
    if item.bullet is not None:
        found["punkt"] = item.bullet
    return found


def _activity(b: _Builder, act: Activity, heading_refs: dict[str, str], path: YamlPath) -> Node:
    """An activity node, built directly: an aktivitetsplan can hold thousands of them."""
    texts = {"text": act.text} if act.text else {}
    if act.comment:
        texts["kommentar"] = act.comment
    values: dict[str, str] = {}
    if act.responsible:
        values["ansvar"] = ", ".join(act.responsible)
    if act.decision is not None:
        values["beslut"] = _decision(act.decision) or ""
    own = _refs(act)
    refs = own or heading_refs
    return Node(
        element=Element.ACTIVITY,
        key=act.id,
        label=act.text,
        segment="aktiviteter",
        texts=texts,
        values=values,
        refs=refs,
        inherited=_OWN if own else frozenset(refs),
        yaml_path=path,
        file=b.doc.display,
        source=b.lines,
    )


def vp_tree(loaded: Loaded[Verksamhetsplan]) -> Node:
    vp, b = loaded.plan, _Builder(loaded.doc)
    root = b.node(
        None,
        Element.PLAN,
        (),
        key=vp.id,
        label=vp.title,
        segment="",
        texts={
            "titel": vp.title,
            "period": vp.period.label(),
            "underlag": vp.basis,
            "inledning": vp.introduction,
        },
        values={"beslut": _decision(vp.decision)},
    )
    b.direction(root, vp.direction)

    def goal(parent: Node, item: Goal, path: YamlPath) -> None:
        node = b.node(
            parent,
            Element.GOAL,
            path,
            key=item.id,
            label=item.heading,
            segment="mål",
            texts={"rubrik": item.heading, "text": item.text},
            values={"beslut": _decision(item.decision)},
        )
        b.bullets(node, item.bullets, (*path, "punkter"))

    def section(parent: Node, item: Section, path: YamlPath) -> None:
        plan = item.plan
        node = b.node(
            parent,
            Element.SECTION,
            path,
            key=item.id,
            label=f"§ {item.number} {item.heading}",
            segment="avsnitt",
            texts={
                "rubrik": item.heading,
                "avtalstext": item.agreement_text,
                "plan-rubrik": plan.heading if plan else None,
                "plan-text": plan.text if plan else None,
            },
            values={"nummer": item.number},
            name=item.number,
            match_text=f"{item.heading} {item.agreement_text or ''}",
        )
        if plan is not None:
            b.bullets(node, plan.bullets, (*path, "plan", "punkter"))
        for index, child_goal in enumerate(item.goals):
            goal(node, child_goal, (*path, "mål", index))
        for index, child_section in enumerate(item.sections):
            section(node, child_section, (*path, "avsnitt", index))

    for f_index, area in enumerate(vp.focus_areas):
        f_path: YamlPath = ("fokusområden", f_index)
        focus = b.node(
            root,
            Element.FOCUS,
            f_path,
            key=area.id,
            label=area.heading,
            segment="fokusområden",
            texts={"rubrik": area.heading, "text": area.text},
        )
        for g_index, area_goal in enumerate(area.goals):
            goal(focus, area_goal, (*f_path, "mål", g_index))
    for g_index, plain_goal in enumerate(vp.goals):
        goal(root, plain_goal, ("mål", g_index))
    for s_index, top_section in enumerate(vp.sections):
        section(root, top_section, ("avsnitt", s_index))
    return root


def _assignments(action: Action) -> str:
    return "\n".join(f"{', '.join(a.to)}: {a.text}" for a in action.assignments)


def _schedule(action: Action) -> str | None:
    schedule = action.schedule
    if schedule is None or (schedule.start is None and schedule.end is None):
        return None
    start = schedule.start.isoformat() if schedule.start else ""
    end = schedule.end.isoformat() if schedule.end else ""
    return f"{start} – {end}".strip()


def hp_tree(plans: Sequence[Loaded[Handlingsplan]], *, key_by_owner: bool, label: str) -> Node:
    """All handlingsplaner of one year (or the living ones) under one root.

    Plans are matched by id, or by owner when comparing two years (ids name the year).
    """
    root = Node(Element.PLAN, key=None, label=label)
    for loaded in plans:
        hp, b = loaded.plan, _Builder(loaded.doc)
        plan = b.node(
            root,
            Element.HP,
            (),
            key=(f"{hp.owner}{'-levande' if hp.living else ''}" if key_by_owner else hp.id),
            label=hp.title,
            segment="handlingsplaner",
            texts={"titel": hp.title, "underlag": hp.basis, "inledning": hp.introduction},
            values={"ägare": hp.owner, "beslut": _decision(hp.decision)},
        )
        for index, action in enumerate(hp.actions):
            _action(b, plan, action, ("åtgärder", index))
    return root


def _action(b: _Builder, parent: Node, action: Action, path: YamlPath) -> None:
    follow = action.follow_up
    node = b.node(
        parent,
        Element.ACTION,
        path,
        key=action.id,
        label=action.text,
        segment="åtgärder",
        texts={
            "text": action.text,
            "nationellt-insatsområde": action.national_area,
            "prioriterat-område": action.priority_area,
            "patientlöften": "\n".join(action.patient_promises),
            "samverkan": action.collaboration,
            "tidplan": action.schedule.text if action.schedule else None,
            "uppföljning/metod": follow.method if follow else None,
            "uppföljning/kvalitetsindikatorer": "\n".join(follow.indicators) if follow else None,
            "uppföljning/mål": follow.target if follow else None,
            "uppföljning/resultat": follow.result if follow else None,
            "kommentar": action.comment,
        },
        values={
            "status": action.status,
            "uppdrag": _assignments(action),
            "ansvar": ", ".join(action.responsible),
            "tidplan/datum": _schedule(action),
            "beslut": _decision(action.decision),
        },
        refs={"aktivitet": action.activity, **_refs(action)},
    )
    for index, report in enumerate(action.reports):
        _report(b, node, report, (*path, "rapporter", index))


def _report(b: _Builder, parent: Node, report: Report, path: YamlPath) -> None:
    b.node(
        parent,
        Element.REPORT,
        path,
        key=report.period,
        label=f"rapport {report.period} ({report.date.isoformat()})",
        segment="rapporter",
        texts={"kommentar": report.comment, "resultat": report.result},
        values={"status": report.status, "datum": report.date.isoformat()},
    )
