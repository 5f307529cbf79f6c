"""Word-by-word difference of two texts, cleaned up so a reader sees whole words change."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from planverk.diff.model import Op, Segment

# A number range ("2021–2024") is one word, so a new period reads as one replacement.
_TOKEN = re.compile(r"\d+(?:[-–—]\d+)+|\w+|[^\w\s]|\s+")


def tokens(text: str) -> list[str]:
    """Words, single punctuation marks and whitespace runs; joined they give ``text`` back."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """The words of ``text`` for similarity: lower case, no whitespace or punctuation."""
    return [
        token.casefold() for token in _TOKEN.findall(text) if token[0].isalnum() or token[0] == "_"
    ]


def whitespace_only(old: str, new: str) -> bool:
    """True when the texts differ only in spaces, tabs or line breaks."""
    return old != new and old.split() == new.split()


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The segments that turn ``old`` into ``new``, word by word.

    Joining the EQUAL and DELETE segments gives ``old``; EQUAL and INSERT give ``new``.
    """
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Segment(Op.EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment(Op.DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return _tidy(_absorb_gaps(raw))


def _absorb_gaps(segments: list[Segment]) -> list[Segment]:
    """Fold a whitespace-only EQUAL between two changes into them, so "[-a b-]{+c d+}" reads
    as one replacement instead of "[-a-]{+c+} [-b-]{+d+}"."""
    out: list[Segment] = []
    for index, seg in enumerate(segments):
        changed_before = index > 0 and segments[index - 1].op is not Op.EQUAL
        changed_after = index + 1 < len(segments) and segments[index + 1].op is not Op.EQUAL
        if seg.op is Op.EQUAL and not seg.text.strip() and changed_before and changed_after:
            out.append(Segment(Op.DELETE, seg.text))
            out.append(Segment(Op.INSERT, seg.text))
        else:
            out.append(seg)
    return out


def _tidy(segments: list[Segment]) -> tuple[Segment, ...]:
    """Merge neighbours of the same kind, order each change as delete-then-insert, and move
    a leading space of a pure insertion or deletion to its end ("x{+ y+} z" -> "x {+y +}z")."""
    merged: list[Segment] = []
    pending: dict[Op, str] = {Op.DELETE: "", Op.INSERT: ""}

    def flush() -> None:
        for op in (Op.DELETE, Op.INSERT):
            if pending[op]:
                merged.append(Segment(op, pending[op]))
                pending[op] = ""

    for seg in segments:
        if seg.op is Op.EQUAL:
            flush()
            if merged and merged[-1].op is Op.EQUAL:
                merged[-1] = Segment(Op.EQUAL, merged[-1].text + seg.text)
            elif seg.text:
                merged.append(seg)
        else:
            pending[seg.op] += seg.text
    flush()
    return tuple(_slide_spaces(merged))


def _slide_spaces(segments: list[Segment]) -> list[Segment]:
    out = list(segments)
    for index in range(1, len(out) - 1):
        before, change, after = out[index - 1], out[index], out[index + 1]
        if before.op is not Op.EQUAL or after.op is not Op.EQUAL or change.op is Op.EQUAL:
            continue
        text, left, right = change.text, before.text, after.text
        while text and right and text[0].isspace() and text[0] == right[0]:
            left, text, right = left + text[0], text[1:] + text[0], right[1:]
        out[index - 1], out[index], out[index + 1] = (
            Segment(Op.EQUAL, left),
            Segment(change.op, text),
            Segment(Op.EQUAL, right),
        )
    return [seg for seg in out if seg.text]


@lru_cache(maxsize=4096)  # the layout asks up to three times per change
def similarity(old: str, new: str) -> float:
    """Share of words the two texts have in common, in order (0.0 to 1.0)."""
    a, b = words(old), words(new)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def inline(segments: tuple[Segment, ...]) -> str:
    """``[-gammalt-]{+nytt+}`` notation, as `git diff --word-diff` prints it."""
    parts: list[str] = []
    for seg in segments:
        if seg.op is Op.EQUAL:
            parts.append(seg.text)
        elif seg.op is Op.DELETE:
            parts.append(f"[-{seg.text}-]")
        else:
            parts.append(f"{{+{seg.text}+}}")
    return "".join(parts)
