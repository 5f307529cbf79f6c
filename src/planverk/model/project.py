"""The project file: the sjukvårdsregion, its regions, bodies and glossary, and rule settings."""

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag

from planverk.model.common import Id, Strict, Text, empty_dict, empty_list, shape_tag

Level = Literal["fel", "varning", "info", "av"]


class Region(Strict):
    id: Id = Field(alias="id")
    name: Text = Field(alias="namn")


class Body(Strict):
    """An organ or group that decides or owns work: Samverkansnämnden, HR-direktörsgruppen, ..."""

    id: Id = Field(alias="id")
    name: Text = Field(alias="namn")
    abbreviation: str | None = Field(default=None, alias="förkortning")
    description: Text | None = Field(default=None, alias="beskrivning")


class RuleSetting(Strict):
    level: Level = Field(alias="nivå")


RuleValue = Annotated[
    Annotated[Level, Tag("_text")] | Annotated[RuleSetting, Tag("_object")],
    Discriminator(shape_tag),
]


class FollowUpPeriod(Strict):
    """A follow-up period of the year, e.g. tertial 1 ending on 30 April."""

    id: Id = Field(alias="id")
    name: Text = Field(alias="namn")
    ends: str = Field(
        alias="slutar",
        pattern=r"^\d{2}-\d{2}$",
        description="Periodens sista dag som MM-DD, t.ex. 04-30.",
    )


DEFAULT_PERIODS = (
    FollowUpPeriod.model_validate({"id": "t1", "namn": "Tertial 1", "slutar": "04-30"}),
    FollowUpPeriod.model_validate({"id": "t2", "namn": "Tertial 2", "slutar": "08-31"}),
    FollowUpPeriod.model_validate({"id": "helår", "namn": "Helår", "slutar": "12-31"}),
)


class Project(Strict):
    """The sjukvårdsregion's project file (plans/planverk.yaml)."""

    kind: Literal["projekt"] = Field(alias="typ")
    id: Id = Field(alias="id")
    name: Text = Field(alias="namn", description="T.ex. Sjukvårdsregion Mellansverige.")
    regions: list[Region] = Field(default_factory=empty_list, alias="regioner")
    bodies: list[Body] = Field(default_factory=empty_list, alias="organ")
    glossary: dict[str, Text] = Field(
        default_factory=empty_dict, alias="ordlista", description="Förkortning: betydelse."
    )
    rules: dict[str, RuleValue] = Field(
        default_factory=empty_dict,
        alias="regler",
        description="Regelkod: nivå (fel, varning, info, av).",
    )
    template: str | None = Field(
        default=None, alias="dokumentmall", description="Sökväg till regionens .docx/.dotx."
    )
    powerpointmall: str | None = Field(
        default=None,
        alias="powerpointmall",
        description="Sökväg till regionens Powerpointmall (.pptx/.potx), relativ till "
        "projektets rot; ger bildspelets utseende (render -f pptx).",
    )
    follow_up_periods: list[FollowUpPeriod] = Field(
        default_factory=lambda: list(DEFAULT_PERIODS), alias="uppföljningsperioder"
    )
