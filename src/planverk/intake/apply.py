"""`planverk import`: write the checked reports into the handlingsplan files.

What is written, per action with a report in a workbook:

- the report goes under the action's ``rapporter:`` in time order (the key is made when the
  action has none); an existing report for the period that is the same is left as it is
  (importing twice is a no-op); a different one is replaced only with ``--ersätt``, and the
  old one is shown;
- when the new report is the action's latest, the action's present state follows it as
  rule PV312 asks: ``status:`` (if the action has one) becomes the report's status, and
  ``kommentar:`` its comment (added after ``status:`` when missing), and the follow-up's
  ``resultat:`` (if it has one) the report's result. An action without ``status:`` takes
  its status from its latest report anyway.

Before anything is written, the edited plan set is loaded and checked in memory: the import
refuses if the touched files would have findings they do not have now. Then every file is
written to a temporary file beside it and all are renamed into place; if any step fails,
none is replaced (:mod:`planverk.intake.commit`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planverk.core.errors import UserError
from planverk.core.findings import Finding, Level
from planverk.edit.roundtrip import EditError
from planverk.edit.textedit import TextEditor
from planverk.intake.checks import Checked
from planverk.intake.commit import FileChange
from planverk.intake.context import Draft
from planverk.intake.selection import Item
from planverk.lint.validate import check
from planverk.loading.planset import Loaded, PlanSet
from planverk.loading.schema import validate_document
from planverk.loading.yamlfile import YamlDocument
from planverk.model import Handlingsplan
from planverk.model.handlingsplan import Report
from planverk.model.periods import Calendar
from planverk.planning.followup import current_status
from planverk.rules import pv521_text_finding


@dataclass(slots=True)
class Change:
    """One action's report, as it was and as it becomes."""

    item: Item
    draft: Draft
    file: str
    before: str  # the action's status before the import
    after: str
    replaced: Report | None = None  # the old report, with --ersätt
    mirrored: list[str] = field(default_factory=list)  # keys set to follow the report
    index: int = 0  # the report's index under ``rapporter`` in the edited file

    @property
    def ref(self) -> str:
        return f"{self.item.plan_id}/{self.item.action.id}"


@dataclass(slots=True)
class Plan:
    """What the import would write."""

    changes: list[Change] = field(default_factory=list)
    unchanged: list[Draft] = field(default_factory=list)
    files: dict[str, FileChange] = field(default_factory=dict)  # display -> change
    findings: list[Finding] = field(default_factory=list)  # the edited plans' new findings


class ApplyError(UserError):
    """The reports cannot be written as they are (a usage error, exit code 2)."""


def plan(planset: PlanSet, checked: Checked) -> Plan:
    """Work out every file's new text (nothing is written)."""
    assert checked.intake is not None
    selection = checked.intake.selection
    calendar = selection.calendar
    result = Plan()
    editors: dict[str, TextEditor] = {}
    for draft in checked.drafts:
        item = draft.item
        old = item.existing
        if old is not None and draft.same_as(old):
            result.unchanged.append(draft)
            continue
        doc = item.hp.doc
        editor = editors.get(doc.display)
        if editor is None:
            editor = editors[doc.display] = TextEditor(doc)
        try:
            result.changes.append(_edit(editor, draft, selection.span.id, calendar))
        except EditError as err:
            raise ApplyError(
                f"{doc.display}: rapporten för {item.action.id} kan inte skrivas: {err}",
                "Skriv åtgärden och dess rapporter i blockstil (en nyckel per rad, listor med "
                "'- ') och försök igen.",
            ) from err
    for display, editor in editors.items():
        try:
            text = editor.apply()
        except EditError as err:
            raise ApplyError(f"{display}: {err}") from err
        path = Path(display)
        result.files[display] = FileChange(
            path, editor.doc.text.encode("utf-8"), text.encode("utf-8")
        )
    docs = {d: e.parsed for d, e in editors.items() if e.parsed is not None}
    result.findings = _in_cells(_new_findings(planset, docs), result.changes, docs)
    return result


# Where a report's texts are in the edited file, and the column each came from.
_TEXTS = (("kommentar", "comment"), ("resultat", "result"))
_MIRRORED = ((("kommentar",), "comment"), (("uppföljning", "resultat"), "result"))


def _in_cells(
    findings: list[Finding], changes: list[Change], docs: dict[str, YamlDocument]
) -> list[Finding]:
    """Findings in a text that came from a workbook, moved to that text's cell (PV521); the
    rest as they are."""
    places: dict[str, list[tuple[int, int, Change, str]]] = {}
    for change in changes:
        doc = docs[change.file]
        report = (*change.item.path, "rapporter", change.index)
        paths: list[tuple[tuple[str | int, ...], str]] = [
            ((*report, key), column) for key, column in _TEXTS
        ]
        paths += [((*change.item.path, *keys), column) for keys, column in _MIRRORED]
        paths += [
            ((*report, "indikatorer", n, "värde"), f"indicator:{n}")
            for n in range(len(change.draft.indicators))
        ]
        for path, column in paths:
            if _exists(doc.data, path):
                span = doc.source_map.locate(doc.data, path)
                places.setdefault(change.file, []).append(
                    (span.line, span.end_line, change, column)
                )
    result = []
    for finding in findings:
        place = next(
            (
                (change, column)
                for first, last, change, column in places.get(finding.file, [])
                if first <= finding.span.line <= last
            ),
            None,
        )
        if place is None:
            result.append(finding)
            continue
        change, column = place
        draft = change.draft
        if column.startswith("indicator:"):
            where = draft.indicator_cells[int(column.split(":")[1])]
        else:
            where = draft.where(column)
        result.append(pv521_text_finding.finding(draft.book, where, finding))
    return result


