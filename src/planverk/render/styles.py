"""Word styles of the dokumentmall, looked up once by name.

python-docx's ``add_paragraph(style=...)`` scans styles.xml on every call; the writer instead
resolves each style name to its styleId here, once per document. A style the region's
dokumentmall lacks is copied from planverk's default dokumentmall (with its list numbering),
so a bare template still gives real bullet lists and a table of contents.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(slots=True)
class StyleMap:
    """Style name (case-insensitive) → styleId for one document, filled on demand."""

    document: DocxDocument
    ids: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    _fallback: Any = None

    def __post_init__(self) -> None:
        self.ids = _index(self.document.styles.element)

    def id(self, name: str, *, copy_missing: bool = True) -> str | None:
        """The styleId of the style called ``name``, copied in from the default if missing."""
        key = name.casefold()
        found = self.ids.get(key)
        if found is not None or not copy_missing:
            return found
        if self._copy(name):
            return self.ids.get(key)
        self.missing.append(name)
        return None

    def _copy(self, name: str) -> bool:
        if self._fallback is None:
            import io

            from docx import Document

            from planverk.render.default_template import build

            self._fallback = Document(io.BytesIO(build()))
        source_styles = self._fallback.styles.element
        source_ids = _index(source_styles)
        style_id = source_ids.get(name.casefold())
        if style_id is None:
            return False
        self._copy_style(style_id, source_styles, source_ids)
        return True

    def _copy_style(self, style_id: str, source_styles: Any, source_ids: dict[str, str]) -> None:
        target = self.document.styles.element
        if any(s.get(_q("styleId")) == style_id for s in target.iterfind(_q("style"))):
            return
        element = next(
            s for s in source_styles.iterfind(_q("style")) if s.get(_q("styleId")) == style_id
        )
        clone = copy.deepcopy(element)
        # Styles it builds on come along (Tabellrubrik is based on Tabelltext, ...).
        for tag in ("basedOn", "next", "link"):
            ref = clone.find(_q(tag))
            if ref is not None:
                wanted = ref.get(_q("val"))
                if wanted and wanted not in self.ids.values():
                    if any(
                        s.get(_q("styleId")) == wanted for s in source_styles.iterfind(_q("style"))
                    ):
                        self._copy_style(wanted, source_styles, source_ids)
                    else:
                        clone.remove(ref)
        num_id = clone.find(f"{_q('pPr')}/{_q('numPr')}/{_q('numId')}")
        if num_id is not None:
            num_id.set(_q("val"), self._copy_numbering(num_id.get(_q("val")) or "0"))
        target.append(clone)
        name = clone.find(_q("name"))
        if name is not None:
            self.ids[(name.get(_q("val")) or style_id).casefold()] = style_id
        self.ids[style_id.casefold()] = style_id

    def _copy_numbering(self, source_num_id: str) -> str:
        """Copy a list definition from the default dokumentmall; return its new numId."""
        source = self._fallback.part.numbering_part.element
        num = next(n for n in source.iterfind(_q("num")) if n.get(_q("numId")) == source_num_id)
        abstract_id = num.find(_q("abstractNumId")).get(_q("val"))
        abstract = next(
            a
            for a in source.iterfind(_q("abstractNum"))
            if a.get(_q("abstractNumId")) == abstract_id
        )
        target = self.document.part.numbering_part.element
        new_abstract = str(
            1
            + max(
                (int(a.get(_q("abstractNumId"))) for a in target.iterfind(_q("abstractNum"))),
                default=0,
            )
        )
        new_num = str(
            1 + max((int(n.get(_q("numId"))) for n in target.iterfind(_q("num"))), default=0)
        )
        clone = copy.deepcopy(abstract)
        clone.set(_q("abstractNumId"), new_abstract)
        for child in clone.findall(_q("nsid")) + clone.findall(_q("tmpl")):
            clone.remove(child)
        # abstractNum elements come before num elements in numbering.xml.
        nums = target.findall(_q("num"))
        if nums:
            nums[0].addprevious(clone)
        else:
            target.append(clone)
        num_clone = copy.deepcopy(num)
        num_clone.set(_q("numId"), new_num)
        num_clone.find(_q("abstractNumId")).set(_q("val"), new_abstract)
        target.append(num_clone)
        return new_num

    def new_list_instance(self, style_id: str) -> str | None:
        """A fresh numbering instance of a list style (an ordered list that restarts at 1)."""
        styles = self.document.styles.element
        style = next(
            (s for s in styles.iterfind(_q("style")) if s.get(_q("styleId")) == style_id), None
        )
        num_id = (
            style.find(f"{_q('pPr')}/{_q('numPr')}/{_q('numId')}") if style is not None else None
        )
        if num_id is None:
            return None
        numbering = self.document.part.numbering_part.element
        num = next(
            (
                n
                for n in numbering.iterfind(_q("num"))
                if n.get(_q("numId")) == num_id.get(_q("val"))
            ),
            None,
        )
        if num is None:
            return None
        new_num = str(1 + max(int(n.get(_q("numId"))) for n in numbering.iterfind(_q("num"))))
        clone = numbering.makeelement(_q("num"), {_q("numId"): new_num})
        abstract = numbering.makeelement(
            _q("abstractNumId"), {_q("val"): num.find(_q("abstractNumId")).get(_q("val"))}
        )
        clone.append(abstract)
        override = numbering.makeelement(_q("lvlOverride"), {_q("ilvl"): "0"})
        override.append(numbering.makeelement(_q("startOverride"), {_q("val"): "1"}))
        clone.append(override)
        numbering.append(clone)
        return new_num


def _index(styles_element: Any) -> dict[str, str]:
    ids: dict[str, str] = {}
    for style in styles_element.iterfind(_q("style")):
        style_id = style.get(_q("styleId"))
        if not style_id:
            continue
        name = style.find(_q("name"))
        ids.setdefault(style_id.casefold(), style_id)
        if name is not None and name.get(_q("val")):
            ids[name.get(_q("val")).casefold()] = style_id
    return ids
