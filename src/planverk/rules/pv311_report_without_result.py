"""PV311 – rapport utan resultat.

Den rapport som avslutar en åtgärd (status avslutad) ska under ``resultat:`` beskriva vad
som har uppnåtts. Detsamma gäller åtgärdens rapport för årets sista period (som standard
helår) när åtgärden har en ``uppföljning:``. Nämnden följer upp resultat, inte färger.

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 14:17:
    typ: handlingsplan
    id: ledningsgruppen-2025
    titel: Ledningsgruppens handlingsplan 2025
    ägare: ledningsgruppen
    år: 2025
    åtgärder:
      - id: nätverk
        text: Stärk samverkan mellan nätverken.
        aktivitet: stödja-nära-vård
        status: avslutad
        rapporter:
          - period: t2
            datum: 2025-08-31
            status: avslutad
            kommentar: Klart.
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
        status: avslutad
        rapporter:
          - period: t2
            datum: 2025-08-31
            status: avslutad
            kommentar: Klart.
            resultat: Nätverken träffas nu två gånger per år.
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
        for at in walk.reports(hp.plan):
            report = at.report
            if (report.result or "").strip():
                continue
            if report.status == "avslutad":
                why = "avslutar åtgärden"
            else:
                last = calendar.last(calendar.report_year(report, hp.plan.year))
                if at.action.action.follow_up is None or last is None or last.id != report.period:
                    continue
                why = f"är årets sista ({last.name})"
            yield ctx.finding(
                hp,
                (*at.path, "status"),
                f"rapporten för {report.period} {why} men saknar resultat",
                "Skriv i rapportens `resultat:` vad åtgärden har lett till, gärna mätt "
                "mot uppföljningens mål.",
                related=project_file,
            )


RULE = rule(
    __doc__ or "",
    code="PV311",
    name="rapport-utan-resultat",
    level=Level.WARNING,
    summary="en avslutande rapport eller helårsrapport saknar resultat",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
