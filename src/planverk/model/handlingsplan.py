"""Handlingsplan: concrete actions under AP activities or VP goals, with owners and follow-up.

Holds Ledningsgruppen's yearly plan and a programområde's living plan (Sydöstra's style):
nationellt insatsområde, prioriterat område och patientlöften, aktiviteter (tidplan,
samverkan), uppföljning, status and kommentar.
"""

import datetime as dt
from typing import Literal

from pydantic import Field

from planverk.model.common import Decision, Id, StatusText, Strict, Text, empty_list


class Assignment(Strict):
    """Uppdrag till X: an assignment given to one or more groups."""

    to: list[Id] = Field(alias="till", min_length=1, description="Organens id.")
    text: Text = Field(alias="text")


class Schedule(Strict):
    """Tidplan."""

    start: dt.date | None = Field(default=None, alias="från")
    end: dt.date | None = Field(default=None, alias="till")
    text: Text | None = Field(default=None, alias="beskrivning")


class FollowUp(Strict):
    """Uppföljning: metod, kvalitetsindikatorer, mål och resultat."""

    method: Text | None = Field(default=None, alias="metod")
    indicators: list[Text] = Field(default_factory=empty_list, alias="kvalitetsindikatorer")
    target: Text | None = Field(default=None, alias="mål")
    result: Text | None = Field(default=None, alias="resultat")


class IndicatorValue(Strict):
    """The value of one of the follow-up's kvalitetsindikatorer in a report."""

    indicator: Text = Field(alias="indikator", description="Indikatorn, som i uppföljningen.")
    value: Text = Field(alias="värde", description="Värdet för perioden, som text.")


class Report(Strict):
    """A status report for one follow-up period (tertial 1, tertial 2, helår, ...)."""

    period: Id = Field(alias="period")
    date: dt.date = Field(alias="datum")
    status: StatusText = Field(alias="status")
    comment: Text | None = Field(default=None, alias="kommentar")
    result: Text | None = Field(default=None, alias="resultat")
    indicators: list[IndicatorValue] = Field(default_factory=empty_list, alias="indikatorer")


class Action(Strict):
    """An action (åtgärd) in a handlingsplan."""

    id: Id = Field(alias="id")
    text: Text = Field(alias="text")
    activity: Id | None = Field(default=None, alias="aktivitet", description="AP-aktivitetens id.")
    goal: Id | None = Field(default=None, alias="mål", description="VP-målets id.")
    national_area: Text | None = Field(default=None, alias="nationellt-insatsområde")
    priority_area: Text | None = Field(default=None, alias="prioriterat-område")
    patient_promises: list[Text] = Field(default_factory=empty_list, alias="patientlöften")
    assignments: list[Assignment] = Field(default_factory=empty_list, alias="uppdrag")
    responsible: list[Id] = Field(default_factory=empty_list, alias="ansvar")
    schedule: Schedule | None = Field(default=None, alias="tidplan")
    collaboration: Text | None = Field(default=None, alias="samverkan")
    follow_up: FollowUp | None = Field(default=None, alias="uppföljning")
    status: StatusText | None = Field(default=None, alias="status")
    comment: Text | None = Field(default=None, alias="kommentar")
    reports: list[Report] = Field(default_factory=empty_list, alias="rapporter")
    decision: Decision | None = Field(default=None, alias="beslut")


class Handlingsplan(Strict):
    """A handlingsplan for one year, or a living one (levande) edited all year."""

    kind: Literal["handlingsplan"] = Field(alias="typ")
    id: Id = Field(alias="id")
    title: Text = Field(alias="titel")
    owner: Id = Field(alias="ägare", description="Organet som äger planen.")
    year: int | None = Field(default=None, alias="år", ge=1900, le=2200)
    living: bool = Field(default=False, alias="levande")
    vp: Id | None = Field(default=None, alias="verksamhetsplan")
    decision: Decision | None = Field(default=None, alias="beslut")
    introduction: Text | None = Field(default=None, alias="inledning")
    actions: list[Action] = Field(default_factory=empty_list, alias="åtgärder")
