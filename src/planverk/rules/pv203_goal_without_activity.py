"""PV203 – målet saknar aktivitet.

Ett mål (rubrik) i verksamhetsplanen som ingen aktivitet i årets aktivitetsplan tjänar.
Nämnden har beslutat om målet; ett år utan aktivitet för det är värt att se över innan
aktivitetsplanen beslutas.

FAIL plans/verksamhetsplan-2025-2028.yaml 14:13:
    typ: verksamhetsplan
    id: vp-2025-2028
    titel: Verksamhetsplan 2025–2028
    period:
      från: 2025
      till: 2028
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        mål:
          - id: nära-vård
            rubrik: God och nära vård
            text: Sjukvårdsregionen ska utveckla samverkan kring nära vård.
          - id: forskning
            rubrik: Forskningssamverkan
            text: Sjukvårdsregionen ska stärka forskningen.
PASS plans/verksamhetsplan-2025-2028.yaml:
    typ: verksamhetsplan
    id: vp-2025-2028
    titel: Verksamhetsplan 2025–2028
    period:
      från: 2025
      till: 2028
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        mål:
          - id: nära-vård
            rubrik: God och nära vård
            text: Sjukvårdsregionen ska utveckla samverkan kring nära vård.
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for ap in sorted(ctx.planset.aps, key=lambda loaded: loaded.plan.year):
        vp = ctx.planset.vp_for(ap.plan.year, ap.plan.vp)
        if vp is None:
            continue
        served = {item.goal_id for item in walk.activities(ap.plan)}
        for item in walk.goals(vp.plan):
            if item.goal.id not in served:
                yield ctx.finding(
                    vp,
                    (*item.path, "id"),
                    f"målet '{item.goal.id}' ({item.goal.heading}) har ingen aktivitet i "
                    f"{ap.plan.title}",
                    f"Lägg till en aktivitet med `mål: {item.goal.id}` i {ap.doc.display}, "
                    "eller skriv varför inte i en kommentar.",
                    related=(ap,),
                )


RULE = rule(
    __doc__ or "",
    code="PV203",
    name="mål-utan-aktivitet",
    level=Level.WARNING,
    summary="ett VP-mål saknar aktivitet i årets aktivitetsplan",
    check=check,
    scope=Scope.AP_WITH_VPS,
)
