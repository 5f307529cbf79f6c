"""Where a long Swedish word may break: soft hyphens, chosen here, the same in Word and
LibreOffice.

Automatic hyphenation breaks compounds at any syllable ("Krisbe-redskapschefer",
"verksam-hetschefsgrupperna"), hyphenates proper names ("Sjukvårdsregion Mel-lansverige") and
differs between Word and LibreOffice. So the .docx writer turns automatic hyphenation off in
the paragraphs it writes and marks the breaks itself:

- Compound boundaries first. Swedish joins most compounds with an *s*
  ("verksamhet·s·chef·s·grupperna", "krisberedskap·s·chefer", "erfarenhet·s·utbyte"), so a
  syllable break of the Swedish hyphenation patterns (pyphen's copy of LibreOffice's
  hyph_sv_SE) that follows an *s*, with at least four letters before and after, is
  taken as a boundary: "Krisberedskaps-chefer", "verksamhets-chefs-grupperna".
- A part still longer than :data:`LONG_PART` letters, or a long word with no boundary,
  may also break at its syllables, at least three letters from either end of the part.
- Words shorter than :data:`MIN_WORD`, words in capitals (abbreviations) and the protected
  names (the sjukvårdsregion's and its regions' names) are never broken; headings are not
  hyphenated at all (the writer does not ask).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

MIN_WORD = 10  # shorter words fit any column the documents have
LONG_PART = 14  # a compound part longer than this may break at its syllables too
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]+")
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")  # the only words that may break


@functools.lru_cache(maxsize=1)
def _dictionary() -> object:
    import pyphen  # type: ignore[import-untyped]

    return pyphen.Pyphen(lang="sv_SE", left=3, right=3)


@functools.lru_cache(maxsize=65_536)
def breaks(word: str) -> tuple[int, ...]:
    """The positions in ``word`` where it may break (see the module docstring)."""
    if len(word) < MIN_WORD or word.isupper():
        return ()
    positions: list[int] = list(_dictionary().positions(word.lower()))  # type: ignore[attr-defined]
    compounds = [p for p in positions if word[p - 1] in "sS" and p >= 4 and len(word) - p >= 4]
    chosen = set(compounds)
    edges = [0, *compounds, len(word)]
    for start, end in itertools.pairwise(edges):
        if end - start <= LONG_PART and compounds:
            continue
        chosen.update(p for p in positions if start + 3 <= p <= end - 3)
    return tuple(sorted(chosen))


class Hyphenator:
    """Soft hyphens for text, leaving the protected names whole."""

    def __init__(self, protected: Iterable[str] = ()) -> None:
        self.protected = frozenset(w for name in protected for w in _WORD.findall(name))

    def parts(self, text: str) -> list[str]:
        """``text`` cut at the places a soft hyphen goes (joined back, it is ``text``)."""
        out: list[str] = []
        last = 0
        for match in _LONG_WORD.finditer(text):
            word = match.group()
            if word in self.protected:
                continue
            for position in breaks(word):
                cut = match.start() + position
                out.append(text[last:cut])
                last = cut
        out.append(text[last:])
        return out
