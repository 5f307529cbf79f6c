"""Verksamhetsplan (VP): the multi-year strategic plan, in every region's style.

One model holds both styles without code per region:
- fokusområden with goals (rubriker) and their text (Mellansverige), or goals without a
  fokusområde (a VP that is a plain list of goals);
- nested, numbered agreement paragraphs (§ 8 > § 8.1) with quoted agreement text and the
  plan's own bullets (the agreement-paragraph style).
"""

from typing import Literal

from pydantic import Field

from planverk.model.common import (
    BulletItem,
    Decision,
    Id,
    Period,
    StrategicDirection,
    Strict,
    Text,
    empty_list,
)


class Goal(Strict):
    """A VP goal (rubrik): the heading the aktivitetsplan's activities serve."""

    id: Id = Field(alias="id")
    heading: Text = Field(alias="rubrik")
    text: Text | None = Field(default=None, alias="text")
    bullets: list[BulletItem] = Field(default_factory=empty_list, alias="punkter")
    decision: Decision | None = Field(default=None, alias="beslut")


class FocusArea(Strict):
    """A fokusområde: top level of VP and AP."""

    id: Id = Field(alias="id")
    heading: Text = Field(alias="rubrik")
    text: Text | None = Field(default=None, alias="text")
    goals: list[Goal] = Field(default_factory=empty_list, alias="mål")


class PlanPart(Strict):
    """The plan's own words under an agreement paragraph, e.g. "Plan 2022–2023"."""

    heading: Text | None = Field(default=None, alias="rubrik")
    text: Text | None = Field(default=None, alias="text")
    bullets: list[BulletItem] = Field(default_factory=empty_list, alias="punkter")


class Section(Strict):
    """A numbered agreement paragraph (§ 8, § 8.1) holding quoted agreement text and plan text."""

    number: str = Field(alias="nummer", pattern=r"^\d+(\.\d+)*$", description="T.ex. 8.1")
    heading: Text = Field(alias="rubrik")
    agreement_text: Text | None = Field(
        default=None, alias="avtalstext", description="Avtalets egen text, citerad."
    )
    plan: PlanPart | None = Field(default=None, alias="plan")
    goals: list[Goal] = Field(default_factory=empty_list, alias="mål")
    sections: "list[Section]" = Field(default_factory=empty_list, alias="avsnitt")


class Verksamhetsplan(Strict):
    """Verksamhetsplan for a period of years, decided by the board."""

    kind: Literal["verksamhetsplan"] = Field(alias="typ")
    id: Id = Field(alias="id")
    title: Text = Field(alias="titel")
    period: Period = Field(alias="period")
    decision: Decision | None = Field(default=None, alias="beslut")
    introduction: Text | None = Field(default=None, alias="inledning")
    direction: StrategicDirection | None = Field(default=None, alias="strategisk-inriktning")
    focus_areas: list[FocusArea] = Field(default_factory=empty_list, alias="fokusområden")
    goals: list[Goal] = Field(
        default_factory=empty_list, alias="mål", description="Mål utan fokusområde."
    )
    sections: list[Section] = Field(
        default_factory=empty_list, alias="avsnitt", description="Avtalsparagrafer (§)."
    )
