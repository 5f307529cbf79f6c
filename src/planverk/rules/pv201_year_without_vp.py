"""PV201 – året saknar verksamhetsplan.

En aktivitetsplans år måste ligga inom perioden för den verksamhetsplan som planen tjänar:
den som anges under ``verksamhetsplan:``, annars den enda VP vars period omfattar året.
Finns ingen sådan VP, eller två som båda omfattar året, står aktiviteterna utan mål att
tjäna.

FAIL plans/aktivitetsplan-2025.yaml 2:5:
    typ: aktivitetsplan
    år: 2030
    titel: Aktivitetsplan 2030
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.core.suggest import did_you_mean
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    planset = ctx.planset
    periods = ", ".join(f"{vp.plan.id} ({vp.plan.period.label()})" for vp in planset.vps)
    for ap in planset.aps:
        year, named = ap.plan.year, ap.plan.vp
        if named is not None:
            vp = planset.vp_by_id(named)
            if vp is None:
                yield ctx.finding(
                    ap,
                    ("verksamhetsplan",),
                    f"verksamhetsplanen '{named}' finns inte",
                    did_you_mean(named, [v.plan.id for v in planset.vps])
                    or f"Kända verksamhetsplaner: {periods or 'inga'}.",
                    related=planset.vps,
                )
            elif not vp.plan.period.covers(year):
                yield ctx.finding(
                    ap,
                    ("år",),
                    f"{year} ligger utanför {vp.plan.title} ({vp.plan.period.label()})",
                    "Rätta året, eller peka på den verksamhetsplan som gäller det året.",
                    related=(vp,),
                )
            continue
        covering = planset.vps_covering(year)
        if not covering:
            yield ctx.finding(
                ap,
                ("år",),
                f"ingen verksamhetsplan täcker {year}",
                f"Lägg till en verksamhetsplan vars period omfattar {year}. "
                f"Kända: {periods or 'inga'}.",
                related=planset.vps,
            )
        elif len(covering) > 1:
            names = " och ".join(vp.plan.id for vp in covering)
            yield ctx.finding(
                ap,
                ("år",),
                f"{year} täcks av flera verksamhetsplaner: {names}",
                "Ange vilken som gäller med `verksamhetsplan:`.",
                related=covering,
            )


RULE = rule(
    __doc__ or "",
    code="PV201",
    name="år-utan-vp",
    level=Level.ERROR,
    summary="aktivitetsplanens år ligger utanför verksamhetsplanens period",
    check=check,
    scope=Scope.AP_WITH_VPS,
)
