"""A region's Powerpointmall, made safe before python-pptx opens it.

A template is a file someone mailed the kansli, so it is read as hostile:

- not a zip, a zip bomb (too many entries, too many bytes unpacked, an absurd compression
  ratio), encrypted entries, a DTD in the package's XML: a Swedish error;
- a Word or Excel file, or no presentation at all: a Swedish error;
- .potx/.ppsx/.pptm/.potm: read as a presentation; **macros** (vbaProject.bin, the ribbon
  customisations that call them) are dropped and reported;
- **external relationships** (``TargetMode="External"``: links, linked pictures, sounds,
  videos) are dropped with what referred to them, and reported;
- the template's own slides, comments, thumbnail and custom properties are dropped: the
  output gets only its masters, layouts and theme;
- an embedded object or ActiveX control in a master or layout: a Swedish error (it cannot be
  dropped without breaking the layout, and could carry a macro document).

What is left is repacked as a plain .pptx that python-pptx opens. Parts nothing refers to any
more are left out, so a dropped macro is not even read by python-pptx.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import posixpath
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from planverk.office.package import FIXED_TIME, PackageError, why_unreadable

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PptxPresentation

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed, for entries over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"

PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
# .potx, .ppsx and the macro-enabled .pptm, .potm, .ppsm differ from a .pptx in the main
# part's content type; the macro-enabled ones may carry vbaProject.bin.
OTHER_MAINS = {
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": False,
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": False,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": True,
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": True,
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": True,
}
OTHER_OFFICE = {
    "wordprocessingml": "en Word-fil",
    "ms-word": "en Word-fil",
    "spreadsheetml": "en Excel-fil",
    "ms-excel": "en Excel-fil",
}
OFFICE_DOCUMENT = RT + "officeDocument"
# The package-level relationships kept: the presentation and its properties (replaced).
KEEP_AT_ROOT = frozenset({OFFICE_DOCUMENT, PKG_RT + "core-properties", RT + "extended-properties"})
MACRO_TYPES = frozenset(
    {
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature",
        "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
        "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
        "http://schemas.microsoft.com/office/2006/relationships/keyMapCustomizations",
    }
)
# Dropped from the presentation part: the template's slides and what only they need.
DROP_FROM_PRESENTATION = frozenset(
    {RT + "slide", RT + "commentAuthors", RT + "customXml", RT + "printerSettings"}
)
EMBEDDED_TYPES = frozenset(
    {RT + "oleObject", RT + "package", RT + "control", RT + "activeXControl"}
)
# Elements that only exist to point at a relationship: dropped with it.
LINK_ELEMENTS = frozenset(
    {"hlinkClick", "hlinkHover", "hlinkMouseOver", "snd", "videoFile", "audioFile",
     "quickTimeFile", "wavAudioFile"}
)  # fmt: skip
SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
HINT = "Spara mallen i PowerPoint som presentation (.pptx) eller mall (.potx)."


@dataclass(slots=True)
class Cleaned:
    """The template as a plain .pptx, and what was taken out of it."""

    data: bytes
    macros: list[str] = field(default_factory=list)  # part names of dropped macro parts
    links: list[str] = field(default_factory=list)  # targets of dropped external links


def _etree() -> Any:
    return importlib.import_module("lxml.etree")


def _parse(blob: bytes, name: str, display: str) -> Any:
    etree = _etree()
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as err:
        raise PackageError(
            f"powerpointmallen {display} är trasig: {name} är inte giltig XML ({err.msg})", HINT
        ) from None
    if root.getroottree().docinfo.doctype:
        raise PackageError(
            f"powerpointmallen {display} innehåller en DTD i {name}, vilket PowerPoint aldrig "
            "skriver",
            HINT,
        )
    return root


def xml_bytes(root: Any) -> bytes:
    data: bytes = _etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _read_entries(data: bytes, display: str) -> dict[str, bytes]:
    if len(data) > MAX_FILE_BYTES:
        raise PackageError(
            f"powerpointmallen {display} är större än {MAX_FILE_BYTES // (1024 * 1024)} MB",
            "Minska bilderna i mallen eller ta bort dess bilder (bara layouterna används).",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageError(
            f"powerpointmallen {display} är inte en PowerPoint-fil (inte ett zip-arkiv)", HINT
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise PackageError(
                f"powerpointmallen {display} har {len(infos)} delar; en presentation har sällan "
                f"fler än några hundra (högst {MAX_ENTRIES})",
                HINT,
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            raise PackageError(
                f"powerpointmallen {display} blir {total // (1024 * 1024)} MB uppackad "
                f"(högst {MAX_UNPACKED_BYTES // (1024 * 1024)} MB): den ser ut som en zipbomb",
                HINT,
            )
        seen: set[str] = set()
        entries: dict[str, bytes] = {}
        for info in infos:
            name = info.filename
            if info.flag_bits & 0x1:
                raise PackageError(f"powerpointmallen {display} är krypterad", HINT)
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise PackageError(
                    f"powerpointmallen {display}: {name} packas upp {info.file_size} byte ur "
                    f"{info.compress_size}; det ser ut som en zipbomb",
                    HINT,
                )
            key = name.casefold()
            if key in seen:
                raise PackageError(f"powerpointmallen {display} har delen {name} två gånger", HINT)
            seen.add(key)
            if name.endswith("/"):
                continue
            try:
                with archive.open(info) as stream:
                    blob = stream.read(info.file_size + 1)
            except (
                zipfile.BadZipFile,
                OSError,
                RuntimeError,
                NotImplementedError,
                EOFError,
            ) as err:
                raise PackageError(
                    f"powerpointmallen {display}: {name} kan inte packas upp "
                    f"({why_unreadable(err)})",
                    HINT,
                ) from None
            if len(blob) > info.file_size:  # pragma: no cover - zipfile stops at file_size
                raise PackageError(f"powerpointmallen {display}: {name} är större än angivet", HINT)
            entries[name] = blob
    return entries


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _source_of(rels: str) -> str:
    """The part a .rels file belongs to ('' for the package)."""
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels")).lstrip("/")


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _main_part(entries: dict[str, bytes], display: str) -> tuple[str, Any]:
    if CONTENT_TYPES not in entries or PACKAGE_RELS not in entries:
        raise PackageError(
            f"powerpointmallen {display} är inte en PowerPoint-fil (saknar {CONTENT_TYPES})",
            HINT,
        )
    rels = _parse(entries[PACKAGE_RELS], PACKAGE_RELS, display)
    main = next(
        (
            _target("", rel.get("Target", ""))
            for rel in rels.iter(f"{{{REL_NS}}}Relationship")
            if rel.get("Type") == OFFICE_DOCUMENT and rel.get("TargetMode") != "External"
        ),
        None,
    )
    types = _parse(entries[CONTENT_TYPES], CONTENT_TYPES, display)
    if main is None or main not in entries:
        raise PackageError(
            f"powerpointmallen {display} är inte en PowerPoint-fil (inget huvuddokument)", HINT
        )
    return main, types


def _set_main_type(types: Any, main: str, display: str) -> bool:
    """Make the main part a presentation's; True when it was macro-enabled."""
    for override in types.iter(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").lstrip("/").casefold() != main.casefold():
            continue
        kind = override.get("ContentType", "")
        if kind == PRESENTATION_MAIN:
            return False
        if kind in OTHER_MAINS:
            override.set("ContentType", PRESENTATION_MAIN)
            return OTHER_MAINS[kind]
        other = next((name for key, name in OTHER_OFFICE.items() if key in kind), None)
        raise PackageError(
            f"powerpointmallen {display} är {other or 'inte en PowerPoint-fil'}"
            + ("" if other is None else ", inte en PowerPoint-fil"),
            HINT,
        )
    raise PackageError(
        f"powerpointmallen {display} är inte en PowerPoint-fil (huvuddokumentet har ingen typ)",
        HINT,
    )


def _drop_references(root: Any, removed: set[str]) -> None:
    """Remove what refers to dropped relationships: link elements whole, else the attribute."""
    doomed: list[Any] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in list(element.attrib.items()):
            if attribute.startswith(f"{{{R_NS}}}") and value in removed:
                local = element.tag.rpartition("}")[2]
                if local in LINK_ELEMENTS:
                    doomed.append(element)
                    break
                del element.attrib[attribute]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _clean_presentation(root: Any) -> None:
    """No slides, custom shows or sections of the template's own slides."""
    for tag in ("sldIdLst", "custShowLst"):
        for element in root.findall(f"{{{P_NS}}}{tag}"):
            root.remove(element)
    ext_list = root.find(f"{{{P_NS}}}extLst")
    if ext_list is not None:
        for ext in list(ext_list):
            if ext.get("uri") == SECTIONS_EXT:
                ext_list.remove(ext)


def clean_template(data: bytes, display: str) -> Cleaned:
    """The Powerpointmall as a plain, safe .pptx; raises PackageError (in Swedish)."""
    entries = _read_entries(data, display)
    main, types = _main_part(entries, display)
    macro_enabled = _set_main_type(types, main, display)
    cleaned = Cleaned(b"")
    kept_rels: dict[str, list[tuple[str, str]]] = {}  # part -> [(type, target part)]
    rewritten: dict[str, bytes] = {}
    removed_ids: dict[str, set[str]] = {}
    for name in list(entries):
        if not name.endswith(".rels") or "/_rels/" not in f"/{name}":
            continue
        source = _source_of(name)
        if source and source not in entries:
            continue
        root = _parse(entries[name], name, display)
        targets: list[tuple[str, str]] = []
        for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            drop = False
            if rel.get("TargetMode") == "External":
                cleaned.links.append(target)
                drop = True
            elif kind in MACRO_TYPES:
                cleaned.macros.append(_target(source, target))
                drop = True
            elif (source == "" and kind not in KEEP_AT_ROOT) or (
                source == main and kind in DROP_FROM_PRESENTATION
            ):
                drop = True
            elif kind in EMBEDDED_TYPES and source.startswith(
                ("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/notesMasters/")
            ):
                raise PackageError(
                    f"powerpointmallen {display} har ett inbäddat objekt eller en ActiveX-kontroll "
                    f"i {source}",
                    "Ta bort objektet ur bildbakgrunden eller layouten i PowerPoint och spara "
                    "mallen på nytt.",
                )
            if drop:
                removed_ids.setdefault(source, set()).add(rel.get("Id", ""))
                root.remove(rel)
            else:
                targets.append((kind, _target(source, target)))
        kept_rels[source] = targets
        rewritten[name] = xml_bytes(root)
    if macro_enabled and not cleaned.macros and any("vbaproject" in n.casefold() for n in entries):
        cleaned.macros.extend(n for n in entries if "vbaproject" in n.casefold())
    presentation = _parse(entries[main], main, display)
    _clean_presentation(presentation)
    if main in removed_ids:
        _drop_references(presentation, removed_ids.pop(main))
    rewritten[main] = xml_bytes(presentation)
    for source, ids in removed_ids.items():
        if source and source in entries and source.endswith(".xml"):
            root = _parse(entries[source], source, display)
            _drop_references(root, ids)
            rewritten[source] = xml_bytes(root)
    rewritten[CONTENT_TYPES] = xml_bytes(types)
    reachable = _reachable(kept_rels, main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in entries.items():
            part = _source_of(name) if name.endswith(".rels") else name
            if name != CONTENT_TYPES and part not in reachable:
                continue
            target.writestr(name, rewritten.get(name, blob))
    cleaned.data = out.getvalue()
    return cleaned


def _reachable(rels: dict[str, list[tuple[str, str]]], main: str) -> set[str]:
    """The parts reachable from the package's relationships ('' is the package)."""
    seen = {""}
    todo = [""]
    while todo:
        part = todo.pop()
        for _kind, target in rels.get(part, []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    seen.add(main)
    return seen


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>planverk</Application><Slides>{slides}</Slides></Properties>"
)


@dataclass(frozen=True, slots=True)
class Properties:
    """The core properties a saved presentation gets (and nothing from the template's)."""

    title: str
    subject: str
    author: str
    moment: dt.datetime
    language: str = "sv-SE"
    keywords: str = ""


SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_DECL = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{R_NS}" xmlns:p="{P_NS}"'
)
SLIDE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<p:sld {NS_DECL}><p:cSld><p:spTree><p:nvGrpSpPr>"
    '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
    '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
    "</a:xfrm></p:grpSpPr>{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
    "</p:clrMapOvr></p:sld>"
)
# p:presentation's children after p:sldIdLst, in schema order.
AFTER_SLIDE_LIST = (
    "sldSz", "notesSz", "smartTags", "embeddedFontLst", "custShowLst", "photoAlbum",
    "custDataLst", "kinsoku", "defaultTextStyle", "modifyVerifier", "extLst",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SlideXml:
    """One slide: the part name of its layout (ppt/slideLayouts/…) and the DrawingML of its
    shapes (ids from 2; the slide's group shape has id 1)."""

    layout: str
    shapes: str


def save(
    presentation: PptxPresentation,
    props: Properties,
    slides: Sequence[SlideXml] = (),
    replaced: Mapping[str, bytes] | None = None,
) -> bytes:
    """The presentation as .pptx bytes with ``slides`` added: the core properties set, the
    template's extended properties (application, slide titles, company) replaced, and the zip
    packed with fixed times, so equal input gives equal bytes.

    The slides are added to the saved package directly: python-pptx's ``add_slide`` looks
    through every slide relationship so far, which makes a long deck quadratic. The core
    properties are written whole (nothing of the template's survives), and ``replaced``
    gives other parts (by zip entry name) their bytes."""
    _ = presentation.core_properties  # python-pptx adds the part when the template has none
    out = io.BytesIO()
    presentation.save(out)
    return _with_slides(out.getvalue(), slides, props, dict(replaced or {}))


def core_xml(props: Properties) -> bytes:
    """docProps/core.xml with exactly these properties (revision 1, equal dates)."""
    stamp = props.moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = (
        ("dc:title", props.title),
        ("dc:subject", props.subject),
        ("dc:creator", props.author),
        ("cp:keywords", props.keywords),
        ("cp:lastModifiedBy", props.author),
        ("dc:language", props.language),
    )
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields if value)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<cp:coreProperties xmlns:cp="{CP_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        f'XMLSchema-instance">{body}<cp:revision>1</cp:revision>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _with_slides(
    data: bytes, slides: Sequence[SlideXml], props: Properties, replaced: dict[str, bytes]
) -> bytes:
    etree = _etree()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    package_rels = etree.fromstring(entries[PACKAGE_RELS])
    main = app = None
    for rel in package_rels.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == OFFICE_DOCUMENT:
            main = _target("", rel.get("Target", ""))
        elif rel.get("Type") == RT + "extended-properties":
            app = _target("", rel.get("Target", ""))
        elif rel.get("Type") == CORE_PROPERTIES:
            replaced[_target("", rel.get("Target", ""))] = core_xml(props)
    assert main is not None  # python-pptx always writes one
    folder = posixpath.dirname(main)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    rels = etree.fromstring(entries[rels_name])
    used = [
        int(rid[3:])
        for rel in rels.iter(f"{{{REL_NS}}}Relationship")
        if (rid := rel.get("Id", "")).startswith("rId") and rid[3:].isdigit()
    ]
    next_id = max(used, default=0) + 1
    presentation = etree.fromstring(entries[main])
    for old in presentation.findall(f"{{{P_NS}}}sldIdLst"):
        presentation.remove(old)
    slide_list = etree.Element(f"{{{P_NS}}}sldIdLst")
    types = etree.fromstring(entries[CONTENT_TYPES])
    added: dict[str, bytes] = {}
    for number, slide in enumerate(slides, 1):
        name = posixpath.join(folder, "slides", f"slide{number}.xml")
        rid = f"rId{next_id + number - 1}"
        etree.SubElement(
            rels,
            f"{{{REL_NS}}}Relationship",
            {"Id": rid, "Type": RT + "slide", "Target": f"slides/slide{number}.xml"},
        )
        entry = etree.SubElement(slide_list, f"{{{P_NS}}}sldId", {"id": str(255 + number)})
        entry.set(f"{{{R_NS}}}id", rid)
        etree.SubElement(
            types, f"{{{CT_NS}}}Override", {"PartName": f"/{name}", "ContentType": SLIDE_TYPE}
        )
        layout = posixpath.relpath(slide.layout.lstrip("/"), posixpath.dirname(name))
        added[name] = SLIDE_XML.format(shapes=slide.shapes).encode("utf-8")
        added[_rels_name(name)] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
            f'Type="{RT}slideLayout" Target="{layout}"/></Relationships>'
        ).encode()
    if slides:
        anchor = next(
            (
                child
                for child in presentation
                if isinstance(child.tag, str) and child.tag.rpartition("}")[2] in AFTER_SLIDE_LIST
            ),
            None,
        )
        if anchor is None:
            presentation.append(slide_list)
        else:
            anchor.addprevious(slide_list)
    entries[main] = xml_bytes(presentation)
    entries[rels_name] = xml_bytes(rels)
    entries[CONTENT_TYPES] = xml_bytes(types)
    if app is not None and app in entries:
        entries[app] = APP_XML.format(slides=len(slides)).encode("utf-8")
    for name, blob in replaced.items():
        entries[name.lstrip("/")] = blob
    # Written once, as office.package.repack writes: fixed times and attributes, so equal
    # input gives equal bytes; [Content_Types].xml first, as Office writes it.
    items = [*entries.items(), *added.items()]
    items.sort(key=lambda item: item[0] != CONTENT_TYPES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name, blob in items:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, blob, compresslevel=6)
    return out.getvalue()
