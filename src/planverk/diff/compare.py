"""Compare two plan trees: match items, then record what changed about each.

Matching: the plan roots match; fokusområden, sections, themes, bullets and reports match
among the children of items that matched; rubriker, activities, goals and actions match
across the whole plan (by id, then by text), so a move between parents is a move. Records:
a matched pair gives rewordings (word by word), value changes (status, uppdrag, ansvar),
reference changes (followed through the rename map of the plan referred to) and moves;
an unmatched item is added or removed. A new container that only holds new or moved-in
items (a new rubrik for a new activity) is context for them, not a change of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from planverk.diff.match import match
from planverk.diff.model import Change, DiffResult, Kind, PlanKind
from planverk.diff.tree import MOVABLE, Element, Node
from planverk.diff.wordiff import similarity, whitespace_only, word_diff

# For each reference field, a rename map (old id -> new id) of the plan it points into, or
# None when the two versions point into different plans (AP 2024 serves VP 2021-2024, AP
# 2025 serves VP 2025-2028) and a changed reference says nothing.
RefMaps = Mapping[str, Mapping[str, str] | None]

_VALUE_KINDS = {
    "status": Kind.STATUS,
    "uppdrag": Kind.ASSIGNMENT,
    "ansvar": Kind.RESPONSIBLE,
    "nummer": Kind.RENUMBERED,
}
_REF_KINDS = {
    "mål": Kind.GOAL,
    "aktivitet": Kind.ACTIVITY,
    "paragraf": Kind.SERVES,
    "punkt": Kind.SERVES,
}
# A year in a text: four digits, not part of a longer number, a date or a case number.
_YEAR = re.compile(r"(?<![\d/.:-])(?:19|20|21)\d\d(?![\d/:]|-\d\d-)")
# Own texts a container may have and still be folded into the items it holds.
_HEADING_TEXTS = frozenset({"rubrik", "titel"})


@dataclass(slots=True)
class Options:
    refs: RefMaps = field(default_factory=dict)
    # The plan period's own shift in years (2024 -> 2025: 1; 2022–2023 -> 2024–2025: 2). A
    # text whose only change is every year moved by exactly this is expected and folded
    # (counted, not listed); any other change of years only is a change of its own.
    shift: int = 0
    order: bool = False  # report items that only changed place among their siblings


@dataclass(slots=True)
class _Matching:
    new_of: dict[int, Node] = field(default_factory=dict)  # id(old) -> new
    old_of: dict[int, Node] = field(default_factory=dict)  # id(new) -> old
    comparisons: int = 0

    def link(self, old: Node, new: Node) -> None:
        self.new_of[id(old)] = new
        self.old_of[id(new)] = old


def _by_element(root: Node) -> dict[Element, list[Node]]:
    found: dict[Element, list[Node]] = {}
    for node in root.walk():
        found.setdefault(node.element, []).append(node)
    return found


def match_trees(old_root: Node, new_root: Node) -> _Matching:
    m = _Matching()
    m.link(old_root, new_root)
    _match_children(m, old_root, new_root)
    old_nodes, new_nodes = _by_element(old_root), _by_element(new_root)
    for element in (Element.HEADING, Element.GOAL, Element.ACTIVITY, Element.ACTION):
        olds, news = old_nodes.get(element, []), new_nodes.get(element, [])
        for old, new in _pair(m, olds, news):
            m.link(old, new)
            _match_children(m, old, new)
    _match_bullets(m, old_nodes.get(Element.BULLET, []), new_nodes.get(Element.BULLET, []))
    return m


def _match_bullets(m: _Matching, olds: Sequence[Node], news: Sequence[Node]) -> None:
    """Bullets: under each matched parent by id, then by text (the first of equal texts
    with the first); what is left over across the whole plan, so a bullet moved to another
    paragraph or goal is a move, not one removed and one new."""
    if not olds or not news:
        return
    parents = [
        (old, new)
        for old in dict.fromkeys(n.parent for n in olds if n.parent is not None)
        if old is not None and (new := m.new_of.get(id(old))) is not None
    ]
    for old_parent, new_parent in parents:
        _match_bullets_under(m, old_parent, new_parent)
    left_old = [n for n in olds if id(n) not in m.new_of]
    left_new = [n for n in news if id(n) not in m.old_of]
    for old, new in _pair(m, left_old, left_new):
        m.link(old, new)
        _match_bullets_under(m, old, new)


def _match_bullets_under(m: _Matching, old: Node, new: Node) -> None:
    olds = [c for c in old.children_of(Element.BULLET) if id(c) not in m.new_of]
    news = [c for c in new.children_of(Element.BULLET) if id(c) not in m.old_of]
    pairs = _pair(m, olds, news)
    for o, n in pairs:
        m.link(o, n)
    pairs += _pair_by_place(m, old, new)
    for o, n in pairs:
        _match_bullets_under(m, o, n)


PLACE_SIMILARITY = 0.5  # words in common for two bullets at the same place to be one


def _pair_by_place(m: _Matching, old: Node, new: Node) -> list[tuple[Node, Node]]:
    """Bullets without an id still unpaired under a matched parent, standing at the same
    place between the paired ones: one bullet when they share half their words, or half the
    old one's sub-bullets ("Produktionssamarbete" -> "Produktionssamarbete inom länen")."""
    olds, news = old.children_of(Element.BULLET), new.children_of(Element.BULLET)

    def gaps(items: list[Node], paired: Mapping[int, Node]) -> dict[int, list[Node]]:
        found: dict[int, list[Node]] = {}
        seen = 0
        for item in items:
            if id(item) in paired:
                seen += 1
            elif item.key is None:
                found.setdefault(seen, []).append(item)
        return found

    old_gaps, new_gaps = gaps(olds, m.new_of), gaps(news, m.old_of)
    pairs: list[tuple[Node, Node]] = []
    for gap, left in old_gaps.items():
        right = list(new_gaps.get(gap, ()))
        for o in left:
            partner = next((n for n in right if _alike(o, n)), None)
            if partner is not None:
                right.remove(partner)
                m.link(o, partner)
                pairs.append((o, partner))
    return pairs


