"""Aktivitetsplan (AP): a year's activities per fokusområde and rubrik, each serving a VP goal."""

from typing import Literal

from pydantic import Field

from planverk.model.common import (
    UNDERLAG_DESCRIPTION,
    UNDERLAG_TITLE,
    Decision,
    Id,
    LineText,
    RichText,
    StrategicDirection,
    Strict,
    Text,
    empty_list,
)
from planverk.model.references import BulletRef, ParagraphRef, bullet_field, paragraph_field


class Activity(Strict):
    """An AP activity: a bullet under a rubrik, serving one VP goal, paragraph or bullet."""

    id: Id = Field(
        alias="id",
        title="Id",
        description="Aktivitetens id; åtgärder i handlingsplanerna pekar på det med `aktivitet:`.",
    )
    text: LineText = Field(
        alias="text", title="Text", description="Aktivitetens text, som den står i planen."
    )
    goal: Id | None = Field(
        default=None,
        alias="mål",
        title="Mål",
        description="Id för VP-målet som aktiviteten tjänar; utan nyckeln rubrikens mål.",
    )
    paragraph: ParagraphRef | None = paragraph_field()
    bullet: BulletRef | None = bullet_field()
    responsible: list[Id] = Field(
        default_factory=empty_list,
        alias="ansvar",
        title="Ansvar",
        description="Id för de organ som ansvarar för aktiviteten.",
    )
    decision: Decision | None = Field(
        default=None,
        alias="beslut",
        title="Beslut",
        description="Beslut om aktiviteten, när den har ett eget.",
    )
    comment: Text | None = Field(
        default=None,
        alias="kommentar",
        title="Kommentar",
        description="En kommentar till aktiviteten.",
    )


class Heading(Strict):
    """A rubrik in the AP with its activities."""

    id: Id = Field(alias="id", title="Id", description="Rubrikens id.")
    heading: Text = Field(
        alias="rubrik", title="Rubrik", description="Rubrikens text, t.ex. Produktionssamverkan."
    )
    goal: Id | None = Field(
        default=None,
        alias="mål",
        title="Mål",
        description="Id för VP-målet som rubrikens aktiviteter tjänar.",
    )
    paragraph: ParagraphRef | None = paragraph_field()
    bullet: BulletRef | None = bullet_field()
    activities: list[Activity] = Field(
        default_factory=empty_list,
        alias="aktiviteter",
        title="Aktiviteter",
        description="Årets aktiviteter under rubriken.",
    )


class ApFocusArea(Strict):
    id: Id = Field(
        alias="id", title="Id", description="Fokusområdets id, t.ex. verksamhet-och-utveckling."
    )
    heading: Text = Field(alias="rubrik", title="Rubrik", description="Fokusområdets rubrik.")
    headings: list[Heading] = Field(
        default_factory=empty_list,
        alias="rubriker",
        title="Rubriker",
        description="Fokusområdets rubriker med sina aktiviteter.",
    )


class Aktivitetsplan(Strict):
    """Aktivitetsplan for one year."""

    kind: Literal["aktivitetsplan"] = Field(
        alias="typ", title="Typ", description="Vilken sorts plan det är: `aktivitetsplan`."
    )
    year: int = Field(
        alias="år",
        ge=1900,
        le=2200,
        title="År",
        description="Året planen gäller, t.ex. 2025; det ska ligga i verksamhetsplanens period.",
    )
    title: Text = Field(
        alias="titel", title="Titel", description="Planens titel, t.ex. Aktivitetsplan 2025."
    )
    vp: Id | None = Field(
        default=None,
        alias="verksamhetsplan",
        title="Verksamhetsplan",
        description="Id för verksamhetsplanen som planen tjänar; utan nyckeln den vars period "
        "täcker året.",
    )
    decision: Decision | None = Field(
        default=None,
        alias="beslut",
        title="Beslut",
        description="Nämndens beslut om planen: vem, när, paragraf och diarienummer.",
    )
    basis: RichText | None = Field(
        default=None, alias="underlag", title=UNDERLAG_TITLE, description=UNDERLAG_DESCRIPTION
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
    focus_areas: list[ApFocusArea] = Field(
        default_factory=empty_list,
        alias="fokusområden",
        title="Fokusområden",
        description="Planens fokusområden, vart och ett med rubriker och aktiviteter.",
    )
