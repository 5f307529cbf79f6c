"""Zip handling for Office files: reading a .dotx as a document, and packing reproducibly."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping

from planverk.core.errors import UserError

DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Word templates (.dotx, .dotm) and macro documents differ from a .docx only in the content
# type of the main part, which python-docx refuses (python-docx issues #363 and #1532).
OTHER_MAINS = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
)
CONTENT_TYPES = "[Content_Types].xml"
# 1980-01-01 is the earliest time a zip entry can hold; any fixed time makes equal bytes.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(UserError):
    """An Office file that is not what it says it is."""


def as_document(data: bytes, display: str) -> bytes:
    """The bytes of a .docx or .dotx as a .docx python-docx opens (main part content type)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            names = source.namelist()
            if CONTENT_TYPES not in names:
                raise PackageError(
                    f"dokumentmallen {display} är inte en Word-fil",
                    "Ange en .docx eller .dotx sparad från Word.",
                )
            types = source.read(CONTENT_TYPES).decode("utf-8")
            if not any(other in types for other in OTHER_MAINS):
                return data
            for other in OTHER_MAINS:
                types = types.replace(other, DOCUMENT_MAIN)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    blob = types.encode("utf-8") if info.filename == CONTENT_TYPES else None
                    target.writestr(info.filename, blob or source.read(info.filename))
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as err:
        raise PackageError(
            f"dokumentmallen {display} är inte en Word-fil ({why_unreadable(err)})",
            "Ange en .docx eller .dotx sparad från Word.",
        ) from None


def why_unreadable(err: Exception) -> str:
    """Why an Office file (a .docx, .dotx or .pptx) could not be read, in Swedish; the
    libraries (zipfile, lxml, python-docx) say it in English."""
    name = type(err).__name__
    text = str(err)
    if isinstance(err, zipfile.BadZipFile):
        return "filen är inget zip-paket, eller ett skadat"
    if isinstance(err, zipfile.LargeZipFile):
        return "zip-paketet är för stort"
    if isinstance(err, KeyError):
        return "en del som filen ska ha saknas i paketet"
    if isinstance(err, UnicodeDecodeError):
        return "en del av paketet är inte text i UTF-8"
    if isinstance(err, EOFError | NotImplementedError | RuntimeError):
        return "zip-paketet är skadat, krypterat eller packat på ett sätt som inte stöds"
    if isinstance(err, OSError):
        return "zip-paketet är skadat"
    if isinstance(err, MemoryError):
        return "innehållet packas upp till mer än minnet rymmer"
    if name == "XMLSyntaxError" and ("limit" in text or "huge" in text.lower()):
        return "en XML-del i paketet är orimligt stor (troligen en så kallad zip-bomb)"
    if name in ("XMLSyntaxError", "InvalidXmlError", "ParseError"):
        return "en XML-del i paketet är trasig"
    if name == "PackageNotFoundError":
        return "filen är inte ett Office-paket"
    return "filen går inte att läsa som en Office-fil"


def repack(data: bytes, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The same zip with fixed timestamps, attributes and compression: equal input, equal
    bytes. Entry order is kept ([Content_Types].xml first, as Office writes it). Entries
    named in ``replace`` get the bytes given instead."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        infos = source.infolist()
        infos.sort(key=lambda i: i.filename != CONTENT_TYPES)  # stable: keeps the rest in order
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            blob = replace.get(info.filename)
            if blob is None:
                blob = source.read(info.filename)
            target.writestr(entry, blob, compresslevel=6)
    return out.getvalue()


CORE = "docProps/core.xml"
_CORE_DATE = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def with_core_dates(data: bytes, moment: dt.datetime) -> bytes:
    """An Office file with its created and modified dates set to ``moment`` (UTC) and packed
    reproducibly. openpyxl sets "modified" to the wall clock when it saves; this undoes it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        if CORE not in source.namelist():
            return repack(data)
        core = source.read(CORE).decode("utf-8")
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = _CORE_DATE.sub(lambda m: f"{m.group(1)}{stamp}{m.group(2)}", core)
    return repack(data, {CORE: core.encode("utf-8")})
