"""The "ändringsmarkerad version": the newer plan as a Word document, with the changes from
the older one as Word's own tracked changes.

Both versions are rendered exactly as `planverk render` renders them (same templates, same
dokumentmall, same styles). The newer document is then walked block by block against the
older: equal paragraphs stay; a paragraph the diff result pairs with an older one (an
activity reworded, a title whose year changed) gets its words as w:del / w:ins runs; an
older paragraph with no partner is kept as a deleted paragraph (runs and paragraph mark in
w:del), a newer one with no partner is an inserted paragraph; table rows likewise, marked in
w:trPr. So Word's and LibreOffice's "accept all" gives the newer document and "reject all"
the older. Every revision carries the author and one fixed date, so the same plans give the
same bytes.

The pairing of paragraphs follows the diff result (its matched items and their old and new
texts), and falls back on text similarity for text the template adds around the plan's own.
The table of contents is revised entry by entry (an entry whose heading or page number
changed is deleted and the newer inserted, each with its page number as that render laid it
out), and the document's title where a header or footer shows it (a TITLE field) becomes
text with the title's words tracked: "reject all" gives the older render's TOC and header.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planverk.core.errors import UserError
from planverk.diff.match import pair_similar
from planverk.diff.model import DiffResult, Op, PlanKind
from planverk.diff.wordiff import word_diff
from planverk.loading.planset import PlanSet

if TYPE_CHECKING:
    from lxml.etree import _Element as Element  # type: ignore[import-untyped]

    from planverk.model.style import DocumentStyle
    from planverk.render import Rendered

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DOCUMENT = "word/document.xml"
_TOC_STYLE = re.compile(r"^(TOC|Innehll|Innehåll)\s*\d+$", re.IGNORECASE)
# Children a paragraph may have and still be rewritten word by word.
_SIMPLE_P = frozenset({"pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr"})
_SIMPLE_R = frozenset({"rPr", "t", "tab", "br", "softHyphen", "footnoteReference"})
SOFT_HYPHEN = "\u00ad"
NOTE = "\ufffc"  # a footnote reference, as one character of a paragraph's text
_PAIR_THRESHOLD = 0.5


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class TrackedError(UserError):
    """The tracked-changes document cannot be made; message and hint are for the user."""


@dataclass(frozen=True, slots=True)
class Tracked:
    """The tracked-changes document, and the two renders it was merged from (whose facts the
    document rules check)."""

    data: bytes
    file_name: str
    old: Rendered
    new: Rendered


@dataclass(frozen=True, slots=True)
class Revision:
    author: str
    date: dt.date

    @property
    def stamp(self) -> str:
        return f"{self.date.isoformat()}T00:00:00Z"


# -- entry point ---------------------------------------------------------------------------


def tracked_document(
    result: DiffResult,
    old_set: PlanSet,
    new_set: PlanSet,
    *,
    author: str = "planverk",
    date: dt.date | None = None,
) -> Tracked:
    """The newer plan of ``result`` as .docx bytes with the changes tracked."""
    from planverk.office.package import repack
    from planverk.render import render_target

    old_target = _target(result, old_set, old=True)
    new_target = _target(result, new_set, old=False)
    old_doc = render_target(old_set, old_target, "docx")
    new_doc = render_target(new_set, new_target, "docx")
    revision = Revision(author, date or new_target.date)
    pairs = hints(result, (old_set.style, new_set.style))
    data = merge(old_doc.data, new_doc.data, pairs, revision, whole(result))
    return Tracked(repack(data), f"{new_target.stem}-ändringsmarkerad.docx", old_doc, new_doc)


def _target(result: DiffResult, planset: PlanSet, *, old: bool) -> Any:
    from planverk.render import Kind, select

    plans = result.old_plans if old else result.new_plans
    if len(plans) != 1:
        raise TrackedError(
            f"Word-dokumentet med spårade ändringar visar en plan i taget, men "
            f"{'den äldre' if old else 'den nyare'} sidan har {len(plans)} handlingsplaner",
            "Jämför en handlingsplan i taget (t.ex. de levande med 'levande'), eller använd "
            "--format md eller text för alla på en gång.",
        )
    plan = plans[0].plan
    if result.plan_kind is PlanKind.AP:
        return select(planset, Kind.AKTIVITETSPLAN, plan.year)[0]
    if result.plan_kind is PlanKind.VP:
        return select(planset, Kind.VERKSAMHETSPLAN, None, plan.id)[0]
    return select(planset, Kind.HANDLINGSPLAN, plan.year, plan.id)[0]


_NOTE = re.compile(r"\^\[[^\]]*\]")


def _norm(text: str) -> str:
    """A text as its paragraph shows it: footnotes (^[...]) are references, not words."""
    if "^[" in text:
        text = _NOTE.sub("", text)
    return " ".join(text.split())


def whole(result: DiffResult) -> tuple[set[str], set[str]]:
    """Texts of the items the diff result says were removed (older) and added (newer),
    moved ones included: their paragraphs stay whole deletions and insertions, never paired
    with another by likeness, so the document shows the changes the diff lists."""
    from planverk.diff.model import Kind

    removed: set[str] = set()
    added: set[str] = set()
    for change in result.changes:
        if change.kind is Kind.REMOVED:
            removed.add(_norm(change.item.label))
        elif change.kind is Kind.ADDED:
            added.add(_norm(change.item.label))
        elif change.kind is Kind.MOVED and change.old_item is not None:
            removed.add(_norm(change.old_item.label))
            added.add(_norm(change.item.label))
    return removed, added


def hints(
    result: DiffResult, styles: tuple[DocumentStyle, DocumentStyle] | None = None
) -> dict[str, set[str]]:
    """Newer text -> older texts the diff result says are the same item's, paragraph by
    paragraph, so the document pairs exactly what the diff paired. With the two versions'
    document styles, a paragraph's heading as rendered ("§ 8.6 DIGITALISERING") too."""
    pairs: dict[str, set[str]] = {}

    def add(old: str, new: str) -> None:
        old_parts, new_parts = _paragraphs(old), _paragraphs(new)
        if len(old_parts) == len(new_parts):
            for a, b in zip(old_parts, new_parts, strict=True):
                pairs.setdefault(_norm(b), set()).add(_norm(a))
        pairs.setdefault(_norm(new), set()).add(_norm(old))

    if styles is not None:
        from planverk.diff.tree import Element
        from planverk.render import section_heading

        for new in result.new_root.walk():
            old = result.old_of.get(id(new))
            if new.element is Element.SECTION and old is not None and old.name and new.name:
                old_line = section_heading(styles[0], old.name, old.texts.get("rubrik", ""))
                new_line = section_heading(styles[1], new.name, new.texts.get("rubrik", ""))
                if old_line != new_line:
                    add(old_line, new_line)

    for change in (*result.changes, *result.year_shifts):
        if change.old and change.new:
            add(change.old, change.new)
    for new in result.new_root.walk():
        old = result.old_of.get(id(new))
        if old is None:
            continue
        for name, text in new.texts.items():
            before = old.texts.get(name)
            if before and before != text:
                add(before, text)
    return pairs


