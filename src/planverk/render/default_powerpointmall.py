"""planverk's own Powerpointmall, built with python-pptx: 16:9, Swedish, Arial, three layouts
(Rubrikbild, Rubrik och innehåll, Endast rubrik) and nothing else.

The region's communicator replaces it with the region's .pptx/.potx (``powerpointmall:`` in
plans/planverk.yaml, or ``--powerpointmall``). Regenerate the shipped copy with::

    python -m planverk.render.default_powerpointmall templates/powerpointmall.pptx
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planverk.office.pptx import Properties, save, xml_bytes

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PptxPresentation

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EMU_PER_INCH = 914400
WIDTH, HEIGHT = 12192000, 6858000  # 13.333 × 7.5 in, PowerPoint's 16:9
FONT = "Arial"
TITLE_COLOR = "1F3864"  # as the dokumentmall's headings; contrast 12:1 on white
SUBTITLE_COLOR = "404040"
# python-pptx's default template: 0 Title Slide, 1 Title and Content, 5 Title Only.
KEEP = {0: "Rubrikbild", 1: "Rubrik och innehåll", 5: "Endast rubrik"}
PROMPTS = {
    "Click to edit Master title style": "Klicka här för att ändra format på rubrik",
    "Click to edit Master subtitle style": "Klicka här för att ändra format på underrubrik",
    "Click to edit Master text styles": "Klicka här för att ändra format på texten",
    "Second level": "Nivå två",
    "Third level": "Nivå tre",
    "Fourth level": "Nivå fyra",
    "Fifth level": "Nivå fem",
}


def _in(value: float) -> int:
    return round(value * EMU_PER_INCH)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _place(element: Any, x: float, y: float, w: float, h: float) -> None:
    """Give a placeholder shape an explicit position (inches)."""
    from pptx.oxml import parse_xml

    sp_pr = element.find(_q(P, "spPr"))
    for old in sp_pr.findall(_q(A, "xfrm")):
        sp_pr.remove(old)
    sp_pr.insert(
        0,
        parse_xml(
            f'<a:xfrm xmlns:a="{A}"><a:off x="{_in(x)}" y="{_in(y)}"/>'
            f'<a:ext cx="{_in(w)}" cy="{_in(h)}"/></a:xfrm>'
        ),
    )


def _placeholders(tree: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for sp in tree.iter(_q(P, "sp")):
        ph = sp.find(f"{_q(P, 'nvSpPr')}/{_q(P, 'nvPr')}/{_q(P, 'ph')}")
        if ph is not None:
            found.setdefault(ph.get("type", "body"), sp)
    return found


def _scale_x(tree: Any, factor: float) -> None:
    for xfrm in tree.iter(_q(A, "xfrm")):
        off, ext = xfrm.find(_q(A, "off")), xfrm.find(_q(A, "ext"))
        if off is not None:
            off.set("x", str(round(int(off.get("x", "0")) * factor)))
        if ext is not None:
            ext.set("cx", str(round(int(ext.get("cx", "0")) * factor)))


def _swedish(tree: Any) -> None:
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("lang") == "en-US":
            element.set("lang", "sv-SE")
        if element.tag == _q(A, "t") and element.text in PROMPTS:
            element.text = PROMPTS[element.text]


def _level_size(style: Any, sizes: dict[int, int], color: str | None = None) -> None:
    from pptx.oxml import parse_xml

    for level, size in sizes.items():
        ppr = style.find(_q(A, f"lvl{level}pPr"))
        if ppr is None:
            continue
        rpr = ppr.find(_q(A, "defRPr"))
        rpr.set("sz", str(size))
        if color is not None:
            for fill in rpr.findall(_q(A, "solidFill")):
                rpr.remove(fill)
            rpr.insert(
                0,
                parse_xml(f'<a:solidFill xmlns:a="{A}"><a:srgbClr val="{color}"/></a:solidFill>'),
            )


def _master(presentation: PptxPresentation) -> None:
    master = presentation.slide_master
    tree = master.element
    _scale_x(tree, WIDTH / 9144000)
    shapes = _placeholders(tree)
    _place(shapes["title"], 0.5, 0.3, 12.333, 0.9)
    _place(shapes["body"], 0.5, 1.35, 12.333, 5.45)
    styles = tree.find(_q(P, "txStyles"))
    title_style = styles.find(_q(P, "titleStyle"))
    title_style.find(_q(A, "lvl1pPr")).set("algn", "l")
    _level_size(title_style, {1: 2800}, TITLE_COLOR)
    _level_size(
        styles.find(_q(P, "bodyStyle")), {1: 2000, 2: 1800, **dict.fromkeys(range(3, 10), 1600)}
    )
    _swedish(tree)


def _layouts(presentation: PptxPresentation) -> None:
    from pptx.oxml import parse_xml

    layouts = presentation.slide_master.slide_layouts
    for index, layout in reversed(list(enumerate(layouts))):
        if index not in KEEP:
            layouts.remove(layout)
            continue
        tree = layout.element
        tree.find(_q(P, "cSld")).set("name", KEEP[index])
        _scale_x(tree, WIDTH / 9144000)
        _swedish(tree)
        if index != 0:
            continue
        shapes = _placeholders(tree)
        _place(shapes["ctrTitle"], 1.0, 2.0, 11.333, 1.6)
        _place(shapes["subTitle"], 1.0, 3.8, 11.333, 2.2)
        for kind, size, color in (("ctrTitle", 3600, TITLE_COLOR), ("subTitle", 2000, None)):
            body = shapes[kind].find(_q(P, "txBody"))
            old = body.find(_q(A, "lstStyle"))
            body.remove(old)
            fill = f'<a:solidFill><a:srgbClr val="{color or SUBTITLE_COLOR}"/></a:solidFill>'
            body.insert(
                1,
                parse_xml(
                    f'<a:lstStyle xmlns:a="{A}"><a:lvl1pPr marL="0" indent="0" algn="l">'
                    f'<a:buNone/><a:defRPr sz="{size}">{fill}</a:defRPr></a:lvl1pPr></a:lstStyle>'
                ),
            )


def _theme(presentation: PptxPresentation) -> tuple[str, bytes]:
    """The master's theme part name and its bytes in planverk's font."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    part = presentation.slide_master.part.part_related_by(RT.THEME)
    root = parse_xml(part.blob)
    root.set("name", "planverk")
    for group in ("majorFont", "minorFont"):
        latin = root.find(f".//{_q(A, group)}/{_q(A, 'latin')}")
        latin.set("typeface", FONT)
    return str(part.partname), xml_bytes(root)


@functools.lru_cache(maxsize=1)
def build() -> bytes:
    """The default Powerpointmall as .pptx bytes (the same bytes every time)."""
    import io

    import pptx

    from planverk.office.pptx import clean_template

    # python-pptx's own template, without its thumbnail and printer settings.
    default = Path(pptx.__file__).parent / "templates" / "default.pptx"
    presentation = pptx.Presentation(
        io.BytesIO(clean_template(default.read_bytes(), "python-pptx").data)
    )
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT  # type: ignore[assignment]
    size = presentation.element.find(_q(P, "sldSz"))
    if "type" in size.attrib:
        del size.attrib["type"]
    _master(presentation)
    _layouts(presentation)
    theme = _theme(presentation)
    props = Properties(
        "Powerpointmall för planverk",
        "Byt mot regionens egen Powerpointmall (.pptx eller .potx).",
        "planverk",
        dt.datetime(2025, 1, 1),
    )
    return save(presentation, props, replaced=dict([theme]))


def main(argv: list[str]) -> int:
    """Write the default Powerpointmall to the path given (default templates/...pptx)."""
    target = Path(argv[0] if argv else "templates/powerpointmall.pptx")
    from planverk.core.atomic import write_atomic

    write_atomic(target, build())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
