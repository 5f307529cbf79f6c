"""PV104 – dubblerat id.

Planerna pekar på varandra med id, och med hjälp av id följer `planverk diff` en post från
år till år. Därför måste varje id vara unikt bland sitt slag i en plan: mål, fokusområden och
rubriker i en verksamhetsplan, aktiviteter och rubriker i en aktivitetsplan, åtgärder i en
handlingsplan, organ och regioner i projektfilen och nummer på avtalsparagrafer.

FAIL plans/aktivitetsplan-2025.yaml 14:17:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            mål: nära-vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
              - id: stödja-nära-vård
                text: Följa upp omställningen till Nära vård.
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
            mål: nära-vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
              - id: följa-upp-nära-vård
                text: Följa upp omställningen till Nära vård.
"""

from collections.abc import Iterator
from typing import Any

from planverk.core.findings import Finding, Level
from planverk.model.walk import Path
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.planset.documents:
        if not isinstance(doc.data, dict):
            continue
        seen: dict[tuple[str, str], Path] = {}
        for path, kind, ident in _ids(doc.data, ()):
            first = seen.setdefault((kind, ident), path)
            if first is not path:
                line = doc.source_map.locate(doc.data, first).line
                yield ctx.finding(
                    doc,
                    path,
                    f"id '{ident}' används redan på rad {line}",
                    "Ge posten ett eget id; ids följer posten mellan år och planer.",
                )


def _ids(data: Any, path: Path) -> Iterator[tuple[Path, str, str]]:
    """(path of the id value, namespace, id) for every item in a list of items."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        for id_key in ("id", "nummer"):
                            ident = item.get(id_key)
                            if isinstance(ident, str):
                                yield (*path, key, index, id_key), f"{key}.{id_key}", ident
                        yield from _ids(item, (*path, key, index))
            elif isinstance(value, dict):
                yield from _ids(value, (*path, key))


RULE = rule(
    __doc__ or "",
    code="PV104",
    name="dubblerat-id",
    level=Level.ERROR,
    summary="samma id används två gånger",
    check=check,
    scope=Scope.DOCUMENT,
)
