"""Pick the plans to compare from two plan sets and run the comparison.

The one entry point for the CLI: ``diff(old_set, new_set, kind, old, new)`` returns the
DiffResult every output is made from, or raises DiffError with a message for the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from planverk.core.errors import UserError
from planverk.core.findings import Level
from planverk.core.gcpause import paused_gc
from planverk.diff.build import ap_tree, hp_tree, vp_tree
from planverk.diff.compare import Options, diff_trees, rename_map, section_map
from planverk.diff.model import DiffResult, PlanKind
from planverk.diff.tree import Element
from planverk.loading.planset import Loaded, PlanSet
from planverk.model import Aktivitetsplan, Handlingsplan, Verksamhetsplan

LIVING = "levande"
_PERIOD = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


class DiffError(UserError):
    """The comparison cannot be made as asked; message and hint are for the user."""


def diff(
    old_set: PlanSet,
    new_set: PlanSet,
    kind: PlanKind,
    old: str,
    new: str,
    *,
    since: str | None = None,
    order: bool = False,
) -> DiffResult:
    """Compare plan ``old`` of ``old_set`` with plan ``new`` of ``new_set``.

    ``old``/``new`` are years for aktivitetsplaner and handlingsplaner (or "levande" for
    the living handlingsplaner), periods ("2021-2024") or ids for verksamhetsplaner.
    ``since`` names the git revision ``old_set`` was read at.
    """
    with paused_gc():
        if kind is PlanKind.AP:
            result = _aps(old_set, new_set, _year(old), _year(new), since, order)
        elif kind is PlanKind.VP:
            result = _vps(old_set, new_set, old, new, since, order)
        else:
            result = _hps(old_set, new_set, old, new, since, order)
    result.since = since
    return result


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise DiffError(
            f"{text!r} är inte ett år",
            "Aktivitetsplaner jämförs år för år, t.ex. `planverk diff 2024 2025`; "
            "verksamhetsplaner med --kind verksamhetsplan 2021-2024 2025-2028.",
        )
    return int(text)


def _where(since: str | None, old_side: bool) -> str:
    return f" vid {since}" if since and old_side else ""


def _missing(
    what: str, planset: PlanSet, since: str | None, old_side: bool, have: str
) -> DiffError:
    """The plan asked for is not there; say so, and why when its file did not load."""
    message = f"det finns ingen {what}{_where(since, old_side)}"
    hint = have
    errors = [f for f in planset.findings if f.level is Level.ERROR]
    if errors:
        first = errors[0]
        message += (
            f" ({len(errors)} fel vid inläsningen, t.ex. {first.file}:{first.span.line}: "
            f"{first.message})"
        )
        hint = f"Rätta felen först; `planverk validate` visar dem. {have}".strip()
    return DiffError(message, hint or "Kör `planverk validate`.")


def _titles(kind: str, old: str, new: str, since: str | None) -> tuple[str, str, str]:
    """Title, older label and newer label."""
    if since is not None and old == new:
        return f"{kind} {new}, ändringar sedan {since}", since, "arbetskopian"
    if since is not None:
        return f"{kind} {old} ({since}) → {new}", f"{old} ({since})", new
    return f"{kind} {old} → {new}", old, new


# -- aktivitetsplaner ----------------------------------------------------------------------


def _ap(planset: PlanSet, year: int, since: str | None, old_side: bool) -> Loaded[Aktivitetsplan]:
    found = planset.ap(year)
    if found is None:
        years = ", ".join(
            str(ap.plan.year) for ap in sorted(planset.aps, key=lambda a: a.plan.year)
        )
        have = f"Aktivitetsplaner som finns: {years}." if years else ""
        raise _missing(f"aktivitetsplan för {year}", planset, since, old_side, have)
    return found


def _vp_maps(
    old_vp: Loaded[Verksamhetsplan] | None,
    new_vp: Loaded[Verksamhetsplan] | None,
) -> dict[str, Mapping[str, str] | None]:
    """Rename maps of what both versions refer to in the VP (goals by id, paragraphs by
    number, bullets by id), per reference field; None where they refer to two VPs."""
    keys = ("mål", "paragraf", "punkt")
    if old_vp is None and new_vp is None:
        return {key: {} for key in keys}
    if old_vp is None or new_vp is None or old_vp.plan.id != new_vp.plan.id:
        return dict.fromkeys(keys, None)
    if old_vp.plan is new_vp.plan or old_vp.plan == new_vp.plan:
        return {key: {} for key in keys}
    old_tree, new_tree = vp_tree(old_vp), vp_tree(new_vp)
    return {
        "mål": rename_map(old_tree, new_tree, Element.GOAL),
        "paragraf": section_map(old_tree, new_tree),
        "punkt": rename_map(old_tree, new_tree, Element.BULLET),
    }


def _aps(
    old_set: PlanSet, new_set: PlanSet, old: int, new: int, since: str | None, order: bool
) -> DiffResult:
    old_ap, new_ap = _ap(old_set, old, since, True), _ap(new_set, new, since, False)
    refs = _vp_maps(old_set.vp_for(old, old_ap.plan.vp), new_set.vp_for(new, new_ap.plan.vp))
    title, old_label, new_label = _titles("Aktivitetsplan", str(old), str(new), since)
    result = diff_trees(
        ap_tree(old_ap),
        ap_tree(new_ap),
        plan_kind=PlanKind.AP,
        title=title,
        old_label=old_label,
        new_label=new_label,
        options=Options(refs=refs, shift=new - old, order=order),
    )
    result.year = new
    result.old_plans, result.new_plans = [old_ap], [new_ap]
    return result


# -- verksamhetsplaner ---------------------------------------------------------------------


def _vp(planset: PlanSet, text: str, since: str | None, old_side: bool) -> Loaded[Verksamhetsplan]:
    wanted = text.strip()
    period = _PERIOD.match(wanted)
    found: Loaded[Verksamhetsplan] | None = None
    if period:
        start, end = int(period.group(1)), int(period.group(2))
        found = next(
            (v for v in planset.vps if (v.plan.period.start, v.plan.period.end) == (start, end)),
            None,
        )
    elif re.fullmatch(r"\d{4}", wanted):
        found = planset.vp_for(int(wanted), None)
    else:
        found = planset.vp_by_id(wanted)
    if found is None:
        have = ", ".join(f"{v.plan.period.label()} ({v.plan.id})" for v in planset.vps)
        have = (
            f"Ange perioden eller planens id. Verksamhetsplaner som finns: {have}." if have else ""
        )
        raise _missing(f"verksamhetsplan {wanted}", planset, since, old_side, have)
    return found


def _vps(
    old_set: PlanSet, new_set: PlanSet, old: str, new: str, since: str | None, order: bool
) -> DiffResult:
    old_vp, new_vp = _vp(old_set, old, since, True), _vp(new_set, new, since, False)
    old_period, new_period = old_vp.plan.period.label(), new_vp.plan.period.label()
    title, old_label, new_label = _titles("Verksamhetsplan", old_period, new_period, since)
    result = diff_trees(
        vp_tree(old_vp),
        vp_tree(new_vp),
        plan_kind=PlanKind.VP,
        title=title,
        old_label=old_label,
        new_label=new_label,
        options=Options(shift=new_vp.plan.period.start - old_vp.plan.period.start, order=order),
    )
    result.year = new_vp.plan.period.start
    result.old_plans, result.new_plans = [old_vp], [new_vp]
    return result


# -- handlingsplaner -----------------------------------------------------------------------


def _hp_set(
    planset: PlanSet, text: str, since: str | None, old_side: bool
) -> list[Loaded[Handlingsplan]]:
    wanted = text.strip().casefold()
    if wanted == LIVING:
        found = [hp for hp in planset.hps if hp.plan.living]
    else:
        found = [hp for hp in planset.hps if hp.plan.year == _year(wanted) and not hp.plan.living]
    if not found:
        years = sorted({str(hp.plan.year) for hp in planset.hps if hp.plan.year is not None})
        living = [LIVING] if any(hp.plan.living for hp in planset.hps) else []
        have = f"Handlingsplaner finns för: {', '.join(years + living)}." if years or living else ""
        what = "levande handlingsplan" if wanted == LIVING else f"handlingsplan för {text}"
        raise _missing(what, planset, since, old_side, have)
    return found


def _hp_goal_vp(
    planset: PlanSet, plans: list[Loaded[Handlingsplan]]
) -> Loaded[Verksamhetsplan] | None:
    vps = {
        id(vp): vp for hp in plans if (vp := planset.vp_for(hp.plan.year, hp.plan.vp)) is not None
    }
    return next(iter(vps.values())) if len(vps) == 1 else None


def _hps(
    old_set: PlanSet, new_set: PlanSet, old: str, new: str, since: str | None, order: bool
) -> DiffResult:
    old_hps, new_hps = _hp_set(old_set, old, since, True), _hp_set(new_set, new, since, False)
    by_owner = old.strip().casefold() != new.strip().casefold()
    activities: Mapping[str, str] | None = {}
    if old.isdigit() and new.isdigit():
        old_ap, new_ap = old_set.ap(int(old)), new_set.ap(int(new))
        if old_ap is not None and new_ap is not None:
            activities = rename_map(ap_tree(old_ap), ap_tree(new_ap), Element.ACTIVITY)
    refs = _vp_maps(_hp_goal_vp(old_set, old_hps), _hp_goal_vp(new_set, new_hps))
    label = "levande" if old.strip().casefold() == LIVING else old
    new_label_text = "levande" if new.strip().casefold() == LIVING else new
    title, old_label, new_label = _titles("Handlingsplaner", label, new_label_text, since)
    result = diff_trees(
        hp_tree(old_hps, key_by_owner=by_owner, label=f"Handlingsplaner {label}"),
        hp_tree(new_hps, key_by_owner=by_owner, label=f"Handlingsplaner {new_label_text}"),
        plan_kind=PlanKind.HP,
        title=title,
        old_label=old_label,
        new_label=new_label,
        options=Options(
            refs={"aktivitet": activities, **refs},
            shift=int(new) - int(old) if old.isdigit() and new.isdigit() else 0,
            order=order,
        ),
    )
    result.year = int(new) if new.isdigit() else None
    result.old_plans, result.new_plans = list(old_hps), list(new_hps)
    return result
