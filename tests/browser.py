"""HTML pages in a real browser, for every test that publishes HTML (the website, HTML
documents): Debian's Chromium, headless, driven by Playwright (the Python package, pointed
at the system browser: no browser is downloaded), axe-core for the WCAG rules, and the Nu
HTML checker (vnu.jar) on Java.

axe-core and vnu.jar come from npm (``package.json``, ``package-lock.json``; ``npm ci``
installs them, as ``.ci/run`` does). A missing client skips the test on a developer's
machine and fails it in CI (:mod:`tests.realclients`).

    with browser() as chromium:
        page = chromium.new_page(viewport=PHONE)
        page.goto(path.as_uri())
        assert axe(page) == []
        assert not scrolls_sideways(page)
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.realclients import need, need_file, need_module

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's ``/usr/bin/chromium``) under Playwright."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else need("chromium")
    need_module("playwright", "Python-paketet playwright (pip install -e '.[test]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=list(FLAGS))
        try:
            yield chromium
        finally:
            chromium.close()


def _axe_source() -> str:
    return Path(need_file(AXE, "axe-core (npm ci)")).read_text(encoding="utf-8")


def new_page(chromium: Any, viewport: dict[str, int] = DESKTOP) -> Any:
    """A page (in a context of its own) that loads axe-core with every document it opens:
    an init script, which costs far less than sending axe's source for each page."""
    context = chromium.new_context(viewport=viewport)
    context.add_init_script(path=need_file(AXE, "axe-core (npm ci)"))
    page = context.new_page()
    page.on("close", lambda _: context.close())
    return page


def axe(page: Any, tags: Sequence[str] = WCAG_AA) -> list[dict[str, Any]]:
    """axe-core's violations of the rules tagged ``tags`` on the loaded page, each as
    {id, impact, help, nodes: [css selectors]}."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async (tags) => (await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        list(tags),
    )
    return [
        {
            "id": v["id"],
            "impact": v.get("impact"),
            "help": v.get("help"),
            "nodes": [", ".join(n.get("target", [])) for n in v.get("nodes", [])],
        }
        for v in result
    ]


def scrolls_sideways(page: Any) -> bool:
    """Whether the page is wider than the window (it would scroll sideways)."""
    return bool(
        page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    )


def links(page: Any) -> list[str]:
    """Every link's address on the page, resolved by the browser (``a[href]``)."""
    return list(page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"))


def vnu(paths: Sequence[Path], *, css: bool = False) -> list[dict[str, Any]]:
    """The Nu HTML checker's errors for ``paths`` (HTML files, and CSS files when ``css``),
    each as {url, line, message}. One Java process checks them all."""
    java = need("java")
    jar = need_file(VNU, "vnu-jar (npm ci)")
    if not paths:
        return []
    command = [java, "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"]
    if css:
        command.append("--also-check-css")
    done = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, check=False, timeout=600
    )
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return [
        {"url": m.get("url"), "line": m.get("lastLine"), "message": m.get("message")}
        for m in report.get("messages", [])
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
