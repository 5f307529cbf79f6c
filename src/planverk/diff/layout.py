"""Arrange a diff result for reading: grouped by container (fokusområde, rubrik,
handlingsplan), each item with all of its changes, in the newer plan's order.

The terminal and Markdown outputs both print this arrangement; the JSON output lists the
changes flat, and the Word output walks the plan trees itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planverk.core.gcpause import paused_gc
from planverk.diff.model import KIND_ORDER, Change, DiffResult, Kind, PlanKind
from planverk.diff.tree import Element, Node
from planverk.diff.wordiff import similarity

CONTAINERS = frozenset(
    {Element.PLAN, Element.FOCUS, Element.HEADING, Element.SECTION, Element.HP, Element.DIRECTION}
)
# The field a reader recognises each kind of item by.
LABEL_FIELD = {
    Element.ACTIVITY: "text",
    Element.ACTION: "text",
    Element.BULLET: "text",
    Element.GOAL: "rubrik",
    Element.HEADING: "rubrik",
    Element.FOCUS: "rubrik",
    Element.THEME: "rubrik",
    Element.SECTION: "rubrik",
    Element.HP: "titel",
    Element.PLAN: "titel",
}
_FIELD_NAMES = {
    "uppföljning/metod": "uppföljning: metod",
    "uppföljning/kvalitetsindikatorer": "uppföljning: kvalitetsindikatorer",
    "uppföljning/mål": "uppföljning: mål",
    "uppföljning/resultat": "uppföljning: resultat",
    "tidplan/datum": "tidplan",
    "tidplan": "tidplan: beskrivning",
    "plan-rubrik": "planens rubrik",
    "plan-text": "planens text",
    "nationellt-insatsområde": "nationellt insatsområde",
    "prioriterat-område": "prioriterat område",
}
INLINE_SIMILARITY = 0.4  # below this, show the old and the new text apart, not word by word


def field_name(name: str) -> str:
    return _FIELD_NAMES.get(name, name)


def noun(element: Element) -> str:
    return str(element.value)


@dataclass(slots=True)
class Entry:
    """One item and every change to it (and to its parts)."""

    item: Node  # in the newer plan, or in the older when it was removed
    changes: list[Change] = field(default_factory=list)
    sort: float = 0.0
    old_index: int | None = None  # position in the older plan, for a removed item

    def kinds(self) -> list[Kind]:
        """The kinds of change, a change to a part counting as a rewording."""
        found = set()
        for change in self.changes:
            kind = change.kind
            if change.item is not self.item and kind in (Kind.ADDED, Kind.REMOVED):
                kind = Kind.REWORDED
            found.add(kind)
        return [kind for kind in KIND_ORDER if kind in found]

    def phrase(self) -> str:
        """The item and its changes in words: "Flyttad och omformulerad aktivitet"."""
        return describe(self.item.element, self.kinds())

    def label_change(self) -> Change | None:
        """The rewording of the text the item is known by, when it can be shown inline."""
        name = LABEL_FIELD.get(self.item.element)
        for change in self.changes:
            if (
                change.item is self.item
                and change.kind in (Kind.REWORDED, Kind.YEARS)
                and change.field == name
                and change.old
                and change.new
                and similarity(change.old, change.new) >= INLINE_SIMILARITY
            ):
                return change
        return None


@dataclass(slots=True)
class Group:
    """A container (fokusområde, rubrik, handlingsplan ...) and what changed inside it."""

    node: Node | None  # None for the plan itself
    state: str | None = None  # "ny" or "utgår"
    changes: list[Change] = field(default_factory=list)  # of the container itself
    entries: list[Entry] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    sort: float = 0.0
    _index: dict[int, Group] = field(default_factory=dict)

    def title(self) -> str:
        return self.node.label if self.node is not None else ""

    def annotation(self) -> str:
        """Note after the title: "(ny rubrik)", "(nytt fokusområde)", "(utgår)"."""
        if self.node is None:
            return ""
        if self.state == "ny":
            if self.node.label.casefold() == noun(self.node.element):
                return "(ny)"
            return f"({Kind.ADDED.word(neuter=self.node.element.neuter)} {noun(self.node.element)})"
        if self.state == "utgår":
            return "(utgår)"
        moved = next((c for c in self.changes if c.kind is Kind.MOVED), None)
        if moved is not None:
            return f"(flyttad från {moved.old})"
        return ""


def describe(element: Element, kinds: list[Kind]) -> str:
    neuter = element.neuter
    before = [k.word(neuter=neuter) for k in kinds if k.prefix]
    after = [k.word(neuter=neuter) for k in kinds if not k.prefix]
    words = [_and(before), noun(element), _and(after)]
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def arrange(result: DiffResult) -> Group:
    """The changes of ``result`` grouped by container, in document order."""
    with paused_gc():
        return _arrange(result)


def _arrange(result: DiffResult) -> Group:
    order = _order(result)
    old_order = {id(node): index for index, node in enumerate(result.old_root.walk())}
    root = Group(None)
    for change in result.changes:
        owner = change.item.owner
        chain = [_newer(result, node) for node in owner.ancestors() if node.element in CONTAINERS]
        if owner.element in CONTAINERS:
            group = _group(result, root, [*chain, _newer(result, owner)], order)
            group.changes.append(change)
            continue
        group = _group(result, root, chain, order)
        shown = _newer(result, owner)
        entry = next((e for e in group.entries if e.item is shown), None)
        if entry is None:
            entry = Entry(shown, sort=order.get(id(shown), 0.0), old_index=old_order.get(id(shown)))
            group.entries.append(entry)
        entry.changes.append(change)
    _sort(root)
    return root


def _newer(result: DiffResult, node: Node) -> Node:
    """The newer version of an older node, when there is one."""
    return result.new_of.get(id(node), node)


def _group(result: DiffResult, root: Group, chain: list[Node], order: dict[int, float]) -> Group:
    group = root
    for node in chain:
        if node.parent is None:
            continue  # the plan itself is the root group
        child = group._index.get(id(node))
        if child is None:
            if id(node) in result.old_of:
                state = None
            elif _in_new_tree(result, node):
                state = "ny"
            else:
                state = "utgår"
            child = Group(node, state=state, sort=order.get(id(node), 0.0))
            group._index[id(node)] = child
            group.groups.append(child)
        group = child
    return group


def _in_new_tree(result: DiffResult, node: Node) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is result.new_root


def _order(result: DiffResult) -> dict[int, float]:
    """Sort keys: newer nodes by position; older-only nodes just after their predecessor."""
    order: dict[int, float] = {}
    for index, node in enumerate(result.new_root.walk()):
        order[id(node)] = float(index)
    last = -1.0
    step = 0.0
    for node in result.old_root.walk():
        newer = result.new_of.get(id(node))
        if newer is not None:
            last, step = order[id(newer)], 0.0
        else:
            step += 1e-4
            order.setdefault(id(node), last + 0.5 + step)
    return order


def _sort(group: Group) -> None:
    group.entries.sort(key=lambda e: e.sort)
    if group.entries and all(e.old_index is not None for e in group.entries):
        group.entries.sort(key=lambda e: e.old_index or 0)
    group.groups.sort(key=lambda g: g.sort)
    for child in group.groups:
        _sort(child)


def headline_counts(result: DiffResult) -> str:
    """Counts for the headline: "3 nya, 1 omformulerad, 1 flyttad" or "inga ändringar",
    and how many texts were left out because only their years followed the plan period."""
    counts = result.counts()
    text = ", ".join(kind.count_label(n) for kind, n in counts.items()) or "inga ändringar"
    folded = folded_note(result)
    return f"{text}; {folded}" if folded else text


def folded_note(result: DiffResult) -> str | None:
    """ "1 text där bara årtalen följer planperioden (+1 år) visas inte", or None."""
    count = len({(id(c.item), c.field) for c in result.year_shifts})
    if not count:
        return None
    noun = "text" if count == 1 else "texter"
    return f"{count} {noun} där bara årtalen följer planperioden ({result.shift:+d} år) visas inte"


def element_counts(result: DiffResult) -> list[str]:
    """Per element type, when more than one kind of item changed: "mål: 6 nya, 1 nytt ..."."""
    elements = result.elements()
    if len(elements) < 2:
        return []
    lines = []
    for element in elements:
        counts = result.counts(element)
        parts = ", ".join(k.count_label(n, neuter=element.neuter) for k, n in counts.items())
        lines.append(f"{element.plural}: {parts}")
    return lines


def root_entries_title(result: DiffResult, root: Group) -> str:
    """Title for items outside every container (a VP's plain list of goals)."""
    if root.entries and all(
        result.is_gone(e.item) and _in_old(result, e.item) for e in root.entries
    ):
        return f"Utgår (fanns i {result.old_label})"
    return {
        PlanKind.VP: "Mål utan fokusområde",
        PlanKind.HP: "Handlingsplaner",
    }.get(result.plan_kind, "Övrigt")


def _in_old(result: DiffResult, node: Node) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is result.old_root


def structure_notes(result: DiffResult) -> list[str]:
    """A line when one version groups its items in a way the other does not at all."""
    notes = []
    for element in (Element.FOCUS, Element.SECTION):
        old = sum(1 for n in result.old_root.walk() if n.element is element)
        new = sum(1 for n in result.new_root.walk() if n.element is element)
        if (old == 0) == (new == 0):
            continue
        items = sorted(
            {
                n.element.definite_plural
                for n in (result.new_root if new else result.old_root).walk()
                if n.element in (Element.GOAL, Element.HEADING, Element.ACTIVITY)
            }
        )
        what = " och ".join(items) or "innehållet"
        if new:
            notes.append(
                f"{result.new_label} ordnar {what} under {new} {element.plural}; "
                f"{result.old_label} hade inga {element.plural}."
            )
        else:
            notes.append(
                f"{result.old_label} ordnade {what} under {old} {element.plural}; "
                f"{result.new_label} har inga {element.plural}."
            )
    return notes


# -- what to say about an item: shared by the terminal and Markdown outputs -----------------

Fragment = tuple[str, str]  # (text, style): style "" plain, "del" removed, "ins" inserted


@dataclass(frozen=True, slots=True)
class Line:
    """One line about an item: a lead ("rubrik", "från") and the words, some marked."""

    lead: str
    words: tuple[Fragment, ...]


def diff_fragments(change: Change) -> tuple[Fragment, ...]:
    styles = {"equal": "", "delete": "del", "insert": "ins"}
    return tuple((seg.text, styles[seg.op.value]) for seg in change.words)


def headline(entry: Entry) -> tuple[str, tuple[Fragment, ...]]:
    """The phrase ("Omformulerad aktivitet") and the text, word by word when reworded."""
    label = entry.label_change()
    if label is not None:
        return entry.phrase(), diff_fragments(label)
    return entry.phrase(), ((entry.item.label, ""),)


_IN = {
    Element.GOAL: "i målet",
    Element.BULLET: "underpunkt till",
    Element.THEME: "i temat",
    Element.ACTIVITY: "i aktiviteten",
}


def details(result: DiffResult, item: Node | None, changes: list[Change]) -> list[Line]:
    """Lines for every change of an item except its inline-shown label rewording."""
    skip = Entry(item, list(changes)).label_change() if item is not None else None
    lines: list[Line] = []
    parent = item.parent if item is not None else None
    if parent is not None and item is not None and item.element is Element.BULLET:
        lead = _IN.get(parent.element)
        if lead is not None:
            lines.append(Line(lead, ((_newer(result, parent).label, ""),)))
    for change in changes:
        if change is not skip:
            lines += _lines(result, change, item)
    if item is not None and any(c.kind is Kind.ADDED and c.item is item for c in changes):
        lines += _content(item)
    return lines


def _content(item: Node) -> list[Line]:
    """The texts of a new item beyond its label, and its parts, so a reader sees it whole."""
    lines: list[Line] = []
    label_field = LABEL_FIELD.get(item.element)
    for name, text in item.texts.items():
        if name != label_field:
            lines.append(Line(field_name(name), ((text, ""),)))
    for name, value in item.values.items():
        if name != "nummer":  # a paragraph's number is in its label
            lines.append(Line(field_name(name), ((value, ""),)))
    for child in item.children:
        if child.element is Element.BULLET:
            lead = "underpunkt" if item.element is Element.BULLET else "punkt"
            lines.append(Line(lead, ((child.label, ""),)))
            lines += [Line("  underpunkt", ((g.label, ""),)) for g in child.children]
        elif child.element is Element.THEME:
            lines.append(Line("tema", ((child.label, ""),)))
            lines += [Line(f"  {n.lead}", n.words) for n in _content(child)]
    return lines


def _lines(result: DiffResult, change: Change, item: Node | None) -> list[Line]:
    kind = change.kind
    if change.item is not item and change.item.owner is item:
        return _part_lines(change)
    name = field_name(change.field or "")
    if kind in (Kind.ADDED, Kind.REMOVED):
        return []  # said by the phrase, or by the group's annotation
    if kind is Kind.MOVED:
        return [Line("från", ((_old_place(result, change), ""),))]
    if kind is Kind.WHITESPACE:
        return [Line(name, (("bara blanksteg eller radbrytningar ändrade", ""),))]
    if kind is Kind.RENUMBERED:
        return [
            Line("nummer", ((f"§ {change.old}", "del"), (" → ", ""), (f"§ {change.new}", "ins")))
        ]
    if kind in (Kind.REWORDED, Kind.YEARS):
        if change.old is None:
            return [Line(f"{name} tillagd", ((change.new or "", "ins"),))]
        if change.new is None:
            return [Line(f"{name} borttagen", ((change.old, "del"),))]
        if similarity(change.old, change.new) < INLINE_SIMILARITY:
            return [
                Line(f"{name} tidigare", ((change.old, "del"),)),
                Line(f"{name} nu", ((change.new, "ins"),)),
            ]
        return [Line(name, diff_fragments(change))]
    if kind is Kind.ORDER:
        return [Line("plats", ((f"{change.old} → {change.new}", ""),))]
    if kind is Kind.ASSIGNMENT and change.old and change.new:
        return [Line(name, diff_fragments(change))]
    before, after = change.old or "–", change.new or "–"
    return [Line(name, ((before, "del"), (" → ", ""), (after, "ins")))]


def _part_lines(change: Change) -> list[Line]:
    part = noun(change.item.element)
    if change.kind is Kind.ADDED:
        return [Line(f"{part} tillagd", ((change.item.label, "ins"),))]
    if change.kind is Kind.REMOVED:
        return [Line(f"{part} borttagen", ((change.item.label, "del"),))]
    lead = part
    if change.item.element is Element.REPORT:
        lead = f"{change.item.label}, {field_name(change.field or '')}"
    if change.kind is Kind.REWORDED and change.old and change.new:
        return [Line(lead, diff_fragments(change))]
    before, after = change.old or "–", change.new or "–"
    return [Line(lead, ((before, "del"), (" → ", ""), (after, "ins")))]


def _old_place(result: DiffResult, change: Change) -> str:
    """Where a moved item was: its old container, with the fokusområde when that differs."""
    old = change.old_item
    if old is None or old.parent is None:
        return change.old or ""
    chain = old.ancestors()
    newer_chain = change.item.ancestors()
    shown = [node for node in chain if result.new_of.get(id(node)) not in newer_chain]
    return " › ".join(node.label for node in (shown or chain[-1:]))
