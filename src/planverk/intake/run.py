"""`planverk rapportmall` and `planverk import` as library calls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planverk.core.errors import UserError
from planverk.core.findings import Finding, Level
from planverk.core.oserrors import write_error
from planverk.intake.selection import IntakeError, Selection, select
from planverk.intake.workbook import MadeBook, make_all
from planverk.loading.planset import load_plan_dir
from planverk.publish.write import write_outputs

DEFAULT_OUT = Path("build/rapporter")


@dataclass(slots=True)
class Workbooks:
    """The workbooks made for a period, where they went, and what could not be read."""

    selection: Selection
    made: list[MadeBook]
    paths: list[Path]
    unreadable: int  # plan files that did not load (their actions are missing)


def make_workbooks(
    plan_dir: Path,
    year: int,
    period: str,
    *,
    owners: Sequence[str] = (),
    out: Path | None = None,
) -> Workbooks:
    """Make and write one report workbook per owner (``owners`` limits them) into ``out``
    (default ``build/rapporter/``), all files or none. Raises a UserError."""
    planset = load_plan_dir(plan_dir)
    unreadable = sum(1 for f in planset.findings if f.level >= Level.ERROR)
    selection = select(planset, year, period)
    if owners:
        known = {b.owner.id for b in selection.books}
        unknown = [o for o in owners if o not in known]
        if unknown:
            raise IntakeError(
                f"inga åtgärder att rapportera för {', '.join(unknown)} i {period} {year}",
                f"Ägare med åtgärder: {', '.join(sorted(known)) or 'inga'}.",
            )
        selection.books = [b for b in selection.books if b.owner.id in owners]
    made = make_all(selection)
    folder = out if out is not None else planset.root / DEFAULT_OUT
    files = [(folder / book.name, book.data) for book in made]
    paths = write_outputs(planset, files, explicit=out is not None)
    return Workbooks(selection, made, paths, unreadable)


@dataclass(slots=True)
class Imported:
    """What an import found and, when nothing stood in the way, what it wrote."""

    findings: list[Finding]
    files: int  # workbooks read
    summary: str = ""  # per action: period, status before → after
    written: bool = False
    blocked: bool = False  # findings stood in the way: nothing was written
    plan_findings: bool = False  # the findings are what the reports would cause in the plans
    changes: list[Path] = field(default_factory=list)


def import_workbooks(
    plan_dir: Path,
    files: Sequence[Path],
    *,
    year: int | None = None,
    period: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> Imported:
    """Check every cell of ``files`` and, when nothing is wrong, write the reports into the
    handlingsplan files (all or none; nothing with ``dry_run``). Raises a UserError."""
    from planverk.intake import apply
    from planverk.intake.checks import check_files
    from planverk.intake.commit import write_all

    for path in files:
        if not path.exists():
            raise UserError(f"{path} finns inte")
    if year is not None and period is None:
        raise UserError("--år behöver --period", "Ange t.ex. --år 2025 --period t2.")
    planset = load_plan_dir(plan_dir)
    broken = [f for f in planset.findings if f.level >= Level.ERROR]
    if broken:
        raise UserError(
            f"{len(broken)} fel när planerna lästes, så rapporterna kan inte skrivas in",
            "Kör `planverk validate` och rätta planerna först.",
        )
    checked = check_files(planset, files, year=year, period=period, replace=replace)
    errors = [f for f in checked.findings if f.level >= Level.ERROR]
    result = apply.plan(planset, checked) if not errors and checked.intake else None
    if result is None or result.findings:
        found = result.findings if result is not None else checked.findings
        plan_findings = result is not None and any(f.cell is None for f in found)
        return Imported(found, checked.files, blocked=bool(found), plan_findings=plan_findings)
    assert checked.intake is not None
    changes = list(result.files.values())
    if not dry_run and changes:
        try:
            write_all(changes)
        except OSError as err:
            reason = write_error(err.filename or "planfilerna", err)
            raise UserError(f"ingenting skrevs: {reason}", reason.hint) from None
    span = checked.intake.selection.span
    return Imported(
        checked.findings,
        checked.files,
        apply.describe(result, span.name, checked.intake.year, dry_run),
        written=not dry_run and bool(changes),
        changes=[change.path for change in changes],
    )
