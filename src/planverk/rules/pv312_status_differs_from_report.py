"""PV312 – status skiljer sig från senaste rapporten.

En åtgärds ``status:`` visar läget just nu, och dess senaste rapport (efter år, period och
datum) visar det senaste läge som någon har rapporterat. När de skiljer sig åt har antingen
``status:`` ändrats efter rapporten (och nästa rapport kommer ikapp), eller så har en
rapport lagts till men ``status:`` glömts bort. I det senare fallet visar `planverk status`
och de färdiga planerna en inaktuell status.

Regeln är avstängd som standard, eftersom det första fallet är normalt mellan två rapporter.
Slå på den i plans/planverk.yaml (``regler: {PV312: varning}``) så att status och rapporter
alltid stämmer överens.

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 10:13:
    typ: handlingsplan
    id: ledningsgruppen-2025
    titel: Ledningsgruppens handlingsplan 2025
    ägare: ledningsgruppen
    år: 2025
    åtgärder:
      - id: nätverk
        text: Stärk samverkan mellan nätverken.
        aktivitet: stödja-nära-vård
        status: grön
        rapporter:
          - period: t1
            datum: 2025-04-30
            status: grön
          - period: t2
            datum: 2025-08-31
            status: gul
            kommentar: Nätverket saknar ordförande sedan juni.
PASS plans/handlingsplaner/ledningsgruppen-2025.yaml:
    typ: handlingsplan
    id: ledningsgruppen-2025
    titel: Ledningsgruppens handlingsplan 2025
    ägare: ledningsgruppen
    år: 2025
    åtgärder:
      - id: nätverk
        text: Stärk samverkan mellan nätverken.
        aktivitet: stödja-nära-vård
        status: gul
        kommentar: Nätverket saknar ordförande sedan juni.
        rapporter:
          - period: t1
            datum: 2025-04-30
            status: grön
          - period: t2
            datum: 2025-08-31
            status: gul
            kommentar: Nätverket saknar ordförande sedan juni.
"""

from collections.abc import Iterator

from planverk.core.findings import Finding
from planverk.model import walk
from planverk.model.periods import Calendar
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    calendar = Calendar.of(ctx.project)
    # The periods come from the project file: a change there can break these findings.
    project_file = [ctx.planset.project] if ctx.planset.project else []
    for hp in ctx.planset.hps:
        year = hp.plan.year
        for item in walk.actions(hp.plan):
            action = item.action
            if action.status is None or not action.reports:
                continue
            latest = max(action.reports, key=lambda r: calendar.sort_key(r, year))
            if latest.status == action.status:
                continue
            yield ctx.finding(
                hp,
                (*item.path, "status"),
                f"status {action.status} för åtgärden '{action.id}' skiljer sig från senaste "
                f"rapporten ({latest.period} {latest.date.isoformat()}: {latest.status})",
                "Uppdatera `status:` (och `kommentar:`) till läget i senaste rapporten, eller "
                "lägg till en rapport för det nya läget.",
                related=project_file,
            )


RULE = rule(
    __doc__ or "",
    code="PV312",
    name="status-skiljer-från-rapport",
    level=None,
    summary="åtgärdens status skiljer sig från dess senaste rapport",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
