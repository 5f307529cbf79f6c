"""`planverk new`: the next plans made from the current ones, for every plan kind: next
year's aktivitetsplan and handlingsplaner from this year's, and the next period's
verksamhetsplan from this period's.

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
- A verksamhetsplan carries over whole (paragraphs, goals, bullets, ids, comments), to the
  period of the same length that follows unless another is asked for: ``period`` becomes the
  new one, the old period's years in ``id`` and ``titel`` are moved with it, a heading that
  names the old period ("Plan 2022–2023") names the new, and every ``beslut:`` is removed.

Nothing is written while a plan file does not load (it may be one of the sources: its year
cannot be known): the findings name it. Every new plan is worked out before anything is
written, and then all are written or none, never over a file (even one that appears
meanwhile).

Every other text that names a year of the old period is left as written; rule PV331 reports
each one with its place, and ``planverk new`` prints those findings, so the planner sees what
to rewrite.

Files are found where the old ones are, the year replaced in the path
(``handlingsplaner/2025/x.yaml`` -> ``handlingsplaner/2026/x.yaml``). Nothing is written
when a target file, the new year's AP or a handlingsplan id already exists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planverk.core.atomic import write_all
from planverk.core.errors import UserError
from planverk.core.findings import Finding, Level
from planverk.core.oserrors import write_error
from planverk.edit import roundtrip as yamledit
from planverk.loading.planset import Loaded, PlanSet, display_path, load_plan_dir
from planverk.loading.yamlfile import parse
from planverk.model import Action, Aktivitetsplan, Handlingsplan, Verksamhetsplan, walk
from planverk.model.common import Period, Status
from planverk.model.periods import Calendar
from planverk.model.verksamhetsplan import Section
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


KINDS = ("aktivitetsplan", "handlingsplan", "verksamhetsplan")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class NewRequest:
    """What `planverk new` is asked for: the new year or period, where from, which plans."""

    target: str  # "2026", or a period "2024-2025"
    source: str | None = None  # --from; None: the year or period before
    kind: str | None = None  # None: by the target (a period is a verksamhetsplan)


@dataclass(slots=True)
class NewResult:
    """The new plans, and (when written) the findings of validating them."""

    rollover: Rollover
    written: bool
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file shown -> its text

    @property
    def new_files(self) -> list[str]:
        return [copy.target_display for copy in self.rollover.copies]

    @property
    def has_errors(self) -> bool:
        return any(f.level >= Level.ERROR for f in self.findings)

    @property
    def year_warnings(self) -> list[Finding]:
        """The texts of the new plans that still name a year of the old period."""
        from planverk.rules import pv331_previous_period_year

        return [f for f in self.findings if f.code == pv331_previous_period_year.RULE.code]


def run(plan_dir: Path, request: NewRequest, today: dt.date, *, dry_run: bool = False) -> NewResult:
    """`planverk new` as a library call: work out the new plans, write them (all or none)
    unless ``dry_run``, and validate the plan folder with them, keeping the findings of the
    new files (PV331 names every text that still names the old period's years)."""
    from planverk.lint.validate import validate

    planset = load_plan_dir(plan_dir)
    rollover = prepare(planset, request, today)
    if dry_run:
        return NewResult(rollover, written=False)
    write(rollover)
    check = validate(plan_dir=plan_dir)
    new_files = {copy.target_display for copy in rollover.copies}
    findings = [f for f in check.findings if f.file in new_files]
    sources = {doc.display: doc.text for doc in check.planset.documents if doc.display in new_files}
    return NewResult(rollover, written=True, findings=findings, sources=sources)


def prepare(planset: PlanSet, request: NewRequest, today: dt.date) -> Rollover:
    """The new plans for ``request`` (nothing written). Raises SourcesHaveErrors when a
    plan file does not load, or another RolloverError."""
    broken = [f for f in planset.findings if f.level >= Level.ERROR]
    if broken:
        raise SourcesHaveErrors(planset, broken)
    kind = request.kind
    if kind is not None and kind not in KINDS:
        raise RolloverError(f"okänd plantyp '{kind}'", f"Välj {', '.join(KINDS)}.")
    period = _PERIOD.match(request.target)
    year = _YEAR.match(request.target)
    if period is None and year is None:
        raise RolloverError(
            f"'{request.target}' är varken ett år eller en period",
            "Ange ett år för nästa års planer (`new 2026`) eller en period för nästa "
            "verksamhetsplan (`new 2024-2025 --kind verksamhetsplan`).",
        )
    if kind == "verksamhetsplan" or (kind is None and period is not None):
        if period is None:
            raise RolloverError(
                "en verksamhetsplan gäller en period, inte ett år",
                f"Ange perioden, t.ex. `new {request.target}-{int(request.target) + 3} "
                "--kind verksamhetsplan`.",
            )
        to = _period(period.group(1), period.group(2))
        source = _source_period(planset, to, request.source)
        return plan_vp(planset, to, source, today)
    if year is None:
        raise RolloverError(
            f"en {kind} gäller ett år, inte en period",
            "Ange året, t.ex. `new 2026`, eller `--kind verksamhetsplan` för en period.",
        )
    to_year = int(year.group(1))
    if request.source is None:
        from_year = to_year - 1
    else:
        found = _YEAR.match(request.source)
        if found is None:
            raise RolloverError(
                f"--from {request.source}: ange året att utgå från, t.ex. --from {to_year - 1}"
            )
        from_year = int(found.group(1))
    kinds = (kind,) if kind is not None else YEARLY
    return plan(planset, to_year, from_year, today, kinds)


def _period(start: str, end: str) -> Period:
    first, last = int(start), int(end)
    if last < first or not (1900 <= first <= 2200 and 1900 <= last <= 2200):
        raise RolloverError(
            f"perioden {start}–{end} går baklänges eller utanför 1900–2200",
            "Skriv perioden som FÖRSTA-SISTA, t.ex. 2024-2025.",
        )
    return Period.model_validate({"från": first, "till": last})


def _source_period(planset: PlanSet, to: Period, source: str | None) -> Period:
    """The period to start from: --from, else that of the VP that ends the year before."""
    if source is not None:
        found = _PERIOD.match(source)
        if found is None:
            raise RolloverError(
                f"--from {source}: ange perioden att utgå från, t.ex. --from 2022-2023"
            )
        return _period(found.group(1), found.group(2))
    before = [vp for vp in planset.vps if vp.plan.period.end == to.start - 1]
    if len(before) == 1:
        return before[0].plan.period
    known = ", ".join(vp.plan.period.label() for vp in planset.vps) or "inga"
    raise RolloverError(
        f"ingen verksamhetsplan slutar {to.start - 1}, året före {to.label()}",
        f"Ange perioden att utgå från med --from, t.ex. --from 2022-2023. Perioder: {known}.",
    )


@dataclass(slots=True)
class PlanCopy:
    """One new plan file and what went into it."""

    kind: str  # "aktivitetsplan", "handlingsplan" or "verksamhetsplan"
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
    from_label: str  # "2025", or a period "2022–2023"
    to_label: str
    copies: list[PlanCopy] = field(default_factory=list)
    not_copied: list[str] = field(default_factory=list)


YEARLY = ("aktivitetsplan", "handlingsplan")


def plan(
    planset: PlanSet,
    to_year: int,
    from_year: int,
    today: dt.date,
    kinds: tuple[str, ...] = YEARLY,
) -> Rollover:
    """Work out next year's plans (texts included) without writing anything: the
    aktivitetsplan and the handlingsplaner, or the ``kinds`` asked for."""
    if to_year == from_year:
        raise RolloverError(
            "det nya året är samma som det gamla", "Ange t.ex. `new 2026 --from 2025`."
        )
    ap = planset.ap(from_year) if "aktivitetsplan" in kinds else None
    hps = planset.hps_for(from_year) if "handlingsplan" in kinds else []
    if ap is None and not hps:
        what = kinds[0] if len(kinds) == 1 else "aktivitetsplan eller handlingsplan"
        raise RolloverError(
            f"det finns ingen {what} för {from_year} att utgå från",
            "Kör `planverk validate`: en plan som inte går att läsa räknas inte.",
        )
    if "aktivitetsplan" in kinds:
        _check_no_ap(planset, to_year)
    elif planset.ap(to_year) is None and any(
        item.action.activity is not None for hp in hps for item in walk.actions(hp.plan)
    ):
        raise RolloverError(
            f"det finns ingen aktivitetsplan för {to_year} som åtgärderna kan peka på",
            f"Gör först aktivitetsplanen: `planverk new {to_year} --from {from_year} --kind "
            "aktivitetsplan`, eller båda på en gång utan --kind.",
        )
    vp_id = _vp_for(planset, to_year)
    calendar = Calendar.of(planset.project.plan if planset.project else None)
    result = Rollover(str(from_year), str(to_year))
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
    if living and "handlingsplan" in kinds:
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


# --- the verksamhetsplan ------------------------------------------------------------------


def plan_vp(
    planset: PlanSet, to_period: Period | None, from_period: Period, today: dt.date
) -> Rollover:
    """Work out the next period's verksamhetsplan from the one for ``from_period``
    (``to_period`` None: the period of the same length that follows) without writing."""
    old = _vp_of(planset, from_period)
    length = from_period.end - from_period.start
    to = to_period or Period.model_validate(
        {"från": from_period.end + 1, "till": from_period.end + 1 + length}
    )
    if (to.start, to.end) == (from_period.start, from_period.end):
        raise RolloverError(
            "den nya perioden är samma som den gamla",
            "Ange t.ex. `new 2024-2025 --from 2022-2023 --kind verksamhetsplan`.",
        )
    covering = sorted(
        {
            vp.plan.id: vp
            for year in range(to.start, to.end + 1)
            for vp in planset.vps_covering(year)
        }.values(),
        key=lambda vp: vp.plan.period.start,
    )
    if covering:
        first = covering[0]
        raise RolloverError(
            f"det finns redan en verksamhetsplan för {to.label()}: {first.plan.title} "
            f"({first.plan.period.label()}, {first.doc.display})",
            "planverk new skriver aldrig över en plan, och två verksamhetsplaner ska inte "
            "gälla samma år. Ta bort eller byt namn på filen om planen ska göras om.",
        )
    shift = _period_shift(from_period, to)
    vp = old.plan
    source = _source_path(old.doc.display)
    new_id = shift(vp.id)
    if new_id == vp.id:
        new_id = f"{vp.id}-{to.start}-{to.end}"
    title = shift(vp.title)
    copy = PlanCopy(
        "verksamhetsplan",
        title,
        source,
        _target_path_by(planset, source, shift, f"-{to.start}-{to.end}"),
        plan_id=new_id,
    )
    values: dict[yamledit.Path, object] = {
        ("id",): new_id,
        ("period", "från"): to.start,
        ("period", "till"): to.end,
    }
    if title != vp.title:
        values[("titel",)] = title
    removals: list[yamledit.Path] = []
    if vp.decision is not None:
        removals.append(("beslut",))
        copy.notes.append("beslutet är borttaget (planen är inte beslutad än)")
    for goal in walk.goals(vp):
        if goal.goal.decision is not None:
            removals.append((*goal.path, "beslut"))
    old_label = from_period.label()
    headings = 0
    for path, section in _sections(vp.sections, ("avsnitt",)):
        copy.carried.append(f"§ {section.number}")
        part = section.plan
        if (
            part is not None
            and part.heading is not None
            and _names_period(part.heading, from_period)
        ):
            values[(*path, "plan", "rubrik")] = shift(part.heading)
            headings += 1
    copy.carried += [goal.goal.id for goal in walk.goals(vp)]
    if headings:
        copy.notes.append(
            f"{headings} {'rubrik' if headings == 1 else 'rubriker'} med perioden "
            f"{old_label} nämner nu {to.label()}"
        )
    if any(v.plan.id == new_id for v in planset.vps):
        raise RolloverError(
            f"verksamhetsplanen '{new_id}' finns redan", "planverk new skriver aldrig över en plan."
        )
    header = (
        f"# Skapad {today.isoformat()} med `planverk new {to.start}-{to.end} --from "
        f"{from_period.start}-{from_period.end}`"
    )
    copy.text = _edit(old.doc.text, values, removals, header, copy.source_display)
    result = Rollover(old_label, to.label(), [copy])
    _check_free(planset, result)
    return result


def _vp_of(planset: PlanSet, period: Period) -> Loaded[Verksamhetsplan]:
    found = [
        vp
        for vp in planset.vps
        if (vp.plan.period.start, vp.plan.period.end) == (period.start, period.end)
    ]
    if len(found) == 1:
        return found[0]
    known = ", ".join(f"{vp.plan.period.label()} ({vp.plan.id})" for vp in planset.vps) or "inga"
    if not found:
        raise RolloverError(
            f"det finns ingen verksamhetsplan för {period.label()} att utgå från",
            f"Verksamhetsplaner som finns: {known}.",
        )
    raise RolloverError(
        f"{len(found)} verksamhetsplaner gäller {period.label()}",
        "Rätta perioderna så att bara en plan gäller perioden.",
    )


def _period_shift(old: Period, new: Period) -> Callable[[str], str]:
    """Replace each year of the old period in a text by the corresponding new year."""
    delta = new.start - old.start
    years = {str(year): str(year + delta) for year in range(old.start, old.end + 1)}
    if new.end - new.start != old.end - old.start:
        years[str(old.end)] = str(new.end)
    pattern = re.compile(r"(?<!\d)(" + "|".join(years) + r")(?!\d)")

    def shift(text: str) -> str:
        return pattern.sub(lambda m: years[m.group(1)], text)

    return shift


def _names_period(text: str, period: Period) -> bool:
    return bool(re.search(rf"(?<!\d){period.start}\s*[-–—]\s*{period.end}(?!\d)", text))


def _sections(sections: list[Section], path: yamledit.Path) -> list[tuple[yamledit.Path, Section]]:
    found: list[tuple[yamledit.Path, Section]] = []
    for index, section in enumerate(sections):
        here = (*path, index)
        found.append((here, section))
        found += _sections(section.sections, (*here, "avsnitt"))
    return found


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
    return _target_path_by(
        planset, source, lambda part: _new_title(part, from_year, to_year), f"-{to_year}"
    )


def _target_path_by(
    planset: PlanSet, source: Path, replace: Callable[[str], str], suffix: str
) -> Path:
    base = planset.plan_dir.resolve()
    try:
        relative = source.relative_to(base)
    except ValueError:
        base, relative = source.parent, Path(source.name)
    target = base.joinpath(*(replace(part) for part in relative.parts))
    if target == source:
        target = source.with_name(f"{source.stem}{suffix}{source.suffix}")
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
