"""Handlingsplan: concrete actions under AP activities or VP goals, with owners and follow-up.

Holds Ledningsgruppen's yearly plan and a programområde's living plan (Sydöstra's style):
nationellt insatsområde, prioriterat område och patientlöften, aktiviteter (tidplan,
samverkan), uppföljning, status and kommentar.
"""

import datetime as dt
from typing import Literal

from pydantic import Field

from planverk.model.common import (
    UNDERLAG_DESCRIPTION,
    UNDERLAG_TITLE,
    Decision,
    Id,
    LineText,
    RichText,
    StatusText,
    Strict,
    Text,
    empty_list,
)
from planverk.model.references import BulletRef, ParagraphRef, bullet_field, paragraph_field


class Assignment(Strict):
    """Uppdrag till X: an assignment given to one or more groups."""

    to: list[Id] = Field(
        alias="till", min_length=1, title="Till", description="Id för de organ som får uppdraget."
    )
    text: Text = Field(alias="text", title="Text", description="Vad uppdraget gäller.")


class Schedule(Strict):
    """Tidplan."""

    start: dt.date | None = Field(
        default=None, alias="från", title="Från", description="Startdatum som ÅÅÅÅ-MM-DD."
    )
    end: dt.date | None = Field(
        default=None, alias="till", title="Till", description="Slutdatum som ÅÅÅÅ-MM-DD."
    )
    text: Text | None = Field(
        default=None,
        alias="beskrivning",
        title="Beskrivning",
        description="Tidplanen i ord, t.ex. Under hösten 2025.",
    )


class FollowUp(Strict):
    """Uppföljning: metod, kvalitetsindikatorer, mål och resultat."""

    method: Text | None = Field(
        default=None, alias="metod", title="Metod", description="Hur åtgärden följs upp."
    )
    indicators: list[Text] = Field(
        default_factory=empty_list,
        alias="kvalitetsindikatorer",
        title="Kvalitetsindikatorer",
        description="Indikatorer som visar om åtgärden når sitt mål.",
    )
    target: Text | None = Field(
        default=None, alias="mål", title="Mål", description="Uppföljningens mål, i ord (inget id)."
    )
    result: Text | None = Field(
        default=None, alias="resultat", title="Resultat", description="Det resultat som har nåtts."
    )


class IndicatorValue(Strict):
    """The value of one of the follow-up's kvalitetsindikatorer in a report."""

    indicator: Text = Field(
        alias="indikator", title="Indikator", description="Indikatorn, som i uppföljningen."
    )
    value: Text = Field(alias="värde", title="Värde", description="Värdet för perioden, som text.")


class Report(Strict):
    """A status report for one follow-up period (tertial 1, tertial 2, helår, ...)."""

    period: Id = Field(
        alias="period",
        title="Period",
        description="Id för uppföljningsperioden som rapporten gäller, t.ex. t1.",
    )
    date: dt.date = Field(
        alias="datum", title="Datum", description="Rapportens datum som ÅÅÅÅ-MM-DD."
    )
    status: StatusText = Field(
        alias="status",
        title="Status",
        description="grön = enligt plan, gul = mindre problem, röd = allvarliga problem, avslutad "
        "= klar, ej rapporterad = ingen rapport ännu.",
    )
    comment: Text | None = Field(
        default=None,
        alias="kommentar",
        title="Kommentar",
        description="Resultat, behov av stöd och hinder under perioden.",
    )
    result: Text | None = Field(
        default=None,
        alias="resultat",
        title="Resultat",
        description="Resultatet mot uppföljningens mål.",
    )
    indicators: list[IndicatorValue] = Field(
        default_factory=empty_list,
        alias="indikatorer",
        title="Indikatorer",
        description="Värdet för perioden av var och en av uppföljningens kvalitetsindikatorer.",
    )


