"""A plan folder open in the editor: its files, findings, ids, and what was last published."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from planverk.core.findings import Finding
from planverk.loading.yamlfile import YamlDocument
from planverk.lsp.checker import Checker, by_file
from planverk.lsp.positions import UTF16, LineIndex
from planverk.lsp.store import PlanStore
from planverk.lsp.symbols import Index, Symbols

_ROOT_VALUE = re.compile(r"^(typ|år|verksamhetsplan):[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FileHead:
    """What a plan file says about itself at its top level, read from its text (so it is
    known while the file is half-typed and does not parse)."""

    kind: str | None
    year: int | None
    vp: str | None


def head(text: str) -> FileHead:
    values: dict[str, str] = {}
    for match in _ROOT_VALUE.finditer(text):
        values.setdefault(match.group(1), match.group(2))
    year = values.get("år", "")
    return FileHead(
        values.get("typ"), int(year) if year.isdigit() else None, values.get("verksamhetsplan")
    )


class Folder:
    """One plan folder: the store, the incremental checker and the ids."""

    def __init__(self, plan_dir: Path, encoding: str = UTF16) -> None:
        self.store = PlanStore(plan_dir)
        self.checker = Checker()
        self.symbols = Symbols()
        self.encoding = encoding
        self.findings: dict[str, list[Finding]] = {}
        self.published: dict[str, tuple[Finding, ...]] = {}
        self._lines: dict[int, tuple[str, LineIndex]] = {}

    def load(self) -> None:
        self.store.load()

    def check(self) -> dict[str, list[Finding]]:
        """Check the plan set as it is now; the findings of every file, by file."""
        self.findings = by_file(self.checker.run(self.store.planset))
        return self.findings

    def changed(self, force: Collection[str] = ()) -> dict[str, list[Finding]]:
        """The files whose findings differ from what was last published (and those in
        ``force``), with their findings now; marks them published."""
        out: dict[str, list[Finding]] = {}
        for display in sorted({*self.findings, *self.published, *force}):
            now = self.findings.get(display, [])
            if display in force or tuple(now) != self.published.get(display, ()):
                out[display] = now
                if now:
                    self.published[display] = tuple(now)
                else:
                    self.published.pop(display, None)
        return out

    def index(self) -> Index:
        return self.symbols.index(self.store.planset, self.store.generation)

    def doc_of(self, path: Path) -> YamlDocument | None:
        file = self.store.file_of(path)
        return file.parsed.doc if file is not None and file.parsed is not None else None

    def doc_named(self, display: str) -> YamlDocument | None:
        return self.doc_of(self.store.path_of(display))

    def lines(self, text: str) -> LineIndex:
        """The line index of ``text`` (kept for the texts asked about lately)."""
        key = id(text)
        cached = self._lines.get(key)
        if cached is not None and cached[0] is text:
            return cached[1]
        index = LineIndex(text, self.encoding)
        self._lines[key] = (text, index)
        if len(self._lines) > 64:
            self._lines.pop(next(iter(self._lines)))
        return index

    def uri(self, display: str) -> str:
        return self.store.path_of(display).as_uri()