def _exists(data: Any, path: tuple[str | int, ...]) -> bool:
    for seg in path:
        if isinstance(data, dict) and isinstance(seg, str) and seg in data:
            data = data[seg]
            continue
        if isinstance(data, list) and isinstance(seg, int) and 0 <= seg < len(data):
            data = data[seg]
            continue
        return False
    return isinstance(data, str)


def _edit(editor: TextEditor, draft: Draft, period: str, calendar: Calendar) -> Change:
    item = draft.item
    action = item.action
    plan_year = item.hp.plan.year
    assert draft.status is not None and draft.date is not None  # PV516 otherwise
    record: dict[str, Any] = {"period": period, "datum": draft.date, "status": draft.status}
    if draft.comment:
        record["kommentar"] = draft.comment
    if draft.result:
        record["resultat"] = draft.result
    if draft.indicators:
        record["indikatorer"] = [{"indikator": i, "värde": v} for i, v in draft.indicators]
    report = Report.model_validate(record)
    others = [r for i, r in enumerate(action.reports) if i != item.existing_index]
    before = current_status(action, plan_year, calendar)
    key = calendar.sort_key(report, plan_year)
    latest = all(calendar.sort_key(r, plan_year) <= key for r in others)
    change = Change(
        item,
        draft,
        item.hp.doc.display,
        before,
        report.status if latest else before,
        replaced=item.existing,
    )
    path = item.path
    if item.existing_index is not None:
        editor.replace_item((*path, "rapporter"), item.existing_index, record)
        change.index = item.existing_index
    elif action.reports:
        position = sum(1 for r in action.reports if calendar.sort_key(r, plan_year) <= key)
        editor.insert_item((*path, "rapporter"), position, record)
        change.index = position
    else:
        editor.add_list_key(path, "rapporter", [record])
    if not latest:
        return change
    raw = editor.node(path)
    if "status" in raw:
        if raw["status"] != report.status:
            editor.set_scalar((*path, "status"), report.status)
            change.mirrored.append("status")
        if report.comment and raw.get("kommentar") != report.comment:
            if "kommentar" in raw:
                editor.set_scalar((*path, "kommentar"), report.comment)
            else:
                editor.add_key_after(path, "status", "kommentar", report.comment)
            change.mirrored.append("kommentar")
    follow_up = raw.get("uppföljning")
    if (
        report.result
        and isinstance(follow_up, dict)
        and "resultat" in follow_up
        and follow_up["resultat"] != report.result
    ):
        editor.set_scalar((*path, "uppföljning", "resultat"), report.result)
        change.mirrored.append("uppföljning.resultat")
    return change


def _new_findings(planset: PlanSet, files: dict[str, YamlDocument]) -> list[Finding]:
    """Findings the edited files would have that they do not have now: a text the plan
    rules object to (an abbreviation missing from the glossary, a placeholder)."""
    if not files:
        return []
    after = _with_texts(planset, files)
    if after is None:  # TextEditor.apply parsed every file: this is a bug, not the input
        raise ApplyError(
            "med rapporterna inskrivna skulle en handlingsplan inte gå att läsa; ingenting "
            "skrevs (en bugg i planverk)",
            "Kör med PLANVERK_DEBUG=1 och skicka utskriften till förvaltarna.",
        )
    count = Counter((f.file, f.code) for f in check(planset).findings if f.file in files)
    new: list[Finding] = []
    for finding in check(after).findings:
        if finding.file not in files or finding.level < Level.WARNING:
            continue
        key = (finding.file, finding.code)
        if count[key] > 0:
            count[key] -= 1
        else:
            new.append(finding)
    return new


def _with_texts(planset: PlanSet, docs: dict[str, YamlDocument]) -> PlanSet | None:
    """The plan set with the handlingsplan files in ``docs`` as edited (the other files
    stay as loaded); None when one does not load as a handlingsplan."""
    hps = []
    documents = {doc.display: doc for doc in planset.documents}
    for loaded in planset.hps:
        doc = docs.get(loaded.doc.display)
        if doc is None:
            hps.append(loaded)
            continue
        plan = validate_document(doc)
        if doc.findings or not isinstance(plan, Handlingsplan):
            return None
        hps.append(Loaded(doc, plan))
        documents[doc.display] = doc
    return replace(planset, hps=hps, documents=list(documents.values()))


def describe(result: Plan, span_name: str, year: int, dry_run: bool) -> str:
    """Per action: period, status before → after; what a replaced report said."""
    verb = "skulle skriva" if dry_run else "skrev"
    lines: list[str] = []
    by_file: dict[str, list[Change]] = {}
    for change in result.changes:
        by_file.setdefault(change.file, []).append(change)
    for file, changes in by_file.items():
        count = len(changes)
        lines.append(f"{file}: {verb} {count} {'rapport' if count == 1 else 'rapporter'}")
        for change in changes:
            arrow = f"{change.before} → {change.after}"
            action = change.item.action.id
            lines.append(f"  {action}: {span_name} {year}: {arrow}")
            old = change.replaced
            if old is not None:
                comment = f", {old.comment!r}" if old.comment else ""
                lines.append(
                    f"    ersätter rapporten {old.date.isoformat()}: {old.status}{comment}"
                )
            if change.mirrored:
                lines.append(f"    följer rapporten: {', '.join(change.mirrored)}")
    if result.unchanged:
        count = len(result.unchanged)
        lines.append(
            f"{count} {'rapport' if count == 1 else 'rapporter'} fanns redan likadana i planerna "
            "(oförändrade)."
        )
    if not result.changes and not result.unchanged:
        lines.append("Arbetsböckerna har inga ifyllda rapporter.")
    return "\n".join(lines)
