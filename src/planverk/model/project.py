"""The project file: the sjukvårdsregion, its regions, bodies and glossary, and rule settings."""

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag

from planverk.model.common import Id, Strict, Text, empty_dict, empty_list, shape_tag
from planverk.model.style import DEFAULT_STYLE, DocumentStyle

Level = Literal["fel", "varning", "info", "av"]


class Region(Strict):
    id: Id = Field(alias="id", title="Id", description="Regionens id, t.ex. dalarna.")
    name: Text = Field(
        alias="namn", title="Namn", description="Regionens namn, t.ex. Region Dalarna."
    )


class Body(Strict):
    """An organ or group that decides or owns work: Samverkansnämnden, HR-direktörsgruppen, ..."""

    id: Id = Field(
        alias="id",
        title="Id",
        description="Organets id, som planerna pekar på, t.ex. svn eller ledningsgruppen.",
    )
    name: Text = Field(
        alias="namn", title="Namn", description="Organets namn, t.ex. Samverkansnämnden."
    )
    abbreviation: str | None = Field(
        default=None,
        alias="förkortning",
        title="Förkortning",
        description="Organets förkortning, t.ex. SVN; den räknas som förklarad i ordlistan.",
    )
    description: Text | None = Field(
        default=None,
        alias="beskrivning",
        title="Beskrivning",
        description="Vad organet är och gör.",
    )


class RuleSetting(Strict):
    level: Level = Field(
        alias="nivå", title="Nivå", description="Regelns nivå: fel, varning, info eller av."
    )


RuleValue = Annotated[
    Annotated[Level, Tag("_text")] | Annotated[RuleSetting, Tag("_object")],
    Discriminator(shape_tag),
]


class FollowUpPeriod(Strict):
    """A follow-up period of the year, e.g. tertial 1 ending on 30 April."""

    id: Id = Field(
        alias="id",
        title="Id",
        description="Periodens id, som rapporterna anger under `period:`, t.ex. t1.",
    )
    name: Text = Field(alias="namn", title="Namn", description="Periodens namn, t.ex. Tertial 1.")
    ends: str = Field(
        alias="slutar",
        pattern=r"^\d{2}-\d{2}$",
        title="Slutar",
        description="Periodens sista dag som MM-DD, t.ex. 04-30.",
    )


DEFAULT_PERIODS = (
    FollowUpPeriod.model_validate({"id": "t1", "namn": "Tertial 1", "slutar": "04-30"}),
    FollowUpPeriod.model_validate({"id": "t2", "namn": "Tertial 2", "slutar": "08-31"}),
    FollowUpPeriod.model_validate({"id": "helår", "namn": "Helår", "slutar": "12-31"}),
)


class Project(Strict):
    """The sjukvårdsregion's project file (plans/planverk.yaml)."""

    kind: Literal["projekt"] = Field(
        alias="typ", title="Typ", description="Vilken sorts fil det är: `projekt` för projektfilen."
    )
    id: Id = Field(
        alias="id",
        title="Id",
        description="Sjukvårdsregionens id, t.ex. mellansverige: gemener, siffror och bindestreck.",
    )
    name: Text = Field(
        alias="namn",
        title="Namn",
        description="Sjukvårdsregionens namn, t.ex. Sjukvårdsregion Mellansverige.",
    )
    regions: list[Region] = Field(
        default_factory=empty_list,
        alias="regioner",
        title="Regioner",
        description="Regionerna som ingår i sjukvårdsregionen, var och en med id och namn.",
    )
    bodies: list[Body] = Field(
        default_factory=empty_list,
        alias="organ",
        title="Organ",
        description="Organ och grupper som beslutar eller äger arbete; planerna pekar på dem med "
        "id i `till:`, `ägare:`, `ansvar:` och `beslutad-av:`.",
    )
    glossary: dict[str, Text] = Field(
        default_factory=empty_dict,
        alias="ordlista",
        title="Ordlista",
        description="Förkortningar som används i plantexterna, med betydelse, t.ex. `NSPL: "
        "Nationell samordning och planering`.",
    )
    rules: dict[str, RuleValue] = Field(
        default_factory=empty_dict,
        alias="regler",
        title="Regler",
        description="Regelinställningar: regelkod och nivå (fel, varning, info eller av), t.ex. "
        "`PV204: varning`.",
    )
    template: str | None = Field(
        default=None,
        alias="dokumentmall",
        title="Dokumentmall",
        description="Sökväg till regionens Word-dokumentmall (.docx eller .dotx) som dokumenten "
        "får sitt utseende från.",
    )
    powerpointmall: str | None = Field(
        default=None,
        alias="powerpointmall",
        title="Powerpointmall",
        description="Sökväg till regionens Powerpointmall (.pptx/.potx), relativ till "
        "projektets rot; ger bildspelets utseende (render -f pptx).",
    )
    follow_up_periods: list[FollowUpPeriod] = Field(
        default_factory=lambda: list(DEFAULT_PERIODS),
        alias="uppföljningsperioder",
        title="Uppföljningsperioder",
        description="Årets uppföljningsperioder med id, namn och sista dag; utan nyckeln gäller "
        "tertial 1, tertial 2 och helår.",
    )
    style: DocumentStyle = Field(
        default=DEFAULT_STYLE,
        alias="dokumentstil",
        title="Dokumentstil",
        description="Hur dokumenten sätts: vilken text som framhävs och hur, paragraf"
        "rubrikernas skiftläge och numrering, planrubriker och ordet för ett förslag.",
    )
