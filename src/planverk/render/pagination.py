"""Page numbers for the table of contents, from LibreOffice's layout of the document.

Word and LibreOffice show a TOC field's page numbers as the .docx holds them, until someone
updates the fields (Word asks first). So the numbers are computed here: LibreOffice lays the
document out and exports it as PDF with Word's bookmarks as named destinations
(:func:`planverk.office.libreoffice.Session.convert`), the page of each heading's bookmark is
read back (:func:`planverk.office.pdf.destination_pages`) and written into the TOC entry
(:class:`planverk.office.toc.TocFields`), which is then no longer marked dirty.

Writing the numbers must not move a heading. The layout pass therefore holds placeholders of
as many digits as the numbers will have ("0", "00"): digits are equally wide in the fonts
documents use, so replacing them changes no line. A document whose page numbers have more
digits than its placeholders is laid out again with wider ones; a PDF is laid out once more
with the numbers in, and checked. Where LibreOffice is missing the TOC stays without numbers
and marked dirty, and the render says so (:class:`TocNumbers`, rule PV407).

Rendering is deterministic, so one process keeps the last few layouts (a render repeated with
the same plans, as tests and ``diff --format docx`` do, costs one layout).
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Mapping

from planverk.core.progress import phase
from planverk.render.result import TocNumbers

MAX_PASSES = 4
# A page as the estimate of the first pass sees it (A4, the dokumentmall's body text in Arial
# or a font of its widths): lines of this many characters, this many lines, and the space
# between paragraphs in lines. Fitted to the shipped AP, VP and follow-up and the bench's
# 326-page AP, where it guesses every number's digits right.
_LINE_CHARS = 114
_PAGE_LINES = 46
_PARAGRAPH_GAP = 0.5
_TOC_ENTRY = 1.4  # a TOC entry is one line, with its spacing
_CACHE: OrderedDict[str, tuple[bytes, bytes | None, TocNumbers]] = OrderedDict()
_CACHE_SIZE = 8


def paginate(
    docx: bytes,
    *,
    pdf: bool,
    options: Mapping[str, bool | int | str] | None = None,
    timeout: float | None = None,
) -> tuple[bytes, bytes | None, TocNumbers | None]:
    """The .docx with its TOC numbered, the PDF when ``pdf`` is asked for (laid out with the
    numbers in), and how it went (None when the document has no TOC). Raises
    LibreOfficeError only when a PDF is asked for and cannot be made."""
    from planverk.office import libreoffice
    from planverk.office.toc import TocFields

    fields = TocFields(docx)
    names = fields.bookmarks
    if not names:
        if not pdf:
            return docx, None, None
        with phase("Gör PDF med LibreOffice"), libreoffice.session() as office:
            return docx, office.convert(docx, options=options, timeout=timeout), None
    if libreoffice.soffice() is None:
        if pdf:
            raise libreoffice.missing_error()
        return docx, None, TocNumbers(False, "LibreOffice (soffice) är inte installerat")
    key = hashlib.sha256(docx + (b"pdf" if pdf else b"docx")).hexdigest()
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    started = time.monotonic()
    try:
        result = _paginate(fields, names, pdf=pdf, options=options, timeout=timeout)
    except libreoffice.LibreOfficeError as err:
        if pdf:
            raise
        return docx, None, TocNumbers(False, err.message)
    numbered, made, passes, reason = result
    numbers = TocNumbers(not reason, reason, passes, time.monotonic() - started)
    value = (numbered, made, numbers)
    _CACHE[key] = value
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def _paginate(
    fields: object,
    names: list[str],
    *,
    pdf: bool,
    options: Mapping[str, bool | int | str] | None,
    timeout: float | None,
) -> tuple[bytes, bytes | None, int, str]:
    from planverk.office import libreoffice
    from planverk.office.pdf import bookmark_key, destination_pages
    from planverk.office.toc import TocFields

    assert isinstance(fields, TocFields)
    digits = estimated_digits(fields)
    pages: dict[str, int] = {}
    passes = 0
    with libreoffice.session() as office:
        while passes < MAX_PASSES:
            passes += 1
            placeholders = {name: "0" * digits[name] for name in names}
            with phase(f"Räknar sidnummer med LibreOffice (varv {passes})"):
                laid_out = office.convert(
                    fields.with_numbers(placeholders, dirty=True),
                    options=libreoffice.LAYOUT,
                    timeout=timeout,
                )
            found = destination_pages(laid_out)
            pages = {
                name: found[bookmark_key(name)] for name in names if bookmark_key(name) in found
            }
            if len(pages) < len(names):
                missing = len(names) - len(pages)
                return (
                    fields.with_numbers({}, dirty=True),
                    None,
                    passes,
                    f"LibreOffice hittade inte {missing} av rubrikerna i innehållsförteckningen",
                )
            wanted = {name: len(str(page)) for name, page in pages.items()}
            if wanted == digits:
                break
            digits = wanted
        numbered = fields.with_numbers({n: str(p) for n, p in pages.items()}, dirty=False)
        if not pdf:
            return numbered, None, passes, ""
        made = b""
        for _ in range(MAX_PASSES):
            passes += 1
            with phase("Gör PDF med LibreOffice"):
                made = office.convert(numbered, options=options, timeout=timeout)
            found = destination_pages(made)
            now = {name: found.get(bookmark_key(name), 0) for name in names}
            if now == pages:
                return numbered, made, passes, ""
            pages = now
            numbered = fields.with_numbers({n: str(p) for n, p in pages.items()}, dirty=False)
        return numbered, made, passes, "sidnumren ändrades för varje varv och kan vara fel"


def estimated_digits(fields: object) -> dict[str, int]:
    """How many digits each TOC entry's page number will have, estimated from the text before
    its heading, so that the first layout usually holds placeholders as wide as the numbers
    and is the only one (a wrong guess costs one layout more, as a first guess of one digit
    did for every document of ten pages or more)."""
    from planverk.office.toc import TocFields

    assert isinstance(fields, TocFields)
    paragraphs, where = fields.flow()
    pages: list[int] = []
    page, lines = 1, 0.0
    for length, page_break, toc_entry in paragraphs:
        if page_break and lines:
            page, lines = page + 1, 0.0
        lines += _TOC_ENTRY if toc_entry else max(1, -(-length // _LINE_CHARS)) + _PARAGRAPH_GAP
        while lines > _PAGE_LINES:
            page, lines = page + 1, lines - _PAGE_LINES
        pages.append(page)
    return {name: len(str(pages[where[name]])) if name in where else 1 for name in fields.bookmarks}


def clear_cache() -> None:
    """Forget the layouts kept (for a test that must see LibreOffice run again)."""
    _CACHE.clear()
