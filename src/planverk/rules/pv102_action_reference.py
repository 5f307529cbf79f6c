"""PV102 – åtgärden pekar på en aktivitet, ett mål, en paragraf eller en punkt som inte finns.

En åtgärd i en handlingsplan tjänar en aktivitet i samma års aktivitetsplan
(``aktivitet:``) eller något i verksamhetsplanen: ett mål (``mål:``), en avtalsparagraf
(``paragraf:`` med numret eller id:t) eller en av planens punkter (``punkt:`` med punktens
id). En levande plan, som inte har något år, anger sin verksamhetsplan och pekar in i den.
Varje bruten hänvisning rapporteras tillsammans med det befintliga id som liknar mest.

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
from planverk.model.references import paragraph_number
from planverk.rules.base import Context, Scope, Suggester, rule

_NOUN = {"mål": "målet", "paragraf": "paragrafen", "punkt": "punkten"}
_NONE: dict[str, object] = {}


def check(ctx: Context) -> Iterator[Finding]:
    # Many handlingsplaner share one year's AP and one VP: their ids come from the plan
    # set's index, built once.
    shared = ctx.planset.index
    names_of: dict[tuple[int, str], dict[str, str]] = {}
    hints = Suggester()
    for hp in ctx.planset.hps:
        plan = hp.plan
        ap = ctx.planset.ap(plan.year) if plan.year is not None else None
        vp = ctx.planset.vp_for(plan.year, plan.vp)
        index = shared.vp(vp.plan) if vp is not None else None
        activity_ids = shared.activities(ap.plan) if ap is not None else _NONE
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
            refs = walk.own_references(action, item.path)
            if action.activity is None and not refs:
                yield ctx.finding(
                    hp,
                    item.path,
                    f"åtgärden '{action.id}' pekar varken på en aktivitet eller ett mål",
                    "Lägg till `aktivitet:` (AP-aktivitetens id) eller `mål:` (VP-målets id); "
                    "i en verksamhetsplan efter avtalets paragrafer `paragraf:` eller `punkt:`.",
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
            for ref in refs:
                if vp is not None and index is not None:
                    if index.resolve(ref) is not None:
                        continue
                    key = (id(vp), ref.key)
                    names = names_of.get(key)
                    if names is None:
                        names = names_of[key] = index.names(ref.key)
                    wanted = paragraph_number(ref.value) if ref.key == "paragraf" else None
                    yield ctx.finding(
                        hp,
                        ref.path,
                        f"{_NOUN[ref.key]} '{ref.value}' finns inte i {vp.plan.title}",
                        hints.did_you_mean(wanted or ref.value, names)
                        or "Ett id som bytt namn i verksamhetsplanen ska bytas här också.",
                        related=(vp,),
                    )
                elif plan.vp is None:
                    yield ctx.finding(
                        hp,
                        ref.path,
                        f"planen anger ingen verksamhetsplan att hämta {_NOUN[ref.key]} ur",
                        "Ange `år:` eller `verksamhetsplan:` för planen.",
                        related=ctx.planset.vps,
                    )


RULE = rule(
    __doc__ or "",
    code="PV102",
    name="okänd-aktivitet",
    level=Level.ERROR,
    summary="åtgärdens aktivitet, mål, paragraf eller punkt finns inte",
    check=check,
    scope=Scope.YEAR_OF_HANDLINGSPLANER,
)
