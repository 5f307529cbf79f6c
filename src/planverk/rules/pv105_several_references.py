"""PV105 – posten pekar på flera saker i verksamhetsplanen.

En aktivitet, en rubrik i aktivitetsplanen eller en åtgärd tjänar en sak i
verksamhetsplanen: ett mål (``mål:``), en avtalsparagraf (``paragraf:``) eller en av
planens punkter (``punkt:``). Står flera är det oklart vilken kedja dokumenten ska visa och
vad en ändring i verksamhetsplanen påverkar; planverk använder då den första (mål före
paragraf före punkt). En punkt hör redan till sin paragraf, så ``punkt:`` räcker för den.

FAIL plans/aktivitetsplan-2025.yaml 14:23:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
                mål: nära-vård
                paragraf: "8.1"
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
                mål: nära-vård
"""

from collections.abc import Iterator
from typing import Any

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

_NOUN = {"mål": "målet", "paragraf": "paragrafen", "punkt": "punkten"}


def check(ctx: Context) -> Iterator[Finding]:
    for ap in ctx.planset.aps:
        for f_index, area in enumerate(ap.plan.focus_areas):
            for h_index, heading in enumerate(area.headings):
                h_path: walk.Path = ("fokusområden", f_index, "rubriker", h_index)
                yield from _several(ctx, ap, "rubriken", heading.id, heading, h_path)
                for a_index, activity in enumerate(heading.activities):
                    path = (*h_path, "aktiviteter", a_index)
                    yield from _several(ctx, ap, "aktiviteten", activity.id, activity, path)
    for hp in ctx.planset.hps:
        for item in walk.actions(hp.plan):
            action = item.action
            yield from _several(ctx, hp, "åtgärden", action.id, action, item.path)


def _several(
    ctx: Context, loaded: Any, what: str, ident: str, item: Any, path: walk.Path
) -> Iterator[Finding]:
    if item.goal is None and item.paragraph is None and item.bullet is None:
        return  # the common case, without building references
    refs = walk.own_references(item, path)
    if len(refs) < 2:
        return
    first, second = refs[0], refs[1]
    yield ctx.finding(
        loaded,
        second.path,
        f"{what} '{ident}' pekar på både {_NOUN[first.key]} '{first.value}' och "
        f"{_NOUN[second.key]} '{second.value}'",
        f"Behåll en av dem; planverk följer {_NOUN[first.key]}. En punkt hör redan till sin "
        "paragraf, så punkt: räcker för den.",
    )


RULE = rule(
    __doc__ or "",
    code="PV105",
    name="flera-hänvisningar",
    level=Level.ERROR,
    summary="posten pekar på flera saker i verksamhetsplanen",
    check=check,
    scope=Scope.PLAN,
)
