"""PV302 – gul eller röd status utan kommentar.

En åtgärd (eller en uppföljningsrapport) med status gul eller röd ska förklara varför under
``kommentar:``: vad problemet är och vilket stöd som behövs. Färgen ensam säger nämnden
ingenting.

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
        status: röd
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
        status: röd
        kommentar: Nätverket saknar ordförande sedan mars; ledningsgruppen utser en ny.
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

_NEEDS_COMMENT = frozenset({"gul", "röd"})


def check(ctx: Context) -> Iterator[Finding]:
    for hp in ctx.planset.hps:
        for item in walk.actions(hp.plan):
            action = item.action
            if action.status in _NEEDS_COMMENT and not (action.comment or "").strip():
                yield ctx.finding(
                    hp,
                    (*item.path, "status"),
                    f"status {action.status} utan kommentar för åtgärden '{action.id}'",
                    "Skriv i `kommentar:` vad problemet är och vilket stöd som behövs.",
                )
        for at in walk.reports(hp.plan):
            report = at.report
            if report.status in _NEEDS_COMMENT and not (report.comment or "").strip():
                yield ctx.finding(
                    hp,
                    (*at.path, "status"),
                    f"rapporten för {report.period} har status {report.status} utan kommentar",
                    "Skriv i rapportens `kommentar:` vad problemet är.",
                )


RULE = rule(
    __doc__ or "",
    code="PV302",
    name="status-utan-kommentar",
    level=Level.ERROR,
    summary="gul eller röd status saknar kommentar",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
