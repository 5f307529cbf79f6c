"""The diff result: change records that every output (text, md, json, docx) is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planverk.diff.tree import Element, Node
from planverk.loading.planset import Loaded


class Op(StrEnum):
    """One step of a word diff."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True, slots=True)
class Segment:
    op: Op
    text: str


class Kind(StrEnum):
    """Kind of change; the value is the stable code in JSON."""

    ADDED = "tillagd"
    REMOVED = "borttagen"
    REWORDED = "omformulerad"
    YEARS = "årtal-ändrade"  # only years changed, and not by the plan period's own shift
    RENUMBERED = "omnumrerad"
    WHITESPACE = "blanksteg"
    MOVED = "flyttad"
    STATUS = "status-ändrad"
    GOAL = "mål-ändrat"
    SERVES = "paragraf-ändrad"  # now serves another paragraph or bullet of the VP
    ACTIVITY = "aktivitet-ändrad"
    ASSIGNMENT = "uppdrag-ändrat"
    RESPONSIBLE = "ansvar-ändrat"
    CHANGED = "ändrad"
    ID = "id-ändrat"
    ORDER = "ordning-ändrad"

    @property
    def prefix(self) -> bool:
        """Said before the noun ("ny aktivitet"), else after it ("åtgärd med ny status")."""
        return self in _PREFIX

    def word(self, count: int = 1, *, neuter: bool = False) -> str:
        """The adjective or phrase for ``count`` items: ny / nytt / nya, med ny status."""
        common, ett, plural = _KIND_WORDS[self]
        if count != 1:
            return plural
        return ett if neuter else common

    def count_label(self, count: int, *, neuter: bool = False) -> str:
        return f"{count} {self.word(count, neuter=neuter)}"


# Swedish forms: en-word singular, ett-word singular, plural.
_KIND_WORDS: dict[Kind, tuple[str, str, str]] = {
    Kind.ADDED: ("ny", "nytt", "nya"),
    Kind.REMOVED: ("borttagen", "borttaget", "borttagna"),
    Kind.REWORDED: ("omformulerad", "omformulerat", "omformulerade"),
    Kind.YEARS: ("med ändrade årtal",) * 3,
    Kind.RENUMBERED: ("omnumrerad", "omnumrerat", "omnumrerade"),
    Kind.WHITESPACE: ("med ändrade blanksteg",) * 3,
    Kind.MOVED: ("flyttad", "flyttat", "flyttade"),
    Kind.STATUS: ("med ny status",) * 3,
    Kind.GOAL: ("med nytt mål",) * 3,
    Kind.SERVES: ("med ny paragraf eller punkt",) * 3,
    Kind.ACTIVITY: (
        "kopplad till en annan aktivitet",
        "kopplat till en annan aktivitet",
        "kopplade till en annan aktivitet",
    ),
    Kind.ASSIGNMENT: ("med ändrat uppdrag",) * 3,
    Kind.RESPONSIBLE: ("med nytt ansvar",) * 3,
    Kind.CHANGED: ("ändrad", "ändrat", "ändrade"),
    Kind.ID: ("med nytt id",) * 3,
    Kind.ORDER: ("med ny plats i ordningen",) * 3,
}
_PREFIX = frozenset(
    {Kind.ADDED, Kind.REMOVED, Kind.REWORDED, Kind.MOVED, Kind.CHANGED, Kind.RENUMBERED}
)

# The order kinds are counted and listed in.
KIND_ORDER: tuple[Kind, ...] = tuple(Kind)


class PlanKind(StrEnum):
    AP = "aktivitetsplan"
    VP = "verksamhetsplan"
    HP = "handlingsplan"


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one item (an activity, a rubrik, a goal, an action ...).

    ``field`` names the part that changed (``text``, ``rubrik``, ``status`` ...) or is None
    when the whole item was added, removed or moved. ``old``/``new`` are the values
    before and after (None when there was none).
    """

    kind: Kind
    item: Node  # the item in the newer plan, or in the older when it was removed
    field: str | None = None
    old: str | None = None
    new: str | None = None
    words: tuple[Segment, ...] = ()
    old_item: Node | None = None  # the matched item in the older plan
    note: str | None = None  # context for a reader, e.g. "under den nya rubriken ..."

    @property
    def element(self) -> Element:
        return self.item.element

    @property
    def path(self) -> str:
        """Id-based path of what changed: ``fokusområden/vou/rubriker/x/aktiviteter/y/text``."""
        return _join(self.item.id_path, self.field)

    @property
    def old_path(self) -> str | None:
        return None if self.old_item is None else _join(self.old_item.id_path, self.field)


def _join(path: str, name: str | None) -> str:
    return "/".join(part for part in (path, name) if part)


@dataclass(slots=True)
class DiffResult:
    """What changed between two versions of a plan (or of a set of handlingsplaner).

    Every output (terminal, Markdown, JSON, Word with tracked changes) is made from this.
    """

    plan_kind: PlanKind
    title: str  # "Aktivitetsplan 2024 → 2025"
    old_label: str  # "2024", "2021–2024", "HEAD"
    new_label: str  # "2025", "2025–2028", "arbetskopian"
    old_root: Node
    new_root: Node
    changes: list[Change] = field(default_factory=list)
    # Text whose only change is its years moved by the plan period's own shift (2024 ->
    # 2025 between two years' plans): expected, so not listed, but counted in the headline
    # and kept so the tracked-changes document can reproduce the older text.
    year_shifts: list[Change] = field(default_factory=list)
    shift: int = 0  # the plan period's own shift in years (0: the same plan's versions)
    old_of: dict[int, Node] = field(default_factory=dict)  # id(new node) -> matched old node
    new_of: dict[int, Node] = field(default_factory=dict)  # id(old node) -> matched new node
    folded: set[int] = field(default_factory=set)  # new/gone containers told as context
    comparisons: int = 0  # exact text comparisons the matching made
    since: str | None = None  # the git revision, for `--since`
    year: int | None = None  # the newer plan's year, for "Nytt för 2025"
    # The loaded plans compared (one each, or the handlingsplaner of a year), so the Word
    # output can render them as `planverk render` does.
    old_plans: list[Loaded[Any]] = field(default_factory=list)
    new_plans: list[Loaded[Any]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def counts(self, element: Element | None = None) -> dict[Kind, int]:
        """Number of distinct items per kind of change (of one element type, or all).

        A change to a part (a bullet of a goal, a report of an action) counts as a
        rewording of the item that holds it.
        """
        seen: dict[Kind, set[int]] = {}
        for change in self.changes:
            owner = change.item.owner
            if element is not None and owner.element is not element:
                continue
            kind = change.kind
            if owner is not change.item and kind in (Kind.ADDED, Kind.REMOVED):
                kind = Kind.REWORDED
            seen.setdefault(kind, set()).add(id(owner))
        return {kind: len(seen[kind]) for kind in KIND_ORDER if kind in seen}

    def elements(self) -> list[Element]:
        """Element types (of the items changed), in the order they first appear."""
        return list(dict.fromkeys(change.item.owner.element for change in self.changes))

    def is_gone(self, node: Node) -> bool:
        """The node (of the older tree) has no counterpart in the newer."""
        return id(node) not in self.new_of
