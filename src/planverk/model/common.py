"""Building blocks shared by every plan kind: ids, bullets, decisions, status."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

ID_PATTERN = r"^[a-z0-9åäöé][a-z0-9åäöé._-]*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=120),
    Field(description="Stabilt id: gemener, siffror, bindestreck (å, ä, ö går bra)."),
]
Text = Annotated[str, Field(description="Fritext på svenska.")]


class TextKind(StrEnum):
    """How much markup a text may hold (see :mod:`planverk.document.richtext`)."""

    BLOCK = "stycken"  # paragraphs (blank line), bullet lists ("- "), footnotes (^[...])
    LINE = "rad"  # one line of text with footnotes: a bullet, an activity
    PLAIN = "ren"  # no markup at all: headings, titles, names


@dataclass(frozen=True, slots=True)
class Markup:
    """Marks a field's text kind in the model; :mod:`planverk.model.texts` reads it."""

    kind: TextKind


RichText = Annotated[
    str,
    Markup(TextKind.BLOCK),
    Field(
        description="Fritext på svenska. Stycken skiljs med en tom rad, en rad som börjar med "
        "'- ' är en punkt (två mellanslag till framför för en underpunkt) och ^[text] är en "
        "fotnot. Skriv texten med | för att behålla raderna."
    ),
]
LineText = Annotated[
    str,
    Markup(TextKind.LINE),
    Field(description="Fritext på svenska på en rad; ^[text] är en fotnot."),
]


class Status(StrEnum):
    """Status of an action, as in Sydöstra's living handlingsplan."""

    GREEN = "grön"
    YELLOW = "gul"
    RED = "röd"
    FINISHED = "avslutad"
    NOT_REPORTED = "ej rapporterad"


STATUS_VALUES: tuple[str, ...] = tuple(s.value for s in Status)

# The status field stays a plain string so that rule PV301 can name a misspelt value with a
# did-you-mean hint; the JSON Schema still lists the allowed values for editors.
StatusText = Annotated[
    str,
    Field(
        description="grön = enligt plan, gul = mindre problem, röd = allvarliga problem, "
        "avslutad = klar, ej rapporterad = ingen rapport ännu.",
        json_schema_extra={"enum": list(STATUS_VALUES)},
    ),
]


def empty_list() -> list[Any]:
    """The default of a list field.

    A function of our own rather than ``list``: Pydantic reads a default factory's
    signature when it builds a model, and for a builtin that takes half a millisecond per
    field at every start. A plain ``default=[]`` would be deep-copied for every instance.
    """
    return []


def empty_dict() -> dict[str, Any]:
    """The default of a mapping field (see `empty_list`)."""
    return {}


class Strict(BaseModel):
    """Base for every plan model: unknown keys are errors, keys are Swedish aliases."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        frozen=True,
        str_strip_whitespace=False,
    )


def swedish(title: str, description: str, **kwargs: Any) -> Any:
    """``Field`` with a Swedish title and description (what editors show for the key)."""
    return Field(title=title, description=description, **kwargs)


class Decision(Strict):
    """Beslut: who decided, when, and under which paragraph or registration number."""

    decided_by: Id = Field(
        alias="beslutad-av",
        title="Beslutad av",
        description="Id för organet som beslutade, t.ex. svn.",
    )
    date: dt.date = Field(
        alias="datum", title="Datum", description="Beslutets datum som ÅÅÅÅ-MM-DD."
    )
    paragraph: str | None = Field(
        default=None,
        alias="paragraf",
        title="Paragraf",
        description="Protokollets paragraf, t.ex. § 45.",
    )
    registration: str | None = Field(
        default=None,
        alias="diarienummer",
        title="Diarienummer",
        description="Ärendets diarienummer, t.ex. SVN 2024/31.",
    )


class Bullet(Strict):
    """A bullet with optional id, sub-bullets and footnote."""

    id: Id | None = swedish(
        "Id",
        "Punktens id, så att en aktivitet eller åtgärd kan peka på punkten (punkt:) och "
        "jämförelsen följer den när den flyttas eller skrivs om.",
        default=None,
        alias="id",
    )
    text: LineText = Field(
        alias="text", title="Text", description="Punktens text; ^[text] är en fotnot."
    )
    bullets: "list[BulletItem]" = Field(
        default_factory=empty_list,
        alias="punkter",
        title="Punkter",
        description="Punktens underpunkter.",
    )  # defined just below
    footnote: Text | None = Field(
        default=None, alias="fotnot", title="Fotnot", description="En fotnot till punkten."
    )


def shape_tag(value: object) -> str:
    """Union tag by shape, so a mistake is reported against one alternative only."""
    return "_text" if isinstance(value, str) else "_object"


BulletItem = Annotated[
    Annotated[LineText, Tag("_text")] | Annotated[Bullet, Tag("_object")],
    Discriminator(shape_tag),
    Field(description="En punkt: text, eller text med underpunkter."),
]
Bullet.model_rebuild()


class Theme(Strict):
    """A theme with bullets, e.g. under Strategisk inriktning."""

    heading: Text = Field(alias="rubrik", title="Rubrik", description="Temats rubrik.")
    text: RichText | None = Field(
        default=None, alias="text", title="Text", description="Temats text."
    )
    bullets: list[BulletItem] = Field(
        default_factory=empty_list, alias="punkter", title="Punkter", description="Temats punkter."
    )


class StrategicDirection(Strict):
    """Strategisk inriktning: an introductory text and themes with bullets."""

    text: RichText | None = Field(
        default=None,
        alias="text",
        title="Text",
        description="Den strategiska inriktningens inledande text.",
    )
    themes: list[Theme] = Field(
        default_factory=empty_list,
        alias="teman",
        title="Teman",
        description="Teman med rubrik och punkter.",
    )


class Period(Strict):
    """A span of whole years, both ends included."""

    start: int = Field(
        alias="från", ge=1900, le=2200, title="Från", description="Första året, t.ex. 2025."
    )
    end: int = Field(
        alias="till",
        ge=1900,
        le=2200,
        title="Till",
        description="Sista året (det ingår), t.ex. 2028.",
    )

    def covers(self, year: int) -> bool:
        return self.start <= year <= self.end

    def label(self) -> str:
        return f"{self.start}–{self.end}"


UNDERLAG_TITLE = "Underlag"
UNDERLAG_DESCRIPTION = (
    "Vad planen bygger på, när läsaren behöver veta det: t.ex. att den är en illustrativ "
    "rekonstruktion och inte ett beslutat dokument. Står på titelsidan i dokumentet."
)
