"""The built site in a real browser: headless Chromium with axe-core (tests/browser.py).

Every page of the shipped plans' site and of the agreement-paragraph example: no axe-core
violation of the WCAG 2.1 A and AA rules, no sideways scrolling at 320 px, every link the
browser resolves points at a file of the site (and at an id that is there). Then a reader
who only follows links: from the start page to a VP goal, down to an action, and back up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser import PHONE, axe, browser, links, new_page, scrolls_sideways
from tests.web.conftest import REWORDED, Site


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as running:
        yield running


def _check_site(chromium: Any, site: Site) -> list[str]:
    """Every page: axe at 1280 px, sideways scrolling at 320 px, every link. axe runs at
    320 px too on the first page of each kind (template): the narrow layout restyles the
    same markup, so one page of a kind shows what the layout does to it."""
    problems: list[str] = []
    root = site.folder.resolve()
    phone = new_page(chromium, PHONE)
    desktop = new_page(chromium)
    kinds: set[str] = set()
    try:
        for path in site.pages():
            name = path.relative_to(site.folder).as_posix()
            desktop.goto(path.as_uri())
            for violation in axe(desktop):
                problems.append(f"{name} (1280 px): axe {violation}")
            phone.goto(path.as_uri())
            kind = name.split("/")[0] if "/" in name else name
            if kind not in kinds:
                kinds.add(kind)
                for violation in axe(phone):
                    problems.append(f"{name} (320 px): axe {violation}")
            if scrolls_sideways(phone):
                problems.append(f"{name}: rullar i sidled vid 320 px")
            ids = set(desktop.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)"))
            for href in links(desktop):
                parts = urlsplit(href)
                if parts.scheme != "file":
                    problems.append(f"{name}: länk utanför webbplatsen: {href}")
                    continue
                target = Path(unquote(parts.path))
                if not target.is_file() or not target.resolve().is_relative_to(root):
                    problems.append(f"{name}: trasig länk {href}")
                elif (
                    parts.fragment
                    and target.resolve() == path.resolve()
                    and parts.fragment not in ids
                ):
                    problems.append(f"{name}: ankaret #{parts.fragment} finns inte")
    finally:
        phone.close()
        desktop.close()
    return problems


def test_every_page_passes_axe_fits_a_phone_and_links_resolve(
    chromium: Any, shipped_site: Site
) -> None:
    assert len(shipped_site.pages()) > 80
    assert _check_site(chromium, shipped_site) == []


def test_agreement_paragraph_site_too(chromium: Any, agreement_site: Site) -> None:
    assert _check_site(chromium, agreement_site) == []


def test_follow_links_from_start_to_an_action_and_back(chromium: Any, shipped_site: Site) -> None:
    page = new_page(chromium, PHONE)
    try:
        page.goto((shipped_site.folder / "index.html").as_uri())

        def follow(name: str, within: str = "main") -> None:
            page.locator(within).get_by_role("link", name=name, exact=True).first.click()
            page.wait_for_load_state()

        def heading() -> str:
            return str(page.locator("h1").inner_text())

        follow("Verksamhetsplan 2025–2028")
        assert heading() == "Verksamhetsplan 2025–2028"
        follow("Krisberedskap och civilt försvar")
        assert heading() == "Krisberedskap och civilt försvar"
        assert page.get_by_role("heading", name="Aktiviteter som tjänar målet").count() == 1
        activity = REWORDED[1]  # the fixture's repository rewords it after the decision
        follow(activity)
        assert heading() == activity
        action = (
            "Genomföra samverkansövningar och utbildningar inom krisberedskap och förhöjd "
            "beredskap."
        )
        follow(action)
        assert heading() == action
        assert page.url.endswith("/atgarder/ledningsgruppen-2025/krisberedskap-ovningar.html")
        # back up the chain, by the links the action page gives
        chain = page.locator("ol.kedja-upp")
        assert chain.get_by_role("link", name="Krisberedskap och civilt försvar").count() == 1
        follow(activity, "ol.kedja-upp")
        assert page.url.endswith("/aktiviteter/2025/krisberedskap-samverkan.html")
        follow("Krisberedskap och civilt försvar", "dl.fakta")
        assert page.url.endswith("/mal/vp-2025-2028/krisberedskap.html")
        follow("Verksamhetsplan 2025–2028", "nav.smulor")
        assert heading() == "Verksamhetsplan 2025–2028"
        follow("Start", "nav.smulor")
        assert page.url.endswith("/index.html")
    finally:
        page.close()


def test_skip_link_and_visible_focus(chromium: Any, shipped_site: Site) -> None:
    page = new_page(chromium)
    try:
        page.goto(
            (shipped_site.folder / "atgarder/ledningsgruppen-2025/masskadehandelser.html").as_uri()
        )
        skip = page.locator("a.hoppa")
        assert skip.bounding_box()["y"] < 0  # out of sight until it has focus
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
        assert skip.bounding_box()["y"] >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "innehall"
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.tagName, getComputedStyle(document.activeElement)"
            ".backgroundColor, getComputedStyle(document.activeElement).outlineStyle]"
        )
        assert focused[0] == "A" and focused[1] == "rgb(255, 221, 0)" and focused[2] == "solid"
    finally:
        page.close()


def test_print_stylesheet_leaves_out_the_navigation(chromium: Any, shipped_site: Site) -> None:
    page = new_page(chromium)
    try:
        page.goto((shipped_site.folder / "status/index.html").as_uri())
        assert page.locator("nav.meny").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("nav.meny").is_visible()
        assert not page.locator("nav.smulor").is_visible()
        assert page.locator("main h1").is_visible()
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()


def test_tables_become_cards_on_a_phone(chromium: Any, shipped_site: Site) -> None:
    page = new_page(chromium, PHONE)
    try:
        page.goto((shipped_site.folder / "handlingsplaner/ledningsgruppen-2025.html").as_uri())
        cell = page.locator("table.flytande td[data-etikett='Status']").first
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"
        label = cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert label == '"Status: "'
        assert not scrolls_sideways(page)
    finally:
        page.close()
