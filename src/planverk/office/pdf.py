"""PDF files LibreOffice wrote, read and finished with pikepdf (qpdf).

- :func:`destination_pages`: on which page each named destination (a Word bookmark, exported
  by LibreOffice with ``ExportBookmarksToPDFDestination``) landed. That is how the table of
  contents gets its page numbers (:mod:`planverk.render.pagination`).
- :func:`finish`: the same PDF with fixed dates and a document ID computed from its content,
  so the same document gives the same bytes (LibreOffice writes the wall clock and a random
  ID), with the title, the language and "show the title, not the file name" made sure of.
- :func:`structure`: what a PDF/UA reader looks for, for the document rules and the tests.

pikepdf is imported only here, when a PDF is made.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planverk.core.errors import UserError

_DEST_NAME = re.compile(r"^/?(?:5F|_)?(?P<name>Toc\d+)$")


class PdfError(UserError):
    """A PDF from LibreOffice that cannot be read."""


def _open(data: bytes) -> Any:
    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as err:
        raise PdfError(
            f"PDF:en från LibreOffice kan inte läsas ({err})",
            "Försök igen; skriv annars .docx och spara som PDF i Word.",
        ) from None


def bookmark_key(name: str) -> str:
    """A Word bookmark's name as :func:`destination_pages` reports it (``_Toc00000001`` →
    ``Toc00000001``: LibreOffice writes the underscore as ``5F``)."""
    return name.lstrip("_")


def destination_pages(data: bytes) -> dict[str, int]:
    """Named destination (see :func:`bookmark_key`) → the page it is on, counting from 1."""
    import pikepdf

    pdf = _open(data)
    with pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        found: dict[str, int] = {}
        entries: list[tuple[str, Any]] = []
        dests = pdf.Root.get("/Dests")
        if isinstance(dests, pikepdf.Dictionary):
            entries += [(str(key), dests[key]) for key in dests.keys()]  # noqa: SIM118
        names = pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/Dests" in names:
            entries += [(str(k), v) for k, v in pikepdf.NameTree(names.Dests).items()]
        for raw, value in entries:
            match = _DEST_NAME.match(raw)
            if match is None:
                continue
            target = value.get("/D") if isinstance(value, pikepdf.Dictionary) else value
            if not isinstance(target, pikepdf.Array) or len(target) == 0:
                continue
            page = pages.get(target[0].objgen)
            if page is not None:
                found[match["name"]] = page
        return found


def page_count(data: bytes) -> int:
    pdf = _open(data)
    with pdf:
        return len(pdf.pages)


def _pdf_date(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def finish(
    data: bytes,
    *,
    title: str,
    language: str,
    moment: dt.datetime,
    figure_alts: Sequence[str] = (),
) -> bytes:
    """``data`` with CreationDate and ModDate (Info and XMP) set to ``moment`` (UTC), a document
    ID derived from the content, the title in Info and XMP, /Lang and DisplayDocTitle set.
    ``figure_alts`` are the text alternatives of the document's figures in order: LibreOffice
    tags a Word chart as a /Figure without its description, so a /Figure without /Alt gets
    them (only when their numbers agree, so no text lands on the wrong figure)."""
    import pikepdf

    pdf = _open(data)
    with pdf:
        root = pdf.Root
        if figure_alts:
            missing = [f for f in _figures(root) if not str(f.get("/Alt", "")).strip()]
            if len(missing) == len(figure_alts):
                for element, alt in zip(missing, figure_alts, strict=True):
                    element.Alt = pikepdf.String(alt)
        if not str(root.get("/Lang", "")):
            root.Lang = pikepdf.String(language)
        prefs = root.get("/ViewerPreferences")
        if not isinstance(prefs, pikepdf.Dictionary):
            prefs = root.ViewerPreferences = pikepdf.Dictionary()
        prefs.DisplayDocTitle = True
        stamp = _pdf_date(moment)
        iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmp:CreateDate"] = iso
            meta["xmp:ModifyDate"] = iso
            meta["xmp:MetadataDate"] = iso
            if title:
                meta["dc:title"] = title
        info = pdf.docinfo
        info.CreationDate = pikepdf.String(stamp)
        info.ModDate = pikepdf.String(stamp)
        if title:
            info.Title = pikepdf.String(title)
        # LibreOffice's checksum and ID of the file as it wrote it (with its clock in them);
        # qpdf computes the ID from the content instead.
        for key in ("/DocChecksum", "/ID"):
            if key in pdf.trailer:
                del pdf.trailer[key]
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
            compress_streams=True,
        )
        return out.getvalue()


@dataclass(frozen=True, slots=True)
class Structure:
    """What a screen reader and a PDF/UA checker look at first."""

    tagged: bool  # a structure tree and MarkInfo /Marked true
    title: str
    display_title: bool
    language: str
    pdfua: bool  # the XMP says PDF/UA-1
    figures: int  # /Figure structure elements
    figures_with_alt: int
    table_headers: int  # /TH structure elements
    outline: list[str]  # the bookmarks' titles, in order


def structure(data: bytes) -> Structure:
    import pikepdf

    pdf = _open(data)
    with pdf:
        root = pdf.Root
        mark = root.get("/MarkInfo")
        tagged = "/StructTreeRoot" in root and bool(
            isinstance(mark, pikepdf.Dictionary) and mark.get("/Marked", False)
        )
        prefs = root.get("/ViewerPreferences")
        display = bool(
            isinstance(prefs, pikepdf.Dictionary) and prefs.get("/DisplayDocTitle", False)
        )
        figures = with_alt = headers = 0
        if "/StructTreeRoot" in root:
            stack: list[Any] = [root.StructTreeRoot]
            seen: set[tuple[int, int]] = set()
            while stack:
                node = stack.pop()
                if isinstance(node, pikepdf.Array):
                    stack.extend(node)
                    continue
                if not isinstance(node, pikepdf.Dictionary):
                    continue
                if node.is_indirect:
                    if node.objgen in seen:
                        continue
                    seen.add(node.objgen)
                kind = str(node.get("/S", ""))
                if kind == "/Figure":
                    figures += 1
                    if str(node.get("/Alt", "")).strip():
                        with_alt += 1
                elif kind == "/TH":
                    headers += 1
                kids = node.get("/K")
                if kids is not None:
                    stack.append(kids)
        with pdf.open_metadata() as meta:
            pdfua = meta.get("pdfuaid:part") == "1"
        with pdf.open_outline() as outline:
            titles = [item.title for item in _walk(outline.root)]
        return Structure(
            tagged=tagged,
            title=str(pdf.docinfo.get("/Title", "")),
            display_title=display,
            language=str(root.get("/Lang", "")),
            pdfua=pdfua,
            figures=figures,
            figures_with_alt=with_alt,
            table_headers=headers,
            outline=titles,
        )


def _figures(root: Any) -> list[Any]:
    """The /Figure structure elements in document order (depth first)."""
    import pikepdf

    found: list[Any] = []
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return found
    seen: set[tuple[int, int]] = set()

    def visit(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                visit(child)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        if node.is_indirect:
            if node.objgen in seen:
                return
            seen.add(node.objgen)
        if str(node.get("/S", "")) == "/Figure":
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            visit(kids)

    visit(tree)
    return found


def _walk(items: Any) -> list[Any]:
    found: list[Any] = []
    for item in items:
        found.append(item)
        found += _walk(item.children)
    return found
