"""What a rule is, and the context a rule's check runs in.

A rule has one of three phases: the loader's (syntax and schema: the loader makes these
findings with :meth:`Rule.finding`), the plan set's (``check``, run by
:func:`planverk.lint.validate.check`) and the document's (``check_rendered``, run on each
rendered document by :mod:`planverk.publish`).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from planverk.core.findings import NO_SPAN, Finding, Level, Span
from planverk.core.suggest import did_you_mean
from planverk.model.walk import id_path

if TYPE_CHECKING:  # the loader makes its findings from rules: no import of it at run time
    from planverk.loading.planset import Loaded, PlanSet
    from planverk.loading.yamlfile import YamlDocument
    from planverk.model import Project
    from planverk.render import Rendered


class Scope(StrEnum):
    """The least of a plan set a rule's check must see to find all it finds in those plans.

    The language server re-checks only the parts an edit touched (:mod:`planverk.lsp`), so
    a rule with a check says its scope; WHOLE is always right, and never fast.
    """

    DOCUMENT = "document"  # one file (and the project file)
    PLAN = "plan"  # one loaded plan (the project file's document: a part of its own)
    HANDLINGSPLAN = "handlingsplan"  # one handlingsplan
    AP_WITH_VPS = "ap-with-vps"  # one aktivitetsplan with every verksamhetsplan
    AP_WITH_ACTIONS = "ap-with-actions"  # one aktivitetsplan with its year's handlingsplaner
    YEAR_OF_HANDLINGSPLANER = "year-of-handlingsplaner"  # a year's handlingsplaner, AP, VPs
    VERKSAMHETSPLANER = "verksamhetsplaner"  # every verksamhetsplan together
    PROJECT = "project"  # the project file alone
    WHOLE = "whole"  # everything


@dataclass(frozen=True, slots=True)
class Example:
    """A FAIL or PASS example from a rule's docstring: one file of a small plan set."""

    passes: bool
    file: str
    content: str
    line: int = 0
    column: int = 0
    expected_in: str = ""  # the file the finding is expected in, when not ``file``

    @property
    def finding_file(self) -> str:
        return self.expected_in or self.file


@dataclass(frozen=True)
class Rule:
    """A rule: its code, default level, Swedish summary and (for checks) its function.

    Rules of the loading phase (syntax, schema) have no check function: the loader reports
    them. They are registered all the same, so they are documented and configured alike.
    """

    code: str
    name: str
    level: Level | None
    summary: str
    doc: str
    check: Callable[[Context], Iterable[Finding]] | None = None
    configurable: bool = True
    examples: tuple[Example, ...] = field(default=())
    # Rules of the document phase look at a rendered document instead of the plan set.
    check_rendered: Callable[[Rendered], Iterable[Finding]] | None = None
    scope: Scope | None = None  # what ``check`` must see (see Scope); None without a check

    def finding(
        self,
        message: str,
        file: str,
        span: Span = NO_SPAN,
        hint: str | None = None,
        *,
        subject: str = "",
        related: Iterable[str] = (),
    ) -> Finding:
        """A finding of this rule at its default level (the configured level is applied
        when the plan set is checked); ``subject`` and ``related`` as in :class:`Finding`."""
        others = tuple(sorted({r for r in related if r != file}))
        return Finding(
            self.code,
            self.level or Level.INFO,
            message,
            file,
            span,
            hint,
            self.name,
            subject=subject,
            related=others,
        )


_EXAMPLE = re.compile(r"^(FAIL|PASS) (\S+?)(?: => (\S+))?(?: (\d+):(\d+))?:$")


def parse_examples(doc: str) -> tuple[Example, ...]:
    """The examples of a docstring: a ``FAIL path line:col:`` or ``PASS path:`` line, then
    the file's content indented by four spaces. ``FAIL path => other line:col:`` expects the
    finding in another file of the plan set."""
    examples: list[Example] = []
    lines = inspect.cleandoc(doc).splitlines()
    index = 0
    while index < len(lines):
        match = _EXAMPLE.match(lines[index])
        index += 1
        if not match:
            continue
        body: list[str] = []
        while index < len(lines) and (lines[index].startswith("    ") or not lines[index]):
            body.append(lines[index][4:])
            index += 1
        while body and not body[-1]:
            body.pop()
        kind, path, other, line, column = match.groups()
        content = "\n".join(body) + "\n"
        examples.append(
            Example(kind == "PASS", path, content, int(line or 0), int(column or 0), other or "")
        )
    return tuple(examples)


def rule(
    module: ModuleType | str,
    *,
    code: str,
    name: str,
    level: Level | None,
    summary: str,
    check: Callable[[Context], Iterable[Finding]] | None = None,
    check_rendered: Callable[[Rendered], Iterable[Finding]] | None = None,
    configurable: bool = True,
    scope: Scope | None = None,
) -> Rule:
    """Declare a rule; its documentation and examples come from the module's docstring."""
    doc = module if isinstance(module, str) else (module.__doc__ or "")
    return Rule(
        code,
        name,
        level,
        summary,
        inspect.cleandoc(doc),
        check,
        configurable,
        parse_examples(doc),
        check_rendered,
        scope,
    )


class Context:
    """What a check sees: the loaded plan set, and a way to make findings at a path."""

    def __init__(self, planset: PlanSet, rule: Rule) -> None:
        self.planset = planset
        self.rule = rule

    @property
    def project(self) -> Project | None:
        return self.planset.project.plan if self.planset.project else None

    def finding(
        self,
        where: Loaded[Any] | YamlDocument,
        path: Sequence[str | int],
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        related: Iterable[Loaded[Any] | YamlDocument | str] = (),
        span: Span | None = None,
    ) -> Finding:
        """A finding at ``path`` of a plan (or a document); ``related`` are the plans the
        finding is about besides its own: where the broken reference points. ``span``, when
        given, is the exact place inside the value at ``path`` (a word, a mark)."""
        doc = _doc(where)
        return self.rule.finding(
            message,
            doc.display,
            span or doc.source_map.locate(doc.data, path, key=key),
            hint,
            subject=id_path(doc.data, tuple(path)),
            related=(r if isinstance(r, str) else _doc(r).display for r in related),
        )


def _doc(where: Loaded[Any] | YamlDocument) -> YamlDocument:
    """The document of a loaded plan, or the document itself."""
    return cast("YamlDocument", getattr(where, "doc", where))


class Suggester:
    """Did-you-mean hints over large id sets, with the work bounded.

    Comparing a broken id with 5,000 others takes about 0.1 s, so a rename that breaks
    thousands of references would take minutes if each got a hint. Answers are remembered
    per (word, candidate set), and once ``budget`` comparisons are spent (about 0.4 s) no
    more are made: the first broken references still get their hint, the rest the rule's
    general one.
    """

    def __init__(self, budget: int = 20_000) -> None:
        self.left = budget
        self._memo: dict[tuple[str, int], str | None] = {}

    def did_you_mean(self, word: str, candidates: Collection[str]) -> str | None:
        key = (word, id(candidates))
        if key in self._memo:
            return self._memo[key]
        if len(candidates) > self.left:
            return None
        self.left -= len(candidates)
        hint = self._memo[key] = did_you_mean(word, candidates)
        return hint
