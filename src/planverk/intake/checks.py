"""Check returned workbooks cell by cell and turn their rows into reports.

The order matters only for what is worth checking: a file that is not a workbook (PV501–
PV503) or whose hidden sheet is gone (PV504) or that is for another period (PV505) is not
read further; every other rule runs on every row, so one run names every problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.core.findings import Finding
from planverk.intake.context import Draft, Intake, Matching, RowMatch
from planverk.intake.read import Refused, read
from planverk.intake.selection import Item, select
from planverk.loading.planset import PlanSet, display_path
from planverk.model import walk
from planverk.model import workbook as layout
from planverk.model.workbook import FORMULA, Cell, ReturnedBook
from planverk.rules import (
    pv504_hidden_sheet,
    pv505_other_period,
    pv506_plan_changed,
    pv507_unknown_action,
    pv508_added_row,
    pv509_read_only_edited,
    pv510_merged_cells,
    pv511_formula,
    pv512_unknown_status,
    pv513_status_needs_comment,
    pv514_date_as_text,
    pv515_date_outside_period,
    pv516_incomplete_report,
    pv517_report_without_result,
    pv518_report_exists,
    pv519_conflicting_reports,
    pv520_invalid_value,
)


@dataclass(slots=True)
class Checked:
    """The workbooks read, what is wrong with them, and the reports they hold."""

    intake: Intake | None
    books: list[ReturnedBook] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)  # one per action, first workbook wins
    files: int = 0


def check_files(
    planset: PlanSet,
    paths: Sequence[Path],
    *,
    year: int | None = None,
    period: str | None = None,
    replace: bool = False,
) -> Checked:
    """Read and check every workbook; ``year``/``period`` as asked, else the first
    readable workbook's."""
    findings: list[Finding] = []
    books: list[ReturnedBook] = []
    for path in paths:
        display = display_path(path)
        try:
            book = read(path, display)
        except Refused as refused:
            findings.append(refused.finding)
            continue
        structure = list(pv504_hidden_sheet.check(book))
        findings += structure
        if not structure:
            books.append(book)
    result = Checked(None, books, findings, files=len(paths))
    if not books:
        return _sorted(result)
    source = "--period" if period is not None else f"som {books[0].display}"
    want_year = year if year is not None else books[0].year
    want_period = period if period is not None else books[0].period
    assert want_year is not None  # PV504 refuses a hidden sheet without a year
    selection = select(planset, want_year, want_period, all_actions=True)
    intake = Intake(planset, selection, replace)
    for hp in planset.hps:
        if hp.plan.year in (want_year, None):
            for at in walk.actions(hp.plan):
                intake.plans_by_action.setdefault(at.action.id, []).append(hp.plan.id)
    result.intake = intake
    kept = []
    for book in books:
        other = list(
            pv505_other_period.check(book, want_year, want_period, source, selection.calendar)
        )
        findings += other
        if not other:
            kept.append(book)
            findings += _check_book(intake, book, result.drafts)
    result.books = kept
    findings += pv519_conflicting_reports.check(result.drafts)
    result.drafts = _first_per_action(result.drafts)
    for draft in result.drafts:
        findings += pv518_report_exists.check(draft, replace)
    return _sorted(result)


def _sorted(result: Checked) -> Checked:
    order = {name: index for index, name in enumerate(layout.COLUMNS)}
    result.findings = sorted(
        dict.fromkeys(result.findings),
        key=lambda f: (
            f.file,
            order.get((f.cell or "").split("!", 1)[0], -1),
            f.span.line,
            f.span.column,
            f.code,
        ),
    )
    return result


def _first_per_action(drafts: list[Draft]) -> list[Draft]:
    seen: dict[tuple[str, str], Draft] = {}
    for draft in drafts:
        seen.setdefault(draft.item.key, draft)
    return list(seen.values())


def _check_book(intake: Intake, book: ReturnedBook, drafts: list[Draft]) -> list[Finding]:
    findings: list[Finding] = []
    findings += pv510_merged_cells.check(book)
    findings += pv511_formula.check(book)
    matchings = {}
    for sheet in (layout.ACTIONS, layout.INDICATORS):
        findings += pv509_read_only_edited.check_header(book, sheet)
        matching = match_rows(book, sheet)
        matchings[sheet] = matching
        findings += pv508_added_row.check(book, matching)
    by_action: dict[tuple[str, str], Draft] = {}
    for match in matchings[layout.ACTIONS].matched:
        item = intake.selection.items.get((match.entry.plan, match.entry.action))
        expected = _expected(item, layout.ACTIONS, match)
        findings += pv509_read_only_edited.check(book, layout.ACTIONS, match, expected)
        draft, problems = _draft(book, match, item)
        findings += problems
        if draft is None:
            if _holds_report(match):  # the action is gone or moved
                findings += pv507_unknown_action.check(intake, book, match)
            continue
        by_action[(match.entry.plan, match.entry.action)] = draft
    for match in matchings[layout.INDICATORS].matched:
        key = (match.entry.plan, match.entry.action)
        item = intake.selection.items.get(key)
        expected = _expected(item, layout.INDICATORS, match)
        findings += pv509_read_only_edited.check(book, layout.INDICATORS, match, expected)
        value_column = layout.index(layout.INDICATOR_COLUMNS, "value")
        cell = match.cells.get(value_column)
        if cell is not None and cell.kind == FORMULA:
            continue
        value, problem = pv520_invalid_value.check(book, cell)
        if problem is not None:
            findings.append(problem)
            if item is not None and key in by_action:
                by_action[key].invalid.add("indicator")
        number = match.entry.indicator
        if value is None or item is None or number is None or number > len(item.indicators):
            continue
        draft = by_action.get(key)
        if draft is None:  # the action's row is gone: the findings point where it was
            draft = by_action[key] = Draft(book, item, _recorded_row(book, key))
        draft.indicators.append((item.indicators[number - 1], value))
        draft.indicator_cells.append(cell or (layout.INDICATORS, match.row, value_column))
    selection = intake.selection
    for match in matchings[layout.ACTIONS].matched:
        key = (match.entry.plan, match.entry.action)
        draft = by_action.get(key)
        if draft is None or not (draft.reported or draft.invalid - {"date"}):
            continue
        findings += pv506_plan_changed.check(book, match, draft.item)
        if draft.invalid:
            continue  # the value's own finding says what is wrong; the rest waits for it
        findings += pv516_incomplete_report.check(draft)
        findings += pv513_status_needs_comment.check(draft)
        findings += pv515_date_outside_period.check(draft, selection.span)
        findings += pv517_report_without_result.check(
            draft, selection.span, selection.calendar, selection.year
        )
        drafts.append(draft)
    matched = {(m.entry.plan, m.entry.action) for m in matchings[layout.ACTIONS].matched}
    for key, draft in by_action.items():  # indicator values whose action row is gone
        if key not in matched and draft.reported:
            findings += pv516_incomplete_report.check(draft)
    return findings


