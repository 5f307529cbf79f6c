"""JSON Schema of each plan kind, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planverk.model import MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# What an editor shows when a planner hovers a key: Swedish, not the English docstrings.
SWEDISH: dict[str, tuple[str, str]] = {
    "Project": ("Projektfil", "Sjukvårdsregionen, dess regioner, organ, ordlista och regler."),
    "Region": ("Region", "En region som ingår i sjukvårdsregionen."),
    "Body": ("Organ", "Ett organ eller en grupp som beslutar eller äger arbete."),
    "RuleSetting": ("Regelinställning", "Nivå för en regel: fel, varning, info eller av."),
    "FollowUpPeriod": ("Uppföljningsperiod", "En period i årets uppföljning, t.ex. tertial 1."),
    "Verksamhetsplan": ("Verksamhetsplan", "Verksamhetsplan för en period av år."),
    "FocusArea": ("Fokusområde", "Ett fokusområde med sina mål (rubriker)."),
    "Goal": ("Mål", "Ett mål (rubrik) i verksamhetsplanen, med text och punkter."),
    "Section": ("Avsnitt", "En numrerad paragraf (§) med avtalets text och planens punkter."),
    "PlanPart": ("Planens text", "Planens egna ord under en paragraf, t.ex. Plan 2022–2023."),
    "Aktivitetsplan": ("Aktivitetsplan", "Aktivitetsplan för ett år."),
    "ApFocusArea": ("Fokusområde", "Ett fokusområde i aktivitetsplanen med sina rubriker."),
    "Heading": ("Rubrik", "En rubrik i aktivitetsplanen med sina aktiviteter."),
    "Activity": ("Aktivitet", "En aktivitet: en punkt under en rubrik som tjänar ett VP-mål."),
    "Handlingsplan": ("Handlingsplan", "Handlingsplan för ett år, eller levande under året."),
    "Action": ("Åtgärd", "En åtgärd med uppdrag, tidplan, uppföljning och status."),
    "Assignment": ("Uppdrag", "Uppdrag till en eller flera grupper."),
    "Schedule": ("Tidplan", "När åtgärden börjar och ska vara klar."),
    "FollowUp": ("Uppföljning", "Metod, kvalitetsindikatorer, mål och resultat."),
    "Report": ("Rapport", "Status och kommentar för en uppföljningsperiod."),
    "Decision": ("Beslut", "Vem som beslutade, när, och paragraf eller diarienummer."),
    "Bullet": ("Punkt", "En punkt med underpunkter och fotnot."),
    "Theme": ("Tema", "Ett tema med punkter, t.ex. under strategisk inriktning."),
    "StrategicDirection": ("Strategisk inriktning", "Inledande text och teman med punkter."),
    "Period": ("Period", "Hela år, från och till och med."),
    "DocumentStyle": (
        "Dokumentstil",
        "Hur regionens dokument sätts: vilken text som framhävs och hur, paragrafrubrikernas "
        "skiftläge och numrering, planrubriker och ordet för en plan som inte är beslutad.",
    ),
    "Emphasis": ("Sättning", "normal, kursiv, fet eller citat (Words formatmall Citat)."),
    "HeadingCase": ("Skiftläge", "som-skrivet eller versaler."),
    "Visibility": ("Visas", "visa eller dölj."),
}


def _swedish(schema: dict[str, Any], name: str) -> None:
    title, description = SWEDISH.get(name, (schema.get("title", name), ""))
    schema["title"] = title
    if description:
        schema["description"] = description


def schemas() -> dict[str, str]:
    """File name -> JSON text of every plan kind's schema."""
    out: dict[str, str] = {}
    for kind, model in MODELS.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        _swedish(schema, model.__name__)
        for name, definition in schema.get("$defs", {}).items():
            _swedish(definition, name)
        schema = {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema}
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def stale(folder: Path) -> list[str]:
    """Schema files in ``folder`` that are missing or differ from the model."""
    result = []
    for name, text in schemas().items():
        path = folder / name
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            result.append(name)
    return result
