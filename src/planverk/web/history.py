"""When each plan changed and what changed, read from git (when the plans are in git).

The commits come from `git log` and the plans at each commit from git's object store
(:mod:`planverk.diff.gitrev`, as `planverk diff --since` reads them): nothing is checked
out, the work tree, index and HEAD stay as they are. Each change of a plan file is
compared with the plan before it by `planverk diff`'s comparison, and told in its words
("2 nya, 1 omformulerad"). The latest :data:`MAX_COMMITS` commits are read, so the cost
stays bounded on a long history; the page says when older ones were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.core.chars import writable
from planverk.core.errors import UserError
from planverk.loading.planset import Loaded, PlanSet

MAX_COMMITS = 25
Data = dict[str, Any]


@dataclass(slots=True)
class History:
    """The plans' history in git, as template data."""

    in_git: bool
    reason: str = ""  # why there is no history, when there is none
    plans: list[Data] = field(default_factory=list)  # one per plan file, with its changes
    latest: Data | None = None  # the newest commit that changed a plan
    more: bool = False  # older commits were left out


def _selection(plan: Any) -> tuple[str, str] | None:
    """(diff kind, selection) that compares the plan ``plan`` with its earlier version."""
    from planverk.model import Aktivitetsplan, Handlingsplan, Verksamhetsplan

    if isinstance(plan, Aktivitetsplan):
        return "aktivitetsplan", str(plan.year)
    if isinstance(plan, Verksamhetsplan):
        return "verksamhetsplan", plan.id
    if isinstance(plan, Handlingsplan):
        return "handlingsplan", str(plan.year) if plan.year is not None else "levande"
    return None


def _plan_in(planset: PlanSet, display: str) -> Any:
    plans: list[Loaded[Any]] = [*planset.vps, *planset.aps, *planset.hps]
    for loaded in plans:
        if loaded.doc.display == display:
            return loaded.plan
    if planset.project is not None and planset.project.doc.display == display:
        return planset.project.plan
    return None


def _title(plan: Any, path: str) -> str:
    title = getattr(plan, "title", None) or getattr(plan, "name", None)
    return writable(title) if title else Path(path).name


def read_history(plan_dir: Path, current: PlanSet) -> History:
    """The history of the plans under ``plan_dir``; without git, a History that says why."""
    from planverk.diff.gitrev import RevisionError, plan_log

    try:
        top, commits, more = plan_log(plan_dir, MAX_COMMITS)
    except RevisionError as err:
        return History(False, err.message)
    if not commits:
        return History(False, "planfilerna är inte incheckade i git ännu")
    sets: dict[str, PlanSet | None] = {}
    relative = plan_dir.resolve().relative_to(top.resolve()).as_posix()
    by_file: dict[str, Data] = {}
    for commit in commits:
        for status, path in commit.files:
            entry = by_file.get(path)
            if entry is None:
                inside = path[len(relative) + 1 :] if relative != "." else path
                on_disk = plan_dir / inside
                plan = _plan_in(current, _display(on_disk))
                entry = by_file[path] = {
                    "fil": path,
                    "titel": _title(plan, path) if plan is not None else Path(path).name,
                    "finns": plan is not None,
                    "ändringar": [],
                }
            entry["ändringar"].append(
                {
                    "datum": commit.date,
                    "id": commit.id[:10],
                    "författare": writable(commit.author),
                    "meddelande": writable(commit.subject),
                    "slag": {"A": "ny fil", "D": "borttagen"}.get(status, "ändrad"),
                    "vad": _what_changed(plan_dir, commit, status, path, sets),
                }
            )
        for revision in list(sets):  # keep one plan set (the parent, next in line) at most
            if revision != commit.parent:
                del sets[revision]
    latest = commits[0]
    plans = sorted(by_file.values(), key=lambda e: (not e["finns"], e["titel"].casefold()))
    return History(
        True,
        plans=plans,
        latest={"datum": latest.date, "id": latest.id[:10]},
        more=more,
    )


def _display(path: Path) -> str:
    from planverk.loading.planset import display_path

    return display_path(path)


def _load(plan_dir: Path, revision: str, sets: dict[str, PlanSet | None]) -> PlanSet | None:
    from planverk.diff.gitrev import load_at_revision

    if revision not in sets:
        try:
            sets[revision] = load_at_revision(revision, plan_dir)
        except UserError:
            sets[revision] = None
    return sets[revision]


def _what_changed(
    plan_dir: Path, commit: Any, status: str, path: str, sets: dict[str, PlanSet | None]
) -> str:
    """The change of one plan file in one commit, in the words of `planverk diff --brief`."""
    if status in ("A", "D") or commit.parent is None:
        return ""
    from planverk.diff.layout import headline_counts
    from planverk.diff.model import PlanKind
    from planverk.diff.select import diff

    new_set = _load(plan_dir, commit.id, sets)
    old_set = _load(plan_dir, commit.parent, sets)
    if new_set is None or old_set is None:
        return "kunde inte läsas ur git"
    plan = _plan_in(new_set, f"{commit.id}:{path}")
    chosen = _selection(plan) if plan is not None else None
    if chosen is None:
        return "projektfilen" if plan is not None else "kunde inte läsas"
    kind, selection = chosen
    try:
        result = diff(old_set, new_set, PlanKind(kind), selection, selection)
    except UserError:
        return "kunde inte jämföras med versionen före"
    return writable(headline_counts(result))
