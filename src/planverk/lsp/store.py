"""One plan folder as the editor sees it: every plan file parsed once, open buffers over disk.

The store reads the folder as `planverk validate` does (the same files, in the same order),
but a file open in the editor is read from the editor's buffer, saved or not. When a file
changes only that file is parsed again; the plan set is then assembled from the parsed files
(:func:`planverk.loading.planset.assemble`), the others as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planverk.core.findings import Finding
from planverk.core.gcpause import paused_gc
from planverk.loading.parallel import parse_all
from planverk.loading.planset import (
    MAX_FILE_BYTES,
    PLAN_DIR,
    Parsed,
    PlanSet,
    Refused,
    assemble,
    discover,
    display_path,
    parse_plan,
    read_plan_file,
    unreadable,
)
from planverk.loading.schema import validate_document
from planverk.loading.yamlfile import decode

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class PlanFile:
    """One plan file: what was read (a parsed document, or why it could not be read)."""

    path: Path
    display: str
    parsed: Parsed | None = None
    problem: Finding | None = None  # PV003/PV007 when the file could not be read
    in_editor: bool = False  # the text is the editor's buffer, not the file on disk


def order_key(plan_dir: Path, path: Path) -> tuple[tuple[int, str], ...]:
    """The place of ``path`` in :func:`planverk.loading.planset.discover`'s order: a folder's
    files (by name) before its subfolders (by name)."""
    parts = path.relative_to(plan_dir).parts
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


class PlanStore:
    """A plan folder's files, parsed, and the plan set they make."""

    def __init__(self, plan_dir: Path) -> None:
        self.plan_dir = plan_dir.resolve()
        self.root = self.plan_dir.parent if self.plan_dir.name == PLAN_DIR else self.plan_dir
        self.files: dict[Path, PlanFile] = {}
        self.planset = PlanSet(root=self.root, plan_dir=self.plan_dir)
        self.generation = 0  # counts plan sets assembled; features cache by it

    # --- Which files --------------------------------------------------------------------------

    def holds(self, path: Path) -> bool:
        """Whether ``path`` is a plan file of this folder (as `discover` would find it)."""
        try:
            parts = path.relative_to(self.plan_dir).parts
        except ValueError:
            return False
        return (
            bool(parts)
            and path.name.endswith(PLAN_SUFFIXES)
            and not any(part.startswith(".") for part in parts)
        )

    def display(self, path: Path) -> str:
        """The name findings use for ``path``: relative to the repository root."""
        return display_path(path, self.root)

    def path_of(self, display: str) -> Path:
        """The file a finding names (the inverse of :meth:`display`)."""
        path = Path(display)
        return path if path.is_absolute() else (self.root / path).resolve()

    # --- Reading ------------------------------------------------------------------------------

    def load(self) -> PlanSet:
        """Read every plan file of the folder from disk (open buffers are set later)."""
        with paused_gc():
            paths = discover(self.plan_dir)
            self.files = {path: PlanFile(path, self.display(path)) for path in paths}
            texts: list[tuple[str, str]] = []
            for file in self.files.values():
                text, file.problem = self._read(file)
                if text is not None:
                    texts.append((text, file.display))
            by_display = {f.display: f for f in self.files.values()}
            for doc in parse_all(texts):
                by_display[doc.display].parsed = Parsed(doc, validate_document(doc))
        return self.assemble()

    @staticmethod
    def _read(file: PlanFile) -> tuple[str | None, Finding | None]:
        """The file's text from disk, or why it cannot be read."""
        try:
            raw = read_plan_file(file.path)
        except OSError as err:
            return None, unreadable(file.display, err)
        text, problem = decode(raw, file.display)
        if problem is not None or text is None:
            return None, problem or unreadable(file.display, OSError())
        return text, None

    @staticmethod
    def _parse(file: PlanFile, text: str) -> None:
        """Parse ``text`` as the file's content, unless the file already holds it."""
        if file.parsed is not None and file.parsed.doc.text == text and file.problem is None:
            return
        file.parsed, file.problem = None, None
        if len(text) > MAX_FILE_BYTES:
            file.problem = unreadable(
                file.display,
                Refused(
                    f"texten är över {MAX_FILE_BYTES // 2**20} MB; planverk läser högst "
                    f"{MAX_FILE_BYTES // 2**20} MB",
                    "Dela upp planen i flera filer.",
                ),
            )
            return
        with paused_gc():
            file.parsed = parse_plan(text, file.display)

    # --- Changes ------------------------------------------------------------------------------

    def set_text(self, path: Path, text: str) -> bool:
        """Take ``text`` (the editor's buffer) as the file's content; True if it changed."""
        file = self.files.get(path) or self._add(path)
        file.in_editor = True
        before = file.parsed
        self._parse(file, text)
        return file.parsed is not before

    def reread(self, path: Path) -> bool:
        """Read ``path`` from disk again (the editor closed it, or it changed on disk); True
        if the plan set changed. A file that is gone is dropped."""
        file = self.files.get(path)
        if not path.exists():
            if file is None:
                return False
            del self.files[path]
            return True
        if file is None:
            if not self.holds(path):
                return False
            file = self._add(path)
        file.in_editor = False
        parsed, problem_before = file.parsed, file.problem
        text, problem = self._read(file)
        if text is None:
            file.parsed, file.problem = None, problem
        else:
            self._parse(file, text)
        return file.parsed is not parsed or file.problem != problem_before

    def _add(self, path: Path) -> PlanFile:
        file = PlanFile(path, self.display(path))
        self.files[path] = file
        self.files = dict(
            sorted(self.files.items(), key=lambda item: order_key(self.plan_dir, item[0]))
        )
        return file

    def assemble(self) -> PlanSet:
        """The plan set of the files as they are now."""
        files = list(self.files.values())
        problems: Iterable[Finding] = [f.problem for f in files if f.problem is not None]
        with paused_gc():
            self.planset = assemble(
                (f.parsed for f in files if f.parsed is not None),
                root=self.root,
                plan_dir=self.plan_dir,
                findings=problems,
            )
        self.generation += 1
        return self.planset

    def file_of(self, path: Path) -> PlanFile | None:
        return self.files.get(path)

    def text_of(self, display: str) -> str | None:
        """The text the findings of ``display`` were made from, if it was read."""
        file = self.files.get(self.path_of(display))
        return file.parsed.doc.text if file is not None and file.parsed is not None else None
