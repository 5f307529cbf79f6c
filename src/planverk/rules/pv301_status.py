"""PV301 – okänd status.

En åtgärds status, och statusen i var och en av dess uppföljningsrapporter, är något av
grön (enligt plan), gul (mindre problem), röd (allvarliga problem), avslutad eller ej
rapporterad. En felstavning som "gron" eller "Grön" rapporteras tillsammans med det värde
som troligen avses.

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
        status: gron
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

from planverk.core.findings import Finding, Level
from planverk.core.suggest import closest
from planverk.model import walk
from planverk.model.common import STATUS_VALUES
from planverk.rules.base import Context, Scope, rule

_ASCII = {"gron": "grön", "rod": "röd", "gront": "grön", "gult": "gul", "klar": "avslutad"}


def check(ctx: Context) -> Iterator[Finding]:
    for hp in ctx.planset.hps:
        values = [((*a.path, "status"), a.action.status) for a in walk.actions(hp.plan)]
        values += [((*r.path, "status"), r.report.status) for r in walk.reports(hp.plan)]
        for path, status in values:
            if status is None or status in STATUS_VALUES:
                continue
            guess = _ASCII.get(status.casefold()) or closest(status.casefold(), STATUS_VALUES)
            yield ctx.finding(
                hp,
                path,
                f"okänd status '{status}'",
                (f"Menade du '{guess}'? " if guess else "")
                + "Tillåtna värden: "
                + ", ".join(STATUS_VALUES)
                + ".",
            )


RULE = rule(
    __doc__ or "",
    code="PV301",
    name="okänd-status",
    level=Level.ERROR,
    summary="statusen är inte grön, gul, röd, avslutad eller ej rapporterad",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
