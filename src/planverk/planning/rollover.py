"""`planverk new`: next year's aktivitetsplan and handlingsplaner, made from this year's.

What carries over and what is left, decided here:

- AP activities carry over with their ids, except an activity whose every action (in the
  year's handlingsplaner and the living ones) is avslutad; an activity without actions
  carries over. A rubrik whose activities are all left keeps its place, without
  activities.
- Actions of the year's handlingsplaner carry over with their ids unless avslutade (by the
  ``status:``, else by the latest report); ``status:`` becomes *ej rapporterad* and
  ``rapporter:`` is removed. A plan whose every action is avslutad is not copied.
- Every ``beslut:`` is removed (the new plan is not decided yet); comments, ``kommentar:``,
  ``uppföljning:``, ``tidplan:`` and everything else stay as written. A tidplan that ended
  before the new year is kept and named in the printout, so the planner plans it anew.
- ``år`` becomes the new year; the old year in ``titel`` and in a handlingsplan's ``id`` is
  replaced by the new one (an id without the year gets ``-<year>``); a ``verksamhetsplan:``
  that does not cover the new year is replaced by the one that does.
- Living handlingsplaner (no year) are not copied: they run on.

Files are found where the old ones are, the year replaced in the path
(``handlingsplaner/2025/x.yaml`` -> ``handlingsplaner/2026/x.yaml``). Nothing is written
when a target file, the new year's AP or a handlingsplan id already exists, or while a
plan file does not load (it may be one of the sources: its year cannot be known): the
findings name it. Every new plan is worked out before anything is written, and then all
are written or none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from planverk.core.atomic import write_all
from planverk.core.errors import UserError
from planverk.core.findings import Finding, Level
from planverk.core.oserrors import write_error
from planverk.edit import roundtrip as yamledit
from planverk.lint.validate import Result, validate
from planverk.loading.planset import Loaded, PlanSet, display_path, load_plan_dir
from planverk.loading.yamlfile import parse
from planverk.model import Action, Aktivitetsplan, Handlingsplan, walk
from planverk.model.common import Status
from planverk.model.periods import Calendar
from planverk.planning.followup import current_status

FINISHED = Status.FINISHED.value
NOT_REPORTED = Status.NOT_REPORTED.value
SCHEMA_LINE = "# yaml-language-server:"


class RolloverError(UserError):
    """The new year's plans cannot be made as asked (a usage error)."""


class SourcesHaveErrors(RolloverError):
    """Plan files that do not load block the rollover; ``findings`` say where and why."""

    def __init__(self, planset: PlanSet, findings: list[Finding]) -> None:
        first = findings[0]
        files = sorted({f.file for f in findings})
        where = f"{first.file}:{first.span.line}:{first.span.column}"
        super().__init__(
            f"{', '.join(files)} går inte att läsa, så inget skrevs "
            f"({where}: {first.code} {first.message})",
            "Rätta filen och kör kommandot igen; planverk new skriver alla nya planer eller ingen.",
        )
        self.planset = planset
        self.findings = findings


@dataclass(slots=True)
class PlanCopy:
    """One new plan file and what went into it."""

    kind: str  # "aktivitetsplan" or "handlingsplan"
    title: str
    source: Path
    target: Path
    plan_id: str | None = None  # a handlingsplan's new id
    text: str = ""
    carried: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def source_display(self) -> str:
        return display_path(self.source)

    @property
    def target_display(self) -> str:
        return display_path(self.target)


@dataclass(slots=True)
class Rollover:
    from_year: int
    to_year: int
    copies: list[PlanCopy] = field(default_factory=list)
    not_copied: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """A rollover done (or, dry, worked out) and what validation says of the new plans."""

    rollover: Rollover
    checked: Result | None = None  # None for a dry run
    findings: list[Finding] = field(default_factory=list)  # in the new files


def roll(
    plan_dir: Path, to_year: int, from_year: int, today: dt.date, *, dry_run: bool = False
) -> Outcome:
    """`planverk new` as a library call: load, work out every new plan, write all or none,
    validate. Raises SourcesHaveErrors (nothing written) or another RolloverError."""
    planset = load_plan_dir(plan_dir)
    result = plan(planset, to_year, from_year, today)
    if dry_run:
        return Outcome(result)
    write(result)
    checked = validate(plan_dir=plan_dir)
    new_files = {copy.target_display for copy in result.copies}
    return Outcome(result, checked, [f for f in checked.findings if f.file in new_files])


