"""PV306 – datum utanför planens år.

Tidplanen för en åtgärd i en handlingsplan för ett visst år ska ligga inom planens år. Ett
datum i ett annat år är oftast ett skrivfel, till exempel 2024 där det skulle stå 2025.
Uppföljningsrapporter kontrolleras i stället mot sin period av PV309 (en helårsrapport som
skrivs i januari kommer i tid).

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 12:13:
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
        tidplan:
          från: 2024-02-01
          till: 2025-12-31
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
        tidplan:
          från: 2025-02-01
          till: 2025-12-31
"""

import datetime as dt
from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for hp in ctx.planset.hps:
        year = hp.plan.year
        if year is None:
            continue
        for item in walk.actions(hp.plan):
            action = item.action
            dates: list[tuple[tuple[str | int, ...], dt.date | None]] = []
            if action.schedule is not None:
                dates += [
                    ((*item.path, "tidplan", "från"), action.schedule.start),
                    ((*item.path, "tidplan", "till"), action.schedule.end),
                ]
            for path, date in dates:
                if date is not None and date.year != year:
                    yield ctx.finding(
                        hp,
                        path,
                        f"datumet {date.isoformat()} ligger utanför planens år {year}",
                        f"Rätta året till {year}, eller flytta åtgärden till rätt års plan.",
                    )


RULE = rule(
    __doc__ or "",
    code="PV306",
    name="datum-utanför-året",
    level=Level.WARNING,
    summary="ett datum ligger utanför planens år",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
