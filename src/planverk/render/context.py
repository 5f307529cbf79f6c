"""The data the templates see: plain dicts with Swedish keys, every plan text already
cleaned and escaped for Markdown (see :mod:`planverk.render.plaintext`).

Keys follow the YAML keys, with ``-`` written ``_`` (``strategisk_inriktning``), so a
planner who knows the plan files can read the templates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planverk.core.chars import UNWRITABLE
from planverk.document.blocks import Block, Inline, ListBlock, ListItem, Note, Paragraph
from planverk.document.blocks import Text as DocText
from planverk.document.richtext import parse as parse_text
from planverk.loading.index import Index
from planverk.loading.planset import Loaded, PlanSet
from planverk.loading.yamlfile import YamlDocument
from planverk.model import Activity, Aktivitetsplan, Decision, Handlingsplan, Verksamhetsplan, walk
from planverk.model.common import Bullet, BulletItem, StrategicDirection, TextKind
from planverk.model.handlingsplan import Action
from planverk.model.index import BulletAt, SectionAt, Served, VpIndex
from planverk.model.style import DocumentStyle, Emphasis, HeadingCase, Visibility
from planverk.model.verksamhetsplan import Goal, Section
from planverk.render.plaintext import (
    SafeMarkdown,
    clean,
    escape_inline,
    escape_paragraphs,
)
from planverk.render.result import RemovedCharacter
from planverk.render.richmd import blocks_markdown, one_line

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


class RichText(SafeMarkdown):
    """A plan text with its own markup (paragraphs, bullet lists, footnotes).

    As a string it is the text on one line (for a table cell or a heading); the filter
    ``stycken`` gives its paragraphs and lists, ``sätt(x)`` the same set as the document
    style says (``kursiv``, ``fet``, ``citat`` or ``normal``).
    """

    blocks: list[Block]
    raw: str

    def __new__(cls, raw: str, blocks: list[Block]) -> RichText:
        self = super().__new__(cls, one_line(blocks))
        self.blocks = blocks
        self.raw = raw
        return self


def paragraphs(value: object) -> SafeMarkdown:
    """Jinja filter ``stycken``: a plan text as paragraphs (blank lines kept)."""
    if value is None:
        return SafeMarkdown("")
    if isinstance(value, RichText):
        return SafeMarkdown(blocks_markdown(value.blocks))
    if isinstance(value, PlanText):
        return escape_paragraphs(value.raw)
    if isinstance(value, SafeMarkdown):
        return value
    return escape_paragraphs(str(value))


def _emphasis(how: object) -> Emphasis:
    try:
        return Emphasis(str(how))
    except ValueError:
        from planverk.render.errors import RenderError

        raise RenderError(
            f"okänd sättning '{how}' i mallen",
            "Skriv sätt('normal'), sätt('kursiv'), sätt('fet') eller sätt('citat'), eller "
            "sätt(stil.avtalstext) för projektfilens dokumentstil.",
        ) from None


def set_as(value: object, how: object = "normal") -> SafeMarkdown:
    """Jinja filter ``sätt``: a plan text (or a list of bullets) set as ``how`` says."""
    emphasis = _emphasis(how)
    if value is None:
        return SafeMarkdown("")
    if isinstance(value, list):
        return bullet_list(value, how)
    if isinstance(value, RichText):
        return SafeMarkdown(blocks_markdown(value.blocks, emphasis))
    if isinstance(value, PlanText):
        return SafeMarkdown(blocks_markdown(parse_text(value.raw, TextKind.BLOCK).blocks, emphasis))
    return SafeMarkdown(blocks_markdown(parse_text(str(value), TextKind.BLOCK).blocks, emphasis))


def bullet_list(items: object, how: object = "normal") -> SafeMarkdown:
    """Jinja filter ``punktlista``: bullets with sub-bullets and footnotes as a Markdown list,
    set as ``how`` says."""
    emphasis = _emphasis(how)
    if not isinstance(items, list) or not items:
        return SafeMarkdown("")
    return SafeMarkdown(blocks_markdown([_list_block(items)], emphasis))


def _list_block(items: list[Any]) -> ListBlock:
    block = ListBlock(False)
    for item in items:
        text = item.get("text") if isinstance(item, dict) else item
        runs = _runs(text)
        note = item.get("fotnot") if isinstance(item, dict) else None
        if note:
            runs.append(Note((DocText(getattr(note, "raw", str(note))),)))
        entry = ListItem([Paragraph(runs)])
        subs = item.get("punkter") if isinstance(item, dict) else None
        if subs:
            entry.blocks.append(_list_block(subs))
        block.items.append(entry)
    return block


def _runs(text: object) -> list[Inline]:
    """The runs of one line of plan text (a bullet's), footnotes included."""
    if text is None:
        return []
    if isinstance(text, RichText):
        first = text.blocks[0] if text.blocks else None
        return list(first.children) if isinstance(first, Paragraph) else []
    raw = text.raw if isinstance(text, PlanText) else str(text)
    parsed = parse_text(raw, TextKind.LINE).blocks
    first = parsed[0] if parsed else None
    return list(first.children) if isinstance(first, Paragraph) else []


def section_heading(style: DocumentStyle, number: str, heading: str) -> str:
    """An agreement paragraph's heading as the document style sets it ("§ 8.1 KUNSKAPS-
    STYRNING"), as the verksamhetsplan's template writes it."""
    text = clean(heading)
    if style.paragraph_headings is HeadingCase.CAPITALS:
        text = text.upper()
    return f"{style.paragraph_number.replace('{nummer}', number)} {text}".strip()


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
    _rich: dict[tuple[str, str, TextKind], RichText] = field(default_factory=dict)
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

    def rich(
        self, value: str | None, doc: YamlDocument | None, kind: TextKind = TextKind.BLOCK
    ) -> RichText | None:
        """A plan text with its own markup (paragraphs, lists, footnotes; see
        :mod:`planverk.document.richtext`), for the templates."""
        if value is None:
            return None
        key = (doc.display if doc is not None else "", value, kind)
        known = self._rich.get(key)
        if known is not None:
            return known
        raw = value
        if UNWRITABLE.search(value):
            self._warn(value, doc)
            raw = clean(value)
        made = self._rich[key] = RichText(raw, parse_text(raw, kind).blocks)
        return made

    def line(self, value: str | None, doc: YamlDocument | None) -> RichText | None:
        """One line of plan text that may hold footnotes (a bullet, an activity, an action)."""
        return self.rich(value, doc, TextKind.LINE)

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

    @property
    def document_style(self) -> DocumentStyle:
        return self.planset.style

    def style(self) -> Data:
        """The template's ``stil``: the project file's dokumentstil (see model.style)."""
        style = self.document_style
        return {
            "avtalstext": style.agreement_text.value,
            "plantext": style.plan_text.value,
            "paragrafrubriker": style.paragraph_headings.value,
            "planrubriker": style.plan_headings is Visibility.SHOW,
            "förslag": PlanText(clean(style.draft)),
        }

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
            return {"id": "", "namn": PlanText(""), "regioner": [], "regionlista": None}
        doc = project.doc
        names = [clean(r.name) for r in project.plan.regions]
        return {
            "id": project.plan.id,
            "namn": self.text(project.plan.name, doc),
            "regioner": [self.text(r.name, doc) for r in project.plan.regions],
            "regionlista": PlanText(join_names(names)) if names else None,
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

    def status(self, decision: Decision | None) -> PlanText | None:
        """The word for a plan that is not decided ("Förslag"), else None."""
        return None if decision is not None else PlanText(clean(self.document_style.draft))

    def bullets(self, items: list[BulletItem], doc: YamlDocument) -> list[Data]:
        out: list[Data] = []
        for item in items:
            if isinstance(item, Bullet):
                out.append(
                    {
                        "id": item.id,
                        "text": self.line(item.text, doc),
                        "punkter": self.bullets(item.bullets, doc),
                        "fotnot": self.text(item.footnote, doc),
                    }
                )
            else:
                out.append(
                    {"id": None, "text": self.line(item, doc), "punkter": [], "fotnot": None}
                )
        return out

    def direction(self, direction: StrategicDirection | None, doc: YamlDocument) -> Data | None:
        if direction is None:
            return None
        return {
            "text": self.rich(direction.text, doc),
            "teman": [
                {
                    "rubrik": self.text(theme.heading, doc),
                    "text": self.rich(theme.text, doc),
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
            "text": self.rich(goal.text, doc),
            "punkter": self.bullets(goal.bullets, doc),
            "beslut": self.decision(goal.decision),
        }

    def paragraph_number(self, number: str) -> str:
        """ "8.1" as the document style numbers it ("§ 8.1")."""
        return self.document_style.paragraph_number.replace("{nummer}", number)

    def paragraph_heading(self, heading: str) -> str:
        if self.document_style.paragraph_headings is HeadingCase.CAPITALS:
            return heading.upper()
        return heading

    def section(self, section: Section, doc: YamlDocument, level: int, period: str = "") -> Data:
        plan = section.plan
        style = self.document_style
        heading = self.paragraph_heading(clean(section.heading))
        number = self.paragraph_number(section.number)
        line = section_heading(style, section.number, section.heading)
        plan_heading: PlanText | None = None
        if plan is not None:
            if plan.heading is not None:
                plan_heading = self.text(plan.heading, doc)
            elif style.plan_heading:
                plan_heading = PlanText(clean(style.plan_heading.replace("{period}", period)))
        return {
            "id": section.id,
            "nummer": section.number,
            "paragraf": PlanText(number),
            "rubrik": PlanText(heading),
            "rubrikrad": PlanText(line),
            "nivå": level,
            "avtalstext": self.rich(section.agreement_text, doc),
            "plan": None
            if plan is None
            else {
                "rubrik": plan_heading,
                "text": self.rich(plan.text, doc),
                "punkter": self.bullets(plan.bullets, doc),
            },
            "mål": [self.goal(g, doc) for g in section.goals],
            "avsnitt": [self.section(s, doc, level + 1, period) for s in section.sections],
        }

    def vp(self, loaded: Loaded[Verksamhetsplan] | None) -> Data | None:
        if loaded is None:
            return None
        vp, doc = loaded.plan, loaded.doc
        period = vp.period.label()
        return {
            "id": vp.id,
            "titel": self.text(vp.title, doc),
            "period": PlanText(period),
            "från": vp.period.start,
            "till": vp.period.end,
            "beslut": self.decision(vp.decision),
            "förslag": self.status(vp.decision),
            "underlag": self.rich(vp.basis, doc),
            "inledning": self.rich(vp.introduction, doc),
            "strategisk_inriktning": self.direction(vp.direction, doc),
            "fokusområden": [
                {
                    "id": area.id,
                    "rubrik": self.text(area.heading, doc),
                    "text": self.rich(area.text, doc),
                    "mål": [self.goal(g, doc) for g in area.goals],
                }
                for area in vp.focus_areas
            ],
            "mål": [self.goal(g, doc) for g in vp.goals],
            "avsnitt": [self.section(s, doc, 1, period) for s in vp.sections],
        }

    # -- references into the verksamhetsplan -------------------------------------------------

    def served(
        self, index: VpIndex | None, served: Served | None, doc: YamlDocument | None
    ) -> Data | None:
        """What an activity or action serves, for the templates: the kind, and the
        paragraph, bullet or goal as the document names it."""
        if served is None or index is None:
            return None
        if served.goal is not None:
            goal = served.goal.goal
            return {"typ": "mål", "id": goal.id, "text": self.text(goal.heading, doc)}
        if served.section is not None:
            section = served.section.section
            line = self._section_line(section)
            return {"typ": "paragraf", "id": section.number, "text": PlanText(line)}
        assert served.bullet is not None
        bullet = served.bullet
        where = ""
        if bullet.section is not None:
            where = self.paragraph_number(bullet.section.section.number)
        elif bullet.goal is not None:
            where = clean(bullet.goal.heading)
        text = clean(bullet.bullet.text).rstrip(":").rstrip()
        return {
            "typ": "punkt",
            "id": bullet.bullet.id,
            "text": PlanText(f"{where}: {text}" if where else text),
            "kort": PlanText(f"punkt i {where}" if where else "punkt"),
            "punkt": PlanText(text),
        }

    # -- aktivitetsplan --------------------------------------------------------------------

    def ap(self, loaded: Loaded[Aktivitetsplan]) -> Data:
        ap, doc = loaded.plan, loaded.doc
        vp = self.planset.vp_for(ap.year, ap.vp)
        index = self.planset.index.vp(vp.plan) if vp is not None else None
        vp_doc = vp.doc if vp is not None else None
        activities = {id(at.activity): at for at in walk.activities(ap)}

        def serves(ref: walk.Reference | None) -> Data | None:
            if ref is None or ref.key == "mål" or index is None:
                return None  # a goal is the rubrik itself in Mellansverige's style
            return self.served(index, index.resolve(ref), vp_doc)

        def heading_serves(heading: object) -> Data | None:
            from planverk.model import Heading

            assert isinstance(heading, Heading)
            refs = walk.own_references(heading, ())
            return serves(refs[0]) if refs else None

        return {
            "titel": self.text(ap.title, doc),
            "år": ap.year,
            "beslut": self.decision(ap.decision),
            "förslag": self.status(ap.decision),
            "underlag": self.rich(ap.basis, doc),
            "inledning": self.rich(ap.introduction, doc),
            "strategisk_inriktning": self.direction(ap.direction, doc),
            "fokusområden": [
                {
                    "id": area.id,
                    "rubrik": self.text(area.heading, doc),
                    "rubriker": [
                        {
                            "id": heading.id,
                            "rubrik": self.text(heading.heading, doc),
                            "tjänar": heading_serves(heading),
                            "aktiviteter": [
                                self._activity(activity, doc, activities, serves)
                                for activity in heading.activities
                            ],
                        }
                        for heading in area.headings
                    ],
                }
                for area in ap.focus_areas
            ],
        }

    def _activity(
        self,
        activity: Activity,
        doc: YamlDocument,
        activities: dict[int, walk.ActivityAt],
        serves: Callable[[walk.Reference | None], Data | None],
    ) -> Data:
        at = activities.get(id(activity))
        served = serves(at.ref) if at is not None and at.own else None
        if served is not None:
            # "(punkt i § 8.1)" when the activity repeats the bullet's words, else the
            # bullet or paragraph it serves.
            same = served.get("punkt") == clean(activity.text).rstrip(":").rstrip()
            served = {**served, "hänvisning": served["kort"] if same else served["text"]}
        return {
            "id": activity.id,
            "text": self.line(activity.text, doc),
            "kommentar": self.text(activity.comment, doc),
            "ansvar": [self.body(b) for b in activity.responsible],
            "beslut": self.decision(activity.decision),
            "tjänar": served,
        }

    # -- handlingsplan ---------------------------------------------------------------------

    def hp(self, loaded: Loaded[Handlingsplan]) -> Data:
        hp, doc = loaded.plan, loaded.doc
        vp = self.planset.vp_for(hp.year, hp.vp)
        ap = self.planset.ap(hp.year) if hp.year is not None else None
        shared = self.planset.index
        chain = _Chain(vp, ap, shared, shared.vp(vp.plan) if vp is not None else None)
        owner = self.body(hp.owner)
        return {
            "id": hp.id,
            "titel": self.text(hp.title, doc),
            "år": hp.year,
            "levande": hp.living,
            "ägare": owner,
            "beslut": self.decision(hp.decision),
            "förslag": self.status(hp.decision),
            "underlag": self.rich(hp.basis, doc),
            "inledning": self.rich(hp.introduction, doc),
            "åtgärder": [self.action(a, doc, chain) for a in hp.actions],
        }

    def action(self, action: Action, doc: YamlDocument, chain: _Chain) -> Data:
        activity_at = chain.activity(action.activity)
        served = chain.resolve(chain.reference(action, activity_at))
        vp_doc = chain.vp.doc if chain.vp else None
        ap_doc = chain.ap.doc if chain.ap else None
        goal_at = served.goal if served is not None else None
        goal = goal_at.goal if goal_at else None
        section_at = served.section if served is not None else None
        bullet_at = served.bullet if served is not None else None
        if bullet_at is not None and bullet_at.section is not None:
            section_at = bullet_at.section
        focus = self._served_focus(goal_at, bullet_at, section_at, vp_doc)
        if focus is None and activity_at:
            focus = self.text(activity_at.focus_area.heading, ap_doc)
        vp_heading, vp_cell = self._served_cell(goal, bullet_at, section_at, vp_doc)
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
            "text": self.line(action.text, doc),
            "fokusområde": focus,
            "mål": self.goal(goal, vp_doc) if goal is not None and vp_doc is not None else None,
            "tjänar": self.served(chain.index, served, vp_doc),
            "rubrik": vp_heading,
            "nämndens_verksamhetsplan": vp_cell,
            "ap_rubrik": self.text(activity_at.heading.heading, ap_doc) if activity_at else None,
            "aktivitet": self.line(activity_at.text, ap_doc) if activity_at else None,
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

    def _served_focus(
        self,
        goal_at: walk.GoalAt | None,
        bullet_at: BulletAt | None,
        section_at: SectionAt | None,
        vp_doc: YamlDocument | None,
    ) -> SafeMarkdown | None:
        """The fokusområde (or top paragraph) of what an action serves in the VP."""
        if goal_at and goal_at.focus_area:
            return self.text(goal_at.focus_area.heading, vp_doc)
        if bullet_at is not None and bullet_at.focus_area is not None:
            return self.text(bullet_at.focus_area.heading, vp_doc)
        if section_at is not None:
            return PlanText(self._section_line(section_at.top))
        return None

    def _served_cell(
        self,
        goal: Goal | None,
        bullet_at: BulletAt | None,
        section_at: SectionAt | None,
        vp_doc: YamlDocument | None,
    ) -> tuple[SafeMarkdown | None, SafeMarkdown | None]:
        """The VP heading and text an action's row shows for the goal, bullet or paragraph
        it serves."""
        if goal is not None:
            heading = self.text(goal.heading, vp_doc)
            if goal.text:
                return heading, self.rich(goal.text, vp_doc)
            return heading, self._bullet_lines(goal.bullets, vp_doc)
        if bullet_at is not None:
            if bullet_at.goal is not None:
                heading = self.text(bullet_at.goal.heading, vp_doc)
            elif section_at is not None:
                heading = PlanText(self._section_line(section_at.section))
            else:
                heading = None
            return heading, self.line(bullet_at.bullet.text, vp_doc)
        if section_at is None:
            return None, None
        section = section_at.section
        heading = PlanText(self._section_line(section))
        plan = section.plan
        if plan is not None and plan.text:
            return heading, self.rich(plan.text, vp_doc)
        if plan is not None and plan.bullets:
            return heading, self._bullet_lines(plan.bullets, vp_doc)
        if section.agreement_text:
            return heading, self.rich(section.agreement_text, vp_doc)
        return heading, None

    def _bullet_lines(
        self, bullets: list[BulletItem], vp_doc: YamlDocument | None
    ) -> SafeMarkdown | None:
        """Plan bullets as the lines of one table cell."""
        if not bullets:
            return None
        return SafeMarkdown(
            "<br>".join(
                f"– {self.line(b.text if isinstance(b, Bullet) else b, vp_doc)}" for b in bullets
            )
        )

    def _section_line(self, section: Section) -> str:
        return section_heading(self.document_style, section.number, section.heading)


@dataclass(slots=True)
class _Chain:
    """Lookups along the chain action → AP activity → VP goal, paragraph or bullet."""

    vp: Loaded[Verksamhetsplan] | None
    ap: Loaded[Aktivitetsplan] | None
    shared: Index
    index: VpIndex | None = None
    _activities: Mapping[str, walk.ActivityAt] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.ap is not None:
            self._activities = self.shared.activities(self.ap.plan)

    def activity(self, activity_id: str | None) -> walk.ActivityAt | None:
        return self._activities.get(activity_id) if activity_id else None

    def reference(
        self, action: Action, activity_at: walk.ActivityAt | None
    ) -> walk.Reference | None:
        """The reference that applies to an action: its own, else its activity's."""
        own = walk.own_references(action, ())
        if own:
            return own[0]
        return activity_at.ref if activity_at is not None else None

    def resolve(self, ref: walk.Reference | None) -> Served | None:
        if ref is None or self.index is None:
            return None
        return self.index.resolve(ref)
