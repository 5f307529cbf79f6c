"""`planverk validate` as a library function: plan folder in, findings out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

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

    ``paths`` (files or folders) choose the plan set (from the first) and limit the report
    to findings in those files; the whole set is always loaded, since references cross files.
    Raises :class:`planverk.loading.planset.PlanSetNotFound` when there is no plan folder.
    """
    plan_dir = plan_dir or find_plan_dir(paths[0] if paths else Path.cwd())
    with paused_gc():  # one pause for loading and checking (see planverk.core.gcpause)
        planset = load_plan_dir(plan_dir)
        return check(planset, paths=paths, overrides=overrides)


def check(
    planset: PlanSet, *, paths: Sequence[Path] = (), overrides: dict[str, str] | None = None
) -> Result:
    """Run every enabled rule on a loaded plan set (the files that failed to load are left out
    of the cross-file checks; their own findings say why)."""
    config = configure(planset, overrides)
    findings = list(planset.findings) + config.problems
    for rule in RULES:
        level = config.levels.get(rule.code)
        if rule.check is None or level is None:
            continue
        findings.extend(_with_level(f, level) for f in rule.check(Context(planset, rule)))
    suppressions = {doc.display: scan(doc) for doc in planset.documents}
    findings = apply_suppressions(findings, suppressions, config.levels)
    if paths:
        wanted = {display_path(p.resolve()) for p in paths if p.is_file()}
        folders = [p.resolve() for p in paths if p.is_dir()]
        findings = [f for f in findings if _selected(f.file, wanted, folders)]
    findings = sorted(set(findings), key=lambda f: f.sort_key)
    return Result(planset, findings, len(planset.documents))


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


def _selected(display: str, wanted: set[str], folders: list[Path]) -> bool:
    if display in wanted:
        return True
    absolute = Path(display).resolve()
    return any(absolute.is_relative_to(folder) for folder in folders)