def plan(planset: PlanSet, to_year: int, from_year: int, today: dt.date) -> Rollover:
    """Work out the new plans (texts included) without writing anything."""
    broken = [f for f in planset.findings if f.level >= Level.ERROR]
    if broken:
        raise SourcesHaveErrors(planset, broken)
    if to_year == from_year:
        raise RolloverError(
            "det nya året är samma som det gamla", "Ange t.ex. `new 2026 --from 2025`."
        )
    ap = planset.ap(from_year)
    hps = planset.hps_for(from_year)
    if ap is None and not hps:
        raise RolloverError(
            f"det finns ingen aktivitetsplan eller handlingsplan för {from_year} att utgå från",
            "Kör `planverk validate`: en plan som inte går att läsa räknas inte.",
        )
    _check_no_ap(planset, to_year)
    vp_id = _vp_for(planset, to_year)
    calendar = Calendar.of(planset.project.plan if planset.project else None)
    result = Rollover(from_year, to_year)
    header = f"# Skapad {today.isoformat()} med `planverk new {to_year} --from {from_year}`"
    finished = _finished_actions(planset, from_year, calendar)
    if ap is not None:
        result.copies.append(_copy_ap(planset, ap, to_year, from_year, vp_id, finished, header))
    for hp in hps:
        copy = _copy_hp(planset, hp, to_year, from_year, vp_id, calendar, header)
        if copy is None:
            result.not_copied.append(f"{hp.plan.id} ({hp.doc.display}): alla åtgärder är avslutade")
        else:
            result.copies.append(copy)
    living = [hp.plan.id for hp in planset.hps if hp.plan.year is None]
    if living:
        result.not_copied.append(
            "levande handlingsplaner gäller tills vidare och kopieras inte: " + ", ".join(living)
        )
    _check_free(planset, result)
    return result


def write(rollover: Rollover) -> None:
    """Write every new plan, all or none, never over an existing file."""
    files = [(copy.target, copy.text.encode("utf-8")) for copy in rollover.copies]
    try:
        write_all(files, new_only=True)
    except FileExistsError as err:
        shown = display_path(Path(err.filename)) if err.filename else "en ny plan"
        raise RolloverError(
            f"{shown} finns redan; inget skrevs",
            "planverk new skriver aldrig över en fil. Ta bort eller byt namn på filen om "
            "planen ska göras om.",
        ) from None
    except OSError as err:
        raise write_error(err.filename or rollover.copies[0].target_display, err) from None


# --- the aktivitetsplan -------------------------------------------------------------------


def _copy_ap(
    planset: PlanSet,
    ap: Loaded[Aktivitetsplan],
    to_year: int,
    from_year: int,
    vp_id: str,
    finished: dict[str, bool],
    header: str,
) -> PlanCopy:
    old = ap.plan
    title = _new_title(old.title, from_year, to_year)
    source = _source_path(ap.doc.display)
    copy = PlanCopy(
        "aktivitetsplan", title, source, _target_path(planset, source, from_year, to_year)
    )
    values: dict[yamledit.Path, object] = {("år",): to_year}
    if title != old.title:
        values[("titel",)] = title
    if old.vp is not None and old.vp != vp_id:
        values[("verksamhetsplan",)] = vp_id
        copy.notes.append(f"verksamhetsplan: {old.vp} -> {vp_id}")
    removals: list[yamledit.Path] = []
    if old.decision is not None:
        removals.append(("beslut",))
        copy.notes.append("beslutet är borttaget (planen är inte beslutad än)")
    by_heading: dict[yamledit.Path, list[tuple[yamledit.Path, bool]]] = {}
    for item in walk.activities(old):
        heading_path = item.path[:-2]
        done = finished.get(item.activity.id, False)
        by_heading.setdefault(heading_path, []).append((item.path, done))
        if done:
            copy.left.append(f"{item.activity.id} (alla åtgärder avslutade)")
            continue
        copy.carried.append(item.activity.id)
        if item.activity.decision is not None:
            removals.append((*item.path, "beslut"))
    for heading_path, items in by_heading.items():
        if all(done for _, done in items):
            removals.append((*heading_path, "aktiviteter"))
        else:
            removals += [path for path, done in items if done]
    copy.text = _edit(ap.doc.text, values, removals, header, copy.source_display)
    return copy


def _finished_actions(planset: PlanSet, year: int, calendar: Calendar) -> dict[str, bool]:
    """AP activity id -> whether every action serving it (this year's and living plans')
    is avslutad."""
    result: dict[str, bool] = {}
    for hp in planset.hps:
        if hp.plan.year not in (year, None):
            continue
        for item in walk.actions(hp.plan):
            activity = item.action.activity
            if activity is None:
                continue
            done = _is_finished(item.action, hp.plan.year, calendar)
            result[activity] = result.get(activity, True) and done
    return result


def _is_finished(action: Action, plan_year: int | None, calendar: Calendar) -> bool:
    return current_status(action, plan_year, calendar) == FINISHED


# --- handlingsplaner ----------------------------------------------------------------------


