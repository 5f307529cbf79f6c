"""`planverk validate` as a library function: plan folder in, findings out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planverk.core.errors import UserError
from planverk.core.findings import NO_SPAN, Finding, Level
from planverk.core.gcpause import paused_gc
from planverk.lint.config import Config, apply_project, read_pyproject
from planverk.lint.suppress import apply as apply_suppressions
from planverk.lint.suppress import scan

if TYPE_CHECKING:
    from planverk.render import Rendered
from planverk.loading.planset import PlanSet, display_path, find_plan_dir, load_plan_dir
from planverk.rules import RULES, Context


@dataclass(slots=True)
class Result:
    """What validation found, and the plan set it found it in."""

    planset: PlanSet
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def fails(self, fail_level: Level = Level.ERROR) -> bool:
        return any(f.level >= fail_level for f in self.findings)


def validate(
    paths: Sequence[Path] = (),
    *,
    plan_dir: Path | None = None,
    overrides: dict[str, str] | None = None,
) -> Result:
    """Load the plan set and run every rule.

    ``paths`` (files or folders) choose the plan set (from the first) and what is reported:
    the findings in those files, and the findings in other files whose references into
    them broke (a goal renamed in the VP reports the AP line that still names the old id).
    The whole set is always loaded, since references cross files.
    Raises :class:`planverk.loading.planset.PlanSetNotFound` when there is no plan folder,
    and :class:`planverk.core.errors.UserError` for a file outside it.
    """
    plan_dir = plan_dir or find_plan_dir(paths[0] if paths else Path.cwd())
    _require_inside(paths, plan_dir)
    with paused_gc():  # one pause for loading and checking (see planverk.core.gcpause)
        planset = load_plan_dir(plan_dir)
        return check(planset, paths=paths, overrides=overrides)


def check(
    planset: PlanSet, *, paths: Sequence[Path] = (), overrides: dict[str, str] | None = None
) -> Result:
    """Run every enabled rule on a loaded plan set.

    A plan that failed the schema takes part leniently (see :mod:`planverk.loading.schema`):
    what can be checked is, and a finding at a value the schema already refused is left
    out, so one mistake is reported once. ``paths`` as for :func:`validate`.
    """
    view = planset.with_lenient()
    config = configure(view, overrides)
    findings = list(planset.findings) + config.problems
    marked = marked_paths(planset)
    for rule in RULES:
        level = config.levels.get(rule.code)
        if rule.check is None or level is None:
            continue
        for finding in rule.check(Context(view, rule)):
            if not (marked and at_marked(finding, marked)):
                findings.append(_with_level(finding, level))
    suppressions = {doc.display: scan(doc) for doc in planset.documents}
    findings = apply_suppressions(findings, suppressions, config.levels)
    files = len(planset.documents)
    if paths:
        # A wrong rule setting is about the whole run, whichever files are reported on.
        problems = set(config.problems)
        selection = Selection.of(paths)
        findings = [f for f in findings if f in problems or selection.reports(f)]
        shown = {doc.display for doc in planset.documents if selection.covers(doc.display)}
        files = len(shown | {f.file for f in findings if f not in problems})
    findings = sorted(set(findings), key=lambda f: f.sort_key)
    return Result(planset, findings, files)


def check_rendered(
    planset: PlanSet, rendered: Rendered, *, overrides: dict[str, str] | None = None
) -> list[Finding]:
    """Run the document-phase rules on one rendered document, at their configured levels."""
    config = configure(planset, overrides)
    findings: list[Finding] = []
    for rule in RULES:
        level = config.levels.get(rule.code)
        if rule.check_rendered is None or level is None:
            continue
        findings.extend(_with_level(f, level) for f in rule.check_rendered(rendered))
    return sorted(set(findings), key=lambda f: f.sort_key)


def configure(planset: PlanSet, overrides: dict[str, str] | None = None) -> Config:
    """The rule levels for ``planset``: defaults, pyproject.toml, the project file, then
    ``overrides`` (``--regel``)."""
    config = Config()
    read_pyproject(planset.root, config)
    if planset.project is not None:
        doc = planset.project.doc
        apply_project(
            planset.project.plan.rules,
            doc.display,
            lambda path, key: doc.source_map.locate(doc.data, path, key=key),
            config,
        )
    for code, setting in (overrides or {}).items():
        config.set(code, setting, "--regel", NO_SPAN)
    return config


def _with_level(finding: Finding, level: Level) -> Finding:
    if finding.level == level:
        return finding
    return replace(finding, level=level)


def marked_paths(planset: PlanSet) -> dict[str, frozenset[str]]:
    """Per file, the id paths of the values its schema check refused (and the lenient plan
    holds replaced): a plan-set rule's finding there is that mistake again."""
    return {doc.display: doc.marked for doc in planset.documents if doc.marked}


def at_marked(finding: Finding, marked: dict[str, frozenset[str]]) -> bool:
    """Whether ``finding`` is at (or inside) a value its file's schema check refused: its
    subject, or a part of it that ends before a '.' or a '[', is a marked path."""
    paths = marked.get(finding.file)
    if not paths:
        return False
    subject = finding.subject
    if subject in paths:
        return True
    return any(subject[:index] in paths for index, char in enumerate(subject) if char in ".[")


@dataclass(frozen=True, slots=True)
class Selection:
    """The files and folders a validation reports on."""

    files: frozenset[str]
    folders: tuple[Path, ...]

    @classmethod
    def of(cls, paths: Sequence[Path]) -> Selection:
        return cls(
            frozenset(display_path(p.resolve()) for p in paths if not p.is_dir()),
            tuple(p.resolve() for p in paths if p.is_dir()),
        )

    def covers(self, display: str) -> bool:
        if display in self.files:
            return True
        absolute = Path(display).resolve()
        return any(absolute.is_relative_to(folder) for folder in self.folders)

    def reports(self, finding: Finding) -> bool:
        """A finding in a selected file, or one about a selected file (a reference into it)."""
        return self.covers(finding.file) or any(self.covers(r) for r in finding.related)


def _require_inside(paths: Sequence[Path], plan_dir: Path) -> None:
    base = plan_dir.resolve()
    for path in paths:
        absolute = path.resolve()
        if not absolute.is_relative_to(base) and not base.is_relative_to(absolute):
            raise UserError(
                f"{path} ligger inte i planmappen {display_path(base)}",
                "Ange filer i planmappen, eller välj en annan planmapp med --config.",
            )
