"""`planverk status --saknas`: who has not reported for a period yet, and on what.

An owner is asked for a report on the actions of its workbook (see
:mod:`planverk.intake.selection`); an action lacks its report while it has none for the
period and year. An action with several owners is listed under each, as in its workbooks.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from planverk.intake.selection import Item, Selection, select
from planverk.loading.planset import PlanSet
from planverk.planning.followup import Owner

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(slots=True)
class MissingOwner:
    owner: Owner
    items: list[Item] = field(default_factory=list)
    asked: int = 0  # the actions the owner reports on in the period


@dataclass(slots=True)
class Missing:
    selection: Selection
    owners: list[MissingOwner] = field(default_factory=list)

    @property
    def actions(self) -> int:
        return len({item.key for entry in self.owners for item in entry.items})


def missing(planset: PlanSet, year: int, period: str) -> Missing:
    selection = select(planset, year, period)
    result = Missing(selection)
    for book in selection.books:
        lacking = [item for item in book.items if item.existing is None]
        if lacking:
            result.owners.append(MissingOwner(book.owner, lacking, len(book.items)))
    return result


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def text(view: Missing) -> str:
    span = view.selection.span
    year = view.selection.year
    if not view.owners:
        return f"Alla har rapporterat för {span.name} {year}."
    owners = len(view.owners)
    lines = [
        f"Saknar rapport för {span.name} {year}: {view.actions} "
        f"{'åtgärd' if view.actions == 1 else 'åtgärder'} hos {owners} "
        f"ägare (rapporter dateras "
        f"{span.start.isoformat()}–{span.report_deadline.isoformat()})",
        "",
    ]
    for entry in view.owners:
        lines.append(f"{entry.owner.name} ({len(entry.items)} av {entry.asked})")
        lines += [
            f"  {item.plan_id}/{item.action.id}: {_short(item.action.text)}" for item in entry.items
        ]
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def _cell(value: str) -> str:
    """A text as a CSV cell that a spreadsheet never reads as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(view: Missing) -> str:
    """One row per owner and action: ägare-id, ägare, handlingsplan, åtgärd, text, fil, rad."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ägare-id", "ägare", "handlingsplan", "åtgärd", "text", "fil", "period"])
    span = view.selection.span
    for entry in view.owners:
        for item in entry.items:
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        entry.owner.id,
                        entry.owner.name,
                        item.plan_id,
                        item.action.id,
                        " ".join(item.action.text.split()),
                        item.hp.doc.display,
                        f"{span.id} {view.selection.year}",
                    )
                ]
            )
    return out.getvalue()


def to_json(view: Missing) -> str:
    span = view.selection.span
    data = {
        "year": view.selection.year,
        "period": {
            "id": span.id,
            "name": span.name,
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
            "report_deadline": span.report_deadline.isoformat(),
        },
        "actions": view.actions,
        "owners": [
            {
                "id": entry.owner.id,
                "name": entry.owner.name,
                "asked": entry.asked,
                "missing": [
                    {
                        "plan": item.plan_id,
                        "id": item.action.id,
                        "text": item.action.text,
                        "file": item.hp.doc.display,
                    }
                    for item in entry.items
                ],
            }
            for entry in view.owners
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


RENDERERS = {"text": text, "csv": to_csv, "json": to_json}
