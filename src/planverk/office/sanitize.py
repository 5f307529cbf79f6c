"""No published Office file fetches from the network or carries macros.

A region's dokumentmall (a .docx, .dotx, or a macro-enabled .dotm/.docm someone saved) can
hold things that act when the document is opened: a VBA project, ActiveX controls, OLE
objects, a toolbar or key-map customisation that runs macros, and relationships to the
outside (``TargetMode="External"``): an attached template or a picture on a web server, a
linked OLE object, a mail-merge data source, a subdocument, a link to a ``file://`` or UNC
path (which Windows follows to send the user's credentials). :func:`sanitize` takes all of
those out of the package, with the parts, their relationships, the elements that refer to
them and their content types, and says what it took; a web or e-mail hyperlink stays. A
field that fetches from outside when the document is opened or updated (``DDEAUTO``,
``INCLUDETEXT``, ...) cannot be taken out without changing the text around it, so such a
file is refused.

The same function serves every Office format planverk writes (Word now; slides and
workbooks are zip packages with the same relationships).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from planverk.office.package import CONTENT_TYPES, PackageError

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

MAX_UNPACKED = 256 * 1024 * 1024  # bytes of all parts together (a zip bomb is refused)
MAX_PARTS = 10_000

# Parts that run code or are code, by content type (and by name, for a package whose
# content types were edited to hide them).
_ACTIVE_TYPES = {
    "application/vnd.ms-office.vbaproject": "makron (VBA-projekt)",
    "application/vnd.ms-office.vbaprojectsignature": "makronas signatur",
    "application/vnd.ms-word.vbadata+xml": "makrodata",
    "application/vnd.ms-office.activex+xml": "ActiveX-kontroller",
    "application/vnd.ms-office.activex": "ActiveX-kontroller",
    "application/vnd.openxmlformats-officedocument.oleobject": "inbäddade OLE-objekt",
    "application/vnd.ms-word.keymapcustomizations+xml": "kortkommandon som kör makron",
    "application/vnd.ms-word.attachedtoolbars": "verktygsfält som kör makron",
    "application/vnd.ms-excel.sheet.macroenabled.12": "ett inbäddat kalkylblad med makron",
    "application/vnd.ms-word.document.macroenabled.12": "ett inbäddat dokument med makron",
}
_ACTIVE_NAMES = (
    (re.compile(r"(^|/)vbaProject(Signature)?\.bin$", re.IGNORECASE), "makron (VBA-projekt)"),
    (re.compile(r"(^|/)vbaData\.xml$", re.IGNORECASE), "makrodata"),
    (re.compile(r"(^|/)activeX/", re.IGNORECASE), "ActiveX-kontroller"),
    (re.compile(r"(^|/)embeddings/oleObject[^/]*$", re.IGNORECASE), "inbäddade OLE-objekt"),
    (re.compile(r"(^|/)embeddings/[^/]*\.(xlsm|docm|pptm|bin)$", re.IGNORECASE), "inbäddat"),
    (re.compile(r"(^|/)customizations\.xml$", re.IGNORECASE), "kortkommandon som kör makron"),
    (re.compile(r"(^|/)attachedToolbars\.bin$", re.IGNORECASE), "verktygsfält som kör makron"),
)
# Relationship types that refer to such parts, or to the outside, whatever their target.
_ACTIVE_RELATIONS = (
    "vbaProject",
    "vbaProjectSignature",
    "wordVbaData",
    "/control",
    "activeXControlBinary",
    "/oleObject",
    "keyMapCustomizations",
    "attachedToolbars",
    "/attachedTemplate",
    "/subDocument",
    "/frame",
    "mailMergeSource",
    "mailMergeHeaderSource",
    "mailMergeRecipientData",
)
_RELATION_WORDS = {
    "attachedTemplate": "en kopplad dokumentmall som Word hämtar",
    "image": "en bild som hämtas utifrån",
    "hyperlink": "en länk",
    "oleObject": "ett länkat OLE-objekt",
    "subDocument": "ett underdokument",
    "frame": "en ram som hämtas utifrån",
    "mailMergeSource": "datakällan för en dokumentkoppling",
    "mailMergeHeaderSource": "datakällan för en dokumentkoppling",
}
_SAFE_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# Elements that only lose the attribute that points at a removed relationship: the text of
# a hyperlink stays, a picture keeps its place (without the outside image).
_KEEP_ELEMENT = {"hyperlink", "blip", "imagedata", "fill", "stroke"}
# Fields that fetch from outside when the document is opened or its fields are updated.
_FETCHING_FIELD = re.compile(
    r"^\s*(DDEAUTO|DDE|INCLUDETEXT|INCLUDEPICTURE|INCLUDE|IMPORT|LINK|DATABASE)\b",
    re.IGNORECASE,
)


class UnsafePackage(PackageError):
    """An Office file with something that cannot be taken out safely."""


@dataclass(frozen=True, slots=True)
class Stripped:
    """One thing taken out: where it was and what it was, in Swedish."""

    part: str
    what: str


@dataclass(slots=True)
class Sanitized:
    data: bytes
    stripped: list[Stripped] = field(default_factory=list)


def _etree() -> Any:
    """lxml.etree (python-docx's XML library; it has no type stubs)."""
    import importlib

    return importlib.import_module("lxml.etree")


def _parser() -> Any:
    return _etree().XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def _parse(data: bytes, part: str, display: str) -> Any:
    etree = _etree()
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        raise PackageError(
            f"{display}: delen {part} är ingen giltig XML",
            "Öppna filen i Word och spara den igen som .docx eller .dotx.",
        ) from None


def _tostring(root: Any) -> bytes:
    result: bytes = _etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return result


def _source_of(rels_name: str) -> str:
    """The part a relationships file belongs to (``word/_rels/document.xml.rels`` ->
    ``word/document.xml``; ``_rels/.rels`` -> the package, "")."""
    folder, name = posixpath.split(rels_name)
    base = posixpath.dirname(folder)
    return posixpath.join(base, name.removesuffix(".rels")) if name != ".rels" else ""


def _target_part(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _active_part(name: str, content_type: str | None) -> str | None:
    if content_type is not None and content_type.lower() in _ACTIVE_TYPES:
        return _ACTIVE_TYPES[content_type.lower()]
    for pattern, what in _ACTIVE_NAMES:
        if pattern.search(name):
            return what
    return None


def _relation_word(kind: str) -> str:
    short = kind.rsplit("/", 1)[-1]
    return _RELATION_WORDS.get(short, f"en extern relation ({short})")


def sanitize(data: bytes, display: str) -> Sanitized:
    """``data`` (an Office zip package) without macros, active content and links to the
    outside; what was taken out. Raises PackageError (not an Office file, too large) or
    UnsafePackage (a field that fetches from outside)."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError(
            f"{display} är ingen Office-fil (inget zip-paket)",
            "Ange en .docx eller .dotx sparad från Word.",
        ) from None
    with source:
        infos = source.infolist()
        if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise PackageError(
                f"{display} är för stor uppackad (mer än {MAX_UNPACKED // 2**20} MB eller "
                f"{MAX_PARTS} delar)",
                "Ange regionens vanliga dokumentmall; en mall är sällan större än några MB.",
            )
        names = [i.filename for i in infos]
        if CONTENT_TYPES not in names:
            raise PackageError(
                f"{display} är ingen Office-fil", "Ange en .docx eller .dotx sparad från Word."
            )
        try:
            parts = {name: source.read(name) for name in names}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            raise PackageError(
                f"{display} går inte att packa upp ({type(err).__name__})",
                "Öppna filen i Word och spara den igen.",
            ) from None
    cleaned = _Sanitizer(parts, names, display).run()
    return cleaned if cleaned.stripped else Sanitized(data, [])


class _Sanitizer:
    def __init__(self, parts: dict[str, bytes], order: list[str], display: str) -> None:
        self.parts = parts
        self.order = order
        self.display = display
        self.stripped: list[Stripped] = []
        self.changed = False
        self.types = _parse(parts[CONTENT_TYPES], CONTENT_TYPES, display)
        self.overrides = {
            el.get("PartName", "").lstrip("/"): el
            for el in self.types
            if el.tag == f"{{{CT_NS}}}Override"
        }
        self.defaults = {
            el.get("Extension", "").lower(): el
            for el in self.types
            if el.tag == f"{{{CT_NS}}}Default"
        }

    def content_type(self, name: str) -> str | None:
        override = self.overrides.get(name)
        if override is not None:
            return str(override.get("ContentType", ""))
        default = self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())
        return None if default is None else str(default.get("ContentType", ""))

    def run(self) -> Sanitized:
        self._refuse_fetching_fields()
        removed = self._remove_active_parts()
        self._remove_relationships(removed)
        self._remove_settings()
        if not self.changed:
            return Sanitized(b"", [])
        for name in removed:
            override = self.overrides.get(name)
            if override is not None:
                self.types.remove(override)
        remaining = {posixpath.splitext(n)[1].lstrip(".").lower() for n in self.parts}
        for extension, element in self.defaults.items():
            kind = str(element.get("ContentType", "")).lower()
            if kind in _ACTIVE_TYPES and extension not in remaining:
                self.types.remove(element)
        self.parts[CONTENT_TYPES] = _tostring(self.types)
        order = [name for name in self.order if name in self.parts]
        return Sanitized(_repacked(self.parts, order), self.stripped)

    def _xml_parts(self) -> list[str]:
        return [n for n in self.order if n.endswith(".xml") and n != CONTENT_TYPES]

    def _refuse_fetching_fields(self) -> None:
        for name in self._xml_parts():
            blob = self.parts[name]
            if b"instr" not in blob:
                continue
            root = _parse(blob, name, self.display)
            for code in _field_codes(root):
                match = _FETCHING_FIELD.match(code)
                if match:
                    raise UnsafePackage(
                        f"{self.display}: fältet {match.group(1).upper()} i {name} hämtar "
                        "innehåll utifrån när dokumentet öppnas; planverk använder inte en "
                        "sådan mall",
                        "Ta bort fältet i Word (Alt+F9 visar fältkoderna) och spara mallen igen.",
                    )

    def _remove_active_parts(self) -> set[str]:
        """Take out the parts that are code; their names."""
        removed: set[str] = set()
        for name in list(self.order):
            if name not in self.parts:
                continue  # the relationships of a part already taken out
            what = _active_part(name, self.content_type(name))
            if what is None:
                continue
            removed.add(name)
            self.parts.pop(name, None)
            rels = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name))
            self.parts.pop(rels + ".rels", None)
            self._strip(name, what)
        return removed

    def _strip(self, part: str, what: str) -> None:
        self.changed = True
        self.stripped.append(Stripped(part, what))

    def _remove_relationships(self, removed: set[str]) -> None:
        for rels_name in [n for n in self.order if n.endswith(".rels") and n in self.parts]:
            root = _parse(self.parts[rels_name], rels_name, self.display)
            source = _source_of(rels_name)
            gone: list[str] = []
            for rel in list(root):
                kind = str(rel.get("Type", ""))
                target = str(rel.get("Target", ""))
                external = rel.get("TargetMode") == "External"
                if external:
                    if kind.endswith("/hyperlink") and _SAFE_LINK.match(target.strip()):
                        continue
                    self._strip(source or rels_name, f"{_relation_word(kind)}: {target}")
                elif any(marker in kind for marker in _ACTIVE_RELATIONS):
                    if _target_part(source, target) not in removed:
                        self._strip(source or rels_name, _relation_word(kind))
                elif _target_part(source, target) not in removed:
                    continue
                root.remove(rel)
                gone.append(str(rel.get("Id", "")))
            if gone:
                self.parts[rels_name] = _tostring(root)
                if source in self.parts:
                    self._remove_references(source, set(gone))

    def _remove_references(self, part: str, ids: set[str]) -> None:
        root = _parse(self.parts[part], part, self.display)
        prefix = f"{{{R_NS}}}"
        for element in list(root.iter()):
            hits = [k for k, v in element.attrib.items() if k.startswith(prefix) and v in ids]
            if not hits:
                continue
            local = str(element.tag).rsplit("}", 1)[-1]
            if local in _KEEP_ELEMENT:
                for key in hits:
                    del element.attrib[key]
                continue
            parent = element.getparent()
            if local in ("control", "OLEObject") and parent is not None:
                holder = parent.getparent()
                if str(parent.tag).endswith("}object") and holder is not None:
                    element, parent = parent, holder  # the whole w:object goes
            if parent is not None:
                parent.remove(element)
        self.parts[part] = _tostring(root)

    def _remove_settings(self) -> None:
        """Settings that reach outside without a relationship of their own."""
        for name in self._xml_parts():
            if not name.endswith("settings.xml"):
                continue
            root = _parse(self.parts[name], name, self.display)
            touched = False
            for local, what in (
                ("mailMerge", "en dokumentkoppling till en extern datakälla"),
                ("attachedTemplate", "en kopplad dokumentmall som Word hämtar"),
                ("linkStyles", "formatmallar som uppdateras från en kopplad mall"),
            ):
                for element in list(root.iter(f"{{{W_NS}}}{local}")):
                    parent = element.getparent()
                    if parent is not None:
                        parent.remove(element)
                        touched = True
                        if local != "attachedTemplate":  # its relationship was named above
                            self._strip(name, what)
            if touched:
                self.changed = True
                self.parts[name] = _tostring(root)


def _field_codes(root: Any) -> list[str]:
    """The code of every field: a simple field's ``w:instr``, and a complex field's
    ``w:instrText`` pieces joined from its begin mark to its separate (or end) mark."""
    instr_text, fld_char = f"{{{W_NS}}}instrText", f"{{{W_NS}}}fldChar"
    codes = [el.get(f"{{{W_NS}}}instr", "") for el in root.iter(f"{{{W_NS}}}fldSimple")]
    current: list[str] | None = None
    for element in root.iter(instr_text, fld_char):
        if element.tag == fld_char:
            kind = element.get(f"{{{W_NS}}}fldCharType")
            if kind == "begin":
                current = []
            elif current is not None:
                codes.append("".join(current))
                current = None
        elif current is not None:
            current.append(element.text or "")
        else:
            codes.append(element.text or "")
    if current:
        codes.append("".join(current))
    return codes


def _repacked(parts: dict[str, bytes], order: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            if name in parts:
                target.writestr(name, parts[name])
    return out.getvalue()


def active_content(data: bytes) -> list[str]:
    """What in an Office package would act when it is opened: external relationships other
    than web and e-mail links, and macro or ActiveX/OLE parts (empty for a clean file)."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        types = _parse(package.read(CONTENT_TYPES), CONTENT_TYPES, "paketet")
        overrides = {
            el.get("PartName", "").lstrip("/"): str(el.get("ContentType", ""))
            for el in types
            if el.tag == f"{{{CT_NS}}}Override"
        }
        for name in names:
            what = _active_part(name, overrides.get(name))
            if what is not None:
                found.append(f"{name}: {what}")
            if name.endswith(".rels"):
                for rel in _parse(package.read(name), name, "paketet"):
                    kind, target = str(rel.get("Type", "")), str(rel.get("Target", ""))
                    if rel.get("TargetMode") == "External" and not (
                        kind.endswith("/hyperlink") and _SAFE_LINK.match(target.strip())
                    ):
                        found.append(f"{name}: {kind.rsplit('/', 1)[-1]} -> {target}")
                    elif any(marker in kind for marker in _ACTIVE_RELATIONS):
                        found.append(f"{name}: {kind.rsplit('/', 1)[-1]}")
    return found
