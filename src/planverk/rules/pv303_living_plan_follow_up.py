"""PV303 – levande plan utan uppföljning.

En levande handlingsplan (``levande: true``) ersätter årsrapporten, så varje åtgärd i den
ska ha en ``uppföljning:`` (metod, kvalitetsindikatorer, mål, resultat) och en status.

FAIL plans/handlingsplaner/rpo.yaml 8:5:
    typ: handlingsplan
    id: rpo-hjärta
    titel: Handlingsplan RPO Hjärt- och kärlsjukdomar
    ägare: ledningsgruppen
    levande: true
    verksamhetsplan: vp-2025-2028
    åtgärder:
      - id: hjärtsvikt
        text: Införa gemensamt vårdförlopp för hjärtsvikt.
        mål: nära-vård
        status: grön
PASS plans/handlingsplaner/rpo.yaml:
    typ: handlingsplan
    id: rpo-hjärta
    titel: Handlingsplan RPO Hjärt- och kärlsjukdomar
    ägare: ledningsgruppen
    levande: true
    verksamhetsplan: vp-2025-2028
    åtgärder:
      - id: hjärtsvikt
        text: Införa gemensamt vårdförlopp för hjärtsvikt.
        mål: nära-vård
        status: grön
        uppföljning:
          metod: Registeruttag två gånger per år.
          kvalitetsindikatorer:
            - Andel patienter med hjärtsvikt som följs upp inom sex veckor.
          mål: Minst 80 procent.
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for hp in ctx.planset.hps:
        if not hp.plan.living:
            continue
        for item in walk.actions(hp.plan):
            follow_up = item.action.follow_up
            if follow_up is None or not (
                follow_up.method or follow_up.indicators or follow_up.target or follow_up.result
            ):
                yield ctx.finding(
                    hp,
                    (*item.path, "id"),
                    f"åtgärden '{item.action.id}' i en levande plan saknar uppföljning",
                    "Lägg till `uppföljning:` med metod, kvalitetsindikatorer, mål och resultat.",
                    key=True,
                )
            if item.action.status is None:
                yield ctx.finding(
                    hp,
                    (*item.path, "id"),
                    f"åtgärden '{item.action.id}' i en levande plan saknar status",
                    "Lägg till `status:` (grön, gul, röd, avslutad eller ej rapporterad).",
                    key=True,
                )


RULE = rule(
    __doc__ or "",
    code="PV303",
    name="levande-plan-utan-uppföljning",
    level=Level.ERROR,
    summary="en åtgärd i en levande plan saknar uppföljning",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
