"""A plan as a tree of comparable items, the same shape for every plan kind.

Each item (fokusområde, rubrik, aktivitet, mål, åtgärd, punkt ...) becomes a Node with its
id, its texts (compared word by word), its values (status, uppdrag ...: compared whole), its
references (to VP goals or AP activities) and its children. The diff works on these trees
only, so one algorithm serves aktivitetsplaner, verksamhetsplaner and handlingsplaner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

YamlPath = tuple[str | int, ...]


class SourceLines(Protocol):
    """Looks up the line an item was written on."""

    def line(self, path: YamlPath) -> int: ...


class Element(StrEnum):
    """Type of an item in a plan tree; the value is the Swedish noun."""

    PLAN = "plan"
    DIRECTION = "strategisk inriktning"
    THEME = "tema"
    FOCUS = "fokusområde"
    HEADING = "rubrik"
    ACTIVITY = "aktivitet"
    GOAL = "mål"
    SECTION = "avsnitt"
    BULLET = "punkt"
    HP = "handlingsplan"
    ACTION = "åtgärd"
    REPORT = "rapport"

    @property
    def plural(self) -> str:
        return _PLURAL[self]

    @property
    def definite_plural(self) -> str:
        """Definite plural: "målen", "rubrikerna", "aktiviteterna"."""
        return _DEFINITE_PLURAL.get(self, self.plural)

    @property
    def neuter(self) -> bool:
        """Swedish ett-word: "nytt mål", "borttaget fokusområde"."""
        return self in (Element.FOCUS, Element.GOAL, Element.SECTION, Element.THEME)


_PLURAL = {
    Element.PLAN: "planen som helhet",
    Element.DIRECTION: "strategisk inriktning",
    Element.THEME: "teman",
    Element.FOCUS: "fokusområden",
    Element.HEADING: "rubriker",
    Element.ACTIVITY: "aktiviteter",
    Element.GOAL: "mål",
    Element.SECTION: "avsnitt",
    Element.BULLET: "punkter",
    Element.HP: "handlingsplaner",
    Element.ACTION: "åtgärder",
    Element.REPORT: "rapporter",
}

_DEFINITE_PLURAL = {
    Element.GOAL: "målen",
    Element.HEADING: "rubrikerna",
    Element.ACTIVITY: "aktiviteterna",
    Element.ACTION: "åtgärderna",
    Element.FOCUS: "fokusområdena",
    Element.SECTION: "avsnitten",
    Element.BULLET: "punkterna",
}

# Items matched across the whole plan, so a move between parents is seen as a move.
# Bullets are first matched under their own (matched) parent, by id, text and place, and
# only those left over across the plan (see compare.match_trees).
MOVABLE = frozenset(
    {Element.ACTIVITY, Element.HEADING, Element.GOAL, Element.ACTION, Element.BULLET}
)
# Parts of an item: their changes are changes of the item that holds them.
PARTS = frozenset({Element.REPORT})


@dataclass(eq=False, slots=True)
class Node:
    """One item of a plan. Identity (``is``) is what the diff matches on."""

    element: Element
    key: str | None  # id (or § number, report period) used to match; None for free bullets
    label: str  # what a reader recognises the item by: its heading or its text
    segment: str = ""  # the YAML list it lives in, for id-based paths ("aktiviteter")
    texts: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    inherited: frozenset[str] = frozenset()  # refs taken from the parent, not written here
    children: list[Node] = field(default_factory=list)
    yaml_path: YamlPath = ()
    name: str | None = None  # shown in the id-based path when there is no key (a § number)
    match_text: str = ""  # what similarity pairing compares, when not the label
    file: str = ""
    source: SourceLines | None = None  # where to look up the line, on demand
    parent: Node | None = None
    index: int = 0  # position among the parent's children of the same element type
    _counts: dict[Element, int] = field(default_factory=dict)
    _walked: list[Node] | None = None  # a plan root's walk, kept: it is asked for often

    def add(self, child: Node) -> Node:
        child.parent = self
        child.index = self._counts.get(child.element, 0)
        self._counts[child.element] = child.index + 1
        self.children.append(child)
        node: Node | None = self
        while node is not None:  # a tree that grows is walked anew
            node._walked = None
            node = node.parent
        return child

    @property
    def line(self) -> int:
        """Line of the item in its file (0 when not known)."""
        return self.source.line(self.yaml_path) if self.source is not None else 0

    @property
    def id_path(self) -> str:
        """``fokusområden/vou/rubriker/krisberedskap/aktiviteter/nspl``: ids, not positions."""
        if self.parent is None:
            return ""
        name = self.key if self.key is not None else (self.name or str(self.index + 1))
        here = f"{self.segment}/{name}" if self.segment else name
        above = self.parent.id_path
        return f"{above}/{here}" if above else here

    @property
    def owner(self) -> Node:
        """The item a part (a bullet, a report) belongs to; the node itself otherwise."""
        node = self
        while node.element in PARTS and node.parent is not None:
            node = node.parent
        return node

    def ancestors(self) -> list[Node]:
        """Containers above this node, outermost first, without the plan root."""
        chain: list[Node] = []
        node = self.parent
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def walk(self) -> Sequence[Node]:
        """This node and everything below it, in document order.

        Matching, recording and the layout each walk both plans (35 000 nodes each for an
        aktivitetsplan of 10 000 activities), so a root keeps its walk until it grows.
        """
        if self._walked is not None:
            return self._walked
        found: list[Node] = []
        stack = [self]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(node.children))
        if self.parent is None:
            self._walked = found
        return found

    def children_of(self, element: Element) -> list[Node]:
        return [child for child in self.children if child.element is element]
