"""Count the changes each view of `planverk diff` reports, per kind of item and change.

text, md and json are read as a reader (or a program) would read them; the Word document's
tracked changes are read back with python-docx/lxml: a paragraph inserted or deleted whole, a
paragraph with words inserted and deleted (the changed words only years: a change of years;
the number of a paragraph's heading: a renumbering), and a deleted and an inserted paragraph
with the same text: a move. The counts are (item, change) -> number of items, so the four can
be compared with each other and with the edits that were made.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

Counts = Counter[tuple[str, str]]

NOUNS = ("punkt", "aktivitet", "avsnitt", "mål", "rubrik", "åtgärd", "fokusområde")
_KIND_WORDS = {
    "ny": "tillagd",
    "nytt": "tillagd",
    "nya": "tillagd",
    "borttagen": "borttagen",
    "borttaget": "borttagen",
    "borttagna": "borttagen",
    "omformulerad": "omformulerad",
    "omformulerat": "omformulerad",
    "omformulerade": "omformulerad",
    "flyttad": "flyttad",
    "flyttat": "flyttad",
    "flyttade": "flyttad",
    "omnumrerad": "omnumrerad",
    "omnumrerat": "omnumrerad",
}
_SUFFIXES = {"med ändrade årtal": "årtal-ändrade"}
_ENTRY_TEXT = re.compile(r"^\s*([A-ZÅÄÖ][^:]*?): ")
_ENTRY_MD = re.compile(r"^\s*- \*\*([^*]+?):\*\* ")
_ANNOTATION = re.compile(r"\((nytt?|nya) (avsnitt|rubrik|fokusområde|mål)\)$|\((utgår)\)$")


def _phrase(phrase: str) -> list[tuple[str, str]]:
    """ "Flyttad och omformulerad punkt" -> [("punkt", "flyttad"), ("punkt", "omformulerad")]."""
    words = phrase.casefold()
    kinds: list[str] = []
    for suffix, kind in _SUFFIXES.items():
        if suffix in words:
            kinds.append(kind)
            words = words.replace(suffix, "")
    tokens = re.findall(r"[a-zåäöé-]+", words)
    noun = next((t for t in tokens if t in NOUNS), None)
    if noun is None:
        return []
    kinds += [_KIND_WORDS[t] for t in tokens if t in _KIND_WORDS]
    return [(noun, kind) for kind in kinds]


def text_counts(text: str) -> Counts:
    counts: Counts = Counter()
    for line in text.splitlines()[1:]:
        stripped = line.strip()
        entry = _ENTRY_TEXT.match(line)
        if entry is not None:
            counts.update(_phrase(entry.group(1)))
        elif stripped.startswith("nummer: "):
            counts[("avsnitt", "omnumrerad")] += 1
        else:
            annotation = _ANNOTATION.search(stripped)
            if annotation is not None:
                counts[_annotated(annotation)] += 1
    return counts


def md_counts(text: str) -> Counts:
    counts: Counts = Counter()
    for line in text.splitlines():
        entry = _ENTRY_MD.match(line)
        if entry is not None:
            counts.update(_phrase(entry.group(1)))
        elif line.strip().startswith("- *nummer:* "):
            counts[("avsnitt", "omnumrerad")] += 1
        elif line.startswith("#"):
            annotation = _ANNOTATION.search(line.strip())
            if annotation is not None:
                counts[_annotated(annotation)] += 1
    return counts


def _annotated(match: re.Match[str]) -> tuple[str, str]:
    if match.group(3):
        return ("avsnitt", "borttagen")
    return (match.group(2), "tillagd")


def json_counts(text: str) -> Counts:
    data = json.loads(text)
    return Counter((c["element"], c["kind"]) for c in data["changes"])


def folded(text: str) -> int:
    """How many texts the headline says were folded (their years follow the plan period)."""
    match = re.search(r"(\d+) texte?r? där bara årtalen följer planperioden", text)
    return int(match.group(1)) if match else 0


_YEARS = re.compile(r"^[\s\d–-]*$")
_NUMBER = re.compile(r"^[\d.]+$")


def docx_counts(path: Path, item: str) -> Counts:
    """The tracked changes of a Word document as (item, change) counts; ``item`` is what a
    list paragraph is ("punkt" in a verksamhetsplan, "aktivitet" in an aktivitetsplan)."""
    body = Document(str(path)).element.body
    counts: Counts = Counter()
    inserted: list[str] = []
    deleted: list[str] = []
    in_new_heading = in_gone_heading = False
    for paragraph in body.iter(qn("w:p")):
        style = _style(paragraph)
        mark = _paragraph_mark(paragraph)
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"), qn("w:delText")))
        heading = style.startswith("Heading") or style.startswith("Rubrik")
        if mark is None:
            in_new_heading = in_gone_heading = False
            words_in = [_text(e, "t") for e in paragraph if e.tag == qn("w:ins")]
            words_out = [_text(e, "delText") for e in paragraph if e.tag == qn("w:del")]
            if not words_in and not words_out:
                continue
            changed = [w for w in (*words_in, *words_out) if w.strip()]
            if heading and all(_NUMBER.match(w.strip()) for w in changed):
                counts[("avsnitt", "omnumrerad")] += 1
            elif heading:
                counts[("avsnitt", "omformulerad")] += 1
            elif all(_YEARS.match(w) for w in changed):
                counts[(item, "årtal-ändrade")] += 1
            else:
                counts[(item, "omformulerad")] += 1
            continue
        if heading:
            if mark == "ins":
                counts[("avsnitt", "tillagd")] += 1
                in_new_heading, in_gone_heading = True, False
            else:
                counts[("avsnitt", "borttagen")] += 1
                in_new_heading, in_gone_heading = False, True
            continue
        if (mark == "ins" and in_new_heading) or (mark == "del" and in_gone_heading):
            continue  # the text of a new (or removed) paragraph
        if not style.startswith("List"):
            continue
        (inserted if mark == "ins" else deleted).append(" ".join(text.split()))
    for text in list(inserted):
        if text in deleted:
            inserted.remove(text)
            deleted.remove(text)
            counts[(item, "flyttad")] += 1
    counts[(item, "tillagd")] += len(inserted)
    counts[(item, "borttagen")] += len(deleted)
    return +counts


def _style(paragraph: object) -> str:
    ppr = paragraph.find(qn("w:pPr"))  # type: ignore[attr-defined]
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return str(style.get(qn("w:val"))) if style is not None else ""


def _paragraph_mark(paragraph: object) -> str | None:
    ppr = paragraph.find(qn("w:pPr"))  # type: ignore[attr-defined]
    rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
    if rpr is None:
        return None
    if rpr.find(qn("w:ins")) is not None:
        return "ins"
    if rpr.find(qn("w:del")) is not None:
        return "del"
    return None


def _text(element: object, tag: str) -> str:
    return "".join(t.text or "" for t in element.iter(qn(f"w:{tag}")))  # type: ignore[attr-defined]
