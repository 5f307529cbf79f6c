"""The page numbers of a Word table of contents, as the .docx holds them.

A TOC field's result is text Word and LibreOffice show as it is until someone updates the
fields: each entry ends in a ``PAGEREF _Toc…`` field whose result is the page number. This
module writes those results (and whether the TOC is marked dirty, which makes Word offer to
update the fields when the document opens) into ``word/document.xml``; it knows nothing about
where the pages come from (:mod:`planverk.render.pagination`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from typing import Any

from planverk.office.package import repack

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


_EMPTY = f'<w:document xmlns:w="{W}"/>'.encode()
_FLDCHAR, _INSTR, _T, _TYPE = _q("fldChar"), _q("instrText"), _q("t"), _q("fldCharType")


class TocFields:
    """The TOC of one .docx, parsed once; :meth:`with_numbers` gives the .docx with numbers."""

    def __init__(self, docx: bytes) -> None:
        from lxml import etree  # type: ignore[import-untyped]

        self._docx = docx
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            xml = package.read(DOCUMENT)
        self.results: dict[str, list[Any]] = {}  # bookmark -> the w:t of its PAGEREF result
        self.toc_begins: list[Any] = []  # the w:fldChar begin of each TOC field
        # Without a PAGEREF there is no TOC entry (a handlingsplan's one table): the document
        # is only parsed when there is one (a 5 000-row table took 0,7 s).
        self._entries = b"PAGEREF" in xml
        self._root = etree.fromstring(xml if self._entries else _EMPTY)
        self._scan()

    def _scan(self) -> None:
        # Fields nest (PAGEREF inside TOC): a stack of [kind, name, in_result].
        stack: list[list[Any]] = []
        for node in self._root.iter(_FLDCHAR, _INSTR, _T):
            tag = node.tag
            if tag == _FLDCHAR:
                kind = node.get(_TYPE)
                if kind == "begin":
                    stack.append(["", "", False, node])
                elif kind == "separate" and stack:
                    stack[-1][2] = True
                elif kind == "end" and stack:
                    stack.pop()
            elif tag == _INSTR and stack and not stack[-1][2]:
                text = node.text or ""
                field = stack[-1]
                if not field[0]:
                    words = text.split()
                    field[0] = words[0].upper() if words else ""
                    if field[0] == "TOC":
                        self.toc_begins.append(field[3])
                    match = _PAGEREF.match(text)
                    if match:
                        field[1] = match.group(1)
            elif tag == _T and stack and stack[-1][2] and stack[-1][0] == "PAGEREF":
                self.results.setdefault(stack[-1][1], []).append(node)

    def flow(self) -> tuple[list[tuple[int, bool, bool]], dict[str, int]]:
        """The body as the layout meets it: for each paragraph its text length, whether a page
        break comes before it and whether it is a TOC entry, and the paragraph each TOC
        bookmark is in."""
        paragraphs: list[tuple[int, bool, bool]] = []
        where: dict[str, int] = {}
        wanted = set(self.results)
        brk, bookmark, p_tag, t_tag, style = (
            _q("br"),
            _q("bookmarkStart"),
            _q("p"),
            _q("t"),
            _q("pStyle"),
        )
        page_break = False
        for node in self._root.iter(p_tag, t_tag, brk, bookmark, style):
            tag = node.tag
            if tag == p_tag:
                paragraphs.append((0, page_break, False))
                page_break = False
            elif not paragraphs:
                continue
            elif tag == t_tag:
                length, before, entry = paragraphs[-1]
                paragraphs[-1] = (length + len(node.text or ""), before, entry)
            elif tag == style:
                if (node.get(_q("val")) or "").upper().startswith("TOC"):
                    length, before, _entry = paragraphs[-1]
                    paragraphs[-1] = (length, before, True)
            elif tag == brk:
                page_break = page_break or node.get(_q("type")) == "page"
            elif node.get(_q("name")) in wanted:
                where[node.get(_q("name"))] = len(paragraphs) - 1
        return paragraphs, where

    @property
    def bookmarks(self) -> list[str]:
        """The bookmarks the TOC's entries point at, in order."""
        return list(self.results)

    def with_numbers(self, numbers: Mapping[str, str], *, dirty: bool) -> bytes:
        """The .docx with each entry's page number (as given; missing ones left as they are),
        and the TOC marked dirty (Word offers to update it) or not."""
        from lxml import etree

        if not self._entries:
            return self._docx  # no TOC entry to number (and the body was never parsed)
        for name, texts in self.results.items():
            value = numbers.get(name)
            if value is None or not texts:
                continue
            texts[0].text = value
            for extra in texts[1:]:
                extra.text = ""
        for begin in self.toc_begins:
            if dirty:
                begin.set(_q("dirty"), "true")
            elif _q("dirty") in begin.attrib:
                del begin.attrib[_q("dirty")]
        xml = etree.tostring(self._root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return repack(self._docx, {DOCUMENT: xml})


def page_numbers(docx: bytes) -> dict[str, str]:
    """Bookmark → the page number its TOC entry shows ('' when none)."""
    fields = TocFields(docx)
    return {name: "".join(t.text or "" for t in texts) for name, texts in fields.results.items()}
