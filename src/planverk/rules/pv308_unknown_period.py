"""PV308 – okänd uppföljningsperiod.

En uppföljningsrapport anger sin period med id:t för en av projektets
``uppföljningsperioder`` (plans/planverk.yaml; utan den nyckeln gäller t1 = Tertial 1,
t2 = Tertial 2, helår = Helår). En rapport för någon annan period går inte att placera i
året, så `planverk status` skulle aldrig räkna med den.

(Att en rapport har ``period``, ``datum`` och ``status`` kontrolleras av schemat, PV011;
att en gul eller röd rapport har en ``kommentar`` kontrolleras av PV302.)

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 12:17:
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
          - period: t3
            datum: 2025-12-31
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
          - period: helår
            datum: 2025-12-31
            status: grön
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.core.suggest import closest
from planverk.model import walk
from planverk.model.periods import Calendar
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    calendar = Calendar.of(ctx.project)
    # The periods come from the project file: a change there can break these findings.
    project_file = [ctx.planset.project] if ctx.planset.project else []
    known = set(calendar.ids)
    listing = ", ".join(f"{p.id} ({p.name})" for p in calendar.periods) or "inga"
    for hp in ctx.planset.hps:
        for at in walk.reports(hp.plan):
            period = at.report.period
            if period in known:
                continue
            guess = closest(period, known)
            yield ctx.finding(
                hp,
                (*at.path, "period"),
                f"perioden '{period}' finns inte bland projektets uppföljningsperioder",
                (f"Menade du '{guess}'? " if guess else "")
                + f"Kända perioder: {listing}. En egen period läggs till under "
                "`uppföljningsperioder:` i plans/planverk.yaml.",
                related=project_file,
            )


RULE = rule(
    __doc__ or "",
    code="PV308",
    name="okänd-uppföljningsperiod",
    level=Level.ERROR,
    summary="rapportens period finns inte bland projektets uppföljningsperioder",
    check=check,
    scope=Scope.HANDLINGSPLAN,
)
