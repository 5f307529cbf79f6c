"""The fonts a .docx is set in, and which of them LibreOffice would have to replace here.

LibreOffice lays a document out with the fonts this machine has. Where the dokumentmall names
a font that is missing, fontconfig picks another one, usually wider (DejaVu Sans for Arial),
and the pages LibreOffice counts for the table of contents and the PDF are then not the pages
Word shows. A font with the same advance widths (Liberation Sans for Arial, Carlito for
Calibri) gives the same line breaks, so it counts as the font itself.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable

# Fonts metric-compatible with the ones Word documents name (same advance widths).
METRIC_TWINS: dict[str, frozenset[str]] = {
    "arial": frozenset({"liberation sans", "arimo"}),
    "helvetica": frozenset({"liberation sans", "arimo", "nimbus sans"}),
    "times new roman": frozenset({"liberation serif", "tinos"}),
    "times": frozenset({"liberation serif", "tinos", "nimbus roman"}),
    "courier new": frozenset({"liberation mono", "cousine"}),
    "courier": frozenset({"liberation mono", "cousine", "nimbus mono ps"}),
    "calibri": frozenset({"carlito"}),
    "cambria": frozenset({"caladea"}),
}
_STYLES, _DOCUMENT, _THEME = "word/styles.xml", "word/document.xml", "word/theme/theme1.xml"
_ASCII = re.compile(rb'<w:rFonts\b[^>]*?\bw:ascii="([^"]+)"')
_ASCII_THEME = re.compile(rb'<w:rFonts\b[^>]*?\bw:asciiTheme="(major|minor)')
_THEME_FONT = re.compile(rb"<a:(major|minor)Font>\s*<a:latin\b[^>]*?\btypeface=\"([^\"]*)\"")
_STYLE = re.compile(rb"<w:style\b[^>]*?\bw:styleId=\"([^\"]+)\"[^>]*>(.*?)</w:style>", re.S)
_BASED_ON = re.compile(rb'<w:basedOn\b[^>]*?\bw:val="([^"]+)"')
_USED_STYLE = re.compile(rb'<w:(pStyle|rStyle|tblStyle)\b[^>]*?\bw:val="([^"]+)"')
_DEFAULTS = re.compile(rb"<w:docDefaults>(.*?)</w:docDefaults>", re.S)


def document_fonts(docx: bytes) -> list[str]:
    """The fonts the text of ``docx`` is set in: the defaults, the styles the body uses (and
    the styles they are based on) and fonts set directly in the body, in order of first use."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = set(package.namelist())

        def read(name: str) -> bytes:
            return package.read(name) if name in names else b""

        styles, body, theme = read(_STYLES), read(_DOCUMENT), read(_THEME)
    themed = {kind.decode(): face.decode() for kind, face in _THEME_FONT.findall(theme)}

    def faces(xml: bytes) -> list[str]:
        named = [f.decode() for f in _ASCII.findall(xml)]
        named += [themed[k.decode()] for k in _ASCII_THEME.findall(xml) if k.decode() in themed]
        return [f for f in named if f]

    defaults = _DEFAULTS.search(styles)
    default_faces = faces(defaults.group(1)) if defaults else []
    by_id = {sid: (xml, _BASED_ON.search(xml)) for sid, xml in _STYLE.findall(styles)}
    found: list[str] = []
    used = [(b"pStyle", b"Normal"), *dict.fromkeys(_USED_STYLE.findall(body))]
    for kind, style in used:
        # A paragraph style's font is its own, else its base's, else the document default's;
        # a table or character style without a font of its own leaves the text to the
        # paragraph's.
        effective: list[str] = default_faces if kind == b"pStyle" else []
        seen: set[bytes] = set()
        while style in by_id and style not in seen:
            seen.add(style)
            xml, based_on = by_id[style]
            own = faces(xml)
            if own:
                effective = own
                break
            if based_on is None:
                break
            style = based_on.group(1)
        found.extend(f for f in effective if f not in found)
    found.extend(f for f in faces(body) if f not in found)
    return found


def substituted(fonts: Iterable[str]) -> dict[str, str]:
    """Font → the font fontconfig gives LibreOffice instead, for each font this machine lacks
    (a metric twin counts as the font). Empty where fontconfig's ``fc-match`` is missing."""
    program = shutil.which("fc-match")
    if program is None:
        return {}
    replaced: dict[str, str] = {}
    for font in fonts:
        try:
            done = subprocess.run(
                [program, "-f", "%{family}", font],
                capture_output=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        given = done.stdout.decode("utf-8", "replace").split(",")[0].strip()
        if done.returncode or not given:
            continue
        if given.casefold() == font.casefold():
            continue
        if given.casefold() in METRIC_TWINS.get(font.casefold(), frozenset()):
            continue
        replaced[font] = given
    return replaced
