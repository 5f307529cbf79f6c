"""PV102 – åtgärden pekar på en aktivitet eller ett mål som inte finns.

En åtgärd i en handlingsplan tjänar en aktivitet i samma års aktivitetsplan
(``aktivitet:``) eller ett mål i verksamhetsplanen (``mål:``). En levande plan, som inte har
något år, anger sin verksamhetsplan och pekar på mål. Varje bruten hänvisning rapporteras
tillsammans med det befintliga id som liknar mest.

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 10:16:
    typ: handlingsplan
    id: ledningsgruppen-2025
    titel: Ledningsgruppens handlingsplan 2025
    ägare: ledningsgruppen
    år: 2025
    åtgärder:
      - id: nätverk
        text: Stärk samverkan mellan nätverken.
        status: grön
        aktivitet: stöd-nära-vård
PASS plans/handlingsplaner/ledningsgruppen-2025.yaml:
    typ: handlingsplan
    id: ledningsgruppen-2025
    titel: Ledningsgruppens handlingsplan 2025
    ägare: ledningsgruppen
    år: 2025
    åtgärder:
      - id: nätverk
        text: Stärk samverkan mellan nätverken.
        status: grön
        aktivitet: stödja-nära-vård
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.core.suggest import did_you_mean
from planverk.model import walk
from planverk.rules.base import Context, Scope, Suggester, rule


def check(ctx: Context) -> Iterator[Finding]:
    index = ctx.planset.index
    hints = Suggester()
    for hp in ctx.planset.hps:
        plan = hp.plan
        ap = ctx.planset.ap(plan.year) if plan.year is not None else None
        vp = ctx.planset.vp_for(plan.year, plan.vp)
        activity_ids = index.activities(ap.plan) if ap is not None else _NONE
        goal_ids = index.goals(vp.plan) if vp is not None else _NONE
        if plan.vp is not None and vp is None:
            yield ctx.finding(
                hp,
                ("verksamhetsplan",),
                f"verksamhetsplanen '{plan.vp}' finns inte",
                did_you_mean(plan.vp, [v.plan.id for v in ctx.planset.vps]),
                related=ctx.planset.vps,
            )
        for item in walk.actions(plan):
            action = item.action
            if action.activity is None and action.goal is None:
                yield ctx.finding(
                    hp,
                    item.path,
                    f"åtgärden '{action.id}' pekar varken på en aktivitet eller ett mål",
                    "Lägg till `aktivitet:` (AP-aktivitetens id) eller `mål:` (VP-målets id).",
                    key=True,
                )
            if action.activity is not None:
                if plan.year is None:
                    yield ctx.finding(
                        hp,
                        (*item.path, "aktivitet"),
                        "en plan utan `år:` kan inte peka på en aktivitet i en aktivitetsplan",
                        "Ange planens `år:`, eller peka på ett VP-mål med `mål:`.",
                    )
                elif ap is None:
                    yield ctx.finding(
                        hp,
                        (*item.path, "aktivitet"),
                        f"det finns ingen aktivitetsplan för {plan.year}",
                        f"Lägg till plans/aktivitetsplan-{plan.year}.yaml.",
                        related=ctx.planset.aps,
                    )
                elif action.activity not in activity_ids:
                    yield ctx.finding(
                        hp,
                        (*item.path, "aktivitet"),
                        f"aktiviteten '{action.activity}' finns inte i {ap.plan.title}",
                        hints.did_you_mean(action.activity, activity_ids)
                        or "Ett id som bytt namn i aktivitetsplanen ska bytas här också.",
                        related=(ap,),
                    )
            if action.goal is not None and vp is not None and action.goal not in goal_ids:
                yield ctx.finding(
                    hp,
                    (*item.path, "mål"),
                    f"målet '{action.goal}' finns inte i {vp.plan.title}",
                    hints.did_you_mean(action.goal, goal_ids)
                    or "Ett id som bytt namn i verksamhetsplanen ska bytas här också.",
                    related=(vp,),
                )
            elif action.goal is not None and vp is None and plan.vp is None:
                yield ctx.finding(
                    hp,
                    (*item.path, "mål"),
                    "planen anger ingen verksamhetsplan att hämta målet ur",
                    "Ange `år:` eller `verksamhetsplan:` för planen.",
                    related=ctx.planset.vps,
                )


_NONE: dict[str, object] = {}

RULE = rule(
    __doc__ or "",
    code="PV102",
    name="okänd-aktivitet",
    level=Level.ERROR,
    summary="åtgärdens aktivitet eller mål finns inte",
    check=check,
    scope=Scope.YEAR_OF_HANDLINGSPLANER,
)
