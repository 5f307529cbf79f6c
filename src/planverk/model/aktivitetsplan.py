"""Aktivitetsplan (AP): a year's activities per fokusområde and rubrik, each serving a VP goal."""

from typing import Literal

from pydantic import Field

from planverk.model.common import Decision, Id, StrategicDirection, Strict, Text, empty_list


class Activity(Strict):
    """An AP activity: a bullet under a rubrik, serving one VP goal."""

    id: Id = Field(alias="id")
    text: Text = Field(alias="text")
    goal: Id | None = Field(
        default=None, alias="mål", description="VP-målets id; ärvs annars från rubriken."
    )
    responsible: list[Id] = Field(default_factory=empty_list, alias="ansvar")
    decision: Decision | None = Field(default=None, alias="beslut")
    comment: Text | None = Field(default=None, alias="kommentar")


class Heading(Strict):
    """A rubrik in the AP with its activities."""

    id: Id = Field(alias="id")
    heading: Text = Field(alias="rubrik")
    goal: Id | None = Field(
        default=None, alias="mål", description="VP-mål som rubrikens aktiviteter tjänar."
    )
    activities: list[Activity] = Field(default_factory=empty_list, alias="aktiviteter")


class ApFocusArea(Strict):
    id: Id = Field(alias="id")
    heading: Text = Field(alias="rubrik")
    headings: list[Heading] = Field(default_factory=empty_list, alias="rubriker")


class Aktivitetsplan(Strict):
    """Aktivitetsplan for one year."""

    kind: Literal["aktivitetsplan"] = Field(alias="typ")
    year: int = Field(alias="år", ge=1900, le=2200)
    title: Text = Field(alias="titel")
    vp: Id | None = Field(
        default=None,
        alias="verksamhetsplan",
        description="VP:s id; annars den VP vars period täcker året.",
    )
    decision: Decision | None = Field(default=None, alias="beslut")
    introduction: Text | None = Field(default=None, alias="inledning")
    direction: StrategicDirection | None = Field(default=None, alias="strategisk-inriktning")
    focus_areas: list[ApFocusArea] = Field(default_factory=empty_list, alias="fokusområden")
