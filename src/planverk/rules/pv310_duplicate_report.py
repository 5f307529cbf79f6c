"""PV310 – två rapporter för samma period.

En åtgärd har en rapport per uppföljningsperiod och år; med en andra rapport för samma
period blir det oklart vilken status som gäller. Rätta i stället den tidigare rapporten,
eller lägg den nya under nästa period. (I en levande plan går det bra med samma period
under olika år.)

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 15:17:
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
          - period: t1
            datum: 2025-05-10
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
          - period: t1
            datum: 2025-04-30
            status: grön
          - period: t2
            datum: 2025-08-31
            status: grön
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.model.periods import Calendar
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    calendar = Calendar.of(ctx.project)
    # The periods come from the project file: a change there can break these findings.
    project_file = [ctx.planset.project] if ctx.planset.project else []
    for hp in ctx.planset.hps:
        for item in walk.actions(hp.plan):
            seen: dict[tuple[int, str], int] = {}
            for index, report in enumerate(item.action.reports):
                year = calendar.report_year(report, hp.plan.year)
                first = seen.setdefault((year, report.period), index)
                if first == index:
                    continue
                line = hp.doc.source_map.locate(
                    hp.doc.data, (*item.path, "rapporter", first, "period")
                ).line
                yield ctx.finding(
                    hp,
                    (*item.path, "rapporter", index, "period"),
                    f"åtgärden '{item.action.id}' har redan en rapport för {report.period} "
                    f"{year} (rad {line})",
                    "Rätta den första rapporten i stället, eller ange nästa period.",
                    related=project_file,
                )


RULE = rule(
    __doc__ or "",
    code="PV310",
    name="dubbel-rapport",
    level=Level.ERROR,
    summary="en åtgärd har två rapporter för samma period",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
