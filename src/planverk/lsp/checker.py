"""The findings of `planverk validate`, re-checking only what an edit can change.

Running every rule on 10 000 activities takes a few hundred milliseconds: too slow for every
pause in typing. Most rules look at one file at a time, or at one plan and the few plans it
points to. Each rule is therefore run on small parts of the plan set (its *scope*: one
document, one handlingsplan, one aktivitetsplan with the verksamhetsplaner, ...), and the
findings of each part are kept until one of the plans in that part is replaced by an edit.
A part is a :class:`PlanSet` holding only those plans, so the rules run unchanged.

What a rule finds in a part is what it finds in those plans in the whole set; the tests in
``tests/lsp/test_checker.py`` compare the result with :func:`planverk.lint.validate.check`
after edits of every kind, and fail on a rule with a check that declares no scope
(``scope=`` in its ``RULE``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from planverk.core.findings import Finding, Level
from planverk.lint.suppress import Suppressions, scan
from planverk.lint.suppress import apply as apply_suppressions
from planverk.lint.validate import at_marked, configure, marked_paths
from planverk.loading.planset import Loaded, PlanSet
from planverk.loading.yamlfile import YamlDocument
from planverk.model import Aktivitetsplan, Handlingsplan, Verksamhetsplan
from planverk.rules import RULES, Context, Rule
from planverk.rules.base import Scope

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Part:
    """Some of a plan set's plans, the ones one run of a rule looks at (with the project)."""

    vps: tuple[Loaded[Verksamhetsplan], ...] = ()
    aps: tuple[Loaded[Aktivitetsplan], ...] = ()
    hps: tuple[Loaded[Handlingsplan], ...] = ()
    documents: tuple[YamlDocument, ...] = ()

    def key(self, project: YamlDocument | None) -> tuple[int, ...]:
        """What the part is made of: its files' documents, by identity (a file parsed again
        is a new document; each plan set assembled wraps the same documents in new
        ``Loaded``). The project file is in every part."""
        key = [id(project), len(self.vps)]
        key.extend(id(vp.doc) for vp in self.vps)
        key.append(len(self.aps))
        key.extend(id(ap.doc) for ap in self.aps)
        key.append(len(self.hps))
        key.extend(id(hp.doc) for hp in self.hps)
        key.append(len(self.documents))
        key.extend(id(doc) for doc in self.documents)
        return tuple(key)

    def planset(self, whole: PlanSet) -> PlanSet:
        """The part as a plan set of its own, for a rule's check."""
        return PlanSet(
            root=whole.root,
            plan_dir=whole.plan_dir,
            project=whole.project,
            vps=list(self.vps),
            aps=list(self.aps),
            hps=list(self.hps),
            documents=list(self.documents),
            index=whole.index,  # the id lookups of the plans, made once for all parts
        )


ScopeParts = Callable[[PlanSet], Iterator[Part]]


def each_document(planset: PlanSet) -> Iterator[Part]:
    """One part per file (rules that read a file's data and the project file)."""
    for doc in planset.documents:
        yield Part(documents=(doc,))


def each_handlingsplan(planset: PlanSet) -> Iterator[Part]:
    """One part per handlingsplan (rules of one plan's actions and reports)."""
    for hp in planset.hps:
        yield Part(hps=(hp,))


def each_aktivitetsplan_with_vps(planset: PlanSet) -> Iterator[Part]:
    """One part per aktivitetsplan, with every verksamhetsplan (it may serve any of them)."""
    vps = tuple(planset.vps)
    for ap in planset.aps:
        yield Part(vps=vps, aps=(ap,))


def each_aktivitetsplan_with_actions(planset: PlanSet) -> Iterator[Part]:
    """One part per aktivitetsplan, with the handlingsplaner of its year."""
    years: dict[int | None, list[Loaded[Handlingsplan]]] = {}
    for hp in planset.hps:
        years.setdefault(hp.plan.year, []).append(hp)
    for ap in planset.aps:
        yield Part(aps=(ap,), hps=tuple(years.get(ap.plan.year, ())))


def each_year_of_handlingsplaner(planset: PlanSet) -> Iterator[Part]:
    """One part per year of handlingsplaner (the living ones make one more), with that
    year's aktivitetsplan and every verksamhetsplan.

    By year rather than by plan: PV102 bounds its did-you-mean work per run (see
    :class:`planverk.rules.base.Suggester`), and the references an edit breaks are one
    year's, so within the year the bound is spent as in a whole run.
    """
    years: dict[int | None, list[Loaded[Handlingsplan]]] = {}
    for hp in planset.hps:
        years.setdefault(hp.plan.year, []).append(hp)
    vps = tuple(planset.vps)
    for year, hps in years.items():
        ap = planset.ap(year) if year is not None else None
        yield Part(vps=vps, aps=(ap,) if ap is not None else (), hps=tuple(hps))


