"""PV312 – status skiljer sig från senaste rapporten.

An action's ``status:`` is its present state and its latest report (by year, period and
date) the latest state anyone reported. When they differ, either ``status:`` changed after
the report (the next report catches up), or a report was added and ``status:`` was
forgotten: then `planverk status` and the rendered plans show an outdated status.

Off by default, since the first case is normal between two reports. Turn it on in
plans/planverk.yaml (``regler: {PV312: varning}``) to keep the two in step.

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

from planverk import walk
from planverk.findings import Finding
from planverk.planning.periods import Calendar
from planverk.rules.base import Context, rule


def check(ctx: Context) -> Iterator[Finding]:
    calendar = Calendar.of(ctx.project)
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
            )


RULE = rule(
    __doc__ or "",
    code="PV312",
    name="status-skiljer-från-rapport",
    level=None,
    summary="åtgärdens status skiljer sig från dess senaste rapport",
    check=check,
)
