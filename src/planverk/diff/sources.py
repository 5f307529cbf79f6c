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

from planverk.core.progress import phase
from planverk.diff.model import DiffResult, PlanKind
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
    sources = [s for s in read_sources(discover(plan_dir), within=plan_dir) if keep(s)]
    return load_sources(sources, root=root, plan_dir=plan_dir)


EVERYTHING = Needs(_ALL_KINDS)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A diff and the two plan sets it was made from."""

    result: DiffResult
    old_set: PlanSet
    new_set: PlanSet


def compare(
    plan_dir: Path,
    kind: PlanKind,
    old: str,
    new: str,
    *,
    since: str | None = None,
    order: bool = False,
    everything: bool = False,
) -> Comparison:
    """Compare plan ``old`` with plan ``new`` of the plan folder (``old`` as it was at git
    revision ``since`` when given), reading only the files the comparison needs unless
    ``everything``. Raises DiffError or RevisionError (both :class:`UserError`)."""
    from planverk.diff.gitrev import load_at_revision
    from planverk.diff.select import DiffError, diff

    attempts = (EVERYTHING,) if everything else (needs(kind, (old, new)), EVERYTHING)
    for attempt in attempts:
        try:
            with phase("Läser planerna"):
                new_set = load_worktree(plan_dir, attempt)
                old_set = (
                    load_at_revision(since, plan_dir, attempt) if since is not None else new_set
                )
            with phase("Jämför planerna"):
                result = diff(old_set, new_set, kind, old, new, since=since, order=order)
            return Comparison(result, old_set, new_set)
        except DiffError:
            if attempt is not EVERYTHING:
                continue  # again with every file, so the message can list what there is
            raise
    raise AssertionError("unreachable")  # pragma: no cover