class Action(Strict):
    """An action (åtgärd) in a handlingsplan."""

    id: Id = Field(alias="id", title="Id", description="Åtgärdens id.")
    text: LineText = Field(alias="text", title="Text", description="Vad som ska göras.")
    activity: Id | None = Field(
        default=None,
        alias="aktivitet",
        title="Aktivitet",
        description="Id för aktiviteten i årets aktivitetsplan som åtgärden tjänar.",
    )
    goal: Id | None = Field(
        default=None,
        alias="mål",
        title="Mål",
        description="Id för VP-målet som åtgärden tjänar (i en levande plan).",
    )
    paragraph: ParagraphRef | None = paragraph_field()
    bullet: BulletRef | None = bullet_field()
    national_area: Text | None = Field(
        default=None,
        alias="nationellt-insatsområde",
        title="Nationellt insatsområde",
        description="Insatsområdet i den nationella planen (NPO eller NSG) som åtgärden hör till.",
    )
    priority_area: Text | None = Field(
        default=None,
        alias="prioriterat-område",
        title="Prioriterat område",
        description="Det prioriterade område som åtgärden hör till.",
    )
    patient_promises: list[Text] = Field(
        default_factory=empty_list,
        alias="patientlöften",
        title="Patientlöften",
        description="De patientlöften som åtgärden ska infria.",
    )
    assignments: list[Assignment] = Field(
        default_factory=empty_list,
        alias="uppdrag",
        title="Uppdrag",
        description="Uppdrag till grupper: till vilka (`till:`) och vad (`text:`).",
    )
    responsible: list[Id] = Field(
        default_factory=empty_list,
        alias="ansvar",
        title="Ansvar",
        description="Id för de organ som ansvarar för åtgärden.",
    )
    schedule: Schedule | None = Field(
        default=None,
        alias="tidplan",
        title="Tidplan",
        description="När åtgärden börjar och ska vara klar.",
    )
    collaboration: Text | None = Field(
        default=None,
        alias="samverkan",
        title="Samverkan",
        description="Vilka åtgärden görs i samverkan med.",
    )
    follow_up: FollowUp | None = Field(
        default=None,
        alias="uppföljning",
        title="Uppföljning",
        description="Hur åtgärden följs upp: metod, kvalitetsindikatorer, mål och resultat.",
    )
    status: StatusText | None = Field(
        default=None,
        alias="status",
        title="Status",
        description="grön = enligt plan, gul = mindre problem, röd = allvarliga problem, avslutad "
        "= klar, ej rapporterad = ingen rapport ännu.",
    )
    comment: Text | None = Field(
        default=None,
        alias="kommentar",
        title="Kommentar",
        description="Resultat, behov av stöd och hinder; krävs vid gul och röd status.",
    )
    reports: list[Report] = Field(
        default_factory=empty_list,
        alias="rapporter",
        title="Rapporter",
        description="En rapport per uppföljningsperiod: period, datum, status, kommentar och "
        "resultat.",
    )
    decision: Decision | None = Field(
        default=None,
        alias="beslut",
        title="Beslut",
        description="Beslut om åtgärden: vem, när, paragraf och diarienummer.",
    )


class Handlingsplan(Strict):
    """A handlingsplan for one year, or a living one (levande) edited all year."""

    kind: Literal["handlingsplan"] = Field(
        alias="typ", title="Typ", description="Vilken sorts plan det är: `handlingsplan`."
    )
    id: Id = Field(
        alias="id", title="Id", description="Handlingsplanens id, t.ex. ledningsgruppen-2025."
    )
    title: Text = Field(
        alias="titel",
        title="Titel",
        description="Planens titel, t.ex. Ledningsgruppens handlingsplan 2025.",
    )
    owner: Id = Field(alias="ägare", title="Ägare", description="Id för organet som äger planen.")
    year: int | None = Field(
        default=None,
        alias="år",
        ge=1900,
        le=2200,
        title="År",
        description="Året planen gäller; en levande plan har inget år.",
    )
    living: bool = Field(
        default=False,
        alias="levande",
        title="Levande",
        description="true för en levande plan, som redigeras hela året i stället för en gång om "
        "året.",
    )
    vp: Id | None = Field(
        default=None,
        alias="verksamhetsplan",
        title="Verksamhetsplan",
        description="Id för verksamhetsplanen som åtgärdernas mål hämtas ur; behövs i en levande "
        "plan.",
    )
    decision: Decision | None = Field(
        default=None,
        alias="beslut",
        title="Beslut",
        description="Beslut om planen: vem, när, paragraf och diarienummer.",
    )
    basis: RichText | None = Field(
        default=None, alias="underlag", title=UNDERLAG_TITLE, description=UNDERLAG_DESCRIPTION
    )
    introduction: RichText | None = Field(
        default=None, alias="inledning", title="Inledning", description="Planens inledande text."
    )
    actions: list[Action] = Field(
        default_factory=empty_list,
        alias="åtgärder",
        title="Åtgärder",
        description="Planens åtgärder.",
    )
