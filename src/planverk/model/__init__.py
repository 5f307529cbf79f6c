"""The plan model: one Pydantic model per plan kind, keyed on the file's `typ`."""

from __future__ import annotations

from pydantic import BaseModel

from planverk.model.aktivitetsplan import Activity, Aktivitetsplan, ApFocusArea, Heading
from planverk.model.common import Decision, Status
from planverk.model.handlingsplan import Action, Handlingsplan
from planverk.model.project import Project
from planverk.model.verksamhetsplan import FocusArea, Goal, Section, Verksamhetsplan

Plan = Project | Verksamhetsplan | Aktivitetsplan | Handlingsplan

MODELS: dict[str, type[BaseModel]] = {
    "projekt": Project,
    "verksamhetsplan": Verksamhetsplan,
    "aktivitetsplan": Aktivitetsplan,
    "handlingsplan": Handlingsplan,
}

__all__ = [
    "MODELS",
    "Action",
    "Activity",
    "Aktivitetsplan",
    "ApFocusArea",
    "Decision",
    "FocusArea",
    "Goal",
    "Handlingsplan",
    "Heading",
    "Plan",
    "Project",
    "Section",
    "Status",
    "Verksamhetsplan",
]