def each_plan(planset: PlanSet) -> Iterator[Part]:
    """One part per plan, and the project file on its own (rules that look at one plan at a
    time: its texts, the form of its references)."""
    for vp in planset.vps:
        yield Part(vps=(vp,))
    for ap in planset.aps:
        yield Part(aps=(ap,))
    for hp in planset.hps:
        yield Part(hps=(hp,))
    if planset.project is not None:
        yield Part(documents=(planset.project.doc,))


def verksamhetsplaner(planset: PlanSet) -> Iterator[Part]:
    yield Part(vps=tuple(planset.vps))


def project_only(planset: PlanSet) -> Iterator[Part]:
    yield Part()


def whole(planset: PlanSet) -> Iterator[Part]:
    """The whole plan set as one part (a rule without a scope: always right, never fast)."""
    yield Part(tuple(planset.vps), tuple(planset.aps), tuple(planset.hps), tuple(planset.documents))


# How each scope a rule declares (planverk.rules.base.Scope) is cut into parts.
PARTS: dict[Scope, ScopeParts] = {
    Scope.DOCUMENT: each_document,
    Scope.PLAN: each_plan,
    Scope.HANDLINGSPLAN: each_handlingsplan,
    Scope.AP_WITH_VPS: each_aktivitetsplan_with_vps,
    Scope.AP_WITH_ACTIONS: each_aktivitetsplan_with_actions,
    Scope.YEAR_OF_HANDLINGSPLANER: each_year_of_handlingsplaner,
    Scope.VERKSAMHETSPLANER: verksamhetsplaner,
    Scope.PROJECT: project_only,
    Scope.WHOLE: whole,
}


@dataclass(frozen=True, slots=True)
class _Checked:
    part: Part  # kept, so the ids in the cache key stay this part's while it is cached
    findings: tuple[Finding, ...]


class Checker:
    """Findings of a plan set as `planverk validate` reports them, kept between runs."""

    def __init__(self, overrides: dict[str, str] | None = None) -> None:
        self.overrides = overrides  # as `--regel` (for tests that turn every rule on)
        # Part (by its key) -> rule code -> what the rule found there. Two levels, so that a
        # part's key (a long tuple, whose hash Python does not keep) is hashed once a run.
        self._checked: dict[tuple[int, ...], dict[str, _Checked]] = {}
        self._suppressions: dict[int, tuple[YamlDocument, Suppressions]] = {}
        self.parts_run = 0  # parts checked by the last run (the rest came from the cache)

    def run(self, planset: PlanSet) -> list[Finding]:
        """Every finding of ``planset``, sorted, as :func:`planverk.lint.validate.check`."""
        whole_set, planset = planset, planset.with_lenient()  # as check does
        marked = marked_paths(whole_set)
        config = configure(planset, self.overrides)
        findings = list(planset.findings) + config.problems
        checked: dict[tuple[int, ...], dict[str, _Checked]] = {}
        self.parts_run = 0
        project = planset.project.doc if planset.project is not None else None
        units: dict[ScopeParts, list[tuple[Part, dict[str, _Checked], dict[str, _Checked]]]] = {}
        for rule in RULES:
            level = config.levels.get(rule.code)
            if rule.check is None or level is None:
                continue
            scope = PARTS[rule.scope or Scope.WHOLE]
            if scope not in units:
                units[scope] = []
                for part in scope(planset):
                    key = part.key(project)
                    now = checked.get(key)
                    if now is None:
                        now = checked[key] = {}
                    units[scope].append((part, self._checked.get(key, _NO_RESULTS), now))
            code = rule.code
            for part, before, now in units[scope]:
                entry = before.get(code) or now.get(code)
                if entry is None:
                    entry = _Checked(part, tuple(self._check(rule, part.planset(planset))))
                    self.parts_run += 1
                now[code] = entry
                if entry.findings:
                    findings.extend(
                        _with_level(f, level)
                        for f in entry.findings
                        if not (marked and at_marked(f, marked))
                    )
        self._checked = checked
        suppressions = self._suppressions_of(whole_set)
        findings = apply_suppressions(findings, suppressions, config.levels)
        return sorted(set(findings), key=lambda f: f.sort_key)

    @staticmethod
    def _check(rule: Rule, part: PlanSet) -> list[Finding]:
        try:
            return list(rule.check(Context(part, rule))) if rule.check else []
        except Exception:  # a bug in a rule must not take the editor's findings with it
            log.exception("regeln %s avbröts av ett internt fel", rule.code)
            return []

    def _suppressions_of(self, planset: PlanSet) -> dict[str, Suppressions]:
        known = self._suppressions
        self._suppressions = {}
        result: dict[str, Suppressions] = {}
        for doc in planset.documents:
            entry = known.get(id(doc))
            if entry is None or entry[0] is not doc:
                entry = (doc, scan(doc))
            self._suppressions[id(doc)] = entry
            result[doc.display] = entry[1]
        return result


_NO_RESULTS: dict[str, _Checked] = {}


def _with_level(finding: Finding, level: Level) -> Finding:
    return finding if finding.level == level else replace(finding, level=level)


def by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by the file they are in, in order."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.file, []).append(finding)
    return grouped
