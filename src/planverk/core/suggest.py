"""Did-you-mean suggestions for misspelt keys, ids and values."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word``, or None when nothing is close enough."""
    pool = list(candidates)
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if match:
        return match[0]
    folded = {c.casefold(): c for c in pool}
    return folded.get(word.casefold())


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A Swedish hint naming the closest candidate, or None."""
    match = closest(word, candidates)
    return f"Menade du '{match}'?" if match else None


_WORD = re.compile(r"[a-zåäöé]{4,}")


def stems(text: str) -> set[str]:
    """Crude Swedish word stems: the first five letters of each word of four or more."""
    return {word[:5] for word in _WORD.findall(text.casefold())}


def nearest_by_words(query: str, candidates: dict[str, str]) -> str | None:
    """The candidate key whose text shares the most word stems with ``query``, if any."""
    wanted = stems(query)
    best, best_score = None, 0.0
    for key, text in candidates.items():
        have = stems(text)
        if not have:
            continue
        score = len(wanted & have) / len(wanted | have)
        if score > best_score:
            best, best_score = key, score
    return best