def _alike(old: Node, new: Node) -> bool:
    if similarity(old.label, new.label) >= PLACE_SIMILARITY:
        return True
    subs_old = {c.label for c in old.children}
    subs_new = {c.label for c in new.children}
    return bool(subs_old) and 2 * len(subs_old & subs_new) >= len(subs_old)


def _pair(m: _Matching, olds: Sequence[Node], news: Sequence[Node]) -> list[tuple[Node, Node]]:
    if not olds or not news:
        return []
    pairing = match(
        [n.key for n in olds],
        [_comparable(n) for n in olds],
        [n.key for n in news],
        [_comparable(n) for n in news],
    )
    m.comparisons += pairing.comparisons
    return [(olds[i], news[j]) for i, j, _ in sorted(pairing.pairs)]


def _comparable(node: Node) -> str:
    """What pairing compares: the item's text with its years masked, so that a text whose
    only change is its years is paired with its older self (and told as such)."""
    text = node.match_text or node.label
    return _YEAR.sub("0000", text) if _YEAR_START.search(text) else text


_YEAR_START = re.compile(r"(?:19|20|21)\d\d")


def _pair_sections(
    m: _Matching, olds: Sequence[Node], news: Sequence[Node]
) -> list[tuple[Node, Node]]:
    """Paragraphs: by id, then by heading and agreement text (so a paragraph that was
    renumbered is followed), then what is left by its number."""
    pairs = _pair(m, olds, news)
    taken_old = {id(o) for o, _ in pairs}
    taken_new = {id(n) for _, n in pairs}
    by_number = {n.name: n for n in news if id(n) not in taken_new and n.name}
    for old in olds:
        if id(old) in taken_old or old.name is None:
            continue
        partner = by_number.pop(old.name, None)
        if partner is not None and (old.key is None or partner.key is None):
            pairs.append((old, partner))
    return pairs


def _match_children(m: _Matching, old: Node, new: Node) -> None:
    """Match the non-movable children of a matched pair, and below them, recursively."""
    elements = dict.fromkeys(c.element for c in (*old.children, *new.children))
    for element in elements:
        if element in MOVABLE:
            continue
        olds, news = old.children_of(element), new.children_of(element)
        pairer = _pair_sections if element is Element.SECTION else _pair
        for o, n in pairer(m, olds, news):
            m.link(o, n)
            _match_children(m, o, n)


