"""`planverk webb` as a library call: plan folder and request in, a whole site written.

Load the plan set, refuse when it has errors (:func:`planverk.publish.gate.require_clean`), check
the target folder (:func:`planverk.publish.guard.check_output_folder`), link every goal,
activity and action both ways (:mod:`.index`), build each page's data (:mod:`.pages`,
:mod:`.status`, :mod:`.changes`, :mod:`.history`), render the decision documents
(:mod:`.documents`), run the site's Jinja templates (``templates/webb/``) in render's
sandboxed set-up with HTML autoescaping, and write it all or nothing (:mod:`.write`).

The same plans (and git history) give the same bytes: nothing on a page comes from the
clock. The status is as of the latest report date in the plans unless ``on`` says
otherwise, and the year is the latest with an aktivitetsplan unless ``year`` says.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from planverk.core.errors import UserError
from planverk.core.findings import Finding
from planverk.core.oserrors import read_error
from planverk.lint.validate import Result
from planverk.loading.planset import PlanSet, load_plan_dir
from planverk.publish.gate import require_clean
from planverk.publish.guard import BUILD_DIR, check_output_folder
from planverk.render import (
    BUNDLED_TEMPLATES,
    RenderError,
    dokumentmall_path,
    run_template,
    template_dir_for,
    template_environment,
)
from planverk.web.index import build_index
from planverk.web.pages import Page, Pages, latest_report_date
from planverk.web.richhtml import line_html, paragraphs_html

SITE_DIR = "webb"  # the site's templates: templates/webb/, and its default folder build/webb
TEMPLATE_SUFFIX = ".html.j2"
STYLESHEET = "webb.css"
Data = dict[str, Any]


class SiteError(UserError):
    """The site cannot be built as asked."""


@dataclass(frozen=True, slots=True)
class SiteRequest:
    """What to build; every field has the command line's default."""

    output: Path | None = None  # default: <project>/build/webb
    year: int | None = None  # the current year (default: the latest aktivitetsplan's)
    on: dt.date | None = None  # the status date (default: the latest report's date)
    since: str | None = None  # git revision of the last decided version (default: latest tag)
    templates: Path | None = None  # the template folder (default: the project's templates/)
    pdf: bool | None = None  # None: PDF when LibreOffice is installed


@dataclass(slots=True)
class BuiltSite:
    """What was written, and what the checks said on the way."""

    folder: Path
    pages: int
    files: int
    bytes: int
    checked: Result
    pdf: bool
    warnings: list[Finding] = field(default_factory=list)


def current_year(planset: PlanSet, wanted: int | None) -> int | None:
    if wanted is not None:
        return wanted
    years = [ap.plan.year for ap in planset.aps]
    years = years or [hp.plan.year for hp in planset.hps if hp.plan.year is not None]
    return max(years) if years else None


def status_date(planset: PlanSet, year: int, wanted: dt.date | None) -> dt.date:
    if wanted is not None:
        return wanted
    latest = latest_report_date(planset, year)
    if latest is not None:
        return latest
    ap = planset.ap(year)
    if ap is not None and ap.plan.decision is not None:
        return ap.plan.decision.date
    return dt.date(year, 1, 1)


def _number(value: object) -> str:
    """Template filter ``tal``: 12345 as "12 345" (Swedish digit groups)."""
    return f"{int(str(value)):,}".replace(",", "\u00a0")


def _environment(folders: list[Path]) -> Any:
    env = template_environment(folders, html=True)
    env.filters["stycken"] = paragraphs_html
    env.filters["rad"] = line_html
    env.filters["tal"] = _number
    env.globals["escape"] = escape
    return env


def _site_folders(template_dir: Path) -> list[Path]:
    """The site's template folders: the region's templates/webb/, then planverk's own, so a
    region needs only the files it changes."""
    folders = [template_dir / SITE_DIR]
    own = BUNDLED_TEMPLATES / SITE_DIR
    if not folders or folders[0].resolve() != own.resolve():
        folders.append(own)
    return [f for f in folders if f.is_dir()] or [own]


def _stylesheet(folders: list[Path]) -> bytes:
    for folder in folders:
        path = folder / STYLESHEET
        if path.is_file():
            try:
                return path.read_bytes()
            except OSError as err:
                problem = read_error(path, err)
                raise RenderError(problem.message, problem.hint) from None
    raise RenderError(
        f"stilmallen {STYLESHEET} finns inte i {folders[0]}",
        "Kopiera templates/webb/webb.css från planverk.",
    )