def _paragraphs(text: str) -> list[str]:
    return [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


# -- merging two rendered documents --------------------------------------------------------


def merge(
    old_docx: bytes,
    new_docx: bytes,
    pairs: dict[str, set[str]],
    rev: Revision,
    whole: tuple[set[str], set[str]] = (set(), set()),
) -> bytes:
    """The newer .docx with tracked changes that turn it back into the older."""
    from lxml import etree  # type: ignore[import-untyped]

    with zipfile.ZipFile(io.BytesIO(old_docx)) as zold:
        old_root = etree.fromstring(zold.read(DOCUMENT))
    with zipfile.ZipFile(io.BytesIO(new_docx)) as znew:
        new_root = etree.fromstring(znew.read(DOCUMENT))
        parts = [(info, znew.read(info.filename)) for info in znew.infolist()]
    old_body, new_body = old_root.find(q("body")), new_root.find(q("body"))
    if old_body is None or new_body is None:
        raise TrackedError("det renderade dokumentet saknar brödtext")
    used = [int(v) for v in new_root.xpath("//@w:id", namespaces={"w": W}) if str(v).isdigit()]
    merger = _Merger(rev, pairs, start=max(used, default=0) + 1, whole=whole)
    sect = new_body.find(q("sectPr"))
    olds = [e for e in old_body if local(e) != "sectPr"]
    news = [e for e in new_body if local(e) != "sectPr"]
    merged = merger.blocks(olds, news)
    for child in list(new_body):
        new_body.remove(child)
    for element in merged:
        new_body.append(element)
    if sect is not None:
        new_body.append(sect)
    document = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    old_title, new_title = _core_title(old_docx), _core_title(new_docx)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, blob in parts:
            if info.filename == DOCUMENT:
                blob = document
            elif _HEADER_PART.match(info.filename) and old_title != new_title:
                blob = merger.titles(blob, old_title, new_title)
            target.writestr(info, blob)
    return out.getvalue()


_HEADER_PART = re.compile(r"^word/(header|footer)\d*\.xml$")


def _core_title(docx: bytes) -> str:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        if "docProps/core.xml" not in package.namelist():
            return ""
        root = etree.fromstring(package.read("docProps/core.xml"))
    found = root.find("{http://purl.org/dc/elements/1.1/}title")
    return (found.text or "") if found is not None else ""


@dataclass(slots=True)
class _Unit:
    element: Element
    kind: str  # "p", "tbl", "tr", "toc" or "other"
    style: str
    text: str
    key: str


def _text_of(element: Element) -> str:
    parts: list[str] = []
    for node in element.iter(q("t"), q("delText"), q("tab"), q("br"), q("p"), q("tc")):
        name = local(node)
        if name in ("t", "delText"):
            parts.append(node.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name == "br":
            parts.append("\n" if node.get(q("type")) in (None, "textWrapping") else "\f")
        elif name == "p" and parts:
            parts.append("\n")
        elif name == "tc" and parts:
            parts.append(" | ")
    return "".join(parts)


def _style(element: Element) -> str:
    style = element.find(f"{q('pPr')}/{q('pStyle')}")
    return style.get(q("val"), "") if style is not None else ""


def _unit(element: Element) -> _Unit:
    name = local(element)
    text = _text_of(element)
    if name == "p":
        style = _style(element)
        if _TOC_STYLE.match(style):
            # The entry that opens the TOC field only matches its like, so exactly one
            # field start survives "accept all" and "reject all".
            opens = any(c.get(q("fldCharType")) == "begin" for c in element.iter(q("fldChar")))
            return _Unit(element, "toc", style, text, f"toc|{opens}|{_norm(text)}")
        return _Unit(element, "p", style, text, f"p|{style}|{_norm(text) or _signature(element)}")
    if name in ("tbl", "tr"):
        return _Unit(element, name, "", text, f"{name}|{_norm(text)}")
    from lxml import etree

    raw = etree.tostring(element).decode("utf-8")
    return _Unit(element, "other", "", text, f"other|{raw}")


def _signature(element: Element) -> str:
    """What an empty paragraph holds (a page break, nothing), so empty ones align."""
    return ",".join(local(e) + (e.get(q("type")) or "") for e in element.iter() if e is not element)


class _Merger:
    def __init__(
        self,
        rev: Revision,
        pairs: dict[str, set[str]],
        start: int,
        whole: tuple[set[str], set[str]] = (set(), set()),
    ) -> None:
        self.rev = rev
        self.pairs = pairs
        self.next_id = start
        self.removed, self.added = whole

    # -- revision marks -----------------------------------------------------------------

    def mark(self, tag: str) -> Element:
        from lxml import etree

        element = etree.Element(q(tag))
        element.set(q("id"), str(self.next_id))
        element.set(q("author"), self.rev.author)
        element.set(q("date"), self.rev.stamp)
        self.next_id += 1
        return element

    def mark_paragraph(self, paragraph: Element, tag: str) -> None:
        """Mark the paragraph mark itself inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
        from lxml import etree

        ppr = paragraph.find(q("pPr"))
        if ppr is None:
            ppr = etree.Element(q("pPr"))
            paragraph.insert(0, ppr)
        rpr = ppr.find(q("rPr"))
        if rpr is None:
            rpr = etree.Element(q("rPr"))
            later = [c for c in ppr if local(c) in ("sectPr", "pPrChange")]
            if later:
                later[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.mark(tag))

    def style_change(self, paragraph: Element, old: Element) -> None:
        """Record the older paragraph's style (w:pPrChange), so "reject all" restores it."""
        from lxml import etree

        ppr = paragraph.find(q("pPr"))
        if ppr is None:
            ppr = etree.Element(q("pPr"))
            paragraph.insert(0, ppr)
        before = etree.Element(q("pPr"))
        old_ppr = old.find(q("pPr"))
        for child in old_ppr if old_ppr is not None else ():
            if local(child) not in ("rPr", "sectPr", "pPrChange"):
                before.append(copy.deepcopy(child))
        change = self.mark("pPrChange")
        change.append(before)
        ppr.append(change)

    def wrap_runs(self, parent: Element, tag: str) -> None:
        """Put every run directly under ``parent`` (and under its hyperlinks) in w:ins/w:del."""
        for child in list(parent):
            name = local(child)
            if name == "hyperlink":
                self.wrap_runs(child, tag)
            elif name == "r":
                if tag == "del":
                    _to_deleted_text(child)
                wrapper = self.mark(tag)
                child.addprevious(wrapper)
                wrapper.append(child)

    def titles(self, part: bytes, old: str, new: str) -> bytes:
        """A header or footer part with each TITLE field replaced by the title as text, its
        words tracked from ``old`` to ``new`` (LibreOffice shows a TITLE field as the
        document's title property, which no revision can hold)."""
        from lxml import etree

        root = etree.fromstring(part)
        for simple in list(root.iter(q("fldSimple"))):
            if simple.get(q("instr"), "").split()[:1] != ["TITLE"]:
                continue
            first = simple.find(f"{q('r')}/{q('rPr')}")
            for element in reversed(self.title_runs(old, new, first)):
                simple.addnext(element)
            simple.getparent().remove(simple)
        for paragraph in list(root.iter(q("p"))):
            self._complex_title(paragraph, old, new)
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def _complex_title(self, paragraph: Element, old: str, new: str) -> None:
        runs = [c for c in paragraph if local(c) == "r"]
        start = None
        for index, run in enumerate(runs):
            chars = run.find(q("fldChar"))
            kind = chars.get(q("fldCharType")) if chars is not None else None
            instr = run.find(q("instrText"))
            if kind == "begin":
                start = index
            elif instr is not None and start is not None:
                if (instr.text or "").split()[:1] != ["TITLE"]:
                    start = None
            elif kind == "end" and start is not None:
                field = runs[start : index + 1]
                rpr = next((r.find(q("rPr")) for r in field if r.find(q("t")) is not None), None)
                for element in reversed(self.title_runs(old, new, rpr)):
                    field[-1].addnext(element)
                for run_el in field:
                    paragraph.remove(run_el)
                self._complex_title(paragraph, old, new)
                return

    def title_runs(self, old: str, new: str, rpr: Element | None) -> list[Element]:
        from lxml import etree

        out: list[Element] = []
        for segment in word_diff(old, new):
            run = etree.Element(q("r"))
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            text = etree.SubElement(run, q("delText" if segment.op is Op.DELETE else "t"))
            text.set(XML_SPACE, "preserve")
            text.text = segment.text
            if segment.op is Op.EQUAL:
                out.append(run)
            else:
                wrapper = self.mark("del" if segment.op is Op.DELETE else "ins")
                wrapper.append(run)
                out.append(wrapper)
        return out

    # -- whole blocks -------------------------------------------------------------------

    def inserted(self, unit: _Unit) -> list[Element]:
        element = unit.element
        if unit.kind in ("p", "toc"):
            self.wrap_runs(element, "ins")
            self.mark_paragraph(element, "ins")
        elif unit.kind == "tbl":
            for row in element.findall(q("tr")):
                self.row(row, "ins")
        elif unit.kind == "tr":
            self.row(element, "ins")
        return [element]

    def deleted(self, unit: _Unit) -> list[Element]:
        if unit.kind == "other":
            return []  # no text to restore
        element = copy.deepcopy(unit.element)
        _strip_foreign(element)
        if unit.kind in ("p", "toc"):
            self.wrap_runs(element, "del")
            self.mark_paragraph(element, "del")
        elif unit.kind == "tbl":
            for row in element.findall(q("tr")):
                self.row(row, "del")
        elif unit.kind == "tr":
            self.row(element, "del")
        return [element]

    def row(self, row: Element, tag: str) -> None:
        """A whole table row inserted or deleted: w:trPr/w:ins|w:del, and its runs."""
        from lxml import etree

        trpr = row.find(q("trPr"))
        if trpr is None:
            trpr = etree.Element(q("trPr"))
            tblpr_ex = row.find(q("tblPrEx"))
            if tblpr_ex is not None:
                tblpr_ex.addnext(trpr)
            else:
                row.insert(0, trpr)
        trpr.append(self.mark(tag))
        for paragraph in row.iter(q("p")):
            self.wrap_runs(paragraph, tag)
            self.mark_paragraph(paragraph, tag)

    # -- sequences ----------------------------------------------------------------------

    def blocks(self, olds: Sequence[Element], news: Sequence[Element]) -> list[Element]:
        """Merge two sequences of blocks (body children, rows, or a cell's paragraphs)."""
        from difflib import SequenceMatcher

        old_units = [_unit(e) for e in olds]
        new_units = [_unit(e) for e in news]
        matcher = SequenceMatcher(
            None, [u.key for u in old_units], [u.key for u in new_units], autojunk=False
        )
        out: list[Element] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += [u.element for u in new_units[j1:j2]]
            else:
                out += self.region(old_units[i1:i2], new_units[j1:j2])
        return out

    def region(self, olds: list[_Unit], news: list[_Unit]) -> list[Element]:
        out: list[Element] = []
        i = j = 0
        for a, b in self.pair(olds, news):
            for unit in olds[i:a]:
                out += self.deleted(unit)
            for unit in news[j:b]:
                out += self.inserted(unit)
            out += self.changed(olds[a], news[b])
            i, j = a + 1, b + 1
        for unit in olds[i:]:
            out += self.deleted(unit)
        for unit in news[j:]:
            out += self.inserted(unit)
        return out

    def pair(self, olds: list[_Unit], news: list[_Unit]) -> list[tuple[int, int]]:
        """Pairs (old, new) in this stretch: the diff result's first, then similar text;
        only pairs in the same order on both sides, so "reject all" restores the order."""
        found: list[tuple[float, int, int]] = []
        taken_old: set[int] = set()
        taken_new: set[int] = set()
        for b, new in enumerate(news):
            wanted = self.pairs.get(_norm(new.text), set())
            for a, old in enumerate(olds):
                if a in taken_old or not _compatible(old, new):
                    continue
                if _norm(old.text) in wanted:
                    found.append((2.0, a, b))
                    taken_old.add(a)
                    taken_new.add(b)
                    break
        groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        for a, old in enumerate(olds):
            if a in taken_old or old.kind not in ("p", "tbl", "tr"):
                continue
            if old.kind == "p" and _norm(old.text) in self.removed:
                continue  # a removed (or moved away) item: a whole deletion
            groups.setdefault((old.kind, old.style), ([], []))[0].append(a)
        for b, new in enumerate(news):
            if b in taken_new or (new.kind, new.style) not in groups:
                continue
            if new.kind == "p" and _norm(new.text) in self.added:
                continue  # a new (or moved here) item: a whole insertion
            groups[(new.kind, new.style)][1].append(b)
        for old_idx, new_idx in groups.values():
            similar = pair_similar(
                [olds[a].text for a in old_idx],
                [news[b].text for b in new_idx],
                threshold=_PAIR_THRESHOLD,
            )
            found += [(score, old_idx[x], new_idx[y]) for x, y, score in similar.pairs]
        return _increasing(found)

    def changed(self, old: _Unit, new: _Unit) -> list[Element]:
        if old.kind == "p" and new.kind == "p" and _simple(old.element) and _simple(new.element):
            return [self.paragraph(old.element, new.element)]
        if old.kind == "tbl" and new.kind == "tbl":
            return [self.table(old.element, new.element)]
        if old.kind == "tr" and new.kind == "tr":
            row = self.table_row(old.element, new.element)
            if row is not None:
                return [row]
        return self.deleted(old) + self.inserted(new)

    def table(self, old: Element, new: Element) -> Element:
        rows_old = old.findall(q("tr"))
        rows_new = new.findall(q("tr"))
        merged = self.blocks(rows_old, rows_new)
        for row in rows_new:
            new.remove(row)
        for row in merged:
            new.append(row)
        return new

    def table_row(self, old: Element, new: Element) -> Element | None:
        cells_old, cells_new = old.findall(q("tc")), new.findall(q("tc"))
        if len(cells_old) != len(cells_new):
            return None
        for cell_old, cell_new in zip(cells_old, cells_new, strict=True):
            content_old = [c for c in cell_old if local(c) != "tcPr"]
            content_new = [c for c in cell_new if local(c) != "tcPr"]
            merged = self.blocks(content_old, content_new)
            for child in content_new:
                cell_new.remove(child)
            for child in merged:
                cell_new.append(child)
        return new

    def paragraph(self, old: Element, new: Element) -> Element:
        """The newer paragraph with its words against the older as w:del / w:ins runs."""
        from lxml import etree

        old_pieces, new_pieces = _pieces(old), _pieces(new)
        old_text = "".join(c for c, _ in old_pieces)
        new_text = "".join(c for c, _ in new_pieces)
        out = etree.Element(q("p"), attrib=dict(new.attrib))
        ppr = new.find(q("pPr"))
        if ppr is not None:
            out.append(copy.deepcopy(ppr))
        if _style(old) != _style(new):
            self.style_change(out, old)
        starts = [copy.deepcopy(e) for e in new if local(e) == "bookmarkStart"]
        ends = [copy.deepcopy(e) for e in new if local(e) == "bookmarkEnd"]
        for element in starts:
            out.append(element)
        i = j = 0
        for segment in word_diff(old_text, new_text):
            size = len(segment.text)
            if segment.op is Op.EQUAL:
                for run in _runs(new_pieces[j : j + size], deleted=False):
                    out.append(run)
                i, j = i + size, j + size
            elif segment.op is Op.DELETE:
                wrapper = self.mark("del")
                for run in _runs(old_pieces[i : i + size], deleted=True):
                    wrapper.append(run)
                out.append(wrapper)
                i += size
            else:
                wrapper = self.mark("ins")
                for run in _runs(new_pieces[j : j + size], deleted=False):
                    wrapper.append(run)
                out.append(wrapper)
                j += size
        for element in ends:
            out.append(element)
        return out


def _compatible(old: _Unit, new: _Unit) -> bool:
    return old.kind == new.kind and old.kind in ("p", "tbl", "tr")


def _increasing(found: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Best pairs first, keeping only those in the same order on both sides."""
    chosen: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, a, b in sorted(found, key=lambda item: (-item[0], item[1], item[2])):
        if a in used_old or b in used_new:
            continue
        if all((a < x) == (b < y) for x, y in chosen):
            chosen.append((a, b))
            used_old.add(a)
            used_new.add(b)
    return sorted(chosen)


def _simple(paragraph: Element) -> bool:
    for child in paragraph:
        if local(child) not in _SIMPLE_P:
            return False
        if local(child) == "r":
            for part in child:
                if local(part) not in _SIMPLE_R:
                    return False
                if local(part) == "br" and part.get(q("type")) not in (None, "textWrapping"):
                    return False
    return True


Piece = tuple[str, Any]  # one character and the run properties (w:rPr or None) it had


def _pieces(paragraph: Element) -> list[Piece]:
    pieces: list[Piece] = []
    for run in paragraph.iter(q("r")):
        if run.find(q("footnoteReference")) is not None:
            pieces.append((NOTE, run))  # the whole run: it is the reference
            continue
        rpr = run.find(q("rPr"))
        for part in run:
            name = local(part)
            if name in ("t", "delText"):
                pieces += [(c, rpr) for c in part.text or ""]
            elif name == "tab":
                pieces.append(("\t", rpr))
            elif name == "br":
                pieces.append(("\n", rpr))
            elif name == "softHyphen":
                pieces.append((SOFT_HYPHEN, rpr))
    return pieces


def _runs(pieces: list[Piece], *, deleted: bool) -> list[Element]:
    """Runs for a stretch of characters, one per change of run properties. A footnote
    reference is its own run, kept as the newer document has it; a deleted one is left out
    (it points at the older document's footnotes)."""
    from lxml import etree

    runs: list[Element] = []
    current: Element | None = None
    current_rpr: Any = object()
    text_tag = q("delText") if deleted else q("t")
    for char, rpr in pieces:
        if char == NOTE:
            if not deleted:
                runs.append(copy.deepcopy(rpr))
            current, current_rpr = None, object()
            continue
        if current is None or rpr is not current_rpr:
            current = etree.Element(q("r"))
            if rpr is not None:
                current.append(copy.deepcopy(rpr))
            current_rpr = rpr
            runs.append(current)
        if char == "\t":
            etree.SubElement(current, q("tab"))
        elif char == SOFT_HYPHEN:
            etree.SubElement(current, q("softHyphen"))
        elif char == "\n":
            etree.SubElement(current, q("br"))
        else:
            last = current[-1] if len(current) else None
            if last is None or last.tag != text_tag:
                last = etree.SubElement(current, text_tag)
                last.set(XML_SPACE, "preserve")
                last.text = ""
            last.text = (last.text or "") + char
    return runs


def _to_deleted_text(run: Element) -> None:
    for part in run:
        if local(part) == "t":
            part.tag = q("delText")
        elif local(part) == "instrText":
            part.tag = q("delInstrText")


def _strip_foreign(element: Element) -> None:
    """Drop what refers to parts of the older document that the newer does not have:
    bookmarks (their names would clash), footnote references, hyperlink relationships."""
    for name in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd"):
        for node in list(element.iter(q(name))):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
    for ref in list(
        element.iter(q("footnoteReference"), q("endnoteReference"), q("commentReference"))
    ):
        run = ref.getparent()
        holder = run.getparent() if run is not None else None
        if run is not None and holder is not None:
            holder.remove(run)
    for link in list(element.iter(q("hyperlink"))):
        parent = link.getparent()
        if parent is None:
            continue
        for child in list(link):
            link.addprevious(child)
        parent.remove(link)
