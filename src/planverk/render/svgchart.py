"""The follow-up chart for the web: stacked horizontal bars as inline SVG in a <figure>.

Accessible by construction (WCAG 2.1 AA): the SVG is one image (``role="img"``) named by its
title and described by the same text alternative as the Word chart; every segment carries
its number (a data label) and a pattern of its own besides its colour, and the legend shows
both, so colour is never the only carrier; every colour has at least 3:1 contrast against
white (:data:`planverk.office.chart.COLOURS`); the numbers follow in a real table. No
script, no external file: the page stays one file.
"""

from __future__ import annotations

import re
from html import escape

from planverk.office.chart import COLOURS, OTHER_COLOUR, StackedBars

WIDTH = 720
LEFT = 8
RIGHT = 64  # room for the total after each bar
BAR = 26
GAP = 40  # between bars, room for the category name above each
LEGEND_ROW = 22

# A pattern per status, drawn over the colour in white: none, stripes, crossing lines,
# dots, horizontal lines. The legend shows the same pattern.
PATTERNS = {
    "grön": "",
    "gul": '<path d="M0,8 L8,0" stroke="#000" stroke-width="1.2" stroke-opacity="0.55"/>',
    "röd": '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#fff" stroke-width="1" stroke-opacity="0.6"/>',
    "avslutad": '<circle cx="4" cy="4" r="1.3" fill="#fff" fill-opacity="0.7"/>',
    "ej rapporterad": '<path d="M0,4 L8,4" stroke="#fff" stroke-width="1.2" stroke-opacity="0.6"/>',
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().translate(str.maketrans("åäö", "aao")))


def svg_figure(chart: StackedBars, prefix: str = "diagram") -> str:
    """The chart as a <figure>: SVG, caption and the data as a table."""
    ident = _slug(prefix).strip("-") or "diagram"
    largest = max((sum(row) for row in chart.values), default=0) or 1
    scale = (WIDTH - LEFT - RIGHT) / largest
    legend_top = 8
    per_row = 3
    legend_rows = (len(chart.series) + per_row - 1) // per_row
    top = legend_top + legend_rows * LEGEND_ROW + 16
    height = top + len(chart.categories) * (BAR + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{ident}-titel {ident}-beskrivning" '
        'font-family="Arial, Helvetica, sans-serif" font-size="14">',
        f'<title id="{ident}-titel">{escape(chart.title)}</title>',
        f'<desc id="{ident}-beskrivning">{escape(chart.description())}</desc>',
        "<defs>",
    ]
    for index, name in enumerate(chart.series):
        colour = COLOURS.get(name, OTHER_COLOUR)
        pattern = PATTERNS.get(name, "")
        parts.append(
            f'<pattern id="{ident}-m{index}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="#{colour}"/>{pattern}</pattern>'
        )
    parts.append("</defs>")
    # Legend: swatch with the pattern, then the status in words.
    for index, name in enumerate(chart.series):
        lx = LEFT + (index % per_row) * 230
        ly = legend_top + (index // per_row) * LEGEND_ROW
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="18" height="14" fill="url(#{ident}-m{index})" '
            f'stroke="#1a1a1a" stroke-width="1"/>'
            f'<text x="{lx + 24}" y="{ly + 12}" fill="#1a1a1a">{escape(name)}</text>'
        )
    for row, (category, values) in enumerate(zip(chart.categories, chart.values, strict=True)):
        y = top + row * (BAR + GAP)
        parts.append(
            f'<text x="{LEFT}" y="{y + 16}" fill="#1a1a1a" font-weight="bold">'
            f"{escape(category)}</text>"
        )
        bar_y = y + 22
        x = float(LEFT)
        for index, count in enumerate(values):
            if not count:
                continue
            width = count * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{width:.1f}" height="{BAR}" '
                f'fill="url(#{ident}-m{index})" stroke="#fff" stroke-width="1.5"/>'
            )
            label = str(count)
            box = 8 + 8 * len(label)
            if width >= box + 4:  # the number on a white tag, readable on any pattern
                cx = x + width / 2
                parts.append(
                    f'<rect x="{cx - box / 2:.1f}" y="{bar_y + 4}" width="{box}" '
                    f'height="{BAR - 8}" rx="3" fill="#fff"/>'
                    f'<text x="{cx:.1f}" y="{bar_y + BAR / 2 + 5:.1f}" text-anchor="middle" '
                    f'fill="#000" font-weight="bold">{label}</text>'
                )
            x += width
        parts.append(
            f'<text x="{x + 8:.1f}" y="{bar_y + BAR / 2 + 5:.1f}" fill="#1a1a1a">'
            f"{sum(values)}</text>"
        )
    parts.append("</svg>")
    header = "".join(f'<th scope="col">{escape(name.capitalize())}</th>' for name in chart.series)
    rows = "".join(
        f'<tr><th scope="row">{escape(category)}</th>'
        + "".join(f"<td>{n}</td>" for n in values)
        + f"<td>{sum(values)}</td></tr>"
        for category, values in zip(chart.categories, chart.values, strict=True)
    )
    table = (
        f"<details><summary>Diagrammets siffror som tabell</summary><table>"
        f"<caption>{escape(chart.title)}: antal åtgärder per status</caption>"
        f'<thead><tr><th scope="col">Fokusområde</th>{header}<th scope="col">Totalt</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></details>"
    )
    return (
        f'<figure class="diagram">{"".join(parts)}'
        f"<figcaption>{escape(chart.title)}: antal åtgärder per status och fokusområde. "
        "Siffran i varje fält är antalet åtgärder, summan står efter stapeln.</figcaption>"
        f"{table}</figure>"
    )


def markdown_table(chart: StackedBars) -> str:
    """The chart's numbers as a Markdown table, after its description."""
    cells = " | ".join(name.capitalize() for name in chart.series)
    lines = [
        f"*{_markdown_escape(chart.description())}*",
        "",
        f"| Fokusområde | {cells} | Totalt |",
        "|---|" + "---|" * (len(chart.series) + 1),
    ]
    for category, values in zip(chart.categories, chart.values, strict=True):
        numbers = " | ".join(str(n) for n in values)
        lines.append(f"| {_markdown_escape(category)} | {numbers} | {sum(values)} |")
    return "\n".join(lines) + "\n"


def _markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", text)
