"""`planverk status` output: the follow-up overview as terminal text, Markdown or JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from planverk.model.periods import GRACE_DAYS
from planverk.planning.followup import ActionStatus, Overview

TEXT_WIDTH = 70  # action texts are cut to this many characters in lists


def heading(view: Overview) -> str:
    region = f" – {view.region}" if view.region else ""
    return f"Uppföljning {view.year} per {view.on.isoformat()}{region}"


def period_line(view: Overview) -> str:
    if view.period is None:
        first = view.periods[0] if view.periods else None
        when = f" ({first.name} slutar {first.end.isoformat()})" if first else ""
        return f"Ingen uppföljningsperiod för {view.year} har gått ut ännu{when}."
    span = view.period
    return f"Aktuell rapportperiod: {span.name} ({span.start.isoformat()}–{span.end.isoformat()})"


def summary_line(view: Overview) -> str:
    count = len(view.actions)
    plans = len(view.plans)
    return (
        f"{count} {'åtgärd' if count == 1 else 'åtgärder'} i {plans} "
        f"{'handlingsplan' if plans == 1 else 'handlingsplaner'}."
    )


def _table(
    title: str,
    rows: Sequence[tuple[str, Counter[str]]],
    statuses: list[str],
    total: Counter[str],
    footer_label: str = "Totalt",
) -> list[list[str]]:
    header = [title, *statuses, "totalt"]
    body = [[name, *(str(c[s]) for s in statuses), str(c.total())] for name, c in rows]
    footer = [footer_label, *(str(total[s]) for s in statuses), str(total.total())]
    return [header, *body, footer]


def focus_table(view: Overview) -> list[list[str]]:
    rows = [(focus.heading, counts) for focus, counts in view.by_focus()]
    return _table("Fokusområde", rows, view.statuses, view.totals())


def owner_table(view: Overview) -> list[list[str]]:
    rows = [(owner.name, counts) for owner, counts in view.by_owner()]
    total: Counter[str] = Counter()
    for _, counts in rows:
        total.update(counts)
    return _table("Ägare", rows, view.statuses, total, "Summa")


def _short(text: str, width: int = TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def late_detail(item: ActionStatus) -> str:
    end = item.action.schedule.end if item.action.schedule else None
    days = item.late_days or 0
    return (
        f"tidplanen slutade {end.isoformat() if end else '?'}, {days} "
        f"{'dag' if days == 1 else 'dagar'} sedan; status {item.status}"
    )


def owners_text(item: ActionStatus) -> str:
    return ", ".join(owner.name for owner in item.owners)


# --- terminal text ------------------------------------------------------------------------


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0 or index == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def text(view: Overview) -> str:
    out = [heading(view), period_line(view), summary_line(view), ""]
    if not view.actions:
        out.append(f"Inga åtgärder räknas för {view.year}.")
        return "\n".join(out)
    out += ["Status per fokusområde", *_aligned(focus_table(view)), ""]
    out += [
        "Status per ägare (en åtgärd med flera ägare räknas hos var och en)",
        *_aligned(owner_table(view)),
        "",
    ]
    late = view.late()
    out.append(f"Försenade enligt tidplanen ({len(late)})")
    out += [f"  {item.ref}: {late_detail(item)}" for item in late] or ["  inga"]
    out.append("")
    out += _missing_lines(view)
    return "\n".join(out)


def _missing_lines(view: Overview) -> list[str]:
    if view.period is None:
        return []
    missing = view.missing()
    lines = [f"Saknar rapport för {view.period.name} ({len(missing)})"]
    lines += [
        f"  {item.ref} ({owners_text(item)}): {_short(item.action.text)}" for item in missing
    ] or ["  inga"]
    return lines


# --- Markdown -----------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _md_table(rows: list[list[str]]) -> list[str]:
    header, *body = rows
    lines = ["| " + " | ".join(_md_cell(c) for c in header) + " |"]
    lines.append("|" + "|".join([" --- "] + [" ---: "] * (len(header) - 1)) + "|")
    last = len(body) - 1
    for index, row in enumerate(body):
        cells = [_md_cell(c) for c in row]
        if index == last:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown(view: Overview) -> str:
    out = [f"# {heading(view)}", "", period_line(view), "", summary_line(view), ""]
    if not view.actions:
        return "\n".join(out)
    out += ["## Status per fokusområde", "", *_md_table(focus_table(view)), ""]
    out += [
        "## Status per ägare",
        "",
        "En åtgärd med flera ägare räknas hos var och en.",
        "",
        *_md_table(owner_table(view)),
        "",
    ]
    late = view.late()
    out += [f"## Försenade enligt tidplanen ({len(late)})", ""]
    out += [f"- `{item.ref}`: {_md_cell(late_detail(item))}" for item in late]
    out += [] if late else ["Inga."]
    out.append("")
    if view.period is not None:
        missing = view.missing()
        out += [f"## Saknar rapport för {view.period.name} ({len(missing)})", ""]
        out += [
            f"- `{item.ref}` ({_md_cell(owners_text(item))}): {_md_cell(item.action.text)}"
            for item in missing
        ]
        out += [] if missing else ["Inga."]
        out.append("")
    return "\n".join(out)


# --- JSON ---------------------------------------------------------------------------------


def _counts(counts: Counter[str], statuses: list[str]) -> dict[str, int]:
    return {status: counts[status] for status in statuses}


def action_record(item: ActionStatus) -> dict[str, Any]:
    schedule = item.action.schedule
    report = item.report
    return {
        "plan": item.plan.id,
        "id": item.action.id,
        "text": item.action.text,
        "file": item.file,
        "line": item.line,
        "focus_area": {"id": item.focus.id, "heading": item.focus.heading},
        "owners": [{"id": o.id, "name": o.name} for o in item.owners],
        "status": item.status,
        "plan_status": item.action.status,
        "report": None
        if report is None
        else {"period": report.period, "date": report.date.isoformat()},
        "comment": item.comment,
        "result": item.result,
        "schedule_start": schedule.start.isoformat() if schedule and schedule.start else None,
        "schedule_end": schedule.end.isoformat() if schedule and schedule.end else None,
        "late_days": item.late_days,
        "missing_report": item.missing_report,
    }


def to_json(view: Overview) -> str:
    statuses = view.statuses
    period = view.period
    data = {
        "year": view.year,
        "date": view.on.isoformat(),
        "region": view.region,
        "period": None
        if period is None
        else {
            "id": period.id,
            "name": period.name,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "report_deadline": period.report_deadline.isoformat(),
        },
        "grace_days": GRACE_DAYS,
        "statuses": statuses,
        "plans": view.plans,
        "totals": _counts(view.totals(), statuses),
        "by_focus_area": [
            {"id": f.id, "heading": f.heading, "counts": _counts(c, statuses), "total": c.total()}
            for f, c in view.by_focus()
        ],
        "by_owner": [
            {"id": o.id, "name": o.name, "counts": _counts(c, statuses), "total": c.total()}
            for o, c in view.by_owner()
        ],
        "late": [item.ref for item in view.late()],
        "missing_report": [item.ref for item in view.missing()],
        "actions": [action_record(item) for item in view.actions],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
