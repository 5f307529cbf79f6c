"""PV103 – okänt organ eller grupp.

Uppdrag (``uppdrag: till:``), ägare (``ägare:``), ansvar (``ansvar:``) och beslut
(``beslutad-av:``) anger ett organ eller en grupp med dess id i projektfilens lista
``organ:``. En felstavad eller nedlagd grupp rapporteras tillsammans med den kända grupp som
liknar mest.

FAIL plans/handlingsplaner/ledningsgruppen-2025.yaml 12:16:
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
        uppdrag:
          - till: [ledningsgrupen]
            text: Tema på Ledningsgruppens möte.
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
        uppdrag:
          - till: [ledningsgruppen]
            text: Tema på Ledningsgruppens möte.
"""

from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.core.suggest import did_you_mean
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

_KEYS = frozenset({"till", "ägare", "ansvar", "beslutad-av"})


def check(ctx: Context) -> Iterator[Finding]:
    project = ctx.project
    if project is None:
        return  # PV009 reports the missing project file
    known = {body.id for body in project.bodies}
    project_file = [ctx.planset.project] if ctx.planset.project else []
    for doc in ctx.planset.documents:
        if doc.data is None or (ctx.planset.project and doc is ctx.planset.project.doc):
            continue
        for path, value in walk.values_of(doc.data, _KEYS):
            if path[-1] == "till" and (len(path) < 3 or path[-3] != "uppdrag"):
                continue  # `till` is also the end of a period or a schedule
            ids = value if isinstance(value, list) else [value]
            for index, body in enumerate(ids):
                if isinstance(body, str) and body not in known:
                    where = (*path, index) if isinstance(value, list) else path
                    yield ctx.finding(
                        doc,
                        where,
                        f"organet '{body}' finns inte i projektfilens `organ:`",
                        did_you_mean(body, known)
                        or "Lägg till organet i plans/planverk.yaml under `organ:`.",
                        related=project_file,
                    )


RULE = rule(
    __doc__ or "",
    code="PV103",
    name="okänt-organ",
    level=Level.ERROR,
    summary="organet eller gruppen finns inte i projektfilen",
    check=check,
    scope=Scope.DOCUMENT,
)
