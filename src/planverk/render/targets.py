"""Which plan a render is about, and what the document is called, dated and titled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from planverk.loading.planset import Loaded, PlanSet
from planverk.model import Aktivitetsplan, Decision, Handlingsplan, Verksamhetsplan
from planverk.render.context import Builder
from planverk.render.errors import RenderError
from planverk.render.plaintext import clean
from planverk.render.result import Figure


class Kind(StrEnum):
    AKTIVITETSPLAN = "aktivitetsplan"
    HANDLINGSPLAN = "handlingsplan"
    VERKSAMHETSPLAN = "verksamhetsplan"


@dataclass(frozen=True, slots=True)
class Target:
    """One document to render: what it is called, and how its template data is built.

    Every document kind is a target: the three plan documents below, the follow-up report
    (:mod:`planverk.planning.followup_report`), and whatever comes next. ``template`` names
    the Jinja template (``templates/<template>.md.j2``); ``data`` builds the data it sees.
    """

    template: str
    stem: str  # output file name without suffix, e.g. aktivitetsplan-2025
    title: str
    subject: str
    author: str
    date: dt.date  # core-property dates: the decision date, else 1 January of the year
    sources: tuple[str, ...]  # plan files the document is built from, as displayed
    data: Callable[[Builder], dict[str, Any]]
    plan: Loaded[Any] | None = None
    keywords: str = ""
    status: str | None = None  # shown in the header of a plan not yet decided ("Förslag")
    figures: tuple[Figure, ...] = ()
    formats: tuple[str, ...] | None = None  # None: every format render writes
    slides: str | None = None  # the slide template (pptx), when the kind has one


def _plan_data(loaded: Loaded[Any], kind: Kind) -> Callable[[Builder], dict[str, Any]]:
    def build(builder: Builder) -> dict[str, Any]:
        planset = builder.planset
        data: dict[str, Any] = {
            "typ": kind.value,
            "projekt": builder.project(),
            "stil": builder.style(),
        }
        plan = loaded.plan
        if isinstance(plan, Aktivitetsplan):
            data["plan"] = builder.ap(loaded)
            data["verksamhetsplan"] = builder.vp(planset.vp_for(plan.year, plan.vp))
        elif isinstance(plan, Handlingsplan):
            data["plan"] = builder.hp(loaded)
            data["verksamhetsplan"] = builder.vp(planset.vp_for(plan.year, plan.vp))
        else:
            data["plan"] = builder.vp(loaded)
        return data

    return build


def select(
    planset: PlanSet, kind: Kind, year: int | None, plan_id: str | None = None
) -> list[Target]:
    """The documents ``planverk render`` makes for these arguments (several handlingsplaner
    of one year when no ``plan_id`` picks one)."""
    if kind is Kind.AKTIVITETSPLAN:
        return [_ap_target(planset, year, plan_id)]
    if kind is Kind.VERKSAMHETSPLAN:
        return [_vp_target(planset, year, plan_id)]
    return _hp_targets(planset, year, plan_id)


def _status(planset: PlanSet, decision: Decision | None) -> str | None:
    """The document style's word for a plan without a decision (shown in the header)."""
    return None if decision is not None else clean(planset.style.draft)


def _author(planset: PlanSet) -> str:
    return clean(planset.project.plan.name) if planset.project else ""


def _ap_target(planset: PlanSet, year: int | None, plan_id: str | None) -> Target:
    if year is None and plan_id is not None and plan_id.isdigit():
        year = int(plan_id)
    elif year is None and plan_id is not None:  # the file name without .yaml
        named = next((ap for ap in planset.aps if Path(ap.doc.display).stem == plan_id), None)
        year = named.plan.year if named is not None else None
    if year is None:
        years = ", ".join(str(ap.plan.year) for ap in planset.aps) or "inga"
        raise RenderError(
            "ange året för aktivitetsplanen", f"T.ex. `planverk render 2025` ({years})."
        )
    loaded = planset.ap(year)
    if loaded is None:
        years = ", ".join(str(ap.plan.year) for ap in planset.aps) or "inga"
        raise RenderError(
            f"det finns ingen aktivitetsplan för {year}", f"Aktivitetsplaner finns för: {years}."
        )
    ap = loaded.plan
    vp = planset.vp_for(ap.year, ap.vp)
    return Target(
        Kind.AKTIVITETSPLAN.value,
        f"aktivitetsplan-{ap.year}",
        clean(ap.title),
        f"Aktivitetsplan {ap.year}" + (f" till {clean(vp.plan.title)}" if vp else ""),
        _author(planset),
        ap.decision.date if ap.decision else dt.date(ap.year, 1, 1),
        tuple(d for d in (loaded.doc.display, vp.doc.display if vp else None) if d),
        _plan_data(loaded, Kind.AKTIVITETSPLAN),
        loaded,
        status=_status(planset, ap.decision),
    )


