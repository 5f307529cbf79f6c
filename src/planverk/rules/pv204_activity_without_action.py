"""PV204 – aktiviteten saknar åtgärd (av som standard).

En aktivitet i årets aktivitetsplan som ingen åtgärd i samma års handlingsplaner tjänar.
Sjukvårdsregioner som vill att varje aktivitet ska brytas ned i åtgärder slår på regeln i
plans/planverk.yaml (``regler: {PV204: varning}``).

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml => plans/aktivitetsplan-2025.yaml 12:17:
    typ: handlingsplan
    id: ledningsgruppen-2025
    titel: Ledningsgruppens handlingsplan 2025
    ägare: ledningsgruppen
    år: 2025
    åtgärder:
      - id: nätverk
        text: Stärk samverkan mellan nätverken.
        mål: nära-vård
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
"""

from collections.abc import Iterator

from planverk.core.findings import Finding
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for ap in ctx.planset.aps:
        served = {
            item.action.activity
            for hp in ctx.planset.hps_for(ap.plan.year)
            for item in walk.actions(hp.plan)
        }
        for item in walk.activities(ap.plan):
            if item.activity.id not in served:
                yield ctx.finding(
                    ap,
                    (*item.path, "id"),
                    f"aktiviteten '{item.activity.id}' har ingen åtgärd i någon handlingsplan "
                    f"för {ap.plan.year}",
                    "Lägg till en åtgärd med `aktivitet: "
                    f"{item.activity.id}` i en handlingsplan för året.",
                    related=ctx.planset.hps,
                )


RULE = rule(
    __doc__ or "",
    code="PV204",
    name="aktivitet-utan-åtgärd",
    level=None,
    summary="en AP-aktivitet saknar åtgärd i årets handlingsplaner",
    check=check,
    scope=Scope.AP_WITH_ACTIONS,
)
