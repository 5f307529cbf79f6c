"""What the activities and actions of a plan set can point at in one verksamhetsplan: its
goals by id, its agreement paragraphs by number and by id, its plan bullets by id.

Built once per verksamhetsplan and kept by the plan set (``planset.index.vp(plan)``), so the
rules, the renderer and the follow-up share it; resolving a reference is a dict look-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from planverk.model import walk
from planverk.model.common import Bullet, BulletItem
from planverk.model.references import paragraph_number
from planverk.model.verksamhetsplan import FocusArea, Goal, Section, Verksamhetsplan
from planverk.model.walk import Path, Reference


@dataclass(frozen=True, slots=True)
class SectionAt:
    section: Section
    path: Path
    parents: tuple[Section, ...] = ()  # the paragraphs it is nested in, outermost first

    @property
    def top(self) -> Section:
        return self.parents[0] if self.parents else self.section


@dataclass(frozen=True, slots=True)
class BulletAt:
    bullet: Bullet
    path: Path
    section: SectionAt | None = None  # the paragraph whose plan holds it
    goal: Goal | None = None  # or the goal
    focus_area: FocusArea | None = None


@dataclass(frozen=True, slots=True)
class Served:
    """What a reference resolves to in the verksamhetsplan."""

    reference: Reference
    goal: walk.GoalAt | None = None
    section: SectionAt | None = None
    bullet: BulletAt | None = None


@dataclass(slots=True)
class VpIndex:
    """Look-ups into one verksamhetsplan."""

    vp: Verksamhetsplan
    goals: dict[str, walk.GoalAt] = field(default_factory=dict)
    sections: dict[str, SectionAt] = field(default_factory=dict)  # by number
    section_ids: dict[str, SectionAt] = field(default_factory=dict)
    bullets: dict[str, BulletAt] = field(default_factory=dict)  # bullets that have an id

    @classmethod
    def of(cls, vp: Verksamhetsplan) -> VpIndex:
        index = cls(vp)
        for goal_at in walk.goals(vp):
            index.goals.setdefault(goal_at.goal.id, goal_at)
            for at, bullet in _bullets(goal_at.goal.bullets, (*goal_at.path, "punkter")):
                index._bullet(
                    BulletAt(bullet, at, goal=goal_at.goal, focus_area=goal_at.focus_area)
                )
        for s_index, section in enumerate(vp.sections):
            index._section(section, ("avsnitt", s_index), ())
        return index

    def _section(self, section: Section, path: Path, parents: tuple[Section, ...]) -> None:
        at = SectionAt(section, path, parents)
        self.sections.setdefault(section.number, at)
        if section.id is not None:
            self.section_ids.setdefault(section.id, at)
        if section.plan is not None:
            for b_path, bullet in _bullets(section.plan.bullets, (*path, "plan", "punkter")):
                self._bullet(BulletAt(bullet, b_path, section=at))
        for c_index, child in enumerate(section.sections):
            self._section(child, (*path, "avsnitt", c_index), (*parents, section))

    def _bullet(self, at: BulletAt) -> None:
        if at.bullet.id is not None:
            self.bullets.setdefault(at.bullet.id, at)

    # -- look-ups ---------------------------------------------------------------------------

    def section(self, reference: str) -> SectionAt | None:
        """The paragraph a ``paragraf:`` value names: a number (8.3, § 8.3) or an id."""
        number = paragraph_number(reference)
        if number is not None:
            found = self.sections.get(number)
            if found is not None:
                return found
        return self.section_ids.get(reference.strip())

    def resolve(self, reference: Reference) -> Served | None:
        """What ``reference`` points at, or None when nothing in the plan has that name."""
        if reference.key == "mål":
            goal = self.goals.get(reference.value)
            return None if goal is None else Served(reference, goal=goal)
        if reference.key == "paragraf":
            section = self.section(reference.value)
            return None if section is None else Served(reference, section=section)
        bullet = self.bullets.get(reference.value)
        return None if bullet is None else Served(reference, bullet=bullet)

    def names(self, key: str) -> dict[str, str]:
        """Every name a reference of kind ``key`` may use, with what a reader knows it by."""
        if key == "mål":
            return {goal_id: at.goal.heading for goal_id, at in self.goals.items()}
        if key == "paragraf":
            found = {
                number: f"§ {number} {at.section.heading}" for number, at in self.sections.items()
            }
            found.update(
                {
                    ident: f"§ {at.section.number} {at.section.heading}"
                    for ident, at in self.section_ids.items()
                }
            )
            return found
        return {ident: at.bullet.text for ident, at in self.bullets.items()}


def _bullets(items: list[BulletItem], path: Path) -> Iterator[tuple[Path, Bullet]]:
    """Every bullet written as an object (only those can have an id), with its path."""
    stack: list[tuple[Path, list[BulletItem]]] = [(path, items)]
    while stack:
        here, current = stack.pop()
        for index, item in enumerate(current):
            if isinstance(item, Bullet):
                yield (*here, index), item
                if item.bullets:
                    stack.append(((*here, index, "punkter"), item.bullets))


def label(served: Served) -> str:
    """What the reference points at, as a reader says it: "§ 8.3 Kompetensförsörjning",
    "målet Nära vård", "punkten 'Etablera …' i § 8.1"."""
    if served.goal is not None:
        return served.goal.goal.heading
    if served.section is not None:
        section = served.section.section
        return f"§ {section.number} {section.heading}"
    assert served.bullet is not None
    bullet = served.bullet
    where = ""
    if bullet.section is not None:
        where = f" (§ {bullet.section.section.number} {bullet.section.section.heading})"
    elif bullet.goal is not None:
        where = f" ({bullet.goal.heading})"
    return f"{bullet.bullet.text}{where}"