def diff_trees(
    old_root: Node,
    new_root: Node,
    *,
    plan_kind: PlanKind,
    title: str,
    old_label: str,
    new_label: str,
    options: Options | None = None,
) -> DiffResult:
    options = options or Options()
    m = match_trees(old_root, new_root)
    result = DiffResult(
        plan_kind=plan_kind,
        title=title,
        old_label=old_label,
        new_label=new_label,
        old_root=old_root,
        new_root=new_root,
        old_of=m.old_of,
        new_of=m.new_of,
        comparisons=m.comparisons,
        shift=options.shift,
    )
    recorder = _Recorder(result, m, options)
    for new in new_root.walk():
        old = m.old_of.get(id(new))
        if old is None:
            recorder.added(new)
        else:
            recorder.compare(old, new)
    for old in old_root.walk():
        if id(old) not in m.new_of:
            recorder.removed(old)
    return result


class _Recorder:
    def __init__(self, result: DiffResult, m: _Matching, options: Options) -> None:
        self.result = result
        self.m = m
        self.options = options
        # Equal references can only differ in meaning when some referred-to id was renamed.
        self.renaming = any(
            old != new
            for renames in options.refs.values()
            if renames
            for old, new in renames.items()
        )

    # -- added and removed ------------------------------------------------------------

    def added(self, new: Node) -> None:
        if self._part_of_unmatched(new, self.m.old_of):
            return
        if self._folded(new, self.m.old_of, moved_in=True):
            self.result.folded.add(id(new))
            return
        self.result.changes.append(Change(Kind.ADDED, new, new=new.label))

    def removed(self, old: Node) -> None:
        if self._part_of_unmatched(old, self.m.new_of):
            return
        if self._folded(old, self.m.new_of, moved_in=False):
            self.result.folded.add(id(old))
            return
        self.result.changes.append(Change(Kind.REMOVED, old, old=old.label))

    @staticmethod
    def _part_of_unmatched(node: Node, other: Mapping[int, Node]) -> bool:
        """Inside a new (or removed) item, which shows it as its content: not a change of
        its own. A bullet there is content too, unless it was matched elsewhere (moved)."""
        parent = node.parent
        return (
            parent is not None
            and parent.parent is not None
            and id(parent) not in other
            and (node.element not in MOVABLE or node.element is Element.BULLET)
        )

    def _folded(self, node: Node, other: Mapping[int, Node], *, moved_in: bool) -> bool:
        """A container with no text of its own whose items are all new (or moved in).

        Only where the other version has containers of that kind too: fokusområden in a
        plan that had none are a new structure, told as such.
        """
        items = [
            c for c in node.children if c.element in MOVABLE and c.element is not Element.BULLET
        ]
        if not items or set(node.texts) - _HEADING_TEXTS or node.parent is None:
            return False
        other_root = self.result.old_root if moved_in else self.result.new_root
        if not any(n.element is node.element for n in other_root.walk()):
            return False
        for item in items:
            partner = other.get(id(item))
            if partner is None:
                continue
            pair = (partner, item) if moved_in else (item, partner)
            if not self._moved(*pair):
                return False
        return True

    # -- matched pairs ----------------------------------------------------------------

    def _moved(self, old: Node, new: Node) -> bool:
        """Moved: now under another container of the same kind than the one it was under (a
        bullet: under anything else than the counterpart of its old parent)."""
        po, pn = old.parent, new.parent
        if po is None or pn is None or self.m.new_of.get(id(po)) is pn:
            return False
        return po.element is pn.element or new.element is Element.BULLET

    def compare(self, old: Node, new: Node) -> None:
        found: list[Change] = []
        if old.texts != new.texts:  # most items are unchanged: one C-level comparison each
            for name in dict.fromkeys((*new.texts, *old.texts)):
                found += self._text(old, new, name)
        if old.values != new.values:
            for name in dict.fromkeys((*new.values, *old.values)):
                found += self._value(old, new, name)
        if old.refs != new.refs or self.renaming:
            for name in dict.fromkeys((*new.refs, *old.refs)):
                found += self._ref(old, new, name)
        if new.element in MOVABLE and self._moved(old, new):
            assert old.parent is not None and new.parent is not None
            found.append(
                Change(Kind.MOVED, new, old=old.parent.label, new=new.parent.label, old_item=old)
            )
        if self.options.order:
            found += self._order(old, new)
        renamed = old.key != new.key and old.key is not None and new.key is not None
        if not found and renamed and new.parent is not None:
            found.append(Change(Kind.ID, new, field="id", old=old.key, new=new.key, old_item=old))
        self.result.changes += found

    def _text(self, old: Node, new: Node, name: str) -> list[Change]:
        before, after = old.texts.get(name), new.texts.get(name)
        if before == after:
            return []
        if before is not None and after is not None and whitespace_only(before, after):
            return [Change(Kind.WHITESPACE, new, name, before, after, old_item=old)]
        return self._changed(Kind.REWORDED, old, new, name, before, after)

    def _value(self, old: Node, new: Node, name: str) -> list[Change]:
        before, after = old.values.get(name), new.values.get(name)
        if before == after:
            return []
        return self._changed(_VALUE_KINDS.get(name, Kind.CHANGED), old, new, name, before, after)

    def _changed(
        self, kind: Kind, old: Node, new: Node, name: str, before: str | None, after: str | None
    ) -> list[Change]:
        segments = word_diff(before or "", after or "")
        change = Change(kind, new, name, before, after, segments, old_item=old)
        if kind is Kind.REWORDED and before and after:
            shifts = year_shifts(before, after)
            if shifts is not None:
                if self.options.shift and all(d == self.options.shift for d in shifts):
                    self.result.year_shifts.append(change)
                    return []
                return [Change(Kind.YEARS, new, name, before, after, segments, old_item=old)]
        return [change]

    def _ref(self, old: Node, new: Node, name: str) -> list[Change]:
        renames = self.options.refs.get(name, {})
        if renames is None:
            return []  # the two versions refer into different plans
        before, after = old.refs.get(name), new.refs.get(name)
        if before is not None:
            before = renames.get(before, before)
        if before == after or (name in old.inherited and name in new.inherited):
            return []  # unchanged, or inherited from a rubrik whose own change is reported
        kind = _REF_KINDS.get(name, Kind.CHANGED)
        return [Change(kind, new, name, old.refs.get(name), after, old_item=old)]

    def _order(self, old: Node, new: Node) -> list[Change]:
        """Children that stayed under this item but changed place among their siblings."""
        changes: list[Change] = []
        elements = dict.fromkeys(c.element for c in new.children)
        for element in elements:
            stayed = [c for c in new.children_of(element) if self._stayed(c, old)]
            old_order = sorted(stayed, key=lambda c: self.m.old_of[id(c)].index)
            matcher = SequenceMatcher(None, [id(c) for c in old_order], [id(c) for c in stayed])
            kept = {
                id(c)
                for block in matcher.get_matching_blocks()
                for c in stayed[block.b : block.b + block.size]
            }
            for child in stayed:
                if id(child) not in kept:
                    before = self.m.old_of[id(child)]
                    changes.append(
                        Change(
                            Kind.ORDER,
                            child,
                            old=str(before.index + 1),
                            new=str(child.index + 1),
                            old_item=before,
                        )
                    )
        return changes

    def _stayed(self, child: Node, old_parent: Node) -> bool:
        before = self.m.old_of.get(id(child))
        return before is not None and before.parent is old_parent


