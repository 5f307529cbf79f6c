"""PV309 – rapportens datum passar inte perioden.

En rapport skrivs under sin period eller strax efter att perioden har slutat: från
periodens första dag till 60 dagar efter dess sista (en helårsrapport skrivs ofta i januari
eller februari). En rapport som är daterad innan perioden börjar, eller långt efter att den
slutade, ligger oftast under fel period eller har ett felskrivet datum. I en levande plan
hör rapporten till det år vars period datumet ligger i eller strax efter.

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 13:16:
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
          - period: t2
            datum: 2025-03-15
            status: grön
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
        status: grön
        rapporter:
          - period: t2
            datum: 2025-09-10
            status: grön
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.model.periods import GRACE_DAYS, Calendar, PeriodSpan
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    calendar = Calendar.of(ctx.project)
    # The periods come from the project file: a change there can break these findings.
    project_file = [ctx.planset.project] if ctx.planset.project else []
    for hp in ctx.planset.hps:
        for at in walk.reports(hp.plan):
            report, date = at.report, at.report.date
            years = [hp.plan.year] if hp.plan.year is not None else [date.year, date.year - 1]
            candidates = [span for year in years if (span := calendar.span(report.period, year))]
            if not candidates or any(
                span.start <= date <= span.report_deadline for span in candidates
            ):
                continue  # an unknown period is PV308's
            span = candidates[0]
            yield ctx.finding(
                hp,
                (*at.path, "datum"),
                _message(report.period, span, date.isoformat(), date < span.start),
                f"En rapport för {span.name} dateras mellan {span.start.isoformat()} och "
                f"{span.report_deadline.isoformat()} ({GRACE_DAYS} dagar efter periodens "
                "slut). Rätta datumet eller perioden.",
                related=project_file,
            )


def _message(period: str, span: PeriodSpan, date: str, early: bool) -> str:
    if early:
        return (
            f"rapporten för {period} är daterad {date}, innan perioden börjar "
            f"{span.start.isoformat()}"
        )
    return (
        f"rapporten för {period} är daterad {date}, mer än {GRACE_DAYS} dagar efter att "
        f"perioden slutade {span.end.isoformat()}"
    )


RULE = rule(
    __doc__ or "",
    code="PV309",
    name="rapportdatum-utanför-perioden",
    level=Level.WARNING,
    summary="rapporten är daterad före sin period eller långt efter den",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