def _vp_target(planset: PlanSet, year: int | None, plan_id: str | None) -> Target:
    loaded: Loaded[Verksamhetsplan] | None
    if plan_id is not None:
        # By id, or by file name without .yaml, as for a handlingsplan.
        loaded = planset.vp_by_id(plan_id) or next(
            (vp for vp in planset.vps if Path(vp.doc.display).stem == plan_id), None
        )
        if loaded is None:
            names = [vp.plan.id for vp in planset.vps]
            names += [Path(vp.doc.display).stem for vp in planset.vps]
            raise RenderError(
                f"det finns ingen verksamhetsplan med id '{plan_id}'",
                _ids_hint(plan_id, list(dict.fromkeys(names))),
            )
    else:
        if year is None:
            raise RenderError(
                "ange ett år som verksamhetsplanen gäller",
                "T.ex. `planverk render 2025 --kind verksamhetsplan`, eller --plan ID.",
            )
        covering = planset.vps_covering(year)
        if len(covering) != 1:
            periods = ", ".join(vp.plan.period.label() for vp in planset.vps) or "inga"
            raise RenderError(
                f"{len(covering)} verksamhetsplaner gäller {year}"
                if covering
                else f"ingen verksamhetsplan gäller {year}",
                f"Välj med --plan ID. Perioder: {periods}.",
            )
        loaded = covering[0]
    vp = loaded.plan
    return Target(
        Kind.VERKSAMHETSPLAN.value,
        f"verksamhetsplan-{vp.period.start}-{vp.period.end}",
        clean(vp.title),
        f"Verksamhetsplan {vp.period.label()}",
        _author(planset),
        vp.decision.date if vp.decision else dt.date(vp.period.start, 1, 1),
        (loaded.doc.display,),
        _plan_data(loaded, Kind.VERKSAMHETSPLAN),
        loaded,
        status=_status(planset, vp.decision),
    )


def _hp_targets(planset: PlanSet, year: int | None, plan_id: str | None) -> list[Target]:
    if plan_id is not None:
        loaded = next(
            (hp for hp in planset.hps if plan_id in (hp.plan.id, Path(hp.doc.display).stem)),
            None,
        )
        if loaded is None:
            names = [hp.plan.id for hp in planset.hps] + [
                Path(hp.doc.display).stem for hp in planset.hps
            ]
            raise RenderError(
                f"det finns ingen handlingsplan '{plan_id}'", _ids_hint(plan_id, names)
            )
        return [_hp_target(planset, loaded, year)]
    if year is None:
        raise RenderError(
            "ange året eller handlingsplanen",
            "T.ex. `planverk render 2025 --kind handlingsplan` eller "
            "`planverk render --kind handlingsplan --plan ID`.",
        )
    found = planset.hps_for(year)
    if not found:
        living = [hp.plan.id for hp in planset.hps if hp.plan.year is None]
        hint = "Levande handlingsplaner väljs med --plan ID" + (
            f": {', '.join(living)}." if living else "."
        )
        raise RenderError(f"det finns ingen handlingsplan för {year}", hint)
    return [_hp_target(planset, hp, year) for hp in found]


def _hp_target(planset: PlanSet, loaded: Loaded[Handlingsplan], year: int | None) -> Target:
    hp = loaded.plan
    stem = f"handlingsplan-{hp.id}"
    if hp.year is not None and str(hp.year) not in hp.id:
        stem += f"-{hp.year}"
    vp = planset.vp_for(hp.year, hp.vp)
    ap = planset.ap(hp.year) if hp.year is not None else None
    sources = [loaded.doc.display] + [x.doc.display for x in (ap, vp) if x is not None]
    return Target(
        Kind.HANDLINGSPLAN.value,
        stem,
        clean(hp.title),
        "Levande handlingsplan" if hp.living else f"Handlingsplan {hp.year or ''}".strip(),
        _author(planset),
        _hp_date(hp, year),
        tuple(sources),
        _plan_data(loaded, Kind.HANDLINGSPLAN),
        loaded,
        slides=f"{Kind.HANDLINGSPLAN.value}-bildspel",
        status=_status(planset, hp.decision),
    )


def _hp_date(hp: Handlingsplan, year: int | None) -> dt.date:
    if hp.decision is not None:
        return hp.decision.date
    if hp.year is not None:
        return dt.date(hp.year, 1, 1)
    # A living plan: the date of its latest report, so the document says "as of".
    dates = [r.date for a in hp.actions for r in a.reports]
    if dates:
        return max(dates)
    return dt.date(year or 2000, 1, 1)


def _ids_hint(wanted: str, ids: list[str]) -> str:
    from planverk.core.suggest import did_you_mean

    return did_you_mean(wanted, ids) or f"Finns: {', '.join(sorted(set(ids))) or 'inga'}."
