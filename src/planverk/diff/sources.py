"""Load only the plan files a comparison needs.

A diff of two aktivitetsplaner needs the project file, the verksamhetsplaner and those two
years' aktivitetsplaner, not the handlingsplaner of every year. A cheap look at each file's
top-level ``typ:`` and ``år:`` (before any YAML parsing) picks them; a file that cannot be
told apart that way is loaded anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from planverk.diff.model import PlanKind
from planverk.loading.planset import PlanSet, Source, discover, load_sources, read_sources

_KIND = re.compile(rb"^typ:[ \t]*[\"']?([^\s\"'#]+)", re.MULTILINE)
_YEAR = re.compile(rb"^\xc3\xa5r:[ \t]*[\"']?(\d{4})", re.MULTILINE)  # "år:" in UTF-8


@dataclass(frozen=True, slots=True)
class Needs:
    """Which plan files a comparison reads."""

    kinds: frozenset[str]
    ap_years: frozenset[int] | None = None  # None: every year

    def __call__(self, source: Source) -> bool:
        if isinstance(source.content, OSError):
            return True  # let loading report it
        kind = _KIND.search(source.content)
        if kind is None:
            return True
        name = kind.group(1).decode("utf-8", "replace")
        if name not in self.kinds and name in _ALL_KINDS:
            return False
        if name == "aktivitetsplan" and self.ap_years is not None:
            year = _YEAR.search(source.content)
            return year is None or int(year.group(1)) in self.ap_years
        return True


_ALL_KINDS = frozenset({"projekt", "verksamhetsplan", "aktivitetsplan", "handlingsplan"})


def needs(kind: PlanKind, selections: Collection[str]) -> Needs:
    years = frozenset(int(s) for s in selections if s.strip().isdigit())
    if kind is PlanKind.VP:
        return Needs(frozenset({"projekt", "verksamhetsplan"}))
    if kind is PlanKind.AP:
        return Needs(frozenset({"projekt", "verksamhetsplan", "aktivitetsplan"}), years or None)
    return Needs(frozenset(_ALL_KINDS), years or None)


def load_worktree(plan_dir: Path, keep: Callable[[Source], bool]) -> PlanSet:
    """The plan set in the work tree, with only the files ``keep`` wants."""
    root = plan_dir.parent if plan_dir.name == "plans" else plan_dir
    sources = [s for s in read_sources(discover(plan_dir)) if keep(s)]
    return load_sources(sources, root=root, plan_dir=plan_dir)
