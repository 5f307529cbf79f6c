"""The plans as one connected thing: every VP goal, AP activity and action with its page,
and the links both ways (a goal to the activities that serve it and their actions, an
action up to its activity and goal, an organ to what it owns and is given).

References resolve as the rules resolve them (PV101, PV102): an activity serves its own
``mål`` or its rubrik's, in the VP of its AP; an action serves an activity of its plan's
year's AP, or a goal of its plan's VP.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planverk.loading.planset import Loaded, PlanSet
from planverk.model import Action, Aktivitetsplan, Handlingsplan, Verksamhetsplan, walk
from planverk.model.verksamhetsplan import Section
from planverk.web.paths import Addresses


@dataclass(slots=True)
class GoalNode:
    vp: Loaded[Verksamhetsplan]
    at: walk.GoalAt
    address: str
    sections: tuple[Section, ...] = ()  # the paragraphs (§) around it, outermost first
    activities: list[ActivityNode] = field(default_factory=list)
    actions: list[ActionNode] = field(default_factory=list)  # actions that name the goal


@dataclass(slots=True)
class SectionNode:
    vp: Loaded[Verksamhetsplan]
    section: Section
    address: str
    parents: tuple[SectionNode, ...] = ()


@dataclass(slots=True)
class ActivityNode:
    ap: Loaded[Aktivitetsplan]
    at: walk.ActivityAt
    address: str
    goal: GoalNode | None = None
    actions: list[ActionNode] = field(default_factory=list)


@dataclass(slots=True)
class ActionNode:
    hp: Loaded[Handlingsplan]
    action: Action
    address: str
    activity: ActivityNode | None = None
    goal: GoalNode | None = None  # through the activity, or named by the action


@dataclass(slots=True)
class Index:
    """Every page-worthy item of a plan set, with its address and its links."""

    addresses: Addresses
    vp_pages: dict[str, str] = field(default_factory=dict)  # VP id -> address
    ap_pages: dict[int, str] = field(default_factory=dict)  # year -> address
    hp_pages: dict[str, str] = field(default_factory=dict)  # plan id -> address
    body_pages: dict[str, str] = field(default_factory=dict)  # organ id -> address
    goals: dict[tuple[str, str], GoalNode] = field(default_factory=dict)  # (VP id, goal id)
    sections: dict[tuple[str, str], SectionNode] = field(default_factory=dict)  # (VP, number)
    activities: dict[tuple[int, str], ActivityNode] = field(default_factory=dict)  # (year, id)
    actions: list[ActionNode] = field(default_factory=list)
    actions_of_plan: dict[str, list[ActionNode]] = field(default_factory=dict)

    def goal_of(self, vp: Loaded[Verksamhetsplan] | None, goal_id: str | None) -> GoalNode | None:
        if vp is None or goal_id is None:
            return None
        return self.goals.get((vp.plan.id, goal_id))


def build_index(planset: PlanSet) -> Index:
    addresses = Addresses()
    index = Index(addresses)
    project = planset.project
    for body in project.plan.bodies if project is not None else []:
        index.body_pages[body.id] = addresses.page("organ", body.id)
    for vp in planset.vps:
        index.vp_pages[vp.plan.id] = addresses.page("verksamhetsplaner", vp.plan.id)
        _sections(index, vp, vp.plan.sections, ())
        for at in walk.goals(vp.plan):
            goal = GoalNode(vp, at, addresses.page(f"mal/{_folder(vp.plan.id)}", at.goal.id))
            goal.sections = _around(vp.plan.sections, at.section)
            index.goals.setdefault((vp.plan.id, at.goal.id), goal)
    for ap in sorted(planset.aps, key=lambda a: a.plan.year):
        year = ap.plan.year
        index.ap_pages[year] = addresses.page("aktivitetsplaner", str(year))
        ap_vp = planset.vp_for(year, ap.plan.vp)
        for activity_at in walk.activities(ap.plan):
            key = (year, activity_at.activity.id)
            if key in index.activities:
                continue  # a duplicate id (PV104): the first one has the page
            node_a = ActivityNode(
                ap, activity_at, addresses.page(f"aktiviteter/{year}", activity_at.activity.id)
            )
            node_a.goal = index.goal_of(ap_vp, activity_at.goal_id)
            if node_a.goal is not None:
                node_a.goal.activities.append(node_a)
            index.activities[key] = node_a
    for hp in planset.hps:
        plan = hp.plan
        index.hp_pages[plan.id] = addresses.page("handlingsplaner", plan.id)
        hp_vp = planset.vp_for(plan.year, plan.vp)
        folder = f"atgarder/{_folder(plan.id)}"
        nodes = index.actions_of_plan.setdefault(plan.id, [])
        for item in walk.actions(plan):
            action = item.action
            node = ActionNode(hp, action, addresses.page(folder, action.id))
            if action.activity is not None and plan.year is not None:
                node.activity = index.activities.get((plan.year, action.activity))
            if node.activity is not None:
                node.activity.actions.append(node)
            if action.goal is not None:
                node.goal = index.goal_of(hp_vp, action.goal)
                if node.goal is not None:
                    node.goal.actions.append(node)
            elif node.activity is not None:
                node.goal = node.activity.goal
            nodes.append(node)
            index.actions.append(node)
    return index


def _folder(plan_id: str) -> str:
    from planverk.web.paths import slug

    return slug(plan_id)


def _sections(
    index: Index,
    vp: Loaded[Verksamhetsplan],
    sections: list[Section],
    parents: tuple[SectionNode, ...],
) -> None:
    for section in sections:
        address = index.addresses.page(f"avsnitt/{_folder(vp.plan.id)}", section.number)
        node = SectionNode(vp, section, address, parents)
        index.sections.setdefault((vp.plan.id, section.number), node)
        _sections(index, vp, section.sections, (*parents, node))


def _around(sections: list[Section], target: Section | None) -> tuple[Section, ...]:
    """The chain of paragraphs from the outermost down to ``target`` (empty without one)."""
    if target is None:
        return ()
    for section in sections:
        if section is target:
            return (section,)
        inner = _around(section.sections, target)
        if inner:
            return (section, *inner)
    return ()
