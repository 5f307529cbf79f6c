"""Find and load a plan set: the project file and every plan under the plan folder."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

from planverk.core.errors import UserError
from planverk.core.findings import Finding, Span
from planverk.core.gcpause import paused_gc
from planverk.core.oserrors import read_error, read_reason
from planverk.loading.index import Index
from planverk.loading.parallel import parse_all
from planverk.loading.schema import validate_document
from planverk.loading.yamlfile import YamlDocument, decode, parse
from planverk.model import Aktivitetsplan, Handlingsplan, Plan, Project, Verksamhetsplan, walk
from planverk.model.style import DEFAULT_STYLE, DocumentStyle
from planverk.rules import (
    pv007_unreadable,
    pv008_duplicate_plan,
    pv009_project_file,
    pv014_link_outside,
)

P = TypeVar("P", Project, Verksamhetsplan, Aktivitetsplan, Handlingsplan)

PROJECT_FILE = "planverk.yaml"
PLAN_DIR = "plans"
MAX_FILE_BYTES = 64 * 1024 * 1024


class PlanSetNotFound(UserError):
    """No plan folder where one was looked for (a usage error, exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message, "Kör kommandot i planförrådet, eller ange --config plans/planverk.yaml."
        )


@dataclass(frozen=True, slots=True)
class Loaded(Generic[P]):
    """A validated plan with the document it was read from."""

    doc: YamlDocument
    plan: P


@dataclass(frozen=True, slots=True)
class Source:
    """One plan file's bytes (or the error reading them), named as the user sees it."""

    display: str
    content: bytes | OSError


@dataclass(frozen=True, slots=True)
class Parsed:
    """One plan file parsed and checked against the model; ``plan`` is None when the file
    is not a valid plan (its document's findings say why)."""

    doc: YamlDocument
    plan: Plan | None