def year_shifts(before: str, after: str) -> list[int] | None:
    """How far each year moved when two texts differ in their years only (None when they
    differ in anything else, or not at all): "2019-2022" -> "2023-2026" gives [4, 4]."""
    old_years = [int(y) for y in _YEAR.findall(before)]
    new_years = [int(y) for y in _YEAR.findall(after)]
    if not old_years or len(old_years) != len(new_years):
        return None
    if _YEAR.sub("#", before) != _YEAR.sub("#", after):
        return None
    shifts = [n - o for o, n in zip(old_years, new_years, strict=True)]
    return shifts if any(shifts) else None


def rename_map(old_root: Node, new_root: Node, element: Element) -> dict[str, str]:
    """Old id -> new id of every matched item of one element type (renamed or not)."""
    m = _Matching()
    olds = [n for n in old_root.walk() if n.element is element]
    news = [n for n in new_root.walk() if n.element is element]
    return {
        o.key: n.key for o, n in _pair(m, olds, news) if o.key is not None and n.key is not None
    }


def section_map(old_root: Node, new_root: Node) -> dict[str, str]:
    """Old number -> new number of every paragraph matched between two versions of a VP
    (a renumbered paragraph maps its old number to its new)."""
    m = match_trees(old_root, new_root)
    return {
        old.name: new.name
        for old in old_root.walk()
        if old.element is Element.SECTION
        and old.name
        and (new := m.new_of.get(id(old))) is not None
        and new.name
    }