def build_site(plan_dir: Path, request: SiteRequest) -> BuiltSite:
    """Build and write the site. Raises PlansHaveErrors (no site from plans with errors) or a
    UserError (OutputRefused, RenderError, RevisionError, a write error ...)."""
    from planverk.web.write import staged

    planset = load_plan_dir(plan_dir)
    checked = require_clean(planset)
    template_dir = template_dir_for(planset, request.templates)
    folders = _site_folders(template_dir)
    mall = dokumentmall_path(planset, template_dir, None)
    target = request.output or planset.root / BUILD_DIR / SITE_DIR
    check_output_folder(
        target,
        planset,
        explicit=request.output is not None,
        template_dirs=(template_dir, BUNDLED_TEMPLATES),
        protected=(mall,),
    )
    env = _environment(folders)
    with staged(target.resolve()) as folder:
        site = SiteContent(planset, checked, plan_dir, request)
        with _collecting():
            names = site.write(env, folders, folder)
        written = [path for path in folder.rglob("*") if path.is_file()]
        total = sum(path.stat().st_size for path in written)
    return BuiltSite(
        folder=target,
        pages=sum(1 for name in names if name.endswith(".html")),
        files=len(written) + 1,  # and the marker written when the folder is swapped in
        bytes=total,
        checked=checked,
        pdf=site.documents.pdf,
        warnings=site.documents.warnings,
    )