@dataclass(slots=True)
class PlanSet:
    """Everything loaded from one plan folder, with the findings of loading it."""

    root: Path
    plan_dir: Path
    project: Loaded[Project] | None = None
    vps: list[Loaded[Verksamhetsplan]] = field(default_factory=list)
    aps: list[Loaded[Aktivitetsplan]] = field(default_factory=list)
    hps: list[Loaded[Handlingsplan]] = field(default_factory=list)
    documents: list[YamlDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    index: Index = field(default_factory=Index, repr=False, compare=False)

    @property
    def style(self) -> DocumentStyle:
        """The project file's dokumentstil (the defaults without a project file)."""
        return self.project.plan.style if self.project is not None else DEFAULT_STYLE

    def vps_covering(self, year: int) -> list[Loaded[Verksamhetsplan]]:
        return [vp for vp in self.vps if vp.plan.period.covers(year)]

    def vp_by_id(self, vp_id: str) -> Loaded[Verksamhetsplan] | None:
        return next((vp for vp in self.vps if vp.plan.id == vp_id), None)

    def vp_for(self, year: int | None, vp_id: str | None) -> Loaded[Verksamhetsplan] | None:
        """The VP a plan of ``year`` serves: the one it names, else the one covering the year."""
        if vp_id is not None:
            return self.vp_by_id(vp_id)
        if year is None:
            return None
        covering = self.vps_covering(year)
        return covering[0] if len(covering) == 1 else None

    def ap(self, year: int) -> Loaded[Aktivitetsplan] | None:
        return next((ap for ap in self.aps if ap.plan.year == year), None)

    def hps_for(self, year: int) -> list[Loaded[Handlingsplan]]:
        return [hp for hp in self.hps if hp.plan.year == year]

    def with_lenient(self) -> PlanSet:
        """This plan set for the cross-file checks: with the plans that failed the schema
        but were kept leniently (see :mod:`planverk.loading.schema`), unless a valid plan
        of the same identity is already there. Commands that use the plans never ask for
        this; only :func:`planverk.lint.validate.check` does."""
        kept = [doc for doc in self.documents if doc.lenient is not None]
        if not kept:
            return self
        view = PlanSet(
            self.root,
            self.plan_dir,
            self.project,
            list(self.vps),
            list(self.aps),
            list(self.hps),
            self.documents,
            self.findings,
        )
        seen: dict[tuple[str, object], YamlDocument] = {}
        for loaded in (view.project, *view.vps, *view.aps, *view.hps):
            if loaded is not None:
                seen[_identity(loaded.plan)] = loaded.doc
        for doc in kept:
            if _identity(doc.lenient) not in seen:
                _add(view, doc, doc.lenient, seen)
        return view


def find_plan_dir(start: Path) -> Path:
    """The plan folder for ``start``: itself, its ``plans/``, or that of a parent folder."""
    given = start
    try:
        start = start.resolve()
        if start.is_file():
            start = start.parent
    except RuntimeError:  # Python 3.11: a link loop
        raise PlanSetNotFound(f"{given} kan inte läsas: länken pekar i en slinga") from None
    except OSError as err:
        raise PlanSetNotFound(read_error(given, err).message) from None
    for folder in (start, *start.parents):
        if folder.name == PLAN_DIR and folder.is_dir():
            return folder
        if (folder / PLAN_DIR).is_dir():
            return folder / PLAN_DIR
        if (folder / PROJECT_FILE).is_file():
            return folder
    raise PlanSetNotFound(f"hittar ingen planmapp ({PLAN_DIR}/) i {start} eller någon mapp ovanför")


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base) if path.is_relative_to(base) else str(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def discover(plan_dir: Path) -> list[Path]:
    """Every YAML file below ``plan_dir``, in a stable order, hidden folders skipped."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(plan_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(folder) / name
            for name in sorted(files)
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        )
    return found


class Refused(OSError):
    """A file planverk will not read, with the Swedish reason and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class OutsideLink(Refused):
    """A link in the plan folder to a file outside it: never read, never shown."""

    def __init__(self, target: Path, folder: Path) -> None:
        super().__init__(
            f"filen är en länk till {target}, utanför planmappen {folder}; den läses inte",
            "Lägg planen i planmappen, eller låt länken peka på en fil i planmappen.",
        )
        self.target = target


def check_inside(path: Path, folder: Path) -> Path:
    """The real path of ``path`` (links resolved); raises :class:`OutsideLink` when it is
    not inside ``folder`` (itself resolved)."""
    base = folder.resolve()
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a link in a loop: opening it says so (ELOOP)
        return path
    if not real.is_relative_to(base):
        raise OutsideLink(real, base)
    return real


def plan_folder_of(path: Path) -> Path:
    """The folder a plan file must stay in: the plan folder it lies in, else its own
    folder (links resolved)."""
    parent = path.absolute().parent.resolve()
    try:
        plan_dir = find_plan_dir(parent).resolve()
    except PlanSetNotFound:
        return parent
    return plan_dir if parent.is_relative_to(plan_dir) else parent


def read_plan_file(path: Path, *, within: Path | None = None) -> bytes:
    """The bytes of one plan file; only a regular file of at most MAX_FILE_BYTES is read.

    Opened without blocking, so a named pipe (FIFO) called x.yaml is refused at once instead
    of waiting forever for a writer, and a device (a link to /dev/zero) is never read. With
    ``within`` (the plan folder), a link that leads out of it is refused unread
    (:class:`OutsideLink`).
    """
    if within is not None:
        check_inside(path, within)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(
                "det är ingen vanlig fil (utan t.ex. en namngiven pipe eller en enhet)",
                "Ta bort den ur planmappen; planverk läser bara vanliga YAML-filer.",
            )
        if info.st_size > MAX_FILE_BYTES:
            raise Refused(
                f"filen är {info.st_size // 2**20} MB; planverk läser högst "
                f"{MAX_FILE_BYTES // 2**20} MB",
                "Dela upp planen i flera filer.",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def read_sources(paths: Iterable[Path], *, within: Path | None = None) -> list[Source]:
    return list(iter_sources(paths, within=within))


def iter_sources(paths: Iterable[Path], *, within: Path | None = None) -> Iterator[Source]:
    """Each file read when it is needed, so a plan set is never all in memory as bytes; a
    link out of ``within`` (the plan folder) is never read."""
    for path in paths:
        display = display_path(path)
        try:
            yield Source(display, read_plan_file(path, within=within))
        except OSError as err:
            yield Source(display, err)


def load_plan_dir(plan_dir: Path) -> PlanSet:
    """Load every plan file below ``plan_dir``."""
    root = plan_dir.parent if plan_dir.name == PLAN_DIR else plan_dir
    sources = iter_sources(discover(plan_dir), within=plan_dir)
    return load_sources(sources, root=root, plan_dir=plan_dir)


def load_sources(sources: Iterable[Source], *, root: Path, plan_dir: Path) -> PlanSet:
    """Load a plan set from file contents (from disk, or from a git revision)."""
    with paused_gc():
        return _load_sources(sources, root=root, plan_dir=plan_dir)


def _load_sources(sources: Iterable[Source], *, root: Path, plan_dir: Path) -> PlanSet:
    unread: list[Finding] = []
    texts: list[tuple[str, str]] = []
    for source in sources:
        if isinstance(source.content, OSError):
            unread.append(unreadable(source.display, source.content))
            continue
        text, problem = decode(source.content, source.display)
        if problem is not None or text is None:
            unread.append(problem or unreadable(source.display, OSError()))
            continue
        texts.append((text, source.display))
    parsed = (Parsed(doc, validate_document(doc)) for doc in parse_all(texts))
    return assemble(parsed, root=root, plan_dir=plan_dir, findings=unread)


def parse_plan(text: str, display: str) -> Parsed:
    """Parse one plan file's text and check it against the model."""
    doc = parse(text, display)
    return Parsed(doc, validate_document(doc))


def assemble(
    parsed: Iterable[Parsed], *, root: Path, plan_dir: Path, findings: Iterable[Finding] = ()
) -> PlanSet:
    """A plan set from files already parsed, in the order given (of two plans with the same
    identity the first is kept); ``findings`` are those of files that could not be read.

    The language server keeps every file's :class:`Parsed` and calls this with the one it
    parsed again replaced, so an edit parses one file, not the whole set.
    """
    planset = PlanSet(root=root, plan_dir=plan_dir, findings=list(findings))
    seen: dict[tuple[str, object], YamlDocument] = {}
    for item in parsed:
        planset.documents.append(item.doc)
        planset.findings.extend(item.doc.findings)
        if item.plan is not None:
            _add(planset, item.doc, item.plan, seen)
    _name_lookalikes(planset)
    if (
        planset.project is None
        and not any(f.code == pv009_project_file.RULE.code for f in planset.findings)
        and not any(_is_project(doc) for doc in planset.documents)
    ):
        planset.findings.append(
            pv009_project_file.RULE.finding(
                f"projektfilen saknas: ingen fil med `typ: projekt` i {display_path(plan_dir)}",
                display_path(plan_dir / PROJECT_FILE),
                Span(1, 1, 1, 1),
                "Skapa plans/planverk.yaml med regionen, organen och ordlistan "
                "(`planverk init` gör det åt dig).",
            )
        )
    return planset


_REASONS = {
    errno.ENOENT: (
        "filen finns inte (en länk som pekar på en fil som saknas?)",
        "Ta bort länken, eller låt den peka på en befintlig fil.",
    ),
    errno.ELOOP: (
        "länken pekar i en slinga",
        "Ta bort länken, eller låt den peka på en vanlig fil.",
    ),
    errno.EACCES: ("behörighet att läsa filen saknas", "Ge läsrätt till filen (chmod u+r)."),
    errno.EPERM: ("behörighet att läsa filen saknas", "Ge läsrätt till filen (chmod u+r)."),
    errno.EISDIR: ("det är en mapp", "Byt namn på mappen så att namnet inte slutar på .yaml."),
    errno.ENXIO: (
        "det är ingen vanlig fil (utan t.ex. en socket)",
        "Ta bort den ur planmappen; planverk läser bara vanliga YAML-filer.",
    ),
}


def unreadable(display: str, err: OSError) -> Finding:
    """The PV007 finding for a plan file that could not be read (PV014 for a link out of
    the plan folder)."""
    if isinstance(err, OutsideLink):
        return pv014_link_outside.RULE.finding(err.message, display, Span(1, 1, 1, 1), err.hint)
    if isinstance(err, Refused):
        message, hint = err.message, err.hint
    elif err.errno in _REASONS:
        message, hint = _REASONS[err.errno]
    else:
        message, hint = read_reason(err)
    return pv007_unreadable.RULE.finding(
        f"filen kan inte läsas: {message}", display, Span(1, 1, 1, 1), hint
    )


def _is_project(doc: YamlDocument) -> bool:
    """Whether ``doc`` is meant as the project file (its own findings say what is wrong)."""
    return isinstance(doc.data, dict) and doc.data.get("typ") == "projekt"


def _identity(plan: Plan) -> tuple[str, object]:
    if isinstance(plan, Project):
        return ("projekt", None)
    if isinstance(plan, Verksamhetsplan):
        return ("vp", plan.id)
    if isinstance(plan, Aktivitetsplan):
        return ("ap", plan.year)
    return ("hp", plan.id)


# What an id names, by the list it stands in: "målet 'nära-vård'".
_KINDS = {
    "mål": "målet",
    "aktiviteter": "aktiviteten",
    "åtgärder": "åtgärden",
    "organ": "organet",
    "fokusområden": "fokusområdet",
    "rubriker": "rubriken",
    "regioner": "regionen",
    "uppföljningsperioder": "perioden",
    "avsnitt": "avsnittet",
}


# The lists whose ids a reference under a key names: `mål:` names a goal, and so on.
_REFERS = {
    "mål": "mål",
    "aktivitet": "aktiviteter",
    "ägare": "organ",
    "ansvar": "organ",
    "till": "organ",
    "beslutad-av": "organ",
    "period": "uppföljningsperioder",
}


def _name_lookalikes(planset: PlanSet) -> None:
    """Say which existing id each PV022 id looks identical to (ids of every file)."""
    pending = [(doc, item) for doc in planset.documents for item in doc.lookalikes]
    if not pending:
        return
    wanted = {item.folded for _, item in pending}
    # folded id -> list name ("" for a plan's own id) -> the first place it is defined
    where: dict[str, dict[str, tuple[YamlDocument, tuple[str | int, ...]]]] = {}
    for doc in planset.documents:
        for path, value in walk.values_of(doc.data, frozenset({"id"})):
            if isinstance(value, str) and value in wanted:
                listed = next((s for s in reversed(path[:-1]) if isinstance(s, str)), "")
                where.setdefault(value, {}).setdefault(listed, (doc, path))
    replaced: dict[int, Finding] = {}
    for doc, item in pending:
        places = where.get(item.folded)
        if not places:
            continue
        if item.refers.startswith("="):  # a definition: the same kind of item elsewhere
            listed = item.refers[1:]
            if listed not in places:
                continue
        else:
            listed = _REFERS.get(item.refers, "")
            listed = listed if listed in places else next(iter(places))
        other, path = places[listed]
        kind = _KINDS.get(listed, "planen" if not listed else "id:t")
        line = other.source_map.locate(other.data, path).line
        replaced[id(item.finding)] = replace(
            item.finding,
            hint=f"Det ser identiskt ut med {kind} '{item.folded}' ({other.display}, rad "
            f"{line}), men är inte samma id. Skriv om det med vanliga tecken.",
            related=() if other is doc else (other.display,),
        )
    # Only the plan set's list: a document's own findings stay as parsed, since the
    # language server assembles plan sets again from the same documents.
    planset.findings[:] = [replaced.get(id(f), f) for f in planset.findings]


def _add(
    planset: PlanSet, doc: YamlDocument, plan: Plan, seen: dict[tuple[str, object], YamlDocument]
) -> None:
    """Add a loaded plan, unless one with the same identity came first (``seen``)."""
    if isinstance(plan, Project):
        if planset.project is not None:
            planset.findings.append(_twice(doc, "projektfilen", planset.project.doc))
            return
        planset.project = Loaded(doc, plan)
    elif isinstance(plan, Verksamhetsplan):
        other = seen.setdefault(("vp", plan.id), doc)
        if other is not doc:
            planset.findings.append(_twice(doc, f"verksamhetsplanen '{plan.id}'", other))
            return
        planset.vps.append(Loaded(doc, plan))
    elif isinstance(plan, Aktivitetsplan):
        other = seen.setdefault(("ap", plan.year), doc)
        if other is not doc:
            planset.findings.append(_twice(doc, f"aktivitetsplanen för {plan.year}", other, "år"))
            return
        planset.aps.append(Loaded(doc, plan))
    else:
        other = seen.setdefault(("hp", plan.id), doc)
        if other is not doc:
            planset.findings.append(_twice(doc, f"handlingsplanen '{plan.id}'", other))
            return
        planset.hps.append(Loaded(doc, plan))


def _twice(doc: YamlDocument, what: str, first: YamlDocument, key: str = "id") -> Finding:
    return pv008_duplicate_plan.RULE.finding(
        f"{what} finns redan i {first.display}",
        doc.display,
        doc.source_map.locate(doc.data, (key,)),
        "Ta bort den ena filen eller ge planerna olika id (eller år).",
        subject=key,
        related=(first.display,),
    )
