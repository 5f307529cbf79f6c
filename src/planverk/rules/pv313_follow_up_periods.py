"""PV313 – felaktiga uppföljningsperioder.

Var och en av projektets ``uppföljningsperioder`` slutar på en dag som finns i kalendern,
skriven som MM-DD ("04-30"; "02-29" betyder februaris sista dag). Två perioder får inte
sluta samma dag, och listan får inte vara tom (utelämna nyckeln för att använda tertial 1,
tertial 2 och helår).

FAIL plans/planverk.yaml 15:13:
    typ: projekt
    id: test
    namn: Sjukvårdsregion Test
    organ:
      - id: svn
        namn: Samverkansnämnden
        förkortning: SVN
      - id: ledningsgruppen
        namn: Ledningsgruppen
    ordlista:
      NHV: Nationell högspecialiserad vård
    uppföljningsperioder:
      - id: delår
        namn: Delår
        slutar: "06-31"
      - id: helår
        namn: Helår
        slutar: "12-31"
PASS plans/planverk.yaml:
    typ: projekt
    id: test
    namn: Sjukvårdsregion Test
    organ:
      - id: svn
        namn: Samverkansnämnden
        förkortning: SVN
      - id: ledningsgruppen
        namn: Ledningsgruppen
    ordlista:
      NHV: Nationell högspecialiserad vård
    uppföljningsperioder:
      - id: delår
        namn: Delår
        slutar: "06-30"
      - id: helår
        namn: Helår
        slutar: "12-31"
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model.periods import end_date
from planverk.rules.base import Context, Scope, rule

_KEY = "uppföljningsperioder"


def check(ctx: Context) -> Iterator[Finding]:
    loaded = ctx.planset.project
    if loaded is None:
        return
    periods = loaded.plan.follow_up_periods
    if not periods:
        yield ctx.finding(
            loaded,
            (_KEY,),
            "listan över uppföljningsperioder är tom",
            'Ange minst en period (t.ex. helår, slutar "12-31"), eller ta bort nyckeln för '
            "att använda tertial 1, tertial 2 och helår.",
            key=True,
        )
        return
    seen: dict[str, str] = {}
    for index, period in enumerate(periods):
        path = (_KEY, index, "slutar")
        if end_date(period.ends, 2024) is None:  # a leap year: 02-29 is a day
            yield ctx.finding(
                loaded,
                path,
                f"perioden '{period.id}' slutar {period.ends}, som inte är en dag i kalendern",
                'Skriv periodens sista dag som MM-DD, t.ex. "04-30" eller "08-31".',
            )
        elif period.ends in seen:
            yield ctx.finding(
                loaded,
                path,
                f"perioden '{period.id}' slutar samma dag som '{seen[period.ends]}'",
                "Två perioder kan inte sluta samma dag; rätta datumet eller ta bort den ena.",
            )
        else:
            seen[period.ends] = period.id


RULE = rule(
    __doc__ or "",
    code="PV313",
    name="felaktiga-uppföljningsperioder",
    level=Level.ERROR,
    summary="en uppföljningsperiod slutar inte på en dag i kalendern",
    check=check,
    scope=Scope.PROJECT,
)