@contextlib.contextmanager
def _collecting() -> Iterator[None]:
    """The cyclic garbage collector on while the pages are rendered.

    The command line turns the collector off (:mod:`planverk.cli.entry`): a command makes
    almost no reference cycles. Rendering a page with Jinja makes a few, so a site of 20 000
    pages would keep them all (a 1 000-activity site: 283 MB with the collector off, 82 MB
    with it on). What is there before rendering (the plan set, its index) lives to the end,
    so it is frozen out of the collector's sight and each collection looks only at what the
    pages made.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()
        gc.unfreeze()


class SiteContent:
    """Every page of one site, rendered."""

    def __init__(
        self, planset: PlanSet, checked: Result, plan_dir: Path, request: SiteRequest
    ) -> None:
        from planverk.web.documents import Documents
        from planverk.web.history import read_history

        self.planset = planset
        self.checked = checked
        self.plan_dir = plan_dir
        self.request = request
        self.year = current_year(planset, request.year)
        self.on = status_date(planset, self.year, request.on) if self.year else None
        self.index = build_index(planset)
        self.history = read_history(plan_dir, planset)
        self.documents = Documents()
        project = planset.project.plan if planset.project else None
        self.site: Data = {
            "namn": project.name if project else "Planerna",
            "regioner": [r.name for r in project.regions] if project else [],
            "år": self.year,
            "senast_ändrad": self.history.latest,
        }
        self.pages = Pages(planset, self.index, self.site)

    def write(self, env: Any, folders: list[Path], folder: Path) -> list[str]:
        """Render every page into ``folder``, one at a time (a large site is never whole in
        memory); the addresses written."""
        from planverk.web.documents import FOLDER, build_documents
        from planverk.web.write import Files

        if self.year is not None and self.on is not None:
            self.documents = build_documents(
                self.planset,
                self.checked,
                folder / FOLDER,
                self.year,
                self.on,
                pdf=self.request.pdf,
            )
        files = Files(folder)
        names = ["stil/webb.css"]
        files.put("stil/webb.css", _stylesheet(folders))
        shown: dict[str, Path] = {}
        for page in self.all_pages():
            name = f"{page.template}{TEMPLATE_SUFFIX}"
            if name not in shown:
                shown[name] = _shown(folders, name)
            html = run_template(env, name, page.data, shown[name], folders[0])
            files.put(page.address, html.encode("utf-8"))
            names.append(page.address)
        return names

    def all_pages(self) -> Iterator[Page]:
        """Every page, made when it is asked for."""
        from planverk.web.status import overview_data

        p = self.pages
        status: Data | None = None
        status_page: Page | None = None
        if self.year is not None and self.on is not None:
            _, status = overview_data(self.planset, self.index, p, self.year, self.on)
            status_page = p.page(
                "status/index.html",
                "status",
                f"Läget {self.year}",
                [p.start_crumb()],
                status=status,
            )
        new = self._new_for_year()
        since = self._since_decided()
        self.site["meny"] = self._menu(new is not None)
        if status_page is not None:
            yield status_page
        yield self._start(status, new, since)
        yield p.plans_page()
        yield from (p.vp_page(vp) for vp in self.planset.vps)
        yield from (p.ap_page(ap) for ap in self.planset.aps)
        yield from (p.hp_page(hp) for hp in self.planset.hps)
        yield from (p.goal_page(node) for node in self.index.goals.values())
        yield from (p.section_page(node) for node in self.index.sections.values())
        yield from (p.activity_page(node) for node in self.index.activities.values())
        yield from (p.action_page(node) for node in self.index.actions)
        yield from p.body_pages()
        yield (
            p.page(
                "historik.html",
                "historik",
                "Historik",
                [p.start_crumb()],
                historik={
                    "i_git": self.history.in_git,
                    "orsak": self.history.reason,
                    "planer": self.history.plans,
                    "senaste": self.history.latest,
                    "fler": self.history.more,
                },
            )
        )
        if new is not None:
            yield p.page("nytt.html", "nytt", f"Nytt för {self.year}", [p.start_crumb()], nytt=new)
        if since is not None:
            yield (
                p.page(
                    "andringar.html",
                    "andringar",
                    f"Ändrat sedan {since['revision']}",
                    [p.start_crumb()],
                    ändringar=since,
                )
            )
        yield (
            p.page(
                "dokument/index.html",
                "dokument",
                "Dokument att ladda ner",
                [p.start_crumb()],
                dokument={
                    "poster": self.documents.items,
                    "pdf": self.documents.pdf,
                    "pdf_orsak": self.documents.pdf_reason,
                },
            )
        )

    def _menu(self, with_new: bool) -> list[Data]:
        items = [
            ("Start", "index.html"),
            ("Planer", "planer.html"),
            ("Läget", "status/index.html" if self.year is not None else None),
            ("Nytt", "nytt.html" if with_new else None),
            ("Organ", "organ/index.html"),
            ("Historik", "historik.html"),
            ("Dokument", "dokument/index.html"),
        ]
        return [{"text": label, "adress": address} for label, address in items if address]

    def _start(self, status: Data | None, new: Data | None, since: Data | None) -> Page:
        p = self.pages
        planset = self.planset
        year = self.year
        vps = planset.vps_covering(year) if year is not None else []
        ap = planset.ap(year) if year is not None else None
        hps = planset.hps_for(year) if year is not None else []
        living = [hp for hp in planset.hps if hp.plan.year is None]

        def living_ref(hp: Any) -> Data:
            dates = [r.date for a in hp.plan.actions for r in a.reports]
            return {
                **p.plan_ref(hp),
                "ägare": p.body(hp.plan.owner),
                "senaste_rapport": max(dates) if dates else None,
                "antal_åtgärder": len(hp.plan.actions),
            }

        return p.page(
            "index.html",
            "start",
            self.site["namn"],
            [],
            start={
                "verksamhetsplaner": [
                    {**p.plan_ref(vp), "period": vp.plan.period.label()} for vp in vps
                ],
                "aktivitetsplan": {**p.plan_ref(ap), "år": ap.plan.year} if ap else None,
                "handlingsplaner": [
                    {**p.plan_ref(hp), "ägare": p.body(hp.plan.owner)} for hp in hps
                ],
                "levande": [living_ref(hp) for hp in living],
                "status": status,
                "nytt": new,
                "sedan": since,
                "antal": {
                    "mål": len(self.index.goals),
                    "aktiviteter": len(self.index.activities),
                    "åtgärder": len(self.index.actions),
                },
            },
        )

    def _new_for_year(self) -> Data | None:
        """ "Nytt för ÅR": the year's aktivitetsplan against the one before, when both exist."""
        from planverk.web.changes import new_for_year

        year = self.year
        if year is None or self.planset.ap(year) is None:
            return None
        earlier = [ap.plan.year for ap in self.planset.aps if ap.plan.year < year]
        if not earlier:
            return None
        previous = max(earlier)
        data = new_for_year(self.planset, year, previous)
        data["år"] = year
        data["föregående"] = previous
        return data

    def _since_decided(self) -> Data | None:
        """What changed since the last decided version: the git revision asked for, else the
        newest tag; None when the plans are not in git or have no tag."""
        from planverk.diff.gitrev import latest_tag, load_at_revision, repository_root, resolve
        from planverk.diff.model import PlanKind
        from planverk.web.changes import since_revision

        revision = self.request.since
        if revision is None:
            if not self.history.in_git:
                return None
            revision = latest_tag(self.plan_dir)
            if revision is None:
                return None
        else:
            resolve(revision, repository_root(self.plan_dir))  # a wrong revision: exit 2
        year = self.year
        parts: list[Data] = []
        asked: list[tuple[str, PlanKind, str]] = []
        if year is not None and self.planset.ap(year) is not None:
            asked.append((f"Aktivitetsplan {year}", PlanKind.AP, str(year)))
        if year is not None and self.planset.hps_for(year):
            asked.append((f"Handlingsplaner {year}", PlanKind.HP, str(year)))
        if any(hp.plan.year is None for hp in self.planset.hps):
            asked.append(("Levande handlingsplaner", PlanKind.HP, "levande"))
        try:
            old_set = load_at_revision(revision, self.plan_dir)
        except UserError as err:
            if self.request.since is not None:
                raise  # asked for by name: the user should hear that it is wrong
            return {
                "revision": revision,
                "delar": [{"rubrik": "Planerna", "fel": err.message, "diff": None}],
            }
        for label, kind, selection in asked:
            try:
                data = since_revision(old_set, self.planset, kind, selection, revision)
            except UserError as err:
                parts.append({"rubrik": label, "fel": err.message, "diff": None})
                continue
            parts.append({"rubrik": label, "fel": None, "diff": data})
        return {"revision": revision, "delar": parts}


def _shown(folders: list[Path], name: str) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return folders[0] / name
