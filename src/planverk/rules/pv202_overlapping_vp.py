"""PV202 – verksamhetsplanernas perioder överlappar.

Två verksamhetsplaner omfattar samma år, så det är oklart vilken av dem årets planer tjänar.
En period måste också gå framåt i tiden (``från`` får inte vara senare än ``till``).

FAIL plans/verksamhetsplan-2028-2031.yaml 5:9:
    typ: verksamhetsplan
    id: vp-2028-2031
    titel: Verksamhetsplan 2028–2031
    period:
      från: 2028
      till: 2031
PASS plans/verksamhetsplan-2029-2032.yaml:
    typ: verksamhetsplan
    id: vp-2029-2032
    titel: Verksamhetsplan 2029–2032
    period:
      från: 2029
      till: 2032
"""

from collections.abc import Iterator
from itertools import pairwise

from planverk.core.findings import Finding, Level
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    ordered = sorted(ctx.planset.vps, key=lambda vp: (vp.plan.period.start, vp.doc.display))
    for vp in ordered:
        period = vp.plan.period
        if period.start > period.end:
            yield ctx.finding(
                vp,
                ("period",),
                f"perioden {period.start}–{period.end} går baklänges",
                "`från` ska vara det första året och `till` det sista.",
            )
    for earlier, later in pairwise(ordered):
        if later.plan.period.start <= earlier.plan.period.end:
            yield ctx.finding(
                later,
                ("period", "från"),
                f"perioden {later.plan.period.label()} överlappar {earlier.plan.title} "
                f"({earlier.plan.period.label()}, {earlier.doc.display})",
                "Låt perioderna följa på varandra utan överlapp.",
                related=(earlier,),
            )


RULE = rule(
    __doc__ or "",
    code="PV202",
    name="överlappande-vp",
    level=Level.ERROR,
    summary="två verksamhetsplaner täcker samma år",
    check=check,
    scope=Scope.VERKSAMHETSPLANER,
)
