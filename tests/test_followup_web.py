"""The follow-up report for the web: HTML with the chart as accessible SVG (figure, text
alternative, data table, data labels, patterns, contrast 3:1), checked with axe-core in
headless Chromium; and Markdown with the chart's numbers as a table."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from planverk.office.chart import COLOURS, OTHER_COLOUR
from tests.browser import axe, browser, new_page
from tests.conftest import cli
from tests.test_followup_render import contrast
from tests.test_status import STATUSES, _expected


def _render(shipped: Path, fmt: str) -> Path:
    out = shipped / "build" / f"uppfoljning.{fmt}"
    run = cli("render", "2025", "--kind", "uppfoljning", "-f", fmt, "-o", str(out))
    assert run.exit_code == 0, run.stdout + run.stderr
    return out


def test_every_status_colour_has_3_to_1_contrast_against_white() -> None:
    for name, colour in [*COLOURS.items(), ("annan", OTHER_COLOUR)]:
        assert contrast(colour, "FFFFFF") >= 3.0, name


def test_html_chart_is_a_figure_with_svg_text_alternative_and_table(shipped: Path) -> None:
    expected = _expected(shipped, 2025)
    page = lxml_html.fromstring(_render(shipped, "html").read_bytes())
    (figure,) = page.xpath("//figure")
    (svg,) = figure.xpath("./svg")
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    (title,) = svg.xpath(f".//title[@id='{title_id}']")
    (desc,) = svg.xpath(f".//desc[@id='{desc_id}']")
    assert title.text_content() == "Status per fokusområde 2025"
    assert "Utbildning och kompetensförsörjning: 1 röd, 1 ej rapporterad" in desc.text_content()
    assert figure.xpath("./figcaption")
    # Legend: every status in words, next to a swatch with its pattern.
    texts = [t.text_content() for t in svg.xpath(".//text")]
    for status in STATUSES:
        assert status in texts
    # Never colour alone: every status but the first has a pattern of its own over its colour.
    patterns = svg.xpath(".//pattern")
    assert len(patterns) == len(STATUSES)
    assert sum(1 for p in patterns if len(p) > 1) >= len(STATUSES) - 1
    fills = [p[0].get("fill").lstrip("#") for p in patterns]
    assert all(contrast(f, "FFFFFF") >= 3.0 for f in fills), fills
    # The data table holds every number, and the bars carry them as labels.
    (table,) = figure.xpath(".//table")
    header = [th.text_content() for th in table.xpath(".//thead//th")]
    assert header == ["Fokusområde", "Grön", "Gul", "Röd", "Avslutad", "Ej rapporterad", "Totalt"]
    rows = {
        tr.xpath("./th")[0].text_content(): [td.text_content() for td in tr.xpath("./td")]
        for tr in table.xpath(".//tbody/tr")
    }
    for area, counts in expected["by_area"].items():
        assert rows[area] == [str(counts[s]) for s in STATUSES] + [str(counts.total())]
    labels = [t.text_content() for t in svg.xpath(".//text[@font-weight='bold']")]
    drawn = [n for n in labels if n.isdigit()]
    assert sorted(drawn) == sorted(
        str(counts[s]) for counts in expected["by_area"].values() for s in STATUSES if counts[s]
    )


def test_html_of_the_follow_up_has_no_axe_violations(shipped: Path) -> None:
    page = _render(shipped, "html")
    ap = shipped / "build" / "ap.html"
    assert cli("render", "2025", "-f", "html", "-o", str(ap)).exit_code == 0
    with browser() as chromium:
        for path in (page, ap):
            tab = new_page(chromium)
            tab.goto(path.resolve().as_uri())
            assert axe(tab) == [], path
            tab.close()


def test_markdown_has_the_description_and_the_numbers_as_a_table(shipped: Path) -> None:
    text = _render(shipped, "md").read_text(encoding="utf-8")
    assert "*Liggande staplat stapeldiagram, status per fokusområde 2025" in text
    assert "| Fokusområde | Grön | Gul | Röd | Avslutad | Ej rapporterad | Totalt |" in text
    assert re.search(r"^\| Kunskapsstyrning \| 1 \| 1 \| 0 \| 0 \| 0 \| 2 \|$", text, re.M)
    assert "Läget den 31 augusti 2025, enligt senaste rapport" in text