def _holds_report(match: RowMatch) -> bool:
    keys = ("status", "comment", "result")
    numbers = [layout.index(layout.ACTION_COLUMNS, key) for key in keys]
    return any(n in match.cells and match.cells[n].text.strip() for n in numbers)


def _recorded_row(book: ReturnedBook, key: tuple[str, str]) -> int:
    return next(
        (e.row for e in book.table if e.sheet == layout.ACTIONS and (e.plan, e.action) == key),
        layout.FIRST_ROW,
    )


def _expected(item: Item | None, sheet: str, match: RowMatch) -> dict[int, str] | None:
    """The read-only texts the plan gives the row now, when unchanged since the workbook."""
    if item is None or item.fingerprint != _entry_fingerprint(item, sheet, match):
        return None
    columns = layout.COLUMNS[sheet]
    if sheet == layout.ACTIONS:
        values = item.values
    else:
        number = match.entry.indicator or 0
        if not 0 < number <= len(item.indicators):
            return None
        values = {
            "id": item.action.id,
            "action": item.values["action"],
            "indicator": item.indicators[number - 1],
        }
    return {n: values.get(c.key, "") for n, c in enumerate(columns, start=1) if not c.editable}


def _entry_fingerprint(item: Item, sheet: str, match: RowMatch) -> str:
    if sheet == layout.ACTIONS:
        return match.entry.fingerprint
    return item.fingerprint  # indicator rows compare with the action's own row


def _draft(
    book: ReturnedBook, match: RowMatch, item: Item | None
) -> tuple[Draft | None, list[Finding]]:
    findings: list[Finding] = []

    def cell(key: str) -> Cell | None:
        found = match.cells.get(layout.index(layout.ACTION_COLUMNS, key))
        return None if found is not None and found.kind == FORMULA else found

    invalid: set[str] = set()

    def read(key: str, reader: Any) -> Any:
        value, problem = reader(book, cell(key))
        formula = match.cells.get(layout.index(layout.ACTION_COLUMNS, key))
        if problem is not None or (formula is not None and formula.kind == FORMULA):
            invalid.add(key)
        if problem is not None:
            findings.append(problem)
        return value

    status = read("status", pv512_unknown_status.check)
    comment = read("comment", pv520_invalid_value.check)
    result = read("result", pv520_invalid_value.check)
    date = read("date", pv514_date_as_text.check)
    if item is None:
        return None, findings
    draft = Draft(book, item, match.row, status, comment, result, date)
    draft.invalid = invalid
    return draft, findings


def match_rows(book: ReturnedBook, sheet: str) -> Matching:
    """Rows of ``sheet`` matched to the hidden table by their id (rows that were moved are
    found where they are now); rows and cells that are not the template's."""
    matching = Matching()
    cells = book.sheets.get(sheet, {})
    width = len(layout.COLUMNS[sheet])
    recorded = [e for e in book.table if e.sheet == sheet]
    by_row = {e.row: e for e in recorded}
    used: dict[int, int] = {}  # id() of an entry -> the row it was matched at
    for row in sorted(r for r in cells if r >= layout.FIRST_ROW):
        values = cells[row]
        matching.stray += [values[c] for c in sorted(values) if c > width]
        inside = {c: v for c, v in values.items() if c <= width}
        if not inside:
            continue
        id_cell = inside.get(1)
        here = by_row.get(row)
        entry = None
        if here is not None and (id_cell is None or id_cell.text == here.action):
            entry = here
        elif id_cell is not None:
            candidates = [e for e in recorded if e.action == id_cell.text and id(e) not in used]
            if candidates:
                entry = candidates[0]
            elif any(e.action == id_cell.text for e in recorded):
                first = next(
                    used[id(e)] for e in recorded if e.action == id_cell.text and id(e) in used
                )
                matching.duplicates.append((id_cell, first))
                continue
            elif here is not None:
                entry = here  # the id itself was edited: PV509 names the cell
        if entry is None or id(entry) in used:
            first_cell = inside[min(inside)]
            if entry is not None:
                matching.duplicates.append((id_cell or first_cell, used[id(entry)]))
            else:
                matching.added.append(first_cell)
            continue
        used[id(entry)] = row
        matching.matched.append(RowMatch(entry, row, inside))
    return matching