def _copy_hp(
    planset: PlanSet,
    hp: Loaded[Handlingsplan],
    to_year: int,
    from_year: int,
    vp_id: str,
    calendar: Calendar,
    header: str,
) -> PlanCopy | None:
    old = hp.plan
    title = _new_title(old.title, from_year, to_year)
    source = _source_path(hp.doc.display)
    new_id = _new_id(old.id, from_year, to_year)
    copy = PlanCopy(
        "handlingsplan",
        title,
        source,
        _target_path(planset, source, from_year, to_year),
        plan_id=new_id,
    )
    values: dict[yamledit.Path, object] = {("år",): to_year, ("id",): new_id}
    if title != old.title:
        values[("titel",)] = title
    if old.vp is not None and old.vp != vp_id:
        values[("verksamhetsplan",)] = vp_id
        copy.notes.append(f"verksamhetsplan: {old.vp} -> {vp_id}")
    removals: list[yamledit.Path] = []
    if old.decision is not None:
        removals.append(("beslut",))
        copy.notes.append("beslutet är borttaget (planen är inte beslutad än)")
    kept = 0
    for item in walk.actions(old):
        action = item.action
        if _is_finished(action, old.year, calendar):
            copy.left.append(f"{action.id} (avslutad)")
            removals.append(item.path)
            continue
        kept += 1
        copy.carried.append(action.id)
        if action.status is not None and action.status != NOT_REPORTED:
            values[(*item.path, "status")] = NOT_REPORTED
        if action.reports:
            removals.append((*item.path, "rapporter"))
        if action.decision is not None:
            removals.append((*item.path, "beslut"))
        end = action.schedule.end if action.schedule else None
        if end is not None and end.year < to_year:
            copy.notes.append(
                f"tidplanen för {action.id} slutade {end.isoformat()}: planera den för {to_year}"
            )
    if kept == 0:
        return None
    copy.text = _edit(hp.doc.text, values, removals, header, copy.source_display)
    return copy


# --- shared -------------------------------------------------------------------------------


def _edit(
    text: str,
    values: dict[yamledit.Path, object],
    removals: list[yamledit.Path],
    header: str,
    source: str,
) -> str:
    """Set the values, then remove the entries (paths are the same in both texts, since
    setting a scalar changes no structure), then add the header comment."""
    try:
        edited = yamledit.set_values(text, values)
        edited = yamledit.remove_entries(parse(edited, source), removals)
    except yamledit.EditError as err:
        raise RolloverError(
            f"{source}: {err.message}",
            err.hint
            or "Skriv listorna i blockstil (en post per rad, inledd med '- ') och försök igen.",
        ) from err
    lines = edited.splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith(SCHEMA_LINE) else 0
    lines.insert(at, f"{header} ur {source}.\n")
    return "".join(lines)


def _vp_for(planset: PlanSet, year: int) -> str:
    covering = planset.vps_covering(year)
    if len(covering) == 1:
        return covering[0].plan.id
    if not covering:
        known = ", ".join(f"{vp.plan.id} ({vp.plan.period.label()})" for vp in planset.vps)
        raise RolloverError(
            f"ingen verksamhetsplan täcker {year}, så planer för {year} kan inte valideras",
            f"Lägg först till verksamhetsplanen som gäller {year}. Kända: {known or 'inga'}.",
        )
    names = " och ".join(vp.plan.id for vp in covering)
    raise RolloverError(
        f"{year} täcks av flera verksamhetsplaner: {names}",
        "Rätta verksamhetsplanernas perioder så att bara en täcker året.",
    )


def _new_title(title: str, from_year: int, to_year: int) -> str:
    return re.sub(rf"(?<!\d){from_year}(?!\d)", str(to_year), title)


def _new_id(plan_id: str, from_year: int, to_year: int) -> str:
    replaced = _new_title(plan_id, from_year, to_year)
    return replaced if replaced != plan_id else f"{plan_id}-{to_year}"


def _source_path(display: str) -> Path:
    return Path(display).resolve()


def _target_path(planset: PlanSet, source: Path, from_year: int, to_year: int) -> Path:
    """The source's path with the year replaced in its folders and name; when the year is
    nowhere in it, ``<name>-<to_year>.yaml`` beside the source."""
    base = planset.plan_dir.resolve()
    try:
        relative = source.relative_to(base)
    except ValueError:
        base, relative = source.parent, Path(source.name)
    target = base.joinpath(*(_new_title(part, from_year, to_year) for part in relative.parts))
    if target == source:
        target = source.with_name(f"{source.stem}-{to_year}{source.suffix}")
    return target


def _check_no_ap(planset: PlanSet, year: int) -> None:
    existing = planset.ap(year)
    if existing is not None:
        raise RolloverError(
            f"det finns redan en aktivitetsplan för {year}: {existing.doc.display}",
            "planverk new skriver aldrig över en plan. Ta bort eller byt namn på filen om "
            "den ska göras om.",
        )


def _check_free(planset: PlanSet, rollover: Rollover) -> None:
    """Refuse before writing anything when a new plan would replace or duplicate another."""
    ids = {hp.plan.id: hp.doc.display for hp in planset.hps}
    targets: set[Path] = set()
    for copy in rollover.copies:
        if copy.target.exists():
            raise RolloverError(
                f"{copy.target_display} finns redan",
                "planverk new skriver aldrig över en fil. Ta bort eller byt namn på filen "
                "om planen ska göras om.",
            )
        if copy.target in targets:
            raise RolloverError(f"två planer skulle skrivas till {copy.target_display}")
        targets.add(copy.target)
        if copy.plan_id is not None and copy.plan_id in ids:
            raise RolloverError(
                f"handlingsplanen '{copy.plan_id}' finns redan i {ids[copy.plan_id]}",
                "planverk new skriver aldrig över en plan.",
            )
