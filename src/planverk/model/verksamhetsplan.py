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
    UNDERLAG_DESCRIPTION,
    UNDERLAG_TITLE,
    BulletItem,
    Decision,
    Id,
    Period,
    RichText,
    StrategicDirection,
    Strict,
    Text,
    empty_list,
    swedish,
)

SECTION_NUMBER = r"^\d+(\.\d+)*$"


class Goal(Strict):
    """A VP goal (rubrik): the heading the aktivitetsplan's activities serve."""

    id: Id = Field(
        alias="id",
        title="Id",
        description="Målets id; aktiviteter och åtgärder pekar på det med `mål:`.",
    )
    heading: Text = Field(
        alias="rubrik", title="Rubrik", description="Målets rubrik, t.ex. God och nära vård."
    )
    text: RichText | None = Field(
        default=None, alias="text", title="Text", description="Målets text."
    )
    bullets: list[BulletItem] = Field(
        default_factory=empty_list, alias="punkter", title="Punkter", description="Målets punkter."
    )
    decision: Decision | None = Field(
        default=None,
        alias="beslut",
        title="Beslut",
        description="Beslut om målet, när det har ett eget.",
    )


class FocusArea(Strict):
    """A fokusområde: top level of VP and AP."""

    id: Id = Field(
        alias="id", title="Id", description="Fokusområdets id, t.ex. verksamhet-och-utveckling."
    )
    heading: Text = Field(
        alias="rubrik",
        title="Rubrik",
        description="Fokusområdets rubrik, t.ex. Verksamhet och utveckling.",
    )
    text: RichText | None = Field(
        default=None, alias="text", title="Text", description="Fokusområdets text."
    )
    goals: list[Goal] = Field(
        default_factory=empty_list,
        alias="mål",
        title="Mål",
        description="Fokusområdets mål (rubriker).",
    )


class PlanPart(Strict):
    """The plan's own words under an agreement paragraph, e.g. "Plan 2022–2023"."""

    heading: Text | None = Field(
        default=None,
        alias="rubrik",
        title="Rubrik",
        description="Rubriken för planens text, t.ex. Plan 2022–2023.",
    )
    text: RichText | None = Field(
        default=None, alias="text", title="Text", description="Planens text under paragrafen."
    )
    bullets: list[BulletItem] = Field(
        default_factory=empty_list,
        alias="punkter",
        title="Punkter",
        description="Planens punkter under paragrafen.",
    )


class Section(Strict):
    """A numbered agreement paragraph (§ 8, § 8.1) holding quoted agreement text and plan text."""

    id: Id | None = swedish(
        "Id",
        "Paragrafens id, om den ska gå att peka på med samma id även när den numreras om "
        "(aktiviteter kan också peka på numret, paragraf: 8.3).",
        default=None,
        alias="id",
    )
    number: str = Field(
        alias="nummer",
        pattern=SECTION_NUMBER,
        title="Nummer",
        description="Paragrafens nummer i avtalet, t.ex. 8.1.",
    )
    heading: Text = Field(alias="rubrik", title="Rubrik", description="Paragrafens rubrik.")
    agreement_text: RichText | None = Field(
        default=None,
        alias="avtalstext",
        title="Avtalstext",
        description="Avtalets egen text, citerad (den beslutas inte i planen).",
    )
    plan: PlanPart | None = Field(
        default=None,
        alias="plan",
        title="Plan",
        description="Planens egna ord under paragrafen, t.ex. under rubriken Plan 2022–2023.",
    )
    goals: list[Goal] = Field(
        default_factory=empty_list,
        alias="mål",
        title="Mål",
        description="Mål under paragrafen, som aktivitetsplanen kan peka på.",
    )
    sections: "list[Section]" = Field(
        default_factory=empty_list,
        alias="avsnitt",
        title="Avsnitt",
        description="Underparagrafer, t.ex. § 8.1 under § 8.",
    )


class Verksamhetsplan(Strict):
    """Verksamhetsplan for a period of years, decided by the board."""

    kind: Literal["verksamhetsplan"] = Field(
        alias="typ", title="Typ", description="Vilken sorts plan det är: `verksamhetsplan`."
    )
    id: Id = Field(
        alias="id",
        title="Id",
        description="Verksamhetsplanens id, t.ex. vp-2025-2028; andra planer kan peka på det med "
        "`verksamhetsplan:`.",
    )
    title: Text = Field(
        alias="titel", title="Titel", description="Planens titel, t.ex. Verksamhetsplan 2025–2028."
    )
    period: Period = Field(
        alias="period",
        title="Period",
        description="Åren planen gäller, från och till och med.",
    )
    decision: Decision | None = Field(
        default=None,
        alias="beslut",
        title="Beslut",
        description="Nämndens beslut om planen: vem, när, paragraf och diarienummer.",
    )
    basis: RichText | None = swedish(
        UNDERLAG_TITLE, UNDERLAG_DESCRIPTION, default=None, alias="underlag"
    )
    introduction: RichText | None = Field(
        default=None, alias="inledning", title="Inledning", description="Planens inledande text."
    )
    direction: StrategicDirection | None = Field(
        default=None,
        alias="strategisk-inriktning",
        title="Strategisk inriktning",
        description="Inledande text och teman med punkter.",
    )
    focus_areas: list[FocusArea] = Field(
        default_factory=empty_list,
        alias="fokusområden",
        title="Fokusområden",
        description="Planens fokusområden, vart och ett med sina mål.",
    )
    goals: list[Goal] = Field(
        default_factory=empty_list,
        alias="mål",
        title="Mål",
        description="Mål utan fokusområde, för en plan som är en rak lista av mål.",
    )
    sections: list[Section] = Field(
        default_factory=empty_list,
        alias="avsnitt",
        title="Avsnitt",
        description="Avtalets numrerade paragrafer (§), för en plan som följer avtalet.",
    )
